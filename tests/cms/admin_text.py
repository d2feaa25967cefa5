"""The text a user of the admin sees on a page, and which of it is Latin-only (left in
English): text nodes and the attributes a browser shows or reads aloud."""

import json
import re

from bs4 import BeautifulSoup, Comment, Doctype

# Attributes whose value a user sees (a tooltip, a placeholder, a button's label) or hears.
SHOWN_ATTRIBUTES = (
    "title",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",
)
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
# Elements whose content is code or data, not text shown to a user.
NOT_TEXT = {"script", "style", "code", "pre", "kbd", "samp", "svg", "noscript", "textarea"}

# Latin text a user reads as it is in any language: addresses, file names, identifiers.
NOT_WORDS = re.compile(
    r"""
        \S+@\S+                                # an e-mail address
      | (https?://|www\.)\S+ | (?<!\w)/\S*        # a URL or a path
      | [\w.-]+\.(jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|csv|txt|json|zip|heic|avif)\b
                                               # a file name
      | \b[a-z_]+\.[a-z_]+\b                    # a model's label: news.newspage
    """,
    re.VERBOSE,
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")
# Latin words at home in Russian text: names of products and services, and the spelling
# Wagtail's own Russian translation uses for e-mail.
NAMES = {"Wagtail", "E-mail", "e-mail", "Telegram", "VK", "ID", "Mail", "ru", "https"}


def english_words(text, allowed=()):
    """The text's Latin words that are neither names nor codes (ID, URL: capitals only), nor
    in the allowed texts."""
    for content in allowed:
        text = text.replace(content, " ")
    words = LATIN_WORD.findall(NOT_WORDS.sub(" ", text))
    return [word for word in words if word not in NAMES and not word.isupper()]


def menu_items(soup):
    """The admin's sidebar menu (drawn by JavaScript from JSON props): each item's label and
    address, submenus included."""

    def walk(value):
        if isinstance(value, dict):
            if "label" in value:
                yield value["label"], value.get("url")
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    props = soup.find("script", id="wagtail-sidebar-props")
    return list(walk(json.loads(props.string))) if props else []


def unseen(element):
    """Hidden from everyone, screen readers included (`hidden`, aria-hidden)."""
    return any(
        node.has_attr("hidden") or node.get("aria-hidden") == "true"
        for node in (element, *element.parents)
        if node.name
    )


def shown_strings(html):
    """Each text node and shown attribute of the page, and the sidebar menu's labels,
    whitespace collapsed."""
    soup = BeautifulSoup(html, "html.parser")
    for label, _url in menu_items(soup):
        yield "menu", " ".join(label.split())
    for element in soup.find_all(True):
        if element.name in NOT_TEXT or element.find_parent(NOT_TEXT) or unseen(element):
            continue
        for name in SHOWN_ATTRIBUTES:
            if element.get(name):
                yield f"@{name}", " ".join(str(element[name]).split())
        if element.name == "input" and element.get("type") in BUTTON_INPUT_TYPES:
            if element.get("value"):
                yield "@value", " ".join(element["value"].split())
        for child in element.children:
            if isinstance(child, str) and not isinstance(child, Comment | Doctype):
                text = " ".join(child.split())
                if text:
                    yield element.name, text


def english_on(html, allowed=()):
    """The page's strings with an English word, as (where, text) pairs; the allowed texts
    (content the caller made: titles, user names, slugs) do not count, nor do they inside a
    longer string."""
    return sorted(
        {(where, text) for where, text in shown_strings(html) if english_words(text, allowed)}
    )
