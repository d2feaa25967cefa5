"""People and things the demo scenes are made of, in a flat style (see canvas.py for units)."""

from .canvas import (
    BOOK_COLOURS,
    CLOTHES,
    GREEN,
    HAIR,
    INK,
    LEAF,
    SKIN,
    WHITE,
    WOOD,
    WOOD_DARK,
    YELLOW,
)


def person(c, x, feet_y, height, *, book=False, sitting=False, arms_up=False, back=False):
    """A person seen from the front (or from behind), `height` units tall, feet at `feet_y`
    (sitting: the seat at `feet_y`)."""
    if sitting:
        feet_y += height * 0.26
    skin, hair, shirt = c.pick(SKIN), c.pick(HAIR), c.pick(CLOTHES)
    trousers = c.pick([INK, "#495057", "#1c7ed6", "#5f3dc4"])
    r = height * 0.12
    head_y = feet_y - height + r
    shoulders = head_y + r * 1.15
    half = height * 0.17
    hips = shoulders + height * 0.36
    if sitting:
        c.rect(x - half, hips - 1, x + half, hips + height * 0.12, trousers, radius=half * 0.5)
    else:
        leg = half * 0.42
        c.rect(x - half * 0.8, hips - 1, x - half * 0.8 + leg * 1.6, feet_y, trousers, radius=1)
        c.rect(x + half * 0.8 - leg * 1.6, hips - 1, x + half * 0.8, feet_y, trousers, radius=1)
    c.rect(x - half, shoulders, x + half, hips + 1, shirt, radius=half * 0.7)
    arm = half * 0.32
    if arms_up:
        c.line(
            [(x - half + arm, shoulders + arm), (x - half * 2, shoulders - height * 0.18)],
            skin,
            arm * 1.4,
        )
        c.line(
            [(x + half - arm, shoulders + arm), (x + half * 2, shoulders - height * 0.18)],
            skin,
            arm * 1.4,
        )
    c.circle(x, head_y, r, skin)
    if back:
        c.circle(x, head_y - r * 0.05, r * 1.02, hair)
        return
    c.pie(x, head_y - r * 0.1, r * 1.05, 180, 360, hair)
    if c.rng.random() < 0.5:  # a ponytail or a bun
        c.circle(x + r * c.pick([-1, 1]) * 0.95, head_y - r * 0.5, r * 0.45, hair)
    eye = max(r * 0.1, 0.35)
    c.circle(x - r * 0.38, head_y + r * 0.1, eye, INK)
    c.circle(x + r * 0.38, head_y + r * 0.1, eye, INK)
    c.arc(x, head_y + r * 0.2, r * 0.4, 30, 150, INK, max(r * 0.08, 0.3))
    if book:
        open_book(c, x, shoulders + height * 0.22, height * 0.2, c.pick(BOOK_COLOURS))


def open_book(c, x, y, width, cover):
    """An open book held up, its pages facing the viewer; `y` is the spine's middle."""
    half, tall = width, width * 0.75
    c.polygon(
        [
            (x - half * 1.08, y - tall * 0.5),
            (x, y - tall * 0.38),
            (x + half * 1.08, y - tall * 0.5),
            (x + half * 1.08, y + tall * 0.62),
            (x, y + tall * 0.72),
            (x - half * 1.08, y + tall * 0.62),
        ],
        cover,
    )
    c.polygon(
        [
            (x - half, y - tall * 0.55),
            (x, y - tall * 0.45),
            (x, y + tall * 0.6),
            (x - half, y + tall * 0.5),
        ],
        WHITE,
    )
    c.polygon(
        [
            (x + half, y - tall * 0.55),
            (x, y - tall * 0.45),
            (x, y + tall * 0.6),
            (x + half, y + tall * 0.5),
        ],
        "#f1f3f5",
    )
    for row in range(3):
        line_y = y - tall * 0.25 + row * tall * 0.22
        c.line(
            [(x - half * 0.8, line_y), (x - half * 0.15, line_y + tall * 0.06)],
            "#ced4da",
            tall * 0.06,
        )
        c.line(
            [(x + half * 0.15, line_y + tall * 0.06), (x + half * 0.8, line_y)],
            "#ced4da",
            tall * 0.06,
        )


