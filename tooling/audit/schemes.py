"""The version for the visually impaired: axe in each colour scheme, and screenshots of it."""

from io import BytesIO

from PIL import Image

from tooling.chromium import launch, run_axe, wait_until

from .pages import PAGES, SEED_ARTICLE

SCHEMES = ["bw", "wb", "blue", "brown", "green"]
WIDTHS = [360, 1280]
# Per scheme and width: (link text, file name prefix, extension) in docs/screenshots.
SCREENSHOT_SET = [
    ("article", "vision", "jpg"),
    ("comments and form", "comments", "png"),
    ("sign-in", "login", "png"),
]
# Screenshots kept in the docs are palette PNGs: small enough for the repository, text sharp.
SCREENSHOT_COLOURS = 64


def audit_schemes(base_url, screenshots):
    """Each scheme at font size 2 and each width: axe on every page, and screenshots to look at."""
    from playwright.sync_api import sync_playwright

    screenshots.mkdir(parents=True, exist_ok=True)
    rows = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for scheme in SCHEMES:
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900})
                tab = context.new_page()
                tab.goto(f"{base_url}/vision/?enabled=1&scheme={scheme}&size=2&next=/")
                found = []
                for _, path in PAGES:
                    tab.goto(base_url + path)
                    found += [f"{path}: {problem}" for problem in run_axe(tab)]
                take_screenshots(tab, base_url, screenshots, f"{scheme}-{width}")
                rows.append({"scheme": scheme, "width": width, "axe": found})
                context.close()
        browser.close()
    return rows


def take_screenshots(tab, base_url, screenshots, suffix):
    """The seed article's top, its comments with the form, and the sign-in form."""
    tab.goto(base_url + SEED_ARTICLE)
    tab.screenshot(path=str(screenshots / f"vision-{suffix}.jpg"), quality=70)
    # The photo under the first comment is lazy: load it before the shot.
    tab.locator(".comment__files").scroll_into_view_if_needed()
    wait_until(
        tab, "[...document.querySelectorAll('.comment__files img')].every(img => img.complete)"
    )
    save_png(tab.locator("#comments").screenshot(), screenshots / f"comments-{suffix}.png")
    tab.goto(base_url + "/accounts/login/")
    save_png(tab.locator("main").screenshot(), screenshots / f"login-{suffix}.png")


def save_png(png, path):
    with Image.open(BytesIO(png)) as image:
        small = image.convert("RGB").quantize(SCREENSHOT_COLOURS)
        small.save(path, optimize=True)
