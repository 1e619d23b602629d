"""Writing spreadsheet cells safely. A text that starts with =, +, -, @, a tab or a carriage return
is read as a formula by spreadsheet programs (CSV/formula injection, OWASP): such text is written
with a leading apostrophe, and every text cell is stored as text, never as a formula.

Minimal stand-in until the service-wide export helper lands; every workbook this package writes
goes through `put`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import Cell, MergedCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def put(cell: Cell | MergedCell, value: Any) -> None:
    """Write `value` typed: numbers as numbers, dates as dates, booleans as booleans, text as text."""
    if value is None or isinstance(value, bool | int | float | date | datetime):
        cell.value = value
        if isinstance(value, date) and not isinstance(value, datetime):
            cell.number_format = "yyyy-mm-dd"
        return
    cell.value = neutralise(str(value))
    cell.data_type = "s"
