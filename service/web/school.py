"""The school's pages: the inbox, and the merged form to confirm, correct, fill and submit.

Writes go through service/domain/forms.py exactly as the API's do: the page sends the ETag it
was rendered with as If-Match, and an idempotency key made once per page load, recorded with
service/domain/idempotency.py, so a double click or a resent page gets the first result back.
A submission answers with a redirect to the form's receipt, so Back and reload show the receipt.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from service.domain import forms, idempotency, requests
from service.domain.authz import Principal
from service.domain.clock import new_id
from service.domain.errors import Conflict, DomainError, InvalidInput
from service.web import answers
from service.web.page import CSRF, PageRoute, PageSession, Viewer, redirect, render, settle

router = APIRouter(route_class=PageRoute, include_in_schema=False)


async def _posted(request: Request) -> FormData:
    return await request.form()


Posted = Annotated[FormData, Depends(_posted)]


@dataclass
class Group:
    """Items under one heading of a section, in the order the department's form asks them."""

    headers: list[str]
    items: list[forms.ItemView] = field(default_factory=list)


@dataclass
class Part:
    """A section of the form (one request) with its statutory header and its items, grouped."""

    number: int
    section: Any  # FormSection
    entities: dict[str, list[Group]] = field(default_factory=dict)  # entity id -> groups
    wording: dict[str, str] = field(default_factory=dict)  # key -> the department's own words for it


def layout(session: Session, view: forms.FormView) -> list[Part]:
    """The form as the departments asked it: section by section, each field in its request's
    order under its headers; a value two sections ask is shown once, in the first."""
    parts: list[Part] = []
    by_key: dict[str, list[forms.ItemView]] = {}
    for item in view.items:
        by_key.setdefault(item.key, []).append(item)
    placed: set[tuple[str, str]] = set()
    for n, s in enumerate(view.sections, 1):
        part = Part(n, s)
        for f in requests.fields_of(session, s.request_id):
            headers = json.loads(f.headers or "[]")
            if f.key and f.label:
                part.wording[f.key] = f.label
            for item in by_key.get(f.key or "", []):
                ident = (item.entity_id, item.key)
                if ident in placed:
                    continue
                placed.add(ident)
                groups = part.entities.setdefault(item.entity_id, [])
                if not groups or groups[-1].headers != headers:
                    groups.append(Group(headers))
                groups[-1].items.append(item)
        parts.append(part)
    rest = [i for i in view.items if (i.entity_id, i.key) not in placed]
    if rest and parts:
        for item in rest:
            parts[-1].entities.setdefault(item.entity_id, [Group([])])[-1].items.append(item)
    return parts


@router.get("/web/inbox", response_class=HTMLResponse)
def inbox(request: Request, session: PageSession, me: Viewer) -> HTMLResponse:
    return render(request, "inbox.html", forms=forms.inbox(session, me))


@router.get("/web/forms/{form_id}", response_class=HTMLResponse)
def form_page(request: Request, session: PageSession, me: Viewer, form_id: str, saved: bool = False) -> Response:
    view = forms.view(session, me, form_id)
    if view.form.status == "submitted":
        return redirect(f"/web/forms/{form_id}/receipt")
    return _form(request, session, view, notice="saved" if saved else None)


def _form(request: Request, session: Session, view: forms.FormView, *,
          typed: dict[answers.Ident, answers.Entered] | None = None, problem: DomainError | None = None,
          sent: list[answers.Ident] | None = None, notice: str | None = None, status: int = 200) -> HTMLResponse:
    placed = answers.place(problem.errors, sent or [], [(i.entity_id, i.key) for i in view.items]) if problem else []
    errors: dict[answers.Ident, list[Any]] = {}
    for ident, p in placed:
        if ident is not None:
            errors.setdefault(ident, []).append(p)
    return render(request, "form.html", status, view=view, parts=layout(session, view), typed=typed or {},
                  errors=errors, problem=problem, placed=placed, notice=notice, idempotency_key=new_id(),
                  answers=answers)


@router.get("/web/forms/{form_id}/receipt", response_class=HTMLResponse)
def receipt(request: Request, session: PageSession, me: Viewer, form_id: str, again: bool = False) -> Response:
    """What the submission did, and the submitted values; the place Back and reload lead to."""
    view = forms.view(session, me, form_id)
    if view.form.status != "submitted":
        return redirect(f"/web/forms/{form_id}")
    done = {"confirmed": 0, "corrected_in_store": 0, "corrections_pending": 0, "filled": 0}
    for item in view.items:
        if item.action == "confirm":
            done["confirmed"] += 1
        elif item.action == "fill":
            done["filled"] += 1
        elif item.action == "correct":
            done["corrected_in_store" if item.corrections_go_to == "store" else "corrections_pending"] += 1
    return render(request, "submitted.html", view=view, parts=layout(session, view), done=done, again=again)


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
            _once(session, me, key, f"submission:{form_id}", body,
                  lambda: asdict(forms.submit(session, me, form_id, body, if_match)))
            return redirect(f"/web/forms/{form_id}/receipt")
        _once(session, me, key, f"answers:{form_id}", body,
              lambda: {"etag": forms.save_draft(session, me, form_id, body, if_match).etag})
        return redirect(f"/web/forms/{form_id}?saved=1")
    except (InvalidInput, Conflict, forms.PreconditionFailed, forms.PreconditionRequired) as exc:
        settle(request, exc)
        view = forms.view(session, me, form_id)
        if view.form.status == "submitted":
            # Another tab (or person) submitted it first: say so plainly, with what was submitted.
            return redirect(f"/web/forms/{form_id}/receipt?again=1")
        stale = isinstance(exc, forms.PreconditionFailed | forms.PreconditionRequired)
        return _form(request, session, view, typed=typed, problem=None if stale else exc, sent=sent,
                     notice="stale" if stale else None, status=exc.status)


def _once(session: Session, me: Principal, raw_key: str, scope: str, body: forms.AnswersIn,
          write: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The write, recorded under its key as the API records it; a repeat gets the first result."""
    def run() -> idempotency.Outcome:
        return 200, write(), {}

    return dict(idempotency.once(session, me, raw_key, scope, body.model_dump(mode="json"), run)[1])
