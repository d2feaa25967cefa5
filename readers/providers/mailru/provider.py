from allauth.account.models import EmailAddress
from allauth.socialaccount.providers.base import ProviderAccount
from allauth.socialaccount.providers.oauth2.provider import OAuth2Provider

from .views import MailRuAdapter

# A Mail.ru account's address in Mail.ru's own domains is its mailbox: the sign-in proves it.
# An account may also be registered with another provider's address, which Mail.ru's
# answer does not say was confirmed: that one the site confirms itself.
OWN_DOMAINS = {"mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru"}


class MailRuAccount(ProviderAccount):
    def get_avatar_url(self):
        return self.account.extra_data.get("image")

    def to_str(self):
        return self.account.extra_data.get("email") or super().to_str()


class MailRuProvider(OAuth2Provider):
    id = "mailru"
    name = "Mail.ru"
    account_class = MailRuAccount
    oauth2_adapter_class = MailRuAdapter
    pkce_enabled_default = True  # oauth.mail.ru accepts code_challenge (S256)

    def get_default_scope(self):
        return ["userinfo"]

    def extract_uid(self, data):
        return str(data["id"])

    def extract_common_fields(self, data):
        return {
            "email": data.get("email"),
            "first_name": data.get("first_name"),
            "last_name": data.get("last_name"),
            "username": data.get("nickname"),
            "name": data.get("name"),
        }

    def extract_email_addresses(self, data):
        email = (data.get("email") or "").strip()
        if not email:
            return []
        verified = email.rpartition("@")[2].lower() in OWN_DOMAINS
        return [EmailAddress(email=email, verified=verified, primary=True)]


provider_classes = [MailRuProvider]
