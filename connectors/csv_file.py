"""CSV import and export. Files exported from Chinese office software are often GB18030 (GBK):
they are transcoded to UTF-8 first, since DuckDB reads only UTF-8 without an extension."""

from __future__ import annotations

import codecs
import csv
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

from connectors.base import PROBLEM, ROW, Exporter, Importer, UnreadableFile, register_exporter, register_importer
from connectors.cells import neutralise_table


def _utf8_path(path: Path) -> tuple[Path, bool]:
    """The file as UTF-8: itself when its first 64 kB are, else a temporary copy transcoded from
    GB18030 a block at a time (decoded whole, a 150 MB file took 390 MiB more)."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    try:
        head.decode("utf-8")
        return path, False
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a multibyte char cut by the sample boundary
            return path, False
    decoder = codecs.getincrementaldecoder("gb18030")()  # holds a character cut by a block's end
    done = 0
    with path.open("rb") as src, tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as tmp:
        try:
            while block := src.read(BLOCK_BYTES):
                tmp.write(decoder.decode(block).encode())
                done += len(block)
            tmp.write(decoder.decode(b"", final=True).encode())
        except UnicodeDecodeError as exc:
            tmp.close()
            Path(tmp.name).unlink()
            raise UnreadableFile(f"{path.name}: neither UTF-8 nor GB18030 text ({exc.reason} near byte {done + exc.start})") from exc
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
        except duckdb.Error:
            # DuckDB reads a well-formed file fast but refuses a ragged one whole: read that one row
            # by row instead, so each short or long row is reported with its line and the rest checked.
            return _ragged(src, path.name)
        finally:
            con.close()
            if temporary:
                src.unlink(missing_ok=True)

    def read_batches(self, path: Path) -> pa.RecordBatchReader:
        """The file in batches of about BLOCK_BYTES, never whole in memory (a GB18030 file is
        transcoded to a temporary UTF-8 copy first)."""
        src, temporary = _utf8_path(path)
        header = _header(src, path.name)
        schema = pa.schema([*((h, pa.string()) for h in header), (ROW, pa.int64()), (PROBLEM, pa.string())])

        def batches() -> Iterator[pa.RecordBatch]:
            try:
                yield from _stream(src, path.name, header, schema)
            finally:
                if temporary:
                    src.unlink(missing_ok=True)

        return pa.RecordBatchReader.from_batches(schema, batches())


# A block of about this many bytes becomes one batch (about 22,000 rows of a teachers file). Larger
# blocks cost memory, not less time: 8 MB blocks peaked 50-75 MiB higher for 1,000,000 teachers, in
# the same CPU time.
BLOCK_BYTES = 2 << 20


def _header(src: Path, name: str) -> list[str]:
    try:
        with src.open(newline="", encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh), None)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise UnreadableFile(f"{name}: not a readable CSV file ({exc})") from exc
    if not header:
        raise UnreadableFile(f"{name}: the file is empty")
    return header


def _stream(src: Path, name: str, header: list[str], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """Batches parsed by Arrow's streaming reader; ROW numbers the data rows from 2. At the first
    row of the wrong length the rest is read row by row, each bad row reported with its line."""
    options = pacsv.ReadOptions(column_names=header, skip_rows=1, block_size=BLOCK_BYTES, use_threads=False)
    parse = pacsv.ParseOptions(delimiter=",", quote_char='"', newlines_in_values=True)
    convert = pacsv.ConvertOptions(column_types={h: pa.string() for h in header})
    done = 0
    try:
        with src.open("rb") as fh:
            if fh.read(3) != b"\xef\xbb\xbf":
                fh.seek(0)
            for batch in pacsv.open_csv(fh, read_options=options, parse_options=parse, convert_options=convert):
                n = batch.num_rows
                yield pa.RecordBatch.from_arrays(
                    [*batch.columns, pa.array(range(done + 2, done + n + 2), pa.int64()), pa.nulls(n, pa.string())],
                    schema=schema)
                done += n
    except pa.ArrowInvalid:
        yield from _ragged_batches(src, name, header, schema, done)


def _ragged_batches(src: Path, name: str, header: list[str], schema: pa.Schema, skip: int) -> Iterator[pa.RecordBatch]:
    """The rows after the first `skip` data rows, read row by row: rows of the header's length as
    they are, the others empty with the reason in the PROBLEM column; ROW holds each row's line."""
    try:
        with src.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            next(reader, None)
            rows: list[list[str | None]] = []
            for row in reader:
                if not row:
                    continue
                if skip:
                    skip -= 1
                    continue
                fits = len(row) == len(header)
                why = None if fits else f"{len(row)} value(s) where the header has {len(header)} column(s)"
                rows.append([*(row if fits else [None] * len(header)), reader.line_num, why])  # type: ignore[list-item]
                if len(rows) == 65536:
                    yield _batch(rows, schema)
                    rows = []
            if rows:
                yield _batch(rows, schema)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise UnreadableFile(f"{name}: not a readable CSV file ({exc})") from exc


def _batch(rows: list[list[str | None]], schema: pa.Schema) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays([pa.array(list(c), t) for c, t in zip(zip(*rows, strict=True), schema.types, strict=True)],
                                      schema=schema)


def _ragged(src: Path, name: str) -> pa.Table:
    """Every row of a CSV file whose rows differ in length: rows of the header's length as they are,
    the others empty with the reason in the PROBLEM column; ROW holds each row's line."""
    try:
        with src.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if not header:
                raise UnreadableFile(f"{name}: the file is empty")
            columns: list[list[str | None]] = [[] for _ in header]
            lines: list[int] = []
            problems: list[str | None] = []
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                lines.append(reader.line_num)
                fits = len(row) == len(header)
                problems.append(None if fits else
                                f"{len(row)} value(s) where the header has {len(header)} column(s)")
                for i, column in enumerate(columns):
                    column.append(row[i] if fits else None)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise UnreadableFile(f"{name}: not a readable CSV file ({exc})") from exc
    return pa.Table.from_arrays(
        [*(pa.array(c, pa.string()) for c in columns), pa.array(lines, pa.int64()), pa.array(problems, pa.string())],
        names=[*header, ROW, PROBLEM])


class CsvExporter(Exporter):
    name = "csv"
    media_type = "text/csv; charset=utf-8"

    def write(self, table: pa.Table, stream: BinaryIO) -> None:
        self.write_batches(table.schema, table.to_batches(), stream)

    def write_batches(self, schema: pa.Schema, batches: Iterable[pa.RecordBatch], stream: BinaryIO, *,
                      header: bool = True) -> None:
        if header:
            stream.write("\ufeff".encode())  # so Excel opens UTF-8 Chinese text correctly
        with pacsv.CSVWriter(stream, schema, write_options=pacsv.WriteOptions(include_header=header)) as writer:
            for batch in batches:
                writer.write_table(neutralise_table(pa.Table.from_batches([batch], schema=schema)))


register_importer(CsvImporter())
register_exporter(CsvExporter())
