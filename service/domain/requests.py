"""Form requests: analysis field by field, the decision, and the answers the store can give.

Rules enforced here:
- each field is matched to the dictionary (or to a field an earlier request asked in its own
  wording) and classed `prefill_store`, `prefill_collected`, `collected_by_active` or `new`;
- a request whose every field can be answered is `answered`: no school is asked;
- a request overlapping a live one by DUPLICATE_THRESHOLD or more (service/domain/overlap.py) is
  `rejected_duplicate`, naming the request(s) it duplicates;
- otherwise statistical and research requests wait for approval; administrative requests of the
  education office are `ready`, other departments' wait for the education office.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic import Field as PydField
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from service.domain import disclosure
from service.domain import status as machine
from service.domain.access import log_reads
from service.domain.authz import Principal, Role, region_prefix, require_role, within
from service.domain.clock import new_id, now
from service.domain.dates import Day
from service.domain.dictionary import Dictionary, dictionary
from service.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem, Record
from service.domain.overlap import DUPLICATE_THRESHOLD, overlap_share, periods_intersect
from service.domain.scope import Scope, require_within_jurisdiction
from service.domain.semantics import (
    Candidate,
    Definition,
    Match,
    below_beside,
    beside_column,
    definition_of,
    header_then,
    institution_of,
    match_field,
    normalise,
    particular,
    residual_match,
    run_together,
    settled,
    subtotal_match,
    total_of_kinds,
    unbanded,
    under_field,
    words,
)
from service.domain.semantics.context import (
    Above,
    Group,
    Scene,
    Siblings,
    across,
    answer_column,
    any_staff_word_off,
    anyones,
    at_reference,
    below_said,
    colon_path,
    column_note,
    crossed,
    dated,
    defined,
    departed_in_period,
    flattened,
    former_post,
    glossary,
    is_total,
    kin_as_staff,
    kinds_grouped,
    listed_apart,
    machine_path,
    names_nobody,
    names_staff,
    of_column,
    of_which_header,
    post_held_off,
    read_title,
    residual_alone,
    residual_of,
    rows_of_others,
    ruled_out,
    scene,
    sections_run_in,
    sexes_totalled,
    sheet_clashes,
    sheet_named,
    stage_named,
    title_by,
    whole_above,
    wider_than_title,
)
from service.domain.semantics.definition import count
from service.domain.semantics.lexicon import lexicon, units
from service.domain.semantics.reader import UNHELD, Parsed, Unread, loosely_named, read, rest_of
from service.domain.semantics.text import (
    fold,
    marks_taken_off,
    numbering,
    pinyin_glosses_off,
    romanisation_taken_off,
    row_code_off,
)
from service.store import prefill
from service.store import principals as principals_store
from service.store import requests as repo
from service.store.scope import scope_filter
from service.store.tables import Request, RequestField

Kind = Literal["statistical", "research", "administrative"]
Level = Literal["school", "roster"]
FieldType = Literal["integer", "decimal", "text", "date", "boolean", "enum"]
Frequency = Literal["once", "monthly", "quarterly", "termly", "annual"]
Classification = Literal["prefill_store", "prefill_collected", "collected_by_active", "new"]
ANSWERABLE = ("prefill_store", "prefill_collected")


class FilterIn(BaseModel):
    """One condition of a count: a code set (`in` or `not_in`) or an inclusive range (`min`, `max`)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    field: str = PydField(max_length=60, description="teacher.gender, teacher.age, teacher.teaching_years, ...")
    in_: list[Annotated[str, PydField(max_length=10)]] | None = PydField(default=None, alias="in", max_length=100)
    not_in: list[Annotated[str, PydField(max_length=10)]] | None = PydField(default=None, max_length=100)
    min: int | None = None
    max: int | None = None


class DefinitionIn(BaseModel):
    """What a field asks, stated instead of worded: a count of teachers at each school meeting every
    filter, or one value (a dictionary field, or teacher.age / teacher.teaching_years on a roster)."""

    model_config = ConfigDict(extra="forbid")
    entity: Literal["school", "teacher"] = "school"
    measure: Literal["count", "value"]
    field: str | None = PydField(default=None, max_length=60)
    filters: list[FilterIn] = PydField(default_factory=list, max_length=12)

    def as_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "measure": self.measure, "field": self.field,
                "filters": [f.model_dump(by_alias=True, exclude_none=True) for f in self.filters]}


# A questionnaire item with its options runs past 200 characters; none printed runs past 1,000.
LABEL_MAX = 1000


class FieldIn(BaseModel):
    """A dictionary or definition key, a definition, or the department's own wording with a type;
    and where it sits on the department's printed form: the headers above it, outermost first."""

    model_config = ConfigDict(extra="forbid")
    key: str | None = PydField(default=None, max_length=400)
    label: str | None = PydField(default=None, max_length=LABEL_MAX)
    type: FieldType | None = None
    definition: DefinitionIn | None = None
    headers: list[Annotated[str, PydField(min_length=1, max_length=200)]] = PydField(
        default_factory=list, max_length=6,
        description="the form's headers above this field, outermost first, e.g. ['专任教师', '其中']")

    @model_validator(mode="after")
    def _key_or_label(self) -> FieldIn:
        if not (self.key or self.definition or (self.label and self.label.strip())):
            raise PydanticCustomError("key_or_label", "give a dictionary key, a definition or a label")
        return self


class RequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = PydField(min_length=1, max_length=200)
    purpose: str = PydField(min_length=1, max_length=4000)
    kind: Kind
    level: Level
    fields: list[FieldIn] = PydField(min_length=1, max_length=400)
    scope: Scope = Scope()
    reference_date: Day
    period_start: Day | None = None
    period_end: Day | None = None
    due_date: Day
    frequency: Frequency = "once"

    @model_validator(mode="after")
    def _dates(self) -> RequestIn:
        start = self.period_start or self.reference_date
        end = self.period_end or self.reference_date
        if not start <= self.reference_date <= end:
            raise PydanticCustomError("reference_outside_period", "the reference date must lie within the period")
        return self

    @property
    def period(self) -> tuple[date, date]:
        return (self.period_start or self.reference_date, self.period_end or self.reference_date)


@dataclass
class FieldAnalysis:
    position: int
    label: str | None
    given_key: str | None
    given_type: str | None
    key: str | None
    matched: bool
    classification: Classification
    confidence: float
    reason: str
    source: str | None = None
    candidates: tuple[Candidate, ...] = ()
    partial: bool = False  # held in the store for some records only: the others are asked
    headers: list[str] = field(default_factory=list)
    definition: dict[str, Any] | None = None  # docs/definitions.md shape with words; None for new


@dataclass
class Duplicate:
    request_id: str
    title: str
    department: str
    overlap: float
    shared_fields: list[str]


@dataclass
class Analysis:
    fields: list[FieldAnalysis]
    schools_in_scope: int
    duplicates: list[Duplicate] = field(default_factory=list)
    decision: str = ""
    content_hash: str = ""

    @property
    def totals(self) -> dict[str, int]:
        out = dict.fromkeys(("prefill_store", "prefill_collected", "collected_by_active", "new"), 0)
        for f in self.fields:
            out[f.classification] += 1
        return {"fields": len(self.fields), **out}

    @property
    def asked(self) -> set[str]:
        return {f.key for f in self.fields if f.key and (f.partial or f.classification not in ANSWERABLE)}


