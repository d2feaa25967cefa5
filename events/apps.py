from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Афиша"

    def ready(self):
        from cms import banner

        from .models import EventIndexPage

        label = "Афиша: события по «Пушкинской карте»"
        banner.register_destination("afisha-pushkin", label, EventIndexPage.pushkin_card_url)

        from cms import invalidation

        from .models import EventAudience, EventOccurrence

        invalidation.watch(EventAudience, EventOccurrence)
