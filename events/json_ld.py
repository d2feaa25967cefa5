"""schema.org Event data of an event page for search engines.

One Event per date, not one Event with subEvents: Google's Event rich results read only a
top-level Event with its own startDate and ask for a separate Event for each performance of
a series, and each date has its own status (a cancelled meeting of a club is
EventCancelled while the others stay EventScheduled)."""

import re
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from .display import last_day

# Enough dates for search engines; a long weekly series would otherwise swell the page.
MAX_DATES = 30
PRICE = re.compile(r"\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?")


def price_amount(text):
    """The first amount in an editor's price («от 1 500 ₽» → "1500"), or None."""
    match = PRICE.search(text or "")
    if not match:
        return None
    number = re.sub(r"[\s\u00a0\u202f]", "", match.group()).replace(",", ".")
    return format(Decimal(number).normalize(), "f")


def iso_dates(occurrence):
    """(startDate, endDate): dates alone for an all-day occurrence, else local times with
    their UTC offset."""
    if occurrence.all_day:
        return timezone.localdate(occurrence.start).isoformat(), last_day(occurrence).isoformat()
    start = timezone.localtime(occurrence.start).isoformat()
    return start, timezone.localtime(occurrence.end).isoformat() if occurrence.end else None


def offer(page, url):
    data = {"@type": "Offer", "priceCurrency": "RUB", "url": page.ticket_url or url}
    if page.is_free:
        data["price"] = "0"
    elif amount := price_amount(page.price):
        data["price"] = amount
    else:
        data["description"] = page.price
    if page.first_published_at:
        data["validFrom"] = timezone.localtime(page.first_published_at).isoformat()
    return data


def event_json_ld(page, occurrences, request, address):
    """A list of Event objects, one per occurrence given (at most MAX_DATES)."""
    url = page.get_full_url(request)
    common = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.search_description or page.lead,
        "url": url,
        "inLanguage": "ru",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": page.place,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": address or page.place,
                "addressCountry": "RU",
            },
        },
        "organizer": {
            "@type": "Library",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": request.build_absolute_uri("/"),
        },
        "offers": offer(page, url),
        "isAccessibleForFree": page.is_free,
        "typicalAgeRange": f"{page.age_mark}-",
    }
    if audiences := [audience.name for audience in page.audiences.all()]:
        common["audience"] = {"@type": "Audience", "audienceType": ", ".join(audiences)}
    if page.main_image:
        rendition = page.main_image.get_rendition("fill-1200x630|format-jpeg")
        common["image"] = [request.build_absolute_uri(rendition.url)]
    events = []
    for occurrence in occurrences[:MAX_DATES]:
        start, end = iso_dates(occurrence)
        status = "EventCancelled" if occurrence.cancelled else "EventScheduled"
        event = {**common, "startDate": start, "eventStatus": f"https://schema.org/{status}"}
        if end:
            event["endDate"] = end
        events.append(event)
    return events
