"""`export_personal_data EMAIL`: accounts, comments and requests of one address; --delete."""

import json
from io import StringIO

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder

from feedback.models import FeedbackRequest
from feedback.personal_data import personal_data
from tests.conftest import make_news
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, submit
from tests.news.comments_helpers import approved
from tests.readers.helpers import comment_by, make_reader, reload


@pytest.fixture
def page(home):
    reset_rate_limit()
    yield make_feedback_page(home)
    reset_rate_limit()


def export(email, *options):
    out = StringIO()
    call_command("export_personal_data", email, *options, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_export_lists_requests_accounts_and_comments_of_one_address_only(client, page, news_index):
    article = make_news(news_index)
    mine = submit(client, page, elektronnaya_pochta="Anna@Example.org")
    submit(client, page, elektronnaya_pochta="boris@example.org")
    reader = make_reader("anna", "anna@example.org")
    own = comment_by(reader, article, "pending", text="С аккаунта", ip_address="203.0.113.7")
    guest = approved(article, comment="Гостем", user_email="ANNA@example.org")
    approved(article, comment="Бориса", user_email="boris@example.org")

    data = export("anna@example.org")
    assert [item["number"] for item in data["requests"]] == [mine.number]
    encoded = json.dumps(personal_data("anna@example.org"), cls=DjangoJSONEncoder)
    assert data["requests"] == json.loads(encoded)  # feedback's own function, reused
    assert data["requests"][0]["form_data"]["imya"] == "Анна Иванова"
    assert [account["username"] for account in data["accounts"]] == ["anna"]
    assert {item["id"] for item in data["comments"]} == {own.pk, guest.pk}
    assert {item["ip_address"] for item in data["comments"]} == {"203.0.113.7", None}
    assert FeedbackRequest.objects.count() == 2


def test_delete_removes_that_address_only_as_deleting_the_account_does(client, page, news_index):
    article = make_news(news_index)
    submit(client, page)
    other = submit(client, page, elektronnaya_pochta="boris@example.org")
    reader = make_reader("anna", "anna@example.org")
    published = comment_by(reader, article, "published", text="Опубликован")
    pending = comment_by(reader, article, "pending")
    guest_pending = approved(article, user_email="anna@example.org", is_public=False)
    boris = approved(article, comment="Бориса", user_email="boris@example.org")

    export("anna@example.org", "--delete")
    assert list(FeedbackRequest.objects.values_list("pk", flat=True)) == [other.pk]
    assert not get_user_model().objects.filter(pk=reader.pk).exists()
    assert reload(pending) is None and reload(guest_pending) is None
    assert (reload(published).user_name, reload(published).user_email) == ("Читатель", "")
    assert reload(boris).user_email == "boris@example.org"


@pytest.mark.django_db
def test_delete_keeps_staff_accounts():
    staff = get_user_model().objects.create_superuser("ed", "ed@example.org", "x")
    err = StringIO()
    call_command(
        "export_personal_data", "ed@example.org", "--delete", stdout=StringIO(), stderr=err
    )
    assert get_user_model().objects.filter(pk=staff.pk).exists()
    assert "Kept staff account ed" in err.getvalue()
