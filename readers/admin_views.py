"""«Настройки → Вход через соцсети»: superusers switch a provider on by entering the
credentials of the application registered at it (allauth's SocialApp, on this site)."""

from allauth.socialaccount import providers
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp

from django import forms
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from readers.sign_in import PROVIDERS

# Where an administrator gets each provider's credentials.
WHERE_TO_REGISTER = {
    "vk": "VK ID для бизнеса (id.vk.com): «ID приложения» и «Защищённый ключ».",
    "yandex": "Яндекс OAuth (oauth.yandex.ru): ClientID и Client secret.",
    "odnoklassniki": (
        "Одноклассники для разработчиков (apiok.ru): ID приложения, публичный и "
        "секретный ключи (приходят письмом после регистрации приложения)."
    ),
    "mailru": "Mail.ru OAuth (o2.mail.ru): ID приложения и секрет.",
    "telegram": (
        "@BotFather в Telegram: токен бота (/newbot), ID бота — число до двоеточия в токене; "
        "командой /setdomain укажите домен сайта."
    ),
}


def registered_choices():
    """The providers of PROVIDERS that allauth knows, in their order."""
    return [(pid, name) for pid, name in PROVIDERS.items() if providers.registry.get_class(pid)]


class SocialAppForm(WagtailAdminModelForm):
    provider = forms.ChoiceField(label="Сервис", choices=())
    name = forms.CharField(
        label="Название",
        max_length=40,
        help_text="Для себя: так приложение называется в списке. Читатели его не видят.",
    )
    client_id = forms.CharField(
        label="ID приложения (для Telegram — ID бота)",
        max_length=191,
        help_text="Для Telegram это число: первая часть токена бота, до двоеточия.",
    )
    secret = forms.CharField(
        label="Защищённый ключ (для Telegram — токен бота)",
        max_length=191,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Секрет приложения у сервиса. Оставьте пустым, чтобы сохранить прежний.",
    )
    key = forms.CharField(
        label="Публичный ключ",
        max_length=191,
        required=False,
        help_text="Нужен только Одноклассникам: «Публичный ключ приложения».",
    )

    class Meta:
        model = SocialApp
        fields = ["provider", "name", "client_id", "secret", "key"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = registered_choices()

    def clean_client_id(self):
        return self.cleaned_data["client_id"].strip()

    def clean_secret(self):
        # Blank keeps the application's secret; a new one must have it.
        secret = self.cleaned_data["secret"].strip() or self.instance.secret
        if not secret:
            raise forms.ValidationError("Введите защищённый ключ (для Telegram — токен бота).")
        return secret

    def clean_key(self):
        return self.cleaned_data["key"].strip()

    def clean(self):
        cleaned = super().clean()
        provider = cleaned.get("provider")
        client_id = cleaned.get("client_id", "")
        secret = cleaned.get("secret", "")
        if provider == "odnoklassniki" and not cleaned.get("key"):
            self.add_error(
                "key", "Для Одноклассников нужен публичный ключ приложения (он приходит письмом)."
            )
        if provider == "telegram":
            if client_id and not client_id.isdigit():
                self.add_error("client_id", "ID бота — это число: часть токена до двоеточия.")
            elif client_id and secret and ":" in secret and secret.split(":")[0] != client_id:
                self.add_error("secret", "Этот токен выдан другому боту: его начало — не ID бота.")
        if provider:
            self.refuse_a_second_app(provider)
        return cleaned

    def refuse_a_second_app(self, provider):
        """allauth cannot choose between two applications of one provider: the sign-in
        would fail. The one already there is edited instead."""
        others = SocialApp.objects.filter(provider=provider).exclude(pk=self.instance.pk)
        from_environment = any(
            app.pk is None for app in get_adapter().list_apps(None, provider=provider)
        )
        if from_environment:
            self.add_error(
                "provider",
                f"Вход через {PROVIDERS[provider]} уже настроен в переменных окружения сервера.",
            )
        elif others.exists():
            self.add_error(
                "provider",
                f"Вход через {PROVIDERS[provider]} уже настроен: измените ту запись.",
            )


class CallbackUrlsPanel(Panel):
    """The addresses to give each provider when registering the application."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "readers/admin/callback_urls_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["rows"] = [
                (
                    PROVIDERS[pid],
                    self.request.build_absolute_uri(reverse(f"{pid}_callback")),
                    WHERE_TO_REGISTER[pid],
                )
                for pid, _ in registered_choices()
            ]
            return context


class OnThisSite:
    """A saved application is used on the current site (allauth lists an application only
    on the sites it names: one without a site would never show a button)."""

    def save_instance(self):
        instance = super().save_instance()
        instance.sites.add(get_current_site(self.request))
        return instance


class CreateView(OnThisSite, generic.CreateView):
    pass


class EditView(OnThisSite, generic.EditView):
    pass


class SocialAppViewSet(ModelViewSet):
    model = SocialApp
    icon = "key"
    menu_label = "Вход через соцсети"
    menu_name = "social-sign-in"
    add_to_settings_menu = True
    list_display = [
        TitleColumn("name", label="Название", url_name="social_apps:edit"),
        Column("provider", label="Сервис", accessor=lambda app: PROVIDERS.get(app.provider)),
        Column("client_id", label="ID приложения или бота"),
    ]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_view_class = CreateView
    edit_view_class = EditView
    edit_handler = ObjectList(
        [
            FieldPanel("provider"),
            FieldPanel("name"),
            FieldPanel("client_id"),
            FieldPanel("secret"),
            FieldPanel("key"),
            CallbackUrlsPanel(heading="Адрес возврата для регистрации приложения"),
        ],
        base_form_class=SocialAppForm,
    )


social_apps_viewset = SocialAppViewSet("social_apps")
