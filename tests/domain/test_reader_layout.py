"""The layout rules the metamorphic probe (test_reader_metamorphic_layout.py) asked for, each in
wordings of its own: a form read the same however its table is laid out, and what must stay `new`
under any layout."""

from __future__ import annotations

from service.domain.semantics.context import colon_path, flattened
from tests.domain.test_semantics import D, misread


def test_a_header_giving_only_a_unit_or_a_section_is_no_part_of_the_path() -> None:
    assert not misread("教师基本情况统计表", "school", [
        (["计量单位：人"], "专任教师数", "FT"),
        (["计量单位：人"], "其中：女", "FT;gender=2"),
        (["第三部分"], "教职工总数", "status=1"),
        (["（人）"], "离退休人员", "status=2"),
    ])
    assert not misread("Teaching staff return", "school", [
        (["Unit: persons", "Teachers"], "Total", "FT"),
        (["Unit: persons", "Teachers"], "Men", "FT;gender=1"),
        (["Part C"], "Number of staff on contract", "status=1;establishment=2"),
    ])
    # A unit names nobody, so a bare category under it still has no population; a numbered section
    # that names people is a header like any other; "另有" still sets people apart from the table's.
    assert not misread("Form", "school", [(["单位：人"], "女", None), (["Unit: persons"], "Aged 50 and over", None)])
    assert not misread("学校情况表", "school", [
        (["二、专任教师情况"], "合计", "FT"),
        (["二、专任教师情况"], "女", "FT;gender=2"),
        (["单位：人", "另有"], "代课教师", None),
    ])


def test_a_forms_number_before_its_title_is_not_read_as_its_subject() -> None:
    assert not misread("教基1234 专任教师学历情况（人）", "school", [([], "合计", "FT"), ([], "本科", "FT;education=21")])
    assert not misread("表号：人社统J101 教职工情况", "school", [([], "合计", "status=1"), ([], "其中：女", "status=1;gender=2")])
    assert not misread("专任教师年龄情况（表号：教基1005）", "school", [([], "合计", "FT"), ([], "60岁及以上", "FT;age=60..")])
    # The attachment a table is sent as, before its own number.
    assert not misread("附件2：表3 专任教师年龄情况", "school", [([], "合计", "FT"), ([], "其中：女", "FT;gender=2")])
    assert not misread("Annex 4: Table 7-2 Teaching staff by age", "school", [([], "Total", "FT"), ([], "Aged 60 and over", "FT;age=60..")])
    # The number takes nothing from whom the title counts: pupils stay pupils.
    assert not misread("教基3412 在校学生情况", "school", [([], "合计", None), ([], "其中：女", None)])


def test_a_header_of_which_over_rows_reads_as_of_which_before_each() -> None:
    assert not misread("教职工情况", "school", [
        (["专任教师"], "合计", "FT"),
        (["专任教师", "其中"], "女", "FT;gender=2"),
        (["专任教师", "其中"], "少数民族", "FT;ethnicity!=01"),
        (["专任教师", "其中"], "保育员", None),
    ])
    assert not misread("Staffing return", "school", [
        ([], "Teachers", "FT"),
        (["Of which"], "women", "FT;gender=2"),
        (["Of which"], "class teachers", None),
    ])
    # The total just above, whatever headers it had: a "其中" header under a flat list of totals.
    assert not misread("教职工结构情况（人）", "school", [
        ([], "教职工数", "status=1"),
        (["其中"], "女", "status=1;gender=2"),
        ([], "专任教师数", "FT"),
        (["其中"], "研究生", "FT;education=11,14"),
        (["其中"], "高级及以上职称", "FT;title=1,2"),
    ])
    assert not misread("Young teachers survey", "school", [
        ([], "Teachers aged 35 and under", "FT;age=..35"),
        (["Of which"], "men", "FT;gender=1;age=..35"),
        (["Of which"], "party members", None),
    ])
    # Numbered rows keep their number first: "02 女" under "其中" is "02 其中：女".
    assert not misread("教职工情况", "school", [
        ([], "01 教职工总数", "status=1"),
        (["其中"], "02 女", "status=1;gender=2"),
        (["其中"], "03 在编", "status=1;establishment=1"),
    ])


def test_a_dash_after_a_chinese_word_or_spaced_between_words_parts_a_path() -> None:
    assert flattened([], "专任教师-其中女-35岁以下") == (["专任教师", "其中女"], "35岁以下")
    assert flattened([], "Teaching staff - Female") == (["Teaching staff"], "Female")
    # Not a range, a unit after the dash, or a word joined by a hyphen.
    for whole in ("30岁-40岁", "30岁（含）-40岁（不含）", "Aged 25 - 29", "Full-time teachers", "在编-人数", "三十-四十岁"):
        assert flattened([], whole) == ([], whole)
    assert not misread("学校教职工情况", "school", [
        ([], "专任教师-女", "FT;gender=2"),
        ([], "编外-专任教师", "FT;establishment=2"),
        ([], "在编-人数", "status=1;establishment=1"),
        ([], "在校学生-女", None),
    ])
    assert not misread("Staff return", "school", [([], "Teachers - Female", "FT;gender=2"), ([], "Pupils - Female", None)])


