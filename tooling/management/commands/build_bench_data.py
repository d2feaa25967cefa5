"""Build the benchmark's library-sized data set in bulk, on top of the demo content.

10,000 news over ten years with images, rubrics and tags; 100,000 threaded comments (one news
item with exactly 300 public ones); 200 partners; 20 slides; 30 promo blocks. Rows go in with
multi-row INSERTs, not a save() per object; images get their renditions up front and every
new page, partner and card gets its search index entry. Prints how long each part took.
A database without a news index gets the demo content (`load_demo_content`) first.
"""

import json
import random
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from wagtail.images.models import Image, Rendition

from cms.models import PromoBlock, Slide
from news.comments.models import CommentAttachment, ReaderComment
from news.models import NewsIndexPage, NewsPage
from partners.models import Partner
from tooling.bench.comments import CommentBuilder, attach_files
from tooling.bench.datasets import BENCH_WORD
from tooling.bench.images import image_pool
from tooling.bench.news import DISCUSSED_SLUG, build_news, link_partners
from tooling.bench.search import index_objects
from tooling.bench.snippets import build_cards, build_partners


def is_bench_database():
    """Only a database named for the benchmark may be flushed by --reset."""
    return BENCH_WORD in str(connection.settings_dict["NAME"])


class Command(BaseCommand):
    help = "Build the benchmark data set (10,000 news, 100,000 comments, …) in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=10_000)
        parser.add_argument("--comments", type=int, default=100_000)
        parser.add_argument("--partners", type=int, default=200, help="in total, demo included")
        parser.add_argument("--slides", type=int, default=20, help="in total, demo included")
        parser.add_argument("--promos", type=int, default=30, help="in total, demo included")
        parser.add_argument(
            "--images", type=int, default=30, help="news images in the pool (logos: a third)"
        )
        parser.add_argument(
            "--image-scale", type=float, default=1.0, help="size of the drawn pictures (tests: 0.2)"
        )
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--port", type=int, default=8000, help="the demo site's port")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="flush the database first; refused unless its name contains 'bench'",
        )
        parser.add_argument("--report", type=Path, help="write the sizes and timings as JSON")

    def handle(self, *args, **options):
        if options["news"] < 1 or options["comments"] < 300:
            raise CommandError("The data set needs at least 1 news item and 300 comments.")
        self.timings = {}
        started = time.perf_counter()
        if options["reset"]:
            if not is_bench_database():
                raise CommandError(
                    f"--reset flushes the database; {connection.settings_dict['NAME']!r} is not "
                    f"named for the benchmark (its name must contain {BENCH_WORD!r})."
                )
            with self.step("flush"):
                call_command("flush", interactive=False, verbosity=0)
        if not NewsIndexPage.objects.exists():
            with self.step("demo content"):
                call_command("load_demo_content", port=options["port"], verbosity=0)
        if NewsPage.objects.filter(slug=DISCUSSED_SLUG).exists():
            raise CommandError(
                "The bench data set is already in this database. Build it in a fresh "
                "database, or pass --reset (a database whose name contains 'bench' only)."
            )
        self.build(options)
        self.timings["total"] = round(time.perf_counter() - started, 1)
        report = {"sizes": self.sizes(), "timings": self.timings, "built_at": timezone.now()}
        self.stdout.write(self.style.SUCCESS(f"Bench data set built in {self.timings['total']} s"))
        self.stdout.write(json.dumps(report["sizes"], indent=1))
        if options["report"]:
            options["report"].write_text(json.dumps(report, indent=1, default=str) + "\n")

    def build(self, options):
        rng = random.Random(options["seed"])
        with self.step("images and renditions"):
            count, scale = max(options["images"], 1), options["image_scale"]
            news_images = image_pool("news", count, 1000, scale)
            logos = image_pool("logo", max(count // 3, 1), 2000)
            slide_images = image_pool("slide", max(count // 5, 1), 3000, scale)
            promo_images = image_pool("promo", max(count // 5, 1), 4000, scale)
        with transaction.atomic():
            with self.step("news pages, tags, related news"):
                index = NewsIndexPage.objects.get()
                pages = build_news(index, options["news"], news_images, rng)
            with self.step("partners, slides, promos"):
                partners = build_partners(options["partners"], logos, rng)
                link_partners(pages, partners)
                slides = build_cards(Slide, options["slides"], slide_images, pages[:50], rng)
                promos = build_cards(PromoBlock, options["promos"], promo_images, pages[:50], rng)
            with self.step("comments"):
                builder = CommentBuilder(rng)
                builder.plan(pages[0], pages, options["comments"])
                comments = builder.insert()
            with self.step("comment attachments"):
                attach_files(comments, rng)
            with self.step("search index"):
                index_objects(NewsPage, [page.pk for page in pages])
                index_objects(Partner, [partner.pk for partner in partners])
                index_objects(Slide, [slide.pk for slide in slides])
                index_objects(PromoBlock, [promo.pk for promo in promos])

    @contextmanager
    def step(self, name):
        started = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - started, 1)
        self.stdout.write(f"  {name}: {self.timings[name]} s")

    def sizes(self):
        comments = ReaderComment.objects.all()
        return {
            "database": connection.vendor,
            "news": NewsPage.objects.live().count(),
            "comments": comments.count(),
            "comments_public": comments.approved().count(),
            "comments_pending": comments.pending().count(),
            "comments_removed": comments.removed().count(),
            "comment_attachments": CommentAttachment.objects.count(),
            "partners": Partner.objects.shown().count(),
            "slides": Slide.objects.visible().count(),
            "promos": PromoBlock.objects.visible().count(),
            "images": Image.objects.count(),
            "renditions": Rendition.objects.count(),
        }
