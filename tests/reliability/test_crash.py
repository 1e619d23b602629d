"""Crash trials (issue 9): the server runs as a process of its own on each store and is killed
(SIGKILL) during a large import, an issue to every school, and a burst of submissions; restarted,
the store must hold every acknowledged write, nothing half-written (an import batch, an issue: all
or nothing), and a retry with the same Idempotency-Key must replay what was acknowledged.

`make test` runs the small form: one trial of each kind per store on a province of 120 schools;
`make crash` runs COLLECTONCE_CRASH_TRIALS trials (3) on 600 schools and prints the figures.
COLLECTONCE_CRASH_TRIALS=0 skips them."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from sqlalchemy import Engine, text

from connectors.base import importer_for
from service.demo import DemoSpec, generate
from service.domain.imports import import_file, import_regions
from service.domain.principals import issue_token
from service.store.engine import make_engine, session_scope
from service.store.migrations import migrate
from tests.api.test_requests_api import approval_body, request_body
from tests.conftest import ADMIN, PG_URL, _pg_engine

TRIALS = int(os.environ.get("COLLECTONCE_CRASH_TRIALS", "1"))
SCHOOLS = int(os.environ.get("COLLECTONCE_CRASH_SCHOOLS", "120"))
TEACHERS, SCHOOL_TOKENS = SCHOOLS * 20, min(60, SCHOOLS // 6)
LABELS = ["近视学生人数", "寄宿学生人数", "留守儿童人数", "随迁子女人数", "营养餐受益学生人数", "住校学生人数",
          "体质健康达标学生人数", "心理辅导学生人数", "图书馆藏书册数", "计算机台数"]

pytestmark = pytest.mark.skipif(TRIALS < 1, reason="COLLECTONCE_CRASH_TRIALS=0: crash trials skipped")


@dataclass
class Store:
    url: str
    tokens: dict[str, str]
    teachers_csv: Path
    schools: list[str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """`uvicorn service.app:app` on the store, started, killed and started again."""

    def __init__(self, url: str, log: Path) -> None:
        self.url, self.log, self.port = url, log, _free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        assert self.proc is None or self.proc.poll() is not None, "the server is already running"
        env = {**os.environ, "COLLECTONCE_DATABASE_URL": self.url}
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "service.app:app", "--host", "127.0.0.1",
                                          "--port", str(self.port)], env=env, stdout=out, stderr=out)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/v1/dictionary", timeout=2).status_code in (200, 401):
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise AssertionError(f"the server did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.kill()


def _load(engine: Engine, folder: Path) -> Store:
    files = generate(DemoSpec(schools=SCHOOLS, teachers=TEACHERS, seed=7), folder)
    schools = importer_for(files.schools.name).read(files.schools)
    with session_scope(engine) as s:
        import_regions(s, ADMIN, importer_for(files.regions.name).read(files.regions))
        import_file(s, ADMIN, "schools", files.schools)
        import_file(s, ADMIN, "teachers", files.teachers)
        tokens = {"admin": issue_token(s, "admin", "admin", org_name="Admin")[1],
                  "department": issue_token(s, "department", "430000-health", org_name="Health",
                                            jurisdiction="430000")[1],
                  "statistics_office": issue_token(s, "statistics_office", "430000-stats", org_name="Stats",
                                                   jurisdiction="430000")[1]}
        codes = [str(c) for c in schools.column("code").to_pylist()]
        for code in codes[:SCHOOL_TOKENS]:
            tokens[f"school:{code}"] = issue_token(s, "school", code)[1]
    return Store("", tokens, files.teachers, codes)


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp(f"crash-{request.param}")
    if request.param == "duckdb":
        url = f"duckdb:///{folder / 'store.duckdb'}"
        engine = make_engine(url)
        schema = None
    else:
        made, schema = _pg_engine()
        if made is None:
            pytest.skip(schema)
        engine, url = made, made.url.render_as_string(hide_password=False)
    migrate(engine)
    loaded = _load(engine, folder)
    engine.dispose()
    loaded.url = url
    yield loaded
    if schema is not None:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _h(store: Store, who: str, **more: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {store.tokens[who]}", **more}


def _rows(store: Store, sql: str, **params: Any) -> list[Any]:
    """Read the store directly, the server stopped (DuckDB lets one process open the file)."""
    engine = make_engine(store.url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql), params))
    finally:
        engine.dispose()


def _when(trial: int, took: float, rng: random.Random) -> float:
    """When to kill: spread over the operation's duration (and a little past it) across the trials."""
    return took * 1.2 * (trial + rng.random()) / TRIALS


