"""Who sees a sensitive-personal value (a national ID number) in clear: the one place this rule lives.

Every read that returns stored, pre-filled, submitted or corrected values shapes them through a
`Lens` made here for the principal and the purpose of the read; routers, pages, exporters and the
CLI only pass on what the read returned. The rule:
- an admin sees every value;
- the organisation that owns a field (its dictionary `source.owner`) sees it when reviewing a
  correction of it: it must compare the old value with the proposed one;
- a department sees the values of its request's results only where the approval it was issued
  under covers sensitive data (`Approval.covers_sensitive`);
- a school sees what it typed itself (its own correction) and nothing else in clear;
- everyone else, everywhere else, sees the value masked: its first 6 and last 4 characters, enough
  to tell two records apart and to recognise one's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from service.domain.authz import Principal
from service.domain.dictionary import Entity, dictionary

MASK = "*"


def mask(value: str | None) -> str | None:
    """Keep the first 6 and last 4 characters of an identifier; mask all of a short one."""
    if value is None:
        return None
    text = str(value)
    if len(text) <= 10:
        return MASK * len(text)
    return text[:6] + MASK * (len(text) - 10) + text[-4:]


def sensitive_keys() -> frozenset[str]:
    return frozenset(k for k, f in dictionary().fields.items() if f.sensitivity == "sensitive-personal")


def is_sensitive(key: str) -> bool:
    f = dictionary().fields.get(key)
    return f is not None and f.sensitivity == "sensitive-personal"


@dataclass(frozen=True)
class Lens:
    """What one principal sees, in one read, of the sensitive-personal fields."""

    clear_keys: frozenset[str] = frozenset()
    clear_all: bool = False
    sensitive: frozenset[str] = field(default_factory=sensitive_keys)

    def shows(self, key: str) -> bool:
        return self.clear_all or key not in self.sensitive or key in self.clear_keys

    def value(self, key: str, value: Any, *, own: bool = False) -> Any:
        """The value as this principal may see it; `own` marks a value the principal entered itself."""
        if value is None or own or self.shows(key):
            return value
        return mask(str(value))

    def row(self, row: Mapping[str, Any], keys: Iterable[str] | None = None) -> dict[str, Any]:
        """A row keyed by field keys (`keys`: those to shape, all by default), shaped."""
        shaped = dict(row)
        for k in keys if keys is not None else row:
            if k in shaped:
                shaped[k] = self.value(k, shaped[k])
        return shaped

    def record(self, entity: Entity, values: Mapping[str, Any]) -> dict[str, Any]:
        """A store record keyed by column names, shaped."""
        keys = {f.column: f.key for f in dictionary().entity_fields(entity)}
        return {c: self.value(keys[c], v) if c in keys else v for c, v in values.items()}


def for_principal(principal: Principal) -> Lens:
    """Records, forms, answers and exports: an admin sees all; everyone else sees masks."""
    return Lens(clear_all=principal.role == "admin")


def for_results(principal: Principal, covers_sensitive: bool) -> Lens:
    """A department's results: in clear only under an approval that covers sensitive data."""
    return Lens(clear_all=principal.role == "admin" or covers_sensitive)


def for_owner(principal: Principal, owns: Iterable[str]) -> Lens:
    """Corrections under review: the owner of a field sees that field's values in clear."""
    owned = set(owns)
    return Lens(clear_all=principal.role == "admin",
                clear_keys=frozenset(k for k in sensitive_keys() if dictionary().fields[k].source.owner in owned))


def masked_form_of(key: str, value: str | None) -> str | None:
    """How a value was shown to someone who does not see it in clear (to recognise it sent back)."""
    return mask(value) if value is not None and is_sensitive(key) else value
