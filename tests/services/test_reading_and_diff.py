"""The reading check and the side-by-side revision diff (no app needed)."""

from __future__ import annotations

from parent_app.content.reading import check_reading, text_blocks
from parent_app.content.revision_diff import diff_revisions, diff_text


def test_plain_short_text_is_within_target():
    check = check_reading("Come to our group. It is free. Bring your baby.")
    assert check.sentence_count == 3
    assert check.word_count == 10
    assert not check.is_above_target
    assert check.long_sentence_count == 0


def test_long_sentences_and_words_are_found_and_warned_about():
    long = " ".join(["considerable"] * 10 + ["word"] * 20) + "."
    check = check_reading(f"## Title\n\nShort one. {long}")
    assert check.long_sentence_count == 1
    assert check.long_word_count == 10
    assert check.is_above_target
    marked = [p.text for s in check.blocks[1] for p in s.pieces if p.is_long_word]
    assert marked == ["considerable"] * 10


def test_markup_is_not_read_as_words():
    assert text_blocks("## Feeding\n\n- [NHS advice](https://www.nhs.uk) here") == [
        "Feeding",
        "NHS advice here",
    ]


def test_an_empty_body_has_no_reading_age_problem():
    check = check_reading("")
    assert check.sentence_count == 0 and not check.is_above_target


def test_diff_marks_only_the_changed_words():
    (line,) = diff_text("Baby groups in Dorset", "Free baby groups in Dorset")
    assert line.is_changed
    assert [p.text for p in line.right if p.is_changed] == ["Free baby"]
    assert [p.text for p in line.left if p.is_changed] == ["Baby"]


def test_diff_pairs_lines_and_shows_added_ones():
    lines = diff_text("one\ntwo", "one\ntwo\nthree")
    assert [line.is_changed for line in lines] == [False, False, True]
    assert lines[2].left is None and lines[2].right[0].text == "three"


def test_revision_diff_covers_every_field_and_the_stage_in_words():
    old = {"title": "A", "body": "x", "stage_from_day": -196, "stage_to_day": 62}
    new = {**old, "title": "B"}
    fields = {f.label: f for f in diff_revisions("article", old, new)}
    assert fields["Title"].is_changed and not fields["Body"].is_changed
    stage = fields["Stage"].lines[0].right
    assert "pregnancy week 12 to baby age 8 weeks" in stage[0].text
    assert all(
        f.is_changed
        for f in diff_revisions("article", None, new)
        if f.lines[0].right[0].text
    )


def test_a_rewritten_sentence_is_one_mark_not_one_per_word():
    (line,) = diff_text("It is hard to do.", "Feeding takes practice now.")
    assert [p.text for p in line.right if p.is_changed] == [
        "Feeding takes practice now"
    ]
