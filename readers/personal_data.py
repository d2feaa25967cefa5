"""Everything the site holds about a reader, as plain data (the account page's «Скачать мои
данные» and `export_personal_data`), and what leaving removes («Удалить аккаунт»)."""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone

from cms import webhooks
from events.personal_data import sign_ups_data
from feedback.personal_data import personal_data
from news.comments.accounts import public_name
from news.comments.models import ReaderComment

from .comments import STATE_LABELS, CommentPages, erase_comments, state, with_state
from .sign_in import provider_name

# Keys of a provider's profile (SocialAccount.extra_data) left out of the download: a
# provider may hand back a token with the profile; tokens are never exported.
SECRET_MARKERS = ("token", "secret", "hash", "signature")


def verified_emails(user):
    """The account's addresses the reader proved they own: only these may pull in data sent
    under an address (requests, guest comments). Anyone can sign up with a stranger's one."""
    return sorted(
        {
            address.lower()
            for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
                "email", flat=True
            )
        }
    )


def profile_without_secrets(extra_data):
    if not isinstance(extra_data, dict):
        return {}
    return {
        key: value
        for key, value in extra_data.items()
        if not any(marker in str(key).lower() for marker in SECRET_MARKERS)
    }


def account_data(user):
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "name_under_comments": public_name(user),
        "email": user.email,
        "emails": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "connected_providers": [
            {
                "provider": account.provider,
                "provider_name": provider_name(account.provider),
                "uid": account.uid,
                "connected": account.date_joined,
                "last_login": account.last_login,
                "profile": profile_without_secrets(account.extra_data),
            }
            for account in SocialAccount.objects.filter(user=user).order_by("pk")
        ],
    }


def by_email(emails):
    query = Q(pk__in=[])
    for email in emails:
        query |= Q(user_email__iexact=email)
    return query


def comments_data(comments, absolute):
    """Each comment with all it holds; `absolute` makes a path into an address."""
    comments = list(
        with_state(comments).prefetch_related("attachments").order_by("submit_date", "pk")
    )
    pages = CommentPages(comments)
    return [
        {
            "id": comment.pk,
            "text": comment.comment,
            "page": {"title": pages.title(comment), "url": absolute(pages.url(comment))},
            "reply_to": comment.parent_id if comment.parent_id != comment.pk else None,
            "submitted": comment.submit_date,
            "state": STATE_LABELS[state(comment)],
            "moderated_at": comment.moderated_at,
            "name": comment.user_name,
            "email": comment.user_email,
            "notify_by_email": comment.followup,
            "place_name": comment.place_name,
            "latitude": comment.latitude,
            "longitude": comment.longitude,
            "consent": comment.consent,
            "consent_version": comment.consent_policy_version,
            "consent_at": comment.consent_at,
            "ip_address": comment.ip_address,
            "attachments": [
                {
                    "name": attachment.original_name,
                    "kind": attachment.kind,
                    "size": attachment.size,
                    "url": absolute(attachment.url),
                }
                for attachment in comment.attachments.all()
            ],
        }
        for comment in comments
    ]


def requests_data(emails):
    return [request for email in emails for request in personal_data(email)]


def reader_comments(user, emails):
    """The account's comments and those sent as a guest under its verified addresses."""
    return ReaderComment.objects.filter(Q(user=user) | guest_comments(emails))


def guest_comments(emails):
    return Q(user__isnull=True) & by_email(emails)


def reader_data(user, request):
    """The account page's download: the account, its comments, and the requests, guest
    comments and sign-ups for events sent under its verified addresses."""
    emails = verified_emails(user)
    return {
        "exported_at": timezone.now(),
        "account": account_data(user),
        "comments": comments_data(reader_comments(user, emails), absolute_with(request)),
        "requests": requests_data(emails),
        "event_sign_ups": sign_ups_data(emails),
    }


def absolute_with(request=None):
    base = "" if request is not None else webhooks.absolute("")

    def absolute(path):
        if not path:
            return ""
        return request.build_absolute_uri(path) if request is not None else base + path

    return absolute


def accounts_with_email(email):
    email = email.strip()
    with_address = EmailAddress.objects.filter(email__iexact=email).values("user_id")
    return get_user_model().objects.filter(Q(email__iexact=email) | Q(pk__in=with_address))


def email_data(email):
    """`export_personal_data EMAIL`: the accounts with this address, their comments and the
    ones sent under it as a guest, its «Решаем вместе» requests and its sign-ups for events."""
    accounts = list(accounts_with_email(email).order_by("pk"))
    comments = ReaderComment.objects.filter(Q(user__in=accounts) | by_email([email.strip()]))
    return {
        "email": email.strip(),
        "exported_at": timezone.now(),
        "accounts": [account_data(user) for user in accounts],
        "comments": comments_data(comments, absolute_with()),
        "requests": personal_data(email),
        "event_sign_ups": sign_ups_data([email.strip()]),
    }


def end_sessions(user):
    """Sign the user out everywhere: their sessions go from the database."""
    key = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == key:
            session.delete()


def delete_account(user):
    """«Удалить аккаунт»: comments as erase_comments() says (also the guest ones under the
    account's verified addresses), then the sessions and the account with its e-mail
    addresses and connected providers (their tokens too). «Решаем вместе» requests stay:
    they are the library's correspondence (export_personal_data --delete removes them)."""
    kept, deleted = erase_comments(reader_comments(user, verified_emails(user)))
    end_sessions(user)
    user.delete()
    return kept, deleted
