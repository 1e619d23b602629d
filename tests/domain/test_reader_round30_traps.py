"""Wordings a department would print where the rules for re-typed tables (round 30) would pre-fill a wrong
value: a clause leaving out closed by a bracket, a comma or 外 before more people; words said after a list
left out; "… or not" beside a count; a permanent post asked of a school; 合 inside a word; "PG" as a
pre-school's play group; the ages a teacher teaches; a post's grade under 岗. In wordings of our own."""

from __future__ import annotations

from tests.domain.test_reader_known_faults import each

FT = "status=1;post_type=1"


def test_people_after_a_closed_clause_leaving_out_are_not_said_to_be_left_out() -> None:
    assert each("Staffing return", "school", [
        ([], "Administrators (other than teachers) and ancillary staff", None),
        ([], "Administrators, other than teachers, and ancillary staff", None),
        ([], "行政人员（除教师）及工勤人员", None),
        ([], "行政人员（除教师外）及工勤人员", None),
        # Left open to the end, the clause still reaches every kind it lists, a comma's list too.
        ([], "Personnel other than teachers, administrators and ancillary staff", "status=1;post_type=3"),
        ([], "Personnel other than teachers or administrators", "status=1;post_type=3,4"),
        ([], "Teachers other than senior and first-grade teachers", f"{FT};title!=2,3"),
        ([], "除教师、行政人员以外的在编职工", "status=1;post_type=3,4;establishment=1"),
    ]) == []


def test_words_after_a_list_left_out_may_be_left_out_too() -> None:
    assert each("Staffing return", "school", [
        ([], "Personnel other than teachers and administrators on fixed-term contracts", None),
        ([], "Personnel other than teachers and administrators aged over 55", None),
    ]) == []


def test_or_not_beside_a_count_narrows_nothing() -> None:
    assert each("Staffing return", "school", [
        ([], "Number of teachers, whether male or not", None),
        ([], "How many teachers, retired or not?", None),
    ]) == []
    assert each("Teacher file", "roster", [([], "Male or not", "teacher.gender")]) == []


def test_a_permanent_post_asked_of_a_school_is_still_a_post() -> None:
    assert each("Staffing return", "school", [
        ([], "Do you have any permanent posts? How many?", None),
        ([], "Do you have established positions? If yes, how many?", None),
    ]) == []


def test_he_inside_a_word_is_no_total() -> None:
    assert each("专任教师情况", "school", [
        ([], "合校", None),  # a merged school
        ([], "合编", None),
        ([], "女（合）", f"{FT};gender=2"),
        ([], "专任教师-合", FT),
    ]) == []


def test_a_bracket_keeping_to_those_who_passed_or_failed_is_not_read_past() -> None:
    assert each("专任教师情况", "school", [
        ([], "男（年度考核不合格）", None),
        ([], "本科（学历达标）", None),
    ]) == []


def test_pg_as_a_pre_schools_play_group_is_no_postgraduate() -> None:
    assert each("Staff sheet", "school", [
        ([], "Teachers for PG", None),
        ([], "Teachers (PG / Nursery / LKG)", None),
        ([], "Teachers holding PG", f"{FT};education=11,14"),
    ]) == []


def test_the_ages_a_teacher_teaches_are_no_teaching_age() -> None:
    assert each("Staff list", "roster", [
        ([], "Teaching age group", None),
        ([], "Teaching Age (in years)", "teacher.teaching_years"),
    ]) == []


def test_a_posts_grade_under_gang_is_no_title() -> None:
    assert each("全县专任教师情况（重录）", "school", [
        ([], "专任-岗-二级", None),
        ([], "专任-职-二级", f"{FT};title=4"),
    ]) == []


def test_the_ministrys_name_before_anything_but_its_code_is_not_passed_over() -> None:
    assert each("教职工情况", "school", [
        ([], "教育部专任教师", None),
        ([], "教育部学校标识码", "school.code"),
    ]) == []
