"""The benchmark's ceiling: a bare Django project in one module, served by its own gunicorn.

Settings as `django-admin startproject` writes them (its middleware list, DEBUG off), no
database, one view answering a few bytes: what Django itself costs per request on this
machine, with none of the site's middleware, so every page's figure is a share of it.
`gunicorn tooling.bench.ceiling_app` (DJANGO_SETTINGS_MODULE=tooling.bench.ceiling_app).
"""

import os

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-ceiling-only")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = __name__
DATABASES = {}
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [  # startproject's list
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
STATIC_URL = "static/"


def ceiling(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ceiling)]

os.environ.setdefault("DJANGO_SETTINGS_MODULE", __name__)
application = get_wsgi_application()  # last: django.setup() reads the settings above
