"""deploy/ agrees with the site: the environment template names every setting, nginx takes
the largest upload the site does, and systemd reads the units without a complaint."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from django.core.management import call_command

from cms.errors import API_MESSAGES
from cms.input_guard import TOO_LARGE
from tests.cms.test_deploy import manage

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
MIB = 1024 * 1024


def names_read_by_settings():
    """Every variable the settings read with cms.settings.env, and dj-database-url's."""
    text = "".join(path.read_text() for path in (ROOT / "cms" / "settings").glob("*.py"))
    return set(re.findall(r'\benv_\w+\(\s*"([A-Z0-9_]+)"', text)) | {"DATABASE_URL"}


def test_the_environment_template_names_every_variable_the_settings_read():
    template = (DEPLOY / "env.example").read_text()
    named = set(re.findall(r"^#?([A-Z0-9_]+)=", template, re.MULTILINE))
    assert names_read_by_settings() - named == set()
    assert "DJANGO_SETTINGS_MODULE=cms.settings.production" in template
    assert "CLIENT_IP_HEADER=HTTP_X_REAL_IP" in template


def test_the_environment_template_holds_no_secret():
    template = (DEPLOY / "env.example").read_text()
    for name in ("SECRET_KEY", "EMAIL_HOST_PASSWORD", "AWS_SECRET_ACCESS_KEY"):
        assert re.search(rf"^#?{name}=$", template, re.MULTILINE), name


def test_nginx_takes_the_largest_upload_the_site_does_and_little_more(settings):
    conf = (DEPLOY / "nginx" / "kemrsl.conf").read_text()
    limit = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1)) * MIB
    largest_file_set = max(
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        settings.COMMENTS_MAX_ATTACHMENTS * settings.COMMENTS_ATTACHMENT_MAX_BYTES,
    )
    # Room for the form around the files, and no more than a MiB of it.
    assert largest_file_set < limit <= largest_file_set + MIB


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd is not installed")
def test_systemd_reads_the_units_without_a_complaint(tmp_path):
    for unit in (DEPLOY / "systemd").glob("*.*"):
        # The server's virtualenv is not here: this interpreter stands in for its programs.
        text = re.sub(r"/srv/kemrsl/venv/bin/\w+", sys.executable, unit.read_text())
        (tmp_path / unit.name).write_text(text)
    units = sorted(str(path) for path in tmp_path.iterdir())
    assert [Path(unit).name for unit in units] == [
        "kemrsl-backup.service",
        "kemrsl-backup.timer",
        "kemrsl-web.service",
        "kemrsl-worker.service",
    ]
    result = subprocess.run(
        ["systemd-analyze", "verify", *units], capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_the_manage_wrapper_is_a_valid_shell_script():
    script = DEPLOY / "kemrsl-manage"
    assert script.stat().st_mode & 0o111
    subprocess.run(["sh", "-n", str(script)], check=True)


def test_the_error_answers_nginx_serves_are_the_sites_own_in_russian(tmp_path):
    call_command("render_error_pages", to=tmp_path, verbosity=0)
    too_large = (tmp_path / "413.html").read_text()
    assert "<title>Слишком большой файл — " in too_large
    assert "до 3 файлов, каждый не больше 5 МБ" in too_large
    assert "документ — до 20 МБ, изображение — до 10 МБ" in too_large
    assert "css/error.css" in too_large
    assert "<h1>Сайт ненадолго недоступен</h1>" in (tmp_path / "503.html").read_text()
    assert json.loads((tmp_path / "413.json").read_text()) == {"message": TOO_LARGE}
    assert json.loads((tmp_path / "413-v3.json").read_text())["detail"] == TOO_LARGE
    assert json.loads((tmp_path / "503.json").read_text()) == {"message": API_MESSAGES[503]}


def test_the_environment_template_filled_in_passes_check_deploy():
    template = (DEPLOY / "env.example").read_text()
    env = dict(re.findall(r"^([A-Z0-9_]+)=(.*)$", template, re.MULTILINE))
    env |= {
        "SECRET_KEY": "Zq8#vL2m@Rt5^Wn9!Kp3&Xs7*Hd4%Bf6+Jc1=Gy0~Ua2(Ne5)Ti8-Mo3_Qr7",
        "DATABASE_URL": "sqlite:///:memory:",  # the server's PostgreSQL is not here
    }
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
