"""«Решаем вместе»: the feedback form page, readers' requests and their processing."""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel

from cms.cachetags import page_tag
from cms.mail import send_or_warn
from cms.pages import BasePage
from cms.ratelimit import client_ip
from cms.serializers import PageReferenceField
from cms.slugs import slugify_russian

from .forms import EXTRA_FIELDS, RATE_LIMIT_MESSAGE, FeedbackFormBuilder, rate_limit_exceeded
from .groups import FEEDBACK_GROUP


class FeedbackFormField(AbstractFormField):
    """A field an editor adds to the form; its role tells staff views which answer is what."""

    ROLES = [
        ("name", "Имя"),
        ("email", "E-mail для ответа"),
        ("phone", "Телефон"),
        ("topic", "Тема"),
        ("message", "Текст обращения"),
    ]

    page = ParentalKey("FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")
    role = models.CharField(
        "Назначение",
        max_length=10,
        choices=ROLES,
        blank=True,
        help_text="По нему сотрудники ищут и фильтруют обращения; e-mail нужен для ответа.",
    )

    panels = [*AbstractFormField.panels, FieldPanel("role")]

    def get_field_clean_name(self):
        # Readable Latin keys («imya», not «u0418u043cu044f») for the data and its CSV export.
        name = slugify_russian(self.label).replace("-", "_") or "field"
        return f"{name}_field" if name in EXTRA_FIELDS else name

    class Meta(AbstractFormField.Meta):
        verbose_name = "Поле формы"
        verbose_name_plural = "Поля формы"


class FeedbackFormPage(AbstractEmailForm, BasePage):
    """The «Решаем вместе» page: editors build the form, every submission is a request."""

    intro = models.TextField("Вступление", blank=True)
    thank_you_text = models.TextField(
        "Что будет дальше",
        default="Мы ответим на указанный адрес электронной почты в течение 30 дней.",
        help_text="Показывается после отправки вместе с номером обращения.",
    )
    consent_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Текст согласия на обработку персональных данных",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Отдельная страница с текстом согласия (152-ФЗ). Версия согласия — "
        "опубликованная редакция этой страницы; она сохраняется с каждым обращением.",
    )

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Поля формы"),
        FieldPanel("consent_page"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="Письма сотрудникам о новых обращениях",
        ),
    ]

    # The form's fields are described by /api/v2/feedback/<id>/ (feedback.api).
    api_fields = [
        APIField("intro"),
        APIField("thank_you_text"),
        APIField("consent_page", serializer=PageReferenceField()),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "Форма «Решаем вместе»"
        verbose_name_plural = "Формы «Решаем вместе»"

    def cache_tags(self, request):
        """The page is never cached (its form's one-time token); its API detail names the
        consent page."""
        consent = {page_tag(self.consent_page_id)} if self.consent_page_id else set()
        return self.frame_tags() | consent

    def get_form_class(self):
        return FeedbackFormBuilder(self.get_form_fields()).get_form_class()

    # What export_content writes beside the API's answer and import_content restores: the
    # form's fields, as readers see them on the page (not the staff e-mail settings).
    BACKUP_FIELD_ATTRIBUTES = [
        "label", "field_type", "required", "choices", "default_value", "help_text", "role",
    ]  # fmt: skip

    def backup_data(self):
        return super().backup_data() | {
            "form_fields": [
                {name: getattr(field, name) for name in self.BACKUP_FIELD_ATTRIBUTES}
                for field in self.get_form_fields()
            ]
        }

    def restore_backup_data(self, data):
        self.form_fields = [
            FeedbackFormField(sort_order=order, **field)
            for order, field in enumerate(data["form_fields"])
        ]

    def get_submission_class(self):
        return FeedbackRequest

    def get_data_fields(self):
        # The built-in submissions list and its CSV/XLSX export show the number and status too.
        return [
            ("number", "Номер"),
            ("status", "Статус"),
            *super().get_data_fields(),
            ("consent_version", "Версия согласия"),
            ("consent_at", "Время согласия"),
        ]

    def consent_version(self):
        """The consent text's version a reader agrees to now: its live revision."""
        if not self.consent_page_id:
            return ""
        return str(self.consent_page.live_revision_id or "")

    def submit(self, request, data):
        """One reader's request, from the HTML form or the API: (request or None, form, status).

        The single path for validation, consent, double submits, the rate limit and numbering.
        """
        form = self.get_form(data, page=self, user=request.user)
        if not form.is_valid():
            return None, form, 400
        done = self.get_submissions().filter(token=form.cleaned_data["token"]).first()
        if done:  # a double submit: the reader gets the request the first one made
            return done, form, 200
        if rate_limit_exceeded(client_ip(request)):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            return None, form, 429
        return self.process_form_submission(form), form, 201

    def serve(self, request, *args, **kwargs):
        response = self.serve_form(request)
        # The form carries a one-time token: no cache may hand it to another reader.
        add_never_cache_headers(response)
        return response

    def serve_form(self, request):
        status = 200
        if request.method == "POST":
            feedback_request, form, status = self.submit(request, request.POST)
            if feedback_request:
                return redirect(feedback_request.landing_url())
            status = 429 if status == 429 else 200
        else:
            token = _uuid_or_none(request.GET.get("sent"))
            sent = self.get_submissions().filter(token=token).first() if token else None
            if sent:
                return self.render_landing_page(request, sent)
            form = self.get_form(page=self, user=request.user)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def process_form_submission(self, form):
        """Store the request under a new number, then mail staff and the reader."""
        try:
            feedback_request = FeedbackRequest.objects.create_from_form(self, form)
        except IntegrityError:  # the same form sent twice at the same moment
            first = self.get_submissions().filter(token=form.cleaned_data["token"]).first()
            if first is None:
                raise
            return first
        # The request is saved: a mail outage must not lose it, and the landing page says
        # whether the reader's copy of the number went out.
        about = f"feedback request {feedback_request.number}"
        if feedback_request.email and send_or_warn(feedback_request.mail_reader_receipt, about):
            feedback_request.receipt_sent = True
            feedback_request.save(update_fields=["receipt_sent"])
        if self.to_address:
            send_or_warn(feedback_request.mail_staff, about)
        return feedback_request

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        response.headers["X-Robots-Tag"] = "noindex"
        return response


def _uuid_or_none(value):
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError):
        return None


