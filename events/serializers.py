"""API fields of event pages (v2 and v3: see cms.serializers)."""

import datetime

from django.utils import timezone

from cms.models import SiteSettings
from cms.renditions import image_data
from cms.serializers import ReadOnlyField

from .shapes import AudienceData, EventPartnerData, EventSessionData, RegistrationData
from .signups import seats_left


def local(moment):
    """An aware datetime in the site's time zone (+07:00), as the API gives times."""
    return timezone.localtime(moment) if moment else None


def session_data(occurrence, page):
    return {
        "start": local(occurrence.start),
        "end": local(occurrence.end),
        "all_day": occurrence.all_day,
        "cancelled": occurrence.cancelled,
        "seats_left": free_seats(occurrence, page),
    }


def free_seats(occurrence, page):
    """Seats left on the date for the site's sign-up form; None without a limit, or when the
    event takes no sign-ups through the site (the library counts no one else's)."""
    if not page.signs_up_here:
        return None
    return seats_left(page, occurrence.seats_taken)


class AudiencesField(ReadOnlyField):
    """Who the event is for, from the prefetched audiences; `?audience=` takes the slug."""

    def represent(self, audiences, *, instance, request) -> list[AudienceData]:
        return [{"name": audience.name, "slug": audience.slug} for audience in audiences.all()]


class AgeMarkField(ReadOnlyField):
    """The 436-ФЗ age mark as the page prints it: "6+"."""

    def represent(self, age_mark, *, instance, request) -> str:
        return f"{age_mark}+"


class SessionsField(ReadOnlyField):
    """The page's `upcoming_sessions`: dates not over yet, soonest first, cancelled ones too,
    with their free seats (counted in the same query: with_seats_taken)."""

    def represent(self, occurrences, *, instance, request) -> list[EventSessionData]:
        return [session_data(occurrence, instance) for occurrence in occurrences]


class NextStartField(ReadOnlyField):
    """The start of the next session that takes place (not cancelled), or null."""

    def represent(self, occurrences, *, instance, request) -> datetime.datetime | None:
        return next((local(o.start) for o in occurrences if not o.cancelled), None)


class RegistrationField(ReadOnlyField):
    def represent(self, page, *, instance, request) -> RegistrationData:
        return {
            "mode": page.registration,
            "url": page.registration_url,
            "seat_limit": page.seat_limit,
            "waiting_list": page.waiting_list,
        }


class AddressField(ReadOnlyField):
    """Where the event is: the page's address, else the library's (the site settings')."""

    def represent(self, page, *, instance, request) -> str:
        if page.address:
            return page.address
        if request is not None:
            return SiteSettings.for_request(request).address
        return SiteSettings.for_site(instance.get_site()).address


class EventPartnersField(ReadOnlyField):
    """The page's `shown_partners`: only partners readers see."""

    def represent(self, partners, *, instance, request) -> list[EventPartnerData]:
        return [
            {
                "id": partner.pk,
                "short_name": partner.short_name,
                "full_name": partner.full_name,
                "slug": partner.slug,
                "logo": image_data(partner.logo, request),
            }
            for partner in partners
        ]


class MinAgeField(ReadOnlyField):
    """The age mark as a number (6 for "6+"): `?age=` keeps events whose number is at most
    the child's age."""

    def represent(self, age_mark, *, instance, request) -> int:
        return age_mark
