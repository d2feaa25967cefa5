from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Афиша"

    def ready(self):
        from cms import banner, invalidation

        from .models import EventAudience, EventIndexPage, EventOccurrence

        invalidation.watch(EventAudience, EventOccurrence)
        banner.register_destination(
            "afisha-pushkin",
            "Афиша: события по «Пушкинской карте»",
            EventIndexPage.pushkin_card_url,
        )
