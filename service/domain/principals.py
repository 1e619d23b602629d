"""Organisations, principals and their bearer tokens. Tokens are shown once and stored as SHA-256."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.domain.authz import ROLES, Principal
from service.domain.clock import new_id, now
from service.domain.errors import InvalidInput, NotFound, Problem, Unauthenticated
from service.store.tables import Organisation, School, Token
from service.store.tables import Principal as PrincipalRow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def ensure_organisation(
    session: Session, code: str, kind: str, name: str | None = None, jurisdiction: str | None = None,
    owns: str | None = None,
) -> Organisation:
    """Return organisation `code`, creating it if new. A school's organisation is the school itself."""
    org = session.get(Organisation, code)
    if org is not None:
        if org.kind != kind:
            raise InvalidInput(f"organisation {code} is a {org.kind}, not a {kind}", [Problem(["org"], "kind differs")])
        return org
    if kind == "school":
        school = session.scalars(select(School).where(School.code == code, School.valid_to.is_(None))).first()  # type: ignore[union-attr]
        if school is None:
            raise NotFound(f"no school {code} in the store", [Problem(["org"], "unknown school", code)])
        name, jurisdiction = school.name, school.region_code
    if kind in ("department", "statistics_office", "education_office") and not jurisdiction:
        raise InvalidInput(f"a new {kind} needs a jurisdiction (region code)", [Problem(["jurisdiction"], "required")])
    org = Organisation(code=code, name=name or code, kind=kind, jurisdiction=jurisdiction, owns=owns)
    session.add(org)
    session.flush()
    return org


def issue_token(
    session: Session, role: str, org_code: str, *, name: str | None = None,
    org_name: str | None = None, jurisdiction: str | None = None, owns: str | None = None,
) -> tuple[Principal, str]:
    """Create a principal acting for `org_code` in `role` and return it with a new bearer token."""
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}; one of {', '.join(ROLES)}", [Problem(["role"], "unknown role", role)])
    org = ensure_organisation(session, org_code, role, org_name, jurisdiction, owns)  # an organisation's kind is its role
    row = PrincipalRow(id=new_id(), name=name or f"{org.name} ({role})", role=role, org_code=org.code, created_at=now())
    token = "co_" + secrets.token_urlsafe(32)
    session.add(row)
    session.add(Token(token_hash=_digest(token), principal_id=row.id, created_at=now()))
    session.flush()
    return _principal(row, org), token


def _principal(row: PrincipalRow, org: Organisation) -> Principal:
    return Principal(
        id=row.id, name=row.name, role=row.role,  # type: ignore[arg-type]
        org_code=org.code, org_name=org.name, jurisdiction=org.jurisdiction,
    )


def authenticate(session: Session, token: str) -> Principal:
    """The principal a bearer token belongs to; Unauthenticated if unknown or revoked."""
    found = session.execute(
        select(PrincipalRow, Organisation)
        .join(Token, Token.principal_id == PrincipalRow.id)  # type: ignore[arg-type]
        .join(Organisation, Organisation.code == PrincipalRow.org_code)  # type: ignore[arg-type]
        .where(Token.token_hash == _digest(token), Token.revoked_at.is_(None))  # type: ignore[union-attr]
    ).first()
    if found is None:
        raise Unauthenticated("unknown or revoked token", [Problem(["header", "Authorization"], "unknown or revoked token")])
    return _principal(found[0], found[1])
