"""Guests comment on news: consent, moderation, the count, threads, errors in Russian."""

import re

import pytest

from news.comments.models import ReaderComment
from tests.conftest import make_news, publish
from tests.news.comments_helpers import approved, comment_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Соглашение с библиотеками Минска")


def test_empty_news_page_shows_zero_count_and_empty_state(client, article):
    html = client.get(article.url).content.decode()
    assert "Комментарии (0)" in html
    assert "Здесь ещё нет оставленных комментариев." in html
    assert "Добавление комментария от гостя." in html
    assert 'enctype="multipart/form-data"' in html


def test_guest_comment_waits_for_moderation_and_is_not_shown(client, article):
    response = client.post(article.url, comment_data(article))
    assert response.status_code == 302
    assert response["Location"].endswith("#comments")
    comment = ReaderComment.objects.get()
    assert not comment.is_public
    assert comment.consent and comment.consent_at is not None
    assert comment.consent_policy_version == "1"
    assert comment.ip_address == "127.0.0.1"
    html = client.get(article.url).content.decode()
    assert "Комментарий отправлен на модерацию" in html
    assert "Комментарии (0)" in html
    assert "Спасибо за новость" not in html
    # The notice is shown once.
    assert "Комментарий отправлен на модерацию" not in client.get(article.url).content.decode()


def test_consent_stores_the_policy_version_from_site_settings(client, article, home):
    from wagtail.models import Site

    from cms.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.policy_version = "2026-11"
    site_settings.save()
    client.post(article.url, comment_data(article))
    assert ReaderComment.objects.get().consent_policy_version == "2026-11"


def test_consent_checkbox_links_to_the_policy_page(client, article, standard_page):
    from wagtail.models import Site

    from cms.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.policy_page = standard_page
    site_settings.save()
    html = client.get(article.url).content.decode()
    consent = re.search(r'<input type="checkbox" name="consent"[^>]*>', html).group(0)
    assert "checked" not in consent and "required" in consent
    assert f'<a href="{standard_page.url}">политикой обработки персональных данных</a>' in html


def test_approved_comments_are_counted_in_russian_and_pending_are_not(client, article):
    for number in range(3):
        approved(article, comment=f"Комментарий номер {number}")
    approved(article, comment="Ждёт модерации", is_public=False)
    approved(article, comment="Удалённый", is_public=False, is_removed=True)
    html = client.get(article.url).content.decode()
    assert "Комментарии (3)" in html
    assert "3 комментария" in html
    assert "Комментарий номер 2" in html
    assert "Ждёт модерации" not in html and "Удалённый" not in html
    assert "Здесь ещё нет" not in html


def test_email_and_ip_never_appear_on_the_page(client, article):
    approved(article, user_email="secret-mail@example.org", ip_address="203.0.113.7")
    html = client.get(article.url).content.decode()
    assert "secret-mail" not in html
    assert "203.0.113.7" not in html


def test_replies_are_threaded_with_anchors_up_to_the_configured_depth(client, article):
    root = approved(article, comment="Корень")
    response = client.post(
        article.url, comment_data(article, reply_to=root.pk, comment="Ответ первого уровня")
    )
    assert response.status_code == 302
    reply = ReaderComment.objects.get(comment="Ответ первого уровня")
    assert (reply.thread_id, reply.parent_id, reply.level) == (root.pk, root.pk, 1)
    ReaderComment.objects.filter(pk=reply.pk).update(is_public=True)
    client.post(article.url, comment_data(article, reply_to=reply.pk, comment="Второй уровень"))
    deepest = ReaderComment.objects.get(comment="Второй уровень")
    ReaderComment.objects.filter(pk=deepest.pk).update(is_public=True)
    assert deepest.level == 2

    html = client.get(article.url).content.decode()
    assert f'id="c{root.pk}"' in html and "comment--level-2" in html
    assert f"?reply_to={reply.pk}#comment-form" in html
    # Depth 3 is the default: the third level takes no replies.
    assert f"?reply_to={deepest.pk}#comment-form" not in html
    response = client.post(
        article.url, comment_data(article, reply_to=deepest.pk, comment="Слишком глубоко")
    )
    assert response.status_code == 400
    assert "На этот комментарий ответить нельзя." in response.content.decode()


def test_reply_to_a_pending_comment_is_refused(client, article):
    pending = approved(article, is_public=False)
    response = client.post(article.url, comment_data(article, reply_to=pending.pk))
    assert response.status_code == 400
    assert ReaderComment.objects.count() == 1


def test_reply_form_opens_without_javascript(client, article):
    root = approved(article, comment="Корень обсуждения")
    html = client.get(f"{article.url}?reply_to={root.pk}").content.decode()
    assert "Ответ на комментарий Читатель" in html
    assert f'name="reply_to" value="{root.pk}"' in html


