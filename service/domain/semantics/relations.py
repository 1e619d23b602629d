"""How count definitions relate, for the checks on a submitted form: one refines another when every
teacher it counts the other counts too; counts that split one by one field are disjoint when no
teacher is in two of them, and cover it when every value of the field is one of theirs."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

from service.domain.dictionary import Dictionary
from service.domain.semantics.definition import Definition, Filter, allowed_codes


def _within(a: Filter | None, b: Filter | None, d: Dictionary) -> bool:
    """Whether condition `a` admits only what `b` admits (a missing condition admits everything)."""
    if b is None:
        return True
    if a is None:
        return False
    if a.is_range:
        lo_ok = b.min is None or (a.min is not None and a.min >= b.min)
        hi_ok = b.max is None or (a.max is not None and a.max <= b.max)
        return lo_ok and hi_ok
    return allowed_codes(d, a) <= allowed_codes(d, b)


def refines(a: Definition, b: Definition, d: Dictionary) -> list[str] | None:
    """The fields on which count `a` is narrower than count `b`, when `a` counts a subset of `b`
    (checked field by field, so never more than it can see); None otherwise."""
    fields = {f.field for f in a.filters} | {f.field for f in b.filters}
    narrower: list[str] = []
    for name in sorted(fields):
        fa, fb = a.filter_on(name), b.filter_on(name)
        if not _within(fa, fb, d):
            return None
        if fa != fb and not (fb is not None and _within(fb, fa, d)):
            narrower.append(name)
    return narrower or None


def _span(f: Filter | None) -> tuple[float, float]:
    if f is None:
        return float("-inf"), float("inf")
    return (float("-inf") if f.min is None else f.min), (float("inf") if f.max is None else f.max)


def disjoint(parts: list[Definition], name: str, d: Dictionary) -> bool:
    """No teacher is counted by two of `parts` on field `name`."""
    filters = [p.filter_on(name) for p in parts]
    if any(f is None for f in filters):
        return False
    if filters[0] is not None and filters[0].is_range:
        spans = sorted(_span(f) for f in filters)
        return all(hi < lo for (_, hi), (lo, _) in itertools.pairwise(spans))
    seen: set[str] = set()
    for f in filters:
        codes = allowed_codes(d, f)  # type: ignore[arg-type]
        if codes & seen:
            return False
        seen |= codes
    return True


def _reported(d: Dictionary, name: str) -> set[str] | None:
    """The values of a code field the statistics report: those some indicator breaks down by
    (gender: male and female), else every code of its list."""
    codes = {f.indicator.breakdown_code.code for f in d.fields.values()
             if f.indicator is not None and f.indicator.breakdown_field == name and f.indicator.breakdown_code}
    return codes or None


def covers(parts: list[Definition], total: Definition, name: str, d: Dictionary) -> bool:
    """Whether `parts` (disjoint on `name`) together hold every value `total` admits on `name`."""
    have = total.filter_on(name)
    filters = [p.filter_on(name) for p in parts]
    if filters[0] is not None and filters[0].is_range:
        lo, hi = _span(have)
        for start, end in sorted(_span(f) for f in filters):
            if start > lo:
                return False
            lo = max(lo, end + 1)
        return lo > hi
    wanted = allowed_codes(d, have) if have is not None else (
        _reported(d, name) or allowed_codes(d, Filter(name, (), negated=True)))
    union = set().union(*(allowed_codes(d, f) for f in filters if f is not None))
    return wanted <= union


@dataclass(frozen=True)
class Split:
    """Counts that split a total by one field, no teacher in two of them; `whole` when they cover it."""
    field: str
    keys: tuple[str, ...]
    whole: bool


@dataclass(frozen=True)
class Breakdown:
    """What a count on a form must agree with: the counts narrower than it, and its splits."""
    total: str
    narrower: tuple[str, ...]
    splits: tuple[Split, ...]


def breakdowns(counts: tuple[tuple[str, Definition], ...], d: Dictionary) -> tuple[Breakdown, ...]:
    """How the counts (key, definition) of a form relate, worked out once per set of counts and
    dictionary: a form's submissions all ask it again, and the relations are hundreds of code-set
    comparisons each time."""
    plans = d.derived(_no_plans)
    found = plans.get(counts)
    if found is None:
        found = plans[counts] = _breakdowns(counts, d)
    return found


def _no_plans(_d: Dictionary) -> dict[tuple[tuple[str, Definition], ...], tuple[Breakdown, ...]]:
    return {}


def _breakdowns(counts: tuple[tuple[str, Definition], ...], d: Dictionary) -> tuple[Breakdown, ...]:
    defs = dict(counts)
    out = []
    for total_key, total in counts:
        narrower: list[str] = []
        by_field: dict[str, list[str]] = defaultdict(list)
        for key, defn in counts:
            on = refines(defn, total, d) if key != total_key else None
            if on is None:
                continue
            narrower.append(key)
            if len(on) == 1:
                by_field[on[0]].append(key)
        splits = tuple(Split(name, tuple(keys), covers([defs[k] for k in keys], total, name, d))
                       for name, keys in by_field.items()
                       if len(keys) >= 2 and disjoint([defs[k] for k in keys], name, d))
        out.append(Breakdown(total_key, tuple(narrower), splits))
    return tuple(out)
