"""The staff export of the national teacher management information system (全国教师管理信息系统,
教职工基本信息): its Chinese column headers mapped to the dictionary's teacher columns, its code
values made the dictionary's.

The export names columns in its own words (身份证件号, 参加工作年月, 是否在编 …), carries more
columns than the dictionary holds (政治面貌, 婚姻状况 …: left out), writes many values as "code
+ label" ("1-男", "01汉族", "21 大学本科毕业"), uses the full GB/T 4658 education codes where the
dictionary groups them as education statistics do, year-months for dates ("2008-09", "200809",
"2008年9月") and 是/否 for the establishment. Rows keep their sheet line, so row problems name the
line the administrator sees. Validation and the all-or-nothing rule are the import's own
(service.domain.imports): this module only reads.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from connectors.base import Importer, UnreadableFile, register_importer
from connectors.csv_file import CsvImporter
from connectors.workbook import first_sheet, rows, width_of

NAME = "national-teachers"
ROW = "__row"

# The export's headers (several wordings across versions of the system) -> dictionary columns.
COLUMNS = {
    "教职工号": "id", "教职工编号": "id", "工号": "id",
    "姓名": "name",
    "性别": "gender",
    "出生日期": "birth_date",
    "身份证件号": "id_number", "身份证件号码": "id_number", "身份证号": "id_number", "身份证号码": "id_number",
    "民族": "ethnicity",
    "学历": "education", "最高学历": "education",
    "专业技术职务": "title", "专业技术职称": "title", "现任专业技术职务": "title",
    "任教学科": "subject", "主要任教学科": "subject",
    "岗位类别": "post_type",
    "是否在编": "establishment",
    "从教起始年月": "teaching_start", "从教年月": "teaching_start", "参加教育工作年月": "teaching_start",
    "学校标识码": "school_code", "单位标识码": "school_code", "学校代码": "school_code",
    "人员状态": "status", "在职状态": "status",
}
DATES = {"birth_date", "teaching_start"}
CODED = {"gender", "ethnicity", "education", "title", "subject", "post_type", "establishment", "status"}
# Wordings of the export that are not labels or aliases in the dictionary's code lists.
VALUES: dict[str, dict[str, str]] = {
    "establishment": {"是": "1", "否": "2"},
    "status": {"在职": "1", "在岗": "1", "退休": "2", "离休": "2", "离退休": "2", "调出": "3", "调离": "3", "离职": "3",
               "辞职": "3"},
    "post_type": {"工勤技能人员": "4", "工勤技能": "4", "专任教师岗": "1", "管理人员": "2", "教学辅助人员": "3"},
}
_CODE_LABEL = re.compile(r"^\s*([0-9A-Za-z]{1,4})\s*[-－—:：.、\s]?\s*([^\d\s].*)$")
_STAGE = re.compile(r"^(小学|初中|高中|中学|初级中学|高级中学)(?=\S)")
_YEAR_MONTH = re.compile(r"^\s*(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*$")


def _education(code: str) -> str | None:
    """GB/T 4658-2006 codes grouped as the dictionary's education list: 11-13 doctoral, 14-19
    master's, 2x bachelor's, 3x associate, 4x secondary vocational, 6x senior high, 7x-9x below."""
    if not (len(code) == 2 and code.isdigit()):
        return None
    n = int(code)
    if 11 <= n <= 13:
        return "11"
    if 14 <= n <= 19:
        return "14"
    return {2: "21", 3: "31", 4: "41", 6: "61", 7: "71", 8: "71", 9: "71"}.get(n // 10)


def _coded(column: str, value: str) -> str:
    """A "code+label" value as the word the dictionary knows: the label (the export's code tables
    are not all the dictionary's), except for education, whose national code is grouped."""
    value = value.strip()
    m = _CODE_LABEL.match(value)
    code, label = (m.group(1), m.group(2).strip()) if m else (value, value)
    if column == "education":
        grouped = _education(code)
        if grouped:
            return grouped
    if column == "subject":
        label = _STAGE.sub("", label)
    return VALUES.get(column, {}).get(label, label)


def _date(value: Any) -> str | None:
    """A date or a year-month as YYYY-MM-DD (the first of the month when only the month is given)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{6}|\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}" + (f"-{text[6:]}" if len(text) == 8 else "")
    m = _YEAR_MONTH.match(text)
    if not m or not m.group(2):
        return text  # left as given: validation names it
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3) or 1):02d}"


def _rows(path: Path) -> list[tuple[int, list[Any]]]:
    if path.suffix.lower() in (".csv", ".txt"):
        table = CsvImporter().read(path)
        return [(1, list(table.column_names))] + [
            (i, list(r.values())) for i, r in enumerate(table.to_pylist(), start=2)]
    with first_sheet(path) as ws:  # connectors/workbook.py: bombs, entities, lying dimensions
        # The header is among the first ten rows: the widest of them sets how wide every row is read.
        top = [len(r) for r in ws.iter_rows(max_row=10, values_only=True)]
        width = width_of(ws, [None] * max(top, default=0), 1 + top.index(max(top)) if top else 1)
        return [(line, list(r)) for line, r in rows(ws, 1, width)]


def _header(rows: list[tuple[int, list[Any]]], name: str) -> int:
    """The export's header row: the first (of its first ten) naming three of its known columns."""
    for i, (_, row) in enumerate(rows[:10]):
        if sum(1 for v in row if v is not None and str(v).strip() in COLUMNS) >= 3:
            return i
    raise UnreadableFile(f"{name}: not a national teacher system export (no header row with 姓名, 性别, 身份证件号 …)")


class NationalTeachersImporter(Importer):
    """Chosen by name (`--format national-teachers`): its files are ordinary .xlsx or .csv."""

    name = NAME
    suffixes = ()

    def read(self, path: Path) -> pa.Table:
        rows = _rows(path)
        at = _header(rows, path.name)
        header = [str(v).strip() if v is not None else "" for v in rows[at][1]]
        keep = {i: COLUMNS[h] for i, h in enumerate(header) if h in COLUMNS}
        seen: dict[str, int] = {}
        for i, column in sorted(keep.items()):
            if column in seen:  # two wordings of one column: the first is kept, the other left out
                del keep[i]
            seen.setdefault(column, i)
        out: dict[str, list[str | None]] = {c: [] for c in keep.values()}
        lines: list[int] = []
        for line, row in rows[at + 1:]:
            if all(v is None or str(v).strip() == "" for v in row):
                continue
            lines.append(line)
            for i, column in keep.items():
                v = row[i] if i < len(row) else None
                if v is None or str(v).strip() == "":
                    out[column].append(None)
                elif column in DATES:
                    out[column].append(_date(v))
                elif column in CODED:
                    out[column].append(_coded(column, str(v)))
                else:
                    out[column].append(str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip())
        return pa.Table.from_arrays([*(pa.array(v, pa.string()) for v in out.values()), pa.array(lines, pa.int64())],
                                    names=[*out, ROW])


register_importer(NationalTeachersImporter())
