"""Country benchmark (`make bench-country`): a whole country on PostgreSQL, loaded, issued to, answered.

Sizes: COUNTRY_SCHOOLS (500,000) and COUNTRY_TEACHERS (18,000,000). The country is generated as
provinces of about 600,000 teachers (the demo generator once per province, in a child process whose
peak memory is printed: one province's, whatever the country's size), written as CSV, and loaded
through the project's own import (`import_file`: streamed validation, COPY into a staging table,
set-based merge), one province per all-or-nothing batch, in a second child process whose peak
memory is printed too. Then one statistical request (a dozen indicators and two new fields) is
issued to every school, beside the bare aggregation query on the same database; then a burst of
school submissions against a server on that store. Figures only: nothing here passes or fails
on time; the counts are checked (tests/test_country.py runs the same steps small).
"""

from __future__ import annotations

import json
import math
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import httpx
from sqlalchemy import Engine, text

from bench.common import BIN, pg_schema, read_every_form, show, timed
from bench.issue import INDICATORS, NEW_FIELD
from service.demo import DemoFiles, DemoSpec, generate
from service.domain import approvals, issuance, requests
from service.domain.approvals import ApprovalIn
from service.domain.authz import NATIONAL, Principal
from service.domain.clock import now
from service.domain.imports import import_file, import_regions
from service.domain.principals import issue_token
from service.domain.requests import FieldIn, RequestIn
from service.domain.scope import Scope
from service.store.engine import make_engine, session_scope
from service.store.migrations import migrate
from service.store.tables import Organisation

