"""Context read as printed tables give it: "其中" after a row that names its own whole ("专任教师中：女")
refines that row; "其他" beside categories listed is the rest of them, under the header saying which
breakdown it belongs to, and never the code 'other' of another breakdown the title names. In wordings
of our own."""

from __future__ import annotations

from tests.domain.test_semantics import misread


def test_of_which_after_a_row_naming_its_own_whole_refines_that_row() -> None:
    assert misread("学校教职工情况快报", "school", [
        ([], "教职工数", "status=1"),
        ([], "其中：专任教师", "FT"),
        ([], "其中：女", "status=1;gender=2"),  # consecutive 其中 rows refine the same total
        ([], "专任教师中：少数民族", "FT;ethnicity!=01"),
        ([], "其中：女", "FT;ethnicity!=01;gender=2"),
        ([], "其中：本科及以上学历", "FT;ethnicity!=01;education=11,14,21"),
        ([], "工勤人员", "status=1;post_type=4"),
        ([], "其中：女", "status=1;post_type=4;gender=2"),
    ]) == []


def test_other_is_the_rest_of_the_categories_of_its_own_breakdown() -> None:
    assert misread("专任教师民族、职称、编制构成", "school", [
        (["合计"], "计", "FT"),
        (["按民族分"], "汉族", "FT;ethnicity=01"),
        (["按民族分"], "其他", "FT;ethnicity!=01"),
        (["按职称分"], "高级", "FT;title=2"),
        (["按职称分"], "一级", "FT;title=3"),
        (["按职称分"], "其他", "FT;title!=2,3"),
        (["按编制分"], "在编", "FT;establishment=1"),
        (["按编制分"], "其他", "FT;establishment=2"),
    ]) == []
    assert misread("专任教师分民族情况", "school", [
        ([], "计", "FT"),
        ([], "蒙古族", "FT;ethnicity=02"),
        ([], "满族", "FT;ethnicity=11"),
        ([], "其他", "FT;ethnicity!=02,11"),
    ]) == []
    # which of the title's breakdowns a bare "其他" is of is not said: asked, not guessed
    assert misread("专任教师民族、职称构成", "school", [
        ([], "合计", "FT"),
        ([], "其他", None),
    ]) == []


def test_a_note_on_how_a_derived_value_is_computed_is_read_against_the_records_rule() -> None:
    assert misread("专任教师分编制、教龄情况（教龄按参加教育工作年月计算）", "school", [
        (["合计"], "计", "FT"),
        (["合计", "教龄"], "满30年", "FT;years=30.."),
        (["在编"], "小计", "FT;establishment=1"),
        (["在编", "教龄"], "不满5年", "FT;establishment=1;years=..4"),
    ]) == []
    # computed from another date than the records compute it from: not the records' years
    assert misread("专任教师分教龄情况（教龄按参加工作时间计算）", "school", [
        (["教龄"], "满30年", None),
    ]) == []
    assert misread("专任教师年龄结构", "school", [([], "专任教师（年龄按出生日期计算）", "FT")]) == []


def test_a_roster_column_under_something_the_records_do_not_hold_is_that_things() -> None:
    assert misread("教师资格与任教情况登记表", "roster", [
        (["教师资格"], "学科", None),  # the certificate's subject
        (["任教情况"], "学科", "teacher.subject"),
        (["配偶信息"], "姓名", None),
        (["基本信息"], "姓名", "teacher.name"),
    ]) == []


def test_years_at_this_school_over_bands_and_an_institution_under_a_qualification_are_not_the_teachers() -> None:
    assert misread("专任教师分编制、教龄情况", "school", [
        (["在编"], "小计", "FT;establishment=1"),
        (["在编", "本校任教年限"], "满6年", None),  # years at this school
        (["在编", "教龄"], "满6年", "FT;establishment=1;years=6.."),
    ]) == []
    assert misread("Staff roster", "roster", [
        (["Qualifications", "Academic"], "Institution", None),  # where the degree was taken
        (["Employment"], "Institution", "teacher.school_code"),
    ]) == []


def test_other_of_a_kind_is_the_rest_within_that_kind_and_other_beside_a_whole_is_not_said() -> None:
    assert misread("专任教师分民族情况", "school", [
        ([], "计", "FT"),
        ([], "汉族", "FT;ethnicity=01"),
        ([], "藏族", "FT;ethnicity=04"),
        ([], "其他少数民族", "FT;ethnicity!=01,04"),  # the minorities but the Tibetans, never the Han
    ]) == []
    # the minorities already hold the code 'other': which people "其他" means beside them is not said
    assert misread("专任教师分民族情况", "school", [
        ([], "计", "FT"),
        ([], "汉族", "FT;ethnicity=01"),
        ([], "少数民族", "FT;ethnicity!=01"),
        ([], "其他", None),
    ]) == []
