"""{% cachedfragment "name" tag … vary=… %}…{% endcachedfragment %}: cms.fragments in a template.

Tags are strings or lists of strings (a page's `cache_tags`); `vary` is any value, or a tuple.
"""

from django import template
from django.utils.safestring import mark_safe

from cms.fragments import cached_fragment

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, tags, vary):
        self.nodelist, self.name, self.tags, self.vary = nodelist, name, tags, vary

    def render(self, context):
        tags = set()
        for expression in self.tags:
            value = expression.resolve(context)
            tags.update([value] if isinstance(value, str) else value or ())
        vary = self.vary.resolve(context) if self.vary else ()
        text = cached_fragment(
            self.name.resolve(context), tags, lambda: self.nodelist.render(context), vary=vary
        )
        return mark_safe(text)  # noqa: S308 - the template's own output, escaped when rendered


@register.tag
def cachedfragment(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("cachedfragment needs a name")
    vary = None
    tags = []
    for bit in bits[1:]:
        if bit.startswith("vary="):
            vary = parser.compile_filter(bit.removeprefix("vary="))
        else:
            tags.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parser.compile_filter(bits[0]), tags, vary)
