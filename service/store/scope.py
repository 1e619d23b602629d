"""A scope (service/domain/scope.py) as SQL over the store's schools: the one place that turns a
scope into a condition, and the counts and lists of schools in scopes, set-based."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.records import for_reference, valid_at
from service.store.sqltext import one_of
from service.store.tables import School

if TYPE_CHECKING:
    from service.domain.scope import Scope


def scope_filter(scope: Scope) -> ColumnElement[bool]:
    """SQL condition on `school` rows that are in `scope`."""
    reach = [col(School.region_code).startswith(p) for p in scope.regions]
    if scope.schools:
        reach.append(one_of(col(School.code), scope.schools))
    conds: list[ColumnElement[bool]] = [or_(*reach) if reach else false()]
    if scope.school_types:
        conds.append(one_of(col(School.school_type), scope.school_types))
    if scope.urban_rural:
        conds.append(or_(*[col(School.urban_rural).startswith(u) for u in scope.urban_rural]))
    return and_(*conds) if conds else true()


def count_in(session: Session, *scopes: Scope, reference: date) -> int:
    """How many schools, as they stood on `reference`, lie in every one of `scopes` (their intersection)."""
    conds = [scope_filter(s) for s in scopes]
    return session.scalar(select(func.count()).select_from(School).where(for_reference(School, reference), *conds)) or 0


def outside(session: Session, inner: Scope, outer: Scope, limit: int | None = 20) -> list[str]:
    """Current schools in `inner` but not in `outer` (empty: `outer` contains `inner`)."""
    return list(session.scalars(
        select(col(School.code)).where(valid_at(School, None), scope_filter(inner), ~scope_filter(outer))
        .order_by(col(School.code)).limit(limit)
    ))



def school_regions(session: Session, codes: list[str]) -> dict[str, str]:
    """The region code of each current school among `codes`."""
    rows = session.execute(select(col(School.code), col(School.region_code))
                           .where(valid_at(School, None), one_of(col(School.code), codes))).all()
    return {str(c): str(r) for c, r in rows}
