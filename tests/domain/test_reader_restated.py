"""A rank said twice, by two of its names, is one rank: the bound after the second name is of it.
On the establishment and off it ("编内外") is everyone, not those off it."""

from __future__ import annotations

from tests.domain.test_semantics import FT, count, read_form


def _one(wording: str) -> str | None:
    return read_form([{"label": "教职工数"}, {"label": wording}])[1]


def test_a_rank_named_again_in_a_bracket_keeps_the_bound_after_it() -> None:
    assert _one("专任教师：高级（副高级）及以上") == count(f"{FT};title=1,2")
    assert _one("专任教师中已评一级（中级）及以上的人数") == count(f"{FT};title=1,2,3")
    assert _one("专任教师硕士研究生（硕士）及以上") == count(f"{FT};education=11,14")
    # Without a bound the bracket changed nothing before, and changes nothing now.
    assert _one("专任教师一级（中级）") == _one("专任教师一级")


def test_a_bracket_naming_another_rank_is_not_taken_for_a_second_name() -> None:
    # 二级 is no other name of 一级: nothing is dropped, so the wording is not read as 一级及以上.
    assert _one("专任教师一级（二级）及以上") != count(f"{FT};title=1,2,3")


def test_on_and_off_the_establishment_is_everyone() -> None:
    workers = _one("工勤人员")
    assert workers is not None
    assert _one("工勤人员（编内外合计）") == workers
    assert _one("编制内外工勤人员") == workers
    assert _one("编外工勤人员") == count("post_type=4;status=1;establishment=2")
