"""Latin slugs from Russian titles, matching what the Wagtail admin generates."""

from django.utils.text import slugify

# The same table as Wagtail admin's urlify (Django's URLify Russian map), so a page
# created in code gets the slug an editor would get by typing the same title.
RUSSIAN_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "x", "ц": "c", "ч": "ch", "ш": "sh", "щ": "shh", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_TABLE = str.maketrans(
    RUSSIAN_TO_LATIN | {k.upper(): v.capitalize() for k, v in RUSSIAN_TO_LATIN.items()}
)


def transliterate(text):
    """Replace Cyrillic letters with their Latin spelling; other characters stay."""
    return text.translate(_TABLE)


def slugify_russian(text, max_length=255):
    """An ASCII slug for a Russian (or any) title, cut at a word boundary."""
    slug = slugify(transliterate(text))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug
