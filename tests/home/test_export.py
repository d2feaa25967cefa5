"""export_content: the API's answers on disk, and nothing the API would not show."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command

from news.comments.models import CommentAttachment
from tests.conftest import make_image, make_news, make_partner, make_slide, restrict
from tests.news.comments_helpers import approved

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def site_content(news_index, directory, standard_page):
    news = make_news(news_index, title="Открытая новость", image=make_image("Фото"))
    draft = make_news(news_index, title="Секретный черновик", live=False)
    private = make_news(news_index, title="Секретная закрытая")
    restrict(private)
    make_partner("ЦСДБ г. Минска")
    make_partner("Секретный партнёр", live=False, logo=False)
    make_slide("Слайд")
    add_comments(news, draft, private)
    return news


def add_comments(news, draft, private):
    root = approved(
        news,
        comment="Открытый комментарий",
        user_email="secret-mail@example.org",
        ip_address="203.0.113.7",
    )
    CommentAttachment.objects.create(
        comment=root,
        kind="image",
        file=ContentFile(b"jpeg", name="a.jpg"),
        thumbnail=ContentFile(b"webp", name="t.webp"),
        size=4,
    )
    approved(news, comment="Открытый ответ", parent_id=root.pk)
    approved(news, comment="Секретный ожидающий", is_public=False)
    approved(news, comment="Секретный удалённый", is_public=False, is_removed=True)
    for page in (draft, private):
        approved(page, comment="Секретный комментарий скрытой новости")


@pytest.mark.django_db
def test_export_round_trips_with_the_same_content_the_api_serves(client, site_content, tmp_path):
    call_command("export_content", out=tmp_path, media=True, verbosity=0)
    index = json.loads((tmp_path / "index.json").read_text())
    for endpoint, data in index["endpoints"].items():
        for item_id in data.get("ids", []):
            exported = json.loads((tmp_path / endpoint / f"{item_id}.json").read_text())
            assert exported == client.get(f"/api/v2/{endpoint}/{item_id}/").json()
    settings_file = json.loads((tmp_path / "settings.json").read_text())
    assert settings_file == client.get("/api/v2/settings/").json()
    assert index["endpoints"]["partners"]["count"] == 1
    assert index["endpoints"]["comments"] == {"count": 2, "pages": [site_content.pk]}
    comments = json.loads((tmp_path / "comments" / f"{site_content.pk}.json").read_text())
    assert comments == client.get("/api/v2/comments/", {"page": site_content.pk}).json()


@pytest.mark.django_db
def test_export_leaves_out_drafts_private_pages_and_hidden_snippets(site_content, tmp_path):
    call_command("export_content", out=tmp_path, verbosity=0)
    everything = "".join(path.read_text() for path in tmp_path.rglob("*.json"))
    assert "Открытая новость" in everything and "Открытый ответ" in everything
    assert "Секрет" not in everything
    assert "secret-mail" not in everything and "203.0.113.7" not in everything


@pytest.mark.django_db
def test_export_copies_media_of_exported_images_only(site_content, tmp_path):
    call_command("export_content", out=tmp_path, media=True, verbosity=0)
    files = [path for path in (tmp_path / "media").rglob("*") if path.is_file()]
    assert any(path.suffix == ".webp" for path in files)
    assert any(path.suffix == ".jpg" for path in files)
    comment_files = sorted(path.suffix for path in (tmp_path / "comment-files").rglob("*"))
    assert comment_files == [".jpg", ".webp"]


@pytest.mark.django_db
def test_comments_of_a_busy_page_are_all_exported(client, news_index, tmp_path):
    news = make_news(news_index, title="Обсуждаемая")
    for number in range(45):
        approved(news, comment=f"Комментарий {number}")
    call_command("export_content", out=tmp_path, verbosity=0)
    exported = json.loads((tmp_path / "comments" / f"{news.pk}.json").read_text())
    assert exported["meta"] == {"total_count": 45}
    answers = [
        client.get("/api/v2/comments/", {"page": news.pk, "offset": offset}).json()
        for offset in (0, 20, 40)
    ]
    assert exported["items"] == [item for answer in answers for item in answer["items"]]


def test_api_can_be_switched_off():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    code = (
        "import django; django.setup();"
        "from django.urls import resolve, Resolver404;"
        "from django.urls import get_resolver;"
        "paths = [str(p.pattern) for p in get_resolver().url_patterns];"
        "print('api/v2/' in paths, 'api/v3/' in paths)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env | {"DJANGO_SETTINGS_MODULE": "cms.settings.test", "CMS_API_ENABLED": "false"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "False False", result.stderr
