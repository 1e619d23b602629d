"""A department's own Excel form, read as printed and written back filled.

Printed statistics forms share a grammar, which the reader follows rather than any one form:
a title block (a title merged across the sheet, subtitles, "表号：…", "填报单位：…", "单位：人"),
then a header band (cells merged across for a parent and down for a leaf, or a parent left
unmerged over blank cells, or repeated over each of its columns), sometimes a row of column
numbers ("甲 乙 1 2 3") or of units under the leaves, then the data rows (blank, or a total row
"合计"), then notes ("注：…", "填表人：…"). Every column with a header is a question: its leaf
text is its label, the texts above it its headers. Units ("（人）", "单位：万元"), number formats and
data validations say what type a column holds when its wording does not.

Writing back keeps the department's sheet (title, headers, merged cells, widths, styles), replaces
the data rows with one row per school, moves the notes below them, and adds the provenance and
completion sheets. Every cell is written through connectors.typed_cells (no formula survives), and
nothing that would reach out when the school opens it is kept: links to other workbooks, data
connections, query tables, hyperlinks.
"""

from __future__ import annotations

import io
import re
import zipfile
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, BinaryIO
from xml.sax.saxutils import escape as xml_escape

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from connectors import workbook
from connectors.base import FormDefinition, FormReader, Question, UnreadableFile, register_form_reader
from connectors.typed_cells import cell_text, put

NAME = "xlsx-template"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS, MAX_COLS, HEADER_SEARCH = 5000, 200, 40
MAX_UNPACKED = 64 * 1024 * 1024  # a form's workbook unpacks to far less; more is a zip bomb
MAX_CELLS = 250_000  # in all its sheets: opened whole, a workbook costs about a kilobyte a cell
# A form's texts are its headings and notes, tens of kB; one sent back with 5,000 rows of last year's
# names and addresses still in it, about 2 MB. openpyxl reads them whole, twice per upload.
MAX_STRINGS = 4 * 1024 * 1024

# What a workbook reaches for when Excel opens it: dropped from the form sent back (fill).
_REACHING = {"externalLinks": "links to other workbooks", "connections.xml": "data connections",
             "queryTables": "web or database queries"}
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_WIDE = rf"{_CJK}\u3000-\u303f\uff00-\uffef"  # Chinese characters and full-width punctuation
_BESIDE_CJK = re.compile(rf"(?<=[{_WIDE}])\s+|\s+(?=[{_WIDE}])")
_NOTE = re.compile(
    r"^\s*(注|说明|备注|附注|附[:：]|填表说明|填报说明|填表人|填报人|制表人|制表|审核人|审核|负责人|单位负责人|联系人|"
    r"联系电话|电话|报出日期|填报日期|填表日期|Notes?\b|Remarks?\b|Prepared by|Contact)", re.IGNORECASE)
_LABEL_COLON = re.compile(r"^[^:：]{1,16}[:：]")
_BRACKETED = re.compile(r"^\s*[(（][^()（）]{1,12}[)）]\s*$")
_TOTAL = re.compile(r"^(全[省市县区镇乡]|本[市县区])?(合计|总计|共计|小计|总数)$|^(grand\s+)?total$", re.IGNORECASE)
_COLUMN_NUMBERS = set("甲乙丙丁戊己庚辛壬癸") | {"栏次", "行次", "栏号", "列号"}
_SEQUENCE = re.compile(r"^(序号|序|编号|行号|no\.?|#|s/?n|number)$", re.IGNORECASE)
_UNIT_SAID = re.compile(r"(?:计量)?单位\s*[:：]\s*([^\s)）,，;；]+)")
_UNIT_BRACKET = re.compile(r"[(（]\s*(?:单位\s*[:：]\s*)?([^()（）]{1,10}?)\s*[)）]\s*$")

