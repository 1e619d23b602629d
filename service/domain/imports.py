"""Bulk import of schools and teachers (admin only): all or nothing unless told to skip bad rows.

Rule: a file with any bad row imports nothing and reports every problem (row, column, value,
reason); with `skip_invalid` the good rows import and the report lists the rest. Re-importing
the same file changes nothing: rows are upserted on their natural key and a new version is kept
only for a real change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import text
from sqlalchemy.orm import Session

from connectors.base import ROW, UnreadableFile, importer_for, importer_named
from service.domain.authz import Principal, require_role
from service.domain.clock import new_id, now
from service.domain.dictionary import Dictionary, Entity, dictionary
from service.domain.errors import ImportRejected, InvalidInput, Problem
from service.domain.validation import RowProblem, resolve_headers, validate_rows
from service.store import bulk
from service.store.records import teacher_ids_by_id_number
from service.store.tables import ImportBatch, Region

Kind = Literal["schools", "teachers"]
ENTITY: dict[Kind, Entity] = {"schools": "school", "teachers": "teacher"}
KEY: dict[Kind, str] = {"schools": "code", "teachers": "id"}

Progress = Callable[[str], None]
STEPS = ("reading file", "validating rows", "staging", "checking against the store", "merging")


@dataclass
class ImportReport:
    batch_id: str
    kind: Kind
    filename: str
    rows_total: int
    rows_inserted: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "imported" if self.rows_inserted + self.rows_updated + self.rows_unchanged else "rejected"

    def as_dict(self) -> dict[str, object]:
        return {
            "batch_id": self.batch_id, "kind": self.kind, "filename": self.filename,
            "status": self.status, "rows_total": self.rows_total,
            "rows_inserted": self.rows_inserted, "rows_updated": self.rows_updated,
            "rows_unchanged": self.rows_unchanged, "rows_rejected": self.rows_rejected,
            "problems": [p.as_dict() for p in self.problems],
        }


def _store_checks(session: Session, kind: Kind, stage_name: str) -> list[RowProblem]:
    """Checks that need the store: references to existing records and store-wide uniqueness."""
    if kind == "schools":
        sql = (
            f'SELECT s."{ROW}", \'region_code\', s.region_code, \'region not in the store\' '
            f"FROM {stage_name} s WHERE NOT EXISTS (SELECT 1 FROM region r WHERE r.code = s.region_code)"
        )
    else:
        sql = (
            f'SELECT s."{ROW}", \'school_code\', s.school_code, \'school not in the store\' FROM {stage_name} s '
            f"WHERE NOT EXISTS (SELECT 1 FROM school c WHERE c.code = s.school_code AND c.valid_to IS NULL) "
            f'UNION ALL SELECT s."{ROW}", \'id_number\', s.id_number, \'ID number already belongs to teacher \' || t.id '
            f"FROM {stage_name} s JOIN teacher t ON t.id_number = s.id_number AND t.valid_to IS NULL AND t.id <> s.id"
        )
    rows = session.connection().execute(text(sql)).all()
    return [RowProblem(int(r[0]), str(r[1]), r[2], str(r[3])) for r in rows]


def import_table(
    session: Session, principal: Principal, kind: Kind, raw: pa.Table, filename: str, *,
    skip_invalid: bool = False, progress: Progress | None = None, d: Dictionary | None = None,
) -> ImportReport:
    """Validate every row of `raw` and upsert the good ones; raise ImportRejected (nothing written)
    if any row is bad and `skip_invalid` is false, or if the header itself is wrong."""
    require_role(principal, "admin")
    d = d or dictionary()
    step = progress or (lambda _msg: None)
    entity = ENTITY[kind]
    fields = {f.column: f for f in d.entity_fields(entity)}
    report = ImportReport(batch_id=new_id(), kind=kind, filename=filename, rows_total=raw.num_rows)

    step("validating rows")
    if kind == "teachers":
        raw = _with_staff_ids(session, raw, d)
    checked = validate_rows(raw, entity, d)
    problems = checked.problems
    header_bad = any(p.row == 1 for p in problems)
    bad_rows = {p.row for p in problems}
    if header_bad:
        report.problems, report.rows_rejected = problems, report.rows_total
        raise _rejected(report)
    good = checked.table
    if bad_rows:
        good = good.filter(pc.invert(pc.is_in(good[ROW], pa.array(sorted(bad_rows), pa.int64()))))

    step("staging")
    stage_name = f"stage_{kind}"
    columns = {ROW: "integer", **{c: fields[c].type for c in fields}}
    bulk.stage(session, stage_name, columns, good)
    step("checking against the store")
    store_problems = _store_checks(session, kind, stage_name)
    problems = sorted(problems + store_problems, key=lambda p: (p.row, p.column))
    bad_rows |= {p.row for p in store_problems}
    report.problems, report.rows_rejected = problems, len(bad_rows)
    if problems and not skip_invalid:
        raise _rejected(report)
    if store_problems:
        session.connection().execute(text(
            f'DELETE FROM {stage_name} WHERE "{ROW}" IN ({", ".join(str(r) for r in sorted(bad_rows))})'
        ))
    step("merging")
    bulk.fill_absent(session, stage_name, entity, KEY[kind], [c for c in fields if c not in checked.present])
    counts = bulk.merge_versions(
        session, stage_name=stage_name, target=entity, key=KEY[kind], columns=list(fields),
        at=now(), by=principal.id, source="import", ref=report.batch_id,
    )
    bulk.drop_stage(session, stage_name)
    report.rows_inserted, report.rows_updated, report.rows_unchanged = (
        counts.inserted, counts.updated, counts.unchanged,
    )
    session.add(ImportBatch(
        id=report.batch_id, kind=kind, filename=filename, status=report.status,
        rows_total=report.rows_total, rows_inserted=counts.inserted, rows_updated=counts.updated,
        rows_unchanged=counts.unchanged, rows_rejected=report.rows_rejected,
        created_by=principal.id, created_at=now(),
        report=json.dumps([p.as_dict() for p in problems], ensure_ascii=False),
    ))
    session.flush()
    return report


def _with_staff_ids(session: Session, raw: pa.Table, d: Dictionary) -> pa.Table:
    """A teachers file without staff ids (the national system's export identifies staff by their
    national ID number) gets them: the store's id of the teacher with that number, else a new one."""
    headers = [h for h in raw.column_names if h != ROW]
    mapping, _ = resolve_headers(headers, d.entity_fields("teacher"))
    if "id" in mapping.values() or "id_number" not in mapping.values():
        return raw
    numbers = raw.column(next(i for i, c in mapping.items() if c == "id_number")).to_pylist()
    clean = [str(n).strip().upper() if n else None for n in numbers]
    known = teacher_ids_by_id_number(session, sorted({n for n in clean if n}))
    fresh: dict[str, str] = {}
    ids = [known.get(n) or fresh.setdefault(n, f"T{new_id()[:16].upper()}") if n else None for n in clean]
    return raw.append_column("id", pa.array(ids, pa.string()))


