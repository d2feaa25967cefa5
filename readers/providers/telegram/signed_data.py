"""Telegram's signed login data (core.telegram.org/widgets/login, «Checking authorization»):
the fields but `hash`, as "key=value" lines sorted by key, HMAC-SHA256 with SHA-256 of
the bot's token as the key, in hex, must equal `hash`; `auth_date` (Unix time) must be
recent. Anything else a browser may post is refused with a reason, never an exception."""

import base64
import binascii
import hashlib
import hmac
import json
import time

MAX_LENGTH = 4096  # a real answer is a few hundred characters


class Refused(ValueError):
    pass


def decode(result):
    """The #tgAuthResult fragment: base64 (standard or URL-safe, padding optional) of a
    JSON object."""
    if not isinstance(result, str) or not result or len(result) > MAX_LENGTH:
        raise Refused("no tgAuthResult")
    text = result.strip().replace("-", "+").replace("_", "/")
    text += "=" * (-len(text) % 4)
    try:
        data = json.loads(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError) as error:  # JSON and UTF-8 errors are ValueErrors
        raise Refused(f"undecodable tgAuthResult: {error}") from None
    if not isinstance(data, dict):
        raise Refused("tgAuthResult is not an object")
    return data


def signature(fields, bot_token):
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    key = hashlib.sha256(bot_token.encode()).digest()
    return hmac.new(key, check.encode(), hashlib.sha256).hexdigest()


def verified(data, bot_token, validity, skew, now=None):
    """The login data without `hash` and `auth_date`, when the signature and age hold."""
    fields = dict(data)
    given = fields.pop("hash", None)
    if not isinstance(given, str) or not given.isascii():
        raise Refused("no hash")
    if not hmac.compare_digest(given.encode(), signature(fields, bot_token).encode()):
        raise Refused("hash does not match")
    auth_date = fields.pop("auth_date", None)
    if isinstance(auth_date, bool) or not isinstance(auth_date, int | str):
        raise Refused("no auth_date")
    try:
        auth_date = int(auth_date)
    except ValueError:
        raise Refused("auth_date is not a number") from None
    age = (time.time() if now is None else now) - auth_date
    if age > validity or age < -skew:
        raise Refused(f"auth_date {age:.0f} s old")
    if not isinstance(fields.get("id"), int | str) or not str(fields["id"]).strip():
        raise Refused("no id")
    return fields
