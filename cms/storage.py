"""Where uploaded files live: the local disk by default, S3-compatible object storage when
AWS_STORAGE_BUCKET_NAME is set (cms/settings/object_storage.py builds STORAGES).

Two kinds of files, two rules:
- public media (images, their renditions, editors' avatars) are read by browsers straight
  from their URL in the bucket;
- everything else is never read from the bucket by browsers: documents go through
  Wagtail's serve view (collection restrictions), comment files through the comment file
  view (shown comments).
"""

from pathlib import Path, PurePosixPath

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.encoding import filepath_to_uri

NO_URL = "This file is not accessible via a URL."


class SettingFolderStorage(FileSystemStorage):
    """Files in the folder a setting names, read at each use (tests move it per test), with
    no URL: only a view that checks who may read a file serves it."""

    def __init__(self, setting, **kwargs):
        self.setting = setting
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return Path(getattr(settings, self.setting))

    @property
    def location(self):
        return str(self.base_location.resolve())

    @property
    def base_url(self):
        return None


# Where Wagtail puts what browsers read straight from the bucket: originals, renditions and
# editors' avatars. Anything else in the bucket (documents/) is private.
PUBLIC_PREFIXES = ("original_images/", "images/", "avatar_images/")


def public_read_policy(bucket):
    """The bucket policy that lets anyone read the public media of `bucket`, and nothing
    else (README, «Object storage»)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": ["s3:GetObject"],
                "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in PUBLIC_PREFIXES],
            }
        ],
    }


# The bucket sends each object with the type it was stored with, and django-storages guesses
# it from the name with mimetypes, which knows WebP only from the system's /etc/mime.types.
IMAGE_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


class PublicMediaStorage(S3Storage):
    """The default storage in a bucket. `default_acl` (AWS_DEFAULT_ACL, e.g. public-read,
    where the service has object ACLs) is given to public media only; documents are stored
    private and reach readers through Wagtail's serve view.

    `public_url` (MEDIA_URL) prefixes the names of unsigned URLs: the same address botocore
    would build, without its endpoint rules, which cost 0.16 ms a URL (a news listing
    shows about fifty)."""

    def get_default_settings(self):
        return super().get_default_settings() | {"public_url": None}

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.querystring_auth or not self.public_url or parameters or http_method:
            return super().url(name, parameters, expire, http_method)
        return self.public_url + filepath_to_uri(self._normalize_name(clean_name(name)))

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        suffix = PurePosixPath(name).suffix.lower()
        if suffix in IMAGE_TYPES and "ContentType" not in parameters:
            parameters["ContentType"] = IMAGE_TYPES[suffix]
        if self.default_acl and "ACL" not in parameters:
            relative = name.removeprefix(f"{self.location}/") if self.location else name
            public = relative.startswith(PUBLIC_PREFIXES)
            parameters["ACL"] = self.default_acl if public else "private"
        return parameters


class PrivateStorage(S3Storage):
    """Comment files in a bucket: never an ACL (an object without one is private on every
    service), never a URL."""

    default_acl = None

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        parameters.pop("ACL", None)
        return parameters

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError(NO_URL)


class StorageAlias:
    """`storages[alias]` as one object that a FileField and other code can hold. Each use
    looks the storage up again (Django keeps it made), so the object follows STORAGES when
    tests override it, as `default_storage` does."""

    def __init__(self, alias):
        self.alias = alias

    def __getattr__(self, name):
        if name.startswith("__") or name == "alias":  # copy and pickle probe; not made yet
            raise AttributeError(name)
        return getattr(storages[self.alias], name)