def book_row(c, x0, x1, base_y, low, high, *, gap=0.4, lean=True):
    """Book spines standing on a shelf from x0 to x1, heights between low and high."""
    x = x0
    while x < x1:
        spine = c.rng.uniform(1.6, 3.4)
        if x + spine > x1:
            break
        tall = c.rng.uniform(low, high)
        colour = c.pick(BOOK_COLOURS)
        if lean and c.rng.random() < 0.06 and x + tall * 0.7 < x1:
            c.polygon(
                [
                    (x, base_y),
                    (x + spine, base_y),
                    (x + spine + tall * 0.55, base_y - tall * 0.8),
                    (x + tall * 0.55, base_y - tall * 0.84),
                ],
                colour,
            )
            x += spine + tall * 0.6 + gap
            continue
        c.rect(x, base_y - tall, x + spine, base_y, colour, radius=0.3)
        c.rect(x, base_y - tall * 0.82, x + spine, base_y - tall * 0.74, "#ffffff99")
        x += spine + c.rng.uniform(0.05, gap)


def bookcase(c, x0, x1, top, bottom, shelves=4):
    """A wooden bookcase full of books."""
    c.rect(x0 - 1, top - 1, x1 + 1, bottom, WOOD_DARK, radius=0.6)
    c.rect(x0, top, x1, bottom, "#7a4f2a")
    step = (bottom - top) / shelves
    for n in range(shelves):
        shelf_bottom = top + step * (n + 1)
        book_row(c, x0 + 0.5, x1 - 0.5, shelf_bottom - 0.8, step * 0.55, step * 0.85)
        c.rect(x0, shelf_bottom - 0.8, x1, shelf_bottom + 0.2, WOOD)


def plant(c, x, base_y, size):
    """A potted plant."""
    c.polygon(
        [
            (x - size * 0.35, base_y - size * 0.45),
            (x + size * 0.35, base_y - size * 0.45),
            (x + size * 0.25, base_y),
            (x - size * 0.25, base_y),
        ],
        "#e8590c",
    )
    for dx, dy, colour in (
        (-0.35, -0.9, GREEN),
        (0.35, -0.95, GREEN),
        (0, -1.15, LEAF),
        (-0.2, -0.7, LEAF),
        (0.22, -0.7, LEAF),
    ):
        c.ellipse(x + dx * size, base_y + dy * size, size * 0.22, size * 0.34, colour)


def bunting(c, x0, x1, y, sag):
    """A garland of paper flags across the top of a room."""
    flags = max(6, int((x1 - x0) / 7))
    step = (x1 - x0) / flags
    points = []
    for n in range(flags + 1):
        t = n / flags
        points.append((x0 + (x1 - x0) * t, y + sag * 4 * t * (1 - t)))
    c.line(points, "#868e96", 0.3)
    for n in range(flags):
        (ax, ay), (bx, by) = points[n], points[n + 1]
        colour = [YELLOW, "#ff8787", "#63e6be", "#74c0fc", "#b197fc"][n % 5]
        c.polygon(
            [
                (ax + step * 0.1, ay),
                (bx - step * 0.1, by),
                ((ax + bx) / 2, (ay + by) / 2 + step * 0.75),
            ],
            colour,
        )


def window(c, x0, y0, x1, y1, sky="#bfe3ff"):
    """A window with a sun and a cloud outside."""
    c.rect(x0 - 0.8, y0 - 0.8, x1 + 0.8, y1 + 0.8, WHITE, radius=0.6)
    c.rect(x0, y0, x1, y1, sky)
    c.circle(x0 + (x1 - x0) * 0.72, y0 + (y1 - y0) * 0.3, (x1 - x0) * 0.12, YELLOW)
    cloud_x, cloud_y, r = x0 + (x1 - x0) * 0.3, y0 + (y1 - y0) * 0.55, (x1 - x0) * 0.08
    for dx, dy, size in ((-1, 0.2, 1), (0, -0.3, 1.3), (1.1, 0.2, 1)):
        c.circle(cloud_x + dx * r * 1.2, cloud_y + dy * r, r * size, WHITE)
    c.rect((x0 + x1) / 2 - 0.4, y0, (x0 + x1) / 2 + 0.4, y1, WHITE)
    c.rect(x0, (y0 + y1) / 2 - 0.4, x1, (y0 + y1) / 2 + 0.4, WHITE)
