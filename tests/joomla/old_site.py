"""A synthetic copy of the old Joomla site: its database dump as mysqldump writes it (Joomla 4
tables with the `jos_` prefix, Komento's comments and uploads), its images/ folder and
Komento's attachments folder, drawn with Pillow.

What is in it, and what the import must make of it, is in the module's constants and in the
OldSite it returns (`facts`): the tests check against those.
"""

import datetime
import json
import random
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from PIL import Image

from tooling.demo.content import SEED_ARTICLE

PREFIX = "jos_"
NOW = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)

# id, parent, path, alias, title, published, extension
CATEGORIES = [
    (1, 0, "", "root", "ROOT", 1, "system"),
    (2, 1, "uncategorised", "uncategorised", "Uncategorised", 1, "com_content"),
    (8, 1, "novosti", "novosti", "Новости", 1, "com_content"),
    (9, 8, "novosti/konkursy", "konkursy", "Конкурсы", 1, "com_content"),
    (10, 8, "novosti/proekty", "proekty", "Проекты", 1, "com_content"),
    (11, 8, "novosti/выставки", "выставки", "Выставки", 1, "com_content"),
    (12, 1, "staroe", "staroe", "Старое", -2, "com_content"),
]
RUBRIC_CATEGORIES = [8, 9, 10, 11]  # uncategorised makes no rubric; 12 is trashed
TAGS = [(2, "Беларусь", "belarus"), (3, "Конкурсы", "konkursy"), (4, "Чтение", "chtenie"),
        (5, "Партнёры", "partnyory"), (6, "Лето", "leto")]  # fmt: skip
SEED_ID = 1
DRAFT_IDS = {12, 25, 38}
TRASHED_IDS = {20, 41}
ARCHIVED_IDS = {3, 4, 5}
CYRILLIC_IDS = {7, 14, 21, 28}
MISSING_IMAGE_ID = 9
SHORTCODE_ID = 10
BROKEN_HTML_ID = 11
VIDEO_ID = 13
EXTRA_ATTACHMENT_BAD = 1  # one upload is not an image: refused by the checks


@dataclass
class OldSite:
    dump: Path
    images: Path
    komento_files: Path
    facts: dict = field(default_factory=dict)


