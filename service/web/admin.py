"""The administrator's page of principals and credentials: who may sign in, as what, until when;
issuing, one-time sign-in links, rotation and revocation, and every school's credentials as a
file. It calls service/domain/principals.py like the admin API and the CLI."""

from __future__ import annotations

import csv
import io
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from connectors.cells import neutralise_any
from service.api.admin import PrincipalIn
from service.domain import principals
from service.domain.authz import ROLES, Principal, require_role
from service.domain.errors import DomainError
from service.web.page import CSRF, PageRoute, PageSession, Viewer, by_field, invalid, render, settle

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE = 50
Text = Annotated[str, Form()]


@router.get("/web/admin/principals", response_class=HTMLResponse)
def principals_page(request: Request, session: PageSession, me: Viewer, role: str = "", q: str = "",
                    page: int = 0) -> HTMLResponse:
    return _page(request, session, me, role=role, q=q, page=page)


def _page(request: Request, session: PageSession, me: Principal, *, role: str = "", q: str = "", page: int = 0,
          shown: dict[str, str] | None = None, problem: DomainError | None = None, typed: dict[str, str] | None = None,
          status: int = 200) -> HTMLResponse:
    require_role(me, "admin")
    page = max(page, 0)
    rows, total = principals.list_principals(session, me, role=role if role in ROLES else None, search=q or None,
                                             limit=PAGE, offset=page * PAGE)
    return render(request, "principals.html", status, rows=rows, total=total, role=role, q=q, page=page,
                  pages=(total + PAGE - 1) // PAGE, roles=ROLES, shown=shown, problem=problem,
                  errors=by_field(problem.errors) if problem else {}, typed=typed or {})


@router.post("/web/admin/principals", dependencies=[CSRF])
def issue(request: Request, session: PageSession, me: Viewer, role: Text = "", org: Text = "", org_name: Text = "",
          jurisdiction: Text = "", days: Text = "") -> Response:
    typed = {"role": role, "org": org, "org_name": org_name, "jurisdiction": jurisdiction, "days": days}
    try:
        require_role(me, "admin")
        try:
            body = PrincipalIn.model_validate({"role": role, "org": org.strip(), "org_name": org_name.strip() or None,
                                               "jurisdiction": jurisdiction.strip() or None, "days": days or None})
        except ValidationError as exc:
            raise invalid(exc) from exc
        p, token = principals.issue_for(session, me, body.role, body.org, org_name=body.org_name,
                                        jurisdiction=body.jurisdiction, days=body.days)
    except DomainError as exc:
        settle(request, exc)
        return _page(request, session, me, problem=exc, typed=typed, status=exc.status)
    return _page(request, session, me, q=p.org_code, shown={"who": p.org_name, "kind": "token", "secret": token})


@router.post("/web/admin/principals/{principal_id}/{action}", dependencies=[CSRF])
def act(request: Request, session: PageSession, me: Viewer, principal_id: str, action: str) -> Response:
    """link: a one-time sign-in link; rotate: a new token, the old ones revoked; revoke: all revoked."""
    who = principals.info(session, me, principal_id)
    if action == "link":
        code, _until = principals.sign_in_link(session, me, principal_id)
        shown = {"who": who.org_name, "kind": "link", "secret": principals.link_url(code)}
    elif action == "rotate":
        shown = {"who": who.org_name, "kind": "token", "secret": principals.rotate(session, me, principal_id)}
    elif action == "revoke":
        n = principals.revoke(session, me, principal_id=principal_id)
        shown = {"who": who.org_name, "kind": "revoked", "secret": str(n)}
    else:
        raise DomainError(f"no action {action}")
    return _page(request, session, me, q=who.org_code, shown=shown)


@router.post("/web/admin/credentials/schools.csv", dependencies=[CSRF])
def school_credentials(session: PageSession, me: Viewer, region: Text = "") -> Response:
    """Every school's token and one-time sign-in link, as a CSV file to hand out (shown once)."""
    creds = principals.issue_school_credentials(session, me, region=region.strip() or None)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["school_code", "school_name", "region_name", "token", "expires_at", "sign_in_link", "link_expires_at"])
    for c in creds:
        w.writerow([neutralise_any(v) for v in (c.school_code, c.school_name, c.region_name, c.token,
                                            f"{c.expires_at:%Y-%m-%d}", c.sign_in_link, f"{c.link_expires_at:%Y-%m-%d %H:%M}")])
    return Response("\ufeff" + buf.getvalue(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="school-credentials.csv"', "Cache-Control": "no-store"})
