from allauth.socialaccount.providers.odnoklassniki.provider import OdnoklassnikiProvider

from .views import ReaderOdnoklassnikiAdapter


class ReaderOdnoklassnikiProvider(OdnoklassnikiProvider):
    name = "Одноклассники"
    oauth2_adapter_class = ReaderOdnoklassnikiAdapter

    def extract_uid(self, data):
        # An API error ({"error_code": …}) has no uid: the adapter refuses the login.
        return str(data.get("uid") or "") if isinstance(data, dict) else ""
