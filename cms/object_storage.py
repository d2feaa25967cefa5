"""The storages of uploads in an S3-compatible bucket (cms/settings/object_storage.py names
them in STORAGES when AWS_STORAGE_BUCKET_NAME is set; cms.storage says which files are public).

A module of its own so that only a site with a bucket imports django-storages' S3 backend
and, with it, boto3, botocore and cryptography: Django imports a storage's class when the
storage is first used.
"""

from pathlib import PurePosixPath

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from django.utils.encoding import filepath_to_uri

from cms.storage import PUBLIC_PREFIXES

NO_URL = "This file is not accessible via a URL."

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
