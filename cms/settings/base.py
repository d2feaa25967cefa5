"""Settings shared by every environment; dev, test and production override from here."""

import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url

from django.utils.deprecation import RemovedInDjango60Warning

from .env import env_bool, env_int, env_list, env_path, env_str
from .headless_preview import client_origins, headless_preview_client_urls
from .object_storage import object_storage_settings
from .social_sign_in import PROVIDER_APPS, providers_from_environment

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    # Comments: listed before news so news can undo a signal xtd connects in ready().
    "django_comments_xtd",
    "django_comments",
    "allauth",  # reader accounts for comments
    "allauth.account",
    "allauth.socialaccount",
    *PROVIDER_APPS,
    "wagtail.contrib.forms",
    "wagtail_modeladmin",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # After Wagtail: the first app with a translation wins, and DRF's Russian for
    # "This field is required." differs from Wagtail's.
    "wagtail.api.v2",
    "wagtail.api.v3",
    "rest_framework",
    "corsheaders",
    "ninja",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.sites",
    "django.contrib.staticfiles",
    # The project's own apps, one layer on another (README, Architecture): the shared
    # kernel, the partner directory, news and comments, then what composes them. Last, so
    # that their ready() finds Wagtail's API registries filled (they add routers to them).
    "cms",
    "partners",
    "events",
    "news",
    "feedback",
    "home",
    "readers",
    # Moving in from the old Joomla site: `manage.py import_joomla` and its old addresses.
    "joomla",
]

MIDDLEWARE = [
    # First: a hit is answered before any other middleware runs; a page is stored with the
    # headers all of them gave it (see cms.pagecache).
    "cms.pagecache.PageCacheMiddleware",
    # Security headers on every response, also those made by the middleware below.
    "cms.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before any view and the page cache; after the ones above, so that a refusal carries
    # their headers (CORS, security, frame options). None of them reads the input.
    "cms.input_guard.InputGuardMiddleware",
    "cms.middleware.APICacheHeadersMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Again, inside the others: a page's own policy is kept (see cms.csp).
    "cms.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The old site's index.php?option=com_content… addresses, whatever else their query has.
    "joomla.middleware.JoomlaQueryRedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.vision",
                "cms.context_processors.clock_edge",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite in a git-ignored folder unless DATABASE_URL names another database.
DATA_DIR = env_path("DATA_DIR", BASE_DIR / "var")
# Connections are kept for 60 s; each request first checks the one it inherits, so a
# connection a database restart cut is replaced instead of failing that request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The site and the worker write to one file: readers never wait for a writer (WAL), and a
    # writer waits for the other's transaction to end instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
TIME_ZONE = "Asia/Novokuznetsk"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The site's own Russian for what the packages leave in English in the admin (README, «The
# admin's language»); these catalogs win over the packages'. `make install` compiles them.
LOCALE_PATHS = [BASE_DIR / "locale"]
# One library, one time zone: with a single choice Wagtail leaves the time zone out of an
# editor's preferences (otherwise a list of 600 English zone names).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]

STATIC_URL = "/static/"
STATIC_ROOT = env_path("STATIC_ROOT", BASE_DIR / "static_collected")
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = env_path("MEDIA_ROOT", BASE_DIR / "media")
# Let Django serve MEDIA_URL itself when no web server or object storage does it.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Readers' comment files: outside MEDIA_ROOT, served only by the comment file view.
    "comment_files": {
        "BACKEND": "cms.storage.SettingFolderStorage",
        "OPTIONS": {"setting": "COMMENTS_FILES_ROOT"},
    },
}
# With AWS_STORAGE_BUCKET_NAME, uploads and comment files live in S3-compatible object
# storage instead, and MEDIA_URL is where browsers read public media from (README).
OBJECT_STORAGE = object_storage_settings()
if OBJECT_STORAGE:
    STORAGES |= OBJECT_STORAGE["STORAGES"]
    MEDIA_URL = OBJECT_STORAGE["MEDIA_URL"]

