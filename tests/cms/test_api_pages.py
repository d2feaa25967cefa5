"""Every page type over API v2 and v3: the same fields and shapes in both (and in the export),
the home page's sections, tags as objects, v3's filters, and absolute URLs from the host the
request came to."""

import json
import re

import pytest

from django.core.management import call_command

from wagtail.documents.models import Document
from wagtail.rich_text import RichText

from cms.models import SiteSettings
from feedback.models import FeedbackFormPage
from home.models import StandardPage
from news.models import NewsIndexPage, NewsRubric
from partners.models import PartnerDirectoryPage
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
)
from tests.feedback.helpers import make_feedback_page

NEWS = "news.NewsPage"


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def same_version(data):
    """v3's answer with its links to /api/v3/ read as /api/v2/: detail URLs of items inside
    a page point at the API version the client asked."""
    return json.loads(json.dumps(data).replace("/api/v3/", "/api/v2/"))


def page_fields(model):
    return [field.name for field in model.api_fields]


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    """The module's images (`site_rows`) outlive each test."""
    return tmp_path_factory.mktemp("api-pages")


@pytest.fixture(scope="module")
def site_rows(django_db_setup, django_db_blocker, files_folder):
    """`site`'s rows, built once for the module; each test changes them in its own savepoint."""
    with kept_for_the_module(django_db_blocker, files_folder):
        home = make_home()
        yield build_site(
            home, make_news_index(home), NewsRubric.objects.create(name="Конкурсы"),
            make_directory(home),
        )  # fmt: skip


@pytest.fixture
def site(site_rows, db):
    """A home page with everything its blocks show, a text page with every body block: fresh
    copies from the database of `site_rows`."""
    return {name: fresh(item) for name, item in site_rows.items()}


def build_site(home, news_index, rubric, directory):
    home.intro = "Добро пожаловать в библиотеку"
    publish(home)
    news_index.intro = "Что у нас нового"
    publish(news_index)
    directory.intro = "С кем мы работаем"
    publish(directory)
    news = make_news(
        news_index, title="Летние чтения", tags=["лето", "Чтение"], rubric=rubric,
        image=make_image("Читальный зал"),
    )  # fmt: skip
    make_slide(
        "Неделя книги", subtitle="В марте", button_text="Подробнее", link_url="https://example.org/"
    )
    make_promo("Проект «Читаем вместе»", group="projects")
    make_promo("Конкурс чтецов", group="contests")
    make_partner(
        "ЦСДБ Минска", featured=True, city="Минск", country="Беларусь",
        website="https://example.org/minsk",
    )  # fmt: skip
    document = Document.objects.create(title="Правила", file=text_file("rules.txt"))
    about = add_page(
        home,
        StandardPage(
            title="О библиотеке",
            lead="Библиотека для детей и молодёжи",
            body=[
                ("paragraph", RichText(
                    f'<p>См. <a linktype="page" id="{news.pk}">новость</a> и '
                    f'<a linktype="document" id="{document.pk}">правила</a>.</p>'
                )),
                ("image", {"image": make_image("Фасад"), "alt": "Фасад", "caption": "Здание"}),
                ("gallery", {"title": "Фото", "images": [
                    {"image": make_image("Зал"), "alt": "", "caption": "Зал"},
                ]}),
                ("quote", {"text": "Книга — друг", "author": "Читатель"}),
                ("video", {"url": "https://rutube.ru/video/1/", "title": "Экскурсия"}),
                ("document", {"document": document, "title": "Скачать правила"}),
            ],
        ),
    )  # fmt: skip
    form = make_feedback_page(home)
    form.intro = "Напишите нам"
    publish(form)
    return {
        "home": home, "news": news, "about": about, "form": form, "document": document,
        "news_index": news_index, "rubric": rubric,
    }  # fmt: skip


def text_file(name):
    from django.core.files.base import ContentFile

    return ContentFile(b"rules", name=name)


