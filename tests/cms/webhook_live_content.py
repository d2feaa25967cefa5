"""What the live webhook test needs beside tests/cms/restart_content.py, made in the site's
own database by `manage.py shell -c "from tests.cms.webhook_live_content import build; …"`:
an administrator, an endpoint for the test's receiver, and an image for the news form."""

from django.contrib.auth import get_user_model

from cms.models import WebhookEndpoint
from news.models import NewsIndexPage
from tests.conftest import make_image


def build(receiver_url, secret, password):
    get_user_model().objects.create_superuser("admin", "admin@example.org", password)
    WebhookEndpoint.objects.create(
        name="Городской портал", url=receiver_url, secret=secret, events=["page.published"]
    )
    print(NewsIndexPage.objects.get().pk, make_image("Выставка").pk)
