"""The old site's article HTML, cleaned into the pieces of our body blocks.

`clean(html)` returns a Body: a list of pieces — ("text", rich text HTML in Wagtail's
stored format, only the features of cms.blocks.RICH_TEXT_FEATURES), ("image", src, alt,
caption) and ("video", url, title) — and the warnings about what was dropped. The importer
turns images into Wagtail images; here nothing touches the database or the disk.
"""

import re
from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs, urlparse

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

# Joomla's content plugins' tags: {loadposition x}, {loadmodule mod_x}, {module 12},
# {gallery}…{/gallery}, {source}…: the old site's plugins, nothing here renders them.
SHORTCODE = re.compile(
    r"\{/?(?:loadposition|loadmodule|loadmoduleid|module|[a-z][a-z_]*)\b[^{}]*\}"
)
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i"}
DROPPED = {"script", "style", "noscript", "object", "embed", "form", "input", "button"}
CONTAINERS = {"div", "section", "article", "center", "main", "figure", "body", "html"}
LINK_SCHEMES = {"", "http", "https", "mailto", "tel"}
BLOCK_TAGS = {*HEADINGS, *CONTAINERS, "p", "ul", "ol", "table", "blockquote", "hr", "iframe"}


@dataclass
class Body:
    pieces: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    _text: list = field(default_factory=list)

    def text(self, html):
        if html:
            self._text.append(html)

    def media(self, piece):
        self.flush()
        self.pieces.append(piece)

    def flush(self):
        if self._text:
            self.pieces.append(("text", "".join(self._text)))
            self._text = []

    def warn(self, message):
        if message not in self.warnings:
            self.warnings.append(message)


def video_url(src):
    """The reader-facing address of an embedded player (YouTube, VK, RuTube), or ''."""
    parts = urlparse(src if "//" in src else f"https://{src.lstrip('/')}")
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path
    if host in ("youtube.com", "youtube-nocookie.com") and path.startswith("/embed/"):
        return f"https://www.youtube.com/watch?v={path.split('/')[2]}"
    if host == "youtu.be":
        return f"https://www.youtube.com/watch?v={path.strip('/')}"
    if host in ("vk.com", "vkvideo.ru") and path.endswith("video_ext.php"):
        query = parse_qs(parts.query)
        if query.get("oid") and query.get("id"):
            return f"https://vk.com/video{query['oid'][0]}_{query['id'][0]}"
    if host == "rutube.ru" and path.startswith("/play/embed/"):
        return f"https://rutube.ru/video/{path.split('/')[3]}/"
    return ""