SCHOOLS = int(os.environ.get("COUNTRY_SCHOOLS", "500000"))
TEACHERS = int(os.environ.get("COUNTRY_TEACHERS", "18000000"))
BURST_SCHOOLS = int(os.environ.get("COUNTRY_BURST_SCHOOLS", "2000"))
CLIENTS = int(os.environ.get("COUNTRY_CLIENTS", "32"))
BARE_RUNS = int(os.environ.get("COUNTRY_BARE_RUNS", "2"))
PG_URL = os.environ.get("COLLECTONCE_TEST_PG_URL")
PROVINCE_TEACHERS = 600_000  # one generated and imported batch
WORKERS = int(os.environ.get("COUNTRY_WORKERS", "2"))  # provinces loaded at once (PostgreSQL)
# The 31 province-level divisions of the mainland (GB/T 2260); Hunan (430000) has its real counties.
PROVINCES = ["110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "310000", "320000", "330000", "340000", "350000", "360000", "370000", "410000", "420000", "430000", "440000", "450000", "460000", "500000", "510000", "520000", "530000", "540000", "610000", "620000", "630000", "640000", "650000"]
ADMIN = Principal("bench", "bench", "admin", "admin", "admin", None)
# National bodies: their jurisdiction is the whole country.
MINISTRY = Principal("bench-moe", "bench", "department", "000000-moe", "教育部发展规划司", NATIONAL)
STATISTICS = Principal("bench-nbs", "bench", "statistics_office", "000000-nbs", "国家统计局", NATIONAL)
REFERENCE = date(2026, 9, 1)
NEW_FIELDS = [NEW_FIELD, FieldIn(label="本学期教师参加校本培训人次", type="integer")]


def plan(schools: int, teachers: int) -> list[DemoSpec]:
    """The country as provinces of about PROVINCE_TEACHERS teachers (at least two, at most 31),
    schools and teachers shared out evenly, teacher ids running on from one province to the next."""
    n = min(len(PROVINCES), max(2, math.ceil(teachers / PROVINCE_TEACHERS)), schools)
    specs, first = [], 1
    for i, code in enumerate(PROVINCES[:n]):
        s = schools // n + (i < schools % n)
        t = teachers // n + (i < teachers % n)
        specs.append(DemoSpec(schools=s, teachers=t, seed=100 + i, province=code, first_teacher=first))
        first += t
    return specs


def generate_country(specs: list[DemoSpec], out: Path) -> list[DemoFiles]:
    """Each province's regions, schools and teachers as CSV in out/<province>/, one at a time."""
    return [generate(spec, out / spec.province) for spec in specs]


@dataclass(frozen=True)
class ProvinceLoad:
    province: str
    schools: int
    teachers: int
    seconds: float
    load_average: float  # the machine's, over the last minute, as the province finished


def load_province(engine: Engine, f: DemoFiles) -> ProvinceLoad:
    """One province through the import path: its regions, then its schools and its teachers, each
    file its own all-or-nothing batch."""
    from connectors.base import importer_for

    start = time.perf_counter()
    with session_scope(engine) as s:
        import_regions(s, ADMIN, importer_for(f.regions.name).read(f.regions))
    with session_scope(engine) as s:
        schools = import_file(s, ADMIN, "schools", f.schools)
    with session_scope(engine) as s:
        teachers = import_file(s, ADMIN, "teachers", f.teachers)
    return ProvinceLoad(f.regions.parent.name, schools.rows_inserted, teachers.rows_inserted,
                        time.perf_counter() - start, os.getloadavg()[0])


def bare_copy(url: str, path: Path) -> float:
    """Seconds of a bare COPY of a teachers file into a plain table with the teacher table's column
    types (no key, index, check, history or validation): the floor an import of it stands beside."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        header = path.open(encoding="utf-8").readline().strip().split(",")
        columns = ", ".join(f'"{c}"' for c in header)
        conn.execute(f"CREATE TABLE bare_teacher AS SELECT {columns} FROM teacher WITH NO DATA")
        start = time.perf_counter()
        with conn.cursor() as cur, cur.copy(f"COPY bare_teacher ({columns}) FROM STDIN (FORMAT csv, HEADER true)") as copy, \
                path.open("rb") as fh:
            while block := fh.read(1 << 20):
                copy.write(block)
        conn.commit()
        seconds = time.perf_counter() - start
        conn.execute("DROP TABLE bare_teacher")
        conn.commit()
    return seconds


def load_country(engine: Engine, files: list[DemoFiles], progress: Path | None = None,
                 workers: int = WORKERS) -> list[ProvinceLoad]:
    """Import every province (what was loaded so far is written to `progress` after each one). On
    PostgreSQL `workers` provinces load at once, each over its own connection: one province's
    validation and staging, in this process, overlap another's merge in the server. The first
    province loads alone, since it may rebuild the tables' indexes (a load that doubles a table,
    see service/store/bulk.py), which locks them; no later one can double them, as the first is
    the largest (`plan`)."""
    migrate(engine)
    loads: list[ProvinceLoad] = []

    def done(x: ProvinceLoad) -> None:
        loads.append(x)
        if progress:
            progress.write_text(json.dumps([asdict(x) for x in loads]))

    if files:
        done(load_province(engine, files[0]))
    with ThreadPoolExecutor(workers if engine.dialect.name == "postgresql" else 1) as pool:
        for x in pool.map(partial(load_province, engine), files[1:]):
            done(x)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))  # the planner's statistics of what was just loaded
    return loads


def survey(provinces: list[str]) -> RequestIn:
    return RequestIn(
        title="全国中小学教师队伍结构与培训情况调查", purpose="bench", kind="statistical", level="school",
        fields=[FieldIn(key=k) for k in INDICATORS] + NEW_FIELDS, scope=Scope(regions=provinces),
        reference_date=REFERENCE, due_date=now().date() + timedelta(days=30),
    )


def issue_country(engine: Engine, provinces: list[str]) -> tuple[str, issuance.Issued, float]:
    """The national survey submitted, approved by the statistics bureau and issued to every school;
    the request, what was issued and the seconds the issue took."""
    with session_scope(engine) as s:
        for p in (MINISTRY, STATISTICS):
            if s.get(Organisation, p.org_code) is None:
                s.add(Organisation(code=p.org_code, name=p.org_name, kind=p.role, jurisdiction=NATIONAL))
        s.flush()
        r, a = requests.submit(s, MINISTRY, survey(provinces))
        if r.status != "pending_approval":
            raise SystemExit(f"the country survey should wait for approval, got {r.status}: {a.totals}")
        today = now().date()
        approvals.approve(s, STATISTICS, r.id, ApprovalIn(
            number="国统制〔2026〕88号", authority="国家统计局", form_number="教基8表",
            scope=Scope(regions=provinces), valid_from=today, valid_until=today + timedelta(days=90)))
        rid = r.id
    start = time.perf_counter()
    with session_scope(engine) as s:
        issued = issuance.issue(s, MINISTRY, rid)
    return rid, issued, time.perf_counter() - start


def bare_sql() -> str:
    """The indicators counted straight from the current teacher versions, by school."""
    from bench.issue import BARE_SQL

    return BARE_SQL.replace("FROM teacher GROUP BY", "FROM teacher WHERE valid_to IS NULL GROUP BY")


def bare_aggregation(engine: Engine) -> list[float]:
    times = []
    for _ in range(BARE_RUNS):
        with engine.connect() as conn:
            start = time.perf_counter()
            conn.exec_driver_sql(bare_sql()).fetchall()
            times.append(time.perf_counter() - start)
    return times


def disagreements(engine: Engine, rid: str) -> tuple[int, int]:
    """(pre-filled indicator values differing from the bare query, indicator items checked), in SQL."""
    cases = " ".join(f"WHEN '{k}' THEN b.\"{k}\"" for k in INDICATORS)
    keys = ", ".join(f"'{k}'" for k in INDICATORS)
    with engine.connect() as conn:
        row = conn.execute(text(
            f"WITH bare AS MATERIALIZED ({bare_sql()}) "
            f"SELECT count(*) FILTER (WHERE i.prefill IS DISTINCT FROM CAST(COALESCE(CASE i.key {cases} END, 0) AS VARCHAR)), "
            f"count(*) FROM form_item i JOIN form_section s ON s.form_id = i.form_id AND s.request_id = :rid "
            f"JOIN form f ON f.id = i.form_id LEFT JOIN bare b ON b.school_code = f.school_code "
            f"WHERE i.key IN ({keys})"), {"rid": rid}).one()
    return int(row[0]), int(row[1])


def counts(engine: Engine, rid: str) -> dict[str, int]:
    with engine.connect() as conn:
        one = conn.execute(text(
            "SELECT (SELECT count(*) FROM school WHERE valid_to IS NULL), (SELECT count(*) FROM teacher WHERE valid_to IS NULL), "
            "(SELECT count(*) FROM form_section WHERE request_id = :rid), "
            "(SELECT count(*) FROM form_item i JOIN form_section s ON s.form_id = i.form_id AND s.request_id = :rid)"),
            {"rid": rid}).one()
    return dict(zip(("schools", "teachers", "forms", "items"), map(int, one), strict=True))


def database_size(engine: Engine) -> tuple[int, int]:
    """Bytes of the store's tables with their indexes, and of the teacher table's indexes alone."""
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT sum(pg_total_relation_size(c.oid)), "
            "(SELECT pg_indexes_size(CAST('teacher' AS regclass))) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'")).one()
    return int(row[0]), int(row[1])


@dataclass
class Burst:
    accepted: int
    seconds: float
    post_ms: list[float]
    failures: list[str]
    read_ms: list[float]


def burst(url: str, engine: Engine, work: Path, schools: int) -> Burst:
    """Schools spread over the country each read their inbox and form and submit it, answering the
    new fields, from CLIENTS threads against one server process on the store."""
    from bench.submissions import _serve, _stop

    with engine.connect() as conn:
        codes = [c for (c,) in conn.execute(text("SELECT code FROM school WHERE valid_to IS NULL ORDER BY code"))]
    step = max(1, len(codes) // schools)
    chosen = codes[::step][:schools]
    with session_scope(engine) as s:
        tokens = {code: issue_token(s, "school", code)[1] for code in chosen}
    proc, base = _serve(url, work, work / "server-country.log")
    result = Burst(0, 0.0, [], [], [])
    lock = threading.Lock()

    def client(mine: list[str]) -> None:
        with httpx.Client(base_url=base, timeout=120) as c:
            for code in mine:
                h = {"Authorization": f"Bearer {tokens[code]}"}
                inbox = c.get("/v1/forms", headers=h).json()
                start = time.perf_counter()
                form = c.get(f"/v1/forms/{inbox[0]['id']}", headers=h)
                read_ms = (time.perf_counter() - start) * 1000
                answers = [{"key": i["key"], "value": int(code[-3:]) % 40 + 1}
                           for i in form.json()["items"] if i["classification"] == "new"]
                start = time.perf_counter()
                r = c.post(f"/v1/forms/{inbox[0]['id']}/submission", json={"answers": answers},
                           headers={**h, "If-Match": form.headers["ETag"], "Idempotency-Key": uuid.uuid4().hex})
                took = (time.perf_counter() - start) * 1000
                with lock:
                    result.post_ms.append(took)
                    result.read_ms.append(read_ms)
                    if r.status_code == 200:
                        result.accepted += 1
                    else:
                        result.failures.append(f"{code}: {r.status_code} {r.text[:200]}")

    threads = [threading.Thread(target=client, args=(chosen[n::CLIENTS],)) for n in range(CLIENTS)]
    start = time.perf_counter()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        result.seconds = time.perf_counter() - start
    finally:
        _stop(proc)
    return result


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * q))] if xs else float("nan")


def _load_avg() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    specs = plan(SCHOOLS, TEACHERS)
    print(f"\n== Country: {SCHOOLS:,} schools, {TEACHERS:,} teachers in {len(specs)} provinces, PostgreSQL ==", flush=True)
    with tempfile.TemporaryDirectory() as tmp, pg_schema(PG_URL, "bench_country") as url:
        if url is None:
            print("  skipped: no PostgreSQL server (COLLECTONCE_TEST_PG_URL)")
            return
        work = Path(tmp)
        rows: list[tuple[str, str]] = [("before", _load_avg())]
        gen = timed([str(BIN / "python"), "-m", "bench.country", "generate", str(work), str(SCHOOLS), str(TEACHERS)])
        csv_bytes = sum(p.stat().st_size for p in work.rglob("*.csv"))
        rows.append(("generate (demo generator, a province at a time)",
                     f"{gen.seconds:.0f} s, peak {gen.peak_mib:,.0f} MiB, CSV {csv_bytes / 2**30:.2f} GiB; {_load_avg()}"))
        print(f"  generated in {gen.seconds:.0f} s", flush=True)
        first = min(p for p in work.iterdir() if p.is_dir()) / "teachers.csv"
        eng = make_engine(url)
        migrate(eng)  # the teacher table, whose column types the bare COPY's plain table takes
        bare = bare_copy(url, first)
        load = timed([str(BIN / "python"), "-m", "bench.country", "load", str(work), url])
        loads = [ProvinceLoad(**x) for x in json.loads((work / "load.json").read_text())]
        n_rows = sum(x.schools + x.teachers for x in loads)
        size, teacher_ix = database_size(eng)
        per = [x.seconds for x in loads]
        rows += [
            ("load (import path, a province per batch)",
             f"{load.seconds:.0f} s, {n_rows / load.seconds:,.0f} rows/s, peak {load.peak_mib:,.0f} MiB; {_load_avg()}"),
            ("per province (schools + teachers)",
             f"{statistics.median(per):.1f} s median, {min(per):.1f}-{max(per):.1f} s, {WORKERS} at once; "
             f"~{statistics.median(x.teachers for x in loads):,.0f} teachers each; "
             f"{load.seconds / len(loads):.1f} s a province of the load's wall time"),
            ("bare COPY of one province's teachers (plain table)",
             f"{bare:.1f} s; ratio of the load's wall time a province {load.seconds / len(loads) / bare:.1f}x"),
            ("database size", f"{size / 2**30:.2f} GiB ({size / len(loads) / 2**30:.2f} GiB a province), "
                              f"teacher indexes {teacher_ix / 2**30:.2f} GiB"),
        ]
        print(f"  loaded in {load.seconds:.0f} s", flush=True)
        try:
            rows += measure(eng, url, work, [x.province for x in loads])
        finally:
            eng.dispose()
        show(rows)


def measure(eng: Engine, url: str, work: Path, provinces: list[str], rid: str | None = None) -> list[tuple[str, str]]:
    """The national survey issued to the loaded country (or `rid`, submitted and approved before),
    beside the bare aggregation; then the submission burst."""
    if rid is None:
        rid, issued, issue_s = issue_country(eng, provinces)
    else:
        start = time.perf_counter()
        with session_scope(eng) as s:
            issued = issuance.issue(s, MINISTRY, rid)
        issue_s = time.perf_counter() - start
    print(f"  issued in {issue_s:.0f} s", flush=True)
    load_after_issue = _load_avg()
    bare = bare_aggregation(eng)
    bare_s = statistics.median(bare)
    rows = [
        ("issue: 12 indicators + 2 new fields", f"{issue_s:.1f} s: {issued.forms:,} forms (values placed at each "
                                                 f"school's first reading); {load_after_issue}"),
        ("bare aggregation (same query, no forms)", f"{bare_s:.1f} s (median of {', '.join(f'{t:.1f}' for t in bare)}); "
                                                     f"{_load_avg()}"),
        ("ratio issue / bare", f"{issue_s / bare_s:.2f}x"),
    ]
    print("\n".join(f"  {k}: {v}" for k, v in rows), flush=True)
    b = burst(url, eng, work, BURST_SCHOOLS)
    rows += [
        ("submission burst", f"{b.accepted:,} of {min(BURST_SCHOOLS, issued.forms):,} schools in {b.seconds:.1f} s: "
                             f"{b.accepted / b.seconds:,.1f}/s with {CLIENTS} clients; {_load_avg()}"),
        ("first reading p50 / p99", f"{_pct(b.read_ms, 0.5):.0f} ms / {_pct(b.read_ms, 0.99):.0f} ms per GET "
                                    "(the form's values placed)"),
        ("submission p50 / p99", f"{_pct(b.post_ms, 0.5):.0f} ms / {_pct(b.post_ms, 0.99):.0f} ms per POST"),
        ("submission failures", f"{len(b.failures)}" + (f": {b.failures[:3]}" if b.failures else "")),
    ]
    read_s, read = read_every_form(eng, rid)
    wrong, checked = disagreements(eng, rid)
    c = counts(eng, rid)
    size, teacher_ix = database_size(eng)
    expected = c["forms"] * len(INDICATORS)
    rows += [
        ("every other school's first reading, at once", f"{read_s:.1f} s for {read:,} forms in units of 5,000: "
                                                        f"{read_s / bare_s:.1f}x the bare aggregation; {_load_avg()}"),
        ("pre-fill vs bare", f"{checked:,} indicator values checked of {expected:,}, "
                             + ("every one agrees" if wrong == 0 and checked == expected else f"{wrong:,} DIFFER")),
        ("counts", ", ".join(f"{k} {v:,}" for k, v in c.items())),
        ("database size after every form is read", f"{size / 2**30:.2f} GiB, teacher indexes {teacher_ix / 2**30:.2f} GiB"),
    ]
    print("\n".join(f"  {k}: {v}" for k, v in rows[-4:]), flush=True)
    return rows


def load_provinces(n: int) -> None:
    """`python -m bench.country provinces N`: the first N provinces of the country generated and
    loaded into an empty database as `load_country` loads them, each beside a bare COPY of its
    teachers file (measured after the load, one at a time)."""
    specs = plan(SCHOOLS, TEACHERS)[:n]
    print(f"\n== Country, {len(specs)} provinces of {specs[0].teachers:,} teachers, {WORKERS} at once after the first, "
          "PostgreSQL ==", flush=True)
    with tempfile.TemporaryDirectory() as tmp, pg_schema(PG_URL, "bench_provinces") as url:
        if url is None:
            print("  skipped: no PostgreSQL server (COLLECTONCE_TEST_PG_URL)")
            return
        files = generate_country(specs, Path(tmp))
        eng = make_engine(url)
        try:
            start = time.perf_counter()
            loads = load_country(eng, files)
            wall = time.perf_counter() - start
        finally:
            eng.dispose()
        rows = []
        for x, f in zip(loads, files, strict=True):
            bare = bare_copy(url, f.teachers)
            rows.append((f"province {x.province}", f"{x.seconds:.1f} s ({x.schools:,} schools, {x.teachers:,} teachers; "
                                                   f"load average {x.load_average:.1f}); bare COPY of its teachers "
                                                   f"{bare:.1f} s; {x.seconds / bare:.1f}x"))
        if len(loads) > 1:
            rest = wall - loads[0].seconds
            rows.append(("after the first", f"{rest:.1f} s for {len(loads) - 1} provinces: {rest / (len(loads) - 1):.1f} s "
                                            f"a province ({WORKERS} at once); {_load_avg()}"))
        show(rows)


def _child(mode: str, args: list[str]) -> None:
    if mode == "provinces":
        load_provinces(int(args[0]) if args else 2)
        return
    work = Path(args[0])
    if mode == "measure":  # a country already loaded at args[1]; args[2], if given, a request approved before
        eng = make_engine(args[1])
        try:
            provinces = [x["province"] for x in json.loads((work / "load.json").read_text())]
            show(measure(eng, args[1], work, provinces, args[2] if len(args) > 2 else None))
        finally:
            eng.dispose()
        return
    if mode == "generate":
        generate_country(plan(int(args[1]), int(args[2])), work)
        print(f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
        return
    files = [DemoFiles(p / "regions.csv", p / "schools.csv", p / "teachers.csv")
             for p in sorted(work.iterdir()) if (p / "teachers.csv").exists()]
    eng = make_engine(args[1])
    try:
        load_country(eng, files, work / "load.json")
    finally:
        eng.dispose()


if __name__ == "__main__":
    if len(sys.argv) > 1:
        _child(sys.argv[1], sys.argv[2:])
    else:
        main()
