"""What the comments section of a page shows: shown comments as threads, paginated."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch
from django.utils.functional import cached_property

from cms.cachetags import comments_tag
from cms.fragments import cached_fragment, when_needed
from cms.models import SiteSettings

from .forms import build_form, requested_reply_to
from .models import ReaderComment
from .threads import Threads, flatten

PAGE_PARAM = "comments"
NOTICE_KEY = "comments_notice"


def url_or_empty(name_or_url):
    try:
        return resolve_url(name_or_url)
    except NoReverseMatch:
        return ""


class CommentSection:
    """Built once per page view; a fixed number of queries whatever the number of comments."""

    def __init__(self, page, request, form=None):
        self.page = page
        self.request = request
        self.is_open = page.comments_open()
        self._form = form

    @cached_property
    def form(self):
        if not self.is_open:
            return None
        if self._form is not None:
            return self._form
        return build_form(self.page, self.request)

    @property
    def form_when_needed(self):
        """The form, built only if the template renders it: not while a guest's form comes
        from its fragment (news.comments.guest_form)."""
        return when_needed(lambda: self.form)

    @cached_property
    def form_is_a_guests_blank_form(self):
        """The form is the same for every guest of the page but for its CSRF token and
        security fields: not a refused one shown again, a signed-in reader's or a reply's."""
        user = getattr(self.request, "user", None)
        return (
            self.is_open
            and self._form is None
            and not (user is not None and user.is_authenticated)
            and requested_reply_to(self.request) is None
        )

    @cached_property
    def shown(self):
        return ReaderComment.objects.for_page(self.page).shown()

    @cached_property
    def cache_tag(self):
        """What the shown comments are made from: the section's fragments are kept under it."""
        return comments_tag(self.page)

    @cached_property
    def numbers(self):
        """(shown comments, pages of threads), counted once per change to the comments."""
        return cached_fragment(
            "comment-numbers",
            [self.cache_tag],
            lambda: (self.shown.count(), self.paginator.num_pages),
            request=self.request,
        )

    @property
    def count(self):
        return self.numbers[0]

    @cached_property
    def paginator(self):
        return Paginator(Threads(self.page), settings.COMMENTS_THREADS_PER_PAGE)

    @cached_property
    def page_number(self):
        """The page of threads asked for, as Paginator.get_page() reads it (without counting
        again): the first for anything but a whole number, the last for one out of range."""
        try:
            number = int(self.request.GET.get(PAGE_PARAM))
        except (TypeError, ValueError):
            return 1
        pages = self.numbers[1]
        return number if 1 <= number <= pages else pages

    @cached_property
    def threads_page(self):
        return self.paginator.get_page(self.page_number)

    @property
    def fragment_vary(self):
        """What the thread list differs by besides the comments: the page of threads and
        whether replies are offered (the preferences of the version for the visually impaired
        are added by the template)."""
        return (self.page_number, self.is_open)

    @cached_property
    def comments(self):
        """Comments of the threads on this page, each reply after its parent."""
        return list(flatten(self.threads_page.object_list))

    @cached_property
    def replying_to(self):
        form = self.form
        if form is None:
            return None
        parent_id = form["reply_to"].value()
        try:
            parent_id = int(parent_id or 0)
        except (TypeError, ValueError):
            return None
        if not parent_id:
            return None
        return next((c for c in self.comments if c.pk == parent_id), None) or (
            self.shown.filter(pk=parent_id).first()
        )

    @cached_property
    def notice(self):
        """The message set after posting, shown once, inside the section the redirect lands on."""
        session = getattr(self.request, "session", None)
        if session is None or NOTICE_KEY not in session:
            return ""
        return session.pop(NOTICE_KEY)

    @cached_property
    def policy_url(self):
        return SiteSettings.for_request(self.request).policy_url(self.request)

    @property
    def signup_url(self):
        return url_or_empty(settings.COMMENTS_SIGNUP_URL)

    @property
    def login_url(self):
        return url_or_empty(settings.LOGIN_URL) + f"?next={self.page.url}%23comment-form"

    @property
    def logout_url(self):
        return url_or_empty(settings.COMMENTS_LOGOUT_URL)

    @property
    def max_attachments(self):
        return settings.COMMENTS_MAX_ATTACHMENTS

    @property
    def max_level(self):
        return settings.COMMENTS_XTD_MAX_THREAD_LEVEL

    @property
    def page_param(self):
        return PAGE_PARAM
