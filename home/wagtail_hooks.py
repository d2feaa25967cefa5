"""The admin menu group «Справочники»: partner libraries and news rubrics side by side."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from news.viewsets import NewsRubricViewSet
from partners.viewsets import PartnerViewSet


class DirectoriesGroup(SnippetViewSetGroup):
    menu_label = "Справочники"
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = (PartnerViewSet, NewsRubricViewSet)


register_snippet(DirectoriesGroup)