# The page editor of a long news item easily exceeds Django's default of 1000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Django 6's behaviour now: a URL typed without a scheme into a form (an editor's link, a
# partner's site) is taken as https://, not http://. Django 5.2 warns about every URL field
# made without this choice (django_comments makes one at import). The setting is itself
# deprecated, being the default in Django 6.0: that one warning, which Django gives when it
# reads these settings, is silenced by its exact text. Remove both lines with Django 6.0.
FORMS_URLFIELD_ASSUME_HTTPS = True
warnings.filterwarnings(
    "ignore",
    message=r"The FORMS_URLFIELD_ASSUME_HTTPS transitional setting is deprecated\.$",
    category=RemovedInDjango60Warning,
    module=r"django\.conf$",
)

WAGTAIL_SITE_NAME = "Библиотека Кузбасса для детей и молодёжи"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# Slugs stay ASCII: the admin transliterates Russian titles, and so does home.slugs in code.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Wagtail's database backend. PostgreSQL stems Russian words with its `russian` search config
# so «библиотеки» finds «библиотека»; on SQLite, cms.search_backend does it with Snowball stems
# (and leaves out FTS5's slow ranking).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "cms.search_backend"
        if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
        else "wagtail.search.backends.database",
        "SEARCH_CONFIG": "russian",  # PostgreSQL's
    }
}

WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Every document goes through Wagtail's serve view, which checks collection restrictions
# first; never a redirect to the file in storage (in a bucket documents have no public URL).
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Embeds are shown as links, never fetched into a reader's page (no third-party requests).
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# The worker makes the renditions an image's uses need when it is uploaded or its content
# published (cms.renditions), so no reader waits for one; off, each is made on first view.
PREPARE_RENDITIONS = env_bool("PREPARE_RENDITIONS", True)

NEWS_PER_PAGE = 12
EVENTS_PER_PAGE = 12
SEARCH_RESULTS_PER_PAGE = 10

# Wagtail caches every rendition's URL; Django's default of 300 entries would evict the
# site root paths with them and make query counts jump.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    # Whole pages and API answers for anonymous readers (cms.pagecache); local memory is
    # per process: production uses Redis or files (settings/production.py).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    },
}
# How long an anonymous page stays cached; 0 switches the page cache off. A change makes stale
# at once what shows it (cms.invalidation), so this only bounds memory.
PAGE_CACHE_SECONDS = env_int("CMS_CACHE_SECONDS", 600)
# Template fragments (cms.fragments): kept at most this long, stale at once when what they
# show changes; 0 renders them every time.
FRAGMENT_CACHE_SECONDS = env_int("CMS_FRAGMENT_CACHE_SECONDS", 24 * 60 * 60)
FRAGMENT_CACHE_ALIAS = "default"
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/accounts/",
    "/comments/",
    "/documents/",
    "/vision/",
    "/static/",
    "/media/",
    "/healthz/",  # answers about this moment, to this prober (cms.health)
    "/readyz/",
    # A draft for one token's holder, never for the next reader (cms.preview).
    "/api/v2/page_preview/",
    "/api/v3/page_preview/",
]

# Background work (cms.background, cms.schedule): a queue that `manage.py worker` takes tasks
# from. The database (django-tasks-db) by default: nothing more to run or back up. With
# TASKS_BACKEND=rq, Redis at REDIS_URL (django-tasks-rq), for sites that outgrow it.
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
elif TASKS_BACKEND == "immediate":  # inside the request, no worker, no retries: tests only
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task that failed for a passing reason (the mail server down) runs again after each of
# these delays in turn, then is given up with an error in the log: about a day in all.
TASK_RETRY_DELAYS = [int(seconds) for seconds in env_list("TASK_RETRY_DELAYS")] or [
    60,
    120,
    300,
    600,
    1800,
    3600,
    3 * 3600,
    6 * 3600,
    12 * 3600,
]
# Webhooks (cms.webhooks): the worker waits this long for a receiver's answer before it counts
# the attempt as failed and retries later (TASK_RETRY_DELAYS); editors' saves never wait.
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5)
# How often `publish_scheduled` runs (cms.schedule): pages and snippets go live or expire.
SCHEDULED_PUBLISHING_SECONDS = env_int("SCHEDULED_PUBLISHING_SECONDS", 60)
# /readyz/ reports the worker down when its newest heartbeat (one every cms.schedule.TICK_SECONDS)
# is older than this many seconds.
WORKER_HEARTBEAT_MAX_AGE = env_int("WORKER_HEARTBEAT_MAX_AGE", 60)

