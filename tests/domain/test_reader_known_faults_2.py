"""Known faults of the reader, second batch, each fixed as a general rule with the wordings that must
read as before beside it: a roster whose title says the rows are other people's (the staff's children,
spouses, contacts; pupils); an English gloss adding a word its Chinese does not say; leaving said as an
event; a name run together from another system's fields."""

from __future__ import annotations

from service.domain.semantics import match_field
from tests.domain.test_reader_known_faults import each


def _why(label: str, level: str = "school") -> str:
    return match_field(label=label, level=level).reason  # type: ignore[arg-type]


def _reasons(title: str, label: str) -> str:
    from datetime import date

    from service.domain.requests import FieldIn, RequestIn, read_fields
    from service.domain.scope import Scope
    from tests.domain.test_semantics import D

    req = RequestIn(title=title, purpose="p", kind="statistical", level="roster",
                    fields=[FieldIn.model_validate({"type": "text", "label": label})],
                    scope=Scope(regions=["430000"]), reference_date=date(2026, 9, 1), due_date=date(2026, 12, 1))
    return read_fields(req, D)[0].reason


# --- whose rows a roster holds ------------------------------------------------------------------------


def test_a_bare_persons_column_on_a_roster_of_other_people_is_theirs() -> None:
    """A title naming the staff's children, spouses or family, their contacts, or pupils says whose
    the rows are: a name, a sex or a birth date said bare is that person's, not the teacher's."""
    for title in ("职工随迁子女就读情况统计", "教师家属随调安置名单", "教职工配偶信息采集", "Dependants of employees (school places)",
                  "Staff next of kin register", "在校幼儿名册", "Pupil register 2026"):
        assert each(title, "roster", [
            ([], "姓名", None),
            ([], "性别", None),
            ([], "出生年月日", None),
            ([], "参保人姓名", None),
            ([], "Full name", None),
            ([], "Date of birth", None),
            ([], "民族", None),
        ]) == [], title
    assert "子女" in _reasons("职工随迁子女就读情况统计", "姓名")


def test_columns_naming_the_staff_member_on_such_a_roster_are_still_the_teachers() -> None:
    assert each("职工随迁子女就读情况统计", "roster", [
        ([], "职工姓名", "teacher.name"),
        ([], "教师工号", "teacher.id"),
        ([], "工号", "teacher.id"),
        (["教职工信息"], "姓名", "teacher.name"),
    ]) == []
    assert each("Dependants of employees (school places)", "roster", [
        ([], "Employee name", "teacher.name"),
        ([], "Staff number", "teacher.id"),
    ]) == []


def test_a_parent_a_bracket_names_as_staff_is_the_staff_member() -> None:
    """On a roster of the staff's children the parent is the staff member when a bracket says so; on a
    roster of pupils, whose title names no staff, a parent who teaches is none of its rows."""
    assert each("职工随迁子女就读情况统计", "roster", [
        ([], "父母（教职工）姓名", "teacher.name"),
        ([], "监护人（教师）工号", "teacher.id"),
        ([], "监护人姓名", None),
    ]) == []
    assert each("Children of staff: nursery places", "roster", [
        ([], "Parent (staff member) name", "teacher.name"),
        ([], "Parent name", None),
    ]) == []
    assert each("在校学生名册", "roster", [([], "家长（教师）姓名", None)]) == []


def test_a_roster_of_the_staff_themselves_is_untouched() -> None:
    """Teachers named as the rows, even beside another kind of people they serve or teach."""
    for title in ("专任教师信息采集表", "Staff register", "学生资助工作人员名册", "Student teachers on placement"):
        assert each(title, "roster", [
            ([], "姓名", "teacher.name"),
            ([], "性别", "teacher.gender"),
            ([], "Date of birth", "teacher.birth_date"),
        ]) == [], title


# --- an English gloss adding a word -------------------------------------------------------------------


def test_an_english_gloss_adding_a_word_its_reading_leaves_out_is_new() -> None:
    """"Full-time teachers" glosses 专任教师; "bonuses" after it asks something of them, not their number."""
    assert each("教职工情况", "school", [
        ([], "专任教师 Full-time teachers bonuses", None),
        ([], "女专任教师 Female full-time teachers vacancies", None),
        ([], "教职工 Staff overtime", None),
        ([], "专任教师 Full-time teachers mentoring hours", None),
    ]) == []
    assert "bonus" in _why("专任教师 Full-time teachers bonuses")


def test_an_english_gloss_with_a_harmless_tail_still_reads() -> None:
    assert each("教职工情况", "school", [
        ([], "专任教师 Full-time teachers headcount", "school.ft_teachers"),
        ([], "女专任教师 Female full-time teachers (No.)", "FT;gender=2"),
        ([], "教职工 Staff total", "school.staff"),
        ([], "专任教师数 Full-time teachers number", "school.ft_teachers"),
        ([], "专任教师 Full-time teachers persons", "school.ft_teachers"),
    ]) == []


# --- leaving as an event ------------------------------------------------------------------------------


def test_leaving_said_as_an_event_is_a_flow() -> None:
    """"Teachers who left" counts who left during some period, not who hold the status on the
    reference date; so do hires and 离职 / 调出 over a year."""
    assert each("教职工变动", "school", [
        ([], "Teachers who left", None),
        ([], "Teachers that have left the school", None),
        ([], "Staff who retired", None),
        ([], "Employees who left this term", None),
        ([], "离职教职工", None),
        ([], "本学年调出专任教师", None),
        ([], "Newly hired staff", None),
    ]) == []
    assert "flow" in _why("Teachers who left")


def test_a_status_said_as_a_state_still_reads() -> None:
    assert each("教职工情况", "school", [
        ([], "Retired teachers", "status=2;post_type=1"),
        ([], "调出教师", "status=3;post_type=1"),
        ([], "Teachers in service", "FT"),
    ]) == []
    assert each("Staff list", "roster", [
        ([], "Employment status (active / retired / left the school)", "teacher.status"),
    ]) == []


# --- names run together ---------------------------------------------------------------------------------


def test_a_name_run_together_is_not_respelled_past_its_words() -> None:
    """"ContractID" is two words the reader knows, parted by its capitals; it is no slip of "contract",
    and a contract's id is not held. "Count of <name>" counts another system's field: a field named by
    a value ("MasterDegree", "PhDHolder") is theirs, not a level of education."""
    assert each("Staffing pivot (exported)", "school", [
        ([], "Count of ContractID", None),
        ([], "Count of PensionID", None),
        ([], "Count of MasterDegree", None),
        ([], "Count of DoctorDegree", None),
    ]) == []


def test_a_name_run_together_from_the_records_fields_still_reads() -> None:
    assert each("Staffing pivot (exported)", "school", [
        ([], "Count of StaffID", "school.staff"),
        ([], "TotalStaff", "school.staff"),
    ]) == []
    assert each("Teaching staff by district (export)", "school", [
        (["Gender", "Female"], "Count of TeacherID", "FT;gender=2"),
        (["EmploymentType", "Contract"], "Count of TeacherID", "FT;establishment=2"),
    ]) == []
