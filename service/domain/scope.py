"""Scopes: which schools a request (or an approval) reaches.

A school is in a scope when it lies in one of the regions (by code prefix) or is listed by code,
and, where given, its type is one of `school_types` and its urban/rural class starts with one of
`urban_rural` ("1" urban, "2" rural, "12" town...). A scope with neither regions nor schools means
the whole jurisdiction of the department. service/store/scope.py is the one place that turns a
scope into SQL; containment and overlap are counted on the store's schools, set-based.
"""

from __future__ import annotations

import json
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.orm import Session

from service.domain.authz import region_prefix
from service.domain.errors import InvalidInput, Problem
from service.store import scope as store


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
        known = store.school_regions(session, scope.schools)
        for i, code in enumerate(scope.schools):
            if code not in known:
                problems.append(Problem([*loc, "schools", i], f"no school {code} in the store", code, code="unknown_school",
                                        params={"school": code}))
            elif not known[code].startswith(prefix):
                problems.append(Problem([*loc, "schools", i], f"school {code} is outside the jurisdiction {jurisdiction}", code,
                                        code="school_outside", params={"school": code, "jurisdiction": jurisdiction}))
    if problems:
        raise InvalidInput("the scope reaches outside the jurisdiction or names unknown schools", problems)
