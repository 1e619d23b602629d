"""Analysis latency: a 60-field request against a store holding 1,000 live requests."""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine

from bench.common import pg_schema, settle, show, summarise
from service.demo import DemoFiles, DemoSpec, generate
from service.domain import requests
from service.domain.authz import Principal
from service.domain.imports import import_file, import_regions
from service.domain.requests import FieldIn, RequestIn
from service.domain.scope import Scope
from service.store.engine import make_engine, session_scope
from service.store.migrations import migrate

SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "30000"))
TEACHERS = int(os.environ.get("BENCH_TEACHERS", "1000000"))
LIVE = int(os.environ.get("BENCH_LIVE_REQUESTS", "1000"))
RUNS = int(os.environ.get("BENCH_ANALYSIS_RUNS", "60"))
PG_URL = os.environ.get("COLLECTONCE_TEST_PG_URL")
ADMIN = Principal("bench", "bench", "admin", "admin", "admin", None)
TOPICS = ["近视学生", "校车", "食堂从业人员", "心理咨询", "课后服务", "校园安保", "体质健康测试", "图书册数",
          "实验室", "午餐补助", "留守儿童", "随迁子女", "校医", "宿舍床位", "饮用水检测"]
STORE_WORDINGS = ["学校名称", "学校地址", "在校生数", "城乡分类", "办学性质", "专任教师数", "其中：女专任教师",
                  "25-29岁专任教师", "30-34岁专任教师", "35-39岁专任教师", "40-44岁专任教师", "45-49岁专任教师",
                  "50-54岁专任教师", "55-59岁专任教师", "60岁及以上专任教师", "高级教师人数", "一级教师人数",
                  "二级教师人数", "本科毕业专任教师", "教职工数"]


def _custom(i: int) -> str:
    return f"{TOPICS[i % len(TOPICS)]}第{i}项统计"


def _dept(n: int) -> Principal:
    return Principal(f"bench-dept-{n}", "bench", "department", f"430000-bench-{n}", "bench", "430000")


def _store(url: str, files: DemoFiles, rng: random.Random) -> tuple[Engine, float, int]:
    """A store at `url` with the province and LIVE live requests; the seconds the requests took and
    how many submissions were refused as duplicates on the way."""
    eng = make_engine(url)
    migrate(eng)
    import pyarrow.csv as pacsv

    with session_scope(eng) as s:
        import_regions(s, ADMIN, pacsv.read_csv(files.regions, convert_options=pacsv.ConvertOptions(
            column_types={"code": "string", "parent_code": "string"})))
        import_file(s, ADMIN, "schools", files.schools)
        import_file(s, ADMIN, "teachers", files.teachers)
    cities = ["430100", "430200", "430300", "430400", "430500", "430600", "430700", "430800", "430900"]
    live, t0, i = 0, time.perf_counter(), 0
    while live < LIVE:
        i += 1
        ref = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 700))
        labels = [_custom(rng.randrange(0, LIVE * 6)) for _ in range(8)]
        body = RequestIn(
            title=f"bench {i}", purpose="bench", kind="statistical", level="school",
            fields=[FieldIn(label=x, type="integer") for x in dict.fromkeys(labels)],
            scope=Scope(regions=[rng.choice(cities)]), reference_date=ref, period_start=ref,
            period_end=ref + timedelta(days=180), due_date=date(2027, 12, 31),
        )
        try:
            with session_scope(eng) as s:
                r, _ = requests.submit(s, _dept(i % 40), body)
                live += r.status == "pending_approval"
        except requests.DuplicateRequest:
            pass
    settle(eng)  # autovacuum's statistics of the requests just filed (the import gathers its own)
    return eng, time.perf_counter() - t0, i - LIVE


