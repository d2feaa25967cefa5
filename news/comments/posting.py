"""Posting a comment (from the page's form or the API): rate limit, checks, moderation state,
files, e-mails; the page's redirect."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse

from cms import ratelimit
from cms.mail import send_or_warn
from cms.models import SiteSettings

from .display import NOTICE_KEY
from .forms import build_form, hold_reason
from .models import CommentAttachment, ReaderComment, comment_file_storage
from .moderation import MODERATORS_GROUP, announce_publication, moderation_url

MODERATION_NOTICE = "Комментарий отправлен на модерацию"
PUBLISHED_NOTICE = "Комментарий опубликован"
RATE_LIMIT_MESSAGE = "Слишком много комментариев подряд. Попробуйте ещё раз через несколько минут."


def rate_key(ip):
    return f"comments:rate:{ip}"


def rate_limited(ip):
    """Already over the limit: refused before any work. over_limit() below is what counts."""
    return ratelimit.limit_reached(rate_key(ip), settings.COMMENTS_RATE_LIMIT)


def over_limit(ip):
    """Count this comment from `ip`, atomically; True when it goes over the limit."""
    return ratelimit.over_limit(
        rate_key(ip), settings.COMMENTS_RATE_LIMIT, settings.COMMENTS_RATE_WINDOW
    )


@dataclass
class Submission:
    """What became of a submitted comment: `comment` is None when the form was refused."""

    status: int  # 201 taken, 200 a double submit, 400 refused, 429 too many from the address
    comment: ReaderComment | None = None

    @property
    def notice(self):
        return PUBLISHED_NOTICE if self.comment.is_approved else MODERATION_NOTICE


def submit_comment(request, form):
    """The one path of a comment, from the page's form or the API: rate limit, checks,
    moderation state, consent record, files and e-mails."""
    ip = ratelimit.client_ip(request) or None
    if ip and rate_limited(ip):
        form.refuse_unread(RATE_LIMIT_MESSAGE)
        return Submission(429)
    if not form.is_valid():
        return Submission(400)

    comment = form.get_comment_object(site_id=settings.SITE_ID)
    if comment.pk:
        # A double submit: the first one already made this comment.
        return Submission(200, comment)

    comment.ip_address = ip
    comment.consent_policy_version = policy_version(request)
    comment.hold_reason = hold_reason(comment.comment)
    comment.is_public = not (
        comment.hold_reason or comment.user is None or settings.COMMENTS_PREMODERATE_USERS
    )
    comment.submission_digest = comment.make_submission_digest()
    try:
        save_with_files(comment, form.all_files(), ip=ip)
    except IntegrityError:
        # The same comment, saved by a request that arrived a moment earlier.
        first = ReaderComment.objects.filter(submission_digest=comment.submission_digest).first()
        if first is None:
            raise
        return Submission(200, first)
    except OverLimit:
        form.add_error(None, RATE_LIMIT_MESSAGE)
        return Submission(429)
    for data in form.cleaned_data.get("staged") or []:
        for key in ("file", "thumb"):
            if data.get(key):
                comment_file_storage.delete(data[key])
    notify_moderators(request, comment)
    if comment.is_public:
        announce_publication(comment)
    return Submission(201, comment)


def post_comment(page, request):
    """The page's POST: a redirect when the comment is taken (or was a double submit), else
    the bound form to show again, with its files kept and a fresh timestamp."""
    form = build_form(page, request, data=request.POST, files=request.FILES)
    submission = submit_comment(request, form)
    if submission.comment is None:
        form.stage_files()
        form.refresh_security_data()
        form.status_code = submission.status
        return form
    return redirect_after(request, page, submission)


class OverLimit(Exception):
    """The comment went over its address's rate limit: its transaction is rolled back."""


@transaction.atomic
def save_with_files(comment, files, ip=None):
    """Store the comment, counted against its address's limit, then its files.

    The count comes once the database took the comment as new: a double submit (the unique
    digest) is no new comment and costs the reader nothing, even when both arrive at once.
    """
    comment.save()
    if ip and over_limit(ip):
        raise OverLimit
    for order, checked in enumerate(files):
        CommentAttachment.objects.create(
            comment=comment,
            kind=checked.kind,
            file=checked.content,
            thumbnail=checked.thumbnail,
            original_name=checked.original_name,
            size=checked.content.size,
            width=checked.width,
            height=checked.height,
            sort_order=order,
        )


def redirect_after(request, page, submission):
    """Back to the page (no JS needed); the notice waits in the session for the section."""
    request.session[NOTICE_KEY] = submission.notice
    comment = submission.comment
    anchor = comment.anchor if comment.is_approved else "comments"
    return HttpResponseRedirect(f"{page.get_url(request)}#{anchor}")


def policy_version(request):
    return SiteSettings.for_request(request).policy_version


def moderator_emails():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    emails = set(users.filter(groups__name=MODERATORS_GROUP).values_list("email", flat=True))
    emails.update(settings.COMMENTS_MODERATOR_EMAILS)
    return sorted(emails)


def notify_moderators(request, comment):
    recipients = moderator_emails()
    if not recipients:
        return
    context = {
        "comment": comment,
        "page": comment.page,
        "page_url": comment.page.get_full_url(request),
        "admin_url": request.build_absolute_uri(moderation_url(comment)),
        "queue_url": request.build_absolute_uri(reverse("wagtailsnippets_news_readercomment:list")),
    }
    # A mail server outage must not lose the comment: the queue still shows it.
    send_or_warn(
        lambda: send_mail(
            f"Новый комментарий: {comment.page.title}"[:200],
            render_to_string("comments/email/moderator_notice.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        ),
        f"moderators about comment {comment.pk}",
    )
