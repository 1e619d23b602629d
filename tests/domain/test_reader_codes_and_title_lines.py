"""Tables printed with their rows' and columns' codes, and titles printed over lines, in wordings of our
own: a column's code before or after its wording ("栏3 本科", "硕士（第4栏）") and a note naming it by
that code, a bare figure or a 甲乙丙 code spaced off a row's wording ("4 专任教师"), a row code before
"#" marks, a title's second line of notes, a title's bracket restating an age's bound, a title's second
subject that is a projection, a header defined by the values its bracket lists, and a document a
school's particulars are copied from."""

from __future__ import annotations

from service.domain.semantics.text import numbering, row_code_off
from tests.domain.test_semantics import misread

FT = "status=1;post_type=1"


def test_a_column_named_by_its_code_is_the_one_a_note_names() -> None:
    assert misread("表ZC-2 专任教师学历情况（单位：人）", "school", [
        ([], "栏1 总计", FT),
        ([], "栏3 本科", f"{FT};education=21"),
        ([], "栏5（注：栏3中的男性）", f"{FT};education=21;gender=1"),
    ]) == []
    assert misread("专任教师学历情况", "school", [
        ([], "总计（第1栏）", FT),
        ([], "硕士（第4栏）", f"{FT};education=14"),
        ([], "第6栏（注：第4栏中的女性）", f"{FT};education=14;gender=2"),
    ]) == []


def test_a_code_alone_or_a_page_is_no_column() -> None:
    assert misread("专任教师学历情况", "school", [([], "栏7", None)]) == []
    assert misread("专任教师学历情况", "school", [([], "第2页 本科", f"{FT};education=21")]) == []


def test_a_figure_spaced_off_a_rows_wording_is_its_code() -> None:
    assert misread("教职工编制情况表", "school", [
        ([], "乙 学校名称", "school.name"),
        (["实有人数"], "1 合计", "status=1"),
        (["实有人数"], "4 专任教师", FT),
        ([], "栏9（注：栏4中的在编人员）", f"{FT};establishment=1"),
    ]) == []


def test_a_figure_before_a_unit_is_a_quantity_not_a_code() -> None:
    assert numbering("5 年以下教龄") == ""
    assert numbering("3 所学校") == ""
    assert numbering("7 行政人员").strip() == "7"


def test_a_row_code_before_level_marks() -> None:
    assert misread("教育系统人员情况（基层表）", "school", [
        (["本期"], "11 教职工", "status=1"),
        (["本期"], "12 #专任教师", FT),
        (["本期"], "13 ##男", f"{FT};gender=1"),
    ]) == []


def test_a_titles_notes_on_a_line_of_their_own() -> None:
    assert misread("专任教师分职称情况\n计量单位：人；行为职称，列为性别；合计行在前", "school", [
        (["合计"], "合计", FT),
        (["一级教师"], "女", f"{FT};title=3;gender=2"),
    ]) == []


def test_a_titles_bracket_restating_an_ages_bound() -> None:
    assert misread("40周岁以下专任教师学历情况（含40周岁）", "school", [
        ([], "合计", f"{FT};age=..40"),
        ([], "本科", f"{FT};age=..40;education=21"),
    ]) == []


def test_a_titles_second_subject_naming_no_one() -> None:
    assert misread("在编专任教师职称结构及三年补充计划表", "school", [
        (["职称结构"], "高级教师", f"{FT};establishment=1;title=2"),
    ]) == []
    # A second subject naming people of its own leaves the title to say both.
    assert misread("专任教师及工勤人员情况", "school", [([], "其中：女", "status=1;post_type=1,4;gender=2")]) == []


def test_a_header_defined_by_the_values_its_bracket_lists() -> None:
    assert misread("专任教师分学科情况", "school", [
        (["理科（物理、化学、生物）"], "合计", f"{FT};subject=04,05,06"),
        (["理科（物理、化学、生物）"], "其中：女", f"{FT};subject=04,05,06;gender=2"),
    ]) == []


