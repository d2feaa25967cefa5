"""Fixtures that build real Wagtail page trees with real images."""

import datetime
from contextlib import contextmanager
from io import BytesIO
from types import SimpleNamespace

import pytest
from PIL import Image as PILImage

from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_migrate, post_save
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Image
from wagtail.models import PageViewRestriction, ReferenceIndex, Site
from wagtail.rich_text import RichText
from wagtail.search import index as search_index
from wagtail.search.tasks import insert_or_update_object_task
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task

from cms import routing
from cms.fragments import fragments_read_at
from cms.models import SiteSettings
from cms.models.settings import rows_seen as settings_rows_seen
from cms.pagecache import edge_seen
from cms.settings.object_storage import object_storage_settings
from cms.tree import tree_root
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage, NewsRubric
from tests import file_durations
from tests.migrated_template import migrate_from_template
from tests.s3_stand_in import new_bucket, s3_server, storage_env
from tests.snapshot import forget_content_types
from tests.task_queue import DATABASE_QUEUE

# Every flush (a live-server or transaction=True test) ends with post_migrate.
post_migrate.connect(forget_content_types, dispatch_uid="tests.forget_content_types")


def by_file(config):
    """Whether xdist hands out whole files (--dist loadfile), as `make test` runs."""
    return config.getoption("dist", "no") == "loadfile"


def pytest_configure(config):
    # xdist hands out the files with most tests first, and those with one long test last:
    # the file order below (longest first) is kept instead.
    if by_file(config):
        config.option.loadscopereorder = False


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Run the tests in pytest-randomly's shuffled order, as collected.

    pytest-django moves the tests that flush the database (live server, transaction=True) after
    the others, as Django's runner does, which hides a test that needs a row only migrations
    make: a flush removes Wagtail's roots and default site. Here a flush may come before any
    test, so each test gets what it needs from its fixtures (`wagtail_roots`, `home`, …).

    When xdist hands out whole files, the long files (tests/file_durations.json) go first,
    longest first, each worker taking the next one as it finishes; the others follow in the
    shuffled order and fill in at the end. Inside each file the shuffled order stays.
    """
    shuffled = list(items)
    result = yield
    order = {id(item): position for position, item in enumerate(shuffled)}
    items.sort(key=lambda item: order.get(id(item), len(order)))  # deselected ones stay out
    if by_file(config):
        seconds = file_durations.long_files()
        items.sort(key=lambda item: -seconds.get(item.nodeid.split("::")[0], 0))
    return result


@pytest.fixture(scope="session")
def test_database_template():
    """Set up before pytest-django's django_db_setup (see below), to last as long as it."""
    with migrate_from_template():
        yield


@pytest.fixture(scope="session")
def django_db_setup(test_database_template, django_db_setup):
    """pytest-django's, with the SQLite database copied from one migrated before
    (tests.migrated_template)."""


def files_settings(folder):
    """MEDIA_ROOT and COMMENTS_FILES_ROOT (comment attachments, kept outside MEDIA_ROOT) in
    `folder`."""
    return {"MEDIA_ROOT": folder / "media", "COMMENTS_FILES_ROOT": folder / "comment-files"}


@pytest.fixture
def files_folder(tmp_path_factory):
    """Where a test's uploaded files go: a fresh folder per test. A module whose data set
    outlives its tests (kept_for_the_module) overrides it with a module-scoped folder."""
    return tmp_path_factory.mktemp("files")


@pytest.fixture(autouse=True)
def media_root(settings, files_folder):
    for name, folder in files_settings(files_folder).items():
        folder.mkdir(exist_ok=True)
        setattr(settings, name, folder)


@pytest.fixture
def task_queue(settings):
    """Tasks wait in the database queue, as in production, until the test runs them
    (tests.task_queue.run_queued_tasks)."""
    settings.TASKS = DATABASE_QUEUE


@pytest.fixture
def renditions_on_view(settings):
    """No renditions made ahead at upload and publish (cms.renditions): tests that build a
    hundred items to count queries make each rendition once, when the API first asks."""
    settings.PREPARE_RENDITIONS = False


