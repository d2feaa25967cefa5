"""«Записи на события» in the admin: readers' sign-ups by event, date and status, with the
CSV/XLSX export for the librarian at the door. Readers make and cancel sign-ups; staff only
look (their personal data is the «Записи на события» group's and the superusers' to see)."""

import django_filters

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet

from cms.groups import ensure_group

from .signups import EventSignUp, SignUpStatus

SIGN_UPS_GROUP = "Записи на события"
SIGN_UPS_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("events", "eventsignup", "view_eventsignup"),
]


def ensure_sign_ups_group(**kwargs):
    """May open the admin and see readers' sign-ups, nothing else; editors who run events are
    added to it."""
    return ensure_group(SIGN_UPS_GROUP, SIGN_UPS_PERMISSIONS)


class ViewOnlyPolicy(ModelPermissionPolicy):
    """Sign-ups come from readers only; nobody adds, edits or deletes one in the admin
    (purge_event_signups and export_personal_data --delete remove them)."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


def event_choices():
    events = EventSignUp.objects.values_list("occurrence__page_id", "occurrence__page__title")
    return sorted({(str(pk), title) for pk, title in events}, key=lambda choice: choice[1])


class EventSignUpFilterSet(WagtailFilterSet):
    event = django_filters.ChoiceFilter(
        label="Событие", choices=event_choices, field_name="occurrence__page", empty_label="Все"
    )
    date = django_filters.DateFromToRangeFilter(
        label="Дата события", field_name="occurrence__start", widget=DateRangePickerWidget
    )
    status = django_filters.ChoiceFilter(
        label="Статус", choices=SignUpStatus.choices, empty_label="Все"
    )

    class Meta:
        model = EventSignUp
        fields = []


class EventSignUpInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return "да" if value else "нет"
        return value


def date_of(sign_up):
    """The date in words and local time: Wagtail's DateColumn says «Только что» of a date
    to come."""
    return date_format(timezone.localtime(sign_up.occurrence.start), "j E Y, H:i")


class EventSignUpViewSet(SnippetViewSet):
    model = EventSignUp
    icon = "date"
    menu_label = "Записи на события"
    menu_order = 240
    add_to_admin_menu = True
    url_prefix = "event-sign-ups"
    list_per_page = 100
    ordering = ["occurrence__start", "status", "waiting_position", "created_at"]
    filterset_class = EventSignUpFilterSet
    search_fields = ["name", "email", "phone", "occurrence__page__title"]
    search_backend_name = None  # plain database lookups: sign-ups are not in the search index
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = EventSignUpInspectView
    # Not the key: it is the reader's link to cancel, theirs alone.
    inspect_view_fields = [
        "occurrence", "name", "email", "phone", "seats", "child_age", "comment", "status",
        "waiting_position", "created_at", "cancelled_at", "mail_sent", "consent_policy_version",
        "consent_at",
    ]  # fmt: skip
    list_display = [
        TitleColumn("name", label="Имя"),
        Column("contact", label="Контакты"),
        Column("seats", label="Мест"),
        Column("child_age", label="Возраст ребёнка"),
        StatusTagColumn(
            "get_status_display", label="Статус", primary=lambda sign_up: sign_up.is_confirmed
        ),
        Column("waiting_position", label="№ в листе ожидания"),
        Column("event", label="Событие", accessor="occurrence.page.title"),
        Column("date", label="Дата события", accessor=date_of),
        DateColumn("created_at", label="Записан"),
    ]
    list_export = [
        "occurrence.page.title", "occurrence.start", "name", "email", "phone", "seats",
        "child_age", "comment", "get_status_display", "waiting_position", "created_at",
        "consent_policy_version", "consent_at",
    ]  # fmt: skip
    export_headings = {
        "occurrence.page.title": "Событие",
        "occurrence.start": "Дата события",
        "get_status_display": "Статус",
    }
    export_filename = "zapisi-na-sobytiya"

    def get_queryset(self, request):
        return EventSignUp.objects.select_related("occurrence__page")


def refuse_deleting_signed_up_events(request, page):
    """Deleting an event would take its readers' sign-ups with it, unannounced: refused
    while any remain (the database's PROTECT would otherwise answer with an error)."""
    pages = Page.objects.descendant_of(page, inclusive=True)
    count = EventSignUp.objects.filter(occurrence__page__in=pages).count()
    if count:
        messages.error(
            request,
            f"Страницу нельзя удалить: на события в ней записаны читатели ({count}). "
            "Отмените даты или снимите событие с публикации; записи удалятся по сроку "
            "хранения после даты события.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
