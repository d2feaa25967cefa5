"""The sign-up's pages under an event (EventPage's routes): the form with its errors, «Вы
записаны» / «Вы в листе ожидания», and cancelling. None of them may be cached or shared: each
shows one reader's sign-up or what they typed."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from cms.models import SiteSettings
from cms.ratelimit import client_ip

from .signup_forms import RATE_LIMIT_MESSAGE, SignUpForm, rate_limit_exceeded, signup_occurrences
from .signup_mail import mail_sign_up
from .signups import EventSignUp, SignUpRefused, cancel, sign_up

FORM_TEMPLATE = "events/signup/form_page.html"
DONE_TEMPLATE = "events/signup/done_page.html"
CANCEL_TEMPLATE = "events/signup/cancel_page.html"
GONE = "Эта дата больше недоступна для записи: выберите другую."


def signup_context(page, request, form=None):
    """What the event page's registration block needs (templates/events/includes/
    registration.html): the form, the dates with their free seats, the policy's address."""
    if not page.signs_up_here:
        return {}
    occurrences = signup_occurrences(page)
    if form is None:
        form = SignUpForm(page=page, occurrences=occurrences)
    else:
        form.set_occurrences(occurrences)
    site_settings = SiteSettings.for_request(request)
    return {
        "signup_form": form,
        "signup_occurrences": occurrences,
        "signup_policy_url": site_settings.policy_url(request),
    }


def private(response):
    add_never_cache_headers(response)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def sign_up_view(page, request):
    if not page.signs_up_here:
        raise Http404("На это событие не записываются через сайт.")
    if request.method != "POST":
        return private(page.render(request, template=FORM_TEMPLATE))
    form = SignUpForm(request.POST, page=page, occurrences=signup_occurrences(page))
    status = 200
    if form.is_valid():
        if rate_limit_exceeded(client_ip(request)):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        else:
            record = store(request, form)
            if record is not None:
                return redirect(record.landing_path())
    context = signup_context(page, request, form)
    response = page.render(request, template=FORM_TEMPLATE, context_overrides=context)
    response.status_code = status
    return private(response)


def store(request, form):
    """The sign-up from a valid form, its e-mail queued; None with the form's error when the
    date filled up, closed or the reader is signed up already."""
    try:
        return signed_up(request, form)
    except SignUpRefused as refusal:
        form.add_error(None, str(refusal))
    except ObjectDoesNotExist:  # the date was removed meanwhile
        form.add_error("occurrence", GONE)
    return None


def signed_up(request, form):
    """The sign-up from a valid form (the page's or the API's), stored with its e-mail queued;
    SignUpRefused or ObjectDoesNotExist (the date is gone) when nothing was stored."""
    record = sign_up(
        form.cleaned_data["occurrence"].pk,
        policy_version=SiteSettings.for_request(request).policy_version,
        **form.sign_up_fields(),
    )
    if mail_sign_up(record, "confirmed" if record.is_confirmed else "waiting"):
        record.mail_sent = True
        record.save(update_fields=["mail_sent"])
    return record


def find(page, key):
    record = (
        EventSignUp.objects.filter(key=key, occurrence__page=page)
        .select_related("occurrence")
        .first()
    )
    if record is None:
        raise Http404("Запись не найдена.")
    record.occurrence.page = page
    return record


def done_view(page, request, key):
    record = find(page, key)
    context = {"sign_up": record, "place_in_line": record.place_in_line()}
    return private(page.render(request, template=DONE_TEMPLATE, context_overrides=context))


def cancel_view(page, request, key):
    """GET asks (a mail program opening the link must not cancel); POST cancels."""
    record = find(page, key)
    if request.method == "POST" and not record.is_cancelled:
        _, promoted = cancel(record.key)
        for waiting in promoted:
            waiting.occurrence.page = page
            mail_sign_up(waiting, "promoted")
        return redirect(record.landing_path())
    context = {"sign_up": record}
    return private(page.render(request, template=CANCEL_TEMPLATE, context_overrides=context))
