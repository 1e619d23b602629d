"""The group writer (service/store/writer.py): writes waiting together commit together; a write
that fails leaves nothing behind and does not take the others of its group with it; no caller
hears of its write before the group holding it is committed."""

from __future__ import annotations

import threading

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