# Every e-mail is queued (cms.mail) and delivered by the worker with EMAIL_DELIVERY_BACKEND.
EMAIL_BACKEND = "cms.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@kemrsl.ru")
# Wagtail's notices to the staff (a page submitted, approved, sent back; comments on a draft),
# in each recipient's admin language, plain text like the site's other mail. A submitted page
# goes to the chief editors (cms.editorial), not to every superuser as well.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = False
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Django's 400s log a traceback each (the security ones as errors, mailed to the admins); a
# filter applies to its own logger only, hence one entry per logger.
CLIENT_ERROR_LOGGERS = ["django.request"] + [
    f"django.security.{kind}"
    for kind in (
        "RequestDataTooBig", "TooManyFieldsSent", "TooManyFilesSent", "SuspiciousMultipartForm",
        "SuspiciousFileOperation", "DisallowedHost", "DisallowedRedirect", "SuspiciousSession",
        "InvalidSessionKey", "SuspiciousOperation",
    )
]  # fmt: skip

# (django-tasks logs two INFO lines per task; failures it logs as errors all the same.)
WORKER_LOGGERS = ["django_tasks_db", "cms.mail", "cms.schedule", "cms.background"]

# Every record is printed once, by the root's console handler. Django's own default gives the
# `django` logger a console handler too (when DEBUG is on) and lets it propagate to the root,
# which printed each of its lines («Not Found: …», tracebacks) twice in development. Here
# `django` keeps only the e-mail to ADMINS on errors (when DEBUG is off, as in production) and
# prints through the root. Configuring `django` resets its children, so runserver's request
# lines (`django.server`) get Django's own handler and format back, without propagating.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "client_errors_on_one_line": {"()": "cms.log_filters.ClientErrorsOnOneLine"},
        "failed_checks_on_one_line": {"()": "cms.log_filters.FailedChecksOnOneLine"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false"],
            "level": "ERROR",
        },
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # What the worker did: each scheduled run, each mail delivered or retried.
        **{name: {"level": "INFO"} for name in WORKER_LOGGERS},
        # Refused requests: one warning line each (cms.log_filters).
        **{name: {"filters": ["client_errors_on_one_line"]} for name in CLIENT_ERROR_LOGGERS},
        # A failed check of /readyz/ (django-health-check): one warning line each.
        "health_check": {"filters": ["failed_checks_on_one_line"]},
    },
}

WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "login.html"

# The admin makes no third-party requests either: no Gravatar avatars, no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# Content-Security-Policy of readers' pages (django-csp). cms.csp adds to it: the origins of
# STATIC_URL and MEDIA_URL, what the Wagtail admin needs, a configured Госуслуги widget on
# the pages that show it, and frame-ancestors from X-Frame-Options. Scripts are files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # data: for the comment form's previews of pictures
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (django-permissions-policy): geolocation for the site itself (the comment
# form's «Определить моё местоположение»), the other powerful features off everywhere. Only
# names Chromium knows: it logs an error for each one it does not (ambient-light-sensor …).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ]
} | {"geolocation": ["self"]}

# Public API: switched off entirely with CMS_API_ENABLED=false.
CMS_API_ENABLED = env_bool("CMS_API_ENABLED", True)
# Browser origins allowed to call the API, e.g. "https://app.example.org"; none by default.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 60)
# Draft preview in an external front end (cms.preview, docs/api.md «Preview»): the admin's
# Preview opens the client's address with ?content_type=…&token=…, and the client reads the
# draft from /api/v2/page_preview/. {site hostname or "default": client URL}; none: the
# admin previews with the site's own templates. The environment gives them as
# "https://front.example.org/preview/" (the default) or "kemrsl.ru=https://…", comma-separated.
HEADLESS_PREVIEW_CLIENT_URLS = headless_preview_client_urls(
    env_list("HEADLESS_PREVIEW_CLIENT_URLS")
)
# A preview token opens the draft for this long; a fresh one comes with each preview render.
HEADLESS_PREVIEW_TOKEN_SECONDS = env_int("HEADLESS_PREVIEW_TOKEN_SECONDS", 1800)
# Wagtail (since 7.1) frames another origin in its preview panel: redirect there; false puts
# the client in an iframe of an admin page instead (older proxies, a client that refuses
# to be framed by the admin's origin but allows its own).
HEADLESS_PREVIEW_REDIRECT = env_bool("HEADLESS_PREVIEW_REDIRECT", True)
# The preview client calls the API from its own origin.
CORS_ALLOWED_ORIGINS += [
    origin
    for origin in client_origins(HEADLESS_PREVIEW_CLIENT_URLS)
    if origin not in CORS_ALLOWED_ORIGINS
]
# Rich text as HTML with working links; at most 20 items a page.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 20
# Unset: the API's absolute URLs take the host of each request (cms.addressing), so a
# client gets links for the host and port it called. Set it behind a proxy that rewrites
# the Host header; `make run` sets it to its own address.
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL") or None

