"""The Афиша's feeds. The calendars' paths hold a dot, which no page's address can (Wagtail's
page paths are slugs), so they never hide an event page; the RSS sits beside the news'."""

from django.urls import path

from . import views
from .feeds import UpcomingEventsFeed

urlpatterns = [
    path("rss/afisha/", UpcomingEventsFeed(), name="events_feed"),
    path("afisha.ics", views.afisha_calendar, name="events_calendar"),
    path("afisha/<int:page_id>.ics", views.event_calendar, name="event_calendar"),
]
