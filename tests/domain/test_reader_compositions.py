"""Conditions said of the same people at once, and people left out in English: "同时具有研究生学历和中级职称",
"女且35岁以下", "teachers who are female and have fewer than 3 years of experience", "excluding those on
temporary contracts", "(excluding volunteers)". Where "and" joins two groups of people rather than two
conditions of the same people, the field stays new. Each in wordings of our own."""

from __future__ import annotations

from tests.domain.test_reader_known_faults import each


def test_conditions_said_of_the_same_people_at_once_are_all_counted() -> None:
    assert each("教师队伍结构", "school", [
        ([], "同时具有硕士学历和一级职称的专任教师数", "FT;education=14;title=3"),
        ([], "40岁以下同时具备本科学历与高级职称的教师", "FT;age=..40;education=21;title=2"),
        ([], "专任教师中既是女性又是少数民族的人数", "FT;gender=2;ethnicity!=01"),
        ([], "女且在编的专任教师数", "FT;gender=2;establishment=1"),
        ([], "在编并且50岁以上的教职工数", "status=1;establishment=1;age=50.."),
        # two groups joined, not two conditions of the same people: which is meant is not said
        ([], "女教师和少数民族教师人数", None),
        ([], "高级和一级职称教师", "FT;title=2,3"),
    ]) == []
    assert each("Teacher survey", "school", [
        ([], "How many teachers are male and hold a master's degree?", "FT;gender=1;education=14"),
        ([], "Teachers who are female and aged 30 to 39", "FT;gender=2;age=30..39"),
        ([], "Number of teachers who are under 35 and have at least 10 years of teaching", "FT;age=..34;years=10.."),
        ([], "Staff who are Han and who are female", "status=1;ethnicity=01;gender=2"),
        ([], "Female and minority teachers", None),
        ([], "Teachers and administrators", "status=1;post_type=1,2"),
    ]) == []


def test_people_left_out_in_english_are_taken_out_or_said_to_be_outside_the_records() -> None:
    assert each("Staffing return", "school", [
        ([], "Administrative staff, excluding those on fixed-term contracts", "status=1;post_type=2;establishment=1"),
        ([], "Teachers aged 50 or over, excluding those who are male", "FT;age=50..;gender!=1"),
        # substitutes, volunteers and retirees are never in a count of staff in post
        ([], "Teachers (excluding substitute and volunteer teachers)", "FT"),
        ([], "All staff, not counting retirees", "status=1"),
        # who is left out is not said of the end of the wording: whose ages?
        ([], "Teachers excluding volunteers aged over 50", None),
        ([], "Volunteers", None),
    ]) == []


def test_a_first_degree_asked_as_what_it_was_is_not_the_highest_education() -> None:
    assert each("Teacher survey", "school", [
        ([], "Teachers whose first degree was a bachelor's", None),
        ([], "Teachers whose initial qualification is a diploma", None),
        ([], "Han Chinese teachers under 40", "FT;ethnicity=01;age=..39"),
        ([], "Teachers with a first degree", "FT;education=21"),  # the UK's word for a bachelor's
    ]) == []
    assert each("Staff data dictionary", "roster", [
        ([], "Main Subject - The subject area the educator mainly teaches", "teacher.subject"),
        ([], "Date of Birth - The month, day and year the staff member was born (MM/DD/YYYY)", "teacher.birth_date"),
        ([], "Full Legal Name - The staff member's full name as shown on the passport", "teacher.name"),
        ([], "Subject - The subject of the staff member's degree", None),
    ]) == []


def test_bounds_in_words_signs_and_brackets_read_as_the_range_they_say() -> None:
    assert each("教师年龄结构", "school", [
        ([], "专任教师大于等于55岁", "FT;age=55.."),
        ([], "专任教师年龄不小于45岁", "FT;age=45.."),
        ([], "女教职工小于或等于30岁", "status=1;gender=2;age=..30"),
        ([], "专任教师[35,45)岁", "FT;age=35..44"),
        ([], "专任教师(45,55]岁", "FT;age=46..55"),
        ([], "教龄[10,20)年的专任教师", "FT;years=10..19"),
        ([], "专任教师[35, 45)", None),  # no unit: the numbers in brackets are not said to be ages
    ]) == []
    assert each("Teacher survey", "school", [
        ([], "Teachers with at least 5 but fewer than 15 years of teaching", "FT;years=5..14"),
        ([], "Teachers at least 40 but under 50 years old", "FT;age=40..49"),
        ([], "Teachers with no more than 3 years in the profession", "FT;years=..3"),
        ([], "Teachers with at least 25 years in the teaching profession", "FT;years=25.."),
        ([], "Teachers-in-their-fifties", "FT;age=50..59"),
        ([], "Teachers holding an ISCED 6 or 7 qualification", "FT;education=14,21"),
        ([], "Teachers with ISCED levels 6-8", "FT;education=11,14,21"),
        ([], "Teachers with at most a bachelor degree", "FT;education!=11,14"),
        ([], "Pedagogical support staff, regardless of contract type", "status=1;post_type=3"),
        ([], "Instructors aged under 30", "FT;age=..29"),
        ([], "Driving instructors", None),
    ]) == []


def test_other_minorities_are_the_rest_of_those_listed_not_the_code_other() -> None:
    assert each("少数民族教职工情况", "school", [
        ([], "其他少数民族教职工", None),
        ([], "从事教学工作的专任教师", "FT"),
        ([], "从事后勤服务工作的教师", None),
    ]) == []
