"""Site-relative links in rendered HTML made absolute, for clients on other hosts."""

import re

# href="/…" and src="/…", not protocol-relative "//host/…".
LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')
SRCSET_ATTRIBUTE = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_links(html, request):
    """`html` with every site-relative href, src and srcset URL absolute for `request`'s host."""

    def absolute_srcset(match):
        candidates = []
        for candidate in match.group(2).split(","):
            url, _, descriptor = candidate.strip().partition(" ")
            if url.startswith("/") and not url.startswith("//"):
                url = request.build_absolute_uri(url)
            candidates.append(f"{url} {descriptor}".strip())
        return f'{match.group(1)}{", ".join(candidates)}"'

    html = LINK_ATTRIBUTE.sub(
        lambda match: f'{match.group(1)}{request.build_absolute_uri(match.group(2))}"', html
    )
    return SRCSET_ATTRIBUTE.sub(absolute_srcset, html)
