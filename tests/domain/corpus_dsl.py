"""The corpus notation of docs/definitions.md (`new`, `field(key)`, `count(cond; cond; ...)`) and the
service's `definition` JSON, both read into one canonical, hashable form, so that an expected
definition and a returned one compare equal exactly when they mean the same thing.

Canonical form of a count: one condition per teacher field (conditions on the same field are
intersected); a code condition is the frozenset of codes allowed (a negation becomes its
complement within the field's code list); a range is inclusive integer bounds (`age<35` is
max 34). Conditions that allow everything are dropped; a count no teacher can satisfy is
`Count.empty()`, whatever the wording that produced it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from service.domain.dictionary import Dictionary, dictionary

# Per-teacher values derived on the reference date (whole years): notation name -> field key.
RANGE_FIELDS = {"age": "teacher.age", "years": "teacher.teaching_years"}
DERIVED_VALUES = frozenset(RANGE_FIELDS.values())


class DslError(ValueError):
    """The text is not in the notation, or names a field or code the dictionary does not have."""


@dataclass(frozen=True)
class Range:
    """Inclusive whole-number bounds; None is unbounded."""

    min: int | None
    max: int | None


Constraint = frozenset[str] | Range


@dataclass(frozen=True)
class Value:
    """A stored or derived value: `field(school.address)`, `field(teacher.age)`."""

    key: str


@dataclass(frozen=True)
class Count:
    """A number of teacher records: conditions sorted by field key, vacuous ones dropped."""

    conditions: tuple[tuple[str, Constraint], ...]
    unsatisfiable: bool = False

    @staticmethod
    def empty() -> Count:
        return Count((), unsatisfiable=True)

    def condition(self, key: str) -> Constraint | None:
        return dict(self.conditions).get(key)


# `None` is `new`: the records cannot answer the wording.
Canonical = Value | Count | None


def code_fields(d: Dictionary | None = None) -> dict[str, frozenset[str]]:
    """Teacher fields a count may filter on by code, with every code of their code list."""
    d = d or dictionary()
    out: dict[str, frozenset[str]] = {}
    for f in d.entity_fields("teacher"):
        cl = d.code_list_for(f)
        if cl is not None:
            out[f.key] = frozenset(cl.code_values)
    return out


def _field_key(name: str, codes: Mapping[str, frozenset[str]]) -> str:
    name = name.strip()
    if name in RANGE_FIELDS:
        return RANGE_FIELDS[name]
    key = name if name.startswith("teacher.") else f"teacher.{name}"
    if key in codes or key in DERIVED_VALUES:
        return key
    raise DslError(f"unknown count field {name!r}")


def _canonical_count(conds: Iterable[tuple[str, Constraint]], codes: Mapping[str, frozenset[str]]) -> Count:
    """Intersect conditions per field, then drop those that allow everything."""
    merged: dict[str, Constraint] = {}
    for key, cond in conds:
        prev = merged.get(key)
        if prev is None:
            merged[key] = cond
        elif isinstance(prev, Range) and isinstance(cond, Range):
            lo = [b for b in (prev.min, cond.min) if b is not None]
            hi = [b for b in (prev.max, cond.max) if b is not None]
            merged[key] = Range(max(lo) if lo else None, min(hi) if hi else None)
        elif isinstance(prev, frozenset) and isinstance(cond, frozenset):
            merged[key] = prev & cond
        else:
            raise DslError(f"{key} is filtered both by codes and by a range")
    out: list[tuple[str, Constraint]] = []
    for key, given in sorted(merged.items()):
        c: Constraint = given
        if isinstance(given, Range):
            # Ages and years are whole and never negative: a lower bound of 0 bounds nothing.
            c = Range(given.min if given.min is not None and given.min > 0 else None, given.max)
            if c.max is not None and c.max < (c.min or 0):
                return Count.empty()
            if c.min is None and c.max is None:
                continue
        else:
            if not given:
                return Count.empty()
            if given == codes[key]:
                continue
        out.append((key, c))
    return Count(tuple(out))


_COND = re.compile(r"^\s*([a-z_.]+)\s*(!=|<=|>=|=|<|>)\s*(.+?)\s*$")
_INT = re.compile(r"^\d+$")


def _range(op: str, text: str) -> Range:
    if op == "=":
        lo, sep, hi = text.partition("..")
        if not (_INT.match(lo) and (not sep or _INT.match(hi))):
            raise DslError(f"not a whole number or range: {text!r}")
        return Range(int(lo), int(hi) if sep else int(lo))
    if not _INT.match(text):
        raise DslError(f"not a whole number: {text!r}")
    n = int(text)
    return {"<": Range(None, n - 1), "<=": Range(None, n), ">": Range(n + 1, None), ">=": Range(n, None)}[op]


def _codes(key: str, text: str, codes: Mapping[str, frozenset[str]]) -> frozenset[str]:
    given = frozenset(c.strip() for c in text.split("|"))
    unknown = given - codes[key]
    if unknown or "" in given:
        raise DslError(f"codes {sorted(unknown)} are not in the code list of {key}")
    return given


def parse_condition(text: str, codes: Mapping[str, frozenset[str]]) -> tuple[str, Constraint]:
    """One condition of `count(...)`: `gender=2`, `education!=41|61|71`, `age<35`, `years=5..9`."""
    m = _COND.match(text)
    if not m:
        raise DslError(f"not a condition: {text!r}")
    name, op, rhs = m.groups()
    key = _field_key(name, codes)
    if key in DERIVED_VALUES:
        if op == "!=":
            raise DslError(f"{name}: a range takes <, <=, >, >= or =a..b, not !=")
        return key, _range(op, rhs)
    if op not in ("=", "!="):
        raise DslError(f"{name}: codes take = or !=, not {op}")
    allowed = _codes(key, rhs, codes)
    return key, allowed if op == "=" else codes[key] - allowed


def parse(text: str, d: Dictionary | None = None) -> Canonical:
    """Read one expectation of the corpus into its canonical form."""
    d = d or dictionary()
    s = text.strip()
    if s == "new":
        return None
    if s.startswith("field(") and s.endswith(")"):
        key = s[len("field("):-1].strip()
        f = d.get(key)
        if key not in DERIVED_VALUES and (f is None or f.is_indicator):
            raise DslError(f"field({key}): not a stored field of the dictionary nor a derived value")
        return Value(key)
    if s.startswith("count(") and s.endswith(")"):
        body = s[len("count("):-1]
        codes = code_fields(d)
        conds = [parse_condition(part, codes) for part in body.split(";") if part.strip()]
        return _canonical_count(conds, codes)
    raise DslError(f"not new, field(...) or count(...): {text!r}")


def from_definition(obj: Mapping[str, Any] | None, d: Dictionary | None = None) -> Canonical:
    """The service's `definition` object (docs/definitions.md) in canonical form; null is `new`."""
    if obj is None:
        return None
    d = d or dictionary()
    measure = obj.get("measure")
    if measure == "value":
        key = obj.get("field")
        if not isinstance(key, str):
            raise DslError("a value definition names its field")
        return Value(key)
    if measure != "count" or obj.get("entity") != "school":
        raise DslError(f"not a school count nor a value: {dict(obj)!r}")
    codes = code_fields(d)
    conds: list[tuple[str, Constraint]] = []
    for flt in obj.get("filters") or []:
        key = flt.get("field")
        if key in DERIVED_VALUES:
            conds.append((key, Range(flt.get("min"), flt.get("max"))))
        elif key in codes:  # an absent list and a null one say the same: no condition
            if flt.get("in") is not None:
                conds.append((key, frozenset(flt["in"])))
            if flt.get("not_in") is not None:
                conds.append((key, codes[key] - frozenset(flt["not_in"])))
        else:
            raise DslError(f"filter on unknown field {key!r}")
    return _canonical_count(conds, codes)


