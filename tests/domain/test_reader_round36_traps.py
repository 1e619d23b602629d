"""Traps for the rules of round 36 (a merged header joined with a unit, a school's fact under someone else's
header, a flattened path's "其中", a field naming its people whole under a title's topic), in wordings of our
own: a unit of things counted is no value's unit, a header over people joined with "a kind" is no number of
them, a header's bracketed aside says nothing of whose the column is, a "其中" after a column left new is new
too, a title naming a trait of its people still draws every count of its table from them, and "（各岗位）"
after a Chinese post category is that category."""

from __future__ import annotations

from tests.domain.test_semantics import misread, read_form

FT = "status=1;post_type=1"


def test_a_unit_of_things_counted_under_a_schools_fact_is_no_wording_of_that_fact() -> None:
    # "校址 / 个" is how many sites the school has, not its address; a unit of time still joins its header.
    assert misread("学校基本情况", "school", [(["校址"], "个", None)]) == []
    assert misread("学校基本情况", "school", [(["学校地址"], "个", None)]) == []
    assert misread("教师名册", "roster", [(["教龄"], "年", "teacher.teaching_years")]) == []


def test_a_header_over_people_joined_with_a_kind_is_no_number_of_them() -> None:
    # "学生 / 类别" asks which kind of pupils, not how many; the school's own particulars still join.
    assert misread("学校基本情况", "school", [(["学生"], "类别", None)]) == []
    assert misread("School census", "school", [(["Pupils"], "Type", None)]) == []
    assert misread("School census", "school", [(["School"], "Category", "school.school_type")]) == []


def test_a_headers_bracketed_aside_does_not_say_whose_the_column_is() -> None:
    # Who fills the section in is no owner of its facts; a contact person named with an aside still is.
    got = read_form([{"headers": ["Part A: About the school (filled in by the contact person)"], "label": "School name", "type": "text"},
                     {"headers": ["Part A: About the school (filled in by the contact person)"], "label": "Postal address",
                      "type": "text"}], title="Annual school return")
    assert got == ["school.name", "school.address"]
    assert read_form([{"headers": ["Contact person (head or deputy head)"], "label": "Name", "type": "text"}],
                     title="Annual school return") == [None]
    assert read_form([{"headers": ["联系人（校长或分管副校长）"], "label": "姓名", "type": "text"}], title="学校年报") == [None]


def test_of_which_in_a_flattened_path_after_a_column_left_new_is_new() -> None:
    # Printed under the headers, "其中：女" after a column the records do not hold is among those people;
    # run into a path it is the same, never the total two columns up.
    flat = [{"label": "四、教师-专任教师数"}, {"label": "四、教师-支教教师"}, {"label": "四、教师-其中：女"}]
    nested = [{"headers": ["四、教师"], "label": "专任教师数"}, {"headers": ["四、教师"], "label": "支教教师"},
              {"headers": ["四、教师"], "label": "其中：女"}]
    assert read_form(flat, title="教师情况") == read_form(nested, title="教师情况") == ["school.ft_teachers", None, None]


def test_a_title_naming_a_trait_of_its_people_still_narrows_a_field_naming_them_whole() -> None:
    # A table about its women, its minority or its young teachers counts them in every cell; only a subject's
    # staffing return prints the whole teaching staff beside its subject's teachers.
    assert misread("女教职工基本情况表", "school", [(["专任教师"], "专任教师数", f"{FT};gender=2")]) == []
    assert misread("少数民族教师情况表", "school", [(["专任教师"], "专任教师数", f"{FT};ethnicity!=01"),
                                           (["专任教师"], "其中：女", f"{FT};ethnicity!=01;gender=2")]) == []
    assert misread("Women in the teaching workforce", "school", [(["Teachers"], "Total teachers", f"{FT};gender=2")]) == []
    assert misread("中小学音乐教师配备情况统计表", "school", [(["二、专任教师情况"], "专任教师总数", FT)]) == []


def test_every_post_of_a_chinese_post_category_is_that_category() -> None:
    # "（各岗位）" after 工勤人员 takes in each of its posts and nothing wider; after the English umbrella word
    # "Support staff" the bracket may still mean every role but teaching.
    assert misread("教职工岗位情况", "school", [([], "工勤人员（各岗位）", "status=1;post_type=4")]) == []
    assert misread("Staff census", "school", [([], "Support staff (all types)", None)]) == []
