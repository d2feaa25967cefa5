from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class CmsConfig(AppConfig):
    """The shared kernel: base page, blocks, site settings, cards, API, page cache."""

    name = "cms"
    verbose_name = "Сайт: общие настройки и карточки"

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.signals import page_published, published

        from . import invalidation, renditions, spreadsheets, webhooks
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
        post_migrate.connect(rebuild_outdated_search_index, sender=self)


def rebuild_outdated_search_index(**kwargs):
    """cms.search_index_format's post_migrate receiver, imported by `migrate` alone: it brings
    in Django's migration executor and every Snowball stemmer, which no web worker needs."""
    from .search_index_format import rebuild_outdated_index

    rebuild_outdated_index(**kwargs)
