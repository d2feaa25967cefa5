"""Staff groups that may do one job in the admin, kept in place after every migrate.

Each app makes its groups from a post_migrate receiver rather than a data migration: a
flushed database (a live-server test, a restore) gets them back too, and they are made after
Wagtail's own migrations, which would otherwise add their «choose» permissions to every group.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission


def ensure_group(name, permissions):
    """The group `name` holding at least `permissions`: [(app_label, model, codename), …]."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(*find_permissions(permissions))
    return group


def find_permissions(permissions):
    """The Permission rows for [(app_label, model, codename), …], in that order."""
    # Django makes permissions in its own post_migrate receiver, which may not have run yet.
    for app_label in {app_label for app_label, _, _ in permissions}:
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    return [
        Permission.objects.get(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        )
        for app_label, model, codename in permissions
    ]
