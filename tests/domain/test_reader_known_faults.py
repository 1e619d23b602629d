"""Known faults of the reader, each fixed as a general rule, with the traps beside them that must read as
before: Latin after Chinese that romanises words the Chinese does not print; a column naming values its own
header rules out; someone else's values asked by the relationship alone before a colon ("Partner:")."""

from __future__ import annotations

from service.domain.semantics import match_field
from tests.domain.test_semantics import misread, read_form, where


def each(title: str, level: str, fields: list[tuple[list[str], str, str | None]]) -> list[str]:
    """misread, each field on a form of its own: several of them would read alike once misread, and a
    form never asks one definition twice."""
    return [wrong for f in fields for wrong in misread(title, level, [f])]


def _why(label: str, level: str = "school") -> str:
    return match_field(label=label, level=level).reason  # type: ignore[arg-type]


# --- Latin after Chinese ----------------------------------------------------------------------------


def test_pinyin_of_words_the_chinese_does_not_print_leaves_the_field_new() -> None:
    """"gongzi" (工资, pay) after 专任教师 asks something of the teachers, not their number: pinyin that
    spells none of the characters before it is no gloss, whatever the pinyin that does spell them."""
    assert each("教职工情况", "school", [
        ([], '专任教师 Zhuanren jiaoshi gongzi', None),
        ([], '专任教师 Zhuānrèn jiàoshī gōngzī', None),
        ([], '教职工 xinchou', None),
        ([], '在编人数（bianwai）', None),
        (['专任教师'], '女 Nü nianling', None),
        ([], '少数民族专任教师 Full-time teachers butie', None),
    ]) == []
    assert "pinyin" in _why("专任教师 Zhuanren jiaoshi gongzi")


def test_pinyin_of_the_chinese_and_glosses_still_read() -> None:
    """Pinyin spelling the characters, or some of them, adds nothing (ü typed as "u" too: "女 Nu" is no
    Nu nationality); an English gloss the reader knows agrees, with its unit, code, number or footnote
    mark; a gloss in a language it does not read (Portuguese) is not pinyin and leaves the Chinese read."""
    assert each("教职工情况 Staff", "school", [
        ([], '专任教师 Zhuanren jiaoshi', 'school.ft_teachers'),
        ([], '教职工 Jiaozhigong', 'school.staff'),
        ([], '少数民族专任教师 Shaoshu minzu', 'FT;ethnicity!=01'),
        ([], '专任教师 Full-time teachers', 'school.ft_teachers'),
        ([], '女专任教师 Female full-time teachers', 'FT;gender=2'),
        (['专任教师 Full-time teachers'], '合计 Total', 'school.ft_teachers'),
        (['专任教师 Full-time teachers'], '女 Female', 'FT;gender=2'),
        (['专任教师'], '本科 Běnkē', 'FT;education=21'),
        (['专任教师'], '女 Nu', 'FT;gender=2'),
        ([], '专任教师数 No. of full-time teachers', 'school.ft_teachers'),
        (['专任教师'], '男 Male¹', 'FT;gender=1'),
        ([], '1. 教职工 Staff (persons)', 'school.staff'),
        ([], 'A01 行政人员 Administrators', 'status=1;post_type=2'),
        ([], '工勤人员* Workers', 'status=1;post_type=4'),
    ]) == []
    assert each("Dados do pessoal docente", "roster", [
        ([], '姓名 Nome', 'teacher.name'),
        ([], '出生日期 Data de nascimento', 'teacher.birth_date'),
        ([], '性别 Xingbie', 'teacher.gender'),
    ]) == []


# --- a column and its header --------------------------------------------------------------------------


def test_a_column_naming_values_its_header_rules_out_is_new() -> None:
    """"女教师 / 男": the header counts women, the column men; which one is a slip the reader cannot tell,
    so the column counts neither. The same for any field both name, and for ranges apart."""
    assert each("教师情况统计", "school", [
        (['女教师'], '合计', 'FT;gender=2'),
        (['女教师'], '男', None),
        (['女教师'], '其中：男', None),
        (['在编教职工'], '编外人员', None),
        (['研究生学历专任教师'], '本科', None),
        (['少数民族专任教师'], '汉族', None),
        (['35岁以下专任教师'], '50岁以上', None),
        (['Female teachers'], 'Male', None),
    ]) == []
    assert "女教师" in match_field(label="男", level="school", scene=where(["女教师"])).reason


