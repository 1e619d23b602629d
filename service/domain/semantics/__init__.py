"""Semantics: what a department's field asks, as one canonical definition (definition.py), named
by a key that parses back (naming.py), read from wording (text.py, ranges.py, lexicon.py,
reader.py) in the field's place on its form (context.py), with near misses (candidates.py), put
together by match.py."""

from service.domain.semantics.candidates import MATCH_THRESHOLD, Candidate
from service.domain.semantics.definition import Definition, DefinitionError, Filter
from service.domain.semantics.match import (
    Match,
    below_beside,
    beside_column,
    header_then,
    institution_of,
    match_field,
    particular,
    residual_match,
    run_together,
    settled,
    subtotal_match,
    total_of_kinds,
    unbanded,
    under_field,
)
from service.domain.semantics.naming import definition_of, key_of, words
from service.domain.semantics.text import normalise

__all__ = [
    "MATCH_THRESHOLD",
    "Candidate",
    "Definition",
    "DefinitionError",
    "Filter",
    "Match",
    "below_beside",
    "beside_column",
    "definition_of",
    "header_then",
    "institution_of",
    "key_of",
    "match_field",
    "normalise",
    "particular",
    "residual_match",
    "run_together",
    "settled",
    "subtotal_match",
    "total_of_kinds",
    "unbanded",
    "under_field",
    "words",
]
