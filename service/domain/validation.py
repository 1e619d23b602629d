"""Row validation of imported tables against the dictionary, set-based in an in-process DuckDB.

Every rule the dictionary states for a stored field is checked for every row at once: required,
type, code list (codes, or their zh/en labels and aliases, which are mapped to codes), range,
pattern, length, uniqueness within the file, and the GB 11643 national ID checksum with its
agreement with birth date and gender. Checks against the store (references, uniqueness across the
store) run later in the store itself, see service/store/bulk.py.
"""

from __future__ import annotations

import gzip
import io
import math
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, cast

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from connectors.base import PROBLEM, ROW, UnreadableFile, exporter_for
from service.domain.dictionary import Dictionary, Entity, Field
from service.domain.errors import MAX_LISTED
from service.domain.text import SPACE_PUNCT_PATTERN, simple_norm
from service.store.audit import KEYS_DIGEST
from service.store.sqltext import ident, literal

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
CONTROL_PATTERN = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"


@dataclass(frozen=True)
class RowProblem:
    row: int  # spreadsheet row: the header is row 1
    column: str
    value: str | None
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": self.reason}


def id_number_valid(value: str) -> bool:
    """GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11] == value[17].upper()


Fault = tuple[str, str, dict[str, Any]]  # (code, message, figures): see Problem.code
INTEGER = re.compile(r"[+-]?[0-9]+")
DATE = re.compile(r"([1-9][0-9]{3})-([0-9]{1,2})-([0-9]{1,2})")
YES, NO = ("1", "true", "yes", "是"), ("0", "false", "no", "否")


def check_value(text: str, type_: str, f: Field | None, d: Dictionary) -> tuple[str | None, Fault | None]:
    """(normalised text, fault) for one value against its type, code list, range, format and check
    (`f` None: a field asked anew, of `type_`). The rules of an import's rows (`validate_rows`,
    set-based in SQL), value for value: forms, corrections and the API call this one."""
    text = text.strip()
    if re.search(CONTROL_PATTERN, text):
        return None, ("control_character", "contains a NUL or other control character", {})
    if type_ == "integer":
        if not INTEGER.fullmatch(text):
            return None, ("not_integer", "not a whole number", {})
        text = str(int(text))
        if f is not None and f.min is not None and int(text) < int(f.min):
            return None, ("below_min", f"below the minimum {f.min}", {"min": f.min})
        if f is not None and f.max is not None and int(text) > int(f.max):
            return None, ("above_max", f"above the maximum {f.max}", {"max": f.max})
        if f is None and int(text) < 0:
            return None, ("negative", "a count cannot be negative", {})
    elif type_ == "decimal":
        try:
            if not math.isfinite(float(text)) or "_" in text:
                raise ValueError(text)
        except ValueError:
            return None, ("not_number", "not a number", {})
    elif type_ == "date":
        m = DATE.fullmatch(text.replace("/", "-").replace(".", "-"))
        try:
            text = date(*(int(g) for g in m.groups())).isoformat() if m else ""
        except ValueError:
            text = ""
        if not text:
            return None, ("not_date", "not a date (YYYY-MM-DD)", {})
        if f is not None and f.min is not None and text < str(f.min):
            return None, ("before", f"before {f.min}", {"min": f.min})
        if f is not None and f.max is not None and text > str(f.max):
            return None, ("after", f"after {f.max}", {"max": f.max})
    elif type_ == "boolean":
        if text.lower() not in YES + NO:
            return None, ("not_yes_no", "not yes/no", {})
        text = "1" if text.lower() in YES else "0"
    elif type_ == "enum" and f is not None:
        cl = d.code_list_for(f)
        said = simple_norm(text)
        code = next((c.code for c in cl.codes if said in {simple_norm(t) for t in (c.code, c.zh, c.en, *c.aliases)}),
                    None) if cl else None
        if code is None:
            return None, ("not_in_code_list", f"not in code list {f.code_list}", {})
        text = code
    if f is not None and f.check == "gb11643":
        text = text.upper()
    # ASCII, as the import's SQL regular expressions are: "\d" is no full-width digit ("00000１").
    if f is not None and f.pattern and not re.fullmatch(f.pattern, text, re.ASCII):
        return None, ("bad_format", f"wrong format (expected {f.pattern})", {})
    if f is not None and f.max_length and len(text) > f.max_length:
        return None, ("too_long", f"longer than {f.max_length} characters", {"max_length": f.max_length})
    if f is not None and f.check == "gb11643" and re.fullmatch(r"[0-9]{17}[0-9X]", text) and not id_number_valid(text):
        return None, ("id_check_character", "check character wrong (GB 11643)", {})
    return text, None


def resolve_headers(headers: list[str], fields: list[Field]) -> tuple[dict[int, str], list[RowProblem]]:
    """Map file headers (by position) to store columns by column name, key, zh/en label or alias."""
    names: dict[str, str] = {}
    for f in fields:
        for text in (f.column, f.key, f.labels.zh, f.labels.en, *f.aliases):
            names.setdefault(simple_norm(text), f.column)
    mapping: dict[int, str] = {}
    problems: list[RowProblem] = []
    for i, h in enumerate(headers):
        column = names.get(simple_norm(h))
        if column is None:
            problems.append(RowProblem(1, h, None, "unknown column: not a field of the dictionary"))
        elif column in mapping.values():
            problems.append(RowProblem(1, h, None, f"column {column} appears more than once"))
        else:
            mapping[i] = column
    for f in fields:
        if f.required and f.column not in mapping.values():
            problems.append(RowProblem(1, f.column, None, f"required column missing ({f.labels.zh} / {f.labels.en})"))
    return mapping, problems


def _checks(f: Field, d: Dictionary) -> list[tuple[str, str]]:
    """(SQL condition that is true for a bad row, reason) for one field; `v` is the value and `t`
    the value as its type (`typed`), NULL when it is not one."""
    out: list[tuple[str, str]] = []
    if f.required:
        out.append(("v IS NULL", "required"))
    if f.type == "enum":
        cl = d.code_lists[f.code_list or ""]
        out.append((f"v IS NOT NULL AND NOT {_is_code(cl.code_values, 'v')}", f"not in code list {cl.name} ({', '.join(cl.code_values[:12])}{'…' if len(cl.codes) > 12 else ''})"))
    elif f.type == "integer":
        out.append(("v IS NOT NULL AND NOT regexp_full_match(v, '[+-]?[0-9]+')", "not a whole number"))
        if f.min is not None:
            out.append((f"t < {int(f.min)}", f"below the minimum {f.min}"))
        if f.max is not None:
            out.append((f"t > {int(f.max)}", f"above the maximum {f.max}"))
    elif f.type == "decimal":
        out.append(("v IS NOT NULL AND TRY_CAST(v AS DOUBLE) IS NULL", "not a number"))
    elif f.type == "date":
        out.append((f"v IS NOT NULL AND (NOT regexp_full_match(v, {literal(DATE.pattern)}) OR t IS NULL)",
                    "not a date (YYYY-MM-DD)"))
        if f.min is not None:
            out.append((f"t < DATE {literal(f.min)}", f"before {f.min}"))
        if f.max is not None:
            out.append((f"t > DATE {literal(f.max)}", f"after {f.max}"))
    elif f.type == "boolean":
        out.append(("v IS NOT NULL AND v NOT IN ('0', '1')", "not a yes/no value (1 or 0)"))
    if f.pattern:
        out.append((f"v IS NOT NULL AND NOT regexp_full_match(v, {literal(f.pattern)})", f"wrong format (expected {f.pattern})"))
    if f.max_length:
        out.append((f"length(v) > {f.max_length}", f"longer than {f.max_length} characters"))
    return out


# The SQL type a date or integer field's text is cast to once a row, for every check that compares
# it (a date's range took two more casts of each value).
TYPED = {"date": "DATE", "integer": "BIGINT"}


def typed(col: str) -> str:
    """The helper column holding `col` as its type (see TYPED)."""
    return ident(f"__{col}_typed")


def _is_code(codes: list[str], value: str) -> str:
    """SQL: whether `value` is one of `codes`. A constant map's key lookup is a hash probe; an IN
    list of the same codes is compared one by one (58 ethnicity codes: 0.15 s against 0.03 s a
    million rows)."""
    return f"map_contains(MAP {{{', '.join(f'{literal(c)}: true' for c in codes)}}}, {value})"


# Types whose checks refuse any value holding a control character, so a row's search for one
# needs to look only at its other columns (the check still reports it in these columns too).
CLOSED_TYPES = frozenset({"enum", "integer", "date", "boolean"})


# The 17 digits of an ID number read as three integers (from position, digits): their digits are
# taken apart by arithmetic, which costs half the CPU of 17 one-character substrings.
ID_CHUNKS = ((1, 6), (7, 6), (13, 5))


def _id_helpers_sql(col: str) -> list[str]:
    """Columns for the checks of an ID number: whether it has the shape (17 digits and a digit or X,
    searched once), and its digits as three integers (which the checks read only where it has)."""
    return [f"regexp_full_match({ident(col)}, '\\d{{17}}[\\dX]') AS {ident(f'__{col}_shape')}",
            *(f"TRY_CAST(substr({ident(col)}, {start}, {n}) AS INTEGER) AS {ident(f'__{col}_{start}')}"
              for start, n in ID_CHUNKS)]


def _id_checksum_sql(col: str) -> str:
    """The GB 11643 check character of `col`, from the columns `_id_helpers_sql` adds."""
    terms = " + ".join(
        f"({ident(f'__{col}_{start}')} // {10 ** (n - 1 - j)} % 10) * {ID_WEIGHTS[start - 1 + j]}"
        for start, n in ID_CHUNKS for j in range(n))
    return f"substr({literal(ID_CHECK_CHARS)}, (({terms}) % 11) + 1, 1)"


_PROBLEM_SCHEMA = pa.schema([("row", pa.int64()), ("column", pa.string()), ("value", pa.string()), ("reason", pa.string())])


@dataclass
class ProblemReport:
    """Every problem of a file, bounded in memory whatever their number: the first MAX_LISTED,
    the total, counts by column and reason, the bad rows, and the whole list as a gzip CSV."""

    first: list[RowProblem]
    total: int
    by_reason: dict[str, int]
    bad_rows: pa.Array  # int64, sorted
    csv_gz: bytes


def _good(database: str | None = None) -> str:
    """The checked rows with no problem (in `database`, when named)."""
    at = f"{ident(database)}." if database else ""
    return f"SELECT * FROM {at}norm WHERE {ROW} NOT IN (SELECT row_no FROM {at}problem)"


GOOD = _good()


@dataclass
class ValidatedTable:
    """The checked rows, kept in the DuckDB that checked them until `close()`: a large file never
    becomes one Arrow table or a list of Python rows."""

    rows_total: int  # data rows read, the unreadable ones included
    problems: list[RowProblem]  # the first MAX_LISTED; `report` has them all
    present: list[str]  # store columns the file carried
    report: ProblemReport
    con: duckdb.DuckDBPyConnection
    spill: Path | None  # a DuckDB of its own: its spill directory; None: the store's (`database`)
    database: str | None = None

    def good_rows(self, batch_rows: int = 65536) -> pa.RecordBatchReader:
        """The normalised, typed-as-text rows with no problem, with __row, in batches."""
        return self.con.sql(f"SELECT * EXCLUDE ({PROBLEM}) FROM ({GOOD})").to_arrow_reader(batch_rows)

    def for_store(self) -> pa.RecordBatchReader | str:
        """The rows with no problem as the store takes them: a query over the database they were
        checked in, when that is the store's own DuckDB, else in batches."""
        if self.database is None:
            return self.good_rows()
        return f"SELECT * EXCLUDE ({PROBLEM}) FROM ({_good(self.database)})"

    def good_count(self) -> int:
        return _count(self.con, f"({GOOD})")

    def values(self, column: str) -> list[str]:
        """The distinct values of `column` in the rows with no problem."""
        return [str(v) for (v,) in self.con.execute(
            f"SELECT DISTINCT {ident(column)} FROM ({GOOD}) WHERE {ident(column)} IS NOT NULL").fetchall()]

    def bounds(self, column: str) -> tuple[str | None, str | None]:
        """The least and the greatest value of `column` in the rows with no problem."""
        ((lo, hi),) = self.con.execute(f"SELECT min({ident(column)}), max({ident(column)}) FROM ({GOOD})").fetchall()
        return lo, hi

    def digest(self, column: str) -> str | None:
        """The audit digest of the values of `column` in the rows with no problem (`audit.KEYS_DIGEST`)."""
        ((digest,),) = self.con.execute(f"SELECT {KEYS_DIGEST.format(k=ident(column), order='')} FROM ({GOOD})").fetchall()
        return None if digest is None else str(digest)

    def refuse(self, column: str, values: list[str], reason: str) -> None:
        """Report every row with no problem yet whose `column` holds one of `values` (found wrong by a
        check against the store); the report is made again with them."""
        if not values:
            return
        self.con.execute(f"INSERT INTO problem SELECT {ROW}, ?, {ident(column)}, ? FROM ({GOOD}) "
                         f"WHERE {ident(column)} IN (SELECT unnest(?))", [column, reason, values])
        self.report = _report(self.con)
        self.problems = self.report.first

    def close(self) -> None:
        """Free what the check holds: its own DuckDB, or its tables in the store's."""
        if self.spill is None:
            for table in ("suspect", "problem", "norm"):
                self.con.execute(f"DROP TABLE IF EXISTS {table}")
            return
        self.con.close()
        shutil.rmtree(self.spill, ignore_errors=True)


