"""Administration over HTTP: principals and their credentials, and regions. The CLI calls these
when a server holds the store (DuckDB lets one process write), so administration goes on while
the service runs."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel, ConfigDict, Field

from connectors.base import UnreadableFile, importer_for
from service.api.deps import PrincipalDep, SessionDep
from service.api.models import Page
from service.domain import imports, principals
from service.domain.authz import Role, require_role
from service.domain.dates import Stamp
from service.domain.errors import InvalidInput, Problem

router = APIRouter(prefix="/v1/admin", tags=["administration"])
Days = Annotated[int | None, Field(default=None, ge=1, le=3650, description="days the token lasts (default: the server's setting)")]


class PrincipalOut(BaseModel):
    id: str
    name: str
    role: str
    org_code: str
    org_name: str
    jurisdiction: str | None
    created_at: Stamp
    live_tokens: int
    expires_at: Stamp | None


class PrincipalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Role
    org: str = Field(min_length=1, max_length=64, description="organisation code; a school's is its 10-digit code")
    org_name: str | None = Field(default=None, max_length=200, description="required when the organisation is new")
    jurisdiction: str | None = Field(default=None, pattern=r"^\d{6}$",
                                     description="region code; required when a department or office is new")
    name: str | None = Field(default=None, max_length=200, description="the principal's own name")
    owns: str | None = Field(default=None, max_length=200, description="dictionary owners it answers for")
    days: Days = None


class IssuedOut(BaseModel):
    principal: PrincipalOut | None = None
    principal_id: str
    token: str = Field(description="shown once; stored only as a digest")
    expires_at: Stamp


class DaysIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    days: Days = None


class LinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    hours: int | None = Field(default=None, ge=1, le=24 * 30, description="hours the link lasts")


class LinkOut(BaseModel):
    principal_id: str
    url: str = Field(description="opens one browser session, once")
    expires_at: Stamp


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(min_length=1, max_length=200)


class RevokedOut(BaseModel):
    revoked: int = Field(description="credentials that were live and are now revoked")


class SchoolCredentialsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    region: str | None = Field(default=None, pattern=r"^\d{2,6}$", description="only schools under this region")
    days: Days = None
    link_hours: int | None = Field(default=None, ge=1, le=24 * 30)
    rotate: bool = Field(default=False, description="revoke the schools' earlier credentials")


class SchoolCredentialOut(BaseModel):
    school_code: str
    school_name: str
    region_code: str
    region_name: str
    principal_id: str
    token: str
    expires_at: Stamp
    sign_in_link: str
    link_expires_at: Stamp


def _out(p: principals.PrincipalInfo) -> PrincipalOut:
    return PrincipalOut.model_validate(p, from_attributes=True)


@router.get("/principals", response_model=Page[PrincipalOut])
def list_principals(
    session: SessionDep, me: PrincipalDep, role: Role | None = None,
    search: Annotated[str | None, Query(max_length=100, description="organisation code or name")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Page[PrincipalOut]:
    rows, total = principals.list_principals(session, me, role=role, search=search, limit=limit, offset=offset)
    return Page(items=[_out(p) for p in rows], total=total, limit=limit, offset=offset)


@router.post("/principals", response_model=IssuedOut, status_code=201)
def issue(session: SessionDep, me: PrincipalDep, body: PrincipalIn) -> IssuedOut:
    """A new principal for an organisation, with its bearer token. A new department or office
    needs `org_name` and `jurisdiction`."""
    p, token = principals.issue_for(session, me, body.role, body.org, name=body.name, org_name=body.org_name,
                                    jurisdiction=body.jurisdiction, owns=body.owns, days=body.days)
    info = principals.info(session, me, p.id)
    return IssuedOut(principal=_out(info), principal_id=p.id, token=token, expires_at=principals.expiry_of(session, token))


@router.post("/principals/{principal_id}/revocation", response_model=RevokedOut)
def revoke_principal(session: SessionDep, me: PrincipalDep, principal_id: str) -> RevokedOut:
    """Revoke every credential of the principal: tokens, browser sessions, unused sign-in links."""
    return RevokedOut(revoked=principals.revoke(session, me, principal_id=principal_id))


@router.post("/tokens/revocation", response_model=RevokedOut)
def revoke_token(session: SessionDep, me: PrincipalDep, body: TokenIn) -> RevokedOut:
    return RevokedOut(revoked=principals.revoke(session, me, token=body.token))


@router.post("/principals/{principal_id}/rotation", response_model=IssuedOut)
def rotate(session: SessionDep, me: PrincipalDep, principal_id: str, body: DaysIn) -> IssuedOut:
    """Revoke the principal's credentials and issue a new bearer token."""
    token = principals.rotate(session, me, principal_id, body.days)
    return IssuedOut(principal_id=principal_id, token=token, expires_at=principals.expiry_of(session, token))


@router.post("/principals/{principal_id}/sign-in-links", response_model=LinkOut, status_code=201)
def sign_in_link(session: SessionDep, me: PrincipalDep, principal_id: str, body: LinkIn) -> LinkOut:
    """A one-time link that opens the web pages as this principal (expires; spent on first use)."""
    code, expires = principals.sign_in_link(session, me, principal_id, body.hours)
    return LinkOut(principal_id=principal_id, url=principals.link_url(code), expires_at=expires)


@router.post("/credentials/schools", response_model=list[SchoolCredentialOut])
def school_credentials(session: SessionDep, me: PrincipalDep, body: SchoolCredentialsIn) -> list[SchoolCredentialOut]:
    """A bearer token and a one-time sign-in link for every school (or those under `region`)."""
    creds = principals.issue_school_credentials(session, me, region=body.region, days=body.days,
                                                link_hours=body.link_hours, rotate_existing=body.rotate)
    return [SchoolCredentialOut.model_validate(c, from_attributes=True) for c in creds]


class RegionsOut(BaseModel):
    rows: int


@router.post("/regions", response_model=RegionsOut)
def import_regions(session: SessionDep, me: PrincipalDep,
                   file: Annotated[UploadFile, File(description="CSV: code, name, parent_code, level")]) -> RegionsOut:
    """Upsert administrative divisions."""
    require_role(me, "admin")
    name = imports.upload_name(file.filename, "regions")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{Path(name).suffix}"  # never the client's name: ".." is not a path of ours
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out)
        try:
            table = importer_for(name).read(path)
        except UnreadableFile as exc:
            raise InvalidInput(str(exc), [Problem(["file"], str(exc))]) from exc
    return RegionsOut(rows=imports.import_regions(session, me, table))

