"""The figures page for editors and admins: a milestone's anonymous figures in one of
their areas over months, as charts (SVG drawn on the server) with the same figures as
a table under each, filters, and the rows as a CSV download."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from flask import Response, g, render_template, request
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovTextInput
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Regexp, ValidationError

from parent_app.errors import Forbidden
from parent_app.milestones.dashboard import FigureTable, milestone_dashboard
from parent_app.milestones.figures import read_figures, visible_areas
from parent_app.milestones.vocabulary import all_milestones
from parent_app.web.session import sign_in_required
from parent_app.web.staff.area_names import area_name
from parent_app.web.staff.article_form import LANGUAGE_LABELS
from parent_app.web.staff.blueprint import bp
from parent_app.web.staff.charts import bar_chart, percent_chart
from parent_app.web.staff.form_helpers import choices

MONTHS_SHOWN = 12
MOST_MONTHS = 36
MONTH = Regexp(
    r"^\d{4}-(0[1-9]|1[0-2])$", message="Enter a month as year and month, like 2026-01"
)
CSV_COLUMNS = ["area", "month", "milestone", "measure", "role", "count", "suppressed"]


class FiguresFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that changes nothing

    area = SelectField("Area", widget=GovSelect(), validators=[InputRequired()])
    milestone = SelectField("Milestone", widget=GovSelect())
    from_month = StringField(
        "From month",
        widget=GovTextInput(),
        description="For example, 2026-01",
        validators=[InputRequired("Enter the first month, like 2026-01"), MONTH],
    )
    to_month = StringField(
        "To month",
        widget=GovTextInput(),
        description="For example, 2026-12",
        validators=[InputRequired("Enter the last month, like 2026-12"), MONTH],
    )

    def validate_to_month(self, field: StringField) -> None:
        first, last = self.from_month.data or "", field.data or ""
        if self.from_month.errors or not MONTH.regex.match(first):
            return
        if first > last:
            raise ValidationError(
                "The last month must be the same as or after the first month"
            )
        years = int(last[:4]) - int(first[:4])
        if years * 12 + int(last[5:]) - int(first[5:]) >= MOST_MONTHS:
            raise ValidationError(f"Choose {MOST_MONTHS} months or fewer")


def _filter_form() -> FiguresFilterForm:
    """The filters from the query string, with the reader's areas and the
    milestones as choices; the last 12 months by default."""
    user = g.current_user
    if user.role not in ("editor", "admin"):
        raise Forbidden("Figures are for editors.", code="editor_required")
    now = datetime.now(UTC)
    first = now.year * 12 + now.month - MONTHS_SHOWN
    defaults = {
        "from_month": f"{first // 12:04d}-{first % 12 + 1:02d}",
        "to_month": now.strftime("%Y-%m"),
    }
    args = request.args if request.args else None
    form = FiguresFilterForm(formdata=args, data=defaults)
    form.area.choices = choices(
        (area, area_name(area)) for area in visible_areas(user, [])
    )
    form.milestone.choices = choices((m.key, m.title) for m in all_milestones())
    if args is None:
        form.area.data = form.area.choices[0].value if form.area.choices else None
        form.milestone.data = (
            form.milestone.choices[0].value if form.milestone.choices else None
        )
    return form


def _charts(tables: list[FigureTable]) -> dict[str, str]:
    months = [datetime.strptime(m, "%Y-%m").strftime("%b %Y") for m in tables[0].months]
    drawn = {}
    for table in tables:
        if not table.columns:
            continue
        draw = percent_chart if table.is_percent else bar_chart
        drawn[table.key] = draw(table.title, months, table.series())
    return drawn


@bp.route("/figures", endpoint="figures")
@sign_in_required("staff")
def figures():  # type: ignore[no-untyped-def]
    form = _filter_form()
    if not form.area.choices:
        return render_template("staff/figures.html", title="Figures", form=None)
    if request.args and not form.validate():
        return (render_template("staff/figures.html", title="Figures", form=form), 400)
    tables = milestone_dashboard(
        area=form.area.data,
        milestone=form.milestone.data,
        first_month=form.from_month.data,
        last_month=form.to_month.data,
    )
    for table in tables:
        if table.key == "language":
            table.columns = [(k, LANGUAGE_LABELS.get(k, k)) for k, _ in table.columns]
    return render_template(
        "staff/figures.html",
        title="Figures",
        form=form,
        tables=tables,
        charts=_charts(tables),
        month_name=lambda m: datetime.strptime(m, "%Y-%m").strftime("%B %Y"),
        milestone_title={c.value: c.label for c in form.milestone.choices}.get(
            form.milestone.data, form.milestone.data
        ),
        csv_query=request.query_string.decode("ascii", "replace"),
    )


@bp.route("/figures.csv", endpoint="figures_csv")
@sign_in_required("staff")
def figures_csv():  # type: ignore[no-untyped-def]
    """The figures of the filters as CSV (the same rows as the figures API's CSV)."""
    form = _filter_form()
    if not form.area.choices or (request.args and not form.validate()):
        return (render_template("staff/figures.html", title="Figures", form=form), 400)
    rows = read_figures(
        areas=visible_areas(g.current_user, [form.area.data]),
        first_month=form.from_month.data,
        last_month=form.to_month.data,
        milestones=[form.milestone.data],
    )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.area,
                row.month,
                row.milestone,
                row.measure,
                row.role,
                "" if row.count is None else row.count,
                "yes" if row.suppressed else "no",
            ]
        )
    name = f"figures-{form.area.data}-{form.milestone.data}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
