"""Approving and removing comments, the «Модераторы» group, and the e-mails that follow."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from cms import webhooks
from cms.groups import ensure_group
from cms.mail import send_or_warn

from .models import ReaderComment

MODERATORS_GROUP = "Модераторы"
COMMENT_API_PATHS = {"v2": "/api/v2/comments/{id}/", "v3": "/api/v3/comments/{id}/"}
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
    return ensure_group(MODERATORS_GROUP, MODERATOR_PERMISSIONS)


def approve(comments):
    """Publish the comments; returns how many changed. Authors who asked are told by e-mail."""
    changed = [comment for comment in comments if not comment.is_approved]
    now = timezone.now()
    for comment in changed:
        comment.is_public, comment.is_removed, comment.moderated_at = True, False, now
        # One save each, not a queryset update: post_save refreshes the page cache.
        comment.save(update_fields=["is_public", "is_removed", "moderated_at"])
        announce_publication(comment)
    return len(changed)


def remove(comments):
    """Hide the comments (kept for the record; delete them to drop their files too)."""
    changed = [comment for comment in comments if not comment.is_removed]
    now = timezone.now()
    for comment in changed:
        comment.is_public, comment.is_removed, comment.moderated_at = False, True, now
        comment.save(update_fields=["is_public", "is_removed", "moderated_at"])
    return len(changed)


def announce_publication(comment):
    """What follows a comment's going out, approved by a moderator or posted by a reader who
    needs none: the e-mails, and the webhooks' «comment.approved» if readers see it (a reply
    under a pending comment, or on a page behind a password, stays unannounced)."""
    notify_on_publish(comment)
    if ReaderComment.objects.shown().filter(pk=comment.pk).exists():
        webhooks.emit("comment.approved", described_comment(comment))


def described_comment(comment):
    page = comment.page
    url_parts = page.get_url_parts()
    described = webhooks.subject(
        ReaderComment._meta.label,
        comment.pk,
        title=str(comment),
        api_paths=COMMENT_API_PATHS,
        html_url=webhooks.absolute(f"{url_parts[2]}#{comment.anchor}") if url_parts else None,
    )
    return described | {"page": {"id": page.pk, "title": page.title}}


def notify_on_publish(comment):
    """Tell the author who opted in that the comment is out, and the page's followers."""
    # xtd's views module looks the comment model up when imported, so it cannot be imported
    # while news.models (which this module serves) is still loading.
    from django_comments_xtd.views import notify_comment_followers

    if comment.followup and comment.user_email:
        site = Site.objects.get_current()
        send_or_warn(
            lambda: send_mail(
                "Ваш комментарий опубликован",
                render_to_string(
                    "comments/email/published.txt",
                    {"comment": comment, "page": comment.page, "site": site},
                ),
                settings.DEFAULT_FROM_EMAIL,
                [comment.user_email],
            ),
            f"author of comment {comment.pk} about its publication",
        )
    send_or_warn(lambda: notify_comment_followers(comment), f"followers about comment {comment.pk}")
