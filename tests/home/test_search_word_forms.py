"""Russian word forms find each other on both databases: PostgreSQL's `russian` search config,
SQLite's stemmed index (cms/search_sqlite.py)."""

import pytest

from django.core.management import call_command
from django.db import connection

from wagtail.search.models import IndexEntry
from wagtail.search.query import Phrase

from cms.search_index_format import index_format, set_index_format
from cms.search_stemming import INDEX_FORMAT
from news.models import NewsPage
from tests.conftest import make_news

LIBRARY = "Новая библиотека открылась на Весенней улице"
TOMSK = "Марафон чтения в Томске"
UNRELATED = "Конкурс рисунков для малышей"


@pytest.fixture
def word_forms(news_index):
    for title in (LIBRARY, TOMSK, UNRELATED):
        make_news(news_index, title=title)
    return news_index


def found_titles(query, **options):
    return {page.title for page in NewsPage.objects.live().search(query, **options)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, title",
    [
        ("библиотекам", LIBRARY),
        ("Библиотеки", LIBRARY),
        ("библиотеку открыли", LIBRARY),
        ("Томск", TOMSK),
        ("томского марафона", TOMSK),
        ("чтение", TOMSK),
    ],
)
def test_search_finds_other_forms_of_the_words(client, word_forms, query, title):
    assert found_titles(query) == {title}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=библиотекам",
        "/api/v2/search/?q=библиотекам",
        "/api/v3/search/?q=библиотекам",
        "/api/v2/pages/?search=библиотекам&fields=title",
        "/api/v3/pages/?search=библиотекам",
    ],
)
def test_the_search_page_and_both_apis_find_word_forms(client, word_forms, url):
    answer = client.get(url)
    assert answer.status_code == 200
    text = answer.content.decode() if url.startswith("/search/") else str(answer.json())
    assert LIBRARY in text
    assert TOMSK not in text and UNRELATED not in text


@pytest.mark.django_db
def test_search_reads_yo_as_ye_and_ignores_case(word_forms, news_index):
    make_news(news_index, title="Новогодняя ЁЛКА в читальном зале")
    assert found_titles("елки") == {"Новогодняя ЁЛКА в читальном зале"}
    assert found_titles("Ёлку") == {"Новогодняя ЁЛКА в читальном зале"}


@pytest.mark.django_db
def test_search_still_finds_english_words_and_numbers(word_forms, news_index):
    make_news(news_index, title="Library Day 2026: читаем вместе")
    assert found_titles("libraries") == {"Library Day 2026: читаем вместе"}
    assert found_titles("2026") == {"Library Day 2026: читаем вместе"}
    assert found_titles("2025") == set()


@pytest.mark.django_db
def test_search_operators_and_punctuation(client, word_forms):
    assert found_titles("Томск, — !") == {TOMSK}
    assert found_titles("Томске библиотеке") == set()
    assert found_titles("Томске библиотеке", operator="or") == {TOMSK, LIBRARY}
    assert found_titles("—") == set()
    answer = client.get(
        "/api/v2/pages/?type=news.NewsPage&search=Томск библиотека&search_operator=or"
    )
    assert {page["title"] for page in answer.json()["items"]} == {TOMSK, LIBRARY}


@pytest.mark.django_db
def test_phrases_and_autocomplete_match_word_forms(word_forms):
    assert found_titles(Phrase("марафону чтений")) == {TOMSK}
    assert found_titles(Phrase("чтения марафон")) == set()
    autocomplete = NewsPage.objects.live().autocomplete("Томс")
    assert {page.title for page in autocomplete} == {TOMSK}


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the stemmed index is SQLite's")
def test_migrate_rebuilds_an_index_written_before_stemming_once(word_forms):
    # An index as the backend wrote it before: the words themselves, no format number.
    page = NewsPage.objects.get(title=TOMSK)
    IndexEntry.objects.filter(object_id=str(page.pk)).update(title=TOMSK, body=TOMSK.lower())
    set_index_format(connection, 0)
    assert found_titles("Томск") == set()

    call_command("migrate", verbosity=0)
    assert found_titles("Томск") == {TOMSK}
    assert index_format(connection) == INDEX_FORMAT

    # Once: the next migrate leaves the index alone.
    IndexEntry.objects.filter(object_id=str(page.pk)).update(title="", body="")
    call_command("migrate", verbosity=0)
    assert found_titles("Томск") == set()
