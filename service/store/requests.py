"""Queries of requests: reading and listing them, their kept field analyses, custom fields, the
submission gate, and the live requests a new one overlaps. The rules live in
service/domain/requests.py; this module only reads and writes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, insert, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from service.store.records import for_reference
from service.store.tables import CustomField, Organisation, Request, RequestField, RequestGate, School


def pass_gate(session: Session) -> None:
    """Serialise submissions (see RequestGate): the duplicate check sees every earlier request."""
    session.execute(sql_update(RequestGate).where(RequestGate.id == 1).values(version=RequestGate.version + 1))  # type: ignore[arg-type,operator]


def get(session: Session, request_id: str) -> Request | None:
    return session.get(Request, request_id)


def organisation(session: Session, code: str) -> Organisation | None:
    return session.get(Organisation, code)


def listed(session: Session, *, department: str | None, reached_kinds: Sequence[str] = (),
           reached_prefix: str | None = None, status: str | None = None) -> list[Request]:
    """Requests newest first: a department's own (`department`), and those of departments whose
    jurisdiction starts with `reached_prefix` of `reached_kinds`; every request when both are None."""
    q = select(Request).order_by(Request.created_at.desc())  # type: ignore[attr-defined]
    conds: list[ColumnElement[bool]] = []
    if department is not None:
        conds.append(Request.department == department)  # type: ignore[arg-type]
    if reached_prefix is not None:
        reached = select(Organisation.code).where(Organisation.jurisdiction.startswith(reached_prefix))  # type: ignore[call-overload,union-attr]
        conds.append(and_(Request.kind.in_(reached_kinds), Request.department.in_(reached)))  # type: ignore[attr-defined]
    if conds:
        q = q.where(or_(*conds))
    if status:
        q = q.where(Request.status == status)  # type: ignore[arg-type]
    return list(session.scalars(q))


def fields_of(session: Session, request_id: str) -> list[RequestField]:
    return list(session.scalars(
        select(RequestField).where(RequestField.request_id == request_id).order_by(RequestField.position)  # type: ignore[arg-type]
    ))


def replace_fields(session: Session, request_id: str, rows: list[dict[str, Any]]) -> None:
    """The request's kept field analyses, replaced whole."""
    session.execute(delete(RequestField).where(RequestField.request_id == request_id))  # type: ignore[arg-type]
    if rows:
        session.execute(insert(RequestField), [{"request_id": request_id, **r} for r in rows])
    session.flush()


def add_custom_fields(session: Session, rows: list[dict[str, Any]]) -> None:
    """Custom fields not yet known, in one read and one write: the first request to ask one names it."""
    if not rows:
        return
    known = set(session.scalars(select(CustomField.key).where(CustomField.key.in_([r["key"] for r in rows]))))  # type: ignore[call-overload,attr-defined]
    fresh = {r["key"]: r for r in rows if r["key"] not in known}
    if fresh:
        session.execute(insert(CustomField), list(fresh.values()))
    session.flush()


def live_asking(session: Session, keys: Iterable[str], live: Sequence[str], start: date, end: date,
                exclude: str | None) -> list[tuple[Request, str]]:
    """(live request, key) pairs: requests in a `live` status, with a period meeting [start, end],
    that ask any of `keys` of schools. Found through the index on request_field.key, so the cost
    follows the keys asked, not the number of live requests."""
    return [(r, k) for r, k in session.execute(
        select(Request, RequestField.key).join(RequestField, RequestField.request_id == Request.id).where(  # type: ignore[arg-type]
            RequestField.key.in_(list(keys)),  # type: ignore[union-attr]
            RequestField.classification.in_(("new", "collected_by_active")),  # type: ignore[attr-defined]
            Request.status.in_(live), Request.period_start <= end, Request.period_end >= start,  # type: ignore[attr-defined,arg-type,operator]
            Request.id != (exclude or ""),  # type: ignore[arg-type]
        )
    ).all()]


def schools_shared(session: Session, in_scope: ColumnElement[bool], others: list[ColumnElement[bool]],
                   reference: date) -> list[int]:
    """For each scope filter in `others`, how many schools in `in_scope` it also reaches (one pass)."""
    if not others:
        return []
    row = session.execute(
        select(*[func.count().filter(o) for o in others]).select_from(School).where(
            for_reference(School, reference), in_scope)
    ).one()
    return [int(n) for n in row]


def headers_json(headers: list[str]) -> str:
    return json.dumps(headers, ensure_ascii=False)
