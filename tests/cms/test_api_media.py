"""Images and documents in the API and the export: only those public content uses."""

import datetime
import json

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from wagtail.documents.models import Document
from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.models import SiteSettings
from home.models import StandardPage
from tests.conftest import (
    add_page,
    fresh,
    kept_for_the_module,
    make_directory,
    make_home,
    make_image,
    make_news,
    make_news_index,
    make_partner,
    make_promo,
    make_slide,
    publish,
    restrict,
)

WEEK = datetime.timedelta(days=7)


def make_document(title):
    return Document.objects.create(title=title, file=ContentFile(b"%PDF-1.4\n", name="doc.pdf"))


def body_with(image=None, document=None, linked=None):
    """A news body with an image block, a document block and a rich text document link."""
    body = [("paragraph", RichText("<p>Текст.</p>"))]
    if image:
        body.append(("image", {"image": image, "alt": "Фото", "caption": ""}))
    if document:
        body.append(("document", {"document": document, "title": "Скачать"}))
    if linked:
        link = f'<p>См. <a linktype="document" id="{linked.pk}">положение</a>.</p>'
        body.append(("paragraph", RichText(link)))
    return body


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    """The module's images and documents (`media_rows`) outlive each test."""
    return tmp_path_factory.mktemp("api-media")


@pytest.fixture(scope="module")
def media_rows(django_db_setup, django_db_blocker, files_folder):
    """`media`'s rows, built once for the module; each test changes them in its own savepoint."""
    with kept_for_the_module(django_db_blocker, files_folder):
        home = make_home()
        news_index = make_news_index(home)
        make_directory(home)
        yield build_media(home, news_index)


@pytest.fixture
def media(media_rows, db):
    """Public media (titled «Открыт…») and media that only hidden content uses («Секрет…»),
    read again from the database of `media_rows`."""
    return {
        "shown": {name: fresh(item) for name, item in media_rows["shown"].items()},
        "hidden": {name: fresh(item) for name, item in media_rows["hidden"].items()},
        "edited": fresh(media_rows["edited"]),
        "news_index": fresh(media_rows["news_index"]),
    }


def build_media(home, news_index):
    now = timezone.now()
    agreement = make_document("Открытый договор")
    partner = make_partner("ЦСДБ г. Минска", agreement_document=agreement)
    shown = {
        "news image": make_image("Открытое фото новости"),
        "body image": make_image("Открытое фото в тексте"),
        "body document": make_document("Открытое положение"),
        "linked document": make_document("Открытая ссылка на документ"),
        "page image": make_image("Открытое фото страницы"),
        "logo": partner.logo,
        "agreement": agreement,
        "slide image": make_slide("Открытый слайд").image,
        "promo image": make_promo("Открытое промо").image,
        "banner": make_image("Открытый баннер"),
    }
    make_news(
        news_index, title="Новость", image=shown["news image"],
        body=body_with(shown["body image"], shown["body document"], shown["linked document"]),
    )  # fmt: skip
    add_page(home, StandardPage(title="О нас", body=body_with(shown["page image"])))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.banner_image = shown["banner"]
    settings.save()

    hidden = {
        "draft image": make_image("Секретное фото черновика"),
        "draft body image": make_image("Секретное фото в черновике"),
        "draft document": make_document("Секретный документ черновика"),
        "draft linked document": make_document("Секретная ссылка черновика"),
        "private image": make_image("Секретное фото закрытой"),
        "revision image": make_image("Секретное фото правки"),
        "unused image": make_image("Секретное неиспользуемое фото"),
        "unused document": make_document("Секретный неиспользуемый документ"),
        "future slide image": make_slide("Секретный будущий", starts_at=now + WEEK).image,
        "expired slide image": make_slide(
            "Секретный прошедший", starts_at=now - 2 * WEEK, ends_at=now - WEEK
        ).image,
        "draft slide image": make_slide("Секретный черновик", live=False).image,
        "draft promo image": make_promo("Секретное", live=False).image,
        "draft partner logo": make_partner("Секретный партнёр", live=False).logo,
    }
    make_news(
        news_index, title="Черновик", live=False, image=hidden["draft image"],
        body=body_with(
            hidden["draft body image"], hidden["draft document"], hidden["draft linked document"]
        ),
    )  # fmt: skip
    restrict(make_news(news_index, title="Закрытая", image=hidden["private image"]))
    edited = make_news(news_index, title="Правка")
    edited.main_image = hidden["revision image"]
    edited.save_revision()  # a draft of a live page: not published
    return {"shown": shown, "hidden": hidden, "edited": edited, "news_index": news_index}


