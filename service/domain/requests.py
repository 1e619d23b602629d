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

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic import Field as PydField
from pydantic_core import PydanticCustomError
from sqlalchemy import and_, func, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session
from sqlmodel import col

from service.domain import status as machine
from service.domain.access import log_reads
from service.domain.authz import Principal, Role, mask, region_prefix, require_role, within
from service.domain.clock import new_id, now
from service.domain.dictionary import Dictionary, Field, Labels, Source, dictionary
from service.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem, Record
from service.domain.matching import Candidate, Match, match_field, normalise
from service.domain.overlap import DUPLICATE_THRESHOLD, overlap_share, periods_intersect
from service.domain.scope import Scope, count_in, require_within_jurisdiction, scope_filter
from service.store import prefill
from service.store.records import for_reference
from service.store.tables import CustomField, Organisation, Request, RequestField, RequestGate, School

Kind = Literal["statistical", "research", "administrative"]
Level = Literal["school", "roster"]
FieldType = Literal["integer", "decimal", "text", "date", "boolean", "enum"]
Frequency = Literal["once", "monthly", "quarterly", "termly", "annual"]
Classification = Literal["prefill_store", "prefill_collected", "collected_by_active", "new"]
ANSWERABLE = ("prefill_store", "prefill_collected")


class FieldIn(BaseModel):
    """A dictionary key, or the department's own wording with a type, and where it sits on the
    department's printed form: the headers above its column, outermost first."""

    model_config = ConfigDict(extra="forbid")
    key: str | None = PydField(default=None, max_length=120)
    label: str | None = PydField(default=None, max_length=200)
    type: FieldType | None = None
    headers: list[Annotated[str, PydField(min_length=1, max_length=200)]] = PydField(
        default_factory=list, max_length=6,
        description="the form's headers above this field, outermost first, e.g. ['专任教师', '其中']")

    @model_validator(mode="after")
    def _key_or_label(self) -> FieldIn:
        if not (self.key or (self.label and self.label.strip())):
            raise PydanticCustomError("key_or_label", "give a dictionary key or a label")
        return self


class RequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = PydField(min_length=1, max_length=200)
    purpose: str = PydField(min_length=1, max_length=4000)
    kind: Kind
    level: Level
    fields: list[FieldIn] = PydField(min_length=1, max_length=400)
    scope: Scope = Scope()
    reference_date: date
    period_start: date | None = None
    period_end: date | None = None
    due_date: date
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


def custom_key(entity: str, label: str) -> str:
    """The key a new wording gets: stable for the same normalised wording and level."""
    return f"{entity}.c_{hashlib.sha1(normalise(label).encode()).hexdigest()[:10]}"


def is_custom(key: str | None) -> bool:
    return bool(key) and key.split(".", 1)[1].startswith("c_")  # type: ignore[union-attr]


_merged: dict[str, tuple[frozenset[str], Dictionary]] = {}


def _matching_dictionary(session: Session, base: Dictionary, level: str) -> Dictionary:
    """What a label on a form of `level` may mean: a school form reads school fields, indicators and
    school fields earlier requests asked in their own wording (teacher fields too, to say they
    belong on a roster); a roster reads teacher fields and teacher fields asked before. Kept until
    the custom fields change, so the matcher's index is built once per change."""
    entity = "teacher" if level == "roster" else "school"
    rows = session.scalars(select(CustomField).where(CustomField.entity == entity)).all()  # type: ignore[arg-type]
    keys = frozenset(r.key for r in rows)
    cached = _merged.get(level)
    if cached is not None and cached[0] == keys:
        return cached[1]
    fields = {k: f for k, f in base.fields.items() if level == "school" or (f.entity == "teacher" and not f.is_indicator)}
    fields |= {
        r.key: Field(
            key=r.key, entity=r.entity, labels=Labels(zh=r.label, en=r.label), type=r.type,  # type: ignore[arg-type]
            sensitivity="internal", source=Source(owner="school", school_may_correct=True),
        )
        for r in rows if r.key not in base.fields
    }
    merged = Dictionary(fields=fields, code_lists=base.code_lists, families=base.families)
    _merged[level] = (keys, merged)
    return merged


