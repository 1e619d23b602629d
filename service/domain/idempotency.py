"""Idempotent writes: a retry with the same Idempotency-Key gets the first response again; the
same key with a different body is refused. The record is written in the write's own transaction,
so a failed write leaves no record and may be retried."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from service.domain.authz import Principal
from service.domain.clock import now
from service.domain.errors import Conflict, InvalidInput, Problem
from service.store.engine import conflict_kind
from service.store.tables import IdempotencyRecord

RACE_WAIT_SECONDS = 3.0


def body_hash(scope: str, body: Any) -> str:
    return hashlib.sha256(json.dumps([scope, body], sort_keys=True, default=str).encode()).hexdigest()


def require_key(key: str | None) -> str:
    if not key or not key.strip() or len(key) > 200:
        raise InvalidInput("send an Idempotency-Key header (1 to 200 characters) with every write",
                           [Problem(["header", "Idempotency-Key"], "missing or too long")])
    return key.strip()


def replay(session: Session, principal: Principal, key: str, digest: str) -> tuple[int, Any] | None:
    """The first response to this key, or None if the key is new."""
    rec = session.get(IdempotencyRecord, (principal.id, key))
    if rec is None:
        return None
    if rec.body_hash != digest:
        raise InvalidInput("this Idempotency-Key was used with a different request",
                           [Problem(["header", "Idempotency-Key"], "reused with another body", key)])
    return rec.status_code, json.loads(rec.response)


def remember(session: Session, principal: Principal, key: str, digest: str, status_code: int, response: Any) -> None:
    session.add(IdempotencyRecord(principal_id=principal.id, key=key, body_hash=digest, status_code=status_code,
                                  response=json.dumps(response, default=str, ensure_ascii=False), created_at=now()))
    session.flush()


Outcome = tuple[int, Any, dict[str, str]]  # status, body, headers


def once(session: Session, principal: Principal, raw_key: str | None, scope: str, body: Any,
         write: Callable[[], Outcome]) -> Outcome:
    """Run `write` once per key: a repeat gets the first outcome. A repeat racing the first (a double
    click) loses on the store's write conflict, then waits briefly for the first one's record."""
    key = require_key(raw_key)
    digest = body_hash(scope, body)
    first = replay(session, principal, key, digest)
    if first is not None:
        return first[0], first[1]["body"], first[1]["headers"]
    try:
        status, payload, headers = write()
        remember(session, principal, key, digest, status, {"body": payload, "headers": headers})
        return status, payload, headers
    except DBAPIError as exc:
        if conflict_kind(exc) is None:
            raise
        session.rollback()
        deadline = time.monotonic() + RACE_WAIT_SECONDS
        while time.monotonic() < deadline:
            first = replay(session, principal, key, digest)
            if first is not None:
                return first[0], first[1]["body"], first[1]["headers"]
            session.rollback()  # the next look is a new transaction, which sees the winner's commit
            time.sleep(0.05)
        raise Conflict("another write with the same purpose happened at the same moment; read again and retry",
                       [Problem(["header", "Idempotency-Key"], "concurrent write", key)]) from exc
