"""The audiences' admin; home.wagtail_hooks puts it in the «Справочники» menu group."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EventAudience


class EventAudienceViewSet(SnippetViewSet):
    model = EventAudience
    icon = "group"
    menu_label = "Аудитории событий"
    list_display = ["name", "slug"]
