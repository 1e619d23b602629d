"""Queries of organisations, principals and their credentials (stored as digests). The rules
live in service/domain/principals.py; this module only reads and writes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pyarrow as pa
from sqlalchemy import func, or_, select, text
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store import bulk
from service.store.tables import Organisation, Region, Token
from service.store.tables import Principal as PrincipalRow


def organisation(session: Session, code: str) -> Organisation | None:
    return session.get(Organisation, code)


def region(session: Session, code: str) -> Region | None:
    return session.get(Region, code)


def principal(session: Session, principal_id: str) -> PrincipalRow | None:
    return session.get(PrincipalRow, principal_id)


def token(session: Session, token_hash: str) -> Token | None:
    return session.get(Token, token_hash)


def token_holder(session: Session, token_hash: str) -> tuple[PrincipalRow, Organisation, Token] | None:
    """The principal, organisation and token of a bearer token or browser session. PostgreSQL joins
    them by index in one statement; DuckDB joins by hash, reading every principal and organisation,
    so there they are three lookups by key."""
    if session.get_bind().dialect.name == "duckdb":
        cred = session.get(Token, token_hash)
        holder = session.get(PrincipalRow, cred.principal_id) if cred is not None else None
        org = session.get(Organisation, holder.org_code) if holder is not None else None
        if cred is None or holder is None or org is None or cred.purpose not in ("api", "web"):
            return None
        return holder, org, cred
    found = session.execute(
        select(PrincipalRow, Organisation, Token)
        .join(Token, col(Token.principal_id) == col(PrincipalRow.id))
        .join(Organisation, col(Organisation.code) == col(PrincipalRow.org_code))
        .where(col(Token.token_hash) == token_hash, col(Token.purpose).in_(("api", "web")))
    ).first()
    return None if found is None else (found[0], found[1], found[2])


def _rowcount(result: Any) -> int:
    return int(result.rowcount or 0)  # DML results carry a rowcount; Result[Any] does not declare it


def revoke_live(session: Session, at: datetime, *, principal_id: str | None, token_hash: str | None) -> int:
    """Revoke a principal's live credentials, or one token; how many were live."""
    which = col(Token.principal_id) == principal_id if principal_id is not None else col(Token.token_hash) == token_hash
    live = [col(Token.revoked_at).is_(None), or_(col(Token.expires_at).is_(None), col(Token.expires_at) > at)]
    return _rowcount(session.execute(sql_update(Token).where(which, *live).values(revoked_at=at)))


def spend_link(session: Session, link_hash: str, at: datetime) -> bool:
    """Mark a live sign-in link used, in one conditional update: of two racing clicks one wins."""
    return _rowcount(session.execute(sql_update(Token).where(
        col(Token.token_hash) == link_hash, col(Token.purpose) == "sign_in", col(Token.used_at).is_(None),
        col(Token.revoked_at).is_(None), col(Token.expires_at) > at,
    ).values(used_at=at))) == 1


def end_web_session(session: Session, token_hash: str, at: datetime) -> None:
    session.execute(sql_update(Token).where(col(Token.token_hash) == token_hash, col(Token.purpose) == "web",
                                            col(Token.revoked_at).is_(None)).values(revoked_at=at))


def listed(session: Session, at: datetime, *, role: str | None, principal_id: str | None, search: str | None,
           limit: int, offset: int) -> tuple[list[tuple[PrincipalRow, Organisation, int, datetime | None]], int]:
    """Principals newest first, with their organisation, number of live bearer tokens and latest expiry."""
    live = (select(col(Token.principal_id), func.count().label("n"), func.max(col(Token.expires_at)).label("until"))
            .where(col(Token.purpose) == "api", col(Token.revoked_at).is_(None), col(Token.expires_at) > at)
            .group_by(col(Token.principal_id)).subquery())
    q = (select(PrincipalRow, Organisation, live.c.n, live.c.until)
         .join(Organisation, col(Organisation.code) == col(PrincipalRow.org_code))
         .outerjoin(live, live.c.principal_id == col(PrincipalRow.id)))
    if role:
        q = q.where(col(PrincipalRow.role) == role)
    if principal_id:
        q = q.where(col(PrincipalRow.id) == principal_id)
    if search:
        pattern = f"%{search}%"
        q = q.where(or_(col(Organisation.code).like(pattern), col(Organisation.name).like(pattern),
                        col(PrincipalRow.name).like(pattern)))
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = session.execute(q.order_by(col(PrincipalRow.created_at).desc(), col(PrincipalRow.id))
                           .limit(limit).offset(offset)).all()
    return [(p, o, int(n or 0), until) for p, o, n, until in rows], int(total)


def school_principals(session: Session, prefix: str | None, at: datetime) -> list[tuple[str, str, str, str, str]]:
    """(code, name, region code, region name, principal id) of every current school under a
    region prefix, creating the schools' organisations and principals where missing."""
    conn = session.connection()
    within = "s.region_code LIKE :prefix" if prefix is not None else "TRUE"
    params = {"prefix": f"{prefix}%", "at": at}
    current = f"FROM school s WHERE s.valid_to IS NULL AND {within}"
    conn.execute(text(
        "INSERT INTO organisation (code, name, kind, jurisdiction) SELECT s.code, s.name, 'school', s.region_code "
        f"{current} AND NOT EXISTS (SELECT 1 FROM organisation o WHERE o.code = s.code)"), params)
    conn.execute(text(
        "INSERT INTO principal (id, name, role, org_code, created_at) "
        "SELECT md5('school-principal:' || s.code), s.name || ' (school)', 'school', s.code, CAST(:at AS TIMESTAMP) "
        f"{current} AND NOT EXISTS (SELECT 1 FROM principal p WHERE p.org_code = s.code AND p.role = 'school')"), params)
    rows = conn.execute(text(
        "SELECT s.code, s.name, s.region_code, COALESCE(r.name, s.region_code), "
        "(SELECT min(p.id) FROM principal p WHERE p.org_code = s.code AND p.role = 'school') "
        f"FROM school s LEFT JOIN region r ON r.code = s.region_code WHERE s.valid_to IS NULL AND {within} "
        "ORDER BY s.code"), params).all()
    return [(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in rows]


def revoke_school_tokens(session: Session, prefix: str | None, at: datetime) -> None:
    within = "s.region_code LIKE :prefix" if prefix is not None else "TRUE"
    session.connection().execute(text(
        "UPDATE token SET revoked_at = CAST(:at AS TIMESTAMP) WHERE revoked_at IS NULL AND principal_id IN "
        f"(SELECT p.id FROM principal p JOIN school s ON s.code = p.org_code AND {within} "
        "AND s.valid_to IS NULL WHERE p.role = 'school')"), {"prefix": f"{prefix}%", "at": at})


def add_tokens(session: Session, rows: pa.Table, at: datetime, expires: dict[str, datetime]) -> None:
    """Store (token_hash, principal_id, purpose) rows in one statement, each expiring as its purpose says."""
    bulk.stage(session, "stage_tokens", {"token_hash": "text", "principal_id": "text", "purpose": "text"}, rows)
    session.connection().execute(text(
        "INSERT INTO token (token_hash, principal_id, created_at, expires_at, purpose) "
        "SELECT token_hash, principal_id, CAST(:at AS TIMESTAMP), "
        "CASE WHEN purpose = 'api' THEN CAST(:token_until AS TIMESTAMP) ELSE CAST(:link_until AS TIMESTAMP) END, "
        "purpose FROM stage_tokens"), {"at": at, "token_until": expires["api"], "link_until": expires["sign_in"]})
    bulk.drop_stage(session, "stage_tokens")
