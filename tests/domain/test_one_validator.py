"""One validator (issues 8 and 9): a value is valid for a dictionary field by the same rules
whether it arrives in an import's row (`validate_rows`, set-based SQL) or as a form's answer, a
correction or through the API (`check_value`): both accept and reject the same values and
normalise them to the same stored value. Property-tested over spellings the two once disagreed
on: full-width digits, inner spaces, signs, decimals, date separators, code labels in another
case or width, ID numbers with a wrong or lower-case GB 11643 check character, control characters."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectors.base import ROW
from service.domain.dictionary import Field, dictionary
from service.domain.validation import DATE, check_value, validate_rows

D = dictionary()
FIELDS = [f for f in D.fields.values() if f.entity in ("school", "teacher") and not f.is_indicator
          and getattr(f, "column", None) and f.type in ("enum", "integer", "date", "text")]
ID = "11010519491231002X"


def _full_width(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def seeds(f: Field) -> list[str]:
    out = ["", "x", "１２", "1 200", "+5", "-3", "007", "12.0", "1e2", "2026-09-01", "2026/9/1", "2026.09.01",
           "20260901", "2026-02-30", "2026-09-01 10:00", "0999-01-01", ID, ID.lower(), ID[:-1] + "1",
           _full_width(ID), "a\x00b", "\u3000abc\u3000", "abc\t"]
    if f.type == "enum":
        cl = D.code_list_for(f)
        for c in (cl.codes if cl else [])[:6]:
            out += [c.code, c.zh, c.en, c.en.upper(), f" {c.zh} ", _full_width(c.en), *c.aliases[:2]]
    if f.min is not None:
        out += [str(f.min), f"{f.min}"[:4] + "-01-01"]
    return out


values = st.one_of(st.text(alphabet="0123456789１２-/.+ Xx年月日\u3000\t", max_size=12),
                   st.text(max_size=6))


def usable(vals: list[str]) -> list[str]:
    # Empty is `required`, a rule of the entry points (forms ask it per item), not of a value.
    return [v for v in vals if v.strip() and unicodedata.category(v.strip()[0]) != "Zs"]


def _same(f: Field, imported: str | None, checked: str | None) -> bool:
    if imported is None or checked is None:
        return imported is checked
    if f.type == "integer":
        return int(imported) == int(checked)
    if f.type == "date":
        m = DATE.fullmatch(imported)
        return m is not None and date(*(int(g) for g in m.groups())).isoformat() == checked
    return imported == checked


@pytest.mark.parametrize("f", FIELDS, ids=lambda f: f.key)
@settings(max_examples=4)
@given(drawn=st.lists(values, max_size=10))
def test_imports_and_forms_accept_reject_and_normalise_alike(f: Field, drawn: list[str]) -> None:
    vals = usable(seeds(f) + drawn)  # every known spelling, and some drawn at random
    validated = validate_rows(pa.table({f.column: pa.array(vals, pa.string())}), f.entity, D)
    bad_rows = {p.row for p in validated.report.first
                if p.column == f.column and p.row > 1 and not p.reason.startswith("duplicate in the file")}
    good = validated.good_rows().read_all()
    stored = dict(zip(good.column(ROW).to_pylist(), good.column(f.column).to_pylist(), strict=True))
    for n, v in enumerate(vals):
        text, fault = check_value(v, f.type, f, D)
        by_import = (n + 2) not in bad_rows
        assert by_import == (fault is None), (f.key, v, fault, by_import)
        if fault is None and n + 2 in stored:  # (a repeat of a unique value is left out of the good rows)
            assert _same(f, stored[n + 2], text), (f.key, v, stored[n + 2], text)


def test_a_full_width_digit_in_a_code_is_refused_in_a_form_as_in_an_import() -> None:
    # Found by the property above: Python's "\d" took "１" where the import's SQL did not.
    for key, value in (("school.region_code", "00000１"), ("school.code", "２１１００００５４９")):
        f = D.fields[key]
        assert check_value(value, f.type, f, D)[1] is not None, value
        validated = validate_rows(pa.table({f.column: pa.array([value], pa.string())}), f.entity, D)
        assert any(p.column == f.column for p in validated.report.first), value


def test_a_wrong_check_character_is_refused_in_a_form_as_in_an_import() -> None:
    f = D.fields["teacher.id_number"]
    assert check_value(ID.lower(), f.type, f, D) == (ID, None)
    assert check_value(ID[:-1] + "1", f.type, f, D)[1] is not None
    assert re.fullmatch(r"\d{17}[\dX]", ID)



TEACHER = [f for f in FIELDS if f.entity == "teacher"]
# A teacher every rule accepts; the rows below change a cell or two of it.
VALID = {"id": "T000000001", "id_number": "110102197210229213", "name": "肖宁彬", "gender": "1", "birth_date": "1972-10-22",
         "ethnicity": "01", "education": "21", "title": "3", "subject": "02", "post_type": "1", "establishment": "1",
         "school_code": "2110000549", "teaching_start": "1994-10-24", "status": "1"}
# Problems that are not a value's own: a missing value, a repeat, and the ID number's agreement with other columns.
ROW_RULES = ("required", "duplicate in the file", "birth date in the ID number", "gender digit of the ID number")


def _cell(f: Field) -> st.SearchStrategy[str]:
    """A known spelling, a drawn one, or the valid value with a control character in it (which, in a
    column with no other rule it breaks, only the control-character search finds)."""
    v = VALID[f.column]
    return st.one_of(st.sampled_from(usable(seeds(f))), values.filter(lambda v: bool(usable([v]))),
                     st.integers(0, len(v)).map(lambda i: v[:i] + "\x07" + v[i:]))


@st.composite
def _row(draw: st.DrawFn) -> dict[str, str]:
    changed = draw(st.lists(st.sampled_from(TEACHER), max_size=2, unique_by=lambda f: f.column))
    return {**VALID, **{f.column: draw(_cell(f)) for f in changed}}


def test_the_row_the_rows_below_change_is_valid() -> None:
    assert {f.column for f in TEACHER} == set(VALID)
    assert all(check_value(VALID[f.column], f.type, f, D)[1] is None for f in TEACHER)


@settings(max_examples=60)
@given(rows=st.lists(_row(), min_size=1, max_size=6))
def test_a_bad_value_in_any_column_of_a_row_is_found_as_check_value_finds_it(rows: list[dict[str, str]]) -> None:
    # The import finds the rows with any problem in one pass over whole rows (a control character by
    # one search of the row's values run together); every column's verdict must still be its own.
    table = pa.table({f.column: pa.array([r[f.column] for r in rows], pa.string()) for f in TEACHER})
    validated = validate_rows(table, "teacher", D)
    found = {(p.row, p.column) for p in validated.report.first if p.row > 1 and not p.reason.startswith(ROW_RULES)}
    validated.close()
    expected = {(n + 2, f.column) for n, r in enumerate(rows) for f in TEACHER
                if check_value(r[f.column], f.type, f, D)[1] is not None}
    assert found == expected
