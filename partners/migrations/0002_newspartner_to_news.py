"""NewsPartner (which news are about which partner) moves to `news`, which may know partners;
partners know no news. The table is renamed and its content type moves with it."""

from django.db import migrations


def move_content_type(apps, schema_editor, to_app="news", from_app="partners"):
    content_type = apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label=from_app, model="newspartner").update(app_label=to_app)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, to_app="partners", from_app="news")


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_content_type, move_content_type_back),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.AlterModelTable("newspartner", "news_newspartner")],
            state_operations=[migrations.DeleteModel("newspartner")],
        ),
    ]
