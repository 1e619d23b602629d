"""The corpus notation: the parser reads what docs/definitions.md says it means, and the canonical form
is a normal form (the same meaning, however written, gives the same value; different meanings
give different values), for the notation and for the service's `definition` JSON alike."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.domain.corpus_dsl import (
    Constraint,
    Count,
    DslError,
    Range,
    Value,
    code_fields,
    from_definition,
    from_key,
    parse,
    render,
)

CODES = code_fields()
SHORT = {"teacher.age": "age", "teacher.teaching_years": "years"}


def name_of(key: str) -> str:
    return SHORT.get(key, key.removeprefix("teacher."))


# --- what the notation says ----------------------------------------------------------------


def test_new_and_stored_and_derived_values() -> None:
    assert parse("new") is None
    assert parse("field(school.address)") == Value("school.address")
    assert parse(" field( teacher.age ) ") == Value("teacher.age")
    assert parse("field(teacher.teaching_years)") == Value("teacher.teaching_years")


def test_a_count_is_its_conditions_in_any_order_and_spacing() -> None:
    a = parse("count(status=1; post_type=1; gender=2)")
    assert a == parse("count(gender=2;post_type=1 ;  status=1)")
    assert isinstance(a, Count)
    assert a.condition("teacher.gender") == frozenset({"2"})
    assert a.condition("teacher.ethnicity") is None


def test_ranges_are_inclusive_whole_years() -> None:
    assert parse("count(status=1; age<35)") == parse("count(status=1; age<=34)")
    assert parse("count(status=1; age>50)") == parse("count(status=1; age>=51)")
    c = parse("count(status=1; age=30..44)")
    assert isinstance(c, Count) and c.condition("teacher.age") == Range(30, 44)
    assert parse("count(status=1; years=20)") == parse("count(status=1; years>=20; years<=20)")


def test_a_negation_is_the_complement_within_the_code_list() -> None:
    assert parse("count(status=1; education=11|14|21|31)") == parse("count(status=1; education!=41|61|71)")
    # The gender list also holds 0 (unknown) and 9 (not stated): "not male" is not "female".
    assert parse("count(status=1; gender!=1)") == parse("count(status=1; gender=0|2|9)")
    assert parse("count(status=1; gender!=1)") != parse("count(status=1; gender=2)")
    non_han = parse("count(status=1; ethnicity!=01)")
    assert isinstance(non_han, Count) and non_han.condition("teacher.ethnicity") == CODES["teacher.ethnicity"] - {"01"}


def test_conditions_on_one_field_intersect() -> None:
    assert parse("count(status=1; age>=30; age<45)") == parse("count(status=1; age=30..44)")
    assert parse("count(status=1; education=11|14|21; education=21|31)") == parse("count(status=1; education=21)")


def test_a_condition_that_allows_everything_is_no_condition() -> None:
    assert parse("count(status=1; gender=0|1|2|9)") == parse("count(status=1)")
    assert parse("count(status=1; age>=0)") == parse("count(status=1)")


def test_counts_nobody_can_satisfy_are_one_value() -> None:
    assert parse("count(status=1; age<30; age>40)") == Count.empty()
    assert parse("count(status=1; education=11; education=14)") == Count.empty()
    assert parse("count(status=1; years<0)") == Count.empty()


@pytest.mark.parametrize("text", [
    "count(status=1; colour=2)",            # no such field
    "count(status=1; gender=3)",            # no such code
    "count(status=1; education=11|)",       # empty code
    "count(status=1; age!=30)",             # ranges take no negation
    "count(status=1; gender<2)",            # codes take no order
    "count(status=1; age=thirty)",
    "count(status=1; age=44..)",
    "field(school.ft_teachers)",            # an indicator is a count, not a stored value
    "field(school.colour)",
    "field(teacher.school)",
    "unknown",
    "count(status=1",
])
def test_what_is_not_the_notation_is_refused(text: str) -> None:
    with pytest.raises(DslError):
        parse(text)


# --- the service's definition JSON and the dictionary's keys --------------------------------


EXAMPLE: dict[str, Any] = {  # the example of docs/definitions.md
    "entity": "school", "measure": "count", "field": None,
    "filters": [
        {"field": "teacher.status", "in": ["1"]}, {"field": "teacher.post_type", "in": ["1"]},
        {"field": "teacher.gender", "in": ["2"]}, {"field": "teacher.ethnicity", "not_in": ["01"]},
        {"field": "teacher.age", "min": None, "max": 34},
        {"field": "teacher.teaching_years", "min": 20, "max": None},
    ],
    "words": {"zh": "…", "en": "…"},
}


def test_the_definition_json_reads_as_the_notation() -> None:
    assert from_definition(EXAMPLE) == parse(
        "count(status=1; post_type=1; gender=2; ethnicity!=01; age<35; years>=20)")
    assert from_definition(None) is None
    with_nulls = {**EXAMPLE, "filters": [{"in": None, "not_in": None, "min": None, "max": None, **f} for f in EXAMPLE["filters"]]}
    assert from_definition(with_nulls) == from_definition(EXAMPLE)
    assert from_definition({"entity": "teacher", "measure": "value", "field": "teacher.age"}) == Value("teacher.age")


@pytest.mark.parametrize("bad", [
    {"entity": "teacher", "measure": "count", "filters": []},
    {"entity": "school", "measure": "count", "filters": [{"field": "teacher.colour", "in": ["1"]}]},
    {"entity": "school", "measure": "value", "field": None},
    {"entity": "school", "measure": "sum"},
])
def test_a_malformed_definition_is_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(DslError):
        from_definition(bad)


def test_a_dictionary_key_names_its_definition() -> None:
    assert from_key("school.ft_teachers.age.25_29") == parse("count(status=1; post_type=1; age=25..29)")
    assert from_key("school.ft_teachers.age.ge60") == parse("count(status=1; post_type=1; age>=60)")
    assert from_key("school.ft_teachers.title.first") == parse("count(status=1; post_type=1; title=3)")
    assert from_key("school.staff") == parse("count(status=1)")
    assert from_key("school.staff.establishment.contract") == parse("count(status=1; establishment=2)")
    assert from_key("school.address") == Value("school.address")
    assert from_key("teacher.gender") == Value("teacher.gender")
    assert from_key("school.c_0123456789") is None
    assert from_key(None) is None


# --- properties: the canonical form is a normal form -----------------------------------------

CODE_KEYS = sorted(CODES)
RANGE_KEYS = sorted(SHORT)
AGES = range(0, 131)  # whole years a person can be old, or have taught


@st.composite
def raw_condition(draw: st.DrawFn, key: str | None = None) -> tuple[str, str, str]:
    """One condition as a department's definition may state it: (field key, operator, right side)."""
    key = key or draw(st.sampled_from(CODE_KEYS + RANGE_KEYS))
    if key in SHORT:
        op = draw(st.sampled_from(["<", "<=", ">", ">=", "=", ".."]))
        a = draw(st.integers(0, 100))
        if op == "..":
            return key, "=", f"{a}..{draw(st.integers(0, 100))}"
        return key, op, str(a)
    codes = sorted(CODES[key])
    chosen = draw(st.lists(st.sampled_from(codes), min_size=1, max_size=len(codes), unique=True))
    return key, draw(st.sampled_from(["=", "!="])), "|".join(chosen)


