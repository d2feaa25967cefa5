"""Webhooks: signed notifications to other services when content readers see changes.

Administrators register endpoints in the admin (Настройки → Веб-хуки). An event is sent after
the transaction that caused it commits: one WebhookDelivery per subscribed endpoint, POSTed by
the background worker (`delivery.deliver_webhook`) with retries, so an editor's save never
waits for a receiver. The kernel sends page, snippet and settings events (`signals`); domain
apps call `emit` for theirs and `watch_snippets` for their snippet models. docs/api.md
describes the payload and the signature.
"""

from . import signals
from .events import absolute, emit, subject, watch_snippets

__all__ = ["absolute", "emit", "signals", "subject", "watch_snippets"]
