"""Sending one delivery: the signed POST, its record, and the retries (cms.background)."""

import hashlib
import hmac
import logging
import time

import requests
from django_tasks import task

from django.conf import settings
from django.utils import timezone

from cms.background import retry_later
from cms.models.webhooks import WebhookAttempt, WebhookDelivery

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Webhook-Signature"
TIMESTAMP_HEADER = "X-Webhook-Timestamp"


def signature(secret, timestamp, body):
    """`sha256=` and the hex HMAC-SHA256, keyed with the secret, of "<timestamp>.<body>"."""
    signed = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signed_headers(delivery, attempt, secret, body, timestamp):
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "kemrsl-cms-webhooks/1",
        "X-Webhook-Event": delivery.event,
        "X-Webhook-Delivery": str(delivery.id),
        "X-Webhook-Attempt": str(attempt),
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }


def post(url, body, headers):
    """(status code, error): a 2xx answer is the only success; redirects are not followed."""
    try:
        with requests.post(
            url,
            data=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_redirects=False,
            stream=True,  # the receiver's answer is not read: only its status matters
        ) as response:
            status = response.status_code
    except requests.Timeout:
        return None, f"нет ответа за {settings.WEBHOOK_TIMEOUT_SECONDS} с"
    except requests.RequestException as error:
        return None, f"{type(error).__name__}: {error}"[:300]
    return status, "" if 200 <= status < 300 else f"ответ HTTP {status}"


@task()
def deliver_webhook(delivery_id, attempt=1):
    """POST the delivery to its endpoint; on a failure, try again later (TASK_RETRY_DELAYS)."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or not delivery.endpoint.is_active:
        return "dropped"  # the endpoint was deleted or switched off meanwhile
    endpoint = delivery.endpoint
    body = delivery.body.encode()
    sent_at, started = timezone.now(), time.monotonic()
    headers = signed_headers(delivery, attempt, endpoint.secret, body, str(int(time.time())))
    status, error = post(endpoint.url, body, headers)
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=attempt,
        sent_at=sent_at,
        status_code=status,
        error=error,
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    if not error:
        delivery.state = WebhookDelivery.DELIVERED
        delivery.save(update_fields=["state"])
        logger.info(
            "Webhook %s delivered to %s (attempt %d)", delivery.event, endpoint.url, attempt
        )
        return "delivered"
    about = f"webhook {delivery.event} {delivery.id} to {endpoint.url}"
    retrying = retry_later(deliver_webhook, attempt, about, error, delivery_id)
    delivery.state = WebhookDelivery.RETRYING if retrying else WebhookDelivery.FAILED
    delivery.save(update_fields=["state"])
    return "retrying" if retrying else "failed"
