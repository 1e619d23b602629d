"""A department's own form on its requests page: upload an Excel template (or XLSForm) as a
request, and download the results written back into it. The same domain functions as the API."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from pydantic import ValidationError

from service.domain import results, templates
from service.web.page import CSRF, PageRoute, PageSession, Viewer, invalid, redirect

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.post("/web/requests/from-template", dependencies=[CSRF])
def from_template(
    request: Request, session: PageSession, me: Viewer,
    file: Annotated[UploadFile, File()], kind: Annotated[str, Form()], level: Annotated[str, Form()],
    purpose: Annotated[str, Form()], reference_date: Annotated[date, Form()], due_date: Annotated[date, Form()],
    region: Annotated[str, Form()] = "",
) -> Response:
    data = file.file.read(templates.MAX_BYTES + 1)
    try:
        attrs = templates.TemplateRequestIn.model_validate({
            "purpose": purpose, "kind": kind, "level": level, "reference_date": reference_date, "due_date": due_date,
            "scope": {"regions": [region or me.jurisdiction]} if (region or me.jurisdiction) else {}})
    except ValidationError as exc:
        raise invalid(exc) from exc
    r, _reading = templates.submit_form(session, me, data, file.filename or "form.xlsx", attrs)
    return redirect(f"/web/requests?ok=submitted#r-{r.id}")


@router.get("/web/requests/{request_id}/filled.xlsx")
def filled(session: PageSession, me: Viewer, request_id: str) -> Response:
    """The same workbook as GET /v1/requests/{id}/results?format=template."""
    content, media_type, name = results.template_export(session, me, request_id)
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})
