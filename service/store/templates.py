"""The department forms requests were read from: kept with the request, read back to fill."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.tables import RequestTemplate, School


def keep(session: Session, template: RequestTemplate) -> None:
    session.add(template)
    session.flush()


def of_request(session: Session, request_id: str) -> RequestTemplate | None:
    return session.get(RequestTemplate, request_id)


def school_names(session: Session, codes: list[str]) -> dict[str, str]:
    """Current names of the schools `codes`, in one query."""
    if not codes:
        return {}
    rows = session.execute(select(col(School.code), col(School.name)).where(
        col(School.code).in_(codes), col(School.valid_to).is_(None)))
    return {str(code): str(name) for code, name in rows}


def with_template(session: Session, request_ids: list[str]) -> set[str]:
    """Which of `request_ids` were read from a department's form, in one query."""
    if not request_ids:
        return set()
    return set(session.scalars(select(col(RequestTemplate.request_id)).where(
        col(RequestTemplate.request_id).in_(request_ids))))
