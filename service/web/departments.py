"""A department's pages: its requests with status, history and field analysis; issuing the
approved ones; and their results as CSV, through the same domain functions and exporter as the API."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from service.domain import approvals, issuance, requests, results, templates
from service.domain import status as machine
from service.domain.authz import Principal
from service.domain.errors import DomainError
from service.domain.scope import Scope
from service.web.page import CSRF, PageRoute, PageSession, Viewer, redirect, render, settle

router = APIRouter(route_class=PageRoute, include_in_schema=False)
ISSUABLE = ("approved", "ready")
WITH_RESULTS = ("issued", "closed")


@router.get("/web/requests", response_class=HTMLResponse)
def request_list(request: Request, session: PageSession, me: Viewer, ok: str | None = None) -> HTMLResponse:
    return _requests(request, session, me, notice=ok)


def _requests(request: Request, session: PageSession, me: Principal, *, notice: str | None = None,
              failed: str | None = None, problem: DomainError | None = None, status: int = 200) -> HTMLResponse:
    rows = [(r, Scope.from_json(r.scope), requests.fields_of(session, r.id), machine.history(session, r.id),
             approvals.current_approval(session, r)) for r in requests.list_own(session, me)]
    return render(request, "requests.html", status, rows=rows, notice=notice, failed=failed, problem=problem,
                  issuable=ISSUABLE, with_results=WITH_RESULTS,
                  templated=templates.read_from_forms(session, [r.id for r, *_ in rows]))


@router.post("/web/requests/{request_id}/issue", dependencies=[CSRF])
def issue(request: Request, session: PageSession, me: Viewer, request_id: str) -> Response:
    try:
        issuance.issue(session, me, request_id)
    except DomainError as exc:
        settle(request, exc)  # a refusal to issue is itself recorded (the burden counts it): kept
        return _requests(request, session, me, failed=request_id, problem=exc, status=exc.status)
    return redirect(f"/web/requests?ok=issued#r-{request_id}")


@router.get("/web/requests/{request_id}/results.csv")
def results_csv(session: PageSession, me: Viewer, request_id: str) -> Response:
    """The same rows as GET /v1/requests/{id}/results?format=csv, for a browser holding a cookie."""
    res = results.results(session, me, request_id)
    content, media_type = results.export(res, "csv")
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="results-{request_id}.csv"', "Cache-Control": "no-store"})
