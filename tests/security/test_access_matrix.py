"""The access matrix: every operation of the API × every role × its own organisation's object and
another's. Allowed calls succeed; refused ones get the documented refusal (403 for a role that may
not make the call at all, 404 for an object the caller may not know of); and no response carries a
national ID number of the province in clear to anyone but an admin."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.domain.clock import now
from service.domain.webhooks import deliver_due
from service.settings import settings
from tests.api.test_forms_api import open_form, submit
from tests.api.test_requests_api import approval_body, request_body
from tests.conftest import Province, auth
from tests.province import SCHOOLS, TEACHERS
from tests.security.flows import issue_id_roster, leaked

S1, S3 = str(SCHOOLS[0]["code"]), str(SCHOOLS[2]["code"])  # Changsha (in the city department's reach), Zhuzhou
T1, T11 = str(TEACHERS[0]["id"]), str(TEACHERS[10]["id"])  # of S1, of S3
ROLES = {"admin": "admin", "dept": "department", "hr": "department:hr", "city": "department:changsha",
         "stats": "statistics_office", "edu": "education_office", "school1": f"school:{S1}", "school3": f"school:{S3}"}
OK = "ok"  # 2xx
GRANTED = "granted"  # let through: the answer is about the object's state or the body, not about access


@dataclass
class World:
    """The objects of the matrix: each belongs to an organisation (the health department `dept`,
    school S1, the HR department as owner of titles...)."""

    request: str  # dept's roster, issued, submitted by every school, closed
    answered: str  # dept's request answered from the store
    pending: str  # dept's request waiting for approval
    pending_b: str  # another, to be rejected
    approval: str
    form1: str  # S1's form
    correction: str  # S1's correction of a title, owned by HR
    delivery: str  # dept's webhook delivery
    batch: str  # an import with a problem report
    job: str
    spare: str  # a principal the admin issued, to rotate, link and revoke
    spare_token: str


def _world(client: TestClient, province: Province) -> World:
    dept, hr = auth(province.tokens["department"]), auth(province.tokens["department:hr"])
    hook = client.put("/v1/webhooks", headers=dept, json={"url": "https://93.184.216.34/hook", "secret": "s" * 20})
    assert hook.status_code == 200, hook.text
    request = issue_id_roster(client, province)
    approval = next(e["entity_id"] for e in client.get("/v1/audit", headers=auth(province.tokens["admin"]),
                                                       params={"action": "approval.granted"}).json()["items"])
    form1 = ""
    for school in (s["code"] for s in SCHOOLS):
        form, etag = open_form(client, province, school)
        form1 = form1 or form["id"]
        hours = next(i["key"] for i in form["items"] if i["classification"] == "new")
        answers = [{"key": hours, "entity_id": i["entity_id"], "value": 10} for i in form["items"] if i["key"] == hours]
        r = submit(client, province, form, etag, answers, key=f"m-{school}", school=school)
        assert r.status_code == 200, r.text
    fix = client.post("/v1/requests", headers=auth(province.tokens["education_office"]), json=request_body(
        title="职称核对", kind="administrative", level="roster", scope={"schools": [S1]},
        fields=[{"key": "teacher.title"}, {"label": "周课时", "type": "integer"}]))
    assert client.post(f"/v1/requests/{fix.json()['id']}/issue", headers=auth(province.tokens["education_office"])).status_code == 200
    form, etag = open_form(client, province, S1)
    extra = next(i["key"] for i in form["items"] if i["classification"] == "new")
    r = submit(client, province, form, etag, [{"key": "teacher.title", "entity_id": T1, "value": "3", "reason": "晋升"},
               *[{"key": extra, "entity_id": i["entity_id"], "value": 1} for i in form["items"] if i["key"] == extra]],
               key="m-title", school=S1)
    assert r.status_code == 200 and r.json()["corrections_pending"] == 1, r.text
    correction = client.get("/v1/corrections", headers=hr).json()[0]["id"]
    answered = client.post("/v1/requests", headers=dept, json=request_body(
        title="已有数据", level="roster", scope={"regions": ["430000"]}, fields=[{"key": "teacher.name"}])).json()["id"]
    pending = client.post("/v1/requests", headers=dept, json=request_body(title="待批A", fields=[
        {"label": "图书册数", "type": "integer"}])).json()["id"]
    pending_b = client.post("/v1/requests", headers=dept, json=request_body(title="待批B", scope={"regions": ["430200"]},
                                                                           fields=[{"label": "操场面积", "type": "integer"}])).json()["id"]
    settings_ = settings()
    assert deliver_due(province.engine, now()).due == 1  # refused: the address is not resolvable here, kept to retry
    delivery = client.get("/v1/webhooks/deliveries", headers=dept).json()[0]["id"]
    admin = auth(province.tokens["admin"])
    bad = client.post("/v1/imports/schools?skip_invalid=true", headers=admin,
                      files={"file": ("s.csv", _schools_csv(bad_one=True), "text/csv")})
    batch = bad.json()["batch_id"]
    limit = settings_.import_sync_max_bytes
    settings_.import_sync_max_bytes = 64
    try:
        queued = client.post("/v1/imports/schools", headers=admin, files={"file": ("s.csv", _schools_csv(), "text/csv")})
    finally:
        settings_.import_sync_max_bytes = limit
    job = queued.json()["id"]
    deadline = time.monotonic() + 60
    while client.get(f"/v1/jobs/{job}", headers=admin).json()["status"] in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    spare = client.post("/v1/admin/principals", headers=admin, json={
        "role": "department", "org": "430000-spare", "org_name": "Spare Department", "jurisdiction": "430000"})
    assert spare.status_code == 201, spare.text
    return World(request, answered, pending, pending_b, approval, form1, correction, delivery, batch, job,
                 spare.json()["principal_id"], spare.json()["token"])


def _schools_csv(bad_one: bool = False) -> bytes:
    header = list(SCHOOLS[0])
    rows = [",".join(str(s[c] or "") for c in header) for s in SCHOOLS]
    if bad_one:
        rows.append(",".join(str({**SCHOOLS[0], "code": "2430000099", "school_type": "zz"}[c] or "") for c in header))
    return ("\n".join([",".join(header), *rows]) + "\n").encode()


def _everyone(status: object) -> dict[str, object]:
    return dict.fromkeys(ROLES, status)


def _only(allowed: dict[str, object], default: object) -> dict[str, object]:
    return {**_everyone(default), **allowed}


OFFICES_AND_DEPTS = ("admin", "dept", "hr", "city", "stats", "edu")
ASKERS = ("dept", "hr", "city", "edu")  # who submits requests and registers webhooks


def _reach(*who: str) -> dict[str, object]:
    return dict.fromkeys(who, OK)


# (method, path, body, expectations by role). Path placeholders name objects of the World.
Case = tuple[str, str, Callable[[], Any] | None, dict[str, object]]


def _cases() -> list[Case]:
    s1_readers = _reach(*OFFICES_AND_DEPTS, "school1")
    s3_readers = _reach("admin", "dept", "hr", "stats", "edu", "school3")
    request_readers = {"admin": 403, "stats": 403}  # may read it, may not act on it as its department
    not_known = dict.fromkeys(("hr", "city", "edu", "school1", "school3"), 404)
    new_request = iter(range(1000))
    keys = iter(range(1000))

    def new_key() -> str:
        return f"matrix-{next(keys)}"

    return [
        ("GET", "/v1/me", None, _everyone(OK)),
        ("GET", "/v1/dictionary", None, _everyone(OK)),
        ("GET", "/v1/dictionary/teacher.id_number", None, _everyone(OK)),
        ("GET", "/v1/regions", None, _everyone(OK)),
        ("GET", "/v1/schools", None, _everyone(OK)),
        *[("GET", f"/v1/schools/{S1}{tail}", None, _only(s1_readers, 404)) for tail in ("", "/teachers", "/history", "/access-log")],
        *[("GET", f"/v1/schools/{S3}{tail}", None, _only(s3_readers, 404)) for tail in ("", "/teachers", "/history", "/access-log")],
        *[("GET", f"/v1/teachers/{T1}{tail}", None, _only(s1_readers, 404)) for tail in ("", "/history")],
        *[("GET", f"/v1/teachers/{T11}{tail}", None, _only(s3_readers, 404)) for tail in ("", "/history")],
        ("POST", "/v1/imports/schools", lambda: {"files": {"file": ("s.csv", _schools_csv(), "text/csv")}}, _only({"admin": OK}, 403)),
        ("POST", "/v1/imports/teachers", lambda: {"files": {"file": ("t.csv", b"id\n", "text/csv")}}, _only({"admin": 422}, 403)),
        ("GET", "/v1/imports/{batch}/report", None, _only({"admin": OK}, 403)),
        ("GET", "/v1/jobs/{job}", None, _only({"admin": OK}, 403)),
        ("POST", "/v1/requests/analysis", lambda: {"json": request_body()}, _only(_reach(*ASKERS), 403)),
        ("POST", "/v1/requests", lambda: {"json": request_body(title=f"新{next(new_request)}", fields=[
            {"label": f"专项指标{next(new_request)}", "type": "integer"}])}, _only(_reach(*ASKERS), 403)),
        ("GET", "/v1/requests", None, _only(_reach(*OFFICES_AND_DEPTS), 403)),
        ("GET", "/v1/requests/{request}", None, {**not_known, "admin": OK, "dept": OK, "stats": OK}),
        ("GET", "/v1/requests/{request}/results", None, {**not_known, **request_readers, "dept": OK}),
        ("GET", "/v1/requests/{answered}/answers", None, {**not_known, **request_readers, "dept": OK}),
        ("POST", "/v1/requests/{request}/issue", None, {**not_known, **request_readers, "dept": GRANTED}),
        ("PUT", "/v1/requests/{pending}", lambda: {"json": request_body(title="待批A改", fields=[
            {"label": "图书册数", "type": "integer"}])}, {**not_known, **request_readers, "dept": OK}),
        ("POST", "/v1/requests/{pending}/approval", lambda: {"json": approval_body(number="湘统函〔2026〕77号")},
         {**not_known, "admin": 403, "dept": 403, "stats": OK}),
        ("POST", "/v1/requests/{pending_b}/rejection", lambda: {"json": {"reason": "重复调查"}},
         {**not_known, "admin": 403, "dept": 403, "stats": OK}),
        ("GET", "/v1/approvals", None, _everyone(OK)),
        ("GET", "/v1/forms", None, _only(_reach("school1", "school3"), 403)),
        ("GET", "/v1/forms/{form1}", None, _only({"school1": OK, "school3": 404}, 403)),
        ("PUT", "/v1/forms/{form1}/answers", lambda: {"json": {"answers": []}, "headers": {"Idempotency-Key": new_key()}},
         _only({"school1": GRANTED, "school3": 404}, 403)),
        ("POST", "/v1/forms/{form1}/submission", lambda: {"json": {"answers": []}, "headers": {"Idempotency-Key": new_key()}},
         _only({"school1": GRANTED, "school3": 404}, 403)),
        ("GET", "/v1/corrections", None, _only(_reach(*OFFICES_AND_DEPTS), 403)),
        ("POST", "/v1/corrections/{correction}/rejection", lambda: {"json": {"reason": "待核"}},
         {**_only({"hr": GRANTED, "admin": GRANTED}, 404), "school1": 403, "school3": 403}),
        ("POST", "/v1/corrections/{correction}/acceptance", lambda: {"json": {}},
         {**_only({"hr": GRANTED, "admin": GRANTED}, 404), "school1": 403, "school3": 403}),
        ("GET", "/v1/burden", None, _everyone(OK)),
        ("GET", "/v1/webhooks", None, _only({"dept": OK, "hr": 404, "city": 404, "edu": 404}, 403)),
        ("GET", "/v1/webhooks/deliveries", None, _only(_reach(*ASKERS), 403)),
        ("POST", "/v1/webhooks/deliveries/{delivery}/retry", None,
         _only({"dept": OK, "hr": 404, "city": 404, "edu": 404}, 403)),
        ("PUT", "/v1/webhooks", lambda: {"json": {"url": "https://93.184.216.34/h", "secret": "t" * 20}},
         _only(_reach(*ASKERS), 403)),
        ("DELETE", "/v1/webhooks", None, _only({"dept": OK, "hr": OK, "city": OK, "edu": OK}, 403)),
        ("GET", "/v1/audit", None, _only({"admin": OK}, 403)),
        ("GET", "/v1/admin/principals", None, _only({"admin": OK}, 403)),
        ("POST", "/v1/admin/principals", lambda: {"json": {"role": "department", "org": "430000-health"}},
         _only({"admin": OK}, 403)),
        ("POST", "/v1/admin/principals/{spare}/rotation", lambda: {"json": {}}, _only({"admin": OK}, 403)),
        ("POST", "/v1/admin/principals/{spare}/sign-in-links", lambda: {"json": {}}, _only({"admin": OK}, 403)),
        ("POST", "/v1/admin/tokens/revocation", lambda: {"json": {"token": "co_not-a-token"}}, _only({"admin": 404}, 403)),
        ("POST", "/v1/admin/principals/{spare}/revocation", None, _only({"admin": OK}, 403)),
        ("POST", "/v1/admin/credentials/schools", lambda: {"json": {"region": "430202"}}, _only({"admin": OK}, 403)),
        ("POST", "/v1/admin/regions", lambda: {"files": {"file": ("r.csv", b"code,name,parent_code,level\n"
                                                                 b"430203,\xe8\x8a\xa6\xe6\xb7\x9e\xe5\x8c\xba,430200,county\n",
                                                                 "text/csv")}}, _only({"admin": OK}, 403)),
        ("POST", "/v1/requests/from-template", lambda: {"files": {"file": ("f.xlsx", b"not a workbook", "application/octet-stream")},
                                                        "data": {"request": json.dumps({"kind": "administrative"})}},
         _only(dict.fromkeys(ASKERS, GRANTED), 403)),
        ("GET", "/v1/requests/{request}/xlsform", None, {**not_known, **request_readers, "dept": GRANTED}),
        ("POST", "/v1/approvals/{approval}/revocation", lambda: {"json": {"reason": "撤回该批准"}},
         _only({"stats": OK}, 404)),
    ]


def _template(path: str) -> str:
    """The OpenAPI path a concrete case path stands for."""
    import re

    spec_paths = create_app().openapi()["paths"]
    for p in spec_paths:
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", p), path):
            return p
    raise AssertionError(path)


def test_every_operation_every_role_own_and_other(client: TestClient, province: Province) -> None:
    world = _world(client, province)
    spec = create_app().openapi()
    covered: set[tuple[str, str]] = set()
    calls: Counter[str] = Counter()
    failures: list[str] = []
    for method, raw_path, body, expect in _cases():
        path = raw_path.format(**world.__dict__)
        covered.add((method.lower(), _template(path)))
        # Refusals first: they must change nothing, so the allowed call still finds its object as set up.
        for role in sorted(ROLES, key=lambda r: expect[r] not in (OK, GRANTED)):
            if role not in expect:
                continue
            extra = body() if body else {}
            headers = {**auth(province.tokens[ROLES[role]]), **extra.pop("headers", {})}
            r = client.request(method, path, headers=headers, **extra)
            calls[str(r.status_code)] += 1
            want = expect[role]
            good = (200 <= r.status_code < 300 if want == OK else r.status_code not in (401, 403, 404, 500)
                    if want == GRANTED else r.status_code == want)
            if not good:
                failures.append(f"{method} {raw_path} as {role}: {r.status_code} (wanted {want}) {r.text[:160]}")
            if r.status_code >= 400 and not r.headers["content-type"].startswith("application/problem+json"):
                failures.append(f"{method} {raw_path} as {role}: {r.status_code} is not problem+json")
            if role != "admin" and (found := leaked(r.content.decode("utf-8", "replace"))):
                failures.append(f"{method} {raw_path} as {role}: ID numbers in clear {sorted(found)[:2]}")
    operations = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    assert operations - covered == set(), "operations missing from the matrix"
    print(f"\naccess matrix: {len(covered)} operations, {sum(calls.values())} calls, by status {dict(sorted(calls.items()))}")
    assert failures == [], "\n".join(failures)


@pytest.fixture(autouse=True)
def _receiver_free(monkeypatch: pytest.MonkeyPatch) -> None:
    """Webhook deliveries here go to a public address that cannot be reached offline: never sent."""
    from service.domain import egress

    def refuse(host: str, port: int) -> list[Any]:
        raise OSError("no network in tests")

    original = egress.resolve
    monkeypatch.setattr(egress, "resolve", lambda host, port: original(host, port) if host[0].isdigit() else refuse(host, port))
