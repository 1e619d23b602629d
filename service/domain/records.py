"""Reading schools, teachers and their history, with authorisation and masking applied."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from service.domain import disclosure
from service.domain.access import log_reads
from service.domain.authz import Principal, may_see_school, school_filter_for
from service.domain.dictionary import as_entity, dictionary
from service.domain.errors import NotFound, Problem
from service.store import records as store
from service.store.tables import Region, School, Teacher

PROVENANCE = ("valid_from", "valid_to", "source", "changed_by", "ref", "reason")


def _values(row: School | Teacher, entity: str) -> dict[str, Any]:
    return {f.column: getattr(row, f.column) for f in dictionary().entity_fields(as_entity(entity))}


def school_view(row: School) -> dict[str, Any]:
    return {**_values(row, "school"), "version": {k: getattr(row, k) for k in PROVENANCE}}


def teacher_view(row: Teacher, principal: Principal) -> dict[str, Any]:
    values = disclosure.for_principal(principal).record("teacher", _values(row, "teacher"))
    return {**values, "version": {k: getattr(row, k) for k in PROVENANCE}}


def list_schools(
    session: Session, principal: Principal, *, region: str | None, school_type: str | None,
    urban_rural: str | None, limit: int, offset: int, as_of: datetime | None,
) -> tuple[list[dict[str, Any]], int]:
    """Schools the principal may see, filtered by region prefix, type and urban/rural class."""
    code, prefix = school_filter_for(principal)
    if prefix and region and not (region.startswith(prefix) or prefix.startswith(region)):
        return [], 0
    effective = max(prefix or "", region or "", key=len) or None
    rows, total = store.list_schools(
        session, code=code, region_prefix=effective, school_type=school_type,
        urban_rural=urban_rural, limit=limit, offset=offset, as_of=as_of,
    )
    return [school_view(r) for r in rows], total


def get_school(session: Session, principal: Principal, code: str, as_of: datetime | None = None) -> School:
    row = store.get_school(session, code, as_of)
    if row is None or not may_see_school(principal, row.code, row.region_code):
        raise NotFound(f"no school {code}" + (f" as of {as_of:%Y-%m-%d %H:%M}" if as_of else ""),
                       [Problem(["path", "code"], "unknown school", code)])
    return row


def school_teachers(
    session: Session, principal: Principal, code: str, *, limit: int, offset: int, as_of: datetime | None,
) -> tuple[list[dict[str, Any]], int]:
    get_school(session, principal, code, as_of)
    rows, total = store.school_teachers(session, code, limit=limit, offset=offset, as_of=as_of)
    log_reads(session, principal, [(code, r.id) for r in rows], entity="teacher", action="teachers of school")
    return [teacher_view(r, principal) for r in rows], total


def get_teacher(session: Session, principal: Principal, teacher_id: str, as_of: datetime | None) -> dict[str, Any]:
    row = store.get_teacher(session, teacher_id, as_of)
    school = store.get_school(session, row.school_code, as_of) if row is not None else None
    if row is None or not may_see_school(principal, row.school_code, school.region_code if school else ""):
        raise NotFound(f"no teacher {teacher_id}", [Problem(["path", "id"], "unknown teacher", teacher_id)])
    log_reads(session, principal, [(row.school_code, row.id)], entity="teacher", action="teacher record")
    return teacher_view(row, principal)


def _changes(versions: list[Any], entity: str, principal: Principal) -> list[dict[str, Any]]:
    """Field-by-field changes between consecutive versions: who, when, source, old and new value."""
    lens = disclosure.for_principal(principal)
    out: list[dict[str, Any]] = []
    previous: dict[str, Any] = {}
    for v in versions:
        values = _values(v, entity)
        for column, new in values.items():
            old = previous.get(column)
            key = f"{entity}.{column}"
            if previous and old == new:
                continue
            if not previous and new is None:
                continue
            out.append({
                "at": v.valid_from, "by": v.changed_by, "source": v.source, "ref": v.ref, "reason": v.reason,
                "field": key, "previous": lens.value(key, old), "value": lens.value(key, new),
            })
        previous = values
    return out


def school_history(session: Session, principal: Principal, code: str) -> list[dict[str, Any]]:
    row = get_school(session, principal, code)
    return _changes(list(store.versions(session, School, row.code)), "school", principal)


def teacher_history(session: Session, principal: Principal, teacher_id: str) -> list[dict[str, Any]]:
    get_teacher(session, principal, teacher_id, None)
    return _changes(list(store.versions(session, Teacher, teacher_id)), "teacher", principal)


def list_regions(session: Session, principal: Principal) -> list[Region]:
    _code, prefix = school_filter_for(principal)
    return list(store.list_regions(session, None if principal.role == "school" else prefix))