def content_hash(req: RequestIn) -> str:
    """A hash of what an approval covers: kind, level, fields, scope, period, due date and frequency."""
    body = {
        "kind": req.kind, "level": req.level, "scope": req.scope.model_dump(),
        "frequency": req.frequency, "due_date": req.due_date.isoformat(),
        "fields": [f.model_dump() for f in req.fields],
        "reference_date": req.reference_date.isoformat(), "period": [d.isoformat() for d in req.period],
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def custom_key(entity: str, label: str, context: list[str] | None = None) -> str:
    """The key a wording the service does not understand gets: the same for the same normalised
    wording (and, when its meaning depends on what sits above it, the same context) at one level,
    and never the key of nothing: a wording that normalises to nothing keeps its folded self."""
    parts = [normalise(c) for c in context or []]
    parts.append(normalise(label) or " ".join(label.split()))
    return f"{entity}.c_{hashlib.sha1('|'.join(parts).encode()).hexdigest()[:10]}"


def is_custom(key: str | None) -> bool:
    return key is not None and "." in key and key.split(".", 1)[1].startswith("c_")


def definition_json(defn: Definition, d: Dictionary, reference: date) -> dict[str, Any]:
    """A definition as the analysis shows it, with its words on the request's reference date."""
    said = words(defn, d, reference)
    return {**defn.to_json(), "words": {"zh": said.zh, "en": said.en}}


_READINGS_SIZE = 4096


def _reading(d: Dictionary, *, key: str | None, label: str | None, type: str | None,
             definition: dict[str, Any] | None, level: Level, scene: Scene, reference: date) -> Match:
    """`match_field`, remembered per dictionary (least recently used first out): a department
    analyses a request, then submits the same one, and forms repeat their wordings; the reading of
    a field depends only on what is passed here, so a remembered one is the same reading."""
    memo = d.derived(_readings)
    ident = (key, label, type, json.dumps(definition, sort_keys=True) if definition is not None else None,
             level, scene, reference)
    try:
        hit = memo.get(ident)
    except TypeError:  # a scene holding something unhashable is read afresh
        return match_field(key=key, label=label, type=type, definition=definition, level=level, scene=scene,
                           reference=reference, d=d)
    if hit is not None:
        memo.move_to_end(ident)
        return hit
    m = match_field(key=key, label=label, type=type, definition=definition, level=level, scene=scene,
                    reference=reference, d=d)
    memo[ident] = m
    if len(memo) > _READINGS_SIZE:
        memo.popitem(last=False)
    return m


def forget_readings() -> None:
    """Forget every remembered reading (benchmarks measure a first reading with it)."""
    dictionary().derived(_readings).clear()
    dictionary().derived(_forms).clear()


def _readings(_d: Dictionary) -> OrderedDict[tuple[Any, ...], Match]:
    """The readings of a dictionary; forgotten with it (a changed dictionary is a new object)."""
    return OrderedDict()


def _depends_on_context(m: Match, label: str) -> bool:
    p = m.parsed
    return not normalise(label) or (isinstance(p, Parsed) and p.kind != "value" and (p.refine or not p.own_population))


def _wider(total: Above | None, totals: list[Above]) -> Above | None:
    """The whole a bare category splits once every column since the last total named its population
    again ("专任", "专任女", "专任-本科", then "在编"): each part of that total said so, so one naming no
    one is of the total it is itself a part of ("教职工"); the last total when there is none."""
    if total is None or total.definition is None:
        return total
    own = set(total.definition.filters)
    return next((t for t in reversed(totals) if t is not total and t.headers == total.headers and t.definition is not None
                 and set(t.definition.filters) < own), total)


def _breakdowns(headers: tuple[str, ...] | list[str], d: Dictionary) -> tuple[str, ...]:
    """The fields a field's own headers break down by ("按职称分", "By qualification")."""
    return tuple(b for h in headers if isinstance(p := read(h, d, mode="frame"), Parsed) for b in p.by)


# What a header may say after the other people it names and still be theirs: their details ("子女信息",
# "Emergency contact details"), not a thing of theirs a staff member fills ("learner survey").
_THEIR_DETAILS = re.compile(r"^\W*(?:(?:的)?(?:信息|情况|资料|基本情况)|(?:['’]s\s+)?(?:details?|information|info))?\W*$")


def _of_others(header: str, d: Dictionary) -> bool:
    """Whether a roster header names other people than the staff, and only them or their details."""
    who = rows_of_others(header, d)
    return who is not None and bool(_THEIR_DETAILS.match(fold(header).rsplit(who, 1)[-1]))


def _someone_elses(heads: list[str], wording: str, d: Dictionary) -> str | None:
    """Why a roster column (or a school's fact) under these headers is not the staff member's own, or None: a header naming
    something the records do not hold ("教师资格 / 学科": the certificate's subject) or other people
    ("家庭成员 / 出生日期", "Dependants / Date of birth": theirs, as on a roster whose title names them)."""
    if (held_not := next((h for h in heads if read(h, d, mode="frame") == Unread(UNHELD)), None)) is not None:
        return f"{held_not!r}, which the records do not hold: the column is its"
    if (kin := next((h for h in heads if _of_others(h, d)), None)) is not None and not names_staff([kin, wording], d):
        return f"{kin!r}, other people than the staff: the column is theirs"
    return None


_ASIDE = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")


def _asides_off(header: str) -> str:
    """A header without the words it puts in brackets, or the header itself when nothing is left."""
    bare = header
    while (shorter := _ASIDE.sub(" ", bare)) != bare:
        bare = shorter
    return bare.strip() or header


def _read_apart(m: Match, header: str, wording: str, reference: date, d: Dictionary) -> bool:
    """Whether a school's fact read from a wording reads as something else joined to the header above it
    ("Contact person" and "Name": not the school's name; "Pupils" and "Total" are still its enrolment)."""
    if m.definition is None or m.definition.measure != "value":
        return False
    joined = header_then(header, wording[len(numbering(wording)):].strip())
    return match_field(label=joined, level="school", reference=reference, d=d).key != m.key


def _block_total(m: Match, p: Parsed | Unread | None, heads: list[str], d: Dictionary) -> bool:
    """Whether a field is the whole of the block its headers name: its own words name only people ("教师数",
    "Teachers (headcount)") and the headers the rest ("体育 / 教师数"): the bare categories after it split it.
    Not under a header that is itself a part ("Of which female / All staff"), nor a path run into a name
    ("编外-专任教师", "少数民族|专任教师"): the total before it stays the whole of the bare categories after."""
    return bool(heads) and isinstance(p, Parsed) and p.kind == "count" and p.own_population and not p.refine \
        and m.definition is not None and m.definition.measure == "count" \
        and all(c.field in ("teacher.post_type", "teacher.status") for c in p.conditions) \
        and not any(isinstance(h := read(head, d, None), Parsed) and h.refine for head in heads)


def _a_part(p: Parsed | Unread | None) -> bool:
    """Whether a reading is a part of a whole above it: "其中" or a bare category naming no one."""
    return isinstance(p, Parsed) and (p.refine or (p.kind == "count" and not p.own_population and not p.counted))


# Two whole numbers and a dash or a word between them, with no unit: "25-34", "Female, 35 – 44", "45至54"
_BARE_BAND = re.compile(r"(?<![\d.])\d{1,2}\s*(?:[-–—~～至到]|to)\s*\d{1,2}(?![\d.%])(?!\s*(?:岁|周岁|年|歲|years?|yrs?|y\b|%))")


def _prefilled(a: FieldAnalysis, m: Match, d: Dictionary, reference: date) -> FieldAnalysis:
    """A field first read `new`, read again beside the fields after it (bands, kinds of staff)."""
    assert m.key is not None and m.definition is not None
    return FieldAnalysis(a.position, a.label, None, a.given_type, m.key, True, "prefill_store", m.confidence, m.reason,
                         headers=a.headers, definition=definition_json(m.definition, d, reference))


def _rest_beside(wording: str, group: Group, placed: list[tuple[tuple[str, ...], Definition]], d: Dictionary,
                 reference: date | None) -> Match | None:
    """"其他" read as the rest beside the categories of its group (match.residual_match); new when a
    category of the same field and people printed elsewhere on the form is in that rest."""
    rest = residual_match(wording, group.total, group.categories, d, reference) if group.whole else None
    if rest is None or rest.definition is None:
        return rest
    elsewhere = [p for _, p in placed]
    for f in rest.definition.filters:
        if listed_apart(rest.definition, f.field, group.categories, elsewhere, d):
            return Match(None, 0.0, f"new: a category of {f.field} printed apart from those beside it is in its rest",
                         (), None, rest.parsed)
    return rest


_MARKS = re.compile(r"^\s*(其中\s*[:：,，]?\s*)?([#＃]*)")


def _marked_depth(wording: str | None) -> int:
    """How many "#" marks open a row's wording, after its numbering, "其中" counting as one: its depth
    below the rows unmarked."""
    m = _MARKS.match(wording[len(numbering(wording)):]) if wording else None
    return (bool(m.group(1)) + len(m.group(2))) if m else 0


_FORMS_SIZE = 256


def _forms(_d: Dictionary) -> OrderedDict[tuple[Any, ...], list[FieldAnalysis]]:
    """The forms read with a dictionary, whole; forgotten with it."""
    return OrderedDict()


def read_fields(req: RequestIn, d: Dictionary) -> list[FieldAnalysis]:
    """`_read_form`, remembered per dictionary (least recently used first out): a department
    analyses a draft again and again, then submits it, and the reading of a form depends only on
    its title, level, reference date and fields. Each caller gets its own copies of the fields to
    class (their definitions are shared: nothing changes a definition once read)."""
    memo = d.derived(_forms)
    ident = (req.title, req.level, req.reference_date, tuple(f.model_dump_json() for f in req.fields))
    hit = memo.get(ident)
    if hit is None:
        hit = _read_form(req, d)
        memo[ident] = hit
        if len(memo) > _FORMS_SIZE:
            with contextlib.suppress(KeyError):  # another thread trimmed it first
                memo.popitem(last=False)
    else:
        with contextlib.suppress(KeyError):
            memo.move_to_end(ident)
    return [replace(f, headers=list(f.headers)) for f in hit]


def _read_form(req: RequestIn, d: Dictionary) -> list[FieldAnalysis]:
    """Read every field in its place on the form; keys are taken exactly. A field the store holds
    for another level, or asked twice, is a problem of the request."""
    entity = "teacher" if req.level == "roster" else "school"
    title, title_hint = read_title(req.title, d)
    breakdowns = title_by(req.title, d)
    terms = glossary(req.title)
    out: list[FieldAnalysis] = []
    problems: list[Problem] = []
    above: Above | None = None
    path_above: Above | None = None  # the last whole (not a part) whose name ran a path in, under that path
    total: Above | None = None
    totals: list[Above] = []
    # Whether a field after the total named its population again ("专任教师数", then "专任教师女",
    # "专任-本科"): such a form names whom each column counts (context.Scene.renamed).
    renamed = False
    # Whether every field since the total refined it with "其中" ("专任教师数", "其中：女", "其中：本科"):
    # a number of people after such a run that does not say "其中" ("在编人数") is none of its parts.
    chained: bool | None = None
    # Whether a "其中" refined the last total since it was printed: its run does not name its population
    # each time, so a bare category after it is still of that total.
    refined = False
    group = Group(())
    placed: list[tuple[tuple[str, ...], Definition]] = []  # counts read, under their headers
    bounded: list[tuple[int, tuple[str, ...], Definition, str]] = []  # worded counts read: where, under what
    hesitant: list[tuple[int, Match, tuple[str, ...]]] = []  # wordings read two ways, for the bands beside them to settle
    unframed: list[tuple[int, Match, tuple[str, ...]]] = []  # totals naming no population, for the kinds beside them
    # Bare bands of numbers ("25-34" under "F", beside "Under 25" and "55+"), for the bands beside them to name
    unnamed: list[tuple[int, str, str | None, Scene, tuple[str, ...]]] = []
    numbered: list[tuple[int, tuple[str, ...]]] = []  # wordings holding a number left new, under their headers
    columns: dict[int, Above] = {}  # the columns a form names by their codes ("栏03"), by code
    # The last field each set of headers held that a "其中" below may refine: where a table is printed
    # transposed, a row across its columns ("计 / 专任教师", "其中：女 / 专任教师"), a "其中" row refines
    # the row above it in its own column.
    in_column: dict[tuple[str, ...], Above] = {}
    marked: dict[int, Above] = {}  # the last row at each depth of "#" marks ("#", "##", "###")
    # A column name flattening nested headers ("Teaching Staff > Female") is read under them. Not on a
    # roster, whose "性别|民族" or "男|女" names fields or values, not a path of headers.
    # A column name carrying the worksheet it came from is read under the sheet's name, and pinyin after
    # Chinese is taken off before a path is parted ("专任教师 Zhuānrèn jiàoshī-女 Nǚ"); a system's path of
    # objects ("StaffPersonal/PersonInfo/Demographics/Sex") is its last part under the others. The field is
    # answered as it was asked. A section's heading run into its first item ("二、师资配备 1.专任教师总数") is a
    # header over that item and the items after it.
    def english(word: str) -> bool:
        return any(True for _ in lexicon(d).within(units(fold(word))))

    def plain(text: str) -> str:
        return post_held_off(row_code_off(pinyin_glosses_off(romanisation_taken_off(marks_taken_off(text)), english)))

    sectioned = sections_run_in([
        sheet_named([plain(h) for h in f.headers], plain(f.label))
        if f.label else (f.headers, f.label) for f in req.fields])
    given = [f.model_copy(update=dict(zip(("headers", "label"), machine_path(heads, label, roster=req.level == "roster"), strict=True)))
             if f.label and label else f for f, (heads, label) in zip(req.fields, sectioned, strict=True)]
    rows = below_said(kinds_grouped(sexes_totalled([flattened(list(f.headers), f.label, d) if f.label and req.level == "school"
                                         else (list(f.headers), f.label) for f in given], terms), d))
    siblings = Siblings()  # categories headers name side by side, for a "其他" header beside them
    # The headers of the last total printed under headers ("教职工 / 合计"), while the rows after it
    # print none: a table whose merged category cell kept its words on its first row alone.
    merged: list[str] | None = None
    category: Above | None = None
    totalled: set[tuple[str, ...]] = set()  # headers a total was printed under
    for i, f in enumerate(given):
        printed = req.fields[i]
        prior = above
        heads, wording = list(rows[i][0]), rows[i][1]
        if heads and wording and answer_column(wording):
            # "How many teachers does your school employ? / Open-Ended Response": a survey tool's export puts
            # the question over the column its answers fill; the question is the wording.
            heads, wording = heads[:-1], heads[-1]
        flat = len(heads) > len(f.headers)
        if wording and req.level == "school" and wording == f.label:
            heads, wording = colon_path(heads, wording, d)  # "按学历分：研究生"
        if wording and req.level == "school" and wording == f.label:
            heads, wording = crossed(heads, wording, breakdowns, d)  # "Master's / Senior teacher"
        # A unit or a section over the table ("单位：人", "二、基本情况", "Section B") is no header of
        # whom it counts: the fields under it read as they would without it.
        # A day or a period the reference date is in ("2026年9月1日", "As at 1 September", "2026学年")
        # is when every count is taken, not whom it counts (context.at_reference).
        heads = [h for h in heads if not names_nobody(h, d) and not at_reference(h, req.reference_date)]
        if wording and req.level == "school":
            heads, wording = of_which_header(heads, wording, d)
        inherited = False
        if merged is not None and not heads and wording and _a_part(bare := read(wording, d, None)) \
                and not (isinstance(bare, Parsed) and ruled_out(merged, bare, d)):
            # "其中：女", "在编" after "教职工 / 合计", with no header of their own: the category cell
            # spanning the block lost its words on the rows below its first; they are still in it. A row
            # naming its own people ("Teachers (total)") ends the block, and so does one naming values
            # the cell rules out ("41至45岁" after "36—40岁 / 计"): the cell did not reach it.
            heads, inherited = list(merged), True
        else:
            merged = None
        # A column named by its code reads as its note; a note refining another column ("栏03中的女性")
        # refines that column, as "其中" does the total just above.
        code, wording = column_note(wording) if wording else (None, wording)
        wording = any_staff_word_off(former_post(wording, req.title, heads), d) if wording else wording
        if wording and (reached := of_column(wording)) is not None and reached[0] in columns:
            prior = replace(columns[reached[0]], headers=tuple(heads))
            wording = reached[1]
        elif across(rows, i) and (mine := in_column.get(tuple(heads))) is not None:
            prior = mine
        elif prior is not None and prior.headers != tuple(heads) and rows[i][0] and wording \
                and (mine := in_column.get(tuple(heads))) is not None \
                and isinstance(refining := read(wording, d, None), Parsed) and refining.refine:
            # "T / Teachers", "F / Teachers", "M / Teachers", then "T / of which: permanent": printed
            # transposed, a "其中" refines the last whole printed under its own headers, not the cell before
            # it under others ("Headcount / Teachers", "FTE / Teachers", "Headcount / of which female").
            prior = mine
        elif (before := next((x for x in (category, path_above if flat else None)
                              if x is not None and x.headers == tuple(heads)), None)) is not None \
                and wording and isinstance(refining := read(wording, d, None), Parsed) and refining.refine:
            # "任课教师 / 数学", "任课教师 / 英语", "任课教师 / 其中：35岁以下": with no total printed under these
            # headers, "其中" is among the category just above it, not the headers' whole. "二、专任教师情况-
            # 专职体育教师", then "二、专任教师情况-其中：女": a path run into each column's name puts both under
            # the same headers, so "其中" refines the column just before it, as printed under those headers.
            prior = before
        depth = _marked_depth(wording)
        if depth >= 2 and (one_up := marked.get(depth - 1)) is not None:
            # "#专任教师", "##女", "###35岁以下": as many marks as levels down, each refining the last row
            # one mark up, not the row just above it ("##少数民族" after "###35岁以下" is of the teachers).
            prior = replace(one_up, headers=tuple(heads))
        # Words run together ("TotalFaculty", "TeachingStaff") are parted first, so a term the form defines is found.
        read_heads = [defined(dated(run_together(h, d) or h, req.title), terms) for h in heads]
        where: Scene = scene(read_heads, title, title_hint, req.title, prior, d,
                             _wider(total, totals) if renamed and not refined else total, breakdowns, renamed or bool(chained),
                             loose_title=wider_than_title(totals, title, d))
        if heads:
            # A "其他" header after headers naming categories is the rest of their parent's population.
            parent = scene(read_heads[:-1], title, title_hint, req.title, None, d, total, breakdowns, renamed)
            if parent.base is None and len(heads) == 1 and title is not None:
                parent = replace(parent, base=title, base_population=True, base_words=req.title)
            where = siblings.rest(heads, parent, where, d)
            siblings.note(heads, parent, where, d)
        if group.headers != tuple(heads):
            group = Group(tuple(heads), count(d, where.base) if where.base is not None and where.base_population else None)
        label = defined(dated(run_together(wording, d) or wording, req.title), terms) if wording else wording
        m = _reading(d, key=f.key, label=label, type=f.type,
                     definition=f.definition.as_dict() if f.definition else None,
                     level=req.level, scene=where, reference=req.reference_date)
        if m.key is not None and wording and not (f.key or f.definition) and req.level == "school" \
                and (field := residual_of(m.definition, d)) is not None and rest_of(wording, d) is not None:
            # "其他" beside "汉族", "回族" is the rest of those listed, not the ethnicity coded 'other'; and
            # "按职称分 / 其他" under a title breaking down by ethnicity and title is never the ethnicity's
            # 'other': with no header saying which of the title's breakdowns it is, none.
            rest = _rest_beside(wording, group, placed, d, req.reference_date)
            if rest is not None:
                m = rest
            elif field not in (_breakdowns(rows[i][0], d) or (where.by if len(set(where.by)) == 1 else ())):
                m = Match(None, 0.0, f"new: a residual category of a breakdown other than {field}", (), None, m.parsed)
            elif any(c.filter_on(field) is not None for c in group.categories):
                # "汉族 / 少数民族 / 其他": beside categories that already hold the code 'other' (少数民族 does), or
                # leave no rest, "其他" is not that code; which people it means is not said.
                m = Match(None, 0.0, f"new: the categories beside it leave no rest of {field} to count", (), None, m.parsed)
        if m.key is None and wording and label and not (f.key or f.definition) and req.level == "school":
            # A column of the very level beside a bare "以下" says the columns do not overlap, whatever
            # else the group holds ("蒙古语授课" unread between them); "其他" takes every column as listed.
            m = (_rest_beside(wording, group, placed, d, req.reference_date)
                 or below_beside(m, label, f.type, req.level, where, req.reference_date, group.categories, d)
                 or m)
        if m.key is None and wording and label and not (f.key or f.definition) and req.level == "school":
            m = beside_column(m, label, f.type, req.level, where, req.reference_date, d,
                              tuple(group.categories) if group.whole else ()) or m
        if m.key is None and wording and label and not (f.key or f.definition) and heads:
            m = under_field(m, label, heads[-1], f.type, req.reference_date, d, req.level) or m
        if m.key is not None and wording and not (f.key or f.definition) and req.level == "roster" and heads:
            # "Qualifications / Academic / Institution": any header above may name the fact it was obtained for.
            m = next((x for h in reversed(heads) if (x := institution_of(m, h, req.reference_date, d)) is not None), m)
        theirs = False  # a fact of someone a header names: a cell of its own under each such header
        if m.key is not None and wording and not (f.key or f.definition) and heads:
            # A school's header says whose its facts are outside its brackets: "School details (completed by
            # the contact person)" is the school's, "Contact person (principal or deputy)" the contact's.
            owners = heads if req.level == "roster" else [_asides_off(h) for h in heads]
            if (req.level == "roster" or _read_apart(m, owners[-1], wording, req.reference_date, d)) \
                    and (whose := _someone_elses(owners, wording, d)) is not None:
                # On a school's form too: "校长 / 姓名", "Principal / Name" are the principal's, not the school's.
                m = Match(None, 0.0, f"new: sits under {whose}", (), None, m.parsed)
                theirs = True
        if m.key is not None and wording and not (f.key or f.definition) and req.level == "school" and group.whole \
                and group.categories:
            m = subtotal_match(m, wording, group.categories, d, req.reference_date)
        if m.key is not None and wording and not (f.key or f.definition) and stage_named(req.title, heads, wording):
            # "中学专任教师学历情况（分初中、高中学段）", then "初中": the stage one teaches at, not the schooling one had.
            m = Match(None, 0.0, "new: a stage of schooling one teaches at, which the records do not hold", (), None, m.parsed)
        if m.key is not None and wording and not (f.key or f.definition) and req.level == "school" \
                and (field := residual_alone(wording, d)) is not None and field not in where.by \
                and not (group.categories and group.categories[-1].filter_on(field) is not None):
            # "Unknown" / "Not stated" alone is the residual of the breakdown its context names (a header,
            # the title, or the category just beside it, "Male", "Female", "Not stated"): under "Age" it is
            # not the unknown sex (context.residual_alone). A wrong pre-fill is worse than a miss.
            m = Match(None, 0.0, f"new: a residual category of a breakdown other than {field}", (), None, m.parsed)
        group.add(m.definition, m.parsed)
        # A row or column printed with a bare number ("2 合计", "03 专任教师") is the one a note names by it
        # ("栏14（注：栏2中的女性）"), unless a column carries that code outright.
        digits = numbering(wording).strip(" .、．") if wording else ""
        at = code if code is not None else int(digits) if digits.isdecimal() and int(digits) not in columns else None
        if at is not None:
            columns[at] = Above(tuple(heads), m.definition if m.definition and m.definition.measure == "count" else None,
                                f.label or "")
        p = m.parsed
        part = _a_part(p)
        if heads and not inherited and req.level == "school":
            merged = list(heads) if isinstance(p, Parsed) and p.kind == "total" and not flat else None
        if not part:
            in_column[tuple(heads)] = Above(tuple(heads), m.definition if m.definition and m.definition.measure == "count"
                                            else None, f.label or f.key or "")
        # A bare category read as a count, under headers no total was printed under: what a "其中" just
        # below it is among.
        if (isinstance(p, Parsed) and p.kind == "total") or is_total(m.definition):
            totalled.add(tuple(heads))
        category = Above(tuple(heads), m.definition, f.label or "") \
            if part and heads and m.definition is not None and m.definition.measure == "count" \
            and not (isinstance(p, Parsed) and p.refine) and tuple(heads) not in totalled else None
        # The school's own particulars (its name, code, address: values not counted) say nothing of
        # whom the rows after them count: a bare "女" after "学校名称" splits the title's population.
        if ((flat and m.key is not None) or not part) and not (particular(m.definition, d) and not f.headers and above is None):
            # A total, or anything but a refinement or a bare category, is what the next "其中" refines.
            # It sits under the headers printed above it: a path run into its name ("专任教师数/少数民族")
            # is its wording, so a "其中：女" printed next refines it.
            above = Above(tuple(f.headers) if flat else tuple(heads), m.definition if m.definition and m.definition.measure == "count"
                          else None, f.label or f.key or "")
            if is_total(m.definition) or (not flat and _block_total(m, p, heads, d)):
                total = whole_above(above, totals, d)
                totals.append(above)
                renamed, chained, refined = False, None, False
            elif total is not None and isinstance(p, Parsed) and p.kind == "count" and (p.own_population or flat) \
                    and above.headers == total.headers:
                renamed = True  # a path run into the name ("专任教师-女") names its population as well
        marked = {k: v for k, v in marked.items() if k < depth} | {depth: Above(
            tuple(heads), m.definition if m.definition and m.definition.measure == "count" else None, f.label or f.key or "")}
        if not flat:
            path_above = None
        elif not part:
            # As printed under the headers: a bare category ("本科毕业-一级") is no total a "其中" refines, and
            # a column left new ("二、教师情况-支教教师") is what the next "其中" refines, so that is new too.
            path_above = Above(tuple(heads), m.definition if m.definition and m.definition.measure == "count" else None,
                               f.label or f.key or "")
        if isinstance(p, Parsed) and p.refine:
            refined = True
        if chained is not False and not (isinstance(p, Parsed) and is_total(m.definition) and not p.refine):
            # People counted after the run ("在编人数", "编外人数") are apart from the total as well.
            chained = isinstance(p, Parsed) and (p.refine or (bool(chained) and p.counted and not p.own_population))
        if (f.key or f.definition) and m.key is None:
            loc: list[str | int] = ["body", "fields", i, "key" if f.key else "definition"]
            problems.append(Problem(loc, f"{m.reason}; send a label and type for a new field", f.key,
                                    code="unknown_key"))
            continue
        defn = m.definition
        worded = not (f.key or f.definition)
        if defn is not None and m.key is not None and worded and defn.measure == "value" and defn.entity != entity:
            # A wording read as another level's field is asked anew, not refused: only a key is exact.
            m = Match(None, 0.0, f"new: reads as {m.key}, a {defn.entity} field, on a {req.level} form",
                      m.candidates, None, m.parsed)
            defn = None
        if defn is not None and m.key is not None and worded and departed_in_period(req.title, [*heads, wording or ""], defn, d):
            # "调出教师" in an "增减变动情况表": who left during the period, not who is transferred on the date.
            m = Match(None, 0.0, "new: the title counts changes over a period; this counts who retired or left in it",
                      m.candidates, None, m.parsed)
            defn = None
        if defn is not None and m.key is not None and worded and req.level == "roster" and defn.measure == "value" \
                and (whose := rows_of_others(req.title, d)) is not None \
                and ((anyones(defn) and not names_staff([*heads, wording or ""], d)) or not names_staff([req.title], d)):
            # "姓名" on a "教职工子女入学登记表": the title says whose rows they are, and the column names no one else.
            # On a roster of pupils or applicants, whose title names no staff at all, even "教师姓名" is each row's
            # teacher, no staff member's own row.
            m = Match(None, 0.0, f"new: the title says the rows are of {whose}, not the staff: a bare {wording!r} is theirs",
                      m.candidates, None, m.parsed)
            defn = None
        if defn is None and worded and wording and req.level == "roster" and (whose := rows_of_others(req.title, d)) is not None \
                and names_staff([req.title], d) and (own := kin_as_staff(wording, d)) is not None:
            # "家长（教师）姓名" on a roster of the staff's children: the parent the bracket names is the staff member.
            # Not on a roster of pupils, whose title names no staff: a parent who teaches is none of its rows.
            again = _reading(d, key=None, label=own, type=f.type, definition=None, level=req.level, scene=where,
                             reference=req.reference_date)
            if again.key is not None and again.definition is not None and again.definition.measure == "value":
                m, defn = replace(again, reason=f"{again.reason}: the parent of {whose} the bracket names as staff"), again.definition
        if defn is not None and m.key is not None and worded and req.level == "school" and printed.label \
                and sheet_clashes(printed.label, d):
            # "【Sheet2 女教师】男": a column its sheet's name rules out counts people of neither.
            m = Match(None, 0.0, "new: the worksheet's name rules out whom the column counts", m.candidates, None, m.parsed)
            defn = None
        if defn is not None and m.key is not None and worded and isinstance(m.parsed, Parsed) and m.parsed.hours \
                and (_FULL_TIME_DEFINED.search(req.title) or defn.filter_on("teacher.subject") is not None):
            # "Full-time" under teachers named by what they teach is teaching that subject full time; under a
            # title defining it by a share of working time, a threshold the records do not hold.
            m = Match(None, 0.0, "new: full-time is said of working time here (a subject's, or the title's own threshold)",
                      m.candidates, None, m.parsed)
            defn = None
        if defn is not None and m.key is not None and worded and isinstance(m.parsed, Parsed) and m.parsed.employed \
                and (any(a.key == m.key for a in out) or not _names_teachers(heads[-1:], d)):
            # "专职" of teachers a header names by what they teach ("心理健康教育教师"), whose post it is.
            # Under a subject alone ("心理健康") or beside a total of the same teachers, it tells apart
            # some teachers the records do not.
            m = Match(None, 0.0, "new: 专职 tells apart teachers the records do not, unless a header names them by their post",
                      m.candidates, None, m.parsed)
            defn = None
        if defn is not None and m.key is not None:
            target_entity = defn.entity if defn.measure == "value" else "school"
            if req.level == "school" and target_entity == "teacher":
                problems.append(Problem(["body", "fields", i], f"{m.key} is a teacher field: ask it on a roster (level roster) or ask a count",
                                        code="teacher_field_on_school_form"))
                continue
            if req.level == "roster" and defn.measure == "count":
                problems.append(Problem(["body", "fields", i], f"{m.key} is a count of teachers: ask it on a school form (level school)",
                                        code="indicator_on_roster"))
                continue
            if worded and defn.measure == "count":
                bounded.append((len(out), tuple(heads), defn, wording or ""))
            out.append(FieldAnalysis(i, printed.label, f.key, f.type, m.key, True, "prefill_store", m.confidence, m.reason,
                                     candidates=m.candidates, headers=printed.headers,
                                     definition=definition_json(defn, d, req.reference_date)))
            placed.append((tuple(heads), defn))
            continue
        if f.type is None:
            problems.append(Problem(["body", "fields", i, "type"], "a field the dictionary does not know needs a type", printed.label,
                                    code="type_needed"))
            continue
        context = [*([req.title] if not printed.headers and prior is None else []), *printed.headers,
                   *([prior.label] if prior is not None else [])]
        # Any but a value is another cell under other headers ("实聘人数" under "管理岗位" and under
        # "专业技术岗位"), though not another cell after another field; so is a value that is someone
        # else's by its header ("举办者 / 名称" and "主管部门 / 名称").
        key = custom_key(entity, printed.label or "", context if _depends_on_context(m, printed.label or "")
                         else list(printed.headers) if printed.headers and (theirs or not (m.parsed and m.parsed.kind == "value"))
                         else None)
        if m.alternatives and req.level == "school":
            hesitant.append((len(out), m, tuple(heads)))
        if req.level == "school" and not (f.key or f.definition) and where.unreadable is None and where.classed is None \
                and where.value is None and not where.besides and f.type == "integer":
            unframed.append((len(out), m, tuple(heads)))
        if req.level == "school" and label and not (f.key or f.definition) and where.hint is None \
                and _BARE_BAND.search(label) and "does not know" in m.reason:
            unnamed.append((len(out), label, f.type, where, tuple(heads)))
        if req.level == "school" and label and re.search(r"\d", label[len(numbering(label)):]):  # not "Question 6: Null"
            numbered.append((len(out), tuple(heads)))
        out.append(FieldAnalysis(i, printed.label, None, f.type, key, False, "new", m.confidence, m.reason,
                                 candidates=m.candidates, headers=printed.headers))
    for j, m, under in hesitant:
        a = out[j]
        bands = [defn for headers, defn in placed if headers == under]
        s = settled(m, bands, d, req.reference_date)
        if s is not None and s.key is not None and s.definition is not None:
            out[j] = _prefilled(a, s, d, req.reference_date)
    asked = {a.key for a in out if a.matched}
    banded: dict[int, tuple[Match, tuple[str, ...]]] = {}
    for j, label, typed, where, under in unnamed:
        # A band of bare numbers is of the range the bands beside it are of, when they are of one.
        named = {x.field for headers, defn in placed if headers == under for x in defn.filters if x.is_range}
        if len(named) == 1:
            again = _reading(d, key=None, label=label, type=typed, definition=None, level=req.level,
                             scene=replace(where, hint=named.pop()), reference=req.reference_date)
            if again.key is not None and again.definition is not None:
                banded[j] = again, under
    # Unless a number beside them stays unread: bands of another kind ("Weekly teaching hours 10-14",
    # then "15-19"; "周课时16节以下", then "16-20") may be what the bare ones go on with.
    unsure = {under for j, under in numbered if j not in banded and not out[j].matched}
    for j, (again, under) in banded.items():
        if under not in unsure and again.key not in asked:
            out[j] = _prefilled(out[j], replace(again, reason=f"{again.reason}, as the bands beside it are"), d,
                                req.reference_date)
            asked.add(again.key)
    for j, m, under in unframed:
        # "Total headcount" above (or below) "Teaching headcount", "Non-teaching admin", …: the staff's total.
        whole = total_of_kinds(m, [defn for headers, defn in placed if headers == under], d, req.reference_date)
        if whole is not None and whole.key is not None and whole.definition is not None and whole.key not in asked:
            out[j] = _prefilled(out[j], whole, d, req.reference_date)
            asked.add(whole.key)
    for j, under, defn, wording in bounded:
        bands = [b for headers, b in placed if headers == under]
        u = unbanded(defn, wording, bands, d, req.reference_date)
        if u is not None and u.key is not None and u.definition is not None:
            out[j] = replace(out[j], key=u.key, confidence=u.confidence, reason=u.reason,
                             definition=definition_json(u.definition, d, req.reference_date))
    keys = [a.key for a in out]
    for k in {k for k in keys if k is not None and keys.count(k) > 1}:
        # "Building name" beside "School name", "Support staff (all non-teaching roles)" beside "Non-teaching
        # staff": a field read only through a name the form may give something else steps aside for one
        # asking the same key plainly; it is the form's own.
        asking = {j: loosely_named(a.label or "", a.headers[-1] if a.headers else None, d, req.level)
                  for j, a in enumerate(out) if a.key == k and a.matched}
        plainest = min(asking.values(), default=0)
        if sum(v == plainest for v in asking.values()) == 1:
            for j in (j for j, v in asking.items() if v > plainest):
                a = out[j]
                out[j] = replace(a, key=custom_key(entity, a.label or "", list(a.headers) or None), matched=False,
                                 classification="new", confidence=0.0, definition=None,
                                 reason=f"new: another field asks {k} plainly; this name may be of something else")
    keys = [a.key for a in out]
    for i, a in enumerate(out):
        if a.key in keys[:i]:
            problems.append(Problem(["body", "fields", a.position], f"asks {a.key} again (as field {keys.index(a.key)})",
                                    a.label or a.given_key, code="asked_twice", params={"first": out[keys.index(a.key)].position + 1}))
    if problems:
        raise InvalidInput(f"{len(problems)} field(s) cannot be analysed", problems)
    return out


# A title defining full-time by a share or hours of working time: "(a full-time teacher is employed at least
# 90% of the time as a teacher)".
_FULL_TIME_DEFINED = re.compile(r"full[- ]?time\b[^()（）]{0,40}?\b(?:is|are|means|defined)\b[^()（）]{0,80}?(?:\d\s*%|percent|hours?)",
                                re.IGNORECASE)


def _names_teachers(headers: list[str], d: Dictionary) -> bool:
    """Whether the header just above a field names teachers themselves ("心理健康教育教师"), not only
    a subject or a category of them."""
    parsed = read(headers[0], d, mode="frame") if headers else None
    return isinstance(parsed, Parsed) and parsed.own_population


def _live_asking(session: Session, req: RequestIn, keys: list[str], exclude: str | None,
                 ) -> list[tuple[Request, set[str]]]:
    """Live requests asking any of `keys` in an intersecting period, with the keys they ask (found
    through the index on request_field.key: the cost follows the keys asked, not the live requests)."""
    by_request: dict[str, tuple[Request, set[str]]] = {}
    for r, key in repo.live_asking(session, keys, machine.LIVE, *req.period, exclude):
        by_request.setdefault(r.id, (r, set()))[1].add(key)
    return list(by_request.values())


def analyse(session: Session, principal: Principal, req: RequestIn, *, exclude: str | None = None) -> Analysis:
    """Read and classify every field, find live requests it overlaps, and decide; writes nothing.
    What earlier requests asked in their own wording plays no part in reading this one.

    A handful of statements whatever the number of live requests: the live requests asking any of
    the fields (by key), then one pass over the schools in scope counting them, the stored values
    they hold and the schools each of those live requests shares, then the collected answers."""
    require_role(principal, "department", "education_office")
    req = req.model_copy(update={"scope": req.scope.within_jurisdiction(principal.jurisdiction)})
    require_within_jurisdiction(session, req.scope, principal.jurisdiction, ["body", "scope"])
    if req.due_date < now().date() or req.due_date < req.reference_date:
        raise InvalidInput("the due date must be today or later, and not before the reference date",
                           [Problem(["body", "due_date"], "too early", str(req.due_date), code="due_too_early")])
    d = dictionary()
    fields = read_fields(req, d)
    entity = "teacher" if req.level == "roster" else "school"
    in_scope = scope_filter(req.scope)
    for f in fields:
        if f.classification == "prefill_store":
            f.source = "store"
    # Any field may end up asked (a partly held stored value is): the live requests asking any of
    # them are read at once, and only those sharing what this one asks count below.
    live = _live_asking(session, req, [f.key for f in fields if f.key], exclude)
    store_keys = [f.key for f in fields if f.source == "store" and f.key]
    school_keys = [k for k in store_keys if (x := definition_of(k, d)) is not None and x.measure == "value"
                   and x.entity == "school"]
    n_schools, held, shared = repo.scope_figures(
        session, in_scope, req.reference_date, [d.fields[k].column for k in school_keys],
        [scope_filter(Scope.from_json(r.scope)) for r, _ in live])
    if n_schools == 0:
        raise InvalidInput("the scope reaches no school", [Problem(["body", "scope"], "no school in the store matches this scope",
                                                                   code="no_school_in_scope")])
    stored = {k: (n, n_schools) for k, n in zip(school_keys, held, strict=True)}
    if req.level == "roster":
        stored |= prefill.store_coverage(session, d, [k for k in store_keys if k not in stored], req.level, in_scope,
                                         req.reference_date)
    for f in fields:
        have, total = stored.get(f.key or "", (0, 0))
        if have < total:
            f.partial = True
            f.reason += f"; the store holds it for {have} of {total}: the others are asked"
    pending = [f.key for f in fields if f.classification == "new" and f.key]
    coverage = prefill.collected_coverage(session, pending, entity, in_scope, req.reference_date, req.period,
                                          total=n_schools if entity == "school" else None)
    for f in fields:
        have, total = coverage.get(f.key or "", (0, 0))
        if f.classification == "new" and total and have == total:
            f.classification, f.source = "prefill_collected", "collected"
            f.reason += f"; collected for all {total} in scope"
        elif f.classification == "new" and have:
            f.reason += f"; collected for {have} of {total} in scope"
    analysis = Analysis(fields=fields, schools_in_scope=n_schools, content_hash=content_hash(req))
    asked = analysis.asked
    for (r, all_keys), shared_schools in zip(live, shared, strict=True):
        keys = all_keys & asked
        if shared_schools == 0 or not keys:
            continue
        for f in fields:
            if f.key in keys and f.classification == "new":
                f.classification, f.source = "collected_by_active", f"request:{r.id}"
        meet = periods_intersect(*req.period, r.period_start, r.period_end)
        share = overlap_share(len(keys), len(asked), shared_schools, n_schools, meet)
        analysis.duplicates.append(Duplicate(r.id, r.title, r.department, round(share, 4), sorted(keys)))
    analysis.duplicates.sort(key=lambda dup: -dup.overlap)
    analysis.decision = _decide(principal, req, analysis)
    return analysis


def _decide(principal: Principal, req: RequestIn, a: Analysis) -> str:
    if not a.asked:
        return "answered"
    if any(dup.overlap >= DUPLICATE_THRESHOLD for dup in a.duplicates):
        return "rejected_duplicate"
    if req.kind == "administrative" and principal.role == "education_office":
        return "ready"
    return "pending_approval"


def _why(decision: str, a: Analysis) -> str:
    if decision == "answered":
        return "every field is answered from the store or collected answers; no school is asked"
    if decision == "rejected_duplicate":
        twins = [d for d in a.duplicates if d.overlap >= DUPLICATE_THRESHOLD]
        return "duplicates " + ", ".join(f"{d.request_id} ({d.overlap:.0%} overlap)" for d in twins)
    if decision == "ready":
        return "administrative request of the education office"
    return "needs approval before it can be issued"


def _save_fields(session: Session, request_id: str, a: Analysis, principal: Principal, entity: str) -> None:
    repo.replace_fields(session, request_id, [{
        "position": f.position, "label": f.label, "given_key": f.given_key, "given_type": f.given_type, "key": f.key,
        "classification": f.classification, "confidence": f.confidence, "reason": f.reason, "source": f.source,
        "headers": json.dumps(f.headers, ensure_ascii=False),
        "definition": json.dumps(f.definition, ensure_ascii=False) if f.definition is not None else None,
    } for f in a.fields])
    at = now()
    repo.add_custom_fields(session, [
        {"key": f.key, "entity": entity, "label": f.label or f.key, "type": f.given_type or "text",
         "first_request": request_id, "department": principal.org_code, "created_at": at}
        for f in a.fields if not f.matched and f.key])


class DuplicateRequest(Conflict):
    title = "Duplicate request"
    reason = "duplicate_request"

    def __init__(self, request_id: str, a: Analysis, *, record: Record | None = None) -> None:
        twins = [d for d in a.duplicates if d.overlap >= DUPLICATE_THRESHOLD]
        super().__init__(
            f"request {request_id} duplicates live request(s) {', '.join(d.request_id for d in twins)}: "
            f"{max(d.overlap for d in twins):.0%} of what it would ask is already being asked",
            [Problem(["body", "fields"], f"overlaps {d.request_id} '{d.title}' by {d.overlap:.0%}: {', '.join(d.shared_fields)}")
             for d in twins],
            record=record, request_id=request_id, status_now="rejected_duplicate",
            duplicates=[d.__dict__ for d in twins], threshold=DUPLICATE_THRESHOLD,
        )


def submit(session: Session, principal: Principal, req: RequestIn) -> tuple[Request, Analysis]:
    """Save a request, analyse it and move it from draft to its decision. A duplicate is refused,
    and kept on file with its analysis as `rejected_duplicate`."""
    repo.pass_gate(session)
    a = analyse(session, principal, req)
    if a.decision == "rejected_duplicate":
        request_id = new_id()
        def keep(session: Session) -> None:
            _save(session, principal=principal, req=req, a=a, request_id=request_id)

        raise DuplicateRequest(request_id, a, record=keep)
    return _save(session, principal=principal, req=req, a=a, request_id=new_id()), a


def _save(session: Session, *, principal: Principal, req: RequestIn, a: Analysis, request_id: str) -> Request:
    at = now()
    scope = req.scope.within_jurisdiction(principal.jurisdiction)
    start, end = req.period
    r = Request(
        id=request_id, department=principal.org_code, title=req.title, purpose=req.purpose, kind=req.kind,
        level=req.level, scope=scope.to_json(), reference_date=req.reference_date, period_start=start,
        period_end=end, due_date=req.due_date, frequency=req.frequency, status="", content_hash=a.content_hash,
        created_by=principal.id, created_at=at, updated_at=at,
    )
    session.add(r)
    session.flush()
    machine.transition(session, r, "draft", principal.id, "submitted")
    _save_fields(session, r.id, a, principal, "teacher" if req.level == "roster" else "school")
    machine.transition(session, r, a.decision, principal.id, _why(a.decision, a))
    return r


def update(session: Session, principal: Principal, request_id: str, req: RequestIn) -> tuple[Request, Analysis]:
    """Replace a request's content and decide again. A changed content hash voids its approval; a
    rejected request moves again only when changed; a change that would duplicate a live request
    is refused and nothing is saved."""
    r = get_owned(session, principal, request_id)
    repo.pass_gate(session)
    if r.status in ("issued", "closed", "answered", "rejected_duplicate"):
        raise machine.IllegalTransition(f"request {r.id} is {r.status} and can no longer change",
                                        [Problem(["request", "status"], "cannot change", r.status)])
    a = analyse(session, principal, req, exclude=r.id)
    changed = a.content_hash != r.content_hash
    if a.decision == "rejected_duplicate":
        raise DuplicateRequest(r.id, a)
    if r.status == "rejected" and not changed:
        raise machine.IllegalTransition(f"request {r.id} was rejected; change its fields, scope or dates to resubmit",
                                        [Problem(["body"], "unchanged since the rejection")])
    start, end = req.period
    scope = req.scope.within_jurisdiction(principal.jurisdiction)
    content = {
        "title": req.title, "purpose": req.purpose, "kind": req.kind, "level": req.level, "scope": scope.to_json(),
        "reference_date": req.reference_date, "period_start": start, "period_end": end, "due_date": req.due_date,
        "frequency": req.frequency, "content_hash": a.content_hash,
    }
    for k, v in content.items():
        setattr(r, k, v)
    _save_fields(session, r.id, a, principal, "teacher" if req.level == "roster" else "school")
    if changed:
        reason = "changed; " + _why(a.decision, a)
        if a.decision == "pending_approval" and r.status != "pending_approval":
            reason = "changed after approval; the new version needs its own approval"
        machine.transition(session, r, a.decision, principal.id, reason)
    return r, a


def approver_role(kind: str) -> Role:
    """Statistical surveys go to the statistics office; research and other departments'
    administrative requests to the education office."""
    return "statistics_office" if kind == "statistical" else "education_office"


def department_within(session: Session, principal: Principal, r: Request) -> bool:
    """The requesting department's jurisdiction lies within the principal's (same level or below)."""
    dept = principals_store.organisation(session, r.department)
    return bool(principal.jurisdiction and dept and dept.jurisdiction and within(dept.jurisdiction, principal.jurisdiction))


def _office_reaches(session: Session, principal: Principal, r: Request) -> bool:
    """An office reaches the requests it would approve: of its kind, from departments at or below its level."""
    if principal.role != approver_role(r.kind) or r.department == principal.org_code:
        return False
    return department_within(session, principal, r)


def get_readable(session: Session, principal: Principal, request_id: str) -> Request:
    """A request for its department, an admin, or the office that would approve it; hidden from others."""
    r = repo.get(session, request_id)
    if r is None or not (
        r.department == principal.org_code or principal.role == "admin" or _office_reaches(session, principal, r)
    ):
        raise NotFound(f"no request {request_id} for you", [Problem(["path", "id"], "unknown request", request_id)])
    return r


def get_owned(session: Session, principal: Principal, request_id: str) -> Request:
    """A request its own department acts on (change, issue, results); others may at most read it."""
    r = get_readable(session, principal, request_id)
    if r.department != principal.org_code:
        raise Forbidden(f"request {request_id} belongs to {r.department}", [Problem(["path", "id"], "not yours", request_id)])
    return r


def list_own(session: Session, principal: Principal, status: str | None = None) -> list[Request]:
    """A department's own requests; an office also those it would approve, within its jurisdiction."""
    if principal.role in ("statistics_office", "education_office") and principal.jurisdiction:
        kinds = ("statistical",) if principal.role == "statistics_office" else ("research", "administrative")
        return repo.listed(session, department=principal.org_code, reached_kinds=kinds,
                           reached_prefix=region_prefix(principal.jurisdiction), status=status)
    if principal.role == "department":
        return repo.listed(session, department=principal.org_code, status=status)
    if principal.role != "admin":
        raise Forbidden("schools do not read requests", [Problem(["principal", "role"], "not allowed")])
    return repo.listed(session, department=None, status=status)


def fields_of(session: Session, request_id: str) -> list[RequestField]:
    return repo.fields_of(session, request_id)


def answers(session: Session, principal: Principal, request_id: str) -> list[dict[str, Any]]:
    """The values of an answered request, read from the store and collected answers at once."""
    r = get_owned(session, principal, request_id)
    if r.status != "answered":
        raise Conflict(f"request {r.id} is {r.status}; answers from the store exist only for answered requests",
                       [Problem(["request", "status"], "not answered", r.status)])
    d = dictionary()
    keys = [f.key for f in fields_of(session, r.id) if f.key]
    scope, period = Scope.from_json(r.scope), (r.period_start, r.period_end)
    lens = disclosure.for_principal(principal)  # no approval covers an answered request's sensitive data
    if r.level == "roster":
        rows = prefill.values(session, prefill.teacher_values_query(d, scope_filter(scope), keys, r.reference_date, period))
        log_reads(session, principal, [(row["school_code"], row["id"]) for row in rows], entity="teacher",
                  action="answers", request_id=r.id)
        return [lens.row(row, keys) for row in _typed(session, keys, rows)]
    rows = prefill.values(session, prefill.school_values_query(d, scope_filter(scope), keys, r.reference_date, period))
    return [lens.row(row, keys) for row in _typed(session, keys, rows)]


def _typed(session: Session, keys: list[str], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Collected answers are kept as text; they are served with the type their field was asked
    with, so a count is a number for the next asker as it was for the first."""
    types = repo.custom_types(session, keys)
    cast: dict[str, Any] = {"integer": int, "decimal": float, "boolean": lambda v: v in ("1", "true")}
    for row in rows:
        for k, t in types.items():
            if row.get(k) is not None and t in cast:
                row[k] = cast[t](row[k])
    return rows
