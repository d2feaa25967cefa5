from django.apps import AppConfig


class JoomlaConfig(AppConfig):
    name = "joomla"
    verbose_name = "Переезд со старого сайта"
    default_auto_field = "django.db.models.BigAutoField"
