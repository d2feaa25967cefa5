"""An editor creates, schedules and publishes news in the Russian admin."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.slugs import slugify_russian
from news.models import NewsPage
from tests.conftest import make_image


def news_form(image, **extra):
    return nested_form_data(
        {
            "title": "Открытие выставки «Книги моего детства»",
            # The admin's JavaScript fills the slug from the title with this table.
            "slug": slugify_russian("Открытие выставки «Книги моего детства»"),
            "date": "",
            "lead": "Выставка открыта до конца месяца.",
            "main_image": image.pk,
            "main_image_alt": "Витрина с книгами",
            "body": streamfield([("paragraph", rich_text("<p>Приходите всей семьёй.</p>"))]),
            "rubric": "",
            "tags": "выставки, дети",
            "related_news": inline_formset([]),
            "news_partners": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            **extra,
        }
    )


@pytest.mark.django_db
def test_admin_speaks_russian(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert 'lang="ru"' in html
    assert "Войти" in html


@pytest.mark.django_db
def test_editor_publishes_news_and_readers_find_it_everywhere(editor, news_index):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    data = news_form(make_image("Выставка")) | {"action-publish": "publish"}
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    page = NewsPage.objects.get(title__startswith="Открытие выставки")
    assert page.live
    assert page.slug == "otkrytie-vystavki-knigi-moego-detstva"
    assert page.date == timezone.localdate()
    assert sorted(tag.slug for tag in page.tags.all()) == ["deti", "vystavki"]

    reader = editor.__class__()
    assert "Открытие выставки" in reader.get(news_index.url).content.decode()
    assert "Открытие выставки" in reader.get("/rss/").content.decode()
    assert page.slug in reader.get("/sitemap.xml").content.decode()
    assert "Открытие выставки" in reader.get("/search/", {"q": "выставки"}).content.decode()


@pytest.mark.django_db
def test_scheduled_news_stays_hidden_until_its_time(editor, news_index):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    go_live = timezone.localtime() + datetime.timedelta(days=7)
    data = news_form(make_image(), go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    data["action-publish"] = "publish"
    assert editor.post(url, data).status_code == 302

    page = NewsPage.objects.get(title__startswith="Открытие выставки")
    assert not page.live
    reader = editor.__class__()
    assert "Открытие выставки" not in reader.get(news_index.url).content.decode()
    assert reader.get(f"{news_index.url}{page.slug}/").status_code == 404
