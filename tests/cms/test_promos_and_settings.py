import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Site

from cms.models import PromoBlock, SiteSettings
from tests.conftest import make_news, make_promo


@pytest.fixture
def site_settings(home):
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.django_db
def test_promos_are_grouped_and_only_visible_ones_shown(wagtail_roots):
    make_promo("Школа цифровой грамотности", group="projects")
    make_promo("Гранты России", group="contests", sort_order=2)
    make_promo("Культура. Гранты России", group="contests", sort_order=1)
    make_promo("Черновик", group="contests", live=False)
    make_promo("Старый конкурс", group="contests", ends_at=timezone.now() - datetime.timedelta(1))
    groups = [(g.heading, [p.title for p in g.promos]) for g in PromoBlock.visible_groups()]
    assert groups == [
        ("Наши проекты", ["Школа цифровой грамотности"]),
        ("Актуальные конкурсы", ["Культура. Гранты России", "Гранты России"]),
    ]


@pytest.mark.django_db
def test_empty_promo_group_is_not_shown(client, home):
    make_promo("Только проект", group="projects")
    html = client.get("/").content.decode()
    assert "Наши проекты" in html
    assert "Актуальные конкурсы" not in html


@pytest.mark.django_db
def test_promos_show_on_home_and_in_news_sidebar(client, news_index):
    make_promo("Школа цифровой грамотности", link_url="https://example.org/school")
    news = make_news(news_index, title="Новость")
    for url in ("/", news.url):
        html = client.get(url).content.decode()
        assert "Школа цифровой грамотности" in html
        assert 'href="https://example.org/school"' in html


@pytest.mark.django_db
def test_banner_shows_in_header_when_on(client, site_settings):
    site_settings.banner_text = "Пушкинская карта"
    site_settings.banner_url = "https://www.culture.ru/pushkinskaya-karta"
    site_settings.save()
    assert 'class="pushkin-banner" href="https://www.culture.ru/pushkinskaya-karta"' in (
        client.get("/").content.decode()
    )
    site_settings.banner_enabled = False
    site_settings.save()
    assert "pushkin-banner" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_enabled_banner_needs_a_link(site_settings):
    site_settings.banner_url = ""
    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()
    assert "banner_url" in error.value.message_dict


@pytest.mark.django_db
def test_decide_together_block_without_widget_makes_no_third_party_request(client, site_settings):
    html = client.get("/").content.decode()
    assert "Решаем вместе" in html
    assert "Напишите — решим!" in html
    assert "gosuslugi" not in html


@pytest.mark.django_db
def test_pos_widget_script_is_rendered_only_when_its_id_is_set(client, site_settings):
    site_settings.banner_url = "https://example.org/"
    site_settings.pos_widget_id = "123456"
    site_settings.full_clean()
    site_settings.save()
    html = client.get("/").content.decode()
    assert '<script src="https://pos.gosuslugi.ru/bin/script.min.js"></script>' in html
    assert 'data-pos-widget-id="123456"' in html
    assert "/static/js/pos_widget.js" in html


@pytest.mark.django_db
def test_pos_widget_id_must_be_a_number(site_settings):
    site_settings.banner_url = "https://example.org/"
    site_settings.pos_widget_id = "1);alert(1"
    with pytest.raises(ValidationError) as error:
        site_settings.full_clean()
    assert error.value.message_dict["pos_widget_id"] == ["ID виджета — это число, например 123456."]


@pytest.mark.django_db
def test_footer_shows_contacts_social_age_mark_and_policy(client, site_settings, standard_page):
    site_settings.address = "Кемерово, ул. Примерная, 1"
    site_settings.phone = "+7 (3842) 00-00-00"
    site_settings.email = "info@example.org"
    site_settings.vk_url = "https://vk.com/example"
    site_settings.age_mark = "6+"
    site_settings.policy_page = standard_page
    site_settings.save()
    html = client.get("/").content.decode()
    assert "Кемерово, ул. Примерная, 1" in html
    assert 'href="tel:+73842000000"' in html
    assert 'href="mailto:info@example.org"' in html
    assert ">ВКонтакте</a>" in html
    assert '<p class="age-mark" title="Возрастная маркировка по 436-ФЗ">6+</p>' in html
    assert f'<a href="{standard_page.url}">Политика обработки персональных данных</a>' in html


@pytest.mark.django_db
def test_home_shows_as_many_news_as_the_editor_chose(client, home, news_index):
    for number in range(5):
        make_news(news_index, title=f"Новость {number}")
    home.news_count = 3
    home.save_revision().publish()
    assert len(client.get("/").context["latest_news"]) == 3


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=0)
def test_site_settings_are_read_once_per_change_and_a_saved_one_shows_at_once(
    client, site_settings
):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert not [query for query in queries if "cms_sitesettings" in query["sql"]]
    site_settings.decide_title = "Решаем вместе с читателями"
    site_settings.save()
    assert "Решаем вместе с читателями" in client.get("/").content.decode()
