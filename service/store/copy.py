"""Moving up: a whole DuckDB store (a province) copied into PostgreSQL, table by table, streamed.

Every table the migrations create is copied as it is: records with all their versions, requests,
approvals, forms with their sections and items, collected answers, corrections, stops, the access
ledger, the audit log, tokens, jobs. Rows leave DuckDB as Arrow batches and enter PostgreSQL by
COPY, one batch at a time, in one transaction: the target holds the whole store or nothing of it.
Each table is then summed up on both sides (`digest`) so the copy can be checked row for row.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pyarrow.csv as pacsv
from sqlalchemy import Engine, Table, select, text
from sqlmodel import SQLModel

from service.store.migrations import migrate
from service.store.sqltext import ident

# Rows the target's own migrations write: its migration record, and the request gate's seed row
# (replaced by the source's, which carries the source's count of request changes).
OWN_ROWS = {"schema_migration"}
SEEDED = {"request_gate"}
BATCH_ROWS = 65536


class CopyRefused(Exception):
    """The copy cannot start; the message says why."""


@dataclass(frozen=True)
class TableDigest:
    """A table summed up: its rows and an order-independent digest of their values."""

    table: str
    rows: int
    digest: str


def tables() -> list[Table]:
    """Every table of the store but the migration record, parents before children."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in OWN_ROWS]


def copy_store(source: Engine, target: Engine, progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Copy every table of the DuckDB store `source` into the PostgreSQL database `target`, which
    is migrated first and must hold no rows of its own; the rows copied per table."""
    if source.dialect.name != "duckdb" or target.dialect.name != "postgresql":
        raise CopyRefused("a store is copied from DuckDB into PostgreSQL")
    migrate(target)
    copied: dict[str, int] = {}
    with source.connect() as src, target.begin() as dst:
        for t in tables():
            existing = dst.execute(text(f"SELECT count(*) FROM {ident(t.name)}")).scalar_one()
            if existing and t.name not in SEEDED:
                raise CopyRefused(f"the target already holds rows of {t.name}: copy into an empty database")
        duck = src.connection.driver_connection
        pg = dst.connection.driver_connection
        for t in tables():
            if t.name in SEEDED:
                dst.execute(text(f"DELETE FROM {ident(t.name)}"))
            names = [c.name for c in t.columns]
            # bytea in COPY's text form is \x and hex digits; everything else Arrow writes as PostgreSQL reads it.
            columns = ", ".join(
                f"'\\x' || hex({ident(c.name)}) AS {ident(c.name)}" if c.type.python_type is bytes else ident(c.name)
                for c in t.columns)
            reader = duck.sql(f"SELECT {columns} FROM {ident(t.name)}").to_arrow_reader(BATCH_ROWS)  # type: ignore[union-attr]
            n = 0
            with pg.cursor() as cur, cur.copy(  # type: ignore[union-attr]
                f"COPY {ident(t.name)} ({', '.join(ident(c) for c in names)}) FROM STDIN (FORMAT csv)"
            ) as copy:
                for batch in reader:
                    buf = io.BytesIO()
                    pacsv.write_csv(batch, buf, pacsv.WriteOptions(include_header=False))
                    copy.write(buf.getbuffer())
                    n += batch.num_rows
            copied[t.name] = n
            if progress:
                progress(t.name, n)
    with target.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))  # the planner's statistics of the new rows
    return copied


def _canonical(value: Any) -> bytes:
    if value is None:
        return b"\x00"
    if isinstance(value, bytes | memoryview):
        return b"b" + bytes(value)
    if isinstance(value, bool):
        return b"t" if value else b"f"
    if isinstance(value, datetime | date):
        return value.isoformat().encode()
    if isinstance(value, float):  # DuckDB keeps a FLOAT in 4 bytes, PostgreSQL in 8: 6 digits are kept by both
        return f"{value:.6g}".encode()
    return str(value).encode()


def digest(engine: Engine, table: Table) -> TableDigest:
    """The rows of `table` and the sum (mod 2^128) of a SHA-256 of each row's values: equal on two
    stores exactly when they hold the same rows, whatever their order."""
    total, rows = 0, 0
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=BATCH_ROWS).execute(select(table))
        for part in result.partitions():
            for row in part:
                h = hashlib.sha256(b"\x1f".join(_canonical(v) for v in row)).digest()
                total = (total + int.from_bytes(h[:16], "big")) % (1 << 128)
                rows += 1
    return TableDigest(table.name, rows, f"{total:032x}")
