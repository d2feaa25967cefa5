import re
from types import SimpleNamespace

import pytest

from django.utils import timezone

from wagtail.models import Page, Site

from cms.models import PromoBlock, SiteSettings, Slide
from events.models import EventOccurrence, EventPage
from feedback.models import FeedbackFormPage
from home.models import HomePage, StandardPage
from news.models import NewsPage
from partners.models import Partner
from tests.conftest import kept_for_the_module, load_demo
from tooling.demo import events as demo_events


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    """The demo's images and comment files (`demo_loaded_twice`) outlive each test."""
    return tmp_path_factory.mktemp("demo-content")


@pytest.fixture(scope="module")
def demo_loaded_twice(django_db_setup, django_db_blocker, files_folder):
    """The demo content loaded, then loaded again (it must change nothing), without the demo
    accounts: once for the module, whose tests each run in a savepoint on top of it. Gives
    each page's number of revisions after the first load."""
    with kept_for_the_module(django_db_blocker, files_folder, DEMO_ADMIN_ENABLED=False):
        load_demo()
        first = {page.pk: page.revisions.count() for page in Page.objects.specific()}
        load_demo()
        yield SimpleNamespace(revisions_after_the_first_load=first)


@pytest.mark.django_db
def test_demo_content_builds_the_seed_site_and_is_idempotent(client, demo_loaded_twice):
    assert HomePage.objects.count() == 1
    assert NewsPage.objects.live().count() == 13
    assert StandardPage.objects.filter(title="О библиотеке").exists()
    assert StandardPage.objects.filter(title__startswith="Политика обработки").exists()
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage

    seed = NewsPage.objects.get(
        slug="biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve"
    )
    html = client.get(seed.url, HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "«Сказки народов Кузбасса»" in html
    assert "«Испытание временем. Общая Победа»" in html
    assert "Восточно-Казахстанской областной библиотекой им. А. С. Пушкина" in html
    assert (
        'href="/biblioteki-partnyory/centralizovannaya-sistema-detskix-bibliotek-g-minska/"' in html
    )


@pytest.mark.django_db
def test_demo_content_fills_home_page_blocks_the_directory_and_search(client, demo_loaded_twice):
    assert Partner.objects.filter(live=True).count() == 13
    assert set(Partner.objects.values_list("country", flat=True)) == {
        "Россия", "Беларусь", "Казахстан",
    }  # fmt: skip
    minsk = Partner.objects.get(city="Минск")
    assert minsk.agreement_date is not None and minsk.agreement_document is not None
    assert Slide.objects.visible().count() == 3
    assert sorted(PromoBlock.objects.visible().values_list("title", flat=True)) == [
        "Гранты России", "Культура. Гранты России", "Школа цифровой грамотности",
    ]  # fmt: skip
    html = client.get("/", HTTP_HOST="127.0.0.1:8000").content.decode()
    for text in ("Пушкинская карта", "Решаем вместе", "Наши проекты", "Актуальные конкурсы",
                 "Наши партнеры"):  # fmt: skip
        assert text in html
    directory = client.get("/biblioteki-partnyory/", HTTP_HOST="127.0.0.1:8000")
    assert "13 библиотек-партнёров" in directory.content.decode()
    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8000").content.decode()
    partner_pages = re.findall(
        r"<loc>http://127\.0\.0\.1:8000/biblioteki-partnyory/[^<]+/</loc>", sitemap
    )
    assert len(partner_pages) == 13
    # Each item's picture shows what it is about: the trip between two regions gets the map.
    tomsk = NewsPage.objects.get(title__startswith="Библиотека Томска и Кузбасса")
    assert "карта Кузбасса" in tomsk.main_image.description
    # Word forms find each other on either database (PostgreSQL's `russian`, SQLite's stems).
    search = client.get("/search/", {"q": "Томск"}, HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "Библиотека Томска и Кузбасса проведут совместный марафон чтения" in search
    search = client.get("/search/", {"q": "библиотекам"}, HTTP_HOST="127.0.0.1:8000")
    assert "О библиотеке" in search.content.decode()


@pytest.mark.django_db
def test_demo_accounts_exist_only_where_enabled(settings, django_user_model, demo_loaded_twice):
    demo_accounts = ["admin", "redaktor", "glavred"]
    assert not django_user_model.objects.filter(username__in=demo_accounts).exists()

    settings.DEMO_ADMIN_ENABLED = True
    load_demo()
    assert django_user_model.objects.get(username="admin").check_password("biblioteka-demo")
    editor = django_user_model.objects.get(username="redaktor")
    chief = django_user_model.objects.get(username="glavred")
    assert editor.check_password("redaktor-demo") and chief.check_password("glavred-demo")
    assert editor.get_full_name() == "Анна Смирнова"
    assert [group.name for group in editor.groups.all()] == ["Редактор"]
    assert [group.name for group in chief.groups.all()] == ["Главный редактор"]
    assert not editor.is_superuser and not chief.is_superuser


@pytest.mark.django_db
def test_demo_feedback_page_is_linked_from_home_and_idempotent(client, demo_loaded_twice):
    """The demo site has the «Решаем вместе» page, linked from the home page's block."""
    page = FeedbackFormPage.objects.get()
    revisions = demo_loaded_twice.revisions_after_the_first_load[page.pk]

    assert page.revisions.count() == revisions
    assert (
        StandardPage.objects.filter(title="Согласие на обработку персональных данных").count() == 1
    )
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert site_settings.decide_page.specific == page
    assert page.consent_page.title == "Согласие на обработку персональных данных"
    assert [field.role for field in page.form_fields.all()] == [
        "name", "email", "phone", "topic", "message",
    ]  # fmt: skip
    home = client.get("/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert f'href="{page.url}">Написать обращение</a>' in home
    form = client.get(page.url, HTTP_HOST="127.0.0.1:8000").content.decode()
    for topic in ["Пушкинская карта", "Покупка билетов", "Предложение по улучшению", "Другое"]:
        assert f'<option value="{topic}">' in form


@pytest.mark.django_db
def test_demo_afisha_holds_a_season_with_a_weekly_club_card_events_and_an_archive(
    demo_loaded_twice,
):
    events = EventPage.objects.live()
    assert events.count() == len(demo_events.EVENTS)
    assert all(event.age_mark in (0, 6, 12, 16, 18) for event in events)
    assert events.filter(pushkin_card=True).exclude(ticket_url="").count() >= 2

    club = events.get(title="Клуб «Читаем вместе»")
    dates = club.occurrences.order_by("start")
    assert dates.count() == 13
    assert {timezone.localtime(o.start).weekday() for o in dates} == {5}  # Saturdays
    assert dates.filter(cancelled=True).count() == 1

    assert EventOccurrence.objects.past().filter(page__live=True).exists()
    minsk_event = events.get(partners__city="Минск")
    assert minsk_event.title.startswith("Церемония награждения")