# Units printed on forms, and what a column counted in them holds.
_INTEGER_UNITS = {
    "人", "名", "个", "所", "间", "台", "套", "册", "次", "班", "户", "件", "张", "辆", "座", "本", "节", "项", "门", "人次",
    "校", "处", "份", "篇", "种", "岁", "年", "天", "周", "课时", "学时", "persons", "person", "people", "number", "no.",
    "schools", "classes", "students", "teachers", "pupils", "times", "count", "headcount",
}
_DECIMAL_UNITS = {
    "元", "万元", "千元", "亿元", "平方米", "㎡", "m²", "m2", "平米", "米", "千米", "公里", "亩", "公顷", "小时", "%", "％",
    "yuan", "rmb", "cny", "usd", "sq m", "sqm", "km", "hours", "hrs", "percent",
}


_YES_NO = [{"是", "否"}, {"有", "无"}, {"yes", "no"}, {"y", "n"}]


def clean(value: Any) -> str:
    """A cell's text as printed: line breaks and spacing used for layout dropped beside Chinese
    characters ("专任\\n教师", "学　校", "其中：\\n女" read as written), other runs of space made one."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"\s+", " ", str(value)).strip()
    return _BESIDE_CJK.sub("", text)


def unit_of(text: str, *, bare: bool = False) -> str | None:
    """The unit a header states ("单位：人", "（人）", "(persons)"); with `bare`, a cell of a units
    row may also be the unit alone ("人")."""
    said = _UNIT_SAID.search(text)
    if said:
        return said.group(1)
    bracket = _UNIT_BRACKET.search(text)
    if bracket and unit_type(bracket.group(1)) is not None:
        return bracket.group(1)
    return text if bare and unit_type(text) is not None else None


def unit_type(unit: str) -> str | None:
    """integer for units of things counted, decimal for amounts and shares, None when unknown."""
    parts = [p.strip().lower() for p in re.split(r"[、,，/]", unit) if p.strip()]
    if parts and all(p in _INTEGER_UNITS for p in parts):
        return "integer"
    if parts and all(p in _INTEGER_UNITS | _DECIMAL_UNITS for p in parts):
        return "decimal"
    return None


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[+-]?\d+(\.\d+)?", text))


@dataclass(frozen=True)
class Column:
    """One question column of the template."""

    index: int  # 1-based
    ref: str  # the leaf header cell, e.g. "D5"
    label: str
    headers: tuple[str, ...]
    unit: str | None
    type_hint: str | None
    choices: tuple[str, ...] = ()
    role: str | None = None  # "sequence": a running number, not a question


@dataclass
class Layout:
    """Where things sit on the department's sheet; kept with the request to fill it back."""

    sheet: str
    title: str | None
    title_ref: str | None
    header_first: int
    header_last: int
    data_first: int
    data_last: int  # last row of the data area as sent (blank rows included)
    footer_first: int | None
    total_row: int | None
    total_at_end: bool
    language: str  # zh | en
    columns: list[Column] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "columns"}
        out["columns"] = [dict(c.__dict__, headers=list(c.headers), choices=list(c.choices)) for c in self.columns]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Layout:
        columns = [Column(**dict(c, headers=tuple(c["headers"]), choices=tuple(c["choices"]))) for c in data["columns"]]
        return cls(**{k: v for k, v in data.items() if k != "columns"}, columns=columns)


