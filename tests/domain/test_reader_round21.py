"""Forms exported from BI tools, collection tools and HR systems (round 21 of the corpus): names run
together inside a wording, bands printed as bare numbers, a pivot's column of records with no value,
"Other staff" over named kinds, the options of "Employment type", notes on how a value is printed.
Each in wordings of our own, with the traps beside them."""

from __future__ import annotations

from tests.domain.test_semantics import misread


def test_names_run_together_inside_a_wording_or_a_header_are_parted() -> None:
    assert misread("Teaching staff by school (exported data)", "school", [
        ([], "EMISCode", "school.code"),
        (["Sex", "Female"], "Count of TeacherID", "FT;gender=2"),
        (["Sex", "Male"], "Count of TeacherID", "FT;gender=1"),
        (["ContractType", "Permanent"], "Count of TeacherID", "FT;establishment=1"),
        ([], "Sum of WeeklyHours", None),
        ([], "Average of TeacherAge", None),
    ]) == []


def test_bare_bands_are_of_the_range_the_bands_beside_them_are_of() -> None:
    assert misread("Teacher profile (crosstab)", "school", [
        (["Full-time teachers"], "Under 30", "FT;age=..29"),
        (["Full-time teachers"], "30-39", "FT;age=30..39"),
        (["Full-time teachers"], "40 – 49", "FT;age=40..49"),
        (["Full-time teachers"], "50 and over", "FT;age=50.."),
        (["Female teachers"], "Less than 5 years of teaching", "FT;gender=2;years=..4"),
        (["Female teachers"], "5-14", "FT;gender=2;years=5..14"),
        (["Female teachers"], "15 years or more of teaching", "FT;gender=2;years=15.."),
    ]) == []
    # In one wording, beside its own kind of bands ("Female, <30", "Female, 50+").
    assert misread("Annual census (data elements)", "school", [
        ([], "Full-time teachers, Male, <30", "FT;gender=1;age=..29"),
        ([], "Full-time teachers, Male, 30-49", "FT;gender=1;age=30..49"),
        ([], "Full-time teachers, Male, 50+", "FT;gender=1;age=50.."),
    ]) == []


def test_a_bare_band_with_nothing_to_say_what_it_counts_stays_new() -> None:
    # No band beside it names a range; bands of age and of teaching beside it disagree.
    assert misread("Teacher profile", "school", [
        (["Full-time teachers"], "Total", "FT"),
        (["Full-time teachers"], "30-39", None),
    ]) == []
    assert misread("Teacher profile", "school", [
        (["Full-time teachers"], "Under 30 years of age", "FT;age=..29"),
        (["Full-time teachers"], "Under 5 years of teaching", "FT;years=..4"),
        (["Full-time teachers"], "30-39", None),
    ]) == []
    # Numbers that are no band of people: grades, a share.
    assert misread("Teacher profile", "school", [
        (["Full-time teachers"], "Under 30", "FT;age=..29"),
        (["Full-time teachers"], "Grades 7-9", None),
        (["Full-time teachers"], "10-20%", None),
    ]) == []


def test_a_pivots_column_of_records_with_no_value_is_new() -> None:
    # Excel's "(blank)" is a slip away from 布朗族's English name, Blang: it names no code.
    assert misread("专任教师民族结构（数据透视表）", "school", [
        (["Count of 工号", "总计"], "汉族", "FT;ethnicity=01"),
        (["Count of 工号", "总计"], "(blank)", None),
        (["Count of 工号", "总计"], "Null", None),
        (["Count of 工号", "总计"], "（空白）", None),
    ]) == []


def test_kinds_of_staff_named_whole_under_other_staff_are_read() -> None:
    assert misread("School staffing return", "school", [
        (["Teachers (incl. relief teachers)"], "Total", None),
        (["Other staff"], "Teaching support staff", "status=1;post_type=3"),
        (["Other staff"], "Cleaning and maintenance workers", "status=1;post_type=4"),
        (["Other staff"], "Female", None),
        (["Other staff"], "Total", None),
    ]) == []


def test_employment_type_is_a_breakdown_its_options_name() -> None:
    assert misread("Teaching staff by employment type", "school", [
        (["Employment type"], "Permanent", "FT;establishment=1"),
        (["Employment type"], "Fixed-term contract", "FT;establishment=2"),
        (["Employment type"], "Casual", None),
    ]) == []
    assert misread("Staff list", "roster", [([], "Employment type", None)]) == []


def test_a_note_on_how_a_value_is_printed_or_who_issued_it_changes_nothing() -> None:
    assert misread("School registration", "school", [
        ([], "School name (as it will appear on certificates)", "school.name"),
        ([], "Address (as printed on the operating licence)", "school.address"),
    ]) == []
    assert misread("Staff list", "roster", [
        ([], "Highest qualification (NQF level)", "teacher.education"),
        ([], "Full name (as it appears on the payslip)", "teacher.name"),
    ]) == []
    # Whose number it is still counts: an identifier printed by a survey's coordinator is the survey's.
    assert misread("School questionnaire", "school", [
        ([], "School ID (as printed on the label by the survey coordinator)", None),
    ]) == []


def test_hr_and_payroll_names_of_the_person_of_the_row() -> None:
    assert misread("工资代发花名册", "roster", [
        ([], "户名", "teacher.name"),
        ([], "Personnel number", "teacher.id"),
        ([], "Gender key", "teacher.gender"),
        ([], "Service commencement date", None),
        ([], "Teaching commencement date", "teacher.teaching_start"),
        ([], "Content area taught", "teacher.subject"),
        ([], "账号", None),
    ]) == []


def test_a_pivots_filter_set_to_every_value_restricts_nothing() -> None:
    # The post type set to every value is all the staff, whatever the title names; another field set
    # to every value leaves the population as it was.
    assert misread("专任教师学历结构（数据透视表）", "school", [
        (["人员类别：(全部)", "计数项：工号"], "总计", "status=1"),
    ]) == []
    assert misread("专任教师学历结构（数据透视表）", "school", [
        (["性别：(All)", "Count of 工号"], "本科", "FT;education=21"),
        (["性别：(All)", "Count of 工号"], "Grand Total", "FT"),
    ]) == []
    # Counting rows by the teachers' id names no population of its own: the title's, or the filter's.
    assert misread("Staff by sex (pivot)", "school", [
        (["Post type: Full-time teacher", "Count of 教师编号"], "Female", "FT;gender=2"),
        (["Post type: Administrative staff", "Count of 教师编号"], "Female", "status=1;post_type=2;gender=2"),
    ]) == []
