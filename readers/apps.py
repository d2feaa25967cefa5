from django.apps import AppConfig


class ReadersConfig(AppConfig):
    """Readers' own side of the site: sign-in with VK ID, Яндекс ID, Одноклассники, Mail.ru
    and Telegram (django-allauth's social accounts) and the reader's account page."""

    name = "readers"
    verbose_name = "Читатели"

    def ready(self):
        from allauth.account.signals import password_reset

        from .unconfirmed_connections import disconnect_after_reset

        password_reset.connect(disconnect_after_reset, dispatch_uid="readers.reset_disconnects")
