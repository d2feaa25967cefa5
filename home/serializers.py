"""API fields of the home page (v2 and v3: see cms.serializers)."""

from cms.serializers import ReadOnlyField

from .sections import home_sections
from .shapes import HomeSectionData


class HomeSectionsField(ReadOnlyField):
    """The home page's blocks, headings and items inline (home.sections)."""

    def represent(self, page, *, instance, request) -> list[HomeSectionData]:
        return home_sections(page, request)
