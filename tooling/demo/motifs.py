"""The scenes of the demo pictures, one function per motif; each fills a Canvas.

A slide's caption covers the lowest quarter and a gallery's 4:3 crop cuts the sides of a
16:10 picture, so what matters is drawn in the middle and upper part of the scene.
"""

from math import cos, pi, sin

from .canvas import (
    ACCENT,
    BLUE,
    BLUE_DARK,
    BOOK_COLOURS,
    CORAL,
    GREEN,
    INK,
    LEAF,
    MINT,
    PEACH,
    ROOMS,
    SKY,
    SOFT,
    TEAL,
    WHITE,
    WOOD,
    WOOD_DARK,
    YELLOW,
)
from .figures import bookcase, bunting, open_book, person, plant, window


def room(c, floor_y=72):
    """Wall, skirting and floor; returns the wall's darker band colour."""
    wall, band, floor = c.pick(ROOMS)
    c.rect(0, 0, c.width, floor_y, wall)
    c.rect(0, floor_y - 16, c.width, floor_y, band)
    c.rect(0, floor_y, c.width, 100, floor)
    for n in range(int(c.width / 12) + 1):  # floorboards
        c.line([(n * 12, floor_y), (n * 12 - 6, 100)], "#00000014", 0.3)
    c.rect(0, floor_y - 1, c.width, floor_y + 0.6, WHITE)
    return band


def children(c):
    """Children reading on a rug, a bookcase and a window behind them."""
    room(c, floor_y=70)
    m = c.middle
    bunting(c, 0, c.width, 4, 6)
    bookcase(c, m - 62, m - 22, 18, 70, shelves=4)
    window(c, m + 10, 16, m + 52, 46)
    plant(c, m + 62, 70, 10)
    c.ellipse(m, 86, 58, 10, c.pick([CORAL, TEAL, "#ffa94d", "#748ffc"]))
    c.ellipse(m, 86, 50, 7.5, "#ffffff30")
    for dx, height, sitting in ((-30, 34, True), (0, 44, False), (28, 34, True)):
        if sitting:
            c.ellipse(m + dx, 84, 12, 6, c.pick([YELLOW, MINT, PEACH]))
        person(c, m + dx, 84 if not sitting else 83, height, book=True, sitting=sitting)
    for n, colour in enumerate(c.rng.sample(BOOK_COLOURS, 4)):  # a stack of books
        c.rect(m + 42 - n * 0.6, 88 - n * 3, m + 54 + n * 0.4, 91 - n * 3, colour, radius=0.4)


def hall(c):
    """A reading hall: tall bookcases, tables with green lamps, readers at work."""
    wall, band, floor = c.pick(ROOMS)
    c.rect(0, 0, c.width, 100, wall)
    c.rect(0, 62, c.width, 100, floor)
    case_width = 30
    start = c.middle - case_width * 3.5
    for n in range(7):
        x0 = start + n * case_width
        if n == 3:  # a tall arched window in the middle of the wall
            c.rect(x0 + 4, 6, x0 + case_width - 4, 56, WHITE, radius=12)
            c.rect(x0 + 5, 7, x0 + case_width - 5, 55, "#bfe3ff", radius=11)
            c.rect(x0 + case_width / 2 - 0.4, 7, x0 + case_width / 2 + 0.4, 55, WHITE)
            c.circle(x0 + case_width * 0.68, 22, 3, YELLOW)
            continue
        bookcase(c, x0 + 1, x0 + case_width - 1, 8, 62, shelves=5)
    for row, (y, depth) in enumerate(((74, 1.0), (90, 1.25))):
        for side in (-1, 1):
            cx = c.middle + side * (26 + row * 6)
            half = 20 * depth
            for seat in (-0.55, 0.55):
                person(c, cx + seat * half, y + 3, 26 * depth, sitting=True)
            c.polygon(
                [
                    (cx - half, y),
                    (cx + half, y),
                    (cx + half + 2, y + 3.5),
                    (cx - half - 2, y + 3.5),
                ],
                WOOD,
            )
            c.rect(cx - half - 2, y + 3.5, cx + half + 2, y + 10 * depth, "#c08552")
            c.rect(cx - half - 2, y + 3.5, cx + half + 2, y + 5, WOOD_DARK)
            lamp = depth * 3
            c.ellipse(cx, y + 1.2, lamp * 2.4, 1.2, "#fff3bfaa")
            c.rect(cx - 0.4, y - 4 * depth, cx + 0.4, y, INK)
            c.pie(cx, y - 3.5 * depth, lamp, 180, 360, GREEN)
            c.rect(cx - lamp * 0.6, y - 0.8, cx + lamp * 0.6, y, INK)
            for page in (-0.55, 0.55):
                c.polygon(
                    [
                        (cx + page * half - 3, y + 0.5),
                        (cx + page * half + 3, y + 0.5),
                        (cx + page * half + 3.5, y + 2.5),
                        (cx + page * half - 3.5, y + 2.5),
                    ],
                    WHITE,
                )


def stage(c):
    """An event: a lit stage between red curtains, a reader performing, the audience."""
    c.rect(0, 0, c.width, 100, BLUE_DARK)
    m = c.middle
    c.polygon([(m - 70, 62), (m + 70, 62), (m + 80, 72), (m - 80, 72)], WOOD)
    c.rect(m - 80, 72, m + 80, 76, WOOD_DARK)
    c.polygon([(m - 8, 0), (m + 8, 0), (m + 28, 66), (m - 28, 66)], "#fff3bf40")
    c.ellipse(m, 66, 28, 4, "#fff3bf80")
    for side in (-1, 1):  # curtains in folds
        for n in range(7):
            x = m + side * (c.width / 2 - n * 4.5)
            colour = "#c92a2a" if n % 2 else "#a61e1e"
            c.polygon(
                [
                    (x, 0),
                    (x - side * 5, 0),
                    (x - side * 5 - side * n * 0.6, 78),
                    (x - side * n * 0.6, 78),
                ],
                colour,
            )
    c.rect(0, 0, c.width, 9, "#a61e1e")
    for n in range(int(c.width / 10) + 1):
        c.circle(n * 10 + 5, 9, 5, "#a61e1e")
    c.rect(0, 0, c.width, 2.5, YELLOW)
    person(c, m - 2, 66, 40, book=True)
    c.rect(m + 14, 50, m + 15, 66, INK)  # a microphone stand
    c.circle(m + 14.5, 49, 1.6, INK)
    for row, (y, size) in enumerate(((92, 9), (101, 11))):
        count = int(c.width / (size * 2.2)) + 2
        for n in range(count):
            x = (n + (0.5 if row else 0)) * size * 2.2 - size
            tone = "#0a2540" if row else "#12365c"
            c.ellipse(x, y, size * 0.95, size * 0.8, tone)
            c.circle(x, y - size * 0.9, size * 0.55, tone)
    for n in range(3):  # raised hands and a phone filming
        x = c.middle + (n - 1) * 40 + c.rng.uniform(-6, 6)
        c.line([(x, 88), (x + 2, 80)], "#12365c", 2.2)
    c.rect(m + 52, 76, m + 57, 84, INK, radius=0.6)
    c.rect(m + 53, 77, m + 56, 83, SKY)


# A Kuzbass-like outline (a long shape, mountains to the east and south), in map units.
KUZBASS = [
    (0, -40),
    (7, -36),
    (11, -29),
    (16, -26),
    (18, -17),
    (24, -10),
    (25, -1),
    (21, 7),
    (24, 15),
    (21, 24),
    (14, 31),
    (7, 40),
    (-1, 42),
    (-6, 35),
    (-8, 25),
    (-16, 20),
    (-21, 12),
    (-20, 2),
    (-24, -6),
    (-19, -15),
    (-13, -19),
    (-10, -29),
    (-5, -33),
]
TOWNS = [(-4, -18, True), (-9, 4, False), (6, 12, False), (-2, 26, False), (10, -6, False)]