class FeedbackCounter(models.Model):
    """The last request number given out in a year; its row is locked while numbering."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Счётчик обращений"

    def __str__(self):
        return f"{self.year}: {self.last}"

    @classmethod
    def next_number(cls, year):
        """The next «2026-000123»; call inside a transaction so the row lock holds to commit."""
        counter, _ = cls.objects.select_for_update().get_or_create(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        return f"{year}-{counter.last:06d}"


class FeedbackRequestQuerySet(models.QuerySet):
    def create_from_form(self, page, form):
        """A new request from a valid form: numbered, with the consent record and history."""
        data = form.cleaned_data
        builder_fields = {field.clean_name: field for field in page.get_form_fields()}
        form_data = {name: data.get(name) for name in builder_fields}
        by_role = {field.role: form_data.get(name) or "" for name, field in builder_fields.items()}
        now = timezone.now()
        with transaction.atomic():
            feedback_request = self.create(
                page=page,
                form_data=form_data,
                number=FeedbackCounter.next_number(timezone.localdate(now).year),
                token=data["token"],
                name=str(by_role.get("name", ""))[:255],
                email=str(by_role.get("email", ""))[:254],
                phone=str(by_role.get("phone", ""))[:255],
                topic=str(by_role.get("topic", ""))[:255],
                message=str(by_role.get("message", "")),
                consent_page_id=page.consent_page_id,
                consent_version=page.consent_version(),
                consent_at=now,
            )
            feedback_request.history.create(to_status=FeedbackRequest.Status.NEW)
        return feedback_request

    def with_email(self, email):
        return self.filter(email__iexact=email.strip())


def assignee_choices():
    """Only the staff who process requests may be assigned one."""
    staff = get_user_model().objects.filter(groups__name=FEEDBACK_GROUP).values("pk")
    return Q(is_active=True) & (Q(is_superuser=True) | Q(pk__in=staff))


class FeedbackRequest(AbstractFormSubmission):
    """A reader's request: the form submission itself plus what staff do with it."""

    class Status(models.TextChoices):
        NEW = "new", "Новое"
        IN_PROGRESS = "in_progress", "В работе"
        ANSWERED = "answered", "Ответ отправлен"
        CLOSED = "closed", "Закрыто"

    number = models.CharField("Номер", max_length=20, unique=True, editable=False)
    token = models.UUIDField(null=True, unique=True, editable=False)
    status = models.CharField(
        "Статус", max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Ответственный",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=assignee_choices,
    )
    notes = models.TextField("Внутренние заметки", blank=True, help_text="Читатель их не видит.")
    answer = models.TextField("Ответ читателю", blank=True)

    # Copies of the answers the form fields with a role hold, for filters and search.
    name = models.CharField("Имя", max_length=255, blank=True, editable=False)
    email = models.EmailField("E-mail", blank=True, editable=False, db_index=True)
    phone = models.CharField("Телефон", max_length=255, blank=True, editable=False)
    topic = models.CharField("Тема", max_length=255, blank=True, editable=False)
    message = models.TextField("Текст обращения", blank=True, editable=False)
    receipt_sent = models.BooleanField("Читателю отправлен номер", default=False, editable=False)

    consent_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Текст согласия",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    consent_version = models.CharField("Версия согласия", max_length=50, editable=False)
    consent_at = models.DateTimeField("Согласие дано", editable=False)

    updated_at = models.DateTimeField("Изменено", auto_now=True)
    answered_at = models.DateTimeField("Ответ отправлен", null=True, editable=False)
    closed_at = models.DateTimeField("Закрыто", null=True, editable=False)

    objects = FeedbackRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "Обращение"
        verbose_name_plural = "Обращения"
        ordering = ["-submit_time"]

    def __str__(self):
        return f"Обращение № {self.number}"

    def get_data(self):
        return {
            **super().get_data(),
            "number": self.number,
            "status": self.get_status_display(),
            "consent_version": self.consent_version,
            "consent_at": self.consent_at,
        }

    def labelled_answers(self):
        """(label, answer) for every form field the reader filled in, in the form's order."""
        fields = self.page.specific.get_form_fields()
        return [(field.label, self.form_data.get(field.clean_name, "")) for field in fields]

    def landing_url(self):
        return f"{self.page.url}?sent={self.token}"

    def change(self, user, comment="", **fields):
        """Save staff changes; a status change is written to the history with its time."""
        old_status = type(self).objects.values_list("status", flat=True).get(pk=self.pk)
        for field, value in fields.items():
            setattr(self, field, value)
        now = timezone.now()
        if self.status == self.Status.CLOSED and old_status != self.Status.CLOSED:
            self.closed_at = now
        elif self.status != self.Status.CLOSED:
            self.closed_at = None
        self.save()
        if old_status != self.status or comment:
            self.history.create(
                from_status=old_status, to_status=self.status, changed_by=user, comment=comment
            )

    def send_answer(self, user):
        """E-mail the answer to the reader and mark the request answered."""
        self._mail(
            "answer",
            f"Ответ на обращение № {self.number}",
            [self.email],
        )
        self.answered_at = timezone.now()
        self.change(user, status=self.Status.ANSWERED, comment=f"Ответ отправлен на {self.email}")

    def mail_reader_receipt(self):
        if self.email:  # always set when the form has a field with the e-mail role
            self._mail("request_received", f"Обращение № {self.number} принято", [self.email])

    def mail_staff(self):
        page = self.page.specific
        subject = f"{page.subject or 'Новое обращение'} — № {self.number}"
        recipients = [address.strip() for address in page.to_address.split(",")]
        self._mail("new_request_staff", subject, recipients, page.from_address)

    def _mail(self, template, subject, recipients, from_email=None):
        body = render_to_string(
            f"feedback/emails/{template}.txt",
            {
                "request": self,
                "site_name": settings.WAGTAIL_SITE_NAME,
                "admin_url": self.admin_url(),
            },
        )
        send_mail(subject, body, from_email or settings.DEFAULT_FROM_EMAIL, recipients)

    def admin_url(self):
        path = reverse("feedback_feedbackrequest_modeladmin_edit", args=[self.pk])
        return settings.WAGTAILADMIN_BASE_URL + path


class FeedbackStatusChange(models.Model):
    """One step of a request's history: who moved it from which status to which, and when."""

    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(
        "Было", max_length=12, choices=FeedbackRequest.Status.choices, blank=True
    )
    to_status = models.CharField("Стало", max_length=12, choices=FeedbackRequest.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Кто",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField("Когда", auto_now_add=True)
    comment = models.CharField("Комментарий", max_length=255, blank=True)

    class Meta:
        verbose_name = "Изменение статуса"
        verbose_name_plural = "История обращения"
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