def _kill_during(server: Server, work: Any, delay: float) -> Any:
    """Run `work()` in a thread, SIGKILL the server after `delay` seconds, return what work() got."""
    out: dict[str, Any] = {}
    t = threading.Thread(target=lambda: out.setdefault("result", work()))
    t.start()
    time.sleep(delay)
    server.kill()
    t.join(60)
    return out.get("result")


def test_crash_during_a_large_import_leaves_the_batch_whole_or_absent(store: Store, tmp_path: Path) -> None:
    server = Server(store.url, tmp_path / "server.log")
    rng = random.Random(1)
    figures: Counter[str] = Counter()
    teachers = importer_for(store.teachers_csv.name).read(store.teachers_csv)
    try:
        took = 0.0
        for trial in range(-1, TRIALS):  # trial -1 is not killed: it times the import
            marker = f"crash-{trial}"
            changed = teachers.set_column(teachers.column_names.index("name"), "name",
                                          pa.array([f"{n}{marker}" for n in teachers.column("name").to_pylist()]))
            path = tmp_path / f"teachers-{trial}.csv"
            pacsv.write_csv(changed, path)
            server.start()

            def send(p: Path = path) -> int:
                try:
                    with p.open("rb") as fh:
                        return httpx.post(f"{server.base}/v1/imports/teachers", headers=_h(store, "admin"),
                                          files={"file": (p.name, fh, "text/csv")}, timeout=120).status_code
                except httpx.HTTPError:
                    return 0  # the server died before answering

            if trial < 0:
                started = time.monotonic()
                assert send() == 200
                took = time.monotonic() - started
                server.stop()
                continue
            status = _kill_during(server, send, _when(trial, took, rng))
            server.start()  # recovery: the store reopens after the kill
            server.stop()
            (applied,) = _rows(store, "SELECT count(*) FROM teacher WHERE valid_to IS NULL AND name LIKE :m",
                               m=f"%{marker}")[0]
            (doubled,) = _rows(store, "SELECT count(*) FROM (SELECT id FROM teacher WHERE valid_to IS NULL "
                                      "GROUP BY id HAVING count(*) > 1) x")[0]
            assert applied in (0, changed.num_rows), (trial, applied)
            assert doubled == 0
            if status == 200:
                assert applied == changed.num_rows, "an acknowledged import is missing"
            figures[f"import acknowledged={status == 200} applied={bool(applied)}"] += 1
    finally:
        server.stop()
    print(f"\ncrash trials, import of {teachers.num_rows} teachers ({took:.1f} s unkilled): {dict(figures)}")


def _issue(server: Server, store: Store, n: int) -> tuple[str, int]:
    """A survey of every school, approved; then its issue, whose status is returned (0: no answer)."""
    dept, stats = _h(store, "department"), _h(store, "statistics_office")
    body = request_body(fields=[{"key": "school.address"}, {"label": LABELS[n % len(LABELS)], "type": "integer"}],
                        scope={"regions": ["430000"]}, reference_date=str(date(2026, 1, 1) + timedelta(days=n)),
                        title=f"调查{n}")
    r = httpx.post(f"{server.base}/v1/requests", headers=dept, json=body, timeout=60)
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    a = httpx.post(f"{server.base}/v1/requests/{rid}/approval", headers=stats, timeout=60,
                   json=approval_body(number=f"湘统函〔2027〕{n}号"))
    assert a.status_code == 201, a.text
    return rid, 0


def test_crash_during_an_issue_to_every_school_leaves_it_issued_whole_or_not_at_all(store: Store, tmp_path: Path) -> None:
    server = Server(store.url, tmp_path / "server.log")
    rng = random.Random(2)
    figures: Counter[str] = Counter()
    try:
        took = 0.0
        for trial in range(-1, TRIALS):  # trial -1 is not killed: it times the issue
            server.start()
            rid, _ = _issue(server, store, 101 + trial)
            if trial < 0:
                started = time.monotonic()
                assert httpx.post(f"{server.base}/v1/requests/{rid}/issue", headers=_h(store, "department"),
                                  timeout=120).status_code == 200
                took = time.monotonic() - started
                server.stop()
                continue

            def send(r: str = rid) -> int:
                try:
                    return httpx.post(f"{server.base}/v1/requests/{r}/issue", headers=_h(store, "department"),
                                      timeout=120).status_code
                except httpx.HTTPError:
                    return 0

            status = _kill_during(server, send, _when(trial, took, rng))
            server.start()
            server.stop()
            (req_status,) = _rows(store, "SELECT status FROM request WHERE id = :r", r=rid)[0]
            (sections,) = _rows(store, "SELECT count(*) FROM form_section WHERE request_id = :r", r=rid)[0]
            (items,) = _rows(store, "SELECT count(*) FROM form_item i JOIN form_section s ON s.form_id = i.form_id "
                                    "WHERE s.request_id = :r", r=rid)[0]
            issued = req_status == "issued"
            # No school has read its form yet, so none holds values: they are placed at the first reading.
            assert (sections, items) == ((len(store.schools), 0) if issued else (0, 0)), \
                (trial, req_status, sections, items)
            if status == 200:
                assert issued, "an acknowledged issue is missing"
            figures[f"issue acknowledged={status == 200} issued={issued}"] += 1
    finally:
        server.stop()
    print(f"\ncrash trials, issue to {len(store.schools)} schools ({took:.1f} s unkilled): {dict(figures)}")