def literal(value):
    """A value as mysqldump writes it."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, datetime.datetime):
        value = value.strftime("%Y-%m-%d %H:%M:%S")
    escaped = (
        str(value)
        .replace("\\", "\\\\")
        .replace("'", "\\'")
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\0", "\\0")
    )
    return f"'{escaped}'"


TABLES = {
    "categories": """  `id` int(11) NOT NULL AUTO_INCREMENT,
  `asset_id` int(10) unsigned NOT NULL DEFAULT 0,
  `parent_id` int(10) unsigned NOT NULL DEFAULT 0,
  `lft` int(11) NOT NULL DEFAULT 0,
  `rgt` int(11) NOT NULL DEFAULT 0,
  `level` int(10) unsigned NOT NULL DEFAULT 0,
  `path` varchar(400) NOT NULL DEFAULT '',
  `extension` varchar(50) NOT NULL DEFAULT '',
  `title` varchar(255) NOT NULL,
  `alias` varchar(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  `description` mediumtext DEFAULT NULL,
  `published` tinyint(1) NOT NULL DEFAULT 0,
  `access` int(10) unsigned NOT NULL DEFAULT 0,
  `params` text DEFAULT NULL,
  `metadesc` varchar(1024) NOT NULL DEFAULT '',
  `created_time` datetime NOT NULL,
  `modified_time` datetime NOT NULL,
  `language` char(7) NOT NULL DEFAULT '*',
  PRIMARY KEY (`id`),
  KEY `cat_idx` (`extension`,`published`,`access`),
  KEY `idx_path` (`path`(100)),
  KEY `idx_left_right` (`lft`,`rgt`)""",
    "content": """  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `asset_id` int(10) unsigned NOT NULL DEFAULT 0,
  `title` varchar(255) NOT NULL DEFAULT '',
  `alias` varchar(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  `introtext` mediumtext NOT NULL,
  `fulltext` mediumtext NOT NULL,
  `state` tinyint(3) NOT NULL DEFAULT 0,
  `catid` int(10) unsigned NOT NULL DEFAULT 0,
  `created` datetime NOT NULL,
  `created_by` int(10) unsigned NOT NULL DEFAULT 0,
  `modified` datetime NOT NULL,
  `modified_by` int(10) unsigned NOT NULL DEFAULT 0,
  `checked_out` int(10) unsigned DEFAULT NULL,
  `publish_up` datetime DEFAULT NULL,
  `publish_down` datetime DEFAULT NULL,
  `images` text NOT NULL,
  `urls` text NOT NULL,
  `attribs` varchar(5120) NOT NULL,
  `version` int(10) unsigned NOT NULL DEFAULT 1,
  `ordering` int(11) NOT NULL DEFAULT 0,
  `metakey` text DEFAULT NULL,
  `metadesc` text NOT NULL,
  `access` int(10) unsigned NOT NULL DEFAULT 0,
  `hits` int(10) unsigned NOT NULL DEFAULT 0,
  `metadata` text NOT NULL,
  `featured` tinyint(3) unsigned NOT NULL DEFAULT 0,
  `language` char(7) NOT NULL,
  `note` varchar(255) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`),
  KEY `idx_catid` (`catid`),
  KEY `idx_alias` (`alias`(191))""",
    "tags": """  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `parent_id` int(10) unsigned NOT NULL DEFAULT 0,
  `lft` int(11) NOT NULL DEFAULT 0,
  `rgt` int(11) NOT NULL DEFAULT 0,
  `level` int(10) unsigned NOT NULL DEFAULT 0,
  `path` varchar(400) NOT NULL DEFAULT '',
  `title` varchar(255) NOT NULL,
  `alias` varchar(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
  `published` tinyint(1) NOT NULL DEFAULT 0,
  `language` char(7) NOT NULL DEFAULT '*',
  PRIMARY KEY (`id`)""",
    "contentitem_tag_map": """  `type_alias` varchar(255) NOT NULL DEFAULT '',
  `core_content_id` int(10) unsigned NOT NULL,
  `content_item_id` int(11) NOT NULL,
  `tag_id` int(10) unsigned NOT NULL,
  `tag_date` timestamp NOT NULL DEFAULT current_timestamp(),
  `type_id` mediumint(9) NOT NULL,
  UNIQUE KEY `uc_ItemnameTagid` (`type_id`,`content_item_id`,`tag_id`)""",
    "menu": """  `id` int(11) NOT NULL AUTO_INCREMENT,
  `menutype` varchar(24) NOT NULL,
  `title` varchar(255) NOT NULL,
  `alias` varchar(400) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  `path` varchar(1024) NOT NULL DEFAULT '',
  `link` varchar(1024) NOT NULL,
  `type` varchar(16) NOT NULL,
  `published` tinyint(4) NOT NULL DEFAULT 0,
  `parent_id` int(10) unsigned NOT NULL DEFAULT 1,
  `level` int(10) unsigned NOT NULL DEFAULT 0,
  `component_id` int(10) unsigned NOT NULL DEFAULT 0,
  `client_id` tinyint(4) NOT NULL DEFAULT 0,
  `lft` int(11) NOT NULL DEFAULT 0,
  `rgt` int(11) NOT NULL DEFAULT 0,
  `home` tinyint(3) unsigned NOT NULL DEFAULT 0,
  `language` char(7) NOT NULL DEFAULT '',
  PRIMARY KEY (`id`)""",
    "komento_comments": """  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `component` varchar(255) NOT NULL,
  `cid` varchar(20) NOT NULL,
  `comment` text CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci DEFAULT NULL,
  `preview` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci DEFAULT NULL,
  `name` varchar(255) NOT NULL,
  `title` varchar(255) NOT NULL,
  `email` varchar(255) DEFAULT '',
  `url` varchar(255) DEFAULT '',
  `ip` varchar(255) DEFAULT '',
  `created_by` bigint(20) unsigned DEFAULT 0,
  `created` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `modified_by` bigint(20) unsigned DEFAULT 0,
  `modified` datetime DEFAULT '0000-00-00 00:00:00',
  `flag` tinyint(1) DEFAULT 0,
  `published` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `sticked` tinyint(1) unsigned NOT NULL DEFAULT 0,
  `parent_id` int(11) unsigned DEFAULT 0,
  `lft` int(11) unsigned NOT NULL DEFAULT 0,
  `rgt` int(11) unsigned NOT NULL DEFAULT 0,
  `depth` int(11) unsigned NOT NULL DEFAULT 0,
  `latitude` varchar(255) DEFAULT NULL,
  `longitude` varchar(255) DEFAULT NULL,
  `address` text DEFAULT NULL,
  `params` text DEFAULT NULL,
  `ratings` int(11) unsigned DEFAULT 0,
  PRIMARY KEY (`id`),
  KEY `komento_threaded` (`component`(191),`cid`,`published`,`lft`,`rgt`)""",
    "komento_uploads": """  `id` int(11) NOT NULL AUTO_INCREMENT,
  `uid` int(11) DEFAULT NULL,
  `filename` text NOT NULL,
  `hashname` text NOT NULL,
  `path` text DEFAULT NULL,
  `created` datetime NOT NULL,
  `created_by` bigint(20) unsigned DEFAULT 0,
  `published` tinyint(1) NOT NULL,
  `mime` text NOT NULL,
  `size` text NOT NULL,
  PRIMARY KEY (`id`),
  KEY `idx_uid` (`uid`)""",
}


def table_sql(name, rows):
    table = f"{PREFIX}{name}"
    out = [
        "--",
        f"-- Table structure for table `{table}`",
        "--",
        "",
        f"DROP TABLE IF EXISTS `{table}`;",
        "/*!40101 SET @saved_cs_client     = @@character_set_client */;",
        "/*!40101 SET character_set_client = utf8mb4 */;",
        f"CREATE TABLE `{table}` (",
        TABLES[name],
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;",
        "/*!40101 SET character_set_client = @saved_cs_client */;",
        "",
        f"LOCK TABLES `{table}` WRITE;",
        f"/*!40000 ALTER TABLE `{table}` DISABLE KEYS */;",
    ]
    if rows:
        columns = ",".join(f"`{column}`" for column in rows[0])
        for start in range(0, len(rows), 50):  # extended inserts, as mysqldump's --opt
            values = ",".join(
                "(" + ",".join(literal(value) for value in row.values()) + ")"
                for row in rows[start : start + 50]
            )
            out.append(f"INSERT INTO `{table}` ({columns}) VALUES {values};")
    out += [f"/*!40000 ALTER TABLE `{table}` ENABLE KEYS */;", "UNLOCK TABLES;", ""]
    return "\n".join(out)


def picture(path, colour, size=(64, 48), kind="JPEG"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, kind)


def article_html(number):
    """Body HTML of generated news item `number`, with the old site's quirks in some."""
    intro = f"<p>Новость номер {number}: в библиотеке прошло событие для читателей.</p>"
    full = [
        f"<h3>Подробности</h3><p>Читатели узнали много нового. <strong>Приходите</strong> "
        f'ещё! <a href="https://kemerovo.example/afisha/{number}">Афиша</a></p>',
        "<ul><li>книжная выставка</li><li>мастер-класс</li></ul>",
        f'<p><img src="images/news/photo-{number}.jpg" alt="Фото события {number}"></p>',
    ]
    if number == MISSING_IMAGE_ID:
        full.append('<p><img src="/images/news/lost-photo.jpg" alt="Потерянное фото"></p>')
    if number == SHORTCODE_ID:
        full.append("<p>{loadposition banner-pushkin} Текст после модуля.</p>")
    if number == BROKEN_HTML_ID:
        full.append("<p>Незакрытый <b>жирный <i>курсив<p>новый абзац<div>и <ul><li>пункт")
    if number == VIDEO_ID:
        full.append(
            '<p><iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" '
            'title="Видеоотчёт"></iframe></p>'
            '<iframe src="https://vk.com/video_ext.php?oid=-123&id=456&hash=abc"></iframe>'
        )
    if number % 5 == 0:
        full[0] = full[0].replace("<p>", '<p style="color: red; font-size: 14pt">', 1)
        full.append('<p><span style="font-family: Arial">Стиль шрифта.</span></p>')
    return intro, "\n".join(full)


def build(folder):
    """Write the dump, images/ and the Komento folder into `folder`; return an OldSite."""
    folder = Path(folder)
    rng = random.Random(20)
    images = folder / "images"
    komento = folder / "komento"
    categories = [
        {"id": id_, "asset_id": 0, "parent_id": parent, "lft": n * 2, "rgt": n * 2 + 1,
         "level": path.count("/") + 1 if path else 0, "path": path, "extension": extension,
         "title": title, "alias": alias, "description": "", "published": published, "access": 1,
         "params": "{}", "metadesc": "", "created_time": datetime.datetime(2019, 1, 1),
         "modified_time": datetime.datetime(2019, 1, 1), "language": "*"}
        for n, (id_, parent, path, alias, title, published, extension) in enumerate(CATEGORIES)
    ]  # fmt: skip

    articles = []
    seed_paragraphs = SEED_ARTICLE["paragraphs"]
    picture(images / "news" / "seed-map.jpg", (30, 90, 160))
    articles.append(
        article_row(
            SEED_ID,
            SEED_ARTICLE["title"],
            "biblioteka-zaklyuchila-novoe-soglashenie",
            f"<p>{seed_paragraphs[0]}</p>",
            "".join(f"<p>{text}</p>" for text in seed_paragraphs[1:]),
            8,
            datetime.datetime(2023, 6, 1, 3, 0),
            image=("images/news/seed-map.jpg", "Карта: Кемерово и Минск"),
            metadesc=SEED_ARTICLE["lead"],
        )
    )
    start = datetime.datetime(2022, 1, 10, 4, 0)
    for number in range(2, 52):
        published = start + datetime.timedelta(days=int((number - 2) * 21.5))
        alias = f"novost-{number}"
        if number in CYRILLIC_IDS:
            alias = f"новость-номер-{number}-в-библиотеке"
        intro, full = article_html(number)
        picture(images / "news" / f"photo-{number}.jpg", (number * 4, 100, 200 - number * 3))
        state = 1
        if number in DRAFT_IDS:
            state = 0
        elif number in TRASHED_IDS:
            state = -2
        elif number in ARCHIVED_IDS:
            state = 2
        intro_image = None
        if number % 3:
            name = f"images/news/intro-{number}.jpg"
            picture(folder / name, (200, number * 4, 90))
            intro_image = (f"{name}#joomlaImage://local-images/news/intro-{number}.jpg?width=64",
                           f"Анонс {number}")  # fmt: skip
        articles.append(
            article_row(
                number,
                f"Новость номер {number}",
                alias,
                intro,
                full,
                [8, 9, 10, 11, 2][number % 5],
                published,
                image=intro_image,
                state=state,
            )  # fmt: skip
        )
    tag_map = []
    for article in articles:
        for tag_id, *_ in TAGS:
            if (article["id"] + tag_id) % 4 == 0 or (article["id"] == SEED_ID and tag_id in (2, 5)):
                tag_map.append(
                    {
                        "type_alias": "com_content.article",
                        "core_content_id": article["id"],
                        "content_item_id": article["id"],
                        "tag_id": tag_id,
                        "tag_date": datetime.datetime(2023, 1, 1),
                        "type_id": 1,
                    }  # fmt: skip
                )
    tags = [
        {"id": id_, "parent_id": 1, "lft": id_ * 2, "rgt": id_ * 2 + 1, "level": 1, "path": alias,
         "title": title, "alias": alias, "published": 1, "language": "*"}
        for id_, title, alias in TAGS
    ]  # fmt: skip
    menu = [
        menu_row(101, "Новости", "novosti",
                 "index.php?option=com_content&view=category&layout=blog&id=8"),
        menu_row(102, "Соглашение", "o-soglashenii",
                 f"index.php?option=com_content&view=article&id={SEED_ID}"),
        menu_row(103, "Контакты", "kontakty", "index.php?option=com_contact&view=contact&id=1"),
    ]  # fmt: skip

    comments, uploads, comment_facts = build_comments(articles, komento, rng)
    sql = [
        "-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)",
        "--",
        "-- Host: localhost    Database: kemerovo_old",
        "-- ------------------------------------------------------",
        "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;",
        "/*!40101 SET NAMES utf8mb4 */;",
        "/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;",
        "/*!40103 SET TIME_ZONE='+00:00' */;",
        "/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;",
        "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;",
        "",
        table_sql("categories", categories),
        table_sql("content", articles),
        table_sql("tags", tags),
        table_sql("contentitem_tag_map", tag_map),
        table_sql("menu", menu),
        table_sql("komento_comments", comments),
        table_sql("komento_uploads", uploads),
        "/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;",
        "/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;",
        "/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;",
        "/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;",
        "",
        f"-- Dump completed on {NOW:%Y-%m-%d %H:%M:%S}",
        "",
    ]
    dump = folder / "kemerovo_old.sql"
    dump.write_text("\n".join(sql), encoding="utf-8")
    imported = [a for a in articles if a["state"] != -2]
    facts = {
        "articles": len(articles),
        "imported_articles": len(imported),
        "live_articles": len([a for a in imported if a["state"] in (1, 2)]),
        "draft_articles": len([a for a in imported if a["state"] == 0]),
        "rubrics": len(RUBRIC_CATEGORIES),
        "tags": len({row["tag_id"] for row in tag_map}),
        "tag_links": {
            a["id"]: sorted(
                t[1]
                for t in TAGS
                if any(m["content_item_id"] == a["id"] and m["tag_id"] == t[0] for m in tag_map)
            )
            for a in articles
        },  # fmt: skip
        "catid": {a["id"]: a["catid"] for a in articles},
        "alias": {a["id"]: a["alias"] for a in articles},
        **comment_facts,
    }
    return OldSite(dump, images, komento, facts)


def article_row(id_, title, alias, intro, full, catid, published, image=None, state=1,
                metadesc=""):  # fmt: skip
    images = {"image_intro": "", "image_intro_alt": "", "image_fulltext": "",
              "image_fulltext_alt": "", "float_intro": "", "float_fulltext": ""}  # fmt: skip
    if image:
        images["image_intro"], images["image_intro_alt"] = image
    return {
        "id": id_, "asset_id": 100 + id_, "title": title, "alias": alias, "introtext": intro,
        "fulltext": full, "state": state, "catid": catid, "created": published,
        "created_by": 42, "modified": published + datetime.timedelta(hours=2), "modified_by": 42,
        "checked_out": None, "publish_up": published, "publish_down": None,
        "images": json.dumps(images), "urls": "{}", "attribs": "{}", "version": 1,
        "ordering": 0, "metakey": "", "metadesc": metadesc, "access": 1, "hits": 10 * id_,
        "metadata": '{"robots":"","author":"","rights":""}', "featured": int(id_ % 7 == 0),
        "language": "*", "note": "",
    }  # fmt: skip


def menu_row(id_, title, path, link):
    return {"id": id_, "menutype": "mainmenu", "title": title, "alias": path, "path": path,
            "link": link, "type": "component", "published": 1, "parent_id": 1, "level": 1,
            "component_id": 22, "client_id": 0, "lft": id_, "rgt": id_ + 1, "home": 0,
            "language": "*"}  # fmt: skip


NAMES = ["Аня", "Миша Петров", "Оля К.", "Читатель", "Дима", "Вера Ивановна", "Саша"]


def build_comments(articles, komento, rng):
    """200 Komento comments in threads (some four levels deep) on imported articles, and 21
    uploads: 20 good files and one that only pretends to be a picture."""
    targets = [a["id"] for a in articles if a["state"] != -2]
    comments, states = [], {}
    next_id = 1001
    while len(comments) < 200:
        article = rng.choice(targets)
        thread = []
        for _ in range(rng.randint(1, 6)):
            if len(comments) == 200:
                break
            parent = rng.choice(thread) if thread and rng.random() < 0.7 else None
            depth = parent["depth"] + 1 if parent else 0
            days_ago = 3 if next_id % 10 == 0 else 400 + next_id % 300
            state = 1
            if next_id % 13 == 0:
                state = 2  # moderate
            elif next_id % 17 == 0:
                state = 0  # unpublished
            elif next_id % 19 == 0:
                state = 3  # spam
            row = {
                "id": next_id, "component": "com_content", "cid": str(article),
                "comment": f"Комментарий {next_id}: [b]спасибо[/b] за новость!\nВторая строка.",
                "preview": None, "name": NAMES[next_id % len(NAMES)], "title": "",
                "email": f"reader{next_id}@example.org" if next_id % 4 else "не-почта",
                "url": "", "ip": f"10.0.{next_id % 250}.{next_id % 200 + 1}", "created_by": 0,
                "created": NOW - datetime.timedelta(days=days_ago, minutes=-next_id),
                "modified": None, "flag": 0, "published": state, "sticked": 0,
                "parent_id": parent["id"] if parent else 0, "lft": 0, "rgt": 0, "depth": depth,
                "latitude": "55.354727" if next_id % 6 == 0 else None,
                "longitude": "86.087314" if next_id % 6 == 0 else None,
                "address": "Кемерово, Россия" if next_id % 6 == 0 else None,
                "params": "{}", "ratings": 0,
            }  # fmt: skip
            comments.append(row)
            thread.append(row)
            states[next_id] = state
            next_id += 1
    # One thread deeper than our three levels: 4 levels, the last reply lifted one up.
    deep_parent = comments[0]
    deep_parent["published"] = 1
    for level in range(1, 5):
        row = dict(deep_parent, id=next_id, parent_id=deep_parent["id"], depth=level,
                   comment=f"Глубокий ответ {level}", published=1,
                   created=deep_parent["created"] + datetime.timedelta(minutes=5))  # fmt: skip
        comments[-1 - (4 - level)] = row  # replace the last comments, keep 200
        deep_parent = row
        next_id += 1
    states = {row["id"]: row["published"] for row in comments}
    uploads = []
    with_files = [row for row in comments if row["published"] == 1][:20]
    for n, row in enumerate(with_files):
        folder = komento / str(row["id"])
        folder.mkdir(parents=True, exist_ok=True)
        hashname = f"{n:02d}{'a' * 30}"
        if n == 7:
            (folder / hashname).write_bytes(pdf_bytes())
            name, mime = "программа.pdf", "application/pdf"
        else:
            buffer = BytesIO()
            Image.new("RGB", (80, 60), (n * 10, 50, 90)).save(buffer, "PNG")
            (folder / hashname).write_bytes(buffer.getvalue())
            name, mime = f"рисунок-{n}.png", "image/png"
        uploads.append(upload_row(n + 1, row, name, hashname, mime, folder))
    bad = with_files[0]
    (komento / str(bad["id"]) / "zz-not-a-picture").write_bytes(b"MZ\x90\x00 not an image")
    uploads.append(upload_row(21, bad, "фото.jpg", "zz-not-a-picture", "image/jpeg", None))
    facts = {
        "comments": len(comments),
        "approved": sum(1 for s in states.values() if s == 1),
        "pending": sum(1 for s in states.values() if s in (0, 2)),
        "removed": sum(1 for s in states.values() if s == 3),
        "no_email": sum(1 for row in comments if "@" not in row["email"]),
        "with_location": sum(1 for row in comments if row["latitude"]),
        "recent": sum(1 for row in comments if row["created"] > NOW - datetime.timedelta(days=30)),
        "attachments": 20,
        "refused_attachments": EXTRA_ATTACHMENT_BAD,
        "deep_thread": [row["id"] for row in comments[-4:]],
        "roots": sum(1 for row in comments if not row["parent_id"]),
    }
    return comments, uploads, facts


def upload_row(id_, comment, name, hashname, mime, folder):
    return {"id": id_, "uid": comment["id"], "filename": name, "hashname": hashname,
            "path": f"media/com_komento/uploads/{comment['id']}" if folder else None,
            "created": comment["created"], "created_by": 0, "published": 1, "mime": mime,
            "size": "1000"}  # fmt: skip


def pdf_bytes():
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
