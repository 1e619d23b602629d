"""The school's pages: the inbox, and the merged form to confirm, correct, fill and submit.

Writes go through service/domain/forms.py exactly as the API's do: the page sends the ETag it
was rendered with as If-Match, and an idempotency key made once per page load, recorded with
service/domain/idempotency.py, so a double click or a resent page gets the first result back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from service.domain import forms, idempotency
from service.domain.authz import Principal
from service.domain.clock import new_id
from service.domain.errors import Conflict, DomainError, InvalidInput
from service.web import answers
from service.web.page import CSRF, PageRoute, PageSession, Viewer, redirect, render, settle

router = APIRouter(route_class=PageRoute, include_in_schema=False)
# A request that lost a race for the same form waits this long for the winner's record.


async def _posted(request: Request) -> FormData:
    return await request.form()


Posted = Annotated[FormData, Depends(_posted)]


@router.get("/web/inbox", response_class=HTMLResponse)
def inbox(request: Request, session: PageSession, me: Viewer) -> HTMLResponse:
    return render(request, "inbox.html", forms=forms.inbox(session, me))


@router.get("/web/forms/{form_id}", response_class=HTMLResponse)
def form_page(request: Request, session: PageSession, me: Viewer, form_id: str, saved: bool = False) -> HTMLResponse:
    return _form(request, forms.view(session, me, form_id), notice="saved" if saved else None)


def _form(request: Request, view: forms.FormView, *, typed: dict[answers.Ident, answers.Entered] | None = None,
          problem: DomainError | None = None, sent: list[answers.Ident] | None = None,
          notice: str | None = None, status: int = 200) -> HTMLResponse:
    placed = answers.place(problem.errors, sent or [], [(i.entity_id, i.key) for i in view.items]) if problem else []
    errors: dict[answers.Ident, list[str]] = {}
    for ident, msg in placed:
        if ident is not None:
            errors.setdefault(ident, []).append(msg)
    entities: dict[str, list[forms.ItemView]] = {}
    for item in view.items:
        entities.setdefault(item.entity_id, []).append(item)
    return render(request, "form.html", status, view=view, entities=entities, typed=typed or {}, errors=errors,
                  problem=problem, placed=placed, notice=notice, idempotency_key=new_id(), answers=answers,
                  section_no={s.request_id: n for n, s in enumerate(view.sections, 1)})


@router.post("/web/forms/{form_id}", dependencies=[CSRF])
def post_form(request: Request, session: PageSession, me: Viewer, form_id: str, posted: Posted) -> Response:
    """Save a draft (then show the form again) or submit (then show the receipt)."""
    typed = answers.entered(posted)
    sent = list(typed)
    if_match = str(posted.get("if_match", "")) or None
    submitting = posted.get("op") != "draft"
    # One key per page load; the two buttons are two different writes, so each has its own.
    page_key = str(posted.get("idempotency_key", "")).strip()
    key = f"{page_key}:{'submission' if submitting else 'draft'}" if page_key else ""
    try:
        body = answers.answers_in(typed)
        if submitting:
            done = _once(session, me, key, f"submission:{form_id}", body,
                         lambda: asdict(forms.submit(session, me, form_id, body, if_match)))
            return render(request, "submitted.html", done=done)
        _once(session, me, key, f"answers:{form_id}", body,
              lambda: {"etag": forms.save_draft(session, me, form_id, body, if_match).etag})
        return redirect(f"/web/forms/{form_id}?saved=1")
    except (InvalidInput, Conflict, forms.PreconditionFailed, forms.PreconditionRequired) as exc:
        settle(request, exc)
        return _form(request, forms.view(session, me, form_id), typed=typed, problem=exc, sent=sent,
                     status=exc.status)


def _once(session: Session, me: Principal, raw_key: str, scope: str, body: forms.AnswersIn,
          write: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The write, recorded under its key as the API records it; a repeat gets the first result."""
    def run() -> idempotency.Outcome:
        return 200, write(), {}

    return dict(idempotency.once(session, me, raw_key, scope, body.model_dump(mode="json"), run)[1])
