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
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Literal

import pyarrow as pa
from sqlalchemy import text
from sqlalchemy.orm import Session

from connectors.base import PROBLEM, ROW, UnreadableFile, importer_for, importer_named
from service.domain import audit
from service.domain.authz import Principal, require_role
from service.domain.clock import new_id, now
from service.domain.dictionary import Dictionary, Entity, Field, dictionary
from service.domain.errors import ImportRejected, InvalidInput, NotFound, Problem
from service.domain.validation import (
    ProblemReport,
    RowProblem,
    ValidatedTable,
    merged_report,
    resolve_headers,
    validate_rows,
)
from service.store import bulk
from service.store import principals as principals_store
from service.store.records import teacher_ids_by_id_number
from service.store.sqltext import ident, literal
from service.store.tables import ImportBatch, ImportProblems

Kind = Literal["schools", "teachers"]
ENTITY: dict[Kind, Entity] = {"schools": "school", "teachers": "teacher"}
KEY: dict[Kind, str] = {"schools": "code", "teachers": "id"}

Progress = Callable[[str], None]
STEPS = ("reading file", "validating rows", "checking against the store", "staging", "merging")


@dataclass
class ImportReport:
    """What an import did. It lists at most MAX_LISTED problems, with their total and counts by
    column and reason; the whole list is kept as a file (`report_url`), however long it is."""

    batch_id: str
    kind: Kind
    filename: str
    rows_total: int
    rows_inserted: int = 0
    rows_updated: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    problems_total: int = 0
    problems_by_reason: dict[str, int] = field(default_factory=dict)
    report_gz: bytes = b""

    @property
    def status(self) -> str:
        return "imported" if self.rows_inserted + self.rows_updated + self.rows_unchanged else "rejected"

    def as_dict(self) -> dict[str, object]:
        return {
            "batch_id": self.batch_id, "kind": self.kind, "filename": self.filename,
            "status": self.status, "rows_total": self.rows_total,
            "rows_inserted": self.rows_inserted, "rows_updated": self.rows_updated,
            "rows_unchanged": self.rows_unchanged, "rows_rejected": self.rows_rejected,
            "problems": [p.as_dict() for p in self.problems], "problems_total": self.problems_total,
            "problems_by_reason": self.problems_by_reason,
            "report_url": f"/v1/imports/{self.batch_id}/report" if self.problems_total else None,
        }

    def take(self, report: ProblemReport) -> None:
        self.problems, self.problems_total = report.first, report.total
        self.problems_by_reason, self.report_gz = report.by_reason, report.csv_gz


# What an imported row refers to, which must be in the store: (column, table, its column, versioned).
REFERENCES: dict[Kind, tuple[str, str, str, bool]] = {
    "schools": ("region_code", "region", "code", False),
    "teachers": ("school_code", "school", "code", True),
}


def _check_references(session: Session, kind: Kind, checked: ValidatedTable) -> None:
    """A row must refer to a region (a school) or a school (a teacher) in the store: the file's
    distinct references are asked of the store at once, and the rows holding a missing one refused."""
    column, target, target_column, versioned = REFERENCES[kind]
    if column in checked.present:
        missing = bulk.missing(session, target, target_column, checked.values(column), versioned=versioned)
        checked.refuse(column, missing, f"{target} not in the store")


NAMED = {"id_number": "ID number"}  # how a problem names a column


def _held_elsewhere(session: Session, kind: Kind, stage_name: str, unique: list[str]) -> list[RowProblem]:
    """Store-wide uniqueness: a staged row's value of a `unique` column held by another current record
    (compared as bytes, as the index of such a column orders them: migration 19)."""
    entity, key = ENTITY[kind], ident(KEY[kind])
    parts = []
    for c in unique:
        held = f'(t.{ident(c)} COLLATE "C") = s.{ident(c)} AND t.{key} <> s.{key}'
        parts.append(f"SELECT s.{ident(ROW)}, {literal(c)}, s.{ident(c)}, "
                     f"{literal(f'{NAMED.get(c, c)} already belongs to {entity} ')} || t.{key} FROM {stage_name} s "
                     f"{bulk.join_current(session, entity, 't', held)}")
    rows = session.connection().execute(text(" UNION ALL ".join(parts))).all() if parts else []
    return [RowProblem(int(r[0]), str(r[1]), r[2], str(r[3])) for r in rows]


