"""Personal data: old closed requests are purged (exporting and deleting one address:
tests/readers/test_export_personal_data.py)."""

import datetime
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from feedback.management.commands.purge_feedback import months_ago
from feedback.models import FeedbackRequest, FeedbackStatusChange
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, submit


@pytest.fixture
def page(home):
    reset_rate_limit()
    yield make_feedback_page(home)
    reset_rate_limit()


def test_months_ago_keeps_the_day_or_takes_the_months_last():
    moment = datetime.datetime(2026, 3, 31, 12, tzinfo=datetime.UTC)
    assert months_ago(moment, 1) == datetime.datetime(2026, 2, 28, 12, tzinfo=datetime.UTC)
    assert months_ago(moment, 36) == datetime.datetime(2023, 3, 31, 12, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_purge_deletes_only_requests_closed_before_the_retention_period(client, page, settings):
    settings.FEEDBACK_RETENTION_MONTHS = 12
    old_closed, recent_closed, old_open = (submit(client, page) for _ in range(3))
    long_ago = timezone.now() - datetime.timedelta(days=400)
    FeedbackRequest.objects.filter(pk=old_closed.pk).update(status="closed", closed_at=long_ago)
    FeedbackRequest.objects.filter(pk=recent_closed.pk).update(
        status="closed", closed_at=timezone.now() - datetime.timedelta(days=30)
    )
    FeedbackRequest.objects.filter(pk=old_open.pk).update(submit_time=long_ago)
    out = StringIO()
    call_command("purge_feedback", "--dry-run", stdout=out)
    assert "Would delete 1" in out.getvalue()
    assert FeedbackRequest.objects.count() == 3
    call_command("purge_feedback", stdout=StringIO())
    assert set(FeedbackRequest.objects.values_list("pk", flat=True)) == {
        recent_closed.pk,
        old_open.pk,
    }
    assert not FeedbackStatusChange.objects.filter(request_id=old_closed.pk).exists()
