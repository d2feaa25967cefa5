"""An OAuth2 adapter's URLs from readers.endpoints, read at each request (the tests change
SOCIAL_PROVIDER_ENDPOINTS while the server runs)."""

from readers.endpoints import endpoint


class EndpointsFromSettings:
    provider_id: str

    @property
    def authorize_url(self):
        return endpoint(self.provider_id, "authorize")

    @property
    def access_token_url(self):
        return endpoint(self.provider_id, "token")

    @property
    def profile_url(self):
        return endpoint(self.provider_id, "profile")
