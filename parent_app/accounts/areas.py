"""Areas: the pilot family-hub areas, the wider areas they belong to, and the national
pseudo-area."""

from __future__ import annotations

from sqlalchemy import select

from parent_app.errors import ValidationFailed
from parent_app.extensions import db
from parent_app.models import Area
from parent_app.models.accounts import NATIONAL_AREA
from parent_app.models.versions import CONTENT, VersionedCache

HIOW = "hampshire-and-isle-of-wight"
# (id, name, region, is national, the wider area it belongs to); wider areas first.
PILOT_AREAS = [
    (NATIONAL_AREA, "England (national)", None, True, None),
    (HIOW, "Hampshire & Isle of Wight", "Hampshire & Isle of Wight", False, None),
    ("hampshire", "Hampshire", "Hampshire & Isle of Wight", False, HIOW),
    ("southampton", "Southampton", "Hampshire & Isle of Wight", False, HIOW),
    ("portsmouth", "Portsmouth", "Hampshire & Isle of Wight", False, HIOW),
    ("isle-of-wight", "Isle of Wight", "Hampshire & Isle of Wight", False, HIOW),
    ("dorset", "Dorset", "Dorset", False, None),
    (
        "bournemouth-christchurch-poole",
        "Bournemouth, Christchurch & Poole",
        "Dorset",
        False,
        None,
    ),
]
MAX_NESTING = 4


def load_areas() -> int:
    """Upsert the pilot areas; returns how many were new."""
    created = 0
    for area_id, name, region, is_national, parent_code in PILOT_AREAS:
        area = db.session.get(Area, area_id)
        if area is None:
            area = Area(id=area_id)
            db.session.add(area)
            created += 1
        area.name, area.region, area.is_national = name, region, is_national
        area.parent_code = parent_code
        db.session.flush()
    return created


# Each worker keeps the small area tree beside its copy of the published content (one
# query when that copy is rebuilt). `areas load` runs before `content load-catalogue`,
# whose publishing moves the content version, so workers see a new tree after a deploy.
_tree: VersionedCache[dict[str, str | None]] = VersionedCache(CONTENT, max_entries=1)


def _parent_codes() -> dict[str, str | None]:
    return _tree.get(
        "areas",
        lambda: dict(db.session.execute(select(Area.id, Area.parent_code)).all()),
    )


def area_and_wider(area_id: str) -> list[str]:
    """The area and every wider area it belongs to, nearest first (never national)."""
    parents = _parent_codes()
    found = [area_id]
    current = parents.get(area_id)
    while current is not None and current not in found and len(found) <= MAX_NESTING:
        found.append(current)
        current = parents.get(current)
    return found


def area_and_within(area_id: str) -> list[str]:
    """The area and every area inside it (at any depth)."""
    found = [area_id]
    frontier = [area_id]
    for _ in range(MAX_NESTING):
        frontier = list(
            db.session.scalars(
                select(Area.id).where(
                    Area.parent_code.in_(frontier), Area.id.not_in(found)
                )
            )
        )
        if not frontier:
            break
        found.extend(frontier)
    return found


def is_wider_area(area_id: str) -> bool:
    """Whether other areas belong to this one (parents choose the area inside it)."""
    return (
        db.session.scalar(select(Area.id).where(Area.parent_code == area_id).limit(1))
        is not None
    )


def list_areas() -> list[Area]:
    return list(
        db.session.scalars(select(Area).order_by(Area.is_national.desc(), Area.name))
    )


def get_area(
    area_id: str, *, field: str = "area", allow_national: bool = False
) -> Area:
    """The area with this id, or a 422 on `field` naming the valid ones. A parent's
    area is never national nor a wider area (they choose the area inside it); staff
    (`allow_national`) may hold either."""
    area = db.session.get(Area, area_id)
    if area is None or (
        not allow_national and (area.is_national or is_wider_area(area.id))
    ):
        valid = [
            a.id
            for a in list_areas()
            if allow_national or not (a.is_national or is_wider_area(a.id))
        ]
        raise ValidationFailed(
            {field: [f"Unknown area. Use one of: {', '.join(valid)}."]}
        )
    return area
