"""Where the header's «Пушкинская карта» banner leads: an external page, or a destination a
domain app registers (cms.banner) — the Афиша filtered to events the card pays for, while
the Афиша is published; otherwise the banner's link."""

import pytest

from django.core.exceptions import ValidationError

from wagtail.models import Site

from cms import banner
from cms.models import SiteSettings
from tests.events.helpers import make_event_index

CULTURE = "https://www.culture.ru/pushkinskaya-karta"
AFISHA = "afisha-pushkin"


@pytest.fixture
def site_settings(home):
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def banner_href(client):
    html = client.get("/").content.decode()
    start = html.find('class="pushkin-banner"')
    if start == -1:
        return None
    return html[start:].split('href="', 1)[1].split('"', 1)[0]


@pytest.mark.django_db
def test_the_events_app_offers_the_afisha_filtered_by_the_card(site_settings):
    choices = dict(banner.destination_choices())

    assert choices == {
        "url": "Внешняя страница (ссылка ниже)",
        AFISHA: "Афиша: события по «Пушкинской карте»",
    }
    field = SiteSettings._meta.get_field("banner_destination")
    assert dict(field.formfield().choices) == choices


@pytest.mark.django_db
def test_the_banner_leads_to_the_afisha_filtered_by_the_card(client, home, site_settings):
    make_event_index(home)
    site_settings.banner_destination = AFISHA
    site_settings.banner_url = CULTURE
    site_settings.full_clean()
    site_settings.save()

    assert banner_href(client) == "/afisha/?pushkin=1"
    api = client.get("/api/v2/settings/").json()["banner"]
    assert api["url"] == "http://testserver/afisha/?pushkin=1"
    assert api["destination"] == AFISHA
    assert api["external_url"] == CULTURE


@pytest.mark.django_db
def test_the_banner_falls_back_to_its_link_while_the_afisha_is_unpublished(
    client, home, site_settings
):
    make_event_index(home).unpublish()
    site_settings.banner_destination = AFISHA
    site_settings.banner_url = CULTURE
    site_settings.full_clean()
    site_settings.save()

    assert banner_href(client) == CULTURE
    assert client.get("/api/v2/settings/").json()["banner"]["url"] == CULTURE


@pytest.mark.django_db
def test_an_unpublished_afisha_without_a_link_is_refused_in_russian(home, site_settings):
    site_settings.banner_destination = AFISHA
    site_settings.banner_url = ""

    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()

    assert error.value.message_dict["banner_url"] == [
        "Выбранная страница сайта не опубликована. Укажите ссылку: баннер ведёт на неё, "
        "пока страница не опубликована."
    ]
    make_event_index(home)
    site_settings.full_clean()  # published: no link needed


@pytest.mark.django_db
def test_an_external_destination_needs_its_link(site_settings):
    site_settings.banner_destination = "url"
    site_settings.banner_url = ""

    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()

    assert error.value.message_dict["banner_url"] == [
        "Укажите ссылку: включённый баннер ведёт на неё."
    ]


@pytest.mark.django_db
def test_a_banner_with_nowhere_to_lead_is_not_shown(client, home, site_settings):
    site_settings.banner_destination = AFISHA  # no Афиша, no link (saved without the form)
    site_settings.banner_url = ""
    site_settings.save()

    assert banner_href(client) is None


@pytest.mark.django_db
def test_the_admin_saves_the_afisha_destination(admin_client, home, site_settings):
    make_event_index(home)
    url = f"/admin/settings/cms/sitesettings/{site_settings.site_id}/"
    form = admin_client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data |= {"banner_enabled": "on", "banner_destination": AFISHA, "banner_url": ""}

    response = admin_client.post(url, data, follow=True)

    assert response.status_code == 200
    site_settings.refresh_from_db()
    assert site_settings.banner_destination == AFISHA
    assert banner_href(admin_client) == "/afisha/?pushkin=1"
