"""Form requests: analysis, submission, change, status history, answers, approval and issue."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from service.api.deps import PrincipalDep, SessionDep
from service.domain import approvals, issuance, requests, results
from service.domain import status as machine
from service.domain.clock import now
from service.domain.dates import Stamp
from service.domain.scope import Scope
from service.store.tables import Approval, Request

router = APIRouter(prefix="/v1", tags=["requests"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CandidateOut(BaseModel):
    key: str
    label: str
    score: float


class WordsOut(BaseModel):
    zh: str
    en: str


class DefinitionOut(BaseModel):
    """What a field asks, normalised: the same meaning has the same definition and key."""

    entity: str
    measure: str
    field: str | None
    filters: list[dict[str, Any]] = Field(description='each {"field", "in"}, {"field", "not_in"} or {"field", "min", "max"}')
    words: WordsOut


class FieldOut(BaseModel):
    position: int
    label: str | None
    given_key: str | None
    key: str | None
    matched: bool
    classification: str
    confidence: float
    reason: str
    source: str | None
    candidates: list[CandidateOut] = []
    headers: list[str] = []
    definition: DefinitionOut | None = None


class DuplicateOut(BaseModel):
    request_id: str
    title: str
    department: str
    overlap: float
    shared_fields: list[str]


class AnalysisOut(BaseModel):
    decision: str
    schools_in_scope: int
    totals: dict[str, int]
    fields: list[FieldOut]
    duplicates: list[DuplicateOut]
    content_hash: str


class TransitionOut(BaseModel):
    from_status: str | None
    to_status: str
    changed_at: Stamp
    changed_by: str
    reason: str


class RequestOut(BaseModel):
    id: str
    department: str
    title: str
    purpose: str
    kind: str
    level: str
    scope: Scope
    reference_date: date
    period_start: date
    period_end: date
    due_date: date
    frequency: str
    status: str
    content_hash: str
    created_at: Stamp
    fields: list[FieldOut]
    history: list[TransitionOut]


class ApprovalOut(BaseModel):
    id: str
    request_id: str
    mode: str
    number: str
    authority: str
    office: str
    form_number: str | None
    scope: Scope
    field_keys: list[str]
    valid_from: date
    valid_until: date
    approved_at: Stamp
    revoked_at: Stamp | None
    revoke_reason: str | None


class RegisterEntry(BaseModel):
    number: str
    mode: str
    authority: str
    form_number: str | None
    department: str
    title: str
    scope: Scope
    valid_from: date
    valid_until: date
    state: str  # valid | expired | revoked | not yet valid


class IssueOut(BaseModel):
    request: RequestOut
    approval_number: str | None
    forms: int
    merged: int
    items: int = Field(description="values placed now, on forms their schools had already read; a form's "
                                   "values are placed when its school first reads it")
    refused_schools: list[str]


def _analysis_out(a: requests.Analysis) -> AnalysisOut:
    return AnalysisOut(
        decision=a.decision, schools_in_scope=a.schools_in_scope, totals=a.totals, content_hash=a.content_hash,
        fields=[FieldOut.model_validate({**f.__dict__, "candidates": [c.__dict__ for c in f.candidates]}) for f in a.fields],
        duplicates=[DuplicateOut.model_validate(d.__dict__) for d in a.duplicates],
    )


def _request_out(session: SessionDep, r: Request) -> RequestOut:
    fields = [FieldOut(position=f.position, label=f.label, given_key=f.given_key, key=f.key,
                       matched=not requests.is_custom(f.key), classification=f.classification,
                       confidence=round(f.confidence, 3), reason=f.reason, source=f.source,
                       headers=json.loads(f.headers), definition=json.loads(f.definition) if f.definition else None)
              for f in requests.fields_of(session, r.id)]
    history = [TransitionOut.model_validate(t, from_attributes=True) for t in machine.history(session, r.id)]
    data = {k: getattr(r, k) for k in RequestOut.model_fields if k not in ("scope", "fields", "history")}
    return RequestOut(**data, scope=Scope.from_json(r.scope), fields=fields, history=history)


def _approval_out(a: Approval) -> ApprovalOut:
    data = {k: getattr(a, k) for k in ApprovalOut.model_fields if k not in ("scope", "field_keys")}
    return ApprovalOut(**data, scope=Scope.from_json(a.scope), field_keys=json.loads(a.field_keys))


@router.post("/requests/analysis", response_model=AnalysisOut)
def analyse_request(session: SessionDep, principal: PrincipalDep, body: requests.RequestIn) -> AnalysisOut:
    """Analyse a request field by field without saving anything."""
    return _analysis_out(requests.analyse(session, principal, body))


@router.post("/requests", response_model=RequestOut, status_code=201,
             responses={409: {"description": "duplicate of a live request (problem+json names it)"}})
def submit_request(session: SessionDep, principal: PrincipalDep, body: requests.RequestIn) -> RequestOut:
    r, _a = requests.submit(session, principal, body)
    return _request_out(session, r)


@router.get("/requests", response_model=list[RequestOut])
def list_requests(
    session: SessionDep, principal: PrincipalDep, status: Annotated[str | None, Query(pattern="^(draft|answered|rejected_duplicate|pending_approval|approved|rejected|ready|issued|closed)$")] = None,
) -> list[RequestOut]:
    return [_request_out(session, r) for r in requests.list_own(session, principal, status)]


@router.get("/requests/{request_id}", response_model=RequestOut)
def get_request(session: SessionDep, principal: PrincipalDep, request_id: str) -> RequestOut:
    return _request_out(session, requests.get_readable(session, principal, request_id))


@router.put("/requests/{request_id}", response_model=RequestOut)
def change_request(session: SessionDep, principal: PrincipalDep, request_id: str, body: requests.RequestIn) -> RequestOut:
    """Replace a request's content; a change of fields or scope needs a new approval."""
    r, _a = requests.update(session, principal, request_id, body)
    return _request_out(session, r)


