import pytest

from cms.slugs import slugify_russian, transliterate
from home.models import StandardPage
from news.models import NewsRubric
from tests.conftest import add_page, make_news


def test_russian_title_becomes_latin_slug():
    title = "Библиотека заключила новое соглашение о профессиональном сотрудничестве"
    assert slugify_russian(title) == (
        "biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve"
    )


def test_transliteration_matches_admin_urlify_table():
    # Wagtail admin's urlify writes х as "x" and щ as "shh"; code must agree.
    assert transliterate("Хабаровск, Щёлково, Ёж, Юрга") == "Xabarovsk, Shhyolkovo, Yozh, Yurga"


def test_punctuation_and_quotes_are_dropped():
    assert slugify_russian("«Пушкинская карта»: 14–22 года!") == "pushkinskaya-karta-1422-goda"


@pytest.mark.django_db
def test_page_created_in_code_gets_transliterated_slug(news_index):
    page = make_news(news_index, title="Сказки народов Кузбасса")
    assert page.slug == "skazki-narodov-kuzbassa"


@pytest.mark.django_db
def test_duplicate_titles_get_numbered_slugs(news_index):
    first = make_news(news_index, title="Летнее чтение")
    second = make_news(news_index, title="Летнее чтение")
    assert (first.slug, second.slug) == ("letnee-chtenie", "letnee-chtenie-2")


@pytest.mark.django_db
def test_explicit_slug_is_kept(home):
    page = add_page(home, StandardPage(title="Контакты", slug="contacts"))
    assert page.slug == "contacts"


@pytest.mark.django_db
def test_rubric_slug_is_made_from_its_name():
    assert NewsRubric.objects.create(name="Пушкинская карта").slug == "pushkinskaya-karta"
