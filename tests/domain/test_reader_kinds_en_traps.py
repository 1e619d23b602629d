"""Traps for the English kinds of staff, breakdowns, bands and school facts the reader learnt in
test_reader_kinds_en: wordings in the same families, as departments print them, that a careful reader
does not read as those rules say (None: the field stays `new`), and pairs of fields of one form that
must not both read as one key (the request would be refused as asking it again)."""

from __future__ import annotations

from tests.domain.test_semantics import misread


def test_examples_of_jobs_do_not_narrow_a_kind_to_their_post_type() -> None:
    """"e.g." shows some of what a kind holds: non-teaching staff are still all who do not teach."""
    assert misread("Staffing return", "school", [
        ([], 'Non-teaching staff (e.g. cleaners, cooks)', 'status=1;post_type=2,3,4'),
        ([], 'Support staff (such as cooks, cleaners)', None),
    ]) == []
    assert misread("Staffing return", "school", [([], 'Non-teaching staff (e.g. cleaners and cooks)', 'status=1;post_type=2,3,4')]) == []


def test_jobs_beside_people_who_are_not_the_schools_own_staff_or_not_a_kind() -> None:
    """A word the reader does not know before the bare word for staff may say whose staff they are
    (a contractor's, a council's) or what they are not (unpaid, on leave); after the kind it says
    something else of them (vacancies). The jobs do not make them the records' post type."""
    assert misread("Staffing return", "school", [
        ([], "Contractors' staff (cleaners, security guards)", None),
        ([], 'Council staff (cooks, drivers)', None),
        ([], 'Unpaid staff (cooks, cleaners)', None),
        ([], 'Staff on leave (cooks, cleaners)', None),
        ([], 'Non-teaching staff vacancies (cooks, cleaners)', None),
        ([], 'Agency staff (cleaners, cooks)', None),
        ([], 'PTA-paid staff (cooks, cleaners)', None),
        ([], 'Support staff (cleaners, cooks) employed by the council', None),
        ([], 'Non-teaching staff - cleaners and cooks (FTE)', None),
    ]) == []


def test_jobs_the_records_do_not_hold_leave_the_kind_the_forms_own() -> None:
    """Tutors, student teachers, coaches, nurses, volunteers listed beside jobs the reader knows: the kind
    may hold people of no post type of ours. (One form each: a new field's key leaves its bracket out.)"""
    for wording in ('Support staff (tutors, teaching assistants)', 'Teaching support (student teachers, teaching assistants)',
                    'Support staff (trainee teaching assistants, aides)', 'Support staff (teaching assistants, learning mentors)',
                    'Ancillary staff (sports coaches, cleaners)', 'Non-teaching staff (volunteers, cooks)',
                    'Support staff (nurses, counsellors)', 'Non-teaching staff (interpreters, exam invigilators)',
                    'Support staff (bus drivers, cleaners)'):
        assert misread("Staffing return", "school", [([], wording, None)]) == []


def test_jobs_under_a_header_that_names_no_kind_of_the_schools_staff() -> None:
    """Jobs under all staff, under staff of someone else or in some state, or after a header naming
    another measure, are some people by their jobs, not a post type."""
    assert misread("Staffing return", "school", [
        (['Staff'], 'Cooks and cleaners', None),
        (['Staff'], 'Teachers and aides', None),  # two jobs, no "teacher aides"
        (['Staff employed by the council'], 'Cleaners and cooks', None),
        (['Non-teaching staff vacancies'], 'Watchmen and groundsmen', None),
        (['Staff on leave'], 'Caretakers and porters', None),
        (['Support staff training'], 'Gardeners and porters', None),
        (['Volunteers'], 'Drivers and cooks', None),
    ]) == []