@pytest.fixture(autouse=True)
def queued_mail(settings):
    """Mail goes through the site's queue (cms.mail) as in production. Django's test setup
    swaps EMAIL_BACKEND for its locmem one; the test settings deliver into that instead."""
    settings.EMAIL_BACKEND = "cms.mail.QueuedEmailBackend"


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: rate-limit counters, and rendition URLs and pages
    cached by an earlier test, which would outlive its rolled-back rows (SQLite reuses ids)."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def page_cache_on(settings):
    """The anonymous page cache as in production (test settings switch it off), empty."""
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture(scope="session")
def s3_endpoint():
    """A real S3-compatible server (moto's), one per test process, started when first asked."""
    with s3_server() as endpoint:
        yield endpoint


def use_bucket(settings, monkeypatch, endpoint, bucket, **variables):
    """STORAGES and MEDIA_URL exactly as the settings build them from the operator's
    variables for `bucket` (cms/settings/object_storage.py)."""
    for name, value in storage_env(endpoint, bucket, **variables).items():
        monkeypatch.setenv(name, value)
    configured = object_storage_settings()
    settings.STORAGES = settings.STORAGES | configured["STORAGES"]
    settings.MEDIA_URL = configured["MEDIA_URL"]
    return SimpleNamespace(endpoint=endpoint, bucket=bucket, media_url=configured["MEDIA_URL"])


@pytest.fixture
def object_storage(settings, monkeypatch, s3_endpoint):
    """Uploads and comment files in a fresh bucket whose public media anyone may read, laid
    out as README («Object storage») says; comment files under its private prefix."""
    return use_bucket(settings, monkeypatch, s3_endpoint, new_bucket(s3_endpoint))


def count_queries(client, url):
    """The queries of a GET of `url` after a first one: renditions are made on first view."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def forget_fragments():
    """The next render renders every fragment (cms.fragments) and routes its page afresh
    (cms.routing), as the first one after a change may: query counts compare whole renders,
    not what an earlier request happened to keep."""
    caches[django_settings.FRAGMENT_CACHE_ALIAS].clear()
    for remembered_per_process in (
        routing.remembered,
        routing.known_sites,
        routing.root_paths_seen,
        settings_rows_seen,
        fragments_read_at,
        edge_seen,
    ):
        remembered_per_process.clear()


def load_demo(**options):
    """`make run`'s demo content, with pictures at a quarter size: resizing them is most of
    what building the demo costs, and no test looks at their pixels."""
    call_command("load_demo_content", verbosity=0, image_scale=0.25, **options)


# For data sets whose pictures are counted, not looked at: their renditions cost little to make.
TINY = (40, 25)


def make_image(title="Тестовое изображение", size=(400, 250), colour=(11, 79, 138)):
    """A real JPEG drawn by Pillow, saved as a Wagtail image."""
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return Image.objects.create(
        title=title, description=f"Описание: {title}", file=ImageFile(buffer, name="test.jpg")
    )


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_page(parent, page):
    parent.add_child(instance=page)
    return publish(page)


@pytest.fixture
def editor(client, django_user_model):
    """A client signed in to the admin as a superuser editor."""
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "x"))
    return client


@pytest.fixture
def wagtail_roots(db):
    """Wagtail's root page, root collection (every image goes in it) and default locale.

    Migrations make them, but a test that flushes the database (live server, transaction=True)
    removes them, and such a test may have run just before on the same worker.
    """
    return tree_root()


@contextmanager
def kept_for_the_module(django_db_blocker, files_folder, **settings):
    """Rows built once for a module's tests, by a module-scoped fixture, and rolled back after
    its last test; each test runs in a savepoint inside, so what a test changes goes with it.

    Their files are saved under `files_folder`, the module's own (override the fixture of that
    name with a module-scoped one, so its tests find them too); `settings` are other settings
    to build them with. The suite runs each file in one process (--dist loadfile), so such a
    fixture is built once per file.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(**files_settings(files_folder), **settings),
        transaction.atomic(),
    ):
        for cache in caches.all():
            cache.clear()  # rows and rendition URLs cached by earlier tests, rolled back since
        yield
        transaction.set_rollback(True)
    for cache in caches.all():
        cache.clear()


