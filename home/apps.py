from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Главная и общие страницы"

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.signals import page_published, published

        from cms import invalidation

        from . import renditions
        from .groups import ensure_feedback_group
        from .models import SiteSettings

        post_migrate.connect(ensure_feedback_group, sender=self)
        invalidation.connect()
        page_published.connect(renditions.prepare_published)
        published.connect(renditions.prepare_published)
        post_save.connect(renditions.prepare_published, sender=SiteSettings)
        post_save.connect(renditions.prepare_uploaded, sender=get_image_model())