def test_a_spaced_arrow_before_a_band_with_its_own_bound_parts_a_path() -> None:
    assert flattened([], "年龄 > 30岁（含）以下") == (["年龄"], "30岁（含）以下")
    assert flattened([], "Teachers > 60 years and over") == (["Teachers"], "60 years and over")
    # A bare number after it compares.
    assert flattened([], "Age > 55") == ([], "Age > 55")
    assert flattened([], "年龄 > 50岁") == ([], "年龄 > 50岁")
    assert not misread("专任教师年龄结构", "school", [
        ([], "专任教师年龄结构 > 31-40岁", "FT;age=31..40"),
        ([], "Teachers by age > 55 and over", "FT;age=55.."),
    ])


def test_a_colon_after_a_header_parts_a_path_but_not_after_of_which_or_in_a_question() -> None:
    assert colon_path([], "按学历分：研究生", D) == (["按学历分"], "研究生")
    assert colon_path([], "专任教师：女", D) == (["专任教师"], "女")
    assert colon_path([], "专仼教师：女", D) == (["专仼教师"], "女")  # a header typed with a slip is still one
    assert colon_path([], "学圣：女", D) == ([], "学圣：女")  # a slip of students is still no header of staff
    for whole in ("其中：女", "您的性别：", "是否在编：是|否", "学校名称：____", "学生：女", "贵校有多少专任教师：", "填表人：张三"):
        assert colon_path([], whole, D) == ([], whole)
    assert not misread("专任教师情况（人）", "school", [
        ([], "合计", "FT"),
        ([], "按学历分：研究生", "FT;education=11,14"),
        ([], "年龄：56岁及以上", "FT;age=56.."),
        ([], "按学段分：小学", None),
    ])
    assert not misread("Staff census", "school", [
        ([], "Teachers by age: 50 and over", "FT;age=50.."),
        ([], "Pupils: girls", None),
    ])


def test_a_row_code_before_a_word_opening_with_a_measure_character_is_still_a_code() -> None:
    assert not misread("学校基本情况", "school", [
        ([], "02 所在县（市、区）", "school.region_code"),
        ([], "06 年满五十周岁的女教师", "FT;gender=2;age=50.."),
        ([], "07 年龄未满30岁的专任教师", "FT;age=..29"),
    ])


def test_a_rows_number_before_a_path_belongs_to_the_column_not_its_first_header() -> None:
    assert flattened([], "09 专任-本科") == (["专任"], "本科")
    assert flattened([], "12. Teaching staff > Female") == (["Teaching staff"], "Female")
    assert not misread("教师队伍情况汇总", "school", [
        ([], "08 专任-合计", "FT"),
        ([], "09 专任-本科及以上", "FT;education=11,14,21"),
        ([], "10 专任-其他", "FT;education!=11,14,21"),
    ])


def test_of_which_before_a_path_mark_is_a_path_not_options() -> None:
    assert not misread("专任教师学历情况（人）", "school", [
        ([], "合计", "FT"),
        ([], "其中：女|合计", "FT;gender=2"),
        ([], "其中：女|本科", "FT;gender=2;education=21"),
    ])


def test_the_numbering_before_a_wording_is_taken_as_printed() -> None:
    from service.domain.semantics.text import numbering

    assert numbering("Question 6: FT Tchrs - F") == "Question 6: "  # words inside the numbering
    assert numbering("（二） 专任教师") == "（二） "
    assert numbering("Question 1 of 16: What is your sex?") == "Question 1 of 16: "
    assert not misread("Staff return", "school", [([], "Question 6: FT Tchrs - F", "FT;gender=2")])



def test_rows_naming_their_population_in_a_flattened_path_leave_a_row_after_them_apart() -> None:
    """"专任教师-合计", "专任教师-女" name whom they count, as "专任教师女" would: a row after them that
    names nobody ("在编-人数") is none of their parts, but of the staff above."""
    assert not misread("学年初教师情况快报", "school", [
        ([], "教职工总数", "status=1"),
        ([], "专任教师-合计", "FT"),
        ([], "专任教师-女", "FT;gender=2"),
        ([], "在编-人数", "status=1;establishment=1"),
        ([], "编外-人数", "status=1;establishment=2"),
    ])
    # Under a total printed once, the rows after it are its parts.
    assert not misread("专任教师情况", "school", [
        ([], "专任教师-合计", "FT"),
        ([], "其中：在编", "FT;establishment=1"),
    ])
