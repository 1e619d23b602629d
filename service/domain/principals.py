"""Organisations, principals and their credentials.

Rules:
- a credential is shown once and stored as its SHA-256 digest; every credential expires;
- a bearer token (`api`) opens the API and the pages; a one-time sign-in link (`sign_in`) opens
  a browser session (`web`) once, before it expires, and is spent by that use;
- revoking a principal revokes every credential it holds; rotating revokes them and issues a new
  bearer token in the same unit of work;
- a new department or office needs a name and a jurisdiction (a region code); a school's
  organisation is the school itself, named as in the store;
- only an administrator issues, lists, revokes or rotates credentials.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyarrow as pa
from sqlalchemy import event
from sqlalchemy.orm import Session

from service.domain import audit
from service.domain.authz import ROLES, Principal, as_role, require_role
from service.domain.clock import new_id, now
from service.domain.errors import InvalidInput, NotFound, Problem, Unauthenticated
from service.settings import settings
from service.store import principals as store
from service.store.records import get_school
from service.store.tables import Organisation, Token
from service.store.tables import Principal as PrincipalRow

OFFICES = ("department", "statistics_office", "education_office")
TOKEN_PREFIX = "co_"
LINK_PREFIX = "sl_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def _expiry(days: int | None) -> datetime:
    n = settings().token_days if days is None else days
    if n < 1:
        raise InvalidInput("a credential lasts at least one day", [Problem(["body", "days"], "at least 1", n)])
    return now() + timedelta(days=n)


def ensure_organisation(
    session: Session, code: str, kind: str, name: str | None = None, jurisdiction: str | None = None,
    owns: str | None = None,
) -> Organisation:
    """Return organisation `code`, creating it if new. A school's organisation is the school itself;
    a new department or office needs its name and its jurisdiction."""
    org = store.organisation(session, code)
    if org is not None:
        if org.kind != kind:
            raise InvalidInput(f"organisation {code} is a {org.kind}, not a {kind}",
                               [Problem(["body", "role"], f"{code} is a {org.kind}", kind)])
        return org
    if kind == "school":
        school = get_school(session, code)
        if school is None:
            raise NotFound(f"no school {code} in the store", [Problem(["body", "org"], "unknown school", code,
                                                                    code="unknown_school", params={"school": code})])
        name, jurisdiction = school.name, school.region_code
    if kind in OFFICES:
        problems = []
        if not (name and name.strip()):
            problems.append(Problem(["body", "org_name"], "a new organisation needs its name (--org-name)",
                                    code="org_name_required"))
        if not jurisdiction:
            problems.append(Problem(["body", "jurisdiction"], "a new organisation needs its jurisdiction, a region code "
                                                              "such as 430000 (--jurisdiction)", code="jurisdiction_required"))
        elif store.region(session, jurisdiction) is None:
            problems.append(Problem(["body", "jurisdiction"], f"no region {jurisdiction} in the store", jurisdiction,
                                    code="unknown_region"))
        if problems:
            raise InvalidInput(f"{code} is a new {kind}: give its name and its jurisdiction (a region code)", problems)
    org = Organisation(code=code, name=(name or code).strip(), kind=kind, jurisdiction=jurisdiction, owns=owns)
    session.add(org)
    session.flush()
    return org


def issue_token(
    session: Session, role: str, org_code: str, *, name: str | None = None,
    org_name: str | None = None, jurisdiction: str | None = None, owns: str | None = None, days: int | None = None,
) -> tuple[Principal, str]:
    """Create a principal acting for `org_code` in `role` and return it with a new bearer token."""
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}; one of {', '.join(ROLES)}",
                           [Problem(["body", "role"], f"one of {', '.join(ROLES)}", role)])
    expires = _expiry(days)
    org = ensure_organisation(session, org_code, role, org_name, jurisdiction, owns)  # an organisation's kind is its role
    row = PrincipalRow(id=new_id(), name=name or f"{org.name} ({role})", role=role, org_code=org.code, created_at=now())
    session.add(row)
    session.flush()
    return _principal(row, org), _add_token(session, row.id, "api", expires)


def issue_for(
    session: Session, admin: Principal, role: str, org_code: str, *, name: str | None = None,
    org_name: str | None = None, jurisdiction: str | None = None, owns: str | None = None, days: int | None = None,
) -> tuple[Principal, str]:
    """An administrator issues a principal and its bearer token: the rule the API and the pages meet
    (`issue_token` alone is the start-up path, before any administrator exists)."""
    require_role(admin, "admin")
    return issue_token(session, role, org_code, name=name, org_name=org_name, jurisdiction=jurisdiction, owns=owns,
                       days=days)


def _add_token(session: Session, principal_id: str, purpose: str, expires: datetime) -> str:
    secret = _secret(LINK_PREFIX if purpose == "sign_in" else TOKEN_PREFIX)
    session.add(Token(token_hash=digest(secret), principal_id=principal_id, created_at=now(), expires_at=expires,
                      purpose=purpose))
    audit.record(session, principal_id, audit.Change(f"credential.issued.{purpose}", "principal", principal_id, None,
                                                     {"purpose": purpose, "expires_at": expires, "token": digest(secret)}))
    session.flush()
    return secret


def _principal(row: PrincipalRow, org: Organisation) -> Principal:
    return Principal(
        id=row.id, name=row.name, role=as_role(row.role),
        org_code=org.code, org_name=org.name, jurisdiction=org.jurisdiction,
    )


class LinkSpent(Unauthenticated):
    reason = "link_spent"


def _refused(why: str) -> Unauthenticated:
    return Unauthenticated(why, [Problem(["header", "Authorization"], why)])


# Live credentials this process recently looked up: digest -> (principal, expiry, when looked up).
# A school's client calls several times per form; each call need not read the token again. The
# expiry is checked on every call; a revocation made by this process forgets every entry at once
# (and again when it commits), one made by another process (PostgreSQL) counts within
# CREDENTIAL_CACHE_SECONDS.
CREDENTIAL_CACHE_SECONDS = 10.0
_CREDENTIAL_CACHE_SIZE = 100_000
_credentials: dict[str, tuple[Principal, datetime | None, float]] = {}
_credentials_lock = threading.Lock()


def _forget_credentials(session: Session | None = None) -> None:
    """Forget every remembered credential, now and, for `session`, again once it commits (a lookup
    racing the revocation must not keep the revoked token alive)."""
    with _credentials_lock:
        _credentials.clear()
    if session is not None and not event.contains(session, "after_commit", _forget_on_commit):
        event.listen(session, "after_commit", _forget_on_commit, once=True)


def _forget_on_commit(_session: Session) -> None:
    with _credentials_lock:
        _credentials.clear()


def remembered(token: str) -> Principal | None:
    """The principal of a live credential this process looked up within CREDENTIAL_CACHE_SECONDS,
    without the store; None when it must be looked up (`authenticate`)."""
    hit = _credentials.get(digest(token))
    if hit is not None and time.monotonic() - hit[2] < CREDENTIAL_CACHE_SECONDS and (hit[1] is None or hit[1] > now()):
        return hit[0]
    return None


def authenticate(session: Session, token: str) -> Principal:
    """The principal a bearer token or browser session belongs to; Unauthenticated if it is
    unknown, revoked or expired (a sign-in link is not a token: it is only spent at sign-in)."""
    known = remembered(token)
    if known is not None:
        return known
    key = digest(token)
    found = store.token_holder(session, key)
    if found is None or found[2].revoked_at is not None:
        raise _refused("unknown or revoked token")
    if found[2].expires_at is not None and found[2].expires_at <= now():
        raise _refused(f"token expired on {found[2].expires_at:%Y-%m-%d}; ask your administrator for a new one")
    principal = _principal(found[0], found[1])
    with _credentials_lock:
        if len(_credentials) >= _CREDENTIAL_CACHE_SIZE:
            _credentials.clear()
        _credentials[key] = (principal, found[2].expires_at, time.monotonic())
    return principal


def _org(session: Session, code: str) -> Organisation:
    org = store.organisation(session, code)
    assert org is not None  # a principal's organisation is a foreign key
    return org


def _get(session: Session, principal_id: str) -> PrincipalRow:
    row = store.principal(session, principal_id)
    if row is None:
        raise NotFound(f"no principal {principal_id}", [Problem(["path", "principal_id"], "unknown principal", principal_id)])
    return row


def revoke(session: Session, admin: Principal, *, principal_id: str | None = None, token: str | None = None) -> int:
    """Revoke a principal's every credential, or one token; return how many were still live."""
    require_role(admin, "admin")
    if principal_id is None and not token:
        raise InvalidInput("name a principal or a token to revoke", [Problem(["body"], "principal or token")])
    if principal_id is not None:
        _get(session, principal_id)
    elif store.token(session, digest(token or "")) is None:
        raise NotFound("no such token", [Problem(["body", "token"], "unknown token")])
    _forget_credentials(session)
    revoked = store.revoke_live(session, now(), principal_id=principal_id,
                                token_hash=None if principal_id is not None else digest(token or ""))
    audit.record(session, admin.id, audit.Change(
        "credential.revoked", "principal" if principal_id is not None else "token",
        principal_id or digest(token or ""), None, {"revoked": revoked}))
    session.flush()
    return revoked


