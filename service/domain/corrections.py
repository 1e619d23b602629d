"""Corrections a school proposed for values another organisation owns, and the owner's decision.

Rule: the owner (the organisation whose `owns` names the field's authoritative source, within its
jurisdiction) accepts — the store takes the value with its history — or rejects with a reason.
Indicators are counted from teacher records: accepting a correction of one records the decision,
and the owner corrects the underlying records.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from service.domain import audit, disclosure
from service.domain.authz import Principal, region_prefix, require_role
from service.domain.clock import now
from service.domain.dictionary import dictionary
from service.domain.errors import Conflict, InvalidInput, NotFound, Problem
from service.domain.forms import apply_to_store, taken
from service.store import claims
from service.store import corrections as store
from service.store import principals as principals_store
from service.store.tables import Correction

OFFICE_KINDS = ("statistics_office", "education_office")


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str | None = Field(default=None, max_length=2000)


@dataclass(frozen=True)
class CorrectionView:
    """A correction as its reader may see it (values shaped by service/domain/disclosure.py)."""

    id: str
    form_id: str
    school_code: str
    entity: str
    entity_id: str
    key: str
    previous: str | None
    value: str | None
    reason: str
    owner: str
    status: str
    created_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None


def _shaped(c: Correction, lens: disclosure.Lens) -> CorrectionView:
    data = {f.name: getattr(c, f.name) for f in fields(CorrectionView)}
    return CorrectionView(**{**data, "previous": lens.value(c.key, c.previous), "value": lens.value(c.key, c.value)})


def owned_by(session: Session, principal: Principal) -> set[str]:
    """The dictionary owners this principal's organisation answers for."""
    org = principals_store.organisation(session, principal.org_code)
    owns = {o.strip() for o in (org.owns or "").split(",") if o.strip()} if org else set()
    if principal.role in OFFICE_KINDS:
        owns.add(principal.role)
    return owns


def _visible(session: Session, principal: Principal) -> Select[Correction]:
    """Corrections the principal's organisation owns, for schools in its jurisdiction (admin: all)."""
    require_role(principal, "department", "statistics_office", "education_office", "admin")
    if principal.role == "admin":
        return store.readable(None, None)
    return store.readable(owned_by(session, principal),
                          region_prefix(principal.jurisdiction) if principal.jurisdiction else None)


def list_for_owner(session: Session, principal: Principal, status: str | None = "pending") -> list[CorrectionView]:
    readable = _visible(session, principal)
    lens = disclosure.for_owner(principal, owned_by(session, principal))
    return [_shaped(c, lens) for c in store.listed(session, readable, status)]


def decide(session: Session, principal: Principal, correction_id: str, outcome: Literal["accepted", "rejected"],
           body: DecisionIn) -> CorrectionView:
    """Accept (the store changes, with history) or reject (a reason is required) a pending correction."""
    c = store.one(session, _visible(session, principal), correction_id)
    if c is None:
        raise NotFound(f"no correction {correction_id} for you", [Problem(["path", "id"], "unknown correction", correction_id)])
    if c.status != "pending":
        raise Conflict(f"correction {c.id} is already {c.status}", [Problem(["correction", "status"], c.status)])
    if outcome == "rejected" and not (body.reason and body.reason.strip()):
        raise InvalidInput("a rejection needs a reason", [Problem(["body", "reason"], "required", code="decision_reason")])
    if outcome == "accepted":
        problems = taken(session, [(c.entity_id, c.key, c.value)], dictionary())
        if problems:
            raise InvalidInput("the corrected value belongs to another record", problems)
    at = now()
    before = c.model_dump(mode="json")
    # The decision is claimed before the store changes: of two owners deciding at once, one decides.
    if not claims.claim_decision(session, c.id, outcome, principal.id, at, body.reason):
        session.refresh(c)
        raise Conflict(f"correction {c.id} is already {c.status}", [Problem(["correction", "status"], c.status)])
    for name, value in (("status", outcome), ("decided_by", principal.id), ("decided_at", at),
                        ("decision_reason", body.reason)):
        set_committed_value(c, name, value)
    f = dictionary().fields[c.key]
    if outcome == "accepted" and not f.is_indicator:
        form = store.form(session, c.form_id)
        apply_to_store(session, c.entity, {c.entity_id: {f.column: c.value}}, by=principal.id, source="correction",
                       ref=c.id, reason=f"{c.reason} (proposed by school {c.school_code})", at=at,
                       effective_from=form.reference_date if form else None)
    audit.record(session, principal.id, audit.Change(f"correction.{outcome}", "correction", c.id, before,
                                                     c.model_dump(mode="json"), body.reason or ""), at=at)
    session.flush()
    return _shaped(c, disclosure.for_owner(principal, owned_by(session, principal)))
