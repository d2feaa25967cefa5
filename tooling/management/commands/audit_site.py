"""Audit the demo site as served in production: Lighthouse, axe-core and the Nu HTML checker.

Builds the demo site in its own database, serves it with gunicorn and production settings
(DEBUG off, whitenoise), audits every reader-facing page, takes screenshots of each
visually-impaired scheme, and writes docs/quality.md. Needs the dev tools: `make audit`.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from io import BytesIO
from pathlib import Path

from PIL import Image

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

ROOT = Path(settings.BASE_DIR)
NODE_BIN = ROOT / "node_modules" / ".bin"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
SEED_ARTICLE = (
    "/novosti/biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve/"
)
PAGES = [
    ("Главная", "/"),
    ("Новости", "/novosti/"),
    ("Новость с комментариями и формой (статья из seed)", SEED_ARTICLE),
    ("Поиск", "/search/?q=%D0%B1%D0%B8%D0%B1%D0%BB%D0%B8%D0%BE%D1%82%D0%B5%D0%BA%D0%B0"),  # noqa: E501
    ("Справочник партнёров", "/biblioteki-partnyory/"),
    ("Партнёр", "/biblioteki-partnyory/centralizovannaya-sistema-detskix-bibliotek-g-minska/"),
    ("О библиотеке", "/o-biblioteke/"),
    ("Решаем вместе (форма)", "/reshaem-vmeste/"),
    ("Вход", "/accounts/login/"),
    ("Регистрация", "/accounts/signup/"),
    ("Сброс пароля", "/accounts/password/reset/"),
]  # fmt: skip
# Internal search results are kept out of search engines on purpose (robots.txt), which
# Lighthouse's SEO score counts against them; the page is held to the other categories.
NOT_APPLICABLE = {
    "/search/": {
        "seo": "search results are kept out of search engines on purpose (robots.txt "
        "`Disallow: /search/`), which fails Lighthouse's is-crawlable audit"
    }
}
SCHEMES = ["bw", "wb", "blue", "brown"]
THRESHOLD = 95
# Per scheme and width: (link text, file name prefix, extension) in docs/screenshots.
SCREENSHOT_SET = [
    ("article", "vision", "jpg"),
    ("comments and form", "comments", "png"),
    ("sign-in", "login", "png"),
]
# Screenshots kept in the docs are palette PNGs: small enough for the repository, text sharp.
SCREENSHOT_COLOURS = 64


class Command(BaseCommand):
    help = "Lighthouse, axe and HTML validation of the demo site; writes docs/quality.md."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8050, help="where gunicorn listens")
        parser.add_argument("--out", type=Path, default=ROOT / "docs" / "quality.md")
        parser.add_argument("--screenshots", type=Path, default=ROOT / "docs" / "screenshots")

    def handle(self, *args, port, out, screenshots, **options):
        for tool in (NODE_BIN / "lighthouse", AXE, VNU, Path(CHROMIUM)):
            if not tool.exists():
                raise CommandError(f"{tool} is missing: run `make audit`, which installs it.")
        base_url = f"http://127.0.0.1:{port}"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                raise CommandError(f"Port {port} is taken: `make audit AUDIT_PORT=…`.")
        with tempfile.TemporaryDirectory(prefix="audit-") as workdir:
            env = self.production_env(Path(workdir), port)
            self.prepare(env)
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}",
                 "--workers", "2"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            try:
                self.wait_for(base_url)
                rows = [self.audit_page(base_url, name, path) for name, path in PAGES]
                scheme_rows = self.audit_schemes(base_url, screenshots)
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)
        out.write_text(self.report(rows, scheme_rows), encoding="utf-8")
        self.stdout.write(out.read_text(encoding="utf-8"))
        failures = [row for row in rows if not row["passed"]] + [
            row for row in scheme_rows if row["axe"]
        ]
        if failures:
            raise CommandError(f"{len(failures)} page(s) below the bar; see {out}.")

    def production_env(self, workdir, port):
        return os.environ | {
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
            "MEDIA_ROOT": str(workdir / "media"),
            "COMMENTS_FILES_ROOT": str(workdir / "comment-files"),
            "STATIC_ROOT": str(workdir / "static"),
            "SERVE_MEDIA": "true",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "LOG_LEVEL": "WARNING",  # loading the demo logs every page task at INFO
            "PORT": str(port),
        }

    def prepare(self, env):
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"],
                        ["load_demo_content", "--hostname", "127.0.0.1"]):  # fmt: skip
            subprocess.run(
                [sys.executable, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True
            )

    def wait_for(self, base_url, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base_url + "/", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise CommandError(f"gunicorn did not answer at {base_url}")

    def audit_page(self, base_url, name, path):
        url = base_url + path
        scores, failed_audits = self.lighthouse(url)
        html_errors = self.validate_html(url)
        axe = self.axe(url)
        exempt = NOT_APPLICABLE.get(path.split("?")[0], {})
        counted = [score for name, score in scores.items() if name not in exempt]
        passed = min(counted) >= THRESHOLD and not html_errors and not axe
        self.stdout.write(f"{name}: {scores}, HTML errors {len(html_errors)}, axe {len(axe)}")
        return {"name": name, "path": path, "scores": scores, "html": html_errors, "axe": axe,
                "failed_audits": failed_audits, "exempt": exempt, "passed": passed}  # fmt: skip

    def lighthouse(self, url, attempts=3):
        for attempt in range(1, attempts + 1):
            with tempfile.NamedTemporaryFile(suffix=".json") as report:
                try:
                    subprocess.run(
                        [str(NODE_BIN / "lighthouse"), url, "--quiet", "--output=json",
                         f"--output-path={report.name}", f"--chrome-flags={CHROMIUM_FLAGS}",
                         f"--only-categories={','.join(CATEGORIES)}"],
                        env=os.environ | {"CHROME_PATH": CHROMIUM}, check=True, timeout=180,
                    )  # fmt: skip
                except subprocess.CalledProcessError:
                    # On a busy machine Lighthouse sometimes loses its trace (NO_NAVSTART).
                    if attempt == attempts:
                        raise
                    continue
                result = json.loads(Path(report.name).read_text())
                break
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

    def validate_html(self, url):
        with tempfile.NamedTemporaryFile(suffix=".html") as page:
            with urllib.request.urlopen(url, timeout=30) as response:
                shutil.copyfileobj(response, page)
            page.flush()
            result = subprocess.run(
                ["java", "-jar", str(VNU), "--errors-only", "--format", "json", page.name],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
        return [message["message"] for message in json.loads(result.stderr)["messages"]]

    def axe(self, url):
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = launch(playwright)
            tab = browser.new_page()
            tab.goto(url)
            found = run_axe(tab)
            browser.close()
        return found

    def audit_schemes(self, base_url, screenshots):
        """Each visually-impaired scheme: axe on every page, and screenshots to look at."""
        from playwright.sync_api import sync_playwright

        screenshots.mkdir(parents=True, exist_ok=True)
        rows = []
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for scheme in SCHEMES:
                for width in (360, 1280):
                    context = browser.new_context(viewport={"width": width, "height": 900})
                    tab = context.new_page()
                    tab.goto(f"{base_url}/vision/?enabled=1&scheme={scheme}&size=2&next=/")
                    found = []
                    for _, path in PAGES:
                        tab.goto(base_url + path)
                        found += [f"{path}: {problem}" for problem in run_axe(tab)]
                    tab.goto(base_url + SEED_ARTICLE)
                    tab.screenshot(
                        path=str(screenshots / f"vision-{scheme}-{width}.jpg"), quality=70
                    )
                    # The photo under the first comment is lazy: load it before the shot.
                    tab.locator(".comment__files").scroll_into_view_if_needed()
                    tab.wait_for_function(
                        "[...document.querySelectorAll('.comment__files img')]"
                        ".every(img => img.complete)"
                    )
                    shot = tab.locator("#comments").screenshot()
                    save_png(shot, screenshots / f"comments-{scheme}-{width}.png")
                    tab.goto(base_url + "/accounts/login/")
                    shot = tab.locator("main").screenshot()
                    save_png(shot, screenshots / f"login-{scheme}-{width}.png")
                    rows.append({"scheme": scheme, "width": width, "axe": found})
                    context.close()
            browser.close()
        return rows

    def report(self, rows, scheme_rows):
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


def save_png(png, path):
    with Image.open(BytesIO(png)) as image:
        small = image.convert("RGB").quantize(SCREENSHOT_COLOURS)
        small.save(path, optimize=True)


def launch(playwright):
    # Playwright passes its own headless switch; the rest of the flags are shared.
    flags = [flag for flag in CHROMIUM_FLAGS.split() if not flag.startswith("--headless")]
    return playwright.chromium.launch(executable_path=CHROMIUM, args=flags)


def run_axe(tab):
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', "
        "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{rule['id']}: {[n['target'] for n in rule['nodes']]}" for rule in result["violations"]
    ]
