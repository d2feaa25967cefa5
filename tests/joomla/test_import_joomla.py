"""Moving in: the old Joomla site's dump, loaded into a real MariaDB, becomes our news,
rubrics, tags, images, comments and attachments, and its old addresses redirect (real HTTP
through the test client). Built once for the module: a dry run, the import from the dump
file (the command starts its own MariaDB), then a second run against the loaded server."""

import time
from io import StringIO
from types import SimpleNamespace
from urllib.parse import quote

import pytest

from django.core.management import CommandError, call_command

from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image

from joomla.models import ImportedItem
from joomla.source import connect_url, find_program
from news.comments.models import CommentAttachment, ReaderComment
from news.models import NewsPage, NewsRubric, NewsTag
from tests.conftest import kept_for_the_module, make_home, make_news_index

from .old_site import (
    BROKEN_HTML_ID,
    CYRILLIC_IDS,
    DRAFT_IDS,
    MISSING_IMAGE_ID,
    SEED_ID,
    SHORTCODE_ID,
    TRASHED_IDS,
    VIDEO_ID,
)

pytestmark = pytest.mark.django_db

MODELS = [NewsPage, NewsRubric, NewsTag, Image, ReaderComment, CommentAttachment, Redirect,
          ImportedItem]  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def ids():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def stored_files(folder):
    return sorted(str(path) for path in folder.rglob("*") if path.is_file())


