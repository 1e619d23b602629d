"""Defect 1 of issue 9, the lost update: two submissions of one form sent at the same moment with
the same If-Match and different Idempotency-Keys. Exactly one is applied (200); the other is
refused (412, or 409 once the form is submitted), and what the store holds is the winner's.
Each racer is a client of its own against the same store, as two browsers would be; a 503 (a
write conflict DuckDB reports instead of waiting) is retried with the same key, as a client should."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.api.test_forms_api import issue_survey
from tests.conftest import Province, auth
from tests.province import SCHOOLS


def send_until_answered(app: FastAPI, method: str, url: str, headers: dict[str, str], body: Any,
                        tries: int = 100) -> httpx.Response:
    """The request, sent again with the same headers (and Idempotency-Key) while it is told to retry."""
    c = TestClient(app)  # not entered: the test's store is the app's (no lifespan, no migration)
    for _ in range(tries):
        r = c.request(method, url, headers=headers, json=body)
        if r.status_code != 503:
            return r
        assert r.headers["Retry-After"]
        time.sleep(0.02)
    raise AssertionError(f"still 503 after {tries} tries")


def race(app: FastAPI, sends: list[tuple[str, dict[str, str], Any]], method: str = "POST") -> list[httpx.Response]:
    """Send every (url, headers, body) at the same moment, each from a thread of its own."""
    out: list[httpx.Response | None] = [None] * len(sends)
    start = threading.Barrier(len(sends))

    def one(n: int) -> None:
        url, headers, body = sends[n]
        start.wait(10)
        out[n] = send_until_answered(app, method, url, headers, body)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(len(sends))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(r is not None for r in out), "a racer did not finish"
    return [r for r in out if r is not None]


def opened_forms(client: TestClient, province: Province) -> list[tuple[str, dict[str, Any], str]]:
    out = []
    for school in (s["code"] for s in SCHOOLS):
        h = auth(province.tokens[f"school:{school}"])
        (summary,) = client.get("/v1/forms?status=issued", headers=h).json()
        r = client.get(f"/v1/forms/{summary['id']}", headers=h)
        out.append((school, r.json(), r.headers["ETag"]))
    return out


def test_two_submissions_of_one_version_one_wins_and_the_store_holds_its_answers(
        client: TestClient, province: Province) -> None:
    issue_survey(client, province)
    with_address = {s["code"] for s in SCHOOLS if s["address"]}  # a correction, not a first fill
    for school, form, etag in opened_forms(client, province):  # three forms, one race each
        if school not in with_address:
            continue
        new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
        h = auth(province.tokens[f"school:{school}"])
        url = f"/v1/forms/{form['id']}/submission"
        bodies = [{"answers": [{"key": new_key, "value": 10 + n},
                               {"key": "school.address", "value": f"新址{n}号", "reason": f"搬迁{n}"}]} for n in (1, 2)]
        answers = race(client.app, [(url, {**h, "If-Match": etag, "Idempotency-Key": f"{school}-{n}"}, b)  # type: ignore[arg-type]
                                    for n, b in enumerate(bodies)])
        statuses = sorted(r.status_code for r in answers)
        assert statuses in ([200, 409], [200, 412]), [r.text for r in answers]
        winner = bodies[[r.status_code for r in answers].index(200)]["answers"]
        loser = answers[[r.status_code for r in answers].index(statuses[1])]
        assert loser.headers["content-type"] == "application/problem+json"

        stored = {i["key"]: i for i in client.get(f"/v1/forms/{form['id']}", headers=h).json()["items"]}
        assert stored[new_key]["value"] == str(winner[0]["value"])
        assert stored["school.address"]["value"] == winner[1]["value"]
        with province.engine.connect() as conn:
            versions = conn.execute(text(
                "SELECT address FROM school WHERE code = :c AND source = 'correction' AND ref = :f"),
                {"c": school, "f": form["id"]}).scalars().all()
            collected = conn.execute(text(
                "SELECT value FROM collected_value WHERE entity_id = :c AND key = :k"),
                {"c": school, "k": new_key}).scalars().all()
            submitted = conn.execute(text(
                "SELECT count(*) FROM audit_log WHERE action = 'form.submitted' AND entity_id = :f"),
                {"f": form["id"]}).scalar_one()
        assert versions == [winner[1]["value"]]  # one new version of the record, the winner's
        assert collected == [str(winner[0]["value"])]
        assert submitted == 1
        current = client.get(f"/v1/schools/{school}", headers=h).json()["address"]
        assert current == winner[1]["value"]


def test_a_double_send_with_one_key_is_applied_once_and_both_get_its_answer(
        client: TestClient, province: Province) -> None:
    issue_survey(client, province)
    school, form, etag = opened_forms(client, province)[0]
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    h = {**auth(province.tokens[f"school:{school}"]), "If-Match": etag, "Idempotency-Key": "double-click"}
    body = {"answers": [{"key": new_key, "value": 5}]}
    first, second = race(client.app, [(f"/v1/forms/{form['id']}/submission", h, body)] * 2)
    assert first.status_code == second.status_code == 200, (first.text, second.text)
    assert first.json() == second.json()
    with province.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE action = 'form.submitted' AND entity_id = :f"),
                            {"f": form["id"]}).scalar_one() == 1


def test_first_readings_of_one_form_at_the_same_moment_place_its_values_once(
        client: TestClient, province: Province) -> None:
    issue_survey(client, province)
    for school in (s["code"] for s in SCHOOLS):
        h = auth(province.tokens[f"school:{school}"])
        (summary,) = client.get("/v1/forms?status=issued", headers=h).json()
        readings = race(client.app, [(f"/v1/forms/{summary['id']}", h, None)] * 4, method="GET")  # type: ignore[arg-type]
        assert [r.status_code for r in readings] == [200] * 4, [r.text for r in readings]
        # Every reader sees the same values, each placed once, and the form was opened once.
        assert len({str(r.json()["items"]) for r in readings}) == 1
        assert {r.headers["ETag"] for r in readings} == {f'"{summary["id"]}.2"'}
        with province.engine.connect() as conn:
            placed = conn.execute(text("SELECT count(*), count(DISTINCT key) FROM form_item WHERE form_id = :f"),
                                  {"f": summary["id"]}).one()
        assert tuple(placed) == (6, 6)
