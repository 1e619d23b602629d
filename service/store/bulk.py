"""Set-based bulk loading and versioned upserts; the dialect-specific SQL of the store lives here.

Rows arrive as Arrow batches (on DuckDB, or as a query over the database attached to the store's
instance that checked them). Records none of which the store holds are appended straight from them
(`append_versions`: DuckDB reads them where they are, PostgreSQL receives them by COPY). Others are
staged in a temporary table, checked against the store, then merged into the versioned table with
three statements: find what changed, close the old versions, insert the new ones. Nothing is
written row by row and nothing is written at all until every check has passed.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeAlias

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy import text
from sqlalchemy.orm import Session

from service.store import audit
from service.store.sqltext import ident
from service.store.tables import ImportProblems

SQL_TYPES = {"text": "VARCHAR", "enum": "VARCHAR", "integer": "BIGINT", "decimal": "DOUBLE PRECISION",
             "date": "DATE", "boolean": "BOOLEAN"}


@dataclass(frozen=True)
class MergeCounts:
    inserted: int
    updated: int
    unchanged: int


def dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# Rows to write: Arrow batches, or on DuckDB a query the store's own connection can run, whose
# columns are every one the write names (the checked rows of an import, in a database attached to
# the store's instance: see `checking_database`).
Rows: TypeAlias = pa.Table | pa.RecordBatchReader | str


def stage(session: Session, name: str, columns: Mapping[str, str], rows: Rows) -> None:
    """Create temporary table `name` (column -> dictionary type) holding `rows`, typed; columns
    `rows` lacks are NULL. Batches are streamed in: DuckDB scans them, PostgreSQL receives them by
    COPY one batch at a time, so memory holds one batch, not the file."""
    conn = session.connection()
    conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
    if dialect(session) == "duckdb":
        with _readable(session, rows, columns, f"{name}_rows") as (source, casts):
            conn.execute(text(f"CREATE TEMP TABLE {name} AS SELECT {casts} FROM {source}"))
        return
    assert not isinstance(rows, str), "PostgreSQL takes rows as Arrow batches"
    _load_settings(session)
    decl = ", ".join(f'"{c}" {SQL_TYPES[t]}' for c, t in columns.items())
    conn.execute(text(f"CREATE TEMP TABLE {name} ({decl}) ON COMMIT DROP"))
    _copy(session, name, [c for c in columns if c in rows.schema.names], rows)


@contextmanager
def checking_database(session: Session) -> Iterator[tuple[duckdb.DuckDBPyConnection, str] | None]:
    """DuckDB: a connection of the store's own instance using an empty in-memory database attached
    to it, for an import to check its rows in (`validate_rows`); the store then reads the checked
    rows where they are instead of receiving a copy of them through Arrow, and the process holds one
    DuckDB, not two (with `append_versions`, the CPU of a first load of 1,000,000 teachers went from
    7.3 s to 6.3 s). The database is detached, its tables gone, at the end. PostgreSQL: None, the
    rows are checked in a DuckDB of their own and sent by COPY."""
    if dialect(session) != "duckdb":
        yield None
        return
    con: duckdb.DuckDBPyConnection = session.connection().connection.driver_connection.duplicate()  # type: ignore[union-attr]
    ((store,),) = con.execute("SELECT current_database()").fetchall()
    name = f"checking_{uuid.uuid4().hex}"
    con.execute(f"ATTACH ':memory:' AS {ident(name)}")
    con.execute(f"USE {ident(name)}")
    try:
        yield con, name
    finally:
        con.execute(f"USE {ident(store)}")
        con.execute(f"DETACH {ident(name)}")
        con.close()


def _load_settings(session: Session) -> None:
    """PostgreSQL: each statement of a load runs once over every staged row; the planner prices
    them in the hundreds of thousands and JIT-compiles them, which cost more than running them (the
    store checks of 100,000 re-imported teachers: 0.27 s of inlining and optimising in a 0.52 s query)."""
    session.connection().execute(text("SET LOCAL jit = off"))


@contextmanager
def _readable(session: Session, rows: Rows, columns: Mapping[str, str], view: str) -> Iterator[tuple[str, str]]:
    """DuckDB: what to select `rows` from, and the select list typing them as `columns` says, for
    the duration of the block: a query is read where it runs, Arrow batches through a view."""
    if isinstance(rows, str):
        yield f"({rows}) AS {view}", _casts(columns, list(columns))
        return
    raw = session.connection().connection.driver_connection
    raw.register(view, rows)  # type: ignore[union-attr]
    try:
        yield view, _casts(columns, rows.schema.names)
    finally:
        raw.unregister(view)  # type: ignore[union-attr]


def _casts(columns: Mapping[str, str], names: list[str]) -> str:
    """DuckDB: the select list typing the text columns `names` as `columns` says; NULL for those missing."""
    return ", ".join(f'CAST({chr(34) + c + chr(34) if c in names else "NULL"} AS {SQL_TYPES[t]}) AS "{c}"'
                     for c, t in columns.items())


def _copy(session: Session, table: str, columns: list[str], rows: pa.Table | pa.RecordBatchReader,
          fixed: Mapping[str, str] | None = None) -> None:
    """PostgreSQL: `columns` of `rows` into `table` by COPY, one batch at a time, with the `fixed`
    columns holding the same text in every row."""
    raw = session.connection().connection.driver_connection
    fixed = fixed or {}
    names = ", ".join(ident(c) for c in [*columns, *fixed])
    batches = rows.to_batches() if isinstance(rows, pa.Table) else rows
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT csv)") as copy:  # type: ignore[union-attr]
        for batch in batches:
            for start in range(0, batch.num_rows, COPY_ROWS):
                out = batch.slice(start, COPY_ROWS).select(columns)
                for c, value in fixed.items():
                    out = out.append_column(c, pa.repeat(pa.scalar(value), out.num_rows))
                buf = io.BytesIO()
                pacsv.write_csv(out, buf, pacsv.WriteOptions(include_header=False))
                copy.write(buf.getbuffer())


# Rows written as CSV text at a time for COPY: the text of 65,536 teachers took 13 MiB beside the file's.
COPY_ROWS = 16384


def join_current(session: Session, target: str, alias: str, on: str, *, outer: bool = False) -> str:
    """A join of staged rows to the current versions of `target` matching `on`. On PostgreSQL each
    staged row probes the index (a LATERAL subquery that OFFSET 0 keeps from being flattened):
    the planner's costs assume a cold disk and pick a hash join that reads the whole table, whose
    time grows with the country (measured: 6.5 s against 2.6 s for a province of 600,000 teachers
    against 3 million; see the README). DuckDB's hash joins are what it is built for."""
    kind = "LEFT JOIN" if outer else "JOIN"
    if dialect(session) == "duckdb":
        return f"{kind} {target} {alias} ON {on} AND {alias}.valid_to IS NULL"
    return (f"{kind} LATERAL (SELECT * FROM {target} {alias} WHERE {on} AND {alias}.valid_to IS NULL OFFSET 0) "
            f"AS {alias} ON TRUE")


