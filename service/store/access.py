"""Queries of the access ledger (who read which school's personal data)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.tables import AccessLog


def add(session: Session, rows: list[dict[str, Any]]) -> None:
    session.execute(insert(AccessLog), rows)


def of_school(session: Session, code: str, limit: int, offset: int) -> tuple[list[AccessLog], int]:
    """A school's ledger lines, newest first, and how many there are."""
    q = select(AccessLog).where(col(AccessLog.school_code) == code)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = list(session.scalars(q.order_by(col(AccessLog.read_at).desc()).limit(limit).offset(offset)))
    return rows, total
