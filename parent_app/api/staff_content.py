"""Staff routes shared by every content kind: draft, edit, submit, approve, reject,
archive, revisions. One mechanism; each kind's module calls `add_lifecycle_routes`."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from parent_app.api.common import (
    Blueprint,
    CursorQuerySchema,
    IsoDateTime,
    PageSchema,
    current_user,
    decode_id_cursor,
    now_utc,
    paginate,
    staff_required,
)
from parent_app.content import lifecycle
from parent_app.domain.words import with_article
from parent_app.extensions import db

STATUSES = ("draft", "in_review", "published", "archived")


class RevisionSchema(Schema):
    id = fields.Integer()
    number = fields.Integer()
    state = fields.String()
    data = fields.Dict()
    author_id = fields.Integer(allow_none=True)
    reviewer_id = fields.Integer(allow_none=True)
    review_comment = fields.String(allow_none=True)
    created_at = IsoDateTime()
    reviewed_at = IsoDateTime(allow_none=True)


class ContentItemSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    slug = fields.String()
    area = fields.String(attribute="area_id")
    status = fields.String(
        metadata={"description": "draft, in_review, published, archived"}
    )
    has_pending_draft = fields.Method("_pending")
    live_revision = fields.Nested(RevisionSchema, allow_none=True)
    pending_revision = fields.Nested(RevisionSchema, allow_none=True)
    updated_at = IsoDateTime()

    def _pending(self, item):  # type: ignore[no-untyped-def]
        return item.status == "published" and item.pending_revision is not None


class ContentItemPageSchema(PageSchema):
    class Meta:
        exclude = ("sync_since",)

    items = fields.List(fields.Nested(ContentItemSchema))


class StatusQuerySchema(CursorQuerySchema):
    status = fields.String(validate=validate.OneOf(STATUSES))


class RejectSchema(Schema):
    comment = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class ReviewQueueItemSchema(RevisionSchema):
    item_id = fields.Integer()
    kind = fields.Function(lambda r: r.item.kind)
    slug = fields.Function(lambda r: r.item.slug)
    area = fields.Function(lambda r: r.item.area_id)


class ReviewQueuePageSchema(PageSchema):
    class Meta:
        exclude = ("sync_since",)

    items = fields.List(fields.Nested(ReviewQueueItemSchema))


def _raw_json() -> dict[str, Any]:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


def add_lifecycle_routes(
    blp: Blueprint, kind: str, collection: str, data_schema: type[Schema]
) -> None:
    """/staff/<collection> routes for one content kind: the list and a new draft, one
    item and an edit, the review actions and the revision history."""
    base = f"/staff/{collection}"
    label = kind.replace("_", " ")
    blp.route(base, endpoint=f"{kind}_collection")(
        _collection_view(blp, kind, label, data_schema)
    )
    blp.route(f"{base}/<int:item_id>", endpoint=f"{kind}_by_id")(
        _item_view(blp, kind, label, data_schema)
    )
    for name, doc, run, schema in _review_actions(label):
        _add_action(blp, kind, base, name, doc, run, schema)
    _add_revisions_route(blp, kind, base, label)


def _collection_view(
    blp: Blueprint, kind: str, label: str, data_schema: type[Schema]
) -> type[MethodView]:
    """GET: the kind's items in my areas, a page at a time; POST: a new draft."""

    class Collection(MethodView):
        @staff_required
        @blp.arguments(StatusQuerySchema, location="query")
        @blp.response(200, ContentItemPageSchema)
        @blp.alt_response(400, description="malformed cursor")
        @blp.alt_response(422, description="invalid filter")
        def get(self, args):  # type: ignore[no-untyped-def]
            query = lifecycle.list_items_for_staff(
                current_user(),
                kind,
                status=args.get("status"),
                after_id=decode_id_cursor(args.get("cursor")),
            )
            return paginate(query, args, lambda item: item.id)

        @staff_required
        @blp.arguments(data_schema)
        @blp.response(201, ContentItemSchema)
        @blp.alt_response(403, description="not your area")
        @blp.alt_response(409, description="slug taken")
        @blp.alt_response(422, description="invalid fields")
        def post(self, _data):  # type: ignore[no-untyped-def]
            item = lifecycle.create_item(
                current_user(), kind, _raw_json(), now=now_utc()
            )
            db.session.commit()
            return item

    Collection.get.__doc__ = f"The {label}s in my areas"
    Collection.post.__doc__ = f"Draft a new {label}"
    return Collection


