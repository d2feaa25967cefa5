"""The old site's rows mapped to ours: categories → rubrics, tags → tags, articles → news
pages under the news index (their images into the Wagtail library), Komento's comments
and uploads → reader comments and attachments, old addresses → permanent redirects.

Every object is keyed by its old id (joomla.ImportedItem) with a fingerprint of what it was
made from: a second run updates what changed and leaves the rest alone. A dry run reads,
cleans and checks everything and writes nothing.
"""

import datetime
import hashlib
import ipaddress
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, unquote, urlparse

from bs4 import BeautifulSoup
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from wagtail.contrib.redirects.models import Redirect
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from cms.slugs import slugify_russian
from news.comments.forms import round_coordinate
from news.comments.models import CommentAttachment, ReaderComment
from news.comments.uploads import decode, inspect_upload
from news.models import NewsPage, NewsRubric, NewsTag

from . import addresses
from .html import clean, plain_text
from .models import ImportedItem

# Joomla's article states; -2 (trashed) is not imported.
PUBLISHED, UNPUBLISHED, ARCHIVED, TRASHED = 1, 0, 2, -2
# Komento's comment states (KOMENTO_COMMENT_*): 0 unpublished, 1 published, 2 moderate, 3 spam.
KOMENTO_PUBLISHED, KOMENTO_SPAM = 1, 3
NO_DATE = {None, "", "0000-00-00 00:00:00"}
LEAD_LENGTH = 300
# Columns that change without an edit (views, edit locks): not part of an article's fingerprint.
VOLATILE = {"hits", "checked_out", "checked_out_time"}
COMMENT_LENGTH = 3000
UNCATEGORISED = "uncategorised"
BBCODE = re.compile(r"\[/?(?:b|i|u|s|quote|url|img|code|color|size|email)(?:=[^\]]*)?\]", re.I)
KIND_NAMES = {
    ImportedItem.ARTICLE: "новости",
    ImportedItem.RUBRIC: "рубрики",
    ImportedItem.TAG: "теги",
    ImportedItem.IMAGE: "изображения",
    ImportedItem.COMMENT: "комментарии",
    ImportedItem.ATTACHMENT: "вложения",
    ImportedItem.REDIRECT: "перенаправления",
}
MODELS = {
    ImportedItem.ARTICLE: NewsPage,
    ImportedItem.RUBRIC: NewsRubric,
    ImportedItem.TAG: NewsTag,
    ImportedItem.IMAGE: Image,
    ImportedItem.COMMENT: ReaderComment,
    ImportedItem.ATTACHMENT: CommentAttachment,
    ImportedItem.REDIRECT: Redirect,
}
CREATED, UPDATED, UNCHANGED, SKIPPED = "создано", "обновлено", "без изменений", "пропущено"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, SKIPPED)


def fingerprint(*parts):
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def old_date(value):
    """An aware datetime from Joomla's DATETIME (stored in UTC), or None for its zero date."""
    if value in NO_DATE:
        return None
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value.replace(tzinfo=datetime.UTC) if timezone.is_naive(value) else value


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    warnings: dict = field(default_factory=lambda: defaultdict(list))
    uncovered: list = field(default_factory=list)

    def count(self, kind, outcome):
        self.counts[kind][outcome] += 1

    def warn(self, item, message):
        if message not in self.warnings[item]:
            self.warnings[item].append(message)

    def lines(self, dry_run=False):
        title = "Пробный прогон: ничего не записано." if dry_run else "Перенос завершён."
        lines = [title, "Итого:"]
        for kind, name in KIND_NAMES.items():
            counter = self.counts.get(kind, Counter())
            details = ", ".join(f"{o} {counter[o]}" for o in OUTCOMES if counter[o])
            lines.append(
                f"  {name}: {sum(counter.values())}" + (f" ({details})" if details else "")
            )
        if self.warnings:
            lines.append(f"Предупреждения ({sum(len(w) for w in self.warnings.values())}):")
            for item, messages in self.warnings.items():
                lines.append(f"  {item}:")
                lines += [f"    – {message}" for message in messages]
        if self.uncovered:
            lines.append(f"Старые адреса без перенаправления ({len(self.uncovered)}):")
            lines += [f"  {address} — {reason}" for address, reason in self.uncovered]
        return lines


