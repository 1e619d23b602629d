"""Scopes: which schools a request (or an approval) reaches.

A school is in a scope when it lies in one of the regions (by code prefix) or is listed by code,
and, where given, its type is one of `school_types` and its urban/rural class starts with one of
`urban_rural` ("1" urban, "2" rural, "12" town...). A scope with neither regions nor schools means
the whole jurisdiction of the department. `scope_filter` is the one place that turns a scope into
SQL; containment and overlap are counted on the store's schools, set-based.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import ColumnElement, and_, false, func, or_, select, true
from sqlalchemy.orm import Session
from sqlmodel import col

from service.domain.authz import region_prefix
from service.domain.errors import InvalidInput, Problem
from service.store.records import for_reference, valid_at
from service.store.sqltext import one_of
from service.store.tables import School


class Scope(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # Bounds: every county of the country, every school of the country; type and class lists are short.
    regions: list[str] = Field(default=[], max_length=5000, description="region codes (6 digits) or code prefixes")
    school_types: list[Annotated[str, Field(max_length=10)]] = Field(default=[], max_length=200,
                                                                      description="school type codes, e.g. 211")
    urban_rural: list[Annotated[str, Field(pattern=r"^\d{1,3}$")]] = Field(
        default=[], max_length=50, description="urban/rural codes or prefixes: 1 urban, 2 rural")
    schools: list[str] = Field(default=[], max_length=600_000, description="explicit 10-digit school codes")

    @field_validator("regions")
    @classmethod
    def _regions(cls, v: list[str]) -> list[str]:
        for code in v:
            if not (code.isdigit() and 2 <= len(code) <= 6):
                raise ValueError(f"region {code!r}: a region code or prefix of 2 to 6 digits")
        return sorted({region_prefix(c) if len(c) == 6 else c for c in v})

    @field_validator("schools")
    @classmethod
    def _schools(cls, v: list[str]) -> list[str]:
        for code in v:
            if not (code.isdigit() and len(code) == 10):
                raise ValueError(f"school {code!r}: a 10-digit school code")
        return sorted(set(v))

    @field_validator("school_types", "urban_rural")
    @classmethod
    def _sorted(cls, v: list[str]) -> list[str]:
        return sorted(set(v))

    def to_json(self) -> str:
        return json.dumps(self.model_dump(), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Scope:
        return cls.model_validate_json(text)

    def within_jurisdiction(self, jurisdiction: str | None) -> Scope:
        """The scope itself, or the whole jurisdiction if it names no regions and no schools."""
        if self.regions or self.schools or jurisdiction is None:
            return self
        return self.model_copy(update={"regions": [region_prefix(jurisdiction)]})


def scope_filter(scope: Scope) -> ColumnElement[bool]:
    """SQL condition on `school` rows that are in `scope`."""
    reach = [col(School.region_code).startswith(p) for p in scope.regions]
    if scope.schools:
        reach.append(one_of(col(School.code), scope.schools))
    conds: list[ColumnElement[bool]] = [or_(*reach) if reach else false()]
    if scope.school_types:
        conds.append(one_of(col(School.school_type), scope.school_types))
    if scope.urban_rural:
        conds.append(or_(*[col(School.urban_rural).startswith(u) for u in scope.urban_rural]))
    return and_(*conds) if conds else true()


def count_in(session: Session, *scopes: Scope, reference: date) -> int:
    """How many schools, as they stood on `reference`, lie in every one of `scopes` (their intersection)."""
    conds = [scope_filter(s) for s in scopes]
    return session.scalar(select(func.count()).select_from(School).where(for_reference(School, reference), *conds)) or 0


def outside(session: Session, inner: Scope, outer: Scope, limit: int | None = 20) -> list[str]:
    """Current schools in `inner` but not in `outer` (empty: `outer` contains `inner`)."""
    return list(session.scalars(
        select(School.code).where(  # type: ignore[call-overload]
            valid_at(School, None), scope_filter(inner), ~scope_filter(outer)
        ).order_by(School.code).limit(limit)
    ))


def require_within_jurisdiction(session: Session, scope: Scope, jurisdiction: str | None, loc: list[str | int]) -> None:
    """Every region of the scope, and every school it lists, lies inside `jurisdiction`."""
    if jurisdiction is None:
        return
    prefix = region_prefix(jurisdiction)
    problems = [
        Problem([*loc, "regions", i], f"region {r} is outside the jurisdiction {jurisdiction}", r, code="region_outside",
                params={"region": r, "jurisdiction": jurisdiction})
        for i, r in enumerate(scope.regions) if not r.startswith(prefix)
    ]
    if scope.schools:
        known = dict(session.execute(
            select(col(School.code), col(School.region_code)).where(valid_at(School, None), one_of(col(School.code), scope.schools))
        ).all())
        for i, code in enumerate(scope.schools):
            if code not in known:
                problems.append(Problem([*loc, "schools", i], f"no school {code} in the store", code, code="unknown_school",
                                        params={"school": code}))
            elif not known[code].startswith(prefix):
                problems.append(Problem([*loc, "schools", i], f"school {code} is outside the jurisdiction {jurisdiction}", code,
                                        code="school_outside", params={"school": code, "jurisdiction": jurisdiction}))
    if problems:
        raise InvalidInput("the scope reaches outside the jurisdiction or names unknown schools", problems)
