"""Shapes of the home page's own API fields (cms.shapes has the shared sections)."""

from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from cms.shapes import (
    DecideTogetherSectionData,
    NewsSectionData,
    PartnersSectionData,
    PromosSectionData,
    SlidesSectionData,
)
from events.shapes import UpcomingEventData


class EventsSectionData(Schema):
    """«Ближайшие события»: the soonest events, each with its next date, and the Афиша."""

    kind: Literal["events"]
    heading: str
    items: list[UpcomingEventData]
    all_url: str


# The kernel's sections and the Афиша's, in the page's order.
HomeSectionData = Annotated[
    SlidesSectionData
    | NewsSectionData
    | EventsSectionData
    | DecideTogetherSectionData
    | PromosSectionData
    | PartnersSectionData,
    Field(discriminator="kind"),
]