def test_a_column_within_its_header_or_naming_its_own_population_reads() -> None:
    """A category within the header's, another field, or a population of its own (the wording names whom
    it counts, and the header's other conditions still hold) reads as before."""
    assert each("教师情况统计", "school", [
        (['女教师'], '博士', 'FT;gender=2;education=11'),
        (['35岁以下专任教师'], '30岁以下', 'FT;age=..30'),
        (['35岁以下专任教师'], '女', 'FT;gender=2;age=..35'),
        (['专任教师'], '女', 'FT;gender=2'),
        (['教职工'], '专任教师', 'school.ft_teachers'),
        (['教职工'], '退休', 'status=2'),
        (['女教师'], '退休人员', 'status=2;gender=2'),
        (['女教师'], '行政人员', 'status=1;post_type=2;gender=2'),
        (['研究生学历专任教师'], '硕士', 'FT;education=14'),
    ]) == []


def test_a_merged_cell_does_not_reach_a_row_naming_values_it_rules_out() -> None:
    """Rows printed without a header after a merged cell's first row are still under it, unless they name
    values it rules out: then the cell ended above them, and they read as printed."""
    assert misread("专任教师年龄结构统计表", "school", [
        ([], '合计', 'FT'),
        (['36—40岁'], '计', 'FT;age=36..40'),
        ([], '41至45岁-计', 'FT;age=41..45'),
        (['在编'], '计', 'FT;establishment=1'),
        ([], '女', 'FT;establishment=1;gender=2'),
        ([], '编外', 'FT;establishment=2'),
    ]) == []


def test_a_worksheets_name_still_rules_out_a_wider_population() -> None:
    """Pasted from another table, a sheet's name is weaker than a printed header: a column naming more
    staff or another status than it counts neither; a printed header over the same column does not."""
    assert each("多表合并", "school", [
        ([], '【Sheet2 女教师】男', None),
        ([], '【Sheet2 专任教师】教职工', None),
        ([], '【Sheet2 专任教师】退休人员', None),
        ([], '【Sheet3 专任教师】女', 'FT;gender=2'),
    ]) == []


# --- someone else's values -----------------------------------------------------------------------------


def test_a_relationship_before_a_colon_asks_that_persons_values() -> None:
    """"Partner: Male / Female" on a roster asks the partner's gender, which no record holds, as "My
    partner is:" does; so do a spouse, a child, a parent or a supervisor named alone before a colon."""
    assert each("Staff wellbeing survey", "roster", [
        ([], 'Partner: Male / Female', None),
        ([], 'Partner：Male/Female', None),
        ([], 'Q7 Partner: Male / Female / Prefer not to say', None),
        ([], 'Spouse: Male / Female', None),
        ([], 'Child: Male / Female', None),
        ([], 'Parent: Teacher / Administrator / Other', None),
        ([], 'Line manager: Male / Female', None),
        ([], 'Partner (if any): Male / Female', None),
        ([], '配偶：男 / 女', None),
        ([], '爱人：男/女', None),
    ]) == []


def test_the_teachers_own_values_and_partner_schools_are_not_someone_elses() -> None:
    """The teacher's own gender, and "partner" naming no person before a colon, read as before."""
    assert each("Staff survey", "roster", [
        ([], 'Gender: Male / Female', 'teacher.gender'),
        ([], 'Sex: Male / Female', 'teacher.gender'),
        ([], '性别：男 / 女', 'teacher.gender'),
    ]) == []
    assert read_form([{"label": "中方合作学校名称 Name of the Chinese partner school", "type": "text"},
                      {"label": "Partner school: code", "type": "text"}],
                     title="中外合作办学项目年度报告 Sino-foreign cooperative programme") == ["school.name", None]
