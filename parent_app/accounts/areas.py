"""Areas: the pilot family-hub areas and the national pseudo-area."""

from __future__ import annotations

from sqlalchemy import select

from parent_app.errors import ValidationFailed
from parent_app.extensions import db
from parent_app.models import Area
from parent_app.models.accounts import NATIONAL_AREA

PILOT_AREAS = [
    (NATIONAL_AREA, "England (national)", None, True),
    ("hampshire", "Hampshire", "Hampshire & Isle of Wight", False),
    ("southampton", "Southampton", "Hampshire & Isle of Wight", False),
    ("portsmouth", "Portsmouth", "Hampshire & Isle of Wight", False),
    ("isle-of-wight", "Isle of Wight", "Hampshire & Isle of Wight", False),
    ("dorset", "Dorset", "Dorset", False),
    (
        "bournemouth-christchurch-poole",
        "Bournemouth, Christchurch & Poole",
        "Dorset",
        False,
    ),
]


def load_areas() -> int:
    """Upsert the pilot areas; returns how many were new."""
    created = 0
    for area_id, name, region, is_national in PILOT_AREAS:
        area = db.session.get(Area, area_id)
        if area is None:
            db.session.add(
                Area(id=area_id, name=name, region=region, is_national=is_national)
            )
            created += 1
        else:
            area.name, area.region, area.is_national = name, region, is_national
    db.session.flush()
    return created


def list_areas() -> list[Area]:
    return list(
        db.session.scalars(select(Area).order_by(Area.is_national.desc(), Area.name))
    )


def get_area(
    area_id: str, *, field: str = "area", allow_national: bool = False
) -> Area:
    """The area with this id, or a 422 on `field` naming the valid ones."""
    area = db.session.get(Area, area_id)
    if area is None or (area.is_national and not allow_national):
        valid = [a.id for a in list_areas() if allow_national or not a.is_national]
        raise ValidationFailed(
            {field: [f"Unknown area. Use one of: {', '.join(valid)}."]}
        )
    return area
