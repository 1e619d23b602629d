"""Traps for the rules of round 21: wordings a department may print where a bare band, a name run
together, an "Other staff" header, a pivot's empty column or a note on who issued a number would give
a wrong pre-fill if the rule reached too far. A wrong number pre-filled is worse than a field asked."""

from __future__ import annotations

from tests.domain.test_semantics import misread


def test_a_bare_band_beside_an_unread_band_of_another_kind_stays_new() -> None:
    # The bands after "Weekly teaching hours 10-14" go on with the hours, not with the ages before them.
    assert misread("Teacher profile", "school", [
        (["Full-time teachers"], "Under 30", "FT;age=..29"),
        (["Full-time teachers"], "30-39", None),
        (["Full-time teachers"], "Weekly teaching hours 10-14", None),
        (["Full-time teachers"], "15-19", None),
    ]) == []
    assert misread("专任教师年龄及周课时", "school", [
        (["专任教师"], "30岁以下", "FT;age=..30"),
        (["专任教师"], "31-40岁", "FT;age=31..40"),
        (["专任教师"], "周课时16节以下", None),
        (["专任教师"], "16-20", None),
        (["专任教师"], "21-25", None),
    ]) == []
    assert misread("Teachers", "school", [
        (["Female"], "Under 25", "FT;gender=2;age=..24"),
        (["Female"], "Class size 35-44", None),
        (["Female"], "45-54", None),
    ]) == []
    # Grades and school years are no bands of people at all.
    assert misread("Teacher profile", "school", [
        (["Full-time teachers"], "Under 30", "FT;age=..29"),
        (["Full-time teachers"], "Grades 1-6", None),
        (["Full-time teachers"], "7-9", None),
        (["Full-time teachers"], "2024-25", None),
    ]) == []


def test_under_other_staff_only_a_kind_by_its_post_is_read() -> None:
    # "Contract staff" under "Other staff" are the other staff on contract, not every contract employee.
    assert misread("School staffing return", "school", [
        (["Teachers"], "Total", "FT"),
        (["Other staff"], "Contract staff", None),
        (["Other staff"], "Permanent staff", None),
        (["Other staff"], "Female staff", None),
        (["Other staff"], "Staff under 35", None),
        (["Other staff"], "Retired staff", None),
        (["Other staff"], "Staff with a master's degree", None),
        (["Other staff"], "Administrative staff", "status=1;post_type=2"),
        (["Other staff"], "Female administrative staff", "status=1;post_type=2;gender=2"),
    ]) == []


def test_an_identifier_issued_or_printed_by_another_body_is_theirs() -> None:
    # Each on a form of its own: the notes taken off, their custom keys would be one.
    for wording in ("School code (issued by the examinations council)", "School ID (assigned by the National Centre)",
                    "School ID (as printed on the test booklets)"):
        assert misread("School registration", "school", [
            ([], wording, None),
            ([], "School name (as it should appear on certificates)", "school.name"),
        ]) == []
    assert misread("中考考点学校信息", "school", [
        ([], "学校代码（由考试院编制）", None),
        ([], "学校标识码（由教育部统一编码）", "school.code"),
    ]) == []
    assert misread("大赛参赛教师名册", "roster", [
        ([], "编号（由大赛组委会分配）", None),
        ([], "ID number (issued by the organiser)", None),
        ([], "证件号码（由公安机关核发）", "teacher.id_number"),
        ([], "Name (as printed on the bank card)", "teacher.name"),
    ]) == []
    assert misread("Agency staff list", "roster", [
        ([], "Employee number (issued by the agency)", None),
        ([], "Gender (as printed on the ID card)", "teacher.gender"),
    ]) == []


def test_names_run_together_inside_a_wording_read_no_further_than_their_words() -> None:
    assert misread("Teaching staff by school (exported data)", "school", [
        ([], "Count of ClassID", None),
        ([], "Count of StudentTeacherID", None),
        ([], "FemaleTeachersPct", None),
        ([], "Female30To39", None),
    ]) == []
    assert misread("Staff list", "roster", [
        ([], "TSCNumber", None),
        ([], "KNECCode", None),
        ([], "NINumber", None),
    ]) == []


def test_a_pivots_empty_column_is_no_value_and_a_short_word_no_peoples_name() -> None:
    # "无" under 职称 may be the unranked (未定职级) or a record with no title entered: asked, not guessed.
    assert misread("专任教师职称情况", "school", [
        (["职称"], "高级", "FT;title=2"),
        (["职称"], "无", None),
        (["职称"], "无职称", "FT;title=9"),
    ]) == []
    assert misread("Teachers by ethnicity", "school", [
        ([], "Han", "FT;ethnicity=01"),
        ([], "Blank", None),
        ([], "Bank", None),
        ([], "Yuan", None),
    ]) == []


def test_employment_type_options_not_the_records_values_stay_new() -> None:
    assert misread("School staff", "school", [
        (["Employment type"], "Full-time", None),
        (["Employment type"], "Part-time", None),
        (["Employment basis"], "Hourly", None),
        (["Employment category"], "Substitute", None),
    ]) == []
    assert misread("Staff list", "roster", [([], "Employment type (Full-time / Part-time)", None),
                                            ([], "Employment category (Teaching / Non-teaching)", None)]) == []
