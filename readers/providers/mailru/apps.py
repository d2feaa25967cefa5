from django.apps import AppConfig


class MailRuConfig(AppConfig):
    """Sign-in with Mail.ru (oauth.mail.ru). Its own label: allauth's mailru app, never
    installed here, would take the label "mailru"."""

    name = "readers.providers.mailru"
    label = "readers_mailru"
    verbose_name = "Mail.ru"
