"""Set-based bulk loading and versioned upserts; the dialect-specific SQL of the store lives here.

Rows arrive as an Arrow table. They are staged in a temporary table (DuckDB: scan of the Arrow
table; PostgreSQL: COPY), checked against the store, then merged into the versioned table with
three statements: find what changed, close the old versions, insert the new ones. Nothing is
written row by row and nothing is written at all until every check has passed.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy import text
from sqlalchemy.orm import Session

from service.store import audit

SQL_TYPES = {"text": "VARCHAR", "enum": "VARCHAR", "integer": "BIGINT", "decimal": "DOUBLE PRECISION",
             "date": "DATE", "boolean": "BOOLEAN"}


@dataclass(frozen=True)
class MergeCounts:
    inserted: int
    updated: int
    unchanged: int


def dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def stage(session: Session, name: str, columns: Mapping[str, str], table: pa.Table) -> None:
    """Create temporary table `name` (column -> dictionary type) holding `table`'s rows, typed;
    columns `table` lacks are NULL."""
    conn = session.connection()
    raw = conn.connection.driver_connection
    decl = ", ".join(f'"{c}" {SQL_TYPES[t]}' for c, t in columns.items())
    conn.execute(text(f"DROP TABLE IF EXISTS {name}"))
    if dialect(session) == "duckdb":
        casts = ", ".join(
            f'CAST({chr(34) + c + chr(34) if c in table.column_names else "NULL"} AS {SQL_TYPES[t]}) AS "{c}"'
            for c, t in columns.items()
        )
        view = f"{name}_arrow"
        raw.register(view, table)  # type: ignore[union-attr]
        try:
            conn.execute(text(f"CREATE TEMP TABLE {name} AS SELECT {casts} FROM {view}"))
        finally:
            raw.unregister(view)  # type: ignore[union-attr]
        return
    conn.execute(text(f"CREATE TEMP TABLE {name} ({decl}) ON COMMIT DROP"))
    buf = io.BytesIO()
    present = [c for c in columns if c in table.column_names]
    pacsv.write_csv(table.select(present), buf, pacsv.WriteOptions(include_header=False))
    buf.seek(0)
    with raw.cursor() as cur, cur.copy(  # type: ignore[union-attr]
        f"COPY {name} ({', '.join(chr(34) + c + chr(34) for c in present)}) FROM STDIN (FORMAT csv)"
    ) as copy:
        while chunk := buf.read(1 << 20):
            copy.write(chunk)


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
    at: datetime, by: str, source: str, ref: str, reason: str | None = None,
) -> MergeCounts:
    """Upsert staged rows into versioned `target` on `key`: a row whose values differ from the
    current version closes it (valid_to = at) and adds a new one; identical rows change nothing."""
    conn = session.connection()
    differs = " OR ".join(f't."{c}" IS DISTINCT FROM s."{c}"' for c in columns if c != key)
    conn.execute(text(f"DROP TABLE IF EXISTS {stage_name}_delta"))
    suffix = "" if dialect(session) == "duckdb" else " ON COMMIT DROP"
    conn.execute(text(
        f"CREATE TEMP TABLE {stage_name}_delta{suffix} AS "
        f"SELECT s.\"{key}\" AS k, t.\"{key}\" IS NOT NULL AS existed FROM {stage_name} s "
        f"LEFT JOIN {target} t ON t.\"{key}\" = s.\"{key}\" AND t.valid_to IS NULL "
        f"WHERE t.\"{key}\" IS NULL OR {differs}"
    ))
    row = conn.execute(text(
        f"SELECT count(*) FILTER (WHERE NOT existed), count(*) FILTER (WHERE existed), "
        f"(SELECT count(*) FROM {stage_name}) FROM {stage_name}_delta"
    )).one()
    inserted, updated, total = int(row[0]), int(row[1]), int(row[2])
    if updated:
        conn.execute(
            text(
                f"UPDATE {target} SET valid_to = :at WHERE valid_to IS NULL AND \"{key}\" IN "
                f"(SELECT k FROM {stage_name}_delta WHERE existed)"
            ),
            {"at": at},
        )
    if inserted or updated:
        cols = ", ".join(f'"{c}"' for c in columns)
        conn.execute(
            text(
                f"INSERT INTO {target} ({cols}, valid_from, valid_to, source, changed_by, ref, reason) "
                f"SELECT {', '.join(f's.{chr(34)}{c}{chr(34)}' for c in columns)}, :at, NULL, :source, :by, :ref, :reason "
                f"FROM {stage_name} s JOIN {stage_name}_delta d ON d.k = s.\"{key}\""
            ),
            {"at": at, "source": source, "by": by, "ref": ref, "reason": reason},
        )
    if inserted or updated:
        before, after = audit.version_digests(session, target, key, f"{stage_name}_delta", at)
        audit.append(session, [{
            "id": uuid.uuid4().hex, "recorded_at": at, "actor": by, "action": f"records.{target}", "entity": target,
            "entity_id": ref, "before_digest": before, "after_digest": after,
            "detail": f"{source}: {inserted} new, {updated} changed" + (f"; {reason}" if reason else "")}])
    drop_stage(session, f"{stage_name}_delta")
    return MergeCounts(inserted=inserted, updated=updated, unchanged=total - inserted - updated)


def write_versions(
    session: Session, *, target: str, key: str, columns: dict[str, str], rows: pa.Table,
    at: datetime, by: str, source: str, ref: str, reason: str | None = None,
) -> MergeCounts:
    """Write new versions of the records in `rows` (the key and some columns); the columns they
    leave out keep their current values. `columns` maps every column of `target` to its type."""
    name = f"stage_{target}_write"
    stage(session, name, columns, rows)
    fill_absent(session, name, target, key, [c for c in columns if c not in rows.column_names])
    counts = merge_versions(session, stage_name=name, target=target, key=key, columns=list(columns),
                            at=at, by=by, source=source, ref=ref, reason=reason)
    drop_stage(session, name)
    return counts
