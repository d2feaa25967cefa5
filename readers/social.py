"""How a sign-in through a provider becomes a reader's account (django-allauth's social
accounts)."""

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class ReaderSocialAccountAdapter(DefaultSocialAccountAdapter):
    pass
