"""The Афиша's files: an event's dates and every upcoming date as iCalendar."""

from django.http import Http404, HttpResponse

from wagtail.models import Site

from cms.cachetags import MENU, depends_on, page_tag
from cms.models import SiteSettings

from .cache_rules import AUDIENCES, EVENTS
from .calendar_files import calendar_file
from .models import EventOccurrence, EventPage

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def site_events(request):
    """Visible events of the site the request is for."""
    site = Site.find_for_request(request)
    events = EventPage.objects.visible()
    return (events.descendant_of(site.root_page) if site else events), site


def calendar_response(request, occurrences, site, name):
    content = calendar_file(
        occurrences.select_related("page"),
        name=name,
        request=request,
        hostname=site.hostname if site else request.get_host(),
        library_address=SiteSettings.for_request(request).address,
    )
    return HttpResponse(content, content_type=CALENDAR_TYPE)


def afisha_calendar(request):
    """Every upcoming date of the Афиша, cancelled ones marked: a calendar to subscribe to."""
    events, site = site_events(request)
    depends_on(request, EVENTS, AUDIENCES, MENU)
    occurrences = EventOccurrence.objects.upcoming().filter(page__in=events.values("pk"))
    site_name = site.site_name if site and site.site_name else "библиотеки"
    return calendar_response(request, occurrences, site, f"Афиша {site_name}")


def event_calendar(request, page_id):
    """One event's upcoming dates: «Добавить в календарь»."""
    events, site = site_events(request)
    depends_on(request, page_tag(page_id), AUDIENCES, MENU)
    page = events.filter(pk=page_id).first()
    if page is None:
        raise Http404("Нет такого события.")
    response = calendar_response(request, page.occurrences.upcoming(), site, page.title)
    response["Content-Disposition"] = f'inline; filename="{page.slug}.ics"'
    return response
