"""Approving and removing comments, the «Модераторы» group, and the e-mails that follow."""

import logging

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.sites.models import Site
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)

MODERATORS_GROUP = "Модераторы"
MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("news", "readercomment", "view_readercomment"),
    ("news", "readercomment", "change_readercomment"),
    ("news", "readercomment", "delete_readercomment"),
    ("news", "commentstopword", "view_commentstopword"),
    ("news", "commentstopword", "add_commentstopword"),
    ("news", "commentstopword", "change_commentstopword"),
    ("news", "commentstopword", "delete_commentstopword"),
]


def ensure_moderators_group(**kwargs):
    """The group that may moderate comments (and edit the stop list) and nothing else."""
    # Our post_migrate receiver may run before auth's has made these permissions (news is
    # early in INSTALLED_APPS; after a test flush even wagtailadmin's access_admin is gone).
    for app_label in ("news", "wagtailadmin"):
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    wanted = []
    for app_label, model, codename in MODERATOR_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        ).first()
        if permission:
            wanted.append(permission)
    group.permissions.add(*wanted)
    return group


def approve(comments):
    """Publish the comments; returns how many changed. Authors who asked are told by e-mail."""
    changed = [comment for comment in comments if not comment.is_visible]
    now = timezone.now()
    for comment in changed:
        comment.is_public, comment.is_removed, comment.moderated_at = True, False, now
        # One save each, not a queryset update: post_save refreshes the page cache.
        comment.save(update_fields=["is_public", "is_removed", "moderated_at"])
        notify_on_publish(comment)
    return len(changed)


def remove(comments):
    """Hide the comments (kept for the record; delete them to drop their files too)."""
    changed = [comment for comment in comments if not comment.is_removed]
    now = timezone.now()
    for comment in changed:
        comment.is_public, comment.is_removed, comment.moderated_at = False, True, now
        comment.save(update_fields=["is_public", "is_removed", "moderated_at"])
    return len(changed)


def notify_on_publish(comment):
    """Tell the author who opted in that the comment is out, and the page's followers."""
    from django_comments_xtd.views import notify_comment_followers

    try:
        if comment.followup and comment.user_email:
            site = Site.objects.get_current()
            send_mail(
                "Ваш комментарий опубликован",
                render_to_string(
                    "comments/email/published.txt",
                    {"comment": comment, "page": comment.page, "site": site},
                ),
                settings.DEFAULT_FROM_EMAIL,
                [comment.user_email],
            )
        notify_comment_followers(comment)
    except OSError:
        logger.exception("Could not send follow-up e-mails for comment %s", comment.pk)
