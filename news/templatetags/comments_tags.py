"""Rendering comments: text with safe links."""

from django import template
from django.template.defaultfilters import linebreaksbr, urlize
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(needs_autoescape=True)
def comment_text(text, autoescape=True):
    """Escaped text with line breaks; links are marked as user content and not followed."""
    html = linebreaksbr(urlize(text, autoescape=autoescape), autoescape=False)
    return mark_safe(html.replace('rel="nofollow"', 'rel="nofollow ugc"'))  # noqa: S308
