"""docs/quality.md from the audit's rows: the table per page, the schemes, notes and problems."""

from django.utils import timezone

from .lighthouse import CATEGORIES
from .pages import THRESHOLD
from .schemes import SCREENSHOT_SET


def quality_md(rows, scheme_rows):
    """The Markdown document of one audit run."""
    lines = [
        "# Quality audit",
        "",
        f"Run by `make audit` on {timezone.localdate():%d.%m.%Y}: the demo site served by "
        "gunicorn with production settings (DEBUG off, whitenoise), Lighthouse "
        f"12 (headless Debian Chromium), axe-core (WCAG 2.1 A/AA) and the Nu HTML checker. "
        f"Bar: every Lighthouse category ≥ {THRESHOLD}, 0 axe violations, 0 HTML errors.",
        "",
        "| page | performance | accessibility | best practices | SEO | axe | HTML errors |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        scores = " | ".join(
            f"{row['scores'][name]}{' (not counted)' if name in row['exempt'] else ''}"
            for name in CATEGORIES
        )
        lines.append(
            f"| {row['name']} (`{row['path']}`) | {scores} | {len(row['axe'])} | "
            f"{len(row['html'])} |"
        )
    lines += [
        "",
        "## Version for the visually impaired",
        "",
        "Each colour scheme at font size «Крупный», axe over all pages above; screenshots "
        "of the seed article's top, its comments with the comment form, and the sign-in "
        "page.",
        "",
        "| scheme | width | axe violations | screenshots |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {r['scheme']} | {r['width']} | {len(r['axe'])} | "
        + " · ".join(
            f"[{label}](screenshots/{name}-{r['scheme']}-{r['width']}.{ext})"
            for label, name, ext in SCREENSHOT_SET
        )
        + " |"
        for r in scheme_rows
    ]
    notes = [
        f"- {row['name']}: {name} — {reason}"
        for row in rows
        for name, reason in row["exempt"].items()
    ]
    notes += [
        f"- {row['name']}: Lighthouse audits below 100 — {', '.join(row['failed_audits'])}"
        for row in rows
        if row["failed_audits"]
    ]
    if notes:
        lines += ["", "## Notes", "", *notes]
    problems = [p for row in rows for p in row["axe"] + row["html"]]
    problems += [p for row in scheme_rows for p in row["axe"]]
    if problems:
        lines += ["", "## Problems", ""] + [f"- {problem}" for problem in problems]
    return "\n".join(lines) + "\n"