def _burst(base: str, sends: list[tuple[str, dict[str, str], dict[str, Any]]],
           answered: dict[int, httpx.Response]) -> None:
    """Every submission at once, each from a thread of its own; `answered` collects the answers."""
    def one(n: int) -> None:
        url, h, body = sends[n]
        with contextlib.suppress(httpx.HTTPError):  # the server died before answering
            answered[n] = httpx.post(base + url, headers=h, json=body, timeout=60)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(len(sends))]
    for t in threads:
        t.start()
        time.sleep(0.005)
    for t in threads:
        t.join(60)


def test_crash_during_a_burst_of_submissions_keeps_every_acknowledged_one_and_replays_it(
        store: Store, tmp_path: Path) -> None:
    server = Server(store.url, tmp_path / "server.log")
    rng = random.Random(3)
    figures: Counter[str] = Counter()
    schools = [k.removeprefix("school:") for k in store.tokens if k.startswith("school:")]
    try:
        took = 0.0
        for trial in range(-1, TRIALS):  # trial -1 is not killed: it times the burst
            server.start()
            rid, _ = _issue(server, store, 201 + trial)
            issued = httpx.post(f"{server.base}/v1/requests/{rid}/issue", headers=_h(store, "department"), timeout=120)
            assert issued.status_code == 200, issued.text
            sends: list[tuple[str, dict[str, str], dict[str, Any]]] = []
            for code in schools:
                h = _h(store, f"school:{code}")
                (summary,) = [f for f in httpx.get(f"{server.base}/v1/forms", headers=h, timeout=60).json()
                              if rid in [s["request_id"] for s in f["sections"]]]
                form = httpx.get(f"{server.base}/v1/forms/{summary['id']}", headers=h, timeout=60)
                new = next(i["key"] for i in form.json()["items"] if i["classification"] == "new")
                sends.append((f"/v1/forms/{summary['id']}/submission",
                              {**h, "If-Match": form.headers["ETag"], "Idempotency-Key": f"burst-{trial}-{code}"},
                              {"answers": [{"key": new, "value": rng.randint(0, 999)}]}))
            answered: dict[int, httpx.Response] = {}

            burst = partial(_burst, server.base, sends, answered)
            if trial < 0:
                started = time.monotonic()
                burst()
                took = time.monotonic() - started
                server.stop()
            else:
                _kill_during(server, burst, _when(trial, took, rng))
            acknowledged = {n: r for n, r in answered.items() if r.status_code == 200}
            server.start()
            for n, (url, h, body) in enumerate(sends):  # every client retries with its key
                again = httpx.post(server.base + url, headers=h, json=body, timeout=60)
                assert again.status_code in (200, 503), again.text
                if n in acknowledged:
                    assert again.status_code == 200 and again.json() == acknowledged[n].json(), "not replayed"
            server.stop()
            for n, (url, _h2, body) in enumerate(sends):
                form_id = url.split("/")[3]
                (status,) = _rows(store, "SELECT status FROM form WHERE id = :f", f=form_id)[0]
                (times,) = _rows(store, "SELECT count(*) FROM audit_log WHERE action = 'form.submitted' "
                                        "AND entity_id = :f", f=form_id)[0]
                (value,) = _rows(store, "SELECT value FROM form_item WHERE form_id = :f AND key = :k",
                                 f=form_id, k=body["answers"][0]["key"])[0]
                assert (status, times, value) == ("submitted", 1, str(body["answers"][0]["value"])), (n, status, times)
            if trial >= 0:
                figures["submissions sent"] += len(sends)
                figures["submissions acknowledged before the kill"] += len(acknowledged)
    finally:
        server.stop()
    print(f"\ncrash trials, bursts of {len(schools)} submissions ({took:.1f} s unkilled): {dict(figures)}; "
          "nothing lost or applied twice")