def run(*args, **options):
    out, err = StringIO(), StringIO()
    call_command("import_joomla", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    """The imported images and attachments outlive each test."""
    return tmp_path_factory.mktemp("joomla-files")


@pytest.fixture(scope="module")
def imported(old_site, old_database, django_db_setup, django_db_blocker, files_folder):
    with kept_for_the_module(django_db_blocker, files_folder, PREPARE_RENDITIONS=False):
        home = make_home()
        index = make_news_index(home)
        # A rubric the editors made on the new site before launch: its namesake joins it.
        NewsRubric.objects.create(name="Конкурсы", slug="konkursy-biblioteki")
        folders = {"images": str(old_site.images), "komento_files": str(old_site.komento_files)}
        before = (counts(), stored_files(files_folder))
        clock = time.monotonic()
        dry_out, _ = run(database=old_database, dry_run=True, **folders)
        dry_seconds = time.monotonic() - clock
        after_dry_run = (counts(), stored_files(files_folder))
        started = time.monotonic()
        first_out, progress = run(str(old_site.dump), **folders)
        seconds = time.monotonic() - started
        first = (counts(), ids())
        clock = time.monotonic()
        second_out, _ = run(database=old_database, **folders)
        second_seconds = time.monotonic() - clock
        second = (counts(), ids())
        change_old_site(old_database)
        changed_out, _ = run(database=old_database, **folders)
        changed = (counts(), ids())
        yield SimpleNamespace(
            index=index, facts=old_site.facts, before=before, after_dry_run=after_dry_run,
            dry_out=dry_out, first_out=first_out, progress=progress, seconds=seconds,
            first=first, second=second, second_out=second_out,
            dry_seconds=dry_seconds, second_seconds=second_seconds,
            changed=changed, changed_out=changed_out,
        )  # fmt: skip


def change_old_site(url):
    """The old site, edited after the first import: one title and one comment."""
    with connect_url(url) as connection, connection.cursor() as cursor:
        cursor.execute("UPDATE jos_content SET title = 'Новость номер 2 (исправлено)' WHERE id = 2")
        cursor.execute("UPDATE jos_komento_comments SET comment = 'Исправлено' WHERE id = 1002")
        connection.commit()


def page_for(old_id):
    item = ImportedItem.objects.get(kind=ImportedItem.ARTICLE, old_id=str(old_id))
    return NewsPage.objects.get(pk=item.object_id)


def test_the_dry_run_writes_nothing_and_reports_what_would_come(imported):
    assert imported.after_dry_run == imported.before  # rows and files
    assert "Пробный прогон: ничего не записано." in imported.dry_out
    assert f"новости: {imported.facts['articles']} (создано 49, пропущено 2)" in imported.dry_out
    assert "комментарии: 200 (создано 200)" in imported.dry_out


def test_articles_become_news_under_the_index_drafts_stay_drafts(imported):
    facts = imported.facts
    news = NewsPage.objects.child_of(imported.index)
    assert news.count() == facts["imported_articles"] == 49
    assert news.live().count() == facts["live_articles"]
    assert set(news.not_live().values_list("title", flat=True)) == {
        f"Новость номер {n}" for n in DRAFT_IDS
    }
    for old_id in TRASHED_IDS:
        assert not ImportedItem.objects.filter(kind="article", old_id=str(old_id)).exists()
    assert "Перенос завершён." in imported.first_out
    assert "новости: 51 (создано 49, пропущено 2)" in imported.first_out
    progress = imported.progress.splitlines()  # every 25 items and the last
    assert [line for line in progress if line.startswith("новости")] == [
        "новости: 25 из 51", "новости: 50 из 51", "новости: 51 из 51",
    ]  # fmt: skip


def test_the_seed_article_keeps_its_title_text_date_and_thirteen_libraries(imported):
    page = page_for(SEED_ID)
    assert page.title == "Библиотека заключила новое соглашение о профессиональном сотрудничестве"
    assert page.date.isoformat() == "2023-06-01"
    assert page.lead.startswith("Библиотека подписала соглашение")
    text = "".join(block.value.source for block in page.body if block.block_type == "paragraph")
    assert "с 13 библиотеками" in text and "им. А. П. Гайдара (г. Москва)" in text
    assert "Восточно-Казахстанской областной библиотекой им. А. С. Пушкина" in text
    assert page.main_image.title == "Карта: Кемерово и Минск"
    assert page.main_image_alt == "Карта: Кемерово и Минск"
    assert sorted(page.tags.values_list("name", flat=True)) == imported.facts["tag_links"][SEED_ID]


def test_categories_become_rubrics_and_tags_come_along(imported):
    assert sorted(NewsRubric.objects.values_list("name", flat=True)) == [
        "Выставки", "Конкурсы", "Новости", "Проекты",
    ]  # fmt: skip
    assert NewsRubric.objects.get(name="Выставки").slug == "vystavki"
    assert NewsRubric.objects.get(name="Конкурсы").slug == "konkursy-biblioteki"
    catid = imported.facts["catid"]
    for old_id in (2, 3, 4, 6):
        page = page_for(old_id)
        expected = {8: "Новости", 9: "Конкурсы", 10: "Проекты", 11: "Выставки", 2: None}
        assert getattr(page.rubric, "name", None) == expected[catid[old_id]]
        assert (
            sorted(page.tags.values_list("name", flat=True))
            == (imported.facts["tag_links"][old_id])
        )
    assert NewsTag.objects.count() == imported.facts["tags"]


def test_html_is_cleaned_into_our_blocks(imported):
    video = page_for(VIDEO_ID)
    videos = [block.value for block in video.body if block.block_type == "video"]
    assert [v["url"] for v in videos] == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://vk.com/video-123_456",
    ]  # fmt: skip
    assert videos[0]["title"] == "Видеоотчёт"
    images = [block.value for block in video.body if block.block_type == "image"]
    assert [(i["image"].title, i["alt"]) for i in images] == [
        (f"Фото события {VIDEO_ID}", f"Фото события {VIDEO_ID}")
    ]
    for page in NewsPage.objects.all():
        for block in page.body:
            if block.block_type == "paragraph":
                assert "style=" not in block.value.source
                assert "{loadposition" not in block.value.source
                assert "<span" not in block.value.source and "<div" not in block.value.source
    broken = "".join(
        b.value.source for b in page_for(BROKEN_HTML_ID).body if b.block_type == "paragraph"
    )
    # As a browser reads it: the bold and italic go on into the paragraphs that follow.
    assert "<p>Незакрытый <b>жирный <i>курсив</i></b></p>" in broken
    assert "<p><b><i>новый абзац</i></b></p>" in broken and "пункт" in broken
    shortcode = page_for(SHORTCODE_ID)
    assert any(
        "Текст после модуля." in b.value.source
        for b in shortcode.body
        if b.block_type == "paragraph"
    )


def test_dropped_shortcodes_styles_and_missing_images_are_reported(imported):
    out = imported.first_out
    assert f"новость {SHORTCODE_ID} «Новость номер {SHORTCODE_ID}»:" in out
    assert "удалён шорткод {loadposition banner-pushkin}" in out
    assert "удалены встроенные стили" in out
    assert f"новость {MISSING_IMAGE_ID} «Новость номер {MISSING_IMAGE_ID}»:" in out
    assert "нет файла изображения images/news/lost-photo.jpg" in out


