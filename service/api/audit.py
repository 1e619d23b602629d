"""The audit log, for admins: every change to the store and every decision, newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from service.api.deps import PrincipalDep, SessionDep
from service.api.models import Page
from service.api.records import Limit, Offset
from service.domain import audit
from service.domain.dates import Moment, Stamp

router = APIRouter(prefix="/v1", tags=["audit"])


class AuditOut(BaseModel):
    id: str
    recorded_at: Stamp
    actor: str
    action: str
    entity: str
    entity_id: str
    before_digest: str | None
    after_digest: str | None
    detail: str


@router.get("/audit", response_model=Page[AuditOut])
def audit_log(
    session: SessionDep, principal: PrincipalDep,
    action: Annotated[str | None, Query(max_length=100, description="an action or its prefix, e.g. approval.")] = None,
    entity_id: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[Moment | None, Query(description="entries at or after this moment")] = None,
    limit: Limit = 100, offset: Offset = 0,
) -> Page[AuditOut]:
    """Who changed what and when, with digests of the state before and after (admin only)."""
    rows, total = audit.entries(session, principal, action=action, entity_id=entity_id, since=since, limit=limit,
                                offset=offset)
    return Page(items=[AuditOut.model_validate(r, from_attributes=True) for r in rows], total=total, limit=limit,
                offset=offset)
