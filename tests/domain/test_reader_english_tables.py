"""English tables whose context decides the cell, and rosters as systems export them, in wordings of our
own: a title after its code or the document's name in a sentence of its own ("Form C. Teachers by …"), a
yearbook's table number ("7-3 …"), a breakdown listed with parts the reader does not know or reads only
one at a time ("by certification, employment and sex"), "Teachers' age distribution", sexes as letters
beside a "T", letters a title defines ("HM = men and women"), a transposed "of which" under its own
column, memorandum items, a class and its complement in a bracket, one value glossing an unknown word, a
system's column code glossed in a bracket, and where the codes are listed."""

from __future__ import annotations

from tests.domain.test_reader_known_faults import each
from tests.domain.test_semantics import misread

FT = "status=1;post_type=1"


def test_a_title_after_its_code_or_the_documents_name_in_a_sentence_of_its_own() -> None:
    assert misread("RET_QUAL (district return). Male teachers by qualification (persons)", "school", [
        (["Master's degree"], "Total", f"{FT};gender=1;education=14"),
    ]) == []
    assert misread("Annex B. Teachers' age and sex distribution", "school", [
        (["Under 30"], "Female", f"{FT};age=..29;gender=2"),
    ]) == []
    assert misread("7-3 Age Composition of Full-time Teachers in Primary Schools (persons)", "school", [
        (["40-44"], "Full-time Teachers", f"{FT};age=40..44"),
    ]) == []


def test_a_breakdown_listed_with_parts_read_one_at_a_time() -> None:
    # "accreditation" is the form's own breakdown; its categories are not read, sex and contract are.
    assert misread("Return C. Teachers by accreditation, contract and sex", "school", [
        (["Type of contract", "Permanent"], "Female", f"{FT};establishment=1;gender=2"),
        (["Accreditation", "Level 2 accredited"], "Female", None),
    ]) == []
    assert misread("Faculty by highest degree earned and gender (headcount)", "school", [
        (["Doctorate"], "Male", f"{FT};education=11;gender=1"),
    ]) == []
    # A title naming another measure than a headcount is not read by its parts either.
    assert misread("Teachers by sex and employment - full-time equivalents (FTE)", "school", [(["Permanent"], "Female", None)]) == []


def test_sexes_as_letters_beside_a_t_and_letters_a_title_defines() -> None:
    assert misread("Teachers by qualification and sex", "school", [
        (["Bachelor's degree"], "T", f"{FT};education=21"),
        (["Bachelor's degree"], "F", f"{FT};education=21;gender=2"),
        (["Master's degree"], "T", f"{FT};education=14"),
    ]) == []
    assert misread("Teachers by qualification", "school", [(["Bachelor's degree"], "T", None)]) == []  # no sexes: T is nothing
    assert misread("Teachers by qualification and sex (MF = both sexes; F = of which women)", "school", [
        (["Total"], "MF", FT),
        (["Total"], "F", f"{FT};gender=2"),
    ]) == []


def test_a_transposed_of_which_refines_the_whole_under_its_own_column() -> None:
    assert misread("Staff by category and sex", "school", [
        (["T"], "Teachers", FT),
        (["F"], "Teachers", f"{FT};gender=2"),
        (["M"], "Teachers", f"{FT};gender=1"),
        (["T"], "of which: on permanent contracts", f"{FT};establishment=1"),
    ]) == []


def test_memorandum_items_and_a_class_beside_its_complement() -> None:
    assert misread("Teacher headcount return", "school", [
        (["Headcount"], "Teachers (qualified and unqualified)", FT),
        (["FTE"], "Teachers (qualified and unqualified)", None),
        (["Headcount"], "of which female", f"{FT};gender=2"),
        ([], "Memo: teachers aged 60 and over", f"{FT};age=60.."),
        ([], "Male teachers, all ages (for the consistency check)", f"{FT};gender=1"),
    ]) == []


def test_one_value_in_a_bracket_glosses_the_word_before_it() -> None:
    assert each("Staff return", "school", [
        ([], "Teachers on indeterminate (permanent) contracts", f"{FT};establishment=1"),
        ([], "Teachers on determinate (fixed-term) contracts", f"{FT};establishment=2"),
    ]) == []


def test_a_rosters_column_codes_and_notes_on_where_codes_are_listed() -> None:
    assert each("教职工花名册", "roster", [
        ([], "xb（性别）", "teacher.gender"),
        ([], "zgxl（最高学历）", "teacher.education"),
        ([], "学历（代码详见附表2）", "teacher.education"),
        ([], "Ethnicity (see the code list)", "teacher.ethnicity"),
        ([], "bz（备注）", None),
        ([], "是否已入编（是/否）", "teacher.establishment"),
        ([], "服务学校名称", None),  # the school's name, asked of a teacher: not the code the records hold
        ([], "Local ID", "teacher.id"),
    ]) == []
    assert each("Academy census", "school", [([], "Academy name", "school.name")]) == []
