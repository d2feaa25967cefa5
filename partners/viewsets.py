"""The partners' admin; home.wagtail_hooks puts it in the «Справочники» menu group."""

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, LiveStatusTagColumn
from wagtail.snippets.views.snippets import SnippetViewSet

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
