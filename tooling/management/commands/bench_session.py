"""Sign the bench reader in and write its session cookie, for `manage.py bench`'s signed-in mode."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from tooling.bench.session import session_cookie, signed_in_client


class Command(BaseCommand):
    help = "Sign the bench reader in (a session in this database); write its Cookie header."

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True, help="the JSON file to write")

    def handle(self, *args, out, **options):
        cookie = session_cookie(signed_in_client())
        out.write_text(json.dumps({"cookie": cookie}) + "\n")