def _match(req: RequestIn, full: Dictionary, d: Dictionary) -> list[FieldAnalysis]:
    """Match every field: keys against the whole dictionary, wording against what `req.level` may ask."""
    entity = "teacher" if req.level == "roster" else "school"
    out: list[FieldAnalysis] = []
    problems: list[Problem] = []
    family: Field | None = None  # the indicator family of the field just above, for "其中：女"
    for i, f in enumerate(req.fields):
        m = match_field(key=f.key, label=f.label, type=f.type, d=full if f.key else d)
        if m.key is None and f.label and family is not None:
            m = _within(family, f.label, f.type, d) or m
        target = (full if f.key else d).fields.get(m.key or "")
        family = d.fields[target.indicator.family] if target is not None and target.indicator is not None else None
        if f.key and m.key is None:
            problems.append(Problem(["body", "fields", i, "key"], f"{m.reason}; send a label and type for a new field", f.key,
                                    code="unknown_key"))
            continue
        if target is not None:
            if req.level == "school" and target.entity == "teacher":
                problems.append(Problem(["body", "fields", i], f"{m.key} is a teacher field: ask it on a roster (level roster) or ask an indicator",
                                        code="teacher_field_on_school_form"))
                continue
            if req.level == "roster" and target.is_indicator:
                problems.append(Problem(["body", "fields", i], f"{m.key} is a school indicator: ask it on a school form (level school)",
                                        code="indicator_on_roster"))
                continue
            out.append(FieldAnalysis(i, f.label, f.key, f.type, m.key, not is_custom(m.key), "prefill_store",
                                     m.confidence, m.reason, candidates=m.candidates, headers=f.headers))
            continue
        if f.type is None:
            problems.append(Problem(["body", "fields", i, "type"], "a field the dictionary does not know needs a type", f.label,
                                    code="type_needed"))
            continue
        out.append(FieldAnalysis(
            i, f.label, None, f.type, custom_key(entity, f.label or ""), False, "new", m.confidence,
            m.reason, candidates=m.candidates, headers=f.headers,
        ))
    keys = [a.key for a in out]
    for i, a in enumerate(out):
        if a.key in keys[:i]:
            problems.append(Problem(["body", "fields", a.position], f"asks {a.key} again (as field {keys.index(a.key)})",
                                    a.label or a.given_key, code="asked_twice", params={"first": out[keys.index(a.key)].position + 1}))
    if problems:
        raise InvalidInput(f"{len(problems)} field(s) cannot be analysed", problems)
    return out


def _within(family: Field, label: str, type_: str | None, d: Dictionary) -> Match | None:
    """Forms list breakdowns under their total ("专任教师数" then "其中：女"): a wording that is a
    bare breakdown is read within the indicator family of the count before it, or not at all."""
    name = family.labels.en if label.isascii() else family.labels.zh
    m = match_field(label=f"{name} {label}", type=type_, d=d)
    if m.key is None or d.fields[m.key].indicator is None or d.fields[m.key].indicator.family != family.key:  # type: ignore[union-attr]
        return None
    return Match(m.key, round(m.confidence * 0.95, 3), f"{m.reason}, read under '{name}' above it")


def _live_overlaps(
    session: Session, req: RequestIn, asked: set[str], exclude: str | None,
) -> list[tuple[Request, set[str], int]]:
    """Live requests asking any of `asked` in an intersecting period, with the shared keys and the
    number of schools their scopes share with `req` (all counted in one pass over schools)."""
    if not asked:
        return []
    start, end = req.period
    rows = session.execute(
        select(Request, RequestField.key).join(RequestField, RequestField.request_id == Request.id).where(  # type: ignore[arg-type]
            Request.status.in_(machine.LIVE), RequestField.key.in_(asked),  # type: ignore[union-attr,attr-defined]
            RequestField.classification.in_(("new", "collected_by_active")),  # type: ignore[attr-defined]
            Request.period_start <= end, Request.period_end >= start, Request.id != (exclude or ""),  # type: ignore[arg-type,operator]
        )
    ).all()
    by_request: dict[str, tuple[Request, set[str]]] = {}
    for r, key in rows:
        by_request.setdefault(r.id, (r, set()))[1].add(key)
    if not by_request:
        return []
    items = list(by_request.values())
    counts = session.execute(
        select(*[func.count().filter(scope_filter(Scope.from_json(r.scope))) for r, _ in items]).select_from(School).where(  # type: ignore[arg-type]
            for_reference(School, req.reference_date), scope_filter(req.scope)
        )
    ).one()
    return [(r, keys, int(n)) for (r, keys), n in zip(items, counts, strict=True)]


