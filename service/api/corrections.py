"""Corrections proposed by schools, for the organisations that own the values."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from service.api.deps import PrincipalDep, SessionDep
from service.domain import corrections
from service.domain.dates import Stamp

router = APIRouter(prefix="/v1/corrections", tags=["corrections"])


class CorrectionOut(BaseModel):
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
    created_at: Stamp
    decided_by: str | None
    decided_at: Stamp | None
    decision_reason: str | None


@router.get("", response_model=list[CorrectionOut])
def list_corrections(session: SessionDep, principal: PrincipalDep,
                     status: Annotated[str | None, Query(pattern="^(pending|accepted|rejected)$")] = "pending",
                     ) -> list[CorrectionOut]:
    return [CorrectionOut.model_validate(c, from_attributes=True)
            for c in corrections.list_for_owner(session, principal, status)]


@router.post("/{correction_id}/acceptance", response_model=CorrectionOut)
def accept(session: SessionDep, principal: PrincipalDep, correction_id: str,
           body: corrections.DecisionIn) -> CorrectionOut:
    return CorrectionOut.model_validate(corrections.decide(session, principal, correction_id, "accepted", body),
                                        from_attributes=True)


@router.post("/{correction_id}/rejection", response_model=CorrectionOut)
def reject(session: SessionDep, principal: PrincipalDep, correction_id: str,
           body: corrections.DecisionIn) -> CorrectionOut:
    return CorrectionOut.model_validate(corrections.decide(session, principal, correction_id, "rejected", body),
                                        from_attributes=True)
