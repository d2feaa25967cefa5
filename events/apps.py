from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Афиша"

    def ready(self):
        from cms import invalidation

        from .models import EventAudience, EventOccurrence

        invalidation.watch(EventAudience, EventOccurrence)
