"""The header's «Войти» / reader's name and «Выйти», and the «Войти с помощью» buttons."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from cms.csp import allow_on_page
from readers.sign_in import buttons, provider_name

register = template.Library()

ACCOUNT_PAGES = "/accounts/"


@register.inclusion_tag("readers/social_sign_in.html", takes_context=True)
def social_sign_in(context, next="", process="login"):
    """`{% social_sign_in next=page_url %}`: a button (a POST form) per configured provider,
    nothing at all when none is. `process="connect"` connects the signed-in reader's account
    with the providers not connected yet."""
    request = context.get("request")
    rows = buttons(request, process=process, next_url=next) if request is not None else []
    if rows:
        allow_on_page(request, "social_sign_in")
    return {"buttons": rows, "process": process, "csrf_token": context.get("csrf_token")}


def coming_back_to(request):
    """Where signing in or out from this page returns the reader: this page, or from an
    account page wherever that page was to return."""
    if request.path.startswith(ACCOUNT_PAGES):
        return request.GET.get("next", "")
    return request.get_full_path()


@register.inclusion_tag("readers/reader_menu.html", takes_context=True)
def reader_menu(context):
    """The header's «Войти» for guests; for a signed-in reader their public name (as under
    their comments), leading to their account page, and «Выйти»."""
    request = context.get("request")
    user = getattr(request, "user", None)
    next_url = coming_back_to(request) if request is not None else ""
    signed_in = user is not None and user.is_authenticated
    login_url = reverse("account_login")
    if next_url and not signed_in:
        login_url += "?" + urlencode({"next": next_url})
    return {
        "reader": user if signed_in else None,
        "name": (user.get_full_name() or user.get_username()) if signed_in else "",
        "login_url": login_url,
        "next": next_url,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def provider_label(provider_id):
    return provider_name(provider_id)
