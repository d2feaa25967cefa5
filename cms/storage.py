"""Where uploaded files live: the local disk by default, S3-compatible object storage when
AWS_STORAGE_BUCKET_NAME is set (cms/settings/object_storage.py builds STORAGES).

Two kinds of files, two rules:
- public media (images, their renditions, editors' avatars) are read by browsers straight
  from their URL in the bucket;
- everything else is never read from the bucket by browsers: documents go through
  Wagtail's serve view (collection restrictions), comment files through the comment file
  view (shown comments).

The bucket's storage classes are in cms.object_storage: django-storages' S3 backend brings in
boto3 and botocore (7 MB of every process; 16 MB where cryptography is installed too), which
a site on the local disk never needs.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


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
