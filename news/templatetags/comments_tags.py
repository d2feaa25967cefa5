"""Rendering comments: text with safe links; a guest's form kept as a fragment."""

from django import template
from django.template.defaultfilters import linebreaksbr, urlize
from django.utils.safestring import mark_safe

from news.comments import guest_form

register = template.Library()


@register.filter(needs_autoescape=True)
def comment_text(text, autoescape=True):
    """Escaped text with line breaks; links are marked as user content and not followed."""
    html = linebreaksbr(urlize(text, autoescape=autoescape), autoescape=False)
    return mark_safe(html.replace('rel="nofollow"', 'rel="nofollow ugc"'))  # noqa: S308


class GuestCommentFormNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        section = context.get("section")
        if section is None or not guest_form.is_shared(section, context):
            return self.nodelist.render(context)
        return guest_form.shared_form(section, context, lambda: self.nodelist.render(context))


@register.tag
def guestcommentform(parser, token):
    """`{% guestcommentform %}…{% endguestcommentform %}` around the comment form: a guest's
    blank form comes from its fragment (news.comments.guest_form), any other is rendered."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("guestcommentform takes no arguments")
    nodelist = parser.parse(("endguestcommentform",))
    parser.delete_first_token()
    return GuestCommentFormNode(nodelist)
