"""Headless Debian Chromium driven by Playwright against pytest-django's live server."""

import os
import shutil
import threading
import weakref
from pathlib import Path

import pytest

from django.core.management import call_command
from django.db import connections
from django.db.backends.signals import connection_created

from tests.browser.helpers import watch_policy_violations
from tests.conftest import load_demo
from tests.snapshot import Snapshot
from tooling.chromium import CHROMIUM, launch

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the
# same thread (fixtures) would otherwise be refused as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Chromium for a module's tests. Per module, not per session: while Playwright's sync
    API runs it keeps an event loop running in this thread, where async_to_sync (Django's
    test client calling an async view, /readyz/) refuses to run; so it stops with the
    module that needed it, before another module's tests come in the same process."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make chromium` (Debian's package).")
    from playwright.sync_api import sync_playwright

    # Once Playwright's event loop runs in this thread, Django keeps its connections per
    # context, and code later in the session gets other connection objects than the code
    # before it. Whatever stays open when the session ends keeps PostgreSQL from dropping
    # the test database, so every connection is closed: those made so far now, the others
    # (remembered as they are made) before the test database goes (django_db_setup, on
    # which this fixture depends, is torn down after it).
    connections.close_all()
    opened, this_thread = weakref.WeakSet(), threading.get_ident()

    def remember(connection, **kwargs):
        if connection._thread_ident == this_thread:  # the live server closes its own
            opened.add(connection)

    connection_created.connect(remember, weak=False)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
    connection_created.disconnect(remember)
    for wrapper in list(opened):
        wrapper.close()


@pytest.fixture
def policy_violations():
    """What the security policies refused in the tabs of `open_page`, so far."""
    return []


@pytest.fixture
def open_page(browser, policy_violations):
    """A fresh browser tab of the given width; requests to other hosts and anything the
    site's Content-Security-Policy refuses make the test fail."""
    contexts = []
    foreign_requests = []
    violations = policy_violations

    def open_tab(width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
        contexts.append(context)
        watch_policy_violations(context, violations)
        tab = context.new_page()
        tab.on(
            "request",
            lambda request: (
                None
                if request.url.startswith(("http://localhost", "http://127.0.0.1", "data:"))
                else foreign_requests.append(request.url)
            ),
        )
        return tab

    yield open_tab
    for context in contexts:
        context.close()
    assert foreign_requests == [], "pages requested third-party hosts"
    assert violations == [], "the security policy refused something"


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(tab, name):
        path = ARTIFACTS / f"{name}.png"
        # Lazy images below the fold load only once scrolled to.
        tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        tab.wait_for_load_state("networkidle")
        tab.evaluate("window.scrollTo(0, 0)")
        tab.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def files_folder(tmp_path_factory):
    """The demo's images and comment files, made once per worker with its database rows.

    A test that deleted a demo image or comment file through the ORM (its file goes too)
    would leave the next tests' restored rows naming a missing file: it needs its own copy.
    """
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="session")
def demo_snapshot():
    """Filled by the first test that needs the demo site on this worker."""
    return {}


@pytest.fixture
def demo_site(transactional_db, settings, demo_snapshot):
    """The demo site as `make run` builds it, without the dev admin account.

    Built once per worker on a flushed database (what any live-server test leaves) and kept
    as a snapshot; every later test starts from that snapshot, whatever ran before it.
    """
    if "demo" in demo_snapshot:
        demo_snapshot["demo"].restore()
        return
    settings.DEMO_ADMIN_ENABLED = False
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    load_demo()
    demo_snapshot["demo"] = Snapshot("demo")


@pytest.fixture(autouse=True)
def page_cache_for_readers(page_cache_on):
    """Readers in the browser get the cache as in production, invalidation included."""
