"""allauth's providers, pointed at readers.endpoints (the providers' hosts, or the tests'
stand-in), and the project's own Mail.ru provider. Each package keeps allauth's layout
(provider.py, views.py, urls.py): allauth finds a provider's URLs in its class's package.
cms/settings/social_sign_in.py swaps these classes in for allauth's own."""
