"""import_content: an export restored into an empty site exports again as the same JSON."""

import json
import re
import shutil
from io import StringIO
from types import SimpleNamespace

import pytest
from PIL import Image as PILImage

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page

from cms.models import PromoBlock, SiteSettings, Slide
from cms.tree import tree_root
from events.models import EventPage
from feedback.models import FeedbackFormPage
from home.models import StandardPage
from news.comments.models import CommentAttachment, ReaderComment, comment_file_storage
from news.models import NewsPage
from partners.models import Partner
from tests.conftest import files_settings, kept_for_the_module, load_demo
from tests.task_queue import DATABASE_QUEUE


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    """The restored site's files (the demo's own go elsewhere, as on another server)."""
    return tmp_path_factory.mktemp("restored-files")


@pytest.fixture(scope="module")
def round_trip(django_db_setup, django_db_blocker, files_folder, tmp_path_factory):
    """The demo exported, the site emptied, the export imported and exported again: once for
    the module, whose tests each run in a savepoint on top of it."""
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    demo_files = tmp_path_factory.mktemp("demo-files")
    with kept_for_the_module(django_db_blocker, demo_files, DEMO_ADMIN_ENABLED=False):
        load_demo()
        about = StandardPage.objects.get(slug="o-biblioteke")
        about.social_image = Image.objects.get(title__startswith="Слайд: Пушкинская карта")
        about.save_revision().publish()
        call_command("export_content", out=first, media=True, verbosity=0)
        empty_the_site()
        with override_settings(**files_settings(files_folder)):
            summary = StringIO()
            # Renditions wait in the queue, as in production: the export makes those it needs.
            with override_settings(TASKS=DATABASE_QUEUE):
                call_command("import_content", first, stdout=summary)
            call_command("export_content", out=second, media=True, verbosity=0)
            yield SimpleNamespace(first=first, second=second, summary=summary.getvalue())


def empty_the_site():
    """What an installation holds right after `migrate`: Wagtail's root, nothing else."""
    ReaderComment.objects.all().delete()
    for page in tree_root().get_children():
        page.delete()
    for model in (Slide, PromoBlock, Partner, Image, Document, SiteSettings):
        model.objects.all().delete()


def everything_exported(folder):
    """{relative path: JSON} of an export, with ids (and addresses that hold them) replaced by
    the item's position in the export: the same item gets the same label in both exports."""
    index = json.loads((folder / "index.json").read_text())
    labels = Labels(folder, index)
    files = {}
    for path in folder.rglob("*.json"):
        name = path.relative_to(folder).as_posix()
        endpoint = name.split("/")[0] if "/" in name else None
        data = json.loads(path.read_text())
        if name == "index.json":
            for endpoint_name, listed in data["endpoints"].items():
                ids = labels.ids.get(endpoint_name, {})
                listed["ids"] = [ids[item] for item in listed.get("ids", [])]
                listed["pages"] = [labels.ids["pages"][item] for item in listed.get("pages", [])]
        else:
            data = labels.replace(data, endpoint)
        if endpoint in labels.ids and endpoint != "comments":
            name = f"{endpoint}/{labels.ids[endpoint][int(path.stem)]}.json"
        elif endpoint in ("comments", "page-extras"):  # named by their page
            name = f"{endpoint}/{labels.ids['pages'][int(path.stem)]}.json"
        files[name] = data
    return files


