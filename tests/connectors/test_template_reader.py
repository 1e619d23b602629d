"""Reading printed forms: any header tree, drawn the ways departments draw it, reads back as the
same columns with the same header paths; and the readers' edge cases."""

from __future__ import annotations

import io
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from connectors.base import form_reader_for
from connectors.template import clean, unit_of, unit_type
from tests.connectors import sheets

WORDS = ["专任教师", "教职工", "合计", "其中", "女", "少数民族", "35岁以下", "博士", "硕士", "本科", "高级", "一级",
         "在校生", "班级数", "校舍面积", "男", "计", "小学", "初中", "Total", "Female", "Teachers", "Staff"]


@dataclass
class Node:
    label: str
    children: list[Node]


def _distinct(parent: str, children: list[Node]) -> bool:
    labels = [c.label for c in children]
    return len(set(labels)) == len(labels) and parent not in labels


def trees(depth: int) -> st.SearchStrategy[Node]:
    """Header trees as forms print them: siblings differ, and a child differs from its parent."""
    leaf = st.builds(Node, st.sampled_from(WORDS), st.just([]))
    if depth == 1:
        return leaf
    parent = st.builds(Node, st.sampled_from(WORDS), st.lists(trees(depth - 1), min_size=2, max_size=3))
    return st.one_of(leaf, parent.filter(lambda n: _distinct(n.label, n.children)))


def leaves(node: Node, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if not node.children:
        return [(*path, node.label)]
    return [p for c in node.children for p in leaves(c, (*path, node.label))]


def height(node: Node) -> int:
    return 1 + max((height(c) for c in node.children), default=0)


def draw(forest: list[Node], style: str, title: bool, units_row: bool, numbers_row: bool) -> tuple[bytes, list[tuple[str, ...]]]:
    """The forest as a header band: parents merged across their children ("merged"), or written once
    and left unmerged over blank cells ("unmerged"), or repeated over each child ("repeated");
    leaves merged down to the band's last row. A school-name column first, a blank spacer after it."""
    wb = Workbook()
    ws = wb.active
    top = 3 if title else 1
    if title:
        ws.cell(row=1, column=1, value="2026年各校情况统计表")
        ws.cell(row=2, column=8, value="单位：人")
    rows = max(height(n) for n in forest)
    ws.cell(row=top, column=1, value="学校名称")
    if rows > 1:
        ws.merge_cells(start_row=top, start_column=1, end_row=top + rows - 1, end_column=1)
    col = 3  # column B is a blank spacer

    def place(node: Node, row: int, first: int) -> int:
        """Write `node` at (row, first); return the next free column."""
        if not node.children:
            ws.cell(row=top + row, column=first, value=node.label)
            if row < rows - 1:
                ws.merge_cells(start_row=top + row, start_column=first, end_row=top + rows - 1, end_column=first)
            return first + 1
        nxt = first
        for child in node.children:
            nxt = place(child, row + 1, nxt)
        if style == "merged":
            ws.cell(row=top + row, column=first, value=node.label)
            ws.merge_cells(start_row=top + row, start_column=first, end_row=top + row, end_column=nxt - 1)
        elif style == "unmerged":
            ws.cell(row=top + row, column=first, value=node.label)
        else:
            for c in range(first, nxt):
                ws.cell(row=top + row, column=c, value=node.label)
        return nxt

    expected: list[tuple[str, ...]] = [("学校名称",)]
    for node in forest:
        col = place(node, 0, col)
        expected += leaves(node)
    below = top + rows
    if numbers_row:
        for c in range(1, col):
            ws.cell(row=below, column=c, value=c)
        below += 1
    if units_row:
        for c in range(3, col):
            ws.cell(row=below, column=c, value="人")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), expected


@given(forest=st.lists(trees(3), min_size=1, max_size=3, unique_by=lambda n: n.label).filter(
           lambda f: "学校名称" not in [n.label for n in f]), style=st.sampled_from(["merged", "unmerged", "repeated"]),
       title=st.booleans(), units_row=st.booleans(), numbers_row=st.booleans())
def test_any_header_tree_reads_back_as_its_columns(forest: list[Node], style: str, title: bool, units_row: bool,
                                                   numbers_row: bool) -> None:
    data, expected = draw(forest, style, title, units_row, numbers_row)
    form = form_reader_for(data).read(data)
    got = [(*q.headers, q.label) for q in form.questions]
    assert got == expected
    assert not any(q.ref.startswith("B") for q in form.questions)  # the blank spacer is no column
    assert form.layout["data_first"] == form.layout["header_last"] + 1 + int(units_row) + int(numbers_row)


def test_repeated_parents_read_as_parents() -> None:
    data = sheets.staff_three_levels()
    form = form_reader_for(data).read(data)
    paths = {q.ref: (*q.headers, q.label) for q in form.questions}
    assert paths["G5"] == ("学生", "在校生数") and paths["H5"] == ("学生", "班级数")


def test_layout_cells_read_as_printed() -> None:
    assert clean("专任\n教师") == "专任教师" and clean("学　校") == "学校" and clean("其中：\n女") == "其中：女"
    assert clean("Full-time\nteachers") == "Full-time teachers" and clean(12.0) == "12"
    assert unit_of("（单位：人）") == "人" and unit_of("校舍面积（平方米）") == "平方米" and unit_of("学校（盖章）") is None
    assert unit_of("No.") is None and unit_of("人", bare=True) == "人"
    assert (unit_type("人"), unit_type("万元"), unit_type("人、所"), unit_type("盖章")) == ("integer", "decimal", "integer", None)


def test_the_readers_layout_of_a_realistic_form() -> None:
    data = sheets.health_survey()
    form = form_reader_for(data).read(data)
    lay = form.layout
    assert (lay["header_first"], lay["header_last"], lay["data_first"], lay["total_row"], lay["footer_first"]) == (
        4, 5, 7, 7, 14)
    assert lay["title_ref"] == "A1" and lay["language"] == "zh"
    by_ref = {q.ref: q for q in form.questions}
    assert by_ref["F5"].unit == "人" and by_ref["A4"].role == "sequence"
    english = sheets.english_form()
    form = form_reader_for(english).read(english)
    by_ref = {q.ref: q for q in form.questions}
    assert by_ref["G3"].type == "boolean" and by_ref["F3"].type == "integer" and by_ref["F3"].unit == "persons"
    assert get_column_letter(3) == "C" and by_ref["C3"].label == "School name"
