"""Staff: locations (family hubs and venues) through draft, review and publication."""

from __future__ import annotations

from parent_app.api.common import Blueprint
from parent_app.api.staff_content import add_lifecycle_routes
from parent_app.courses.location_kind import LocationDataSchema

blp = Blueprint(
    "staff_locations",
    __name__,
    description="Staff: locations (family hubs and venues) courses are held at",
)

add_lifecycle_routes(blp, "location", "locations", LocationDataSchema)
