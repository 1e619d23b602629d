"""Response models shared by the routers (the API's published shapes)."""

from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from service.domain.dates import Stamp

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class Version(BaseModel):
    valid_from: Stamp
    valid_to: Stamp | None
    source: str
    changed_by: str
    ref: str | None
    reason: str | None


class SchoolOut(BaseModel):
    code: str
    name: str
    region_code: str
    school_type: str
    urban_rural: str
    ownership: str
    address: str | None
    enrolment: int | None
    version: Version


class TeacherOut(BaseModel):
    id: str
    id_number: str | None
    name: str
    gender: str
    birth_date: date
    ethnicity: str
    education: str
    title: str
    subject: str | None
    post_type: str
    establishment: str
    school_code: str
    teaching_start: date | None
    status: str
    version: Version


class Change(BaseModel):
    at: Stamp
    by: str
    source: str
    ref: str | None
    reason: str | None
    field: str
    previous: Any
    value: Any


class RegionOut(BaseModel):
    code: str
    name: str
    parent_code: str | None
    level: str


class Me(BaseModel):
    id: str
    name: str
    role: str
    org_code: str
    org_name: str
    jurisdiction: str | None
