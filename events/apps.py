from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Афиша"

    def ready(self):
        from cms import banner, invalidation, pagecache

        from . import cache_rules as rules
        from .models import EventAudience, EventIndexPage, EventOccurrence
        from .signup_admin import ensure_sign_ups_group
        from .signups import EventSignUp, shows_seats

        label = "Афиша: события по «Пушкинской карте»"
        banner.register_destination("afisha-pushkin", label, EventIndexPage.pushkin_card_url)
        invalidation.watch(EventAudience, affects=rules.audience_changed)
        invalidation.watch(EventOccurrence, affects=rules.occurrence_changed)
        # A cached Афиша must not list a date that has ended (events.models.next_edge).
        pagecache.watch_clock(EventOccurrence.objects.next_edge)
        # The dates' free seats are on the event's page: a sign-up changes them when it has
        # a seat limit.
        invalidation.watch(EventSignUp, affects_readers=shows_seats, affects=rules.sign_up_changed)
        post_migrate.connect(ensure_sign_ups_group, sender=self)

        from cms.api import api_v2, api_v3

        from .signup_api import EventSignUpsEndpoint, event_signups_router

        api_v2.register_endpoint("event-signups", EventSignUpsEndpoint)
        api_v3.add_router("/event-signups/", event_signups_router)
