"""The audit log's queries: appending, and reading for admins. There is no update or delete here,
nor anywhere else: on PostgreSQL a trigger refuses them too (migration 8)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.sqltext import ident
from service.store.tables import AuditEntry


def append(session: Session, rows: list[dict[str, object]]) -> None:
    if rows:
        session.execute(insert(AuditEntry), rows)


def page(session: Session, *, action: str | None, entity_id: str | None, since: datetime | None, limit: int,
         offset: int) -> tuple[Sequence[AuditEntry], int]:
    q = select(AuditEntry)
    if action:
        q = q.where(col(AuditEntry.action).startswith(action))
    if entity_id:
        q = q.where(col(AuditEntry.entity_id) == entity_id)
    if since:
        q = q.where(col(AuditEntry.recorded_at) >= since)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = session.scalars(q.order_by(col(AuditEntry.recorded_at).desc(), col(AuditEntry.id)).limit(limit).offset(offset)).all()
    return rows, total


# The digest of the keys a merge wrote: `k` a key column, `order` a collation making the order
# byte order (PostgreSQL's default collation need not be; DuckDB's is).
KEYS_DIGEST = "md5(string_agg(CAST({k} AS VARCHAR), ',' ORDER BY {k}{order}))"


def version_digests(session: Session, target: str, key: str, delta: str, at: datetime, *,
                    closed: bool = True) -> tuple[str | None, str | None]:
    """Digests of the versions a merge closed (before: key and valid_from; None when `closed` says
    it closed none) and opened (after: the keys of `delta`, every one of which got a version at
    `at`), computed in the store, keys in byte order on both stores; versions are never changed,
    so these pin exactly what was replaced."""
    k = ident(key)
    byte_order = ' COLLATE "C"' if session.get_bind().dialect.name == "postgresql" else ""
    before = (
        f"(SELECT md5(string_agg(CAST(t.{k} AS VARCHAR) || '@' || CAST(t.valid_from AS VARCHAR), ',' "
        f"ORDER BY t.{k}{byte_order})) FROM {target} t JOIN {delta} d ON d.k = t.{k} AND d.existed WHERE t.valid_to = :at)"
        if closed else "CAST(NULL AS VARCHAR)"
    )
    row = session.connection().execute(text(
        f"SELECT {before}, (SELECT {KEYS_DIGEST.format(k='d.k', order=byte_order)} FROM {delta} d)"
    ), {"at": at}).one()
    return row[0], row[1]
