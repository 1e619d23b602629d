"""Wordings a review of the reader found read wrongly: a comparison sign taken for a header path, a
roster's column of two fields read as one, abbreviations spelled out where they mean something
else, and 中高级 after the people it counts, which reads two ways; and, of the rules added to read
more wordings, what they took for a stored fact: another school year or an FTE in a hint bracket,
a day something happened, a kind of school for its name, a grade for a question number, a part of
a stored number, people in post under 另有."""

from __future__ import annotations

from service.domain.semantics import match_field
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


def test_a_span_of_school_years_in_a_bracket_is_no_date_to_drop() -> None:
    # "(2024-25)" names another school year than the form's (reference 2026-09-01): not the enrolment now.
    assert key("Enrolment (2024-25)") is None
    assert key("在校生数（2024-2025）") is None
    assert read_form([{"label": "专任教师（2026.9）"}]) == ["school.ft_teachers"]  # the reference month


def test_a_hint_bracket_naming_another_measure_is_never_taken_off() -> None:
    # An estimate will do, but of full-time equivalents, hours or part-time staff: no headcount of teachers.
    assert key("Teachers (estimated FTE)") is None
    assert key("Teachers (approx., FTE)") is None
    assert key("专任教师（估算折合数）") is None
    assert key("专任教师（折合数即可）") is None
    assert key("Teachers (full-time and part-time combined)") is None
    assert key("Teachers (Schools A and B combined)") is None
    assert key("Teachers (urban and rural combined)") == "school.ft_teachers"
    assert key("Teachers (estimate if unsure)") == "school.ft_teachers"


def test_a_date_after_a_word_for_an_event_is_the_day_it_happened() -> None:
    title = "Staff census (as at 30 September)"
    assert read_form([{"label": "Teachers retired on 30 September"}, {"label": "Teachers who left on 30 Sept"},
                      {"label": "Teachers on 30 September"}], title=title) == [None, None, "school.ft_teachers"]
    assert read_form([{"label": "Teachers who retired on 1 September 2026"},
                      {"label": "As of 1 September 2026, how many teachers have retired?"}]) == [None, count("post_type=1;status=2")]


def test_a_kind_of_school_alone_asks_whether_the_school_is_one_not_its_name() -> None:
    # A pilot, project or member school: the school's name only when its name or code is asked.
    for label in ("Pilot school", "Pilot school (Y/N)", "试点学校（是/否）", "项目学校", "Sampled school?"):
        assert key(label) is None, label
    assert key("试点学校名称") == "school.name"
    assert key("Code of member school") == "school.code"
    assert key("核查学校") == "school.name"  # the school the check is of: the form's own
    # A school selected on an application or a transfer is another school.
    assert key("Selected school", level="roster") is None


def test_a_grade_before_the_pupils_is_no_question_number() -> None:
    # "P1", "S1", "G7", "K1": the pupils of one grade, not the enrolment; "Q12", "A3" number questions.
    for label in ("P1学生数", "S1学生人数", "G7在校生数", "K1幼儿数", "P1 pupils", "F1 students"):
        assert key(label) is None, label
    assert key("Q12 您的性别", level="roster") == "teacher.gender"
    assert key("A3 贵校在校学生数") == "school.enrolment"


def test_a_stored_number_under_headers_naming_people_is_a_part_of_it() -> None:
    # "学生" under "女": the female pupils, which the records hold only within the whole enrolment.
    assert read_form([{"headers": ["女"], "label": "学生"}]) == [None]
    assert read_form([{"headers": ["Staff"], "label": "Total"}, {"headers": ["Staff", "Female"], "label": "Pupils"}]) == [
        "school.staff", None]
    assert read_form([{"headers": ["Students"], "label": "Number"}]) == ["school.enrolment"]
    # In a table of staff, a "学生" header over "在校生数" names no people of the staff: the number itself.
    assert read_form([{"headers": ["教职工"], "label": "合计"}, {"headers": ["学生"], "label": "在校生数"}],
                     title="各校教职工情况") == ["school.staff", "school.enrolment"]
    assert read_form([{"headers": ["Staff"], "label": "Total"}, {"headers": ["Pupils"], "label": "Enrolment"}],
                     title="Staff of each school") == ["school.staff", "school.enrolment"]


def test_people_in_post_under_besides_are_not_the_staff_again() -> None:
    got = read_form([{"headers": ["教职工数"], "label": "计"}, {"headers": ["另有"], "label": "在编教师"},
                     {"headers": ["另有"], "label": "离退休人员"}])
    assert got == ["school.staff", None, count("status=2")]
    got = read_form([{"label": "Total staff"}, {"headers": ["In addition"], "label": "Female teachers"},
                     {"headers": ["In addition"], "label": "Retired teachers"}])
    assert got == ["school.staff", None, count("post_type=1;status=2")]


def test_a_unit_named_by_a_teachers_field_is_not_that_field() -> None:
    # The unit that holds a teacher's establishment is a unit; the establishment is 在编 or not.
    for label in ("您的编制所在单位", "编制所在单位", "编制单位"):
        assert match_field(label=label, level="teacher").key is None, label
    assert match_field(label="您的编制情况", level="teacher").key == "teacher.establishment"
    assert match_field(label="现工作单位", level="teacher").key == "teacher.school_code"


def test_an_institution_under_another_fact_is_where_that_was_obtained() -> None:
    # On a roster, "Institution" under "Highest qualification" is the awarding institution.
    assert read_form([{"headers": ["Highest qualification"], "label": "Institution"}], level="roster") == [None]
    assert read_form([{"headers": ["最高学历"], "label": "学校"}], level="roster") == [None]
    assert read_form([{"headers": ["Current post"], "label": "School"}], level="roster") == ["teacher.school_code"]
    for label in ("Highest qualification institution", "Qualification school"):
        assert match_field(label=label, level="teacher").key is None, label
    assert match_field(label="Employer", level="teacher").key == "teacher.school_code"
