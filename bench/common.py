"""Helpers for benchmarks: time a subprocess with its own peak memory, describe the machine."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float


def timed(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run a command to completion; its wall time and its own peak resident memory (wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env={**os.environ, **(env or {})}, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return Run(seconds, usage.ru_maxrss / 1024)


def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {cpu}, {mem:.0f} GiB, Python {platform.python_version()}"


def show(rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"  {k.ljust(width)}  {v}")


def settle(eng: Any) -> None:
    """PostgreSQL: gather the planner's statistics of the requests a benchmark just filed, as
    autovacuum does within a minute (an import gathers those of its tables itself)."""
    if eng.dialect.name == "postgresql":
        with eng.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()


def loadavg() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


@contextmanager
def pg_schema(url: str | None, schema: str) -> Iterator[str | None]:
    """The URL of a fresh, empty schema on the PostgreSQL server at `url`, dropped afterwards; None
    when no URL is given or the server cannot be reached."""
    import psycopg

    if not url:
        yield None
        return
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(plain, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError:
        yield None
        return
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


# The table, filled by each benchmark as it runs and printed at the end of `make bench`.
SUMMARY: list[tuple[str, str, str, str, str, str]] = []  # work, store, figure, bare figure, ratio, check


def summarise(work: str, store: str, figure: str, bare: str, ratio: str, check: str) -> None:
    SUMMARY.append((work, store, figure, bare, ratio, check))


def print_summary() -> None:
    head = ("work", "store", "figure", "bare stack, same run", "ratio", "correctness")
    rows = [head, *SUMMARY]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    print(f"\n== Summary (load average now {loadavg()}) ==")
    for r in rows:
        print("  " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))


def read_every_form(eng: Any, request_id: str, chunk: int = 5000) -> tuple[float, int]:
    """Every school in scope reads its form of the request at once (a form's values are placed at
    its first reading), `chunk` forms a unit of work through the service's own first reading; the
    seconds it took and the forms read."""
    from sqlalchemy import select
    from sqlmodel import col

    from service.domain import forms
    from service.store.engine import session_scope
    from service.store.tables import Form, FormSection

    with session_scope(eng) as s:
        ids = list(s.scalars(select(col(Form.id)).join(FormSection, col(FormSection.form_id) == col(Form.id))
                             .where(col(FormSection.request_id) == request_id, col(Form.status) == "issued")
                             .order_by(col(Form.id))))
    start, placed = time.perf_counter(), 0
    for i in range(0, len(ids), chunk):
        with session_scope(eng) as s:
            batch = list(s.scalars(select(Form).where(col(Form.id).in_(ids[i:i + chunk]))))
            placed += sum(forms.open_forms(s, batch))
    return time.perf_counter() - start, placed
