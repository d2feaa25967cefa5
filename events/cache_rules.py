"""What a change to the Афиша's content makes stale (cms.cachetags): the one rule of each kind.

EVENTS (type_tag of event pages): every list of events (the Афиша and its calendar, the home
page's «Ближайшие события», the RSS and iCalendar files, search, the API's listings). An
event's own page and API detail: page_tag, bumped by its dates and its sign-ups too.
AUDIENCES: the pages that name the audiences (the Афиша's filter, the event pages).
"""

from django.core.exceptions import ObjectDoesNotExist

from cms.cachetags import page_tag, type_tag

EVENTS = type_tag("events.eventpage")
AUDIENCES = type_tag("events.eventaudience")


def audience_changed(audience):
    return {AUDIENCES, EVENTS}


def occurrence_changed(occurrence):
    return {page_tag(occurrence.page_id), EVENTS}


def sign_up_changed(sign_up):
    """The free seats of its date, on the event's page and in the lists that show them."""
    try:
        return {page_tag(sign_up.occurrence.page_id), EVENTS}
    except ObjectDoesNotExist:  # deleted with its date, whose own rule bumped the page
        return {EVENTS}
