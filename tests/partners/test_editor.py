"""Editors add a partner with its agreement, feature it, and change the banner."""

import pytest

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.models import SiteSettings
from news.models import NewsPage
from partners.models import Partner
from tests.conftest import make_image, make_partner
from tests.news.test_editor import news_form


def partner_form(**fields):
    return {
        "full_name": "Новосибирская областная детская библиотека им. А. М. Горького",
        "short_name": "НОДБ им. Горького",
        "slug": "",
        "kind": "library",
        "logo": make_image("Логотип НОДБ").pk,
        "description": "Партнёр по летнему чтению.",
        "featured": "on",
        "country": "Россия",
        "region": "Новосибирская область",
        "city": "Новосибирск",
        "address": "",
        "website": "https://example.org/",
        "latitude": "55.030204",
        "longitude": "82.920430",
        "agreement_date": "2026-11-20",
        "agreement_number": "42",
        "agreement_document": Document.objects.create(
            title="Соглашение с НОДБ", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="nodb.pdf")
        ).pk,
        "cooperation_areas": "Летнее чтение",
        **fields,
    }


@pytest.mark.django_db
def test_editor_adds_a_featured_partner_and_readers_see_it(editor, directory):
    data = partner_form() | {"action-publish": "action-publish"}
    response = editor.post(reverse("wagtailsnippets_partners_partner:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    partner = Partner.objects.get()
    assert partner.live and partner.slug == "nodb-im-gorkogo"

    reader = editor.__class__()
    assert "НОДБ им. Горького" in reader.get("/").content.decode()  # the carousel
    assert "НОДБ им. Горького" in reader.get(directory.url).content.decode()
    html = reader.get(f"{directory.url}nodb-im-gorkogo/").content.decode()
    assert "№ 42 от 20 ноября 2026 г." in html
    assert ">Текст соглашения</a>" in html


@pytest.mark.django_db
def test_saving_a_partner_as_draft_keeps_it_off_the_site(editor, directory):
    response = editor.post(reverse("wagtailsnippets_partners_partner:add"), partner_form())
    assert response.status_code == 302
    assert not Partner.objects.get().live
    assert "НОДБ им. Горького" not in editor.__class__().get(directory.url).content.decode()


@pytest.mark.django_db
def test_bad_coordinates_are_refused_with_the_form_kept(editor, directory):
    data = partner_form(latitude="123")
    response = editor.post(reverse("wagtailsnippets_partners_partner:add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Убедитесь, что это значение меньше либо равно 90." in html
    assert 'value="НОДБ им. Горького"' in html


@pytest.mark.django_db
def test_editor_changes_the_banner_in_site_settings(editor, home):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", site.pk])
    form = editor.get(url).context["form"]
    data = {
        name: field.initial if field.initial is not None else ""
        for name, field in form.fields.items()
    }
    data |= {name: value for name, value in form.initial.items() if value is not None}
    data |= {
        "banner_enabled": "on",
        "banner_text": "Пушкинская карта: билеты со скидкой",
        "banner_url": "https://example.org/pushkin",
        "decide_enabled": "on",
        "age_mark": "6+",
    }
    data = {k: v for k, v in data.items() if v is not False}
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SiteSettings.for_site(site).banner_text == "Пушкинская карта: билеты со скидкой"
    html = editor.__class__().get("/").content.decode()
    assert "Пушкинская карта: билеты со скидкой" in html
    assert 'href="https://example.org/pushkin"' in html


@pytest.mark.django_db
def test_partner_preview_renders(editor, directory):
    url = reverse("wagtailsnippets_partners_partner:preview_on_add")
    assert editor.post(url, partner_form()).json()["is_valid"]
    assert "НОДБ им. Горького" in editor.get(url).content.decode()


@pytest.mark.django_db
def test_editor_names_partners_in_a_news_item(editor, directory, news_index):
    minsk = make_partner("ЦСДБ г. Минска", city="Минск", country="Беларусь")
    form = news_form(make_image()) | {"action-publish": "publish"}
    form |= nested_form_data({"news_partners": inline_formset([{"partner": minsk.pk}])})
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    response = editor.post(url, form)
    assert response.status_code == 302, response["Location"]
    news = NewsPage.objects.get()
    assert list(news.visible_partners()) == [minsk]
    assert "ЦСДБ г. Минска" in editor.__class__().get(news.url).content.decode()
