"""Counts of any definition: the one conditional-aggregate statement equals a plain recount of the
same records in Python, on DuckDB and PostgreSQL; keys name their definitions and parse back."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import true

from service.domain.dictionary import dictionary
from service.domain.imports import import_table
from service.domain.semantics import Definition, DefinitionError, definition_of, key_of
from service.domain.semantics.definition import Filter, count, teacher_code_fields
from service.store import prefill
from service.store.engine import session_scope
from tests.conftest import ADMIN, Province, table_of
from tests.province import SCHOOLS, TEACHERS, more_teachers

D = dictionary()
EXTRA = more_teachers()
RECORDS = TEACHERS + EXTRA
CODE_FIELDS = sorted(teacher_code_fields(D))
REFERENCES = [date(2026, 9, 1), date(2025, 2, 28), date(2024, 2, 29), date(2030, 12, 31)]


def whole_years(start: str | None, on: date) -> int | None:
    if not start:
        return None
    s = date.fromisoformat(start)
    return on.year - s.year - ((s.month, s.day) > (on.month, on.day))


def recount(defn: Definition, on: date) -> dict[str, int]:
    """The definition counted school by school over the records as imported, in plain Python."""
    out = {str(s["code"]): 0 for s in SCHOOLS}
    for t in RECORDS:
        derived = {"teacher.age": whole_years(t["birth_date"], on),
                   "teacher.teaching_years": whole_years(t["teaching_start"], on)}
        if all(f.allows(derived[f.field] if f.is_range else t[f.field.split(".", 1)[1]]) for f in defn.filters):
            out[str(t["school_code"])] += 1
    return out


@st.composite
def definitions(draw: st.DrawFn) -> Definition:
    conditions: list[Filter] = []
    for name in draw(st.lists(st.sampled_from(CODE_FIELDS), max_size=4, unique=True)):
        codes = D.code_lists[D.fields[name].code_list or ""].code_values
        picked = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=len(codes), unique=True))
        conditions.append(Filter(name, tuple(sorted(picked))))
    for name, (lo, hi) in (("teacher.age", (18, 70)), ("teacher.teaching_years", (0, 45))):
        if draw(st.booleans()):
            a = draw(st.none() | st.integers(lo, hi))
            b = draw(st.none() | st.integers(lo, hi))
            if a is not None and b is not None and a > b:
                a, b = b, a
            conditions.append(Filter(name, min=a, max=b))
    try:
        return count(D, conditions)
    except DefinitionError:
        return count(D, [])


@pytest.fixture
def crowded(province: Province) -> Province:
    with session_scope(province.engine) as s:
        import_table(s, ADMIN, "teachers", table_of(TEACHERS + EXTRA), "more.csv")
    return province


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(definitions(), min_size=1, max_size=12), st.sampled_from(REFERENCES))
def test_sql_counts_equal_a_plain_recount(crowded: Province, defns: list[Definition], on: date) -> None:
    with crowded.session() as s:
        got = prefill.counts(s, D, true(), defns, on)  # one statement for all of them
    for i, defn in enumerate(defns):
        want = recount(defn, on)
        assert {code: got.get(code, [0] * len(defns))[i] for code in want} == want, defn.notation()


@given(definitions())
def test_a_key_names_its_definition_and_parses_back(defn: Definition) -> None:
    key = key_of(defn, D)
    assert definition_of(key, D) == defn
    assert key in D.fields and D.fields[key].type == "integer"


def test_indicator_keys_stay_the_names_of_their_definitions() -> None:
    female = definition_of("school.ft_teachers.gender.female", D)
    assert female is not None and female.notation() == "school.count(post_type=1;status=1;gender=2)"
    assert key_of(female, D) == "school.ft_teachers.gender.female"
    assert definition_of("school.count(gender=2;post_type=1)", D) == female  # any order, status implied
