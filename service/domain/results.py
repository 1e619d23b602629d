"""Results for the requesting department: the values it asked for and its approval covers, with
completion per school, and nothing more. Sensitive-personal values stay masked unless the
approval covers them, and every read of personal data goes into the access ledger."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyarrow as pa
from sqlalchemy.orm import Session

from connectors.base import exporter_for
from service.domain import disclosure
from service.domain.access import log_reads
from service.domain.approvals import current_approval
from service.domain.authz import Principal
from service.domain.clock import now
from service.domain.dates import rfc3339
from service.domain.dictionary import dictionary
from service.domain.errors import Conflict, Problem
from service.domain.requests import answers, fields_of, get_owned
from service.domain.scope import Scope
from service.store import prefill
from service.store import results as store
from service.store import templates as template_store
from service.store.requests import custom_types
from service.store.scope import scope_filter
from service.store.tables import Form, FormItem


@dataclass
class Results:
    request_id: str
    columns: list[str]
    rows: list[dict[str, Any]]
    completion: dict[str, int]  # issued, opened, submitted, overdue, schools
    labels: dict[str, str]  # field key -> the department's wording (or the dictionary's label)
    # (entity id, key) -> where the value the department reads came from: source, at, by, ref, action
    provenance: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


def results(session: Session, principal: Principal, request_id: str) -> Results:
    r = get_owned(session, principal, request_id)
    if r.status not in ("issued", "closed"):
        raise Conflict(f"request {r.id} is {r.status}; it has results once issued",
                       [Problem(["request", "status"], "not issued", r.status)])
    d = dictionary()
    approval = current_approval(session, r)
    asked = [f for f in fields_of(session, r.id) if f.key]
    keys = [f.key for f in asked if f.key]
    labels = _labels(asked, d)
    if approval is not None:
        covered = set(json.loads(approval.field_keys))
        keys = [k for k in keys if k in covered]
    lens = disclosure.for_results(principal, approval is not None and approval.covers_sensitive)
    personal = any(k in d.fields and d.fields[k].sensitivity in ("personal", "sensitive-personal") for k in keys)
    forms = store.forms_of(session, r.id)
    today = now().date()
    completion = {"schools": len(forms), "issued": 0, "opened": 0, "submitted": 0, "overdue": 0}
    state: dict[str, tuple[str, str, Form]] = {}
    for form, name in forms:
        st = form.status
        if st != "submitted" and r.due_date < today:
            st = "overdue"
        completion[st] += 1
        state[form.id] = (name, st, form)
    items = store.items_of(session, state, keys)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    provenance: dict[tuple[str, str], dict[str, Any]] = {}
    for it in items:
        name, st, form = state[it.form_id]
        row = rows.setdefault((form.school_code, it.entity_id), {
            "school_code": form.school_code, "school_name": name, "entity_id": it.entity_id, "form_status": st,
            "submitted_at": form.submitted_at and rfc3339(form.submitted_at), **dict.fromkeys(keys)})
        value = it.value if form.status == "submitted" else None
        row[it.key] = lens.value(it.key, value)
        provenance[(it.entity_id, it.key)] = _provenance(it, form)
    if r.level == "school":  # a form not yet read holds no values yet: its school's row is empty
        for name, st, form in state.values():
            if form.status == "issued":
                rows.setdefault((form.school_code, form.school_code), {
                    "school_code": form.school_code, "school_name": name, "entity_id": form.school_code,
                    "form_status": st, "submitted_at": None, **dict.fromkeys(keys)})
    out = sorted(rows.values(), key=lambda x: (x["school_code"], x["entity_id"]))
    if personal and out:
        log_reads(session, principal, [(x["school_code"], x["entity_id"]) for x in out], entity=r.level,
                  action="results", request_id=r.id, approval_number=approval.number if approval else None)
    columns = ["school_code", "school_name", "entity_id", "form_status", "submitted_at", *keys]
    return Results(r.id, columns, out, completion, {k: labels[k] for k in keys}, provenance)


def _provenance(it: FormItem, form: Form) -> dict[str, Any]:
    """A confirmed value keeps the provenance it was pre-filled with; a corrected or new one is the
    school's, given on its form."""
    if form.status != "submitted":
        return {"source": None, "at": None, "by": None, "ref": None, "action": None}
    if it.action == "confirm":
        return {"source": it.prefill_source, "at": it.prefill_at, "by": it.prefill_by, "ref": it.prefill_ref,
                "action": "confirm"}
    return {"source": "correction" if it.action == "correct" else "form", "at": form.submitted_at,
            "by": form.submitted_by, "ref": form.id, "action": it.action}


