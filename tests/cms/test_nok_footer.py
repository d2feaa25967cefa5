"""The footer's «Оценить качество услуг» (НОК, bus.gov.ru), satisfaction survey and founder
links: plain links, nothing fetched from another host until a reader follows one; the same
settings in /api/v2/settings/, and the settings' admin in Russian."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from django.core.exceptions import ValidationError

from wagtail.models import Site

from cms.models import SiteSettings
from tests.cms.test_admin_in_russian import content as admin_content
from tests.cms.test_admin_in_russian import english_in_pages
from tests.conftest import make_image

NOK = "https://bus.gov.ru/info-card/123456"
SURVEY = "https://bus.gov.ru/qrcode/rate/123456"
FOUNDER = "https://kultura42.ru/"


@pytest.fixture
def site_settings(home):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.nok_url = NOK
    site_settings.survey_url = SURVEY
    site_settings.survey_qr = make_image("QR-код анкеты", size=(160, 160), colour=(0, 0, 0))
    site_settings.founder_name = "Министерство культуры и национальной политики Кузбасса"
    site_settings.founder_url = FOUNDER
    site_settings.vk_url = "https://vk.com/library"
    site_settings.save()
    return site_settings


class Fetched(HTMLParser):
    """Every address the page makes the browser fetch by itself: src, srcset, data of
    script, img, source, iframe, embed, object; href of link (stylesheets, icons; the
    canonical address is the site's own)."""

    def __init__(self):
        super().__init__()
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        names = ["href"] if tag == "link" else ["src", "srcset", "data"]
        for name in names:
            for candidate in (attrs.get(name) or "").split(","):
                if candidate.strip():
                    self.addresses.append((tag, candidate.strip().split()[0]))


def fetched_from_other_hosts(html):
    parser = Fetched()
    parser.feed(html)
    return [
        (tag, url)
        for tag, url in parser.addresses
        if urlsplit(url).netloc not in ("", "testserver")
    ]


def footer(html):
    return re.search(r'<footer class="site-footer">.*</footer>', html, re.S)[0]


@pytest.mark.django_db
def test_the_footer_links_to_the_quality_assessment_survey_and_founder(client, site_settings):
    html = footer(client.get("/").content.decode())

    assert f'<a href="{NOK}" rel="noopener">Оценить качество услуг</a>' in html
    assert f'<a href="{SURVEY}" rel="noopener">Анкета удовлетворённости качеством услуг</a>' in html
    assert (
        f'Учредитель: <a href="{FOUNDER}" rel="noopener">'
        "Министерство культуры и национальной политики Кузбасса</a>"
    ) in html
    assert '<a href="https://vk.com/library" rel="noopener">ВКонтакте</a>' in html  # stays
    qr = re.search(r'<img[^>]*alt="QR-код анкеты удовлетворённости качеством услуг"[^>]*>', html)
    assert re.search(r'src="/media/images/[^"]+\.png"', qr[0])


@pytest.mark.django_db
def test_the_page_fetches_nothing_from_bus_gov_ru_or_any_other_host(client, site_settings):
    html = client.get("/").content.decode()

    assert "bus.gov.ru" in html
    assert fetched_from_other_hosts(html) == []
    assert "<iframe" not in html


@pytest.mark.django_db
def test_the_footer_hides_the_block_until_something_is_set(client, home):
    html = footer(client.get("/").content.decode())

    assert "Оценить качество услуг" not in html
    assert "Учредитель" not in html


@pytest.mark.django_db
def test_the_qr_code_gives_way_to_the_link_when_images_are_hidden(client, site_settings):
    client.get("/vision/", {"enabled": "1", "images": "off"})  # the visually-impaired version

    html = footer(client.get("/").content.decode())

    assert "Анкета удовлетворённости качеством услуг</a>" in html
    assert "QR-код анкеты" not in html


@pytest.mark.django_db
def test_the_quality_assessment_link_must_lead_to_bus_gov_ru(site_settings):
    site_settings.nok_url = "https://example.org/ocenka"

    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()

    assert error.value.message_dict["nok_url"] == [
        "Нужна ссылка на карточку организации на bus.gov.ru, например "
        "https://bus.gov.ru/info-card/123456."
    ]
    site_settings.nok_url = "https://www.bus.gov.ru/info-card/123456"
    site_settings.banner_enabled = False
    site_settings.full_clean()


@pytest.mark.django_db
def test_the_settings_api_gives_the_quality_assessment_and_founder(client, site_settings):
    data = client.get("/api/v2/settings/").json()

    assert data["quality_assessment"]["url"] == NOK
    assert data["quality_assessment"]["survey_url"] == SURVEY
    assert data["quality_assessment"]["survey_qr"]["id"] == site_settings.survey_qr_id
    assert data["founder"] == {
        "name": "Министерство культуры и национальной политики Кузбасса",
        "url": FOUNDER,
    }
    images = client.get("/api/v2/images/").json()["items"]
    assert site_settings.survey_qr_id in [image["id"] for image in images]


@pytest.mark.django_db
def test_the_settings_admin_is_in_russian(admin_client, site_settings):
    # "admin": the signed-in user's name.
    found = english_in_pages(
        admin_client, ["/admin/settings/cms/sitesettings/"], admin_content() | {"admin"}
    )

    assert found == {}
    html = admin_client.get("/admin/settings/cms/sitesettings/", follow=True).content.decode()
    for text in ("Независимая оценка качества услуг", "QR-код анкеты", "Сайт учредителя"):
        assert text in html
