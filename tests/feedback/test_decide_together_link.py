"""The «Решаем вместе» block links to the form page only while readers can open it."""

import pytest

from django.test import override_settings

from wagtail.models import Site

from cms.models import SiteSettings
from tests.feedback.helpers import make_feedback_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_page(home):
    page = make_feedback_page(home)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.decide_page = page
    settings.save()
    return page


def decide_url(client):
    response = client.get("/api/v2/settings/")
    assert response.status_code == 200
    return response.json()["decide_together"]["url"]


def test_the_home_page_and_the_api_link_to_the_published_form(client, home, form_page):
    assert f'href="{form_page.url}">Написать обращение' in client.get(home.url).content.decode()
    assert decide_url(client) == form_page.url


def test_an_unpublished_form_page_is_linked_from_nowhere(client, home, form_page):
    form_page.unpublish()

    assert "Написать обращение" not in client.get(home.url).content.decode()
    assert decide_url(client) == ""


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_form_page_unpublished_after_it_was_linked_is_unlinked_at_once(client, home, form_page):
    """The link is kept per version of the form page (cms.models.settings.decide_url)."""
    assert "Написать обращение" in client.get(home.url).content.decode()
    form_page.unpublish()
    assert "Написать обращение" not in client.get(home.url).content.decode()
    assert decide_url(client) == ""
