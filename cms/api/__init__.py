"""The public JSON API: Wagtail API v2 at /api/v2/ and Wagtail 8's API v3 at /api/v3/.

`api_v2` and `api_v3` carry the kernel's endpoints (pages, images, documents, slides,
promo blocks, site settings); each domain app adds its own in its AppConfig.ready(), as
Wagtail's apps do, so the kernel never imports a domain app.
"""

from .v2 import api_v2
from .v3 import api_v3

__all__ = ["api_v2", "api_v3"]
