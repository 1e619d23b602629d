"""Issue: pre-filled forms reach every school in the approved scope, set-based.

Rule: forms go only to schools in both the request's scope and its approval's scope, and only
while the approval holds (service/domain/approvals.py decides). Requests issued to a school for
the same collection window (same level and reference date) share one form, one section per
request, and a value two sections ask for is asked once. Every pre-filled value carries its
provenance. A whole issue is a handful of statements, whatever the number of schools.

A form's values are placed on it when its school first reads it (`fill_read`), not at issue: as
the store holds them then, for the form's reference date, so a correction made on another form in
between is what the school sees, and an issue to a country is the writing of its forms (the values
of 500,000 schools, most of them read over weeks, were two thirds of its time). A form already read
when another request merges into it gets that request's values at issue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial

from sqlalchemy import and_
from sqlalchemy.orm import Session

from service.domain import approvals
from service.domain import status as machine
from service.domain.authz import Principal
from service.domain.clock import new_id, now
from service.domain.requests import get_owned
from service.domain.scope import Scope
from service.store import issuance as store
from service.store import requests as requests_repo
from service.store.scope import scope_filter
from service.store.tables import Request, StopEvent

OPEN = ("issued", "opened")


@dataclass(frozen=True)
class Issued:
    request: Request
    approval_number: str | None
    forms: int  # forms the request reached (new or merged)
    merged: int  # of which already held another request's section
    items: int  # values placed now, on forms already read; the others' are placed at first reading
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
    keys = list(requests_repo.classes_of(session, r.id))
    window, at = window_of(r), now()  # the forms and their items are placed at one moment
    forms, merged = store.place_forms(session, r, window, keys, gate.approval, allowed, at)
    requests_repo.start_progress(session, r.id, forms)
    items = fill_read(session, store.opened_with(session, r.id, window), at, r.id) if merged else 0
    note = f"under {gate.approval.number}" if gate.approval else "administrative"
    note += f"; {forms} form(s), {merged} merged with other requests"
    if gate.refused_schools:
        note += f"; {len(gate.refused_schools)} school(s) outside the approved scope get nothing"
    machine.transition(session, r, "issued", principal.id, note)
    return Issued(r, gate.approval.number if gate.approval else None, forms, merged, items, gate.refused_schools)


def fill_read(session: Session, form_ids: list[str], at: datetime, request_id: str | None = None) -> int:
    """Place the values of every section of `form_ids` (forms their schools read now), or of the
    request's section only, on them, one set-based fill per request; a value already on a form
    stays. Returns how many were placed."""
    by_request: dict[str, list[str]] = {}
    for rid, school in store.sections_to_fill(session, form_ids, request_id):
        by_request.setdefault(rid, []).append(school)
    added = 0
    for rid, schools in by_request.items():
        plan = _plan(session, rid)
        if plan is not None:
            added += store.fill(session, plan, schools, at)
    return added


_PLANS: dict[str, store.FillPlan] = {}
_PLANS_KEPT = 1024


def _plan(session: Session, request_id: str) -> store.FillPlan | None:
    """The fill plan of a request; kept once it is issued, when its fields and dates can no longer
    change (an update is refused), so that a school's first reading reads neither again."""
    if (kept := _PLANS.get(request_id)) is not None:
        return kept
    r = requests_repo.get(session, request_id)
    if r is None:
        return None
    plan = store.fill_plan(session, r)
    if r.status in ("issued", "closed"):
        if len(_PLANS) >= _PLANS_KEPT:
            _PLANS.clear()  # a province has a few hundred live requests: rarely reached, simply started again
        _PLANS[request_id] = plan
    return plan
