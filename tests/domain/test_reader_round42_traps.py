"""Wordings of our own that round 42's rules would read wrongly: a first sentence naming whom a table
counts, a breakdown by an event or an amount, letters beside "T" that are not sexes, a title defining
"T" itself, and one value in a bracket after a word for people rather than before a thing of theirs."""

from __future__ import annotations

from tests.domain.test_reader_known_faults import each
from tests.domain.test_semantics import misread

FT = "status=1;post_type=1"


def test_a_first_sentence_naming_people_is_not_dropped_as_a_code() -> None:
    assert misread("Newly appointed staff. Teachers by sex", "school", [(["Total"], "Female", None)]) == []
    assert misread("Form B. Teachers by sex", "school", [(["Total"], "Female", f"{FT};gender=2")]) == []


def test_a_breakdown_by_an_event_or_an_amount_is_not_of_the_people_held() -> None:
    assert misread("Teachers by reason for leaving, age and sex", "school", [(["Under 30"], "Female", None)]) == []
    assert misread("Teachers by mean salary band and sex", "school", [(["Under 30"], "Female", None)]) == []


def test_t_is_no_total_beside_letters_that_are_not_sexes_or_when_the_title_defines_it() -> None:
    assert misread("Teachers by contract and sex", "school", [
        (["P"], "F", None),
        (["T"], "F", None),  # "P" beside it: temporary, not the total
    ]) == []
    assert misread("Teachers by contract and sex (P = permanent; T = temporary)", "school", [
        (["T"], "F", f"{FT};establishment=2;gender=2"),
        (["P"], "M", f"{FT};establishment=1;gender=1"),
    ]) == []


def test_one_value_in_a_bracket_after_a_word_for_people_is_no_gloss() -> None:
    assert each("Staff return", "school", [
        ([], "Former (permanent) teachers", None),
        ([], "Visiting (permanent) teachers", None),
        ([], "Teachers on leave (female)", None),
        ([], "Teachers on sessional (temporary) contracts", f"{FT};establishment=2"),
    ]) == []
