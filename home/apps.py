from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Главная и общие страницы"

    def ready(self):
        from .groups import ensure_feedback_group

        post_migrate.connect(ensure_feedback_group, sender=self)
