"""Readers' sign-ups for an event's date (registration «Через форму на сайте»): the record, and
the seat accounting that holds when many readers sign up at once.

Each sign-up takes its date's row lock (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises
writing transactions by itself), so counting the confirmed seats and adding one more is one
step: a date never holds more confirmed seats than its limit, and the waiting list keeps the
order in which readers came."""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Max, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

MAX_SEATS = 5
MAX_CHILD_AGE = 18

CLOSED = "Запись на эту дату закрыта: она уже прошла."
CANCELLED_DATE = "Эта дата отменена, запись на неё закрыта."
NO_FORM = "На это событие не записываются через сайт."
FULL = "Свободных мест на эту дату нет."
TOO_MANY = "Свободных мест меньше, чем вы просите: осталось {left}."
ALREADY = (
    "Вы уже записаны на эту дату с этим контактом. Отменить или изменить запись можно по "
    "ссылке из письма-подтверждения."
)


class SignUpRefused(Exception):
    """Why a sign-up was not stored, in Russian for the reader."""


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Записан"
    WAITING = "waiting", "В листе ожидания"
    CANCELLED = "cancelled", "Отменена"


class EventSignUpQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=SignUpStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=SignUpStatus.WAITING).order_by("waiting_position", "pk")

    def active(self):
        return self.exclude(status=SignUpStatus.CANCELLED)

    def confirmed_seats(self):
        return self.confirmed().aggregate(seats=Coalesce(Sum("seats"), 0))["seats"]

    def with_contact(self, email="", phone=""):
        """Sign-ups under this e-mail (any case) or this phone (its digits)."""
        query = Q(pk__in=[])
        if email:
            query |= Q(email__iexact=email.strip())
        if digits := phone_digits(phone):
            query |= Q(phone_digits=digits)
        return self.filter(query)

    def ended_before(self, moment):
        return self.filter(occurrence__ends_at__lt=moment)


class EventSignUp(models.Model):
    """One reader's sign-up for one date: who, how many seats, and where it stands."""

    # PROTECT: deleting an event (or its Афиша) must not silently drop readers' sign-ups,
    # whom nobody would then tell; events.wagtail_hooks refuses such a deletion with a
    # message, and purge_event_signups removes the sign-ups once their date is long past.
    occurrence = models.ForeignKey(
        "events.EventOccurrence",
        verbose_name="Дата события",
        on_delete=models.PROTECT,
        related_name="sign_ups",
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        "Статус", max_length=10, choices=SignUpStatus.choices, db_index=True, editable=False
    )
    waiting_position = models.PositiveIntegerField(
        "Номер в листе ожидания", null=True, blank=True, editable=False
    )

    name = models.CharField("Имя", max_length=100)
    email = models.EmailField("Электронная почта", blank=True, db_index=True)
    phone = models.CharField("Телефон", max_length=30, blank=True)
    # The phone's digits alone: «+7 (900) 123-45-67» and «79001234567» are the same reader.
    phone_digits = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    seats = models.PositiveSmallIntegerField(
        "Мест", default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_SEATS)]
    )
    child_age = models.PositiveSmallIntegerField(
        "Возраст ребёнка",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_CHILD_AGE)],
    )
    comment = models.TextField("Комментарий", blank=True)

    consent_policy_version = models.CharField("Версия политики", max_length=50, editable=False)
    consent_at = models.DateTimeField("Согласие дано", editable=False)
    mail_sent = models.BooleanField("Письмо отправлено", default=False, editable=False)
    created_at = models.DateTimeField("Записан", auto_now_add=True, db_index=True)
    cancelled_at = models.DateTimeField("Отменена", null=True, blank=True, editable=False)

    objects = EventSignUpQuerySet.as_manager()

    class Meta:
        verbose_name = "Запись на событие"
        verbose_name_plural = "Записи на события"
        ordering = ["occurrence__start", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "waiting_position"], name="one_sign_up_per_waiting_place"
            )
        ]

    def __str__(self):
        return f"{self.name}: {self.occurrence}"

    def save(self, *args, **kwargs):
        self.phone_digits = phone_digits(self.phone)
        return super().save(*args, **kwargs)

    @property
    def is_confirmed(self):
        return self.status == SignUpStatus.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == SignUpStatus.WAITING

    @property
    def is_cancelled(self):
        return self.status == SignUpStatus.CANCELLED

    @property
    def contact(self):
        return ", ".join(part for part in (self.email, self.phone) if part)

    def place_in_line(self):
        """1 for the first reader on the waiting list, …; None when not waiting."""
        if not self.is_waiting:
            return None
        ahead = type(self).objects.filter(
            occurrence_id=self.occurrence_id,
            status=SignUpStatus.WAITING,
            waiting_position__lt=self.waiting_position,
        )
        return ahead.count() + 1

    def landing_path(self):
        page = self.occurrence.page
        # Its own fragment: a browser would keep the form's (#signup-form-errors) otherwise.
        done = page.reverse_subpage("sign_up_done", kwargs={"key": self.key})
        return f"{page.url}{done}#signup-result"

    def cancel_path(self):
        page = self.occurrence.page
        return page.url + page.reverse_subpage("sign_up_cancel", kwargs={"key": self.key})

    def cancel_url(self):
        """The reader's own link to cancel (in the e-mails and the API's answer): whoever has
        it can cancel, so it goes only to the reader."""
        page = self.occurrence.page
        return page.get_full_url().removesuffix(page.url) + self.cancel_path()


