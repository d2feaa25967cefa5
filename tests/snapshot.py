"""What a flush or a restore of the test database leaves stale in the test process."""

from django.contrib.contenttypes.models import ContentType

from wagtail.contrib.forms.utils import get_form_types


def forget_content_types(**kwargs):
    """Content types are made again, under other ids, by a flush (its post_migrate) and by a
    restore: drop what the process keeps of the old ones. Django's cache of them, and
    Wagtail's list of form page types, which decides whose submissions an editor may see."""
    ContentType.objects.clear_cache()
    get_form_types.cache_clear()