class _Grid:
    """The sheet's text by row and column, merged ranges resolved to their anchor cell."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.rows = min(ws.max_row, MAX_ROWS)
        self.cols = min(ws.max_column, MAX_COLS)
        self.text: dict[tuple[int, int], str] = {}
        for row in ws.iter_rows(min_row=1, max_row=self.rows, max_col=self.cols):
            for cell in row:
                if isinstance(cell, MergedCell) or cell.value is None:
                    continue
                t = clean(cell.value)
                if t:
                    self.text[(cell.row, cell.column)] = t
        self.anchor: dict[tuple[int, int], tuple[int, int, int, int]] = {}  # cell -> (r0, c0, r1, c1)
        for rng in ws.merged_cells.ranges:
            box = (rng.min_row, rng.min_col, min(rng.max_row, self.rows), min(rng.max_col, self.cols))
            for r in range(box[0], box[2] + 1):
                for c in range(box[1], box[3] + 1):
                    self.anchor[(r, c)] = box

    def at(self, r: int, c: int) -> str:
        """The text shown at (r, c): a merged range shows its anchor's text in every cell."""
        box = self.anchor.get((r, c))
        return self.text.get((box[0], box[1]) if box else (r, c), "")

    def box(self, r: int, c: int) -> tuple[int, int, int, int]:
        return self.anchor.get((r, c), (r, c, r, c))

    def anchored(self, r: int) -> list[tuple[int, str]]:
        """Cells of row r that start there (unmerged, or the top-left of a range), with text."""
        return [(c, t) for (rr, c), t in sorted(self.text.items()) if rr == r and self.box(r, c)[:2] == (r, c)]

    def blank(self, r: int) -> bool:
        return not any(self.at(r, c) for c in range(1, self.cols + 1))


def _info(text: str) -> bool:
    """Decoration of a title block or footer: "表号：…", "填报单位：", "单位：人", "（盖章）", notes."""
    return bool(_LABEL_COLON.match(text) or _BRACKETED.match(text) or _NOTE.match(text) or _UNIT_SAID.search(text))


def _column_numbers(cells: list[tuple[int, str]]) -> bool:
    """A row of column numbers under the headers: "甲 乙 1 2 3 …" or "栏次"."""
    texts = [t for _, t in cells]
    ints = [t for t in texts if t.isdigit() and int(t) <= 500]
    return len(texts) >= 2 and len(ints) >= 1 and all(t in _COLUMN_NUMBERS or t in ints for t in texts)


def _units_row(cells: list[tuple[int, str]]) -> bool:
    return bool(cells) and all(unit_of(t, bare=True) is not None and len(t) <= 12 for _, t in cells)


def _find_header(g: _Grid, where: str) -> int:
    for r in range(1, min(g.rows, HEADER_SEARCH) + 1):
        cells = g.anchored(r)
        if len({t for _, t in cells if not _info(t)}) >= 2 and not _column_numbers(cells):
            return r
    raise UnreadableFile(
        f"sheet '{where}': no header row found in the first {HEADER_SEARCH} rows "
        "(a header row has at least two column headings)", (where, "A1"))


def _incomplete(g: _Grid, first: int, last: int, span: range) -> tuple[list[tuple[int, int]], set[int]]:
    """What still needs sub-headers below row `last`: parents spanning several columns (merged, or
    one text repeated across), as (first, last) column pairs; and columns blank in every band row."""
    parents: list[tuple[int, int]] = []
    c = span.start
    while c < span.stop:
        deepest = next((r for r in range(last, first - 1, -1) if g.at(r, c)), None)
        if deepest is None:
            c += 1
            continue
        _, c0, _, c1 = g.box(deepest, c)
        if c1 == c0:  # unmerged: a run of one repeated text is a parent too
            while c1 + 1 < span.stop and g.at(deepest, c1 + 1) == g.at(deepest, c) and g.box(deepest, c1 + 1)[1] == c1 + 1:
                c1 += 1
        if c1 > c:
            parents.append((c, c1))
        c = max(c1, c) + 1
    blank = {c for c in span if not any(g.at(r, c) for r in range(first, last + 1))}
    return parents, blank


def _band(g: _Grid, first: int) -> int:
    """The last header row: merged ranges started in the band reach down to it, and a row below
    joins the band while it puts sub-headers under parents or blank columns that need them."""
    last = first
    while True:
        reach = max((g.box(r, c)[2] for r in range(first, last + 1) for c, _ in g.anchored(r)), default=last)
        if reach > last:
            last = reach
            continue
        nxt = last + 1
        if nxt > g.rows:
            return last
        cells = g.anchored(nxt)
        if not cells or _column_numbers(cells) or _units_row(cells) or any(_NOTE.match(t) for _, t in cells):
            return last
        span = range(1, g.cols + 1)
        parents, blank = _incomplete(g, first, last, span)
        under = any(len({t for c, t in cells if c0 <= c <= c1}) >= 2 for c0, c1 in parents)
        beside = any(c in blank and not _is_number(t) for c, t in cells) and any(c not in blank for c, _ in cells)
        if not (under or beside):
            return last
        last = nxt