def _numbered(raw: pa.Table | pa.RecordBatchReader, failures: list[UnreadableFile],
              nfkc: frozenset[int] = frozenset()) -> pa.RecordBatchReader:
    """`raw` with positional column names (a header may repeat, and the reader must not merge or
    drop either copy), ROW (the line in the file, numbered from 2 when the reader gives none) and PROBLEM.
    Values are trimmed as `check_value` trims them; those at positions `nfkc` (code lists) NFKC-normalised."""
    names = [c for c in raw.schema.names if c not in (ROW, PROBLEM)]
    schema = pa.schema([*((f"c{i}", pa.string()) for i in range(len(names))), (ROW, pa.int64()), (PROBLEM, pa.string())])
    batches = raw.to_batches() if isinstance(raw, pa.Table) else raw

    def renamed() -> Iterator[pa.RecordBatch]:
        line = 2
        try:
            yield from numbered(line)
        except UnreadableFile as exc:  # DuckDB, reading the stream, keeps only the message: kept here
            failures.append(exc)
            raise

    def numbered(line: int) -> Iterator[pa.RecordBatch]:
        for b in batches:
            n = b.num_rows
            columns = [pc.utf8_trim_whitespace(b.column(i).cast(pa.string()))
                       for i, c in enumerate(b.schema.names) if c not in (ROW, PROBLEM)]
            # NFKC leaves ASCII text as it is: a column without other characters skips it. What it
            # does change is trimmed again (it makes a space of some characters that are not one).
            columns = [pc.utf8_trim_whitespace(pc.utf8_normalize(col, "NFKC"))
                       if i in nfkc and not pc.all(pc.string_is_ascii(col)).as_py() else col
                       for i, col in enumerate(columns)]
            rows = b.column(ROW).cast(pa.int64()) if ROW in b.schema.names else pa.array(range(line, line + n), pa.int64())
            why = b.column(PROBLEM) if PROBLEM in b.schema.names else pa.nulls(n, pa.string())
            line += n
            yield pa.RecordBatch.from_arrays([*columns, rows, why], schema=schema)

    return pa.RecordBatchReader.from_batches(schema, renamed())


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    ((n,),) = con.execute(f"SELECT count(*) FROM {table}").fetchall()
    return int(n)


