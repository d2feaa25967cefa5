"""Reader accounts (django-allauth): sign up with e-mail confirmation, sign in, out, reset."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.core import mail

from news.comments.models import ReaderComment
from tests.conftest import make_news
from tests.news.comments_helpers import comment_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость для читателей с аккаунтом")


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_guest_form_links_to_sign_up_and_sign_in_pages_that_work(client, article):
    html = client.get(article.url).content.decode()
    assert '<a href="/accounts/signup/">Зарегистрируйтесь</a>' in html
    login = re.search(r'<a href="(/accounts/login/[^"]*)">войдите</a>', html).group(1)
    assert client.get("/accounts/signup/").status_code == 200
    page = client.get(login.replace("&amp;", "&"))
    assert page.status_code == 200
    assert "Войти" in page.content.decode()


def test_reader_signs_up_confirms_email_and_comments_under_the_account(client, article):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "reader@example.org",
            "username": "Анна",
            "password1": "Книги-и-чай-2026",
            "password2": "Книги-и-чай-2026",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="reader@example.org")
    # Not signed in before the e-mail is confirmed.
    assert "Добавление комментария от гостя." in client.get(article.url).content.decode()
    confirm_url = link_in(mail.outbox[-1])
    assert client.get(confirm_url).status_code == 200
    client.post(confirm_url)
    assert user.emailaddress_set.get().verified

    response = client.post(
        "/accounts/login/", {"login": "reader@example.org", "password": "Книги-и-чай-2026"}
    )
    assert response.status_code == 302
    html = client.get(article.url).content.decode()
    assert "Вы пишете как <strong>Анна</strong>" in html
    assert 'name="name"' in html and 'type="hidden" name="name"' in html
    client.post(article.url, comment_data(article, name="Подмена", email="fake@example.org"))
    comment = ReaderComment.objects.get()
    assert (comment.user_name, comment.user_email, comment.user) == (
        "Анна",
        "reader@example.org",
        user,
    )

    assert client.post("/accounts/logout/").status_code == 302
    assert "Добавление комментария от гостя." in client.get(article.url).content.decode()


def test_password_reset_by_email(client):
    user = get_user_model().objects.create_user("Пётр", "petr@example.org", "старый-пароль-1")
    user.emailaddress_set.create(email="petr@example.org", verified=True, primary=True)
    client.post("/accounts/password/reset/", {"email": "petr@example.org"})
    reset_url = link_in(mail.outbox[-1])
    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    client.post(form_url, {"password1": "Новый-пароль-2026", "password2": "Новый-пароль-2026"})
    user.refresh_from_db()
    assert user.check_password("Новый-пароль-2026")


def test_account_pages_are_in_russian_in_the_site_layout(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="ru">' in html
    assert "Государственная библиотека Кузбасса" in html
    assert "Войти" in html
