"""{% cachedfragment "name" tag … vary=… %}…{% endcachedfragment %}: cms.fragments in a template.

Tags are strings or lists of strings (a page's `cache_tags`); `vary` is any value, given once
or more (`vary=page.pk vary=vision`: the fragment varies by all of them). Dated content (cards
inside a date window, upcoming events) varies by `clock_edge` (cms.context_processors).
"""

from django import template
from django.utils.safestring import mark_safe

from cms import cachetags
from cms.fragments import cached_fragment

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, tags, vary):
        self.nodelist, self.name, self.tags, self.vary = nodelist, name, tags, vary

    def render(self, context):
        request = context.get("request")
        if getattr(request, "is_preview", False):
            # An editor's draft: rendered for them alone, never kept for readers.
            return self.nodelist.render(context)
        tags = set()
        for expression in self.tags:
            value = expression.resolve(context)
            tags.update([value] if isinstance(value, str) else value or ())
        vary = tuple(expression.resolve(context) for expression in self.vary)
        text = cached_fragment(
            self.name.resolve(context),
            tags,
            lambda: self.nodelist.render(context),
            vary=vary,
            request=request,
        )
        return mark_safe(text)  # noqa: S308 - the template's own output, escaped when rendered


@register.tag
def cachedfragment(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("cachedfragment needs a name")
    vary = []
    tags = []
    for bit in bits[1:]:
        if bit.startswith("vary="):
            vary.append(parser.compile_filter(bit.removeprefix("vary=")))
        else:
            tags.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parser.compile_filter(bits[0]), tags, vary)


# The vocabulary of cms.cachetags for templates: `page|page_tag`, `page|comments_tag`,
# `"news.newspage"|type_tag`; MENU is the literal "menu".
register.filter("page_tag", cachetags.page_tag)
register.filter("comments_tag", cachetags.comments_tag)
register.filter("type_tag", cachetags.type_tag)
