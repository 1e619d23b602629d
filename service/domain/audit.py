"""The audit log: every change to the store and every decision, appended in the same unit of work
as the change (so it is kept exactly when the change is), never rewritten, read by admins.

An entry says who (the principal, or "system"), when, what (an action such as `records.teacher`,
`request.approved`, `approval.granted`, `correction.accepted`, `form.submitted`), on which object,
and SHA-256 digests of the object's state before and after (canonical JSON), so a later reader can
check a copy of either state against the log without the log holding personal data. Reads of
personal data are in the access ledger (service/domain/access.py), not here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from service.domain.authz import Principal, require_role
from service.domain.clock import new_id, now
from service.store import audit as store
from service.store.tables import AuditEntry


def digest(state: Any) -> str | None:
    """SHA-256 of a state as canonical JSON; None for no state (created, or removed)."""
    if state is None:
        return None
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Change:
    action: str
    entity: str
    entity_id: str
    before: Any = None
    after: Any = None
    detail: str = ""


def record(session: Session, actor: str, *changes: Change, at: datetime | None = None) -> None:
    """Append one entry per change, in the caller's unit of work."""
    record_each(session, [(actor, c) for c in changes], at=at)


def record_each(session: Session, changes: list[tuple[str, Change]], at: datetime | None = None) -> None:
    """Append one entry per (actor, change), in the caller's unit of work (one statement)."""
    when = at or now()
    store.append(session, [
        {"id": new_id(), "recorded_at": when, "actor": actor, "action": c.action, "entity": c.entity, "entity_id": c.entity_id,
         "before_digest": digest(c.before), "after_digest": digest(c.after), "detail": c.detail[:2000]}
        for actor, c in changes
    ])


def entries(session: Session, principal: Principal, *, action: str | None = None, entity_id: str | None = None,
            since: datetime | None = None, limit: int = 100, offset: int = 0) -> tuple[list[AuditEntry], int]:
    """The log, newest first, for admins only."""
    require_role(principal, "admin")
    rows, total = store.page(session, action=action, entity_id=entity_id, since=since, limit=limit, offset=offset)
    return list(rows), total