def _probe() -> RequestIn:
    fields = ([FieldIn(label=w, type="integer" if "数" in w or "教师" in w else "text") for w in STORE_WORDINGS]
              + [FieldIn(label=_custom(k), type="integer") for k in range(0, 40 * 3, 3)][:20]
              + [FieldIn(label=f"新问题{k}：教师每周备课时长", type="integer") for k in range(20)])
    return RequestIn(title="probe", purpose="bench", kind="statistical", level="school", fields=fields,
                     scope=Scope(regions=["430000"]), reference_date=date(2026, 9, 1), due_date=date(2027, 1, 1))


def _edited(probe: RequestIn, run: int) -> RequestIn:
    """The probe with its last field reworded, as a department edits a draft between analyses: the
    form is new to the reader, all of its other wordings are not."""
    last = probe.fields[-1].model_copy(update={"label": f"修改稿{run}：教师每周备课时长"})
    return probe.model_copy(update={"fields": [*probe.fields[:-1], last]})


def _timed(eng: Engine, probe: RequestIn, runs: int, forget: bool, edit: bool = False) -> tuple[list[float], requests.Analysis]:
    times = []
    a = None
    for run in range(runs):
        if forget:
            requests.forget_readings()
        asked = _edited(probe, run) if edit else probe
        with session_scope(eng) as s:
            start = time.perf_counter()
            a = requests.analyse(s, _dept(999), asked)
            times.append((time.perf_counter() - start) * 1000)
    assert a is not None
    return sorted(times), a


def _p99(sorted_times: list[float]) -> float:
    return sorted_times[min(len(sorted_times) - 1, int(len(sorted_times) * 0.99))]


def _run(label: str, url: str, files: DemoFiles) -> list[tuple[str, str]]:
    eng, setup, refused = _store(url, files, random.Random(7))
    try:
        probe = _probe()
        before = os.getloadavg()[0]
        cold, _ = _timed(eng, probe, max(3, RUNS // 10), forget=True)
        times, a = _timed(eng, probe, RUNS, forget=False)
        edited, _ = _timed(eng, probe, RUNS, forget=False, edit=True)
        after = os.getloadavg()[0]
    finally:
        eng.dispose()
    p50, p99 = statistics.median(times), _p99(times)
    summarise(f"analysis, 60 fields, {LIVE:,} live requests", label,
              f"p50 {p50:.0f} ms, p99 {p99:.0f} ms (a field edited p50 {statistics.median(edited):.0f} ms, "
              f"first reading p50 {statistics.median(cold):.0f} ms)",
              "-", "-", f"{a.totals['fields']} fields classed, {len(a.duplicates)} overlaps found")
    return [
        (f"{label}: live requests created", f"{LIVE:,} in {setup:.0f} s ({refused} refused as duplicates on the way)"),
        (f"{label}: probe fields", f"{len(probe.fields)}: {a.totals}, {len(a.duplicates)} live request(s) overlapping"),
        (f"{label}: analysis p50 / p99", f"{p50:.1f} ms / {p99:.1f} ms over {RUNS} runs, in-process "
                                         f"(load average {before:.1f} before, {after:.1f} after)"),
        (f"{label}: a field edited, p50 / p99", f"{statistics.median(edited):.1f} ms / "
                                                 f"{_p99(edited):.1f} ms over "
                                                 f"{RUNS} runs: the form new, its other wordings read before"),
        (f"{label}: first reading p50 / max", f"{statistics.median(cold):.1f} ms / {cold[-1]:.1f} ms over {len(cold)} "
                                              f"runs, the wordings' readings forgotten before each"),
    ]


def main() -> None:
    print(f"\n== Analysis latency: 60-field request, {LIVE:,} live requests, {SCHOOLS:,} schools, {TEACHERS:,} teachers ==")
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(DemoSpec(schools=SCHOOLS, teachers=TEACHERS, seed=3), Path(tmp) / "demo")
        rows = _run("DuckDB", f"duckdb:///{Path(tmp) / 'a.duckdb'}", files)
        with pg_schema(PG_URL, "bench_analysis") as pg:
            rows += _run("PostgreSQL", pg, files) if pg else [("PostgreSQL", "skipped: no server")]
        show(rows)


if __name__ == "__main__":
    main()