def any_current_in_range(session: Session, target: str, column: str, stage_name: str) -> bool:
    """Whether some current version of `target` has `column` between the least and the greatest
    value of the staged rows' `column` (see `any_current_between`)."""
    c = ident(column)
    lo, hi = session.connection().execute(text(f"SELECT min({c}), max({c}) FROM {ident(stage_name)}")).one()
    return any_current_between(session, target, column, lo, hi)


def any_current_between(session: Session, target: str, column: str, lo: str | None, hi: str | None) -> bool:
    """Whether some current version of `target` has `column` between `lo` and `hi` (the least and the
    greatest value of rows to be written; None: there are none). When none has, none of those rows
    can match a current version on it, and the probe of every row can be skipped: a new province's
    staff ids and ID numbers lie past every one already loaded (measured at a load average of 8: the
    two probes of a 600,000-teacher province took 5.8 s against 1.8 million teachers, the range
    probes 0.2 s)."""
    if lo is None:
        return False
    return bool(session.connection().execute(text(
        f"SELECT EXISTS (SELECT 1 FROM {ident(target)} WHERE valid_to IS NULL AND {ident(column)} BETWEEN :lo AND :hi)"
    ), {"lo": lo, "hi": hi}).scalar_one())


def missing(session: Session, target: str, column: str, values: list[str], *, versioned: bool) -> list[str]:
    """Which of `values` no row (of a versioned table: no current version) of `target` holds in
    `column`, in one query: a file's references are few distinct values (its schools, its regions)."""
    if not values:
        return []
    current = " AND t.valid_to IS NULL" if versioned else ""
    rows = session.connection().execute(text(
        f"SELECT v FROM (SELECT unnest(CAST(:values AS VARCHAR[])) AS v) AS x "
        f"WHERE NOT EXISTS (SELECT 1 FROM {ident(target)} t WHERE t.{ident(column)} = x.v{current})"
    ), {"values": values}).all()
    return sorted(str(r[0]) for r in rows)


