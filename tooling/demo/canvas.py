"""A small drawing surface for the demo pictures: one unit is 1/100 of the picture's height,
so a scene keeps its proportions at any size, and a wider picture shows more of the room."""

from PIL import Image as PILImage
from PIL import ImageDraw

# The site's colours (cms/static/css/site.css) and a few friends for a flat illustration.
BLUE = "#0b4f8a"
BLUE_DARK = "#083a66"
YELLOW = "#ffd43b"
ACCENT = "#b33c00"
SOFT = "#f3f6fa"
WHITE = "#ffffff"
CORAL = "#ff8787"
TEAL = "#3bc9db"
MINT = "#63e6be"
PEACH = "#ffc078"
GREEN = "#2b8a3e"
LEAF = "#69db7c"
PURPLE = "#862e9c"
LILAC = "#b197fc"
SKY = "#a5d8ff"
WOOD = "#d9a066"
WOOD_DARK = "#9c6a3a"
INK = "#343a40"
BOOK_COLOURS = [BLUE, YELLOW, ACCENT, CORAL, TEAL, MINT, PEACH, GREEN, PURPLE, LILAC, SKY]
SKIN = ["#f8d5b0", "#eebb8e", "#d89a6a", "#a86b45"]
HAIR = ["#3b2416", "#6b3e1f", "#c98a2b", "#1f1a17", "#a0522d"]
CLOTHES = [BLUE, CORAL, MINT, YELLOW, PURPLE, TEAL, ACCENT, GREEN, LILAC]
# (wall, a darker band of the same tone, floor)
ROOMS = [
    ("#e7f5ff", "#d0ebff", "#e9c89b"),
    ("#fff4d6", "#ffe8a3", "#d9b38c"),
    ("#e6fcf5", "#c3fae8", "#e0c097"),
    ("#f3f0ff", "#e5dbff", "#dcb892"),
]


class Canvas:
    def __init__(self, size, rng, background=WHITE):
        self.rng = rng
        self.size = size
        # Not supersampled for smooth edges: that made drawing 5× and the loader's renditions
        # 1.5× slower, and most uses are downscaled renditions anyway.
        width, height = size
        self.image = PILImage.new("RGB", size, background)
        self.solid = ImageDraw.Draw(self.image)
        self.blended = ImageDraw.Draw(self.image, "RGBA")  # slower: only for "#rrggbbaa"
        self.k = height / 100
        self.width = width / self.k  # in units: 160 for 16:10, 200 for 2:1
        self.middle = self.width / 2

    def ink(self, fill):
        """The drawing context for a colour: blending only when it is translucent."""
        return self.blended if fill and len(fill) == 9 else self.solid

    def result(self):
        return self.image

    def box(self, x0, y0, x1, y1):
        k = self.k
        return (x0 * k, y0 * k, max(x0, x1) * k, max(y0, y1) * k)

    def points(self, points):
        return [(x * self.k, y * self.k) for x, y in points]

    def w(self, units):
        return max(1, round(units * self.k))

    def rect(self, x0, y0, x1, y1, fill, radius=0, outline=None, width=0):
        self.ink(fill).rounded_rectangle(
            self.box(x0, y0, x1, y1),
            radius * self.k,
            fill=fill,
            outline=outline,
            width=self.w(width) if outline else 0,
        )

    def ellipse(self, cx, cy, rx, ry, fill, outline=None, width=0):
        self.ink(fill).ellipse(
            self.box(cx - rx, cy - ry, cx + rx, cy + ry),
            fill=fill,
            outline=outline,
            width=self.w(width) if outline else 0,
        )

    def circle(self, cx, cy, r, fill, outline=None, width=0):
        self.ellipse(cx, cy, r, r, fill, outline, width)

    def polygon(self, points, fill):
        self.ink(fill).polygon(self.points(points), fill=fill)

    def line(self, points, fill, width):
        self.ink(fill).line(self.points(points), fill=fill, width=self.w(width), joint="curve")

    def pie(self, cx, cy, r, start, end, fill):
        self.ink(fill).pieslice(self.box(cx - r, cy - r, cx + r, cy + r), start, end, fill=fill)

    def arc(self, cx, cy, r, start, end, fill, width):
        self.ink(fill).arc(
            self.box(cx - r, cy - r, cx + r, cy + r), start, end, fill, self.w(width)
        )

    def pick(self, choices):
        return self.rng.choice(choices)
