from django.db import migrations

AUDIENCES = [
    ("Дети", "deti"),
    ("Подростки", "podrostki"),
    ("Молодёжь", "molodezh"),
    ("Родители", "roditeli"),
    ("Специалисты", "specialisty"),
]


def add_audiences(apps, schema_editor):
    EventAudience = apps.get_model("events", "EventAudience")
    for order, (name, slug) in enumerate(AUDIENCES):
        EventAudience.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(add_audiences, migrations.RunPython.noop)]