def replace_regions(session: Session, stage_name: str) -> None:
    """Regions staged in `stage_name` replace those of the same code."""
    conn = session.connection()
    conn.execute(text(f"DELETE FROM region WHERE code IN (SELECT code FROM {ident(stage_name)})"))
    conn.execute(text(f"INSERT INTO region (code, name, parent_code, level) SELECT code, name, parent_code, level "
                      f"FROM {ident(stage_name)}"))


def problems_of(session: Session, batch_id: str) -> ImportProblems | None:
    """The whole problem report kept for an import."""
    return session.get(ImportProblems, batch_id)


def drop_stage(session: Session, name: str) -> None:
    session.connection().execute(text(f"DROP TABLE IF EXISTS {name}"))


def fill_absent(session: Session, stage_name: str, target: str, key: str, absent: list[str]) -> None:
    """Columns the staged rows leave out keep their current values instead of being erased."""
    if not absent:
        return
    sets = ", ".join(
        f'"{c}" = (SELECT t."{c}" FROM {target} t WHERE t."{key}" = {stage_name}."{key}" AND t.valid_to IS NULL)'
        for c in absent
    )
    session.connection().execute(text(f"UPDATE {stage_name} SET {sets}"))


def merge_versions(
    session: Session, *, stage_name: str, target: str, key: str, columns: list[str],
    at: datetime, by: str, source: str, ref: str, reason: str | None = None, effective_from: date | None = None,
) -> MergeCounts:
    """Upsert staged rows into versioned `target` on `key`: a row whose values differ from the
    current version closes it (valid_to = at) and adds a new one; identical rows change nothing."""
    conn = session.connection()
    differs = " OR ".join(f't."{c}" IS DISTINCT FROM s."{c}"' for c in columns if c != key)
    conn.execute(text(f"DROP TABLE IF EXISTS {stage_name}_delta"))
    suffix = "" if dialect(session) == "duckdb" else " ON COMMIT DROP"
    if any_current_in_range(session, target, key, stage_name):
        delta = f"{stage_name}_delta"
        conn.execute(text(
            f"CREATE TEMP TABLE {delta}{suffix} AS "
            f"SELECT s.\"{key}\" AS k, t.\"{key}\" IS NOT NULL AS existed FROM {stage_name} s "
            f"{join_current(session, target, 't', f't.{ident(key)} = s.{ident(key)}', outer=True)} "
            f"WHERE t.\"{key}\" IS NULL OR {differs}"
        ))
        row = conn.execute(text(
            f"SELECT count(*) FILTER (WHERE NOT existed), count(*) FILTER (WHERE existed), "
            f"(SELECT count(*) FROM {stage_name}) FROM {delta}"
        )).one()
        inserted, updated, total = int(row[0]), int(row[1]), int(row[2])
    else:
        # No current version in the staged keys' range (a new province): every staged row is new,
        # and the delta is the staged keys themselves, read where they are rather than copied.
        delta = f"(SELECT s.\"{key}\" AS k, FALSE AS existed FROM {stage_name} s)"
        total = int(conn.execute(text(f"SELECT count(*) FROM {stage_name}")).scalar_one())
        inserted, updated = total, 0
    if updated:
        conn.execute(
            text(
                f"UPDATE {target} SET valid_to = :at WHERE valid_to IS NULL AND \"{key}\" IN "
                f"(SELECT k FROM {delta} AS d WHERE existed)"
            ),
            {"at": at},
        )
    if inserted or updated:
        cols = ", ".join(f'"{c}"' for c in columns)
        with _indexes_rebuilt_if_doubling(session, target, inserted + updated):
            conn.execute(
                text(
                    f"INSERT INTO {target} ({cols}, valid_from, valid_to, source, changed_by, ref, reason, effective_from) "
                    f"SELECT {', '.join(f's.{chr(34)}{c}{chr(34)}' for c in columns)}, :at, NULL, :source, :by, :ref, :reason, "
                    "CAST(:effective_from AS DATE) "
                    f"FROM {stage_name} s"
                    # Every staged row new or changed (a first load): no join needed to pick them.
                    + ("" if inserted + updated == total else f" JOIN {delta} d ON d.k = s.\"{key}\"")
                ),
                {"at": at, "source": source, "by": by, "ref": ref, "reason": reason, "effective_from": effective_from},
            )
    if inserted or updated:
        if dialect(session) == "postgresql" and inserted + updated >= REBUILD_MIN_ROWS:
            # The digests sort every key written: in memory, not in runs spilled under the default
            # 4 MB (a million keys: 1.9 s to 1.0 s).
            conn.execute(text("SET LOCAL work_mem = '256MB'"))
        digests = audit.version_digests(session, target, key, delta, at, closed=bool(updated))
        _audit_merge(session, target, at=at, by=by, source=source, ref=ref, reason=reason, digests=digests,
                     inserted=inserted, updated=updated)
    drop_stage(session, f"{stage_name}_delta")
    analyze_if_changed(session, target, inserted + 2 * updated)
    return MergeCounts(inserted=inserted, updated=updated, unchanged=total - inserted - updated)


