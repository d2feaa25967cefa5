"""The least content the restart test needs, built in the site's own database by
`manage.py shell -c "from tests.cms.restart_content import build; build(<port>)"`:
a home page, a news item with comments open and the «Решаем вместе» form."""

from django.db import transaction

from wagtail.models import Site

from cms.tree import tree_root
from home.models import HomePage
from news.models import NewsIndexPage
from tests.conftest import add_page, make_news
from tests.feedback.helpers import make_feedback_page


@transaction.atomic
def build(port):
    root = tree_root()
    for welcome in root.get_children():
        welcome.delete()
    home = add_page(root, HomePage(title="Библиотека", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "127.0.0.1", "port": port, "root_page": home, "site_name": "Тест"},
    )
    news_index = add_page(home, NewsIndexPage(title="Новости", show_in_menus=True))
    make_news(news_index, title="Новость под нагрузкой")
    make_feedback_page(home)
