"""Webhooks: the endpoints administrators register, and what was sent to them (cms.webhooks)."""

import secrets
import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone

# The events an endpoint may subscribe to, in the order the admin lists them.
EVENTS = [
    ("page.published", "Страница опубликована"),
    ("page.unpublished", "Страница снята с публикации"),
    ("page.deleted", "Страница удалена"),
    ("page.moved", "Страница перемещена"),
    ("snippet.published", "Слайд, промоблок или партнёр опубликован"),
    ("snippet.unpublished", "Слайд, промоблок или партнёр снят с публикации"),
    ("snippet.saved", "Фрагмент без черновиков сохранён"),
    ("snippet.deleted", "Слайд, промоблок или партнёр удалён"),
    ("comment.approved", "Комментарий опубликован"),
    ("settings.changed", "Настройки сайта изменены"),
]
PING = "ping"  # the admin's test event: sent to one endpoint, whatever it subscribed to


SECRET_HELP = (
    "Ключ подписи HMAC-SHA256. Оставьте пустым: при создании он будет создан и показан один "
    "раз; при изменении останется прежним."
)


def new_secret():
    return secrets.token_hex(32)


class WebhookEndpoint(models.Model):
    """A URL that gets a signed POST for each event it subscribed to."""

    name = models.CharField("Название", max_length=100, help_text="Например, «Городской портал».")
    url = models.URLField(
        "Адрес", max_length=500, help_text="Сюда приходят POST-запросы с JSON (лучше https)."
    )
    secret = models.CharField("Секрет", max_length=128, blank=True, help_text=SECRET_HELP)
    events = models.JSONField("События", default=list, blank=True)
    is_active = models.BooleanField("Включён", default=True)
    created_at = models.DateTimeField("Создан", auto_now_add=True)

    class Meta:
        verbose_name = "Веб-хук"
        verbose_name_plural = "Веб-хуки"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.secret:
            self.secret = new_secret()
        super().save(*args, **kwargs)

    def wants(self, event):
        return event == PING or event in self.events

    def recent_attempts(self, limit=30):
        return WebhookAttempt.objects.filter(delivery__endpoint=self).select_related("delivery")[
            :limit
        ]

    def failures_in_a_day(self):
        since = timezone.now() - timedelta(days=1)
        attempts = WebhookAttempt.objects.filter(delivery__endpoint=self, sent_at__gte=since)
        return attempts.exclude(error="").count()

    failures_in_a_day.short_description = "Неудачных попыток за сутки"

    @property
    def masked_secret(self):
        return f"••••••••{self.secret[-4:]}" if self.secret else ""


class WebhookDelivery(models.Model):
    """One event for one endpoint: the exact body sent (the same on every attempt)."""

    QUEUED, RETRYING, DELIVERED, FAILED = "queued", "retrying", "delivered", "failed"
    STATES = [
        (QUEUED, "В очереди"),
        (RETRYING, "Повтор позже"),
        (DELIVERED, "Доставлено"),
        (FAILED, "Не доставлено"),
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField("Событие", max_length=40)
    body = models.TextField()
    state = models.CharField("Состояние", max_length=10, choices=STATES, default=QUEUED)
    created_at = models.DateTimeField("Создано", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "Доставка веб-хука"
        verbose_name_plural = "Доставки веб-хуков"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event} → {self.endpoint} ({self.id})"


class WebhookAttempt(models.Model):
    """One POST of a delivery: what the receiver answered, or why there was no answer."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField("Попытка")
    sent_at = models.DateTimeField("Отправлено", db_index=True)
    status_code = models.PositiveSmallIntegerField("Код ответа", null=True, blank=True)
    error = models.CharField("Ошибка", max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField("Длительность, мс", default=0)

    class Meta:
        verbose_name = "Попытка доставки"
        verbose_name_plural = "Попытки доставки"
        ordering = ["-sent_at", "-number"]

    def __str__(self):
        return f"{self.delivery_id} #{self.number}: {self.status_code or self.error}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
