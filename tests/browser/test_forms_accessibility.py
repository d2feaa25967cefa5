"""The comment form, sign-in and sign-up: axe in every state, by keyboard, on a phone."""

import pytest

from django.core.cache import cache

from news.comments.models import ReaderComment
from tests.browser.conftest import ARTIFACTS
from tooling.chromium import run_axe, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_PATH = "/novosti/biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve/"
FORM_PAGES = {"comments": SEED_PATH, "login": "/accounts/login/", "signup": "/accounts/signup/"}
# The normal version and each visually-impaired variant a reader can pick.
VARIANTS = {
    "normal": "",
    "wb": "scheme=wb&size=2",
    "blue": "scheme=blue&size=2",
    "brown": "scheme=brown&size=2",
    "large": "scheme=green&font=serif&size=3&letters=wider&lines=wider",
    "no-images": "scheme=bw&size=2&images=off",
}
FOCUS_STATE = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return {
        key: el.getAttribute('name') || el.id || el.textContent.trim(),
        inForm: !!el.closest('#comment-form'),
        visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== 'none',
    };
}"""


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """Comment and sign-in rate limits count in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def open_variant(open_page, base_url, variant, width=360):
    tab = open_page(width=width)
    if VARIANTS[variant]:
        tab.goto(f"{base_url}/vision/?enabled=1&{VARIANTS[variant]}&next=/")
    return tab


def submit(tab, button_name, key=None):
    button = tab.locator("main").get_by_role("button", name=button_name)
    with tab.expect_navigation():
        if key:
            button.focus()
            tab.keyboard.press(key)
        else:
            button.click()


def show_comment_photos(tab):
    """Lazy thumbnails load once scrolled to; hidden ones (images off) never do."""
    tab.locator(".comment__files").scroll_into_view_if_needed()
    wait_until(
        tab,
        "[...document.querySelectorAll('.comment__files img')]"
        ".every(img => img.complete || getComputedStyle(img).display === 'none')",
    )


@pytest.mark.parametrize("variant", VARIANTS)
def test_comment_and_account_forms_have_no_violations_in_any_state(
    live_server, demo_site, open_page, variant
):
    tab = open_variant(open_page, live_server.url, variant)
    found = {}

    tab.goto(live_server.url + SEED_PATH)
    assert tab.locator(".comment--level-1").count(), "the demo thread has a reply"
    # With images off the photo is its description: no <img> is sent.
    assert tab.locator(".comment__files :is(img, .vision-alt)").count(), "the thread has a photo"
    show_comment_photos(tab)
    found["comments"] = run_axe(tab)
    first = ReaderComment.objects.order_by("pk").first()
    tab.goto(f"{live_server.url}{SEED_PATH}?reply_to={first.pk}#comment-form")
    assert "Ответ на комментарий" in tab.locator("#comment-form").inner_text()
    found["reply form"] = run_axe(tab)
    tab.goto(live_server.url + SEED_PATH)
    submit(tab, "Отправить комментарий")  # empty: refused by the server, errors shown
    assert "Напишите текст комментария." in tab.locator("#comment-form-errors").inner_text()
    found["comment errors"] = run_axe(tab)

    for name, path in FORM_PAGES.items():
        if name != "comments":
            tab.goto(live_server.url + path)
            found[name] = run_axe(tab)
    tab.goto(live_server.url + "/accounts/password/reset/")
    found["password reset"] = run_axe(tab)

    tab.goto(live_server.url + "/accounts/login/")
    tab.get_by_label("E-mail").fill("nobody@example.org")
    tab.get_by_label("Пароль").fill("не-тот-пароль")
    submit(tab, "Войти")
    assert tab.get_by_role("alert").count()
    found["login errors"] = run_axe(tab)
    tab.goto(live_server.url + "/accounts/signup/")
    tab.get_by_label("E-mail").fill("new-reader@example.org")
    tab.get_by_label("Имя пользователя").fill("Читатель")
    tab.get_by_label("Пароль", exact=True).fill("123")
    tab.get_by_label("Пароль (ещё раз)").fill("1234")
    submit(tab, "Зарегистрируйтесь")
    assert tab.locator(".form-field__errors").count()
    found["signup errors"] = run_axe(tab)

    assert {state: problems for state, problems in found.items() if problems} == {}


@pytest.mark.parametrize("variant", ["normal", "wb"])
def test_keyboard_goes_from_the_skip_link_through_the_comment_form(
    live_server, demo_site, open_page, variant
):
    tab = open_variant(open_page, live_server.url, variant, width=1280)
    tab.goto(live_server.url + SEED_PATH)
    tab.keyboard.press("Tab")
    assert tab.evaluate(FOCUS_STATE)["key"] == "Перейти к содержанию"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"

    visited = []
    for _ in range(150):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUS_STATE)
        assert focused["visible"], f"no visible focus on {focused['key']!r}"
        if focused["inForm"]:
            visited.append(focused["key"])
        elif visited:
            break  # Tab left the form: no trap
    else:
        pytest.fail(f"Tab never left the comment form; reached {visited}")
    fields = ["name", "email", "comment", "attachments", "place_name", "followup", "consent"]
    assert [key for key in visited if key in fields] == fields
    assert visited[-1] == "Отправить комментарий"

    # Enter on the submit button with nothing filled in: the error summary takes the focus.
    submit(tab, "Отправить комментарий", key="Enter")
    summary = tab.locator("#comment-form-errors")
    assert summary.get_attribute("role") == "alert"
    assert tab.evaluate("document.activeElement.id") == "comment-form-errors"
    assert tab.evaluate(FOCUS_STATE)["visible"]
    # The summary links to each field; Space on the button refuses again, focus comes back.
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "id_name"
    submit(tab, "Отправить комментарий", key="Space")
    assert tab.evaluate("document.activeElement.id") == "comment-form-errors"


@pytest.mark.parametrize("variant", VARIANTS)
def test_forms_fit_a_phone_and_a_desktop_in_every_variant(
    live_server, demo_site, open_page, screenshot, variant
):
    for width in (360, 1280):
        tab = open_variant(open_page, live_server.url, variant, width=width)
        for name, path in FORM_PAGES.items():
            tab.goto(live_server.url + path)
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
            if name == "comments":
                show_comment_photos(tab)
                shot = ARTIFACTS / f"forms-{name}-{variant}-{width}.png"
                tab.locator("#comments").screenshot(path=str(shot))
            else:
                screenshot(tab, f"forms-{name}-{variant}-{width}")
