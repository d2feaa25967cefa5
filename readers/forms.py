"""The account page's forms: the name under comments, and the confirmation of leaving."""

from allauth.core import ratelimit

from django import forms
from django.core.exceptions import ValidationError

from news.comments.accounts import NAME_MAX_LENGTH


class PublicNameForm(forms.Form):
    name = forms.CharField(
        label="Имя",
        max_length=NAME_MAX_LENGTH,
        help_text="Так подписаны ваши комментарии на сайте, и прежние тоже.",
        error_messages={
            "required": "Укажите имя.",
            "max_length": f"Имя не длиннее {NAME_MAX_LENGTH} знаков.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": NAME_MAX_LENGTH}),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not any(character.isalnum() for character in name):
            raise ValidationError("Имя должно содержать хотя бы одну букву или цифру.")
        return name


class DeleteAccountForm(forms.Form):
    """A reader with a password types it; one who signs in only through a provider ticks
    the box (they have no password to type)."""

    password = forms.CharField(
        label="Ваш пароль",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Введите пароль, чтобы подтвердить удаление."},
    )
    confirm = forms.BooleanField(
        label="Да, удалить мой аккаунт и мои данные",
        error_messages={"required": "Отметьте, что вы хотите удалить аккаунт."},
    )

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        user = self.user = request.user
        if user.has_usable_password():
            del self.fields["confirm"]
        else:
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        # allauth's limit for typing the password again (ACCOUNT_RATE_LIMITS «reauthenticate»):
        # a session left open is no way to guess the password.
        if not ratelimit.consume(self.request, action="reauthenticate", user=self.user):
            raise ValidationError("Слишком много попыток. Попробуйте через несколько минут.")
        if not self.user.check_password(password):
            raise ValidationError("Пароль неверный.")
        return password
