"""Reading a news item: gallery thumbnails link to the photo full size (the viewer's no-JS
path) in a fixed number of queries, and «Решаем вместе» sits where the site settings put it,
on the page and in the API."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.models import SiteSettings
from tests.conftest import forget_fragments, make_image, make_news

FULL_SIZE = "max-1600x1600|format-jpeg"
THUMBNAIL_LINK = re.compile(r'<a class="gallery__link" href="([^"]+)"')


def gallery_news(news_index, images, title="Фотоотчёт"):
    body = [
        ("paragraph", RichText("<p>Текст</p>")),
        (
            "gallery",
            {
                "title": "Фотографии",
                "images": [
                    {"image": image, "alt": f"Фото {n}", "caption": f"Подпись {n}"}
                    for n, image in enumerate(images, 1)
                ],
            },
        ),
    ]
    return make_news(news_index, title=title, body=body)


def site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.mark.django_db
def test_each_gallery_thumbnail_links_to_a_large_rendition_not_the_upload(client, news_index):
    photos = [make_image("Зал", size=(2400, 1600)), make_image("Сцена", size=(800, 600))]
    page = gallery_news(news_index, photos)
    html = client.get(page.url).content.decode()
    links = THUMBNAIL_LINK.findall(html)
    assert links == [photo.get_rendition(FULL_SIZE).url for photo in photos]
    assert all(photo.file.url not in html for photo in photos)
    sizes = [(r.width, r.height) for r in (photo.get_rendition(FULL_SIZE) for photo in photos)]
    assert sizes == [(1600, 1066), (800, 600)]  # a large photo is scaled down, never up
    assert 'data-alt="Фото 1" data-caption="Подпись 1"' in html
    assert "/static/js/gallery.js" in html


def count_queries(client, url):
    forget_fragments()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_gallery_of_thirty_runs_the_queries_of_a_gallery_of_one(client, news_index):
    """The large rendition comes with the thumbnails' prefetch, made ahead at publish."""
    one = gallery_news(news_index, [make_image("Одна")], title="Одно фото")
    thirty = gallery_news(news_index, [make_image(f"Фото {n}") for n in range(30)])
    assert len(THUMBNAIL_LINK.findall(client.get(thirty.url).content.decode())) == 30
    assert count_queries(client, thirty.url) == count_queries(client, one.url)


def block_position(html):
    """Where «Решаем вместе» is relative to the article and the comments, or None."""
    if 'class="decide"' not in html:
        return None
    decide = html.index('class="decide"')
    if decide < html.index("</article>"):
        return "in the article"
    return "after_body" if decide < html.index('id="comments"') else "after_comments"


@pytest.mark.django_db
@pytest.mark.parametrize("placement", ["after_body", "after_comments", "hidden"])
def test_placement_setting_moves_decide_together_on_news_pages_and_in_the_api(
    client, news_index, page_cache_on, placement
):
    page = make_news(news_index, title="Новость с блоком")
    assert block_position(client.get(page.url).content.decode()) == "after_comments"  # default
    settings = site_settings()
    settings.decide_news_placement = placement
    settings.save()
    # A reader of the cached page sees the change at once (saving settings bumps the cache).
    html = client.get(page.url).content.decode()
    assert block_position(html) == (None if placement == "hidden" else placement)
    assert 'class="decide"' in client.get("/").content.decode()  # the home page keeps its own
    for version in ("v2", "v3"):
        data = client.get(f"/api/{version}/pages/{page.pk}/").json()["decide_together"]
        if placement == "hidden":
            assert data is None
        else:
            assert data["placement"] == placement
            assert data["heading"] == settings.decide_title
    news_placement = client.get("/api/v2/settings/").json()["decide_together"]["news_placement"]
    assert news_placement == (None if placement == "hidden" else placement)


@pytest.mark.django_db
def test_switched_off_decide_together_is_nowhere_on_news_pages(client, news_index):
    page = make_news(news_index, title="Новость без блока")
    settings = site_settings()
    settings.decide_enabled = False
    settings.save()
    assert 'class="decide"' not in client.get(page.url).content.decode()
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["decide_together"] is None


@pytest.mark.django_db
def test_news_card_without_image_draws_its_picture_space(client, news_index):
    make_news(news_index, title="Без картинки")
    make_news(news_index, title="С картинкой", image=make_image("Картинка"))
    html = client.get(news_index.url).content.decode()
    cards = html.split('<article class="news-card">')[1:]
    without = next(card for card in cards if "Без картинки" in card)
    with_image = next(card for card in cards if "С картинкой" in card)
    assert 'class="news-card__placeholder" aria-hidden="true"' in without
    assert "<img" not in without
    assert "news-card__placeholder" not in with_image