def import_table(
    session: Session, principal: Principal, kind: Kind, raw: pa.Table | pa.RecordBatchReader, filename: str, *,
    skip_invalid: bool = False, progress: Progress | None = None, d: Dictionary | None = None,
) -> ImportReport:
    """Validate every row of `raw` (a table, or batches read as a stream) and upsert the good ones;
    raise ImportRejected (nothing written) if any row is bad and `skip_invalid` is false, or if the
    header itself is wrong."""
    require_role(principal, "admin")
    d = d or dictionary()
    step = progress or (lambda _msg: None)
    entity = ENTITY[kind]
    fields = {f.column: f for f in d.entity_fields(entity)}
    report = ImportReport(batch_id=new_id(), kind=kind, filename=filename, rows_total=0)

    step("validating rows")
    if kind == "teachers":
        raw = _with_staff_ids(session, raw, d)
    with bulk.checking_database(session) as within:
        counts = _checked_and_written(session, principal, kind, report, validate_rows(raw, entity, d, within),
                                      fields, skip_invalid, step)
    report.rows_inserted, report.rows_updated, report.rows_unchanged = (
        counts.inserted, counts.updated, counts.unchanged,
    )
    _keep(session, principal, report)
    audit.record(session, principal.id, audit.Change(
        f"import.{kind}", "import_batch", report.batch_id, None,
        {k: v for k, v in report.as_dict().items() if k != "problems"}, filename))
    session.flush()
    return report


def _checked_and_written(
    session: Session, principal: Principal, kind: Kind, report: ImportReport, checked: ValidatedTable,
    fields: dict[str, Field], skip_invalid: bool, step: Progress,
) -> bulk.MergeCounts:
    """The checks of the validated rows against the store, then their writing; see `import_table`."""
    entity = ENTITY[kind]
    try:
        report.rows_total = checked.rows_total
        if any(p.row == 1 for p in checked.report.first):  # the header itself is wrong: no row can be read
            report.take(checked.report)
            report.rows_rejected = report.rows_total
            raise _rejected(session, principal, report)
        step("checking against the store")
        _check_references(session, kind, checked)
        # Records unique on a column (their key, a teacher's ID number) none of which the store holds
        # in the range of the file's values are all new: they are written straight from the checked
        # rows. Otherwise they are staged, checked against the store row by row, and merged.
        unique = [c for c in fields if fields[c].unique and c in checked.present]
        held = {c: bulk.any_current_between(session, entity, c, *checked.bounds(c)) for c in unique}
        key, at, found = KEY[kind], now(), checked.report
        if not any(held.values()):
            _take_or_reject(session, principal, report, found, skip_invalid)
            step("merging")
            count, digest = checked.good_count(), checked.digest(key)  # asked before the rows stream out
            counts = bulk.append_versions(
                session, target=entity, columns={c: fields[c].type for c in fields}, rows=checked.for_store(),
                count=count, keys_digest=digest, at=at, by=principal.id, source="import", ref=report.batch_id)
        else:
            step("staging")
            stage_name = f"stage_{kind}"
            bulk.stage(session, stage_name, {ROW: "integer", **{c: fields[c].type for c in fields}}, checked.for_store())
            checked.close()  # the rows are in the store: the validator's memory goes before the merge
            store_problems = _held_elsewhere(session, kind, stage_name, [c for c in unique if c != key and held[c]])
            found = merged_report(found, store_problems)
            _take_or_reject(session, principal, report, found, skip_invalid)
            if store_problems:
                session.connection().execute(text(
                    f'DELETE FROM {stage_name} WHERE "{ROW}" IN (SELECT unnest(:rows))'
                ), {"rows": sorted({p.row for p in store_problems})})
            step("merging")
            bulk.fill_absent(session, stage_name, entity, key, [c for c in fields if c not in checked.present])
            counts = bulk.merge_versions(
                session, stage_name=stage_name, target=entity, key=key, columns=list(fields),
                at=at, by=principal.id, source="import", ref=report.batch_id,
            )
            bulk.drop_stage(session, stage_name)
    finally:
        checked.close()
    return counts


def _take_or_reject(session: Session, principal: Principal, report: ImportReport, found: ProblemReport,
                    skip_invalid: bool) -> None:
    """The problems found go on the report; with any, the file is refused unless told to skip bad rows."""
    report.take(found)
    report.rows_rejected = len(found.bad_rows)
    if found.total and not skip_invalid:
        raise _rejected(session, principal, report)


