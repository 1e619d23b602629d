"""XLSForm (ODK): form definitions in, issued requests out.

Reading goes through pyxform, the reference implementation: it checks the workbook is a valid
XLSForm (types, names, choice lists, groups) and gives the survey as a tree with each label per
language. Questions become questions of a FormDefinition, groups their headers, `select_one`
choices their choices. Writing builds the `survey`, `choices` and `settings` sheets and converts
them with pyxform before returning them, so every form written is one ODK accepts.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from connectors import workbook
from connectors.base import Choice, FormDefinition, FormReader, Question, UnreadableFile, register_form_reader
from connectors.template import MAX_STRINGS, MAX_UNPACKED, check_package
from connectors.typed_cells import put

NAME = "xlsform"
LANGUAGES = {"zh": "Chinese (zh)", "en": "English (en)"}
# Question types and the value a store field holds for them; None: asked, but not a stored value.
TYPES: dict[str, str | None] = {
    "integer": "integer", "decimal": "decimal", "range": "decimal", "text": "text", "date": "date",
    "datetime": "date", "time": "text", "select one": "enum", "select all that apply": "text",
    "acknowledge": "boolean", "trigger": "boolean",
    "geopoint": None, "geotrace": None, "geoshape": None, "image": None, "audio": None, "video": None,
    "file": None, "barcode": None, "background-audio": None, "select one from file": None,
    "select all that apply from file": None, "rank": None,
}
GROUPS = ("group", "repeat")
_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")


def _language(name: str) -> str:
    low = name.lower()
    if "(zh" in low or "chinese" in low or "中文" in name:
        return "zh"
    if "(en" in low or "english" in low:
        return "en"
    return name


def _labels(raw: Any) -> dict[str, str]:
    if isinstance(raw, dict):
        return {_language(k): str(v).strip() for k, v in raw.items() if v and str(v).strip()}
    return {"default": str(raw).strip()} if raw and str(raw).strip() else {}


def _main(labels: dict[str, str]) -> str:
    return next((labels[k] for k in ("zh", "default", "en") if k in labels), next(iter(labels.values()), ""))


def _survey_rows(data: bytes) -> dict[str, int]:
    """The sheet row of each question name, so a question can be pointed at in the workbook."""
    wb = load_workbook(io.BytesIO(data), read_only=True)
    try:
        ws = next(w for w in wb.worksheets if w.title.strip().lower() == "survey")
        rows = ws.iter_rows(values_only=True)
        header = [str(h or "").strip().lower() for h in next(rows, ())]
        if "name" not in header:
            return {}
        at = header.index("name")
        return {str(r[at]).strip(): n for n, r in enumerate(rows, start=2) if at < len(r) and r[at]}
    finally:
        wb.close()


class XlsFormReader(FormReader):
    name = NAME
    priority = 10

    def accepts(self, data: bytes) -> bool:
        try:
            # The zip's directory only, before any part is inflated: a bomb is refused, not opened to
            # look; the cells are counted once, by whichever reader then reads the form.
            workbook.check_package(data, MAX_UNPACKED, MAX_STRINGS)
            wb = load_workbook(io.BytesIO(data), read_only=True)
        except Exception:  # a damaged workbook is the template reader's to refuse, with its reason
            return False
        names = [n.strip().lower() for n in wb.sheetnames]
        wb.close()
        return "survey" in names

    def read(self, data: bytes, sheet: str | None = None) -> FormDefinition:
        check_package(data)
        from pyxform.errors import PyXFormError  # here, not with the module: see _convert
        warnings: list[str] = []
        try:
            result = _convert(data, warnings=warnings)
            rows = _survey_rows(data)
        except PyXFormError as exc:
            row = _ROW.search(str(exc))
            raise UnreadableFile(f"not a valid XLSForm: {exc}", ("survey", f"A{row.group(1)}") if row else ("survey",)) from exc
        except Exception as exc:  # pyxform and openpyxl raise many types for a damaged workbook
            raise UnreadableFile(f"not a readable XLSForm ({type(exc).__name__}: {exc})", ("survey",)) from exc
        tree: dict[str, Any] = result._pyxform or {}
        questions: list[Question] = []
        notes: list[str] = []
        for node, headers in _walk(tree.get("children", []), ()):
            kind = str(node.get("type", ""))
            if kind not in TYPES:
                continue  # notes, calculations and metadata ask nothing
            name = str(node.get("name", ""))
            ref = f"survey!B{rows[name]}" if name in rows else f"survey:{name}"
            labels = _labels(node.get("label"))
            if TYPES[kind] is None:
                notes.append(f"{ref} '{name}': a {kind} question is not a value the store can hold; left out")
                continue
            if kind == "select all that apply":
                notes.append(f"{ref} '{name}': several choices in one answer are asked as text")
            choices = tuple(Choice(str(c.get("name")), _labels(c.get("label"))) for c in node.get("choices", []))
            questions.append(Question(ref=ref, label=_main(labels) or name, headers=headers, type=TYPES[kind],
                                      name=name, labels=labels, choices=choices if kind == "select one" else ()))
        if not questions:
            raise UnreadableFile("the XLSForm asks no question the store can hold", ("survey",))
        settings = {"form_id": tree.get("id_string"), "version": tree.get("version")}
        return FormDefinition(format=NAME, title=str(tree.get("title") or "") or None, questions=tuple(questions),
                              layout={"sheet": "survey", "settings": settings}, notes=tuple(notes + warnings))


def _walk(children: list[dict[str, Any]], headers: tuple[str, ...]) -> Iterator[tuple[dict[str, Any], tuple[str, ...]]]:
    for node in children:
        if node.get("type") in GROUPS:
            if node.get("name") == "meta" and node.get("control", {}).get("bodyless"):
                continue
            label = _main(_labels(node.get("label")))
            yield from _walk(node.get("children", []), (*headers, label) if label else headers)
        else:
            yield node, headers


# --- writing ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class XlsFormOut:
    title: str
    form_id: str
    version: str
    questions: list[Question]  # name, labels, headers, type, choices
    preamble: list[Question]  # asked first, outside any group: the statutory note, the school's code
    constraints: dict[str, str]  # question name -> XPath constraint


def write(form: XlsFormOut) -> bytes:
    """The form as an XLSForm workbook, checked by converting it with pyxform."""
    wb = Workbook()
    survey = wb.create_sheet("survey")
    wb.remove(wb.worksheets[0])
    label_cols = [f"label::{LANGUAGES['zh']}", f"label::{LANGUAGES['en']}"]
    _row(survey, ["type", "name", *label_cols, "required", "constraint"])
    lists: dict[tuple[tuple[str, str, str], ...], str] = {}
    choice_rows: list[list[str]] = []

    def type_of(q: Question) -> str:
        if q.type == "boolean":
            key: tuple[tuple[str, str, str], ...] = (("1", "是", "Yes"), ("0", "否", "No"))
        elif q.type == "enum" and q.choices:
            key = tuple((c.name, c.labels.get("zh", c.name), c.labels.get("en", c.name)) for c in q.choices)
        else:
            return {"integer": "integer", "decimal": "decimal", "date": "date"}.get(q.type or "", "text")
        if key not in lists:
            lists[key] = f"list{len(lists) + 1}"
            choice_rows.extend([lists[key], *c] for c in key)
        return f"select_one {lists[key]}"

    def ask(q: Question, required: bool) -> None:
        kind = "note" if q.role == "note" else type_of(q)
        _row(survey, [kind, q.name or "", q.labels.get("zh", q.label), q.labels.get("en", q.label),
                      "yes" if required and kind != "note" else "", form.constraints.get(q.name or "", "")])

    for q in form.preamble:
        ask(q, True)
    open_groups: list[str] = []
    group_no = 0
    for q in form.questions:
        keep = 0
        while keep < min(len(open_groups), len(q.headers)) and open_groups[keep] == q.headers[keep]:
            keep += 1
        while len(open_groups) > keep:
            open_groups.pop()
            _row(survey, ["end group", "", "", "", "", ""])
        for h in q.headers[keep:]:
            group_no += 1
            open_groups.append(h)
            _row(survey, ["begin group", f"g{group_no}", h, h, "", ""])
        ask(q, True)
    for _ in open_groups:
        _row(survey, ["end group", "", "", "", "", ""])
    choices = wb.create_sheet("choices")
    _row(choices, ["list_name", "name", *label_cols])
    for r in choice_rows:
        _row(choices, r)
    settings = wb.create_sheet("settings")
    _row(settings, ["form_title", "form_id", "version", "default_language"])
    _row(settings, [form.title, form.form_id, form.version, LANGUAGES["zh"]])
    buf = io.BytesIO()
    wb.save(buf)
    content = buf.getvalue()
    from pyxform.errors import PyXFormError  # here, not with the module: see _convert
    try:
        _convert(content)
    except PyXFormError as exc:  # a form this service writes must always convert
        raise RuntimeError(f"the XLSForm written does not convert: {exc}") from exc
    return content


def _row(ws: Worksheet, values: list[Any]) -> None:
    r = ws.max_row + 1 if ws.max_row > 1 or ws.cell(row=1, column=1).value is not None else 1
    for c, v in enumerate(values, start=1):
        put(ws.cell(row=r, column=c), v if v != "" else None)


register_form_reader(XlsFormReader())


def _convert(data: bytes, warnings: list[str] | None = None) -> Any:
    """pyxform's conversion of an XLSForm. pyxform is imported at the first form read or written,
    not with the connectors: loading it takes 0.3 s, which every CLI import of a CSV file paid."""
    from pyxform.xls2xform import convert

    return convert(data, warnings=warnings, file_type=".xlsx")
