"""The moderation queue in the Wagtail admin: filters, the edit form, bulk actions, the panel."""

import django_filters

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from django.utils.html import format_html

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from news.models import NewsPage

from .admin_views import CommentModerationView
from .models import CommentStopWord, ReaderComment
from .moderation import approve, moderation_url, remove

STATUS_CHOICES = list(ReaderComment.STATUS_LABELS.items())


def news_page_choices():
    return [
        (str(pk), title)
        for pk, title in NewsPage.objects.order_by("-date").values_list("pk", "title")
    ]


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from readers only: nobody adds one in the admin, not even a superuser."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


class ReaderCommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Состояние", choices=STATUS_CHOICES, method="filter_status", empty_label="Все"
    )
    news = django_filters.ChoiceFilter(
        label="Новость", choices=news_page_choices, method="filter_page", empty_label="Все"
    )
    submit_date = django_filters.DateFromToRangeFilter(label="Дата", widget=DateRangePickerWidget)

    class Meta:
        model = ReaderComment
        fields = []

    def filter_status(self, queryset, name, value):
        return {
            ReaderComment.STATUS_PENDING: queryset.pending(),
            ReaderComment.STATUS_APPROVED: queryset.approved(),
            ReaderComment.STATUS_REMOVED: queryset.removed(),
        }[value]

    def filter_page(self, queryset, name, value):
        return queryset.filter(
            content_type=ContentType.objects.get_for_model(NewsPage), object_pk=value
        )


class ReaderCommentAdminForm(WagtailAdminModelForm):
    """The moderator picks a state; approving here e-mails followers like the bulk action."""

    status = forms.ChoiceField(label="Состояние", choices=STATUS_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["status"] = self.instance.status

    def save(self, commit=True):
        comment = super().save(commit=False)
        status = self.cleaned_data["status"]
        was_approved = ReaderComment.objects.filter(pk=comment.pk).approved().exists()
        comment.is_public = status == ReaderComment.STATUS_APPROVED
        comment.is_removed = status == ReaderComment.STATUS_REMOVED
        if commit:
            comment.save()
            if comment.is_approved and not was_approved:
                comment.is_public = False  # approve() acts on what is not yet visible
                approve([comment])
        return comment


class CommentContextPanel(Panel):
    """The page, the author's details, attachments and place, for the moderator to judge."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "comments/admin/context_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["comment"] = self.instance
            return context


class ApproveBulkAction(SnippetBulkAction):
    display_name = "Одобрить"
    action_type = "approve_comments"
    aria_label = "Одобрить выбранные комментарии"
    template_name = "comments/admin/confirm_bulk.html"
    action_priority = 10
    models = [ReaderComment]

    def check_perm(self, obj):
        return self.request.user.has_perm("news.change_readercomment")

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return approve(objects, user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"Одобрено комментариев: {num_parent_objects}."

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"verb": "Одобрить"}


class RemoveBulkAction(ApproveBulkAction):
    display_name = "Снять с публикации"
    action_type = "remove_comments"
    aria_label = "Снять выбранные комментарии с публикации"
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return remove(objects, user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"Снято с публикации комментариев: {num_parent_objects}."

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"verb": "Снять с публикации"}


def page_link(comment):
    page = comment.content_object
    if page is None:
        return "—"
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', page.url, page.title)


class ReaderCommentViewSet(SnippetViewSet):
    model = ReaderComment
    icon = "comment"
    menu_label = "Комментарии"
    url_prefix = "comments"
    list_per_page = 50
    ordering = ["-submit_date"]
    filterset_class = ReaderCommentFilterSet
    search_fields = ["comment", "user_name", "user_email", "place_name"]
    search_backend_name = None  # plain database lookups: comments are not in the search index
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = CommentModerationView
    inspect_template_name = "comments/admin/moderate.html"
    list_display = [
        # The row opens the comment's moderation page (the edit form is a button away there).
        TitleColumn("excerpt", label="Комментарий", accessor="__str__", get_url=moderation_url),
        StatusTagColumn("status_label", label="Состояние", primary=lambda c: c.is_approved),
        Column("hold_reason", label="Задержан"),
        Column("page_link", label="Новость", accessor=page_link),
        Column("attachment_count", label="Файлы", accessor=lambda c: len(c.attachments.all())),
        DateColumn("submit_date", label="Отправлен"),
    ]
    edit_handler = ObjectList(
        [
            CommentContextPanel(heading="Комментарий"),
            FieldPanel("status"),
            FieldPanel("user_name"),
            FieldPanel("comment"),
            FieldPanel("place_name"),
        ],
        base_form_class=ReaderCommentAdminForm,
    )

    def get_queryset(self, request):
        return ReaderComment.objects.prefetch_related("content_object", "attachments")

    @cached_property
    def list_filter(self):
        return None


class CommentStopWordViewSet(SnippetViewSet):
    model = CommentStopWord
    icon = "warning"
    menu_label = "Стоп-слова"
    url_prefix = "comment-stop-words"
    list_display = ["word"]
    search_fields = ["word"]
    search_backend_name = None


class CommentsViewSetGroup(SnippetViewSetGroup):
    items = (ReaderCommentViewSet, CommentStopWordViewSet)
    menu_icon = "comment"
    menu_label = "Комментарии"
    menu_name = "comments"
    menu_order = 220


class PendingCommentsPanel(Component):
    """The dashboard's count of comments waiting for a moderator."""

    name = "pending_comments"
    order = 50
    template_name = "comments/admin/pending_panel.html"

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context=None):
        return {"count": self.count}
