"""Claims that make a write happen once, each a single statement that is atomic on both stores:
an Idempotency-Key is claimed by inserting it (a unique key), a form's version by a conditional
UPDATE. A claim is the first write of its unit of work, so a write that loses a race has written
nothing yet, and the claim is kept or undone with everything else at the one commit point.

PostgreSQL (read committed) makes the loser wait for the winner's commit, then the claim finds the
key or version taken. DuckDB reports the race as a write conflict instead (at the statement, or
at commit): the store handler answers 503 with Retry-After, and the retry sees the winner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Recorded:
    """An Idempotency-Key already claimed: the body it came with and its response (status 0 while
    the write that claimed it is still running, which only another transaction could see)."""

    body_hash: str
    status_code: int
    response: str


def claim_key(session: Session, principal_id: str, key: str, digest: str, at: datetime) -> Recorded | None:
    """Claim `key` for this principal's write; None if claimed now, else what is on record."""
    claimed = session.execute(text(
        "INSERT INTO idempotency_record (principal_id, key, body_hash, status_code, response, created_at) "
        "VALUES (:p, :k, :h, 0, '', :at) ON CONFLICT DO NOTHING RETURNING key"),
        {"p": principal_id, "k": key, "h": digest, "at": at}).first()
    if claimed is not None:
        return None
    row = session.execute(text(
        "SELECT body_hash, status_code, response FROM idempotency_record WHERE principal_id = :p AND key = :k"),
        {"p": principal_id, "k": key}).one()
    return Recorded(row.body_hash, int(row.status_code), row.response)


def recorded(session: Session, principal_id: str, key: str) -> Recorded | None:
    """What is on record under `key` for this principal, if anything (reads only)."""
    row = session.execute(text(
        "SELECT body_hash, status_code, response FROM idempotency_record WHERE principal_id = :p AND key = :k"),
        {"p": principal_id, "k": key}).first()
    return Recorded(row.body_hash, int(row.status_code), row.response) if row is not None else None


def settle_key(session: Session, principal_id: str, key: str, status_code: int, response: str) -> None:
    """Keep the response of the write that claimed `key`, for its retries."""
    session.execute(text(
        "UPDATE idempotency_record SET status_code = :s, response = :r WHERE principal_id = :p AND key = :k"),
        {"s": status_code, "r": response, "p": principal_id, "k": key})


def claim_form_version(session: Session, form_id: str, expected: int) -> bool:
    """Move an unsubmitted form from version `expected` to the next; False if it is not at that
    version (another write claimed it first) or already submitted."""
    return session.execute(text(
        "UPDATE form SET version = version + 1 WHERE id = :id AND version = :v AND status <> 'submitted' "
        "RETURNING version"), {"id": form_id, "v": expected}).first() is not None


def open_form(session: Session, form_id: str, at: datetime) -> bool:
    """Mark an issued form opened (its first reading), a new version; False if it was not issued."""
    return session.execute(text(
        "UPDATE form SET status = 'opened', opened_at = :at, version = version + 1 "
        "WHERE id = :id AND status = 'issued' RETURNING version"), {"id": form_id, "at": at}).first() is not None


def claim_decision(session: Session, correction_id: str, outcome: str, by: str, at: datetime,
                   reason: str | None) -> bool:
    """Decide a pending correction; False if another decision came first."""
    return session.execute(text(
        "UPDATE correction SET status = :o, decided_by = :by, decided_at = :at, decision_reason = :r "
        "WHERE id = :id AND status = 'pending' RETURNING id"),
        {"o": outcome, "by": by, "at": at, "r": reason, "id": correction_id}).first() is not None
