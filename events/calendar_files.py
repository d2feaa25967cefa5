"""The Афиша in iCalendar (RFC 5545): one event's dates for «Добавить в календарь» and a
calendar of every upcoming date to subscribe to. Times carry TZID=Asia/Novokuznetsk with
its VTIMEZONE; each date's UID stays the same while its start does, so a subscribed
calendar updates a date instead of doubling it; a cancelled date is STATUS:CANCELLED."""

import datetime

from django.conf import settings
from django.utils import timezone

from cms.addressing import absolute_url

PRODUCT = f"-//{settings.WAGTAIL_SITE_NAME}//Афиша//RU"
# How often a subscribed calendar should look again (Apple's and Outlook's names for it).
REFRESH = datetime.timedelta(hours=1)


def uid(occurrence, hostname):
    start = occurrence.start.astimezone(datetime.UTC)
    return f"event-{occurrence.page_id}-{start:%Y%m%dT%H%M%SZ}@{hostname}"


def location(page, library_address):
    return ", ".join(part for part in (page.place, page.address or library_address) if part)


def description(page, url):
    lines = [page.lead, f"Возраст: {page.age_mark}+."]
    lines.append("Вход свободный." if page.is_free else f"Стоимость: {page.price}.")
    if page.pushkin_card:
        lines.append("Можно оплатить «Пушкинской картой».")
    lines.append(url)
    return "\n".join(lines)


def vevent(occurrence, request, hostname, library_address):
    page = occurrence.page
    url = absolute_url(request, page.get_url(request))
    event = ical().Event()
    event.add("uid", uid(occurrence, hostname))
    event.add("dtstamp", page.last_published_at or timezone.now())
    start = timezone.localtime(occurrence.start)
    if occurrence.all_day:
        last_day = timezone.localdate(occurrence.end or occurrence.start)
        event.add("dtstart", start.date())
        event.add("dtend", last_day + datetime.timedelta(days=1))  # DTEND is exclusive
    else:
        event.add("dtstart", start)
        if occurrence.end:
            event.add("dtend", timezone.localtime(occurrence.end))
    cancelled = occurrence.cancelled
    event.add("summary", f"Отменено: {page.title}" if cancelled else page.title)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("location", location(page, library_address))
    event.add("description", description(page, url))
    event.add("url", url)
    return event


def calendar_file(occurrences, *, name, request, hostname, library_address):
    """The occurrences (with their pages) as the bytes of a .ics file."""
    calendar = ical().Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    days = []
    for occurrence in occurrences:
        calendar.add_component(vevent(occurrence, request, hostname, library_address))
        days.append(timezone.localdate(occurrence.start))
    if days:
        # The zone's rules for the years the dates fall in, not 1970–2038.
        calendar.add_missing_timezones(
            first_date=min(days) - datetime.timedelta(days=1),
            last_date=max(days) + datetime.timedelta(days=366),
        )
    return calendar.to_ical()


def ical():
    """The icalendar package, imported by the first calendar asked for: some 3 MB of a
    worker's memory that only the two calendar views need."""
    import icalendar  # noqa: PLC0415

    return icalendar
