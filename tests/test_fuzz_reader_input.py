"""Hostile input to everything a reader can reach, through the real WSGI stack: query strings
of every reader page and API listing, page paths, cookies, the bodies of every form and POST
endpoint, and the client-address header when CLIENT_IP_HEADER is set.
NUL bytes, lone surrogates, overlong strings, deep JSON, wrong types and invalid UTF-8 never
get a 5xx, and a refused post (4xx) stores nothing.

The examples are derandomized (the same cases each run). The number of cases sent and of 5xx
seen is printed and written to test-artifacts/fuzz-summary-<database>.txt.
"""

import json
from collections import Counter
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test import Client

from feedback.models import FeedbackRequest
from news.comments.models import ReaderComment
from tests.conftest import make_news, make_partner
from tests.feedback.helpers import make_feedback_page, valid_data
from tests.news.comments_helpers import approved, comment_data

pytestmark = pytest.mark.django_db

SUMMARY_DIR = Path(__file__).resolve().parents[1] / "test-artifacts"
EXAMPLES_PER_TARGET = 25

HOSTILE_STRINGS = [
    "\x00", "a\x00b", "\ud800", "x\udfffy", "\ufffe", "\u202e", "%00", "%", "&", "=", "",
    " ", "x" * 10_001, "я" * 12_000, "-1", "0", "99999999999999999999", "1e309", "NaN",
    "null", "true", "[]", "{}", "<script>alert(1)</script>", "' OR '1'='1", "../../etc/passwd",
    "\r\nSet-Cookie: x=1", "2026-13-45", "12.5",
]  # fmt: skip

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.text(max_size=30),
    st.text(st.characters(exclude_categories=()), max_size=30),  # surrogates and controls too
    st.integers().map(str),
)
# Raw bytes as a client may send them: lone-surrogate encodings, invalid UTF-8, NUL.
hostile_bytes = st.one_of(
    hostile_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=30),
    st.sampled_from([b"\xff", b"\xed\xa0\x80", b"\xc0\x80", b"\x00", b"\xe2\x82"]),
)
json_scalar = st.one_of(
    hostile_text,
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
)
json_value = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    json_scalar,
    st.lists(json_scalar, max_size=3),
    st.dictionaries(hostile_text, json_scalar, max_size=3),
)


def deep_json(depth, kind):
    if kind == "list":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


raw_json_body = st.one_of(
    st.builds(
        deep_json, st.sampled_from([33, 1000, 5000, 20_000]), st.sampled_from(["list", "object"])
    ).map(str.encode),
    st.binary(max_size=60),
    st.sampled_from(
        [b'{"name": "\\ud800"}', b'{"na\\u0000me": 1}', b"{", b"[", b"\xff\xfe", b"null", b"1"]
    ),
)


@st.composite
def query_strings(draw, names):
    """A raw WSGI QUERY_STRING: known and unknown names with hostile values, percent-encoded
    or sent as raw bytes, keys repeated or without a value."""
    pairs = draw(
        st.lists(
            st.tuples(
                st.one_of(st.sampled_from(names).map(str.encode), hostile_bytes),
                hostile_bytes,
                st.sampled_from(["encoded", "raw", "bare"]),
            ),
            min_size=1,
            max_size=4,
        )
    )
    parts = []
    for name, value, style in pairs:
        key = quote_from_bytes(name)
        if style == "encoded":
            parts.append(f"{key}={quote_from_bytes(value)}")
        elif style == "raw":
            parts.append(f"{key}={value.decode('latin-1')}")  # WSGI: bytes as latin-1
        else:
            parts.append(key)
    return "&".join(parts)


def form_body(data):
    """application/x-www-form-urlencoded bytes, lone surrogates included as a client sends
    them (the test client would refuse to encode them)."""
    parts = []
    for key, value in data.items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            encoded = str(item).encode("utf-8", "surrogatepass")
            key_bytes = key.encode("utf-8", "surrogatepass")
            parts.append(f"{quote_from_bytes(key_bytes)}={quote_from_bytes(encoded)}")
    return "&".join(parts).encode()


# The fields readers type into: hostile text in them alone, the rest valid, reaches storage.
TEXT_FIELDS = {"name", "comment", "place_name", "imya", "soobshhenie", "telefon", "login"}


