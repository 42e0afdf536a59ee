"""Published courses as Open Referral UK services (HSDS 3.0, UK profile).

A council's family hubs directory can pull them: organisation, locations with addresses,
weekly schedules as RRULE parts, age range, contacts, costs, and our life-stage window
under a local taxonomy.

Identifiers are UUIDv5 of stable names (the course slug, the provider, the place), so a
consumer sees the same ids on every pull. Nothing private is exported: no joining link,
no bookings, no invented phone numbers or emails."""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from datetime import datetime, time
from typing import Any

from sqlalchemy import func, select

from parent_app.content.vocab import COURSE_TOPICS
from parent_app.courses.locations import find_published
from parent_app.courses.timetable import (
    WeeklyRun,
    child_age_years,
    stage_terms,
    weekly_runs,
)
from parent_app.domain.lifecycle import ItemStatus
from parent_app.errors import NotFound
from parent_app.extensions import db
from parent_app.models.accounts import Area
from parent_app.models.courses import Course, CourseSession, Location, SessionStatus

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:first-1001-days:open-referral")
STAGE_TAXONOMY = "first-1001-days-stage"
AUDIENCE_TAXONOMY = "first-1001-days-audience"
TOPIC_TAXONOMY = "first-1001-days-topic"
STAGE_LABELS = {
    "preconception": "Thinking about having a baby",
    "pregnancy": "Pregnancy",
    "0-6-months": "Baby from birth to 6 months",
    "6-12-months": "Baby from 6 to 12 months",
    "1-2-years": "Child from 1 to 2 years",
    "2-years-plus": "Child from 2 years to the end of the first 1001 days",
}
AUDIENCE_LABELS = {
    "everyone": "Any parent or carer",
    "birthing_parent": "Birthing parents",
    "partner": "Dads, partners and co-parents",
    "couples": "Couples together",
}
CourseUrl = Callable[[Course], str]
LocationUrl = Callable[[Location], str]


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def service_id(course: Course) -> str:
    return stable_id("service", course.slug)


def list_services(
    *,
    page: int,
    per_page: int,
    now: datetime,
    course_url: CourseUrl,
    location_url: LocationUrl,
) -> dict[str, Any]:
    """One page of services in the ORUK page envelope (total_items, …, contents)."""
    published = select(Course).where(Course.status == ItemStatus.PUBLISHED)
    total = (
        db.session.scalar(select(func.count()).select_from(published.subquery())) or 0
    )
    courses = list(
        db.session.scalars(
            published.order_by(Course.id).offset((page - 1) * per_page).limit(per_page)
        )
    )
    contents = _services(
        courses, now=now, course_url=course_url, location_url=location_url
    )
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def get_service(
    service_uuid: str,
    *,
    now: datetime,
    course_url: CourseUrl,
    location_url: LocationUrl,
) -> dict[str, Any]:
    """One published course as a fully nested service, by its service id. Raises
    NotFound."""
    for course in db.session.scalars(
        select(Course).where(Course.status == ItemStatus.PUBLISHED)
    ):
        if service_id(course) == service_uuid:
            return _services(
                [course], now=now, course_url=course_url, location_url=location_url
            )[0]
    raise NotFound("No published service with this id.")


def _services(
    courses: list[Course],
    *,
    now: datetime,
    course_url: CourseUrl,
    location_url: LocationUrl,
) -> list[dict[str, Any]]:
    sessions: dict[int, list[CourseSession]] = {c.id: [] for c in courses}
    for session in db.session.scalars(
        select(CourseSession)
        .where(
            CourseSession.course_id.in_(list(sessions)), CourseSession.starts_at > now
        )
        .order_by(CourseSession.starts_at)
    ):
        sessions[session.course_id].append(session)
    areas = {a.id: a for a in db.session.scalars(select(Area))}
    venues = find_published({c.location_slug for c in courses if c.location_slug})
    return [
        service_of(
            c,
            sessions[c.id],
            area=areas[c.area_id],
            url=course_url(c),
            venue=_venue(venues, c, areas, location_url),
        )
        for c in courses
    ]


def _venue(
    venues: dict[str, Location],
    course: Course,
    areas: dict[str, Area],
    location_url: LocationUrl,
) -> dict[str, Any] | None:
    """The ORUK location of the published location a course is held at, if any."""
    venue = venues.get(course.location_slug or "")
    if venue is None:
        return None
    return venue_location(venue, area=areas[venue.area_id], url=location_url(venue))


