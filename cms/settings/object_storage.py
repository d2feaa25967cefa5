"""S3-compatible object storage for uploads, from the environment (README, «Object storage»).

Unset AWS_STORAGE_BUCKET_NAME keeps everything on the local disk. Set, it puts Wagtail's
images, renditions and documents (the `default` storage) and the comment files (the
`comment_files` storage) in buckets of one S3-compatible service: Yandex Object Storage,
Selectel, VK Cloud, MinIO … Only public media are ever read from the bucket by browsers.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_str

ADDRESSING_STYLES = ("path", "virtual")


def object_storage_settings():
    """{"STORAGES": {...}, "MEDIA_URL": ...} for a bucket, or {} when none is configured."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return {}
    endpoint = env_str("AWS_S3_ENDPOINT_URL").rstrip("/")
    if not endpoint:
        raise ImproperlyConfigured(
            "AWS_S3_ENDPOINT_URL must be set with AWS_STORAGE_BUCKET_NAME, "
            "e.g. https://storage.yandexcloud.net."
        )
    style = env_str("AWS_S3_ADDRESSING_STYLE", "path")
    if style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"AWS_S3_ADDRESSING_STYLE must be path or virtual, not {style!r}."
        )
    # Here, not at the top: a site without a bucket never loads botocore (cms.object_storage).
    from botocore.config import Config

    connection = {
        "endpoint_url": endpoint,
        "region_name": env_str("AWS_S3_REGION_NAME") or None,
        "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
        "client_config": Config(
            s3={"addressing_style": style},
            signature_version="s3v4",
            # botocore 1.36+ adds CRC checksums to every upload by default, which several
            # S3-compatible services refuse: only where the operation requires one.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
            # A slow bucket must not hold a gunicorn worker for botocore's default minute.
            connect_timeout=5,
            read_timeout=30,
            retries={"mode": "standard", "max_attempts": 3},
        ),
        # Uploads get a free name (photo_AbC12.jpg) as on disk, never replace a file.
        "file_overwrite": False,
        # Files read through Django (documents, comment files, originals for renditions)
        # are held in memory up to this size, in a temporary file beyond.
        "max_memory_size": 5 * 1024 * 1024,
    }
    custom_domain = env_str("AWS_S3_CUSTOM_DOMAIN").strip("/") or None
    querystring_auth = env_bool("AWS_QUERYSTRING_AUTH", False)
    media = connection | {
        "bucket_name": bucket,
        "custom_domain": custom_domain,
        "querystring_auth": querystring_auth,
        "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 3600),
        "default_acl": env_str("AWS_DEFAULT_ACL") or None,
    }
    # Where browsers read public media: the Content-Security-Policy allows its origin.
    media_url = public_url(endpoint, bucket, style, custom_domain)
    media["public_url"] = None if querystring_auth else media_url
    comment_files = connection | {
        "bucket_name": env_str("COMMENTS_FILES_BUCKET") or bucket,
        "location": env_str("COMMENTS_FILES_PREFIX", "comment-files").strip("/"),
    }
    return {
        "STORAGES": {
            "default": {"BACKEND": "cms.object_storage.PublicMediaStorage", "OPTIONS": media},
            "comment_files": {
                "BACKEND": "cms.object_storage.PrivateStorage",
                "OPTIONS": comment_files,
            },
        },
        "MEDIA_URL": media_url,
    }


def public_url(endpoint, bucket, style, custom_domain):
    """The URL under which browsers read the bucket's objects, ending in a slash (as
    django-storages writes them: https for a custom domain)."""
    if custom_domain:
        return f"https://{custom_domain}/"
    if style == "path":
        return f"{endpoint}/{bucket}/"
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{bucket}.{parts.netloc}{parts.path}/"
