"""Two departments submitting the same new question at the same moment: one is let through, the
other is refused as its duplicate (after a retry where the store reports the write conflict)."""

from __future__ import annotations

import threading
from datetime import date, timedelta

from sqlalchemy.exc import DBAPIError

from service.domain.authz import Principal
from service.domain.requests import DuplicateRequest, FieldIn, RequestIn, submit
from service.domain.scope import Scope
from service.store.engine import session_scope
from tests.conftest import Province

BODY = RequestIn(title="近视调查", purpose="p", kind="statistical", level="school",
                 fields=[FieldIn(label="近视学生人数", type="integer")], scope=Scope(regions=["430000"]),
                 reference_date=date(2026, 9, 1), due_date=date.today() + timedelta(days=30))


def dept(code: str) -> Principal:
    return Principal(f"p-{code}", code, "department", code, code, "430000")


def test_simultaneous_twins_cannot_both_pass_the_duplicate_check(province: Province) -> None:
    first_inside = threading.Event()
    outcomes: dict[str, str] = {}

    def first() -> None:
        with session_scope(province.engine) as s:
            r, _ = submit(s, dept("430000-health"), BODY)
            outcomes["first"] = r.status
            first_inside.set()
            threading.Event().wait(0.5)  # hold the transaction open while the twin arrives

    def twin() -> None:
        first_inside.wait(5)
        for _attempt in range(20):
            try:
                with session_scope(province.engine) as s:
                    r, _ = submit(s, dept("430000-hr"), BODY)
                    outcomes["twin"] = r.status
                return
            except DuplicateRequest:
                outcomes["twin"] = "rejected_duplicate"
                return
            except DBAPIError:  # DuckDB reports the conflict at once: retry, as a client would on 503
                threading.Event().wait(0.1)

    threads = [threading.Thread(target=first), threading.Thread(target=twin)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert outcomes == {"first": "pending_approval", "twin": "rejected_duplicate"}
