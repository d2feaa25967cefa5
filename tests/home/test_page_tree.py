import pytest

from wagtail.models import Page

from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage


def test_home_page_is_the_only_site_root():
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
    assert HomePage.max_count == 1


@pytest.mark.django_db
def test_news_page_can_only_live_under_the_news_index(home, news_index):
    assert NewsPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home)
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []


@pytest.mark.django_db
def test_only_one_news_index_per_site(home, news_index):
    assert not NewsIndexPage.can_create_at(home)
    assert set(NewsIndexPage.allowed_subpage_models()) == {NewsPage}


@pytest.mark.django_db
def test_standard_pages_nest_under_home_and_each_other(home, standard_page):
    assert StandardPage.can_create_at(home)
    assert StandardPage.can_create_at(standard_page)
    assert not StandardPage.can_create_at(Page.get_first_root_node())


@pytest.mark.django_db
def test_home_page_cannot_be_created_twice(home):
    assert not HomePage.can_create_at(Page.get_first_root_node())
