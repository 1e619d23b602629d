"""Corrections schools proposed for values another organisation owns: the owner accepts or
rejects each with service/domain/corrections.py, which also updates the store with history."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from service.domain import corrections
from service.domain.authz import Principal
from service.domain.dictionary import dictionary
from service.domain.errors import DomainError
from service.web.page import CSRF, PageRoute, PageSession, Viewer, invalid, redirect, render, settle

router = APIRouter(route_class=PageRoute, include_in_schema=False)
OUTCOMES: dict[str, Literal["accepted", "rejected"]] = {"accept": "accepted", "reject": "rejected"}
RECENT = 20


@router.get("/web/corrections", response_class=HTMLResponse)
def corrections_page(request: Request, session: PageSession, me: Viewer, ok: str | None = None) -> HTMLResponse:
    return _page(request, session, me, notice=ok)


def _page(request: Request, session: PageSession, me: Principal, *, notice: str | None = None,
          failed: str | None = None, reason: str = "", problem: DomainError | None = None,
          status: int = 200) -> HTMLResponse:
    everything = corrections.list_for_owner(session, me, None)
    decided = [c for c in everything if c.status != "pending"][-RECENT:]
    return render(request, "corrections.html", status, pending=[c for c in everything if c.status == "pending"],
                  decided=list(reversed(decided)), fields=dictionary().fields, notice=notice, failed=failed,
                  reason=reason, problem=problem)


@router.post("/web/corrections/{correction_id}/{decision}", dependencies=[CSRF])
def decide(request: Request, session: PageSession, me: Viewer, correction_id: str,
           decision: Literal["accept", "reject"], reason: Annotated[str, Form()] = "") -> Response:
    try:
        try:
            body = corrections.DecisionIn(reason=reason.strip() or None)
        except ValidationError as exc:
            raise invalid(exc) from exc
        corrections.decide(session, me, correction_id, OUTCOMES[decision], body)
    except DomainError as exc:
        settle(request, exc)
        return _page(request, session, me, failed=correction_id, reason=reason, problem=exc, status=exc.status)
    return redirect(f"/web/corrections?ok={OUTCOMES[decision]}")
