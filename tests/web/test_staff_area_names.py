"""The console names areas as people do ("Isle of Wight", "Hampshire & Isle of
Wight"), never by their id nor title-cased ("Isle Of Wight")."""

from __future__ import annotations

from tests.web.helpers import text_of
from tests.web.staff_helpers import signed_in_staff
from tests.web.test_staff_nudges import _post, nudge_form

AREAS = ("hampshire-and-isle-of-wight", "isle-of-wight")
WIDER = "Hampshire &amp; Isle of Wight"  # as the page's HTML spells it


def test_forms_and_the_area_switcher_offer_areas_by_name(app):
    editor, _ = signed_in_staff(app, role="editor", areas=AREAS)
    form = editor.get("/staff/nudges/new").get_data(as_text=True)
    assert '<option value="isle-of-wight">Isle of Wight</option>' in form
    assert f'<option value="hampshire-and-isle-of-wight">{WIDER}</option>' in form
    assert "Isle Of Wight" not in form
    home = editor.get("/staff/").get_data(as_text=True)
    assert '<option value="isle-of-wight" >Isle of Wight</option>' in home
    figures = editor.get("/staff/figures").get_data(as_text=True)
    assert ">Isle of Wight</option>" in figures and f">{WIDER}</option>" in figures


def test_content_pages_and_reach_name_the_area(app):
    editor, _ = signed_in_staff(app, role="editor", areas=AREAS)
    saved = _post(
        editor,
        "/staff/nudges/new",
        nudge_form(area="isle-of-wight", slug="iow-8-week-jabs"),
    )
    assert saved.status_code == 302
    item = text_of(editor.get(saved.headers["Location"]))
    assert "Nudge · Isle of Wight · iow-8-week-jabs" in item
    assert "Area Isle of Wight" in item  # the details
    listed = text_of(editor.get("/staff/nudges/"))
    assert "Isle of Wight" in listed and "isle-of-wight" not in listed
    reach = editor.get("/staff/reach").get_data(as_text=True)
    assert f"reached families in {WIDER}, Isle of Wight," in reach


def test_one_area_is_named_on_the_home_page(app):
    author, _ = signed_in_staff(app, areas=("bournemouth-christchurch-poole",))
    home = text_of(author.get("/staff/"))
    assert "Area: Bournemouth, Christchurch &amp; Poole" in home
