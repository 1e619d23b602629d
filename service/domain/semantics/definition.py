"""The canonical definition of a field, and the key that names it.

A definition says what a cell means, whatever its wording: the entity the value sits on (a school,
or a teacher on a roster), the measure (a stored or derived `value` of one field, or a `count` of
teacher records) and, for counts, a conjunction of filters over teacher fields: code sets, negated
code sets, and inclusive ranges of the derived whole-year values `teacher.age` and
`teacher.teaching_years` on the reference date.

Definitions are normalised (one filter per field, codes sorted, a code set stored as the shorter of
itself and its complement, ranges as inclusive integer bounds, the status always named), so the
same meaning gives the same bytes and the same key. The key parses back without the database:
`school.count(gender=2;post_type=1;status=1;age=..34)`; a definition equal to a dictionary indicator
is named by that indicator's key (`school.ft_teachers.gender.female`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from service.domain.dictionary import Dictionary, Field

Entity = Literal["school", "teacher"]
Measure = Literal["value", "count"]

# Per-teacher values derived from records on the reference date, in whole years.
DERIVED = {"teacher.age": "teacher.birth_date", "teacher.teaching_years": "teacher.teaching_start"}
RANGE_FIELDS = ("teacher.age", "teacher.teaching_years")
# Short names used in keys; the corpus notation uses the same ("years" for teaching years).
_SHORT = {"teacher.teaching_years": "years"}
_LONG = {"years": "teacher.teaching_years"}
# Bounds a whole-year value can take; a range beyond them is refused as meaningless.
RANGE_LIMITS = {"teacher.age": (0, 120), "teacher.teaching_years": (0, 80)}
# Filters print in this order in words and keys: population first, then the attributes.
ORDER = ("teacher.post_type", "teacher.status", "teacher.establishment", "teacher.gender", "teacher.ethnicity",
         "teacher.education", "teacher.title", "teacher.subject", "teacher.age", "teacher.teaching_years")


# Code lists ordered highest first, and the codes outside the order: "本科及以上" is bachelor's and
# every code before it in the list; an unranked title is no rank.
RANKED: dict[str, tuple[str, ...]] = {"teacher.education": (), "teacher.title": ("9",)}
# Codes of one level in a ranked list: 中专 and 普通高中 are both upper secondary (高中阶段), so
# "高中及以下" takes in 中专 and "中专以上（不含）" leaves out 高中.
LEVELS: dict[str, tuple[frozenset[str], ...]] = {"teacher.education": (frozenset({"41", "61"}),)}


def ranking(d: Dictionary, name: str) -> list[str] | None:
    """The ranked codes of `name`, highest first; None for fields without a rank."""
    if name not in RANKED:
        return None
    return [c for c in codes_of(d, name) if c not in RANKED[name]]


class DefinitionError(ValueError):
    """A definition (or key) that names no countable set: unknown field, code, or an empty set."""


@dataclass(frozen=True)
class Filter:
    """One condition on a teacher field: a code set (`codes`, negated when `negated`) or a range."""

    field: str
    codes: tuple[str, ...] = ()
    negated: bool = False
    min: int | None = None
    max: int | None = None

    @property
    def is_range(self) -> bool:
        return self.field in RANGE_FIELDS

    def to_json(self) -> dict[str, Any]:
        if self.is_range:
            return {"field": self.field, "min": self.min, "max": self.max}
        return {"field": self.field, "not_in" if self.negated else "in": list(self.codes)}

    def notation(self) -> str:
        name = _SHORT.get(self.field, self.field.removeprefix("teacher."))
        if self.is_range:
            lo = "" if self.min is None else str(self.min)
            hi = "" if self.max is None else str(self.max)
            return f"{name}={lo}..{hi}"
        return f"{name}{'!=' if self.negated else '='}{','.join(self.codes)}"

    def allows(self, value: Any) -> bool:
        """Whether one teacher's value passes (None never does): the rule the SQL mirrors."""
        if value is None:
            return False
        if self.is_range:
            return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)
        return (str(value) in self.codes) != self.negated


@dataclass(frozen=True)
class Definition:
    entity: Entity
    measure: Measure
    field: str | None = None
    filters: tuple[Filter, ...] = ()

    def filter_on(self, name: str) -> Filter | None:
        return next((f for f in self.filters if f.field == name), None)

    def notation(self) -> str:
        """The canonical key text of a count: `school.count(...)`; a value's key is its field."""
        if self.measure == "value":
            return self.field or ""
        return f"{self.entity}.count({';'.join(f.notation() for f in self.filters)})"

    def to_json(self) -> dict[str, Any]:
        return {"entity": self.entity, "measure": self.measure, "field": self.field,
                "filters": [f.to_json() for f in self.filters]}

    def without(self, name: str) -> Definition:
        return Definition(self.entity, self.measure, self.field, tuple(f for f in self.filters if f.field != name))


