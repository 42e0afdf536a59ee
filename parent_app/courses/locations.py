"""What anyone may read of the published locations (family hubs and venues)."""

from __future__ import annotations

from sqlalchemy import Select, select

from parent_app.domain.lifecycle import ItemStatus
from parent_app.errors import NotFound
from parent_app.extensions import db
from parent_app.models.accounts import NATIONAL_AREA, Area
from parent_app.models.courses import Location


def list_locations(*, area: str | None = None) -> Select[tuple[Location]]:
    """Published locations by name, of one area if `area` is given."""
    query = select(Location).where(Location.status == ItemStatus.PUBLISHED)
    if area is not None:
        query = query.where(Location.area_id == area)
    return query.order_by(Location.name, Location.id)


def get_location(slug: str) -> Location:
    """The published location `slug`. Raises NotFound."""
    location = db.session.scalar(
        select(Location).where(
            Location.slug == slug, Location.status == ItemStatus.PUBLISHED
        )
    )
    if location is None:
        raise NotFound("No published location with this slug.")
    return location


def find_location(slug: str | None) -> Location | None:
    """The published location `slug`, or None (also for no slug)."""
    return find_published({slug}).get(slug) if slug else None


def find_published(slugs: set[str]) -> dict[str, Location]:
    """The published locations among `slugs`, by slug."""
    if not slugs:
        return {}
    return {
        location.slug: location
        for location in db.session.scalars(
            select(Location).where(
                Location.slug.in_(slugs), Location.status == ItemStatus.PUBLISHED
            )
        )
    }


def location_choices(area_ids: list[str]) -> list[tuple[str, str]]:
    """(slug, "name, town") of the published locations a course of these areas may be
    held at: theirs, their wider areas' and national ones, by name."""
    wider = set(
        db.session.scalars(select(Area.parent_code).where(Area.id.in_(area_ids)))
    )
    inside = set(
        db.session.scalars(select(Area.id).where(Area.parent_code.in_(area_ids)))
    )
    usable = {*area_ids, *inside, *(w for w in wider if w), NATIONAL_AREA}
    return [
        (location.slug, f"{location.name}, {location.town}")
        for location in db.session.scalars(
            list_locations().where(Location.area_id.in_(usable))
        )
    ]
