"""Shapes of the Афиша's own API fields (cms.shapes has the shared ones)."""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from cms.shapes import ImageDataSchema


class AudienceData(Schema):
    name: str
    slug: str


class EventSessionData(Schema):
    """One date of an event: local time, +07:00 (Asia/Novokuznetsk)."""

    start: datetime.datetime
    end: datetime.datetime | None
    all_day: bool
    cancelled: bool
    seats_left: int | None = Field(
        description="Free seats for the site's sign-up form («осталось 3 места»); null: no "
        "limit, or the event takes no sign-ups through the site"
    )


class RegistrationData(Schema):
    mode: Literal["none", "external", "form"] = Field(
        description="none: no sign-up; external: at `url`; form: the site's own sign-up form"
    )
    url: str
    seat_limit: int | None = Field(description="Seats per session; null: no limit")
    waiting_list: bool


class EventPartnerData(Schema):
    id: int
    short_name: str
    full_name: str
    slug: str
    logo: ImageDataSchema | None


class UpcomingEventData(Schema):
    """An event in the home page's «Ближайшие события», with its next session."""

    id: int
    title: str
    html_url: str
    detail_url: str
    start: datetime.datetime
    end: datetime.datetime | None
    all_day: bool
    place: str
    age_mark: str
    is_free: bool
    pushkin_card: bool
