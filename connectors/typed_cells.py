"""Writing spreadsheet cells typed and inert: numbers as numbers, dates as dates, and text as
text that no spreadsheet program runs. A text starting with =, +, -, @, a tab or a carriage return
can be read as a formula (CSV/formula injection, OWASP): it gets a leading apostrophe, unless it is
a plain number (connectors/cells.py, the one neutraliser of every export). Every workbook the form
connectors write goes through `put`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell

from connectors.cells import neutralise


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
