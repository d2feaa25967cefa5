"""A stand-in for the sign-in providers (VK ID, Яндекс ID, Одноклассники, Mail.ru,
Telegram): a real HTTP server on 127.0.0.1, in a thread, speaking each one's protocol as
readers.endpoints expects it. It checks what the real ones check (the application's id and
secret, the code and its redirect_uri, VK ID's PKCE and device_id, OK's md5 signature) and
keeps every request it got, for the tests to look at.

The authorize pages show a small consent page with «Разрешить» and «Отказать» (a browser
test clicks them); `consent = "allow"` or `"deny"` answers at once, for HTTP-level tests."""

import base64
import hashlib
import hmac
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

# provider id → the path of each endpoint on the stand-in (readers.endpoints' names)
PATHS = {
    "vk": {"authorize": "/vk/authorize", "token": "/vk/oauth2/auth", "profile": "/vk/user_info"},
    "yandex": {
        "authorize": "/yandex/authorize",
        "token": "/yandex/token",
        "profile": "/yandex/info",
    },
    "odnoklassniki": {
        "authorize": "/ok/oauth/authorize",
        "token": "/ok/oauth/token.do",
        "profile": "/ok/fb.do",
    },
    "mailru": {
        "authorize": "/mailru/login",
        "token": "/mailru/token",
        "profile": "/mailru/userinfo",
    },
    "telegram": {"authorize": "/telegram/auth"},
}
ROUTES = {
    path: (provider, name) for provider, paths in PATHS.items() for name, path in paths.items()
}
# The consent page's buttons post to the authorize address + "/decide".
ROUTES |= {
    paths["authorize"] + "/decide": (provider, "decide") for provider, paths in PATHS.items()
}
# (provider, endpoint) → the ProviderStandIn method answering it
HANDLERS = {
    **{(provider, "authorize"): "authorize_oauth" for provider in PATHS},
    ("telegram", "authorize"): "authorize_telegram",
    **{(provider, "decide"): "decide" for provider in PATHS},
    **{(provider, "token"): "token_oauth" for provider in PATHS},
    **{(provider, "profile"): f"profile_{provider}" for provider in PATHS},
}

# Who signs in at each provider unless a test says otherwise: each provider's own shape.
DEFAULT_PEOPLE = {
    "vk": {
        "user_id": "1001",
        "first_name": "Иван",
        "last_name": "Петров",
        "email": "ivan.petrov@vk.example",
        "avatar": "https://vk.example/avatar.jpg",
        "sex": 2,
        "verified": False,
    },
    "yandex": {
        "id": "2002",
        "login": "anna.smirnova",
        "display_name": "anna.smirnova",
        "real_name": "Анна Смирнова",
        "first_name": "Анна",
        "last_name": "Смирнова",
        "default_email": "anna.smirnova@yandex.ru",
        "emails": ["anna.smirnova@yandex.ru"],
        "psuid": "psuid-2002",
    },
    "odnoklassniki": {
        "uid": "3003",
        "first_name": "Ольга",
        "last_name": "Кузнецова",
        "name": "Ольга Кузнецова",
        "email": "olga.k@ok.example",
        "pic190x190": "https://ok.example/pic.jpg",
    },
    "mailru": {
        "id": "4004",
        "email": "pavel.orlov@mail.ru",
        "name": "Павел Орлов",
        "first_name": "Павел",
        "last_name": "Орлов",
        "nickname": "pavel.orlov",
        "gender": "m",
        "locale": "ru_RU",
        "image": "https://filin.mail.ru/pic?email=pavel.orlov@mail.ru",
    },
    "telegram": {"id": 5005, "first_name": "Мария", "username": "maria_reads"},
}


def s256(verifier):
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def telegram_hash(fields, bot_token):
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    key = hashlib.sha256(bot_token.encode()).digest()
    return hmac.new(key, check.encode(), hashlib.sha256).hexdigest()


def telegram_result(person, bot_token, auth_date=None):
    """What Telegram puts after #tgAuthResult=: URL-safe base64 of the signed JSON."""
    fields = {**person, "auth_date": int(time.time()) if auth_date is None else auth_date}
    fields["hash"] = telegram_hash(fields, bot_token)
    return base64.urlsafe_b64encode(json.dumps(fields).encode()).rstrip(b"=").decode()


