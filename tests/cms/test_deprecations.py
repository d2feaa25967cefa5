"""Django 6.0's deprecations stay settled: none at start-up, and a new one in our code fails."""

import subprocess
import sys
import warnings

import pytest

from django import forms
from django.utils.deprecation import RemovedInDjango60Warning

from tests.cms.test_deploy import ROOT, clean_environ

START_UP = """
import warnings
from django.utils.deprecation import RemovedInDjango60Warning
warnings.simplefilter("error", RemovedInDjango60Warning)
import django
django.setup()
import cms.urls, django_comments.forms
"""


@pytest.mark.parametrize("module", ["dev", "test"])
def test_start_up_gives_no_django_6_deprecation_warning(module, tmp_path):
    """Settings (the transitional FORMS_URLFIELD_ASSUME_HTTPS included), apps, URLs, forms."""
    env = {"DJANGO_SETTINGS_MODULE": f"cms.settings.{module}", "DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", START_UP],
        cwd=ROOT,
        env=clean_environ() | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_a_url_typed_without_a_scheme_is_taken_as_https():
    assert forms.URLField().clean("kemrsl.ru/novosti/") == "https://kemrsl.ru/novosti/"


def test_a_django_6_deprecation_warned_from_the_project_fails_the_test():
    with pytest.raises(RemovedInDjango60Warning):
        warnings.warn("as Django would warn about our code", RemovedInDjango60Warning, stacklevel=1)
