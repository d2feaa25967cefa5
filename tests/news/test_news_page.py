import json
import re

import pytest

from django.utils import timezone

from wagtail.rich_text import RichText

from news.models import NewsPage, NewsPageRelatedNews
from tests.conftest import make_image, make_news, publish


@pytest.fixture
def article(news_index, rubric):
    return make_news(
        news_index,
        title="Библиотека заключила новое соглашение",
        image=make_image("Подписание соглашения"),
        rubric=rubric,
        tags=["сотрудничество", "Беларусь"],
    )


@pytest.mark.django_db
def test_news_page_shows_date_in_russian_lead_and_tags(client, article):
    html = client.get(article.url).content.decode()
    assert "1 ноября 2026" in html
    assert "Анонс: Библиотека заключила новое соглашение" in html
    assert 'href="/novosti/?tag=belarus"' in html
    assert "Конкурсы" in html


@pytest.mark.django_db
def test_news_page_has_canonical_opengraph_and_news_article_json_ld(client, article):
    html = client.get(article.url).content.decode()
    url = "http://testserver/novosti/biblioteka-zaklyuchila-novoe-soglashenie/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert 'property="og:image"' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["datePublished"] == "2026-11-01"
    assert data["image"].startswith("http://testserver/")


@pytest.mark.django_db
@pytest.mark.parametrize("in_bucket", [False, True])
def test_social_image_is_an_absolute_url_on_disk_and_in_object_storage(
    client, news_index, request, in_bucket
):
    media_url = request.getfixturevalue("object_storage").media_url if in_bucket else None
    page = make_news(news_index, image=make_image("Обложка"))
    html = client.get(page.url).content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert image.startswith(media_url or "http://testserver/media/images/"), image
    assert image.endswith(".jpg") and image.count("http") == 1


@pytest.mark.django_db
def test_json_ld_cannot_be_broken_out_of(client, news_index):
    body = [("paragraph", RichText("<p>Текст</p>"))]
    page = make_news(news_index, title="</script><script>alert(1)</script>", body=body)
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in html


@pytest.mark.django_db
def test_main_image_is_responsive_webp_with_size_and_alt(client, article):
    html = client.get(article.url).content.decode()
    picture = re.search(r"<figure class=\"main-image\">(.*?)</figure>", html, re.S).group(1)
    assert 'type="image/webp"' in picture
    assert "srcset=" in picture
    assert re.search(r'<img[^>]+width="\d+"[^>]+height="\d+"', picture) or re.search(
        r'<img[^>]+height="\d+"[^>]+width="\d+"', picture
    )
    assert 'alt="Описание: Подписание соглашения"' in picture


@pytest.mark.django_db
def test_body_blocks_render(client, news_index):
    image = make_image("Фото в тексте")
    body = [
        ("paragraph", RichText("<p>Первый абзац</p>")),
        ("image", {"image": image, "alt": "Читатели в зале", "caption": "Читальный зал"}),
        ("gallery", {"title": "Фото", "images": [{"image": image, "alt": "", "caption": ""}]}),
        ("quote", {"text": "Книга — лучший друг", "author": "Народная мудрость"}),
        ("video", {"url": "https://rutube.ru/video/abc/", "title": "Видеовстреча"}),
    ]
    page = make_news(news_index, title="Новость с блоками", body=body)
    html = client.get(page.url).content.decode()
    for text in ("Первый абзац", "Читальный зал", 'alt="Читатели в зале"', "Книга — лучший друг"):
        assert text in html
    assert 'href="https://rutube.ru/video/abc/"' in html
    assert "<iframe" not in html


@pytest.mark.django_db
def test_publication_date_defaults_to_first_publication(news_index):
    page = NewsPage(title="Без даты", lead="Анонс", body=[])
    news_index.add_child(instance=page)
    publish(page)
    assert page.date == timezone.localdate(page.first_published_at)


@pytest.mark.django_db
def test_related_news_shows_only_live_items(client, news_index):
    page = make_news(news_index, title="Главная новость")
    visible = make_news(news_index, title="Видимая связанная")
    draft = make_news(news_index, title="Скрытая связанная", live=False)
    page.related_news = [NewsPageRelatedNews(related=visible), NewsPageRelatedNews(related=draft)]
    publish(page)
    html = client.get(page.url).content.decode()
    assert "Читайте также" in html
    assert "Видимая связанная" in html
    assert "Скрытая связанная" not in html
