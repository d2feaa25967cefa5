from allauth.socialaccount.providers.yandex.provider import YandexProvider

from .views import ReaderYandexAdapter


class ReaderYandexProvider(YandexProvider):
    name = "Яндекс ID"
    oauth2_adapter_class = ReaderYandexAdapter
