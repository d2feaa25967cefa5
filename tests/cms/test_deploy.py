"""Production settings are configured from the environment and pass `check --deploy`."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "Zq8#vL2m@Rt5^Wn9!Kp3&Xs7*Hd4%Bf6+Jc1=Gy0~Ua2(Ne5)Ti8-Mo3_Qr7",
    "ALLOWED_HOSTS": "kemrsl.ru,www.kemrsl.ru",
    "CSRF_TRUSTED_ORIGINS": "https://kemrsl.ru",
    "DATABASE_URL": "sqlite:///:memory:",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
}


def clean_environ():
    """This process's environment without its settings module and, as the browser tests set
    it, DJANGO_ALLOW_ASYNC_UNSAFE, which must not reach a production check."""
    unwanted = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if k not in unwanted}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_environ() | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_with_object_storage_pass_check_deploy():
    """Nothing is asked of the bucket at check time: the address need not answer."""
    env = PRODUCTION_ENV | {
        "AWS_STORAGE_BUCKET_NAME": "kemrsl-media",
        "AWS_S3_ENDPOINT_URL": "https://storage.yandexcloud.net",
        "AWS_S3_REGION_NAME": "ru-central1",
        "AWS_ACCESS_KEY_ID": "key-id",
        "AWS_SECRET_ACCESS_KEY": "secret",
    }
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = PRODUCTION_ENV | {"SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_old_client_ip_header_names():
    env = PRODUCTION_ENV | {"COMMENTS_CLIENT_IP_HEADER": "HTTP_X_REAL_IP"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "COMMENTS_CLIENT_IP_HEADER is now called CLIENT_IP_HEADER" in result.stderr


@pytest.mark.parametrize("module", ["base", "dev", "production", "test"])
def test_no_production_secret_lives_in_settings(module):
    text = (ROOT / "cms" / "settings" / f"{module}.py").read_text()
    assert not re.search(r"PASSWORD\s*=\s*[\"']", text)


def test_production_static_files_collect_with_hashed_names(tmp_path):
    env = PRODUCTION_ENV | {"STATIC_ROOT": str(tmp_path)}
    result = manage("collectstatic", "--noinput", "-v0", env=env)
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"css/site.css": "css/site.' in manifest
    assert list(tmp_path.glob("css/site.*.css.gz")), "whitenoise did not compress"


def test_serve_media_works_with_debug_off(tmp_path):
    (tmp_path / "hello.txt").write_text("привет")
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/media/hello.txt');"
        "print(r.status_code, b''.join(r.streaming_content).decode())"
    )
    env = PRODUCTION_ENV | {
        "SERVE_MEDIA": "true",
        "MEDIA_ROOT": str(tmp_path),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "testserver",
    }
    clean_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean_env | env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.strip() == "200 привет", result.stderr


def test_a_setting_that_cannot_be_read_stops_the_start_with_its_name():
    result = manage("check", env=PRODUCTION_ENV | {"COMMENTS_ENABLED": "ture"})
    assert result.returncode != 0
    assert "COMMENTS_ENABLED must be true or false, not 'ture'" in result.stderr
    result = manage("check", env=PRODUCTION_ENV | {"EMAIL_PORT": "smtp"})
    assert "EMAIL_PORT must be a whole number, not 'smtp'" in result.stderr
