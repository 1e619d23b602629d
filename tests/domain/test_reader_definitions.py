"""Department data requests as their systems and clerks send them (round 22 of the corpus): a term
followed by its definition (指标口径, data dictionaries), a system's column code before its Chinese name,
a column named by its path of objects, Ed-Fi's descriptors, and UIS-style labels naming the stage of
education people work in. Each in wordings of our own, with the traps beside them."""

from __future__ import annotations

from tests.domain.test_semantics import misread


def test_a_term_followed_by_its_definition_is_the_term_when_the_definition_names_no_one_else() -> None:
    assert misread("学校人员统计指标说明", "school", [
        ([], "在职教职工数：指由本校发放工资的在职人员，不包括离退休人员", "status=1"),
        ([], "专任教师人数：是指主要承担教育教学任务的教师", "FT"),
        ([], "女专任教师数：指专任教师中的女性教职工", "FT;gender=2"),
        ([], "工勤技能人员数：从事保洁、维修等后勤保障工作的人员", "status=1;post_type=4"),
        ([], "行政人员数（指从事党政管理工作的人员）", "status=1;post_type=2"),
        # a definition that narrows, takes in people the term does not count, or names another kind
        ([], "专任教师数：只统计本学期在岗的人员", None),
        ([], "教职工数：指在职人员，含临时聘用的代课人员", None),
        ([], "专任教师总数：指具有中级及以上职称的专任教师", None),
        ([], "教辅人员数：指本学年新调入的教学辅助人员", None),
    ]) == []


def test_a_data_dictionary_element_and_its_definition_read_as_the_element() -> None:
    assert misread("Staff data collection: element definitions", "roster", [
        ([], "Gender - The sex of the staff member", "teacher.gender"),
        ([], "Birth Date - The day on which the employee was born", "teacher.birth_date"),
        ([], "Main Subject - The subject area the educator mainly teaches", "teacher.subject"),
        # a definition naming another value, or nothing of what it defines, is not that element
        ([], "Employee ID - The national identity card number of the employee", None),
        ([], "Start Date - The date the employee was born", None),
    ]) == []


def test_a_system_code_spelling_the_opening_of_the_chinese_name_beside_it_is_dropped() -> None:
    assert misread("教师数据元（导出）", "school", [
        ([], "JZGS 教职工数", "status=1"),
        ([], "ZRJS_N 专任教师女", "FT;gender=2"),
        ([], "ZRJS_GJZC 专任教师高级职称", "FT;title=2"),
        ([], "ZRJS_35SJYX 专任教师35岁及以下", "FT;age=..35"),
        # a code that spells none of the words is no code of them: the wording is read as printed
        ([], "QT_01 其他资料", None),
    ]) == []


def test_a_column_named_by_its_path_of_objects_is_its_last_part() -> None:
    assert misread("Staff roster (system export)", "roster", [
        ([], "Person/Demographics/DateOfBirth", "teacher.birth_date"),
        ([], "employee.gender", "teacher.gender"),
        ([], "StaffRecord/PersonalDetails/FamilyName", None),  # a surname alone is not the full name
        ([], "account.status", None),  # an account's status, whose meaning its object gives
        ([], "EmployeeRecord/Title", None),
        ([], "employer.name", None),  # the organisation's name, not the teacher's
    ]) == []
    assert misread("Staff roster", "roster", [([], "Male/Female", "teacher.gender")]) == []  # a choice, not a path


def test_an_ed_fi_descriptor_is_the_coded_field_it_describes() -> None:
    assert misread("Staff (Ed-Fi export)", "roster", [
        ([], "GenderDescriptor", "teacher.gender"),
        ([], "EthnicityDescriptor", "teacher.ethnicity"),
        ([], "StaffUniqueId", "teacher.id"),
        ([], "CitizenshipStatusDescriptor", None),
    ]) == []


def test_people_in_a_stage_of_education_are_the_stage_they_teach_not_their_own_education() -> None:
    assert misread("Teaching staff (UIS-style return)", "school", [
        ([], "Teachers in upper secondary education, male (number)", None),
        ([], "Teachers in primary education, both sexes", None),
        ([], "Teaching staff at pre-primary level, female", None),
        ([], "Teachers in all levels of education, both sexes", "FT"),
        ([], "Teachers in all levels of education, male", "FT;gender=1"),
        ([], "Teachers with upper secondary education as their highest level", "FT;education=41,61"),
    ]) == []