def kuzbass_map(c):
    """A map: the region's outline with pins, routes out to partner libraries, a compass."""
    c.rect(0, 0, c.width, 100, "#f4efe1")
    for n in range(int(c.width / 12) + 1):
        c.line([(n * 12, 0), (n * 12, 100)], "#d8cfb8", 0.25)
    for n in range(9):
        c.line([(0, n * 12), (c.width, n * 12)], "#d8cfb8", 0.25)
    m, mid_y = c.middle, 52
    outline = [(m + x * 1.05, mid_y + y * 1.05) for x, y in KUZBASS]
    c.polygon([(x + 1.2, y + 1.6) for x, y in outline], "#00000022")
    c.polygon(outline, "#b2f2bb")
    c.line([*outline, outline[0]], GREEN, 0.7)
    for x, y in ((12, -20), (16, -12), (14, 2), (6, 30), (12, 22), (0, 36)):  # mountains
        c.polygon(
            [(m + x - 4, mid_y + y + 3), (m + x, mid_y + y - 4), (m + x + 4, mid_y + y + 3)],
            "#8ce99a",
        )
        c.polygon(
            [(m + x - 1.3, mid_y + y - 2), (m + x, mid_y + y - 4), (m + x + 1.3, mid_y + y - 2)],
            WHITE,
        )
    river = [
        (m + 14, mid_y + 40),
        (m + 8, mid_y + 24),
        (m + 2, mid_y + 14),
        (m - 2, mid_y + 2),
        (m - 4, mid_y - 10),
        (m - 4, mid_y - 18),
        (m - 2, mid_y - 30),
        (m + 3, mid_y - 44),
    ]
    c.line(river, "#4dabf7", 1.1)
    home = (m - 4, mid_y - 18)
    targets = [(8, 14), (c.width - 12, 40), (c.width - 14, 88), (12, 84), (m + 58, 34)]
    for tx, ty in targets:  # dashed routes to partner libraries far away
        steps = 14
        for n in range(2, steps, 2):  # from a little off the pin
            a, b = n / steps, (n + 1) / steps
            c.line(
                [
                    (home[0] + (tx - home[0]) * a, home[1] + (ty - home[1]) * a),
                    (home[0] + (tx - home[0]) * b, home[1] + (ty - home[1]) * b),
                ],
                ACCENT,
                0.6,
            )
        pin(c, tx, ty, 3.2, c.pick([BLUE, PURPLE_PIN, TEAL, CORAL]))
    for x, y, capital in TOWNS:
        if capital:
            continue
        c.circle(m + x, mid_y + y, 1.2, BLUE_DARK)
    pin(c, *home, 5, ACCENT)
    compass(c, c.width - 14, 86 if c.width > 170 else 84, 7)


PURPLE_PIN = "#7048e8"


def pin(c, x, y, size, colour):
    """A map pin whose point is at (x, y)."""
    c.ellipse(x, y + 0.3, size * 0.6, size * 0.2, "#00000030")
    c.polygon(
        [(x - size * 0.62, y - size * 1.35), (x + size * 0.62, y - size * 1.35), (x, y)], colour
    )
    c.circle(x, y - size * 1.6, size * 0.78, colour)
    c.circle(x, y - size * 1.6, size * 0.32, WHITE)


def compass(c, x, y, r):
    c.circle(x, y, r, "#ffffffcc", outline="#adb5bd", width=0.3)
    c.polygon([(x, y - r * 0.9), (x + r * 0.22, y), (x - r * 0.22, y)], ACCENT)
    c.polygon([(x, y + r * 0.9), (x + r * 0.22, y), (x - r * 0.22, y)], "#495057")


def exhibition(c):
    """A book exhibition: a banner, tiered stands with books facing out, posters on easels."""
    room(c, floor_y=76)
    m = c.middle
    c.rect(m - 46, 6, m + 46, 15, YELLOW, radius=1)
    for n in range(9):  # letters on the banner, abstracted
        c.rect(m - 38 + n * 8.6, 9, m - 33 + n * 8.6, 12, BLUE_DARK, radius=0.5)
    for n in range(5):  # spotlights on the ceiling
        c.polygon(
            [
                (m - 40 + n * 20 - 1.5, 0),
                (m - 40 + n * 20 + 1.5, 0),
                (m - 40 + n * 20 + 8, 28),
                (m - 40 + n * 20 - 8, 28),
            ],
            "#ffffff40",
        )
    for tier in range(3):  # a stepped stand
        top = 38 + tier * 13
        half = 30 + tier * 7
        c.rect(m - half, top + 10, m + half, top + 13, WOOD)
        c.rect(m - half, top + 13, m + half, top + 14, WOOD_DARK)
        count = 4 + tier
        for n in range(count):
            x = m - half + (2 * half) * (n + 0.5) / count
            cover(c, x - 4, top, x + 4, top + 10)
    c.rect(m - 44, 79, m + 44, 96, WOOD_DARK)
    c.rect(m - 42, 79, m + 42, 94, WOOD)
    for side in (-1, 1):  # easels with posters
        x = m + side * 60
        c.line([(x - 6, 92), (x, 34)], WOOD_DARK, 1.2)
        c.line([(x + 6, 92), (x, 34)], WOOD_DARK, 1.2)
        c.rect(x - 10, 38, x + 10, 66, WHITE, radius=0.5)
        c.rect(x - 8, 40, x + 8, 54, c.pick([SKY, PEACH, MINT, "#d0bfff"]))
        c.circle(x, 47, 4, c.pick([YELLOW, CORAL, WHITE]))
        c.rect(x - 8, 57, x + 6, 59, "#adb5bd")
        c.rect(x - 8, 61, x + 2, 63, "#adb5bd")
        c.rect(x - 10, 66, x + 10, 68, WOOD_DARK)
    plant(c, m - 82, 90, 11)
    plant(c, m + 82, 90, 11)