# Feedback («Решаем вместе»)
# Closed requests older than this are deleted by `manage.py purge_feedback`.
FEEDBACK_RETENTION_MONTHS = env_int("FEEDBACK_RETENTION_MONTHS", 36)
# At most this many requests per client IP address in the window (seconds), counted in CACHES.
FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", 5)
FEEDBACK_RATE_LIMIT_WINDOW = env_int("FEEDBACK_RATE_LIMIT_WINDOW", 60 * 60)
FEEDBACK_MESSAGE_MAX_LENGTH = 5000

# Sign-ups for events (the Афиша's own form, events/signups.py).
# Sign-ups (with the readers' names and contacts) are deleted this many days after their date
# by `manage.py purge_event_signups`.
EVENT_SIGNUP_RETENTION_DAYS = env_int("EVENT_SIGNUP_RETENTION_DAYS", 30)
# At most this many sign-ups per client IP address in the window (seconds), counted in CACHES.
EVENT_SIGNUP_RATE_LIMIT = env_int("EVENT_SIGNUP_RATE_LIMIT", 10)
EVENT_SIGNUP_RATE_LIMIT_WINDOW = env_int("EVENT_SIGNUP_RATE_LIMIT_WINDOW", 60 * 60)

# The request.META key in which a trusted proxy puts the reader's address (e.g. "HTTP_X_REAL_IP"),
# for the comment and feedback rate limits; empty: REMOTE_ADDR. Production reads it from env.
CLIENT_IP_HEADER = ""