@router.get("/requests/{request_id}/answers", response_model=list[dict[str, Any]])
def request_answers(session: SessionDep, principal: PrincipalDep, request_id: str) -> list[dict[str, Any]]:
    """For an answered request: the values, one row per school (or teacher), from the store."""
    return requests.answers(session, principal, request_id)


@router.post("/requests/{request_id}/approval", response_model=ApprovalOut, status_code=201)
def approve_request(session: SessionDep, principal: PrincipalDep, request_id: str, body: approvals.ApprovalIn) -> ApprovalOut:
    return _approval_out(approvals.approve(session, principal, request_id, body))


@router.post("/requests/{request_id}/rejection", response_model=RequestOut)
def reject_request(session: SessionDep, principal: PrincipalDep, request_id: str, body: approvals.RejectionIn) -> RequestOut:
    return _request_out(session, approvals.reject(session, principal, request_id, body))


@router.post("/requests/{request_id}/issue", response_model=IssueOut)
def issue_request(session: SessionDep, principal: PrincipalDep, request_id: str) -> IssueOut:
    done = issuance.issue(session, principal, request_id)
    return IssueOut(request=_request_out(session, done.request), approval_number=done.approval_number,
                    forms=done.forms, merged=done.merged, items=done.items, refused_schools=done.refused_schools)


class ResultsOut(BaseModel):
    request_id: str
    columns: list[str]
    labels: dict[str, str] = Field(description="each field's column named in the department's words (CSV and Excel headers)")
    completion: dict[str, int]
    rows: list[dict[str, Any]]


@router.get("/requests/{request_id}/results", response_model=ResultsOut,
            responses={200: {"content": {"text/csv": {}, XLSX: {}}}})
def request_results(
    session: SessionDep, principal: PrincipalDep, request_id: str,
    format: Annotated[str, Query(pattern="^(json|csv|xlsx|template)$",
                                 description="template: the department's own form back, filled")] = "json",
) -> Any:
    """What the request asked and its approval covers, per school (or teacher), with completion."""
    if format == "template":
        content, media_type, filename = results.template_export(session, principal, request_id)
        return Response(content, media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="{filename}"'})
    res = results.results(session, principal, request_id)
    if format == "json":
        return ResultsOut(request_id=res.request_id, columns=res.columns, labels=res.labels, completion=res.completion,
                          rows=res.rows)
    content, media_type = results.export(res, format)
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="results-{request_id}.{format}"'})


@router.post("/approvals/{approval_id}/revocation", response_model=ApprovalOut)
def revoke_approval(session: SessionDep, principal: PrincipalDep, approval_id: str, body: approvals.RejectionIn) -> ApprovalOut:
    return _approval_out(approvals.revoke(session, principal, approval_id, body))


@router.get("/approvals", response_model=list[RegisterEntry])
def approval_register(session: SessionDep, _principal: PrincipalDep) -> list[RegisterEntry]:
    """The public register of approvals and filings."""
    today = now().date()
    out = []
    for a, r in approvals.register(session):
        state = approvals.state(a, today)
        out.append(RegisterEntry(number=a.number, mode=a.mode, authority=a.authority, form_number=a.form_number,
                                 department=r.department, title=r.title, scope=Scope.from_json(a.scope),
                                 valid_from=a.valid_from, valid_until=a.valid_until, state=state))
    return out
