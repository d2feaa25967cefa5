"""What the caches keep belongs to the code that made it: after a deploy nothing old is served."""

import pytest

from django.test import Client

from wagtail.models import Site

from cms import code_version as code
from cms.fragments import cached_fragment
from cms.models import SiteSettings


@pytest.fixture
def deployed(monkeypatch):
    """Makes the next code_version() that of another release."""

    def deploy(release):
        monkeypatch.setattr(code, "code_version", lambda: release)
        monkeypatch.setattr("cms.fragments.code_version", lambda: release)
        monkeypatch.setattr("cms.pagecache.code_version", lambda: release)

    return deploy


def test_a_fragment_kept_by_one_release_is_rendered_again_by_the_next(db, deployed):
    deployed("release-1")
    assert cached_fragment("deploy-check", ["menu"], lambda: "old markup") == "old markup"
    assert cached_fragment("deploy-check", ["menu"], lambda: "unused") == "old markup"
    deployed("release-2")
    assert cached_fragment("deploy-check", ["menu"], lambda: "new markup") == "new markup"


@pytest.mark.usefixtures("page_cache_on")
def test_a_page_cached_by_one_release_is_a_miss_for_the_next(home, deployed):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # else made on first view
    deployed("release-1")
    Client().get(home.url)
    assert Client().get(home.url)["X-Page-Cache"] == "hit"
    deployed("release-2")
    assert Client().get(home.url)["X-Page-Cache"] == "miss"


def test_the_version_changes_with_a_template_and_with_collected_static_names(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>один</p>")
    manifest = tmp_path / "static" / "staticfiles.json"
    manifest.parent.mkdir()
    manifest.write_text('{"paths": {"css/site.css": "css/site.1.css"}}')
    settings.BASE_DIR, settings.STATIC_ROOT = tmp_path, tmp_path / "static"

    def current():
        code.code_version.cache_clear()
        return code.code_version()

    first = current()
    assert current() == first
    template.write_text("<p>два</p>")
    second = current()
    manifest.write_text('{"paths": {"css/site.css": "css/site.2.css"}}')
    assert len({first, second, current()}) == 3
    code.code_version.cache_clear()