def test_by_an_agent_is_no_breakdown() -> None:
    """"Employed by the council", "paid by the PTA": who employs or pays them, not what a table breaks
    its people down by; a total under it is of those people, whom the records do not tell apart."""
    assert misread("Annual census", "school", [
        (['Teachers employed by the council'], 'Total', None),
        (['Teachers employed by the council'], 'Male', None),
        (['Teachers employed by the council'], 'Number', None),
    ]) == []
    assert misread("Annual census", "school", [
        (['Support staff employed by the local authority'], 'Total', None),
        (['Teachers recruited by the district'], 'Female', None),
        (['Teachers trained by NGOs'], 'Total', None),
        (['Staff paid by the PTA'], 'Total', None),
    ]) == []
    # A breakdown in words the reader does not know, but no category of it: all the teachers.
    assert misread("Annual census", "school", [
        (['Teachers by contract funding source'], 'Male', None),
        (['Teachers by contract funding source'], 'Permanent', None),
        (['Teachers by salary band'], '0-4', None),
        (['Teachers by pay band'], 'Band 1', None),
        (['Teachers by subject taught'], 'Male', 'FT;gender=1'),
    ]) == []


def test_bands_of_another_measure_or_experience_of_another_kind_are_no_teaching_years() -> None:
    assert misread("Teacher supply model inputs", "school", [
        ([], 'Industry experience band - 5-9 yrs', None),
        ([], 'Management experience band - 5-9 yrs', None),
        ([], 'Service in this school band: 0-4 yrs', None),
        ([], 'Experience as head teacher band - 0-4 yrs', None),
        ([], 'Pay band - 0-4 yrs', None),
        (['Teachers by FTE band'], '0.5-0.9', None),
        (['Classes by class size band'], '20-29', None),
        (['Teachers by years in current school'], '0-4 years', None),
    ]) == []


def test_a_models_projections_and_flows_are_not_its_stock() -> None:
    assert misread("Teacher supply model inputs", "school", [
        ([], 'Projected teacher stock', None),
        ([], 'Teacher stock required', None),
        ([], 'Teacher stock in 2030', None),
        ([], 'Teacher stock (projection)', None),
        ([], 'Teachers leaving the stock', None),
        ([], 'Teachers entering the stock', None),
        ([], 'Base-year enrolment (projected)', None),
        ([], 'Enrolment growth from base year', None),
        ([], 'Teachers required in base year', None),
        ([], 'Base year', None),
        ([], "Early career teachers (ECTs)", None),  # new to teaching by how many years?
    ]) == []


def test_appointments_that_are_hires_or_not_yet_made_are_not_on_the_establishment() -> None:
    assert misread("Annual census", "school", [
        ([], 'Teachers appointed to the service in 2025', None),
        ([], 'Teachers appointed to the teaching service last year', None),
        ([], 'Teachers awaiting appointment to the teaching service', None),
        ([], 'Teachers recommended for appointment to the service', None),
        ([], 'Teachers interviewed but not appointed', None),
        ([], 'Posts not appointed', None),
        ([], 'Applicants not appointed', None),
        ([], 'Teachers newly appointed to the teaching service', None),
    ]) == []
    assert misread("Teacher roster", "roster", [
        ([], 'Date appointed to the teaching service', None),
        ([], 'Year appointed to the teaching service', None),
    ]) == []


def test_a_building_or_an_address_that_is_not_the_schools() -> None:
    assert misread("District facilities return", "school", [
        ([], 'Building name (if different from school)', None),
        ([], 'Name of building (block)', None),
        ([], 'Address and postcode of employer', None),
        ([], "Contact person's address and postcode", None),
        ([], 'Correspondence address and postcode', None),
    ]) == []
    assert misread("Teacher roster", "roster", [([], 'Building name', None), ([], 'Home address and postcode', None)]) == []


