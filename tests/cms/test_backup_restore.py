"""Back up and restore (cms/backup/, `manage.py backup_site` and `restore_site`).

The demo site, with a reader's comment carrying a PDF and a «Решаем вместе» request, is
backed up from the test's database and restored into an empty installation: a fresh SQLite
file or PostgreSQL database and empty file folders, in a process of its own under production
settings. Everything comes back, and gunicorn serves the restored site. Restore refuses a
site with content (unless --force) and an archive it cannot restore faithfully.
"""

import io
import json
import os
import re
import secrets
import subprocess
import sys
import tarfile
import time
from urllib.parse import urlsplit

import psycopg
import pytest
import requests

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import FileField
from django.utils.functional import LazyObject, empty

from wagtail.images.models import Image

from cms.backup import database
from cms.backup.storages import backed_up_storages
from feedback.models import FeedbackFormPage, FeedbackRequest
from news.comments.models import CommentAttachment, ReaderComment, comment_file_storage
from news.models import NewsPage
from tests.cms.backup_facts import facts
from tests.conftest import load_demo, make_image, make_news, use_bucket
from tests.feedback.helpers import reset_rate_limit, valid_data
from tests.news.comments_helpers import comment_data
from tests.s3_stand_in import keys, new_bucket
from tooling.gunicorn import Gunicorn, port_is_taken
from tooling.production import ROOT, production_env

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PORTS = range(8300, 8350)  # this piece's range on the project's machines


def manage(env, *command):
    """`manage.py command` in the restored installation's environment: (exit code, output)."""
    result = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result.returncode, result.stdout + result.stderr


def pdf_upload():
    return SimpleUploadedFile("Программа.pdf", PDF, content_type="application/pdf")


def json_facts():
    return json.loads(json.dumps(facts(), ensure_ascii=False, default=str))


def back_up(tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", archive, stdout=io.StringIO())
    return archive


@pytest.fixture
def demo_site(client):
    """The demo site plus a reader's approved comment with a PDF and a request."""
    load_demo()
    seed = NewsPage.objects.live().order_by("pk").first()
    posted = client.post(
        seed.url,
        comment_data(seed, comment="Спасибо, программа во вложении.")
        | {"attachments": [pdf_upload()]},
    )
    assert posted.status_code == 302
    ReaderComment.objects.update(is_public=True)
    reset_rate_limit()
    form = FeedbackFormPage.objects.get()
    assert client.post(form.url, valid_data(client, form)).status_code in (200, 302)
    assert FeedbackRequest.objects.count() == 1
    assert CommentAttachment.objects.filter(kind="pdf").count() == 1
    return seed


@pytest.fixture
def sqlite_target():
    if connection.vendor != "sqlite":
        pytest.skip("the suite runs on PostgreSQL: the PostgreSQL variant restores there")
    return None  # production_env's own: a SQLite file in the installation's folder


@pytest.fixture
def postgresql_target():
    """A fresh, empty PostgreSQL database on the suite's server; dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("needs the suite to run on PostgreSQL")
    server = urlsplit(os.environ["DATABASE_URL"])  # the test settings' PostgreSQL
    name = f"backup_restored_{secrets.token_hex(3)}"
    maintenance = server._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield server._replace(path=f"/{name}").geturl()
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore_and_serve(tmp_path, seed, database_url):
    """Back the test's site up, restore it into an empty installation, check it there."""
    expected = json_facts()
    started = time.monotonic()
    archive = back_up(tmp_path)
    backed_up = time.monotonic() - started

    folder = tmp_path / "restored"
    folder.mkdir()
    env = production_env(folder, database_url) | {"SERVE_MEDIA": "true", "CMS_CACHE_SECONDS": "0"}
    env.pop("REDIS_URL", None)
    static = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env
    )
    started = time.monotonic()
    status, output = manage(env, "restore_site", str(archive))
    restored = time.monotonic() - started
    assert status == 0, output
    print(
        f"\narchive {archive.stat().st_size / 1e6:.1f} MB, backup {backed_up:.1f} s, "
        f"restore {restored:.1f} s (with the process start): {output.strip()}"
    )

    status, output = manage(
        env, "shell", "-v0", "-c", "from tests.cms.backup_facts import print_facts; print_facts()"
    )
    assert status == 0, output
    assert json.loads(output) == expected
    assert expected["requests"] and expected["attachments"] and expected["documents"]

    assert static.wait() == 0
    port = next(port for port in PORTS if not port_is_taken(port))
    with Gunicorn(env, port, 1, folder / "gunicorn.log") as server:
        page = requests.get(server.base_url + seed.url, timeout=30)
        assert page.status_code == 200
        html = page.text
        for comment in ReaderComment.objects.all():
            assert comment.comment in html
        for attachment in CommentAttachment.objects.all():
            assert attachment.url in html
            served = requests.get(server.base_url + attachment.url, timeout=30)
            with comment_file_storage.open(attachment.file.name, "rb") as original:
                assert served.content == original.read()
        image = seed.main_image
        served = requests.get(server.base_url + image.file.url, timeout=30)
        with default_storage.open(image.file.name, "rb") as original:
            assert served.content == original.read()
        shown = re.findall(r'<img[^>]+src="(/media/images/[^"]+)"', html)
        assert shown, "the news page shows no rendition"
        assert all(requests.get(server.base_url + src, timeout=30).ok for src in shown)