def test_images_are_uploaded_once_each_with_their_alt_text(imported):
    # One body photo per imported article, intro images of two in three, the seed's map.
    assert Image.objects.count() == ImportedItem.objects.filter(kind="image").count()
    intro = page_for(2)
    assert intro.main_image.title == "Анонс 2" and intro.main_image_alt == "Анонс 2"
    assert page_for(3).main_image is None  # 3 % 3 == 0: no intro image
    assert "изображения: " in imported.first_out


def test_comments_keep_their_threads_states_and_places(imported):
    facts = imported.facts
    comments = ReaderComment.objects.all()
    assert comments.count() == facts["comments"] == 200
    assert comments.approved().count() == facts["approved"]
    assert comments.pending().count() == facts["pending"]
    assert comments.removed().count() == facts["removed"]
    assert comments.filter(level=0).count() == facts["roots"]
    deep = [
        ReaderComment.objects.get(
            pk=ImportedItem.objects.get(kind="comment", old_id=str(n)).object_id
        )
        for n in facts["deep_thread"]
    ]
    assert [c.level for c in deep] == [1, 2, 2, 2]
    assert deep[1].parent_id == deep[0].pk and deep[2].parent_id == deep[0].pk
    assert len({c.thread_id for c in deep}) == 1
    placed = comments.exclude(latitude=None)
    assert placed.count() == facts["with_location"]
    assert {(str(c.latitude), str(c.longitude), c.place_name) for c in placed} == {
        ("55.35", "86.09", "Кемерово, Россия")
    }
    first = comments.get(pk=deep[0].parent_id)
    assert first.comment.startswith("Комментарий 1001: спасибо за новость!\nВторая строка.")
    assert (
        comments.filter(user_email="").count() == facts["no_email"] > 0
    )  # "не-почта" is not an address
    assert "ветка глубже, чем у нас" in imported.first_out


def test_ip_addresses_come_only_within_the_retention_period(imported):
    with_ip = ReaderComment.objects.exclude(ip_address=None)
    assert with_ip.count() == imported.facts["recent"] > 0
    old = ReaderComment.objects.filter(ip_address=None)
    assert old.count() == 200 - imported.facts["recent"]


def test_attachments_are_checked_by_content_as_our_uploads_are(imported):
    attachments = CommentAttachment.objects.all()
    assert attachments.count() == imported.facts["attachments"] == 20
    assert attachments.filter(kind="pdf").count() == 1
    picture = attachments.filter(kind="image").first()
    assert picture.file.name.endswith(".png") and picture.thumbnail.name.endswith(".webp")
    assert picture.original_name.startswith("рисунок-")
    assert "вложение отклонено" in imported.first_out


def test_a_second_run_changes_nothing(imported):
    counts_first, ids_first = imported.first
    counts_second, ids_second = imported.second
    assert counts_second == counts_first
    assert ids_second == ids_first
    assert "создано" not in imported.second_out.split("Предупреждения")[0]
    assert "обновлено" not in imported.second_out.split("Предупреждения")[0]


def test_a_run_after_the_old_site_changed_updates_and_duplicates_nothing(imported):
    counts_second, ids_second = imported.second
    assert imported.changed == (counts_second, ids_second)
    assert "новости: 51 (обновлено 1, без изменений 48, пропущено 2)" in imported.changed_out
    assert "комментарии: 200 (обновлено 1, без изменений 199)" in imported.changed_out
    page = page_for(2)
    assert page.title == "Новость номер 2 (исправлено)"
    assert page.revisions.count() == 2
    comment = ImportedItem.objects.get(kind="comment", old_id="1002")
    assert ReaderComment.objects.get(pk=comment.object_id).comment == "Исправлено"


def addresses_of(old_id, catpath, alias):
    alias = quote(alias)
    return [
        f"/{catpath}/{old_id}-{alias}",
        f"/index.php/{catpath}/{old_id}-{alias}",
        f"/{catpath}/{alias}",
        f"/component/content/article/{old_id}-{alias}?catid=3&Itemid=101",
        f"/index.php?option=com_content&view=article&id={old_id}",
        f"/index.php?option=com_content&view=article&id={old_id}:{alias}&catid=9&Itemid=101",
        f"/index.php?view=article&Itemid=7&id={old_id}&option=com_content",
        f"/{catpath}/{old_id}-{alias}.html",
        f"/index.php/{catpath}/{old_id}-{alias}.html?start=5",
    ]