def fields_to_spoil(draw, base):
    """Text fields only (so the rest stays valid) or any fields."""
    text_fields = sorted(TEXT_FIELDS & set(base))
    text_only = bool(text_fields) and draw(st.booleans())
    names = text_fields if text_only else sorted(base)
    return draw(st.lists(st.sampled_from(names), min_size=1, max_size=3)), text_only


@st.composite
def hostile_form(draw, base):
    """The valid form with one to three fields (or new ones) replaced by hostile values or by
    several values where one is expected."""
    data = dict(base)
    names, text_only = fields_to_spoil(draw, base)
    for name in names:
        data[name] = draw(
            st.one_of(st.sampled_from(HOSTILE_STRINGS), hostile_text)
            if text_only
            else st.one_of(
                st.sampled_from(HOSTILE_STRINGS),
                hostile_text,
                st.lists(hostile_text, min_size=2, max_size=3),
            )
        )
    if draw(st.booleans()):
        data[draw(hostile_text)] = draw(hostile_text)
    return data


@st.composite
def hostile_json(draw, base):
    """The valid JSON object with fields replaced by hostile values of any type, or a raw body
    (deep nesting, invalid UTF-8, broken JSON, a lone surrogate escape)."""
    if draw(st.integers(0, 3)) == 0:
        return draw(raw_json_body)
    data = dict(base)
    names, text_only = fields_to_spoil(draw, base)
    for name in names:
        data[name] = (
            draw(st.one_of(st.sampled_from(HOSTILE_STRINGS), hostile_text))
            if text_only
            else draw(json_value)
        )
    if draw(st.booleans()):
        data[draw(hostile_text)] = draw(json_value)
    if draw(st.integers(0, 5)) == 0:
        data = draw(st.sampled_from([[data], "text", 1]))
    return json.dumps(data).encode()  # escapes lone surrogates as \udXXX, as clients do


@pytest.fixture
def site(home, news_index, directory, rubric):
    """Every kind of reader page, with content for its filters to match."""
    article = make_news(news_index, title="Новость", rubric=rubric, tags=["книги"])
    approved(article, comment="Хорошая новость")
    partner = make_partner("Библиотека Минска", country="Беларусь")
    return {
        "article": article,
        "news_index": news_index,
        "directory": directory,
        "partner_url": directory.partner_url(partner),
        "feedback": (feedback := make_feedback_page(home)),
        "feedback_id": feedback.pk,
    }


class Tally:
    """Cases sent and server errors seen, per target; the totals go to the summary file."""

    def __init__(self):
        self.sent = Counter()
        self.server_errors = []  # over the file's tests, for the summary
        self.new_server_errors = []  # in the running test

    def record(self, target, response, detail):
        self.sent[target] += 1
        if response.status_code >= 500:
            error = (target, response.status_code, detail[:200])
            self.server_errors.append(error)
            self.new_server_errors.append(error)

    def write(self):
        vendor = connection.vendor
        line = (
            f"fuzz ({vendor}): {sum(self.sent.values())} cases sent to {len(self.sent)} "
            f"targets, {len(self.server_errors)} 5xx seen"
        )
        SUMMARY_DIR.mkdir(exist_ok=True)
        per_target = "".join(f"  {target}: {count}\n" for target, count in self.sent.items())
        (SUMMARY_DIR / f"fuzz-summary-{vendor}.txt").write_text(line + "\n" + per_target)
        print(line)


TALLY = Tally()


@pytest.fixture
def client():
    """A 500 is an answer to count here, not an exception to stop at."""
    return Client(raise_request_exception=False)


@pytest.fixture
def tally():
    TALLY.new_server_errors = []
    yield TALLY
    TALLY.write()  # cumulative over this file's tests


def fuzz(strategy, send, known_cases=()):
    """The known hostile cases, then up to EXAMPLES_PER_TARGET drawn ones (the same each run)."""
    for case in known_cases:
        send(case)

    @settings(
        max_examples=EXAMPLES_PER_TARGET,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case):
        send(case)

    check()


