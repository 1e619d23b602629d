"""Concurrency model check (issue 9): clients submit forms, save drafts, resend, send stale
versions and decide corrections at once; afterwards the store must equal a model built from the
acknowledged writes alone: every acknowledged write is there, none is applied twice, nothing
refused left a trace, and no call answered 5xx (a 503 is retried with the same key, as clients do).

Small in `make test`; COLLECTONCE_MODEL_CLIENTS / COLLECTONCE_MODEL_OPS make it larger
(`make crash` runs 16 clients x 40 operations); the figures are printed."""

from __future__ import annotations

import os
import random
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.api.test_forms_api import issue_survey
from tests.conftest import Province, auth
from tests.province import SCHOOLS
from tests.reliability.test_lost_update import send_until_answered

CLIENTS = int(os.environ.get("COLLECTONCE_MODEL_CLIENTS", "6"))
OPS = int(os.environ.get("COLLECTONCE_MODEL_OPS", "8"))
LABELS = ["近视学生人数", "寄宿学生人数", "留守儿童人数", "随迁子女人数", "营养餐受益学生人数", "住校学生人数",
          "体质健康达标学生人数", "心理辅导学生人数", "图书馆藏书册数", "计算机台数"]
# One school-level survey per label, each a form of its own per school; more for more clients.
SURVEYS = LABELS[:max(3, min(len(LABELS), CLIENTS * OPS // 40))]
OK = {200, 409, 412}  # acknowledged, or refused as another write won / the version moved


@dataclass
class Model:
    """What the clients were told: acknowledged submissions and decisions, and every status seen."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    submitted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # form id -> answers acknowledged
    decided: dict[str, str] = field(default_factory=dict)  # correction id -> outcome acknowledged
    statuses: Counter[str] = field(default_factory=Counter)
    faults: list[str] = field(default_factory=list)

    def acknowledge(self, table: dict[str, Any], key: str, value: Any, what: str) -> None:
        with self.lock:
            if key in table:
                self.faults.append(f"{what} {key} acknowledged twice")
            table[key] = value


def _call(app: FastAPI, model: Model, what: str, method: str, url: str, headers: dict[str, str],
          body: Any = None) -> Any:
    r = send_until_answered(app, method, url, headers, body)
    with model.lock:
        model.statuses[f"{what} {r.status_code}"] += 1
        if r.status_code not in OK:
            model.faults.append(f"{what} {method} {url}: {r.status_code} {r.text[:300]}")
    return r


def _answers(form: dict[str, Any], rnd: random.Random, tag: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in form["items"]:
        if i["classification"] == "new":
            out.append({"key": i["key"], "entity_id": i["entity_id"], "value": rnd.randint(0, 500)})
    if form["items"][0]["entity_id"] == form["school_code"]:
        if any(i["key"] == "school.address" and i["prefill"] for i in form["items"]):
            out.append({"key": "school.address", "value": f"新址{tag}", "reason": f"搬迁{tag}"})
    else:  # a roster: correct one teacher's title, which goes to its owner (human resources)
        title = rnd.choice([i for i in form["items"] if i["key"] == "teacher.title"])
        code = rnd.choice([c["code"] for c in title["codes"] if c["code"] != title["prefill"]])
        out.append({"key": "teacher.title", "entity_id": title["entity_id"], "value": code, "reason": f"评审{tag}"})
    return out


def _client(app: FastAPI, province: Province, model: Model, forms: list[tuple[str, str]], n: int) -> None:
    rnd = random.Random(n)
    hr = auth(province.tokens["department:hr"])
    for op in range(OPS):
        tag = f"{n}-{op}"
        roll = rnd.random()
        if roll < 0.2:  # decide a pending correction (two owners' clerks may pick the same one)
            pending = _call(app, model, "list", "GET", "/v1/corrections?status=pending", hr).json()
            if pending:
                c = rnd.choice(pending)
                outcome = rnd.choice(["acceptance", "rejection"])
                r = _call(app, model, "decide", "POST", f"/v1/corrections/{c['id']}/{outcome}", hr, {"reason": "核实"})
                if r.status_code == 200:
                    model.acknowledge(model.decided, c["id"], r.json()["status"], "decision")
            continue
        form_id, school = rnd.choice(forms)
        h = auth(province.tokens[f"school:{school}"])
        got = _call(app, model, "read", "GET", f"/v1/forms/{form_id}", h)
        form, etag = got.json(), got.headers.get("ETag", "")
        if form["status"] == "submitted":
            continue
        answers = _answers(form, rnd, tag)
        headers = {**h, "If-Match": etag, "Idempotency-Key": f"k-{tag}"}
        if roll < 0.4:  # a draft: moves the version under the other clients' feet
            _call(app, model, "draft", "PUT", f"/v1/forms/{form_id}/answers", headers, {"answers": answers[:1]})
            continue
        r = _call(app, model, "submit", "POST", f"/v1/forms/{form_id}/submission", headers, {"answers": answers})
        if r.status_code == 200:
            model.acknowledge(model.submitted, form_id, answers, "submission")
            again = _call(app, model, "resend", "POST", f"/v1/forms/{form_id}/submission", headers, {"answers": answers})
            if (again.status_code, again.json()) != (200, r.json()):
                model.faults.append(f"resend of {form_id} was not replayed: {again.status_code}")


def _check(province: Province, model: Model, forms: list[tuple[str, str]]) -> int:
    """Compare the store with the model; the number of checks made."""
    checks = 0
    with province.engine.connect() as conn:
        def rows(sql: str, **params: Any) -> list[Any]:
            return list(conn.execute(text(sql), params))

        for form_id, school in forms:
            (status,) = rows("SELECT status FROM form WHERE id = :f", f=form_id)[0]
            acknowledged = model.submitted.get(form_id)
            assert (status == "submitted") == (acknowledged is not None), (form_id, status)
            submits = rows("SELECT count(*) FROM audit_log WHERE action = 'form.submitted' AND entity_id = :f", f=form_id)
            assert submits[0][0] == (1 if acknowledged else 0), form_id
            checks += 2
            stored = {(e, k): v for e, k, v in rows("SELECT entity_id, key, value FROM form_item WHERE form_id = :f",
                                                     f=form_id)}
            fixes = rows("SELECT address FROM school WHERE code = :c AND ref = :f", c=school, f=form_id)
            proposed = rows("SELECT entity_id, value FROM correction WHERE form_id = :f", f=form_id)
            given = {(a.get("entity_id") or school, a["key"]): str(a["value"]) for a in acknowledged or []}
            for ident, value in given.items():
                assert stored[ident] == value, (form_id, ident, stored[ident], value)
                checks += 1
            assert [f[0] for f in fixes] == [v for (_e, k), v in given.items() if k == "school.address"], form_id
            assert sorted(map(tuple, proposed)) == sorted((e, v) for (e, k), v in given.items() if k == "teacher.title")
            checks += 2
        for school in {s for _f, s in forms}:
            versions = rows("SELECT valid_from, valid_to FROM school WHERE code = :c ORDER BY valid_from", c=school)
            assert [v[1] for v in versions].count(None) == 1 and versions[-1][1] is None, school
            assert all(a[1] == b[0] for a, b in pairwise(versions)), school  # an unbroken chain
            checks += 2
        for cid, entity_id, value, status in rows("SELECT id, entity_id, value, status FROM correction"):
            assert status == model.decided.get(cid, "pending"), (cid, status)
            applied = rows("SELECT title FROM teacher WHERE id = :t AND ref = :c", t=entity_id, c=cid)
            assert [a[0] for a in applied] == ([value] if status == "accepted" else []), cid
            checks += 2
        by_key: dict[tuple[str, str], int] = defaultdict(int)
        for e, k in rows("SELECT entity_id, key FROM collected_value"):
            by_key[(e, k)] += 1
        assert all(n == 1 for n in by_key.values()), "a collected value recorded twice"
        checks += len(by_key)
    return checks


def test_concurrent_clients_leave_the_store_equal_to_the_model_of_acknowledged_writes(
        client: TestClient, province: Province) -> None:
    for n, label in enumerate(SURVEYS):  # each for a reference date of its own: a form of its own
        issue_survey(client, province, fields=[{"key": "school.address"}, {"label": label, "type": "integer"}],
                     number=f"湘统函〔2026〕{20 + n}号", reference_date=f"2026-{n + 1:02d}-01")
    issue_survey(client, province, fields=[{"key": "teacher.name"}, {"key": "teacher.title"},
                                           {"label": "每周课时数", "type": "integer"}],
                 token="education_office", kind="administrative", level="roster")
    forms = [(f["id"], s["code"]) for s in SCHOOLS
             for f in client.get("/v1/forms", headers=auth(province.tokens[f"school:{s['code']}"])).json()]
    assert len(forms) == len(SCHOOLS) * (len(SURVEYS) + 1)
    model = Model()
    threads = [threading.Thread(target=_client, args=(client.app, province, model, forms, n)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    assert not model.faults, model.faults[:5]
    checks = _check(province, model, forms)
    writes = sum(n for k, n in model.statuses.items() if not k.startswith(("read", "list")))
    print(f"\nmodel check [{province.engine.dialect.name}]: {CLIENTS} clients, {writes} writes "
          f"({len(model.submitted)} submissions and {len(model.decided)} decisions acknowledged), "
          f"{checks} checks, nothing lost or applied twice; statuses {dict(sorted(model.statuses.items()))}")
