from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class CmsConfig(AppConfig):
    """The shared kernel: base page, blocks, site settings, cards, API, page cache."""

    name = "cms"
    verbose_name = "Сайт: общие настройки и карточки"

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.signals import page_published, published

        from . import invalidation, renditions, search_index_format, spreadsheets, webhooks
        from .editorial import ensure_editorial_workflow
        from .models import SiteSettings

        post_migrate.connect(ensure_editorial_workflow, sender=self)
        invalidation.connect()
        webhooks.signals.connect()
        spreadsheets.protect_exports()
        page_published.connect(renditions.prepare_published)
        published.connect(renditions.prepare_published)
        post_save.connect(renditions.prepare_published, sender=SiteSettings)
        post_save.connect(renditions.prepare_uploaded, sender=get_image_model())
        post_migrate.connect(search_index_format.rebuild_outdated_index, sender=self)
