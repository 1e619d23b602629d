"""One field of a request to what it asks: a key and its definition, or `new` with the reason and
the nearest definitions. The order of evidence: an exact key (dictionary, count or derived key);
a definition sent as such; a stored field's exact label or alias; the reader, in the field's
scene; fuzzy similarity to a stored field's names. Anything else is `new`, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from service.domain.dictionary import Dictionary, dictionary
from service.domain.semantics import candidates as near
from service.domain.semantics.candidates import Candidate
from service.domain.semantics.context import Scene, compose
from service.domain.semantics.definition import (
    DERIVED,
    Definition,
    DefinitionError,
    Filter,
    count,
    from_json,
    parse_key,
)
from service.domain.semantics.naming import definition_of, key_of, words
from service.domain.semantics.reader import Parsed, Unread, read
from service.domain.semantics.text import fold, normalise

Level = Literal["school", "roster"]

CONF_KEY = 1.0
CONF_LABEL = 0.98
CONF_ALIAS = 0.95
CONF_READ = 0.95
CONF_IN_CONTEXT = 0.9


@dataclass(frozen=True)
class Match:
    key: str | None  # None means new
    confidence: float
    reason: str
    candidates: tuple[Candidate, ...] = ()
    definition: Definition | None = None
    parsed: Parsed | None = None  # the wording read on its own, for the fields below it


def _is_zh(text: str | None) -> bool:
    return bool(text) and not str(text).isascii()


def _found(key: str, defn: Definition, confidence: float, reason: str, parsed: Parsed | None = None) -> Match:
    return Match(key, confidence, reason, (), defn, parsed)


def _by_key(key: str, label: str | None, d: Dictionary) -> Match:
    """A key is taken exactly: a dictionary key, or a key that names a definition (written in any
    order: it is normalised)."""
    defn = definition_of(key, d)
    if defn is None and key.startswith("school.count("):
        try:
            defn = parse_key(key, d)
        except DefinitionError as exc:
            return Match(None, 0.0, f"unknown key {key!r}: {exc}", near.candidates([], near.key_candidates(key, label, d), d, _is_zh(label)))
    if defn is None:
        return Match(None, 0.0, f"unknown key {key!r}",
                     near.candidates([], near.key_candidates(key, label, d), d, _is_zh(label)))
    canonical = key_of(defn, d)
    return _found(canonical, defn, CONF_KEY, "exact key" if canonical == key else f"definition key, as {canonical}")


def _by_definition(data: dict[str, Any], d: Dictionary) -> Match:
    try:
        defn = from_json(data, d)
    except DefinitionError as exc:
        return Match(None, 0.0, f"invalid definition: {exc}")
    return _found(key_of(defn, d), defn, CONF_KEY, "definition given")


def _value(name: str, implied: str | None, d: Dictionary, confidence: float, reason: str,
           parsed: Parsed | None = None) -> Match:
    f = d.fields[name]
    if not near.fits(implied, f.type):
        return Match(None, 0.0, f"type {implied} does not fit {name} ({f.type})")
    return _found(name, definition_of(name, d) or Definition(f.entity, "value", name), confidence, reason, parsed)


def _exact(label: str, implied: str | None, d: Dictionary) -> Match | None:
    norm = normalise(label)
    hits = near.index(d).exact.get(norm) if norm else None
    if not hits:
        return None
    if len(hits) > 1:
        return Match(None, 0.0, f"wording names several fields: {', '.join(sorted(hits))}")
    key, kind = next(iter(hits.items()))
    return _value(key, implied, d, CONF_LABEL if kind == "label" else CONF_ALIAS, f"{kind} of {key}")


def _count(parsed: Parsed, s: Scene | None, implied: str | None, level: Level | None, d: Dictionary,
           reference: date | None) -> tuple[Match, list[tuple[str, str]]]:
    """A count (or total) read in its scene; on failure, the definitions it came near."""
    defn, how = compose(parsed, s, d)
    if defn is None:
        return Match(None, 0.0, f"new: {how}", (), None, parsed), _near_counts(parsed, d, reference)
    key = key_of(defn, d)
    said = words(defn, d, reference).zh
    if level == "roster":
        return Match(None, 0.0, f"new: counts {said}: a count is asked on a school form, not a roster",
                     (), None, parsed), []
    if not near.fits(implied, "integer"):
        return Match(None, 0.0, f"new: type {implied} does not fit a count ({said})", (), None, parsed), [(key, said)]
    conf = CONF_IN_CONTEXT if how else CONF_READ
    reason = f"read as {said}" + (f", {how}" if how else "")
    return _found(key, defn, conf, reason, parsed), []


def _near_counts(parsed: Parsed, d: Dictionary, reference: date | None) -> list[tuple[str, str]]:
    """A category with no population: the same category of full-time teachers and of all staff."""
    out: list[tuple[str, str]] = []
    for posts in (("1",), ("1", "2", "3", "4")):
        try:
            defn = count(d, [Filter("teacher.post_type", posts), *parsed.conditions])
        except DefinitionError:
            continue
        out.append((key_of(defn, d), words(defn, d, reference).zh))
    return out


def match_field(
    *,
    key: str | None = None,
    label: str | None = None,
    type: str | None = None,
    definition: dict[str, Any] | None = None,
    level: Level | None = None,
    scene: Scene | None = None,
    reference: date | None = None,
    d: Dictionary | None = None,
) -> Match:
    """What one requested field asks: its key and definition, or `new` with the reason and up to
    three candidates. `level` reads counts only on school forms; `scene` is where the field sits on
    its form (context.scene); `reference` dates the words of ages and years."""
    d = d if d is not None else dictionary()
    if key is not None and key.strip():
        return _by_key(key.strip(), label, d)
    if definition is not None:
        return _by_definition(definition, d)
    if label is None or not label.strip():
        return Match(None, 0.0, "no key, definition or wording given")
    implied = near.implied_type(label, near.declared(type))
    if label.strip() in d.fields:
        return _by_key(label.strip(), None, d)
    exact = _exact(label, implied, d)
    if exact is not None:
        return exact
    parsed = read(label, d, scene.hint if scene else None)
    first: list[tuple[str, str]] = []
    reason = ""
    if isinstance(parsed, Parsed):
        if parsed.kind == "value" and parsed.field is not None:
            if parsed.field in DERIVED or not d.fields[parsed.field].is_indicator:
                return _value(parsed.field, implied, d, CONF_READ if not parsed.generic_only else CONF_IN_CONTEXT,
                              f"asks for {parsed.field}", parsed)
        else:
            m, first = _count(parsed, scene, implied, level, d, reference)
            if m.key is not None:
                return m
            reason = m.reason.removeprefix("new: ")
            if not first:
                found = near.scores(normalise(label), d) if normalise(label) else {}
                return Match(None, 0.0, m.reason, near.candidates([], found, d, _is_zh(label)), None, parsed)
    else:
        reason = parsed.reason
    norm = normalise(label)
    found = near.scores(norm, d) if norm else {}
    if isinstance(parsed, Unread):
        hit = near.fuzzy(norm, implied, d, found)
        if hit is not None:
            return _value(hit.key, implied, d, round(min(hit.score, near.CONF_FUZZY_CAP), 3),
                          f"fuzzy {hit.score:.2f} on {hit.name!r}")
    zh = _is_zh(fold(label))
    return Match(None, 0.0, f"new: {reason or 'no known field is near enough'}",
                 near.candidates(first, found, d, zh), None, parsed if isinstance(parsed, Parsed) else None)
