"""Authorisation by role, organisation and jurisdiction: the one place these rules live.

Departments and offices see what lies inside their jurisdiction (a region code: province, city
or county); a school sees only itself; an admin sees everything. Who sees sensitive-personal
values (national ID numbers) in clear is decided in service/domain/disclosure.py.

Refusals: an object the caller may not know of (another school's form or teacher, another
department's request, a school outside the jurisdiction) is answered 404 Not Found, exactly as one
that does not exist; 403 Forbidden is kept for what the caller may see but not do (a role that
cannot make this call at all, an office reading a request it may not change).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from service.domain.errors import Forbidden, Problem

Role = Literal["admin", "department", "statistics_office", "education_office", "school"]
ROLES: tuple[Role, ...] = ("admin", "department", "statistics_office", "education_office", "school")


def as_role(name: str) -> Role:
    """A role named in the store or by a caller; ValueError for any other word."""
    for role in ROLES:
        if role == name:
            return role
    raise ValueError(f"unknown role {name!r}")


@dataclass(frozen=True)
class Principal:
    id: str
    name: str
    role: Role
    org_code: str
    org_name: str
    jurisdiction: str | None  # region code; for a school, its county


NATIONAL = "000000"


def region_prefix(code: str) -> str:
    """The prefix all codes under a region share: 430000 -> 43, 430100 -> 4301, 430102 -> 430102;
    000000 is the whole country (the jurisdiction of national bodies): every code."""
    if code == NATIONAL:
        return ""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def within(region_code: str, jurisdiction: str) -> bool:
    return region_code.startswith(region_prefix(jurisdiction))


def require_role(principal: Principal, *roles: Role) -> None:
    if principal.role not in roles:
        raise Forbidden(
            f"role {principal.role} may not do this; needs {' or '.join(roles)}",
            [Problem(["principal", "role"], f"needs {' or '.join(roles)}")],
        )


def school_filter_for(principal: Principal) -> tuple[str | None, str | None]:
    """(school code, region prefix) limiting which schools a principal may read; None = no limit."""
    if principal.role == "admin":
        return None, None
    if principal.role == "school":
        return principal.org_code, None
    if principal.jurisdiction is None:
        raise Forbidden(f"organisation {principal.org_code} has no jurisdiction")
    return None, region_prefix(principal.jurisdiction)


def may_see_school(principal: Principal, school_code: str, region_code: str) -> bool:
    """A school sees only itself; departments and offices only schools in their jurisdiction.
    Callers answer a school (or its teacher) out of reach exactly as a missing one: 404, so that
    what lies outside one's reach cannot be probed."""
    code, prefix = school_filter_for(principal)
    return not ((code is not None and code != school_code) or (prefix is not None and not region_code.startswith(prefix)))
