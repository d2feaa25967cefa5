"""Headless Debian Chromium and axe-core, one setup for the browser tests and the audit."""

import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Chromium runs as root on the project's machines (no sandbox) and must not call home.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's advice beyond WCAG: unique landmark names, all content inside landmarks, and so on.
BEST_PRACTICE = [*WCAG_AA, "best-practice"]


def command_line_flags():
    """The flags as one string for a Chromium started by another tool (Lighthouse)."""
    return " ".join(["--headless=new", *FLAGS])


def launch(playwright):
    """Chromium with the shared flags; Playwright adds its own headless switch."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)


def run_axe(tab, tags=WCAG_AA):
    """axe-core's violations of the rules with these tags (WCAG 2.1 A/AA unless told, e.g.
    BEST_PRACTICE) on the tab's page, as short strings."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: `make browser-tools` installs axe-core")
    # Evaluated, not added as a <script>: the site's Content-Security-Policy refuses inline
    # scripts, and what the browser is told to evaluate from outside is not subject to it.
    tab.evaluate(AXE.read_text())
    result = tab.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [
        f"{rule['id']} ({rule['impact']}): {[node['target'] for node in rule['nodes']]}"
        for rule in result["violations"]
    ]


def wait_until(tab, expression, timeout=15):
    """Wait until the JavaScript expression is true on the tab.

    Playwright's wait_for_function builds its predicate with eval inside the page, which the
    site's Content-Security-Policy refuses; evaluate() comes from outside the page and is not
    subject to it, so this polls with evaluate().
    """
    deadline = time.monotonic() + timeout
    while not tab.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        tab.wait_for_timeout(50)
