"""Rounds 51 to 54's lessons, in wordings of our own: a header naming people only as persons under a
title naming whom, the title's breakdown by the post one is appointed to, a table of a structure's
proportions, a school's main campus (not said to be what the records hold), a column taking in other
units than the school, codes of rows and columns printed in headers (by the heavenly stems, after a
wide space, in a bracket, with the page), a column's sum, the sector below the universities, a subject's
older name, "your school" before its teachers' years of teaching, retired people by the post they held;
and from round 53's English tables: row and column codes ("Line 01", "Col. (1)"), sums of items, staff
words of other returns."""

from __future__ import annotations

from tests.domain.test_semantics import misread

FT = "status=1;post_type=1"


def test_persons_under_a_title_naming_whom_are_those_people() -> None:
    assert misread("乡村专任教师队伍情况统计", "school", [
        (["实有人员"], "合计", FT),
        (["实有人员"], "其中：女", f"{FT};gender=2"),
        (["在册人员按职称分"], "一级教师", f"{FT};title=3"),
    ]) == []


def test_persons_under_a_title_naming_no_one_are_the_staff() -> None:
    assert misread("2026年秋季统计", "school", [(["现有人员"], "合计", "status=1")]) == []


def test_the_post_one_is_appointed_to_is_the_professional_title() -> None:
    assert misread("专任教师情况", "school", [
        (["按聘任职务分"], "高级教师", f"{FT};title=2"),
        (["按聘任职务分"], "二级教师", f"{FT};title=4"),
    ]) == []
    assert misread("教职工名单", "roster", [([], "现聘职务", "teacher.title")]) == []


def test_a_table_of_a_structures_proportions_counts_whom_its_title_names() -> None:
    assert misread("全校专任教师学历结构比例统计表", "school", [
        ([], "合计", FT),
        ([], "硕士研究生", f"{FT};education=14"),
    ]) == []


def test_the_schools_main_campus_is_not_said_to_be_what_the_records_hold() -> None:
    # The records of a 中心校 may hold its teaching points' staff or not: its 本部 alone is not said.
    assert misread("中心学校教职工情况", "school", [
        (["学校本部"], "专任教师", None),
        (["学校本部"], "教职工", None),
    ]) == []


def test_a_column_taking_in_other_units_than_the_school_is_not_its_records() -> None:
    assert misread("中心学校教职工情况", "school", [
        (["合计（含所属教学点）"], "专任教师", None),
        (["总计（不含教学点）"], "教职工", "status=1"),
    ]) == []


def test_a_stem_code_in_a_bracket_is_the_columns_code() -> None:
    assert misread("教职工编制使用情况", "school", [
        (["在编实有人数（丙）"], "合计", "status=1;establishment=1"),
        (["在编实有人数（丙）"], "其中：工勤人员", "status=1;establishment=1;post_type=4"),
    ]) == []


def test_your_school_before_years_of_teaching_says_whose_years() -> None:
    assert misread("学校问卷", "school", [([], "5、贵校教龄满25年的专任教师___人", f"{FT};years=25..")]) == []
    assert misread("学校问卷", "school", [([], "在本校任教满5年的专任教师", None)]) == []


def test_a_headers_row_code_page_or_bracketed_figure_is_no_part_of_its_wording() -> None:
    assert misread("专任教师职称情况（共3页）", "school", [
        (["第2页", "一级\u30003"], "专任教师\u3000\u300001", f"{FT};title=3"),
        (["专任教师职称情况　第3页", "二级\u30004"], "其中：女\u3000\u300002", f"{FT};title=4;gender=2"),
    ]) == []
    assert misread("专任教师年龄情况", "school", [
        (["合计（1）"], "40-44岁", f"{FT};age=40..44"),
        (["其中：女（2）"], "40-44岁", f"{FT};age=40..44;gender=2"),
    ]) == []
    assert misread("初中专任教师任教课程情况", "school", [
        (["物理\u3000行次05"], "专任教师数", f"{FT};subject=04"),
        (["物理\u3000行次05"], "其中：女", f"{FT};subject=04;gender=2"),
    ]) == []


