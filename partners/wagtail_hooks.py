from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from news.viewsets import NewsRubricViewSet

from .models import Partner


class PartnerFilterSet(WagtailFilterSet):
    class Meta:
        model = Partner
        fields = ["kind", "country", "featured", "live"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = "Библиотеки-партнёры"
    list_display = [
        "short_name",
        "city",
        "country",
        "kind",
        "agreement_date",
        BooleanColumn("featured", label="В карусели"),
        LiveStatusTagColumn(),
    ]
    list_export = [
        "full_name",
        "short_name",
        "kind",
        "city",
        "region",
        "country",
        "website",
        "address",
        "agreement_date",
        "agreement_number",
        "featured",
        "live",
    ]
    export_filename = "partners"
    filterset_class = PartnerFilterSet
    search_fields = ["full_name", "short_name", "city", "region"]


class DirectoriesGroup(SnippetViewSetGroup):
    menu_label = "Справочники"
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = (PartnerViewSet, NewsRubricViewSet)


register_snippet(DirectoriesGroup)