def ok_signature(params, secret):
    """OK's sig: md5 of the sorted "key=value" parameters but access_token, followed by
    md5(access_token + application secret key)."""
    suffix = hashlib.md5((params["access_token"] + secret).encode()).hexdigest()  # noqa: S324
    signed = "".join(
        sorted(f"{k}={v}" for k, v in params.items() if k not in ("sig", "access_token"))
    )
    return hashlib.md5((signed + suffix).encode()).hexdigest()  # noqa: S324


@dataclass
class Client:
    client_id: str
    secret: str
    key: str = ""


@dataclass
class Received:
    provider: str
    endpoint: str
    method: str
    params: dict
    headers: dict


@dataclass
class Grant:
    provider: str
    client_id: str
    redirect_uri: str
    person: dict
    scope: str = ""
    code_challenge: str = ""
    device_id: str = ""
    used: bool = False
    extra: dict = field(default_factory=dict)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.answer(dict(parse_qsl(urlsplit(self.path).query)))

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        params = dict(parse_qsl(urlsplit(self.path).query))
        params.update(parse_qsl(body))
        self.answer(params)

    def answer(self, params):
        stand_in = self.server.stand_in
        provider, name = ROUTES.get(urlsplit(self.path).path, ("", ""))
        with stand_in.lock:
            stand_in.received.append(
                Received(provider, name, self.command, params, dict(self.headers))
            )
        if not provider:
            return self.send(404, "text/plain", "no such endpoint")
        getattr(stand_in, HANDLERS[provider, name])(self, provider, params)

    def send(self, status, content_type, body, headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def json(self, data, status=200):
        self.send(status, "application/json", json.dumps(data))

    def redirect(self, location):
        self.send(302, "text/plain", "", headers=[("Location", location)])

    def log_message(self, *args):
        pass


CONSENT_PAGE = """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>{title}</title></head><body><h1>{title}</h1>
<p>Сайт «{origin}» просит доступ к вашему имени и адресу почты.</p>
<form method="post" action="{action}">{fields}
<button type="submit" name="decision" value="allow">Разрешить</button>
<button type="submit" name="decision" value="deny">Отказать</button>
</form></body></html>"""

TITLES = {
    "vk": "VK ID",
    "yandex": "Яндекс ID",
    "odnoklassniki": "Одноклассники",
    "mailru": "Mail.ru",
    "telegram": "Telegram",
}


class ProviderStandIn:
    """`clients[provider]` is the application registered there; `people[provider]` who
    signs in next; `consent` None (show the page), "allow" or "deny"; `telegram_auth_date`
    a fixed auth_date for the next Telegram answer."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.clients = {}
            self.people = {provider: dict(person) for provider, person in DEFAULT_PEOPLE.items()}
            self.consent = None
            self.telegram_auth_date = None
            self.received = []
            self.grants = {}
            self.tokens = {}

    def __enter__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.stand_in = self
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def endpoints(self):
        """SOCIAL_PROVIDER_ENDPOINTS pointing every provider here."""
        return {
            provider: {name: self.url + path for name, path in paths.items()}
            for provider, paths in PATHS.items()
        }

    def requests_to(self, provider, endpoint):
        with self.lock:
            return [r for r in self.received if (r.provider, r.endpoint) == (provider, endpoint)]

    # authorize: the consent page, or the decision at once
    def authorize_oauth(self, request, provider, params):
        client = self.clients.get(provider)
        if client is None or params.get("client_id") != client.client_id:
            return request.send(400, "text/plain", "unknown client_id")
        if params.get("response_type") != "code" or not params.get("redirect_uri"):
            return request.send(400, "text/plain", "response_type=code and redirect_uri wanted")
        if provider == "vk" and (
            not params.get("code_challenge")
            or params.get("code_challenge_method", "").lower() != "s256"
        ):
            return request.send(400, "text/plain", "VK ID wants PKCE with S256")
        self.consent_or_decide(request, provider, params, origin=params["redirect_uri"])

    def authorize_telegram(self, request, provider, params):
        client = self.clients.get(provider)
        if client is None or params.get("bot_id") != client.client_id:
            return request.send(400, "text/plain", "bot not found")
        if not params.get("return_to") or not params.get("origin"):
            return request.send(400, "text/plain", "origin and return_to wanted")
        self.consent_or_decide(request, provider, params, origin=params["origin"])

    def consent_or_decide(self, request, provider, params, origin):
        if self.consent is not None:
            return self.decide(request, provider, {**params, "decision": self.consent})
        fields = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in params.items()
        )
        page = CONSENT_PAGE.format(
            title=f"Вход через {TITLES[provider]}",
            origin=html.escape(urlsplit(origin).netloc),
            action=html.escape(PATHS[provider]["authorize"] + "/decide"),
            fields=fields,
        )
        request.send(200, "text/html", page)

    def decide(self, request, provider, params):
        allowed = params.get("decision") == "allow"
        if provider == "telegram":
            if not allowed:
                return request.redirect(params["return_to"] + "#tgAuthResult=false")
            result = telegram_result(
                self.people["telegram"], self.clients["telegram"].secret, self.telegram_auth_date
            )
            return request.redirect(f"{params['return_to']}#tgAuthResult={result}")
        answer = {"state": params.get("state", "")}
        if not allowed:
            answer.update(error="access_denied", error_description="User denied access")
        else:
            code = secrets.token_urlsafe(16)
            grant = Grant(
                provider,
                params["client_id"],
                params["redirect_uri"],
                dict(self.people[provider]),
                scope=params.get("scope", ""),
                code_challenge=params.get("code_challenge", ""),
            )
            answer["code"] = code
            if provider == "vk":
                grant.device_id = secrets.token_urlsafe(12)
                answer.update(device_id=grant.device_id, type="code_v2", expires_in="600")
            with self.lock:
                self.grants[code] = grant
        separator = "&" if "?" in params["redirect_uri"] else "?"
        request.redirect(params["redirect_uri"] + separator + urlencode(answer))

    # the code-for-token exchange
    def token_oauth(self, request, provider, params):
        client = self.clients[provider]
        with self.lock:
            grant = self.grants.get(params.get("code", ""))
            fresh = grant is not None and not grant.used
            if fresh:
                grant.used = True
        problem = None
        if params.get("grant_type") != "authorization_code":
            problem = "unsupported_grant_type"
        elif not fresh or grant.provider != provider:
            problem = "invalid_grant"
        elif (
            params.get("client_id") != client.client_id
            or params.get("client_secret") != client.secret
        ):
            problem = "invalid_client"
        elif params.get("redirect_uri") != grant.redirect_uri:
            problem = "invalid_grant: redirect_uri"
        elif grant.code_challenge and s256(params.get("code_verifier", "")) != grant.code_challenge:
            problem = "invalid_grant: code_verifier"
        elif provider == "vk" and params.get("device_id") != grant.device_id:
            problem = "invalid_grant: device_id"
        if problem:
            return request.json({"error": problem}, status=400)
        token = secrets.token_urlsafe(24)
        with self.lock:
            self.tokens[token] = grant
        answer = {"access_token": token, "token_type": "bearer", "expires_in": 3600}
        if provider == "vk":
            answer.update(user_id=int(grant.person["user_id"]), state=params.get("state", ""))
        return request.json(answer)

    def grant_for(self, token, provider):
        with self.lock:
            grant = self.tokens.get(token or "")
        return grant if grant is not None and grant.provider == provider else None

    # who the reader is
    def profile_vk(self, request, provider, params):
        grant = self.grant_for(params.get("access_token"), "vk")
        if request.command != "POST" or grant is None or params.get("client_id") != grant.client_id:
            return request.json({"error": "invalid_token", "error_description": "bad token"}, 401)
        request.json({"user": grant.person})

    def profile_yandex(self, request, provider, params):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        grant = self.grant_for(token, "yandex") if scheme == "OAuth" else None
        if grant is None:
            return request.send(401, "text/plain", "no token")
        request.json({**grant.person, "client_id": grant.client_id})

    def profile_odnoklassniki(self, request, provider, params):
        client = self.clients[provider]
        grant = self.grant_for(params.get("access_token"), provider)
        if grant is None:
            return request.json({"error_code": 102, "error_msg": "PARAM_SESSION_EXPIRED"})
        if params.get("application_key") != client.key:
            return request.json({"error_code": 101, "error_msg": "PARAM_API_KEY"})
        if params.get("sig") != ok_signature(params, client.secret):
            return request.json({"error_code": 104, "error_msg": "PARAM_SIGNATURE"})
        if params.get("method") != "users.getCurrentUser":
            return request.json({"error_code": 3, "error_msg": "METHOD"})
        request.json(grant.person)

    def profile_mailru(self, request, provider, params):
        grant = self.grant_for(params.get("access_token"), provider)
        if grant is None:
            return request.json({"error": "invalid_token", "error_description": "token not found"})
        request.json({**grant.person, "client_id": grant.client_id})