def _paths(g: _Grid, first: int, last: int) -> dict[int, list[tuple[str, tuple[int, int, int, int]]]]:
    """Each column's header path, outermost first, with the range of each cell: merged cells count
    once, a text left unmerged over blank cells to its right covers the columns that have
    sub-headers below it, and a text repeated down or across counts once."""
    cols = range(1, g.cols + 1)
    shown: dict[tuple[int, int], tuple[str, tuple[int, int, int, int]]] = {}
    for r in range(first, last + 1):
        for c in cols:
            t = g.at(r, c)
            if t:
                shown[(r, c)] = (t, g.box(r, c))
        for c, t in g.anchored(r):
            if g.box(r, c)[3] != c or r == last:
                continue
            right = c + 1
            while (right <= g.cols and not g.at(r, right) and (r, right) not in g.anchor
                   and any(g.at(rr, right) for rr in range(r + 1, last + 1))):
                shown[(r, right)] = (t, (r, c, r, right))
                right += 1
    out: dict[int, list[tuple[str, tuple[int, int, int, int]]]] = {}
    for c in cols:
        path: list[tuple[str, tuple[int, int, int, int]]] = []
        for r in range(first, last + 1):
            if (r, c) not in shown:
                continue
            t, box = shown[(r, c)]
            if path and (path[-1][1] == box or path[-1][0] == t):
                continue
            path.append((t, box))
        if path:
            out[c] = path
    return out


def _type_hint(ws: Worksheet, col: int, row: int, unit: str | None) -> tuple[str | None, tuple[str, ...]]:
    """What the sheet says a column holds: its unit, a data validation, or the number format of its
    first data cell."""
    if unit is not None and unit_type(unit):
        return unit_type(unit), ()
    ref = f"{get_column_letter(col)}{row}"
    for dv in ws.data_validations.dataValidation:
        if ref not in dv.sqref:
            continue
        if dv.type == "list" and dv.formula1 and dv.formula1.startswith('"'):
            choices = tuple(x.strip() for x in dv.formula1.strip('"').split(",") if x.strip())
            if {c.lower() for c in choices} in _YES_NO:
                return "boolean", choices
            return "enum", choices
        kind = {"whole": "integer", "decimal": "decimal", "date": "date", "textLength": "text"}.get(dv.type or "")
        if kind:
            return kind, ()
    cell = ws.cell(row=row, column=col)
    if isinstance(cell, MergedCell):
        return None, ()
    fmt = cell.number_format or "General"
    if cell.is_date:
        return "date", ()
    if fmt in ("0", "#,##0", "0_ ", "#,##0_ "):
        return "integer", ()
    if re.fullmatch(r"[#,]*0\.0+.*|0(\.0+)?%", fmt):
        return "decimal", ()
    if fmt == "@":
        return "text", ()
    return None, ()


