"""Departments' own forms as requests: an Excel template or an XLSForm is read (connectors/), each
question becomes a request field read in its context (its headers and the form's title), and
the request is analysed and submitted like any other (service.domain.requests).

Rules enforced here:
- a form the service cannot read is refused naming the sheet and cell (or survey row);
- on a template, the column naming the school (its name or code, anywhere in the header) is the
  row key, not a question; a running-number column is filled in order;
- the department may correct a reading before submitting: pick a key or a definition for a
  column, give its type, mark it as the school column, or leave it out;
- the form is kept with the request, so results can go back in the department's own layout.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic import Field as PydField
from sqlalchemy.orm import Session

from connectors.base import FormDefinition, Question, UnreadableFile, form_reader_for
from connectors.template import unit_type
from service.domain.authz import Principal, require_role
from service.domain.clock import now
from service.domain.dictionary import Dictionary, dictionary
from service.domain.errors import DomainError, InvalidInput, Problem
from service.domain.requests import LABEL_MAX, Analysis, FieldAnalysis, FieldIn, RequestIn, analyse, submit
from service.domain.semantics import match_field
from service.domain.text import simple_norm
from service.store import templates as store
from service.store.tables import Request, RequestTemplate

MAX_BYTES = 5 * 1024 * 1024
HEADER_MAX = TITLE_MAX = 200  # as a request keeps a field's headers and its own title (FieldIn, RequestIn)
IDENTITY: dict[str, Literal["code", "name"]] = {"school.code": "code", "school.name": "name"}
Role = Literal["field", "identity", "sequence", "skipped"]


class TooLarge(DomainError):
    status, title = 413, "File too large"
    reason = "file_too_large"


class TemplateRequestIn(RequestIn):
    """The request's other attributes; its fields come from the form, its title from the form's
    title unless given."""

    title: str = PydField(default="", max_length=200)
    fields: list[FieldIn] = PydField(default_factory=list, max_length=0,
                                     description="read from the form; do not send")


class ColumnCorrection(BaseModel):
    """A department's correction of how one column (or question) is read."""

    model_config = ConfigDict(extra="allow")  # any other FieldIn attribute (a definition, say)
    key: str | None = None
    type: str | None = None
    label: str | None = None
    identity: Literal["code", "name"] | None = PydField(default=None, description="this column names the school")
    skip: bool = PydField(default=False, description="leave this column out of the request")


@dataclass
class ColumnReading:
    ref: str
    label: str
    headers: list[str]
    role: Role
    identity: str | None = None
    unit: str | None = None
    choices: list[str] = field(default_factory=list)
    field: FieldAnalysis | None = None
    note: str | None = None


@dataclass
class FormReading:
    format: str
    title: str | None
    sheet: str | None
    columns: list[ColumnReading]
    analysis: Analysis
    request: RequestIn
    notes: list[str]
    definition: FormDefinition


def _nuls(value: Any, loc: list[str | int]) -> list[Problem]:
    """Where `value` (text, or lists and mappings of it) holds a NUL, which neither store can keep.
    A JSON body is refused with one by the request guard; the parts of an upload are checked here."""
    if isinstance(value, str):
        return [Problem(loc, "a NUL character is not allowed")] if "\x00" in value else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _nuls(str(k), [*loc, str(k)]) + _nuls(v, [*loc, str(k)])]
    if isinstance(value, list | tuple):
        return [p for i, v in enumerate(value) for p in _nuls(v, [*loc, i])]
    return []


def _refuse_nuls(filename: str, attrs: TemplateRequestIn, corrections: dict[str, ColumnCorrection],
                 sheet: str | None) -> None:
    found = (_nuls(filename, ["file", "filename"]) + _nuls(attrs.model_dump(mode="json"), ["body", "request"])
             + _nuls({k: v.model_dump(mode="json") for k, v in corrections.items()}, ["body", "corrections"])
             + _nuls(sheet or "", ["body", "sheet"]))
    if found:
        raise InvalidInput("a NUL character is not allowed", found)


def _read(data: bytes, filename: str, sheet: str | None, fmt: str | None) -> FormDefinition:
    if len(data) > MAX_BYTES:
        raise TooLarge(f"{filename}: {len(data)} bytes; a form may be at most {MAX_BYTES} bytes",
                       [Problem(["file"], "too large", len(data))])
    try:
        return form_reader_for(data, fmt).read(data, sheet)
    except UnreadableFile as exc:
        loc: list[str | int] = ["file"]
        if exc.where:
            loc += ["sheet", exc.where[0]] + (["cell", exc.where[1]] if len(exc.where) > 1 else [])
        raise InvalidInput(f"{filename}: {exc}", [Problem(loc, str(exc))]) from exc


