"""Wordings a review of the reader found read wrongly: a comparison sign taken for a header path, a
roster's column of two fields read as one, abbreviations spelled out where they mean something
else, and 中高级 after the people it counts, which reads two ways."""

from __future__ import annotations

from tests.domain.test_semantics import FT, count, key, read_form


def test_a_comparison_sign_bounds_a_range_and_parts_no_headers() -> None:
    assert read_form([{"label": "专任教师年龄>50岁"}]) == [count(f"{FT};age=51..")]
    assert read_form([{"label": "Full-time teachers aged > 55"}]) == [count(f"{FT};age=56..")]
    assert read_form([{"label": "教龄>30年的专任教师"}]) == [count(f"{FT};years=31..")]


def test_a_roster_column_naming_two_fields_is_no_path_of_headers() -> None:
    assert read_form([{"label": "性别|民族", "type": "text"}], level="roster") == [None]
    assert read_form([{"label": "Gender|Age", "type": "text"}], level="roster") == [None]
    assert read_form([{"label": "男|女", "type": "enum"}], level="roster") == ["teacher.gender"]


def test_short_forms_spelled_out_only_where_the_words_around_them_say_which() -> None:
    assert key("Sr.", level="roster") is None  # a column of serial numbers
    assert key("Sr. #", level="roster") is None
    assert key("P/T ratio") is None  # pupils per teacher
    assert key("Exp.", level="roster") is None
    assert key("Sr. teachers") == count(f"{FT};title=2")


def test_zhong_gaoji_after_the_people_counted_is_asked_not_guessed() -> None:
    assert key("专任教师中高级教师人数") is None
    assert key("专任教师中，高级教师人数") == count(f"{FT};title=2")  # among them, set apart by the comma
    assert key("专任教师中:高级教师人数") == count(f"{FT};title=2")
