"""How visible the keyboard focus is: the contrast of each tab stop's focus indicator against
what is next to it, measured on the rendered pixels (WCAG 2.2 2.4.11 / 2.4.13 as the reference).

For each tab stop the element is photographed (a small clip around it) focused and then
blurred: the pixels that changed are the indicator. Along lines crossing each side of the
element from its inside outward, the changed pixels form bands (an outline, a halo ring); a
line shows the focus when one band at least 2 px thick contrasts 3:1 with what lies on
either side of it (the element or the unchanged gap inside, the next band or the unchanged
surroundings outside). A side's figure is the ratio 90 % of its lines reach, so a side that
something covers or clips (no changed pixels there) brings the element down to 1:1.

The page must stand still between the two photographs: load it with reduced motion emulated
(`tab.emulate_media(reduced_motion="reduce")` before `goto`), which stops the slider.
"""

import base64
import io
from dataclasses import dataclass
from functools import cache
from weakref import WeakKeyDictionary

from PIL import Image

MINIMUM = 3.0
# A pixel whose channels moved less than this is anti-aliasing or compression, not indicator.
CHANGED = 40
# Neighbouring pixels under this contrast with each other belong to the same band.
SAME_BAND = 1.5
# How far inside the element's edge a line starts: the element's own colour.
INSIDE = 3
MARGIN = 8  # beyond the outline and its offset: halos and the surroundings
LINES_PER_SIDE = 24  # a long side is sampled, not read whole
SESSIONS = WeakKeyDictionary()  # a DevTools session per tab, for the photographs

FOCUSED = """() => {
    window.__focusStops = window.__focusStops || new WeakSet();
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement
            || window.__focusStops.has(el)) return null;
    window.__focusStops.add(el);
    const style = getComputedStyle(el);
    // An inline link around a picture: its outline goes round the picture too.
    const boxes = style.display === 'inline' && el.querySelector('img, svg, picture')
        ? [el, ...el.querySelectorAll('*')].map(e => e.getBoundingClientRect())
            .filter(r => r.width > 0 && r.height > 0)
            .reduce((a, r) => new DOMRect(Math.min(a.left, r.left), Math.min(a.top, r.top),
                Math.max(a.right, r.right) - Math.min(a.left, r.left),
                Math.max(a.bottom, r.bottom) - Math.min(a.top, r.top)))
        : el.getClientRects();
    const rects = Array.from(boxes.length === undefined ? [boxes] : boxes)
        .filter(r => r.width > 0 && r.height > 0)
        .map(r => ({x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}));
    // What the scrollers around it let show: a side they cut off shows no ring to measure.
    let shown = {x0: 0, y0: 0, x1: innerWidth, y1: innerHeight};
    for (let up = el.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflow === 'visible') continue;
        const r = up.getBoundingClientRect();
        shown = {x0: Math.max(shown.x0, r.left + up.clientLeft),
                 y0: Math.max(shown.y0, r.top + up.clientTop),
                 x1: Math.min(shown.x1, r.left + up.clientLeft + up.clientWidth),
                 y1: Math.min(shown.y1, r.top + up.clientTop + up.clientHeight)};
    }
    const radius = style.borderTopLeftRadius;
    const text = (el.getAttribute('aria-label') || el.innerText || el.value
        || el.querySelector('img')?.alt || '')
        .replace(/\\s+/g, ' ').trim().slice(0, 40);
    return {
        tag: el.tagName.toLowerCase(), text, cls: el.getAttribute('class') || '', rects,
        outline: parseFloat(style.outlineWidth) || 0,
        offset: parseFloat(style.outlineOffset) || 0,
        radius: radius.endsWith('%') ? parseFloat(radius) / 100 : -(parseFloat(radius) || 0),
        width: innerWidth, height: innerHeight, scrollX, scrollY, shown,
        // Its kind: elements alike in tag, classes, place and state share their styles.
        kind: [el.tagName, el.getAttribute('class'), el.getAttribute('aria-current'),
               el.parentElement.getAttribute('class'),
               el.parentElement.parentElement?.getAttribute('class')].join('|'),
    };
}"""


