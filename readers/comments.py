"""A reader's own comments: their state as the reader sees it, their pages, renaming them,
and erasing them when the reader leaves."""

from django.db.models import Count, Exists, OuterRef
from django.utils.functional import cached_property

from wagtail.models import Page

from cms.pages import visible_pages
from news.comments.models import ReaderComment

PENDING, PUBLISHED, TAKEN_DOWN = "pending", "published", "taken_down"
STATE_LABELS = {PENDING: "на модерации", PUBLISHED: "опубликован", TAKEN_DOWN: "снят"}
ANONYMOUS_NAME = "Читатель"


def comments_of(user):
    """The reader's comments, newest first, each with its state and its attachments' count.
    «Опубликован» is what readers see (ReaderComment.objects.shown(), the one rule); an
    approved comment readers no longer see (its page or the comment it answers was hidden)
    counts as taken down, like one a moderator removed."""
    return (
        with_state(ReaderComment.objects.filter(user=user))
        .annotate(attachment_count=Count("attachments"))
        .order_by("-submit_date", "-pk")
    )


def with_state(comments):
    """For state(): whether readers see each comment."""
    return comments.annotate(
        is_shown=Exists(ReaderComment.objects.shown().filter(pk=OuterRef("pk")))
    )


def state(comment):
    if comment.is_shown:
        return PUBLISHED
    if comment.is_public or comment.is_removed:
        return TAKEN_DOWN
    return PENDING


class CommentPages:
    """The pages of a list of comments, in one query: title, and a link if readers may open
    the page (to the comment's anchor when it is published)."""

    def __init__(self, comments):
        ids = {int(comment.object_pk) for comment in comments if comment.object_pk.isdecimal()}
        visible = visible_pages().filter(pk=OuterRef("pk"))
        self.pages = {
            page.pk: page
            for page in Page.objects.filter(pk__in=ids).annotate(is_visible=Exists(visible))
        }

    def page(self, comment):
        return self.pages.get(int(comment.object_pk)) if comment.object_pk.isdecimal() else None

    def title(self, comment):
        page = self.page(comment)
        return page.title if page else "Страница удалена"

    def url(self, comment, request=None):
        page = self.page(comment)
        if page is None or not page.is_visible:
            return ""
        url = page.get_url(request)
        return f"{url}#{comment.anchor}" if state(comment) == PUBLISHED else url


class ListedComment:
    """One row of the account page's list."""

    def __init__(self, comment, pages, request):
        self.comment = comment
        self.state = state(comment)
        self.state_label = STATE_LABELS[self.state]
        self.title = pages.title(comment)
        self.url = pages.url(comment, request)

    @cached_property
    def excerpt(self):
        text = " ".join(self.comment.comment.split())
        return text if len(text) <= 200 else text[:199] + "…"


def listed(comments, request=None):
    comments = list(comments)
    pages = CommentPages(comments)
    return [ListedComment(comment, pages, request) for comment in comments]


def rename_comments(user, name):
    """Sign the reader's comments with their new name. One save each, not an update: the
    page cache is refreshed for the ones readers see (cms.invalidation), as moderation does."""
    renamed = 0
    for comment in ReaderComment.objects.filter(user=user).exclude(user_name=name):
        comment.user_name = name
        comment.save(update_fields=["user_name"])
        renamed += 1
    return renamed


def erase_comments(comments):
    """What leaving does to comments: approved ones stay, anonymised and without their
    files; pending and removed ones are deleted with their files. Returns (kept, deleted)."""
    kept = deleted = 0
    for comment in comments.prefetch_related("attachments"):
        if comment.is_approved:
            for attachment in comment.attachments.all():
                attachment.delete()  # its files go too (news.apps.delete_attachment_files)
            comment.user = None
            comment.user_name = ANONYMOUS_NAME
            comment.user_email = ""
            comment.user_url = ""
            comment.ip_address = None
            comment.place_name = ""
            comment.latitude = comment.longitude = None
            comment.followup = False
            comment.submission_digest = None  # a hash of the name and e-mail, among others
            comment.save()
            kept += 1
        else:
            comment.delete()
            deleted += 1
    return kept, deleted
