"""Who works at the school is counted whatever population the question names; how long one has
worked, or work of a kind, is not teaching."""

from __future__ import annotations

from tests.domain.test_semantics import misread


def test_staff_of_any_post_who_work_at_the_school_are_counted() -> None:
    assert misread("Staff questionnaire", "school", [
        ([], "How many administrative staff work at the school?", "status=1;post_type=2"),
        ([], "How many support staff work in this school?", "status=1;post_type=3"),
        ([], "How many female teachers work at the school?", "FT;gender=2"),
        ([], "How many teachers under 30 work at your school?", "FT;age=..29"),
    ]) == []


def test_how_long_or_how_one_works_stays_new() -> None:
    for wording in ["How many teachers have worked at the school for more than 10 years?",
                    "How many staff work part-time at the school?",
                    "How many retired teachers still work at the school?",
                    "How many hours do administrative staff work at the school each week?",
                    "您在本校工作了几年？"]:
        assert misread("Staff questionnaire", "school", [([], wording, None)]) == [], wording