def text_of(conds: list[tuple[str, str, str]]) -> str:
    return "count(" + "; ".join(f"{name_of(k)}{op}{rhs}" for k, op, rhs in conds) + ")"


def allowed(key: str, op: str, rhs: str) -> frozenset[str] | frozenset[int]:
    """The values of one field a raw condition lets through, computed without the parser."""
    if key in SHORT:
        if op == "=":
            lo, _, hi = rhs.partition("..")
            return frozenset(a for a in AGES if int(lo) <= a <= int(hi or lo))
        n = int(rhs)
        test = {"<": n.__gt__, "<=": n.__ge__, ">": n.__lt__, ">=": n.__le__}[op]
        return frozenset(a for a in AGES if test(a))
    codes = frozenset(rhs.split("|"))
    return codes if op == "=" else CODES[key] - codes


def canonical_allows(c: Constraint | None, key: str) -> frozenset[str] | frozenset[int]:
    if c is None:
        return frozenset(AGES) if key in SHORT else CODES[key]
    if isinstance(c, Range):
        return frozenset(a for a in AGES if (c.min is None or a >= c.min) and (c.max is None or a <= c.max))
    return c


def meaning(conds: list[tuple[str, str, str]]) -> dict[str, frozenset[str] | frozenset[int]] | None:
    """Per field, the values a teacher may have to be counted; None when nobody can be."""
    out: dict[str, Any] = {}
    for k, op, rhs in conds:
        out[k] = out.get(k, canonical_allows(None, k)) & allowed(k, op, rhs)
    if any(not v for v in out.values()):
        return None
    return {k: v for k, v in out.items() if v != canonical_allows(None, k)}


