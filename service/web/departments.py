"""A department's pages: its requests with status, history and field analysis; writing a new
request or changing one (wording, types, headers, scope picked by region, school type and
urban/rural class) with its analysis shown before it is submitted; issuing; answers and results.
Every rule is the domain's: these pages read the form, call service/domain/requests.py,
issuance.py and results.py, and show what they say."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import ValidationError
from starlette.datastructures import FormData

from service.domain import approvals, issuance, requests, results, templates
from service.domain import status as machine
from service.domain.authz import Principal, region_prefix, require_role
from service.domain.dictionary import dictionary
from service.domain.errors import DomainError, Problem
from service.domain.scope import Scope
from service.store import names as store_names
from service.web.page import CSRF, PageRoute, PageSession, Viewer, invalid, redirect, render, settle
from service.web.school import Posted

router = APIRouter(route_class=PageRoute, include_in_schema=False)
ISSUABLE = ("approved", "ready")
WITH_RESULTS = ("issued", "closed")
CHANGEABLE = ("pending_approval", "approved", "ready", "rejected")
TYPES = ("integer", "decimal", "text", "date", "boolean")
HEADER_SPLIT = re.compile(r"\s*[›>/|]\s*")
BLANK_ROWS = 3


@router.get("/web/requests", response_class=HTMLResponse)
def request_list(request: Request, session: PageSession, me: Viewer, ok: str | None = None,
                 forms: int | None = None) -> HTMLResponse:
    return _requests(request, session, me, notice=ok, forms=forms)


def _requests(request: Request, session: PageSession, me: Principal, *, notice: str | None = None,
              forms: int | None = None, failed: str | None = None, problem: DomainError | None = None,
              status: int = 200) -> HTMLResponse:
    rows = [(r, Scope.from_json(r.scope), requests.fields_of(session, r.id), machine.history(session, r.id),
             approvals.current_approval(session, r)) for r in requests.list_own(session, me)]
    return render(request, "requests.html", status, rows=rows, notice=notice, forms=forms, failed=failed,
                  problem=problem, issuable=ISSUABLE, with_results=WITH_RESULTS, changeable=CHANGEABLE,
                  can_write=me.role in ("department", "education_office"),
                  templated=templates.read_from_forms(session, [r.id for r, *_ in rows]))


@router.post("/web/requests/{request_id}/issue", dependencies=[CSRF])
def issue(request: Request, session: PageSession, me: Viewer, request_id: str) -> Response:
    try:
        done = issuance.issue(session, me, request_id)
    except DomainError as exc:
        settle(request, exc)  # a refusal to issue is itself recorded (the burden counts it): kept
        return _requests(request, session, me, failed=request_id, problem=exc, status=exc.status)
    return redirect(f"/web/requests?ok=issued&forms={done.forms}#r-{request_id}")


@router.get("/web/requests/{request_id}/results.{fmt}")
def results_file(session: PageSession, me: Viewer, request_id: str, fmt: str) -> Response:
    """The same rows as GET /v1/requests/{id}/results?format=csv|xlsx, for a browser holding a cookie."""
    if fmt not in ("csv", "xlsx"):
        raise DomainError(f"no results as .{fmt}", [Problem(["path", "format"], "csv or xlsx", fmt)])
    res = results.results(session, me, request_id)
    content, media_type = results.export(res, fmt)
    return Response(content, media_type=media_type, headers={
        "Content-Disposition": f'attachment; filename="results-{request_id}.{fmt}"', "Cache-Control": "no-store"})


@router.get("/web/requests/{request_id}/answers", response_class=HTMLResponse)
def answers_page(request: Request, session: PageSession, me: Viewer, request_id: str) -> HTMLResponse:
    """An answered request's values, from the store, as a table with the fields' names."""
    r = requests.get_owned(session, me, request_id)
    rows = requests.answers(session, me, request_id)
    fields = [f for f in requests.fields_of(session, r.id) if f.key]
    return render(request, "answers.html", r=r, rows=rows, fields=fields, labels=_labels(fields, request))


def _labels(fields: list[Any], request: Request) -> dict[str, str]:
    """A field's name in the page's language: the dictionary's label, or the department's wording."""
    from service.web.page import language

    d = dictionary()
    en = language(request) == "en"
    out = {}
    for f in fields:
        known = d.fields.get(f.key or "")
        out[f.key] = (known.labels.en if en else known.labels.zh) if known else (f.label or f.key)
    return out


# --- writing and changing a request -----------------------------------------------------------


@dataclass
class Row:
    """One field as typed on the page."""

    wording: str = ""
    type: str = ""
    headers: str = ""


@dataclass
class Draft:
    """The request form as typed, to show again with its analysis or its problems."""

    title: str = ""
    purpose: str = ""
    kind: str = "statistical"
    level: str = "school"
    reference_date: str = ""
    due_date: str = ""
    frequency: str = "once"
    regions: list[str] = field(default_factory=list)
    school_types: list[str] = field(default_factory=list)
    urban_rural: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @classmethod
    def from_form(cls, posted: FormData) -> Draft:
        def text(name: str) -> str:
            v = posted.get(name)
            return v.strip() if isinstance(v, str) else ""

        rows = []
        n = 0
        while f"f{n}.wording" in posted:
            rows.append(Row(text(f"f{n}.wording"), text(f"f{n}.type"), text(f"f{n}.headers")))
            n += 1
        return cls(title=text("title"), purpose=text("purpose"), kind=text("kind"), level=text("level"),
                   reference_date=text("reference_date"), due_date=text("due_date"), frequency=text("frequency"),
                   regions=[str(v) for v in posted.getlist("regions")],
                   school_types=[str(v) for v in posted.getlist("school_types")],
                   urban_rural=[str(v) for v in posted.getlist("urban_rural")], rows=rows)

    @classmethod
    def from_request(cls, session: PageSession, r: Any) -> Draft:
        scope = Scope.from_json(r.scope)
        rows = [Row(f.given_key or f.label or "", f.given_type or "", " › ".join(json.loads(f.headers or "[]")))
                for f in requests.fields_of(session, r.id)]
        return cls(title=r.title, purpose=r.purpose, kind=r.kind, level=r.level,
                   reference_date=r.reference_date.isoformat(), due_date=r.due_date.isoformat(),
                   frequency=r.frequency, regions=[region_code(p) for p in scope.regions],
                   school_types=scope.school_types, urban_rural=scope.urban_rural, rows=rows)

    def body(self) -> dict[str, Any]:
        """The request as the API takes it: a wording that is a dictionary key is sent as the key."""
        d = dictionary()
        fields = []
        for row in self.rows:
            if not row.wording:
                continue
            f: dict[str, Any] = {"headers": [h for h in HEADER_SPLIT.split(row.headers) if h]}
            if row.wording in d.fields and not row.type:
                f["key"] = row.wording
            else:
                f["label"] = row.wording
                f["type"] = row.type or None
            fields.append(f)
        return {"title": self.title, "purpose": self.purpose, "kind": self.kind, "level": self.level,
                "reference_date": self.reference_date or None, "due_date": self.due_date or None,
                "frequency": self.frequency, "fields": fields,
                "scope": {"regions": self.regions, "school_types": self.school_types, "urban_rural": self.urban_rural}}

    def positions(self) -> list[int]:
        """Row number on the page of each field sent (blank rows are not sent)."""
        return [i for i, row in enumerate(self.rows) if row.wording]


def region_code(prefix: str) -> str:
    return prefix.ljust(6, "0") if len(prefix) < 6 else prefix


def _pickers(session: PageSession, me: Principal) -> dict[str, Any]:
    """What the scope pickers offer: the regions of the department's jurisdiction (its cities and
    counties, by name), school types and urban/rural classes from the dictionary."""
    prefix = region_prefix(me.jurisdiction) if me.jurisdiction else ""
    regions = sorted((code, name, parent) for code, (name, parent) in store_names.regions(session).items()
                     if code.startswith(prefix))
    d = dictionary()
    return {"regions": regions, "school_types": d.code_lists["school_type"].codes,
            "urban_rural": d.code_lists["urban_rural"].codes, "types": TYPES}


def _placed(problem: DomainError | None, draft: Draft) -> dict[str, list[Problem]]:
    """Each problem beside its input: title, dates, scope, or the page row of a field."""
    out: dict[str, list[Problem]] = {}
    if problem is None:
        return out
    positions = draft.positions()
    for p in problem.errors:
        loc = p.loc[1:] if p.loc[:1] == ["body"] else p.loc
        name = str(loc[0]) if loc else ""
        if name == "fields" and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(positions):
            name = f"f{positions[loc[1]]}"
        elif name in ("reference_date", "period_start", "period_end") or (not loc and "reference" in p.msg):
            name = "reference_date"
        out.setdefault(name if name in _INPUTS or name.startswith("f") else "", []).append(p)
    return out


_INPUTS = {"title", "purpose", "kind", "level", "reference_date", "due_date", "frequency", "scope", "fields"}


def _editor(request: Request, session: PageSession, me: Principal, draft: Draft, *, editing: str | None = None,
            analysis: requests.Analysis | None = None, problem: DomainError | None = None,
            extra_rows: int = 0, status: int = 200) -> HTMLResponse:
    while len(draft.rows) < len([r for r in draft.rows if r.wording]) + BLANK_ROWS + extra_rows:
        draft.rows.append(Row())
    return render(request, "request_form.html", status, draft=draft, editing=editing, analysis=analysis,
                  problem=problem, errors=_placed(problem, draft), **_pickers(session, me))


@router.get("/web/requests/new", response_class=HTMLResponse)
def new_request(request: Request, session: PageSession, me: Viewer) -> HTMLResponse:
    require_role(me, "department", "education_office")
    return _editor(request, session, me, Draft(rows=[Row() for _ in range(5)]))


@router.get("/web/requests/{request_id}/edit", response_class=HTMLResponse)
def edit_request(request: Request, session: PageSession, me: Viewer, request_id: str) -> HTMLResponse:
    r = requests.get_owned(session, me, request_id)
    return _editor(request, session, me, Draft.from_request(session, r), editing=r.id)


@router.post("/web/requests/new", dependencies=[CSRF])
def post_new(request: Request, session: PageSession, me: Viewer, posted: Posted) -> Response:
    return _write(request, session, me, posted, None)


@router.post("/web/requests/{request_id}/edit", dependencies=[CSRF])
def post_edit(request: Request, session: PageSession, me: Viewer, request_id: str, posted: Posted) -> Response:
    requests.get_owned(session, me, request_id)
    return _write(request, session, me, posted, request_id)


def _write(request: Request, session: PageSession, me: Principal, posted: FormData, editing: str | None) -> Response:
    """'More rows', 'Analyse' (saves nothing) or 'Submit' (saves, or refuses with the reason)."""
    draft = Draft.from_form(posted)
    op = posted.get("op")
    if op == "more":
        return _editor(request, session, me, draft, editing=editing, extra_rows=5)
    try:
        try:
            body = requests.RequestIn.model_validate(draft.body())
        except ValidationError as exc:
            raise invalid(exc) from exc
        if op == "analyse":
            return _editor(request, session, me, draft, editing=editing,
                           analysis=requests.analyse(session, me, body, exclude=editing))
        if editing:
            r, _a = requests.update(session, me, editing, body)
        else:
            r, _a = requests.submit(session, me, body)
    except DomainError as exc:
        settle(request, exc)  # a duplicate is kept on file by its own unit of work
        return _editor(request, session, me, draft, editing=editing, problem=exc, status=exc.status)
    return redirect(f"/web/requests?ok={'changed' if editing else 'submitted'}#r-{r.id}")
