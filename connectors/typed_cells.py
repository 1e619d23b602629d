"""Writing spreadsheet cells typed and inert: numbers as numbers, dates as dates, and text as
text that no spreadsheet program runs. A text starting with =, +, -, @, a tab or a carriage return
can be read as a formula (CSV/formula injection, OWASP): it gets a leading apostrophe, unless it is
a plain number. Every workbook the form connectors write goes through `put`.

`neutralise` is a minimal stand-in for the service-wide helper (connectors/cells.py) until that
lands; then this module should import it from there."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell

TRIGGERS = "=+-@\t\r"
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def neutralise(text: str) -> str:
    if text[:1] and text[0] in TRIGGERS and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def cell_text(text: str) -> str:
    """Text a sheet can hold: inert, and without the control characters XML forbids."""
    return ILLEGAL_CHARACTERS_RE.sub("", neutralise(text))


def put(cell: Cell | MergedCell, value: Any) -> None:
    """Write `value` typed: numbers as numbers, dates as dates, booleans as booleans, text as text."""
    if value is None or isinstance(value, bool | int | float | date | datetime):
        cell.value = value
        if isinstance(value, date) and not isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd"
        return
    cell.value = cell_text(str(value))
    cell.data_type = "s"
