"""The page tree of an export rebuilt (import_content): pages in tree order under their
parents, then what points at other pages (links in bodies, related news, chosen pages) once
every page exists, and each page published."""

import re

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.management.base import CommandError

from wagtail.documents.models import Document
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Page

from cms.tree import tree_root
from news.models import NewsPageRelatedNews, NewsPartner, NewsRubric

# A form's alt text field next to its image field: empty when the API gave the image's own.
ALT_FIELDS = {"main_image": "main_image_alt", "image": "image_alt"}
META_FIELDS = ["slug", "show_in_menus", "seo_title", "search_description", "first_published_at"]
# Links as expand_db_html writes them (cms.blocks.BodyBlock.get_api_representation).
LINK = re.compile(r'<a href="([^"]*)">')
DOCUMENT_PATH = re.compile(r"^/documents/(\d+)/")


def field_values(model, data, refs):
    """The model's own fields from an API answer: plain values as they are, images and
    documents through `refs`; page references, tags and rubrics are left to the caller."""
    values = {}
    for name, value in data.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # computed in the API (sections, comment_count…)
            continue
        if not field.concrete or name in ("id", "body") or isinstance(field, StreamField):
            continue
        target = field.related_model if field.is_relation else None
        if target is None:
            values[name] = value
        elif issubclass(target, Image):
            values[name] = refs.image(value)
            alt = ALT_FIELDS.get(name)
            if value and alt and any(f.name == alt for f in model._meta.fields):
                values[alt] = own_alt(value, values[name])
        elif issubclass(target, Document):
            values[name] = refs.document(value)
        elif issubclass(target, Page):  # one made later is set again in PageTree.finish()
            values[name] = refs.pages.get(value["id"]) if value else None
    return values


def own_alt(data, image):
    """The alt text an editor wrote, or "" where the API gave the image's default."""
    return "" if data["alt"] == image.default_alt_text else data["alt"]


class PageTree:
    def __init__(self, refs, extras):
        self.refs = refs
        self.extras = extras  # old page id → what its type keeps beside the API's answer
        self.root = None
        self.top = tree_root_for_import()
        self.made = []  # (page, exported data), in tree order

    def add(self, data):
        meta = data["meta"]
        try:
            model = apps.get_model(meta["type"])
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, Page):
            raise CommandError(f"Страница {data['id']}: неизвестный тип {meta['type']}.")
        parent_data = meta["parent"]
        if parent_data is None:
            parent = self.top
        elif parent_data["id"] in self.refs.pages:
            parent = self.refs.pages[parent_data["id"]]
        else:
            raise CommandError(
                f"Страница {data['id']}: её родитель {parent_data['id']} не выгружен или "
                "идёт после неё."
            )
        extra = self.extras.get(data["id"], {})
        page = model(
            **{name: meta[name] for name in META_FIELDS},
            # The page's own backup wins where the API shows a field in another shape.
            **(field_values(model, data, self.refs) | field_values(model, extra, self.refs)),
        )
        self.set_news_fields(page, data)
        if hasattr(page, "body"):  # links to pages not made yet stay addresses until finish()
            page.body = self.body(data.get("body") or [])
        if extra:
            page.restore_backup_data(extra)
        parent.add_child(instance=page)
        if parent_data is None and self.root is None:
            self.root = page
        self.refs.pages[data["id"]] = page
        self.refs.paths[self.refs.path(meta["html_url"])] = data["id"]
        self.made.append((page, data))

    def set_news_fields(self, page, data):
        if "rubric" in data:
            rubric = data["rubric"]
            page.rubric = (
                rubric
                and NewsRubric.objects.get_or_create(
                    slug=rubric["slug"], defaults={"name": rubric["name"]}
                )[0]
            )
        if "tags" in data:
            tags = page.tags.through.tag_model().objects
            page.tags.set(
                [
                    tags.get_or_create(slug=tag["slug"], defaults={"name": tag["name"]})[0]
                    for tag in data["tags"]
                ]
            )

    def finish(self):
        """Now that every page exists: bodies with their page links, related news, partners
        and chosen pages; then each page published."""
        if self.root is None:
            raise CommandError("В выгрузке нет главной страницы (страницы без родителя).")
        for page, data in self.made:
            if hasattr(page, "body"):
                page.body = self.body(data.get("body") or [])
            # In the order the API gave them, which sort_order keeps (rows made in code, as
            # the demo's, may have none, and the database then orders them as it likes).
            if "related_news" in data:
                page.related_news = [
                    NewsPageRelatedNews(related=self.refs.pages[item["id"]], sort_order=order)
                    for order, item in enumerate(data["related_news"])
                ]
            if "partners" in data and hasattr(page, "news_partners"):
                page.news_partners = [
                    NewsPartner(partner=self.refs.partners[item["id"]], sort_order=order)
                    for order, item in enumerate(data["partners"])
                ]
            for name, value in field_values(type(page), data, self.refs).items():
                if isinstance(value, Page):
                    setattr(page, name, value)
            page.save_revision().publish()

    def body(self, blocks):
        """A body's blocks as stored, from their API shape (cms.blocks), keeping block ids."""
        return [
            {"type": block["type"], "value": self.block_value(block), "id": block["id"]}
            for block in blocks
        ]

    def block_value(self, block):
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            return LINK.sub(self.stored_link, value)
        if kind == "image":
            return self.captioned_image(value)
        if kind == "gallery":
            return {
                "title": value["title"],
                "images": [self.captioned_image(item) for item in value["images"]],
            }
        if kind == "document":
            return {"document": self.refs.document(value["document"]).pk, "title": value["title"]}
        if kind == "document_list":
            return {
                "heading": value["heading"],
                "documents": [
                    {
                        "title": item["title"],
                        "date": item["date"],
                        "number": item["number"],
                        "document": self.refs.document(item["document"]).pk,
                    }
                    for item in value["documents"]
                    if item["document"]
                ],
            }
        if kind in ("quote", "video"):
            return value
        raise CommandError(f"Неизвестный блок «{kind}» в теле страницы.")

    def captioned_image(self, value):
        image = self.refs.image(value["image"])
        alt = own_alt(value["image"], image)
        return {"image": image.pk, "alt": alt, "caption": value["caption"]}

    def stored_link(self, match):
        """A link to one of the site's pages or documents as rich text stores it (by id)."""
        url = match[1]
        page = self.refs.page_at(url)
        if page is not None and page.pk:
            return f'<a linktype="page" id="{page.pk}">'
        path = self.refs.path(url) or ""
        if found := DOCUMENT_PATH.match(path):
            document = self.refs.documents.get(int(found[1]))
            if document is not None:
                return f'<a linktype="document" id="{document.pk}">'
        return match[0]


def tree_root_for_import():
    """Wagtail's root, without the welcome page its migrations leave (load_demo_content
    replaces it the same way)."""
    root = tree_root()
    for welcome in root.get_children().exact_type(Page):
        welcome.delete()
    return Page.objects.get(pk=root.pk)