def export(res: Results, fmt: str) -> tuple[bytes, str]:
    """The results as a file of format `fmt` (csv, xlsx), with its media type. A field's column is
    named in the department's words (its key where two fields share a wording)."""
    names = list(res.labels.values())
    heading = {k: (v if names.count(v) == 1 else f"{v} ({k})") for k, v in res.labels.items()}
    table = pa.table({heading.get(c, c): pa.array([None if r[c] is None else str(r[c]) for r in res.rows], pa.string())
                      for c in res.columns})
    exporter = exporter_for(fmt)
    buf = io.BytesIO()
    exporter.write(table, buf)
    return buf.getvalue(), exporter.media_type


def answered(session: Session, principal: Principal, request_id: str) -> Results:
    """An answered request's values (requests.answers: the same masking and access log) in the
    shape of `results`, with the store's provenance of each value."""
    r = get_owned(session, principal, request_id)
    rows = answers(session, principal, r.id)
    asked = [f for f in fields_of(session, r.id) if f.key]
    keys = [f.key for f in asked if f.key]
    d = dictionary()
    scope, period = scope_filter(Scope.from_json(r.scope)), (r.period_start, r.period_end)
    roster = r.level == "roster"
    v = (prefill.teacher_values_query if roster else prefill.school_values_query)(d, scope, keys, r.reference_date, period)
    provenance = prefill.provenance(session, v, "id" if roster else "code", keys)
    codes = sorted({str(x["school_code"] if roster else x["code"]) for x in rows})
    names = template_store.school_names(session, codes)
    out = [{"school_code": str(x["school_code"] if roster else x["code"]),
            "school_name": names.get(str(x["school_code"] if roster else x["code"])),
            "entity_id": str(x["id"] if roster else x["code"]), "form_status": "answered", "submitted_at": None,
            **{k: x.get(k) for k in keys}} for x in rows]
    completion = {"schools": len(codes), "issued": 0, "opened": 0, "submitted": 0, "overdue": 0}
    columns = ["school_code", "school_name", "entity_id", "form_status", "submitted_at", *keys]
    return Results(r.id, columns, out, completion, _labels(asked, d), provenance)


def _labels(asked: list[Any], d: Any) -> dict[str, str]:
    """Each field's column name: the department's wording, or the dictionary's label."""
    return {f.key: f.label or (d.fields[f.key].labels.zh if f.key in d.fields else f.key) for f in asked if f.key}


def _typed(value: Any, type_: str, code_list: str | None, zh: bool) -> Any:
    """A value as a spreadsheet cell: numbers as numbers, dates as dates, codes as their labels."""
    if value is None or (isinstance(value, int | float) and type_ in ("integer", "decimal")):
        return value
    text = str(value)
    try:
        if type_ == "integer":
            return int(text) if text.lstrip("+-").isdigit() else float(text)
        if type_ == "decimal":
            return float(text)
        if type_ == "date":
            return date.fromisoformat(text[:10])
    except ValueError:
        return text  # a masked or otherwise non-numeric value is shown as it is
    if type_ == "boolean":
        yes = text.lower() in ("1", "true", "yes")
        return ("是" if yes else "否") if zh else ("Yes" if yes else "No")
    if type_ == "enum" and code_list:
        code = dictionary().code_lists[code_list].get(text)
        if code is not None:
            return code.zh if zh else code.en
    return text