@contextmanager
def indexed_once():
    """Rows saved inside go into the search index and Wagtail's reference index once each, as
    their last save left them, instead of after every save: an item is saved, then its
    revision, then it is published, and each save redoes both indexes' work. The same tasks
    run, once per row, when the block ends: the indexes end as they would have.

    For building a large data set; a row deleted inside would stay in the indexes.
    """
    saved = {}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[(sender._meta.app_label, sender._meta.model_name, str(instance.pk))] = sender

    backends = {
        name: {**config, "AUTO_UPDATE": False}
        for name, config in django_settings.WAGTAILSEARCH_BACKENDS.items()
    }
    post_save.connect(remember, weak=False, dispatch_uid="tests.indexed_once")
    try:
        with (
            override_settings(WAGTAILSEARCH_BACKENDS=backends),
            disable_reference_index_auto_update(),
        ):
            yield
    finally:
        post_save.disconnect(dispatch_uid="tests.indexed_once")
    searched = [
        model for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]  # fmt: skip
    for key, model in saved.items():
        if model in searched:
            insert_or_update_object_task.enqueue(*key)
        if model in ReferenceIndex.tracked_models:
            update_reference_index_task.enqueue(*key)


def fresh(item):
    """The row of a model instance read again: a module's data set outlives the objects its
    tests change."""
    return type(item).objects.get(pk=item.pk)


def make_home():
    """The site's home page, the only one under the root, served as testserver."""
    root = tree_root()
    for welcome in root.get_children():
        welcome.delete()
    home = HomePage(title="Библиотека", slug="home")
    root.add_child(instance=home)
    publish(home)
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "Тест"},
    )
    # As on a running site: made on its first page view otherwise, a change that makes every
    # kept page, fragment and route stale between a test's first and second request.
    SiteSettings.for_site(site)
    return home


@pytest.fixture
def home(wagtail_roots):
    return make_home()


def make_news_index(home):
    return add_page(home, NewsIndexPage(title="Новости", show_in_menus=True))


@pytest.fixture
def news_index(home):
    return make_news_index(home)


@pytest.fixture
def rubric(db):
    return NewsRubric.objects.create(name="Конкурсы")


def make_news(
    news_index,
    title="Новость",
    date=datetime.date(2026, 11, 1),
    tags=(),
    image=None,
    rubric=None,
    body=None,
    live=True,
    **fields,
):
    """A news page under the index; published unless live=False (then a draft). `fields`
    are other fields and child relations (news_partners, related_news) it is saved with."""
    page = NewsPage(
        title=title,
        date=date,
        lead=f"Анонс: {title}",
        main_image=image,
        rubric=rubric,
        body=body or [("paragraph", RichText(f"<p>Текст новости «{title}».</p>"))],
        **fields,
    )
    page.tags.add(*tags)
    if not live:
        page.live = False
        news_index.add_child(instance=page)
        page.save_revision()
        return page
    return add_page(news_index, page)


def make_standard_page(home):
    return add_page(
        home,
        StandardPage(
            title="О библиотеке",
            lead="Библиотека для детей и молодёжи",
            body=[("paragraph", RichText("<p>Мы работаем с 1924 года.</p>"))],
            show_in_menus=True,
        ),
    )


@pytest.fixture
def standard_page(home):
    return make_standard_page(home)


def restrict(page, password="секрет"):
    """A password view restriction, as an editor sets it in the admin."""
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


def make_slide(title="Слайд", image=None, live=True, **fields):
    """A slide saved and published as an editor would, or left as a draft."""
    from cms.models import Slide

    slide = Slide(title=title, image=image or make_image(f"Слайд {title}"), **fields)
    slide.full_clean()
    slide.save()
    if live:
        slide.save_revision().publish()
    else:
        slide.live = False
        slide.save()
        slide.save_revision()
    slide.refresh_from_db()
    return slide


def make_promo(title="Промо", group="projects", live=True, image=None, **fields):
    from cms.models import PromoBlock

    image = image or make_image(f"Промо {title}")
    promo = PromoBlock(title=title, group=group, image=image, **fields)
    promo.save()
    if live:
        promo.save_revision().publish()
    else:
        promo.live = False
        promo.save()
    return promo


def make_partner(short_name="Библиотека", live=True, logo=True, **fields):
    """A partner, with a logo drawn for it (logo=True), the given image, or none (logo=False)."""
    from partners.models import Partner

    values = {"full_name": f"{short_name} (полное название)", "city": "Томск", "country": "Россия"}
    if logo is True:
        logo = make_image(f"Логотип {short_name}")
    partner = Partner(short_name=short_name, logo=logo or None, **(values | fields))
    partner.save()
    if live:
        partner.save_revision().publish()
    else:
        partner.live = False
        partner.save()
    partner.refresh_from_db()
    return partner


def make_directory(home):
    from partners.models import PartnerDirectoryPage

    return add_page(home, PartnerDirectoryPage(title="Библиотеки-партнёры", show_in_menus=True))


@pytest.fixture
def directory(home):
    return make_directory(home)
