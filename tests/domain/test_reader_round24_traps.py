"""Round 24's reader rules read against wordings meant to trip them: 同时 and "and" that ask for two groups,
not people with both; a second group named by its range; a negated "only" that takes people in; retirees
left out of a count of retirees; comparisons in words before a level, not a number; a length of time "for"
years; ISCED levels beside a count of years; a school naming itself before the years spent there; a
definition naming the work of some of the term's people. Each in wordings of our own, with the readings
the rules were made for kept."""

from __future__ import annotations

from tests.domain.test_reader_known_faults import each
from tests.domain.test_semantics import misread

# --- "and" of conditions ------------------------------------------------------------------------------


def test_both_at_once_needs_a_verb_of_having_and_no_or_beside_it() -> None:
    assert misread("教师基本情况", "school", [
        ([], "请同时填报女教师和少数民族教师人数", None),  # both groups asked, not the women of the minorities
        ([], "同时统计女教师与35岁以下教师", None),
        ([], "同时具有研究生学历及高级职称的专任教师", "FT;education=11,14;title=2"),
        ([], "既是女教师又是少数民族的专任教师数", "FT;gender=2;ethnicity!=01"),
    ]) == []
    assert misread("Teacher census", "school", [
        # which does the "or" join: the degree, or the people under 30 with one?
        ([], "Teachers with a bachelor's degree and aged under 30 or a master's degree", None),
        ([], "Teachers who are female and are from ethnic minorities", "FT;gender=2;ethnicity!=01"),
        ([], "Teachers who are female and have a bachelor's degree or higher", "FT;gender=2;education=11,14,21"),
    ]) == []


def test_a_second_group_named_by_its_range_is_not_said_of_the_first() -> None:
    assert each("教师队伍结构", "school", [
        ([], "女教师和35岁以下教师人数", None),  # the women, and the young: not the young women
        ([], "少数民族教师及50岁以上的教师", None),
        ([], "Female teachers and teachers aged under 30", None),
        ([], "Women teachers and those over 55", None),
        ([], "女教师（35岁以下）", "FT;gender=2;age=..35"),
        ([], "Female teachers aged under 30", "FT;gender=2;age=..29"),
    ]) == []


# --- negations ------------------------------------------------------------------------------------------


def test_a_negated_only_takes_people_in_and_those_are_the_people_named() -> None:
    assert each("Staffing return", "school", [
        ([], "Staff (not only teaching staff)", None),  # all staff, teachers among them: not the non-teachers
        ([], "Number of employees, not only teachers", None),
        ([], "Teachers who are not mostly part-time", None),
        ([], "How many teachers who are not on permanent contracts are under 35?", "FT;establishment=2;age=..34"),
        ([], "Teachers, excluding those who are retired", "FT"),
        ([], "Teachers, excluding those on fixed-term contracts", "FT;establishment=1"),
    ]) == []


def test_retirees_left_out_of_a_count_of_retirees_are_some_of_those_counted() -> None:
    assert each("离退休人员情况", "school", [
        ([], "离退休教职工（不含退休教师）", None),
        ([], "Retired staff (excluding retired teachers)", None),
        ([], "Retirees, not counting retired teachers", None),
        # of people in post, leaving out retirees says nothing more
        ([], "Staff aged 60 and over (not counting retirees)", "status=1;age=60.."),
        ([], "教职工（不含离退休人员）", "status=1"),
    ]) == []


# --- ranges ---------------------------------------------------------------------------------------------


def test_a_comparison_in_words_is_a_sign_only_before_a_number() -> None:
    assert each("教师队伍结构", "school", [
        ([], "学历不低于本科的专任教师数", "FT;education=11,14,21"),  # 本科及以上, not 本科 alone
        ([], "职称不低于一级教师的专任教师", "FT;title=1,2,3"),
        ([], "学历不高于大专的专任教师", None),
        ([], "年龄不小于50岁的专任教师", "FT;age=50.."),
        ([], "教龄不少于5年的专任教师", "FT;years=5.."),
    ]) == []


def test_years_after_for_are_a_length_of_time_not_an_age() -> None:
    assert each("Teacher survey", "school", [
        ([], "Teachers who have worked for more than 20 years", None),
        ([], "Teachers who have been with the school for over 15 years", None),
        ([], "Teachers who have been teaching for more than 20 years", "FT;years=21.."),
        ([], "Teachers older than 50", "FT;age=51.."),
    ]) == []


def test_isced_levels_listed_are_levels_and_a_count_of_years_is_not_one() -> None:
    assert each("Teacher survey", "school", [
        ([], "Teachers with ISCED 8-7", "FT;education=11,14"),  # "8-7" is the same two levels as "7-8"
        ([], "Teachers with ISCED 6, 5 years or more of teaching", "FT;education=21;years=5.."),
        ([], "Teachers with ISCED 7 or 8", "FT;education=11,14"),
    ]) == []


def test_a_school_naming_itself_before_years_there_says_where_they_were_spent() -> None:
    assert each("教师情况统计", "school", [
        ([], "本校教龄满10年的教师人数", None),
        ([], "本校女教师数（名）", "FT;gender=2"),
        ([], "贵校教龄不满3年的专任教师有多少人？", "FT;years=..2"),
    ]) == []


# --- a term and its definition ------------------------------------------------------------------------


def test_a_definition_naming_the_work_of_some_of_the_terms_people_is_not_the_term() -> None:
    assert each("学校人员统计指标说明", "school", [
        ([], "专任教师数：指从事特殊教育工作的教师", None),
        ([], "专任教师数：指负责毕业班教学工作的教师", None),
        ([], "教职工数：指从事行政管理工作的人员", None),
        ([], "教职工数：指负责食堂工作的人员", None),
        ([], "教职工数：指负责学校安全保卫工作的人员", None),
        ([], "教职工数：指从事维修、绿化等工作的人员", None),
        # the work of the whole kind, or of all of them, describes it
        ([], "教辅人员数：指从事实验、图书等教学辅助工作的人员", "status=1;post_type=3"),
        ([], "行政人员数：指从事党政管理工作的人员", "status=1;post_type=2"),
        ([], "教职工数：指专任教师、行政人员、教辅人员和工勤人员", "status=1"),
        ([], "专任教师数：指取得教师资格、专门从事教育教学工作的人员", "FT"),
    ]) == []
