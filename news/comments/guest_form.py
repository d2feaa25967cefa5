"""A guest's blank comment form, rendered once per version of its page and kept as a fragment
(cms.fragments): rendering it (a widget template per field, the sign-in buttons) was half of
an uncached news page.

Every guest of a page gets the same form but for three values, kept in the fragment as
placeholders and filled in on each request: the CSRF token (the request's own, which also
makes the CSRF middleware set its cookie), and the timestamp and security hash of
django-comments' CommentSecurityForm, made fresh as the form built for the request would
have them. So nothing in the fragment ages: it may live its whole FRAGMENT_CACHE_SECONDS (a
day) although a form's timestamp is refused after COMMENTS_TIMEOUT (two hours by default).

Refused forms shown again, signed-in readers' forms and reply forms are rendered as before
(CommentSection.form_is_a_guests_blank_form).
"""

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from cms.csp import allow_on_page, page_additions_of
from cms.fragments import cached_fragment

from .forms import build_form, fresh_security_data

CSRF_PLACEHOLDER = "__comment_form_csrf_token__"
TIMESTAMP_PLACEHOLDER = "__comment_form_timestamp__"
SECURITY_HASH_PLACEHOLDER = "__comment_form_security_hash__"


def is_shared(section, context):
    """Whether this request's form is the page's shared one."""
    request = context.get("request")
    csrf_token = context.get("csrf_token")
    return bool(
        settings.FRAGMENT_CACHE_SECONDS
        and request is not None
        and not getattr(request, "is_preview", False)  # an editor's draft is never kept
        and section.form_is_a_guests_blank_form
        and csrf_token
        and csrf_token != "NOTPROVIDED"  # {% csrf_token %} writes nothing then
    )


def shared_form(section, context, render):
    """The form's HTML for this request: `render()` (the template's form) from the fragment,
    with this request's values filled in. The sign-in buttons' Content-Security-Policy
    additions are made again on each request: a kept fragment does not run the template."""
    request = context["request"]
    html, csp_additions = cached_fragment(
        "guest-comment-form",
        # Its page's address and the site settings' policy link, as the rest of the page.
        section.page.frame_tags(),
        lambda: page_additions_of(request, lambda: with_placeholders(section, context, render)),
        vary=(request.get_host(), settings_shown()),
        request=request,
    )
    for name in csp_additions:
        allow_on_page(request, name)
    return fill_in(html, str(context["csrf_token"]), fresh_security_data(section.page))


def settings_shown():
    """What the form shows of the settings: a change to them comes with a restart, which
    makes no content tag stale, while the fragment outlives it in Redis."""
    return (
        settings.COMMENT_MAX_LENGTH,
        settings.COMMENTS_MAX_ATTACHMENTS,
        settings.COMMENTS_ATTACHMENT_MAX_BYTES,
        # Sign-in providers with an application from the environment (those entered in the
        # admin are rows: saving one makes every fragment stale).
        sorted(
            provider_id
            for provider_id, config in settings.SOCIALACCOUNT_PROVIDERS.items()
            if config.get("APPS")
        ),
    )


def with_placeholders(section, context, render):
    """`render()` with a blank form and a CSRF token of placeholders."""
    form = build_form(section.page, section.request)
    form.initial.update(timestamp=TIMESTAMP_PLACEHOLDER, security_hash=SECURITY_HASH_PLACEHOLDER)
    with context.push(form=form, csrf_token=CSRF_PLACEHOLDER):
        return render()


def fill_in(html, csrf_token, security_data):
    """The kept HTML with this request's values, escaped as the template escapes them."""
    values = {
        CSRF_PLACEHOLDER: csrf_token,
        TIMESTAMP_PLACEHOLDER: security_data["timestamp"],
        SECURITY_HASH_PLACEHOLDER: security_data["security_hash"],
    }
    for placeholder, value in values.items():
        html = html.replace(placeholder, escape(value))
    return mark_safe(html)  # noqa: S308 - the template's own output and escaped values
