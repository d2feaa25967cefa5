"""Restore what `export_content --media` wrote into an empty installation (import_content).

The export is the API's answers; where they name another item (an image, a document, a page,
a partner) they give its old id or its address, and the import maps those to the new rows
through tables old id → new row. Pages and their bodies are in home.importing_pages,
comments in home.importing_comments.
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db import IntegrityError

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, ReferenceIndex, Site

from cms.banner import EXTERNAL, is_registered
from cms.models import PromoBlock, SiteSettings, Slide
from cms.models.settings import DecidePlacement
from news.comments.models import ReaderComment
from partners.models import Partner

from .importing_comments import CommentRestore
from .importing_pages import PageTree, field_values

# Snippet endpoints: (model, Russian name for the summary).
SNIPPETS = {
    "partners": (Partner, "партнёров"),
    "slides": (Slide, "слайдов"),
    "promos": (PromoBlock, "промоблоков"),
}
# What must be absent for the installation to count as empty, with its Russian name.
CONTENT = [
    (Image, "изображений"),
    (Document, "документов"),
    (Partner, "партнёров"),
    (Slide, "слайдов"),
    (PromoBlock, "промоблоков"),
    (ReaderComment, "комментариев"),
]
# What a file of the wrong shape raises on the way (a missing key, a string for a dict, a
# value a field refuses).
MALFORMED = (LookupError, TypeError, ValueError, AttributeError, ValidationError, IntegrityError)


def explain(error):
    """What was wrong with a file, in words an operator can act on."""
    if isinstance(error, KeyError):
        return f"нет поля {error.args[0]!r}"
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        fields = error.message_dict.items()
        return "; ".join(f"{field}: {' '.join(texts)}" for field, texts in fields)
    return f"{type(error).__name__}: {error}"


class Export:
    """The export folder: index.json and the item files it lists, read and checked on the way."""

    def __init__(self, folder):
        self.folder = Path(folder)
        if not (self.folder / "index.json").is_file():
            raise CommandError(f"В папке {self.folder} нет index.json: это не выгрузка сайта.")
        self.index = self.read("index.json")
        try:
            self.endpoints = self.index["endpoints"]
            self.site = self.index["site"]
        except (KeyError, TypeError) as error:
            raise CommandError(f"Файл index.json повреждён: нет поля {error}.") from error

    def read(self, name):
        path = self.folder / name
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CommandError(f"В выгрузке нет файла {name}: index.json его называет.") from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Файл {name} повреждён: это не JSON ({error}).") from error

    def items(self, endpoint):
        """(file name, item) for each id index.json lists for `endpoint`."""
        for item_id in self.endpoints.get(endpoint, {}).get("ids", []):
            name = f"{endpoint}/{item_id}.json"
            yield name, self.read(name)

    def media_file(self, url, folder):
        """The copied file an exported URL names: media/<folder>/<its last segment>."""
        name = Path(urlsplit(url).path).name
        path = self.folder / "media" / folder / name
        if not path.is_file():
            raise CommandError(f"В выгрузке нет файла media/{folder}/{name}: выгружайте с --media.")
        return path


def not_empty():
    """What the installation already holds, in Russian, or "" when it is empty: Wagtail's
    root and its welcome page are allowed."""
    found = []
    pages = Page.objects.filter(depth__gt=1).exclude(
        depth=2, content_type=ContentType.objects.get_for_model(Page)
    )
    if count := pages.count():
        found.append(f"страниц: {count}")
    found += [f"{label}: {count}" for model, label in CONTENT if (count := model.objects.count())]
    return ", ".join(found)


class ContentImport:
    """One import; `counts` says what it made. Files it saved are listed in `saved_files`,
    so the command can remove them when the transaction is rolled back."""

    def __init__(self, folder):
        self.export = Export(folder)
        self.refs = References(self.export.site)
        self.saved_files = []
        self.cards = []
        self.counts = {}
        self.current = "index.json"

    def run(self):
        if leftovers := not_empty():
            raise CommandError(
                f"Сайт не пуст ({leftovers}). Восстанавливать можно только в пустую установку: "
                "новая база после migrate."
            )
        try:
            self.restore()
        except MALFORMED as error:
            raise CommandError(
                f"Файл {self.current} не того вида, что пишет export_content: {explain(error)}."
            ) from error
        return self.counts

    def restore(self):
        self.restore_media()
        self.restore_snippets("partners")  # pages link to partners, cards (after) to pages
        extras = self.export.endpoints.get("page_extras", {}).get("pages", [])
        tree = PageTree(self.refs, {page_id: self.page_extra(page_id) for page_id in extras})
        for name, data in self.export.items("pages"):
            self.current = name
            tree.add(data)
        tree.finish()
        self.counts["страниц"] = len(self.refs.pages)
        self.restore_site(tree.root)
        self.restore_snippets("slides")
        self.restore_snippets("promos")
        self.current = "settings.json"
        self.restore_settings(self.export.read("settings.json"))
        self.current = "comments/"
        self.counts.update(CommentRestore(self).run())
        self.index_references()

    def index_references(self):
        """What each page and snippet uses, in Wagtail's reference index now: the API lists
        only images and documents public content uses (cms.public_media), and the worker,
        which would index them too, may not have run before the first export."""
        restored = [*self.refs.pages.values(), *self.refs.partners.values(), *self.cards]
        for item in restored:
            ReferenceIndex.create_or_update_for_object(item)

    def page_extra(self, page_id):
        self.current = f"page-extras/{page_id}.json"
        return self.export.read(self.current)

    def restore_media(self):
        for name, data in self.export.items("images"):
            self.current = name
            path = self.export.media_file(data["meta"]["download_url"], "original_images")
            with path.open("rb") as file:
                image = Image.objects.create(
                    title=data["title"],
                    description=data.get("description", ""),
                    file=File(file, name=path.name),
                )
            self.saved_files.append((default_storage, image.file.name))
            image.tags.add(*data["meta"]["tags"])
            self.refs.images[data["id"]] = image
        for name, data in self.export.items("documents"):
            self.current = name
            path = self.export.media_file(data["meta"]["download_url"], "documents")
            with path.open("rb") as file:
                document = Document.objects.create(
                    title=data["title"], file=File(file, name=path.name)
                )
            self.saved_files.append((default_storage, document.file.name))
            document.tags.add(*data["meta"]["tags"])
            self.refs.documents[data["id"]] = document
        self.counts["изображений"] = len(self.refs.images)
        self.counts["документов"] = len(self.refs.documents)

    def restore_snippets(self, endpoint):
        model, label = SNIPPETS[endpoint]
        made = 0
        for name, data in self.export.items(endpoint):
            self.current = name
            item = model(**field_values(model, data, self.refs))
            if model is Partner:
                item.cooperation_areas = "\n".join(data["cooperation_area_list"])
            else:
                item.link_page, item.link_url = self.refs.link(data["url"])
            item.save()
            item.save_revision().publish()
            if model is Partner:
                self.refs.partners[data["id"]] = item
            else:
                self.cards.append(item)
            made += 1
        self.counts[label] = made

    def restore_site(self, home):
        address = urlsplit(self.export.site)
        port = address.port or (443 if address.scheme == "https" else 80)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": address.hostname,
                "port": port,
                "root_page": home,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )

    def restore_settings(self, data):
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        banner, decide = data["banner"], data["decide_together"]
        contacts, social = data["contacts"], data["social"]
        site_settings.banner_enabled = banner["enabled"]
        site_settings.banner_text = banner["text"]
        # An export before the banner's destinations has only the link, as "url".
        site_settings.banner_url = banner.get("external_url", banner["url"])
        destination = banner.get("destination", EXTERNAL)
        site_settings.banner_destination = destination if is_registered(destination) else EXTERNAL
        site_settings.banner_image = self.refs.image(banner["image"])
        site_settings.decide_enabled = decide["enabled"]
        site_settings.decide_title = decide["title"]
        site_settings.decide_text = decide["text"]
        site_settings.decide_page = self.refs.link(decide["url"])[0]
        site_settings.pos_widget_id = decide["pos_widget_id"]
        if decide["enabled"]:  # a switched-off block says nothing of where it would be
            site_settings.decide_news_placement = decide["news_placement"] or DecidePlacement.HIDDEN
        site_settings.address = contacts["address"]
        site_settings.phone = contacts["phone"]
        site_settings.email = contacts["email"]
        site_settings.opening_hours = contacts["opening_hours"]
        site_settings.vk_url = social["vk"]
        site_settings.telegram_url = social["telegram"]
        site_settings.ok_url = social["ok"]
        quality = data.get("quality_assessment") or {}
        site_settings.nok_url = quality.get("url", "")
        site_settings.survey_url = quality.get("survey_url", "")
        site_settings.survey_qr = self.refs.image(quality.get("survey_qr"))
        founder = data.get("founder") or {}
        site_settings.founder_name = founder.get("name", "")
        site_settings.founder_url = founder.get("url", "")
        site_settings.age_mark = data["age_mark"]
        site_settings.policy_page = self.refs.link(data["policy_url"])[0]
        site_settings.save()
        self.counts["настроек сайта"] = 1


class References:
    """Old id → new row, for everything an exported item can point to; and page addresses."""

    def __init__(self, site):
        self.site = site.rstrip("/")
        self.images, self.documents, self.pages, self.partners = {}, {}, {}, {}
        self.paths = {}  # a page's exported address path → its old id

    def image(self, data):
        return self.images[data["id"]] if data else None

    def document(self, data):
        return self.documents[data["id"]] if data else None

    def path(self, url):
        """The site-relative path of one of the site's own addresses, or None."""
        if url.startswith(self.site + "/"):
            url = url[len(self.site) :]
        return url if url.startswith("/") and not url.startswith("//") else None

    def page_at(self, url):
        old_id = self.paths.get(self.path(url or ""))
        return self.pages.get(old_id)

    def link(self, url):
        """(page, "") for an exported page's address, else (None, the address)."""
        page = self.page_at(url)
        return (page, "") if page is not None else (None, url or "")