def _iso_ms(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _amount(pence: int) -> int | float:
    return pence // 100 if pence % 100 == 0 else pence / 100


def service_of(
    course: Course,
    sessions: list[CourseSession],
    *,
    area: Area,
    url: str,
    venue: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One course as a fully nested ORUK service: `sessions` are its upcoming sessions
    (cancelled ones count towards last_modified), `venue` its hub as ORUK location."""
    sid = service_id(course)
    scheduled = [s for s in sessions if s.status is SessionStatus.SCHEDULED]
    changes = [
        course.updated_at,
        *(s.created_at for s in sessions),
        *(s.cancelled_at for s in sessions if s.cancelled_at),
    ]
    service: dict[str, Any] = {
        "id": sid,
        "organization_id": stable_id("organization", course.provider),
        "name": course.title,
        "description": course.description_markdown,
        "url": url,
        "status": "active",
        "last_modified": _iso_ms(max(changes)),
        "organization": {
            "id": stable_id("organization", course.provider),
            "name": course.provider,
            "description": f"{course.provider}: courses for parents at family hubs.",
        },
        "service_areas": [_service_area(sid, area)],
        "contacts": [
            {
                "id": stable_id("contact", area.id),
                "service_id": sid,
                "name": "Family hubs"
                if area.is_national
                else f"{area.name} family hubs",
                "title": "Family hub team",
                "url": url,
            }
        ],
        "cost_options": [
            {
                "id": stable_id("cost_option", course.slug),
                "service_id": sid,
                "amount": _amount(course.cost_pence),
                "amount_description": "Free" if course.cost_pence == 0 else "Per place",
                "url": url,
            }
        ],
        "attributes": _attributes(course, sid),
    }
    ages = child_age_years(course.stage_from_day, course.stage_to_day)
    if ages is not None:
        service["minimum_age"], service["maximum_age"] = ages
    service["service_at_locations"], service["schedules"] = _places_and_schedules(
        course, scheduled, sid, area=area, url=url, venue=venue
    )
    return service


def _service_area(sid: str, area: Area) -> dict[str, Any]:
    name = "England" if area.is_national else area.name
    return {
        "id": stable_id("service_area", sid, area.id),
        "service_id": sid,
        "name": name,
        "service_area": name,
    }


def _attribute(
    sid: str, taxonomy: str, term: str, label: str, link_type: str
) -> dict[str, Any]:
    term_id = stable_id("taxonomy_term", taxonomy, term)
    return {
        "id": stable_id("attribute", sid, term_id),
        "link_id": sid,
        "link_entity": "service",
        "link_type": link_type,
        "taxonomy_term_id": term_id,
        "taxonomy_term": {
            "id": term_id,
            "taxonomy": taxonomy,
            "taxonomy_id": stable_id("taxonomy", taxonomy),
            "term": term,
            "name": label,
            "description": label,
        },
    }


def _attributes(course: Course, sid: str) -> list[dict[str, Any]]:
    stages = stage_terms(
        is_preconception=course.is_preconception,
        from_day=course.stage_from_day,
        to_day=course.stage_to_day,
    )
    return [
        *(
            _attribute(sid, STAGE_TAXONOMY, s, STAGE_LABELS[s], "eligibility")
            for s in stages
        ),
        _attribute(
            sid,
            AUDIENCE_TAXONOMY,
            course.audience,
            AUDIENCE_LABELS[course.audience],
            "audience",
        ),
        _attribute(
            sid, TOPIC_TAXONOMY, course.topic, COURSE_TOPICS[course.topic], "category"
        ),
    ]


def _place(
    name: str | None, address: str | None, postcode: str | None
) -> tuple[str, ...]:
    return tuple(p or "" for p in (name, address, postcode))


def _places_and_schedules(
    course: Course,
    sessions: list[CourseSession],
    sid: str,
    *,
    area: Area,
    url: str,
    venue: dict[str, Any] | None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Online: schedules only. In person: one service_at_location per place the sessions
    are held (the course's own place when none is planned), its schedules linked to it;
    the course's own place is its published location (`venue`) when it has one.
    """
    if course.delivery == "online":
        runs = weekly_runs([(s.starts_at, s.ends_at) for s in sessions])
        return [], [_schedule(sid, run, url, None, "online") for run in runs]
    by_place: dict[tuple[str, ...], list[CourseSession]] = {}
    for s in sessions:
        by_place.setdefault(
            _place(s.location_name, s.location_address, s.location_postcode), []
        ).append(s)
    if not by_place:
        by_place[
            _place(
                course.location_name, course.location_address, course.location_postcode
            )
        ] = []
    own_place = _place(
        course.location_name, course.location_address, course.location_postcode
    )
    links, schedules = [], []
    for place, held in by_place.items():
        location = (
            venue if venue and place == own_place else _location(place, area, url)
        )
        link_id = stable_id("service_at_location", sid, location["id"])
        links.append(
            {
                "id": link_id,
                "service_id": sid,
                "location_id": location["id"],
                "location": location,
            }
        )
        for run in weekly_runs([(s.starts_at, s.ends_at) for s in held]):
            schedules.append(_schedule(sid, run, url, link_id, "in person"))
    return links, schedules


def _location(place: tuple[str, ...], area: Area, url: str) -> dict[str, Any]:
    name, address, postcode = place
    location_id = stable_id("location", *place)
    location: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "url": url,
        "name": name or "Family hub",
        "addresses": [],
    }
    lines = [part.strip() for part in address.split(",") if part.strip()]
    # The profile requires a street line, a town and a postcode: a partial address is
    # left out.
    if len(lines) >= 2 and postcode:
        location["addresses"].append(
            {
                "id": stable_id("address", location_id),
                "location_id": location_id,
                "address_1": ", ".join(lines[:-1]),
                "city": lines[-1],
                "state_province": "England" if area.is_national else area.name,
                "postal_code": postcode,
                "country": "GB",
                "address_type": "physical",
            }
        )
    return location


def venue_location(venue: Location, *, area: Area, url: str) -> dict[str, Any]:
    """A published location (family hub or venue) as an ORUK location: its address,
    its opening times in the description, its access notes; `url` is its public page."""
    location_id = stable_id("location", "venue", venue.slug)
    about = [venue.description or "", f"Opening times: {venue.opening_times}"]
    location: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "url": url,
        "name": venue.name,
        "description": " ".join(part for part in about if part),
        "addresses": [
            {
                "id": stable_id("address", location_id),
                "location_id": location_id,
                "address_1": ", ".join(venue.address_lines),
                "city": venue.town,
                "state_province": "England" if area.is_national else area.name,
                "postal_code": venue.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ],
    }
    if venue.accessibility:
        location["accessibility"] = [
            {
                "id": stable_id("accessibility", location_id),
                "location_id": location_id,
                "description": venue.accessibility,
            }
        ]
    return location


def _clock(at: time, offset_minutes: int) -> str:
    sign = "+" if offset_minutes >= 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{at:%H:%M}{sign}{hours:02d}:{minutes:02d}"


def _schedule(
    sid: str, run: WeeklyRun, url: str, link_id: str | None, attending: str
) -> dict[str, Any]:
    every = "weekly" if run.interval_weeks == 1 else f"every {run.interval_weeks} weeks"
    schedule: dict[str, Any] = {
        "id": stable_id(
            "schedule", sid, link_id or "online", run.first_on.isoformat(), run.weekday
        ),
        "service_id": sid,
        "valid_from": run.first_on.isoformat(),
        "valid_to": run.last_on.isoformat(),
        "dtstart": run.first_on.isoformat(),
        "until": run.last_on.isoformat(),
        "count": run.count,
        "freq": "WEEKLY",
        "interval": run.interval_weeks,
        "byday": run.weekday,
        "opens_at": _clock(run.opens_at, run.utc_offset_minutes),
        "closes_at": _clock(run.closes_at, run.utc_offset_minutes),
        "description": (
            f"{run.count} session{'s' if run.count > 1 else ''}, {every}, "
            f"{run.opens_at:%H:%M} to {run.closes_at:%H:%M} UK time, "
            f"from {run.first_on:%d %B %Y} to {run.last_on:%d %B %Y}."
        ),
        "schedule_link": url,
        "url": url,
        "attending_type": attending,
    }
    if link_id is not None:
        schedule["service_at_location_id"] = link_id
    return schedule
