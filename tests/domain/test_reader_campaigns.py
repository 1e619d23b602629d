"""Forms of the policy campaigns (specialist-teacher staffing returns, section-numbered staffing returns)
and of other countries' systems, in wordings of our own: a section numbered with a letter and a digit
("Part C2.") or by the heavenly stems ("甲、", "乙、"), a scope in brackets that takes in every kind
("(all roles)"), a count of those in post now ("现有人数"), years of teaching counted at any school, a
subject named as a country's curriculum names it ("Health and Physical Education", "Visual Arts"), and a
flattened path whose "其中" refines the column just before it under the same path."""

from __future__ import annotations

from tests.domain.test_reader_known_faults import each
from tests.domain.test_semantics import misread, read_form

FT = "status=1;post_type=1"


def test_a_section_numbered_by_a_letter_and_a_digit_is_numbering() -> None:
    assert misread("Staffing return", "school", [
        (["Part C2. Staff in post by role"], "Teachers", FT),
        (["Part C2. Staff in post by role"], "Of which: male", f"{FT};gender=1"),
        (["Section D1: Teachers by age"], "Under 30", f"{FT};age=..29"),
        (["Part 3.2 Teachers by qualification"], "Master's degree", f"{FT};education=14"),
    ]) == []


def test_a_bracket_taking_in_every_kind_says_nothing_of_whom() -> None:
    assert each("Staff census", "school", [
        ([], "Total staff (all roles)", "status=1"),
        ([], "Number of staff (all categories)", "status=1"),
        ([], "Support staff (all roles)", None),  # all the staff but teachers, or the teaching support: not said
    ]) == []
    assert each("教职工情况", "school", [([], "教职工人数（各类别）", "status=1"), ([], "教职工（全部岗位）", "status=1")]) == []


def test_the_number_now_in_post_under_a_header_naming_whom() -> None:
    assert misread("教职员现有人数统计", "school", [
        (["甲、教师"], "现有人数", FT),
        (["甲、教师"], "其中：女", f"{FT};gender=2"),
        (["乙、工勤人员"], "现有人数", "status=1;post_type=4"),
    ]) == []


def test_years_of_teaching_counted_at_any_school_are_the_years_of_teaching() -> None:
    assert each("Teacher questionnaire", "roster", [
        ([], "How many years have you taught altogether, at any school?", "teacher.teaching_years"),
        ([], "Years of teaching experience in all schools", "teacher.teaching_years"),
        ([], "How many years have you taught at this school?", None),
    ]) == []


def test_subjects_named_as_a_curriculum_names_them() -> None:
    assert misread("Specialist teachers", "school", [
        (["Health and Physical Education"], "Teachers (headcount)", f"{FT};subject=10"),
        (["Visual Arts"], "Teachers (headcount)", f"{FT};subject=12"),
    ]) == []


def test_of_which_in_a_flattened_path_refines_the_column_before_it_under_that_path() -> None:
    flat = [{"label": "三、专任教师-专任教师数"}, {"label": "三、专任教师-专职音乐教师"}, {"label": "三、专任教师-其中：女"}]
    nested = [{"headers": ["三、专任教师"], "label": "专任教师数"}, {"headers": ["三、专任教师"], "label": "专职音乐教师"},
              {"headers": ["三、专任教师"], "label": "其中：女"}]
    assert read_form(flat) == read_form(nested)
    assert misread("t", "school", [([], "三、专任教师-专任教师数", FT), ([], "三、专任教师-专职音乐教师", f"{FT};subject=11"),
                                   ([], "三、专任教师-其中：女", f"{FT};subject=11;gender=2")]) == []
    # A bare category before it is no total: "其中" still refines the path's total.
    assert misread("专任教师学历情况", "school", [([], "本科-合计", f"{FT};education=21"), ([], "本科-二级", f"{FT};education=21;title=4"),
                                   ([], "本科-其中：女", f"{FT};education=21;gender=2")]) == []


def test_an_items_number_run_into_an_age_is_no_decimal() -> None:
    assert each("团组织报送", "school", [
        ([], "1.40周岁（含）以下教职工人数", "status=1;age=..40"),
        ([], "4.30岁以下专任教师", f"{FT};age=..30"),  # 以下 takes the bound in, as the statute does
    ]) == []


def test_the_staff_a_school_has_is_its_staffing_and_what_it_should_have_is_not() -> None:
    assert read_form([{"label": "合计"}, {"label": "其中：女"}], title="小学音乐专任教师配备情况表（人）") == \
        ["school.count(post_type=1;status=1;subject=11)", "school.count(post_type=1;status=1;gender=2;subject=11)"]
    assert each("心理健康教育情况", "school", [
        ([], "已配备专职心理健康教师人数", f"{FT};subject=15"),
        ([], "按标准应配备心理健康教师数", None),
        ([], "心理健康教师配备率（%）", None),
    ]) == []


def test_a_schools_site_is_its_address() -> None:
    assert each("學校概況", "school", [([], "校址", "school.address")]) == []


