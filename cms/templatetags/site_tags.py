"""Template helpers used across the site: Russian plurals, the menu, absolute URLs, JSON-LD,
form widgets, widgets' Content-Security-Policy allowances."""

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wagtail.models import Site

from cms.csp import allow_on_page
from cms.pages import visible_pages

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def russian_plural_form(number, one, few, many):
    """Pick the Russian word form for a number: 1 новость, 3 новости, 5 новостей."""
    number = abs(int(number))
    if number % 10 == 1 and number % 100 != 11:
        return one
    if 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        return few
    return many


@register.filter
def ru_plural(number, forms):
    """`{{ n|ru_plural:"комментарий,комментария,комментариев" }}` → «3 комментария»."""
    one, few, many = (form.strip() for form in forms.split(","))
    return f"{number} {russian_plural_form(number, one, few, many)}"


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": []}
    current_path = getattr(context.get("page"), "url_path", "")
    items = [
        {
            "page": item,
            "current": current_path.startswith(item.url_path),
            "exact": current_path == item.url_path,
        }
        for item in visible_pages().child_of(site.root_page).in_menu()
    ]
    home = {"page": site.root_page, "current": current_path == site.root_page.url_path}
    return {"items": items, "home": home}


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` with the site's scheme and host, unless it has its own (media in object storage)."""
    return context["request"].build_absolute_uri(url)


@register.simple_tag
def json_ld(data):
    """A `<script type="application/ld+json">` block, safe against `</script>` in text."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def form_widget(field, described_by="", **attrs):
    """The field's widget pointing at its help and error texts (by id), and aria-invalid.

    `described_by` adds the id of another text that explains it, such as a form's error summary.
    """
    described = [described_by] if described_by else []
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def focus_after_errors(form):
    """The field a refused form puts the focus in: the first with an error, else the first one
    (the error is then the form's own); "" when the form has no errors."""
    if not form.errors:
        return ""
    fields = form.visible_fields()
    with_errors = [field.name for field in fields if field.errors]
    return with_errors[0] if with_errors else fields[0].name if fields else ""


@register.simple_tag(takes_context=True)
def csp_allow(context, name):
    """`{% csp_allow "pos_widget" %}`: this page's Content-Security-Policy lets the widget
    work (cms.csp.PAGE_ADDITIONS). Put it next to the widget, inside the same condition."""
    if request := context.get("request"):
        allow_on_page(request, name)
    return ""


@register.simple_tag
def site_name():
    """The library's name (WAGTAIL_SITE_NAME), as the admin's tabs and headings show it."""
    return settings.WAGTAIL_SITE_NAME
