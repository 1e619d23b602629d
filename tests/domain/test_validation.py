"""Row validation rules, including the GB 11643 checksum, as properties."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from service.domain.dictionary import dictionary
from service.domain.validation import ID_CHECK_CHARS, id_number_valid, validate_rows
from tests.province import TEACHERS, id_number

digits17 = st.text(alphabet="0123456789", min_size=17, max_size=17)


@given(digits17)
def test_exactly_one_check_character_makes_an_id_valid(body: str) -> None:
    valid = [c for c in ID_CHECK_CHARS if id_number_valid(body + c)]
    assert len(valid) == 1


@given(digits17, st.integers(0, 16), st.integers(1, 9))
def test_changing_any_single_digit_breaks_the_checksum(body: str, pos: int, delta: int) -> None:
    good = next(body + c for c in ID_CHECK_CHARS if id_number_valid(body + c))
    changed = good[:pos] + str((int(good[pos]) + delta) % 10) + good[pos + 1:]
    assert not id_number_valid(changed)


def _table(rows: list[dict[str, str | None]]) -> pa.Table:
    return pa.table({c: pa.array([r[c] for r in rows], pa.string()) for c in rows[0]})


@given(st.sampled_from(["gender", "birth_date", "id_number"]))
def test_the_id_number_must_agree_with_birth_date_and_gender(column: str) -> None:
    row = dict(TEACHERS[0])
    if column == "gender":
        row["gender"] = "1"  # the ID's sequence digit says female
    elif column == "birth_date":
        row["birth_date"] = "2000-03-02"
    else:
        row["id_number"] = id_number("430102", "1999-03-01", 2)
    problems = validate_rows(_table([row]), "teacher", dictionary()).problems
    assert [p.column for p in problems] == ["id_number"]


@given(st.lists(st.sampled_from(TEACHERS), min_size=2, max_size=6))
def test_duplicates_in_a_file_are_reported_after_the_first(rows: list[dict[str, str | None]]) -> None:
    problems = validate_rows(_table(rows), "teacher", dictionary()).problems
    seen: set[str | None] = set()
    expected = []
    for i, r in enumerate(rows, start=2):
        if r["id"] in seen:
            expected += [(i, "id"), (i, "id_number")]
        seen.add(r["id"])
    assert sorted((p.row, p.column) for p in problems) == sorted(expected)


def test_whitespace_and_full_width_labels_are_read_as_codes() -> None:
    row = dict(TEACHERS[0], gender=" 女 ", title="  二级教师", education="Bachelor's Degree")
    checked = validate_rows(_table([row]), "teacher", dictionary())
    assert checked.problems == []
    assert checked.good_rows().read_all().to_pylist()[0]["gender"] == "2"
    assert checked.good_rows().read_all().to_pylist()[0]["education"] == "21"


def test_two_rows_missing_a_unique_value_are_each_missing_it_not_duplicates() -> None:
    rows = [dict(TEACHERS[0], id=None), dict(TEACHERS[1], id=None), dict(TEACHERS[2], id=TEACHERS[0]["id"]),
            dict(TEACHERS[3], id=TEACHERS[0]["id"])]
    problems = validate_rows(_table(rows), "teacher", dictionary()).problems
    assert [(p.row, p.column, p.reason) for p in problems if p.column == "id"] == [
        (2, "id", "required"), (3, "id", "required"), (5, "id", "duplicate in the file (first at row 4)")]
