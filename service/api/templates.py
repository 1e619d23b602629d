"""Departments' own forms: an Excel template or an XLSForm in as a request (with a preview of how
each column is read), the request out as an XLSForm."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, TypeAdapter, ValidationError

from service.api.deps import PrincipalDep, SessionDep
from service.api.requests import AnalysisOut, FieldOut, RequestOut, _analysis_out, _request_out
from service.domain import templates, xlsforms
from service.domain.authz import require_role
from service.domain.errors import InvalidInput, Problem

router = APIRouter(prefix="/v1", tags=["requests"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PROBLEMS: dict[int | str, dict[str, Any]] = {
    413: {"description": "the file is larger than a form may be (problem+json)"},
    422: {"description": "a sheet or cell that cannot be read, or a field that cannot be analysed (problem+json "
                         "naming the sheet and cell, or the column)"},
}


class ColumnOut(BaseModel):
    ref: str  # the column's header cell on the department's sheet (or the XLSForm survey row)
    label: str
    headers: list[str]
    role: str  # field | identity | sequence | skipped
    identity: str | None = None
    unit: str | None = None
    choices: list[str] = []
    field: FieldOut | None = None  # for a field: its reading and classification
    note: str | None = None


class FormPreviewOut(BaseModel):
    format: str
    title: str | None
    sheet: str | None
    columns: list[ColumnOut]
    analysis: AnalysisOut
    notes: list[str]


class FormRequestOut(BaseModel):
    request: RequestOut
    preview: FormPreviewOut


def _preview(reading: templates.FormReading) -> FormPreviewOut:
    analysis = _analysis_out(reading.analysis)
    by_position = {f.position: f for f in analysis.fields}
    asked = [c for c in reading.columns if c.role == "field"]
    columns = []
    for c in reading.columns:
        f = by_position.get(asked.index(c)) if c.role == "field" else None
        columns.append(ColumnOut(ref=c.ref, label=c.label, headers=c.headers, role=c.role, identity=c.identity,
                                 unit=c.unit, choices=c.choices, field=f, note=c.note))
    return FormPreviewOut(format=reading.format, title=reading.title, sheet=reading.sheet, columns=columns,
                          analysis=analysis, notes=reading.notes)


def _json_part(name: str, raw: str | None, adapter: TypeAdapter[Any]) -> Any:
    try:
        return adapter.validate_json(raw or "{}")
    except ValidationError as exc:
        raise InvalidInput(f"the '{name}' part is not valid",
                           [Problem(["body", name, *map(str, e["loc"])], e["msg"]) for e in exc.errors()]) from exc


_ATTRS = TypeAdapter(templates.TemplateRequestIn)
_CORRECTIONS = TypeAdapter(dict[str, templates.ColumnCorrection])


@router.post("/requests/from-template", response_model=FormRequestOut, status_code=201,
             responses={200: {"model": FormPreviewOut, "description": "with preview=true: how the form is read; "
                                                                       "nothing is saved"},
                        409: {"description": "duplicate of a live request (problem+json names it)"}, **PROBLEMS})
def request_from_template(
    session: SessionDep, principal: PrincipalDep,
    file: Annotated[UploadFile, File(description="the department's form: an .xlsx template or an XLSForm")],
    request: Annotated[str, Form(description="JSON: the request's other attributes (purpose, kind, level, scope, "
                                             "reference_date, due_date, …; title defaults to the form's title)")],
    corrections: Annotated[str | None, Form(description="JSON: {column ref or letter: {key | type | definition | "
                                                        "identity | skip}} to correct how a column is read")] = None,
    sheet: Annotated[str | None, Form(description="the sheet to read (default: the first with a form)")] = None,
    preview: Annotated[bool, Query(description="read and analyse only; save nothing")] = False,
) -> Any:
    """A department's own form as a request: each column (or question) read in its context, then
    analysed and decided like any request. With preview=true, the reading of every column."""
    require_role(principal, "department", "education_office")  # before reading the upload
    data = file.file.read(templates.MAX_BYTES + 1)
    attrs = _json_part("request", request, _ATTRS)
    fixes = _json_part("corrections", corrections, _CORRECTIONS)
    name = file.filename or "form.xlsx"
    if preview:
        reading = templates.read_form(session, principal, data, name, attrs, corrections=fixes, sheet=sheet)
        return JSONResponse(_preview(reading).model_dump(mode="json"))
    r, reading = templates.submit_form(session, principal, data, name, attrs, corrections=fixes, sheet=sheet)
    return FormRequestOut(request=_request_out(session, r), preview=_preview(reading))


@router.get("/requests/{request_id}/xlsform", response_class=Response,
            responses={200: {"content": {XLSX: {}}, "description": "the issued request as an XLSForm"}})
def request_xlsform(session: SessionDep, principal: PrincipalDep, request_id: str) -> Response:
    """An issued request as an XLSForm (survey, choices, settings), for departments collecting with ODK."""
    content, filename = xlsforms.export(session, principal, request_id)
    return Response(content, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
