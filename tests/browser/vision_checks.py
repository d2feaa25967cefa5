"""Browser checks of the version for the visually impaired (ГОСТ Р 52872-2019).

Small functions over a Playwright tab, shared by the tests of its settings and of their
combinations: each returns what it found, so a test asserts `== 0` or `== []` and the
failure shows the figures.
"""

from contextlib import contextmanager
from urllib.parse import urlencode

# How far the page scrolls sideways: what the document is wider than the viewport.
HORIZONTAL_OVERFLOW = """() => {
    const root = document.documentElement;
    return Math.max(root.scrollWidth, document.body.scrollWidth) - root.clientWidth;
}"""

# Each word (a run of letters and digits, with inner hyphens) of the elements' visible text whose
# characters sit on more than one line, unless the line ends just after a hyphen the text
# itself has (a hyphen, a non-breaking or soft hyphen, a dash or a slash): such a break
# shows where the word goes on. The line of a character is the top of its own box.
SPLIT_WORDS = """selector => {
    const found = [];
    const visibleBreak = /[-\\u00ad\\u2010\\u2011\\u2013\\u2014\\/]/;
    const word = /[\\p{L}\\p{N}\\u00ad]+(?:[-\\u2010\\u2011][\\p{L}\\p{N}\\u00ad]+)*/gu;
    for (const element of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const box = node.parentElement.getBoundingClientRect();
            if (box.width <= 1 || box.right <= 0) continue;  // visually hidden, or off-screen
            for (const match of node.data.matchAll(word)) {
                const tops = [];
                for (let i = match.index; i < match.index + match[0].length; i++) {
                    const range = document.createRange();
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const box = range.getBoundingClientRect();
                    if (box.width || box.height) tops.push([i, box.top]);
                }
                for (let k = 1; k < tops.length; k++) {
                    const [i, top] = tops[k];
                    const newLine = top - tops[k - 1][1] > 2;
                    if (newLine && !visibleBreak.test(node.data[i - 1])) {
                        found.push(node.data.slice(match.index, i) + '|'
                                   + node.data.slice(i, match.index + match[0].length));
                    }
                }
            }
        }
    }
    return found;
}"""

# The innermost elements reaching past the viewport's right edge: where to look.
WIDER_THAN_VIEWPORT = """() => {
    const width = document.documentElement.clientWidth;
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].map(c => '.' + c).join('');
    const sticksOut = el => el.getBoundingClientRect().right > width + 1;
    return [...document.body.querySelectorAll('*')]
        .filter(el => sticksOut(el) && ![...el.children].some(sticksOut))
        .map(el => `${name(el)} +${Math.round(el.getBoundingClientRect().right - width)}px`);
}"""

# Pictures drawn wider than the file sent (so blurred), as "file: drawn px > file px".
STRETCHED_IMAGES = """() => [...document.images]
    .filter(img => img.complete && img.naturalWidth
                   && img.getBoundingClientRect().width > img.naturalWidth / devicePixelRatio + 1)
    .map(img => `${img.currentSrc.split('/').pop()}: `
                + `${Math.round(img.getBoundingClientRect().width)} > ${img.naturalWidth}`)"""

# Scroll to the end and back so that lazy images near any part of the page may load.
SCROLL_THROUGH = """async () => {
    for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
        scrollTo(0, y);
        await new Promise(resolve => requestAnimationFrame(resolve));
    }
    scrollTo(0, 0);
}"""


def set_preferences(tab, base_url, **choices):
    """Switch the tab's version for the visually impaired on with the given choices.

    The way a reader does it, a plain link to /vision/ (which sets the cookie); the choices
    are VisionPreferences' fields: size, scheme, font, letters, lines, images.
    """
    query = urlencode({"enabled": "1", **choices, "next": "/"})
    tab.goto(f"{base_url}/vision/?{query}")


def horizontal_overflow(tab):
    """How many CSS pixels the page on the tab scrolls sideways (0 when it does not)."""
    return tab.evaluate(HORIZONTAL_OVERFLOW)


def wider_than_viewport(tab):
    """The innermost elements that stick out to the right, as «div.card +12px»: the cause of
    a horizontal_overflow, for an assertion's message."""
    return tab.evaluate(WIDER_THAN_VIEWPORT)


def stretched_images(tab):
    """The loaded pictures shown wider than their file (blurred); [] when there are none."""
    return tab.evaluate(STRETCHED_IMAGES)


def split_words(tab, selector):
    """The words of the elements matching `selector` broken across lines without a visible
    hyphen, each as «Государстве|нная» (where the line breaks); [] when there are none."""
    return tab.evaluate(SPLIT_WORDS, selector)


def is_image_request(request):
    """A request the page makes for a picture of its own: not a data: URI (inline svg)."""
    return request.resource_type == "image" and not request.url.startswith("data:")


@contextmanager
def content_image_requests(tab):
    """Record the image requests the tab makes inside the `with` block into the list it
    gives: `with content_image_requests(tab) as images: load(tab, url)`."""
    urls = []

    def record(request):
        if is_image_request(request):
            urls.append(request.url)

    tab.on("request", record)
    try:
        yield urls
    finally:
        tab.remove_listener("request", record)


def load(tab, url):
    """Open `url` and let every image it would load come: lazy ones too, all the page
    scrolled through, until the network is quiet."""
    tab.goto(url)
    tab.evaluate(SCROLL_THROUGH)
    tab.wait_for_load_state("networkidle")