def test_a_field_naming_its_people_whole_is_not_narrowed_by_the_titles_topic() -> None:
    # A staffing return about one subject's teachers prints the school's whole teaching staff beside them:
    # "专任教师总数" under "专任教师情况" is all of them, as printed alone; a bare "合计" there is the topic's.
    assert misread("中小学美术教师配备情况统计表", "school", [
        (["二、专任教师情况"], "专任教师总数（人）", FT),
        (["二、专任教师情况"], "专职美术教师（人）", f"{FT};subject=12"),
        (["二、专任教师情况"], "其中：女", f"{FT};subject=12;gender=2"),
    ]) == []
    assert misread("中小学美术教师配备情况统计表", "school", [(["二、专任教师情况"], "合计", f"{FT};subject=12")]) == []


def test_a_blocks_first_column_naming_only_people_is_the_whole_its_categories_split() -> None:
    # Blocks headed by a subject, each opening with its headcount: the bare categories after it are of it,
    # whatever the title says (here nothing the reader knows).
    assert misread("Form SC-9", "school", [
        (["Music"], "Teachers (headcount)", f"{FT};subject=11"),
        (["Music"], "Women", f"{FT};subject=11;gender=2"),
        (["Music"], "Aged 50 and over", f"{FT};subject=11;age=50.."),
        (["Visual Arts"], "Teachers (headcount)", f"{FT};subject=12"),
        (["Visual Arts"], "Women", f"{FT};subject=12;gender=2"),
    ]) == []
    # A header that is itself a part ("Of which female") opens no block.
    assert misread("Workforce", "school", [
        (["Headcount"], "All staff", "status=1"),
        (["Of which female"], "All staff", "status=1;gender=2"),
        (["Headcount"], "Retired staff", "status=2"),
    ]) == []


def test_the_reporting_school_named_by_its_side_of_a_partnership_is_the_forms_own() -> None:
    assert misread("中外合作办学年度报告", "school", [
        (["（二）我方合作学校全校情况"], "教职工总数", "status=1"),
        (["（二）我方合作学校全校情况"], "其中：女", "status=1;gender=2"),
    ]) == []
    assert misread("中外合作办学年度报告", "school", [(["（三）外方合作学校情况"], "教职工总数", None)]) == []


def test_a_statistics_tables_unit_pages_and_column_codes_say_nothing_of_whom() -> None:
    # The unit after the title, the pages a table runs over, and the column codes with the sums they check.
    assert read_form([{"label": "合计"}, {"label": "其中：女"}], title="教职工学历情况　　计量单位：人") == \
        read_form([{"label": "合计"}, {"label": "其中：女"}], title="教职工学历情况")
    assert misread("专任教师职称情况（分性别）　共3页", "school", [
        (["第1页", "总计"], "计", FT),
        (["第1页", "总计"], "女", f"{FT};gender=2"),
        (["第3页　专任教师职称情况（续表，表头同上）", "一级"], "计", f"{FT};title=3"),
        (["第3页　专任教师职称情况（续表，表头同上）", "一级"], "女", f"{FT};title=3;gender=2"),
    ]) == []
    assert misread("教职工情况", "school", [
        (["教职工数"], "合计（栏1）", "status=1"),
        (["教职工数"], "其中：女（栏2）", "status=1;gender=2"),
        (["按编制分（栏1=栏3+栏4）"], "在编（栏3）", "status=1;establishment=1"),
        (["按编制分（栏1=栏3+栏4）"], "编外（第4栏）", "status=1;establishment=2"),
    ]) == []
    assert each("Table 4", "school", [([], "Female teachers aged 50+ (col. 6)", f"{FT};gender=2;age=50..")]) == []


def test_questionnaire_notes_on_how_to_answer_say_nothing_of_what_is_asked() -> None:
    assert each("教师问卷", "roster", [
        ([], "5. 您的教龄：____年（不足1年填0）", "teacher.teaching_years"),
        ([], "Q4 Sex of the respondent (observe, do not ask): (1) Male (2) Female", "teacher.gender"),
        ([], "B2. School code of the school where the teacher works", "teacher.school_code"),
        ([], "B3. Name of the school where you teach", None),  # the school's name is no fact of a teacher
    ]) == []


def test_a_school_code_the_ministry_of_education_assigns_is_the_schools_code() -> None:
    assert each("Principal questionnaire", "school", [
        ([], "1. School ID (assigned by the Ministry of Education)", "school.code"),
    ]) == []
    assert each("Principal questionnaire", "school", [([], "School ID (assigned by the state education department)", None)]) == []
    # The ministry's number for a teacher is not the school's staff number the records hold.
    assert each("Teacher census", "roster", [([], "Teacher ID (assigned by the Ministry of Education)", None)]) == []


def test_a_question_over_rows_of_kinds_of_staff_leaves_whom_to_the_rows() -> None:
    stem = "Q5. How many people in each of the following categories currently work in your school? Count each person once."
    assert misread("Head teacher questionnaire", "school", [
        ([stem], "Teachers", FT),
        ([stem], "Administrative personnel", "status=1;post_type=2"),
        ([stem], "Volunteers", None),
    ]) == []
    assert misread("校长问卷", "school", [(["7. 贵校以下各类人员分别有多少人？"], "专任教师", FT),
                                     (["7. 贵校以下各类人员分别有多少人？"], "工勤人员", "status=1;post_type=4")]) == []