@pytest.mark.django_db(transaction=True)
def test_sqlite_site_restored_into_an_empty_installation_is_whole_and_served(
    sqlite_target, demo_site, tmp_path
):
    restore_and_serve(tmp_path, demo_site, sqlite_target)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_site_restored_into_a_fresh_database_is_whole_and_served(
    postgresql_target, demo_site, tmp_path
):
    restore_and_serve(tmp_path, demo_site, postgresql_target)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_site_with_content_and_replaces_it_with_force(home, tmp_path):
    kept = make_image("В архиве")
    archive = back_up(tmp_path)
    added = make_image("После архива")

    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_site", archive, stdout=io.StringIO())
    output = io.StringIO()
    call_command("restore_site", archive, "--check", stdout=output)
    assert "is complete and can be restored here" in output.getvalue()
    assert Image.objects.count() == 2

    call_command("restore_site", archive, "--force", stdout=io.StringIO())
    assert list(Image.objects.values_list("title", flat=True)) == ["В архиве"]
    assert default_storage.exists(kept.file.name)
    assert added.file.name != kept.file.name


@pytest.mark.django_db(transaction=True)
def test_backups_into_a_folder_are_named_by_time_and_only_the_newest_are_kept(home, tmp_path):
    for older in ("site-20250101-033000.tar.gz", "site-20250102-033000.tar.gz"):
        (tmp_path / older).write_bytes(b"")
    (tmp_path / "notes.txt").write_text("не архив")

    call_command("backup_site", tmp_path, "--keep", "2", stdout=io.StringIO())
    kept = sorted(path.name for path in tmp_path.iterdir())
    assert len(kept) == 3 and kept[0] == "notes.txt" and kept[1] == "site-20250102-033000.tar.gz"
    assert re.fullmatch(r"site-\d{8}-\d{6}\.tar\.gz", kept[2])
    assert (tmp_path / kept[2]).stat().st_mode & 0o777 == 0o600


def with_manifest(archive, change):
    """A copy of the archive whose manifest `change` has edited."""
    changed = archive.with_name("changed.tar.gz")
    with tarfile.open(archive, "r:gz") as source, tarfile.open(changed, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    return changed


def newer_migration(manifest):
    manifest["migrations"]["news"].append("9999_from_newer_code")


def other_database_kind(manifest):
    manifest["database"]["kind"] = {"sqlite": "postgresql"}.get(connection.vendor, "sqlite")


def truncated(archive):
    cut = archive.with_name("cut.tar.gz")
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    return cut


def flipped_byte(archive):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged = archive.with_name("damaged.tar.gz")
    damaged.write_bytes(bytes(data))
    return damaged


@pytest.mark.parametrize(
    ("spoil", "refusal"),
    [
        (lambda archive: with_manifest(archive, newer_migration), "newer code.*9999_from_newer"),
        (lambda archive: with_manifest(archive, other_database_kind), "same kind of database"),
        (truncated, "damaged"),
        (flipped_byte, "damaged"),
    ],
    ids=["newer migrations", "other database kind", "truncated", "altered"],
)
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_an_archive_it_cannot_restore_faithfully_and_changes_nothing(
    home, tmp_path, spoil, refusal
):
    image = make_image("На сайте")
    archive = spoil(back_up(tmp_path))
    make_image("Добавлено после архива")

    with pytest.raises(CommandError, match=refusal):
        call_command("restore_site", archive, "--force", stdout=io.StringIO())
    assert Image.objects.count() == 2
    assert default_storage.exists(image.file.name)


@pytest.mark.django_db
def test_a_freshly_migrated_site_counts_as_empty_until_it_has_content(wagtail_roots):
    assert database.is_empty()
    make_image()
    assert not database.is_empty()


def test_files_of_a_storage_inside_another_are_backed_up_once_by_their_own(settings):
    settings.COMMENTS_FILES_ROOT = settings.MEDIA_ROOT / "comment-files"
    default_storage.save("documents/programma.pdf", ContentFile(PDF))
    comment_file_storage.save("reader.pdf", ContentFile(PDF))
    comment_file_storage.save("staged/refused.pdf", ContentFile(PDF))

    walked = {backed.name: list(backed.walk()) for backed in backed_up_storages()}
    assert walked == {"media": ["documents/programma.pdf"], "comment-files": ["reader.pdf"]}


@pytest.mark.django_db(transaction=True)
def test_a_site_in_object_storage_is_restored_into_an_empty_bucket(
    object_storage, news_index, client, settings, monkeypatch, tmp_path
):
    """Media and comment files share the bucket (comment files under their prefix), as the
    README lays it out; each file goes into the archive once and back to its place."""
    article = make_news(news_index, title="Новость с фото", image=make_image())
    posted = client.post(article.url, comment_data(article) | {"attachments": [pdf_upload()]})
    assert posted.status_code == 302
    stored = keys(object_storage.endpoint, object_storage.bucket)
    assert any(key.startswith("comment-files/") for key in stored)

    archive = back_up(tmp_path)
    with tarfile.open(archive) as tar:
        # The bucket's key of each archived file: media at the top, comment files under theirs.
        archived = [
            name.removeprefix("files/media/").removeprefix("files/")
            for name in tar.getnames()
            if name.startswith("files/")
        ]
    assert sorted(archived) == stored

    endpoint = object_storage.endpoint
    empty = use_bucket(settings, monkeypatch, endpoint, new_bucket(endpoint))
    call_command("restore_site", archive, "--force", stdout=io.StringIO())
    assert keys(endpoint, empty.bucket) == stored


def real(storage):
    if isinstance(storage, LazyObject):
        if storage._wrapped is empty:
            storage._setup()
        return storage._wrapped
    return storage


def test_every_file_field_stores_into_a_backed_up_storage():
    backed_up = [real(backed.storage) for backed in backed_up_storages()]
    outside = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField) and not any(real(field.storage) is s for s in backed_up)
    ]
    assert outside == []