# Comments (readers' comments on news, built on django-comments-xtd; see news/comments/).
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "news.comments.models.ReaderComment"
COMMENTS_XTD_FORM_CLASS = "news.comments.forms.ReaderCommentForm"
COMMENTS_XTD_CONFIRM_EMAIL = False  # guests are pre-moderated instead of confirming by e-mail
COMMENTS_XTD_THREADED_EMAILS = False  # a thread per e-mail is lost when a gunicorn worker exits
COMMENTS_XTD_SEND_HTML_EMAIL = False
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_THREAD_DEPTH = env_int("COMMENTS_THREAD_DEPTH", 3)
COMMENTS_XTD_MAX_THREAD_LEVEL = COMMENTS_THREAD_DEPTH - 1
COMMENT_MAX_LENGTH = 3000
COMMENTS_ENABLED = env_bool("COMMENTS_ENABLED", True)  # the site-wide switch
COMMENTS_PREMODERATE_USERS = env_bool("COMMENTS_PREMODERATE_USERS", True)
COMMENTS_THREADS_PER_PAGE = 20
COMMENTS_MAX_ATTACHMENTS = 3
COMMENTS_ATTACHMENT_MAX_BYTES = env_int("COMMENTS_ATTACHMENT_MAX_MB", 5) * 1024 * 1024
COMMENTS_IMAGE_MAX_SIDE = 2000  # stored images are scaled down to this many pixels
# Refused from the header, before any pixel is decoded (issue 13). 25 MP lets a phone's
# 24-megapixel photo through and refuses the 36-megapixel scans a hostile post sends.
COMMENTS_IMAGE_MAX_PIXELS = 25_000_000
# The pixels one post may decode, all its images and frames together (a JPEG counts at the
# reduced size it is decoded at, so three 24-megapixel photos count 18 MP): bounds a post's
# decoding to about a second.
COMMENTS_UPLOAD_MAX_PIXELS = 25_000_000
# Outside MEDIA_ROOT on purpose: files are served by a view that checks the comment is public.
COMMENTS_FILES_ROOT = env_path("COMMENTS_FILES_ROOT", DATA_DIR / "comment-files")
COMMENTS_RATE_LIMIT = env_int("COMMENTS_RATE_LIMIT", 5)  # comments per IP …
COMMENTS_RATE_WINDOW = env_int("COMMENTS_RATE_WINDOW", 600)  # … per this many s
COMMENTS_MAX_LINKS = 2  # more links than this hold a comment for a moderator
COMMENTS_IP_RETENTION_DAYS = env_int("COMMENTS_IP_RETENTION_DAYS", 30)
COMMENTS_MODERATOR_EMAILS = env_list("COMMENTS_MODERATOR_EMAILS")
# Reader accounts (django-allauth): sign up with a confirmed e-mail, sign in by e-mail.
# The Wagtail admin keeps its own login page; staff sign in there by username.
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out admin sign-in before any password is checked (see below).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
# The username is the reader's public name under comments; the e-mail is never shown.
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Библиотека Кузбасса: "
# Its e-mails go through cms.mail (a mail server outage fails no sign-up); it keys allauth's
# limits by cms.ratelimit.client_ip (cms.signin).
ACCOUNT_ADAPTER = "news.comments.accounts.ReaderAccountAdapter"
# allauth's messages («Успешный вход под именем …») name the reader as their comments do.
ACCOUNT_USER_DISPLAY = "news.comments.accounts.public_name"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Where the comment form's «Зарегистрируйтесь», «войдите» and «Выйти» links lead.
COMMENTS_SIGNUP_URL = "account_signup"
COMMENTS_LOGOUT_URL = "account_logout"
# «Войти с помощью» (readers.social, cms/settings/social_sign_in.py).
SOCIALACCOUNT_ADAPTER = "readers.social.ReaderSocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = providers_from_environment()
SOCIALACCOUNT_QUERY_EMAIL = True  # ask each provider for the reader's e-mail
# A provider that gives no e-mail (Telegram, sometimes VK, OK without GET_EMAIL): the reader
# types one in allauth's social sign-up form, and it is confirmed like any other.
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_EMAIL_VERIFICATION = ACCOUNT_EMAIL_VERIFICATION
SOCIALACCOUNT_AUTO_SIGNUP = True  # no form when the provider gave a new, unused e-mail
# Never sign in to, or connect to, an account because a provider names its e-mail: an
# account is joined only from inside it (readers.social explains this to the reader).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
# The site asks a provider who the reader is once, at sign-in, and never calls it again:
# keeping access tokens would only be personal data to guard and to export.
SOCIALACCOUNT_STORE_TOKENS = False
# A sign-in starts with a POST (the buttons are forms): a link or an image on another site
# cannot start one. A GET shows allauth's «Продолжить» page instead.
SOCIALACCOUNT_LOGIN_ON_GET = False
# provider id → {"authorize"/"token"/"profile": URL}, instead of the providers' own hosts
# (readers.endpoints). Empty in production; the tests point them at a local stand-in.
SOCIAL_PROVIDER_ENDPOINTS = {}

# Abuse of sign-in (issue 13).
# The admin's sign-in accepts only accounts that may use the admin (cms.signin).
WAGTAILADMIN_USER_LOGIN_FORM = "cms.signin.AdminLoginForm"
# Reader accounts take the client address from cms.ratelimit.client_ip, as everything else
# (ACCOUNT_ADAPTER above builds on cms.signin.ClientAddressAccountAdapter).
# django-axes locks the admin sign-in after ADMIN_LOGIN_FAILURE_LIMIT wrong passwords for
# one account from one address, for ADMIN_LOGIN_COOLOFF_MINUTES after the last failure.
# Account AND address together: an attacker cannot lock editors out from elsewhere, and a
# library office behind one address is not locked out by one editor's typos. Readers'
# sign-in is left to allauth's own limits (cms.signin.outside_admin_sign_in).
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last: it only rewrites the response
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ADMIN_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cms.ratelimit.client_ip"
AXES_USERNAME_CALLABLE = "cms.signin.account_key"
AXES_WHITELIST_CALLABLE = "cms.signin.outside_admin_sign_in"
AXES_LOCKOUT_CALLABLE = "cms.signin.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no record of every successful sign-in and its address
AXES_VERBOSE = False  # no «AXES: BEGIN …» line at every start; lockouts are still logged
# DRF's default Basic authentication would let anyone try passwords (an editor's, or a reader's
# e-mail and password) on /api/v2/ without any limit: the API takes the session only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"]
}