def from_key(key: str | None, d: Dictionary | None = None) -> Canonical:
    """What a dictionary key names: a stored field's value, or an indicator's count. Keys the
    dictionary does not hold (custom fields, no key) are `new`."""
    d = d or dictionary()
    f = d.get(key or "")
    if f is None:
        return None
    spec = f.indicator
    if spec is None:
        return Value(f.key)
    codes = code_fields(d)
    conds: list[tuple[str, Constraint]] = [(k, frozenset(v)) for k, v in spec.population.items()]
    code = spec.breakdown_code
    if spec.breakdown_field is not None and code is not None:
        if spec.breakdown_field == "teacher.birth_date":  # age bands carry their bounds
            conds.append(("teacher.age", Range(code.min, code.max)))
        else:
            conds.append((spec.breakdown_field, frozenset({code.code})))
    return _canonical_count(conds, codes)


def render(c: Canonical) -> str:
    """The canonical form written back in the notation (positive code sets, inclusive ranges)."""
    if c is None:
        return "new"
    if isinstance(c, Value):
        return f"field({c.key})"
    if c.unsatisfiable:
        return "count(<unsatisfiable>)"
    short = {v: k for k, v in RANGE_FIELDS.items()}
    parts = []
    for key, cons in c.conditions:
        name = short.get(key, key.removeprefix("teacher."))
        if isinstance(cons, Range):
            if cons.min is None:
                parts.append(f"{name}<={cons.max}")
            elif cons.max is None:
                parts.append(f"{name}>={cons.min}")
            else:
                parts.append(f"{name}={cons.min}..{cons.max}")
        else:
            parts.append(f"{name}={'|'.join(sorted(cons))}")
    return f"count({'; '.join(parts)})"
