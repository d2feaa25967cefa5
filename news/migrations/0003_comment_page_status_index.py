# The public comments of one page are looked up on every news page and API call by
# (content type, object id, is_public, is_removed); those columns live in django_comments'
# table, which no model of ours owns, hence raw SQL (the same on SQLite and PostgreSQL).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_comments"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX comments_by_page_and_status ON django_comments "
            "(content_type_id, object_pk, is_public, is_removed)",
            "DROP INDEX comments_by_page_and_status",
        ),
    ]
