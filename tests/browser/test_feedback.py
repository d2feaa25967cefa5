"""«Решаем вместе» end to end: a reader writes in and gets a number; staff answer it."""

import re

import pytest

from django.contrib.auth.models import Group
from django.core import mail

from feedback.models import FeedbackRequest
from tests.feedback.helpers import reset_rate_limit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_writes_in_and_staff_answer_from_the_admin(
    live_server, demo_site, open_page, screenshot, django_user_model
):
    reset_rate_limit()
    reader = open_page()
    reader.goto(live_server.url + "/")
    reader.get_by_role("link", name="Написать обращение").click()
    reader.wait_for_url("**/reshaem-vmeste/")

    # A first try without consent: refused in Russian, everything typed kept.
    reader.get_by_label("Имя").fill("Анна Иванова")
    reader.get_by_label("Электронная почта").fill("anna@example.org")
    reader.get_by_label("Тема").select_option("Пушкинская карта")
    reader.get_by_label("Сообщение").fill("Не приходит Пушкинская карта в Госуслугах.")
    with reader.expect_navigation():  # is_visible() does not wait for the answer to the post
        reader.get_by_role("button", name="Отправить обращение").click()
    consent_error = reader.locator("#id_consent_error")
    assert consent_error.get_by_text("Без согласия на обработку персональных данных").is_visible()
    assert reader.get_by_label("Сообщение").input_value().startswith("Не приходит")
    screenshot(reader, "feedback-form-error")

    reader.get_by_label("Я даю согласие").check()
    with reader.expect_navigation():
        reader.get_by_role("button", name="Отправить обращение").click()
    number = reader.locator(".feedback-number strong").inner_text()
    assert re.fullmatch(r"\d{4}-\d{6}", number)
    screenshot(reader, "feedback-thank-you")
    request = FeedbackRequest.objects.get(number=number)
    assert request.topic == "Пушкинская карта"

    staff_user = django_user_model.objects.create_user("olga", "olga@example.org", "parol-123")
    staff_user.groups.add(Group.objects.get(name="Обращения"))
    staff = open_page()
    staff.goto(live_server.url + "/admin/login/")
    staff.locator("#id_username").fill("olga")
    staff.locator("#id_password").fill("parol-123")
    staff.locator("button[type=submit]").click()
    staff.wait_for_url("**/admin/")
    assert staff.locator(".feedback-new-count").inner_text() == "1"
    staff.get_by_role("link", name="Обращения", exact=True).first.click()
    staff.wait_for_url("**/admin/feedback/feedbackrequest/")
    screenshot(staff, "feedback-admin-list")
    staff.get_by_role("link", name=number).first.click()
    staff.wait_for_url("**/admin/feedback/feedbackrequest/edit/*/")
    message = staff.locator(".feedback-request__message")
    assert message.inner_text() == "Не приходит Пушкинская карта в Госуслугах."
    staff.locator("#id_answer").fill("Анна, карта оформлена: обновите приложение.")
    screenshot(staff, "feedback-admin-detail")
    mail.outbox.clear()
    staff.get_by_role("button", name="Отправить ответ читателю").click()
    staff.locator("li.success", has_text="ответ отправлен на anna@example.org").wait_for()
    request.refresh_from_db()
    assert request.status == "answered"
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    screenshot(staff, "feedback-admin-answered")
    reset_rate_limit()


# Where the keyboard focus is, whether it shows, and whether the element and its label are on
# screen (a field scrolled to the top edge would hide its label above it).
FOCUS = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    const label = el.id && document.querySelector(`label[for="${el.id}"]`);
    const onScreen = node => {
        const box = node.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
    };
    return {
        id: el.id,
        outlined: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        inView: onScreen(el) && (!label || onScreen(label)),
    };
}"""


def refuse(tab):
    """Send the form with Enter on its button, as a keyboard user does; the server refuses."""
    button = tab.get_by_role("button", name="Отправить обращение")
    button.focus()
    with tab.expect_navigation():
        tab.keyboard.press("Enter")


@pytest.mark.parametrize("width", [360, 1280])
def test_a_refused_form_sends_the_focus_to_its_summary_and_on_to_each_field(
    live_server, demo_site, open_page, screenshot, width
):
    reset_rate_limit()
    tab = open_page(width=width)
    tab.goto(live_server.url + "/reshaem-vmeste/")
    assert tab.get_by_label("Тема").input_value() == ""  # no topic picked for the reader

    refuse(tab)  # nothing filled in
    summary = tab.locator("#feedback-form-errors")
    assert summary.get_attribute("role") == "alert"
    assert tab.evaluate(FOCUS) == {"id": "feedback-form-errors", "outlined": True, "inView": True}
    screenshot(tab, f"feedback-form-refused-{width}")
    links = summary.get_by_role("link")
    targets = [link.get_attribute("href") for link in links.all()]
    assert targets == [
        "#id_imya", "#id_elektronnaya_pochta", "#id_tema", "#id_soobshhenie", "#id_consent",
    ]  # fmt: skip
    # Tab reaches the first link; each link, followed with Enter, puts the focus in its field.
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.getAttribute('href')") == targets[0]
    for index, target in enumerate(targets):
        links.nth(index).focus()
        tab.keyboard.press("Enter")
        focused = tab.evaluate(FOCUS)
        assert (focused["id"], focused["inView"]) == (target[1:], True)

    # Fixed all but a bad address: refused again, one link, everything typed kept.
    tab.get_by_label("Имя").fill("Анна Иванова")
    tab.get_by_label("Электронная почта").fill("anna-at-example")
    tab.get_by_label("Телефон").fill("+7 384 200-00-00")
    tab.get_by_label("Тема").select_option("Покупка билетов")
    tab.get_by_label("Сообщение").fill("Не получается купить билет.")
    tab.get_by_label("Я даю согласие").check()
    refuse(tab)
    assert tab.evaluate(FOCUS)["id"] == "feedback-form-errors"
    assert [link.get_attribute("href") for link in links.all()] == ["#id_elektronnaya_pochta"]
    assert tab.get_by_label("Тема").input_value() == "Покупка билетов"
    assert tab.get_by_label("Телефон").input_value() == "+7 384 200-00-00"
    assert tab.get_by_label("Я даю согласие").is_checked()
    reset_rate_limit()