class Importer:
    def __init__(self, old_site, index, images=None, komento_files=None, dry_run=False,
                 progress=None):  # fmt: skip
        self.old = old_site
        self.index = index
        self.images = Path(images).resolve() if images else None
        self.komento_files = Path(komento_files).resolve() if komento_files else None
        self.dry_run = dry_run
        self.progress = progress or (lambda kind, done, total: None)
        self.report = Report()
        self.known = {
            (item.kind, item.old_id): item for item in ImportedItem.objects.all()
        }  # fmt: skip
        self.rubrics = {}  # category id → NewsRubric (or None: uncategorised)
        self.category_paths = {}
        self.articles = []  # the old site's rows, read once: the redirects need them too
        self.pages = {}  # article id → NewsPage (or True in a dry run)
        self.live = set()  # ids of the articles published on the new site
        self.comment_ids = {}  # Komento id → our comment pk (or its Komento id in a dry run)
        self.image_cache = {}  # path under images/ → Image (or None: missing)
        self.tag_cache = {}  # Joomla tag id → NewsTag

    # --- bookkeeping --------------------------------------------------------------------

    def existing(self, kind, old_id):
        """The object made for (kind, old_id) earlier, and its ImportedItem; or (None, item)."""
        item = self.known.get((kind, str(old_id)))
        if item is None:
            return None, None
        found = MODELS[kind]._default_manager.filter(pk=item.object_id).first()
        return found, item

    def remember(self, kind, old_id, obj, digest):
        item = self.known.get((kind, str(old_id)))
        if item is None:
            item = ImportedItem(kind=kind, old_id=str(old_id))
            self.known[(kind, str(old_id))] = item
        item.object_id = obj.pk
        item.fingerprint = digest
        item.save()

    def run(self):
        self.import_categories()
        self.import_articles()
        self.import_comments()
        self.import_uploads()
        self.import_redirects()
        return self.report

    # --- categories → rubrics -----------------------------------------------------------

    def import_categories(self):
        categories = self.old.categories()
        taken = set()  # names given in this run; a rubric the editors made is reused by name
        for category in categories:
            self.category_paths[category["id"]] = category["path"]
            if category["published"] == TRASHED:
                self.report.count(ImportedItem.RUBRIC, SKIPPED)
                continue
            if category["alias"] == UNCATEGORISED:
                self.rubrics[category["id"]] = None
                continue
            self.rubrics[category["id"]] = self.rubric(category, taken)

    def rubric(self, category, taken):
        rubric, item = self.existing(ImportedItem.RUBRIC, category["id"])
        name = category["title"].strip()[:100]
        digest = fingerprint(name, category["alias"])
        if rubric is not None and item.fingerprint == digest:
            self.report.count(ImportedItem.RUBRIC, UNCHANGED)
            return rubric
        if name in taken and (rubric is None or rubric.name != name):
            # Two categories of one title under different parents: the rubrics need two names.
            name = f"{name} ({category['id']})"
        taken.add(name)
        if self.dry_run:
            self.report.count(ImportedItem.RUBRIC, UPDATED if rubric else CREATED)
            return rubric
        outcome = UPDATED if rubric else CREATED
        rubric = rubric or NewsRubric.objects.filter(name=name).first() or NewsRubric()
        rubric.name = name
        if not rubric.slug:
            slug = slugify_russian(category["alias"] or name, max_length=90) or "rubric"
            if NewsRubric.objects.filter(slug=slug).exclude(pk=rubric.pk).exists():
                slug = f"{slug}-{category['id']}"
            rubric.slug = slug
        rubric.save()
        self.remember(ImportedItem.RUBRIC, category["id"], rubric, digest)
        self.report.count(ImportedItem.RUBRIC, outcome)
        return rubric

    # --- tags ---------------------------------------------------------------------------

    def article_tags(self):
        tags = defaultdict(list)
        for row in self.old.tags():
            tag = self.tag(row)
            if tag is not None:
                tags[row["article_id"]].append(tag)
        return tags

    def tag(self, row):
        if row["id"] in self.tag_cache:
            return self.tag_cache[row["id"]]
        tag, item = self.existing(ImportedItem.TAG, row["id"])
        name = row["title"].strip()[:100]
        digest = fingerprint(name)
        if tag is not None and item.fingerprint == digest:
            self.report.count(ImportedItem.TAG, UNCHANGED)
        elif self.dry_run:
            self.report.count(ImportedItem.TAG, UPDATED if tag else CREATED)
            tag = tag or name
        else:
            self.report.count(ImportedItem.TAG, UPDATED if tag else CREATED)
            if tag is None:
                tag = NewsTag.objects.filter(name=name).first() or NewsTag(name=name)
            else:
                tag.name = name
            tag.save()
            self.remember(ImportedItem.TAG, row["id"], tag, digest)
        self.tag_cache[row["id"]] = tag
        return tag

    # --- articles → news pages ----------------------------------------------------------

    def import_articles(self):
        self.articles = articles = self.old.articles()
        tags = self.article_tags()
        for done, article in enumerate(articles, 1):
            label = f"новость {article['id']} «{article['title']}»"
            if article["state"] == TRASHED:
                self.report.count(ImportedItem.ARTICLE, SKIPPED)
                for address in self.article_addresses(article):
                    self.report.uncovered.append((address, "новость в корзине старого сайта"))
            else:
                self.article(article, tags.get(article["id"], []), label)
            self.progress("новости", done, len(articles))

    def article(self, article, tags, label):
        page, item = self.existing(ImportedItem.ARTICLE, article["id"])
        body = clean(f"{article['introtext'] or ''}\n{article['fulltext'] or ''}")
        for message in body.warnings:
            self.report.warn(label, message)
        images = self.article_images(article)
        live, expire_at = self.visibility(article, label)
        if live:
            self.live.add(article["id"])
        tag_names = sorted({tag if isinstance(tag, str) else tag.name for tag in tags})
        source = {key: value for key, value in article.items() if key not in VOLATILE}
        digest = fingerprint(source, tag_names, self.rubric_id(article), self.index.pk)
        unchanged = page is not None and item.fingerprint == digest
        if unchanged or self.dry_run:
            self.pages[article["id"]] = page or True
            self.touch_images(body, images, label)
            outcome = UNCHANGED if unchanged else UPDATED if page else CREATED
            self.report.count(ImportedItem.ARTICLE, outcome)
            return
        outcome = UPDATED if page else CREATED
        page = page or NewsPage()
        page.title = article["title"].strip()[:255]
        published = old_date(article["publish_up"]) or old_date(article["created"])
        page.date = timezone.localdate(published) if published else None
        intro_text = plain_text(article["introtext"], LEAD_LENGTH)
        page.lead = (article.get("metadesc") or "").strip() or intro_text or page.title
        page.search_description = (article.get("metadesc") or "").strip()
        page.body = self.blocks(body, label) or [
            ("paragraph", RichText(f"<p>{escape(page.lead)}</p>"))
        ]
        main = images.get("image_fulltext") or images.get("image_intro")
        page.main_image = self.image(main[0], main[1], label) if main else None
        page.main_image_alt = main[1][:255] if main and page.main_image else ""
        page.rubric = self.rubrics.get(article["catid"])
        page.expire_at = expire_at
        page.go_live_at = published if live and published and published > timezone.now() else None
        page.tags.set(tags)
        if page.pk is None:
            page.slug = self.free_slug(article)
            page.live = False
            page.first_published_at = published
            self.index.add_child(instance=page)
        revision = page.save_revision(changed=True, clean=False)
        if live:
            revision.publish()
        elif page.live:
            page.unpublish()
        NewsPage.objects.filter(pk=page.pk).update(
            first_published_at=published or page.first_published_at,
            last_published_at=old_date(article["modified"]) or published,
        )
        self.remember(ImportedItem.ARTICLE, article["id"], page, digest)
        self.pages[article["id"]] = page
        self.report.count(ImportedItem.ARTICLE, outcome)

    def rubric_id(self, article):
        rubric = self.rubrics.get(article["catid"])
        return getattr(rubric, "pk", None)

    def visibility(self, article, label):
        """(live, expire_at): archived news stay published; unpublished ones become drafts."""
        live = article["state"] in (PUBLISHED, ARCHIVED)
        down = old_date(article["publish_down"])
        if live and down and down <= timezone.now():
            self.report.warn(label, f"снята с публикации {down:%d.%m.%Y}: перенесена черновиком")
            return False, None
        return live, down if live else None

    def free_slug(self, article):
        base = slugify_russian(article["alias"] or article["title"], max_length=80) or "novost"
        siblings = NewsPage.objects.child_of(self.index)
        if siblings.filter(slug=base).exists():
            return f"{base}-{article['id']}"
        return base

    def article_images(self, article):
        """{"image_intro"|"image_fulltext": (src, alt)} from the article's images JSON."""
        try:
            data = json.loads(article.get("images") or "{}")
        except ValueError:
            return {}
        found = {}
        for key in ("image_intro", "image_fulltext"):
            if isinstance(data, dict) and data.get(key):
                found[key] = (data[key], (data.get(f"{key}_alt") or "").strip())
        return found

    def touch_images(self, body, images, label):
        """Check an unchanged or dry-run article's images as the import would."""
        sources = [(piece[1], piece[2]) for piece in body.pieces if piece[0] == "image"]
        for src, alt in [*sources, *images.values()]:
            self.image(src, alt, label)

    def blocks(self, body, label):
        blocks = []
        for piece in body.pieces:
            if piece[0] == "text":
                blocks.append(("paragraph", RichText(piece[1])))
            elif piece[0] == "video":
                blocks.append(("video", {"url": piece[1], "title": piece[2][:255]}))
            else:
                _, src, alt, caption = piece
                image = self.image(src, alt, label)
                if image is not None:
                    blocks.append(
                        ("image", {"image": image, "alt": alt[:255], "caption": caption[:255]})
                    )
        return blocks

    # --- images -------------------------------------------------------------------------

    def image_path(self, src):
        """The path under images/ of an image address, or None for another site's image."""
        src = src.split("#", 1)[0].strip()  # Joomla 4: "images/a.jpg#joomlaImage://…"
        parts = urlparse(src)
        path = unquote(parts.path).lstrip("/")
        if "images/" not in f"/{path}":
            return None
        relative = f"/{path}".split("/images/", 1)[1]
        pure = PurePosixPath(relative)
        if not relative or ".." in pure.parts:
            return None
        return str(pure)

    def image(self, src, alt, label):
        """The Wagtail image of an old image address (uploaded once), or None with a warning."""
        relative = self.image_path(src)
        if relative is None:
            self.report.warn(label, f"изображение с другого сайта не перенесено: {src}")
            return None
        if relative in self.image_cache:
            return self.image_cache[relative]
        image, item = self.existing(ImportedItem.IMAGE, relative)
        file = self.images / relative if self.images else None
        if image is not None:
            self.report.count(ImportedItem.IMAGE, UNCHANGED)
        elif file is None or not file.is_file():
            self.report.warn(label, f"нет файла изображения images/{relative}")
            image = None
        elif not self.readable_image(file):
            self.report.warn(label, f"файл images/{relative} — не изображение")
            image = None
        elif self.dry_run:
            self.report.count(ImportedItem.IMAGE, CREATED)
            image = None
        else:
            with open(file, "rb") as stream:
                image = Image(
                    title=(alt or file.stem)[:255],
                    description=alt[:255],
                    file=ImageFile(BytesIO(stream.read()), name=file.name),
                )
                image.save()
            self.remember(ImportedItem.IMAGE, relative, image, "")
            self.report.count(ImportedItem.IMAGE, CREATED)
        self.image_cache[relative] = image
        return image

    @staticmethod
    def readable_image(file):
        try:
            with PILImage.open(file) as probe:
                probe.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return False
        return True

    # --- comments -----------------------------------------------------------------------

    def import_comments(self):
        comments = [row for row in self.old.comments() if str(row["cid"]).isdecimal()]
        by_id = {row["id"]: row for row in comments}
        ordered = thread_order(comments)
        content_type = ContentType.objects.get_for_model(NewsPage)
        for done, row in enumerate(ordered, 1):
            label = f"комментарий {row['id']}"
            page = self.pages.get(int(row["cid"]))
            if page is None:
                self.report.count(ImportedItem.COMMENT, SKIPPED)
                self.report.warn(label, f"нет новости {row['cid']}: комментарий не перенесён")
            else:
                self.comment(row, page, by_id, content_type, label)
            self.progress("комментарии", done, len(ordered))

    def comment(self, row, page, by_id, content_type, label):
        comment, item = self.existing(ImportedItem.COMMENT, row["id"])
        digest = fingerprint({key: row[key] for key in sorted(row)}, getattr(page, "pk", None))
        if comment is not None and item.fingerprint == digest:
            self.comment_ids[row["id"]] = comment.pk
            self.report.count(ImportedItem.COMMENT, UNCHANGED)
            return
        outcome = UPDATED if comment else CREATED
        fields = self.comment_fields(row, label)
        if self.dry_run:
            self.comment_ids[row["id"]] = row["id"]
            self.report.count(ImportedItem.COMMENT, outcome)
            return
        if comment is None:
            comment = ReaderComment(
                content_type=content_type,
                object_pk=str(page.pk),
                site_id=settings.SITE_ID,
                parent_id=self.parent_for(row, by_id, label) or 0,
            )
        for name, value in fields.items():
            setattr(comment, name, value)
        comment.object_pk = str(page.pk)  # the page may have been made again
        comment.save()
        self.comment_ids[row["id"]] = comment.pk
        self.remember(ImportedItem.COMMENT, row["id"], comment, digest)
        self.report.count(ImportedItem.COMMENT, outcome)

    def comment_fields(self, row, label):
        state = row["published"]
        text = comment_text(row["comment"])
        if len(text) > COMMENT_LENGTH:
            self.report.warn(label, f"текст сокращён до {COMMENT_LENGTH} знаков")
            text = text[: COMMENT_LENGTH - 1] + "…"
        submitted = old_date(row["created"]) or timezone.now()
        email = (row.get("email") or "").strip()
        try:
            validate_email(email)
        except ValidationError:
            email = ""
        latitude, longitude = self.coordinates(row, label)
        return {
            "user_name": (row.get("name") or "").strip()[:50] or "Гость",
            "user_email": email[:254],
            "user_url": "",
            "comment": text or "—",
            "submit_date": submitted,
            "ip_address": self.ip(row, submitted),
            "is_public": state == KOMENTO_PUBLISHED,
            "is_removed": state == KOMENTO_SPAM,
            "place_name": (row.get("address") or "").strip()[:100],
            "latitude": latitude,
            "longitude": longitude,
        }

    def ip(self, row, submitted):
        """The address only while it is within the retention period (purge_comment_ips)."""
        cutoff = timezone.now() - datetime.timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS)
        try:
            address = ipaddress.ip_address((row.get("ip") or "").strip())
        except ValueError:
            return None
        return str(address) if submitted >= cutoff else None

    def coordinates(self, row, label):
        try:
            latitude = Decimal(str(row.get("latitude") or "").strip())
            longitude = Decimal(str(row.get("longitude") or "").strip())
        except InvalidOperation:
            return None, None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            self.report.warn(label, "координаты вне допустимых пределов не перенесены")
            return None, None
        return round_coordinate(latitude), round_coordinate(longitude)

    def parent_for(self, row, by_id, label):
        """Our parent comment's pk: the nearest ancestor the thread depth allows, or None."""
        parent_id = row.get("parent_id") or 0
        if not parent_id:
            return None
        if parent_id not in self.comment_ids:
            self.report.warn(
                label, f"нет родительского комментария {parent_id}: стал началом ветки"
            )
            return None
        parent = ReaderComment.objects.get(pk=self.comment_ids[parent_id])
        lifted = False
        while parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            parent = ReaderComment.objects.get(pk=parent.parent_id)
            lifted = True
        if lifted:
            self.report.warn(label, "ветка глубже, чем у нас: ответ поднят на уровень выше")
        return parent.pk

    # --- Komento uploads → attachments --------------------------------------------------

    def import_uploads(self):
        uploads = self.old.uploads()
        order = Counter()
        for done, row in enumerate(uploads, 1):
            label = f"вложение {row['id']} «{row.get('filename')}»"
            comment_pk = self.comment_ids.get(row.get("uid"))
            if comment_pk is None:
                self.report.count(ImportedItem.ATTACHMENT, SKIPPED)
                self.report.warn(label, f"нет комментария {row.get('uid')}: вложение не перенесено")
            else:
                self.attachment(row, comment_pk, order[comment_pk], label)
                order[comment_pk] += 1
            self.progress("вложения", done, len(uploads))

    def upload_file(self, row):
        if self.komento_files is None:
            return None
        name = PurePosixPath(str(row.get("hashname") or row.get("filename") or "")).name
        folder = PurePosixPath(str(row.get("path") or "").strip("/"))
        candidates = [
            self.komento_files / str(row.get("uid")) / name,
            self.komento_files / name,
            *(
                self.komento_files.joinpath(*folder.parts[i:]) / name
                for i in range(len(folder.parts))
            ),
        ]
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved.is_file() and resolved.is_relative_to(self.komento_files):
                return resolved
        return None

    def attachment(self, row, comment_pk, order, label):
        attachment, item = self.existing(ImportedItem.ATTACHMENT, row["id"])
        file = self.upload_file(row)
        if file is None:
            self.report.count(ImportedItem.ATTACHMENT, SKIPPED)
            self.report.warn(label, "нет файла вложения")
            return
        data = file.read_bytes()
        digest = fingerprint(
            hashlib.sha256(data).hexdigest(), row.get("filename"), comment_pk, order
        )
        if attachment is not None and item.fingerprint == digest:
            self.report.count(ImportedItem.ATTACHMENT, UNCHANGED)
            return
        upload = ContentFile(data, name=str(row.get("filename") or file.name)[:255])
        try:
            checked = decode(inspect_upload(upload))  # the checks of our own upload path
        except ValidationError as error:
            self.report.count(ImportedItem.ATTACHMENT, SKIPPED)
            self.report.warn(label, f"вложение отклонено: {' '.join(error.messages)}")
            return
        outcome = UPDATED if attachment else CREATED
        self.report.count(ImportedItem.ATTACHMENT, outcome)
        if self.dry_run:
            return
        if attachment is not None:
            attachment.delete_files()
        attachment = attachment or CommentAttachment(comment_id=comment_pk)
        attachment.kind = checked.kind
        attachment.file = checked.content
        attachment.thumbnail = checked.thumbnail
        attachment.original_name = checked.original_name
        attachment.size = checked.content.size
        attachment.width, attachment.height = checked.width, checked.height
        attachment.sort_order = order
        attachment.save()
        self.remember(ImportedItem.ATTACHMENT, row["id"], attachment, digest)

    # --- old addresses → redirects ------------------------------------------------------

    def article_addresses(self, article, extra_paths=()):
        paths = [self.category_paths.get(article["catid"]), *extra_paths]
        return addresses.article_addresses(article["id"], article["alias"], [p for p in paths if p])

    def import_redirects(self):
        menus = self.menu_paths()
        index_url = self.index.url or "/"
        for article in self.articles:
            page = self.pages.get(article["id"])
            if page is None:
                continue
            # Under its category's menu items too, and the paths of menu items of its own.
            old = self.article_addresses(article, menus["category"].get(article["catid"], []))
            old += menus["article"].get(article["id"], [])
            if article["id"] not in self.live:
                for address in old:
                    self.report.uncovered.append((address, "новость перенесена черновиком"))
                continue
            for address in old:
                self.redirect(address, page=page)
        for category_id, rubric in self.rubrics.items():
            paths = [self.category_paths[category_id], *menus["category"].get(category_id, [])]
            target = f"{index_url}?rubric={rubric.slug}" if rubric else index_url
            for address in addresses.category_addresses(category_id, paths):
                self.redirect(address, link=target)
        for address, reason in menus["other"]:
            self.report.uncovered.append((address, reason))

    def menu_paths(self):
        """Menu items' paths: for articles, categories, and the rest (not covered)."""
        found = {"article": defaultdict(list), "category": defaultdict(list), "other": []}
        for item in self.old.menu_items():
            link = urlparse(item["link"] or "")
            query = dict(parse_qsl(link.query))
            target = addresses.query_address(query)
            path = item["path"]
            if target is None:
                reason = f"пункт меню «{item['link']}» не переносится"
                found["other"] += [(address, reason) for address in addresses.sef_paths(path)]
                continue
            old_id = int(query["id"].split(":")[0])
            if query["view"] == "article":
                found["article"][old_id] += addresses.unique(addresses.sef_paths(path))
            else:
                found["category"][old_id].append(path)
        return found

    def redirect(self, old_path, page=None, link=""):
        if len(old_path) > 255:
            self.report.uncovered.append((old_path, "адрес длиннее 255 знаков"))
            return
        existing, item = self.existing(ImportedItem.REDIRECT, old_path)
        target = fingerprint(getattr(page, "pk", None), link)
        if existing is not None and item.fingerprint == target:
            self.report.count(ImportedItem.REDIRECT, UNCHANGED)
            return
        others = Redirect.objects.filter(old_path=old_path, site=None)
        if existing is None and others.exists():
            self.report.uncovered.append((old_path, "уже есть перенаправление, заданное вручную"))
            return
        self.report.count(ImportedItem.REDIRECT, UPDATED if existing else CREATED)
        if self.dry_run:
            return
        redirect = existing or Redirect(old_path=old_path, site=None)
        redirect.is_permanent = True
        redirect.redirect_page = page if page is not True else None
        redirect.redirect_link = link
        redirect.save()
        self.remember(ImportedItem.REDIRECT, old_path, redirect, target)


def comment_text(value):
    """Komento's comment as plain text: its HTML and BBCode gone, its lines kept."""
    text = BeautifulSoup(str(value or "").replace("<br", "\n<br"), "html.parser").get_text()
    text = BBCODE.sub("", text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def thread_order(comments):
    """Komento's comments with every parent before its replies, oldest first otherwise."""
    by_id = {row["id"]: row for row in comments}
    done, ordered = set(), []

    def visit(row, seen=()):
        if row["id"] in done:
            return
        parent = by_id.get(row.get("parent_id") or 0)
        if parent is not None and parent["id"] not in seen:
            visit(parent, (*seen, row["id"]))
        done.add(row["id"])
        ordered.append(row)

    for row in sorted(comments, key=lambda row: (str(row["created"]), row["id"])):
        visit(row)
    return ordered


def run_import(old_site, index, dry_run=False, **options):
    """Import everything in one transaction: a failure leaves the site as it was."""
    importer = Importer(old_site, index, dry_run=dry_run, **options)
    with transaction.atomic():
        report = importer.run()
        if dry_run:
            transaction.set_rollback(True)
    return report
