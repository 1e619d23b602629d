"""The agreement of counts on a submitted form, as properties: a part never exceeds its total, and
the parts that split a total by one field add up to it when they cover every value of the field.
Each example checks the rule twice, so a remembered plan of the form's counts must judge it as the
first working-out did."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from service.domain.dictionary import dictionary
from service.domain.forms import _cross_field, _Final
from service.store.tables import FormItem

TOTAL = "school.ft_teachers"
GENDER = ("school.ft_teachers.gender.male", "school.ft_teachers.gender.female")
TITLES = tuple(f"school.ft_teachers.title.{t}" for t in ("senior_professor", "senior", "first", "second", "third",
                                                       "unranked"))
count = st.integers(0, 60)


def _problems(values: dict[str, int | None]) -> list[tuple[str, str]]:
    answers = [_Final(FormItem(form_id="f", entity_id="2431000001", key=k, classification="prefill_store"),
                      None if v is None else str(v), "confirm", None) for k, v in values.items()]
    first = [(p.code or "", str(p.loc[-1])) for p in _cross_field(answers, dictionary())]
    again = [(p.code or "", str(p.loc[-1])) for p in _cross_field(list(reversed(answers)), dictionary())]
    assert sorted(first) == sorted(again)
    return first


@given(count, count, count)
def test_male_and_female_add_up_to_the_total_and_neither_exceeds_it(total: int, male: int, female: int) -> None:
    found = _problems({TOTAL: total, GENDER[0]: male, GENDER[1]: female})
    where = f"2431000001/{TOTAL}"
    assert (("breakdown_sum", where) in found) == (male + female < total)
    assert (("breakdown_exceeds", where) in found) == (male + female > total)
    for key, n in zip(GENDER, (male, female), strict=True):
        assert (("breakdown_exceeds", f"2431000001/{key}") in found) == (n > total)


@given(count, st.lists(st.one_of(st.none(), count), min_size=len(TITLES), max_size=len(TITLES)))
def test_titles_answered_in_part_never_exceed_the_total_and_must_add_up_only_when_all_are_there(
        total: int, titles: list[int | None]) -> None:
    found = _problems({TOTAL: total, **dict(zip(TITLES, titles, strict=True))})
    given_ = [n for n in titles if n is not None]
    where = f"2431000001/{TOTAL}"
    assert (("breakdown_exceeds", where) in found) == (len(given_) >= 2 and sum(given_) > total)
    assert (("breakdown_sum", where) in found) == (len(given_) == len(TITLES) and sum(given_) < total)


@given(count, count)
def test_counts_without_a_total_are_not_checked_against_each_other(male: int, female: int) -> None:
    assert _problems({GENDER[0]: male, GENDER[1]: female}) == []
