"""A «Решаем вместе» form described for a client that renders it itself (API v2 and v3).

The fields come from the form the HTML page shows (FeedbackFormPage.get_form), so a field
the editor adds, its order, its limits and the fixed fields (consent, token) match the page.
"""

from django import forms
from django.conf import settings
from django.utils.html import strip_tags

from wagtail.blocks import StreamValue

from cms.addressing import absolute_links
from cms.pages import visible_pages

from .forms import CONSENT_LABEL, HONEYPOT

# Widget classes before the classes they subclass (CheckboxSelectMultiple is a RadioSelect,
# SelectMultiple a Select); a plain input says its kind by its input type.
WIDGET_KINDS = [
    (forms.HiddenInput, "hidden"),
    (forms.Textarea, "textarea"),
    (forms.CheckboxInput, "checkbox"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radio"),
    (forms.SelectMultiple, "multiselect"),
    (forms.Select, "select"),
    (forms.DateTimeInput, "datetime"),
    (forms.DateInput, "date"),
]
INPUT_KINDS = {"text", "email", "tel", "number", "url", "date", "datetime-local"}
WIDGETS = [
    "text", "textarea", "email", "tel", "number", "url", "date", "datetime", "select",
    "radio", "multiselect", "checkboxes", "checkbox", "hidden",
]  # fmt: skip
CHOICE_WIDGETS = {"select", "radio", "multiselect", "checkboxes"}


def widget_kind(widget):
    """What a client should render for a Django widget: one of WIDGETS."""
    for widget_class, kind in WIDGET_KINDS:
        if isinstance(widget, widget_class):
            return kind
    input_type = getattr(widget, "input_type", "text")
    if input_type == "datetime-local":
        return "datetime"
    return input_type if input_type in INPUT_KINDS else "text"


def plain(value):
    return value if isinstance(value, bool) else str(value)


def initial_value(value):
    if value in (None, ""):
        return None
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return plain(value)


def describe_field(name, field):
    """One field: name, widget, label, required, help_text, and what applies of max_length,
    choices, initial; a hidden field has the `value` to send back instead of a label."""
    kind = widget_kind(field.widget)
    description = {"name": name, "widget": kind, "required": field.required}
    initial = initial_value(field.initial)
    if kind == "hidden":
        description["value"] = initial or ""
        return description
    description["label"] = strip_tags(str(CONSENT_LABEL if name == "consent" else field.label))
    description["help_text"] = strip_tags(str(field.help_text or ""))
    if getattr(field, "max_length", None):
        description["max_length"] = field.max_length
    if kind in CHOICE_WIDGETS:
        # The empty first choice of a dropdown is the page's prompt, not an answer.
        description["choices"] = [
            {"value": str(value), "label": str(label)}
            for value, label in field.choices
            if value != ""
        ]
    if initial is not None:
        description["initial"] = initial
    return description


def consent_text(page, request):
    """The consent page as the site shows it (title, lead, body HTML with absolute links), or
    None when there is none a reader may open."""
    if not page.consent_page_id:
        return None
    consent = visible_pages().filter(pk=page.consent_page_id).specific().first()
    if consent is None:
        return None
    body = getattr(consent, "body", None)
    body_html = body.render_as_block({"request": request}) if isinstance(body, StreamValue) else ""
    return {
        "id": consent.pk,
        "title": consent.title,
        "lead": getattr(consent, "lead", ""),
        "body_html": absolute_links(str(body_html), request),
        "html_url": consent.get_full_url(request),
    }


def form_description(page, request):
    """Everything a client needs to show the form and send it as the HTML page does."""
    form = page.get_form(page=page, user=request.user)
    consent = consent_text(page, request)
    description = {
        "id": page.pk,
        "title": page.title,
        "intro": page.intro,
        "thank_you_text": page.thank_you_text,
        "fields": [
            describe_field(name, field) for name, field in form.fields.items() if name != HONEYPOT
        ],
        "consent": consent,
        "consent_url": consent["html_url"] if consent else "",
        "consent_version": page.consent_version(),
        "anti_spam": {
            "honeypot": HONEYPOT,
            "token": "token",
            "rate_limit": {
                "requests": settings.FEEDBACK_RATE_LIMIT,
                "window_seconds": settings.FEEDBACK_RATE_LIMIT_WINDOW,
            },
        },
    }
    if consent is None:  # absent, as v3 leaves out what is not set
        del description["consent"]
    return description
