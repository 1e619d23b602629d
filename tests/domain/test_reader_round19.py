"""Mechanisms of Chinese wording blind round 19 showed, each in wordings of our own: a table pasted from
a word processor whose merged category cell kept its words on its first row alone, columns naming their
population each time before one that names no one, the school's own particulars before a bare category,
Chinese options the reader does not know beside the stored values, and numbered choices after a word
naming the school. Each field is read in its place on its form; None is a field that must stay `new`."""

from __future__ import annotations

from tests.domain.test_semantics import misread


def test_rows_after_a_total_under_a_merged_category_cell_stay_in_its_block() -> None:
    """"教职工 / 合计" then "其中：女", "在编" with no header: the merged cell spanning the block printed
    its words on its first row alone; the rows below are still of 教职工, not of the title's teachers."""
    assert misread("某区教师队伍情况表", "school", [
        (['在职人员'], '合计', 'status=1'),
        ([], '其中：男', 'status=1;gender=1'),
        ([], '在编人员', 'status=1;establishment=1'),
        (['专任教师'], '合计', 'FT'),
        ([], '男', 'FT;gender=1'),
        ([], '研究生学历', 'FT;education=11,14'),
        (['退休'], '退休教职工', 'status=2'),
        ([], '返聘人员', None),
    ]) == []


def test_a_header_that_is_no_total_carries_nothing_to_the_rows_below() -> None:
    """Only a total row keeps its block's header for the bare rows after it: after a category under
    a header, a bare row is read as it would be on its own."""
    assert misread("学校教职工情况", "school", [
        ([], '教职工总数', 'status=1'),
        (['按岗位分'], '专任教师', 'FT'),
        ([], '在编人数', 'status=1;establishment=1'),
    ]) == []


def test_a_bare_category_after_columns_each_naming_their_population_is_of_the_wider_total() -> None:
    """"专任", "专任男", "专任-硕士" each name the teachers again; "编外" naming no one is of all staff,
    the total the teachers are a part of. With a "其中" in the run, the run does not name its
    population each time, and a bare category stays of the last total."""
    assert misread("各校师资一览", "school", [
        ([], '教职工', 'status=1'),
        ([], '专任', 'FT'),
        ([], '专任男', 'FT;gender=1'),
        ([], '专任-硕士', 'FT;education=14'),
        ([], '编外', 'status=1;establishment=2'),
        ([], '在编', 'status=1;establishment=1'),
    ]) == []
    assert misread("教师情况", "school", [
        ([], '教职工人数', 'status=1'),
        ([], '专任教师', 'FT'),
        ([], '其中：男', 'FT;gender=1'),
        ([], '专任教师中研究生', 'FT;education=11,14'),
        ([], '四十五岁以上', 'FT;age=45..'),
    ]) == []


def test_the_schools_name_before_a_bare_category_leaves_it_to_the_title() -> None:
    """"学校名称" first, then "男" before the total: the name is no count the category could split;
    the title names whom the table counts."""
    assert misread("全区在编在职教职工统计表", "school", [
        ([], '学校名称', 'school.name'),
        ([], '男', 'status=1;establishment=1;gender=1'),
        ([], '合计', 'status=1;establishment=1'),
    ]) == []
    # After a stored number of others (在校学生数), a bare category is still no part of the staff.
    assert misread("学校情况", "school", [
        ([], '在校学生数', 'school.enrolment'),
        ([], '男', None),
    ]) == []


def test_chinese_options_the_reader_does_not_know_are_another_classification() -> None:
    """"人员类别（教师/管理人员/后勤保障人员/保安人员）": one stored value named whole, one through a word, the
    rest unknown Chinese: the form's own classes, which the stored post type cannot hold."""
    assert misread("教职工体检登记", "roster", [
        ([], '姓名', 'teacher.name'),
        ([], '人员类别（教师/管理人员/后勤保障人员/保安人员）', None),
        ([], '岗位类别（专任教师/行政人员/教辅人员/工勤人员）', 'teacher.post_type'),
    ]) == []


