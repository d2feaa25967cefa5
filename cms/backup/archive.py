"""The backup archive: one tar.gz with the database copy, every stored file under
files/<storage>/, and manifest.json, written last, when every count is known.

Reading goes twice through the archive: first to check it whole (gzip's checksum, every
member the manifest counts) before anything is touched, then to restore it.
"""

import gzip
import io
import json
import os
import platform
import shutil
import tarfile
import tempfile
import time
import zlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.core.files import File
from django.core.management.base import CommandError
from django.utils import timezone

import wagtail

from . import database
from .storages import BACKED_UP, backed_up_storages

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
SPOOL_BYTES = 8 * 1024 * 1024  # a restored file larger than this waits on disk, not in memory


def write(path):
    """Back the site up into the archive at `path`; its manifest."""
    partial = path.with_name(path.name + ".partial")
    started = time.time()
    try:
        # The database's copy waits beside the archive, not in a /tmp that may be small.
        with tempfile.TemporaryDirectory(dir=path.parent) as scratch, private_file(partial) as raw:
            with tarfile.open(path.name, "w:gz", fileobj=raw) as tar:  # name: gzip's header
                # The database first, then the files: a file uploaded meanwhile is only an
                # extra; just a deletion meanwhile (rarer) could leave a row without its file.
                copy = database.copy_to(Path(scratch) / "database")
                tar.add(Path(scratch) / "database", arcname=copy.member, filter=owned_by_nobody)
                files = {}
                for backed in backed_up_storages():
                    files[backed.name] = add_files(tar, backed, started)
                manifest = make_manifest(copy, files)
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                tar.addfile(member_info(MANIFEST, len(data), started), fileobj=io.BytesIO(data))
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


@contextmanager
def private_file(path):
    """A new file only its owner may read: the archive holds readers' personal data."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "wb") as file:
        yield file


def add_files(tar, backed, mtime):
    count = size = 0
    for name in backed.walk():
        try:
            length = backed.storage.size(name)
            with backed.storage.open(name, "rb") as file:
                tar.addfile(member_info(f"{FILES}/{backed.name}/{name}", length, mtime), file)
        except FileNotFoundError:  # deleted since it was listed: its row went with it
            continue
        count += 1
        size += length
    return {"count": count, "bytes": size}


def member_info(name, size, mtime):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o600
    return info


def owned_by_nobody(info):
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    return info


def make_manifest(copy, files):
    return {
        "format": FORMAT,
        "created": timezone.now().isoformat(timespec="seconds"),
        "database": {
            "kind": copy.kind,
            "member": copy.member,
            "server_version": copy.server_version,
            "tool": copy.tool,
        },
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
        },
        "migrations": copy.migrations,
        "rows": copy.rows,
        "files": files,
    }


@dataclass
class Checked:
    """What reading the whole archive found."""

    manifest: dict
    size: int  # bytes of the archive


def check(path):
    """Read the whole archive; its manifest once it is complete, else CommandError."""
    files, others, manifest = Counter(), [], None
    for member, file in members(path):
        if member.name == MANIFEST:
            manifest = read_manifest(file)
        elif member.name.startswith(f"{FILES}/"):
            files[stored_name(member)[0]] += 1
        else:
            others.append(member.name)
    if manifest is None or manifest.get("format") != FORMAT:
        raise CommandError(f"{path} is not a site backup of format {FORMAT} (no manifest).")
    if manifest["database"]["member"] not in others:
        raise CommandError(f"{path} has no database copy: the archive is incomplete.")
    counted = {name: part["count"] for name, part in manifest["files"].items()}
    if +files != +Counter(counted):
        raise CommandError(f"{path} holds files {dict(files)}, its manifest says {counted}.")
    if unknown := set(files) - set(BACKED_UP):
        raise CommandError(f"{path} holds files of storages this site lacks: {sorted(unknown)}.")
    return Checked(manifest, path.stat().st_size)


def restore(path, manifest, overwrite=False, on_database=None):
    """Restore the database, then every file, from the archive check() has read."""
    with tempfile.TemporaryDirectory() as scratch:
        for member, file in members(path):
            if member.name == manifest["database"]["member"]:
                copy = Path(scratch) / "database"
                with open(copy, "wb") as target:
                    shutil.copyfileobj(file, target)
                database.restore_from(copy)
                copy.unlink()
                if on_database:
                    on_database()
            elif member.name.startswith(f"{FILES}/"):
                storage_name, name = stored_name(member)
                put(BACKED_UP[storage_name].storage, name, file, overwrite)


def put(storage, name, source, overwrite):
    with tempfile.SpooledTemporaryFile(SPOOL_BYTES) as spool:
        shutil.copyfileobj(source, spool)
        spool.seek(0)
        if overwrite and storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, File(spool, name=name))
    if saved != name:
        raise CommandError(f"{name} was stored as {saved}: the storage already had that name.")


def stored_name(member):
    """(storage, name in it) of a files/ member; a name leading out of the storage is refused."""
    _, storage_name, *parts = PurePosixPath(member.name).parts
    if not member.isfile() or not parts or ".." in parts:
        raise CommandError(f"The archive holds an unexpected member: {member.name!r}.")
    return storage_name, "/".join(parts)


def members(path):
    """(member, its file) one after another; damage (a cut-off or altered archive) is a
    CommandError, at the latest once gzip's checksum at the end has been read."""
    try:
        with gzip.open(path, "rb") as compressed:
            with tarfile.open(fileobj=compressed, mode="r|") as tar:
                for member in tar:
                    yield member, tar.extractfile(member)
            while compressed.read(1024 * 1024):  # to the end, where the checksum is
                pass
    except FileNotFoundError:
        raise CommandError(f"No archive at {path}.") from None
    except (OSError, EOFError, tarfile.TarError, zlib.error) as error:
        raise CommandError(f"{path} is damaged or not a site backup: {error}") from None


def read_manifest(file):
    try:
        return json.load(file)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        message = f"The archive is damaged: its manifest is unreadable ({error})."
        raise CommandError(message) from None
