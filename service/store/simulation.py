"""Queries behind the simulated year's report (service/simulation): what the year's requests would
have asked without the service, what reached schools with it, and what was stopped, set-based."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, case, cast, distinct, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.records import for_reference
from service.store.scope import scope_filter
from service.store.tables import (
    CollectedValue,
    Form,
    FormItem,
    FormSection,
    Request,
    RequestField,
    School,
    StopEvent,
    Teacher,
)

if TYPE_CHECKING:
    from service.domain.scope import Scope


def school_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(School)) or 0


def forms_of(session: Session, request_id: str) -> list[tuple[str, str]]:
    """(form id, school code) of every form carrying the request's section, by school."""
    rows = session.execute(
        select(col(Form.id), col(Form.school_code)).join(FormSection, col(FormSection.form_id) == col(Form.id))
        .where(col(FormSection.request_id) == request_id).order_by(col(Form.school_code)))
    return [(str(f), str(s)) for f, s in rows]


def form_status(session: Session, form_id: str) -> str | None:
    return session.scalar(select(col(Form.status)).where(col(Form.id) == form_id))


@dataclass(frozen=True)
class RequestRow:
    id: str
    department: str
    title: str
    kind: str
    level: str
    status: str
    scope: str
    reference_date: date
    fields: int
    sections: int  # forms its section reached
    stop_event: str | None  # the first recorded refusal at issue, if any


def request_rows(session: Session) -> list[RequestRow]:
    n_fields = (select(col(RequestField.request_id).label("rid"), func.count().label("n"))
                .group_by(col(RequestField.request_id)).subquery())
    n_sections = (select(col(FormSection.request_id).label("rid"), func.count().label("n"))
                  .group_by(col(FormSection.request_id)).subquery())
    stop = (select(col(StopEvent.request_id).label("rid"), func.min(col(StopEvent.reason)).label("reason"))
            .group_by(col(StopEvent.request_id)).subquery())
    rows = session.execute(
        select(col(Request.id), col(Request.department), col(Request.title), col(Request.kind), col(Request.level),
               col(Request.status), col(Request.scope), col(Request.reference_date), func.coalesce(n_fields.c.n, 0),
               func.coalesce(n_sections.c.n, 0), stop.c.reason)
        .outerjoin(n_fields, n_fields.c.rid == col(Request.id))
        .outerjoin(n_sections, n_sections.c.rid == col(Request.id))
        .outerjoin(stop, stop.c.rid == col(Request.id))
        .order_by(col(Request.reference_date), col(Request.title)))
    return [RequestRow(*r) for r in rows]


def reach(session: Session, scope: Scope, reference: date) -> tuple[int, int]:
    """Schools in a scope on the reference date, and their teachers in post (a roster's rows)."""
    in_scope = scope_filter(scope)
    schools = session.scalar(select(func.count()).select_from(School).where(for_reference(School, reference), in_scope)) or 0
    in_schools = select(col(School.code)).where(for_reference(School, reference), in_scope)
    teachers = session.scalar(select(func.count()).select_from(Teacher).where(
        for_reference(Teacher, reference), col(Teacher.status) == "1", col(Teacher.school_code).in_(in_schools))) or 0
    return int(schools), int(teachers)


def teachers_in_post(session: Session, reference: date) -> int:
    return session.scalar(select(func.count()).select_from(Teacher).where(
        for_reference(Teacher, reference), col(Teacher.status) == "1")) or 0


@dataclass(frozen=True)
class FormTotals:
    forms: int
    submitted: int
    late: int
    items: int
    prefilled: int
    corrections: int


def form_totals(session: Session, spring_until: date) -> dict[str, FormTotals]:
    """Forms and their items by term (`spring`: reference date before `spring_until`, else `autumn`)."""
    term = case((col(Form.reference_date) < spring_until, "spring"), else_="autumn")
    items = (select(col(FormItem.form_id).label("fid"), func.count().label("n"),
                    func.count().filter(col(FormItem.prefill).is_not(None)).label("pre"),
                    func.count().filter(col(FormItem.action) == "correct").label("cor"))
             .group_by(col(FormItem.form_id)).subquery())
    rows = session.execute(
        select(term, func.count(), func.count().filter(col(Form.status) == "submitted"),
               func.count().filter(cast(col(Form.submitted_at), Date) > col(Form.due_date)),
               func.coalesce(func.sum(items.c.n), 0), func.coalesce(func.sum(items.c.pre), 0),
               func.coalesce(func.sum(items.c.cor), 0))
        .outerjoin(items, items.c.fid == col(Form.id)).group_by(term))
    return {str(t): FormTotals(*(int(v) for v in rest)) for t, *rest in rows}


