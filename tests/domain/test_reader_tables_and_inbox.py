"""Statistical tables and a principal's inbox, in wordings of our own: a title naming the schools it is
for before a trait of whom it counts ("小学女专任教师…"), a yearbook's "Academic Credentials", a table's
continuation ("续表", "（续）") and its appendix ("附："), a header naming only the records its numbers
follow, a term split by a tiling that reads several ways ("type of contract"), the issuer of a school's
code when it is the education authority, staff and students together, a section's heading run into its
first item ("二、师资配备 1.专任教师总数"), and the post one works in."""

from __future__ import annotations

from tests.domain.test_reader_known_faults import each
from tests.domain.test_semantics import misread

FT = "status=1;post_type=1"


def test_a_title_naming_its_schools_before_a_trait_of_whom_it_counts() -> None:
    assert misread("小学女专任教师学历、年龄情况（人）", "school", [
        (["合计"], "计", f"{FT};gender=2"),
        (["合计"], "本科", f"{FT};gender=2;education=21"),
        (["35岁及以下"], "计", f"{FT};gender=2;age=..35"),
    ]) == []
    assert misread("普通高中在编专任教师学历情况", "school", [([], "合计", f"{FT};establishment=1")]) == []


def test_a_yearbook_names_education_academic_credentials() -> None:
    assert misread("Table 4-2 Full-time Teachers of Primary Schools by Academic Credentials (persons)", "school", [
        (["Total"], "Total", FT),
        (["Total"], "Undergraduate", f"{FT};education=21"),
        (["Female"], "Total", f"{FT};gender=2"),
    ]) == []


def test_a_tables_continuation_and_appendix_are_no_headers_of_whom() -> None:
    assert misread("专任教师学历情况（人）", "school", [
        (["研究生"], "计", f"{FT};education=11,14"),
        (["表2（续）", "本科"], "计", f"{FT};education=21"),
        (["续表", "专科"], "计", f"{FT};education=31"),
        (["续表2：", "高中阶段"], "计", f"{FT};education=41,61"),
    ]) == []
    assert misread("教职工情况", "school", [
        (["附：离退休人员"], "计", "status=2"),
        (["附：按教育事业统计口径"], "专任教师", FT),
    ]) == []


def test_a_header_that_only_says_a_value_was_not_given_is_not_noise() -> None:
    # "学历未填报" counts those whose education is missing: no definition, and not the whole table.
    assert misread("专任教师学历情况", "school", [(["学历未填报"], "计", None)]) == []


def test_a_term_read_whole_is_not_also_read_in_pieces() -> None:
    assert misread("Staff by function", "school", [
        (["Classroom teachers", "Type of contract"], "Permanent", f"{FT};establishment=1"),
        (["Classroom teachers", "By permanency of contract"], "Temporary", f"{FT};establishment=2"),
    ]) == []


def test_teachers_without_a_title_said_as_not_having_obtained_one() -> None:
    assert misread("专任教师职称情况", "school", [
        (["按职称分"], "正高级", f"{FT};title=1"),
        (["按职称分"], "未取得职称", f"{FT};title=9"),
    ]) == []


def test_the_education_authority_as_the_issuer_of_a_schools_code() -> None:
    assert each("消防安全检查表", "school", [
        ([], "学校标识码（县教育局核发）", "school.code"),
        ([], "学校代码（教育部门）", "school.code"),
        ([], "学校代码（税务部门）", None),  # another authority's number for the school
    ]) == []


def test_staff_and_students_together_are_not_the_staff() -> None:
    assert each("安全检查", "school", [
        ([], "在校人员总数（师生合计）", None),
        ([], "全校师生人数", None),
        ([], "在校教职工人数", "status=1"),
    ]) == []


def test_a_sections_heading_run_into_its_first_item() -> None:
    assert misread("春季开学督导自查表", "school", [
        ([], "一、基本情况 1.学校名称", "school.name"),
        ([], "二、师资配备 1.专任教师总数", FT),
        ([], "其中：女", f"{FT};gender=2"),
        ([], "其中：本科及以上学历", f"{FT};education=11,14,21"),
        ([], "三、安全管理 1.保安人数", None),
    ]) == []
    assert misread("教师信息采集", "roster", [
        ([], "一、基本信息 1.姓名", "teacher.name"),
        ([], "2.性别", "teacher.gender"),
    ]) == []


def test_the_post_one_works_in_is_the_post_type_but_work_alone_is_not_teaching() -> None:
    assert each("教师信息表", "roster", [
        ([], "现从事岗位（教师/行政/工勤）", "teacher.post_type"),
        ([], "现从事工作", None),
        ([], "现从事岗位", None),  # bare, "岗位" may be an HR post class
        ([], "从事岗位类别（管理/专技/工勤）", None),  # HR post classes, not the post types
    ]) == []
    assert each("Exam centre registration", "school", [([], "Institution type", "school.school_type")]) == []


def test_marks_of_which_refine_the_last_row_one_mark_up() -> None:
    assert misread("教职工情况", "school", [
        ([], "教职工数（行次1）", "status=1"),
        ([], "#专任教师（行次2）", FT),
        ([], "##女（行次3）", f"{FT};gender=2"),
        ([], "###50岁以上（行次4）", f"{FT};gender=2;age=50.."),
        ([], "##本科及以上（行次5）", f"{FT};education=11,14,21"),
        ([], "#行政人员（行次6）", "status=1;post_type=2"),
        ([], "##女（行次7）", "status=1;post_type=2;gender=2"),
    ]) == []


def test_a_titles_layout_note_and_the_forms_name_before_its_table() -> None:
    assert misread("专任教师分职称、年龄情况（行为职称，列为年龄段；单位：人）", "school", [
        (["一级"], "计", f"{FT};title=3"),
    ]) == []
    assert misread("某市教育统计补充表（三）女教职工分岗位情况（单位：人）", "school", [([], "合计", "status=1;gender=2")]) == []
    # A kind of school before whom the title counts names the schools, not an education of theirs.
    assert misread("非高等教育学校专任教师学历情况", "school", [([], "合计", FT)]) == []


def test_a_table_continued_from_the_page_before() -> None:
    assert misread("专任教师任教学科情况（人）", "school", [
        (["语文"], "计", f"{FT};subject=01"),
        (["续上表（第2页）", "数学"], "计", f"{FT};subject=02"),
    ]) == []


def test_a_rest_beside_a_category_without_a_code_is_not_counted() -> None:
    # 劳动 has no code: the "其他" after it is a rest no one can count, not the subject coded 'other'.
    assert misread("专任教师任教学科情况", "school", [
        (["音乐"], "计", f"{FT};subject=11"),
        (["道法"], "计", f"{FT};subject=09"),
        (["劳动"], "计", None),
        (["其他"], "计", None),
    ]) == []


def test_the_figure_as_it_stands_beside_a_baseline_and_a_target() -> None:
    assert misread("Output 1.2 - Teachers in supported schools, by sex", "school", [
        (["Baseline"], "Female", None),
        (["Actual this period"], "Female", f"{FT};gender=2"),
        (["Actual this period"], "Total", FT),
        (["Target"], "Total", None),
    ]) == []