def test_a_schools_particulars_as_on_its_licence() -> None:
    assert misread("Private school return", "school", [
        ([], "Name of school (as shown on the school licence)", "school.name"),
    ]) == []
    assert misread("中心校及教学点情况", "school", [([], "中心校名称", "school.name")]) == []


def test_a_header_over_its_own_kinds_is_their_group() -> None:
    # "高级" alone is one title; over "正高级" and "副高级" it is both, and its "小计" sums them.
    assert misread("专任教师职称与年龄情况", "school", [
        (["高级", "小计"], "计", f"{FT};title=1,2"),
        (["高级", "正高级"], "计", f"{FT};title=1"),
        (["高级", "副高级"], "计", f"{FT};title=2"),
        (["二级"], "计", f"{FT};title=4"),
    ]) == []
    assert misread("专任教师职称情况", "school", [(["高级"], "计", f"{FT};title=2"), (["一级"], "计", f"{FT};title=3")]) == []


def test_pinyin_glossing_an_english_word_and_instructions_after_a_question() -> None:
    assert misread("Staff survey", "roster", [([], "Q4. Which ethnic group (minzu) are you?", "teacher.ethnicity")]) == []
    # An English word that happens to spell pinyin is no gloss: "(women)" still says whom.
    assert misread("Staff survey", "school", [([], "Teachers (women)", f"{FT};gender=2")]) == []
    assert misread("School questionnaire", "school", [
        (["How many teachers are in your school? Include those on leave.", "Full-time"], "Teachers with a doctorate",
         f"{FT};education=11"),
    ]) == []


def test_a_tables_pages_and_a_bracket_naming_whom_by_what() -> None:
    assert misread("专任教师年龄情况", "school", [
        (["续表 第3页 共3页", "专任（续）", "按年龄分"], "56岁及以上", f"{FT};age=56.."),
    ]) == []
    assert misread("初中学科教师配备表（按主要任教学科统计专任教师）", "school", [
        (["数学"], "人数", f"{FT};subject=02"),
        (["物理"], "合计", f"{FT};subject=04"),
    ]) == []


def test_an_of_which_said_with_the_word_for_any_staff_refines_the_total() -> None:
    assert misread("教职工情况", "school", [
        (["专任教师"], "合计", FT),
        (["专任教师"], "其中：聘用人员", f"{FT};establishment=2"),
    ]) == []
    assert misread("Staff return", "school", [
        (["Full-time teachers"], "Total", FT),
        (["Full-time teachers"], "Of which: female staff", f"{FT};gender=2"),
    ]) == []
    # A post's word is whom it counts, not a trait of the total above.
    assert misread("教职工情况", "school", [([], "教职工合计", "status=1"), ([], "其中：工勤人员", "status=1;post_type=4")]) == []


def test_a_stage_taught_is_no_level_of_schooling() -> None:
    assert misread("中学专任教师职称情况（分初中、高中学段）", "school", [
        (["合计"], "初中", None),
        (["合计"], "高中", None),
        (["一级教师"], "合计", f"{FT};title=3"),
    ]) == []
    assert misread("专任教师学历情况", "school", [([], "高中", f"{FT};education=61")]) == []


def test_a_row_code_printed_after_its_wording() -> None:
    assert misread("中学教职工情况", "school", [
        (["合计（栏1）"], "教职工合计\u300001", "status=1"),
        (["合计（栏1）"], "行政人员\u300003", "status=1;post_type=2"),
        (["其中：女（栏2）"], "专任教师 02", f"{FT};gender=2"),
    ]) == []
    # A number with its unit after a wording is no row code.
    assert row_code_off("专任教师 55岁") == "专任教师 55岁"
    assert row_code_off("专任教师　02（人）") == "专任教师（人）"


def test_a_title_in_parts_set_apart_by_wide_spaces_is_its_last_part_that_reads() -> None:
    assert misread("XX市教育事业统计年报（补充表二）\u3000在编专任教师分职称情况\u3000计量单位：人", "school", [
        (["计"], "一级", f"{FT};establishment=1;title=3"),
    ]) == []
