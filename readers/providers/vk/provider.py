from allauth.socialaccount.providers.vk.provider import VKProvider

from .views import ReaderVKAdapter


class ReaderVKProvider(VKProvider):
    name = "VK ID"
    oauth2_adapter_class = ReaderVKAdapter
