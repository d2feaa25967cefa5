from allauth.socialaccount.providers.oauth2.urls import default_urlpatterns

from .provider import ReaderVKProvider

urlpatterns = default_urlpatterns(ReaderVKProvider)
