"""Areas as the console shows them: by the Area's own name ("Isle of Wight",
"Hampshire & Isle of Wight"), never by its id, read once a request."""

from __future__ import annotations

from flask import g

from parent_app.accounts.areas import list_areas


def area_names() -> dict[str, str]:
    """Every area's name by its id (one query a request)."""
    names = g.get("area_names")
    if names is None:
        names = g.area_names = {area.id: area.name for area in list_areas()}
    return names  # type: ignore[no-any-return]


def area_name(area_id: str | None) -> str:
    """The area's name; an id no area has (none should) is shown as it is."""
    if not area_id:
        return ""
    return area_names().get(area_id, area_id)
