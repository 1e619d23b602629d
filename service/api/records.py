"""Regions, schools, teachers and their history."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from service.api.deps import PrincipalDep, SessionDep
from service.api.models import Change, Page, RegionOut, SchoolOut, TeacherOut
from service.domain import access, records
from service.domain.dates import Moment, Stamp

router = APIRouter(prefix="/v1", tags=["records"])

Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=2_147_483_647, description="rows to skip")]
AsOf = Annotated[Moment | None, Query(description="read the records as they stood at this moment (RFC 3339; UTC without an offset)")]


@router.get("/regions", response_model=list[RegionOut])
def list_regions(session: SessionDep, principal: PrincipalDep) -> list[RegionOut]:
    return [RegionOut.model_validate(r, from_attributes=True) for r in records.list_regions(session, principal)]


@router.get("/schools", response_model=Page[SchoolOut])
def list_schools(
    session: SessionDep, principal: PrincipalDep,
    region: Annotated[str | None, Query(pattern=r"^\d{1,6}$", description="region code prefix, e.g. 4301")] = None,
    school_type: Annotated[str | None, Query(description="school type code, e.g. 211")] = None,
    urban_rural: Annotated[str | None, Query(pattern=r"^\d{1,3}$", description="urban/rural code or prefix: 1 urban, 2 rural, 11 city, 12 town")] = None,
    limit: Limit = 100, offset: Offset = 0, as_of: AsOf = None,
) -> Page[SchoolOut]:
    items, total = records.list_schools(
        session, principal, region=region, school_type=school_type, urban_rural=urban_rural,
        limit=limit, offset=offset, as_of=as_of,
    )
    return Page(items=[SchoolOut.model_validate(i) for i in items], total=total, limit=limit, offset=offset)


@router.get("/schools/{code}", response_model=SchoolOut)
def get_school(session: SessionDep, principal: PrincipalDep, code: str, as_of: AsOf = None) -> SchoolOut:
    return SchoolOut.model_validate(records.school_view(records.get_school(session, principal, code, as_of)))


@router.get("/schools/{code}/teachers", response_model=Page[TeacherOut])
def school_teachers(
    session: SessionDep, principal: PrincipalDep, code: str, limit: Limit = 100, offset: Offset = 0, as_of: AsOf = None,
) -> Page[TeacherOut]:
    items, total = records.school_teachers(session, principal, code, limit=limit, offset=offset, as_of=as_of)
    return Page(items=[TeacherOut.model_validate(i) for i in items], total=total, limit=limit, offset=offset)


@router.get("/schools/{code}/history", response_model=list[Change])
def school_history(session: SessionDep, principal: PrincipalDep, code: str) -> list[Change]:
    return [Change.model_validate(c) for c in records.school_history(session, principal, code)]


class AccessEntry(BaseModel):
    read_at: Stamp
    principal_id: str
    org_code: str
    role: str
    entity: str
    records: int
    record_ids: str
    request_id: str | None
    approval_number: str | None
    action: str


@router.get("/schools/{code}/access-log", response_model=Page[AccessEntry])
def access_log(session: SessionDep, principal: PrincipalDep, code: str, limit: Limit = 100,
               offset: Offset = 0) -> Page[AccessEntry]:
    """Who read this school's personal data, under which request and approval."""
    rows, total = access.school_log(session, principal, code, limit, offset)
    return Page(items=[AccessEntry.model_validate(r, from_attributes=True) for r in rows], total=total,
                limit=limit, offset=offset)


@router.get("/teachers/{teacher_id}", response_model=TeacherOut)
def get_teacher(session: SessionDep, principal: PrincipalDep, teacher_id: str, as_of: AsOf = None) -> TeacherOut:
    return TeacherOut.model_validate(records.get_teacher(session, principal, teacher_id, as_of))


@router.get("/teachers/{teacher_id}/history", response_model=list[Change])
def teacher_history(session: SessionDep, principal: PrincipalDep, teacher_id: str) -> list[Change]:
    return [Change.model_validate(c) for c in records.teacher_history(session, principal, teacher_id)]
