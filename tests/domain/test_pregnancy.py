"""Pregnancy weeks, corrected age and the date checks."""

from datetime import date, timedelta

import pytest

from parent_app.domain import pregnancy
from parent_app.domain.daynum import from_day, to_day


@pytest.mark.parametrize(
    ("on", "day"),
    [(date(1970, 1, 1), 0), (date(2024, 2, 29), 19782), (date(1969, 12, 31), -1)],
)
def test_day_numbers_round_trip(on: date, day: int) -> None:
    assert to_day(on) == day
    assert from_day(day) == on


@pytest.mark.parametrize(
    ("week", "expected"),
    [(0, date(2026, 6, 3)), (12, date(2026, 8, 26)), (40, date(2027, 3, 10))],
)
def test_pregnancy_week_starts_count_from_the_last_period(
    week: int, expected: date
) -> None:
    assert pregnancy.pregnancy_week_start(date(2027, 3, 10), week) == expected


def test_weeks_pregnant_on_the_due_date_is_forty() -> None:
    assert pregnancy.weeks_pregnant(date(2027, 3, 10), date(2027, 3, 10)) == (40, 0)
    assert pregnancy.weeks_pregnant(date(2027, 3, 10), date(2026, 8, 27)) == (12, 1)


@pytest.mark.parametrize(
    ("weeks", "days", "corrected_shift_days"),
    [
        (33, 0, 49),  # 7 weeks early
        (32, 0, 56),
        (36, 6, 22),  # 36+6 is still preterm
        (37, 0, 0),  # term: no correction
        (41, 3, 0),  # late babies are not corrected backwards
        (23, 6, 113),
    ],
)
def test_corrected_birth_date_moves_preterm_babies_to_their_due_date(
    weeks: int, days: int, corrected_shift_days: int
) -> None:
    born = date(2026, 1, 10)
    corrected = pregnancy.corrected_birth_date(born, weeks, days)
    assert (corrected - born).days == corrected_shift_days


def test_baby_born_at_32_weeks_is_2_weeks_corrected_at_10_weeks_old() -> None:
    born = date(2026, 9, 1)
    age = pregnancy.age_on(
        born, pregnancy.corrected_birth_date(born, 32), date(2026, 11, 10)
    )
    assert age.chronological_weeks == 10
    assert age.corrected_weeks == 2


class TestDateChecks:
    today = date(2026, 11, 22)

    def test_due_date_44_weeks_ahead_is_accepted_and_one_more_day_refused(self) -> None:
        pregnancy.check_due_date(date(2027, 9, 26), self.today)
        with pytest.raises(pregnancy.InvalidBabyDates) as info:
            pregnancy.check_due_date(date(2027, 9, 27), self.today)
        assert info.value.field == "due_date"

    def test_due_date_six_weeks_past_is_accepted_and_older_refused(self) -> None:
        pregnancy.check_due_date(date(2026, 10, 11), self.today)
        with pytest.raises(pregnancy.InvalidBabyDates):
            pregnancy.check_due_date(date(2026, 10, 10), self.today)

    def test_birth_in_the_future_is_refused(self) -> None:
        with pytest.raises(pregnancy.InvalidBabyDates) as info:
            pregnancy.check_birth(date(2026, 11, 23), 40, self.today)
        assert info.value.field == "date_of_birth"

    def test_birth_beyond_the_1001_days_is_refused(self) -> None:
        with pytest.raises(pregnancy.InvalidBabyDates):
            pregnancy.check_birth(date(2024, 1, 1), 40, self.today)

    @pytest.mark.parametrize("weeks", [21, 45])
    def test_implausible_gestation_is_refused(self, weeks: int) -> None:
        with pytest.raises(pregnancy.InvalidBabyDates) as info:
            pregnancy.check_birth(date(2026, 11, 1), weeks, self.today)
        assert info.value.field == "gestation_weeks"


@pytest.mark.parametrize(
    ("days_before_due", "weeks", "days", "expected"),
    [
        pytest.param(0, None, None, (40, 0, "due_date"), id="on the due date"),
        pytest.param(20, None, None, (37, 1, "due_date"), id="derived with days"),
        pytest.param(-28, None, None, (44, 0, "due_date"), id="exactly 44 weeks"),
        pytest.param(126, None, None, (22, 0, "due_date"), id="exactly 22 weeks"),
        pytest.param(56, 33, 0, (33, 0, "given"), id="a week off is allowed"),
        pytest.param(56, 31, 0, (31, 0, "given"), id="a week early is allowed"),
    ],
)
def test_gestation_at_birth_reconciles_with_the_due_date(
    days_before_due, weeks, days, expected
):
    due = date(2027, 3, 1)
    born = due - timedelta(days=days_before_due)
    got = pregnancy.gestation_at_birth(born_on=born, due_on=due, weeks=weeks, days=days)
    assert (got.weeks, got.days, got.source) == expected


@pytest.mark.parametrize(
    ("days_before_due", "weeks", "fields"),
    [
        pytest.param(127, None, {"date_of_birth", "due_date"}, id="21+6 is a loss"),
        pytest.param(140, None, {"date_of_birth", "due_date"}, id="20 weeks"),
        pytest.param(-29, None, {"date_of_birth", "due_date"}, id="past 44 weeks"),
        pytest.param(56, 40, {"gestation_weeks", "due_date"}, id="8 weeks off"),
        pytest.param(56, 30, {"gestation_weeks", "due_date"}, id="two weeks off"),
    ],
)
def test_gestation_at_birth_refuses_contradictions(days_before_due, weeks, fields):
    due = date(2027, 3, 1)
    with pytest.raises(pregnancy.InvalidBabyDates) as caught:
        pregnancy.gestation_at_birth(
            born_on=due - timedelta(days=days_before_due), due_on=due, weeks=weeks
        )
    assert set(caught.value.fields) == fields


def test_gestation_at_birth_without_a_due_date_is_given_or_the_default():
    born = date(2027, 3, 1)
    given = pregnancy.gestation_at_birth(born_on=born, due_on=None, weeks=30, days=2)
    default = pregnancy.gestation_at_birth(born_on=born, due_on=None)
    assert (given.weeks, given.days, given.source) == (30, 2, "given")
    assert (default.weeks, default.days, default.source) == (40, 0, "default")