GET_TARGETS = {
    "home": ("/", ["page"]),
    "news index": ("{news_index}", ["rubric", "tag", "year", "month", "page"]),
    "news page": ("{article}", ["page", "reply_to", "comment"]),
    "search": ("/search/", ["q", "page"]),
    "partner directory": ("{directory}", ["country", "kind", "page"]),
    "partner page": ("{partner_url}", ["page"]),
    "feedback page": ("{feedback}", ["page"]),
    "rss": ("/rss/", ["page"]),
    "sitemap": ("/sitemap.xml", ["p", "page"]),
    "api v2 pages": ("/api/v2/pages/", ["type", "search", "limit", "offset", "fields", "order"]),
    "api v2 partners": ("/api/v2/partners/", ["country", "kind", "limit", "offset", "search"]),
    "api v2 comments listing": ("/api/v2/comments/", ["page", "limit", "offset"]),
    "api v2 slides": ("/api/v2/slides/", ["limit", "offset"]),
    "api v3 pages": ("/api/v3/pages/", ["type", "search", "limit", "offset", "fields"]),
    "api v3 partners": ("/api/v3/partners/", ["country", "kind", "limit", "offset"]),
    "api v3 comments": ("/api/v3/comments/", ["page", "limit", "offset"]),
    "api v2 search": ("/api/v2/search/", ["q", "page"]),
    "api v3 search": ("/api/v3/search/", ["q", "page"]),
    "api v2 feedback form": ("/api/v2/feedback/{feedback_id}/", ["page"]),
    "api v3 feedback form": ("/api/v3/feedback/{feedback_id}/", ["page"]),
}


def known_query_strings(names):
    """Each parameter with a NUL, a lone surrogate, invalid UTF-8 and 10,001 characters."""
    values = ["%00", "%ED%A0%80", "%FF", "x" * 10_001, "99999999999999999999"]
    return [f"{name}={value}" for name in names for value in values]


def known_bodies(base, style):
    """Each text field (else each field) with a NUL, a lone surrogate and 12,000 letters; for
    JSON also deep nesting and invalid UTF-8."""
    names = sorted(TEXT_FIELDS & set(base)) or sorted(base)
    forms = [base | {name: value} for name in names for value in ("\ud800", "a\x00b", "я" * 12_000)]
    if style != "json":
        return forms
    raw = [deep_json(1000, "list"), deep_json(20_000, "object"), '{"name": "\\udfff"}']
    return (
        [json.dumps(form).encode() for form in forms]
        + [body.encode() for body in raw]
        + [b'{"\xff": 1}']
    )


def url_of(template, site):
    return template.format(**{name: getattr(value, "url", value) for name, value in site.items()})


def test_hostile_query_strings_never_get_a_server_error(client, site, tally):
    for target, (template, names) in GET_TARGETS.items():
        url = url_of(template, site)

        def send(query, target=target, url=url):
            response = client.generic("GET", url, QUERY_STRING=query)
            tally.record(target, response, query)

        fuzz(query_strings(names), send, known_query_strings(names))
    hostile_segment = hostile_bytes.map(lambda value: quote_from_bytes(value, safe=""))

    def send_path(segment):
        for base in (site["news_index"].url, site["directory"].url):
            response = client.get(f"{base}{segment}/")
            tally.record("hostile path", response, segment)

    fuzz(hostile_segment, send_path)
    assert not tally.new_server_errors, "\n".join(map(repr, tally.new_server_errors))


def stored():
    return (
        ReaderComment.objects.count(),
        FeedbackRequest.objects.count(),
        get_user_model().objects.count(),
    )


def post_targets(client, site):
    """(name, url, valid data, how the body is sent) for every reader-facing POST."""
    article, feedback = site["article"], site["feedback"]
    api_comment = {
        "page": article.pk, "name": "Маша", "email": "masha@example.org",
        "comment": "Спасибо!", "consent": True, "place_name": "Кемерово",
    }  # fmt: skip
    api_feedback = {
        name: value
        for name, value in valid_data(client, feedback).items()
        if name not in ("website",)
    }
    return [
        ("comment form", article.url, comment_data(article), "form"),
        ("comment form, multipart", article.url, comment_data(article), "multipart"),
        ("feedback form", feedback.url, valid_data(client, feedback), "form"),
        ("api v2 comments", "/api/v2/comments/", api_comment, "json"),
        ("api v2 comments, multipart", "/api/v2/comments/", api_comment, "multipart"),
        ("api v2 feedback", f"/api/v2/feedback/{feedback.pk}/", api_feedback, "json"),
        ("api v3 feedback", f"/api/v3/feedback/{feedback.pk}/", api_feedback, "json"),
        (
            "sign-in",
            "/accounts/login/",
            {"login": "reader@example.org", "password": "secret"},
            "form",
        ),
        (
            "sign-up",
            "/accounts/signup/",
            {"email": "new@example.org", "password1": "Пароль-123!", "password2": "Пароль-123!"},
            "form",
        ),
    ]


