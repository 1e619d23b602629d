"""Claims that make a write happen once, each a single statement that is atomic on both stores:
an Idempotency-Key is claimed by inserting it (a unique key), a form's version by a conditional
UPDATE. A claim is the first write of its unit of work, so a write that loses a race has written
nothing yet, and the claim is kept or undone with everything else at the one commit point.
Submissions are claimed a group at a time (the form versions first, then their keys are kept with
their responses): one statement for the whole group, whose rows say which claims were won.

PostgreSQL (read committed) makes the loser wait for the winner's commit, then the claim finds the
key or version taken. DuckDB reports the race as a write conflict instead (at the statement, or
at commit): the store handler answers 503 with Retry-After, and the retry sees the winner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from service.store.sqltext import unnested


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


def records(session: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str], Recorded]:
    """What is on record under each (principal, key) among `keys` (reads only; one statement)."""
    if not keys:
        return {}
    rows = session.execute(text(
        "SELECT principal_id, key, body_hash, status_code, response FROM idempotency_record "
        "WHERE principal_id IN :principals AND key IN :keys").bindparams(
            bindparam("principals", expanding=True), bindparam("keys", expanding=True)),
        {"principals": sorted({p for p, _k in keys}), "keys": sorted({k for _p, k in keys})}).all()
    wanted = set(keys)
    return {(r.principal_id, r.key): Recorded(r.body_hash, int(r.status_code), r.response) for r in rows
            if (r.principal_id, r.key) in wanted}


def keep_keys(session: Session, rows: list[tuple[str, str, str, int, str]], at: datetime) -> int:
    """Keep (principal, key, body hash, status, response) records of writes made in this unit of
    work, in one statement; how many were new (fewer when a concurrent write holds one of the keys)."""
    if not rows:
        return 0
    params: dict[str, object] = {"at": at}
    values = []
    for n, (principal_id, key, digest, status_code, response) in enumerate(rows):
        params |= {f"p{n}": principal_id, f"k{n}": key, f"h{n}": digest, f"s{n}": status_code, f"r{n}": response}
        values.append(f"(:p{n}, :k{n}, :h{n}, :s{n}, :r{n}, :at)")
    kept = session.execute(text(
        "INSERT INTO idempotency_record (principal_id, key, body_hash, status_code, response, created_at) "
        f"VALUES {', '.join(values)} ON CONFLICT DO NOTHING RETURNING key"), params).all()
    return len(kept)


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


def claim_form_submission(session: Session, form_id: str, expected: int, by: str, at: datetime) -> bool:
    """Claim version `expected` of an unsubmitted form and mark it submitted, in one statement
    (claim_form_version's condition); False if another write claimed that version first or the
    form is already submitted."""
    return session.execute(text(
        "UPDATE form SET version = version + 1, status = 'submitted', submitted_at = :at, submitted_by = :by "
        "WHERE id = :id AND version = :v AND status <> 'submitted' RETURNING version"),
        {"id": form_id, "v": expected, "at": at, "by": by}).first() is not None


def claim_form_submissions(session: Session, claims: list[tuple[str, int, str]], at: datetime) -> set[str]:
    """claim_form_submission for many forms, (form id, expected version, by) each, in one statement:
    the ids of the forms claimed."""
    if not claims:
        return set()
    params: dict[str, object] = {"at": at}
    values = []
    for n, (form_id, expected, by) in enumerate(claims):
        params |= {f"f{n}": form_id, f"v{n}": expected, f"b{n}": by}
        values.append(f"(CAST(:f{n} AS VARCHAR), CAST(:v{n} AS INTEGER), CAST(:b{n} AS VARCHAR))")
    rows = session.execute(text(
        "UPDATE form SET version = form.version + 1, status = 'submitted', submitted_at = :at, submitted_by = c.submitter "
        f"FROM (VALUES {', '.join(values)}) AS c (id, expected, submitter) "
        "WHERE form.id = c.id AND form.version = c.expected AND form.status <> 'submitted' RETURNING form.id"),
        params).all()
    return {str(r[0]) for r in rows}


def open_forms(session: Session, form_ids: list[str], at: datetime) -> set[str]:
    """Mark issued forms opened (their first reading), a new version each, in one statement: the
    ids of those it opened (a form no longer issued is left as it is)."""
    if not form_ids:
        return set()
    ids, params = unnested(["ids"])
    rows = session.execute(text(
        "UPDATE form SET status = 'opened', opened_at = :at, version = version + 1 "
        f"WHERE id IN {ids} AND status = 'issued' RETURNING id").bindparams(*params),
        {"ids": form_ids, "at": at}).all()
    return {str(r[0]) for r in rows}


def claim_decision(session: Session, correction_id: str, outcome: str, by: str, at: datetime,
                   reason: str | None) -> bool:
    """Decide a pending correction; False if another decision came first."""
    return session.execute(text(
        "UPDATE correction SET status = :o, decided_by = :by, decided_at = :at, decision_reason = :r "
        "WHERE id = :id AND status = 'pending' RETURNING id"),
        {"o": outcome, "by": by, "at": at, "r": reason, "id": correction_id}).first() is not None
