"""A news item scheduled to go live, made in the site's own database by
`manage.py shell -c "from tests.cms.worker_content import schedule_news; schedule_news(…)"`,
as an editor's «Опубликовать» with a go-live time does it."""

from datetime import timedelta

from django.utils import timezone

from news.models import NewsIndexPage
from tests.conftest import make_news


def schedule_news(title, seconds_ahead):
    article = make_news(NewsIndexPage.objects.get(), title=title, live=False)
    article.go_live_at = timezone.now() + timedelta(seconds=seconds_ahead)
    article.save_revision().publish()
    print(article.go_live_at.timestamp())
