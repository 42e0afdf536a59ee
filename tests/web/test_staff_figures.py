"""The staff figures page: a milestone's figures over months as charts (SVG drawn on
the server, no script) with the same figures as tables, filters with the GOV.UK error
summary, a CSV download; editors see their areas, admins all, authors none."""

from __future__ import annotations

import base64
import re

from tests.api.test_figures import BCP, IMMS, figures_world  # noqa: F401
from tests.web.helpers import text_of
from tests.web.staff_helpers import signed_in_staff

QUERY = f"area=dorset&milestone={IMMS}&from_month=2026-01&to_month=2026-03"


def _charts(html: str) -> list[str]:
    return [
        base64.b64decode(data).decode()
        for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    ]


def test_an_editor_sees_charts_and_tables_of_their_area(app, figures_world):  # noqa: F811
    editor, _ = signed_in_staff(app, role="editor", areas=("dorset",))
    response = editor.get(f"/staff/figures?{QUERY}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    charts = _charts(html)
    assert len(charts) == 4
    for svg in charts:
        assert svg.lstrip().startswith(("<svg", "<?xml")) and "<script" not in svg
    assert "Windows opened" in charts[0]
    # The page's CSP allows images from data: and no inline script.
    policy = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data:" in policy and "unsafe-inline" not in policy
    page = text_of(response)
    # The table under the first chart: January 2026, 12 windows and 9 marks by
    # birthing parents rounded to 10, the partners' 3 suppressed.
    assert "January 2026 10 10 fewer than 8 10 fewer than 8 0 0" in page, page
    assert "February 2026 fewer than 8 0 0 0 0 0 0" in page
    assert "March 2026 0 0 0 0 0 0 0" in page
    # Language and partner tables; the households share of Dorset is suppressed.
    assert "Polish" in page and "English" in page
    assert (
        "January 2026 not shown (a count under 8) not shown (a count under 8)" in page
    )
    assert "Download these figures as a spreadsheet (CSV)" in page
    assert "Figures" in text_of(editor.get("/staff/"))


def test_the_csv_download_has_the_same_figures(app, figures_world):  # noqa: F811
    editor, _ = signed_in_staff(app, role="editor", areas=("dorset",))
    response = editor.get(f"/staff/figures.csv?{QUERY}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "area,month,milestone,measure,role,count,suppressed"
    assert f"dorset,2026-01,{IMMS},windows_opened,all,10,no" in lines
    assert f"dorset,2026-01,{IMMS},done,partner,,yes" in lines
    assert not any(line.startswith(BCP) for line in lines)


def test_an_admin_may_choose_any_area(app, figures_world):  # noqa: F811
    admin, _ = signed_in_staff(app, role="admin", areas=("dorset",))
    page = text_of(
        admin.get(
            f"/staff/figures?area={BCP}&milestone={IMMS}"
            "&from_month=2026-01&to_month=2026-03"
        )
    )
    assert "February 2026 10 0 0 0 0 0 0" in page
    # BCP's households: 8 of 13 with a partner, shown as 10 of 15.
    assert "January 2026 no figures 67%" in page


def test_bad_filters_show_the_error_summary(app):
    editor, _ = signed_in_staff(app, role="editor", areas=("dorset",))
    for query, message in (
        ("area=dorset&from_month=2026-13&to_month=2026-12", "like 2026-01"),
        ("area=dorset&from_month=2026-05&to_month=2026-01", "same as or after"),
        ("area=dorset&from_month=2020-01&to_month=2026-01", "36 months or fewer"),
        (f"area={BCP}&from_month=2026-01&to_month=2026-02", "Not a valid choice"),
        ("area=dorset&from_month=&to_month=2026-02", "Enter the first month"),
    ):
        response = editor.get(f"/staff/figures?{query}")
        assert response.status_code == 400, query
        page = text_of(response)
        assert "There is a problem" in page and message in page, (query, page)
        assert "data:image/svg" not in response.get_data(as_text=True)
    assert editor.get(f"/staff/figures.csv?area={BCP}").status_code == 400


def test_the_page_opens_on_the_last_year(app):
    editor, _ = signed_in_staff(app, role="editor", areas=("dorset",))
    response = editor.get("/staff/figures")
    assert response.status_code == 200
    assert len(_charts(response.get_data(as_text=True))) >= 1
    assert "Windows opened and marks" in text_of(response)


def test_authors_do_not_see_figures(app):
    author, _ = signed_in_staff(app)
    assert author.get("/staff/figures").status_code == 403
    assert author.get("/staff/figures.csv").status_code == 403
    assert "Figures" not in text_of(author.get("/staff/"))
