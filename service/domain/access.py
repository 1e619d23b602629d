"""The access ledger: every read of personal data by a department or office is written down
(who, which records, under which request and approval), and a school can see who read its records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy.orm import Session

from service.domain.authz import Principal, may_see_school
from service.domain.clock import new_id, now
from service.domain.errors import NotFound, Problem
from service.store import access as ledger
from service.store.records import get_school
from service.store.tables import AccessLog

LOGGED_ROLES = ("department", "statistics_office", "education_office")


def log_reads(
    session: Session, principal: Principal, reads: Iterable[tuple[str, str]], *, entity: str, action: str,
    request_id: str | None = None, approval_number: str | None = None,
) -> None:
    """Record (school code, record id) reads of personal data, one ledger line per school."""
    if principal.role not in LOGGED_ROLES:
        return
    by_school: dict[str, list[str]] = defaultdict(list)
    for school, record in reads:
        by_school[school].append(record)
    if not by_school:
        return
    at = now()
    ledger.add(session, [
        {"id": new_id(), "read_at": at, "principal_id": principal.id, "org_code": principal.org_code,
         "role": principal.role, "school_code": school, "entity": entity, "records": len(ids),
         "record_ids": ",".join(sorted(ids)), "request_id": request_id, "approval_number": approval_number,
         "action": action}
        for school, ids in by_school.items()
    ])


def school_log(session: Session, principal: Principal, code: str, limit: int, offset: int) -> tuple[list[AccessLog], int]:
    """Who read a school's personal data, newest first: for the school itself and those above it."""
    school = get_school(session, code)
    if school is None or not may_see_school(principal, school.code, school.region_code):
        raise NotFound(f"no school {code}", [Problem(["path", "code"], "unknown school", code)])
    return ledger.of_school(session, code, limit, offset)