def validate_rows(raw: pa.Table | pa.RecordBatchReader, entity: Entity, d: Dictionary,
                  within: tuple[duckdb.DuckDBPyConnection, str] | None = None) -> ValidatedTable:
    """Check every row of `raw` (a table, or batches read as a stream) against the dictionary fields
    of `entity`; never raises on bad data. A `__row` column, if the importer gives one, holds each
    row's line in the file (the header is 1); `__problem` says why a row could not be read.
    `within`: a connection using an empty database (its name) of a DuckDB store's own instance to
    check the rows in (`bulk.checking_database`); by default a DuckDB of the check's own."""
    fields = d.entity_fields(entity)
    headers = [h for h in raw.schema.names if h not in (ROW, PROBLEM)]
    mapping, problems = resolve_headers(headers, fields)
    by_column = {f.column: f for f in fields}
    spill: Path | None = None
    if within is None:
        # Bounded: a large file spills to disk instead of growing the process (threads: the machine is shared).
        spill = Path(tempfile.mkdtemp(prefix="collectonce-validation-"))
        con = duckdb.connect(config={"memory_limit": "512MB", "threads": 2, "temp_directory": str(spill)})
    else:
        con = within[0]
    failures: list[UnreadableFile] = []
    con.register("raw_src", _numbered(raw, failures, frozenset(i for i, c in mapping.items() if by_column[c].type == "enum")))
    selected = [
        f"NULLIF(c{i}, '') AS {ident(c)}" for i, c in mapping.items()  # trimmed in _numbered
    ] + [f"CAST(NULL AS VARCHAR) AS {ident(c)}" for c in by_column if c not in mapping.values()]
    cols = []
    for c, f in by_column.items():
        if f.type == "enum":
            # A code is kept as it is; anything else is looked up among the labels and aliases.
            cl = d.code_lists[f.code_list or ""]
            words: dict[str, str] = {}
            for code in cl.codes:
                for text in (code.code, code.zh, code.en, *code.aliases):
                    words[simple_norm(text)] = min(words.get(simple_norm(text), code.code), code.code)
            lookup = "MAP {" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in sorted(words.items())) + "}"
            cols.append(
                f"CASE WHEN {_is_code(cl.code_values, f's.{ident(c)}')} THEN s.{ident(c)} ELSE COALESCE(map_extract({lookup}, "
                f"lower(regexp_replace(s.{ident(c)}, {literal(SPACE_PUNCT_PATTERN)}, '', 'g')))[1], s.{ident(c)}) END AS {ident(c)}"
            )
        elif f.type == "date":
            cols.append(f"replace(replace(s.{ident(c)}, '/', '-'), '.', '-') AS {ident(c)}")
        elif f.type == "boolean":
            yes, no = (", ".join(literal(w) for w in spelled) for spelled in (YES, NO))
            cols.append(f"CASE WHEN lower(s.{ident(c)}) IN ({yes}) THEN '1' WHEN lower(s.{ident(c)}) IN ({no}) THEN '0' "
                        f"ELSE s.{ident(c)} END AS {ident(c)}")
        elif f.check == "gb11643":
            cols.append(f"upper(s.{ident(c)}) AS {ident(c)}")
        else:
            cols.append(f"s.{ident(c)}")
    try:
        con.execute(f"CREATE TABLE norm AS SELECT s.{ROW}, s.{PROBLEM}, {', '.join(cols)} "
                    f"FROM (SELECT {ROW}, {PROBLEM}, {', '.join(selected)} FROM raw_src) s")
    except duckdb.Error:
        ValidatedTable(0, [], [], ProblemReport([], 0, {}, pa.array([], pa.int64()), b""), con, spill).close()
        if failures:  # the file stopped being readable part way (a byte that is not UTF-8, say)
            raise failures[0] from None
        raise
    con.unregister("raw_src")
    rows_total = _count(con, "norm")
    # Problems stay in DuckDB: a file of a million bad rows has millions of them, which are counted,
    # written compressed to the report, and only the first MAX_LISTED become Python objects.
    con.execute("CREATE TABLE problem (row_no BIGINT, col VARCHAR, value VARCHAR, reason VARCHAR)")
    # Rows the importer could not split into the header's columns: reported, and left out of every check.
    con.execute(f"INSERT INTO problem SELECT {ROW}, '', NULL, {PROBLEM} FROM norm WHERE {PROBLEM} IS NOT NULL")
    con.execute(f"DELETE FROM norm WHERE {PROBLEM} IS NOT NULL")
    if not problems and rows_total == 0:
        problems.append(RowProblem(1, "", None, "the file has a header but no rows"))
    if problems:
        con.executemany("INSERT INTO problem VALUES (?, ?, ?, ?)", [(p.row, p.column, p.value, p.reason) for p in problems])

    checks: list[tuple[str, str, str]] = []  # (column, condition on the row, reason)
    helpers: list[str] = []  # columns computed once a row for the checks
    unions: list[str] = []
    repeats: list[str] = []  # one statement each: their hash tables one after the other, not all at once
    # Neither store keeps a NUL (PostgreSQL refuses it), nor should any value hold a control character.
    control = f"regexp_matches(v, {literal(CONTROL_PATTERN)})"
    con.execute(f"CREATE TEMP MACRO control_character(v) AS ({control})")
    for c, f in by_column.items():
        if c not in mapping.values():
            continue
        checks.append((c, f"control_character({ident(c)})", "contains a NUL or other control character"))
        if f.type in TYPED:
            helpers.append(f"TRY_CAST({ident(c)} AS {TYPED[f.type]}) AS {typed(c)}")
        for cond, reason in _checks(f, d):
            con.execute(f"CREATE TEMP MACRO check_{len(checks)}(v, t) AS ({cond})")
            checks.append((c, f"check_{len(checks)}({ident(c)}, {typed(c) if f.type in TYPED else 'NULL'})", reason))
        if f.unique:
            # Values that may repeat are found by their 64-bit hashes (a million staff ids: 26 MiB and
            # 0.38 s against 64 MiB and 0.54 s grouping the text); the values themselves then decide,
            # so two values of one hash are no duplicate.
            repeats.append(
                f"SELECT {ROW}, {literal(c)}, {ident(c)}, 'duplicate in the file (first at row ' || first_row || ')' "
                f"FROM (SELECT {ROW}, {ident(c)}, min({ROW}) OVER (PARTITION BY {ident(c)}) AS first_row FROM norm "
                f"WHERE {ident(c)} IS NOT NULL AND hash({ident(c)}) IN (SELECT h FROM (SELECT hash({ident(c)}) AS h "
                f"FROM norm WHERE {ident(c)} IS NOT NULL) GROUP BY h HAVING count(*) > 1)) WHERE {ROW} <> first_row"
            )
        if f.check == "gb11643":
            helpers += _id_helpers_sql(c)
            valid_shape = ident(f"__{c}_shape")
            checks.append((c, f"{valid_shape} AND {_id_checksum_sql(c)} <> substr({ident(c)}, 18, 1)",
                           "check character wrong (GB 11643)"))
            if "birth_date" in mapping.values() and by_column["birth_date"].type == "date":
                checks.append((c, f"{valid_shape} AND {typed('birth_date')} IS NOT NULL "
                                  f"AND substr({ident(c)}, 7, 8) <> strftime({typed('birth_date')}, '%Y%m%d')",
                               "birth date in the ID number differs from birth_date"))
            if "gender" in by_column and "gender" in mapping.values():
                # Digit 17, the last of the third integer, is odd for a man.
                checks.append((c, f"{valid_shape} AND gender IN ('1', '2') "
                                  f"AND ({ident(f'__{c}_13')} % 2 = 1) <> (gender = '1')",
                               "gender digit of the ID number differs from gender"))
    if checks:
        # One pass over every row finds the rows with any problem; only those are checked one rule at a
        # time. A control character in any column is one search of the row's values run together (a
        # character class cannot match across two of them), not one search per column.
        per_column = {f"control_character({ident(c)})" for c in mapping.values()}
        open_columns = [ident(c) for c in mapping.values() if by_column[c].type not in CLOSED_TYPES]
        anywhere = f"control_character(concat({', '.join(open_columns)}))" if open_columns else "FALSE"
        con.execute(f"CREATE TABLE suspect AS SELECT * FROM (SELECT *{''.join(', ' + h for h in helpers)} FROM norm) WHERE " + " OR ".join(
            [f"({anywhere})", *(f"({cond})" for _c, cond, _r in checks if cond not in per_column)]))
        unions += [f"SELECT {ROW}, {literal(c)}, {ident(c)}, {literal(reason)} FROM suspect WHERE {cond}"
                   for c, cond, reason in checks]
    for sql in ([" UNION ALL ".join(unions)] if unions else []) + repeats:
        con.execute(f"INSERT INTO problem {sql}")
    report = _report(con)
    return ValidatedTable(rows_total=rows_total, problems=report.first, present=list(mapping.values()),
                          report=report, con=con, spill=spill, database=None if within is None else within[1])