def analyse(session: Session, principal: Principal, req: RequestIn, *, exclude: str | None = None) -> Analysis:
    """Match and classify every field, find live requests it overlaps, and decide; writes nothing."""
    require_role(principal, "department", "education_office")
    req = req.model_copy(update={"scope": req.scope.within_jurisdiction(principal.jurisdiction)})
    require_within_jurisdiction(session, req.scope, principal.jurisdiction, ["body", "scope"])
    if req.due_date < now().date() or req.due_date < req.reference_date:
        raise InvalidInput("the due date must be today or later, and not before the reference date",
                           [Problem(["body", "due_date"], "too early", str(req.due_date), code="due_too_early")])
    full = dictionary()
    d = _matching_dictionary(session, full, req.level)
    fields = _match(req, full, d)
    entity = "teacher" if req.level == "roster" else "school"
    in_scope = scope_filter(req.scope)
    n_schools = count_in(session, req.scope, reference=req.reference_date)
    if n_schools == 0:
        raise InvalidInput("the scope reaches no school", [Problem(["body", "scope"], "no school in the store matches this scope",
                                                                   code="no_school_in_scope")])
    for f in fields:
        if f.classification == "prefill_store" and is_custom(f.key):
            f.classification = "new"  # a field asked before in own wording: answers come from forms
        if f.classification == "prefill_store":
            f.source = "store"
    stored = prefill.store_coverage(session, full, [f.key for f in fields if f.source == "store" and f.key],
                                    req.level, in_scope, req.reference_date)
    for f in fields:
        have, total = stored.get(f.key or "", (0, 0))
        if have < total:
            f.partial = True
            f.reason += f"; the store holds it for {have} of {total}: the others are asked"
    pending = [f.key for f in fields if f.classification == "new" and f.key]
    coverage = prefill.collected_coverage(session, pending, entity, in_scope, req.reference_date, req.period)
    for f in fields:
        have, total = coverage.get(f.key or "", (0, 0))
        if f.classification == "new" and total and have == total:
            f.classification, f.source = "prefill_collected", "collected"
            f.reason += f"; collected for all {total} in scope"
        elif f.classification == "new" and have:
            f.reason += f"; collected for {have} of {total} in scope"
    analysis = Analysis(fields=fields, schools_in_scope=n_schools, content_hash=content_hash(req))
    for r, keys, shared_schools in _live_overlaps(session, req, analysis.asked, exclude):
        if shared_schools == 0:
            continue
        for f in fields:
            if f.key in keys and f.classification == "new":
                f.classification, f.source = "collected_by_active", f"request:{r.id}"
        meet = periods_intersect(*req.period, r.period_start, r.period_end)
        share = overlap_share(len(keys & analysis.asked), len(analysis.asked), shared_schools, n_schools, meet)
        analysis.duplicates.append(Duplicate(r.id, r.title, r.department, round(share, 4), sorted(keys & analysis.asked)))
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
    session.query(RequestField).filter(RequestField.request_id == request_id).delete()  # type: ignore[arg-type]
    for f in a.fields:
        session.add(RequestField(
            request_id=request_id, position=f.position, label=f.label, given_key=f.given_key, given_type=f.given_type,
            key=f.key, classification=f.classification, confidence=f.confidence, reason=f.reason, source=f.source,
            headers=json.dumps(f.headers, ensure_ascii=False),
        ))
        if not f.matched and f.key and session.get(CustomField, f.key) is None:
            session.add(CustomField(key=f.key, entity=entity, label=f.label or f.key, type=f.given_type or "text",
                                    first_request=request_id, department=principal.org_code, created_at=now()))
    session.flush()


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


def _pass_gate(session: Session) -> None:
    """Serialise submissions (see RequestGate): the duplicate check sees every earlier request."""
    session.execute(sql_update(RequestGate).where(RequestGate.id == 1).values(version=RequestGate.version + 1))  # type: ignore[arg-type,operator]


