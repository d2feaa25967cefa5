"""The reader's own account page: name, e-mail and password, providers, comments, their
data to download, and leaving."""

import json

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from wagtail.models import Site

from cms.models import SiteSettings
from cms.signin import may_use_admin
from news.comments.accounts import public_name

from .comments import comments_of, listed, rename_comments
from .forms import DeleteAccountForm, PublicNameForm
from .personal_data import delete_account, reader_data
from .sign_in import provider_name

COMMENTS_PER_PAGE = 20
STAFF_REFUSED = "Учётную запись сотрудника нельзя удалить здесь: её удаляет администратор сайта."


@never_cache
@login_required
def account(request):
    user = request.user
    if request.method == "POST":
        form = PublicNameForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                user.first_name, user.last_name = form.cleaned_data["name"], ""
                user.save(update_fields=["first_name", "last_name"])
                rename_comments(user, public_name(user))
            messages.success(request, "Имя сохранено. Ваши комментарии подписаны им.")
            return redirect("reader_account")
    else:
        form = PublicNameForm(initial={"name": public_name(user)})
    comments = Paginator(comments_of(user), COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "emails": EmailAddress.objects.filter(user=user).order_by("-primary", "email"),
        "has_password": user.has_usable_password(),
        "providers": sorted(
            {provider_name(account.provider) for account in SocialAccount.objects.filter(user=user)}
        ),
        "comments": comments,
        "listed": listed(comments.object_list, request),
    }
    return render(request, "readers/account.html", context)


@login_required
def download(request):
    data = reader_data(request.user, request)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"moi-dannye-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
def delete(request):
    user = request.user
    if may_use_admin(user):
        return render(request, "readers/delete.html", {"refused": STAFF_REFUSED}, status=403)
    form = DeleteAccountForm(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            delete_account(user)
        logout(request)
        messages.success(
            request,
            "Ваш аккаунт удалён. Опубликованные комментарии остались на сайте без вашего имени, "
            "остальные удалены.",
        )
        return redirect("/")
    site = Site.find_for_request(request)  # none on a database without Wagtail's site yet
    policy_url = SiteSettings.for_site(site).policy_url(request) if site else None
    return render(request, "readers/delete.html", {"form": form, "policy_url": policy_url})