def _item_view(
    blp: Blueprint, kind: str, label: str, data_schema: type[Schema]
) -> type[MethodView]:
    """GET: one item with its live and pending revisions; PATCH: an edit."""
    # A named subclass so the partial (PATCH) schema gets its own OpenAPI component.
    update_schema = type(
        f"{data_schema.__name__.removesuffix('Schema')}UpdateSchema", (data_schema,), {}
    )

    class ById(MethodView):
        @staff_required
        @blp.response(200, ContentItemSchema)
        @blp.alt_response(404, description="not in your areas")
        def get(self, item_id):  # type: ignore[no-untyped-def]
            return lifecycle.get_item_for_staff(current_user(), kind, item_id)

        @staff_required
        @blp.arguments(update_schema(partial=True))
        @blp.response(200, ContentItemSchema)
        @blp.alt_response(404, description="not in your areas")
        @blp.alt_response(409, description="archived")
        @blp.alt_response(422, description="invalid fields")
        def patch(self, _changes, item_id):  # type: ignore[no-untyped-def]
            user = current_user()
            item = lifecycle.get_item_for_staff(user, kind, item_id)
            lifecycle.edit_item(user, item, _raw_json(), now=now_utc())
            db.session.commit()
            return item

    ById.get.__doc__ = f"One {label} with its live and pending revisions"
    ById.patch.__doc__ = (
        f"Edit {with_article(label)}: a new revision (a live one stays served until "
        "approved)"
    )
    return ById


def _review_actions(label: str) -> list[tuple[str, str, Any, type[Schema] | None]]:
    """(name, summary, what it does, body schema) of each review action."""
    return [
        (
            "submit",
            f"Send {with_article(label)} draft for review",
            lambda u, i: lifecycle.submit_item(u, i, now=now_utc()),
            None,
        ),
        (
            "approve",
            f"Approve and publish {with_article(label)} (not your own revision)",
            lambda u, i: lifecycle.approve_item(u, i, now=now_utc()),
            None,
        ),
        (
            "reject",
            f"Send {with_article(label)} back to its author with a comment",
            lambda u, i, data: lifecycle.reject_item(
                u, i, comment=data["comment"], now=now_utc()
            ),
            RejectSchema,
        ),
        (
            "archive",
            f"Archive {with_article(label)} (clients drop it on their next sync)",
            lambda u, i: lifecycle.archive_item(u, i, now=now_utc()),
            None,
        ),
    ]


def _add_action(
    blp: Blueprint,
    kind: str,
    base: str,
    name: str,
    doc: str,
    run: Any,
    schema: type[Schema] | None = None,
) -> None:
    """POST <base>/<id>/<name>: run a review action on one item of my areas."""

    def view(*args: Any, item_id: int) -> Any:
        user = current_user()
        item = lifecycle.get_item_for_staff(user, kind, item_id)
        run(user, item, *args)
        db.session.commit()
        return item

    view.__name__ = f"{kind}_{name}"
    view.__doc__ = doc
    decorated: Any = view
    decorated = blp.alt_response(409, description="not allowed in this state")(
        decorated
    )
    decorated = blp.alt_response(403, description="not allowed for you")(decorated)
    decorated = blp.alt_response(404, description="not in your areas")(decorated)
    decorated = blp.response(200, ContentItemSchema)(decorated)
    if schema is not None:
        decorated = blp.arguments(schema)(decorated)
    decorated = staff_required(decorated)
    blp.route(
        f"{base}/<int:item_id>/{name}", methods=["POST"], endpoint=f"{kind}_{name}"
    )(decorated)


def _add_revisions_route(blp: Blueprint, kind: str, base: str, label: str) -> None:
    """GET <base>/<id>/revisions: every revision of one item."""

    def revisions(item_id: int) -> Any:
        return lifecycle.get_item_for_staff(current_user(), kind, item_id).revisions

    # The docstring names the kind, so it is set before the route reads it.
    revisions.__doc__ = f"Every revision of {with_article(label)}"
    blp.route(f"{base}/<int:item_id>/revisions", endpoint=f"{kind}_revisions")(
        staff_required(
            blp.response(200, RevisionSchema(many=True))(
                blp.alt_response(404, description="not in your areas")(revisions)
            )
        )
    )
