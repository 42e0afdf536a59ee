"""A or an, and lists with "or", for messages people read."""

import pytest

from parent_app.domain.words import one_of, with_article


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("author", "an author"),
        ("editor", "an editor"),
        ("admin", "an admin"),
        ("article", "an article"),
        ("nudge rule", "a nudge rule"),
        ("course", "a course"),
        ("partner", "a partner"),
        ("user", "a user"),
        ("one-off payment", "a one-off payment"),
        ("hour", "an hour"),
    ],
)
def test_with_article(noun, expected):
    assert with_article(noun) == expected


def test_one_of_lists_each_with_its_article():
    assert one_of(["author", "editor", "admin"]) == ("an author, an editor or an admin")
    assert one_of(["partner"]) == "a partner"
