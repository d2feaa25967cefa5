"""API fields of «Сведения об организации» pages (v2 and v3: see cms.serializers)."""

from cms.addressing import absolute_url
from cms.serializers import BodyField, ReadOnlyField
from cms.shapes import OrganizationBodyBlockData, PageReferenceData


class OrganizationBodyField(BodyField):
    """Their body: the body blocks and document lists."""

    def represent(self, body, *, instance, request) -> list[OrganizationBodyBlockData]:
        return super().represent(body, instance=instance, request=request)


class SubsectionsField(ReadOnlyField):
    """{id, title, html_url} of the subsections readers may open, in the editors' order."""

    def represent(self, page, *, instance, request) -> list[PageReferenceData]:
        return [
            {
                "id": subsection.pk,
                "title": subsection.title,
                "html_url": absolute_url(request, subsection.get_url(request)),
            }
            for subsection in page.subsections()
        ]
