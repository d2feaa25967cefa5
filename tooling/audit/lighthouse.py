"""Lighthouse 12 over one URL in headless Chromium: category scores and the audits it failed."""

import json
import os
import subprocess
import tempfile
from pathlib import Path

from tooling.chromium import CHROMIUM, command_line_flags

from .tools import LIGHTHOUSE

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def lighthouse(url, attempts=3):
    """({category: score 0–100}, ["category: audit id", …] of the weighted audits below 1)."""
    result = run_lighthouse(url, attempts)
    categories, audits = result["categories"], result["audits"]
    failed = sorted(
        {
            f"{name}: {ref['id']}"
            for name in CATEGORIES
            for ref in categories[name]["auditRefs"]
            if ref.get("weight") and audits[ref["id"]].get("score") not in (None, 1)
        }
    )
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}, failed


def run_lighthouse(url, attempts):
    for attempt in range(1, attempts + 1):
        with tempfile.NamedTemporaryFile(suffix=".json") as report:
            try:
                subprocess.run(
                    [str(LIGHTHOUSE), url, "--quiet", "--output=json",
                     f"--output-path={report.name}", f"--chrome-flags={command_line_flags()}",
                     f"--only-categories={','.join(CATEGORIES)}"],
                    env=os.environ | {"CHROME_PATH": CHROMIUM}, check=True, timeout=180,
                )  # fmt: skip
            except subprocess.CalledProcessError:
                # On a busy machine Lighthouse sometimes loses its trace (NO_NAVSTART).
                if attempt == attempts:
                    raise
                continue
            return json.loads(Path(report.name).read_text())
