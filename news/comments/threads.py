"""Shown comments as threads, for the page, the API and the export (the rule of what is
shown is ReaderComment.objects.shown())."""

from .models import ReaderComment

# Row ids are 32-bit integers; a larger one in a lookup overflows SQLite's driver (a 500).
MAX_ID = 2**31 - 1


def trees(comments):
    """Top-level comments with `.replies` filled, from shown comments in thread order."""
    roots, by_id = [], {}
    for comment in comments:
        comment.replies = []
        if comment.level == 0:
            roots.append(comment)
        else:
            by_id[comment.parent_id].replies.append(comment)
        by_id[comment.pk] = comment
    return roots


def flatten(comments):
    """Comments and their replies, depth first: the order the page lists them in."""
    for comment in comments:
        yield comment
        yield from flatten(comment.replies)


class Threads:
    """The shown threads of one page, oldest first, sliced like a queryset (by a paginator or
    the API): a slice is a list of top-level comments with their shown replies, in two queries
    (three with the attachments) whatever the number of comments."""

    def __init__(self, page):
        self.shown = ReaderComment.objects.for_page(page).shown()
        self.roots = self.shown.filter(level=0).order_by("thread_id")

    def count(self):
        return self.roots.count()

    def __getitem__(self, window):
        thread_ids = list(self.roots[window].values_list("thread_id", flat=True))
        if not thread_ids:
            return []
        comments = (
            self.shown.filter(thread_id__in=thread_ids)
            .prefetch_related("attachments")
            .order_by("thread_id", "order")
        )
        return trees(comments)


def shown_comment(pk):
    """The shown comment with its shown replies, or None."""
    if not 0 < pk <= MAX_ID:
        return None
    comment = ReaderComment.objects.shown().filter(pk=pk).first()
    if comment is None:
        return None
    thread = (
        ReaderComment.objects.shown()
        .filter(thread_id=comment.thread_id)
        .prefetch_related("attachments")
        .order_by("order")
    )
    return next(c for c in flatten(trees(thread)) if c.pk == comment.pk)
