"""The Афиша: events with their sessions, who they are for, how they are paid and how to
sign up; each session kept as dated occurrences (events.occurrences) that listings query."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Prefetch, Subquery
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models import SiteSettings
from cms.pages import BasePage, MainImageMixin
from cms.serializers import BodyField, ImageField
from cms.slugs import slugify_russian
from partners.cache_rules import PARTNERS, partner_tag
from partners.models import Partner, PartnerDirectoryPage

from .cache_rules import AUDIENCES, EVENTS
from .calendar import Month, month_weeks
from .display import by_day, day_heading, filter_words, local_day, split_by_time
from .json_ld import event_json_ld
from .listing import PERIODS, EventFilter
from .occurrences import planned_occurrences, sync_occurrences
from .serializers import (
    AddressField,
    AgeMarkField,
    AudiencesField,
    EventPartnersField,
    MinAgeField,
    NextStartField,
    RegistrationField,
    SessionsField,
)
from .signup_views import cancel_view, done_view, sign_up_view, signup_context
from .signups import (
    EventSignUp,  # noqa: F401 - registers the model with its app
    with_seats_taken,
)

# 436-ФЗ «О защите детей от информации…»: every announcement carries one of these.
AGE_MARKS = [(0, "0+"), (6, "6+"), (12, "12+"), (16, "16+"), (18, "18+")]


class Registration(models.TextChoices):
    NONE = "none", "Без записи"
    EXTERNAL = "external", "По внешней ссылке"
    FORM = "form", "Через форму на сайте"


# The audiences the Афиша starts with (migration 0002 and the demo make them).
DEFAULT_AUDIENCES = [
    ("Дети", "deti"),
    ("Подростки", "podrostki"),
    ("Молодёжь", "molodezh"),
    ("Родители", "roditeli"),
    ("Специалисты", "specialisty"),
]


class EventAudience(models.Model):
    """Who an event is for («Дети», «Подростки», …): an editable list the Афиша filters by."""

    name = models.CharField("Название", max_length=50, unique=True)
    slug = models.SlugField("Адрес", max_length=50, unique=True, blank=True)
    sort_order = models.PositiveSmallIntegerField("Порядок", default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Аудитория событий"
        verbose_name_plural = "Аудитории событий"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_russian(self.name)[:50]
        return super().save(*args, **kwargs)

    @classmethod
    def ensure_defaults(cls):
        for order, (name, slug) in enumerate(DEFAULT_AUDIENCES):
            cls.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class EventIndexPage(RoutablePageMixin, BasePage):
    """The Афиша: upcoming events first, past ones in the archive, filters and a calendar."""

    intro = models.TextField("Вступление", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # Its list is /api/v2/pages/?type=events.EventPage with EventPage.api_filters.
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "Афиша"

    @classmethod
    def pushkin_card_url(cls, request=None):
        """The Афиша filtered to events the Пушкинская карта pays for, or "" without one."""
        index = cls.objects.visible().first()
        return f"{index.get_url(request)}?pushkin=1" if index else ""

    def cache_tags(self, request):
        """The list, and the calendar (a route of the page) alike."""
        return self.frame_tags() | {EVENTS, AUDIENCES}

    def occurrences(self, event_filter=None, now=None):
        pages = EventPage.objects.child_of(self).visible()
        occurrences = (event_filter or EventFilter()).apply_to_occurrences(
            EventOccurrence.objects.all(), pages, now
        )
        return occurrences.for_listing()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        event_filter = EventFilter.from_query(request.GET)
        paginator = Paginator(self.occurrences(event_filter), settings.EVENTS_PER_PAGE)
        occurrences_page = paginator.get_page(request.GET.get("page"))
        audiences = list(EventAudience.objects.all())
        today = timezone.localdate()
        context.update(
            event_filter=event_filter,
            occurrences_page=occurrences_page,
            page_range=paginator.get_elided_page_range(occurrences_page.number),
            audiences=audiences,
            periods=list(PERIODS.items()),
            days=[(day, day_heading(day, today), items) for day, items in by_day(occurrences_page)],
            filter_words=filter_words(event_filter, audiences),
            # The same choice of who and how paid, in the archive and the calendar.
            kept_query=self.kept_filter(event_filter).query_string,
            calendar_url=self.calendar_url(Month.of(event_filter.day or today), request),
        )
        return context

    @staticmethod
    def kept_filter(event_filter):
        """The filter without its time: what the archive and calendar links carry along."""
        return event_filter.with_changes(when="", day=None, archive=False)

    def calendar_url(self, month, request=None):
        return self.get_url(request) + self.reverse_subpage(
            "calendar_month", args=(month.year, month.month)
        )

    def month_occurrences(self, month, event_filter):
        """The occurrences taking place in the month, with their pages: one query."""
        pages = event_filter.apply_to_pages(EventPage.objects.child_of(self).visible())
        return (
            EventOccurrence.objects.filter(page__in=pages.values("pk"))
            .overlapping(*month.bounds())
            .select_related("page")
            .defer("page__body")
        )

    @path("kalendar/", name="calendar")
    @path("kalendar/<int:year>/<int:month>/", name="calendar_month")
    def calendar(self, request, year=None, month=None):
        """The month calendar, a plain table that needs no JavaScript; filters as the list's."""
        today = timezone.localdate()
        shown = Month.checked(year, month) if year else Month.of(today)
        event_filter = self.kept_filter(EventFilter.from_query(request.GET))
        audiences = list(EventAudience.objects.all())
        occurrences = list(self.month_occurrences(shown, event_filter))
        context = super().get_context(request)
        query = f"?{event_filter.query_string}" if event_filter.query_string else ""
        context.update(
            month=shown,
            weeks=month_weeks(shown, occurrences, today),
            has_occurrences=bool(occurrences),
            event_filter=event_filter,
            audiences=audiences,
            filter_words=filter_words(event_filter, audiences),
            kept_query=event_filter.query_string,
            previous_url=shown.previous and self.calendar_url(shown.previous, request) + query,
            next_url=shown.next and self.calendar_url(shown.next, request) + query,
            this_month_url=self.calendar_url(Month.of(today), request) + query,
            is_this_month=shown == Month.of(today),
        )
        return TemplateResponse(request, "events/event_calendar.html", context)


