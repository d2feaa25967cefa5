"""Kept for the migration history: the «Обращения» group is made by home.groups after
every migrate (a post_migrate receiver), so that a flushed database gets it back too."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("home", "0004_feedback")]

    operations = []
