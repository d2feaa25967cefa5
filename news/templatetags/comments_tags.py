"""Rendering comments: text with safe links, form widgets with correct ARIA."""

from django import template
from django.template.defaultfilters import linebreaksbr, urlize
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(needs_autoescape=True)
def comment_text(text, autoescape=True):
    """Escaped text with line breaks; links are marked as user content and not followed."""
    html = linebreaksbr(urlize(text, autoescape=autoescape), autoescape=False)
    return mark_safe(html.replace('rel="nofollow"', 'rel="nofollow ugc"'))  # noqa: S308


@register.simple_tag
def comment_widget(field, **attrs):
    """The field's widget pointing at its own help and error texts (by id), and aria-invalid."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    if field.errors:
        described.append(f"{field.auto_id}-errors")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
