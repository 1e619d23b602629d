"""The overlap of a request with a live one: how much of what it would ask schools is being asked.

A request's *footprint* is the set of cells it would ask schools to fill: (field, school) pairs
for the fields it cannot answer from the store or collected answers, over the schools in its
scope, for its period (a date interval). The overlap of A with B is the share of A's cells that B
already asks in an intersecting period:

    overlap(A, B) = |F_A ∩ F_B| / |F_A|  ×  |S_A ∩ S_B| / |S_A|  ×  [P_A ∩ P_B ≠ ∅]

with F the asked field keys, S the schools in scope and P the period. It lies in [0, 1]; it is 0
for disjoint fields, scopes or periods; it grows with every shared field; and it is symmetric when
both requests have the same number of fields and schools (in general A may be wholly inside a
bigger B, overlap(A, B) = 1, while B is not a duplicate of A). A request whose overlap with a live
request reaches DUPLICATE_THRESHOLD is refused as a duplicate, naming that request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Half of what a request would ask schools is already being asked of the same schools for the
# same period: the department should join the live request (or narrow its own), not ask again.
DUPLICATE_THRESHOLD = 0.5


@dataclass(frozen=True)
class Footprint:
    fields: frozenset[str]
    schools: frozenset[str]
    start: date
    end: date


def periods_intersect(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and b_start <= a_end


def overlap_share(shared_fields: int, a_fields: int, shared_schools: int, a_schools: int, periods_meet: bool) -> float:
    """The overlap formula on counts, as the store computes it."""
    if not periods_meet or a_fields == 0 or a_schools == 0:
        return 0.0
    return (shared_fields / a_fields) * (shared_schools / a_schools)


def overlap(a: Footprint, b: Footprint) -> float:
    """overlap(A, B) on explicit footprints."""
    return overlap_share(
        len(a.fields & b.fields), len(a.fields), len(a.schools & b.schools), len(a.schools),
        periods_intersect(a.start, a.end, b.start, b.end),
    )