def test_a_rosters_only_that_narrows_what_is_asked() -> None:
    """"(… only)" says which teachers answer only when it names them or their stage or classes; "(surname
    only)", "(female only)", "(teaching qualifications only)" narrow the field itself."""
    assert misread("Teacher roster", "roster", [
        ([], 'Name (surname only)', None),
        ([], 'Name (initials only)', None),
        ([], 'Highest qualification (teaching qualifications only)', None),
        ([], 'Subject taught (science only)', None),
        ([], 'Gender (female only)', None),
        ([], 'Sex (F only)', None),
        ([], 'Years of service (confirmed only)', None),
        ([], 'Employment (permanent only)', None),
    ]) == []
    assert misread("Teacher roster", "roster", [
        ([], 'Main subject (secondary only)', 'teacher.subject'),
        ([], 'Highest level of education (Grades 10-12 only)', 'teacher.education'),
    ]) == []


def test_a_country_s_levels_beside_ours_do_not_make_other_questions_education() -> None:
    assert misread("Teacher roster", "roster", [
        ([], 'Highest professional qualification (Certificate / Diploma / Degree / Masters)', None),
        ([], 'Field of study (Degree / Masters)', None),
        ([], 'Qualification in subject taught (Degree / Masters / None)', None),
    ]) == []


def test_two_fields_of_one_form_the_new_names_would_read_alike_are_not_refused() -> None:
    """A field read only through a name a form may give something else (a building, an address with
    its postcode, a model's stock or base year, teachers appointed, a kind defined by its jobs or by
    "all …") steps aside for one asking the same key plainly; jobs that restate a kind step aside for
    the kind named bare."""
    pairs = [
        ('Support staff (all non-teaching roles)', None, 'Non-teaching staff', 'status=1;post_type=2,3,4'),
        ('Non-teaching staff - cleaners, cooks and guards', None, 'Workers', 'status=1;post_type=4'),
        ('Non-teaching staff (cleaners, cooks, watchmen)', None, 'Ancillary staff (cleaners, cooks)', 'status=1;post_type=4'),
        ('Support staff (paras, aides)', None, 'Teaching support staff', 'status=1;post_type=3'),
        ('Administrative staff (secretaries, bursars)', None, 'Administrators', 'status=1;post_type=2'),
        ('Support staff (teaching assistants)', None, 'Support staff', 'status=1;post_type=3'),
        ('Staff headcount - all employee categories', None, 'Total staff', 'status=1'),
        ('Building name', None, 'School name', 'school.name'),
        ('Name of building', None, 'Name of school', 'school.name'),
        ('Address and postcode', None, 'School address', 'school.address'),
        ('Base-year enrolment', None, 'Enrolment', 'school.enrolment'),
        ('Teacher stock', None, 'Number of teachers', 'FT'),
        ('Teachers appointed to the teaching service', None, 'Teachers on the establishment', 'FT;establishment=1'),
        ('Teachers appointed to the service', None, 'Permanent teachers', 'FT;establishment=1'),
        ('Teachers not appointed', None, 'Contract teachers', 'FT;establishment=2'),
    ]
    for loose, want, plain, plain_want in pairs:
        for order in ([([], loose, want), ([], plain, plain_want)], [([], plain, plain_want), ([], loose, want)]):
            assert misread("Staffing return", "school", order) == [], order
    # Totals under a header broken down by words the reader does not know, beside the teachers asked plainly.
    assert misread("Annual census", "school", [
        ([], 'Number of teachers', 'FT'), (['Teachers by salary band'], 'Total', None),
    ]) == []


def test_chinese_kinds_with_jobs_are_read_as_before() -> None:
    """The English rules leave Chinese wordings as they were read."""
    assert misread("教职工情况表", "school", [
        ([], '教职工（厨师、保安）', 'status=1'),
        ([], '非教学人员（保安、保洁）', 'status=1;post_type=2,3,4'),
        ([], '教辅人员（实验员、图书管理员）', 'status=1;post_type=3'),
        ([], '工勤人员：厨师、保安、司机', None),
        ([], '学校地址及邮编', None),
        ([], '基准年在校生数', None),
    ]) == []
    assert misread("教师信息表", "roster", [([], '在编教师（仅限中学）', None)]) == []