def rotate(session: Session, admin: Principal, principal_id: str, days: int | None = None) -> str:
    """Revoke the principal's credentials and issue a new bearer token, at once."""
    require_role(admin, "admin")
    expires = _expiry(days)
    revoke(session, admin, principal_id=principal_id)
    return _add_token(session, principal_id, "api", expires)


def sign_in_link(session: Session, admin: Principal, principal_id: str, hours: int | None = None) -> tuple[str, datetime]:
    """A one-time sign-in code for the principal's browser, and when it expires."""
    require_role(admin, "admin")
    _get(session, principal_id)
    expires = now() + timedelta(hours=hours or settings().link_hours)
    return _add_token(session, principal_id, "sign_in", expires), expires


def link_url(code: str) -> str:
    return f"{settings().base_url}/web/sign-in/{code}"


def link_holder(session: Session, code: str) -> tuple[Principal, datetime]:
    """Whom a live sign-in link signs in, and until when, without spending it (a mail scanner
    that opens the link must not use it up)."""
    link = store.token(session, digest(code))
    if (link is None or link.purpose != "sign_in" or link.used_at is not None or link.revoked_at is not None
            or link.expires_at is None or link.expires_at <= now()):
        raise LinkSpent("this sign-in link was already used, has expired or was withdrawn",
                        [Problem(["path", "code"], "link used, expired or withdrawn")])
    row = _get(session, link.principal_id)
    return _principal(row, _org(session, row.org_code)), link.expires_at


