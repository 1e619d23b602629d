"""Queries of departments' webhooks and their delivery queue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.tables import Webhook, WebhookDelivery


def of(session: Session, department: str) -> Webhook | None:
    return session.get(Webhook, department)


def delivery(session: Session, delivery_id: str) -> WebhookDelivery | None:
    return session.get(WebhookDelivery, delivery_id)


def deliveries_of(session: Session, department: str, limit: int) -> list[WebhookDelivery]:
    """A department's deliveries, newest first."""
    return list(session.scalars(
        select(WebhookDelivery).where(col(WebhookDelivery.department) == department)
        .order_by(col(WebhookDelivery.created_at).desc(), col(WebhookDelivery.id)).limit(limit)
    ))


def claim_due(session: Session, at: datetime, lease: timedelta, limit: int) -> tuple[Sequence[Row[str, str, str, int, str, str]], dict[str, Webhook]]:
    """Lease up to `limit` deliveries due at `at` (id, event, body, attempts, url, department), and
    the webhooks of their departments."""
    is_due = (col(WebhookDelivery.delivered_at).is_(None), col(WebhookDelivery.next_attempt_at) <= at)
    due = select(col(WebhookDelivery.id)).where(*is_due).order_by(col(WebhookDelivery.next_attempt_at)).limit(limit)
    # The due condition is repeated in the UPDATE: on PostgreSQL a concurrent pass that claimed a
    # row first makes it no longer due here, so each row is claimed once.
    rows = session.execute(
        update(WebhookDelivery).where(col(WebhookDelivery.id).in_(due), *is_due)
        .values(next_attempt_at=at + lease)
        .returning(col(WebhookDelivery.id), col(WebhookDelivery.event), col(WebhookDelivery.body),
                   col(WebhookDelivery.attempts), col(WebhookDelivery.url), col(WebhookDelivery.department))
    ).all()
    hooks = {h.department: h for h in session.scalars(
        select(Webhook).where(col(Webhook.department).in_({r.department for r in rows})))}
    return rows, hooks


def record_outcomes(session: Session, rows: list[dict[str, Any]]) -> None:
    """Write deliveries' outcomes (dicts keyed by column, with `id`): one executemany, by primary key."""
    session.execute(update(WebhookDelivery), rows)