def test_a_columns_sum_in_a_bracket_and_a_code_spaced_off_a_figure() -> None:
    assert misread("教职工情况", "school", [
        (["教辅人员　04"], "计（4=5+6）", "status=1;post_type=3"),
        ([], "栏7　55岁及以上", "status=1;age=55.."),
    ]) == []


def test_the_schools_below_the_universities_are_a_sector_not_an_education() -> None:
    assert misread("非高等教育教學人員統計表", "school", [([], "教學人員—女", f"{FT};gender=2")]) == []
    assert misread("统计表", "school", [([], "非高等教育学历的专任教师", f"{FT};education=41,61,71")]) == []


def test_a_subjects_older_name_is_the_subject() -> None:
    assert misread("小学专任教师任教课程情况", "school", [(["品德与生活"], "专任教师数", f"{FT};subject=09")]) == []


def test_retired_people_by_the_post_they_held() -> None:
    assert misread("学校离退休教职工情况", "school", [
        ([], "总计", "status=2"),
        (["按原岗位分"], "原专任教师", "status=2;post_type=1"),
        (["按离退休前岗位分"], "原工勤人员", "status=2;post_type=4"),
    ]) == []
    assert misread("教职工情况", "school", [([], "退休前为行政人员的", "status=2;post_type=2")]) == []
    # Former teachers outside a table of retired people may be in another post now: not said.
    assert misread("教职工情况", "school", [([], "原专任教师", None)]) == []


def test_a_headers_row_code_inside_a_flattened_path() -> None:
    assert misread("专任教师学历与职称交叉表", "school", [
        ([], "本科　02-一级", f"{FT};education=21;title=3"),
        ([], "专科　03|二级", f"{FT};education=31;title=4"),
    ]) == []


def test_english_row_and_column_codes_before_their_wordings_and_sums_after() -> None:
    assert misread("Annual Census — Form 6: Teachers by age and sex (Lines 01–06)", "school", [
        (["Col. (2) Female"], "Line 03  40 – 49 yrs", f"{FT};gender=2;age=40..49"),
        (["Col. (3) Total (1)+(2)"], "Line 06  Total (Lines 01 to 05)", FT),
    ]) == []
    assert misread("Staffing return", "school", [([], "C5. Total teachers (C1+C2+C3+C4)", FT)]) == []


def test_english_staff_words_of_other_returns() -> None:
    assert misread("Staff return", "school", [
        ([], "Educational aides", "status=1;post_type=3"),
    ]) == []
    assert misread("Staff return", "school", [([], "Total teaching staff (all cadre grades)", FT)]) == []


def test_a_header_below_a_level_beside_a_header_of_that_level_leaves_it_out() -> None:
    assert misread("专任教师学历与职称交叉表", "school", [
        (["大学本科（栏5）"], "一级", f"{FT};education=21;title=3"),
        (["大学本科以下（栏6）"], "一级", f"{FT};education=31,41,61,71;title=3"),
    ]) == []
    # Alone, "以下" may take the level in or leave it out: not said.
    assert misread("专任教师学历与职称交叉表", "school", [(["大学本科以下"], "一级", None)]) == []


def test_a_unified_base_form_its_part_codes_and_indicator_codes() -> None:
    # Round 55: the "一表通" a province sends instead of many forms, its part's code ("M", "B03") and each
    # indicator's code with its item ("A05-2"); the highest education counts what was obtained in service.
    assert misread("一表通 M 专任教师队伍情况（单位：人）", "school", [
        ([], "合计", FT),
        ([], "A05-2 其中：女", f"{FT};gender=2"),
        (["C0302 按最高学历分（含在职取得）"], "大学本科", f"{FT};education=21"),
    ]) == []
