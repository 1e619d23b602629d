"""The school inbox: forms, drafts and submissions (ETag / If-Match, Idempotency-Key)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from service.api.deps import PrincipalDep, SessionDep, written, written_together
from service.domain import forms, idempotency
from service.domain.dates import Stamp

router = APIRouter(prefix="/v1/forms", tags=["forms"])


class SectionOut(BaseModel):
    request_id: str
    department: str
    title: str
    form_number: str | None
    approval_number: str | None
    authority: str | None
    valid_until: date | None
    keys: list[str]


class ProvenanceOut(BaseModel):
    source: str
    at: Stamp | None
    by: str | None
    ref: str | None


class ItemOut(BaseModel):
    entity_id: str
    key: str
    label_zh: str
    label_en: str
    type: str
    codes: list[dict[str, str]] | None
    classification: str
    prefill: str | None
    provenance: ProvenanceOut | None
    editable: bool
    corrections_go_to: str
    draft: str | None
    value: str | None
    action: str | None
    reason: str | None
    sections: list[str]


class FormSummary(BaseModel):
    id: str
    school_code: str
    status: str
    reference_date: date
    due_date: date
    created_at: Stamp
    opened_at: Stamp | None
    submitted_at: Stamp | None
    sections: list[SectionOut]


class FormOut(FormSummary):
    etag: str
    items: list[ItemOut]


class SubmissionOut(BaseModel):
    form_id: str
    confirmed: int
    corrected_in_store: int
    corrections_pending: int
    filled: int
    completed_requests: list[str]


def _section(s: Any) -> SectionOut:
    import json

    return SectionOut(request_id=s.request_id, department=s.department, title=s.title, form_number=s.form_number,
                      approval_number=s.approval_number, authority=s.authority, valid_until=s.valid_until,
                      keys=json.loads(s.keys))


def _summary(form: Any, sections: list[Any]) -> dict[str, Any]:
    return {"id": form.id, "school_code": form.school_code, "status": form.status,
            "reference_date": form.reference_date, "due_date": form.due_date, "created_at": form.created_at,
            "opened_at": form.opened_at, "submitted_at": form.submitted_at,
            "sections": [_section(s) for s in sections]}


def _form_out(v: forms.FormView, response: Response) -> FormOut:
    response.headers["ETag"] = v.etag
    return FormOut(**_summary(v.form, v.sections), etag=v.etag, items=[ItemOut.model_validate(i.__dict__) for i in v.items])


IfMatch = Annotated[str | None, Header(description="the form's ETag as last read")]
IdemKey = Annotated[str | None, Header(description="a unique key per intended write; a retry reuses it")]


@router.get("", response_model=list[FormSummary])
def inbox(session: SessionDep, principal: PrincipalDep,
          status: Annotated[str | None, Query(pattern="^(issued|opened|submitted)$")] = None) -> list[FormSummary]:
    return [FormSummary(**_summary(f, s)) for f, s in forms.inbox(session, principal, status)]


@router.get("/{form_id}", response_model=FormOut)
def get_form(session: SessionDep, principal: PrincipalDep, form_id: str, response: Response) -> FormOut:
    # The school's first reading marks the form opened: a write (grouped on DuckDB, store/writer.py).
    form, sections, first = forms.reading(session, principal, form_id)
    if first and not written_together(session, forms.open_forms, form):
        return _form_out(forms.view(session, principal, form_id), response)  # another reading opened it first
    return _form_out(forms.view_of(session, principal, form, sections), response)


def _idempotent(session: SessionDep, principal: PrincipalDep, key: str | None, scope: str, body: Any,
                run: Callable[[Session], idempotency.Outcome]) -> JSONResponse:
    status, payload, headers = written(
        session, lambda s: idempotency.once(s, principal, key, scope, body, lambda: run(s)))
    return JSONResponse(payload, status_code=status, headers=headers)


@router.put("/{form_id}/answers", response_model=FormOut)
def save_answers(session: SessionDep, principal: PrincipalDep, form_id: str, body: forms.AnswersIn,
                 if_match: IfMatch = None, idempotency_key: IdemKey = None) -> JSONResponse:
    """Save a draft: answers are checked one by one; totals are checked on submission."""
    def run(s: Session) -> tuple[int, Any, dict[str, str]]:
        v = forms.save_draft(s, principal, form_id, body, if_match)
        out = FormOut(**_summary(v.form, v.sections), etag=v.etag,
                      items=[ItemOut.model_validate(i.__dict__) for i in v.items])
        return 200, out.model_dump(mode="json"), {"ETag": v.etag}

    return _idempotent(session, principal, idempotency_key, f"answers:{form_id}", body.model_dump(mode="json"), run)


@router.post("/{form_id}/submission", response_model=SubmissionOut)
def submit(session: SessionDep, principal: PrincipalDep, form_id: str, body: forms.AnswersIn,
           if_match: IfMatch = None, idempotency_key: IdemKey = None) -> JSONResponse:
    """Confirm, correct (with a reason) and fill, all at once; nothing is saved if anything is wrong."""
    # The submission is read and validated here (a repeat answered from its record); only its
    # writes are applied, with other schools' submissions of the same moment on DuckDB
    # (service/store/writer.py), in this request's session on PostgreSQL.
    plan = forms.prepare_submission(session, principal, form_id, body, if_match, idempotency.require_key(idempotency_key))
    status, payload, headers = (plan if not isinstance(plan, forms.SubmissionPlan)
                                else written_together(session, forms.apply_submissions, plan))
    return JSONResponse(payload, status_code=status, headers=headers)
