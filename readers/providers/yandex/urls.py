from allauth.socialaccount.providers.oauth2.urls import default_urlpatterns

from .provider import ReaderYandexProvider

urlpatterns = default_urlpatterns(ReaderYandexProvider)
