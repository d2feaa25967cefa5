from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The home page, which composes news, partners and the cards; text pages; search."""

    name = "home"
    verbose_name = "Главная и текстовые страницы"