def collected_values(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(CollectedValue)) or 0


def items_by_department(session: Session) -> dict[str, tuple[int, int]]:
    """Per department: items its sections asked on forms, and of them pre-filled. An item two
    departments' sections ask (asked once on the form) counts for each."""
    rows = session.execute(
        select(col(FormSection.department), func.count(), func.count().filter(col(FormItem.prefill).is_not(None)))
        .select_from(FormItem)
        .join(FormSection, col(FormSection.form_id) == col(FormItem.form_id))
        .join(RequestField, (col(RequestField.request_id) == col(FormSection.request_id))
              & (col(RequestField.key) == col(FormItem.key)))
        .group_by(col(FormSection.department)))
    return {str(d): (int(n), int(p)) for d, n, p in rows}


@dataclass
class FieldUse:
    key: str
    requests: int = 0
    departments: int = 0
    wordings: list[str] = field(default_factory=list)
    definition: str | None = None  # its words, zh; None for a field the records cannot answer
    classifications: dict[str, int] = field(default_factory=dict)
    on_forms: dict[str, int] = field(default_factory=lambda: {"prefilled": 0, "filled": 0, "corrected": 0})


def field_uses(session: Session) -> list[FieldUse]:
    """Every key the year's requests asked, with how it was classed and answered."""
    out: dict[str, FieldUse] = {}
    rows = session.execute(
        select(col(RequestField.key), col(RequestField.label), col(RequestField.classification),
               col(RequestField.definition), col(RequestField.request_id), col(Request.department))
        .join(Request, col(Request.id) == col(RequestField.request_id))
        .where(col(RequestField.key).is_not(None)).order_by(col(RequestField.key), col(RequestField.label)))
    requests: dict[str, set[str]] = defaultdict(set)
    departments: dict[str, set[str]] = defaultdict(set)
    for key, label, classification, definition, rid, dept in rows:
        u = out.setdefault(str(key), FieldUse(str(key)))
        if label and label not in u.wordings:
            u.wordings.append(label)
        u.classifications[classification] = u.classifications.get(classification, 0) + 1
        if definition and u.definition is None:
            u.definition = json.loads(definition).get("words", {}).get("zh")
        requests[str(key)].add(rid)
        departments[str(key)].add(dept)
    answered = session.execute(
        select(col(FormItem.key), func.count().filter(col(FormItem.prefill).is_not(None)),
               func.count().filter(col(FormItem.action) == "fill"), func.count().filter(col(FormItem.action) == "correct"))
        .group_by(col(FormItem.key)))
    for key, pre, filled, corrected in answered:
        if key in out:
            out[key].on_forms = {"prefilled": int(pre), "filled": int(filled), "corrected": int(corrected)}
    for key, u in out.items():
        u.requests, u.departments = len(requests[key]), len(departments[key])
    return list(out.values())


def distinct_keys(session: Session) -> int:
    return session.scalar(select(func.count(distinct(col(RequestField.key))))) or 0


@dataclass(frozen=True)
class ToFill:
    key: str
    items: int  # items of this key schools had to fill (no pre-fill)
    labels: list[str]  # every wording asking it
    reason: str | None  # the reader's reason, for the first wording


def to_fill_by_key(session: Session) -> list[ToFill]:
    """Every key with items schools had to fill, most items first, with its wordings."""
    rows = session.execute(
        select(col(FormItem.key), func.count()).where(col(FormItem.prefill).is_(None))
        .group_by(col(FormItem.key)).order_by(func.count().desc(), col(FormItem.key))).all()
    said: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
    for key, label, reason in session.execute(
            select(col(RequestField.key), col(RequestField.label), col(RequestField.reason))
            .where(col(RequestField.key).in_([k for k, _ in rows])).order_by(col(RequestField.label))):
        said[str(key)].append((label, reason))
    return [ToFill(str(k), int(n), sorted({lab for lab, _ in said[str(k)] if lab}),
                   said[str(k)][0][1] if said[str(k)] else None) for k, n in rows]