class Cleaner:
    def __init__(self, body):
        self.body = body
        self.styles = 0
        self.deferred = []

    def drop_shortcodes(self, text):
        found = SHORTCODE.findall(text)
        for code in found:
            self.body.warn(f"удалён шорткод {code}")
        return re.sub(r"  +", " ", SHORTCODE.sub("", text)) if found else text

    def inline(self, node):
        """Rich text of a node's content: bold, italic, links, line breaks; the rest unwrapped."""
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            return escape(self.drop_shortcodes(str(node)), quote=False)
        if not isinstance(node, Tag):
            return ""
        self.note_style(node)
        name = node.name
        if name in DROPPED:
            self.body.warn(f"удалён элемент <{name}>")
            return ""
        if name in ("img", "iframe"):
            piece = self.media(node)
            if piece:
                self.deferred.append(piece)
            return ""
        if name == "br":
            return "<br/>"
        content = "".join(self.inline(child) for child in node.children)
        if name in INLINE and content.strip():
            tag = INLINE[name]
            return f"<{tag}>{content}</{tag}>"
        if name == "a":
            href = (node.get("href") or "").strip()
            if href and urlparse(href).scheme in LINK_SCHEMES and not href.startswith("#"):
                return f'<a href="{escape(href)}">{content}</a>'
        return content

    def note_style(self, node):
        if node.get("style"):
            self.styles += 1

    def add_media(self, node):
        piece = self.media(node)
        if piece:
            self.body.media(piece)

    def media(self, node):
        """The piece of an <img> or <iframe>, or None (with a warning)."""
        self.note_style(node)
        src = (node.get("src") or "").strip()
        if node.name == "img":
            if not src or src.startswith("data:"):
                self.body.warn("удалено изображение без файла (data: или пустой src)")
                return None
            caption = (node.get("title") or "").strip()
            return ("image", src, (node.get("alt") or "").strip(), caption)
        url = video_url(src)
        if url:
            return ("video", url, (node.get("title") or "").strip() or "Видео")
        self.body.warn(f"удалена встроенная страница {src}".strip())
        return None

    def block(self, node):
        """One top-level node: text into the current rich text, media as their own blocks."""
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            text = self.inline(node)
            if text.strip():
                self.body.text(f"<p>{text.strip()}</p>")
            return
        self.note_style(node)
        name = node.name
        if name in CONTAINERS:
            self.run(node.children)
        elif name in HEADINGS:
            self.paragraph(node, HEADINGS[name])
        elif name in ("ul", "ol"):
            items = []
            for item in node.find_all("li"):
                self.note_style(item)
                # Nested items (and unclosed <li>s, which the parser nests) are items of
                # their own: find_all() reaches them in turn.
                text = "".join(
                    self.inline(child)
                    for child in item.children
                    if not (isinstance(child, Tag) and child.name in ("li", "ul", "ol"))
                ).strip()
                if text:
                    items.append(f"<li>{text}</li>")
            if items:
                self.body.text(f"<{name}>{''.join(items)}</{name}>")
        elif name == "table":
            self.body.warn("таблица превращена в абзацы")
            for row in node.find_all("tr"):
                cells = [self.inline_children(cell) for cell in row.find_all(["td", "th"])]
                cells = [cell for cell in cells if cell]
                if cells:
                    self.body.text(f"<p>{' — '.join(cells)}</p>")
        elif name == "hr":
            return
        elif name in ("img", "iframe"):
            self.add_media(node)
        elif name in DROPPED:
            self.body.warn(f"удалён элемент <{name}>")
        else:  # p, blockquote, and inline elements standing alone
            self.paragraph(node, "p")

    def inline_children(self, node):
        return "".join(self.inline(child) for child in node.children).strip()

    def paragraph(self, node, tag):
        # Pieces of one paragraph around an image: the text before it, the image, the rest.
        parts, current = [], []
        for child in node.children:
            if isinstance(child, Tag) and child.name in BLOCK_TAGS - {"iframe"}:
                parts.append(current)
                parts.append(child)
                current = []
            else:
                current.append(child)
        parts.append(current)
        for part in parts:
            if isinstance(part, Tag):
                self.flush_text(tag, [])
                self.block(part)
                continue
            self.flush_text(tag, part)

    def flush_text(self, tag, nodes):
        """A paragraph from inline nodes; an image among them splits it, one nested deeper
        (in a link, a span) comes right after it."""
        text = []
        for child in nodes:
            if isinstance(child, Tag) and child.name in ("img", "iframe"):
                self.emit(tag, text)
                text = []
                self.add_media(child)
            else:
                text.append(self.inline(child))
        self.emit(tag, text)
        deferred, self.deferred = self.deferred, []
        for piece in deferred:
            self.body.media(piece)

    def emit(self, tag, parts):
        html = "".join(parts).strip()
        while html.endswith("<br/>"):
            html = html[: -len("<br/>")].rstrip()
        if re.sub(r"<[^>]+>|&nbsp;|\s", "", html):
            self.body.text(f"<{tag}>{html}</{tag}>")

    def run(self, nodes):
        # Runs of inline nodes at the top level make one paragraph.
        loose = []
        for node in list(nodes):
            if isinstance(node, Tag) and (node.name in BLOCK_TAGS or node.name == "img"):
                if loose:
                    self.flush_text("p", loose)
                    loose = []
                self.block(node)
            elif isinstance(node, Tag) and node.name == "br" and loose:
                self.flush_text("p", loose)
                loose = []
            else:
                loose.append(node)
        if loose:
            self.flush_text("p", loose)


def clean(html):
    body = Body()
    cleaner = Cleaner(body)
    # Parsed as a browser does (html5lib): readers of the old site saw its broken HTML so.
    soup = BeautifulSoup(html or "", "html5lib")
    for node in soup.head.find_all(True) if soup.head else []:
        body.warn(f"удалён элемент <{node.name}>")
    cleaner.run(soup.body.children if soup.body else soup.children)
    body.flush()
    if cleaner.styles:
        body.warn(f"удалены встроенные стили ({cleaner.styles})")
    return body


def plain_text(html, limit=None):
    """The words of an HTML fragment, shortcodes and tags gone, cut at a word under `limit`."""
    text = SHORTCODE.sub("", BeautifulSoup(html or "", "html.parser").get_text(" "))
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:—-") + "…"
    return text
