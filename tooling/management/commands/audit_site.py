"""Audit the demo site as served in production: Lighthouse, axe-core and the Nu HTML checker.

Builds the demo site in its own database, serves it with gunicorn and production settings
(DEBUG off, whitenoise), audits every reader-facing page, takes screenshots of each
visually-impaired scheme, and writes docs/quality.md. Needs the dev tools: `make audit`.
The audit itself lives in tooling/audit/.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tooling.audit.pages import PAGES, audit_page
from tooling.audit.report import quality_md
from tooling.audit.schemes import audit_schemes
from tooling.audit.tools import missing_tools
from tooling.gunicorn import Gunicorn, port_is_taken
from tooling.production import manage, production_env

ROOT = Path(settings.BASE_DIR)
WORKERS = 2  # gunicorn sync workers


class Command(BaseCommand):
    help = "Lighthouse, axe and HTML validation of the demo site; writes docs/quality.md."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8050, help="where gunicorn listens")
        parser.add_argument("--out", type=Path, default=ROOT / "docs" / "quality.md")
        parser.add_argument("--screenshots", type=Path, default=ROOT / "docs" / "screenshots")

    def handle(self, *args, port, out, screenshots, **options):
        if missing := missing_tools():
            raise CommandError(f"Missing {', '.join(missing)}: `make audit` installs them.")
        if port_is_taken(port):
            raise CommandError(f"Port {port} is taken: `make audit AUDIT_PORT=…`.")
        log = ROOT / "var" / "audit-gunicorn.log"
        with tempfile.TemporaryDirectory(prefix="audit-") as workdir:
            # No web server in front: gunicorn serves the demo's images too.
            env = production_env(Path(workdir)) | {"SERVE_MEDIA": "true"}
            self.build_demo_site(env, port)
            with Gunicorn(env, port, WORKERS, log) as server:
                rows = []
                for name, path in PAGES:
                    rows.append(row := audit_page(server.base_url, name, path))
                    self.stdout.write(
                        f"{name}: {row['scores']}, HTML errors {len(row['html'])}, "
                        f"axe {len(row['axe'])}"
                    )
                scheme_rows = audit_schemes(server.base_url, screenshots)
        out.write_text(quality_md(rows, scheme_rows), encoding="utf-8")
        self.stdout.write(out.read_text(encoding="utf-8"))
        failures = [row for row in rows if not row["passed"]] + [
            row for row in scheme_rows if row["axe"]
        ]
        if failures:
            raise CommandError(f"{len(failures)} page(s) below the bar; see {out}.")

    def build_demo_site(self, env, port):
        """Migrate the throwaway database, collect static files and load the demo content."""
        demo = ["load_demo_content", "--hostname", "127.0.0.1", "--port", str(port)]
        for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], demo):
            manage(env, *command, "-v0")
