"""«Обращения» in the admin: the requests' list and page, the dashboard count, and the guard
that keeps a form page with requests from being deleted."""

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import EditView

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .models import FeedbackFormPage, FeedbackRequest


class FeedbackRequestPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False  # requests come from readers only

    def user_can_delete_obj(self, user, obj):
        return False  # only purge_feedback and export_personal_data --delete remove requests


class FeedbackRequestEditView(EditView):
    """The whole request with its history, and the staff form that processes it."""

    def get_page_title(self):
        return str(self.instance)

    def get_page_subtitle(self):
        return self.instance.get_status_display()

    def get_context_data(self, **kwargs):
        history = self.instance.history.select_related("changed_by")
        return super().get_context_data(request_obj=self.instance, history=history, **kwargs)

    def form_valid(self, form):
        send = "send_answer" in self.request.POST
        if send and not form.cleaned_data.get("answer", "").strip():
            form.add_error("answer", "Напишите ответ: он уйдёт читателю по электронной почте.")
            return self.form_invalid(form)
        if send and not self.instance.email:
            form.add_error("answer", "В обращении нет адреса электронной почты для ответа.")
            return self.form_invalid(form)
        fields = {name: form.cleaned_data[name] for name in form.cleaned_data}
        self.instance.refresh_from_db()
        old_assignee = self.instance.assignee
        self.instance.change(self.request.user, **fields)
        if old_assignee != self.instance.assignee:
            who = self.instance.assignee or "никто"
            self.instance.history.create(
                from_status=self.instance.status,
                to_status=self.instance.status,
                changed_by=self.request.user,
                comment=f"Ответственный: {who}",
            )
        if send:
            self.instance.send_answer(self.request.user)
            messages.success(
                self.request, f"{self.instance}: ответ отправлен на {self.instance.email}."
            )
        else:
            messages.success(self.request, f"{self.instance}: изменения сохранены.")
        return redirect(self.edit_url)


class FeedbackRequestAdmin(ModelAdmin):
    model = FeedbackRequest
    menu_label = "Обращения"
    menu_icon = "mail"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ("number", "submit_time", "name", "topic", "status", "assignee")
    list_filter = ("status", "topic", "submit_time")
    list_select_related = ("assignee",)
    search_fields = ("number", "name", "email", "phone", "message")
    permission_helper_class = FeedbackRequestPermissionHelper
    edit_view_class = FeedbackRequestEditView
    edit_template_name = "feedback/admin/feedback_request_edit.html"
    history_view_enabled = False  # the edit page shows the request's own status history
    panels = [
        FieldPanel("status"),
        FieldPanel("assignee"),
        FieldPanel("notes"),
        FieldPanel("answer"),
    ]


modeladmin_register(FeedbackRequestAdmin)


class NewFeedbackPanel(Component):
    """The dashboard's count of requests nobody has taken up yet."""

    name = "new_feedback"
    order = 50
    template_name = "feedback/admin/new_feedback_panel.html"

    def __init__(self, counts):
        self.counts = counts

    def get_context_data(self, parent_context=None):
        return {"counts": self.counts}


@hooks.register("construct_homepage_panels")
def add_new_feedback_panel(request, panels):
    if request.user.has_perm("feedback.view_feedbackrequest"):
        counts = FeedbackRequest.objects.aggregate(
            new=Count("pk", filter=Q(status=FeedbackRequest.Status.NEW)),
            in_progress=Count("pk", filter=Q(status=FeedbackRequest.Status.IN_PROGRESS)),
        )
        panels.append(NewFeedbackPanel(counts))


@hooks.register("before_delete_page")
def keep_readers_requests(request, page):
    """Deleting a form page would delete its requests with it: refuse while any remain."""
    form_pages = Page.objects.descendant_of(page, inclusive=True).type(FeedbackFormPage)
    count = FeedbackRequest.objects.filter(page__in=form_pages).count()
    if count:
        messages.error(
            request,
            f"Страницу нельзя удалить: с ней связаны обращения читателей ({count}). "
            "Снимите её с публикации или дождитесь, пока закрытые обращения будут удалены "
            "по сроку хранения.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("filter_form_submissions_for_user")
def requests_only_for_their_staff(user, form_pages):
    """Readers' requests hold personal data: Wagtail's «Формы» shows a form's submissions to
    anyone who may edit the page (every «Редактор»), so «Решаем вместе» pages are left out for
    whoever may not see requests (the «Обращения» group and superusers may)."""
    if user.has_perm("feedback.view_feedbackrequest"):
        return form_pages
    return form_pages.not_type(FeedbackFormPage)