class EventPage(RoutablePageMixin, MainImageMixin, BasePage):
    lead = models.TextField("Анонс", help_text="Одно-два предложения для афиши.")
    body = StreamField(BodyBlock(), verbose_name="Описание", blank=True)

    place = models.CharField(
        "Место", max_length=200, help_text="Зал библиотеки или название площадки."
    )
    address = models.CharField(
        "Адрес", max_length=255, blank=True, help_text="Пусто — адрес библиотеки."
    )
    audiences = ParentalManyToManyField(EventAudience, verbose_name="Для кого", blank=True)
    age_mark = models.PositiveSmallIntegerField(
        "Возрастной знак (436-ФЗ)", choices=AGE_MARKS, help_text="Обязателен для каждого события."
    )

    is_free = models.BooleanField("Бесплатно", default=True)
    price = models.CharField(
        "Стоимость", max_length=100, blank=True, help_text="Например, «300 ₽». Для платных событий."
    )
    pushkin_card = models.BooleanField("Можно оплатить «Пушкинской картой»", default=False)
    ticket_url = models.URLField(
        "Ссылка на билеты",
        blank=True,
        help_text="Страница события у билетного оператора или на Культура.РФ.",
    )

    registration = models.CharField(
        "Запись", max_length=10, choices=Registration.choices, default=Registration.NONE
    )
    registration_url = models.URLField("Ссылка для записи", blank=True)
    seat_limit = models.PositiveIntegerField(
        "Мест на каждый сеанс", null=True, blank=True, help_text="Пусто — без ограничения."
    )
    waiting_list = models.BooleanField(
        "Лист ожидания", default=True, help_text="Когда места кончились, записывать в очередь."
    )
    partners = ParentalManyToManyField(Partner, verbose_name="Библиотеки-партнёры", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_alt")], heading="Изображение"
        ),
        FieldPanel("body"),
        InlinePanel("sessions", label="Сеанс", heading="Сеансы", min_num=1),
        InlinePanel("cancelled_dates", label="Отменённая дата", heading="Отменённые даты"),
        MultiFieldPanel([FieldPanel("place"), FieldPanel("address")], heading="Место"),
        MultiFieldPanel(
            [FieldPanel("age_mark"), FieldPanel("audiences", widget=forms.CheckboxSelectMultiple)],
            heading="Для кого",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
                FieldPanel("pushkin_card"),
                FieldPanel("ticket_url"),
            ],
            heading="Стоимость и билеты",
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration"),
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("seat_limit"), FieldPanel("waiting_list")]),
            ],
            heading="Запись",
        ),
        FieldPanel("partners"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.FilterField("age_mark"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Событие"
        verbose_name_plural = "События"

    def clean(self):
        super().clean()
        errors = {}
        if not self.is_free and not self.price:
            errors["price"] = "Укажите стоимость или отметьте «Бесплатно»."
        if self.pushkin_card and not self.ticket_url:
            errors["ticket_url"] = "Укажите, где купить билет по «Пушкинской карте»."
        if self.registration == Registration.EXTERNAL and not self.registration_url:
            errors["registration_url"] = "Укажите ссылку, по которой записываются."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # Only a whole save writes the sessions: saving a draft revision names its few fields
        # and keeps the draft's sessions in memory, which readers must not see yet.
        if kwargs.get("update_fields") is None:
            sync_occurrences(self)
        return result

    @property
    def age_mark_label(self):
        return f"{self.age_mark}+"

    @property
    def signs_up_here(self):
        return self.registration == Registration.FORM

    # The event's own fields as stored, whatever shape the API gives them (export_content).
    BACKUP_FIELDS = [
        "lead", "place", "address", "age_mark", "is_free", "price",
        "pushkin_card", "ticket_url", "registration", "registration_url", "seat_limit",
        "waiting_list",
    ]  # fmt: skip

    def backup_data(self):
        """The schedule as editors wrote it (weekly rules, not the dates they give), who the
        event is for, its partners by slug and its own fields (BasePage.backup_data)."""
        return super().backup_data() | {
            **{name: getattr(self, name) for name in self.BACKUP_FIELDS},
            "main_image": self.main_image_id
            and {"id": self.main_image_id, "alt": self.main_image_alt_text},
            "sessions": [
                {
                    "start": session.start.isoformat(),
                    "end": session.end.isoformat() if session.end else None,
                    "all_day": session.all_day,
                    "repeat_weekly_until": session.repeat_weekly_until
                    and session.repeat_weekly_until.isoformat(),
                    "cancelled": session.cancelled,
                }
                for session in self.sessions.all()
            ],
            "cancelled_dates": [item.date.isoformat() for item in self.cancelled_dates.all()],
            "audiences": [{"name": a.name, "slug": a.slug} for a in self.audiences.all()],
            "partners": [partner.slug for partner in self.partners.all()],
        }

    def restore_backup_data(self, data):
        self.sessions = [
            EventSession(
                sort_order=order,
                start=datetime.datetime.fromisoformat(session["start"]),
                end=session["end"] and datetime.datetime.fromisoformat(session["end"]),
                all_day=session["all_day"],
                repeat_weekly_until=session["repeat_weekly_until"]
                and datetime.date.fromisoformat(session["repeat_weekly_until"]),
                cancelled=session["cancelled"],
            )
            for order, session in enumerate(data["sessions"])
        ]
        self.cancelled_dates = [
            EventCancelledDate(sort_order=order, date=datetime.date.fromisoformat(date))
            for order, date in enumerate(data["cancelled_dates"])
        ]
        self.audiences = [
            EventAudience.objects.get_or_create(slug=item["slug"], defaults=item)[0]
            for item in data["audiences"]
        ]
        self.partners = list(Partner.objects.filter(slug__in=data["partners"]))

    def cache_tags(self, request):
        """The event (its dates and free seats bump its page_tag), the audiences' names, and
        the partners it names, shown or not. The sign-up pages are never cached."""
        partners = EventPage.partners.through.objects.filter(eventpage_id=self.pk)
        partner_tags = {partner_tag(pk) for pk in partners.values_list("partner_id", flat=True)}
        return self.frame_tags() | {AUDIENCES} | partner_tags

    @classmethod
    def listing_tags(cls):
        return super().listing_tags() | {AUDIENCES, PARTNERS}

    def upcoming_occurrences(self, now=None):
        return self.occurrences.upcoming(now).order_by("start")

    def shown_occurrences(self, request):
        """The dates the page shows: its rows, or in a preview the draft's own sessions."""
        if not getattr(request, "is_preview", False):
            return list(self.occurrences.all())
        drafted = [
            EventOccurrence(page=self, start=start, end=end, all_day=all_day, cancelled=cancelled)
            for start, (end, all_day, cancelled) in planned_occurrences(self).items()
        ]
        for occurrence in drafted:
            occurrence.ends_at = occurrence.compute_ends_at()
        return drafted

    def partners_with_urls(self, request):
        """The shown partners, each with its page in the directory (partners.models)."""
        return PartnerDirectoryPage.with_detail_urls(self.shown_partners, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        upcoming, past = split_by_time(self.shown_occurrences(request))
        address = self.address or SiteSettings.for_request(request).address
        index = self.get_parent().specific
        context.update(
            upcoming=upcoming,
            past=past,
            address=address,
            event_index_url=index.get_url(request),
            calendar_url=(
                index.calendar_url(Month.of(local_day(upcoming[0])), request)
                if upcoming and isinstance(index, EventIndexPage)
                else ""
            ),
            partners=self.partners_with_urls(request),
            # Each upcoming date for search engines; an event long over keeps its last one.
            json_ld_data=event_json_ld(self, upcoming or past[:1], request, address),
        )
        return context | signup_context(self, request)

    # Signing up through the site (events.signup_views).
    @path("zapis/", name="sign_up")
    def sign_up(self, request):
        return sign_up_view(self, request)

    @path("zapis/<uuid:key>/", name="sign_up_done")
    def sign_up_done(self, request, key):
        return done_view(self, request, key)

    @path("zapis/<uuid:key>/otmena/", name="sign_up_cancel")
    def sign_up_cancel(self, request, key):
        return cancel_view(self, request, key)

    # API v2 and v3 (docs/api.md, «Афиша»): the fields, the Афиша's filters, the listing.
    api_fields = [
        APIField("lead"),
        APIField("main_image", serializer=ImageField(alt_attr="main_image_alt_text")),
        APIField("body", serializer=BodyField()),
        APIField("sessions", serializer=SessionsField(source="upcoming_sessions")),
        APIField("next_start", serializer=NextStartField(source="upcoming_sessions")),
        APIField("place"),
        APIField("address", serializer=AddressField(source="*")),
        APIField("audiences", serializer=AudiencesField()),
        APIField("age_mark", serializer=AgeMarkField()),
        APIField("min_age", serializer=MinAgeField(source="age_mark")),
        APIField("is_free"),
        APIField("price"),
        APIField("pushkin_card"),
        APIField("ticket_url"),
        APIField("registration", serializer=RegistrationField(source="*")),
        APIField("partners", serializer=EventPartnersField(source="shown_partners")),
    ]
    # The Афиша's filters, as its page takes them (its ?day=, since news' field filter has
    # ?date=: cms.api.v2.page_type_filters gives each name to one page type).
    api_filters = EventFilter.names

    @classmethod
    def api_listing(cls, pages, query, now=None):
        """The API's events: those with a date the reader's filters keep, by that date (the
        next one; the latest first in the archive), all their fields prefetched."""
        event_filter = EventFilter.from_query(query)
        matching = event_filter.apply_to_occurrences(EventOccurrence.objects.all(), pages, now)
        pages = pages.filter(pk__in=matching.values("page"))
        if "search" not in query:  # a search orders by relevance (its index has no dates)
            first_match = matching.filter(page=OuterRef("pk")).values("start")[:1]
            pages = pages.annotate(listing_start=Subquery(first_match))
            descending = event_filter.archive and not event_filter.window(now)
            pages = pages.order_by(
                *(("-listing_start", "-pk") if descending else ("listing_start", "pk"))
            )
        return pages.select_related("locale", "main_image").prefetch_related(
            "main_image__renditions",
            "audiences",
            Prefetch(
                "occurrences",
                queryset=with_seats_taken(EventOccurrence.objects.upcoming(now)),
                to_attr="upcoming_sessions",
            ),
            Prefetch("partners", queryset=partners_readers_see(), to_attr="shown_partners"),
        )

    @cached_property
    def upcoming_sessions(self):
        """Dates not over yet, cancelled ones too, each with `seats_taken` (the API; listings
        prefetch them)."""
        return list(with_seats_taken(self.occurrences.upcoming()))

    @cached_property
    def shown_partners(self):
        """The partners readers see (the API; listings prefetch them)."""
        return list(partners_readers_see().filter(pk__in=self.partners.values("pk")))


def partners_readers_see():
    return (
        Partner.objects.shown()
        .select_related("logo")
        .prefetch_related("logo__renditions")
        .order_by("short_name")
    )


class EventSession(Orderable):
    """A date and time the event takes place, once or every week until a date."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField("Начало")
    end = models.DateTimeField("Окончание", null=True, blank=True)
    all_day = models.BooleanField("Весь день", default=False)
    repeat_weekly_until = models.DateField(
        "Повторять каждую неделю до",
        null=True,
        blank=True,
        help_text="Для клубов и циклов: дата последней встречи. Пусто — один раз.",
    )
    cancelled = models.BooleanField("Отменено", default=False)

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("all_day"), FieldPanel("cancelled")]),
        FieldPanel("repeat_weekly_until"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Сеанс"
        verbose_name_plural = "Сеансы"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "Окончание должно быть позже начала."})
        if (
            self.start
            and self.repeat_weekly_until
            and self.repeat_weekly_until < timezone.localdate(self.start)
        ):
            raise ValidationError({"repeat_weekly_until": "Дата последней встречи раньше первой."})


class EventCancelledDate(Orderable):
    """One date of a weekly series that does not take place: shown «Отменено»."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="cancelled_dates")
    date = models.DateField("Дата")

    panels = [FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = "Отменённая дата"
        verbose_name_plural = "Отменённые даты"


class EventOccurrenceQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Occurrences not over yet, soonest first: a past one drops out by its date alone."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-start", "-pk")

    def overlapping(self, start, end):
        """Occurrences that take place at some moment from `start` to `end`."""
        return self.filter(start__lt=end, ends_at__gte=start).order_by("start", "pk")

    def next_edge(self, at):
        """When the Афиша next changes by the clock alone: the next end of a visible event's
        date (it leaves the upcoming ones) or the next midnight (today, this week, the
        calendar's «сегодня»). cms.pagecache keeps no page past it."""
        ends = self.filter(
            ends_at__gt=at, page__in=EventPage.objects.visible().values("pk")
        ).aggregate(first=models.Min("ends_at"))["first"]
        tomorrow = timezone.localdate(at) + datetime.timedelta(days=1)
        midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
        return min(ends, midnight) if ends else midnight

    def for_listing(self):
        return self.select_related("page__main_image").prefetch_related(
            "page__main_image__renditions", "page__audiences"
        )


class EventOccurrence(models.Model):
    """One date of an event (events.occurrences writes these from the page's sessions)."""

    page = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField("Начало", db_index=True)
    end = models.DateTimeField("Окончание", null=True, blank=True)
    ends_at = models.DateTimeField("Когда заканчивается", db_index=True, editable=False)
    all_day = models.BooleanField("Весь день", default=False)
    cancelled = models.BooleanField("Отменено", default=False)

    objects = EventOccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = "Дата события"
        verbose_name_plural = "Даты событий"
        constraints = [
            models.UniqueConstraint(fields=["page", "start"], name="one_occurrence_per_start")
        ]

    def __str__(self):
        return f"{self.page.title}, {timezone.localtime(self.start):%d.%m.%Y %H:%M}"

    def save(self, *args, **kwargs):
        self.ends_at = self.compute_ends_at()
        return super().save(*args, **kwargs)

    def compute_ends_at(self):
        """When the occurrence is over: its end, the end of its last day if it is all-day,
        else its start (a reader cannot come once it has begun without an end time)."""
        if self.all_day:
            day = timezone.localdate(self.end or self.start) + datetime.timedelta(days=1)
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        return self.end or self.start

    def has_sign_ups(self):
        return self.sign_ups.exists()
