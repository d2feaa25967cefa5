"""Production: everything comes from the environment; nothing secret lives here."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATA_DIR, DEFAULT_FROM_EMAIL, LOGGING
from .caches import file_page_cache, redis_caches
from .env import env_bool, env_int, env_list, env_str

DEBUG = False

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    # Without Redis the page cache still has to be one for all gunicorn workers, or a
    # worker that did not see a publish would go on serving the old page.
    CACHES["pages"] = file_page_cache(DATA_DIR)  # noqa: F405

# Uploads stay where base put them: the disk, or the bucket of AWS_STORAGE_BUCKET_NAME.
STORAGES = STORAGES | {  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind the TLS proxy REMOTE_ADDR is the proxy: rate limits need the header it sets.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")
for old_name in ("FEEDBACK_IP_HEADER", "COMMENTS_CLIENT_IP_HEADER"):
    if old_name in os.environ:
        raise ImproperlyConfigured(f"{old_name} is now called CLIENT_IP_HEADER.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer or systemd asks gunicorn itself over plain HTTP: no redirect to https://.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"  # Wagtail allows its own preview iframes itself

EMAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A mail server that accepts and never answers must not hold the worker: the attempt is
# given up after this many seconds and tried again later (cms.mail).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 5)
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", addr) for addr in env_list("ADMINS")]

LOGGING["root"]["level"] = env_str("LOG_LEVEL", "INFO")

# Comments: links in reader-account e-mails (confirmation, password reset) use HTTPS.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")
