"""Issue benchmark: one statistical request with a dozen indicators and one new field, issued to
every school of the province, against the bare aggregation query over the same teachers."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from bench.common import loadavg, pg_schema, read_every_form, show, summarise
from service.demo import DemoFiles, DemoSpec, generate
from service.domain import approvals, issuance, requests
from service.domain.approvals import ApprovalIn
from service.domain.authz import Principal
from service.domain.clock import now
from service.domain.imports import import_file, import_regions
from service.domain.principals import ensure_organisation
from service.domain.requests import FieldIn, RequestIn
from service.domain.scope import Scope
from service.store.engine import make_engine, session_scope
from service.store.migrations import migrate

SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "30000"))
TEACHERS = int(os.environ.get("BENCH_TEACHERS", "1000000"))
BARE_RUNS = int(os.environ.get("BENCH_BARE_RUNS", "3"))
TIMEOUT = int(os.environ.get("BENCH_ISSUE_TIMEOUT", "600"))  # seconds; PostgreSQL cancels the issue after it
PG_URL = os.environ.get("COLLECTONCE_TEST_PG_URL")
ADMIN = Principal("bench", "bench", "admin", "admin", "admin", None)
DEPARTMENT = Principal("bench-dept", "bench", "department", "430000-bench", "bench department", "430000")
STATISTICS = Principal("bench-stats", "bench", "statistics_office", "430000-stats", "statistics bureau", "430000")
REFERENCE = date(2026, 9, 1)
NEW_FIELD = FieldIn(label="教师每周平均备课时长（小时）", type="integer")

# The dozen indicators, each with the condition the bare query counts it by (full-time, active
# teachers; ages in whole years at the reference date).
_AGE = (f"({REFERENCE.year} - EXTRACT(year FROM birth_date) - CASE WHEN EXTRACT(month FROM birth_date) * 100 "
        f"+ EXTRACT(day FROM birth_date) > {REFERENCE.month * 100 + REFERENCE.day} THEN 1 ELSE 0 END)")
INDICATORS = {
    "school.ft_teachers": "TRUE",
    "school.ft_teachers.gender.male": "gender = '1'",
    "school.ft_teachers.gender.female": "gender = '2'",
    "school.ft_teachers.age.25_29": f"{_AGE} BETWEEN 25 AND 29",
    "school.ft_teachers.age.30_34": f"{_AGE} BETWEEN 30 AND 34",
    "school.ft_teachers.age.35_39": f"{_AGE} BETWEEN 35 AND 39",
    "school.ft_teachers.age.40_44": f"{_AGE} BETWEEN 40 AND 44",
    "school.ft_teachers.age.50_54": f"{_AGE} BETWEEN 50 AND 54",
    "school.ft_teachers.age.ge60": f"{_AGE} >= 60",
    "school.ft_teachers.title.senior": "title = '2'",
    "school.ft_teachers.title.first": "title = '3'",
    "school.ft_teachers.title.second": "title = '4'",
}
# One import of the province: every teacher row is current, so the bare query reads them all.
BARE_SQL = "SELECT school_code, " + ", ".join(
    f"count(*) FILTER (WHERE post_type = '1' AND status = '1' AND {cond}) AS \"{key}\""
    for key, cond in INDICATORS.items()
) + " FROM teacher GROUP BY school_code"


def build_store(url: str, files: DemoFiles) -> tuple[Engine, float]:
    """A migrated store at `url` holding the generated province, and the seconds its import took."""
    import pyarrow.csv as pacsv

    eng = make_engine(url)
    migrate(eng)
    start = time.perf_counter()
    with session_scope(eng) as s:
        import_regions(s, ADMIN, pacsv.read_csv(files.regions, convert_options=pacsv.ConvertOptions(
            column_types={"code": "string", "parent_code": "string"})))
        import_file(s, ADMIN, "schools", files.schools)
        import_file(s, ADMIN, "teachers", files.teachers)
    seconds = time.perf_counter() - start  # the import gathers the planner's statistics itself
    return eng, seconds


def survey() -> RequestIn:
    return RequestIn(
        title="教师队伍结构与备课时长调查", purpose="bench", kind="statistical", level="school",
        fields=[FieldIn(key=k) for k in INDICATORS] + [NEW_FIELD], scope=Scope(regions=["430000"]),
        reference_date=REFERENCE, due_date=now().date() + timedelta(days=30),
    )


def approved_survey(eng: Engine) -> str:
    """Submit the survey as a department and approve it as the statistics office; its id."""
    with session_scope(eng) as s:
        for p in (DEPARTMENT, STATISTICS):  # an office approves only departments within its jurisdiction
            ensure_organisation(s, p.org_code, p.role, p.org_name, p.jurisdiction)
        r, a = requests.submit(s, DEPARTMENT, survey())
        if r.status != "pending_approval":
            raise SystemExit(f"the bench survey should wait for approval, got {r.status}: {a.totals}")
        today = now().date()
        approvals.approve(s, STATISTICS, r.id, ApprovalIn(
            number="湘统函〔2026〕99号", authority="湖南省统计局", form_number="湘教统9表",
            scope=Scope(regions=["430000"]), valid_from=today, valid_until=today + timedelta(days=90)))
        return r.id


def issue(eng: Engine, request_id: str) -> tuple[issuance.Issued, float]:
    """Issue the request, committed; the result and the seconds it took."""
    start = time.perf_counter()
    with session_scope(eng) as s:
        if eng.dialect.name == "postgresql":
            s.execute(text(f"SET LOCAL statement_timeout = {TIMEOUT * 1000}"))
        issued = issuance.issue(s, DEPARTMENT, request_id)
    return issued, time.perf_counter() - start


def _bare(eng: Engine) -> tuple[list[float], dict[str, tuple[int, ...]]]:
    times, rows = [], {}
    for _ in range(BARE_RUNS):
        with eng.connect() as conn:
            start = time.perf_counter()
            rows = {r[0]: tuple(r[1:]) for r in conn.exec_driver_sql(BARE_SQL).fetchall()}
            times.append(time.perf_counter() - start)
    return times, rows


def _disagreements(eng: Engine, request_id: str, bare: dict[str, tuple[int, ...]]) -> int:
    """Pre-filled indicator values on the forms that differ from the bare query's counts, or that
    are missing from a school with teachers."""
    keys = list(INDICATORS)
    with eng.connect() as conn:
        items = conn.execute(text(
            "SELECT f.school_code, i.key, i.prefill FROM form_item i JOIN form f ON f.id = i.form_id "
            "JOIN form_section s ON s.form_id = f.id WHERE s.request_id = :rid"
        ), {"rid": request_id}).fetchall()
    wrong, schools = 0, set()
    for school, key, prefill in items:
        if key in INDICATORS:
            expected = bare.get(school, (0,) * len(keys))[keys.index(key)]
            wrong += prefill != str(expected)
            schools.add(school)
    missing = (len(bare) - len(schools & bare.keys())) * len(keys)  # a school with teachers and no values
    return wrong + missing


def _run(label: str, url: str, files: DemoFiles) -> list[tuple[str, str]]:
    eng, load = build_store(url, files)
    try:
        rid = approved_survey(eng)
        bare_times, bare = _bare(eng)
        bare_s = statistics.median(bare_times)
        try:
            issued, seconds = issue(eng, rid)
        except OperationalError as exc:
            summarise("issue", label, f"cancelled after {TIMEOUT} s", f"{bare_s:.2f} s", "-", "-")
            return [(f"{label}: issue", f"cancelled after {TIMEOUT} s ({str(exc.orig).splitlines()[0]}); "
                                        f"bare aggregation {bare_s:.2f} s")]
        read_s, read = read_every_form(eng, rid)
        wrong = _disagreements(eng, rid, bare)
    finally:
        eng.dispose()
    slow = "  (over 5 minutes)" if seconds > 300 else ""
    check = ("every pre-filled value equals the bare query" if wrong == 0
             else f"{wrong:,} pre-filled values DIFFER from the bare query")
    summarise(f"issue {len(INDICATORS)} indicators + 1 new field", label,
              f"{seconds:.2f} s, {issued.forms:,} forms", f"{bare_s:.2f} s (the aggregation alone)",
              f"{seconds / bare_s:.1f}x", "values are placed at each school's first reading")
    summarise("every school's first reading, at once", label, f"{read_s:.2f} s, {read:,} forms",
              f"{bare_s:.2f} s", f"{read_s / bare_s:.1f}x", check)
    return [
        (f"{label}: store built", f"{load:.0f} s (regions, schools, teachers imported)"),
        (f"{label}: issue", f"{seconds:.2f} s{slow}: {issued.forms:,} forms (values placed at first reading)"),
        (f"{label}: bare aggregation", f"{bare_s:.2f} s (median of {len(bare_times)}: "
                                       f"{', '.join(f'{t:.2f}' for t in bare_times)} s), {len(bare):,} rows"),
        (f"{label}: ratio issue / bare", f"{seconds / bare_s:.2f}x (load average {loadavg()})"),
        (f"{label}: every form read at once", f"{read_s:.2f} s for {read:,} forms in units of 5,000: "
                                              f"{read_s / bare_s:.1f}x the bare aggregation (load average {loadavg()})"),
        (f"{label}: pre-fill vs bare", "every indicator agrees" if wrong == 0 else f"{wrong:,} values DIFFER"),
    ]


def main() -> None:
    print(f"\n== Issue: {len(INDICATORS)} indicators + 1 new field to {SCHOOLS:,} schools, {TEACHERS:,} teachers ==")
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(DemoSpec(schools=SCHOOLS, teachers=TEACHERS, seed=5), Path(tmp) / "demo")
        rows = _run("DuckDB", f"duckdb:///{Path(tmp) / 'issue.duckdb'}", files)
        with pg_schema(PG_URL, "bench_issue") as pg:
            rows += _run("PostgreSQL", pg, files) if pg else [("PostgreSQL", "skipped: no server")]
        show(rows)


if __name__ == "__main__":
    main()