def read_layout(ws: Worksheet) -> Layout:
    """Find the title, header band, columns, data area, total row and notes of one sheet."""
    name = ws.title
    if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLS:
        raise UnreadableFile(f"sheet '{name}' is larger than a form template ({MAX_ROWS} rows, {MAX_COLS} columns)",
                             (name, f"{get_column_letter(min(ws.max_column, MAX_COLS + 1))}{min(ws.max_row, MAX_ROWS + 1)}"))
    g = _Grid(ws)
    first = _find_header(g, name)
    last = _band(g, first)
    paths = _paths(g, first, last)
    # Rows under the band that are decoration, not data: column numbers, units per column.
    data_first = last + 1
    column_units: dict[int, str] = {}
    while data_first <= g.rows:
        cells = g.anchored(data_first)
        if cells and _column_numbers(cells):
            data_first += 1
        elif cells and _units_row(cells):
            column_units |= {c: unit_of(t, bare=True) or t for c, t in cells}
            data_first += 1
        else:
            break
    # The title block: a sheet-wide unit ("单位：人") and the title (the largest type, else the first).
    sheet_unit: str | None = None
    title: tuple[str, str] | None = None
    best = -1.0
    for r in range(1, first):
        for c, t in g.anchored(r):
            said = _UNIT_SAID.search(t)
            if said:
                sheet_unit = said.group(1)
            elif not _info(t) and len(t) >= 4:
                size = float(ws.cell(row=r, column=c).font.sz or 11)
                if size > best:
                    best, title = size, (t, f"{get_column_letter(c)}{r}")
    footer, total, total_at_end = _data_area(g, data_first)
    data_last = (footer - 1) if footer else max(g.rows, data_first)
    columns: list[Column] = []
    for c, path in sorted(paths.items()):
        leaf, box = path[-1]
        if box[1] != c:  # a leaf merged across columns is one column, at its first
            continue
        own = unit_of(leaf) or next((u for t, _ in reversed(path[:-1]) if (u := unit_of(t))), None)
        own = own or column_units.get(c)
        # A unit stated once for the whole sheet does not say which columns are numbers: it is
        # kept as the column's unit, but only the column's own evidence gives its type.
        hint, choices = _type_hint(ws, c, data_first, own)
        unit = own or sheet_unit
        role = "sequence" if _SEQUENCE.match(leaf) and len(path) == 1 else None
        columns.append(Column(index=c, ref=f"{get_column_letter(c)}{box[0]}", label=leaf,
                              headers=tuple(t for t, _ in path[:-1]), unit=unit, type_hint=hint,
                              choices=choices, role=role))
    if not [c for c in columns if c.role is None]:
        raise UnreadableFile(f"sheet '{name}': the header row {first} has no question columns", (name, f"A{first}"))
    texts = " ".join([c.label for c in columns] + [title[0] if title else ""])
    language = "zh" if re.search(rf"[{_CJK}]", texts) else "en"
    return Layout(sheet=name, title=title[0] if title else None, title_ref=title[1] if title else None,
                  header_first=first, header_last=last, data_first=data_first, data_last=data_last,
                  footer_first=footer, total_row=total, total_at_end=total_at_end, language=language, columns=columns)


def _data_area(g: _Grid, data_first: int) -> tuple[int | None, int | None, bool]:
    """The first row of the notes below the data (None if none), the total row, and whether the
    total comes after the schools."""
    footer: int | None = None
    filled: list[int] = []
    for r in range(data_first, g.rows + 1):
        cells = g.anchored(r)
        if not cells:
            continue
        texts = [t for _, t in cells]
        wide = any(g.box(r, c)[3] - g.box(r, c)[1] >= 3 for c, _ in cells)
        if any(_NOTE.match(t) for t in texts) or (len(cells) == 1 and (wide or len(texts[0]) > 30)) or (
                all(_LABEL_COLON.match(t) for t in texts)):
            footer = r
            break
        filled.append(r)
    total: int | None = None
    for r in (filled[:1] + filled[-1:]) if filled else []:
        words = [t for _, t in g.anchored(r) if not _is_number(t)]
        if words and all(_TOTAL.match(t.replace(" ", "")) for t in words):
            total = r
    return footer, total, bool(total is not None and filled and total == filled[-1] and len(filled) > 1)


def _choose_sheet(wb: Workbook, sheet: str | None) -> Worksheet:
    if sheet is not None:
        if sheet not in wb.sheetnames:
            raise UnreadableFile(f"no sheet '{sheet}' in the workbook; it has {wb.sheetnames}", (sheet,))
        return wb[sheet]
    for ws in wb.worksheets:
        if ws.sheet_state == "visible" and sum(1 for row in ws.iter_rows(max_row=HEADER_SEARCH, values_only=True)
                                               for v in row if v is not None) >= 2:
            return ws
    raise UnreadableFile("the workbook has no sheet with a form on it", (wb.sheetnames[0] if wb.sheetnames else "",))