def redeem(session: Session, code: str) -> tuple[Principal, str]:
    """Spend a sign-in link: the first use opens a browser session; a used, revoked or expired
    link opens nothing. The link is marked used by one conditional update, so two clicks racing
    cannot both succeed."""
    at = now()
    if not store.spend_link(session, digest(code), at):
        raise LinkSpent("this sign-in link was already used, has expired or was withdrawn",
                        [Problem(["path", "code"], "link used, expired or withdrawn")])
    link = store.token(session, digest(code))
    assert link is not None
    row = _get(session, link.principal_id)
    org = _org(session, row.org_code)
    session_token = _add_token(session, row.id, "web", at + timedelta(hours=settings().session_hours))
    return _principal(row, org), session_token


def end_session(session: Session, token: str) -> None:
    """Signing out ends a browser session a link opened; a bearer token pasted in stays valid (it
    is the principal's credential, revoked only by an administrator)."""
    _forget_credentials(session)
    store.end_web_session(session, digest(token), now())


@dataclass(frozen=True)
class PrincipalInfo:
    id: str
    name: str
    role: str
    org_code: str
    org_name: str
    jurisdiction: str | None
    created_at: datetime
    live_tokens: int
    expires_at: datetime | None  # the latest expiry of its live bearer tokens


def expiry_of(session: Session, secret: str) -> datetime:
    """When a credential just issued expires."""
    token = store.token(session, digest(secret))
    if token is None or token.expires_at is None:
        raise NotFound("no such credential", [Problem(["token"], "unknown")])
    return token.expires_at


