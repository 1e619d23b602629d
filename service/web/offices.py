"""The approving offices' pages: the queue of requests awaiting them (approve or reject), and the
public register of approvals. Who may approve what is decided by service/domain/approvals.py."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import TypeAdapter, ValidationError

from service.domain import approvals, requests
from service.domain.authz import Principal, require_role
from service.domain.clock import now
from service.domain.errors import DomainError, InvalidInput
from service.domain.scope import Scope
from service.web.page import CSRF, PageRoute, PageSession, Viewer, by_field, invalid, redirect, render, settle

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Text = Annotated[str, Form()]


@router.get("/web/queue", response_class=HTMLResponse)
def queue(request: Request, session: PageSession, me: Viewer, ok: str | None = None) -> HTMLResponse:
    return _queue(request, session, me, notice=ok)


def _queue(request: Request, session: PageSession, me: Principal, *, notice: str | None = None,
           failed: str | None = None, typed: dict[str, str] | None = None, problem: DomainError | None = None,
           status: int = 200) -> HTMLResponse:
    require_role(me, "statistics_office", "education_office")
    waiting = requests.list_own(session, me, "pending_approval")
    today = now().date()
    return render(request, "queue.html", status, notice=notice, today=today, until=today + timedelta(days=365),
                  rows=[(r, Scope.from_json(r.scope), requests.fields_of(session, r.id)) for r in waiting],
                  failed=failed, typed=typed or {}, problem=problem,
                  errors=by_field(problem.errors) if problem else {})


@router.post("/web/queue/{request_id}/approval", dependencies=[CSRF])
def approve(request: Request, session: PageSession, me: Viewer, request_id: str, mode: Text = "approval",
            number: Text = "", authority: Text = "", form_number: Text = "", regions: Text = "",
            valid_from: Text = "", valid_until: Text = "") -> Response:
    typed = {"mode": mode, "number": number, "authority": authority, "form_number": form_number,
             "regions": regions, "valid_from": valid_from, "valid_until": valid_until}
    raw = {"mode": mode, "number": number, "authority": authority, "form_number": form_number.strip() or None,
           "scope": {"regions": [r for r in re.split(r"[\s,，、;；]+", regions) if r]},
           "valid_from": valid_from, "valid_until": valid_until}
    try:
        try:
            body = approvals.ApprovalIn.model_validate(raw)
        except ValidationError as exc:
            raise _every_problem(session, me, request_id, raw, exc) from exc
        approvals.approve(session, me, request_id, body)
    except DomainError as exc:
        settle(request, exc)
        return _queue(request, session, me, failed=request_id, typed=typed, problem=exc, status=exc.status)
    return redirect("/web/approvals?ok=approved")


def _every_problem(session: PageSession, me: Principal, request_id: str, raw: dict[str, Any],
                   exc: ValidationError) -> InvalidInput:
    """The form's unreadable fields and the rules' objections to the readable ones, together, so
    the office sees every problem at once."""
    problems = invalid(exc).errors
    bad = {p.loc[1] for p in problems if len(p.loc) > 1}
    fields = approvals.ApprovalIn.model_fields
    readable: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in bad:
            readable[name] = TypeAdapter(fields[name].annotation or object).validate_python(value)
    r = requests.get_readable(session, me, request_id)
    problems += approvals.approval_problems(session, me, r, approvals.ApprovalIn.model_construct(**readable))
    return InvalidInput(f"{len(problems)} problem(s) in the approval", problems)


@router.post("/web/queue/{request_id}/rejection", dependencies=[CSRF])
def reject(request: Request, session: PageSession, me: Viewer, request_id: str, reason: Text = "") -> Response:
    try:
        try:
            body = approvals.RejectionIn(reason=reason)
        except ValidationError as exc:
            raise invalid(exc) from exc
        approvals.reject(session, me, request_id, body)
    except DomainError as exc:
        settle(request, exc)
        return _queue(request, session, me, failed=request_id, typed={"reason": reason}, problem=exc, status=exc.status)
    return redirect("/web/queue?ok=rejected")


@router.get("/web/approvals", response_class=HTMLResponse)
def register(request: Request, session: PageSession, me: Viewer, ok: str | None = None) -> HTMLResponse:
    today = now().date()
    rows = []
    for a, r in approvals.register(session):
        state = approvals.state(a, today)
        rows.append((a, r, Scope.from_json(a.scope), state))
    return render(request, "approvals.html", rows=rows, notice=ok)
