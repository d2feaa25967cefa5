"""The sign-up form on an event's page: the date with its free seats, who comes, consent, and
the spam guards of the site's other reader forms (a honeypot field, the rate limit)."""

from django import forms
from django.conf import settings
from django.utils import formats, timezone

from cms import ratelimit
from cms.templatetags.site_tags import ru_plural

from .signups import MAX_CHILD_AGE, MAX_SEATS, open_for_sign_up, seats_left, with_seats_taken

HONEYPOT = "website"
RATE_LIMIT_MESSAGE = (
    "Слишком много записей с вашего адреса. Попробуйте ещё раз позже или позвоните в библиотеку."
)
BOT_MESSAGE = (
    "Форма заполнена автоматически и не отправлена. Если вы человек, очистите поле "
    "«Оставьте это поле пустым»."
)
NO_CONTACT = "Укажите электронную почту или телефон, чтобы мы могли связаться с вами."
SEATS = "место,места,мест"


def signup_occurrences(page, now=None):
    """The dates of `page` a reader may sign up for, soonest first, each with `seats_left`
    (None: no limit) and `label` for the date chooser. One query whatever their number."""
    occurrences = list(with_seats_taken(open_for_sign_up(page.occurrences.all(), now)))
    for occurrence in occurrences:
        occurrence.seats_left = seats_left(page, occurrence.seats_taken)
        occurrence.label = occurrence_label(page, occurrence)
    return occurrences


def when(occurrence):
    start = timezone.localtime(occurrence.start)
    # «5 декабря 2026, суббота»: Django's Russian weekday is capitalised, mid-phrase it is not.
    day = f"{formats.date_format(start, 'j E Y')}, {formats.date_format(start, 'l').lower()}"
    return day if occurrence.all_day else f"{day}, {start:%H:%M}"


def occurrence_label(page, occurrence):
    left = occurrence.seats_left
    if left is None:
        return when(occurrence)
    if left:
        return f"{when(occurrence)} — осталось {ru_plural(left, SEATS)}"
    if page.waiting_list:
        return f"{when(occurrence)} — мест нет, запись в лист ожидания"
    return f"{when(occurrence)} — мест нет"


class OccurrenceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class SignUpForm(forms.Form):
    occurrence = OccurrenceChoiceField(
        label="Дата",
        queryset=None,
        empty_label="— выберите дату —",
        error_messages={
            "required": "Выберите дату.",
            "invalid_choice": "На эту дату записаться уже нельзя: выберите другую.",
        },
    )
    name = forms.CharField(
        label="Имя и фамилия",
        max_length=100,
        error_messages={"required": "Укажите, как вас зовут."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Электронная почта",
        required=False,
        help_text="На неё придёт подтверждение и ссылка для отмены записи.",
        error_messages={"invalid": "Проверьте адрес электронной почты."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.RegexField(
        label="Телефон",
        required=False,
        max_length=30,
        regex=r"^\+?[\d\s().-]{5,30}$",
        help_text="Если нет электронной почты.",
        error_messages={"invalid": "Телефон — цифры, можно с +, скобками и дефисами."},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    seats = forms.TypedChoiceField(
        label="Сколько человек придёт",
        coerce=int,
        choices=[(number, str(number)) for number in range(1, MAX_SEATS + 1)],
        initial=1,
        help_text="Вместе с сопровождающими взрослыми.",
        error_messages={"invalid_choice": f"Можно записать от 1 до {MAX_SEATS} человек."},
    )
    child_age = forms.IntegerField(
        label="Возраст ребёнка",
        required=False,
        min_value=0,
        max_value=MAX_CHILD_AGE,
        error_messages={
            "invalid": "Возраст — целое число лет.",
            "min_value": "Возраст не может быть меньше 0.",
            "max_value": f"Возраст — не больше {MAX_CHILD_AGE} лет.",
        },
    )
    comment = forms.CharField(
        label="Комментарий",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        error_messages={"max_length": "Комментарий — не длиннее 500 знаков."},
    )
    consent = forms.BooleanField(
        label="Я даю согласие на обработку моих персональных данных",
        error_messages={
            "required": "Без согласия на обработку персональных данных мы не можем вас записать."
        },
    )
    # Bots fill every field; people never see this one (hidden by CSS, skipped by tab).
    website = forms.CharField(
        label="Оставьте это поле пустым",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, page, occurrences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].queryset = open_for_sign_up(page.occurrences.all())
        self.set_occurrences(occurrences)

    def set_occurrences(self, occurrences):
        """The date chooser's choices: `occurrences` as signup_occurrences() gives them, with
        their labels, so showing the form costs no query of its own."""
        field = self.fields["occurrence"]
        field.choices = [("", field.empty_label)] + [
            (occurrence.pk, occurrence.label) for occurrence in occurrences
        ]
        if len(occurrences) == 1:
            field.initial = occurrences[0].pk

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT):
            raise forms.ValidationError(BOT_MESSAGE)
        if not cleaned_data.get("email") and not cleaned_data.get("phone"):
            if "email" not in self.errors and "phone" not in self.errors:
                self.add_error("email", NO_CONTACT)
        return cleaned_data

    def sign_up_fields(self):
        data = self.cleaned_data
        return {
            name: data[name] or default
            for name, default in (
                ("name", ""), ("email", ""), ("phone", ""), ("seats", 1),
                ("child_age", None), ("comment", ""),
            )
        }  # fmt: skip


def rate_limit_exceeded(ip):
    """Count a sign-up from this address; True once it is over the limit for the window."""
    return ratelimit.over_limit(
        f"events-signup-rate:{ip}",
        settings.EVENT_SIGNUP_RATE_LIMIT,
        settings.EVENT_SIGNUP_RATE_LIMIT_WINDOW,
    )