def teacher_code_fields(d: Dictionary) -> dict[str, Field]:
    """Teacher fields a count can filter by code: the enums of the teacher record (shared: read only)."""
    return d.derived(_teacher_code_fields)


def _teacher_code_fields(d: Dictionary) -> dict[str, Field]:
    return {k: f for k, f in d.fields.items() if f.entity == "teacher" and f.type == "enum" and not f.is_indicator}


def codes_of(d: Dictionary, name: str) -> list[str]:
    f = teacher_code_fields(d).get(name)
    if f is None or f.code_list is None:
        raise DefinitionError(f"{name} is not a teacher field a count can filter by")
    return d.code_lists[f.code_list].code_values


def code_filter(d: Dictionary, name: str, allowed: Iterable[str]) -> Filter | None:
    """The canonical filter admitting exactly `allowed` codes of `name`: the shorter of the set and
    its complement (the set on a tie), in code-list order; None when every code is allowed, except
    for the status, which a count always names (no status named means active)."""
    codes = codes_of(d, name)
    allowed_set = set(allowed)
    unknown = allowed_set - set(codes)
    if unknown:
        raise DefinitionError(f"{name} has no code(s) {', '.join(sorted(unknown))}")
    if not allowed_set:
        raise DefinitionError(f"no value of {name} is allowed: the count would always be 0")
    inside = tuple(c for c in codes if c in allowed_set)
    outside = tuple(c for c in codes if c not in allowed_set)
    if not outside:
        return Filter(name, inside) if name == "teacher.status" else None
    if len(outside) < len(inside) and name != "teacher.status":
        return Filter(name, outside, negated=True)
    return Filter(name, inside)


def allowed_codes(d: Dictionary, f: Filter) -> set[str]:
    codes = codes_of(d, f.field)
    return {c for c in codes if (c in f.codes) != f.negated}


def admitted(d: Dictionary, defn: Definition, name: str) -> set[str]:
    """The codes of `name` a count admits: those its filter on `name` allows, every code without one."""
    f = next((f for f in defn.filters if f.field == name), None)
    return allowed_codes(d, f) if f is not None else set(codes_of(d, name))


def apart_on(a: Definition, b: Definition) -> str | None:
    """The one field two counts filter differently ("女" beside "合计": the gender); None when
    they differ on none or on more than one."""
    x, y = ({f.field: f for f in defn.filters} for defn in (a, b))
    differ = {n for n in x.keys() | y.keys() if x.get(n) != y.get(n)}
    return differ.pop() if len(differ) == 1 else None


def range_filter(name: str, lo: int | None, hi: int | None) -> Filter | None:
    limit_lo, limit_hi = RANGE_LIMITS[name]
    if lo is not None and lo <= limit_lo:
        lo = None
    if (lo is not None and lo > limit_hi) or (hi is not None and hi < limit_lo):
        raise DefinitionError(f"{name} {lo}..{hi} is outside what a teacher's record can hold")
    if lo is not None and hi is not None and lo > hi:
        raise DefinitionError(f"{name} from {lo} to {hi} is empty")
    if lo is None and hi is None:
        return None
    return Filter(name, min=lo, max=hi)


def count(d: Dictionary, conditions: Iterable[Filter], entity: Entity = "school") -> Definition:
    """A normalised count: conditions on one field intersect, active status is implied when no
    status is named, and filters come in ORDER."""
    by_field: dict[str, Filter] = {}
    for c in conditions:
        known = by_field.get(c.field)
        by_field[c.field] = c if known is None else _intersect(d, known, c)
    if "teacher.status" not in by_field:
        by_field["teacher.status"] = Filter("teacher.status", ("1",))
    out: list[Filter] = []
    for name in sorted(by_field, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n)):
        c = by_field[name]
        canon = (range_filter(name, c.min, c.max) if name in RANGE_FIELDS
                 else code_filter(d, name, allowed_codes(d, c)))
        if canon is not None:
            out.append(canon)
    return Definition(entity, "count", None, tuple(out))


