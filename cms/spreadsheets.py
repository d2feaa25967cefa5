"""Every spreadsheet the admin exports (form submissions and requests, partners, reports)
keeps readers' text as text: a cell such as `=HYPERLINK(…)` or `@SUM(…)` would otherwise run
as a formula in the editor's spreadsheet program (CSV injection).

Wagtail writes every export through one mixin, SpreadsheetExportMixin; `protect_exports()`
wraps it once at start-up, so no export view can forget it."""

import re

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# A phone number or a signed number ("+7 (900) 123-45-67", "-5") starts like a formula but
# can call nothing: without letters or other signs there is no function to run.
NUMBER_LIKE = re.compile(r"[+-][\d\s().+-]*")


def neutralise_formula(value):
    """The value with a leading apostrophe if a spreadsheet would read it as a formula (OWASP)."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not NUMBER_LIKE.fullmatch(value)
    ):
        return "'" + value
    return value


def protect_exports():
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    get_heading = SpreadsheetExportMixin.get_heading

    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        # XLSX cells are written as strings already (Wagtail turns openpyxl's formulas back).
        return neutralise_formula(value) if export_format == self.FORMAT_CSV else value

    def safe_heading(self, queryset, field):
        # Headings are form-field labels; openpyxl reads a heading "=…" as a formula too.
        return neutralise_formula(get_heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = safe_heading
