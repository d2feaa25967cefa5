"""SQL queries per request of every URL the benchmark loads, measured in this process."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tooling.bench.session import signed_in_client
from tooling.bench.targets import bench_targets, count_queries, database_description


class Command(BaseCommand):
    help = (
        "Count the SQL queries of one request to each bench URL (needs the bench data set; "
        "set CMS_CACHE_SECONDS=0 to count uncached work)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, help="also write the counts here as JSON")
        parser.add_argument(
            "--signed-in", action="store_true", help="as the bench reader, signed in"
        )

    def handle(self, *args, out=None, signed_in=False, **options):
        client = signed_in_client() if signed_in else None
        results = count_queries(bench_targets(), client=client)
        for result in results:
            self.stdout.write(f"{result['queries']:>5}  {result['status']}  {result['path']}")
        if out:
            data = {"database": database_description(), "targets": results}
            out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        failed = [f"{r['path']} → {r['status']}" for r in results if r["status"] != 200]
        if failed:
            raise CommandError("Not 200: " + ", ".join(failed))
