"""CSV import and export. Files exported from Chinese office software are often GB18030 (GBK):
they are transcoded to UTF-8 first, since DuckDB reads only UTF-8 without an extension."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

from connectors.base import Exporter, Importer, UnreadableFile, register_exporter, register_importer


def _utf8_path(path: Path) -> tuple[Path, bool]:
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    try:
        head.decode("utf-8")
        return path, False
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a multibyte char cut by the sample boundary
            return path, False
    try:
        text = path.read_bytes().decode("gb18030")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"{path.name}: neither UTF-8 nor GB18030 text ({exc})") from exc
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as tmp:
        tmp.write(text)
    return Path(tmp.name), True


class CsvImporter(Importer):
    name = "csv"
    suffixes = (".csv", ".txt")

    def read(self, path: Path) -> pa.Table:
        src, temporary = _utf8_path(path)
        con = duckdb.connect()
        try:
            rel = con.read_csv(str(src), header=True, all_varchar=True, sep=",", quotechar='"')
            return rel.to_arrow_table()
        except duckdb.Error as exc:
            raise UnreadableFile(f"{path.name}: not a readable CSV file ({exc})") from exc
        finally:
            con.close()
            if temporary:
                src.unlink(missing_ok=True)


class CsvExporter(Exporter):
    name = "csv"
    media_type = "text/csv; charset=utf-8"

    def write(self, table: pa.Table, stream: BinaryIO) -> None:
        stream.write("\ufeff".encode())  # so Excel opens UTF-8 Chinese text correctly
        pacsv.write_csv(table, stream)


register_importer(CsvImporter())
register_exporter(CsvExporter())
