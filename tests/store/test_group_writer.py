"""The group writer (service/store/writer.py): writes waiting together commit together; a write
that fails leaves nothing behind and does not take the others of its group with it; no caller
hears of its write before the group holding it is committed."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from service.domain.errors import InvalidInput, Problem
from service.store.tables import Region
from service.store.writer import GroupWriter


def _add(code: str, fail: bool = False) -> object:
    def work(s: Session) -> str:
        s.add(Region(code=code, name=f"region {code}", parent_code=None, level="county"))
        s.flush()
        if fail:
            raise InvalidInput("refused", [Problem(["body"], "refused", code)])
        return code

    return work


def _codes(db: Engine) -> set[str]:
    with db.connect() as c:
        return {r[0] for r in c.execute(text("SELECT code FROM region WHERE code LIKE '9%'"))}


def test_a_group_commits_what_succeeded_and_nothing_of_what_failed(db: Engine) -> None:
    writer = GroupWriter(db)
    gate = threading.Event()
    seen: dict[str, object] = {}

    def blocker(s: Session) -> str:  # holds the writer so the next writes queue up as one group
        gate.wait(10)
        return "blocker"

    def send(name: str, work: object) -> None:
        try:
            seen[name] = writer.run(work)  # type: ignore[arg-type]
        except InvalidInput as exc:
            seen[name] = exc

    threads = [threading.Thread(target=send, args=("blocker", blocker))]
    threads[0].start()
    for code, fail in (("910001", False), ("910002", True), ("910003", False), ("910004", False)):
        t = threading.Thread(target=send, args=(code, _add(code, fail)))
        threads.append(t)
        t.start()
    gate.set()
    for t in threads:
        t.join(30)
    writer.close()
    assert seen["910001"] == "910001" and seen["910003"] == "910003" and seen["910004"] == "910004"
    assert isinstance(seen["910002"], InvalidInput)
    assert _codes(db) == {"910001", "910003", "910004"}


def test_an_answer_follows_the_commit(db: Engine) -> None:
    writer = GroupWriter(db)
    try:
        def work(s: Session) -> bool:
            s.add(Region(code="920001", name="r", parent_code=None, level="county"))
            s.flush()
            return True

        assert writer.run(work)
        assert _codes(db) == {"920001"}  # visible to another connection as soon as the caller hears
    finally:
        writer.close()


def test_a_write_the_store_refuses_is_answered_with_its_error(db: Engine) -> None:
    writer = GroupWriter(db)
    try:
        assert writer.run(_add("930001")) == "930001"
        with pytest.raises(DBAPIError):  # the store's own refusal: a duplicate key
            writer.run(_add("930001"))
        assert writer.run(_add("930002")) == "930002"
        assert _codes(db) == {"930001", "930002"}
    finally:
        writer.close()


def test_items_of_one_kind_are_applied_together_and_a_refused_one_leaves_nothing(db: Engine) -> None:
    writer = GroupWriter(db)
    gate = threading.Event()
    calls: list[list[str]] = []

    def apply(s: Session, codes: list[str]) -> list[object]:
        """Adds every region but those ending in 2, which it refuses (writing nothing for them)."""
        calls.append(list(codes))
        kept = [c for c in codes if not c.endswith("2")]
        s.add_all([Region(code=c, name=f"region {c}", parent_code=None, level="county") for c in kept])
        s.flush()
        return [c if c in kept else InvalidInput("refused", [Problem(["body"], "refused", c)]) for c in codes]

    seen: dict[str, object] = {}

    def send(name: str, run: object) -> None:
        try:
            seen[name] = run()  # type: ignore[operator]
        except InvalidInput as exc:
            seen[name] = exc

    threads = [_blocker(writer, gate)]
    for code in ("940001", "940002", "940003"):
        threads.append(threading.Thread(target=send, args=(code, lambda c=code: writer.run_many(apply, c))))
        threads[-1].start()
    threads.append(threading.Thread(target=send, args=("plain", lambda: writer.run(_add("940004")))))
    threads[-1].start()
    _queued(writer, 4)  # every write waits behind the blocker: one group
    gate.set()
    for t in threads:
        t.join(30)
    writer.close()
    assert sorted(calls[0]) == ["940001", "940002", "940003"]  # one call for the three, whatever came between
    assert seen["940001"] == "940001" and seen["940003"] == "940003" and seen["plain"] == "940004"
    assert isinstance(seen["940002"], InvalidInput)
    assert _codes(db) == {"940001", "940003", "940004"}


def test_an_apply_that_fails_leaves_its_items_to_run_alone(db: Engine) -> None:
    writer = GroupWriter(db)
    gate = threading.Event()

    def apply(s: Session, codes: list[str]) -> list[object]:
        if len(codes) > 1:
            raise RuntimeError("a fault of the group")
        s.add(Region(code=codes[0], name="r", parent_code=None, level="county"))
        s.flush()
        return list(codes)

    seen: dict[str, object] = {}
    threads = [_blocker(writer, gate)]
    threads += [threading.Thread(target=lambda c=c: seen.setdefault(c, writer.run_many(apply, c)))
                for c in ("950001", "950002")]
    for t in threads[1:]:
        t.start()
    _queued(writer, 2)
    gate.set()
    for t in threads:
        t.join(30)
    writer.close()
    assert seen == {"950001": "950001", "950002": "950002"}
    assert _codes(db) == {"950001", "950002"}


def _blocker(writer: GroupWriter, gate: threading.Event) -> threading.Thread:
    """A write that holds the writer until `gate` opens, started and running: what is sent next
    waits in the queue, to be taken as one group."""
    running = threading.Event()

    def hold(_s: Session) -> None:
        running.set()
        gate.wait(10)

    t = threading.Thread(target=writer.run, args=(hold,))
    t.start()
    running.wait(10)
    return t


def _queued(writer: GroupWriter, n: int) -> None:
    """Wait until `n` writes wait in the writer's queue."""
    deadline = time.monotonic() + 10
    while writer._queue.qsize() < n and time.monotonic() < deadline:
        time.sleep(0.01)