PROVENANCE_HEADER = ["学校标识码 school code", "学校名称 school name", "对象 record", "单元格 cell", "栏目 column",
                     "字段 field", "值 value", "来源 source", "记录时间 recorded at", "记录人 by", "依据 reference",
                     "学校操作 school action"]
COMPLETION_HEADER = ["学校标识码 school code", "学校名称 school name", "状态 status", "提交时间 submitted at",
                     "已填 values given", "应填 values asked"]


def template_export(session: Session, principal: Principal, request_id: str) -> tuple[bytes, str, str]:
    """The results in the department's own layout: its sheet with one row per school (or teacher)
    in place of its data rows, a provenance sheet and a completion sheet. Only what `results` (or,
    for an answered request, `answers`) gives the department is written. Returns the bytes, the
    media type and a file name."""
    from connectors.template import MEDIA_TYPE, Filled, FilledRow, Layout, fill

    r = get_owned(session, principal, request_id)
    kept = template_store.of_request(session, r.id)
    if kept is None or kept.format != "xlsx-template":
        raise Conflict(f"request {r.id} was not read from an Excel template; export its results as xlsx or csv",
                       [Problem(["request", "template"], "no Excel template kept with this request")])
    res = answered(session, principal, r.id) if r.status == "answered" else results(session, principal, r.id)
    layout = Layout.from_json(json.loads(kept.layout))
    placed: dict[str, dict[str, Any]] = json.loads(kept.columns)
    zh = layout.language == "zh"
    fields = fields_of(session, r.id)
    d = dictionary()
    key_at = {ref: fields[c["position"]].key or "" for ref, c in placed.items() if "position" in c}
    kinds: dict[str, tuple[str, str | None]] = {}
    custom = custom_types(session, [f.key for f in fields if f.key and f.key not in d.fields])
    for f in fields:
        if not f.key:
            continue
        if f.key in d.fields:
            kinds[f.key] = (d.fields[f.key].type, d.fields[f.key].code_list)
        else:
            kinds[f.key] = (custom.get(f.key) or f.given_type or "text", None)
    readable = set(res.columns)
    header_of = {c.ref: " / ".join([*c.headers, c.label]) for c in layout.columns}
    first = layout.data_first + (1 if layout.total_row and not layout.total_at_end else 0)
    rows: list[FilledRow] = []
    provenance: list[list[Any]] = []
    for i, row in enumerate(res.rows):
        values: dict[str, Any] = {}
        for ref, key in key_at.items():
            if key is None or key not in readable:
                continue
            type_, code_list = kinds.get(key, ("text", None))
            values[ref] = _typed(row.get(key), type_, code_list, zh)
            p = res.provenance.get((row["entity_id"], key), {})
            letter = "".join(ch for ch in ref if ch.isalpha())
            provenance.append([row["school_code"], row["school_name"], row["entity_id"], f"{letter}{first + i}",
                               header_of.get(ref, ref), key, values[ref], p.get("source"), p.get("at"), p.get("by"),
                               p.get("ref"), p.get("action")])
        rows.append(FilledRow(identity={"code": row["school_code"], "name": row["school_name"] or ""}, values=values))
    asked = [k for k in key_at.values() if k in readable]
    completion: dict[str, list[Any]] = {}
    for row in res.rows:
        c = completion.setdefault(row["school_code"], [row["school_code"], row["school_name"], row["form_status"],
                                                       row["submitted_at"], 0, 0])
        c[4] += sum(1 for k in asked if row.get(k) is not None)
        c[5] += len(asked)
    numeric = {ref for ref, key in key_at.items() if key and kinds.get(key, ("text",))[0] in ("integer", "decimal")}
    identity = {ref: c["identity"] for ref, c in placed.items() if c.get("role") == "identity"}
    buf = io.BytesIO()
    fill(kept.content, Filled(layout=layout, rows=rows, identity_columns=identity, numeric=numeric,
                              provenance=(PROVENANCE_HEADER, provenance),
                              completion=(COMPLETION_HEADER, list(completion.values()))), buf)
    return buf.getvalue(), MEDIA_TYPE, f"{r.id}-filled.xlsx"
