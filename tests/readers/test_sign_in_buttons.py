"""«Войти с помощью»: a button per configured provider on the sign-in and sign-up pages and in
the comment form's guest notice, in the site's own markup; nothing when none is configured."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_news
from tests.readers.sign_in_helpers import (
    LABELS,
    PROVIDER_HOSTS,
    add_app,
    buttons,
    form_action,
    from_environment_only,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость с формой комментария")


def pages(client, article):
    """The pages that may carry the buttons, and one with the header only."""
    return {
        url: client.get(url).content.decode()
        for url in ("/accounts/login/", "/accounts/signup/", article.url, "/")
    }


def test_no_button_and_no_provider_in_the_policy_with_nothing_configured(client, settings, article):
    from_environment_only(settings)
    for url, html in pages(client, article).items():
        assert "social-sign-in" not in html, url
        assert "/login/?process=" not in html, url
        assert "Войти с помощью" not in html, url
        assert form_action(client.get(url)) == ["'self'"], url


def test_buttons_for_exactly_the_configured_providers_in_the_sites_order(client, settings, article):
    from_environment_only(settings, "telegram", "yandex")  # the deployment's environment
    add_app("vk")  # and one an administrator entered
    for url in ("/accounts/login/", "/accounts/signup/", article.url):
        html = client.get(url).content.decode()
        assert [provider for provider, _ in buttons(html)] == ["vk", "yandex", "telegram"], url
        for provider in ("vk", "yandex", "telegram"):
            name = LABELS[provider]
            assert re.search(
                rf'<span class="visually-hidden">Войти через </span>{re.escape(name)}\s*</button>',
                html,
            ), (url, provider)
        assert "Одноклассники" not in html and "Mail.ru" not in html
    header = client.get("/").content.decode()
    assert buttons(header) == []


def test_the_comment_forms_guest_notice_has_the_row_and_signed_in_readers_do_not(
    client, django_user_model, article
):
    add_app("vk")
    html = client.get(article.url).content.decode()
    notice = html[html.index("Добавление комментария от гостя.") :]
    assert notice.index("Войти с помощью") < notice.index("comment-form__moderation")
    reader = django_user_model.objects.create_user("Анна", "anna@example.org", "x")
    client.force_login(reader)
    assert buttons(client.get(article.url).content.decode()) == []


def test_no_page_refers_to_the_providers_hosts(client, settings, article):
    from_environment_only(settings, "yandex", "odnoklassniki", "mailru", "telegram")
    add_app("vk")
    for url, html in pages(client, article).items():
        assert not PROVIDER_HOSTS.search(html), (url, PROVIDER_HOSTS.search(html))
        for source in re.findall(r'<(?:script|img|iframe)[^>]* src="([^"]+)"', html):
            assert source.startswith("/"), (url, source)  # nothing but the site's own


def test_the_buttons_post_with_a_token_and_return_the_reader_where_they_were(
    client, settings, article
):
    from_environment_only(settings, "yandex")
    html = client.get(article.url).content.decode()
    ((provider, action),) = buttons(html)
    assert parse_qs(urlsplit(action).query) == {
        "process": ["login"],
        "next": [f"{article.url}#comment-form"],
    }
    form = html[html.index(f'action="{action.replace("&", "&amp;")}"') :]
    assert form.index('name="csrfmiddlewaretoken"') < form.index("</form>")
    # The e-mail and password sign-in linked from the form returns there too, and so do
    # the buttons on that page.
    login = re.search(r'<a href="(/accounts/login/[^"]*)">войдите</a>', html).group(1)
    sign_in_page = client.get(login.replace("&amp;", "&")).content.decode()
    assert f'name="next" value="{article.url}#comment-form"' in sign_in_page
    ((_, action),) = buttons(sign_in_page)
    assert parse_qs(urlsplit(action).query)["next"] == [f"{article.url}#comment-form"]


def test_configured_apps_are_looked_up_once_per_page(client, settings, article):
    add_app("vk")
    add_app("odnoklassniki")
    for url in (article.url, "/accounts/login/"):
        with CaptureQueriesContext(connection) as queries:
            assert len(buttons(client.get(url).content.decode())) == 2
        lookups = [q["sql"] for q in queries if "socialaccount_socialapp" in q["sql"]]
        assert len(lookups) == 1, (url, lookups)
