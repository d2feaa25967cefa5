"""The slider's controls and the partner directory's filters, in a real browser."""

import pytest

from tooling.chromium import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_slide(tab):
    return tab.locator(".slider").get_attribute("data-current")


def pause_label(tab):
    return tab.locator(".slider [data-carousel-pause]").get_attribute("aria-label")


def test_slider_buttons_keyboard_and_pause(live_server, demo_site, open_page, screenshot):
    tab = open_page()
    tab.goto(live_server.url + "/")
    slider = tab.locator(".slider")
    status = slider.locator("[data-carousel-status]")
    assert slider.locator("[data-carousel-item]:visible").count() == 1
    assert current_slide(tab) == "0"
    assert status.inner_text() == ""

    tab.get_by_role("button", name="Следующий слайд").click()
    assert current_slide(tab) == "1"
    assert status.inner_text().startswith("Слайд 2 из 3: ")
    tab.get_by_role("button", name="Предыдущий слайд").click()
    assert current_slide(tab) == "0"
    # Using the arrows pauses rotation, as the reader is now driving; the label alone says so.
    assert pause_label(tab) == "Запустить прокрутку слайдов"
    assert slider.locator("[data-carousel-pause]").get_attribute("aria-pressed") is None

    tab.get_by_role("button", name="Предыдущий слайд").focus()
    tab.keyboard.press("ArrowLeft")
    assert current_slide(tab) == "2"
    tab.keyboard.press("ArrowRight")
    assert current_slide(tab) == "0"
    assert (
        slider.locator(".slider__caption:visible h2").inner_text()
        == "Соглашение с библиотеками Минска"
    )
    screenshot(tab, "home-slider-1280")


# Runs the slider's 7-second timer every 200 ms so the tests need not wait.
FAST_TIMERS = (
    "const realSetInterval = window.setInterval;"
    "window.setInterval = (callback, ms) => realSetInterval(callback, Math.min(ms, 200));"
)


def test_slider_rotates_until_paused(live_server, demo_site, open_page):
    tab = open_page()
    tab.add_init_script(FAST_TIMERS)
    tab.goto(live_server.url + "/")
    wait_until(tab, "document.querySelector('.slider').dataset.current !== '0'")
    # Rotation by itself is not announced.
    assert tab.locator(".slider [data-carousel-status]").inner_text() == ""

    tab.get_by_role("button", name="Остановить прокрутку слайдов").click()
    tab.mouse.move(0, 0)  # hovering also pauses; leave, so only the button holds it
    paused_at = current_slide(tab)
    tab.wait_for_timeout(1500)
    assert current_slide(tab) == paused_at
    assert pause_label(tab) == "Запустить прокрутку слайдов"
    tab.get_by_role("button", name="Запустить прокрутку слайдов").click()
    tab.mouse.move(0, 0)
    assert pause_label(tab) == "Остановить прокрутку слайдов"
    wait_until(tab, f"document.querySelector('.slider').dataset.current !== '{paused_at}'")


def test_reduced_motion_never_rotates(live_server, demo_site, browser):
    context = browser.new_context(reduced_motion="reduce")
    tab = context.new_page()
    tab.add_init_script(FAST_TIMERS)
    tab.goto(live_server.url + "/")
    tab.wait_for_timeout(1500)
    assert current_slide(tab) == "0"
    assert pause_label(tab) == "Запустить прокрутку слайдов"
    context.close()


def test_without_javascript_every_slide_is_reachable(live_server, demo_site, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_server.url + "/")
    slides = tab.locator(".slider [data-carousel-item]")
    assert slides.count() == 3
    assert all(not slide.is_hidden() for slide in slides.all())
    assert tab.locator(".slider__controls").is_hidden()
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_directory_filters(live_server, demo_site, open_page, screenshot, width):
    tab = open_page(width=width)
    tab.goto(live_server.url + "/")
    screenshot(tab, f"home-{width}-full")
    tab.get_by_role("navigation", name="Главное меню").get_by_role(
        "link", name="Библиотеки-партнёры"
    ).click()
    assert "13 библиотек-партнёров" in tab.locator(".directory-count").inner_text()
    screenshot(tab, f"directory-{width}")

    tab.get_by_label("Страна").select_option("Казахстан")
    tab.get_by_role("button", name="Показать").click()
    tab.wait_for_url("**country=*")
    assert "2 библиотеки-партнёра" in tab.locator(".directory-count").inner_text()
    assert tab.locator(".partner-card").count() == 2

    tab.get_by_role("link", name="ВКО библиотека им. А. С. Пушкина").click()
    assert tab.get_by_role("heading", level=1).inner_text() == (
        "Восточно-Казахстанская областная библиотека им. А. С. Пушкина"
    )
    screenshot(tab, f"partner-{width}")