def listed(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return {item["title"] for item in response.json()["items"]}


def is_image(item):
    return not isinstance(item, Document)


LISTINGS = ["/api/v2/images/", "/api/v3/images/", "/api/v2/documents/", "/api/v3/documents/"]


@pytest.mark.django_db
def test_media_of_public_content_are_listed(client, media):
    images = {item.title for item in media["shown"].values() if is_image(item)}
    documents = {item.title for item in media["shown"].values() if not is_image(item)}
    for version in ("v2", "v3"):
        assert listed(client, f"/api/{version}/images/") == images
        assert listed(client, f"/api/{version}/documents/") == documents


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTINGS)
def test_nothing_hidden_is_in_media_listings(client, media, url):
    assert not [title for title in listed(client, url) if "Секрет" in title]
    assert not listed(client, url, search="Секретное")


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["draft image", "private image", "unused image"])
def test_searching_a_hidden_image_by_its_title_finds_nothing(client, media, name):
    title = media["hidden"][name].title
    for url in ("/api/v2/images/", "/api/v3/images/"):
        assert listed(client, url, search=title) == set(), url
    shown = media["shown"]["news image"].title
    assert shown in listed(client, "/api/v2/images/", search=shown)
    assert shown in listed(client, "/api/v3/images/", search=shown)


@pytest.mark.django_db
def test_searching_a_hidden_document_by_its_title_finds_nothing(client, media):
    title = media["hidden"]["draft document"].title
    for url in ("/api/v2/documents/", "/api/v3/documents/"):
        assert listed(client, url, search=title) == set(), url


HIDDEN_NAMES = [
    "draft image", "draft body image", "draft document", "draft linked document",
    "private image", "revision image", "unused image", "unused document",
    "future slide image", "expired slide image", "draft slide image", "draft promo image",
    "draft partner logo",
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("name", HIDDEN_NAMES)
def test_hidden_media_have_no_detail(client, media, name):
    item = media["hidden"][name]
    endpoint = "images" if is_image(item) else "documents"
    for version in ("v2", "v3"):
        response = client.get(f"/api/{version}/{endpoint}/{item.pk}/")
        assert response.status_code == 404, (version, response.status_code)
        assert response["Content-Type"].startswith("application/")
        assert response.json()


@pytest.mark.django_db
def test_shown_media_have_a_detail(client, media):
    for item in media["shown"].values():
        endpoint = "images" if is_image(item) else "documents"
        for version in ("v2", "v3"):
            response = client.get(f"/api/{version}/{endpoint}/{item.pk}/")
            assert response.status_code == 200, (version, item.title)
            assert response.json()["title"] == item.title


@pytest.mark.django_db
def test_image_of_a_draft_revision_is_listed_once_published(client, media):
    image = media["hidden"]["revision image"]
    publish(media["edited"].get_latest_revision_as_object())
    assert image.title in listed(client, "/api/v2/images/")
    assert client.get(f"/api/v3/images/{image.pk}/").status_code == 200


@pytest.mark.django_db
def test_unpublishing_a_page_takes_its_images_off_the_list(client, media):
    news = media["news_index"].get_children().get(title="Новость").specific
    news.unpublish()
    titles = listed(client, "/api/v2/images/")
    assert media["shown"]["news image"].title not in titles
    assert media["shown"]["body image"].title not in titles
    assert media["shown"]["page image"].title in titles


@pytest.mark.django_db
def test_export_has_the_media_of_public_content_only(media, tmp_path):
    call_command("export_content", out=tmp_path, verbosity=0)
    index = json.loads((tmp_path / "index.json").read_text())
    shown = media["shown"].values()
    assert sorted(index["endpoints"]["images"]["ids"]) == sorted(
        item.pk for item in shown if is_image(item)
    )
    assert sorted(index["endpoints"]["documents"]["ids"]) == sorted(
        item.pk for item in shown if not is_image(item)
    )
    everything = "".join(path.read_text() for path in tmp_path.rglob("*.json"))
    assert "Открытое фото новости" in everything
    assert "Секрет" not in everything
