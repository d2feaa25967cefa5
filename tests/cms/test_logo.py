"""The library's logo: drawn for it, in the site's header and the admin's branding."""

import re

import pytest

from django.contrib.staticfiles import finders
from django.template.loader import get_template

HOME_LINK = re.compile(
    r'<a class="logo" href="/" aria-label="Главная страница[^"]*">(.*?)</a>', re.S
)


def shapes(svg):
    """The drawing inside an <svg> element, without the element's own attributes."""
    return svg.split(">", 1)[1].strip()


def test_the_static_logo_draws_the_same_mark_as_the_header():
    static = open(finders.find("img/logo.svg"), encoding="utf-8").read()
    mark = get_template("includes/logo_mark.svg").template.source
    assert shapes(static) == shapes(mark)
    assert "logo__page" in mark and "logo__leaf" in mark and "logo__star" in mark


@pytest.mark.django_db
def test_the_header_links_home_with_the_logo_and_an_accessible_name(client, home, settings):
    settings.WHITENOISE_USE_FINDERS = True
    html = client.get("/").content.decode()
    link = HOME_LINK.search(html)
    assert link, "the header's link home with its accessible name"
    assert '<svg class="logo__mark"' in link.group(1) and 'aria-hidden="true"' in link.group(1)
    assert "Государственная библиотека Кузбасса" in link.group(1)
    assert "style=" not in link.group(1)  # the CSP allows no inline styles
    logo = client.get("/static/img/logo.svg")
    assert logo.status_code == 200 and logo["Content-Type"].startswith("image/svg+xml")
    assert b"logo__page" in b"".join(logo.streaming_content)


@pytest.mark.django_db
def test_the_version_for_the_visually_impaired_draws_the_logo_in_one_colour(client, home):
    css = open(finders.find("css/vision.css"), encoding="utf-8").read()
    for part in ("badge", "page", "lines", "leaf", "star"):
        assert re.search(rf"html\.vision [^{{]*\.logo__{part}\b[^{{]*\{{[^}}]*currentColor", css)
    client.get("/vision/", {"enabled": "1", "scheme": "wb", "next": "/"})
    html = client.get("/").content.decode()
    assert "vision-scheme-wb" in html and '<svg class="logo__mark"' in html


@pytest.mark.django_db
def test_the_admin_shows_the_library_logo_on_sign_in_and_in_the_sidebar(client, admin_user):
    sign_in = client.get("/admin/login/").content.decode()
    assert '<svg class="logo__mark"' in sign_in and "icon-wagtail" not in sign_in
    client.force_login(admin_user)
    dashboard = client.get("/admin/").content.decode()
    branding = re.search(r"<template data-wagtail-sidebar-branding-logo>(.*?)</template>",
                         dashboard, re.S)  # fmt: skip
    assert branding and '<svg class="logo__mark"' in branding.group(1)
