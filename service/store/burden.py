"""Queries behind the burden figures: items asked on forms, and requests stopped before reaching
schools, grouped by school, department or region, set-based."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select, union_all
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.prefill import in_post
from service.store.records import valid_at
from service.store.tables import Form, FormItem, FormSection, Request, RequestField, School, StopEvent, Teacher

# Stopped requests per statement: each brings its own scope filter into one UNION ALL.
_STOPS_PER_STATEMENT = 200


@dataclass(frozen=True)
class Asked:
    forms: int
    items: int
    prefilled: int
    corrections: int


@dataclass(frozen=True)
class Stop:
    department: str
    scope: str  # JSON Scope
    reason: str
    fields: int  # fields the stopped request would have asked each school (0 when unknown)


def _in_region(prefix: str | None) -> list[ColumnElement[bool]]:
    return [col(School.region_code).startswith(prefix)] if prefix else []


def asked(session: Session, by: str, lo: datetime, hi: datetime, prefix: str | None,
          prefilled: Sequence[str]) -> dict[str, Asked]:
    """Per group, for forms created in [lo, hi): forms, items asked, items pre-filled, corrections. An
    item counts once per school, and once per department that asked it."""
    group = {"school": col(Form.school_code), "department": col(FormSection.department),
             "region": col(School.region_code)}[by]
    q = (
        select(group, func.count(func.distinct(Form.id)), func.count(),
               func.count().filter(col(FormItem.prefill).is_not(None)),
               func.count().filter(col(FormItem.action) == "correct"))
        .select_from(FormItem)
        .join(Form, col(Form.id) == col(FormItem.form_id))
        .join(School, (col(School.code) == col(Form.school_code)) & valid_at(School, None))
        .where(col(Form.created_at) >= lo, col(Form.created_at) < hi, *_in_region(prefix))
    )
    if by == "department":
        q = q.join(FormSection, col(FormSection.form_id) == col(Form.id)).join(
            RequestField, (col(RequestField.request_id) == col(FormSection.request_id))
            & (col(RequestField.key) == col(FormItem.key)))
    read = {str(g): Asked(int(f), int(n), int(p), int(c)) for g, f, n, p, c in session.execute(q.group_by(group))}
    unread = _asked_unread(session, by, lo, hi, prefix, prefilled)
    return {g: Asked(*(x + y for x, y in zip(astuple(read.get(g, _NONE)), astuple(unread.get(g, _NONE)), strict=True)))
            for g in read.keys() | unread.keys()}


_NONE = Asked(0, 0, 0, 0)


def _asked_unread(session: Session, by: str, lo: datetime, hi: datetime, prefix: str | None,
                  prefilled: Sequence[str]) -> dict[str, Asked]:
    """`asked` for forms their schools have not read yet, which hold no items (a form's values are
    placed at its first reading): each key of their sections once per form (and department), once
    per entity the form asks about (the school, or each teacher in post), pre-filled when the
    analysis classed it in `prefilled`."""
    department: list[Any] = [col(FormSection.department)] if by == "department" else []
    k = (
        select(col(Form.id).label("form_id"), col(Form.school_code).label("school"), col(Form.level).label("level"),
               col(School.region_code).label("region"), *[c.label("department") for c in department],
               func.max(case((col(RequestField.classification).in_(prefilled), 1), else_=0)).label("pre"))
        .join(FormSection, col(FormSection.form_id) == col(Form.id))
        .join(RequestField, (col(RequestField.request_id) == col(FormSection.request_id))
              & col(RequestField.key).is_not(None))
        .join(School, (col(School.code) == col(Form.school_code)) & valid_at(School, None))
        .where(col(Form.status) == "issued", col(Form.created_at) >= lo, col(Form.created_at) < hi,
               *_in_region(prefix))
        .group_by(col(Form.id), col(Form.school_code), col(Form.level), col(School.region_code),
                  *department, col(RequestField.key))
    ).subquery("k")
    rosters = select(col(Form.school_code)).where(col(Form.status) == "issued", col(Form.level) == "roster")
    teachers = (select(col(Teacher.school_code).label("school"), func.count().label("n"))
               .where(valid_at(Teacher, None), in_post(), col(Teacher.school_code).in_(rosters))
               .group_by(col(Teacher.school_code)).subquery("t"))
    entities = case((k.c.level == "roster", func.coalesce(teachers.c.n, 0)), else_=1)
    group = k.c[{"school": "school", "department": "department", "region": "region"}[by]]
    q = (select(group, func.count(func.distinct(k.c.form_id)), func.sum(entities), func.sum(entities * k.c.pre))
         .select_from(k).outerjoin(teachers, teachers.c.school == k.c.school).group_by(group))
    return {str(g): Asked(int(f), int(n or 0), int(p or 0), 0) for g, f, n, p in session.execute(q)}


def stops(session: Session, lo: datetime, hi: datetime, statuses: dict[str, str]) -> list[Stop]:
    """Requests stopped in [lo, hi): those created then and refused at once (by status, named by
    `statuses`), with the fields they would have asked, and every recorded stop of an issue."""
    n_fields = (select(col(RequestField.request_id).label("rid"), func.count().label("n"))
                .group_by(col(RequestField.request_id)).subquery())
    refused = session.execute(
        select(col(Request.department), col(Request.scope), col(Request.status), func.coalesce(n_fields.c.n, 0))
        .outerjoin(n_fields, n_fields.c.rid == col(Request.id))
        .where(col(Request.created_at) >= lo, col(Request.created_at) < hi, col(Request.status).in_(statuses))
    ).all()
    events = session.execute(
        select(col(Request.department), col(Request.scope), col(StopEvent.reason))
        .join(Request, col(Request.id) == col(StopEvent.request_id))
        .where(col(StopEvent.stopped_at) >= lo, col(StopEvent.stopped_at) < hi)
    ).all()
    return ([Stop(d, s, statuses[status], int(n)) for d, s, status, n in refused]
            + [Stop(d, s, reason, 0) for d, s, reason in events])


def schools_reached(session: Session, scopes: list[ColumnElement[bool]], prefix: str | None,
                    ) -> dict[int, list[tuple[str, str]]]:
    """For each scope condition (by position), the current schools it reaches: (code, region), in a
    few statements however many scopes there are."""
    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for start in range(0, len(scopes), _STOPS_PER_STATEMENT):
        branches = [
            select(literal(i).label("item"), col(School.code), col(School.region_code))
            .where(valid_at(School, None), in_scope, *_in_region(prefix))
            for i, in_scope in enumerate(scopes[start:start + _STOPS_PER_STATEMENT], start)
        ]
        for item, code, region in session.execute(union_all(*branches)):
            out[int(item)].append((str(code), str(region)))
    return out
