"""The migrations that moved models between apps keep every row, and what points at them.

Site settings, slides and promo blocks went from `home` to `cms`, the «Решаем вместе» models
from `home` to `feedback`, NewsPartner from `partners` to `news`. A library upgrading its
database must find its requests, settings and staff permissions where they were.
"""

import pytest

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from feedback.models import FeedbackCounter

BEFORE_THE_MOVES = [
    ("home", "0005_feedback_group"),
    ("partners", "0001_initial"),
    ("news", "0003_comment_page_status_index"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_moved_models_keep_their_rows_content_types_and_permissions():
    old = migrate(BEFORE_THE_MOVES)
    content_type = old.get_model("contenttypes", "ContentType")
    permission = old.get_model("auth", "Permission")
    counter_type, _ = content_type.objects.get_or_create(app_label="home", model="feedbackcounter")
    view_counter, _ = permission.objects.get_or_create(
        content_type=counter_type, codename="view_feedbackcounter", defaults={"name": "Можно"}
    )
    staff = old.get_model("auth", "Group").objects.create(name="Счётчики")
    staff.permissions.add(view_counter)
    old.get_model("home", "FeedbackCounter").objects.create(year=2026, last=123)
    content_type.objects.get_or_create(app_label="partners", model="newspartner")

    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())

    ContentType.objects.clear_cache()
    assert FeedbackCounter.objects.get(year=2026).last == 123
    assert ContentType.objects.get_for_model(FeedbackCounter).pk == counter_type.pk
    assert not ContentType.objects.filter(app_label="home", model="feedbackcounter").exists()
    assert ContentType.objects.filter(app_label="news", model="newspartner").exists()
    codes = Group.objects.get(name="Счётчики").permissions.values_list(
        "content_type__app_label", "codename"
    )
    assert list(codes) == [("feedback", "view_feedbackcounter")]