def info(session: Session, admin: Principal, principal_id: str) -> PrincipalInfo:
    rows, _n = list_principals(session, admin, principal_id=principal_id, limit=1)
    if not rows:
        raise NotFound(f"no principal {principal_id}", [Problem(["path", "principal_id"], "unknown principal", principal_id)])
    return rows[0]


def list_principals(session: Session, admin: Principal, *, role: str | None = None, search: str | None = None,
                    principal_id: str | None = None, limit: int = 100, offset: int = 0,
                    ) -> tuple[list[PrincipalInfo], int]:
    """Principals with their organisation and live bearer tokens, newest first; `search` matches
    an organisation's code or name."""
    require_role(admin, "admin")
    rows, total = store.listed(session, now(), role=role, principal_id=principal_id,
                               search=search.strip() if search else None, limit=limit, offset=offset)
    return [PrincipalInfo(p.id, p.name, p.role, o.code, o.name, o.jurisdiction, p.created_at, n, until)
            for p, o, n, until in rows], total


@dataclass(frozen=True)
class SchoolCredential:
    school_code: str
    school_name: str
    region_code: str
    region_name: str
    principal_id: str
    token: str
    expires_at: datetime
    sign_in_link: str
    link_expires_at: datetime


def issue_school_credentials(session: Session, admin: Principal, *, region: str | None = None, days: int | None = None,
                             link_hours: int | None = None, rotate_existing: bool = False) -> list[SchoolCredential]:
    """A bearer token and a one-time sign-in link for every current school (under `region`, a
    code prefix): the schools' organisations and principals are created where missing, all in a
    few statements whatever the number of schools. With `rotate_existing`, the schools' earlier
    credentials are revoked."""
    require_role(admin, "admin")
    at = now()
    expires = _expiry(days)
    link_expires = at + timedelta(hours=link_hours or settings().link_hours)
    if region is not None and not (region.isdigit() and 2 <= len(region) <= 6):
        raise InvalidInput(f"region {region!r}: a region code or prefix of 2 to 6 digits",
                           [Problem(["body", "region"], "2 to 6 digits", region)])
    prefix = _prefix(region) if region else None
    rows = store.school_principals(session, prefix, at)
    if not rows:
        raise NotFound("no school in the store" + (f" under region {region}" if region else ""),
                       [Problem(["body", "region"], "no school", region)])
    if rotate_existing:
        _forget_credentials(session)
        store.revoke_school_tokens(session, prefix, at)
    tokens = [_secret(TOKEN_PREFIX) for _ in rows]
    links = [_secret(LINK_PREFIX) for _ in rows]
    staged = pa.table({
        "token_hash": pa.array([digest(t) for t in tokens + links], pa.string()),
        "principal_id": pa.array([str(r[4]) for r in rows] * 2, pa.string()),
        "purpose": pa.array(["api"] * len(rows) + ["sign_in"] * len(rows), pa.string()),
    })
    store.add_tokens(session, staged, at, {"api": expires, "sign_in": link_expires})
    session.flush()
    return [SchoolCredential(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), token, expires, link_url(link),
                             link_expires) for r, token, link in zip(rows, tokens, links, strict=True)]


def _prefix(region: str | None) -> str:
    from service.domain.authz import region_prefix

    return region_prefix(region) if region and len(region) == 6 else (region or "")


def local_admin(session: Session, days: int = 2) -> tuple[Principal, str]:
    """The credential a server issues at start-up for the CLI on the same machine to call it: an
    admin principal of the administration, its token kept in a file only this user can read."""
    org = store.organisation(session, "admin") or ensure_organisation(session, "admin", "admin", "CollectOnce administration")
    row = store.principal(session, "local-cli")
    if row is None:
        row = PrincipalRow(id="local-cli", name="command line on the server's machine", role="admin",
                           org_code=org.code, created_at=now())
        session.add(row)
        session.flush()
    return _principal(row, org), _add_token(session, row.id, "api", now() + timedelta(days=days))
