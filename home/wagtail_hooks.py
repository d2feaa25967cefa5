"""The admin menu group «Справочники»: partner libraries, news rubrics and the events'
audiences side by side."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from events.viewsets import EventAudienceViewSet
from news.viewsets import NewsRubricViewSet
from partners.viewsets import PartnerViewSet


class DirectoriesGroup(SnippetViewSetGroup):
    menu_label = "Справочники"
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = (PartnerViewSet, NewsRubricViewSet, EventAudienceViewSet)


register_snippet(DirectoriesGroup)
