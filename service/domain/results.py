"""Results for the requesting department: the values it asked for and its approval covers, with
completion per school, and nothing more. Sensitive-personal values stay masked unless the
approval covers them, and every read of personal data goes into the access ledger."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.base import exporter_for
from service.domain.access import log_reads
from service.domain.approvals import current_approval
from service.domain.authz import Principal, mask
from service.domain.clock import now
from service.domain.dictionary import dictionary
from service.domain.errors import Conflict, Problem
from service.domain.requests import fields_of, get_owned
from service.store.tables import Form, FormItem, FormSection, School


@dataclass
class Results:
    request_id: str
    columns: list[str]
    rows: list[dict[str, Any]]
    completion: dict[str, int]  # issued, opened, submitted, overdue, schools


def results(session: Session, principal: Principal, request_id: str) -> Results:
    r = get_owned(session, principal, request_id)
    if r.status not in ("issued", "closed"):
        raise Conflict(f"request {r.id} is {r.status}; it has results once issued",
                       [Problem(["request", "status"], "not issued", r.status)])
    d = dictionary()
    approval = current_approval(session, r)
    keys = [f.key for f in fields_of(session, r.id) if f.key]
    if approval is not None:
        covered = set(json.loads(approval.field_keys))
        keys = [k for k in keys if k in covered]
    sensitive = {k for k in keys if k in d.fields and d.fields[k].sensitivity == "sensitive-personal"}
    if approval is not None and approval.covers_sensitive:
        sensitive = set()
    personal = any(k in d.fields and d.fields[k].sensitivity in ("personal", "sensitive-personal") for k in keys)
    forms = session.execute(
        select(Form, School.name).join(FormSection, FormSection.form_id == Form.id).join(  # type: ignore[arg-type]
            School, (School.code == Form.school_code) & School.valid_to.is_(None))  # type: ignore[union-attr,arg-type,operator]
        .where(FormSection.request_id == r.id).order_by(Form.school_code)  # type: ignore[arg-type]
    ).all()
    today = now().date()
    completion = {"schools": len(forms), "issued": 0, "opened": 0, "submitted": 0, "overdue": 0}
    state: dict[str, tuple[str, str, Form]] = {}
    for form, name in forms:
        st = form.status
        if st != "submitted" and r.due_date < today:
            st = "overdue"
        completion[st] += 1
        state[form.id] = (name, st, form)
    items = session.execute(
        select(FormItem).where(FormItem.form_id.in_(list(state)), FormItem.key.in_(keys))  # type: ignore[attr-defined]
    ).scalars().all() if state and keys else []
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for it in items:
        name, st, form = state[it.form_id]
        row = rows.setdefault((form.school_code, it.entity_id), {
            "school_code": form.school_code, "school_name": name, "entity_id": it.entity_id, "form_status": st,
            "submitted_at": form.submitted_at, **dict.fromkeys(keys)})
        value = it.value if form.status == "submitted" else None
        row[it.key] = mask(value) if it.key in sensitive else value
    out = sorted(rows.values(), key=lambda x: (x["school_code"], x["entity_id"]))
    if personal and out:
        log_reads(session, principal, [(x["school_code"], x["entity_id"]) for x in out], entity=r.level,
                  action="results", request_id=r.id, approval_number=approval.number if approval else None)
    columns = ["school_code", "school_name", "entity_id", "form_status", "submitted_at", *keys]
    return Results(r.id, columns, out, completion)


def export(res: Results, fmt: str) -> tuple[bytes, str]:
    """The results as a file of format `fmt` (csv, xlsx), with its media type."""
    table = pa.table({c: pa.array([None if r[c] is None else str(r[c]) for r in res.rows], pa.string())
                      for c in res.columns})
    exporter = exporter_for(fmt)
    buf = io.BytesIO()
    exporter.write(table, buf)
    return buf.getvalue(), exporter.media_type
