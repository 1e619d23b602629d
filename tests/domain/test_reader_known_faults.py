"""Known faults of the reader, each fixed as a general rule, with the traps beside them that must read as
before: Latin after Chinese that romanises words the Chinese does not print."""

from __future__ import annotations

from service.domain.semantics import match_field
from tests.domain.test_semantics import misread


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
