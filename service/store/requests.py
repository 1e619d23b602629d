"""Queries of requests: reading and listing them, their kept field analyses, custom fields, the
submission gate, and the live requests a new one overlaps. The rules live in
service/domain/requests.py; this module only reads and writes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, delete, func, insert, or_, select, text
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.records import for_reference
from service.store.tables import (
    CustomField,
    Organisation,
    Request,
    RequestField,
    RequestGate,
    RequestTransition,
    School,
)


def pass_gate(session: Session) -> None:
    """Serialise submissions (see RequestGate): the duplicate check sees every earlier request."""
    session.execute(sql_update(RequestGate).where(col(RequestGate.id) == 1).values(version=col(RequestGate.version) + 1))


def get(session: Session, request_id: str) -> Request | None:
    return session.get(Request, request_id)


def listed(session: Session, *, department: str | None, reached_kinds: Sequence[str] = (),
           reached_prefix: str | None = None, status: str | None = None) -> list[Request]:
    """Requests newest first: a department's own (`department`), and those of departments whose
    jurisdiction starts with `reached_prefix` of `reached_kinds`; every request when both are None."""
    q = select(Request).order_by(col(Request.created_at).desc())
    conds: list[ColumnElement[bool]] = []
    if department is not None:
        conds.append(col(Request.department) == department)
    if reached_prefix is not None:
        reached = select(col(Organisation.code)).where(col(Organisation.jurisdiction).startswith(reached_prefix))
        conds.append(and_(col(Request.kind).in_(reached_kinds), col(Request.department).in_(reached)))
    if conds:
        q = q.where(or_(*conds))
    if status:
        q = q.where(col(Request.status) == status)
    return list(session.scalars(q))


def transition_count(session: Session, request_id: str) -> int:
    return session.scalar(select(func.count()).select_from(RequestTransition)
                          .where(col(RequestTransition.request_id) == request_id)) or 0


def transitions(session: Session, request_id: str) -> list[RequestTransition]:
    """A request's status history, oldest first."""
    return list(session.scalars(select(RequestTransition).where(col(RequestTransition.request_id) == request_id)
                                .order_by(col(RequestTransition.seq))))


def fields_of(session: Session, request_id: str) -> list[RequestField]:
    return list(session.scalars(
        select(RequestField).where(col(RequestField.request_id) == request_id).order_by(col(RequestField.position))
    ))


def classes_of(session: Session, request_id: str) -> dict[str, str]:
    """Each keyed field of the request and its class: all a form's first reading needs of them."""
    found = session.execute(
        select(col(RequestField.key), col(RequestField.classification))
        .where(col(RequestField.request_id) == request_id, col(RequestField.key).is_not(None))
        .order_by(col(RequestField.position)))
    return {str(k): c for k, c in found}


def replace_fields(session: Session, request_id: str, rows: list[dict[str, Any]]) -> None:
    """The request's kept field analyses, replaced whole."""
    session.execute(delete(RequestField).where(col(RequestField.request_id) == request_id))
    if rows:
        session.execute(insert(RequestField), [{"request_id": request_id, **r} for r in rows])
    session.flush()


def add_custom_fields(session: Session, rows: list[dict[str, Any]]) -> None:
    """Custom fields not yet known, in one read and one write: the first request to ask one names it."""
    if not rows:
        return
    known = set(session.scalars(select(col(CustomField.key)).where(col(CustomField.key).in_([r["key"] for r in rows]))))
    fresh = {r["key"]: r for r in rows if r["key"] not in known}
    if fresh:
        session.execute(insert(CustomField), list(fresh.values()))
    session.flush()


def custom_types(session: Session, keys: list[str]) -> dict[str, str]:
    """The type each custom field among `keys` was first asked with."""
    return {str(k): str(t) for k, t in session.execute(
        select(col(CustomField.key), col(CustomField.type)).where(col(CustomField.key).in_(keys))).all()}


def live_asking(session: Session, keys: Iterable[str], live: Sequence[str], start: date, end: date,
                exclude: str | None) -> list[tuple[Request, str]]:
    """(live request, key) pairs: requests in a `live` status, with a period meeting [start, end],
    that ask any of `keys` of schools. Found through the index on request_field.key, so the cost
    follows the keys asked, not the number of live requests."""
    return [(r, k) for r, k in session.execute(
        select(Request, col(RequestField.key)).join(RequestField, col(RequestField.request_id) == col(Request.id)).where(
            col(RequestField.key).in_(list(keys)),
            col(RequestField.classification).in_(("new", "collected_by_active")),
            col(Request.status).in_(live), col(Request.period_start) <= end, col(Request.period_end) >= start,
            col(Request.id) != (exclude or ""),
        )
    ).all() if k is not None]


def scope_figures(session: Session, in_scope: ColumnElement[bool], reference: date, columns: Sequence[str],
                  others: Sequence[ColumnElement[bool]]) -> tuple[int, list[int], list[int]]:
    """In one pass over the schools in `in_scope` as they stood on `reference`: how many there are,
    how many hold a value in each of `columns`, and how many each scope filter in `others` also reaches."""
    row = session.execute(
        select(func.count(), *[func.count(getattr(School, c)) for c in columns],
               *[func.count().filter(o) for o in others]).select_from(School).where(
            for_reference(School, reference), in_scope)
    ).one()
    n = [int(x) for x in row]
    return n[0], n[1:1 + len(columns)], n[1 + len(columns):]


def headers_json(headers: list[str]) -> str:
    return json.dumps(headers, ensure_ascii=False)


def start_progress(session: Session, request_id: str, open_forms: int) -> None:
    """An issued request's count of forms not yet submitted."""
    session.execute(text("INSERT INTO request_progress (request_id, open_forms) VALUES (:r, :n)"),
                    {"r": request_id, "n": open_forms})


def count_down(session: Session, form_ids: list[str]) -> list[str]:
    """Forms are submitted: as many fewer open forms for each request as they hold sections of it;
    the requests that have none left (one statement, by key: its cost does not grow with the forms)."""
    if not form_ids:
        return []
    rows = session.execute(text(
        "UPDATE request_progress SET open_forms = open_forms - c.n "
        "FROM (SELECT request_id, count(*) AS n FROM form_section WHERE form_id IN :f GROUP BY request_id) AS c "
        "WHERE request_progress.request_id = c.request_id "
        "RETURNING request_progress.request_id, request_progress.open_forms").bindparams(
            bindparam("f", expanding=True)), {"f": form_ids}).all()
    return sorted(str(r[0]) for r in rows if int(r[1]) <= 0)


def without_open_forms(session: Session) -> list[str]:
    """Issued requests whose every form is submitted."""
    return list(session.scalars(text(
        "SELECT p.request_id FROM request_progress p JOIN request r ON r.id = p.request_id "
        "WHERE p.open_forms <= 0 AND r.status = 'issued' ORDER BY p.request_id")))
