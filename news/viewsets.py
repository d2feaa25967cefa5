from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NewsRubric


class NewsRubricViewSet(SnippetViewSet):
    model = NewsRubric
    icon = "tag"
    menu_label = "Рубрики новостей"
    list_display = ["name", "slug"]
    search_fields = ["name"]
