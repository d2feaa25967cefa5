"""The tree roots Wagtail's migrations make are called «Root»; editors see that name in the
page explorer's breadcrumbs and in the collection lists. Renamed unless someone renamed them."""

from django.db import migrations

ROOT_NAME = "Корень"


def rename_roots(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title="Root").update(
        title=ROOT_NAME, draft_title=ROOT_NAME
    )
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name="Root").update(
        name=ROOT_NAME
    )


def restore_roots(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=ROOT_NAME).update(
        title="Root", draft_title="Root"
    )
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name=ROOT_NAME).update(
        name="Root"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_decide_news_placement"),  # after Wagtail's migrations, which make the roots
    ]

    operations = [migrations.RunPython(rename_roots, restore_roots)]
