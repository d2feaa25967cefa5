import datetime

import pytest

from django.template import Context, Template
from django.utils import timezone

from cms.templatetags.site_tags import russian_plural_form


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "комментариев"),
        (1, "комментарий"),
        (2, "комментария"),
        (3, "комментария"),
        (5, "комментариев"),
        (11, "комментариев"),
        (12, "комментариев"),
        (14, "комментариев"),
        (21, "комментарий"),
        (22, "комментария"),
        (101, "комментарий"),
        (111, "комментариев"),
    ],
)
def test_russian_plural_forms(number, expected):
    assert russian_plural_form(number, "комментарий", "комментария", "комментариев") == expected


def test_plural_filter_renders_number_and_word():
    template = Template(
        '{% load site_tags %}{{ n|ru_plural:"комментарий,комментария,комментариев" }}'
    )
    assert template.render(Context({"n": 3})) == "3 комментария"


def test_dates_render_in_russian_genitive():
    template = Template('{{ day|date:"j E Y" }}')
    assert template.render(Context({"day": datetime.date(2026, 11, 25)})) == "25 ноября 2026"


def test_site_runs_in_novokuznetsk_time(settings):
    assert settings.LANGUAGE_CODE == "ru"
    assert str(timezone.get_current_timezone()) == "Asia/Novokuznetsk"