def append_versions(
    session: Session, *, target: str, columns: Mapping[str, str], rows: Rows, count: int,
    keys_digest: str | None, at: datetime, by: str, source: str, ref: str,
) -> MergeCounts:
    """Write `rows` (`count` of them, text; `columns` maps their columns to their types), records of
    which `target` holds no current version (the caller has made sure: `any_current_between` on
    every unique column), as their first versions, straight from the rows: with nothing to compare
    them with, a staging table and the change check would only copy them once more (a first load of
    100,000 teachers: 0.11 s of 1.1 s on DuckDB). `keys_digest` is the audit digest of their keys
    (audit.KEYS_DIGEST), computed where the rows are."""
    conn = session.connection()
    fixed: dict[str, datetime | str] = {"valid_from": at, "source": source, "changed_by": by, "ref": ref}
    with _indexes_rebuilt_if_doubling(session, target, count):
        if dialect(session) == "duckdb":
            with _readable(session, rows, columns, f"{target}_rows") as (source, casts):
                conn.execute(text(
                    f"INSERT INTO {ident(target)} ({', '.join(ident(c) for c in [*columns, *fixed])}) "
                    f"SELECT {casts}, :valid_from, :source, :changed_by, :ref FROM {source}"
                ), fixed)
        else:
            assert not isinstance(rows, str), "PostgreSQL takes rows as Arrow batches"
            _load_settings(session)
            _copy(session, ident(target), [c for c in columns if c in rows.schema.names], rows,
                  {c: v.isoformat(sep=" ") if isinstance(v, datetime) else v for c, v in fixed.items()})
    _audit_merge(session, target, at=at, by=by, source=source, ref=ref, reason=None, digests=(None, keys_digest),
                 inserted=count, updated=0)
    analyze_if_changed(session, target, count)
    return MergeCounts(inserted=count, updated=0, unchanged=0)


def _audit_merge(session: Session, target: str, *, at: datetime, by: str, source: str, ref: str, reason: str | None,
                 digests: tuple[str | None, str | None], inserted: int, updated: int) -> None:
    """The audit entry of a merge: what it closed and opened, pinned by their digests."""
    audit.append(session, [{
        "id": uuid.uuid4().hex, "recorded_at": at, "actor": by, "action": f"records.{target}", "entity": target,
        "entity_id": ref, "before_digest": digests[0], "after_digest": digests[1],
        "detail": f"{source}: {inserted} new, {updated} changed" + (f"; {reason}" if reason else "")}])


