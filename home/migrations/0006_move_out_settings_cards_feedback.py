"""Site settings, slides and promo blocks move to the shared kernel (app `cms`), and the
«Решаем вместе» models to their own app (`feedback`). Rows stay where they are: tables are
renamed, and the content types move with them, so permissions, revisions, page types and
log entries keep pointing at the same rows."""

from django.db import migrations

MOVES = {
    "sitesettings": "cms",
    "slide": "cms",
    "promoblock": "cms",
    "feedbackformpage": "feedback",
    "feedbackformfield": "feedback",
    "feedbackrequest": "feedback",
    "feedbackcounter": "feedback",
    "feedbackstatuschange": "feedback",
}


def move_content_types(apps, schema_editor, moves=MOVES, from_app="home"):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model, to_app in moves.items():
        content_type.objects.filter(app_label=from_app, model=model).update(app_label=to_app)


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model, to_app in MOVES.items():
        content_type.objects.filter(app_label=to_app, model=model).update(app_label="home")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_feedback_group"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(model, f"{app}_{model}") for model, app in MOVES.items()
            ],
            # Children before parents: a form field or a status change points at its parent.
            state_operations=[
                migrations.DeleteModel(model)
                for model in (
                    "feedbackstatuschange",
                    "feedbackrequest",
                    "feedbackformfield",
                    "feedbackformpage",
                    "feedbackcounter",
                    "sitesettings",
                    "slide",
                    "promoblock",
                )
            ],
        ),
    ]
