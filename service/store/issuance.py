"""Queries of issuing: forms placed for a request's window, and their pre-filled items written,
set-based (a handful of statements whatever the number of schools). The rules live in
service/domain/issuance.py."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import ColumnElement, select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from service.domain.dictionary import Dictionary
from service.store import prefill
from service.store.records import valid_at
from service.store.sqltext import ident, literal
from service.store.tables import Approval, Request, School


def place_forms(session: Session, r: Request, window: str, keys: list[str], a: Approval | None,
                allowed: ColumnElement[bool], at: datetime) -> tuple[int, int]:
    """Open forms of the window receive a section of `r`; schools in `allowed` without one get a new
    form. Returns (forms with a section of `r`, forms merged with other requests)."""
    conn = session.connection()
    targets = select(col(School.code)).where(valid_at(School, None), allowed)
    compiled = targets.compile(bind=conn, compile_kwargs={"literal_binds": True})
    merged = conn.execute(text(
        f"SELECT count(*) FROM form WHERE \"window\" = :w AND status IN ('issued', 'opened') AND school_code IN ({compiled})"
    ), {"w": window}).scalar_one()
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
    return int(placed), int(merged)


def fill(session: Session, r: Request, window: str, d: Dictionary, keys: list[str], classification: dict[str, str],
         allowed: ColumnElement[bool], at: datetime) -> int:
    """Unpivot the pre-fill values of all schools into form items of the window's open forms,
    asking each value once; returns how many items were added."""
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
    ), {"w": window})
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
    ), {"at": at})
    after = conn.execute(text(mine)).scalar_one()
    conn.execute(text("DROP TABLE IF EXISTS prefill_values"))
    return int(after) - int(before)