def analyze_if_changed(session: Session, table: str, changed: int) -> None:
    """PostgreSQL: gather `table`'s planner statistics after a write that changed more rows than
    autovacuum's own threshold (50 + 10% of the rows it last counted, or any table never counted).
    Autovacuum would come within a minute; until then the planner sizes the table from stale
    statistics and picks nested loops over what is now millions of rows (quadratic issue and
    analysis plans right after an import). ANALYZE samples a bounded number of rows, so it costs
    little beside the write; it is part of the transaction, so the statistics are those of what
    committed."""
    if dialect(session) != "postgresql" or changed <= 50:
        return
    conn = session.connection()
    counted = conn.execute(text("SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)"),
                           {"t": table}).scalar_one()
    if counted < 0 or changed > 50 + 0.1 * float(counted):
        conn.execute(text(f"ANALYZE {ident(table)}"))


# Below this many new versions, index upkeep costs less than a rebuild whatever the table's size.
REBUILD_MIN_ROWS = 50_000


def _holds_at_least(session: Session, table: str, rows: int) -> bool:
    """Whether `table` holds at least `rows` rows. On PostgreSQL its statistics answer first when
    they count twice as many (an import ANALYZEs what it writes): counting 600,000 rows took up to
    0.6 s a province. Either answer is safe; a wrong one only costs time."""
    conn = session.connection()
    if dialect(session) == "postgresql" and conn.execute(text(
        "SELECT reltuples FROM pg_class WHERE oid = CAST(:t AS regclass)"), {"t": table}).scalar_one() >= 2 * rows:
        return True
    return bool(conn.execute(text(f"SELECT count(*) FROM (SELECT 1 FROM {ident(table)} LIMIT {rows}) AS t")).scalar_one() >= rows)


@contextmanager
def _indexes_rebuilt_if_doubling(session: Session, target: str, rows: int) -> Iterator[None]:
    """Around a write of `rows` new versions that at least doubles `target` (a first load, a new
    province): drop its secondary indexes (on PostgreSQL its key too) and build them again once
    the rows are in, which costs less than keeping them up to date row by row. The drop is part
    of the transaction: a failed load leaves them as they were; a rebuilt unique index or key
    still refuses duplicates, failing the whole load."""
    conn = session.connection()
    if rows < REBUILD_MIN_ROWS or _holds_at_least(session, target, rows):
        yield
        return
    if dialect(session) == "duckdb":
        # DuckDB keeps the primary key as a constraint it cannot drop; its other indexes are listed here.
        indexes = conn.execute(text(
            "SELECT index_name, sql FROM duckdb_indexes() WHERE table_name = :t AND schema_name = current_schema()"
        ), {"t": target}).all()
        drops = [f"DROP INDEX {ident(name)}" for name, _ in indexes]
        builds = [sql for _, sql in indexes]
    else:
        constraints = conn.execute(text(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = CAST(:t AS regclass) AND contype IN ('p', 'u')"), {"t": target}).all()
        indexes = conn.execute(text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = :t AND i.schemaname = current_schema() "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname "
            "AND c.conrelid = CAST(:t AS regclass))"), {"t": target}).all()
        drops = [f"ALTER TABLE {ident(target)} DROP CONSTRAINT {ident(name)}" for name, _ in constraints]
        # Every version a load writes is current: an index of closed versions only gets no entry
        # from it, so it is kept as it is rather than dropped and built again.
        rebuilt = [(name, sql) for name, sql in indexes if not sql.endswith("WHERE (valid_to IS NOT NULL)")]
        drops += [f"DROP INDEX {ident(name)}" for name, _ in rebuilt]
        builds = [f"ALTER TABLE {ident(target)} ADD CONSTRAINT {ident(name)} {definition}" for name, definition in constraints]
        builds += [sql for _, sql in rebuilt]
        conn.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
    for statement in drops:
        conn.execute(text(statement))
    yield
    for statement in builds:
        conn.execute(text(statement))


def write_versions(
    session: Session, *, target: str, key: str, columns: dict[str, str], rows: pa.Table,
    at: datetime, by: str, source: str, ref: str, reason: str | None = None, effective_from: date | None = None,
) -> MergeCounts:
    """Write new versions of the records in `rows` (the key and some columns); the columns they
    leave out keep their current values. `columns` maps every column of `target` to its type."""
    name = f"stage_{target}_write"
    stage(session, name, columns, rows)
    fill_absent(session, name, target, key, [c for c in columns if c not in rows.column_names])
    counts = merge_versions(session, stage_name=name, target=target, key=key, columns=list(columns),
                            at=at, by=by, source=source, ref=ref, reason=reason, effective_from=effective_from)
    drop_stage(session, name)
    return counts
