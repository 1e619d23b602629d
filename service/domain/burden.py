"""Burden figures: what schools were asked, what was pre-filled, what was stopped, and the time
teachers spent or were spared, per school, department or region, against a year earlier.

Estimated teacher-minutes use two documented figures: MINUTES_PER_FIELD to look up and fill one
value from nothing, MINUTES_PER_CONFIRMATION to check one pre-filled value. A pre-filled value
saves the difference; a value a stopped request would have asked saves the whole.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.domain.authz import Principal, region_prefix, require_role
from service.domain.errors import InvalidInput, Problem
from service.domain.scope import Scope, scope_filter
from service.store.records import valid_at
from service.store.tables import Form, FormItem, FormSection, Request, RequestField, School, StopEvent

MINUTES_PER_FIELD = 2.0
MINUTES_PER_CONFIRMATION = 0.25
By = Literal["school", "department", "region"]
STOP_STATUSES = {"answered": "answered_from_store", "rejected_duplicate": "duplicate", "rejected": "unapproved"}


@dataclass
class Burden:
    group: str
    forms_received: int = 0
    fields_asked: int = 0
    fields_prefilled: int = 0
    fields_to_fill: int = 0
    corrections: int = 0
    requests_stopped: dict[str, int] = field(default_factory=dict)
    minutes_asked: float = 0.0
    minutes_saved: float = 0.0
    fields_asked_year_before: int = 0
    reduction: float | None = None


def _window(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


def _group_expr(by: By) -> object:
    return {"school": Form.school_code, "department": FormSection.department, "region": School.region_code}[by]


def _asked(session: Session, by: By, start: date, end: date, prefix: str | None) -> dict[str, tuple[int, int, int, int]]:
    """Per group: (forms, items asked, items pre-filled, corrections) for forms created in the window.
    An item counts once per school, and once per department that asked it."""
    lo, hi = _window(start, end)
    group = _group_expr(by)
    q = (
        select(group, func.count(func.distinct(Form.id)), func.count(),
               func.count().filter(FormItem.prefill.is_not(None)),  # type: ignore[union-attr]
               func.count().filter(FormItem.action == "correct"))
        .select_from(FormItem)
        .join(Form, Form.id == FormItem.form_id)  # type: ignore[arg-type]
        .join(School, (School.code == Form.school_code) & School.valid_to.is_(None))  # type: ignore[union-attr,arg-type,operator]
        .where(Form.created_at >= lo, Form.created_at < hi)  # type: ignore[arg-type,operator]
    )
    if by == "department":
        q = q.join(FormSection, FormSection.form_id == Form.id).join(  # type: ignore[arg-type]
            RequestField, (RequestField.request_id == FormSection.request_id) & (RequestField.key == FormItem.key))  # type: ignore[arg-type,operator]
    if prefix:
        q = q.where(School.region_code.startswith(prefix))  # type: ignore[attr-defined]
    return {str(g): (int(f), int(n), int(p), int(c)) for g, f, n, p, c in session.execute(q.group_by(group)).all()}  # type: ignore[arg-type]


def _stopped(session: Session, by: By, start: date, end: date, prefix: str | None,
             ) -> tuple[dict[str, dict[str, int]], dict[str, float]]:
    """Per group: requests stopped by reason, and the minutes they spared the schools in their scope."""
    lo, hi = _window(start, end)
    stops: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    spared: dict[str, float] = defaultdict(float)
    reqs = session.scalars(select(Request).where(
        Request.created_at >= lo, Request.created_at < hi, Request.status.in_(STOP_STATUSES))).all()  # type: ignore[arg-type,operator,attr-defined]
    events = session.execute(select(StopEvent, Request).join(Request, Request.id == StopEvent.request_id).where(  # type: ignore[arg-type]
        StopEvent.stopped_at >= lo, StopEvent.stopped_at < hi)).all()  # type: ignore[arg-type,operator]
    n_fields = dict(session.execute(
        select(RequestField.request_id, func.count()).where(RequestField.request_id.in_([r.id for r in reqs]))  # type: ignore[attr-defined,call-overload]
        .group_by(RequestField.request_id)).all()) if reqs else {}
    items = [(r, STOP_STATUSES[r.status], n_fields.get(r.id, 0)) for r in reqs] + [(r, e.reason, 0) for e, r in events]
    for r, reason, fields in items:
        if by == "department":
            stops[r.department][reason] += 1
            if fields:
                schools = _schools_in(session, r, prefix)
                spared[r.department] += fields * len(schools) * MINUTES_PER_FIELD
            continue
        for code, region in _schools_in(session, r, prefix):
            g = code if by == "school" else region
            stops[g][reason] += 1
            spared[g] += fields * MINUTES_PER_FIELD
    return stops, spared


def _schools_in(session: Session, r: Request, prefix: str | None) -> list[tuple[str, str]]:
    q = select(School.code, School.region_code).where(valid_at(School, None), scope_filter(Scope.from_json(r.scope)))  # type: ignore[call-overload]
    if prefix:
        q = q.where(School.region_code.startswith(prefix))  # type: ignore[attr-defined]
    return [(c, g) for c, g in session.execute(q).all()]


def burden(session: Session, principal: Principal, by: By, start: date, end: date) -> list[Burden]:
    """Burden figures per group, for what the principal may see (a school: itself)."""
    require_role(principal, "admin", "department", "statistics_office", "education_office", "school")
    if end < start:
        raise InvalidInput("'to' is before 'from'", [Problem(["query", "to"], "before from", str(end))])
    prefix = region_prefix(principal.jurisdiction) if principal.jurisdiction and principal.role != "admin" else None
    if principal.role == "school":
        by, prefix = "school", None
    now_asked = _asked(session, by, start, end, prefix)
    before = _asked(session, by, start.replace(year=start.year - 1), end.replace(year=end.year - 1), prefix)
    stops, spared = _stopped(session, by, start, end, prefix)
    groups = sorted(set(now_asked) | set(before) | set(stops))
    if principal.role == "school" or (principal.role == "department" and by == "department"):
        groups = [principal.org_code]
    out = []
    for g in groups:
        forms, asked, pre, corr = now_asked.get(g, (0, 0, 0, 0))
        to_fill = asked - pre
        last = before.get(g, (0, 0, 0, 0))[1]
        out.append(Burden(
            group=g, forms_received=forms, fields_asked=asked, fields_prefilled=pre, fields_to_fill=to_fill,
            corrections=corr, requests_stopped=dict(stops.get(g, {})),
            minutes_asked=round(to_fill * MINUTES_PER_FIELD + pre * MINUTES_PER_CONFIRMATION, 2),
            minutes_saved=round(pre * (MINUTES_PER_FIELD - MINUTES_PER_CONFIRMATION) + spared.get(g, 0.0), 2),
            fields_asked_year_before=last,
            reduction=round(1 - asked / last, 4) if last else None,
        ))
    return out

