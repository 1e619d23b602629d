"""Burden figures for the dashboard and for reports."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from service.api.deps import PrincipalDep, SessionDep
from service.domain import burden as rules
from service.domain.dates import Day

router = APIRouter(prefix="/v1", tags=["burden"])


class BurdenOut(BaseModel):
    group: str
    forms_received: int
    fields_asked: int
    fields_prefilled: int
    fields_to_fill: int
    corrections: int
    requests_stopped: dict[str, int]
    minutes_asked: float
    minutes_saved: float
    fields_asked_year_before: int
    reduction: float | None


class BurdenReport(BaseModel):
    by: str
    start: date
    end: date
    minutes_per_field: float
    minutes_per_confirmation: float
    groups: list[BurdenOut]


@router.get("/burden", response_model=BurdenReport)
def burden(
    session: SessionDep, principal: PrincipalDep,
    by: Annotated[rules.By, Query()] = "department",
    start: Annotated[Day | None, Query(alias="from", description="first day (YYYY-MM-DD); 1 January by default")] = None,
    end: Annotated[Day | None, Query(alias="to", description="last day (YYYY-MM-DD); today by default")] = None,
) -> BurdenReport:
    """Forms, fields asked and pre-filled, corrections, requests stopped by reason, minutes asked and
    saved, and the reduction against the same period a year earlier (this year by default)."""
    report = rules.burden(session, principal, by, start, end)
    return BurdenReport(by=report.by, start=report.start, end=report.end, minutes_per_field=rules.MINUTES_PER_FIELD,
                        minutes_per_confirmation=rules.MINUTES_PER_CONFIRMATION,
                        groups=[BurdenOut.model_validate(g.__dict__) for g in report.groups])
