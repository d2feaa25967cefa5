"""The reader's account page: their comments with their states, the name under comments."""

import pytest
from allauth.socialaccount.models import SocialAccount

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import forget_fragments, make_news
from tests.news.comments_helpers import approved
from tests.readers.helpers import comment_by, make_reader, reload

ACCOUNT = "/accounts/"


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Конкурс чтецов")


@pytest.fixture
def reader(db):
    return make_reader()


@pytest.fixture
def signed_in(client, reader):
    client.force_login(reader)
    return client


@pytest.mark.django_db
def test_guests_are_sent_to_sign_in_and_back(client):
    for name in ("reader_account", "reader_data", "reader_delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={reverse(name)}"


def test_the_page_lists_own_comments_with_their_states(signed_in, reader, article):
    published = comment_by(reader, article, "published", text="Опубликованный текст", files=2)
    pending = comment_by(reader, article, "pending", text="Ждёт проверки")
    comment_by(reader, article, "removed", text="Снятый модератором")
    approved(article, comment="Чужой комментарий", user_name="Боря")
    SocialAccount.objects.create(user=reader, provider="vk", uid="777")
    response = signed_in.get(ACCOUNT)
    html = response.content.decode()
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    items = [item.state_label for item in response.context["listed"]]
    assert items == ["снят", "на модерации", "опубликован"]  # newest first
    assert "Чужой комментарий" not in html
    assert f'href="{article.url}#c{published.pk}"' in html  # the published one's anchor
    assert f'href="{article.url}"' in html  # the others: the page only
    assert f"#c{pending.pk}" not in html
    assert "Вложений: 2" in html and "Конкурс чтецов" in html
    assert "Подключены: VK ID." in html
    for link in ("account_email", "account_change_password", "socialaccount_connections"):
        assert f'href="{reverse(link)}"' in html
    assert reverse("reader_data") in html and reverse("reader_delete") in html


def test_an_approved_reply_readers_no_longer_see_counts_as_taken_down(signed_in, reader, article):
    parent = approved(article, comment="Чужой вопрос", user_name="Боря")
    reply = comment_by(reader, article, "published", text="Мой ответ", parent_id=parent.pk)
    parent.is_public, parent.is_removed = False, True
    parent.save()
    assert [item.state_label for item in signed_in.get(ACCOUNT).context["listed"]] == ["снят"]
    assert reply.is_approved


def test_a_reader_with_no_password_is_offered_to_set_one(client, article):
    reader = make_reader("vk_reader", "vk@example.org", password=None)
    client.force_login(reader)
    html = client.get(ACCOUNT).content.decode()
    assert f'href="{reverse("account_set_password")}"' in html
    assert "Задать пароль" in html and "Сменить пароль" not in html
    assert "Вы ещё не оставляли комментариев." in html


def count_queries(client):
    client.get(ACCOUNT)  # what is looked up once per process (the site's root paths, …)
    forget_fragments()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ACCOUNT).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_1_and_100_comments(signed_in, reader, news_index):
    pages = [make_news(news_index, title=f"Новость {n}") for n in range(2)]
    comment_by(reader, pages[0], files=1)
    one = count_queries(signed_in)
    for number in range(99):
        comment_by(reader, pages[number % 2], ("published", "pending", "removed")[number % 3])
    hundred = count_queries(signed_in)
    assert hundred == one
    assert len(signed_in.get(ACCOUNT).context["listed"]) == 20  # a page of them
    assert len(signed_in.get(ACCOUNT, {"page": 5}).context["listed"]) == 20


@pytest.mark.usefixtures("page_cache_on")
def test_a_new_name_signs_the_old_comments_and_refreshes_cached_pages(
    client, signed_in, reader, article
):
    published = comment_by(reader, article, "published", text="Спасибо за конкурс")
    pending = comment_by(reader, article, "pending")
    other = approved(article, comment="Чужой", user_name="Боря")
    guest = type(client)()
    assert "masha" in guest.get(article.url).content.decode()  # now in the page cache

    response = signed_in.post(ACCOUNT, {"name": "   "})
    assert response.status_code == 200
    assert "Укажите имя." in response.content.decode()
    too_long = "Мария" * 11
    response = signed_in.post(ACCOUNT, {"name": too_long})
    html = response.content.decode()
    assert "Имя не длиннее 50 знаков." in html and f'value="{too_long}"' in html
    assert "Имя должно содержать" in signed_in.post(ACCOUNT, {"name": "!!!"}).content.decode()
    assert signed_in.post(ACCOUNT, {"name": "Маша\x00"}).status_code == 400  # cms.input_guard
    assert reload(published).user_name == "masha"

    response = signed_in.post(ACCOUNT, {"name": "  Мария   Иванова "}, follow=True)
    assert "Имя сохранено" in response.content.decode()
    reader.refresh_from_db()
    assert (reader.first_name, reader.last_name) == ("Мария Иванова", "")
    assert reload(published).user_name == reload(pending).user_name == "Мария Иванова"
    assert reload(other).user_name == "Боря"
    html = guest.get(article.url).content.decode()
    assert "Мария Иванова" in html and "masha" not in html