def import_file(
    session: Session, principal: Principal, kind: Kind, path: Path, filename: str | None = None, *,
    skip_invalid: bool = False, progress: Progress | None = None, fmt: str | None = None,
) -> ImportReport:
    """Read a CSV or Excel file with the connector its name calls for (or the layout `fmt` names,
    such as the national teacher system's export), then `import_table` it."""
    require_role(principal, "admin")
    name = filename or path.name
    step = progress or (lambda _msg: None)
    step("reading file")
    try:
        raw = (importer_named(fmt) if fmt else importer_for(name)).read(path)
    except UnreadableFile as exc:
        raise InvalidInput(str(exc), [Problem(["file"], str(exc))]) from exc
    return import_table(session, principal, kind, raw, name, skip_invalid=skip_invalid, progress=progress)


def _rejected(report: ImportReport) -> ImportRejected:
    n = len(report.problems)
    return ImportRejected(
        f"{report.filename}: {n} problem{'s' if n != 1 else ''} in {report.rows_rejected} row(s); nothing was imported",
        [Problem(["file", "row", p.row, p.column], p.reason, p.value) for p in report.problems],
        report=report.as_dict(),
    )


def import_regions(session: Session, principal: Principal, raw: pa.Table) -> int:
    """Upsert administrative divisions (code, name, parent_code, level); return how many rows."""
    require_role(principal, "admin")
    problems: list[Problem] = []
    rows = raw.to_pylist()
    codes = {str(r.get("code") or "") for r in rows}
    for i, r in enumerate(rows, start=2):
        code, parent, level = str(r.get("code") or ""), r.get("parent_code") or None, r.get("level")
        if not (len(code) == 6 and code.isdigit()):
            problems.append(Problem(["file", "row", i, "code"], "wrong format (6 digits)", code))
        if level not in ("province", "city", "county"):
            problems.append(Problem(["file", "row", i, "level"], "one of province, city, county", level))
        if parent and parent not in codes and session.get(Region, parent) is None:
            problems.append(Problem(["file", "row", i, "parent_code"], "parent region unknown", parent))
    if problems:
        raise ImportRejected(f"{len(problems)} problem(s) in the regions file; nothing was imported", problems)
    table = pa.table({c: pa.array([r.get(c) or None for r in rows], pa.string())
                      for c in ("code", "name", "parent_code", "level")})
    bulk.stage(session, "stage_regions", {"code": "text", "name": "text", "parent_code": "text", "level": "text"}, table)
    conn = session.connection()
    conn.execute(text("DELETE FROM region WHERE code IN (SELECT code FROM stage_regions)"))
    conn.execute(text("INSERT INTO region (code, name, parent_code, level) SELECT code, name, parent_code, level FROM stage_regions"))
    bulk.drop_stage(session, "stage_regions")
    return len(rows)