def check_package(data: bytes) -> None:
    """An .xlsx is a zip of XML parts: refuse other files, zip bombs, and packages that would unpack
    to more than a form can hold, before any XML is parsed (connectors/workbook.py)."""
    workbook.check_package(data, MAX_UNPACKED, MAX_STRINGS)
    cells = workbook.count_cells(data, MAX_CELLS)
    if cells > MAX_CELLS:
        raise UnreadableFile(f"the workbook's sheets hold more than {MAX_CELLS} cells; a form holds far fewer")


def open_workbook(data: bytes, *, data_only: bool = True) -> Workbook:
    """Open .xlsx bytes; anything else (an old .xls, a damaged file) is refused with a reason."""
    check_package(data)
    try:
        # Without its links to other workbooks (a file share, a URL): a form sent back with them
        # would have every school's Excel reach for them on opening, and nothing here reads them.
        return load_workbook(io.BytesIO(data), data_only=data_only, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise UnreadableFile(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from exc


class TemplateReader(FormReader):
    """A department's own printed form, one row per school (or per teacher) to fill."""

    name = NAME

    def accepts(self, data: bytes) -> bool:
        return True  # the reader of last resort: what it cannot read, it refuses with the reason

    def read(self, data: bytes, sheet: str | None = None) -> FormDefinition:
        wb = open_workbook(data)
        try:
            layout = read_layout(_choose_sheet(wb, sheet))
        finally:
            wb.close()
        questions = tuple(
            Question(ref=c.ref, label=c.label, headers=c.headers, type=c.type_hint, unit=c.unit, role=c.role,
                     labels={layout.language: c.label})
            for c in layout.columns)
        notes = [f"{c.ref} '{c.label}': a running number, filled in order" for c in layout.columns if c.role == "sequence"]
        if layout.total_row:
            notes.append(f"row {layout.total_row} is a total row: it is filled with the sums of the number columns")
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            reaching = sorted({_REACHING[p[1]] for p in (n.split("/") for n in z.namelist())
                               if p[0] == "xl" and len(p) > 1 and p[1] in _REACHING})
        if reaching:
            notes.append(f"the workbook's {', '.join(reaching)} are not kept: the form sent back holds the values "
                         "themselves, and no hyperlink")
        return FormDefinition(format=NAME, title=layout.title, questions=questions, layout=layout.as_json(),
                              notes=tuple(notes))


# --- writing back -------------------------------------------------------------------------------

@dataclass
class FilledRow:
    identity: dict[str, str]  # "code", "name" (and "teacher" on a roster)
    values: dict[str, Any]  # question ref -> typed value


@dataclass
class Filled:
    """What goes back into the department's layout: one row per school (or teacher) in scope,
    the identifying columns (ref -> "code" | "name"), and the two extra sheets as header + rows."""

    layout: Layout
    rows: list[FilledRow]
    identity_columns: dict[str, str]
    numeric: set[str]  # refs of number columns, summed on a total row
    provenance: tuple[list[str], list[list[Any]]]
    completion: tuple[list[str], list[list[Any]]]
    sheet_names: tuple[str, str] = ("来源 provenance", "完成情况 completion")


_THIN = Side(style="thin")


def _drawn(cell: Cell | MergedCell) -> bool:
    """A cell with a value or a border: part of the table, not space around it."""
    b = cell.border
    return cell.value is not None or any(side is not None and side.style for side in (b.left, b.right, b.top, b.bottom))


def _style_of(cell: Cell | MergedCell) -> StyleArray:
    """A cell's style as the workbook indexes it: copied by index, not object by object (tens of
    times faster at a province's scale). The stubs omit StyleableObject._style."""
    style: StyleArray = copy(cell._style)  # type: ignore[union-attr]
    return style


def _apply(cell: Cell | MergedCell, style: StyleArray) -> None:
    cell._style = copy(style)  # type: ignore[union-attr]


def fill(original: bytes, form: Filled, stream: BinaryIO) -> None:
    """Write the department's sheet back with the rows in place; other sheets of the workbook are
    dropped and the provenance and completion sheets added."""
    wb = open_workbook(original)
    lay = form.layout
    ws = wb[lay.sheet]
    for other in list(wb.worksheets):
        if other is not ws:
            wb.remove(other)
    for name in list(wb.defined_names):
        del wb.defined_names[name]
    # Lists drawn from the dropped sheets would point nowhere.
    ws.data_validations.dataValidation = [dv for dv in ws.data_validations.dataValidation
                                          if "!" not in (dv.formula1 or "") + (dv.formula2 or "")]
    width = max([ws.max_column] + [c.index for c in lay.columns])
    data_style = {c: _style_of(ws.cell(row=lay.data_first, column=c)) for c in range(1, width + 1)}
    row_merges = [(m.min_col, m.max_col) for m in ws.merged_cells.ranges
                  if m.min_row == m.max_row == lay.data_first and m.max_col > m.min_col]
    footer: list[tuple[int, list[tuple[int, Any, StyleArray]], float | None]] = []
    footer_merges: list[tuple[int, int, int, int]] = []
    gap = 0
    if lay.footer_first:
        # Blank, unbordered rows between the data rows and the notes are kept as a gap.
        while (gap < 2 and lay.footer_first - gap - 1 >= lay.data_first
               and not any(_drawn(ws.cell(row=lay.footer_first - gap - 1, column=c)) for c in range(1, width + 1))):
            gap += 1
        for r in range(lay.footer_first, ws.max_row + 1):
            cells = [(c, ws.cell(row=r, column=c).value, _style_of(ws.cell(row=r, column=c))) for c in range(1, width + 1)]
            footer.append((r - lay.footer_first, cells, ws.row_dimensions[r].height))
        footer_merges = [(m.min_row - lay.footer_first, m.min_col, m.max_row - lay.footer_first, m.max_col)
                         for m in ws.merged_cells.ranges if m.min_row >= lay.footer_first]
    for m in [m for m in ws.merged_cells.ranges if m.max_row >= lay.data_first]:
        ws.unmerge_cells(str(m))
    if ws.max_row >= lay.data_first:
        ws.delete_rows(lay.data_first, ws.max_row - lay.data_first + 1)
    # The department's own text stays, but as text: a formula in it is neither run nor kept, nor a
    # hyperlink (to a page or a share a school would be asked to follow, or to a sheet dropped).
    for above in ws.iter_rows(min_row=1, max_row=lay.data_first - 1):
        for own in above:
            if isinstance(own, Cell):
                own.hyperlink = None
            if isinstance(own.value, str):
                put(own, own.value)
    by_ref = {c.ref: c for c in lay.columns}
    extra = _identity_columns(ws, form, width) if not form.identity_columns else {}
    identity = form.identity_columns or extra
    r = lay.data_first
    totals: dict[int, Any] = {}
    total_label_col = min((c.index for c in lay.columns if c.role is None and c.ref in identity), default=1)

    def write_total(at: int) -> None:
        for c in range(1, width + 1):
            _apply(ws.cell(row=at, column=c), data_style[c])
        put(ws.cell(row=at, column=total_label_col), "合计" if lay.language == "zh" else "Total")
        for c, v in totals.items():
            put(ws.cell(row=at, column=c), v)

    for ref in form.numeric:
        if ref in by_ref:
            totals[by_ref[ref].index] = sum(
                (x.values.get(ref) or 0) for x in form.rows if isinstance(x.values.get(ref), int | float))
    if lay.total_row and not lay.total_at_end:
        write_total(r)
        r += 1
    for n, row in enumerate(form.rows, start=1):
        for c in range(1, width + 1):
            _apply(ws.cell(row=r, column=c), data_style[c])
        for c0, c1 in row_merges:
            ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=c1)
        for col in lay.columns:
            cell = ws.cell(row=r, column=col.index)
            if col.role == "sequence":
                put(cell, n)
            elif col.ref in identity:
                put(cell, row.identity.get(identity[col.ref]))
            else:
                put(cell, row.values.get(col.ref))
        for ref, kind in extra.items():
            put(ws[f"{''.join(ch for ch in ref if ch.isalpha())}{r}"], row.identity.get(kind))
        r += 1
    if lay.total_row and lay.total_at_end:
        write_total(r)
        r += 1
    start = r + gap
    for offset, cells, height in footer:
        for c, value, style in cells:
            cell = ws.cell(row=start + offset, column=c)
            _apply(cell, style)
            put(cell, value)
        if height is not None:
            ws.row_dimensions[start + offset].height = height
    for r0, c0, r1, c1 in footer_merges:
        ws.merge_cells(start_row=start + r0, start_column=c0, end_row=start + r1, end_column=c1)
    streamed = [(_plain_sheet(wb.create_sheet(title), header), rows)
                for title, (header, rows) in zip(form.sheet_names, (form.provenance, form.completion), strict=True)]
    saved = io.BytesIO()
    wb.save(saved)
    # A value per row per school is millions of cells at a province's scale: openpyxl wrote the
    # header rows, and the rows are streamed into those sheets' parts directly.
    parts = {sheet.path.lstrip("/"): rows for sheet, rows in streamed}
    with zipfile.ZipFile(saved) as src, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            out.writestr(info, _with_rows(data, parts[info.filename]) if info.filename in parts else data)


def _identity_columns(ws: Worksheet, form: Filled, width: int) -> dict[str, str]:
    """A form without a column naming the school gets two at its right, headed like its leaves."""
    lay = form.layout
    zh = lay.language == "zh"
    leaf = ws[lay.columns[-1].ref]
    out: dict[str, str] = {}
    for i, (kind, text) in enumerate((("code", "学校标识码" if zh else "School code"),
                                      ("name", "学校名称" if zh else "School name"))):
        col = width + 1 + i
        cell = ws.cell(row=lay.header_first, column=col)
        _apply(cell, _style_of(leaf))
        put(cell, text)
        if lay.header_last > lay.header_first:
            ws.merge_cells(start_row=lay.header_first, start_column=col, end_row=lay.header_last, end_column=col)
        ws.column_dimensions[get_column_letter(col)].width = 14 if kind == "code" else 28
        out[f"{get_column_letter(col)}{lay.header_first}"] = kind
    return out


def _plain_sheet(ws: Worksheet, header: list[str]) -> Worksheet:
    bold = Font(bold=True)
    fill_ = PatternFill("solid", fgColor="DDEBF7")
    for c, h in enumerate(header, start=1):
        cell = ws.cell(row=1, column=c)
        put(cell, h)
        cell.font, cell.fill = bold, fill_
        cell.border = Border(bottom=_THIN)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(c)].width = max(10, min(40, len(h) + 4))
    ws.freeze_panes = "A2"
    return ws


def _xml_cell(ref: str, value: Any) -> str:
    """One cell of a sheet part: numbers as numbers, anything else as inert inline text."""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float) and value == value and value not in (float("inf"), float("-inf")):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = value.isoformat() if isinstance(value, date | datetime) else str(value)
    text = xml_escape(cell_text(text))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _with_rows(part: bytes, rows: list[list[Any]]) -> bytes:
    """A sheet part openpyxl wrote with its header row only, with `rows` after it."""
    head, found, tail = part.partition(b"</sheetData>")
    if not found:
        head, found, tail = part.partition(b"<sheetData/>")
        head += b"<sheetData>"
    letters = [get_column_letter(c) for c in range(1, max((len(r) for r in rows), default=0) + 1)]
    body = "".join(
        f'<row r="{n}">' + "".join(_xml_cell(f"{letters[c]}{n}", v) for c, v in enumerate(values) if v is not None)
        + "</row>" for n, values in enumerate(rows, start=2))
    width = get_column_letter(max(len(letters), 1))
    head = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{width}{len(rows) + 1}"/>'.encode(), head)
    return head + body.encode() + b"</sheetData>" + tail


register_form_reader(TemplateReader())