class Labels:
    def __init__(self, folder, index):
        self.ids = {
            endpoint: {item_id: f"{endpoint}#{n}" for n, item_id in enumerate(data["ids"])}
            for endpoint, data in index["endpoints"].items()
            if "ids" in data
        }
        self.ids["comments"], self.ids["attachments"] = {}, {}
        for page_id in index["endpoints"]["comments"]["pages"]:
            threads = json.loads((folder / "comments" / f"{page_id}.json").read_text())["items"]
            for comment in flatten(threads):
                self.ids["comments"][comment["id"]] = f"comments#{len(self.ids['comments'])}"
                for item in comment["attachments"]:
                    label = f"attachments#{len(self.ids['attachments'])}"
                    self.ids["attachments"][item["id"]] = label

    def replace(self, data, endpoint=None):
        if isinstance(data, list):
            return [self.replace(item, endpoint) for item in data]
        if isinstance(data, str):
            return self.addresses(data)
        if not isinstance(data, dict):
            return data
        kind = endpoint or item_kind(data)
        result = {}
        for key, value in data.items():
            if key == "id" and isinstance(value, int):
                result[key] = self.ids[kind][value]
            elif key in ("page_id", "parent_id") and isinstance(value, int):
                result[key] = self.ids["pages" if key == "page_id" else "comments"][value]
            elif key in ("social_image", "main_image"):  # page-extras: an image as {"id"}
                result[key] = self.replace(value, "images")
            else:
                in_thread = kind == "comments" and key in ("items", "replies")
                result[key] = self.replace(value, "comments" if in_thread else None)
        return result

    def addresses(self, text):
        text = re.sub(
            r"/api/v2/(\w+)/(\d+)/", lambda m: f"/api/v2/{m[1]}/{self.ids[m[1]][int(m[2])]}/", text
        )
        text = re.sub(
            r"/documents/(\d+)/", lambda m: f"/documents/{self.ids['documents'][int(m[1])]}/", text
        )
        text = re.sub(
            r"/comments/files/(\d+)/",
            lambda m: f"/comments/files/{self.ids['attachments'][int(m[1])]}/",
            text,
        )
        return re.sub(r"#c(\d+)$", lambda m: f"#{self.ids['comments'][int(m[1])]}", text)


def item_kind(data):
    """Which endpoint's id a nested item carries, by its shape (cms.renditions, …)."""
    shapes = [
        ("renditions", "images"),
        ("extension", "documents"),
        ("content_type", "attachments"),
        ("page_id", "comments"),
        ("short_name", "partners"),
        ("button_text", "slides"),
        ("group", "promos"),
    ]
    return next((endpoint for key, endpoint in shapes if key in data), "pages")


def flatten(comments):
    for comment in comments:
        yield comment
        yield from flatten(comment["replies"])


