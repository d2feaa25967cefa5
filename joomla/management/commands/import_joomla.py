"""manage.py import_joomla: the old Joomla site's news, comments and addresses, moved in."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from joomla.importer import run_import
from joomla.source import OldSite, old_site_database
from news.models import NewsIndexPage

PROGRESS_EVERY = 25


class Command(BaseCommand):
    help = (
        "Import the old Joomla site's articles, categories, tags, images and Komento comments "
        "from its SQL dump (loaded into a MariaDB started for the import) and redirect its "
        "old addresses. A second run updates what changed and duplicates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("dump", nargs="?", help="the .sql file (mysqldump or a hosting panel)")
        parser.add_argument(
            "--database", help="read a running server instead: mysql://user:pass@host:port/db"
        )
        parser.add_argument("--images", help="the old site's images/ folder")
        parser.add_argument("--komento-files", help="Komento's attachments folder")
        parser.add_argument("--prefix", default="jos_", help="table prefix (default: jos_)")
        parser.add_argument(
            "--index", help="the news index: page id or address (default: the site's)"
        )
        parser.add_argument("--report", help="also write the summary to this file")
        parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")

    def handle(self, *args, **options):
        if not options["dump"] and not options["database"]:
            raise CommandError("Укажите файл дампа или --database mysql://…")
        for name in ("images", "komento_files"):
            if options[name] and not Path(options[name]).is_dir():
                raise CommandError(f"Нет папки {options[name]}")
        index = self.news_index(options["index"])
        self.verbosity = options["verbosity"]
        with old_site_database(options["dump"], options["database"]) as connection:
            report = run_import(
                OldSite(connection, options["prefix"]),
                index,
                images=options["images"],
                komento_files=options["komento_files"],
                dry_run=options["dry_run"],
                progress=self.progress,
            )
        lines = report.lines(dry_run=options["dry_run"])
        if options["report"]:
            Path(options["report"]).write_text("\n".join(lines) + "\n", encoding="utf-8")
        if self.verbosity:
            self.stdout.write("\n".join(lines))

    def progress(self, what, done, total):
        if self.verbosity and (done % PROGRESS_EVERY == 0 or done == total):
            self.stderr.write(f"{what}: {done} из {total}")

    def news_index(self, choice):
        indexes = NewsIndexPage.objects.all()
        if choice:
            if choice.isdecimal():
                index = indexes.filter(pk=int(choice)).first()
            else:
                site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
                url_path = f"{site.root_page.url_path}{choice.strip('/')}/" if site else None
                index = indexes.filter(url_path=url_path).first()
            if index is None:
                raise CommandError(f"Лента новостей «{choice}» не найдена.")
            return index
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None:
            index = indexes.descendant_of(site.root_page).first()
            if index is not None:
                return index
        index = indexes.first()
        if index is None:
            raise CommandError("На сайте нет ленты новостей: создайте её, затем повторите перенос.")
        return index
