"""The database side of `manage.py bench`'s after-publish check: which URLs to warm, and the
publish itself, run in a process of its own as an editor's publish would be."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tooling.bench.publish import publish_news, warm_sample


class Command(BaseCommand):
    help = "Write the URLs the after-publish check warms (--sample), or publish a news item."

    def add_arguments(self, parser):
        parser.add_argument("--sample", type=int, help="news pages to warm; with --out")
        parser.add_argument("--out", type=Path, help="the JSON file of the sample")
        parser.add_argument("--publish", type=int, metavar="ID", help="publish this NewsPage")

    def handle(self, *args, sample=None, out=None, publish=None, **options):
        if publish is not None:
            page = publish_news(publish)
            self.stdout.write(f"Published {page.url_path}")
        elif sample and out:
            out.write_text(json.dumps(warm_sample(sample), ensure_ascii=False, indent=1) + "\n")
        else:
            raise CommandError("Pass --sample N --out FILE, or --publish ID")
