"""A new social reader's username: the public name under comments when the account has no
first and last name (news.comments.forms). allauth would make an ASCII one and drop
Cyrillic («Иван» → "user"); Django's username validator allows any letters, so the
reader's own name is kept as they wrote it."""

import re

from allauth.account.internal.userkit import filter_users_by_username

from django.contrib.auth import get_user_model

FALLBACK = "читатель"
NOT_ALLOWED = re.compile(r"[^\w.@+-]+")  # what UnicodeUsernameValidator refuses


def username_base(*names):
    for name in names:
        base = NOT_ALLOWED.sub("_", " ".join((name or "").split())).strip("_.@+-")
        if base:
            return base
    return FALLBACK


def unique_username(base):
    """base, or base_2, base_3, …: the first no account has (in any case)."""
    max_length = get_user_model()._meta.get_field("username").max_length
    base = base[: max_length - 8]
    taken = {
        name.lower()
        for name in get_user_model()
        ._default_manager.filter(username__istartswith=base)
        .values_list("username", flat=True)
    }
    number = 1
    candidate = base
    while candidate.lower() in taken or filter_users_by_username(candidate).exists():
        number += 1
        candidate = f"{base}_{number}"
    return candidate
