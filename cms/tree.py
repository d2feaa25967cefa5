"""Wagtail's tree roots, which its migrations create and a flushed database lacks."""

from django.conf import settings

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

ROOT_NAME = "Корень"  # as cms/migrations/0006_russian_tree_roots names Wagtail's «Root»


def tree_root():
    """The root page (and root collection and default locale), made again if missing."""
    if not Collection.get_first_root_node():
        Collection.add_root(name=ROOT_NAME)
    root = Page.get_first_root_node()
    if root:
        return root
    locale = Locale.objects.first() or Locale.objects.create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.add_root(instance=Page(title=ROOT_NAME, slug="root", locale=locale, live=True))
