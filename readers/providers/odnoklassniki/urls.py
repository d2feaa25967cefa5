from allauth.socialaccount.providers.oauth2.urls import default_urlpatterns

from .provider import ReaderOdnoklassnikiProvider

urlpatterns = default_urlpatterns(ReaderOdnoklassnikiProvider)