def phone_digits(phone):
    return "".join(character for character in phone or "" if character.isdigit())[:20]


def open_for_sign_up(occurrences, now=None):
    """The dates a reader may still sign up for: not cancelled, not begun (an all-day date
    until its day ends)."""
    now = now or timezone.now()
    return occurrences.filter(cancelled=False).filter(
        Q(start__gt=now) | Q(all_day=True, ends_at__gt=now)
    )


def with_seats_taken(occurrences):
    """Each date with `seats_taken`: its confirmed seats, counted in the same query."""
    return occurrences.annotate(
        seats_taken=Coalesce(
            Sum("sign_ups__seats", filter=Q(sign_ups__status=SignUpStatus.CONFIRMED)), 0
        )
    )


def seats_left(page, seats_taken):
    """Free seats of a date of `page`, or None when the page sets no limit."""
    if page.seat_limit is None:
        return None
    return max(page.seat_limit - seats_taken, 0)


def check_open(occurrence, now=None):
    """SignUpRefused when readers cannot sign up for this date now: its event takes no
    sign-ups through the site, the date is cancelled or it has begun."""
    if not occurrence.page.signs_up_here:
        raise SignUpRefused(NO_FORM)
    if occurrence.cancelled:
        raise SignUpRefused(CANCELLED_DATE)
    if not open_for_sign_up(type(occurrence).objects.filter(pk=occurrence.pk), now).exists():
        raise SignUpRefused(CLOSED)


def sign_up(occurrence_id, *, policy_version, now=None, **fields):
    """Store a sign-up for the date: confirmed while seats last, then on the waiting list if
    the event keeps one; SignUpRefused (nothing stored) otherwise. `fields` are the model's
    reader fields (name, email, phone, seats, child_age, comment)."""
    now = now or timezone.now()
    with transaction.atomic():
        occurrence = (
            occurrence_model()
            .objects.select_for_update(of=("self",))
            .select_related("page")
            .get(pk=occurrence_id)
        )
        page = occurrence.page
        check_open(occurrence, now)
        sign_ups = occurrence.sign_ups.all()
        if sign_ups.active().with_contact(fields.get("email"), fields.get("phone")).exists():
            raise SignUpRefused(ALREADY)
        left = seats_left(page, sign_ups.confirmed_seats())
        record = EventSignUp(
            occurrence=occurrence, consent_policy_version=policy_version, consent_at=now, **fields
        )
        if left is None or record.seats <= left:
            record.status = SignUpStatus.CONFIRMED
        elif page.waiting_list:
            record.status = SignUpStatus.WAITING
            last = sign_ups.aggregate(last=Max("waiting_position"))["last"] or 0
            record.waiting_position = last + 1
        elif left:
            raise SignUpRefused(TOO_MANY.format(left=left))
        else:
            raise SignUpRefused(FULL)
        record.save()
    return record


def cancel(key, now=None):
    """Cancel the sign-up with this key; the freed seats go to the waiting list, in order.
    Returns (the sign-up, the sign-ups promoted from the waiting list), or (None, []) when
    there is no such sign-up."""
    with transaction.atomic():
        record = EventSignUp.objects.filter(key=key).only("occurrence_id").first()
        if record is None:
            return None, []
        occurrence_model().objects.select_for_update().filter(pk=record.occurrence_id).first()
        record = EventSignUp.objects.select_related("occurrence__page").get(pk=record.pk)
        if record.is_cancelled:
            return record, []
        was_confirmed = record.is_confirmed
        record.status = SignUpStatus.CANCELLED
        record.cancelled_at = now or timezone.now()
        record.save(update_fields=["status", "cancelled_at"])
        promoted = promote_waiting(record.occurrence) if was_confirmed else []
    return record, promoted


def promote_waiting(occurrence):
    """Confirm readers from the waiting list, first come first served, while their seats fit
    (a family of four waits on while a single seat goes to the next one who needs one).
    Call with the date's row locked."""
    page = occurrence.page
    sign_ups = occurrence.sign_ups.all()
    left = seats_left(page, sign_ups.confirmed_seats())
    promoted = []
    for waiting in sign_ups.waiting():
        if left is not None and waiting.seats > left:
            continue
        waiting.status = SignUpStatus.CONFIRMED
        waiting.save(update_fields=["status"])
        promoted.append(waiting)
        if left is not None:
            left -= waiting.seats
            if not left:
                break
    return promoted


def shows_seats(sign_up):
    """Whether readers see this sign-up's effect: its date's free seats, when there is a limit."""
    return (
        occurrence_model()
        .objects.filter(pk=sign_up.occurrence_id, page__seat_limit__isnull=False)
        .exists()
    )


def occurrence_model():
    # events.models imports this module to register the model: it cannot be imported here.
    return EventSignUp._meta.get_field("occurrence").related_model


def retention_cutoff(now=None):
    """Sign-ups of dates that ended before this are deleted (purge_event_signups)."""
    days = settings.EVENT_SIGNUP_RETENTION_DAYS
    return (now or timezone.now()) - datetime.timedelta(days=days)
