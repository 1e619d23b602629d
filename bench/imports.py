"""Import benchmark: generate the province to CSV, import its teachers into each store, and compare
with DuckDB's bare read_csv of the same file into a table, in the same run (time and peak memory)."""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.common import BIN, Run, pg_schema, show, summarise, timed

SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "30000"))
TEACHERS = int(os.environ.get("BENCH_TEACHERS", "1000000"))
PG_URL = os.environ.get("COLLECTONCE_TEST_PG_URL")


def _bare_read_csv(csv: Path, db: Path) -> Run:
    code = (
        "import duckdb,sys; c=duckdb.connect(sys.argv[1]); "
        "c.execute(\"CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv(?, header=true, all_varchar=true)\", [sys.argv[2]])"
    )
    return timed([str(BIN / "python"), "-c", code, str(db), str(csv)])


def _import_teachers(url: str, demo: Path, cwd: Path) -> tuple[Run, dict[str, float]]:
    """Regions and schools by the CLI, then the teachers by `import_file` in a child process that
    times the call alone (its modules loaded first) and notes its resident memory before it."""
    env = {"COLLECTONCE_DATABASE_URL": url}
    cli = str(BIN / "collectonce")
    timed([cli, "migrate"], env, cwd)
    timed([cli, "import", "regions", str(demo / "regions.csv")], env, cwd)
    timed([cli, "import", "schools", str(demo / "schools.csv")], env, cwd)
    out = cwd / "import.json"
    run = timed([str(BIN / "python"), "-m", "bench.imports", url, str(demo / "teachers.csv"), str(out)], env)
    return run, json.loads(out.read_text())


def _child(url: str, csv: Path, out: Path) -> None:
    from service.domain.authz import Principal
    from service.domain.imports import import_file
    from service.store.engine import make_engine, session_scope

    eng = make_engine(url)
    admin = Principal("bench", "bench", "admin", "admin", "admin", None)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    with session_scope(eng) as s:
        report = import_file(s, admin, "teachers", csv)
    seconds = time.perf_counter() - start
    out.write_text(json.dumps({"seconds": seconds, "base_mib": base, "rows": report.rows_inserted}))


def main() -> None:
    print(f"\n== Import: {SCHOOLS:,} schools, {TEACHERS:,} teachers ==")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        demo = work / "demo"
        gen = timed([str(BIN / "collectonce"), "demo", "generate", "--schools", str(SCHOOLS), "--teachers",
                     str(TEACHERS), "--seed", "1", "--out", str(demo), "--no-load"], cwd=work)
        size = (demo / "teachers.csv").stat().st_size / 2**20
        bare_runs = [_bare_read_csv(demo / "teachers.csv", work / "bare.duckdb")]
        rows = [("generate province to CSV", f"{gen.seconds:.1f} s (teachers.csv {size:.0f} MiB)")]
        stores = [("DuckDB", f"duckdb:///{work / 'store.duckdb'}")]
        with pg_schema(PG_URL, "bench_import") as pg:
            stores += [("PostgreSQL", pg)] if pg else []
            results = []
            for label, url in stores:
                load = os.getloadavg()[0]
                run, inner = _import_teachers(url, demo, work)
                bare_runs.append(_bare_read_csv(demo / "teachers.csv", work / "bare.duckdb"))
                results.append((label, run, inner, load))
        bare_s = statistics.median(r.seconds for r in bare_runs)
        bare_mib = statistics.median(r.peak_mib for r in bare_runs)
        rows.append(("bare DuckDB read_csv into a table",
                     f"{bare_s:.1f} s (median of {', '.join(f'{r.seconds:.1f}' for r in bare_runs)}), peak {bare_mib:,.0f} MiB"))
        for label, run, inner, load in results:
            summarise(f"import {TEACHERS:,} teachers", label, f"{inner['seconds']:.1f} s, peak {run.peak_mib:,.0f} MiB",
                      f"{bare_s:.1f} s, peak {bare_mib:,.0f} MiB (read_csv)",
                      f"{inner['seconds'] / bare_s:.1f}x, memory {run.peak_mib / bare_mib:.1f}x", "import completed")
            rows += [
                (f"import teachers, {label}",
                 f"{inner['seconds']:.1f} s for the call ({TEACHERS / inner['seconds']:,.0f} rows/s), {run.seconds:.1f} s with "
                 f"the process; peak {run.peak_mib:,.0f} MiB ({inner['base_mib']:,.0f} MiB of it loaded before); load average {load:.1f}"),
                (f"ratio {label} / bare read_csv", f"time {inner['seconds'] / bare_s:.1f}x (with the process "
                                                   f"{run.seconds / bare_s:.1f}x), peak memory {run.peak_mib / bare_mib:.1f}x"),
            ]
        if not PG_URL:
            rows.append(("import teachers, PostgreSQL", "skipped: no server"))
        show(rows)


if __name__ == "__main__":
    if len(sys.argv) == 4:
        _child(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
