"""«Скачать мои данные»: everything held about the reader, nothing about anyone else."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken

from django.urls import reverse

from tests.conftest import make_news
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, valid_data
from tests.news.comments_helpers import approved
from tests.readers.helpers import comment_by, make_reader

TOKEN = "секретный-токен-доступа"


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Конкурс чтецов")


def send_request(client, page, email, message):
    client.post(page.url, valid_data(client, page, elektronnaya_pochta=email, soobshhenie=message))


def test_the_download_holds_the_account_comments_and_requests_of_verified_addresses(
    client, article, home
):
    reset_rate_limit()
    feedback = make_feedback_page(home)
    send_request(client, feedback, "Masha@Example.org", "Обращение с моего адреса")
    send_request(client, feedback, "old@example.org", "Со второго подтверждённого адреса")
    send_request(client, feedback, "stranger@example.org", "Чужое обращение")
    reset_rate_limit()

    reader = make_reader(first_name="Маша", last_name="Иванова")
    EmailAddress.objects.create(user=reader, email="old@example.org", verified=True)
    # Anyone can add a stranger's address without proving it: it pulls in nothing.
    EmailAddress.objects.create(user=reader, email="stranger@example.org", verified=False)
    app = SocialApp.objects.create(provider="vk", name="VK ID", client_id="1", secret="s")
    account = SocialAccount.objects.create(
        user=reader, provider="vk", uid="777", extra_data={"user_id": "777", "access_token": TOKEN}
    )
    SocialToken.objects.create(app=app, account=account, token=TOKEN, token_secret=TOKEN)
    published = comment_by(
        reader, article, "published", files=1, ip_address="203.0.113.7", place_name="Кемерово",
        latitude="55.35", longitude="86.09", consent_policy_version="2026-01",
    )  # fmt: skip
    pending = comment_by(reader, article, "pending", text="Ждёт проверки", files=1)
    guest = approved(article, comment="Гостем до регистрации", user_email="old@example.org")
    approved(article, comment="Чужой комментарий", user_email="stranger@example.org")
    other = make_reader("borya", "borya@example.org")
    comment_by(other, article, text="Комментарий Бори")

    client.force_login(reader)
    response = client.get(reverse("reader_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="moi-dannye-')
    assert response["Cache-Control"] == "private, no-store"
    body = response.content.decode()
    assert TOKEN not in body and "borya" not in body and "Чужо" not in body
    data = json.loads(body)

    account_data = data["account"]
    assert account_data["username"] == "masha"
    assert account_data["name_under_comments"] == "Маша Иванова"
    assert {(e["email"], e["verified"]) for e in account_data["emails"]} == {
        ("masha@example.org", True),
        ("old@example.org", True),
        ("stranger@example.org", False),
    }
    assert account_data["date_joined"]
    [provider] = account_data["connected_providers"]
    assert (provider["provider"], provider["uid"], provider["provider_name"]) == (
        "vk",
        "777",
        "VK ID",
    )
    assert provider["profile"] == {"user_id": "777"}

    comments = {item["id"]: item for item in data["comments"]}
    assert set(comments) == {published.pk, pending.pk, guest.pk}
    mine = comments[published.pk]
    assert mine["state"] == "опубликован" and comments[pending.pk]["state"] == "на модерации"
    assert mine["ip_address"] == "203.0.113.7" and mine["place_name"] == "Кемерово"
    assert (mine["latitude"], mine["longitude"]) == ("55.35", "86.09")
    assert mine["consent_version"] == "2026-01"
    assert mine["page"]["url"] == f"http://testserver{article.url}#c{published.pk}"
    [attachment] = comments[pending.pk]["attachments"]
    assert attachment["name"] == "Моё фото.jpg" and attachment["size"] > 0

    requests = sorted(item["form_data"]["soobshhenie"] for item in data["requests"])
    assert requests == ["Обращение с моего адреса", "Со второго подтверждённого адреса"]

    # The pending file's address works for its author only.
    file_url = attachment["url"].removeprefix("http://testserver")
    assert client.get(file_url)["Cache-Control"] == "private, no-store"
    client.force_login(other)
    assert client.get(file_url).status_code == 404
    client.logout()
    assert client.get(file_url).status_code == 404
