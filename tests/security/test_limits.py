"""Defect 7: bodies, uploads and import reports are bounded, and large imports run in the background."""

from __future__ import annotations

import csv
import gzip
import io
import time

import pytest
from fastapi.testclient import TestClient

from service.domain.errors import MAX_LISTED
from service.settings import settings
from tests.api.test_requests_api import request_body
from tests.conftest import Province, auth
from tests.province import TEACHERS

PROBLEM = "application/problem+json"
HEADER = list(TEACHERS[0])


def _all_bad(rows: int) -> bytes:
    """A teacher file in which every row is wrong several ways, with a formula for a name."""
    lines = [",".join(HEADER)]
    for n in range(rows):
        bad = {**TEACHERS[0], "id": f"X{n:09d}", "id_number": "12345678901234567Z", "name": "=1+1", "gender": "7",
               "birth_date": "1990-13-45", "school_code": "0000000000"}
        lines.append(",".join(str(bad[c] or "") for c in HEADER))
    return ("\n".join(lines) + "\n").encode()


def test_a_body_or_an_upload_over_its_cap_is_refused_with_413(client: TestClient, province: Province,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings(), "max_body_bytes", 4096)
    monkeypatch.setattr(settings(), "max_upload_bytes", 8192)
    r = client.post("/v1/requests/analysis", headers=auth(province.tokens["department"]),
                    json=request_body(purpose="很长" * 3000))
    assert r.status_code == 413 and r.headers["content-type"] == PROBLEM and "COLLECTONCE_MAX_BODY_BYTES" in r.text
    up = client.post("/v1/imports/teachers", headers=auth(province.tokens["admin"]),
                     files={"file": ("t.csv", _all_bad(200), "text/csv")})
    assert up.status_code == 413 and up.json()["errors"][0]["loc"] == ["body"]

    def chunks():  # no Content-Length: refused as the body passes the cap
        for _ in range(10):
            yield b"x" * 1024

    streamed = client.post("/v1/requests/analysis", headers={**auth(province.tokens["department"]),
                                                             "Content-Type": "application/json"}, content=chunks())
    assert streamed.status_code == 413
    assert client.get("/v1/me", headers=auth(province.tokens["department"])).status_code == 200


def test_an_all_bad_file_gets_a_bounded_answer_and_its_whole_report_as_a_file(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["admin"])
    rows = 400
    r = client.post("/v1/imports/teachers", headers=h, files={"file": ("bad.csv", _all_bad(rows), "text/csv")})
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    body = r.json()
    report = body["report"]
    assert report["problems_total"] > MAX_LISTED and len(report["problems"]) == MAX_LISTED
    assert len(body["errors"]) == MAX_LISTED and body["errors_total"] == report["problems_total"]
    assert [v for k, v in report["problems_by_reason"].items() if k.startswith("gender:")] == [rows]
    assert sum(report["problems_by_reason"].values()) == report["problems_total"]
    assert len(r.content) < 600_000
    file = client.get(report["report_url"], headers=h)
    assert file.status_code == 200 and file.headers["content-type"] == "application/gzip"
    lines = list(csv.DictReader(io.StringIO(gzip.decompress(file.content).decode("utf-8-sig"), newline="")))
    assert len(lines) == report["problems_total"] and {int(x["row"]) for x in lines} == set(range(2, rows + 2))
    assert {x["value"] for x in lines if x["column"] == "name"} <= {"'=1+1"}  # the report is formula-safe too
    assert client.get(report["report_url"], headers=auth(province.tokens["department"])).status_code == 403


def test_a_large_upload_is_imported_as_a_background_job_with_progress(client: TestClient, province: Province,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings(), "import_sync_max_bytes", 256)
    h = auth(province.tokens["admin"])
    lines = [",".join(HEADER)] + [",".join(str(t[c] or "") for c in HEADER) for t in TEACHERS]
    r = client.post("/v1/imports/teachers", headers=h, files={"file": ("t.csv", "\n".join(lines).encode(), "text/csv")})
    assert r.status_code == 202 and r.headers["location"] == f"/v1/jobs/{r.json()['id']}", r.text
    assert client.get("/v1/me", headers=h).status_code == 200  # the service answers meanwhile
    deadline = time.monotonic() + 60
    job = r.json()
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(r.headers["location"], headers=h).json()
    assert job["status"] == "done" and job["steps_done"] == job["steps_total"] == 5, job
    assert job["result"]["rows_unchanged"] == len(TEACHERS) and job["finished_at"].endswith("Z")
    assert client.get(r.headers["location"], headers=auth(province.tokens["department"])).status_code == 403
    bad = client.post("/v1/imports/teachers", headers=h, files={"file": ("b.csv", _all_bad(5), "text/csv")})
    while client.get(bad.headers["location"], headers=h).json()["status"] in ("queued", "running"):
        time.sleep(0.1)
    failed = client.get(bad.headers["location"], headers=h).json()
    assert failed["status"] == "failed" and failed["result"]["status"] == 422
    assert client.get(failed["result"]["report"]["report_url"], headers=h).status_code == 200