PAGE_TYPES = {
    "home": ["intro", "news_count", "sections"],
    "about": ["lead", "body"],
    "news": ["date", "lead", "rubric", "tags", "main_image", "body", "related_news",
             "partners", "comment_count", "decide_together"],
    "form": ["intro", "thank_you_text", "consent_page"],
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_each_page_type_has_the_same_fields_in_v2_and_v3(client, site, name):
    page = site[name]
    v2 = get(client, f"/api/v2/pages/{page.pk}/")
    v3 = same_version(get(client, f"/api/v3/pages/{page.pk}/"))
    assert page_fields(type(page.specific)) == PAGE_TYPES[name]
    for field in PAGE_TYPES[name]:
        assert field in v2 and v2[field] == v3[field], field
    for meta in ("detail_url", "html_url"):
        assert v2["meta"][meta] and v3["meta"][meta]
    assert v3["meta"]["html_url"] == v2["meta"]["html_url"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [NewsIndexPage, PartnerDirectoryPage])
def test_listing_pages_give_their_intro_in_v2_and_v3(client, site, model):
    page = model.objects.get()
    v2 = get(client, f"/api/v2/pages/{page.pk}/")
    v3 = get(client, f"/api/v3/pages/{page.pk}/")
    assert v2["intro"] == v3["intro"] == page.intro != ""


@pytest.mark.django_db
def test_feedback_page_gives_its_texts_and_consent_page(client, site):
    form = site["form"]
    data = get(client, f"/api/v2/pages/{form.pk}/")
    assert data["intro"] == "Напишите нам"
    assert data["thank_you_text"] == FeedbackFormPage._meta.get_field("thank_you_text").default
    consent = form.consent_page
    assert data["consent_page"] == {
        "id": consent.pk, "title": consent.title, "html_url": f"http://testserver{consent.url}",
    }  # fmt: skip


@pytest.mark.django_db
def test_body_blocks_have_one_shape_in_v2_v3_and_the_export(client, site, tmp_path):
    about, news, document = site["about"], site["news"], site["document"]
    v2 = get(client, f"/api/v2/pages/{about.pk}/")["body"]
    v3 = get(client, f"/api/v3/pages/{about.pk}/")["body"]
    call_command("export_content", out=tmp_path, verbosity=0)
    exported = json.loads((tmp_path / "pages" / f"{about.pk}.json").read_text())["body"]
    assert v2 == v3 == exported
    assert [block["type"] for block in v2] == [
        "paragraph", "image", "gallery", "quote", "video", "document",
    ]  # fmt: skip
    paragraph, image, gallery, quote, video, download = (block["value"] for block in v2)
    assert f'href="http://testserver{news.url}"' in paragraph
    assert f'href="http://testserver{document.url}"' in paragraph
    assert image["caption"] == "Здание" and image["image"]["alt"] == "Фасад"
    renditions = image["image"]["renditions"]
    assert {"large_jpeg", "large_webp"} <= set(renditions)
    assert renditions["large_webp"]["url"].startswith("http://testserver/media/")
    assert renditions["large_webp"]["width"] and renditions["large_webp"]["height"]
    assert gallery["title"] == "Фото" and gallery["images"][0]["caption"] == "Зал"
    assert quote == {"text": "Книга — друг", "author": "Читатель"}
    assert video == {"url": "https://rutube.ru/video/1/", "title": "Экскурсия"}
    assert download["document"]["url"] == f"http://testserver{document.url}"


# The ids of the home page's block headings (a slide's own title is an <h2> too).
BLOCK_HEADING = re.compile(
    r'<h2 id="(?:latest-news-heading|decide-heading|promo-\d+-home|partners-heading)">(.*?)</h2>'
)


def rendered_headings(html):
    """The home page's block headings as rendered, in order."""
    return [text.strip() for text in BLOCK_HEADING.findall(html)]


@pytest.mark.django_db
def test_home_sections_follow_the_page_with_its_headings(client, site):
    home = site["home"]
    sections = get(client, f"/api/v2/pages/{home.pk}/")["sections"]
    listed = get(client, "/api/v2/pages/", type="home.HomePage", fields="*")["items"]
    assert listed[0]["sections"] == sections
    assert [section["kind"] for section in sections] == [
        "slides", "news", "decide_together", "promos", "promos", "partners",
    ]  # fmt: skip
    html = client.get("/").content.decode()
    shown = [section["heading"] for section in sections if section["heading"]]
    assert shown == rendered_headings(html)
    assert shown == [
        "Новости", SiteSettings.objects.get().decide_title, "Наши проекты",
        "Актуальные конкурсы", "Наши партнеры",
    ]  # fmt: skip
    slides, news, decide, projects, contests, partners = sections
    listed = get(client, "/api/v2/slides/")["items"]
    assert slides["items"] == listed
    promos = get(client, "/api/v2/promos/")["items"]
    assert projects["group"] == "projects" and contests["group"] == "contests"
    by_group = sorted(promos, key=lambda promo: promo["group"] != "projects")
    assert projects["items"] + contests["items"] == by_group
    assert news["items"][0]["title"] == "Летние чтения"
    assert news["items"][0]["html_url"] == f"http://testserver{site['news'].url}"
    assert news["items"][0]["detail_url"] == f"http://testserver/api/v2/pages/{site['news'].pk}/"
    assert news["all_url"] == "http://testserver/novosti/"
    assert decide["text"] and "url" in decide
    partner = partners["items"][0]
    assert partner["short_name"] == "ЦСДБ Минска"
    assert partner["html_url"].startswith("http://testserver/biblioteki-partnyory/")
    assert partner["website"] == "https://example.org/minsk"
    assert partner["logo"]["renditions"]["medium_webp"]["url"].startswith("http://testserver/")


@pytest.mark.django_db
def test_home_sections_leave_out_what_the_page_hides(client, site):
    site_settings = SiteSettings.for_site(site["home"].get_site())
    site_settings.decide_enabled = False
    site_settings.save()
    make_slide("Черновик", live=False)
    sections = get(client, f"/api/v3/pages/{site['home'].pk}/")["sections"]
    assert "decide_together" not in [section["kind"] for section in sections]
    assert [item["title"] for item in sections[0]["items"]] == ["Неделя книги"]


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_tags_are_name_and_slug_and_the_slug_filters(client, site, version):
    news = site["news"]
    data = get(client, f"/api/{version}/pages/{news.pk}/")
    assert data["tags"] == [{"name": "Чтение", "slug": "chtenie"}, {"name": "лето", "slug": "leto"}]
    listing = get(client, f"/api/{version}/pages/", type=NEWS, tag="leto")["items"]
    assert [item["id"] for item in listing] == [news.pk]
    assert get(client, f"/api/{version}/pages/", type=NEWS, tag="zima")["items"] == []


@pytest.mark.django_db
def test_v3_page_listing_takes_the_news_filters_as_v2_does(client, site):
    import datetime

    make_news(site["news_index"], title="Зимняя", date=datetime.date(2020, 1, 5))

    def titles(version, **params):
        items = get(client, f"/api/{version}/pages/", type=NEWS, **params)["items"]
        return sorted(item["title"] for item in items)

    for params in [{"rubric": "konkursy"}, {"year": "2020"}, {"year": "2020", "month": "1"},
                   {"year": "2026", "month": "12"}, {"tag": "leto"}]:  # fmt: skip
        assert titles("v3", **params) == titles("v2", **params), params
    assert titles("v3", year="2020") == ["Зимняя"]
    assert titles("v3", rubric="konkursy") == ["Летние чтения"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/pages/?type=news.NewsPage&colour=red",
        "/api/v3/pages/?fields=*",
        "/api/v3/pages/?tag=leto",
        "/api/v3/pages/?type=home.StandardPage&year=2020",
        "/api/v3/partners/?colour=red",
        "/api/v3/slides/?group=projects",
        "/api/v3/promos/?featured=true",
    ],
)
def test_v3_refuses_query_parameters_it_does_not_take(client, site, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert re.search("[а-я]", response.json()["detail"])


@pytest.mark.django_db
def test_v3_partners_take_featured_and_search_as_v2_does(client, site):
    make_partner("Библиотека Томска", city="Томск")

    def names(version, **params):
        items = get(client, f"/api/{version}/partners/", **params)["items"]
        return sorted(item["short_name"] for item in items)

    assert names("v3", featured="true") == names("v2", featured="true") == ["ЦСДБ Минска"]
    assert names("v3", search="Томска") == names("v2", search="Томска") == ["Библиотека Томска"]


@pytest.mark.django_db
def test_openapi_lists_every_filter_and_types_page_fields(client, site):
    document = get(client, "/api/v3/openapi.json")

    def parameters(path):
        return {parameter["name"] for parameter in document["paths"][path]["get"]["parameters"]}

    assert {"type", "tag", "rubric", "year", "month", "search", "order"} <= parameters(
        "/api/v3/pages/"
    )
    assert {"country", "kind", "featured", "search"} <= parameters("/api/v3/partners/")
    schemas = document["components"]["schemas"]
    news = schemas["NewsPageSchema"]["properties"]
    body = json.dumps(news["body"])
    assert "ParagraphBlockData" in body and "GalleryBlockData" in body
    assert "ImageDataSchema" in json.dumps(news["main_image"])
    assert "RubricData" in json.dumps(news["rubric"]) and "TagData" in json.dumps(news["tags"])
    sections = json.dumps(schemas["HomePageSchema"]["properties"]["sections"])
    assert "NewsSectionData" in sections and "PartnersSectionData" in sections


HOST = "portal.example:8443"


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_urls_are_absolute_for_the_host_the_request_came_to(client, site, version):
    news = site["news"]
    data = client.get(f"/api/{version}/pages/{news.pk}/", HTTP_HOST=HOST).json()
    base = f"http://{HOST}/"
    assert data["meta"]["detail_url"] == f"{base}api/{version}/pages/{news.pk}/"
    assert data["meta"]["html_url"] == f"{base}novosti/{news.slug}/"
    assert data["main_image"]["renditions"]["large_jpeg"]["url"].startswith(f"{base}media/")
    parent = data["meta"]["parent"]["meta"]
    assert parent["detail_url"].startswith(base) and parent["html_url"] == f"{base}novosti/"
    listing = client.get(f"/api/{version}/pages/", {"type": NEWS}, HTTP_HOST=HOST).json()
    assert listing["items"][0]["meta"]["detail_url"].startswith(base)
    found = client.get(f"/api/{version}/pages/find/", {"html_path": news.url}, HTTP_HOST=HOST)
    assert found.status_code == 302
    assert found["Location"].startswith(f"{base}api/{version}/pages/{news.pk}/")
    partners = client.get(f"/api/{version}/partners/", HTTP_HOST=HOST).json()["items"]
    assert partners[0]["logo"]["renditions"]["thumbnail_webp"]["url"].startswith(base)


@pytest.mark.django_db
def test_wagtailapi_base_url_overrides_the_request_host(client, site, settings):
    settings.WAGTAILAPI_BASE_URL = "https://kemrsl.ru/ignored/path"
    news = site["news"]
    for version in ("v2", "v3"):
        data = client.get(f"/api/{version}/pages/{news.pk}/", HTTP_HOST=HOST).json()
        assert data["meta"]["detail_url"].startswith("https://kemrsl.ru/api/")
        assert data["main_image"]["renditions"]["large_jpeg"]["url"].startswith(
            "https://kemrsl.ru/media/"
        )