def _report(con: duckdb.DuckDBPyConnection) -> ProblemReport:
    first = [RowProblem(int(r), str(c), v, str(reason)) for r, c, v, reason in con.execute(
        f"SELECT * FROM problem ORDER BY row_no, col, reason LIMIT {MAX_LISTED}").fetchall()]
    total = _count(con, "problem")
    by_reason = {f"{c}: {reason}": int(n) for c, reason, n in con.execute(
        "SELECT col, reason, count(*) FROM problem GROUP BY ALL ORDER BY 3 DESC, 1, 2").fetchall()}
    bad_rows = con.sql("SELECT DISTINCT row_no FROM problem ORDER BY 1").to_arrow_table().column(0).combine_chunks()
    reader = con.sql('SELECT row_no AS "row", col AS "column", value, reason FROM problem ORDER BY 1, 2, 4'
                     ).to_arrow_reader(65536)
    return ProblemReport(first, total, by_reason, bad_rows.cast(pa.int64()), report_file(reader))


def report_file(batches: pa.RecordBatchReader, *, header: bool = True) -> bytes:
    """Every problem as a gzip-compressed CSV (row, column, value, reason), written batch by batch
    by the CSV exporter, whose cells are made formula-safe like every export."""
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as gz:
        exporter_for("csv").write_batches(batches.schema, batches, cast(BinaryIO, gz), header=header)
    return buf.getvalue()


def merged_report(a: ProblemReport, more: list[RowProblem]) -> ProblemReport:
    """`a` with problems found later (checks against the store), kept in order by row."""
    if not more:
        return a
    first = sorted([*a.first, *more], key=lambda p: (p.row, p.column))[:MAX_LISTED]
    by_reason = dict(a.by_reason)
    for p in more:
        by_reason[f"{p.column}: {p.reason}"] = by_reason.get(f"{p.column}: {p.reason}", 0) + 1
    rows = pa.array(sorted(set(a.bad_rows.to_pylist()) | {p.row for p in more}), pa.int64())
    extra = pa.RecordBatchReader.from_batches(_PROBLEM_SCHEMA, [pa.RecordBatch.from_pylist(
        [p.as_dict() for p in more], schema=_PROBLEM_SCHEMA)])
    # gzip members concatenate: the later problems follow the first ones in the same file.
    return ProblemReport(first, a.total + len(more), by_reason, rows, a.csv_gz + report_file(extra, header=False))
