"""Cells a spreadsheet program would run as formulas, made inert: the one helper every exporter uses.

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return can be read by Excel or
LibreOffice as a formula (`=HYPERLINK(...)`, `@SUM(...)`, DDE payloads), so an exported answer or
imported name could act on the reader's machine. Following OWASP's CSV injection guidance such a
cell is prefixed with a single quote, which spreadsheet programs show as text. A cell that is a
plain number (`-3`, `+1.5`) runs nothing and is left as it is, so numbers stay numbers.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

TRIGGERS = "=+-@\t\r"
_STARTS = "^[" + TRIGGERS.replace("-", "\\-").replace("\t", "\\t").replace("\r", "\\r") + "]"
_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"


def neutralise(value: str) -> str:
    """One text cell, made inert if a spreadsheet would take it for a formula."""
    if value[:1] and value[0] in TRIGGERS and not re.fullmatch(_NUMBER, value):
        return "'" + value
    return value


def neutralise_any(value: object) -> object:
    """A cell of any type: text made inert, everything else as it is."""
    return neutralise(value) if isinstance(value, str) else value


def neutralise_table(table: pa.Table) -> pa.Table:
    """Every text column of `table`, made inert cell by cell (set-based over each column)."""
    columns = []
    for column in table.columns:
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            columns.append(column)
            continue
        risky = pc.and_(pc.match_substring_regex(column, _STARTS), pc.invert(pc.match_substring_regex(column, _NUMBER)))
        quoted = pc.binary_join_element_wise(pa.scalar("'", column.type), column, pa.scalar("", column.type))
        columns.append(pc.if_else(risky, quoted, column))
    return pa.Table.from_arrays(columns, names=table.column_names)
