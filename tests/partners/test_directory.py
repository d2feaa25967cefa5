import datetime

import pytest

from django.urls import reverse

from wagtail.documents.models import Document

from news.models import NewsPartner
from partners.models import Partner
from tests.conftest import make_news, make_partner, publish


@pytest.fixture
def partners(directory):
    return {
        "minsk": make_partner(
            "ЦСДБ г. Минска", city="Минск", country="Беларусь",
            agreement_date=datetime.date(2023, 6, 1), agreement_number="15/23",
            cooperation_areas="Обмен опытом\nСовместные конкурсы",
        ),
        "tomsk": make_partner("Томская ОДЮБ", region="Томская область"),
        "altai": make_partner("Алтайская КДБ", city="Барнаул", region="Алтайский край"),
        "museum": make_partner("Музей книги", kind=Partner.OTHER, region="Томская область"),
        "draft": make_partner("Черновик партнёра", live=False),
    }  # fmt: skip


def names(response):
    return [partner.short_name for partner in response.context["partners"]]


@pytest.mark.django_db
def test_directory_groups_by_country_then_region(client, directory, partners):
    response = client.get(directory.url)
    # Within a region: the editors' order, then by name.
    assert names(response) == ["ЦСДБ г. Минска", "Алтайская КДБ", "Музей книги", "Томская ОДЮБ"]
    html = response.content.decode()
    assert html.index("Беларусь") < html.index("Россия")
    assert html.index("Алтайский край") < html.index("Томская область")


@pytest.mark.django_db
def test_directory_heading_counts_in_russian_plural(client, directory, partners):
    html = client.get(directory.url).content.decode()
    assert "3 библиотеки-партнёра и 1 организация-партнёр" in html
    assert (
        "1 библиотека-партнёр"
        in client.get(directory.url, {"country": "Беларусь"}).content.decode()
    )


@pytest.mark.django_db
def test_thirteen_libraries_heading(client, directory):
    for number in range(13):
        make_partner(f"Библиотека {number}", logo=False)
    assert "13 библиотек-партнёров" in client.get(directory.url).content.decode()


@pytest.mark.django_db
def test_filters_by_country_and_kind(client, directory, partners):
    assert names(client.get(directory.url, {"country": "Беларусь"})) == ["ЦСДБ г. Минска"]
    assert names(client.get(directory.url, {"kind": "other"})) == ["Музей книги"]
    both = client.get(directory.url, {"country": "Россия", "kind": "library"})
    assert names(both) == ["Алтайская КДБ", "Томская ОДЮБ"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"country": "Марс"}, {"kind": "zzz"}, {"country": "x" * 500}])
def test_unknown_filter_values_give_an_empty_list_not_an_error(client, directory, partners, query):
    response = client.get(directory.url, query)
    assert response.status_code == 200
    assert names(response) == []
    assert "По выбранному фильтру партнёров не найдено" in response.content.decode()


@pytest.mark.django_db
def test_draft_partner_is_not_listed_and_has_no_page(client, directory, partners):
    assert "Черновик партнёра" not in client.get(directory.url).content.decode()
    assert client.get(f"{directory.url}{partners['draft'].slug}/").status_code == 404
    assert client.get(f"{directory.url}net-takogo/").status_code == 404


@pytest.mark.django_db
def test_partner_page_shows_agreement_document_contacts_and_news(client, directory, partners):
    partner = partners["minsk"]
    partner.agreement_document = Document.objects.create(
        title="Соглашение", file=make_pdf("soglashenie.pdf")
    )
    partner.website = "https://example.by/"
    partner.address = "Минск, ул. Примерная, 1"
    partner.save_revision().publish()
    html = client.get(f"{directory.url}{partner.slug}/").content.decode()
    assert partner.slug == "csdb-g-minska"
    assert "№ 15/23 от 1 июня 2023 г." in html
    assert "<li>Совместные конкурсы</li>" in html
    assert ">Текст соглашения</a>" in html
    assert "Минск, ул. Примерная, 1" in html
    assert 'href="https://example.by/"' in html


def make_pdf(name):
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", name=name)


@pytest.mark.django_db
def test_news_and_partners_link_both_ways(client, directory, news_index, partners):
    news = make_news(news_index, title="Соглашение с Минском")
    news.news_partners = [NewsPartner(partner=partners["minsk"])]
    publish(news)
    make_news(news_index, title="Другая новость")

    news_html = client.get(news.url).content.decode()
    assert f'href="{directory.url}csdb-g-minska/"' in news_html
    partner_html = client.get(f"{directory.url}csdb-g-minska/").content.decode()
    assert "Соглашение с Минском" in partner_html
    assert "Другая новость" not in partner_html


@pytest.mark.django_db
def test_partner_news_never_lists_drafts(client, directory, news_index, partners):
    news = make_news(news_index, title="Будущая новость", live=False)
    news.news_partners = [NewsPartner(partner=partners["minsk"])]
    news.save_revision()
    assert "Будущая новость" not in client.get(f"{directory.url}csdb-g-minska/").content.decode()


@pytest.mark.django_db
def test_draft_partner_is_not_shown_on_news(client, directory, news_index, partners):
    news = make_news(news_index, title="Новость")
    news.news_partners = [NewsPartner(partner=partners["draft"])]
    publish(news)
    assert "Черновик партнёра" not in client.get(news.url).content.decode()


@pytest.mark.django_db
def test_featured_partners_form_the_home_carousel(client, directory, partners):
    partners["minsk"].featured = True
    partners["minsk"].save_revision().publish()
    html = client.get("/").content.decode()
    assert "Наши партнеры" in html
    assert f'href="{directory.url}csdb-g-minska/"' in html
    assert "Томская ОДЮБ" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_admin_exports_partners(editor, partners, export_format):
    url = reverse("wagtailsnippets_partners_partner:list")
    response = editor.get(url, {"export": export_format})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        text = content.decode("utf-8-sig")
        assert "ЦСДБ г. Минска" in text
        assert "Черновик партнёра" in text  # staff see drafts too
    else:
        assert content[:2] == b"PK"


@pytest.mark.django_db
def test_admin_filters_and_searches_partners(editor, partners):
    url = reverse("wagtailsnippets_partners_partner:list")
    html = editor.get(url, {"country": "Беларусь"}).content.decode()
    assert "ЦСДБ г. Минска" in html
    assert "Томская ОДЮБ" not in html
