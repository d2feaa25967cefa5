"""The snapshot the browser tests start from puts back exactly the rows it copied."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from news.models import NewsRubric
from tests.snapshot import Snapshot


@pytest.mark.django_db(transaction=True)
def test_restore_puts_back_the_rows_and_the_content_types_a_flush_made_again():
    NewsRubric.objects.create(name="Конкурсы")
    kept = NewsRubric.objects.create(name="Проекты")
    content_type_ids = dict(ContentType.objects.values_list("model", "pk"))
    snapshot = Snapshot("check")

    kept.name = "Изменённая"
    kept.save()
    NewsRubric.objects.filter(name="Конкурсы").delete()
    NewsRubric.objects.create(name="Новая")
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    assert ContentType.objects.get_for_model(NewsRubric).pk != content_type_ids["newsrubric"]

    snapshot.restore()
    assert sorted(NewsRubric.objects.values_list("name", flat=True)) == ["Конкурсы", "Проекты"]
    assert dict(ContentType.objects.values_list("model", "pk")) == content_type_ids
    assert ContentType.objects.get_for_model(NewsRubric).pk == content_type_ids["newsrubric"]
    snapshot.restore()  # as often as needed
    assert NewsRubric.objects.count() == 2
    snapshot.discard()
