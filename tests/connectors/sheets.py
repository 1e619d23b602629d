"""Department workbooks as departments make them, built with openpyxl: decorative title blocks,
merged multi-row headers, 其中 columns, units rows, the school column in the middle, column
numbers, total rows, blank spacer columns and notes."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.datavalidation import DataValidation

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _box(ws: Any, rows: range, cols: range) -> None:
    for r in rows:
        for c in cols:
            ws.cell(row=r, column=c).border = BOX
            ws.cell(row=r, column=c).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def health_survey() -> bytes:
    """The health commission's form: title merged across, 表号 and units in the title block, a
    two-row header with 专任教师 over 合计 / 其中：女 / 35岁以下, the school name in the middle
    (after region and type), a blank spacer column, column numbers, a total row, notes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "健康体检"
    ws.merge_cells("A1:K1")
    ws["A1"] = "2026年全省中小学校教职工健康情况统计表"
    ws["A1"].font = Font(size=16, bold=True)
    ws["A2"] = "填报单位（盖章）："
    ws["I2"] = "表号：湘卫统3表"
    ws["K3"] = "（单位：人）"
    for ref, text in [("A4", "序号"), ("B4", "所在区县"), ("C4", "学校类别"), ("D4", "学校名称"),
                      ("E4", "专任教师"), ("I4", "在校学生"), ("K4", "学校地址")]:
        ws[ref] = text
    ws.merge_cells("A4:A5")
    ws.merge_cells("B4:B5")
    ws.merge_cells("C4:C5")
    ws.merge_cells("D4:D5")
    ws.merge_cells("E4:G4")
    ws.merge_cells("I4:J4")
    ws.merge_cells("K4:K5")
    ws["E5"], ws["F5"], ws["G5"] = "专任教师数", "其中：女", "其中：\n35岁以下"
    ws["I5"], ws["J5"] = "在校生数", "近视\n学生数"
    for c, t in zip("ABCDEFGIJK", ["甲", "乙", "丙", "丁", 1, 2, 3, 4, 5, 6], strict=True):
        ws[f"{c}6"] = t
    ws["D7"] = "合计"
    _box(ws, range(4, 13), range(1, 12))
    ws.column_dimensions["H"].width = 2
    ws.column_dimensions["D"].width = 30
    ws.merge_cells("A14:K14")
    ws["A14"] = "注：1. 专任教师按在职人员统计。2. 近视学生数以2026年秋季体检结果为准。"
    ws["A15"], ws["E15"], ws["I15"] = "填表人：", "联系电话：", "填报日期："
    return _save(wb)


def staff_three_levels() -> bytes:
    """Three header rows: 教职工 over 合计 / 专任教师 (left unmerged over blank cells) / 行政人员,
    专任教师 over 小计 / 女 / 50岁及以上; school code first; a units row under the leaves; a
    subtitle; text repeated instead of merged for the second group; a note at the end."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "各校教职工情况"
    ws["A1"].font = Font(size=14, bold=True)
    ws["A2"] = "（2026年9月1日）"
    ws["A4"] = "学校标识码"
    ws.merge_cells("A4:A6")
    ws["B4"] = "教职工"
    ws.merge_cells("B4:F4")
    ws["B5"] = "合计"
    ws.merge_cells("B5:B6")
    ws["C5"] = "专任教师"  # unmerged, blank cells D5:E5 to its right
    ws["C6"], ws["D6"], ws["E6"] = "小计", "女", "50岁及以上"
    ws["F5"] = "行政人员"
    ws.merge_cells("F5:F6")
    ws["G4"], ws["H4"] = "学生", "学生"  # repeated, not merged
    ws["G5"], ws["H5"] = "在校生数", "班级数"
    ws.merge_cells("G5:G6")
    ws.merge_cells("H5:H6")
    for c in "BCDEFGH":
        ws[f"{c}7"] = "人" if c != "H" else "个"
    _box(ws, range(4, 15), range(1, 9))
    ws["A16"] = "说明：数据截至2026年9月1日。"
    return _save(wb)


def english_form() -> bytes:
    """An English form: the school name in column C after a running number and a district, a
    decimal column with a number format, a yes/no list validation."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Teachers"
    ws["A1"] = "School staffing return 2026"
    ws["A1"].font = Font(size=15, bold=True)
    ws.merge_cells("A1:G1")
    ws["A3"], ws["B3"], ws["C3"], ws["D3"], ws["F3"], ws["G3"] = (
        "No.", "District", "School name", "Full-time teachers", "Enrolment (persons)", "Has a school nurse")
    ws.merge_cells("D3:E3")
    ws["D4"], ws["E4"] = "Total", "Of which: female"
    for c in "ABCFG":
        ws.merge_cells(f"{c}3:{c}4")
    dv = DataValidation(type="list", formula1='"Yes,No"')
    ws.add_data_validation(dv)
    dv.add("G5:G40")
    _box(ws, range(3, 10), range(1, 8))
    return _save(wb)


def unreadable() -> bytes:
    """A sheet with only a title and one heading: no header row to read."""
    wb = Workbook()
    ws = wb.active
    ws.title = "封面"
    ws["B2"] = "请各校于9月30日前报送"
    ws["B4"] = "学校名称"
    return _save(wb)


def answered_form() -> bytes:
    """A small form every column of which the store can answer: it comes back filled at once."""
    wb = Workbook()
    ws = wb.active
    ws.title = "师资"
    ws.merge_cells("A1:E1")
    ws["A1"] = "各校专任教师与在校生情况"
    ws["A1"].font = Font(size=14, bold=True)
    ws["E2"] = "单位：人"
    ws["A3"], ws["B3"], ws["C3"], ws["E3"] = "学校名称", "专任教师", None, "在校生数"
    ws.merge_cells("B3:D3")
    ws["B4"], ws["C4"], ws["D4"] = "专任教师数", "其中：女", "其中：高级教师"
    ws.merge_cells("A3:A4")
    ws.merge_cells("E3:E4")
    _box(ws, range(3, 9), range(1, 6))
    ws.column_dimensions["A"].width = 26
    ws["A10"] = "注：按2026年9月1日在职人员统计。"
    return _save(wb)


def roster_form() -> bytes:
    """A roster: one row per teacher, the school's name in the second column, an ID number column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    ws["A1"] = "教师信息登记表"
    ws["A1"].font = Font(size=14, bold=True)
    for c, t in zip("ABCDEFG", ["序号", "学校名称", "姓名", "性别", "出生日期", "专业技术职务", "身份证号"], strict=True):
        ws[f"{c}2"] = t
    _box(ws, range(2, 6), range(1, 8))
    return _save(wb)
