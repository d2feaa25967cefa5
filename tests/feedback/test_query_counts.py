"""The form page and the staff list run the same number of queries with 1 and 100 requests."""

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.models import FeedbackRequest
from tests.conftest import forget_fragments
from tests.feedback.helpers import make_feedback_page

STATUSES = ["new", "in_progress", "answered", "closed"]


def fill(page, users, count, start=0):
    FeedbackRequest.objects.bulk_create(
        FeedbackRequest(
            page=page,
            form_data={"imya": f"Читатель {n}"},
            number=f"2026-{n + 1:06d}",
            name=f"Читатель {n}",
            email=f"reader{n}@example.org",
            topic=f"Тема {n % 5}",
            status=STATUSES[n % 4],
            assignee=users[n % len(users)],
            consent_version="1",
            consent_at=timezone.now(),
        )
        for n in range(start, start + count)
    )


def count_queries(client, url):
    client.get(url)  # warm up
    forget_fragments()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["form_page", "feedback_feedbackrequest_modeladmin_index", "wagtailadmin_home"]
)
def test_queries_do_not_grow_with_requests(client, home, django_user_model, url_name):
    page = make_feedback_page(home)
    group = Group.objects.get(name="Обращения")
    users = [django_user_model.objects.create_user(f"staff{n}", password="x") for n in range(5)]
    for user in users:
        user.groups.add(group)
    client.force_login(users[0])
    url = page.url if url_name == "form_page" else reverse(url_name)
    fill(page, users, 1)
    with_one = count_queries(client, url)
    fill(page, users, 99, start=1)
    with_hundred = count_queries(client, url)
    print(f"{url_name}: {with_one} queries with 1 request, {with_hundred} with 100")
    assert with_hundred == with_one