def _correction(corrections: dict[str, ColumnCorrection], q: Question) -> ColumnCorrection | None:
    """A correction addressed by the column's header cell ("F5"), its letter ("F") or its name."""
    letter = "".join(ch for ch in q.ref.split("!")[-1] if ch.isalpha())
    for k in (q.ref, letter, q.name or ""):
        if k and k in corrections:
            return corrections[k]
    return None


def _choice_key(q: Question, level: str, d: Dictionary) -> tuple[str, str] | None:
    """The one dictionary field at `level` whose code list the question's choices are: every choice
    is a code, or a label or alias of one, of that list. Returns (key, code list name)."""
    if not q.choices:
        return None
    entity = "teacher" if level == "roster" else "school"
    fits = []
    for name, cl in d.code_lists.items():
        words = {simple_norm(w): c.code for c in cl.codes for w in (c.code, c.zh, c.en, *c.aliases)}
        if all(any(simple_norm(t) in words for t in (ch.name, *ch.labels.values())) for ch in q.choices):
            fits.append(name)
    keys = [(f.key, f.code_list) for f in d.fields.values()
            if f.type == "enum" and f.code_list in fits and f.entity == entity and not f.is_indicator]
    return (keys[0][0], keys[0][1] or "") if len(keys) == 1 else None


def _fields(definition: FormDefinition, level: str, corrections: dict[str, ColumnCorrection],
            d: Dictionary) -> tuple[list[ColumnReading], list[dict[str, Any]], list[Problem]]:
    """Each question as a reading and, for the questions asked, the FieldIn it becomes (as data,
    validated later so a bad correction is reported at its column)."""
    readings: list[ColumnReading] = []
    fields: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for q in definition.questions:
        fix = _correction(corrections, q)
        # A cell may hold 32,767 characters (more, written by hand): the reading keeps what a field keeps.
        reading = ColumnReading(ref=q.ref, label=q.label[:LABEL_MAX], headers=[h[:HEADER_MAX] for h in q.headers],
                                role="field", unit=q.unit and q.unit[:HEADER_MAX],
                                choices=[c.name[:HEADER_MAX] for c in q.choices])
        readings.append(reading)
        if fix is not None and fix.skip:
            reading.role, reading.note = "skipped", "left out by the department"
            continue
        if fix is not None and fix.identity:
            reading.role, reading.identity = "identity", fix.identity
            continue
        if q.role == "sequence" and fix is None:
            reading.role, reading.note = "sequence", "a running number, filled in order"
            continue
        if fix is None:  # one row (or submission) per school: what names the school is its key
            known = q.name if q.name in IDENTITY else match_field(label=q.label, d=d).key
            if known in IDENTITY:
                reading.role, reading.identity = "identity", IDENTITY[known]
                reading.note = f"names the school ({known}): each row is one school"
                continue
        body: dict[str, Any] = {"label": q.label[:200], "headers": [h[:200] for h in q.headers][-6:]}
        if q.name and q.name in d.fields:
            body["key"] = q.name  # a form exported by this service names each question by its key
        if q.type:
            body["type"] = q.type
        chosen = _choice_key(q, level, d) if "key" not in body else None
        if chosen is not None and match_field(label=q.label, type=q.type, d=d).key is None:
            body["key"] = chosen[0]
            reading.note = f"read from its choices: they are the code list {chosen[1]}"
        if fix is not None:
            extra = fix.model_dump(exclude={"identity", "skip"}, exclude_none=True)
            body |= extra
            reading.note = "corrected by the department: " + ", ".join(f"{k}={v}" for k, v in extra.items())
        try:
            FieldIn.model_validate(body)
        except ValidationError as exc:
            problems += [Problem(["file", "column", q.ref, *map(str, e["loc"])], e["msg"]) for e in exc.errors()]
            continue
        fields.append(body)
    return readings, fields, problems


def _unit_types(definition: FormDefinition) -> dict[str, str]:
    return {q.ref: t for q in definition.questions if q.unit and (t := unit_type(q.unit))}


