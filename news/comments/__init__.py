"""Readers' comments on news (django-comments-xtd): models, form, moderation, attachments."""
