from django.apps import AppConfig


class ReadersConfig(AppConfig):
    """Readers' own side of the site: sign-in with VK ID, Яндекс ID, Одноклассники, Mail.ru
    and Telegram (django-allauth's social accounts) and the reader's account page."""

    name = "readers"
    verbose_name = "Читатели"

    def ready(self):
        from allauth.account.signals import password_reset
        from allauth.socialaccount.models import SocialApp

        from django.db.models.signals import m2m_changed

        from cms import csp, invalidation
        from readers.sign_in import form_action_sources, sites_of_an_app_changed
        from readers.unconfirmed_connections import disconnect_after_reset

        # Pages with the «Войти с помощью» buttons let their forms go on to the providers.
        csp.register_page_additions("social_sign_in", form_action_sources)
        # Cached pages carry the buttons: a social application added, changed, deleted or
        # moved to another site makes them stale.
        invalidation.watch(SocialApp)
        m2m_changed.connect(
            sites_of_an_app_changed, sender=SocialApp.sites.through, dispatch_uid="social-app-sites"
        )
        # Pre-hijacking: a password reset on a never-confirmed account drops its providers.
        password_reset.connect(disconnect_after_reset, dispatch_uid="readers.reset_disconnects")