def canonical_meaning(c: Count) -> dict[str, frozenset[str] | frozenset[int]] | None:
    if c.unsatisfiable:
        return None
    return {k: canonical_allows(v, k) for k, v in c.conditions}


conditions = st.lists(raw_condition(), min_size=1, max_size=6)


@given(conditions)
def test_the_canonical_form_keeps_the_meaning(conds: list[tuple[str, str, str]]) -> None:
    c = parse(text_of(conds))
    assert isinstance(c, Count)
    assert canonical_meaning(c) == meaning(conds)


@given(conditions, st.randoms())
def test_order_does_not_matter(conds: list[tuple[str, str, str]], rnd: Any) -> None:
    shuffled = list(conds)
    rnd.shuffle(shuffled)
    assert parse(text_of(shuffled)) == parse(text_of(conds))


@given(st.sampled_from(CODE_KEYS).flatmap(lambda k: st.tuples(st.just(k), raw_condition(k))))
def test_a_negation_round_trips_through_its_complement(pair: tuple[str, tuple[str, str, str]]) -> None:
    key, (_, op, rhs) = pair
    rest = sorted(CODES[key] - frozenset(rhs.split("|")))
    if rest:  # "none of every code" is not a condition anyone writes
        other = "!=" if op == "=" else "="
        assert parse(text_of([(key, op, rhs)])) == parse(text_of([(key, other, "|".join(rest))]))


@given(st.sampled_from(RANGE_KEYS), st.integers(1, 100))
def test_strict_and_inclusive_bounds_agree(key: str, n: int) -> None:
    name = name_of(key)
    assert parse(f"count({name}<{n})") == parse(f"count({name}<={n - 1})")
    assert parse(f"count({name}>{n})") == parse(f"count({name}>={n + 1})")


@given(conditions, conditions)
def test_equal_meanings_and_only_they_give_equal_forms(a: list[tuple[str, str, str]], b: list[tuple[str, str, str]]) -> None:
    assert (parse(text_of(a)) == parse(text_of(b))) == (meaning(a) == meaning(b))


@given(conditions)
def test_rendering_reads_back_the_same(conds: list[tuple[str, str, str]]) -> None:
    c = parse(text_of(conds))
    if isinstance(c, Count) and not c.unsatisfiable:
        assert parse(render(c)) == c


def definition_of(conds: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The same conditions written as the service's definition JSON."""
    filters: list[dict[str, Any]] = []
    for k, op, rhs in conds:
        if k in SHORT:
            if op == "=":
                lo, _, hi = rhs.partition("..")
                filters.append({"field": k, "min": int(lo), "max": int(hi or lo)})
            else:
                n = int(rhs)
                bounds = {"<": (None, n - 1), "<=": (None, n), ">": (n + 1, None), ">=": (n, None)}[op]
                filters.append({"field": k, "min": bounds[0], "max": bounds[1]})
        else:
            filters.append({"field": k, "in" if op == "=" else "not_in": rhs.split("|")})
    return {"entity": "school", "measure": "count", "field": None, "filters": filters}


@given(conditions)
def test_the_definition_json_and_the_notation_agree(conds: list[tuple[str, str, str]]) -> None:
    assert from_definition(definition_of(conds)) == parse(text_of(conds))
