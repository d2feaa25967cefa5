"""The file storages a backup holds, walked through the storage API (local folders or object
storage alike). The kernel's media is here; apps add theirs with register_storage()."""

from dataclasses import dataclass

from django.core.files.storage import default_storage


@dataclass(frozen=True)
class BackedUpStorage:
    name: str  # its folder in the archive: files/<name>/…
    storage: object
    skip_prefixes: tuple = ()  # temporary files that a restored site does not need

    def walk(self, prefix=""):
        """Every stored file's name, folders first-to-last in name order, skipped ones left out."""
        try:
            folders, files = self.storage.listdir(prefix)
        except FileNotFoundError:  # a local folder that no upload has made yet
            return
        for file_name in sorted(files):
            if not self.skipped(prefix + file_name):
                yield prefix + file_name
        for folder in sorted(folders):
            if not self.skipped(f"{prefix}{folder}/"):
                yield from self.walk(f"{prefix}{folder}/")

    def skipped(self, name):
        return name.startswith(self.skip_prefixes)

    def is_empty(self):
        return next(self.walk(), None) is None


# Wagtail's images (originals and renditions) and documents.
BACKED_UP = {"media": BackedUpStorage("media", default_storage)}


def register_storage(name, storage, skip_prefixes=()):
    """Files in `storage` go into every backup, under files/`name`/."""
    BACKED_UP[name] = BackedUpStorage(name, storage, tuple(skip_prefixes))


def backed_up_storages():
    return list(BACKED_UP.values())