def cover(c, x0, y0, x1, y1):
    """A book standing face out: a coloured cover with a simple picture and a title band."""
    colour = c.pick(BOOK_COLOURS)
    c.rect(x0 + 0.6, y0 + 0.6, x1 + 0.6, y1 + 0.6, "#00000026", radius=0.4)
    c.rect(x0, y0, x1, y1, colour, radius=0.4)
    width = x1 - x0
    c.rect(x0 + width * 0.15, y0 + width * 0.15, x1 - width * 0.15, y0 + width * 0.35, WHITE)
    figure = c.rng.randrange(3)
    cx, cy = (x0 + x1) / 2, y0 + (y1 - y0) * 0.65
    if figure == 0:
        c.circle(cx, cy, width * 0.22, YELLOW if colour != YELLOW else BLUE)
    elif figure == 1:
        c.polygon(
            [
                (cx - width * 0.3, cy + width * 0.2),
                (cx, cy - width * 0.3),
                (cx + width * 0.3, cy + width * 0.2),
            ],
            WHITE,
        )
    else:
        c.rect(
            cx - width * 0.25,
            cy - width * 0.2,
            cx + width * 0.25,
            cy + width * 0.2,
            "#ffffffaa",
            radius=0.4,
        )


def craft(c):
    """A craft master class: a long table with paper, scissors and paint, children making."""
    room(c, floor_y=66)
    m = c.middle
    bunting(c, 0, c.width, 3, 7)
    c.rect(m - 40, 14, m + 40, 44, "#2f4f3f", radius=1)  # a chalkboard with paper stars
    c.rect(m - 41, 13, m + 41, 14.5, WOOD)
    for n in range(6):
        star(c, m - 32 + n * 12.8, 26 + (n % 2) * 8, 4, [YELLOW, CORAL, MINT, SKY, PEACH][n % 5])
    for dx, height in ((-42, 40), (-20, 34), (4, 36), (28, 33), (50, 44)):
        person(c, m + dx, 80, height, arms_up=dx == 50)
    c.polygon([(m - 70, 64), (m + 70, 64), (m + 78, 78), (m - 78, 78)], WOOD)
    c.rect(m - 78, 78, m + 78, 82, WOOD_DARK)
    c.rect(m - 72, 82, m - 69, 100, WOOD_DARK)
    c.rect(m + 69, 82, m + 72, 100, WOOD_DARK)
    for n in range(7):  # sheets of coloured paper, skewed
        x = m - 60 + n * 18 + c.rng.uniform(-2, 2)
        skew = c.rng.uniform(-2, 2)
        colour = c.pick([YELLOW, CORAL, MINT, SKY, PEACH, "#d0bfff", WHITE])
        c.polygon([(x - 5 + skew, 67), (x + 5 + skew, 67), (x + 6, 75), (x - 6, 75)], colour)
    for x in (m - 28, m + 36):  # scissors
        c.circle(x - 1.5, 73, 1.2, ACCENT, outline=ACCENT, width=0.2)
        c.circle(x + 1.5, 73, 1.2, ACCENT)
        c.line([(x - 1.5, 72), (x + 3, 67)], "#868e96", 0.5)
        c.line([(x + 1.5, 72), (x - 3, 67)], "#868e96", 0.5)
    for n, colour in enumerate((CORAL, YELLOW, BLUE, GREEN)):  # paint jars
        x = m + 54 + n * 4
        c.rect(x - 1.6, 67, x + 1.6, 72, "#e9ecef", radius=0.4)
        c.rect(x - 1.6, 69, x + 1.6, 72, colour, radius=0.4)
    star(c, m - 4, 70, 3, YELLOW)
    open_book(c, m + 14, 71, 4, PEACH)