def submit(session: Session, principal: Principal, req: RequestIn) -> tuple[Request, Analysis]:
    """Save a request, analyse it and move it from draft to its decision. A duplicate is refused,
    and kept on file with its analysis as `rejected_duplicate`."""
    _pass_gate(session)
    a = analyse(session, principal, req)
    if a.decision == "rejected_duplicate":
        request_id = new_id()
        raise DuplicateRequest(request_id, a, record=partial(_save, principal=principal, req=req, a=a, request_id=request_id))
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
    _pass_gate(session)
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
    dept = session.get(Organisation, r.department)
    return bool(principal.jurisdiction and dept and dept.jurisdiction and within(dept.jurisdiction, principal.jurisdiction))


def _office_reaches(session: Session, principal: Principal, r: Request) -> bool:
    """An office reaches the requests it would approve: of its kind, from departments at or below its level."""
    if principal.role != approver_role(r.kind) or r.department == principal.org_code:
        return False
    return department_within(session, principal, r)


def get_readable(session: Session, principal: Principal, request_id: str) -> Request:
    """A request for its department, an admin, or the office that would approve it; hidden from others."""
    r = session.get(Request, request_id)
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
    q = select(Request).order_by(Request.created_at.desc())  # type: ignore[attr-defined]
    own = Request.department == principal.org_code
    if principal.role in ("statistics_office", "education_office") and principal.jurisdiction:
        kinds = ("statistical",) if principal.role == "statistics_office" else ("research", "administrative")
        reached = select(Organisation.code).where(  # type: ignore[call-overload]
            Organisation.jurisdiction.startswith(region_prefix(principal.jurisdiction)))  # type: ignore[union-attr]
        q = q.where(or_(own, and_(Request.kind.in_(kinds), Request.department.in_(reached))))  # type: ignore[attr-defined]
    elif principal.role == "department":
        q = q.where(own)
    elif principal.role != "admin":
        raise Forbidden("schools do not read requests", [Problem(["principal", "role"], "not allowed")])
    if status:
        q = q.where(Request.status == status)  # type: ignore[arg-type]
    return list(session.scalars(q))


def fields_of(session: Session, request_id: str) -> list[RequestField]:
    return list(session.scalars(
        select(RequestField).where(RequestField.request_id == request_id).order_by(RequestField.position)  # type: ignore[arg-type]
    ))


def answers(session: Session, principal: Principal, request_id: str) -> list[dict[str, Any]]:
    """The values of an answered request, read from the store and collected answers at once."""
    r = get_owned(session, principal, request_id)
    if r.status != "answered":
        raise Conflict(f"request {r.id} is {r.status}; answers from the store exist only for answered requests",
                       [Problem(["request", "status"], "not answered", r.status)])
    d = dictionary()
    keys = [f.key for f in fields_of(session, r.id) if f.key]
    scope, period = Scope.from_json(r.scope), (r.period_start, r.period_end)
    if r.level == "roster":
        rows = prefill.values(session, prefill.teacher_values_query(d, scope_filter(scope), keys, r.reference_date, period))
        hidden = [k for k in keys if k in d.fields and d.fields[k].sensitivity == "sensitive-personal"]
        for row in rows:
            for k in hidden:
                row[k] = mask(row[k])
        log_reads(session, principal, [(row["school_code"], row["id"]) for row in rows], entity="teacher",
                  action="answers", request_id=r.id)
        return _typed(session, keys, rows)
    return _typed(session, keys, prefill.values(
        session, prefill.school_values_query(d, scope_filter(scope), keys, r.reference_date, period)))


def _typed(session: Session, keys: list[str], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Collected answers are kept as text; they are served with the type their field was asked
    with, so a count is a number for the next asker as it was for the first."""
    types: dict[str, str] = {str(k): str(t) for k, t in session.execute(
        select(col(CustomField.key), col(CustomField.type)).where(col(CustomField.key).in_(keys))).all()}
    cast: dict[str, Any] = {"integer": int, "decimal": float, "boolean": lambda v: v in ("1", "true")}
    for row in rows:
        for k, t in types.items():
            if row.get(k) is not None and t in cast:
                row[k] = cast[t](row[k])
    return rows
