"""Rounds 26 and 27's reader rules read against wordings meant to trip them: a roster column under a
header naming other people than the staff (family, emergency contacts, dependants), which is theirs as
much as one under something the records do not hold; and "其他" beside a single category of a field that
has an 'other' of its own, which is that 'other', not the one category left unnamed. Each in wordings of
our own, with the readings the rules were made for kept."""

from __future__ import annotations

from tests.domain.test_reader_known_faults import each
from tests.domain.test_semantics import misread


def test_a_roster_column_under_other_people_is_theirs() -> None:
    assert each("教职工信息采集表", "roster", [
        (["家庭成员及主要社会关系"], "出生年月", None),
        (["紧急联系人"], "姓名", None),
        (["子女信息"], "性别", None),
        (["主要社会关系"], "工作单位", None),
        (["Emergency contact"], "Name", None),
        (["Dependants"], "Date of birth", None),
        # the staff member's own details, contact details among them, stay theirs
        (["基本信息"], "出生日期", "teacher.birth_date"),
        (["个人信息"], "姓名", "teacher.name"),
        (["Contact details"], "Name", "teacher.name"),
        (["Personal details"], "Name", "teacher.name"),
    ]) == []


def test_other_beside_one_sex_is_not_the_other_sex() -> None:
    assert misread("Teacher census", "school", [
        (["Gender"], "Female", "FT;gender=2"),
        (["Gender"], "Other", None),  # not the men
    ]) == []
    assert misread("专任教师情况", "school", [
        (["性别"], "女", "FT;gender=2"),
        (["性别"], "其他", None),
    ]) == []
    assert misread("专任教师情况", "school", [
        (["性别"], "男", "FT;gender=1"),
        (["性别"], "女", "FT;gender=2"),
        (["性别"], "其他", "FT;gender=0,9"),
    ]) == []


def test_the_rest_of_a_field_without_an_other_of_its_own_is_still_read() -> None:
    assert misread("专任教师情况", "school", [
        (["按编制分"], "在编", "FT;establishment=1"),
        (["按编制分"], "其他", "FT;establishment=2"),
    ]) == []
    assert misread("专任教师情况", "school", [
        (["学历"], "研究生", "FT;education=11,14"),
        (["学历"], "本科", "FT;education=21"),
        (["学历"], "其他", "FT;education!=11,14,21"),
    ]) == []
    assert misread("教职工情况", "school", [
        ([], "专任教师", "FT"),
        ([], "行政人员", "status=1;post_type=2"),
        ([], "其他", "status=1;post_type=3,4"),
    ]) == []
