"""Disclosure control: 1 to 7 suppressed, others rounded to the nearest 5."""

import pytest

from parent_app.domain.disclosure import disclose


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (0, 0),
        (1, None),
        (7, None),
        (8, 10),
        (12, 10),
        (13, 15),
        (15, 15),
        (17, 15),
        (18, 20),
        (102, 100),
        (103, 105),
    ],
)
def test_counts_are_suppressed_or_rounded(count, shown):
    assert disclose(count) == shown


def test_a_negative_count_is_a_bug():
    with pytest.raises(ValueError):
        disclose(-1)
