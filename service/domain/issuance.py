"""Issue: pre-filled forms reach every school in the approved scope, set-based.

Rule: forms go only to schools in both the request's scope and its approval's scope, and only
while the approval holds (service/domain/approvals.py decides). Requests issued to a school for
the same collection window (same level and reference date) share one form, one section per
request, and a value two sections ask for is asked once. Every pre-filled value carries its
provenance. A whole issue is a handful of statements, whatever the number of schools.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial

from sqlalchemy import ColumnElement, and_, select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from service.domain import approvals
from service.domain import status as machine
from service.domain.authz import Principal
from service.domain.clock import new_id, now
from service.domain.dictionary import dictionary
from service.domain.requests import fields_of, get_owned
from service.domain.scope import Scope
from service.store import prefill
from service.store import requests as requests_repo
from service.store.records import valid_at
from service.store.scope import scope_filter
from service.store.sqltext import ident, literal
from service.store.tables import Request, School, StopEvent

OPEN = ("issued", "opened")


@dataclass(frozen=True)
class Issued:
    request: Request
    approval_number: str | None
    forms: int  # forms the request reached (new or merged)
    merged: int  # of which already held another request's section
    items: int  # values put on forms (pre-filled or to fill)
    refused_schools: list[str]


def window_of(r: Request) -> str:
    return f"{r.level}:{r.reference_date.isoformat()}"


def record_stop(session: Session, *, request_id: str, department: str, reason: str, schools: int) -> None:
    session.add(StopEvent(id=new_id(), request_id=request_id, department=department, reason=reason, schools=schools,
                          stopped_at=now()))
    session.flush()


def issue(session: Session, principal: Principal, request_id: str) -> Issued:
    """Check the gate today, then create or merge one form per school in scope and fill it."""
    r = get_owned(session, principal, request_id)
    try:
        gate = approvals.check_issuable(session, r, now().date())
    except approvals.NotIssuable as exc:
        # The refusal is counted in the burden figures, though nothing else of this call is kept.
        exc.record = partial(record_stop, request_id=r.id, department=r.department, reason=exc.reason, schools=0)
        raise
    allowed = scope_filter(Scope.from_json(r.scope))
    if gate.approval is not None:
        allowed = and_(allowed, scope_filter(Scope.from_json(gate.approval.scope)))
    if gate.refused_schools:
        record_stop(session, request_id=r.id, department=r.department, reason="out_of_scope", schools=len(gate.refused_schools))
    forms, merged = _place_forms(session, r, gate, allowed)
    items = _fill(session, r, allowed)
    note = f"under {gate.approval.number}" if gate.approval else "administrative"
    note += f"; {forms} form(s), {merged} merged with other requests"
    if gate.refused_schools:
        note += f"; {len(gate.refused_schools)} school(s) outside the approved scope get nothing"
    machine.transition(session, r, "issued", principal.id, note)
    return Issued(r, gate.approval.number if gate.approval else None, forms, merged, items, gate.refused_schools)


def _place_forms(session: Session, r: Request, gate: approvals.Gate, allowed: ColumnElement[bool]) -> tuple[int, int]:
    """Open forms of the window receive a section; schools without one get a new form."""
    conn = session.connection()
    window = window_of(r)
    targets = select(col(School.code)).where(valid_at(School, None), allowed)
    compiled = targets.compile(bind=conn, compile_kwargs={"literal_binds": True})
    merged = conn.execute(text(
        f"SELECT count(*) FROM form WHERE \"window\" = :w AND status IN ('issued', 'opened') AND school_code IN ({compiled})"
    ), {"w": window}).scalar_one()
    at = now()
    conn.execute(text(
        f"INSERT INTO form (id, school_code, \"window\", level, reference_date, due_date, status, version, created_at) "
        # The window's open forms are read once, before the insert: a join against the form table
        # itself, planned while it held no form of the window, became a nested loop rescanning the
        # forms this very statement inserts, quadratic in the schools (500,000 of them: an hour).
        f"WITH open AS MATERIALIZED (SELECT f.school_code FROM form f WHERE f.\"window\" = CAST(:w AS VARCHAR) "
        f"AND f.status IN ('issued', 'opened')) "
        f"SELECT md5(CAST(:rid AS VARCHAR) || s.code), s.code, CAST(:w AS VARCHAR), CAST(:level AS VARCHAR), "
        f"CAST(:ref AS DATE), CAST(:due AS DATE), 'issued', 1, CAST(:at AS TIMESTAMP) FROM ({compiled}) s "
        f"WHERE NOT EXISTS (SELECT 1 FROM open o WHERE o.school_code = s.code)"
    ), {"rid": r.id, "w": window, "level": r.level, "ref": r.reference_date, "due": r.due_date, "at": at})
    keys = [f.key for f in fields_of(session, r.id) if f.key]
    a = gate.approval
    conn.execute(text(
        f"INSERT INTO form_section (form_id, request_id, department, title, form_number, approval_number, authority, "
        f"valid_until, keys) SELECT f.id, :rid, :dept, :title, :fno, :ano, :auth, :until, :keys FROM form f "
        f"WHERE f.\"window\" = :w AND f.status IN ('issued', 'opened') AND f.school_code IN ({compiled})"
    ), {"rid": r.id, "dept": r.department, "title": r.title, "fno": a.form_number if a else None,
        "ano": a.number if a else None, "auth": a.authority if a else None, "until": a.valid_until if a else None,
        "keys": json.dumps(keys), "w": window})
    # Forms that merge a new section change: their ETag must change too.
    conn.execute(text(
        "UPDATE form SET version = version + 1 WHERE \"window\" = :w AND status IN ('issued', 'opened') "
        "AND id IN (SELECT form_id FROM form_section WHERE request_id = :rid) AND id <> md5(CAST(:rid AS VARCHAR) || school_code)"
    ), {"w": window, "rid": r.id})
    placed = conn.execute(text("SELECT count(*) FROM form_section WHERE request_id = :rid"), {"rid": r.id}).scalar_one()
    requests_repo.start_progress(session, r.id, int(placed))
    return int(placed), int(merged)


def _fill(session: Session, r: Request, allowed: ColumnElement[bool]) -> int:
    """Unpivot the pre-fill values of all schools into form items, asking each value once."""
    d = dictionary()
    fields = [f for f in fields_of(session, r.id) if f.key]
    keys = [f.key for f in fields if f.key]
    classification = {f.key: f.classification for f in fields}
    period = (r.period_start, r.period_end)
    build = prefill.teacher_values_query if r.level == "roster" else prefill.school_values_query
    v = build(d, allowed, keys, r.reference_date, period)
    conn = session.connection()
    conn.execute(text("DROP TABLE IF EXISTS prefill_values"))
    compiled = v.query.compile(bind=conn, compile_kwargs={"literal_binds": True})
    suffix = " ON COMMIT DROP" if conn.dialect.name == "postgresql" else ""
    # The values and the open form of the window they go on, joined once.
    conn.execute(text(
        f"CREATE TEMP TABLE prefill_values{suffix} AS SELECT f.id AS form_id, v.* FROM ({compiled}) v "
        f"JOIN form f ON f.school_code = v.{ident(v.school_column)} AND f.\"window\" = :w "
        f"AND f.status IN ('issued', 'opened')"
    ), {"w": window_of(r)})
    selects = []
    for k in keys:
        c = v.columns[k]
        selects.append(
            f"SELECT form_id, CAST({ident(v.entity_column)} AS VARCHAR), {literal(k)}, CAST({ident(c)} AS VARCHAR), "
            f"{ident(c + '_src')}, COALESCE(CAST({ident(c + '_at')} AS TIMESTAMP), CAST(:at AS TIMESTAMP)), "
            f"{ident(c + '_by')}, CAST({ident(c + '_ref')} AS VARCHAR), {literal(classification[k])} FROM prefill_values"
        )
    mine = "SELECT count(*) FROM form_item WHERE form_id IN (SELECT form_id FROM prefill_values)"
    before = conn.execute(text(mine)).scalar_one()
    conn.execute(text(
        "INSERT INTO form_item (form_id, entity_id, key, prefill, prefill_source, prefill_at, prefill_by, "
        "prefill_ref, classification) " + " UNION ALL ".join(selects)
        # A value another section of the same form already asks is asked once: the first stays.
        + " ON CONFLICT DO NOTHING"
    ), {"at": now()})
    after = conn.execute(text(mine)).scalar_one()
    conn.execute(text("DROP TABLE IF EXISTS prefill_values"))
    return int(after) - int(before)
