"""Mechanisms of English wording that blind rounds 17 and 18 showed, each in wordings of our own:
names a system runs together with numbers in them, the teaching and non-teaching kinds of staff an
HR export names, a total printed beside the kinds it adds up, a district's words for its schools
and classes of staff, a table's number and a term its title defines, a hyphen left hanging, the
people a list calls participants, whose rows answer a column, and the traps: a district of another
country, a degree in a field, a list of staff categories ending in "other staff". Each field is read
in its place on its form; None is a field that must stay `new`."""

from __future__ import annotations

from tests.domain.test_semantics import misread, read_form

Field = tuple[list[str], str, str | None]


def _each(title: str, level: str, fields: list[Field]) -> list[str]:
    """The fields misread, each read on a form of its own under its headers."""
    return [wrong for f in fields for wrong in misread(title, level, [f])]


def test_a_name_run_together_is_read_as_its_words_with_numbers_capitals_and_a_unit() -> None:
    fields: list[Field] = [
        ([], 'EducatorAge40To49', 'FT;age=40..49'),
        ([], 'StaffAgeUnder25', 'status=1;age=..24'),
        ([], 'TchrAge55Plus', 'FT;age=55..'),
        ([], 'TchrContract (persons)', 'FT;establishment=2'),
        ([], '4) FemaleTchrs', 'FT;gender=2'),
        ([], 'TeachingFTE', None),  # full-time equivalents, not people
        ([], 'HiresYTD', None),
        ([], 'Tota1 staff', 'status=1'),  # a scanned slip, not words run together
    ]
    assert _each("Workforce export", "school", fields) == []


def test_a_number_then_plus_is_that_number_and_more() -> None:
    fields: list[Field] = [
        ([], 'Staff aged 55 plus', 'status=1;age=55..'),
        ([], 'Teachers with 25 plus years of teaching', 'FT;years=25..'),
    ]
    assert _each("Staff return", "school", fields) == []


def test_teaching_and_non_teaching_name_the_kinds_of_staff_after_them() -> None:
    fields: list[Field] = [
        ([], 'Teaching headcount', 'FT'),
        ([], 'Non-teaching headcount', 'status=1;post_type=2,3,4'),
        ([], 'Non-teaching administrative', 'status=1;post_type=2'),
        ([], 'Non-teaching maintenance', 'status=1;post_type=4'),
        ([], 'Non-teaching janitorial', 'status=1;post_type=4'),
        ([], 'Non-teaching female staff', 'status=1;post_type=2,3,4;gender=2'),
        ([], 'Non-teaching clerical', None),  # clerks are some of the administrators
        ([], 'Non-teaching days', None),
        ([], 'Janitorial', None),  # a kind of staff only after a word for staff
        ([], 'Staff facilities', None),
    ]
    assert _each("Staff return", "school", fields) == []
    # Options a roster lists are values only as words of their own: "Utility" or "Management" alone are none.
    roster: list[Field] = [
        ([], 'Staff type (teaching / non-teaching)', None),
        ([], 'Post class (management / technical / utility)', None),
    ]
    assert _each("Staff list", "roster", roster) == []


def test_a_total_naming_no_one_is_the_staff_when_the_kinds_beside_it_name_every_post() -> None:
    got = read_form([{"label": "Total"}, {"label": "Teaching staff"}, {"label": "Administrative staff"},
                     {"label": "Teaching support staff"}, {"label": "Workers"}], title="Headcount return")
    assert got == ["school.staff", "school.ft_teachers", "school.staff.post_type.administrator",
                   "school.staff.post_type.support", "school.staff.post_type.worker"]
    # Printed after them it is the same total.
    got = read_form([{"label": "Teaching staff"}, {"label": "Non-teaching staff"}, {"label": "Grand total"}],
                    title="Headcount return")
    assert got[2] == "school.staff"
    # Kinds that leave a post out, or pupils beside them, say nothing of what the total takes in.
    assert read_form([{"label": "Total"}, {"label": "Teaching staff"}, {"label": "Administrative staff"}],
                     title="Headcount return")[0] is None
    assert read_form([{"label": "Total"}, {"label": "Pupils enrolled"}, {"label": "Teaching staff"},
                      {"label": "Non-teaching staff"}], title="Headcount return")[0] is None


def test_a_districts_building_is_its_school_only_beside_a_word_for_the_school() -> None:
    fields: list[Field] = [
        ([], 'School or building name', 'school.name'),
        ([], 'Building staff', 'status=1'),
        ([], 'Building maintainers and custodians', 'status=1;post_type=4'),
        ([], 'Maintainers', None),  # some of the workers
        ([], 'Number of buildings', None),
        ([], 'Building', None),
    ]
    assert _each("Staffing template", "school", fields) == []
    roster: list[Field] = [
        ([], 'Campus / building', 'teacher.school_code'),
        ([], 'Worksite', 'teacher.school_code'),
    ]
    assert _each("Member list", "roster", roster) == []


def test_classes_of_staff_frame_only_fields_naming_post_types_they_hold_whole() -> None:
    fields: list[Field] = [
        (['Certificated employees'], 'Women teachers', 'FT;gender=2'),
        (['Certificated employees'], 'Teachers on continuing contracts', 'FT;establishment=1'),
        (['Classified employees'], 'Custodians', 'status=1;post_type=4'),
        (['Classified employees'], 'Teacher aides', 'status=1;post_type=3'),
        (['Certificated employees'], 'Total', None),
        (['Certificated employees'], 'Female', None),
        (['Certificated employees'], 'Administrators', None),  # some certificated, some classified
        (['Classified employees'], 'Administrative staff', None),
        ([], 'Classified employees', None),
        ([], 'Certificated teachers', None),
        # A word near a class is no slip for one: "Certificate" heads a column of a qualification.
        (['Certificate'], 'Female', None),
    ]
    assert _each("District staffing template", "school", fields) == []


