"""SQL queries per request of every URL the benchmark loads, measured in this process."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tooling.bench.targets import bench_targets, count_queries, database_description


class Command(BaseCommand):
    help = (
        "Count the SQL queries of one request to each bench URL (needs the bench data set; "
        "set CMS_BENCH_CEILING=true, and CMS_CACHE_SECONDS=0 to count uncached work)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, help="also write the counts here as JSON")

    def handle(self, *args, out=None, **options):
        results = count_queries(bench_targets())
        for result in results:
            self.stdout.write(f"{result['queries']:>5}  {result['status']}  {result['path']}")
        if out:
            data = {"database": database_description(), "targets": results}
            out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        failed = [f"{r['path']} → {r['status']}" for r in results if r["status"] != 200]
        if failed:
            raise CommandError("Not 200: " + ", ".join(failed))
