"""Excel (.xlsx) import and export with openpyxl; the first sheet, first row as header."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from connectors.base import ROW, Exporter, Importer, UnreadableFile, register_exporter, register_importer
from connectors.typed_cells import cell_text


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
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a damaged file
            raise UnreadableFile(f"{path.name}: not a readable .xlsx workbook ({exc})") from exc
        try:
            rows = wb.worksheets[0].iter_rows(values_only=True)
            header = next(rows, None)
            if not header:
                raise UnreadableFile(f"{path.name}: the first sheet is empty")
            names = [_text(h) or f"column{i + 1}" for i, h in enumerate(header)]
            columns: list[list[str | None]] = [[] for _ in names]
            lines: list[int] = []
            for line, row in enumerate(rows, start=2):
                if row is None or all(v is None for v in row):
                    continue  # blank rows are skipped, but problems still name the sheet's own row
                lines.append(line)
                for i in range(len(names)):
                    columns[i].append(_text(row[i]) if i < len(row) else None)
            # from_arrays keeps a repeated header twice, so validation can report it.
            return pa.Table.from_arrays([*(pa.array(c, pa.string()) for c in columns), pa.array(lines, pa.int64())],
                                        names=[*names, ROW])
        finally:
            wb.close()


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
