"""The Афиша in Chromium on the demo site: axe on the list, the calendar and an event page,
in the ordinary version and each scheme of the version for the visually impaired at 320 px;
the filters and the calendar work with JavaScript switched off."""

import datetime

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from tests.browser.vision_checks import (
    content_image_requests,
    horizontal_overflow,
    set_preferences,
    wider_than_viewport,
)
from tooling.chromium import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AFISHA = "/afisha/"
CALENDAR = "/afisha/kalendar/"
PUSHKIN_EVENT = "Мастер-класс «Книга своими руками»"
WEEKLY_CLUB = "Клуб «Читаем вместе»"


def event_url(tab, base_url, title):
    """The address of a demo event, as the Афиша links to it."""
    tab.goto(base_url + AFISHA)
    return tab.get_by_role("link", name=title).first.get_attribute("href")


def pages(tab, base_url):
    return [
        AFISHA,
        AFISHA + "?archive=1",
        CALENDAR,
        event_url(tab, base_url, PUSHKIN_EVENT),
        event_url(tab, base_url, WEEKLY_CLUB),
    ]


@pytest.mark.parametrize("width", [360, 1280])
def test_afisha_pages_have_no_wcag_aa_violations(
    live_server, demo_site, open_page, screenshot, width
):
    tab = open_page(width=width)
    found = {}
    for number, path in enumerate(pages(tab, live_server.url)):
        tab.goto(live_server.url + path)
        if problems := run_axe(tab):
            found[path] = problems
        if overflow := horizontal_overflow(tab):
            found[path] = [f"scrolls sideways by {overflow}px: {wider_than_viewport(tab)[:3]}"]
        screenshot(tab, f"afisha-{width}-{number}")
    assert found == {}


@pytest.mark.parametrize("scheme", ["bw", "wb", "blue", "brown", "green"])
def test_each_scheme_for_the_visually_impaired_passes_axe_and_fits_320px(
    live_server, demo_site, open_page, screenshot, scheme
):
    tab = open_page(width=320)
    paths = pages(tab, live_server.url)
    set_preferences(tab, live_server.url, scheme=scheme, size="3", images="off")
    found = {}
    for number, path in enumerate(paths):
        with content_image_requests(tab) as images:
            tab.goto(live_server.url + path)
            tab.wait_for_load_state("networkidle")
        problems = run_axe(tab)
        if overflow := horizontal_overflow(tab):
            problems.append(f"scrolls sideways by {overflow}px: {wider_than_viewport(tab)[:3]}")
        if images:
            problems.append(f"requests images: {images}")
        if problems:
            found[path] = problems
        screenshot(tab, f"afisha-vision-{scheme}-{number}")
    assert tab.locator(f"html.vision-scheme-{scheme}").count() == 1
    assert found == {}


def test_a_card_shows_its_picture_description_when_images_are_off(
    live_server, demo_site, open_page
):
    tab = open_page(width=360)
    set_preferences(tab, live_server.url, images="off")
    tab.goto(live_server.url + AFISHA)

    assert tab.locator(".event-card .vision-alt").first.is_visible()
    assert tab.locator(".event-card img").count() == 0


def test_filter_by_pushkin_card_without_javascript(live_server, demo_site, browser, screenshot):
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    try:
        tab = context.new_page()
        tab.goto(live_server.url + AFISHA)
        everything = tab.locator(".event-card").count()

        tab.get_by_label("По «Пушкинской карте»").check()
        tab.get_by_role("button", name="Показать").click()

        tab.wait_for_url("**pushkin=1**")
        tab.wait_for_load_state()
        cards = tab.locator(".event-card")
        assert 0 < cards.count() < everything
        for number in range(cards.count()):
            assert "Пушкинская карта" in cards.nth(number).inner_text()
        assert "По «Пушкинской карте»" in tab.locator(".filter-summary").inner_text()
        screenshot(tab, "afisha-pushkin-no-js")

        tab.get_by_role("link", name="Сбросить фильтр").click()
        expect(tab.locator(".event-card")).to_have_count(everything)
    finally:
        context.close()


def test_the_calendar_pages_through_months_without_javascript(
    live_server, demo_site, browser, screenshot
):
    context = browser.new_context(
        java_script_enabled=False, locale="ru-RU", viewport={"width": 1280, "height": 900}
    )
    try:
        tab = context.new_page()
        tab.goto(live_server.url + AFISHA)
        tab.get_by_role("link", name="Календарь").click()

        # A click starts the navigation; expect() waits for the new document's table.
        today = timezone.localdate()
        expect(tab.locator('td[aria-current="date"]')).to_have_count(1)
        assert str(today.year) in tab.locator("table.calendar caption").inner_text()
        assert tab.locator(".calendar__events a").count() > 0
        screenshot(tab, "afisha-calendar-no-js")

        following = (today.replace(day=1) + datetime.timedelta(days=31)).replace(day=1)
        tab.locator(".calendar-months a[rel=next]").click()
        tab.wait_for_url(f"**/kalendar/{following.year}/{following.month}/")
        tab.wait_for_load_state()
        assert tab.locator('td[aria-current="date"]').count() == 0
        tab.get_by_role("link", name="Текущий месяц").click()
        expect(tab.locator('td[aria-current="date"]')).to_have_count(1)
    finally:
        context.close()


def test_a_weekly_club_lists_each_upcoming_date_once(live_server, demo_site, open_page):
    tab = open_page()
    tab.goto(live_server.url + event_url(tab, live_server.url, WEEKLY_CLUB))

    dates = tab.locator(".event-dates time").all_inner_texts()

    assert len(dates) == len(set(dates)) > 1
    assert tab.locator(".event-dates__cancelled", has_text="Отменено").count() == 1