def files_in(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.django_db
def test_export_of_the_restored_site_is_the_first_export(round_trip):
    first = everything_exported(round_trip.first)
    second = everything_exported(round_trip.second)
    assert sorted(first) == sorted(second)
    for name, data in first.items():
        assert second[name] == data, name
    for folder in ("original_images", "documents"):
        assert files_in(round_trip.first / "media" / folder) == files_in(
            round_trip.second / "media" / folder
        )
    index = json.loads((round_trip.first / "index.json").read_text())
    # 20, «Сведения об организации» with its 9 subsections, the Афиша and its 8 events
    assert index["endpoints"]["pages"]["count"] == 39
    assert "страниц: 39" in round_trip.summary and "изображений: 50" in round_trip.summary
    assert "комментариев: 2" in round_trip.summary


@pytest.mark.django_db
def test_restored_events_keep_their_weekly_schedule_audiences_and_partners(round_trip):
    club = EventPage.objects.get(title="Клуб «Читаем вместе»")
    assert club.sessions.get().repeat_weekly_until is not None
    assert club.occurrences.count() == 13
    assert club.occurrences.filter(cancelled=True).count() == 1
    assert set(club.audiences.values_list("slug", flat=True)) == {"deti", "roditeli"}
    assert (club.age_mark, club.registration, club.seat_limit) == (6, "form", 15)
    ceremony = EventPage.objects.get(title__startswith="Церемония награждения")
    assert [partner.city for partner in ceremony.partners.all()] == ["Минск"]


@pytest.mark.django_db
def test_restored_files_are_the_originals_and_images_open(round_trip):
    for image in Image.objects.all():
        with image.file.open("rb") as file, PILImage.open(file) as picture:
            assert picture.size == (image.width, image.height)
        exported = round_trip.first / "media" / image.file.name
        assert image.file.open("rb").read() == exported.read_bytes()
    for document in Document.objects.all():
        exported = round_trip.first / "media" / document.file.name
        assert document.file.read() == exported.read_bytes()


@pytest.mark.django_db
def test_restored_comments_keep_their_thread_and_photo(round_trip):
    seed = NewsPage.objects.get(slug__startswith="biblioteka-zaklyuchila")
    first, reply = ReaderComment.objects.for_page(seed).order_by("thread_id", "order")
    assert reply.parent_id == first.pk and reply.level == 1 and reply.is_official
    assert first.comment.startswith("Спасибо! Дочка участвовала в «Сказках народов Кузбасса»")
    attachment = CommentAttachment.objects.get(comment=first)
    with comment_file_storage.open(attachment.file.name) as file, PILImage.open(file) as photo:
        assert photo.size == (attachment.width, attachment.height)
    assert comment_file_storage.exists(attachment.thumbnail.name)


@pytest.mark.django_db
def test_restored_form_page_has_its_fields(round_trip):
    roles = [field.role for field in FeedbackFormPage.objects.get().form_fields.all()]
    assert roles == ["name", "email", "phone", "topic", "message"]


@pytest.mark.django_db
def test_restored_pages_link_to_each_other_by_id(round_trip):
    seed = NewsPage.objects.get(slug__startswith="biblioteka-zaklyuchila")
    assert [link.related.slug for link in seed.related_news.all()] == [
        "skazki-narodov-kuzbassa-prozvuchali-na-belorusskom-yazyke",
        "videovstrecha-ispytanie-vremenem-obshhaya-pobeda",
    ]
    assert seed.news_partners.get().partner.city == "Минск"
    assert Slide.objects.get(title="Соглашение с библиотеками Минска").link_page.specific == seed
    about = StandardPage.objects.get(slug="o-biblioteke")
    assert about.social_image.title == "Слайд: Пушкинская карта"
    site_settings = SiteSettings.objects.get()
    assert site_settings.policy_page.slug == "politika-obrabotki-personalnyx-dannyx"
    assert site_settings.decide_page.slug == "reshaem-vmeste"


@pytest.mark.django_db
def test_import_into_a_site_with_content_is_refused(round_trip):
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="Сайт не пуст"):
        call_command("import_content", round_trip.first, verbosity=0)
    assert Page.objects.count() == pages


def break_comments(folder, index):
    """Not JSON: the last file the import reads, after every page and file is in."""
    (folder / "comments" / f"{index['endpoints']['comments']['pages'][0]}.json").write_text("{")
    return r"Файл comments/\d+\.json повреждён: это не JSON"


def break_a_page(folder, index):
    """JSON, but a page without its meta: read after the images and documents are in."""
    name = f"pages/{index['endpoints']['pages']['ids'][-1]}.json"
    page = json.loads((folder / name).read_text())
    del page["meta"]
    (folder / name).write_text(json.dumps(page))
    return f"Файл {name} не того вида, что пишет export_content: нет поля 'meta'"


@pytest.mark.django_db
@pytest.mark.parametrize("breakage", [break_comments, break_a_page])
def test_a_broken_file_leaves_nothing_imported(
    round_trip, tmp_path, settings, task_queue, breakage
):
    broken = tmp_path / "broken"
    shutil.copytree(round_trip.first, broken)
    message = breakage(broken, json.loads((broken / "index.json").read_text()))
    # Other folders first: deleting rows deletes their files, which the other tests still need.
    for name, folder in files_settings(tmp_path / "files").items():
        folder.mkdir(parents=True)
        setattr(settings, name, folder)
    empty_the_site()

    with pytest.raises(CommandError, match=message):
        call_command("import_content", broken, verbosity=0)
    assert list(Page.objects.values_list("depth", flat=True)) == [1]
    for model in (Image, Document, Partner, Slide, PromoBlock, ReaderComment):
        assert not model.objects.exists()
    assert files_in(tmp_path / "files") == []


@pytest.mark.django_db
def test_a_folder_without_index_is_refused(tmp_path):
    with pytest.raises(CommandError, match="нет index.json"):
        call_command("import_content", tmp_path, verbosity=0)
