from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page, which composes news, partners and the cards; text pages; search."""

    name = "home"
    verbose_name = "Главная и текстовые страницы"

    def ready(self):
        from cms.api import api_v2, api_v3

        from .api import SearchEndpoint, search_router

        api_v2.register_endpoint("search", SearchEndpoint)
        api_v3.add_router("/search/", search_router)