def send_post(client, url, body, style):
    if style == "json":
        return client.generic("POST", url, body, content_type="application/json")
    if style == "form":
        return client.generic(
            "POST", url, form_body(body), content_type="application/x-www-form-urlencoded"
        )
    # The test client encodes multipart itself: only what UTF-8 can hold.
    data = {
        key.encode("utf-8", "replace").decode(): [
            str(item).encode("utf-8", "replace").decode()
            for item in (value if isinstance(value, list) else [value])
        ]
        for key, value in body.items()
    }
    return client.post(url, data)


def test_hostile_posts_never_get_a_server_error_and_refusals_store_nothing(client, site, tally):
    refused_but_stored = []
    for target, url, base, style in post_targets(client, site):
        strategy = hostile_json(base) if style == "json" else hostile_form(base)

        def send(body, target=target, url=url, style=style):
            for cache in caches.all():
                cache.clear()  # a rate limit's 429 would hide what the post does further on
            before = stored()
            response = send_post(client, url, body, style)
            tally.record(target, response, repr(body))
            if 400 <= response.status_code < 500 and stored() != before:
                refused_but_stored.append((target, response.status_code, repr(body)[:200]))

        fuzz(strategy, send, known_bodies(base, style))
    assert not tally.new_server_errors, "\n".join(map(repr, tally.new_server_errors))
    assert not refused_but_stored, "\n".join(map(repr, refused_but_stored))


def test_hostile_client_address_headers_never_get_a_server_error(client, site, tally, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    article = site["article"]
    body = json.dumps(
        {"page": article.pk, "name": "Маша", "email": "masha@example.org",
         "comment": "Спасибо!", "consent": True}
    )  # fmt: skip
    refused_but_stored = []
    known = ["not-an-ip", "999.1.1.1", "1" * 300, "fe80::1%eth0", "::1, x", " , 10.0.0.1"]
    header = st.one_of(
        st.sampled_from(HOSTILE_STRINGS), hostile_bytes.map(lambda value: value.decode("latin-1"))
    )

    def send(value):
        for cache in caches.all():
            cache.clear()
        before = stored()
        response = client.post(
            "/api/v2/comments/", body, content_type="application/json", HTTP_X_REAL_IP=value
        )
        tally.record("client address header", response, repr(value))
        if 400 <= response.status_code < 500 and stored() != before:
            refused_but_stored.append((response.status_code, repr(value)[:200]))

    fuzz(header, send, known)
    assert not tally.new_server_errors, "\n".join(map(repr, tally.new_server_errors))
    assert not refused_but_stored, "\n".join(map(repr, refused_but_stored))


def test_hostile_cookies_never_get_a_server_error(client, site, tally):
    url = site["article"].url
    cookie = st.tuples(
        st.sampled_from(["sessionid", "csrftoken", "vision", "x"]),
        st.one_of(
            st.sampled_from(HOSTILE_STRINGS),
            hostile_bytes.map(lambda value: value.decode("latin-1")),
        ),
    )
    known = [(name, "abcdefgh\x00ijkl") for name in ("sessionid", "csrftoken", "vision")]

    def send(name_and_value):
        name, value = name_and_value
        client.cookies.clear()
        client.cookies[name] = value
        for method in ("GET", "POST"):
            response = client.generic(method, url)
            tally.record("cookies", response, repr(name_and_value))

    fuzz(cookie, send, known)
    client.cookies.clear()
    assert not tally.new_server_errors, "\n".join(map(repr, tally.new_server_errors))
