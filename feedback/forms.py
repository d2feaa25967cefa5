"""The reader's side of «Решаем вместе»: the built form, its spam guards and the rate limit."""

import uuid

from django import forms
from django.conf import settings
from django.utils.html import format_html

from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from cms import ratelimit

HONEYPOT = "website"
RATE_LIMIT_MESSAGE = (
    "Слишком много обращений с вашего адреса. Попробуйте ещё раз позже или позвоните в библиотеку."
)
EXTRA_FIELDS = ["consent", HONEYPOT, "token"]
CONSENT_LABEL = "Я даю согласие на обработку моих персональных данных"


class FeedbackForm(BaseForm):
    """Fields every feedback form has whatever the editor builds: consent and spam guards."""

    consent = forms.BooleanField(
        required=True,
        error_messages={"required": "Без согласия на обработку персональных данных мы не "
                        "можем принять обращение."},
    )  # fmt: skip
    # Bots fill every field; people never see this one (hidden by CSS, skipped by tab).
    website = forms.CharField(
        required=False,
        label="Оставьте это поле пустым",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # One token per form shown: a second POST of the same form finds the first request.
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].initial = uuid.uuid4()
        url = self.page.consent_page.url if self.page and self.page.consent_page_id else ""
        self.fields["consent"].label = (
            format_html(
                '{} (<a href="{}" target="_blank" rel="noopener">текст согласия'
                '<span class="visually-hidden"> (откроется в новой вкладке)</span></a>)',
                CONSENT_LABEL,
                url,
            )
            if url
            else CONSENT_LABEL
        )
        self.order_fields([name for name in self.fields if name not in EXTRA_FIELDS])

    def clean_token(self):
        # A form without a valid token (an old page, a script) still counts, just once more.
        try:
            return uuid.UUID(self.cleaned_data.get("token", ""))
        except ValueError:
            return uuid.uuid4()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT):
            raise forms.ValidationError(
                "Форма заполнена автоматически и не отправлена. Если вы человек, очистите "
                "поле «Оставьте это поле пустым»."
            )
        return cleaned_data


# What the browser may fill in for the reader, by the field's role (WCAG 1.3.5).
AUTOCOMPLETE = {"name": "name", "email": "email", "phone": "tel"}
# A dropdown starts on this empty choice: a required one is refused until the reader picks.
EMPTY_CHOICE = {"topic": "— выберите тему —"}
EMPTY_CHOICE_DEFAULT = "— выберите —"
CHOICE_REQUIRED = "Выберите вариант из списка."


class FeedbackFormBuilder(FormBuilder):
    """Wagtail's form builder with a length limit on long text, a phone keypad for the phone
    field, autocomplete by role, dropdowns with nothing preselected, and the fixed fields."""

    def create_singleline_field(self, field, options):
        if getattr(field, "role", "") == "phone":  # phones show their keypad for it
            options["widget"] = forms.TextInput(attrs={"type": "tel"})
        return with_autocomplete(field, super().create_singleline_field(field, options))

    def create_email_field(self, field, options):
        return with_autocomplete(field, super().create_email_field(field, options))

    def create_dropdown_field(self, field, options):
        options["error_messages"] = {"required": CHOICE_REQUIRED}
        formfield = super().create_dropdown_field(field, options)
        empty = EMPTY_CHOICE.get(getattr(field, "role", ""), EMPTY_CHOICE_DEFAULT)
        formfield.choices = [("", empty), *formfield.choices]
        return formfield

    def create_multiline_field(self, field, options):
        options["max_length"] = settings.FEEDBACK_MESSAGE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def get_form_class(self):
        return type("FeedbackBuiltForm", (FeedbackForm,), self.formfields)


def with_autocomplete(field, formfield):
    if autocomplete := AUTOCOMPLETE.get(getattr(field, "role", "")):
        formfield.widget.attrs["autocomplete"] = autocomplete
    return formfield


def rate_limit_key(ip):
    return f"feedback-rate:{ip}"


def rate_limit_exceeded(ip):
    """Count a submission from this address; True once it is over the limit for the window."""
    return ratelimit.over_limit(
        rate_limit_key(ip), settings.FEEDBACK_RATE_LIMIT, settings.FEEDBACK_RATE_LIMIT_WINDOW
    )