def star(c, x, y, r, colour):
    points = []
    for n in range(10):
        radius = r if n % 2 == 0 else r * 0.45
        angle = -pi / 2 + n * pi / 5
        points.append((x + radius * cos(angle), y + radius * sin(angle)))
    c.polygon(points, colour)


def computers(c):
    """A computer class: a big screen, children at laptops seen from behind, a teacher."""
    room(c, floor_y=64)
    m = c.middle
    c.rect(m - 36, 8, m + 36, 46, INK, radius=1.2)
    c.rect(m - 34, 10, m + 34, 44, "#e7f5ff")
    c.rect(m - 34, 10, m + 34, 14, BLUE)
    for n, colour in enumerate((CORAL, YELLOW, MINT)):
        c.circle(m - 31 + n * 3, 12, 0.8, colour)
    c.rect(m - 30, 18, m - 4, 40, WHITE, radius=0.8)  # a search page and a globe
    c.rect(m - 27, 21, m - 7, 24, "#ced4da", radius=1.2)
    for n in range(4):
        c.rect(m - 27, 28 + n * 3, m - 27 + c.rng.uniform(10, 20), 29.2 + n * 3, "#adb5bd")
    c.circle(m + 16, 28, 11, "#74c0fc")
    for dx, dy, rx, ry in ((-4, -4, 4, 3), (5, 3, 5, 4), (-2, 6, 2.5, 2)):
        c.ellipse(m + 16 + dx, 28 + dy, rx, ry, LEAF)
    person(c, m + 50, 76, 42, arms_up=False)
    for y, size in ((72, 1.0), (86, 1.25)):
        for n in range(-2, 3):
            x = m + n * 28 * size
            c.rect(x - 12 * size, y, x + 12 * size, y + 2.5 * size, WOOD)
            c.rect(x - 12 * size, y + 2.5 * size, x + 12 * size, y + 3.6 * size, WOOD_DARK)
            screen_x = x + 5 * size  # the laptop, its screen towards the child (and us)
            c.polygon(
                [
                    (screen_x - 5 * size, y - 7 * size),
                    (screen_x + 5 * size, y - 7 * size),
                    (screen_x + 5.5 * size, y),
                    (screen_x - 5.5 * size, y),
                ],
                INK,
            )
            c.polygon(
                [
                    (screen_x - 4.2 * size, y - 6.2 * size),
                    (screen_x + 4.2 * size, y - 6.2 * size),
                    (screen_x + 4.6 * size, y - 0.8 * size),
                    (screen_x - 4.6 * size, y - 0.8 * size),
                ],
                c.pick([SKY, MINT, "#ffe066", "#d0bfff"]),
            )
            person(c, x - 4 * size, y + 6 * size, 28 * size, back=True, sitting=True)


def bookshelves(c):
    """New books: a shelf unit full of books, a cart of new arrivals with a star."""
    room(c, floor_y=80)
    m = c.middle
    bookcase(c, m - 70, m - 6, 10, 80, shelves=4)
    bookcase(c, m + 6, m + 70, 10, 80, shelves=4)
    side = c.rng.choice([-1, 1])
    person(c, m - side * 30, 90, 46, book=True)
    x = m + side * 28
    c.rect(x - 16, 72, x + 16, 88, BLUE, radius=1)
    for n in range(3):
        c.circle(x - 12 + n * 12, 91, 2.4, INK)
    for n in range(5):
        cover(c, x - 15 + n * 6, 58 + (n % 2), x - 10 + n * 6, 72)
    star(c, x + 14, 60, 6, YELLOW)
    c.circle(x + 14, 60, 2, ACCENT)
    c.rect(0, 97, c.width, 100, SOFT)


MOTIFS = {
    "children": children,
    "hall": hall,
    "stage": stage,
    "map": kuzbass_map,
    "exhibition": exhibition,
    "craft": craft,
    "computers": computers,
    "books": bookshelves,
}
