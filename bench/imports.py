"""Import benchmark: generate the province to CSV, import it, compare with DuckDB's bare read_csv."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench.common import BIN, Run, pg_schema, show, summarise, timed

SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "30000"))
TEACHERS = int(os.environ.get("BENCH_TEACHERS", "1000000"))
PG_URL = os.environ.get("COLLECTONCE_TEST_PG_URL")


def _bare_read_csv(csv: Path, db: Path) -> Run:
    code = (
        "import duckdb,sys; c=duckdb.connect(sys.argv[1]); "
        "c.execute(\"CREATE TABLE t AS SELECT * FROM read_csv(?, header=true, all_varchar=true)\", [sys.argv[2]])"
    )
    return timed([str(BIN / "python"), "-c", code, str(db), str(csv)])


def _import_all(url: str, demo: Path, cwd: Path) -> Run:
    env = {"COLLECTONCE_DATABASE_URL": url}
    cli = str(BIN / "collectonce")
    timed([cli, "migrate"], env, cwd)
    timed([cli, "import", "regions", str(demo / "regions.csv")], env, cwd)
    timed([cli, "import", "schools", str(demo / "schools.csv")], env, cwd)
    return timed([cli, "import", "teachers", str(demo / "teachers.csv")], env, cwd)


def main() -> None:
    print(f"\n== Import: {SCHOOLS:,} schools, {TEACHERS:,} teachers ==")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        demo = work / "demo"
        gen = timed([str(BIN / "collectonce"), "demo", "generate", "--schools", str(SCHOOLS), "--teachers",
                     str(TEACHERS), "--seed", "1", "--out", str(demo), "--no-load"], cwd=work)
        size = (demo / "teachers.csv").stat().st_size / 2**20
        duck = _import_all(f"duckdb:///{work / 'store.duckdb'}", demo, work)
        bare = _bare_read_csv(demo / "teachers.csv", work / "bare.duckdb")
        summarise(f"import {TEACHERS:,} teachers", "DuckDB", f"{duck.seconds:.1f} s, peak {duck.peak_mib:,.0f} MiB",
                  f"{bare.seconds:.1f} s, peak {bare.peak_mib:,.0f} MiB (read_csv)",
                  f"{duck.seconds / bare.seconds:.1f}x, memory {duck.peak_mib / bare.peak_mib:.1f}x", "import completed")
        rows = [
            ("generate province to CSV", f"{gen.seconds:.1f} s (teachers.csv {size:.0f} MiB)"),
            ("import teachers, DuckDB", f"{duck.seconds:.1f} s, {TEACHERS / duck.seconds:,.0f} rows/s, peak {duck.peak_mib:,.0f} MiB"),
            ("bare DuckDB read_csv", f"{bare.seconds:.1f} s, peak {bare.peak_mib:,.0f} MiB"),
            ("ratio import / bare read_csv", f"{duck.seconds / bare.seconds:.1f}x"),
        ]
        with pg_schema(PG_URL, "bench_import") as pg:
            if pg:
                run = _import_all(pg, demo, work)
                rows.append(("import teachers, PostgreSQL",
                             f"{run.seconds:.1f} s, {TEACHERS / run.seconds:,.0f} rows/s, peak {run.peak_mib:,.0f} MiB"))
                rows.append(("ratio PostgreSQL / bare read_csv", f"{run.seconds / bare.seconds:.1f}x"))
                summarise(f"import {TEACHERS:,} teachers", "PostgreSQL",
                          f"{run.seconds:.1f} s, peak {run.peak_mib:,.0f} MiB",
                          f"{bare.seconds:.1f} s, peak {bare.peak_mib:,.0f} MiB (read_csv)",
                          f"{run.seconds / bare.seconds:.1f}x, memory {run.peak_mib / bare.peak_mib:.1f}x", "import completed")
            else:
                rows.append(("import teachers, PostgreSQL", "skipped: no server"))
        show(rows)
