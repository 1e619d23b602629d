"""Group commit for DuckDB: one writer thread that commits writes in small groups.

DuckDB lets one process write, and every transaction's commit is a write of its log: with one
commit per request, a server cannot answer more writes per second than the store commits
transactions. The group writer takes the writes waiting at a moment (up to MAX_GROUP), runs them
one after another in one transaction on its own connection, commits once, and only then hands each
its outcome: an acknowledgement always follows a durable commit.

A write that fails (a refusal, a conflict) must leave nothing behind, and DuckDB has no savepoints:
the group's transaction is rolled back, the failed write gets its error (raised again in the
request, whose own unit of work keeps on file a refusal that asks to be kept), and the others run
again in a new transaction, in the same order, so each sees the same store it saw the first time. If the commit itself fails,
each write of the group runs again alone, with its own commit.

Writes of one kind that come often (a school's submission, a form's first reading) are applied a
group at a time: `run_many(apply, item)` hands every item of the group waiting for the same `apply`
to one call, `apply(session, items)`, which writes them all in a few set-based statements and
returns each item's result or its refusal. A refused item must have written nothing (its claim,
the first write, failed); an `apply` that raises takes its whole group to the retry above.

PostgreSQL needs none of this: its server commits concurrent transactions in parallel (and groups
their log flushes itself); requests there write through their own session.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

T = TypeVar("T")
I = TypeVar("I")  # noqa: E741
MAX_GROUP = 64
# Applies a group of items at once: each item's result, or the exception refusing it.
Apply = Callable[[Session, list[Any]], Sequence[Any]]


@dataclass
class _Job:
    work: Callable[[Session], Any] | None = None
    apply: Apply | None = None  # with `item`: applied together with the group's other items of `apply`
    item: Any = None
    done: Future[Any] = field(default_factory=Future)


class GroupWriter:
    """One thread writing to `engine` in groups; `run` blocks until its write is committed."""

    def __init__(self, engine: Engine, max_group: int = MAX_GROUP) -> None:
        self.engine = engine
        self.max_group = max_group
        # Its own connection, held for its life: a writer that took one from the pool per group could
        # wait forever behind requests that hold the pool's connections while they wait for it.
        self._conn = engine.connect()
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name="group-writer", daemon=True)
        self._thread.start()

    def run(self, work: Callable[[Session], T]) -> T:
        """Run `work` in the writer's transaction; its result once committed, or its exception."""
        result: T = self._wait(_Job(work=work))
        return result

    def run_many(self, apply: Callable[[Session, list[I]], Sequence[T | BaseException]], item: I) -> T:
        """Apply `item` with the other items of `apply` waiting at the same moment, in one call;
        its result once committed, or its exception."""
        result: T = self._wait(_Job(apply=apply, item=item))
        return result

    def _wait(self, job: _Job) -> Any:
        self._queue.put(job)
        return job.done.result()

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)
        self._conn.close()

    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            group = [first]
            while len(group) < self.max_group:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._commit(group)
                    return
                group.append(more)
            self._commit(group)

    def _commit(self, jobs: list[_Job]) -> None:
        pending = jobs
        while pending:
            results: dict[int, Any] = {}  # id(job) -> its result
            with Session(bind=self._conn, expire_on_commit=False) as session:
                failed: tuple[list[_Job], BaseException] | None = None
                for run in _runs(pending):
                    try:
                        results |= zip(map(id, run), _results(session, run), strict=True)
                        session.flush()
                    except BaseException as error:  # handed to the job's caller
                        failed = (run, error)
                        break
                if failed is None:
                    try:
                        session.commit()
                    except BaseException:  # the group could not commit: each alone
                        session.rollback()
                        for job in pending:
                            self._alone(job)
                        return
                    for job in pending:
                        _settle(job, results[id(job)])
                    return
                run, refused = failed
                session.rollback()
            if run[0].apply is None:
                run[0].done.set_exception(refused)
            else:  # which of the run's items failed is not known: each alone
                for job in run:
                    self._alone(job)
            pending = [j for j in pending if j not in run]

    def _alone(self, job: _Job) -> None:
        with Session(bind=self._conn, expire_on_commit=False) as session:
            try:
                (result,) = _results(session, [job])
                session.commit()
            except BaseException as exc:  # handed to the job's caller
                session.rollback()
                job.done.set_exception(exc)
                return
        _settle(job, result)


def _settle(job: _Job, result: Any) -> None:
    if isinstance(result, BaseException):
        job.done.set_exception(result)
    else:
        job.done.set_result(result)


def _runs(jobs: list[_Job]) -> list[list[_Job]]:
    """The group cut into runs: a plain write alone, every item of one `apply` together where the
    first of them stands. The writes of a group came at the same moment from callers that wait
    for them, so any order of them is one they could have come in."""
    runs: list[list[_Job]] = []
    together: dict[Apply, list[_Job]] = {}
    for job in jobs:
        if job.apply is None:
            runs.append([job])
        elif job.apply in together:
            together[job.apply].append(job)
        else:
            together[job.apply] = [job]
            runs.append(together[job.apply])
    return runs


def _results(session: Session, run: list[_Job]) -> list[Any]:
    """A run's results in its order (an item's refusal as its exception)."""
    first = run[0]
    if first.apply is None:
        assert first.work is not None
        return [first.work(session)]
    results = list(first.apply(session, [j.item for j in run]))
    if len(results) != len(run):
        raise RuntimeError(f"{first.apply!r} answered {len(results)} of {len(run)} items")
    return results


_writers: dict[int, GroupWriter] = {}
_writers_lock = threading.Lock()


def group_writer(engine: Engine) -> GroupWriter | None:
    """The group writer of `engine` when it is a DuckDB store (started on first use); None otherwise."""
    if engine.dialect.name != "duckdb":
        return None
    with _writers_lock:
        w = _writers.get(id(engine))
        if w is None or w.engine is not engine:
            w = _writers[id(engine)] = GroupWriter(engine)
        return w


def stop_writers() -> None:
    with _writers_lock:
        writers = list(_writers.values())
        _writers.clear()
    for w in writers:
        w.close()
