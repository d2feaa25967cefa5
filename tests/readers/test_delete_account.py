"""«Удалить аккаунт»: the account and its personal data go; published comments stay,
anonymised; staff cannot leave this way."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client

from news.comments.models import CommentAttachment, comment_file_storage
from news.comments.moderation import ensure_moderators_group
from tests.conftest import make_news
from tests.news.comments_helpers import approved
from tests.readers.helpers import PASSWORD, comment_by, make_reader, reload

DELETE = "/accounts/delete/"


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Конкурс чтецов")


def stored_files(comment):
    return [
        name
        for attachment in CommentAttachment.objects.filter(comment=comment)
        for name in (attachment.file.name, attachment.thumbnail.name)
        if name
    ]


@pytest.mark.usefixtures("page_cache_on")
def test_deleting_removes_the_account_and_anonymises_published_comments(client, article):
    reader = make_reader()
    app = SocialApp.objects.create(provider="vk", name="VK ID", client_id="1", secret="s")
    account = SocialAccount.objects.create(user=reader, provider="vk", uid="777")
    SocialToken.objects.create(app=app, account=account, token="t")
    published = comment_by(
        reader, article, "published", text="Спасибо за конкурс", files=1,
        ip_address="203.0.113.7", place_name="Кемерово", latitude="55.35", longitude="86.09",
    )  # fmt: skip
    pending = comment_by(reader, article, "pending", files=1)
    removed = comment_by(reader, article, "removed")
    guest = approved(article, comment="Гостем с моего адреса", user_email="masha@example.org")
    other = approved(article, comment="Чужой", user_name="Боря", user_email="b@example.org")
    files = stored_files(published) + stored_files(pending)
    assert len(files) == 4 and all(comment_file_storage.exists(name) for name in files)
    other_device = Client()
    other_device.force_login(reader)
    guest_client = Client()
    assert "masha" in guest_client.get(article.url).content.decode()  # cached

    client.force_login(reader)
    page = client.get(DELETE).content.decode()
    assert "подписаны «Читатель»" in page and 'type="password"' in page
    response = client.post(DELETE, {"password": "не тот"})
    assert "Пароль неверный." in response.content.decode()
    for _ in range(9):  # allauth's «reauthenticate» limit: 10 a minute
        client.post(DELETE, {"password": "не тот"})
    response = client.post(DELETE, {"password": PASSWORD})
    assert "Слишком много попыток" in response.content.decode()
    caches["default"].clear()  # a minute later
    assert get_user_model().objects.filter(pk=reader.pk).exists()

    response = client.post(DELETE, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Ваш аккаунт удалён." in response.content.decode()
    assert not get_user_model().objects.filter(pk=reader.pk).exists()
    assert not EmailAddress.objects.filter(email="masha@example.org").exists()
    assert not SocialAccount.objects.exists() and not SocialToken.objects.exists()
    assert not Session.objects.filter(session_key=other_device.session.session_key).exists()
    assert client.get("/accounts/").status_code == 302  # signed out
    assert other_device.get("/accounts/").status_code == 302

    assert reload(pending) is None and reload(removed) is None
    for comment in (reload(published), reload(guest)):
        assert (comment.user_id, comment.user_name, comment.user_email) == (None, "Читатель", "")
        assert comment.ip_address is None and comment.place_name == ""
        assert comment.latitude is None and comment.longitude is None
        assert comment.is_approved
    assert not CommentAttachment.objects.exists()
    assert not any(comment_file_storage.exists(name) for name in files)
    assert reload(published).comment == "Спасибо за конкурс"
    assert reload(other).user_name == "Боря"
    html = guest_client.get(article.url).content.decode()
    assert "Спасибо за конкурс" in html and "masha" not in html  # the cached page is gone


@pytest.mark.django_db
def test_a_reader_without_a_password_confirms_with_a_box(client):
    reader = make_reader("vk_reader", "vk@example.org", password=None)
    client.force_login(reader)
    page = client.get(DELETE).content.decode()
    assert 'type="checkbox"' in page and 'type="password"' not in page
    response = client.post(DELETE, {})
    assert "Отметьте, что вы хотите удалить аккаунт." in response.content.decode()
    assert get_user_model().objects.filter(pk=reader.pk).exists()
    client.post(DELETE, {"confirm": "on"})
    assert not get_user_model().objects.filter(pk=reader.pk).exists()


@pytest.mark.django_db
def test_staff_cannot_delete_their_account_here(client):
    moderator = make_reader("moderator", "moderator@example.org")
    moderator.groups.add(ensure_moderators_group())
    client.force_login(moderator)
    for response in (client.get(DELETE), client.post(DELETE, {"password": PASSWORD})):
        assert response.status_code == 403
        assert "Учётную запись сотрудника нельзя удалить здесь" in response.content.decode()
    assert get_user_model().objects.filter(pk=moderator.pk).exists()
