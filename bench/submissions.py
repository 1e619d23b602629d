"""Submission benchmark: 32 concurrent school clients against one server process, then a check in
the store that every form was submitted once and every answer stored once.

Each client, for each of its schools: reads the inbox, reads the form (its ETag), submits with
If-Match and a fresh Idempotency-Key, and now and then sends the same submission again with the
same key, which must replay the first response. 409 and 503 (write conflicts) are retried with
the same key and backoff; a 500 is counted (it must not happen) and retried too, within bounds.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, select, text

from bench.common import BIN, pg_schema, show, summarise
from bench.issue import NEW_FIELD, approved_survey, build_store, issue
from service.demo import DemoFiles, DemoSpec, generate
from service.domain.principals import issue_token
from service.domain.requests import custom_key
from service.domain.webhooks import WORKER_INTERVAL_SECONDS
from service.store.engine import make_engine, session_scope
from service.store.tables import School

SCHOOLS = int(os.environ.get("BENCH_SUBMIT_SCHOOLS", "3000"))
TEACHERS = int(os.environ.get("BENCH_SUBMIT_TEACHERS", str(SCHOOLS * 33)))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
SECONDS = float(os.environ.get("BENCH_SUBMIT_SECONDS", "300"))  # no new school is started after this
REPLAY_SHARE = 0.2  # submissions sent a second time with the same Idempotency-Key
ATTEMPTS = 30  # per call, for 409/503/500 and dropped connections
PG_URL = os.environ.get("COLLECTONCE_TEST_PG_URL")
NEW_KEY = custom_key("school", NEW_FIELD.label or "")


def _answer(school: str) -> int:
    return int(school[-4:]) % 50 + 1


@dataclass
class Tally:
    statuses: Counter[str] = field(default_factory=Counter)
    post_seconds: list[float] = field(default_factory=list)  # every submission attempt, replays apart
    school_seconds: list[float] = field(default_factory=list)  # inbox to accepted submission
    accepted: dict[str, int] = field(default_factory=dict)  # school -> value the server accepted
    replays: Counter[str] = field(default_factory=Counter)
    anomalies: list[str] = field(default_factory=list)
    unreached: int = 0  # schools no client started before the time was up

    def merge(self, other: Tally) -> None:
        self.statuses.update(other.statuses)
        self.post_seconds += other.post_seconds
        self.school_seconds += other.school_seconds
        self.accepted.update(other.accepted)
        self.replays.update(other.replays)
        self.anomalies += other.anomalies
        self.unreached += other.unreached


def _retryable(r: httpx.Response) -> bool:
    """Write conflicts (503, or the store's 409) and server errors; not a domain refusal."""
    if r.status_code == 503 or r.status_code >= 500:
        return True
    return r.status_code == 409 and r.json().get("type") == "about:blank"


def _call(c: httpx.Client, tally: Tally, method: str, url: str, timings: list[float] | None = None,
          **kw: Any) -> httpx.Response | None:
    for attempt in range(ATTEMPTS):
        start = time.perf_counter()
        try:
            r = c.request(method, url, **kw)
        except httpx.TransportError as exc:
            tally.statuses[f"{method} {type(exc).__name__}"] += 1
            time.sleep(min(2.0, 0.05 * 2**attempt))
            continue
        if timings is not None:
            timings.append(time.perf_counter() - start)
        tally.statuses[f"{method} {r.status_code}"] += 1
        if not _retryable(r):
            return r
        time.sleep(min(1.0, 0.02 * 2**attempt) * (0.5 + random.random()))
    return None


def _school(c: httpx.Client, tally: Tally, rng: random.Random, school: str, token: str) -> None:
    h = {"Authorization": f"Bearer {token}"}
    start = time.perf_counter()
    inbox = _call(c, tally, "GET", "/v1/forms", headers=h)
    if inbox is None or inbox.status_code != 200 or len(inbox.json()) != 1:
        tally.anomalies.append(f"{school}: inbox {inbox.status_code if inbox else 'gave up'}")
        return
    url = f"/v1/forms/{inbox.json()[0]['id']}"
    body = {"answers": [{"key": NEW_KEY, "value": _answer(school)}]}
    key = uuid.uuid4().hex
    r: httpx.Response | None = None
    for _ in range(3):  # a stale ETag (412) is read again and the same submission resent
        form = _call(c, tally, "GET", url, headers=h)
        if form is None or form.status_code != 200:
            tally.anomalies.append(f"{school}: form {form.status_code if form else 'gave up'}")
            return
        write = {**h, "If-Match": form.headers["ETag"], "Idempotency-Key": key}
        r = _call(c, tally, "POST", f"{url}/submission", tally.post_seconds, headers=write, json=body)
        if r is None or r.status_code != 412:
            break
    if r is None or r.status_code != 200:
        tally.anomalies.append(f"{school}: submission {r.status_code if r else 'gave up'} {r.text[:200] if r else ''}")
        return
    tally.school_seconds.append(time.perf_counter() - start)
    tally.accepted[school] = _answer(school)
    if rng.random() < REPLAY_SHARE:
        again = _call(c, tally, "POST", f"{url}/submission", headers=write, json=body)
        same = again is not None and again.status_code == 200 and again.json() == r.json()
        tally.replays["same response" if same else "DIFFERENT response"] += 1
        if not same:
            tally.anomalies.append(f"{school}: replay answered {again.status_code if again else 'gave up'} "
                                   f"{again.text[:300] if again else ''} after {r.text[:300]}")


def _schools(base: str, tokens: dict[str, str]) -> tuple[Tally, float]:
    schools = sorted(tokens)
    tallies = [Tally() for _ in range(CLIENTS)]
    deadline = time.monotonic() + SECONDS

    def client(n: int) -> None:
        rng = random.Random(n)
        with httpx.Client(base_url=base, timeout=60) as c:
            mine = schools[n::CLIENTS]
            for i, school in enumerate(mine):
                if time.monotonic() > deadline:
                    tallies[n].unreached = len(mine) - i
                    return
                _school(c, tallies[n], rng, school, tokens[school])

    wall = _clients(client)
    total = Tally()
    for t in tallies:
        total.merge(t)
    return total, wall


def _clients(client: Callable[[int], None]) -> float:
    """Run `client(0)` ... `client(CLIENTS - 1)` in threads at once; the wall time they took."""
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


def _bare(url: str, work: Path, n: int) -> tuple[list[tuple[str, str]], float]:
    """The bare stack (bench/bare_app.py) under the same clients: `n` POSTs of 15 rows each."""
    port = _free_port()
    log = work / "bare.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(BIN / "python"), "-m", "uvicorn", "bench.bare_app:app", "--host", "127.0.0.1",
                                 "--port", str(port), "--log-level", "warning"],
                                env={**os.environ, "BARE_URL": url}, cwd=Path(__file__).resolve().parents[1],
                                stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(proc, base, log)
        tallies = [Tally() for _ in range(CLIENTS)]

        def client(c: int) -> None:
            with httpx.Client(base_url=base, timeout=60) as h:
                for i in range(c, n, CLIENTS):
                    r = _call(h, tallies[c], "POST", f"/submit/f{i}", tallies[c].post_seconds, json={"value": i})
                    if r is not None and r.status_code == 200:
                        tallies[c].accepted[f"f{i}"] = i

        load = os.getloadavg()[0]
        wall = _clients(client)
    finally:
        _stop(proc)
    total = Tally()
    for t in tallies:
        total.merge(t)
    rate = len(total.accepted) / wall
    return [("bare stack", f"{len(total.accepted):,} POSTs of 15 rows in {wall:.1f} s: {rate:,.1f}/s, p50 "
                           f"{_pct(total.post_seconds, 0.5):.0f} ms / p99 {_pct(total.post_seconds, 0.99):.0f} ms "
                           f"(load average {load:.1f} before, {os.getloadavg()[0]:.1f} after)")], rate


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(url: str, cwd: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`collectonce serve` on a free local port, once it answers."""
    port = _free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen([str(BIN / "collectonce"), "serve", "--host", "127.0.0.1", "--port", str(port)],
                                env={**os.environ, "COLLECTONCE_DATABASE_URL": url}, cwd=cwd, stdout=out,
                                stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    _wait(proc, base, log)
    return proc, base


def _wait(proc: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base}/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    _stop(proc)
    raise SystemExit(f"the server did not answer within 60 s:\n{log.read_text()[-3000:]}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _prepare(url: str, files: DemoFiles) -> tuple[str, dict[str, str], float]:
    """The province in the store, the survey issued to every school, a token per school."""
    eng, _load = build_store(url, files)
    try:
        rid = approved_survey(eng)
        issue(eng, rid)
        start = time.perf_counter()
        with session_scope(eng) as s:
            codes = list(s.scalars(select(School.code).where(School.valid_to.is_(None))))  # type: ignore[union-attr]
            tokens = {code: issue_token(s, "school", code)[1] for code in codes}
        return rid, tokens, time.perf_counter() - start
    finally:
        eng.dispose()  # DuckDB: the server process must be the file's only writer


def _check(eng: Engine, rid: str, accepted: dict[str, int]) -> tuple[list[tuple[str, str]], str]:
    """What the store holds after the run, against what the clients were told."""
    with eng.connect() as c:
        forms = c.execute(text(
            "SELECT f.school_code, f.status, f.version FROM form f JOIN form_section s ON s.form_id = f.id "
            "WHERE s.request_id = :rid"), {"rid": rid}).fetchall()
        items = c.execute(text(
            "SELECT count(*), count(i.value), count(i.action) FROM form_item i "
            "JOIN form_section s ON s.form_id = i.form_id WHERE s.request_id = :rid"), {"rid": rid}).one()
        collected = c.execute(text(
            "SELECT entity_id, value, count(*) FROM collected_value WHERE key = :k GROUP BY entity_id, value"),
            {"k": NEW_KEY}).fetchall()
        records = c.execute(text(
            "SELECT count(*), count(DISTINCT principal_id) FROM idempotency_record")).one()
        status = c.execute(text("SELECT status FROM request WHERE id = :rid"), {"rid": rid}).scalar_one()
        closings = c.execute(text(
            "SELECT count(*) FROM request_transition WHERE request_id = :rid AND to_status = 'closed'"),
            {"rid": rid}).scalar_one()
    submitted = {code for code, st, _v in forms if st == "submitted"}
    versions = Counter(v for _c, st, v in forms if st == "submitted")
    stored: dict[str, list[str]] = {}
    for entity, value, n in collected:
        stored.setdefault(entity, []).extend([value] * int(n))
    lost = [s for s in accepted if s not in submitted or stored.get(s) != [str(accepted[s])]]
    unasked = [s for s in stored if s not in accepted]
    doubled = [s for s, v in stored.items() if len(v) > 1]
    all_in = len(submitted) == len(forms)
    closed_ok = (status == "closed") == all_in and closings <= 1
    verdict = (f"{len(accepted):,} accepted, {len(lost)} lost, {len(doubled)} duplicated"
               + ("" if closed_ok else ", request INCONSISTENT"))
    return [
        ("forms submitted", f"{len(submitted):,} of {len(forms):,}; versions of submitted forms "
                            f"{dict(sorted(versions.items()))} (3 = issued, opened once, submitted once)"),
        ("items answered", f"{items[1]:,} of {items[0]:,} hold a value, {items[2]:,} an action"),
        ("collected answers", f"{sum(len(v) for v in stored.values()):,} rows for {len(stored):,} schools"),
        ("lost / duplicated / unasked", f"{len(lost)} / {len(doubled)} / {len(unasked)}"
                                        + (f" (lost e.g. {lost[:3]})" if lost else "")),
        ("idempotency records", f"{records[0]:,} for {records[1]:,} principals"),
        ("request", f"{status}, closed {closings} time(s)"
                    + ("" if closed_ok else " -- INCONSISTENT")),
    ], verdict


def _server_errors(log: Path) -> str:
    lines = log.read_text(errors="replace").splitlines()
    tracebacks = sum(1 for x in lines if x.startswith("Traceback"))
    last = next((x for x in reversed(lines) if x and not x.startswith(" ") and "Error" in x), "")
    return f"{tracebacks} traceback(s)" + (f"; last: {last[:200]}" if tracebacks else "")


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * q))] * 1000 if xs else float("nan")


def _run(label: str, url: str, bare_url: str, files: DemoFiles, work: Path) -> list[tuple[str, str]]:
    rid, tokens, token_s = _prepare(url, files)
    bare_rows, bare_rate = _bare(bare_url, work, len(tokens))
    log = work / f"server-{label}.log"
    load = os.getloadavg()[0]
    proc, base = _serve(url, work, log)
    try:
        tally, wall = _schools(base, tokens)
        # Last submissions that commit together leave the request to the server's background pass.
        time.sleep(WORKER_INTERVAL_SECONDS + 2)
    finally:
        _stop(proc)
    eng = make_engine(url)
    try:
        checks, verdict = _check(eng, rid, tally.accepted)
    finally:
        eng.dispose()
    rate = len(tally.accepted) / wall
    summarise("school submissions", label, f"{rate:,.0f}/s, p99 {_pct(tally.post_seconds, 0.99):.0f} ms",
              f"{bare_rate:,.0f}/s (minimal app, 15 rows per POST)", f"{rate / bare_rate:.2f}x", verdict)
    statuses = ", ".join(f"{k} x{v:,}" for k, v in sorted(tally.statuses.items()))
    rows = [
        ("store", f"{len(tokens):,} schools with a form of 13 items, tokens made in {token_s:.0f} s"),
        *bare_rows,
        ("submissions", f"{len(tally.accepted):,} accepted in {wall:.1f} s: {rate:,.1f}/s "
                        f"with {CLIENTS} clients (load average {load:.1f} before, {os.getloadavg()[0]:.1f} after)"),
        ("HTTP calls", f"{sum(tally.statuses.values()):,}: {sum(tally.statuses.values()) / wall:,.1f}/s, "
                       f"{sum(tally.statuses.values()) / max(1, len(tally.accepted)):.1f} per school "
                       "(inbox, form, submission, replays; the bare stack makes 1 per POST)"),
        ("submission p50 / p99", f"{_pct(tally.post_seconds, 0.5):.0f} ms / {_pct(tally.post_seconds, 0.99):.0f} ms "
                                 f"per POST ({len(tally.post_seconds):,} attempts)"),
        ("per school p50 / p99", f"{_pct(tally.school_seconds, 0.5):.0f} ms / {_pct(tally.school_seconds, 0.99):.0f} ms "
                                 f"(inbox, form, submission with its retries)"),
        ("responses", statuses),
        ("replays with the same key", ", ".join(f"{k} x{v}" for k, v in tally.replays.items()) or "none"),
        ("client anomalies", f"{len(tally.anomalies)}" + (f": {tally.anomalies[:3]}" if tally.anomalies else "")),
        ("schools not reached", f"{tally.unreached:,}" + (f" (time is up after {SECONDS:.0f} s)" if tally.unreached else "")),
        ("server log", _server_errors(log)),
        *checks,
    ]
    return [(f"{label}: {k}", v) for k, v in rows]


def main() -> None:
    print(f"\n== Submissions: {CLIENTS} clients, one server process, {SCHOOLS:,} schools ==")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = generate(DemoSpec(schools=SCHOOLS, teachers=TEACHERS, seed=9), work / "demo")
        rows = _run("DuckDB", f"duckdb:///{work / 'submit.duckdb'}", f"duckdb:///{work / 'bare.duckdb'}", files, work)
        with pg_schema(PG_URL, "bench_submit") as pg, pg_schema(PG_URL, "bench_submit_bare") as bare:
            rows += _run("PostgreSQL", pg, bare, files, work) if pg and bare else [("PostgreSQL", "skipped: no server")]
        show(rows)


if __name__ == "__main__":
    main()