@dataclass
class FocusFailure:
    page: str
    element: str
    ratio: float

    def __str__(self):
        return f"{self.page}: {self.element} — {self.ratio:.2f}:1"


@cache
def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def differ(first, second, threshold):
    return max(abs(a - b) for a, b in zip(first, second, strict=True)) > threshold


def line_ratio(focused, unfocused):
    """The best contrast a band of the indicator has with the colours on both its sides,
    along one line of pixels (inside the element → outside); 1.0 when nothing changed."""
    best = 1.0
    last = len(focused) - 1
    for index, (colour, before) in enumerate(zip(focused, unfocused, strict=True)):
        if not differ(colour, before, CHANGED):
            continue
        low = high = index
        while low > 0 and contrast(focused[low - 1], colour) < SAME_BAND:
            low -= 1
        while high < last and contrast(focused[high + 1], colour) < SAME_BAND:
            high += 1
        thickness, sides = high - low + 1, []
        for near, far in ((low - 1, low - 2), (high + 1, high + 2)):
            neighbours = [focused[i] for i in (near, far) if 0 <= i <= last]
            if not neighbours:
                continue
            figures = [contrast(colour, other) for other in neighbours]
            # An anti-aliased edge: the next pixel a blend of this band and the one beyond.
            if len(figures) == 2 and figures[0] < figures[1]:
                thickness += 0.5
            sides.append(max(figures))
        if sides and thickness >= 2:
            best = max(best, min(sides))
    return best


