"""Building events for the tests: an Афиша under the home page and events with sessions."""

import datetime

from django.utils import timezone

from events.models import EventAudience, EventIndexPage, EventPage, EventSession
from tests.conftest import add_page


def local(year, month, day, hour=0, minute=0):
    """An aware datetime in the site's time zone (Asia/Novokuznetsk)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def make_event_index(home):
    """The Афиша, with the default audiences (a flushed database has lost migration 0002's)."""
    EventAudience.ensure_defaults()
    return add_page(home, EventIndexPage(title="Афиша", slug="afisha", show_in_menus=True))


def make_event(
    event_index,
    title="Событие",
    sessions=None,
    weekly_until=None,
    age_mark=6,
    audiences=("deti",),
    live=True,
    **fields,
):
    """An event under the Афиша; `sessions` are (start, end) pairs (by default tomorrow,
    12:00–13:00), weekly until a date if `weekly_until` is given. Published unless
    live=False (then a draft)."""
    if sessions is None:
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        start = local(tomorrow.year, tomorrow.month, tomorrow.day, 12)
        sessions = [(start, start + datetime.timedelta(hours=1))]
    page = EventPage(
        title=title, lead=f"Анонс: {title}", place="Зал 1", age_mark=age_mark, **fields
    )
    page.sessions = [
        EventSession(start=start, end=end, repeat_weekly_until=weekly_until)
        for start, end in sessions
    ]
    page.audiences = list(EventAudience.objects.filter(slug__in=audiences))
    if not live:
        page.live = False
        event_index.add_child(instance=page)
        page.save_revision()
        return page
    return add_page(event_index, page)
