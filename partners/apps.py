from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Библиотеки-партнёры"

    def ready(self):
        from cms import invalidation, public_media, webhooks
        from cms.api import api_v2, api_v3

        from .api import PartnersEndpoint, partners_router
        from .cache_rules import partner_changed
        from .models import Partner

        api_v2.register_endpoint("partners", PartnersEndpoint)
        api_v3.add_router("/partners/", partners_router)
        public_media.register_public_source(Partner.objects.shown)
        invalidation.watch(Partner, affects=partner_changed)
        webhooks.watch_snippets(
            Partner,
            visible=Partner.objects.shown,
            api_paths={"v2": "/api/v2/partners/{id}/", "v3": "/api/v3/partners/{id}/"},
        )