def sampled(first, last):
    """At most LINES_PER_SIDE positions spread over first..last-1."""
    step = max(1, (last - first) // LINES_PER_SIDE)
    return range(first, last, step)


def side_lines(box, radius, pad, clip, shown, depth=INSIDE):
    """Per side of the box, lines of pixel coordinates from inside the element outward,
    leaving out the rounded corners, the lines that leave the clip (the viewport) and those
    across a part of the element its scrollers hide."""
    x0, y0, x1, y1 = (round(v) for v in box)
    cx0, cy0, cx1, cy1 = clip
    corner = radius * min(x1 - x0, y1 - y0) if radius >= 0 else -radius

    def along(first, last):
        skip = min((last - first) // 3, max(2, int(corner) + 2))
        return sampled(first + skip, last - skip)

    across = {
        "top": (range(y0 + depth, y0 - pad - 1, -1), along(x0, x1), False),
        "bottom": (range(y1 - 1 - depth, y1 + pad), along(x0, x1), False),
        "left": (range(x0 + depth, x0 - pad - 1, -1), along(y0, y1), True),
        "right": (range(x1 - 1 - depth, x1 + pad), along(y0, y1), True),
    }
    sides = {}
    for name, (outward, positions, vertical) in across.items():
        ends = (min(outward), max(outward))
        low, high = (cx0, cx1) if vertical else (cy0, cy1)
        if vertical:
            first, last = max(cy0, shown["y0"]), min(cy1, shown["y1"])
        else:
            first, last = max(cx0, shown["x0"]), min(cx1, shown["x1"])
        if low <= ends[0] and ends[1] < high:
            sides[name] = [
                [(o, p) if vertical else (p, o) for o in outward]
                for p in positions
                if first <= p < last
            ]
    return sides


def cut_off(side, box, shown):
    """Whether a scroller (or the viewport) hides this side of the element itself."""
    x0, y0, x1, y1 = box
    return {
        "top": y0 < shown["y0"] - 0.5,
        "bottom": y1 > shown["y1"] + 0.5,
        "left": x0 < shown["x0"] - 0.5,
        "right": x1 > shown["x1"] + 0.5,
    }[side]


def indicator_ratio(focused, unfocused, stop, origin):
    """The lowest side figure of the element's indicator (see the module's docstring)."""
    pad = round(stop["outline"] + max(stop["offset"], 0)) + MARGIN
    width, height = focused.size
    clip = (origin[0], origin[1], origin[0] + width, origin[1] + height)
    focused_pixels, unfocused_pixels = focused.load(), unfocused.load()
    rects = stop["rects"]
    ratios = []
    for index, rect in enumerate(rects):
        box = (rect["x0"], rect["y0"], rect["x1"], rect["y1"])
        # A link broken over lines: its outline wraps all the pieces, whose inner sides
        # face each other; the first piece's top and the last one's bottom are outer sides.
        if len(rects) == 1:
            wanted = {"top", "bottom", "left", "right"}
        else:
            wanted = {"top"} if index == 0 else {"bottom"} if index == len(rects) - 1 else set()
        # An outline drawn inside the element (a negative offset): start the lines deeper.
        depth = INSIDE + max(0, -round(stop["offset"]))
        for name, lines in side_lines(box, stop["radius"], pad, clip, stop["shown"], depth).items():
            if name not in wanted or not lines or cut_off(name, box, stop["shown"]):
                continue
            figures = sorted(
                line_ratio(
                    [focused_pixels[x - origin[0], y - origin[1]] for x, y in line],
                    [unfocused_pixels[x - origin[0], y - origin[1]] for x, y in line],
                )
                for line in lines
            )
            ratios.append(figures[len(figures) // 10])
    return min(ratios, default=0.0)


def shot(tab, clip, scroll):
    """The clip of the viewport, through DevTools: Playwright's screenshot, which also hides
    the caret and waits for fonts on each call, took half as long again per tab stop."""
    x0, y0, x1, y1 = clip
    area = {"x": x0 + scroll[0], "y": y0 + scroll[1], "width": x1 - x0, "height": y1 - y0}
    png = devtools(tab).send(
        "Page.captureScreenshot", {"format": "png", "clip": area | {"scale": 1}}
    )
    return Image.open(io.BytesIO(base64.b64decode(png["data"]))).convert("RGB")


def devtools(tab):
    if tab not in SESSIONS:
        SESSIONS[tab] = tab.context.new_cdp_session(tab)
    return SESSIONS[tab]


def describe(stop):
    classes = f".{stop['cls'].replace(' ', '.')}" if stop["cls"] else ""
    return f"<{stop['tag']}{classes}> {stop['text']!r}"


def focus_failures(tab, max_stops=None, measured=None, minimum=MINIMUM):
    """Tab through the page from its start and return a FocusFailure for every tab stop
    whose focus indicator is under `minimum`:1 against its neighbours (0.0: not on screen).

    `measured`, a set shared between calls, measures one stop of each kind (same tag,
    classes, parent's and grandparent's classes, aria-current) and tabs past the others:
    the header, menu and footer of the next page, the other cards of a list.
    """
    failures = []
    page = tab.evaluate("location.pathname + location.search")
    tab.evaluate("document.activeElement && document.activeElement.blur()")
    stops = 0
    while max_stops is None or stops < max_stops:
        tab.keyboard.press("Tab")
        stop = tab.evaluate(FOCUSED)
        if stop is None:  # past the last stop, or round to the first again
            break
        stops += 1
        if measured is not None:
            if stop["kind"] in measured:
                continue
            measured.add(stop["kind"])
        ratio = measure(tab, stop)
        if ratio < minimum:
            failures.append(FocusFailure(page, describe(stop), round(ratio, 2)))
    return failures


def measure(tab, stop):
    """Photograph the stop focused, then blurred, and compare (0.0: nothing on screen)."""
    boxes = stop["rects"]
    if not boxes:
        return 0.0
    pad = round(stop["outline"] + max(stop["offset"], 0)) + MARGIN
    clip = (
        max(0, int(min(b["x0"] for b in boxes)) - pad - 1),
        max(0, int(min(b["y0"] for b in boxes)) - pad - 1),
        min(stop["width"], int(max(b["x1"] for b in boxes)) + pad + 2),
        min(stop["height"], int(max(b["y1"] for b in boxes)) + pad + 2),
    )
    if clip[2] - clip[0] < 2 or clip[3] - clip[1] < 2:
        return 0.0
    scroll = (stop["scrollX"], stop["scrollY"])
    focused = shot(tab, clip, scroll)
    # Blurring keeps Chromium's place in the tab order: the next Tab goes on from here.
    tab.evaluate("document.activeElement.blur()")
    return indicator_ratio(focused, shot(tab, clip, scroll), stop, clip[:2])
