from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsRubric


class NewsRubricViewSet(SnippetViewSet):
    model = NewsRubric
    icon = "tag"
    menu_label = "Рубрики новостей"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(NewsRubricViewSet)
