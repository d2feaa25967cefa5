"""A guest's blank comment form is rendered once per version of its page and kept as a
fragment (news.comments.guest_form): each request fills in its own CSRF token and a fresh
timestamp and security hash, and the form posts as one rendered for the request would."""

import re
import time

import pytest

from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client

from cms.fragments import fragment_key
from news.comments import guest_form
from news.comments.forms import ReaderCommentForm
from news.comments.models import ReaderComment
from tests.conftest import make_news
from tests.news.comments_helpers import approved
from tests.readers.sign_in_helpers import buttons, form_action, from_environment_only

pytestmark = pytest.mark.django_db

FORM = re.compile(r'<div class="comment-form" id="comment-form">.*?</form>\s*</div>', re.DOTALL)
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
# What differs between two renders of one guest's form: the request's own values.
PER_REQUEST = [
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"'), r'\1CSRF"'),
    (re.compile(r'(name="timestamp" value=")\d+"'), r'\1TIMESTAMP"'),
    (re.compile(r'(name="security_hash" value=")[0-9a-f]{40}"'), r'\1HASH"'),
]


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость с формой для гостей")


def comment_form(html):
    return FORM.search(html).group(0)


def without_request_values(html):
    for pattern, replacement in PER_REQUEST:
        html, count = pattern.subn(replacement, html)
        assert count, pattern
    return html


def kept_form(article, host="testserver"):
    """The fragment's cache entry for the page: (HTML with placeholders, CSP additions)."""
    key = fragment_key(
        "guest-comment-form", article.frame_tags(), (host, guest_form.settings_shown())
    )
    return key, caches[django_settings.FRAGMENT_CACHE_ALIAS].get(key)


def posted_fields(form_html, **typed):
    """What a browser posts from the form: its hidden inputs and what the guest typed."""
    data = dict(HIDDEN.findall(form_html))
    data.update(
        name="Маша Иванова",
        email="masha@example.org",
        comment="Спасибо за новость!",
        consent="on",
        honeypot="",
        place_name="",
    )
    data.update(typed)
    return data


def test_the_kept_form_is_the_form_rendered_without_the_fragment_cache(client, article, settings):
    from_environment_only(settings, "vk", "yandex")
    settings.FRAGMENT_CACHE_SECONDS = 0
    rendered = comment_form(client.get(article.url).content.decode())
    assert kept_form(article)[1] is None

    settings.FRAGMENT_CACHE_SECONDS = 24 * 60 * 60
    first = comment_form(client.get(article.url).content.decode())
    key, kept = kept_form(article)
    assert kept is not None
    # Prove the next answer comes from the fragment: a mark put into the kept HTML shows.
    caches[django_settings.FRAGMENT_CACHE_ALIAS].set(
        key, (kept[0].replace("Оставить комментарий", "Из фрагмента"), kept[1])
    )
    from_fragment = comment_form(client.get(article.url).content.decode())
    assert "Из фрагмента" in from_fragment
    from_fragment = from_fragment.replace("Из фрагмента", "Оставить комментарий")

    assert [provider for provider, _ in buttons(from_fragment)] == ["vk", "yandex"]
    assert without_request_values(first) == without_request_values(rendered)
    assert without_request_values(from_fragment) == without_request_values(rendered)
    assert "__comment_form_" not in from_fragment


def test_each_request_gets_its_own_token_and_a_fresh_valid_security_hash(article):
    Client().get(article.url)  # another guest's visit keeps the form

    html = Client().get(article.url).content.decode()
    fields = dict(HIDDEN.findall(comment_form(html)))
    assert "__comment_form_" not in html
    assert len(fields["csrfmiddlewaretoken"]) == 64  # Django's masked token
    assert abs(int(fields["timestamp"]) - time.time()) < 5
    expected = ReaderCommentForm(article).generate_security_hash(
        fields["content_type"], fields["object_pk"], fields["timestamp"]
    )
    assert fields["security_hash"] == expected


def test_a_comment_posted_through_the_kept_form_is_taken(article):
    Client().get(article.url)  # another guest's visit keeps the form
    guest = Client(enforce_csrf_checks=True)

    form_html = comment_form(guest.get(article.url).content.decode())
    response = guest.post(article.url, posted_fields(form_html))

    assert response.status_code == 302
    assert ReaderComment.objects.get().comment == "Спасибо за новость!"


def test_a_form_kept_longer_than_the_comments_timeout_still_posts(article, monkeypatch):
    Client().get(article.url)
    guest = Client(enforce_csrf_checks=True)
    three_hours_later = time.time() + 3 * 60 * 60  # COMMENTS_TIMEOUT is two
    monkeypatch.setattr(time, "time", lambda: three_hours_later)

    form_html = comment_form(guest.get(article.url).content.decode())
    assert dict(HIDDEN.findall(form_html))["timestamp"] == str(int(three_hours_later))
    response = guest.post(article.url, posted_fields(form_html))

    assert response.status_code == 302
    assert ReaderComment.objects.count() == 1


def test_a_refused_post_shows_what_the_guest_typed_not_the_kept_form(client, article):
    form_html = comment_form(client.get(article.url).content.decode())
    typed = posted_fields(form_html, comment="Мой текст без согласия")
    del typed["consent"]

    html = client.post(article.url, typed).content.decode()

    assert "Мой текст без согласия</textarea>" in html
    assert 'value="Маша Иванова"' in html
    assert "Комментарий не отправлен" in html
    assert "Мой текст без согласия" not in comment_form(client.get(article.url).content.decode())


def test_reply_and_signed_in_forms_are_never_the_kept_one(client, article, django_user_model):
    question = approved(article, user_name="Пётр", comment="Когда откроется выставка?")
    client.get(article.url)

    reply = client.get(f"{article.url}?reply_to={question.pk}").content.decode()
    assert "Ответ на комментарий Пётр" in reply
    assert f'name="reply_to" value="{question.pk}"' in reply
    assert "Ответ на комментарий" not in client.get(article.url).content.decode()

    client.force_login(django_user_model.objects.create_user("anna", "anna@example.org", "x"))
    signed_in = client.get(article.url).content.decode()
    assert "Вы пишете как" in signed_in and "Добавление комментария от гостя" not in signed_in


def test_the_sign_in_buttons_policy_comes_with_the_kept_form(client, article, settings):
    from_environment_only(settings, "vk")
    client.get(article.url)

    response = client.get(article.url)

    assert buttons(response.content.decode())
    assert "https://id.vk.ru" in form_action(response)


def test_a_provider_switched_on_in_the_environment_shows_after_the_restart(
    client, article, settings
):
    from_environment_only(settings)
    assert buttons(client.get(article.url).content.decode()) == []

    from_environment_only(settings, "yandex")  # the new environment, after a restart

    assert [provider for provider, _ in buttons(client.get(article.url).content.decode())] == [
        "yandex"
    ]