@pytest.mark.parametrize("old_id", [SEED_ID, 2, 6, *sorted(CYRILLIC_IDS)[:2]])
def test_old_article_addresses_redirect_permanently_to_the_new_page(imported, client, old_id):
    catpaths = {8: "novosti", 9: "novosti/konkursy", 10: "novosti/proekty",
                11: "novosti/выставки", 2: "uncategorised"}  # fmt: skip
    catpath = quote(catpaths[imported.facts["catid"][old_id]])
    page = page_for(old_id)
    for address in addresses_of(old_id, catpath, imported.facts["alias"][old_id]):
        response = client.get(address)
        assert response.status_code == 301, address
        assert response["Location"] == page.url, address
        assert client.get(response["Location"]).status_code == 200


def test_menu_and_category_addresses_redirect_to_the_filtered_news(imported, client):
    index_url = imported.index.url
    konkursy = NewsRubric.objects.get(name="Конкурсы")
    category_query = "/index.php?option=com_content&view=category&layout=blog&id=9&Itemid=5"
    for address in ("/novosti/konkursy", "/index.php/novosti/konkursy", category_query):
        response = client.get(address)
        assert response.status_code == 301, address
        assert response["Location"] == f"{index_url}?rubric={konkursy.slug}"
        assert client.get(response["Location"]).status_code == 200
    seed = page_for(SEED_ID)
    assert client.get("/o-soglashenii").status_code == 301
    assert client.get("/o-soglashenii")["Location"] == seed.url
    assert (
        client.get(f"/novosti/{SEED_ID}-{imported.facts['alias'][SEED_ID]}")["Location"] == seed.url
    )


def test_addresses_no_import_covers_are_reported(imported, client):
    out = imported.first_out
    assert "Старые адреса без перенаправления" in out
    assert "/kontakty — пункт меню" in out
    trashed = min(TRASHED_IDS)
    assert f"/index.php?id={trashed}&option=com_content&view=article — новость в корзине" in out
    draft = min(DRAFT_IDS)
    assert f"id={draft}&option=com_content&view=article — новость перенесена черновиком" in out
    assert client.get(f"/index.php?option=com_content&view=article&id={trashed}").status_code == 404


def test_bad_input_is_a_clear_error_in_russian(imported, old_database, old_site, tmp_path):
    with pytest.raises(CommandError, match="нет таблицы wp_content"):
        run(database=old_database, prefix="wp_")
    with pytest.raises(CommandError, match="Нет файла дампа"):
        run(str(tmp_path / "none.sql"))
    with pytest.raises(CommandError, match="Нет папки"):
        run(database=old_database, images=str(tmp_path / "no-images"))
    with pytest.raises(CommandError, match="Лента новостей «/nowhere/» не найдена"):
        run(database=old_database, index="/nowhere/")
    with pytest.raises(CommandError, match="Не удалось подключиться к базе старого сайта"):
        run(database="mysql://root@localhost/none?unix_socket=/nonexistent.sock")
    garbage = tmp_path / "garbage.sql"
    garbage.write_text("CREATE TABLE (это не SQL;\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Не удалось загрузить дамп"):
        run(str(garbage))
    with pytest.raises(CommandError, match="установите пакет Debian «mariadb-server»"):
        find_program("mariadbd-of-another-world")
    assert counts() == imported.changed[0]


def test_the_index_can_be_chosen_by_its_address(imported, old_database):
    out, _ = run(database=old_database, index=imported.index.url, dry_run=True)
    assert "новости: 51 (без изменений 49, пропущено 2)" in out


def test_imported_news_read_through_the_api_as_news_made_here(imported, client):
    page = page_for(VIDEO_ID)
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert [block["type"] for block in data["body"]] == ["paragraph", "image", "video", "video"]
    assert data["body"][1]["value"]["image"]["alt"] == f"Фото события {VIDEO_ID}"
    assert data["rubric"]["name"] == "Выставки"
    assert data["comment_count"] == ReaderComment.objects.for_page(page).shown().count()


def test_the_import_stays_fast(imported):
    # The dump loaded into the command's own MariaDB, 49 news, 80 images, 200 comments.
    assert imported.seconds < 30
    assert imported.second_seconds < 5
