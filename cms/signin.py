"""Who may sign in where: the admin's sign-in form, its lockout (django-axes), and the client
address of reader accounts (django-allauth). Settings: «Abuse of sign-in» in settings/base.py."""

from allauth.account.adapter import DefaultAccountAdapter
from axes.helpers import get_cool_off

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse

from wagtail.admin.forms.auth import LoginForm

from cms.ratelimit import client_ip

# One message for a wrong password and for a right one of an account without admin access:
# a different answer would tell whoever guesses a reader's password that the guess was right.
REFUSED = (
    "Неверное имя пользователя или пароль, или у этой учётной записи нет доступа "
    "к управлению сайтом."
)


def may_use_admin(user):
    return user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


class AdminLoginForm(LoginForm):
    """Wagtail's sign-in form, refusing readers: allauth's backend would otherwise accept a
    reader's e-mail and password here, past allauth's e-mail verification and limits."""

    error_messages = {**LoginForm.error_messages, "invalid_login": REFUSED, "inactive": REFUSED}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's field has no label: Django makes «Password» from its name, untranslated.
        self.fields["password"].label = "Пароль"

    def get_invalid_login_error(self):
        return ValidationError(REFUSED, code="invalid_login")

    def confirm_login_allowed(self, user):
        if not may_use_admin(user):
            raise ValidationError(REFUSED, code="no_admin_access")


def account_key(request, credentials=None):
    """The account a sign-in names, however it is written (its username, or its e-mail in
    any case: allauth's backend accepts both), so that every spelling of one account counts
    towards one lock; a name of no account counts as written, in lower case."""
    credentials = credentials or {}
    login = credentials.get("username") or credentials.get("email")
    if login is None:
        login = getattr(request, "POST", {}).get("username", "")
    login = str(login).strip()
    if not login:
        return None
    user = (
        get_user_model()
        .objects.filter(Q(username=login) | Q(email__iexact=login))
        .order_by("pk")
        .first()
    )
    return user.get_username() if user else login.lower()


def outside_admin_sign_in(request, credentials=None):
    """axes leaves alone every sign-in but the admin's: readers sign in through allauth, whose
    limits (per address and per account) answer in the reader's own form; a second lockout
    would show readers the admin's page and keep a record of their addresses."""
    return not request.path.startswith(reverse("wagtailadmin_home"))


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return render(request, "cms/admin_lockout.html", {"minutes": minutes}, status=429)


class ClientAddressAccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """allauth keys its limits by this address: the same one as the site's own limits,
        not REMOTE_ADDR, which behind the proxy is the proxy's for every reader."""
        address = client_ip(request)  # a valid address, or "" when there is none
        if not address:
            raise PermissionDenied("Не удалось определить адрес клиента.")
        return address