def _intersect(d: Dictionary, a: Filter, b: Filter) -> Filter:
    if a.is_range:
        lo = max((x for x in (a.min, b.min) if x is not None), default=None)
        hi = min((x for x in (a.max, b.max) if x is not None), default=None)
        if lo is not None and hi is not None and lo > hi:
            raise DefinitionError(f"{a.field} ranges {a.notation()} and {b.notation()} do not meet")
        return Filter(a.field, min=lo, max=hi)
    both = allowed_codes(d, a) & allowed_codes(d, b)
    if not both:
        raise DefinitionError(f"{a.notation()} and {b.notation()} exclude each other")
    return Filter(a.field, tuple(sorted(both)))


def value(name: str, entity: Entity) -> Definition:
    return Definition(entity, "value", name, ())


# --- keys ---------------------------------------------------------------------------------------

_COUNT_KEY = re.compile(r"^(school)\.count\((.*)\)$")
_CONDITION = re.compile(r"^([a-z_]+)(!=|=)([^=!]*)$")


def parse_key(key: str, d: Dictionary) -> Definition:
    """The definition a count key names, normalised; DefinitionError when it names none."""
    m = _COUNT_KEY.match(key.strip())
    if m is None:
        raise DefinitionError(f"{key!r} is not a count key (school.count(...))")
    conditions: list[Filter] = []
    for part in filter(None, (p.strip() for p in m.group(2).split(";"))):
        c = _CONDITION.match(part)
        if c is None:
            raise DefinitionError(f"cannot read condition {part!r}")
        name, op, rhs = c.groups()
        full = _LONG.get(name, f"teacher.{name}")
        if full in RANGE_FIELDS:
            lo, sep, hi = rhs.partition("..")
            if op != "=" or not sep or not all(x.isdigit() for x in (lo, hi) if x):
                raise DefinitionError(f"a range is written {name}=lo..hi, not {part!r}")
            conditions.append(Filter(full, min=int(lo) if lo else None, max=int(hi) if hi else None))
        else:
            codes = tuple(x.strip() for x in rhs.split(",") if x.strip())
            allowed = set(codes_of(d, full)) - set(codes) if op == "!=" else set(codes)
            if op == "!=":
                _check_codes(d, full, codes)
            conditions.append(Filter(full, tuple(sorted(allowed))))
    return count(d, conditions)


def _check_codes(d: Dictionary, name: str, codes: Iterable[str]) -> None:
    unknown = set(codes) - set(codes_of(d, name))
    if unknown:
        raise DefinitionError(f"{name} has no code(s) {', '.join(sorted(unknown))}")


def from_json(data: dict[str, Any], d: Dictionary) -> Definition:
    """A definition sent by a department (the analysis' own shape, words ignored), normalised."""
    entity, measure = data.get("entity"), data.get("measure")
    if measure == "value":
        name = data.get("field")
        if not isinstance(name, str) or not (name in d.fields or name in DERIVED):
            raise DefinitionError(f"unknown field {name!r}")
        f_entity = name.split(".", 1)[0]
        if entity not in (None, f_entity):
            raise DefinitionError(f"{name} is a {f_entity} field, not a {entity} one")
        return value(name, f_entity)  # type: ignore[arg-type]
    if measure != "count" or entity not in (None, "school"):
        raise DefinitionError("a definition counts teachers at a school (entity school, measure count) "
                              "or names one value (measure value, field)")
    conditions: list[Filter] = []
    for raw in data.get("filters") or []:
        if not isinstance(raw, dict) or not isinstance(raw.get("field"), str):
            raise DefinitionError(f"a filter names a field: {raw!r}")
        name = raw["field"] if raw["field"].startswith("teacher.") else f"teacher.{raw['field']}"
        if name in RANGE_FIELDS:
            lo, hi = raw.get("min"), raw.get("max")
            if not all(x is None or (isinstance(x, int) and not isinstance(x, bool)) for x in (lo, hi)):
                raise DefinitionError(f"{name}: min and max are whole numbers or null")
            conditions.append(Filter(name, min=lo, max=hi))
            continue
        inside, outside = raw.get("in"), raw.get("not_in")
        given = inside if inside is not None else outside
        if (inside is None) == (outside is None) or not isinstance(given, list):
            raise DefinitionError(f"{name}: give either in or not_in, a list of codes")
        codes = [str(c) for c in given]
        _check_codes(d, name, codes)
        allowed = set(codes) if inside is not None else set(codes_of(d, name)) - set(codes)
        conditions.append(Filter(name, tuple(sorted(allowed))))
    return count(d, conditions)