def test_a_district_of_another_country_is_not_the_division_only_its_code_is() -> None:
    fields: list[Field] = [
        ([], 'District', None),
        ([], 'County', None),
        ([], 'District name', None),
        ([], 'County code', 'school.region_code'),
        ([], 'County/district code', 'school.region_code'),
        ([], '所在区县', 'school.region_code'),
    ]
    assert _each("School census", "school", fields) == []
    roster: list[Field] = [
        ([], 'Years of service (all school districts)', 'teacher.teaching_years'),
        ([], 'Years in this district', None),
    ]
    assert _each("Member list", "roster", roster) == []


def test_a_tables_number_before_its_header_names_no_one() -> None:
    fields: list[Field] = [
        (['Table 2.3 Teachers by sex'], 'Women', 'FT;gender=2'),
        (['Table B4: Staff by post'], 'Administrators', 'status=1;post_type=2'),
        (['Table 7 Teachers by title'], 'Second- or third-grade teachers', 'FT;title=4,5'),
        (['Table 7 Teachers by title'], 'First- and second-grade teachers', 'FT;title=3,4'),
    ]
    assert _each("Annual report", "school", fields) == []


def test_a_people_word_the_title_defines_reads_as_its_definition() -> None:
    title = "Faculty profile 2026 (all campuses; faculty = teachers with a full teaching load)"
    got = read_form([{"headers": ["Faculty by highest degree"], "label": "Doctorate"},
                     {"headers": ["Faculty by highest degree"], "label": "Less than a master's"},
                     {"label": "TotalFaculty"}, {"label": "All staff (faculty and non-faculty)"}], title=title)
    assert got == ["school.ft_teachers.education.doctoral", "school.count(post_type=1;status=1;education!=11,14)",
                   "school.ft_teachers", "school.staff"]
    # Undefined, a school's faculty are its teachers too ("faculty and staff" names both).
    assert read_form([{"label": "Faculty holding a doctorate"}], title="Faculty profile")[0] \
        == "school.ft_teachers.education.doctoral"


def test_a_degree_named_with_its_field_is_one_award_not_the_level() -> None:
    fields: list[Field] = [
        ([], 'Teachers holding a Bachelor of Arts', None),
        ([], 'Staff with a Master of Science in Chemistry', None),
        ([], "Teachers with a master's degree in education", None),
        ([], "Teachers holding a bachelor's degree or higher", 'FT;education=11,14,21'),
        ([], "Teachers with a bachelor's or master's degree", 'FT;education=14,21'),
    ]
    assert _each("Staff return", "school", fields) == []


def test_other_staff_among_the_options_is_the_rest_not_a_value_of_its_own() -> None:
    fields: list[Field] = [
        ([], 'Staff category (Teacher / Head of year / Other staff)', None),
        ([], 'Staff category (Teacher / Administrator / Other staff)', 'teacher.post_type'),
    ]
    assert _each("Mobility list", "roster", fields) == []


def test_the_people_a_list_is_of_are_the_rosters_teachers() -> None:
    roster: list[Field] = [
        ([], 'Nominee name', 'teacher.name'),
        ([], "Applicant's date of birth", 'teacher.birth_date'),
    ]
    assert _each("Award nominations", "roster", roster) == []
    fields: list[Field] = [
        ([], 'Number of nominees', None),
        ([], 'Nominee name', None),  # the nominee's, not the school's
    ]
    assert _each("Award nominations", "school", fields) == []


def test_a_countrys_own_emis_is_an_emis() -> None:
    fields: list[Field] = [
        ([], 'KEMIS school code', 'school.code'),
        ([], 'NEMIS number', 'school.code'),
    ]
    assert _each("School census", "school", fields) == []


def test_a_bracket_saying_which_teachers_answer_adds_nothing_on_a_roster() -> None:
    roster: list[Field] = [
        ([], 'Subject taught (upper secondary teachers only)', 'teacher.subject'),
        ([], 'Years of teaching (for teachers only)', 'teacher.teaching_years'),
        ([], 'Subject/field taught', 'teacher.subject'),
        ([], 'Date of leaving (retired staff only)', None),
    ]
    assert _each("Staff list", "roster", roster) == []


def test_a_value_of_the_posts_people_hold_is_theirs_not_the_posts() -> None:
    fields: list[Field] = [
        ([], 'Teachers in fixed-term posts', 'FT;establishment=2'),
        ([], 'Staff holding permanent positions', 'status=1;establishment=1'),
        ([], 'Fixed-term posts', None),  # posts, which may stand vacant
    ]
    assert _each("Staff return", "school", fields) == []
    assert read_form([{"label": "Teachers"}, {"label": "of which: in temporary positions"}], title="Staff return")[1] \
        == "school.count(post_type=1;status=1;establishment=2)"


def test_a_name_said_with_the_word_for_which_name_is_the_schools_with_the_school_named() -> None:
    fields: list[Field] = [
        ([], 'School legal name', 'school.name'),
        ([], 'SchoolLegalName', 'school.name'),
    ]
    assert _each("School profile", "school", fields) == []
    assert _each("Staff list", "roster", [([], 'Legal name', 'teacher.name')]) == []


def test_total_teaching_experience_is_the_years_of_teaching() -> None:
    fields: list[Field] = [
        ([], 'Teachers with 10 or more years of total teaching experience', 'FT;years=10..'),
        ([], 'Staff with under 3 years of total service', 'status=1;years=..2'),
    ]
    assert _each("Staff return", "school", fields) == []
