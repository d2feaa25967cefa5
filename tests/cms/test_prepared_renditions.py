"""Renditions are made when an image is uploaded or its content published, never while a
reader waits: rendering every page type and API listing afterwards creates none."""

import pytest

from wagtail.images.models import Rendition
from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.models import SiteSettings
from tests.conftest import make_image, make_news, make_partner, make_promo, make_slide


@pytest.fixture
def published_content(home, news_index, directory):
    photo = make_image("Фото в тексте")
    body = [
        ("paragraph", RichText("<p>Текст</p>")),
        ("image", {"image": photo, "alt": "Зал", "caption": "Читальный зал"}),
        ("gallery", {"title": "Фото", "images": [{"image": photo, "alt": "", "caption": ""}]}),
    ]
    article = make_news(
        news_index, title="Новость с картинками", image=make_image("Главная"), body=body
    )
    make_slide(title="Слайд")
    make_promo(title="Конкурс")
    partner = make_partner("ЦСДБ г. Минска", featured=True)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.banner_enabled = True
    settings.banner_text = "Пушкинская карта"
    settings.banner_url = "https://www.culture.ru/pushkinskaya-karta"
    settings.banner_image = make_image("Баннер", size=(200, 100))
    settings.save()
    return [
        home.url,
        news_index.url,
        article.url,
        directory.url,
        f"{directory.url}{partner.slug}/",
        "/api/v2/pages/?type=news.NewsPage&fields=*",
        f"/api/v2/pages/{article.pk}/",
        "/api/v2/images/",
        "/api/v2/slides/",
        "/api/v2/promos/",
        "/api/v2/partners/",
        "/api/v2/settings/",
    ]


def test_uploaded_image_has_its_api_renditions_at_once(home):
    image = make_image("Новая")
    assert image.renditions.count() == 6


def test_readers_never_wait_for_a_rendition(client, published_content):
    before = Rendition.objects.count()
    assert before > 0
    for url in published_content:
        assert client.get(url).status_code == 200, url
    made = Rendition.objects.count() - before
    assert made == 0
