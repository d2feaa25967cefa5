"""«Веб-хуки» in the admin's settings menu: superusers (or whoever is given the model's
permissions) register endpoints, see each one's recent attempts, and send a test event."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.models.webhooks import EVENTS, PING, SECRET_HELP, WebhookEndpoint

from .events import emit, subject


class WebhookEndpointForm(WagtailAdminModelForm):
    """Events as checkboxes; the secret never sent back to the browser."""

    events = forms.MultipleChoiceField(
        label="События", choices=EVENTS, widget=forms.CheckboxSelectMultiple
    )
    secret = forms.CharField(
        label="Секрет",
        required=False,
        max_length=128,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=SECRET_HELP,
    )

    def clean_secret(self):
        # Blank keeps the endpoint's secret (a new endpoint gets one made in save()).
        return self.cleaned_data["secret"] or self.instance.secret


class DeliveriesPanel(Panel):
    """The endpoint's last attempts, newest first, and the test-event button (read-only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/webhooks/deliveries_panel.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["endpoint"] = self.instance
            context["attempts"] = self.instance.recent_attempts()
            context["ping_url"] = webhooks_viewset.get_ping_url(self.instance)
            return context


class CreateView(generic.CreateView):
    def get_success_message(self, instance):
        return (
            f"Веб-хук «{instance}» добавлен. Секрет для проверки подписи (скопируйте его "
            f"сейчас: больше он показан не будет): {instance.secret}"
        )


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = "Веб-хуки"
    add_to_settings_menu = True
    list_display = ["name", "url", "is_active", "failures_in_a_day"]
    copy_view_enabled = False
    add_view_class = CreateView
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("url"),
            FieldPanel("events"),
            MultiFieldPanel([FieldPanel("secret"), FieldPanel("is_active")], heading="Доступ"),
            DeliveriesPanel(heading="Последние доставки"),
        ],
        base_form_class=WebhookEndpointForm,
    )

    def get_urlpatterns(self):
        ping = require_POST(self.ping_view)
        return [*super().get_urlpatterns(), path("ping/<int:pk>/", ping, name="ping")]

    def get_ping_url(self, endpoint):
        return reverse(self.get_url_name("ping"), args=[endpoint.pk])

    def ping_view(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
        emit(PING, subject("ping", endpoint.pk, title=endpoint.name), endpoints=[endpoint])
        messages.success(request, "Тестовое событие отправлено в очередь: ответ появится ниже.")
        return redirect(self.get_url_name("edit"), pk)


webhooks_viewset = WebhookEndpointViewSet("webhooks")