def _with_staff_ids(session: Session, raw: pa.Table | pa.RecordBatchReader, d: Dictionary) -> pa.Table | pa.RecordBatchReader:
    """A teachers file without staff ids (the national system's export identifies staff by their
    national ID number) gets them: the store's id of the teacher with that number, else a new one."""
    headers = [h for h in raw.schema.names if h not in (ROW, PROBLEM)]
    mapping, _ = resolve_headers(headers, d.entity_fields("teacher"))
    if "id" in mapping.values() or "id_number" not in mapping.values():
        return raw
    if isinstance(raw, pa.RecordBatchReader):
        raw = raw.read_all()  # such files are exports of one school or county: small
    numbers = raw.column(next(i for i, c in mapping.items() if c == "id_number")).to_pylist()
    clean = [str(n).strip().upper() if n else None for n in numbers]
    known = teacher_ids_by_id_number(session, sorted({n for n in clean if n}))
    fresh: dict[str, str] = {}
    ids = [known.get(n) or fresh.setdefault(n, f"T{new_id()[:16].upper()}") if n else None for n in clean]
    return raw.append_column("id", pa.array(ids, pa.string()))


def _keep(session: Session, principal: Principal, report: ImportReport) -> None:
    """The batch on file, with its first problems and, when there are any, the whole report."""
    session.add(ImportBatch(
        id=report.batch_id, kind=report.kind, filename=report.filename, status=report.status,
        rows_total=report.rows_total, rows_inserted=report.rows_inserted, rows_updated=report.rows_updated,
        rows_unchanged=report.rows_unchanged, rows_rejected=report.rows_rejected,
        created_by=principal.id, created_at=now(),
        report=json.dumps([p.as_dict() for p in report.problems], ensure_ascii=False),
    ))
    if report.problems_total:
        session.add(ImportProblems(batch_id=report.batch_id, problems=report.problems_total, content=report.report_gz))
    session.flush()


def problems_file(session: Session, principal: Principal, batch_id: str) -> bytes:
    """The whole problem report of an import (accepted or rejected), as a gzip-compressed CSV."""
    require_role(principal, "admin")
    kept = bulk.problems_of(session, batch_id)
    if kept is None:
        raise NotFound(f"no problem report for import {batch_id}", [Problem(["path", "batch_id"], "unknown", batch_id)])
    return kept.content


def upload_name(filename: str | None, kind: str) -> str:
    """The name an uploaded file is known by: its last path component, printable, at most 200
    characters (its suffix picks the reader); a missing name, or one of dots only, is upload.<kind>.csv."""
    printable = "".join(ch for ch in (filename or "") if ch.isprintable())
    name = PurePosixPath(printable.replace("\\", "/")).name.strip()[-200:]
    return name if name.strip(".") else f"upload.{kind}.csv"


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
        raw = (importer_named(fmt) if fmt else importer_for(name)).read_batches(path)
        return import_table(session, principal, kind, raw, name, skip_invalid=skip_invalid, progress=progress)
    except UnreadableFile as exc:  # at once, or part way through a streamed file
        raise InvalidInput(str(exc), [Problem(["file"], str(exc))]) from exc


def _rejected(session: Session, principal: Principal, report: ImportReport) -> ImportRejected:
    """The refusal of a file with bad rows: nothing of it is imported, but the batch and its whole
    report are kept on file (in their own unit of work) so the report can be downloaded."""
    n = report.problems_total
    return ImportRejected(
        f"{report.filename}: {n} problem{'s' if n != 1 else ''} in {report.rows_rejected} row(s); nothing was imported",
        [Problem(["file", "row", p.row, p.column], p.reason, p.value) for p in report.problems],
        record=partial(_keep, principal=principal, report=report), report=report.as_dict(),
        **({"errors_total": n} if n > len(report.problems) else {}),
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
        if parent and parent not in codes and principals_store.region(session, parent) is None:
            problems.append(Problem(["file", "row", i, "parent_code"], "parent region unknown", parent))
    if problems:
        raise ImportRejected(f"{len(problems)} problem(s) in the regions file; nothing was imported", problems)
    table = pa.table({c: pa.array([r.get(c) or None for r in rows], pa.string())
                      for c in ("code", "name", "parent_code", "level")})
    bulk.stage(session, "stage_regions", {"code": "text", "name": "text", "parent_code": "text", "level": "text"}, table)
    bulk.replace_regions(session, "stage_regions")
    bulk.drop_stage(session, "stage_regions")
    bulk.analyze_if_changed(session, "region", len(rows))
    audit.record(session, principal.id, audit.Change("import.regions", "region", "*", None, rows, f"{len(rows)} regions"))
    return len(rows)
