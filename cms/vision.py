"""The version for the visually impaired (ГОСТ Р 52872-2019): preferences kept in a cookie.

They are read on the server, so the page arrives already enlarged or recoloured (no flash)
and everything works without JavaScript: the controls are plain links.
"""

from dataclasses import dataclass, fields, replace

from django.http import QueryDict

COOKIE_NAME = "vision"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60

# The settings the standard lists, in the panel's order: {name: (heading, {value: label})}.
CHOICES = {
    "size": ("Размер шрифта", {"1": "Обычный", "2": "Крупный", "3": "Очень крупный"}),
    "scheme": (
        "Цвета",
        {
            "bw": "Чёрным по белому",
            "wb": "Белым по чёрному",
            "blue": "Тёмно-синим по голубому",
            "brown": "Коричневым по бежевому",
            "green": "Зелёным по тёмно-коричневому",
        },
    ),
    "font": ("Шрифт", {"sans": "Без засечек", "serif": "С засечками"}),
    "letters": (
        "Расстояние между буквами",
        {"normal": "Обычное", "wide": "Увеличенное", "wider": "Большое"},
    ),
    "lines": (
        "Межстрочный интервал",
        {"normal": "Обычный", "wide": "Увеличенный", "wider": "Большой"},
    ),
    "images": ("Изображения", {"on": "Показывать", "off": "Скрыть"}),
}
# Before letter and line spacing were apart, one `spacing` choice set both: cookies and
# links of that time keep meaning what they meant.
OLD_SPACING = {"normal", "wide"}


@dataclass(frozen=True)
class VisionPreferences:
    enabled: bool = False
    size: str = "1"
    scheme: str = "bw"
    font: str = "sans"
    letters: str = "normal"
    lines: str = "normal"
    images: str = "on"

    @classmethod
    def from_cookie(cls, value):
        return cls().changed(QueryDict(value or ""))

    def changed(self, query):
        """These preferences with the valid choices of `query` applied; others ignored."""
        changes = {}
        if query.get("spacing") in OLD_SPACING:
            changes = {"letters": query["spacing"], "lines": query["spacing"]}
        changes |= {
            name: query[name]
            for name, (_, options) in CHOICES.items()
            if name in query and query[name] in options
        }
        if query.get("enabled") in ("0", "1"):
            changes["enabled"] = query["enabled"] == "1"
        return replace(self, **changes)

    def to_cookie(self):
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["enabled"] = "1" if self.enabled else "0"
        query = QueryDict(mutable=True)
        query.update(values)
        return query.urlencode()

    @property
    def hides_images(self):
        """No content picture is sent at all, only its description (no request is made)."""
        return self.enabled and self.images == "off"

    @property
    def html_class(self):
        if not self.enabled:
            return ""
        return " ".join(["vision", *(f"vision-{name}-{getattr(self, name)}" for name in CHOICES)])

    @property
    def controls(self):
        """[(name, heading, [(value, label, is_current), …]), …] for the settings panel."""
        return [
            (name, heading, [(v, label, getattr(self, name) == v) for v, label in options.items()])
            for name, (heading, options) in CHOICES.items()
        ]
