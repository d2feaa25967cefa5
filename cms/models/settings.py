"""Per-site settings editors change in the admin: banner, «Решаем вместе», contacts, policy,
the independent quality assessment (НОК) and the founder."""

import copy
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from cms import banner, cachetags
from cms.fragments import cached_fragment
from cms.pages import linkable_url

NOK_HOSTS = {"bus.gov.ru", "www.bus.gov.ru"}

AGE_MARKS = [("0+", "0+"), ("6+", "6+"), ("12+", "12+"), ("16+", "16+"), ("18+", "18+")]

DECIDE_TOGETHER_TEXT = (
    "Сложности с получением «Пушкинской карты» или приобретением билетов? Знаете, как "
    "улучшить работу учреждений культуры? Напишите — решим!"
)


class DecidePlacement(models.TextChoices):
    """Where news pages show «Решаем вместе» (the API gives the value to front ends)."""

    AFTER_BODY = "after_body", "После текста новости"
    AFTER_COMMENTS = "after_comments", "После комментариев"
    HIDDEN = "hidden", "Не показывать"


# The settings row of the last site, per process, while EVERYTHING's version is unchanged:
# saving the settings bumps it (cms.invalidation), so every process reads the new row at once.
rows_seen = {}


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Everything site-wide that editors, not developers, decide."""

    banner_enabled = models.BooleanField("Показывать баннер «Пушкинская карта»", default=True)
    banner_text = models.CharField(
        "Текст баннера", max_length=200, default="Пушкинская карта", blank=True
    )
    banner_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Изображение баннера",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    banner_destination = models.CharField(
        "Куда ведёт баннер",
        max_length=50,
        choices=banner.destination_choices,
        default=banner.EXTERNAL,
    )
    banner_url = models.URLField(
        "Ссылка баннера",
        blank=True,
        help_text="Внешняя страница. Если баннер ведёт на страницу сайта, сюда он ведёт, "
        "пока та не опубликована.",
    )

    decide_enabled = models.BooleanField("Показывать блок «Решаем вместе»", default=True)
    decide_title = models.CharField("Заголовок", max_length=100, default="Решаем вместе")
    decide_text = models.TextField("Текст", default=DECIDE_TOGETHER_TEXT)
    decide_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Страница формы обратной связи",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decide_news_placement = models.CharField(
        "Где показывать «Решаем вместе» на страницах новостей",
        max_length=20,
        choices=DecidePlacement.choices,
        default=DecidePlacement.AFTER_COMMENTS,
        help_text="На главной блок всегда в боковой колонке, пока он включён.",
    )
    pos_widget_id = models.CharField(
        "ID виджета Госуслуг (ПОС)",
        max_length=100,
        blank=True,
        help_text="Число из кода виджета. Пусто — виджет не показывается, "
        "и сайт не обращается к Госуслугам.",
        validators=[RegexValidator(r"^\d+$", "ID виджета — это число, например 123456.")],
    )

    address = models.CharField("Адрес", max_length=255, blank=True)
    phone = models.CharField("Телефон", max_length=50, blank=True)
    email = models.EmailField("Электронная почта", blank=True)
    opening_hours = models.TextField("Часы работы", blank=True)

    vk_url = models.URLField("ВКонтакте", blank=True)
    telegram_url = models.URLField("Telegram", blank=True)
    ok_url = models.URLField("Одноклассники", blank=True)

    nok_url = models.URLField(
        "Оценить качество услуг: карточка организации на bus.gov.ru",
        blank=True,
        help_text="Независимая оценка качества (НОК). Ссылка в подвале сайта; сайт ничего не "
        "загружает с bus.gov.ru, пока читатель не перейдёт по ней.",
    )
    survey_url = models.URLField("Анкета удовлетворённости качеством услуг", blank=True)
    survey_qr = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="QR-код анкеты",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Необязательно. Изображение из медиатеки сайта; показывается рядом со ссылкой.",
    )
    founder_name = models.CharField("Учредитель", max_length=255, blank=True)
    founder_url = models.URLField("Сайт учредителя", blank=True)

    age_mark = models.CharField(
        "Возрастной знак (436-ФЗ)", max_length=3, choices=AGE_MARKS, default="0+"
    )
    policy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Политика обработки персональных данных",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    policy_version = models.CharField(
        "Версия политики",
        max_length=50,
        default="1",
        help_text="Меняйте при каждой правке политики: версия сохраняется с каждым согласием.",
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("banner_enabled"),
                            FieldPanel("banner_text"),
                            FieldPanel("banner_image"),
                            FieldPanel("banner_destination"),
                            FieldPanel("banner_url"),
                        ],
                        heading="Баннер «Пушкинская карта»",
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("decide_enabled"),
                            FieldPanel("decide_title"),
                            FieldPanel("decide_text"),
                            FieldPanel("decide_page"),
                            FieldPanel("decide_news_placement"),
                            FieldPanel("pos_widget_id"),
                        ],
                        heading="Блок «Решаем вместе»",
                    ),
                ],
                heading="Баннеры",
            ),
            ObjectList(
                [
                    FieldPanel("address"),
                    FieldPanel("phone"),
                    FieldPanel("email"),
                    FieldPanel("opening_hours"),
                    MultiFieldPanel(
                        [FieldPanel("vk_url"), FieldPanel("telegram_url"), FieldPanel("ok_url")],
                        heading="Соцсети",
                    ),
                ],
                heading="Контакты",
            ),
            ObjectList(
                [FieldPanel("age_mark"), FieldPanel("policy_page"), FieldPanel("policy_version")],
                heading="Правовое",
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("nok_url"), FieldPanel("survey_url"), FieldPanel("survey_qr")],
                        heading="Независимая оценка качества услуг",
                    ),
                    MultiFieldPanel(
                        [FieldPanel("founder_name"), FieldPanel("founder_url")],
                        heading="Учредитель",
                    ),
                ],
                heading="Сведения об организации",
            ),
        ]
    )

    class Meta:
        verbose_name = "Настройки сайта"

    def clean(self):
        super().clean()
        errors = {}
        if self.banner_enabled and not self.banner_url:
            if not banner.is_registered(self.banner_destination):
                errors["banner_url"] = "Укажите ссылку: включённый баннер ведёт на неё."
            elif not banner.destination_url(self.banner_destination):
                errors["banner_url"] = (
                    "Выбранная страница сайта не опубликована. Укажите ссылку: баннер ведёт "
                    "на неё, пока страница не опубликована."
                )
        if self.nok_url and urlsplit(self.nok_url).hostname not in NOK_HOSTS:
            errors["nok_url"] = (
                "Нужна ссылка на карточку организации на bus.gov.ru, например "
                "https://bus.gov.ru/info-card/123456."
            )
        if errors:
            raise ValidationError(errors)

    def image_uses(self):
        uses = []
        if self.banner_image_id:
            uses.append((self.banner_image, "banner"))
        if self.survey_qr_id:
            uses.append((self.survey_qr, "survey_qr"))
        return uses

    def banner_href(self, request=None):
        """Where the banner leads: the chosen page of the site while it is published, else
        the link. Templates call it without a request (settings.cms.SiteSettings knows it)."""
        request = self.request_or_own(request)
        return banner.destination_url(self.banner_destination, request) or self.banner_url

    @classmethod
    def for_request(cls, request):
        """Wagtail's, without its query while no setting changed: each request gets its own
        copy of the row this process read, whose related rows it reads afresh."""
        name = cls.get_cache_attr_name()
        if hasattr(request, name):
            return getattr(request, name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)  # Wagtail's answer to no site
        row = cachetags.kept_per_change(
            rows_seen, site.pk, lambda: without_related(cls.for_site(site)), request
        )
        instance = without_related(row)
        instance._request = request  # as Wagtail's: its links use the request's root paths
        setattr(request, name, instance)
        return instance

    def request_or_own(self, request):
        """`request`, or the one these settings were read for: a link made with it reuses
        the request's site root paths."""
        return request or getattr(self, "_request", None)

    def policy_url(self, request=None):
        if not self.policy_page_id:
            return ""
        return linkable_url(self.policy_page, self.request_or_own(request))

    @property
    def decide_placement_on_news(self):
        """Where news pages show the block: a DecidePlacement value, or "" for nowhere."""
        if not self.decide_enabled or self.decide_news_placement == DecidePlacement.HIDDEN:
            return ""
        return self.decide_news_placement

    def decide_url(self, request=None):
        """Where «Написать обращение» leads: the form page, once it is published; kept
        while the page and the menus are unchanged (a move bumps MENU)."""
        if not self.decide_page_id:
            return ""
        request = self.request_or_own(request)
        return cached_fragment(
            "decide-url",
            [cachetags.MENU, cachetags.page_tag(self.decide_page_id)],
            lambda: linkable_url(self.decide_page, request),
            vary=(request.get_host() if request else None, self.decide_page_id),
            request=request,
        )


def without_related(settings_row):
    """A copy of the row that shares nothing with it, with no related row read yet."""
    # Django's __getstate__ copies the model state; Wagtail's leaves out _request.
    row = copy.copy(settings_row)
    row._state.fields_cache = {}
    return row