def read_form(
    session: Session, principal: Principal, data: bytes, filename: str, attrs: TemplateRequestIn, *,
    corrections: dict[str, ColumnCorrection] | None = None, sheet: str | None = None, fmt: str | None = None,
) -> FormReading:
    """Read a department's form and analyse it as a request; writes nothing. Every problem names
    the form's own cell (or survey row)."""
    require_role(principal, "department", "education_office")
    _refuse_nuls(filename, attrs, corrections or {}, sheet)
    definition = _read(data, filename, sheet, fmt)
    d = dictionary()
    readings, bodies, problems = _fields(definition, attrs.level, corrections or {}, d)
    if problems:
        raise InvalidInput(f"{filename}: {len(problems)} correction(s) cannot be applied", problems)
    asked = [r for r in readings if r.role == "field"]
    if not asked:
        raise InvalidInput(f"{filename}: no question to ask on the form",
                           [Problem(["file", "sheet", definition.layout.get("sheet", "")], "every column was left out or names the school")])
    title = (attrs.title or definition.title or filename)[:TITLE_MAX]
    units = _unit_types(definition)
    req, analysis = _analyse(session, principal, attrs, title, bodies, asked, units, definition, filename)
    for a in analysis.fields:
        asked[a.position].field = a
    return FormReading(format=definition.format, title=title, sheet=definition.layout.get("sheet"), columns=readings,
                       analysis=analysis, request=req, notes=list(definition.notes), definition=definition)


def _analyse(session: Session, principal: Principal, attrs: TemplateRequestIn, title: str,
             bodies: list[dict[str, Any]], asked: list[ColumnReading], units: dict[str, str],
             definition: FormDefinition, filename: str) -> tuple[RequestIn, Analysis]:
    """Analyse; a column the dictionary does not know and whose type the form does not state gets
    the type of the sheet's unit, else text, and is analysed again."""
    for _ in range(2):
        req = RequestIn.model_validate({**attrs.model_dump(exclude={"fields", "title"}), "title": title[:200],
                                        "fields": bodies})
        try:
            return req, analyse(session, principal, req)
        except InvalidInput as exc:
            untyped = [e.loc[2] for e in exc.errors if e.loc[:2] == ["body", "fields"] and e.loc[3:] == ["type"]]
            if not untyped or len(untyped) < len(exc.errors) or any("type" in bodies[int(i)] for i in untyped):
                raise _at_columns(exc, asked, filename) from exc
            for i in untyped:
                bodies[int(i)]["type"] = units.get(asked[int(i)].ref, "text")
    raise AssertionError("unreachable: the second analysis has every type")


def _at_columns(exc: InvalidInput, asked: list[ColumnReading], filename: str) -> InvalidInput:
    """The analysis' problems, located at the form's columns instead of positions in a list."""
    errors = []
    for e in exc.errors:
        loc = list(e.loc)
        if loc[:2] == ["body", "fields"] and len(loc) > 2 and isinstance(loc[2], int) and loc[2] < len(asked):
            col = asked[loc[2]]
            loc = ["file", "column", col.ref, *loc[3:]]
            errors.append(Problem(loc, f"{' / '.join([*col.headers, col.label])}: {e.msg}", e.value))
        else:
            errors.append(e)
    out = InvalidInput(f"{filename}: {exc.detail}", errors)
    out.extra = exc.extra
    return out


def submit_form(
    session: Session, principal: Principal, data: bytes, filename: str, attrs: TemplateRequestIn, *,
    corrections: dict[str, ColumnCorrection] | None = None, sheet: str | None = None, fmt: str | None = None,
) -> tuple[Request, FormReading]:
    """Submit the form as a request (the same decision as any request) and keep the form with it."""
    reading = read_form(session, principal, data, filename, attrs, corrections=corrections, sheet=sheet, fmt=fmt)
    r, analysis = submit(session, principal, reading.request)
    reading.analysis = analysis
    asked = [c for c in reading.columns if c.role == "field"]
    for a in analysis.fields:
        asked[a.position].field = a
    columns: dict[str, Any] = {}
    for c in reading.columns:
        if c.role == "field":
            columns[c.ref] = {"position": asked.index(c)}
        else:
            columns[c.ref] = {"role": c.role, "identity": c.identity}
    store.keep(session, RequestTemplate(
        request_id=r.id, format=reading.format, filename=filename[:200], content=data,
        layout=json.dumps(reading.definition.layout, ensure_ascii=False),
        columns=json.dumps(columns, ensure_ascii=False), created_at=now()))
    return r, reading


def read_from_forms(session: Session, request_ids: list[str]) -> set[str]:
    """Which of the requests were read from a department's own form (and can go back filled in it)."""
    return store.with_template(session, request_ids)
