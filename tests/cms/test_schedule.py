"""The schedule (cms.schedule): each job runs once per slot however many workers tick, daily
jobs catch up after a stop, and a page that goes live by schedule refreshes the page cache
like a manual publish. README lists the same jobs."""

import datetime
import re
import time
from datetime import timedelta

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Site

from cms.models import ScheduledRun, SiteSettings, WorkerHeartbeat
from cms.schedule import Scheduler, jobs_by_name, schedule
from news.models import NewsPage
from tests.cms.test_deploy import ROOT
from tests.conftest import make_news
from tests.task_queue import queued, run_queued_tasks

pytestmark = pytest.mark.django_db

NOVOKUZNETSK = timezone.get_fixed_timezone(7 * 60)


def at(hour, minute, day=2):
    return datetime.datetime(2026, 12, day, hour, minute, 30, tzinfo=NOVOKUZNETSK)


def test_a_job_is_queued_once_per_slot_however_many_workers_tick(task_queue):
    first, second = Scheduler("server-a"), Scheduler("server-b")

    first.tick(at(4, 1))
    second.tick(at(4, 1))
    first.tick(at(4, 1))

    # At 4:01 the minute's publishing and the five daily jobs of the night are due.
    assert ScheduledRun.objects.count() == len(schedule()) == 6
    assert queued("run_scheduled_job").count() == 6
    second.tick(at(4, 2))
    assert ScheduledRun.objects.filter(job="publish_scheduled").count() == 2
    assert queued("run_scheduled_job").count() == 7
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {
        "server-a",
        "server-b",
    }


def test_daily_jobs_wait_for_their_time_and_catch_up_after_a_stop(task_queue):
    scheduler = Scheduler("server-a")

    scheduler.tick(at(2, 59))
    assert not ScheduledRun.objects.filter(job="purge_feedback").exists()

    Scheduler("server-a-restarted").tick(at(9, 15))  # no worker ran at 3:10
    assert ScheduledRun.objects.get(job="purge_feedback").slot == "2026-12-02"
    Scheduler("server-b").tick(at(23, 59))
    assert ScheduledRun.objects.filter(job="purge_feedback").count() == 1
    scheduler.tick(at(3, 10, day=3))
    assert ScheduledRun.objects.filter(job="purge_feedback").count() == 2


def test_a_page_due_goes_live_and_leaves_the_page_cache(
    task_queue, client, news_index, page_cache_on
):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # else made by the first view
    client.get(news_index.url)
    assert client.get(news_index.url)["X-Page-Cache"] == "hit"
    article = make_news(news_index, title="Новость по расписанию", live=False)
    article.go_live_at = timezone.now() + timedelta(seconds=1)
    article.save_revision().publish()  # scheduled: Wagtail keeps it a draft until then
    assert not NewsPage.objects.get(pk=article.pk).live

    time.sleep(1)
    Scheduler("server-a").tick(timezone.now() + timedelta(minutes=1))
    run_queued_tasks()

    assert NewsPage.objects.get(pk=article.pk).live
    response = client.get(news_index.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Новость по расписанию" in response.content.decode()


def test_the_prune_job_forgets_old_runs_and_dead_workers(task_queue):
    old = timezone.now() - timedelta(days=8)
    Scheduler("gone").tick(old)
    ScheduledRun.objects.update(claimed_at=old)
    Scheduler("alive").tick(timezone.now() + timedelta(days=1))

    call_command("prune_worker_records", verbosity=0)

    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["alive"]
    assert not ScheduledRun.objects.filter(claimed_at__lt=timezone.now() - timedelta(days=7))


def test_the_readme_lists_the_schedule():
    readme = (ROOT / "README.md").read_text()
    listed = re.findall(r"^\| `(\w+)` \|", readme, re.M)
    assert [job.name for job in schedule()] == [name for name in listed if name in jobs_by_name()]


def test_a_worker_without_the_schedule_still_says_it_is_alive(task_queue):
    Scheduler("tasks-only", jobs=False).tick(at(4, 1))

    assert WorkerHeartbeat.objects.filter(worker_id="tasks-only").exists()
    assert not ScheduledRun.objects.exists()
