"""Idempotent writes: a retry with the same Idempotency-Key gets the first response again; the
same key with a different body is refused (422). The key is claimed by inserting it, before the
write runs and in the write's own unit of work: a failed write leaves no record and may be retried;
a retry racing the first attempt waits for it (PostgreSQL) or is told to retry (503, DuckDB), and
then gets the first response."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from service.domain.authz import Principal
from service.domain.clock import now
from service.domain.errors import InvalidInput, Problem, RetryLater
from service.store import claims
from service.store.engine import conflict_kind


def body_hash(scope: str, body: Any) -> str:
    return hashlib.sha256(json.dumps([scope, body], sort_keys=True, default=str).encode()).hexdigest()


def require_key(key: str | None) -> str:
    if not key or not key.strip() or len(key) > 200:
        raise InvalidInput("send an Idempotency-Key header (1 to 200 characters) with every write",
                           [Problem(["header", "Idempotency-Key"], "missing or too long")])
    return key.strip()


Outcome = tuple[int, Any, dict[str, str]]  # status, body, headers


def replayed(key: str, digest: str, first: claims.Recorded) -> Outcome:
    """The first response to this key, or the refusal of a key reused with another request."""
    if first.body_hash != digest:
        raise InvalidInput("this Idempotency-Key was used with a different request",
                           [Problem(["header", "Idempotency-Key"], "reused with another body", key)])
    if first.status_code == 0:  # the first attempt has not committed yet
        raise RetryLater("the first request with this Idempotency-Key is still running; retry",
                         [Problem(["header", "Idempotency-Key"], "in progress", key)])
    kept = json.loads(first.response)
    return first.status_code, kept["body"], kept["headers"]


def on_record(session: Session, principal: Principal, key: str, digest: str) -> Outcome | None:
    """The first outcome under this key (sent with a body of this digest) if it is on record (read
    only): a repeat is answered without being prepared again."""
    first = claims.recorded(session, principal.id, key)
    return replayed(key, digest, first) if first is not None else None


def once(session: Session, principal: Principal, raw_key: str | None, scope: str, body: Any,
         write: Callable[[], Outcome]) -> Outcome:
    """Run `write` once per key: claim the key, run the write, keep its response under the key.
    A repeat gets the first outcome."""
    key = require_key(raw_key)
    digest = body_hash(scope, body)
    try:
        first = claims.claim_key(session, principal.id, key, digest, now())
    except DBAPIError as exc:  # DuckDB: the same key claimed by a transaction this one cannot see yet
        if conflict_kind(exc) is None:
            raise
        raise RetryLater("a request with this Idempotency-Key is running at the same moment; retry",
                         [Problem(["header", "Idempotency-Key"], "in progress", key)]) from exc
    if first is not None:
        return replayed(key, digest, first)
    status, payload, headers = write()
    claims.settle_key(session, principal.id, key, status,
                      json.dumps({"body": payload, "headers": headers}, default=str, ensure_ascii=False))
    return status, payload, headers