def test_reply_of_a_removed_comment_is_hidden(client, article):
    root = approved(article, comment="Родитель")
    child = approved(article, comment="Ответ сироты", parent_id=root.pk)
    assert child.level == 1
    ReaderComment.objects.filter(pk=root.pk).update(is_removed=True)
    html = client.get(article.url).content.decode()
    assert "Ответ сироты" not in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("consent", None, "Без согласия на обработку данных комментарий не отправить."),
        ("comment", "", "Напишите текст комментария."),
        ("comment", "   ", "Напишите текст комментария."),
        ("name", "", "Укажите имя."),
        ("email", "не-почта", "Введите правильный адрес электронной почты."),
        ("security_hash", "0" * 40, "Форма повреждена. Обновите страницу"),
        ("honeypot", "http://spam.example", "Комментарий похож на спам и не принят."),
    ],
)
def test_refused_comment_shows_russian_error_and_keeps_what_was_typed(
    client, article, field, value, message
):
    data = comment_data(article, **{field: value}, place_name="Кемерово")
    if value is None:
        data.pop(field, None)
    response = client.post(article.url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert ReaderComment.objects.count() == 0
    if field != "comment":
        assert "Спасибо за новость! Очень интересно.</textarea>" in html
    if field != "name":
        assert 'value="Маша Иванова"' in html
    assert 'value="Кемерово"' in html


def test_field_error_is_tied_to_its_input(client, article):
    html = client.post(article.url, comment_data(article, name="")).content.decode()
    name_input = re.search(r'<input type="text" name="name"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in name_input
    assert 'aria-describedby="id_name-errors"' in name_input
    assert 'id="id_name-errors"' in html
    email_input = re.search(r'<input type="email" name="email"[^>]*>', html).group(0)
    assert 'aria-describedby="id_email-help"' in email_input
    assert 'id="id_email-help"' in html


def test_comment_too_long_is_refused(client, article, settings):
    response = client.post(article.url, comment_data(article, comment="а" * 3001))
    assert response.status_code == 400
    assert "3000" in response.content.decode()


def test_double_submit_makes_one_comment(client, article):
    data = comment_data(article)
    first = client.post(article.url, data)
    second = client.post(article.url, data)
    assert first.status_code == second.status_code == 302
    assert ReaderComment.objects.count() == 1


def test_comments_can_be_switched_off_per_page_and_site_wide(client, article, settings):
    approved(article, comment="Старый комментарий")
    article.comments_enabled = False
    publish(article)
    html = client.get(article.url).content.decode()
    assert "Старый комментарий" in html
    assert 'name="consent"' not in html
    client.post(article.url, comment_data(article))
    assert ReaderComment.objects.count() == 1

    settings.COMMENTS_ENABLED = False
    html = client.get(article.url).content.decode()
    assert 'id="comments"' not in html


def test_xss_in_name_text_and_place_is_shown_as_text(client, article):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    approved(
        article,
        user_name=payload[:50],
        comment=f"{payload} и ссылка https://example.org/книга",
        place_name=payload[:100],
        latitude="55.35",
        longitude="86.09",
    )
    html = client.get(article.url).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'rel="nofollow ugc"' in html
    assert "onerror=alert(1)>" not in html


def test_a_comment_page_link_in_javascript_scheme_is_not_a_link(client, article):
    approved(article, comment="javascript:alert(1) и www.example.org")
    html = client.get(article.url).content.decode()
    assert 'href="javascript' not in html
    assert 'href="http://www.example.org"' in html


def test_a_refused_form_comes_back_with_a_fresh_timestamp(client, article):
    import time

    old = comment_data(article, comment="")
    old["timestamp"] = str(int(time.time()) - 3 * 60 * 60)
    response = client.post(article.url, old)
    assert response.status_code == 400
    assert "Форма устарела." in response.content.decode()
    fresh = re.search(r'name="timestamp" value="(\d+)"', response.content.decode()).group(1)
    assert int(fresh) > int(old["timestamp"]) + 60 * 60


def test_a_comment_links_to_its_anchor_on_the_page(client, article):
    comment = approved(article)
    assert comment.get_absolute_url() == f"{article.url}#c{comment.pk}"
    assert client.get("/comments/cr/1/1/").status_code == 404  # no generic redirect view


@pytest.mark.parametrize("reply_to", ["99999999999999999999", "²", "-1"])
def test_a_reply_link_with_an_impossible_comment_number_shows_the_plain_form(
    client, article, reply_to
):
    """Found by the fuzz test: the number overflowed SQLite, "²" passed isdigit()."""
    response = client.get(article.url, {"reply_to": reply_to})
    assert response.status_code == 200
