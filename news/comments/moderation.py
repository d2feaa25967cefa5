"""Approving and removing comments, the «Модераторы» group, and the e-mails that follow."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wagtail.log_actions import log

from cms import webhooks
from cms.groups import ensure_group
from cms.mail import send_or_warn

from .models import ReaderComment

MODERATORS_GROUP = "Модераторы"
# Entries of a comment's history in the admin (registered in news.wagtail_hooks).
LOG_ACTIONS = {
    "news.comment.approve": ("Одобрить", "Одобрен"),
    "news.comment.remove": ("Снять с публикации", "Снят с публикации"),
}
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


def moderation_url(comment):
    """The comment's page in the admin, where a moderator judges and answers it."""
    return reverse("wagtailsnippets_news_readercomment:inspect", args=[comment.pk])


def ensure_moderators_group(**kwargs):
    """The group that may moderate comments (and edit the stop list) and nothing else."""
    return ensure_group(MODERATORS_GROUP, MODERATOR_PERMISSIONS)


def approve(comments, user=None):
    """Publish the comments; returns how many changed. Authors who asked are told by e-mail.
    With `user`, each change goes into the comment's history as theirs."""
    changed = [comment for comment in comments if not comment.is_approved]
    now = timezone.now()
    for comment in changed:
        comment.is_public, comment.is_removed, comment.moderated_at = True, False, now
        # One save each, not a queryset update: post_save refreshes the page cache.
        comment.save(update_fields=["is_public", "is_removed", "moderated_at"])
        if user is not None:
            log(instance=comment, action="news.comment.approve", user=user)
        announce_publication(comment)
    return len(changed)


def remove(comments, user=None):
    """Hide the comments (kept for the record; delete them to drop their files too)."""
    changed = [comment for comment in comments if not comment.is_removed]
    now = timezone.now()
    for comment in changed:
        comment.is_public, comment.is_removed, comment.moderated_at = False, True, now
        comment.save(update_fields=["is_public", "is_removed", "moderated_at"])
        if user is not None:
            log(instance=comment, action="news.comment.remove", user=user)
    return len(changed)


class ReplyRefused(Exception):
    """The library cannot answer this comment; the message says why, in Russian."""


def reply_parent_id(comment):
    """The comment an official reply to `comment` goes under: the comment itself, or its
    parent when the thread is as deep as the site allows (the reply then follows in the
    same branch)."""
    if comment.level < settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        return comment.pk
    return comment.parent_id


def reply_as_library(comment, text, user):
    """Publish the library's official reply under `comment` and return it.

    A pending comment is approved first (answering it publicly means it is fit to be seen);
    a removed one is refused. The reply is signed «Библиотека», not with the moderator's
    name; who wrote it is kept in the admin's history. Followers are told as for any reply.
    """
    if comment.is_removed:
        raise ReplyRefused("Комментарий снят с публикации: сначала одобрите его, потом отвечайте.")
    approve([comment], user)
    now = timezone.now()
    reply = ReaderComment(
        content_type_id=comment.content_type_id,
        object_pk=comment.object_pk,
        site_id=comment.site_id,
        parent_id=reply_parent_id(comment),
        user_name=ReaderComment.LIBRARY_AUTHOR,
        comment=text,
        submit_date=now,
        moderated_at=now,
        is_public=True,
        is_official=True,
    )
    reply.save()
    log(instance=reply, action="wagtail.create", user=user)
    announce_publication(reply)
    return reply


def next_pending(comment):
    """The pending comment after `comment` in the queue's order (newest first), or the
    newest pending one when none is after it; None when the queue is empty."""
    pending = ReaderComment.objects.pending().exclude(pk=comment.pk).order_by("-submit_date", "-pk")
    after = pending.filter(submit_date__lte=comment.submit_date).exclude(
        submit_date=comment.submit_date, pk__gt=comment.pk
    )
    return after.first() or pending.first()


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
