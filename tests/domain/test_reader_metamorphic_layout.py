"""A metamorphic probe of layout: the forms of the tuned corpus laid out as other departments lay out
the same table (a header path flattened into the column name or the reverse, the title's population
moved into a header, a neutral header or title note added, the total row after its categories, a
"其中" group under a header "其中"), each read again. Every field the original form reads as a
careful reader does (its `expect`) must read the same once the form is laid out otherwise: the
reader understands layouts, not the tuned forms' exact ones.

A perturbation that could change what a careful reader understands is not made (the reason is said
beside it). A break not yet fixed is listed in NOT_YET by perturbation, form id and field position,
and asserted still broken, so a rule that mends it moves it out."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from service.domain.dictionary import dictionary
from service.domain.errors import InvalidInput
from service.domain.requests import FieldAnalysis, FieldIn, RequestIn, _match
from service.domain.scope import Scope
from tests.domain.corpus_dsl import from_definition, parse
from tests.domain.test_corpus import load_part

D = dictionary()
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

Field = dict[str, Any]  # headers, label, type: as the corpus prints a field


@dataclass(frozen=True)
class Layout:
    """A form laid out anew: its title, its fields, and for each field the original position it is."""

    title: str
    fields: list[Field]
    origin: list[int]


def _fields(form: dict[str, Any]) -> list[Field]:
    return [{"headers": list(f.get("headers", [])), "label": f["label"], **({"type": f["type"]} if "type" in f else {})}
            for f in form["fields"]]


def _title(form: dict[str, Any]) -> str:
    return str(form.get("title") or form["source"])


def _chinese(form: dict[str, Any]) -> bool:
    """Whether the form is worded in Chinese (its title or most of its fields)."""
    fields = form["fields"]
    return bool(_CJK.search(_title(form))) or sum(bool(_CJK.search(f["label"])) for f in fields) * 2 > len(fields)


def reading(title: str, level: str, fields: list[Field]) -> list[FieldAnalysis | None]:
    """The form read as the analysis reads it (tests.domain.test_semantics.read_form with each
    field's own type, none where the corpus gives none). Fields the analysis refuses are read as
    unanswered (None) and the rest read again, as tests/domain/test_corpus.py posts them."""
    keep = list(range(len(fields)))
    out: list[FieldAnalysis | None] = [None] * len(fields)
    while keep:
        req = RequestIn(title=title, purpose="p", kind="statistical", level=level,  # type: ignore[arg-type]
                        fields=[FieldIn.model_validate({k: v for k, v in fields[i].items() if v or k != "headers"}) for i in keep],
                        scope=Scope(regions=["430000"]), reference_date=date(2026, 9, 1), due_date=date(2026, 12, 1))
        try:
            got = _match(req, D)
        except InvalidInput as exc:
            named = {keep[p.loc[2]] for p in exc.errors if len(p.loc) > 2 and isinstance(p.loc[2], int)}
            if not named:
                return out
            keep = [i for i in keep if i not in named]
            continue
        for i, a in zip(keep, got, strict=True):
            out[i] = a
        break
    return out


def _key(a: FieldAnalysis | None) -> str | None:
    return a.key if a is not None and a.matched else None


# --- the perturbations ------------------------------------------------------------------------

Perturb = Callable[[dict[str, Any]], Layout | None]


def _same(form: dict[str, Any], fields: list[Field], title: str | None = None) -> Layout | None:
    """The layout, or None when it changed nothing (the form is not probed by that perturbation)."""
    t = _title(form) if title is None else title
    if fields == _fields(form) and t == _title(form):
        return None
    return Layout(t, fields, list(range(len(fields))))


def flatten(sep_zh: str, sep_en: str, *, one_level: bool = False, no_marks: str = "") -> Perturb:
    """Each field's headers flattened into its column name, as a spreadsheet export names merged
    header cells ("教职工|女", "Staff > Female"). School forms only: on a roster "性别|民族" names
    fields, not a path. A part that holds the separator (or `no_marks`) is left alone: "教职工-31-40岁"
    could part either way."""
    def go(form: dict[str, Any]) -> Layout | None:
        if form["level"] != "school":
            return None
        sep = sep_zh if _chinese(form) else sep_en
        out = []
        for f in _fields(form):
            parts = [*f["headers"], f["label"]]
            if f["headers"] and not (one_level and len(f["headers"]) > 1) \
                    and not any(m in p for p in parts for m in {sep.strip(), *no_marks}):
                f = {**f, "headers": [], "label": sep.join(parts)}
            out.append(f)
        return _same(form, out)
    return go


_PATH = re.compile(r"\s*(?:\s>\s|[|｜])\s*")


def split_path(form: dict[str, Any]) -> Layout | None:
    """The reverse: a column name flattening a path ("教职工数|其中：女", "Staff > Female") printed as
    nested headers over its last part."""
    if form["level"] != "school":
        return None
    out = []
    for f in _fields(form):
        parts = [p.strip() for p in _PATH.split(f["label"])]
        if len(parts) > 1 and all(parts) and len(f["headers"]) + len(parts) - 1 <= 6:
            f = {**f, "headers": [*f["headers"], *parts[:-1]], "label": parts[-1]}
        out.append(f)
    return _same(form, out)


NEUTRAL_TITLE = ("基层报表", "School return")


def title_into_header(form: dict[str, Any]) -> Layout | None:
    """The title printed as the table's top header over every field, under a title naming nobody
    (a workbook whose sheet says "基层报表" and whose table is headed "专任教师学历情况")."""
    if form["level"] != "school" or any(len(f["headers"]) >= 6 for f in _fields(form)):
        return None
    zh = _chinese(form)
    out = [{**f, "headers": [_title(form), *f["headers"]]} for f in _fields(form)]
    return _same(form, out, NEUTRAL_TITLE[0] if zh else NEUTRAL_TITLE[1])


def header_into_title(form: dict[str, Any]) -> Layout | None:
    """The reverse: a header every field of the form sits under, printed in the title instead."""
    fields = _fields(form)
    if form["level"] != "school" or len(fields) < 2 or not all(f["headers"] for f in fields):
        return None
    top = fields[0]["headers"][0]
    if any(f["headers"][0] != top for f in fields):
        return None
    out = [{**f, "headers": f["headers"][1:]} for f in fields]
    return _same(form, out, f"{top} {_title(form)}")


def extra_header(zh: str, en: str) -> Perturb:
    """A header that names nobody added over every field: a unit, a section, a part's number."""
    def go(form: dict[str, Any]) -> Layout | None:
        if form["level"] != "school" or any(len(f["headers"]) >= 6 for f in _fields(form)):
            return None
        h = zh if _chinese(form) else en
        return _same(form, [{**f, "headers": [h, *f["headers"]]} for f in _fields(form)])
    return go


_NUMBERED = re.compile(r"^\s*(?:附\s*)?(?:表|table)\s*[a-z]?\d", re.IGNORECASE)


def retitled(zh: str, en: str, *, numbered: bool = False) -> Perturb:
    """The title with a neutral note: a year, a region, a form number, a stamp. `{}` is the title.
    A form number is put only before a title that has none: a second one ("Table 3. Table 20-14 …")
    is no layout any form is printed in."""
    def go(form: dict[str, Any]) -> Layout | None:
        if numbered and _NUMBERED.match(_title(form)):
            return None
        return _same(form, _fields(form), (zh if _chinese(form) else en).format(_title(form)))
    return go


_TOTAL = re.compile(r"^\s*(?:合计|总计|共计|计|小计|total|all)\s*$", re.IGNORECASE)
_OF_WHICH = re.compile(r"^\s*(?:其中|#|＃|of which|including|among them)\s*[:：]?\s*", re.IGNORECASE)


def total_last(form: dict[str, Any]) -> Layout | None:
    """A total row ("合计", "Total") printed after the categories under the same headers instead of
    before them. Only where nothing below it refines it: a "其中"/"Of which" row refines the total just
    above it, so those groups keep their order; and only under headers, which say whose total it is
    (with no header, bare categories are those of the total above them)."""
    if form["level"] != "school":
        return None
    fields = _fields(form)
    order = list(range(len(fields)))
    i = 0
    while i < len(fields):
        f = fields[i]
        j = i + 1
        while j < len(fields) and fields[j]["headers"] == f["headers"]:
            j += 1
        run = range(i + 1, j)
        if f["headers"] and _TOTAL.match(f["label"]) and len(run) >= 2 \
                and not any(_OF_WHICH.match(fields[k]["label"]) or _TOTAL.match(fields[k]["label"]) for k in run):
            order[i:j] = [*run, i]
        i = j
    if order == list(range(len(fields))):
        return None
    return Layout(_title(form), [fields[k] for k in order], order)


def of_which_header(form: dict[str, Any]) -> Layout | None:
    """A "其中" row printed as a header "其中" over its bare label ("其中：女" as 其中 / 女, "Of which:
    female" as Of which / female): both say the row is part of the total just above."""
    if form["level"] != "school":
        return None
    out = []
    for f in _fields(form):
        m = _OF_WHICH.match(f["label"])
        rest = f["label"][m.end():].strip() if m else ""
        if m and rest and len(f["headers"]) < 6 and not _OF_WHICH.match(rest):
            word = "其中" if _CJK.search(f["label"]) else "Of which"
            f = {**f, "headers": [*f["headers"], word], "label": rest}
        out.append(f)
    return _same(form, out)


PERTURBATIONS: dict[str, Perturb] = {
    "flatten_pipe": flatten("|", " | "),
    "flatten_gt": flatten(" > ", " > "),
    "flatten_dash": flatten("-", " - ", no_marks="-–—"),
    "flatten_colon": flatten("：", ": ", one_level=True, no_marks=":："),
    "split_path": split_path,
    "title_into_header": title_into_header,
    "header_into_title": header_into_title,
    "unit_header": extra_header("单位：人", "Unit: persons"),
    "section_header": extra_header("二、基本情况", "Section B"),
    "title_year": retitled("2026年{}", "{} 2026"),
    "title_region": retitled("湖南省长沙市{}", "{}, Hunan Province"),
    "title_form_number": retitled("教基1234 {}", "Table 3. {}", numbered=True),
    "title_stamp": retitled("{}（盖章）", "{} (official stamp)"),
    "total_last": total_last,
    "of_which_header": of_which_header,
}


# --- the probe --------------------------------------------------------------------------------

FORMS = load_part("tuned")


def _right(form: dict[str, Any]) -> tuple[list[str | None], set[int]]:
    """The original form's keys, and the positions it reads as its `expect` says."""
    got = reading(_title(form), form["level"], _fields(form))
    right = set()
    for i, (f, a) in enumerate(zip(form["fields"], got, strict=True)):
        answered = a is not None and a.matched
        have = from_definition(a.definition) if answered and a is not None else None
        if have == parse(f["expect"]) and (answered or f["expect"] == "new"):
            right.add(i)
    return [_key(a) for a in got], right


ORIGINAL = {form["form"]: _right(form) for form in FORMS}


def breaks(name: str) -> set[tuple[str, int]]:
    """(form id, original position) of every field read right on the original form and otherwise
    once the form is laid out by the perturbation."""
    out: set[tuple[str, int]] = set()
    for form in FORMS:
        lay = PERTURBATIONS[name](form)
        keys, right = ORIGINAL[form["form"]]
        if lay is None or not right:
            continue
        got = reading(lay.title, form["level"], lay.fields)
        for j, a in enumerate(got):
            i = lay.origin[j]
            if i in right and _key(a) != keys[i]:
                out.add((form["form"], i))
    return out


# Breaks not yet mended, by perturbation: (form id, position in the original form).
NOT_YET: dict[str, set[tuple[str, int]]] = {}


@pytest.mark.parametrize("name", sorted(PERTURBATIONS))
def test_a_form_reads_the_same_whatever_its_layout(name: str) -> None:
    got = breaks(name)
    want = NOT_YET.get(name, set())
    new_breaks = sorted(got - want)
    mended = sorted(want - got)
    assert not new_breaks and not mended, (
        f"{name}: newly broken {[_where(b) for b in new_breaks]}; mended (move out of NOT_YET) {mended}")


def _where(b: tuple[str, int]) -> str:
    form = next(f for f in FORMS if f["form"] == b[0])
    f = form["fields"][b[1]]
    return f"{b[0]}#{b[1]} {' / '.join([*f.get('headers', []), f['label']])!r}"