def test_numbered_choices_after_the_school_ask_which_kind_not_its_name() -> None:
    """"本校是：①完小 ②教学点 ③九年一贯制学校": numbered choices ask which one, never a name written
    in parts, wherever the question sits on the form."""
    assert misread("乡村学校调查（校长卷）", "school", [
        ([], '1. 本校是：①完小 ②教学点 ③九年一贯制学校', None),
        ([], '2. 本校在校学生____人', 'school.enrolment'),
        ([], '3. 本校名称', 'school.name'),
    ]) == []


def test_asking_before_whom_to_ask_adds_nothing() -> None:
    """"（不清楚可询问教务处）", "（如不确定，请咨询人事干部）": where to find the answer, with the asking
    before whom; a word of what someone does ("（心理咨询）") is no such note."""
    assert misread("教师问卷", "roster", [
        ([], '您所在学校的学校标识码（不清楚可询问学校办公室）', 'teacher.school_code'),
        ([], '您的出生日期（如不确定，请咨询人事干部）', 'teacher.birth_date'),
    ]) == []
    assert misread("教师问卷", "roster", [([], '任教学科（心理咨询）', None)]) == []


def test_a_row_naming_its_own_people_ends_a_merged_block() -> None:
    """After "学生 / 合计", "专任教师数" names its own people: the "其中：女" after it refines the teachers,
    not the students of the block above."""
    assert misread("学校基本情况", "school", [
        (['在校学生'], '合计', 'school.enrolment'),
        ([], '专任教师数', 'FT'),
        ([], '其中：女', 'FT;gender=2'),
    ]) == []


def test_options_giving_a_value_of_teachers_ask_that_value() -> None:
    """"您是：①在编教师 ②编外（聘用）教师": the teacher word says whose the value is; the options are
    values of one field. Options naming people the records never hold, or only posts, do not."""
    assert misread("教师调查问卷", "roster", [
        ([], '您目前是：①在编教师 ②编外（聘用）教师', 'teacher.establishment'),
        ([], '您是：①男教师 ②女教师', 'teacher.gender'),
    ]) == []
    assert misread("教师调查问卷", "roster", [([], '您目前是：①在编教师 ②代课教师', None)]) == []


def test_which_one_of_a_kind_is_a_question_word() -> None:
    """"哪一门课", "哪一个" ask which, as "哪门课" does."""
    assert misread("教师调查问卷", "roster", [
        ([], '您本学期主要教哪一门课？', 'teacher.subject'),
        ([], '您现在的最高学历是哪一个？', 'teacher.education'),
    ]) == []


def test_the_schools_size_over_its_measures_names_no_one() -> None:
    """"规模：在校学生数", "规模：教职工数": the school's size measured by what follows; "学校规模" alone
    asks a size the records do not hold."""
    assert misread("学校地名信息表", "school", [
        ([], '规模：在校学生数', 'school.enrolment'),
        ([], '规模：在职教职工数', 'status=1'),
    ]) == []
    assert misread("学校地名信息表", "school", [([], '学校规模', None)]) == []


def test_the_standardised_name_and_address_are_the_schools_own() -> None:
    """"标准名称", "标准地址": a register's standardised form of the school's name and address. A
    standard of something else ("编制标准", a quota; "补贴标准", a rate) is no such value."""
    assert misread("学校地名采集", "school", [
        ([], '学校标准名称', 'school.name'),
        ([], '标准地址', 'school.address'),
    ]) == []
    assert misread("学校地名采集", "school", [([], '编制标准', None), ([], '补贴标准（元/人）', None)]) == []


def test_a_bracket_naming_the_kind_of_school_after_school_is_the_school() -> None:
    """"学校（村小）名称": the school filling the form in, whichever kind it is. Alone, a village school or a
    teaching point may be a centre school's own (other schools): it stays unread."""
    assert misread("乡村学校基本情况", "school", [
        ([], '学校（教学点）名称', 'school.name'),
        ([], '学校(村小、教学点)地址', 'school.address'),
        ([], '学校（村小）专任教师', 'FT'),
    ]) == []
    assert misread("中心校报表", "school", [([], '村小专任教师数', None), ([], '教学点名称', None)]) == []


def test_a_county_level_division_is_the_schools_county() -> None:
    assert misread("学校地名采集", "school", [([], '学校所在县级行政区划代码', 'school.region_code')]) == []
    assert misread("学校地名采集", "school", [([], '县级行政区', 'school.region_code')]) == []
