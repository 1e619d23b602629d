"""English wordings of kinds of staff, bands and employment the reader learnt to read in our own
wordings: a kind of staff named with the jobs it holds, a header breaking its people down by
something in words the reader does not know, a workforce model's "stock" and experience bands,
"appointed" teachers, and a few school facts. Each field is read in its place on its form; None is a
field that must stay `new`."""

from __future__ import annotations

from tests.domain.test_semantics import misread


def test_a_kind_of_staff_named_with_jobs_of_one_post_type_is_that_post_type() -> None:
    """Two jobs or more of one post type say what a kind with wider or unknown words counts; one job
    says so only of a kind already named as that post type."""
    assert misread("Staffing return", "school", [
        ([], 'Auxiliary personnel (cooks, porters and gardeners)', 'status=1;post_type=4'),
        ([], 'Administrative support personnel (receptionists, bursars)', 'status=1;post_type=2'),
        ([], 'Instructional support (paraprofessionals, aides)', 'status=1;post_type=3'),
    ]) == []
    # A form asks each number once: another form.
    assert misread("Staffing return", "school", [
        ([], 'Non-teaching staff - caretakers, cleaners and cooks', 'status=1;post_type=4'),
        ([], 'Teaching support staff (teaching assistants)', 'status=1;post_type=3'),
    ]) == []


def test_jobs_under_a_header_or_inside_a_question_are_read_with_the_kind_around_them() -> None:
    """A flattened path ("Non-teaching staff - cooks, drivers and cleaners") parts the jobs from their
    kind into a header; a question may put the bracket of jobs inside it."""
    assert misread("Staffing return", "school", [
        (['Non-teaching staff'], 'Cooks, drivers and cleaners', 'status=1;post_type=4'),
        (['Non-teaching staff'], 'Clerks', None),
        ([], 'How many non-teaching staff (librarians, lab technicians) does your school have?', 'status=1;post_type=3'),
    ]) == []


def test_jobs_of_several_kinds_or_of_people_outside_the_records_leave_the_kind_the_forms_own() -> None:
    assert misread("Staffing return", "school", [
        ([], 'Non-teaching staff - clerks', None),  # one job under a wider kind: some of the office
        ([], 'Support staff (librarians, cleaners)', None),  # jobs of two post types under one of them
        ([], 'Ancillary staff (cleaners, substitute teachers)', None),
        ([], 'Volunteer staff (cooks, cleaners)', None),
        ([], 'Female support staff (cooks, cleaners)', None),
        ([], 'Employees (accountants, clerks, librarians)', None),
        ([], 'Staff (including cooks and cleaners)', 'status=1'),  # taken into all staff, not what they are
    ]) == []


def test_jobs_of_every_post_type_but_teaching_or_all_non_teaching_roles_are_the_non_teaching_staff() -> None:
    assert misread("Staffing return", "school", [
        ([], 'Support staff (e.g. librarians, secretaries and site staff)', 'status=1;post_type=2,3,4'),
        ([], 'Staff headcount - all employee categories', 'status=1'),
        ([], 'Support staff (all roles)', None),  # all of its own roles, not all the staff
    ]) == []
    # "All categories" or "all classes" alone are every value of a breakdown, not all the staff.
    assert misread("Pupils and classes", "school", [([], 'Pupils in all classes', 'school.enrolment'), ([], 'All classes', None)]) == []
    assert misread("Staffing return", "school", [([], 'Support personnel (all non-teaching roles)', 'status=1;post_type=2,3,4')]) == []


def test_a_workforce_models_stock_and_experience_bands() -> None:
    assert misread("Teacher supply model inputs", "school", [
        (['Teacher stock by sex'], 'Female', 'FT;gender=2'),
        ([], 'Teachers in the stock on permanent contracts', 'FT;establishment=1'),
        (['Teachers by experience band'], '0-4 yrs', 'FT;years=..4'),
        ([], 'Teacher experience band - 5-9 yrs', 'FT;years=5..9'),
        ([], 'Teacher experience band - 20+ yrs', 'FT;years=20..'),
        ([], "Early-career teachers (under 3 years' experience)", 'FT;years=..2'),
        ([], 'Early-career teachers', None),  # new to teaching by how many years?
    ]) == []


def test_a_header_breaking_down_by_words_the_reader_does_not_know() -> None:
    """A cell under none of the unknown breakdown's categories is of all the people the header
    names; a category of it, even one naming a value the records hold, is the form's own."""
    assert misread("Annual census", "school", [
        (['Teachers by training status and sex', 'All teachers'], 'Female', 'FT;gender=2'),
        (['Teachers by training status and sex', 'Trained'], 'Female', None),
        (['Teachers by funding source'], 'Permanent', None),
        (['Teachers by funding source'], 'Paid by parents', None),
    ]) == []


def test_appointed_teachers_are_on_the_establishment() -> None:
    assert misread("Annual census", "school", [
        ([], 'Teachers appointed to the public service', 'FT;establishment=1'),
        ([], 'Teachers not appointed (on contract)', 'FT;establishment=2'),
        ([], 'Number of teachers appointed', None),  # may count who were hired
        ([], 'Staff appointed to the civil service this year', None),  # who were appointed during it: a flow
    ]) == []


def test_school_facts_said_as_a_building_an_address_with_its_postcode_and_a_base_year() -> None:
    assert misread("District dashboard", "school", [
        ([], 'Name of building', 'school.name'),
        ([], 'Building number', None),  # the district's own numbering
        ([], 'School address and zip code', 'school.address'),
        ([], 'School postcode', None),  # a part of the address, not held apart (nor a post's code)
        ([], 'Enrolment at the base date', 'school.enrolment'),
        ([], 'Enrolment (day pupils only)', None),
    ]) == []


def test_a_roster_notes_whom_a_value_is_asked_of_and_lists_a_countrys_own_levels() -> None:
    """"(… only)" on a roster says which rows answer; a list of a country's own qualifications with
    one of the records' levels named whole and "Degree" beside it asks the education."""
    assert misread("Teacher information sheet", "roster", [
        ([], 'Main subject taught (Forms 1-3 only)', 'teacher.subject'),
        ([], 'Highest level of education (Standard 7 / Form 4 / Degree / Masters)', 'teacher.education'),
        ([], 'Highest level of education (Form 4 / Certificate / Degree / Postgraduate)', None),
        ([], 'Which school are you teaching at now?', 'teacher.school_code'),
    ]) == []
    # The row's teacher named in the third person: still the teacher whose school is asked.
    assert misread("Teacher roster", "roster", [([], 'Which school does the teacher work at?', 'teacher.school_code')]) == []


def test_a_list_taken_in_after_a_comma_is_taken_in_not_read_as_the_count() -> None:
    """"Total staff, including teachers": all staff, the note naming a part of them; "Staff, including
    contract staff" is not contract staff alone (the word "including" is no filler between the two)."""
    assert misread("School census", "school", [([], 'Total staff, including teachers', 'status=1')]) == []
    assert misread("School census", "school", [([], 'Staff, including contract staff', None)]) == []
    assert misread("School census", "school", [([], 'Teachers, incl. supply teachers', None)]) == []
    # The bracket said after the total: parts of everyone, not a category before the people.
    assert misread("School census", "school", [([], 'Total staff (including teachers and support staff)', 'status=1')]) == []
    assert misread("School census", "school", [([], 'All staff (incl. admin and ancillary staff)', 'status=1')]) == []
    assert misread("School census", "school", [([], 'Senior teachers (including senior professors)', 'FT;title=1,2')]) == []
