"""Slides and promo blocks in the admin menu «На главной»."""

from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import PromoBlock, Slide


class SlideViewSet(SnippetViewSet):
    model = Slide
    icon = "image"
    menu_label = "Слайдер"
    list_display = ["title", "starts_at", "ends_at", LiveStatusTagColumn()]
    search_fields = ["title"]


class PromoBlockViewSet(SnippetViewSet):
    model = PromoBlock
    icon = "pick"
    menu_label = "Промоблоки"
    list_display = ["title", "group", "starts_at", "ends_at", LiveStatusTagColumn()]
    list_filter = ["group", "live"]
    search_fields = ["title"]


class HomePageContentGroup(SnippetViewSetGroup):
    menu_label = "На главной"
    menu_icon = "home"
    menu_order = 200
    items = (SlideViewSet, PromoBlockViewSet)


register_snippet(HomePageContentGroup)
