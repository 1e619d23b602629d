"""Names of the codes pages show: organisations, regions, current schools."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.tables import Organisation, Region, School


def organisations(session: Session, codes: Iterable[str] | None = None) -> dict[str, str]:
    """Organisation code -> name: of `codes`, or of every organisation that is not a school."""
    q = select(col(Organisation.code), col(Organisation.name))
    q = q.where(col(Organisation.code).in_(list(codes))) if codes is not None else q.where(col(Organisation.kind) != "school")
    return {str(c): str(n) for c, n in session.execute(q).all()}


def regions(session: Session) -> dict[str, tuple[str, str | None]]:
    """Region code -> (name, parent code), all of them (a province has a few hundred)."""
    return {str(c): (str(n), p) for c, n, p in session.execute(select(col(Region.code), col(Region.name), col(Region.parent_code))).all()}


def schools(session: Session, codes: Iterable[str]) -> dict[str, str]:
    """Current school code -> name."""
    wanted = list(codes)
    if not wanted:
        return {}
    q = select(col(School.code), col(School.name)).where(col(School.valid_to).is_(None), col(School.code).in_(wanted))
    return {str(c): str(n) for c, n in session.execute(q).all()}
