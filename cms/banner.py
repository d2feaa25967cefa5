"""Where the header's «Пушкинская карта» banner may lead.

The kernel knows no domain app: an app that has a page for the banner registers it here from
its AppConfig.ready(), and the site settings offer it beside «an external page».
"""

from collections.abc import Callable
from dataclasses import dataclass

EXTERNAL = "url"
EXTERNAL_LABEL = "Внешняя страница (ссылка ниже)"


@dataclass(frozen=True)
class Destination:
    key: str
    label: str
    url_for_request: Callable  # (request or None) → the address, or "" while there is none


_destinations = {}


def register_destination(key, label, url_for_request):
    if key == EXTERNAL:
        raise ValueError(f"«{EXTERNAL}» is the external page's key")
    _destinations[key] = Destination(key, label, url_for_request)


def destination_choices():
    """The choices of SiteSettings.banner_destination (Django calls this for the form)."""
    return [(EXTERNAL, EXTERNAL_LABEL), *((d.key, d.label) for d in _destinations.values())]


def is_registered(key):
    return key in _destinations


def destination_url(key, request=None):
    """The registered destination's address; "" for the external page, an unknown key (its
    app is gone) or a destination with nothing to show now (its page is unpublished)."""
    destination = _destinations.get(key)
    return destination.url_for_request(request) if destination else ""
