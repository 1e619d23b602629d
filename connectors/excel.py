"""Excel (.xlsx) import and export with openpyxl; the first sheet, first row as header."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from connectors.base import ROW, Exporter, Importer, UnreadableFile, register_exporter, register_importer
from connectors.typed_cells import cell_text
from connectors.workbook import first_sheet, rows, width_of


def _text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == datetime.min.time() else v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


class XlsxImporter(Importer):
    name = "xlsx"
    suffixes = (".xlsx", ".xlsm")

    def read(self, path: Path) -> pa.Table:
        with first_sheet(path) as ws:  # connectors/workbook.py: bombs, entities, lying dimensions
            header = next(ws.iter_rows(max_row=1, values_only=True), None)
            if not header or all(h is None for h in header):
                raise UnreadableFile(f"{path.name}: the first row of the first sheet, the header, is empty",
                                     (ws.title, "A1"))
            names = [_text(h) or f"column{i + 1}" for i, h in enumerate(header[:width_of(ws, header)])]
            columns: list[list[str | None]] = [[] for _ in names]
            lines: list[int] = []
            # blank rows are skipped, but problems still name the sheet's own row
            for line, row in rows(ws, 2, len(names)):
                lines.append(line)
                for i, column in enumerate(columns):
                    column.append(_text(row[i]))
            # from_arrays keeps a repeated header twice, so validation can report it.
            return pa.Table.from_arrays([*(pa.array(c, pa.string()) for c in columns), pa.array(lines, pa.int64())],
                                        names=[*names, ROW])


class XlsxExporter(Exporter):
    name = "xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, table: pa.Table, stream: BinaryIO) -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        ws.append([_text_cell(ws, name) for name in table.column_names])
        for row in table.to_pylist():
            ws.append([_text_cell(ws, v) if isinstance(v, str) else v for v in row.values()])
        wb.save(stream)


def _text_cell(ws: WriteOnlyWorksheet, value: str) -> Cell:
    """A cell typed as text and inert (connectors/cells.py): openpyxl would otherwise store a string
    starting with '=' as a formula, and refuse one holding a control character XML forbids."""
    cell = WriteOnlyCell(ws, value=cell_text(value))
    cell.data_type = "s"
    return cell


register_importer(XlsxImporter())
register_exporter(XlsxExporter())
