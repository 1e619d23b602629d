"""The approval gate: who approves what, what an approval binds, and when a request may be issued.

- The statistics office approves (or files) statistical requests; the education office research
  requests and other departments' administrative ones. Nobody approves their own organisation's.
- An approval binds one version of a request (its content hash), a scope that must contain the
  request's, a field set and a validity period; the office approves only inside its jurisdiction.
- A request is issued only while an approval is valid (not revoked, not expired, same content
  hash, fields inside the approved set); schools outside the approved scope get nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy.orm import Session

from service.domain import audit
from service.domain import status as machine
from service.domain.authz import Principal, require_role
from service.domain.clock import new_id, now
from service.domain.dates import Day
from service.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Problem
from service.domain.requests import approver_role, department_within, fields_of, get_readable
from service.domain.scope import Scope, require_within_jurisdiction
from service.store import approvals as repo
from service.store import requests as requests_repo
from service.store.scope import outside
from service.store.tables import Approval, Request


class ApprovalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    mode: Literal["approval", "filing"] = "approval"
    number: str = Field(min_length=3, max_length=100, description="e.g. 湘统函〔2026〕12号")
    authority: str = Field(min_length=2, max_length=200, description="the approving authority's name")
    form_number: str | None = Field(default=None, max_length=100, description="表号, e.g. 湘教统1表")
    scope: Scope
    fields: list[str] | None = Field(default=None, description="the approved field set (keys); all of the request's if omitted")
    covers_sensitive: bool = Field(default=False, description="the department may read sensitive-personal values")
    valid_from: Day
    valid_until: Day

    @model_validator(mode="after")
    def _validity(self) -> ApprovalIn:
        if self.valid_until < self.valid_from:
            raise PydanticCustomError("valid_until_before_valid_from", "valid_until is before valid_from")
        return self


class RejectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=3, max_length=2000)


class NotIssuable(Conflict):
    """Why a request may not reach schools; `reason` is also the stop reason in the burden figures."""

    title = "Not issuable"
    reason = "unapproved"


class Unapproved(NotIssuable):
    title = "Not approved"


class AlteredSinceApproval(NotIssuable):
    title = "Changed after approval"
    reason = "altered"


class ApprovalExpired(NotIssuable):
    title = "Approval expired"
    reason = "expired"


class OutOfScope(NotIssuable):
    title = "Out of the approved scope"
    reason = "out_of_scope"


def _for_approver(session: Session, principal: Principal, request_id: str) -> Request:
    """The request, if `principal` is the office to decide it: of the request's kind, not its own
    department's, and at or above the department's level (its jurisdiction contains the department's)."""
    r = get_readable(session, principal, request_id)  # a request the caller may not know of is not found
    require_role(principal, approver_role(r.kind))
    if principal.org_code == r.department:
        raise Forbidden(f"{principal.org_code} cannot approve its own request",
                        [Problem(["path", "id"], "own department's request", r.id)])
    if not department_within(session, principal, r):
        raise Forbidden(f"{r.department} lies outside the jurisdiction of {principal.org_code}",
                        [Problem(["path", "id"], "an office decides requests at or below its own level", r.id)])
    return r


def approve(session: Session, principal: Principal, request_id: str, body: ApprovalIn) -> Approval:
    """Approve (or file) the current version of a pending request."""
    r = _for_approver(session, principal, request_id)
    if r.status != "pending_approval":
        raise machine.IllegalTransition(f"request {r.id} is {r.status}, not pending approval",
                                        [Problem(["request", "status"], "not pending approval", r.status)])
    problems = approval_problems(session, principal, r, body)
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the approval", problems)
    asked = sorted({f.key for f in fields_of(session, r.id) if f.key})
    keys = sorted(body.fields) if body.fields is not None else asked
    a = Approval(
        id=new_id(), request_id=r.id, mode=body.mode, number=body.number.strip(), authority=body.authority.strip(),
        office=principal.org_code, form_number=body.form_number, scope=body.scope.to_json(),
        covers_sensitive=body.covers_sensitive,
        field_keys=json.dumps(keys), content_hash=r.content_hash, valid_from=body.valid_from,
        valid_until=body.valid_until, approved_by=principal.id, approved_at=now(),
    )
    session.add(a)
    audit.record(session, principal.id, audit.Change("approval.granted", "approval", a.id, None, _state(a),
                                                     f"{a.mode} {a.number} of request {r.id}"))
    machine.transition(session, r, "approved", principal.id, f"{body.mode} {a.number} by {a.authority}")
    return a


def approval_problems(session: Session, principal: Principal, r: Request, body: ApprovalIn) -> list[Problem]:
    """Every problem with approving `r` as `body` says, all at once. A page may pass a body built
    from the fields that parsed (model_construct): the fields it lacks are not checked here."""
    problems: list[Problem] = []
    until: date | None = getattr(body, "valid_until", None)
    if until is not None and until < now().date():
        problems.append(Problem(["body", "valid_until"], "the approval would already be expired", str(until),
                                code="already_expired"))
    if until is not None and until < r.due_date:
        problems.append(Problem(["body", "valid_until"], f"ends before the request's due date {r.due_date}", str(until),
                                code="ends_before_due", params={"due": r.due_date.isoformat()}))
    form_number = getattr(body, "form_number", None)
    if r.kind == "statistical" and not (form_number and form_number.strip()):
        problems.append(Problem(["body", "form_number"], "a statistical survey form must show its form number (表号)",
                                code="form_number_required"))
    asked = sorted({f.key for f in fields_of(session, r.id) if f.key})
    unknown = sorted(set(getattr(body, "fields", None) or []) - set(asked))
    problems += [Problem(["body", "fields"], f"{k} is not asked by the request", k, code="field_not_asked") for k in unknown]
    number, authority = getattr(body, "number", None), getattr(body, "authority", None)
    if number and authority:
        taken = repo.holder_of_number(session, number.strip(), authority.strip(), r.id)
        if taken:
            problems.append(Problem(["body", "number"], f"{number} of {authority} already approves request {taken}",
                                    number, code="number_taken"))
    scope: Scope | None = getattr(body, "scope", None)
    if scope is not None:
        try:
            require_within_jurisdiction(session, scope, principal.jurisdiction, ["body", "scope"])
        except InvalidInput as exc:
            problems += exc.errors
        else:
            problems += [Problem(["body", "scope"], f"school {code} is in the request but not in the approved scope",
                                 code, code="school_outside_approval") for code in outside(session, Scope.from_json(r.scope), scope)]
    return problems


def reject(session: Session, principal: Principal, request_id: str, body: RejectionIn) -> Request:
    r = _for_approver(session, principal, request_id)
    machine.transition(session, r, "rejected", principal.id, body.reason)
    return r


def revoke(session: Session, principal: Principal, approval_id: str, body: RejectionIn) -> Approval:
    """Revoke an approval (by its office). An approved request not yet issued waits again; an issued
    one is closed and withdrawn from every form not yet submitted: no school answers it any more."""
    a = repo.get(session, approval_id)
    if a is None or principal.org_code != a.office:
        # Only the office that approved may revoke; to others its approval ids are unknown.
        raise NotFound(f"no approval {approval_id} of yours", [Problem(["path", "id"], "unknown approval", approval_id)])
    if a.revoked_at is not None:
        raise Conflict(f"approval {a.number} is already revoked", [Problem(["approval", "revoked_at"], "already revoked")])
    before = _state(a)
    a.revoked_at, a.revoked_by, a.revoke_reason = now(), principal.id, body.reason
    audit.record(session, principal.id, audit.Change("approval.revoked", "approval", a.id, before, _state(a), body.reason))
    r = requests_repo.get(session, a.request_id)
    if r is not None and r.status == "approved":
        machine.transition(session, r, "pending_approval", principal.id, f"approval {a.number} revoked: {body.reason}")
    elif r is not None and r.status == "issued":
        withdrawn = repo.withdraw_from_open_forms(session, r.id)
        machine.transition(session, r, "closed", principal.id,
                           f"approval {a.number} revoked: {body.reason}; withdrawn from {withdrawn} open form(s)")
    session.flush()
    return a


def _state(a: Approval) -> dict[str, object]:
    return a.model_dump(mode="json")


def current_approval(session: Session, r: Request) -> Approval | None:
    """The latest unrevoked approval of `r`, whatever version it binds."""
    return repo.current(session, r.id)


@dataclass(frozen=True)
class Gate:
    approval: Approval | None
    refused_schools: list[str]  # in the request's scope but outside the approved scope


def check_issuable(session: Session, r: Request, on: date) -> Gate:
    """Whether `r` may be issued on `on`; raises the reason it may not."""
    if r.status not in ("approved", "ready"):
        raise Unapproved(f"request {r.id} is {r.status}; only approved or ready requests are issued",
                         [Problem(["request", "status"], "not approved", r.status)])
    if r.status == "ready":
        return Gate(None, [])
    a = current_approval(session, r)
    if a is None:
        raise Unapproved(f"request {r.id} has no valid approval", [Problem(["approval"], "none, or revoked")])
    if a.content_hash != r.content_hash:
        raise AlteredSinceApproval(f"request {r.id} changed after approval {a.number}",
                         [Problem(["approval", "content_hash"], "the approved version differs from the request")])
    if not a.valid_from <= on <= a.valid_until:
        raise ApprovalExpired(f"approval {a.number} is valid {a.valid_from} to {a.valid_until}, not on {on}",
                              [Problem(["approval", "valid_until"], "outside the validity period", str(a.valid_until))])
    asked = {f.key for f in fields_of(session, r.id) if f.key}
    beyond = sorted(asked - set(json.loads(a.field_keys)))
    if beyond:
        raise OutOfScope(f"fields beyond approval {a.number}: {', '.join(beyond)}",
                         [Problem(["fields"], f"{k} is not in the approved field set", k) for k in beyond])
    return Gate(a, outside(session, Scope.from_json(r.scope), Scope.from_json(a.scope), limit=None))


def state(a: Approval, on: date) -> str:
    """What an approval is worth on a day: valid, not yet valid, expired or revoked."""
    if a.revoked_at is not None:
        return "revoked"
    if a.valid_until < on:
        return "expired"
    return "not yet valid" if a.valid_from > on else "valid"


def register(session: Session) -> list[tuple[Approval, Request]]:
    """The public register of approvals and filings, newest first."""
    return repo.register(session)
