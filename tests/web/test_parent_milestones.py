"""The baby's milestones page: a parent ticks a check as booked with its day (the
NHS.UK date input), done or not for us; errors in the design system's summary."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from tests.web.helpers import submit, text_of
from tests.web.parent_helpers import date_fields, sign_up, today


def _baby_born_weeks_ago(client, weeks):
    born = today() - timedelta(weeks=weeks)
    page = submit(
        client,
        "/babies/new/born",
        {**date_fields("date_of_birth", born), "gestation_weeks": "40"},
    )
    assert page.status_code == 302, page.get_data(as_text=True)
    home = client.get("/").get_data(as_text=True)
    return int(re.search(r"/babies/(\d+)/milestones", home).group(1))


def _reminders(app):
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    with app.app_context():
        return db.session.execute(
            select(NudgeOutbox.title, NudgeOutbox.send_after_epoch).where(
                NudgeOutbox.key.startswith("p:milestone:")
            )
        ).all()


def test_a_parent_books_the_review_with_its_day(app, client):
    sign_up(client)
    baby_id = _baby_born_weeks_ago(client, 40)
    listing = text_of(client.get(f"/babies/{baby_id}/milestones"))
    assert "9 to 12 month review (ASQ)" in listing
    url = f"/babies/{baby_id}/milestones/asq-9-12-months"
    on = today() + timedelta(days=9)
    page = submit(client, url, {"status": "booked", **date_fields("booked_for", on)})
    assert page.status_code == 302, text_of(page)
    listing = text_of(client.get(f"/babies/{baby_id}/milestones"))
    assert f"Booked for {on.day} {on:%B %Y}" in listing
    [(title, _)] = _reminders(app)
    assert title == "Tomorrow: 9 to 12 month review (ASQ)"
    # The form shows the day again, and "done" drops the reminder.
    again = client.get(url).get_data(as_text=True)
    assert f'value="{on.day}"' in again
    page = submit(client, url, {"status": "done", **date_fields("booked_for", on)})
    assert page.status_code == 302
    assert "Done" in text_of(client.get(f"/babies/{baby_id}/milestones"))
    assert _reminders(app) == []


def test_booked_without_a_day_is_fine(app, client):
    sign_up(client)
    baby_id = _baby_born_weeks_ago(client, 6)
    url = f"/babies/{baby_id}/milestones/imms-8-weeks"
    page = submit(
        client,
        url,
        {"status": "booked", "booked_for[day]": "", "booked_for[month]": ""},
    )
    assert page.status_code == 302, text_of(page)
    assert "Booked" in text_of(client.get(f"/babies/{baby_id}/milestones"))
    assert _reminders(app) == []


def test_a_past_or_unreal_day_is_shown_in_the_error_summary(app, client):
    sign_up(client)
    baby_id = _baby_born_weeks_ago(client, 6)
    url = f"/babies/{baby_id}/milestones/imms-8-weeks"
    past = today() - timedelta(days=2)
    page = submit(client, url, {"status": "booked", **date_fields("booked_for", past)})
    assert page.status_code == 200
    text = text_of(page)
    assert "There is a problem" in text and "This date has passed" in text
    unreal = {
        "status": "booked",
        "booked_for[day]": "31",
        "booked_for[month]": "2",
        "booked_for[year]": str(today().year + 1),
    }
    text = text_of(submit(client, url, unreal))
    assert "The day it is booked for must be a real date" in text
    assert "Select where you are with this" in text_of(submit(client, url, {}))
    assert _reminders(app) == []


def test_another_familys_baby_and_an_unknown_milestone_are_not_found(app, client):
    sign_up(client)
    baby_id = _baby_born_weeks_ago(client, 6)
    assert client.get(f"/babies/{baby_id}/milestones/no-such-thing").status_code == 404
    other = app.test_client()
    sign_up(other)
    assert other.get(f"/babies/{baby_id}/milestones").status_code == 404
    assert other.get(f"/babies/{baby_id}/milestones/imms-8-weeks").status_code == 404


def test_clearing_a_tick(app, client):
    sign_up(client)
    baby_id = _baby_born_weeks_ago(client, 6)
    url = f"/babies/{baby_id}/milestones/imms-8-weeks"
    submit(client, url, {"status": "not_for_us"})
    assert "Not for us" in text_of(client.get(f"/babies/{baby_id}/milestones"))
    page = submit(client, url, {}, to=f"{url}/clear")
    assert page.status_code == 302
    assert "Not for us" not in text_of(client.get(f"/babies/{baby_id}/milestones"))


def test_a_reminder_for_a_milestone_links_to_ticking_it(app, client):
    from datetime import UTC, datetime

    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox, OutboxStatus, User

    email = sign_up(client)
    baby_id = _baby_born_weeks_ago(client, 7)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        row = NudgeOutbox(
            key="test:imms",
            user_id=user.id,
            baby_id=baby_id,
            title="First vaccines at 8 weeks",
            body="Book with your GP surgery.",
            topic="immunisations",
            milestone="imms-8-weeks",
            due_day=0,
            send_after_epoch=0,
            expires_epoch=0,
            ttl_seconds=3600,
            urgency="normal",
            status=OutboxStatus.DELIVERED,
            delivered_at=datetime.now(UTC),
        )
        db.session.add(row)
        db.session.commit()
        row_id = row.id
    page = client.get(f"/notifications/{row_id}").get_data(as_text=True)
    assert f'href="/babies/{baby_id}/milestones/imms-8-weeks"' in page
    assert "Tell us if it is booked or done" in page
