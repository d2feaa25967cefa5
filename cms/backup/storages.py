"""The file storages a backup holds, walked through the storage API (local folders or object
storage alike). The kernel's media is here; apps add theirs with register_storage()."""

from dataclasses import dataclass
from pathlib import Path

from django.core.files.storage import default_storage


@dataclass(frozen=True)
class BackedUpStorage:
    name: str  # its folder in the archive: files/<name>/…
    storage: object
    skip_prefixes: tuple = ()  # temporary files that a restored site does not need

    def walk(self):
        """Every stored file's name, in name order. Left out: the skipped prefixes, and the
        place of another backed-up storage inside this one (comment files under their
        prefix of the media bucket), so that each file is backed up once, by its storage."""
        skipped = self.skip_prefixes + tuple(self.nested_places())
        return self.walk_folder("", skipped)

    def walk_folder(self, prefix, skipped):
        try:
            folders, files = self.storage.listdir(prefix)
        except FileNotFoundError:  # a local folder that no upload has made yet
            return
        for file_name in sorted(files):
            if not (prefix + file_name).startswith(skipped):
                yield prefix + file_name
        for folder in sorted(folders):
            if not f"{prefix}{folder}/".startswith(skipped):
                yield from self.walk_folder(f"{prefix}{folder}/", skipped)

    def nested_places(self):
        mine = place(self.storage)
        for other in BACKED_UP.values():
            theirs = place(other.storage)
            if mine and theirs and theirs != mine and theirs.startswith(mine):
                yield theirs.removeprefix(mine)

    def is_empty(self):
        return next(self.walk(), None) is None


def place(storage):
    """Where a storage keeps its files, comparable between storages: a bucket with its
    prefix, or a folder; None for a storage of another kind."""
    if bucket := getattr(storage, "bucket_name", None):
        location = storage.location.strip("/")
        return f"s3://{bucket}/{location}/" if location else f"s3://{bucket}/"
    if location := getattr(storage, "location", None):
        return f"{Path(location).resolve().as_posix().rstrip('/')}/"
    return None


# Wagtail's images (originals and renditions) and documents.
BACKED_UP = {"media": BackedUpStorage("media", default_storage)}


def register_storage(name, storage, skip_prefixes=()):
    """Files in `storage` go into every backup, under files/`name`/."""
    BACKED_UP[name] = BackedUpStorage(name, storage, tuple(skip_prefixes))


def backed_up_storages():
    return list(BACKED_UP.values())
