"""Defect 6 and its kin: bad input is a 4xx problem+json, never a 500, and nothing is half-written."""

from __future__ import annotations

import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from service.domain.scope import Scope
from service.store.scope import count_in
from tests.api.test_requests_api import request_body
from tests.conftest import Province, auth
from tests.province import SCHOOLS, TEACHERS

PROBLEM = "application/problem+json"


def _problem(r: Any, *statuses: int) -> dict[str, Any]:
    assert r.status_code in statuses and r.headers["content-type"].startswith(PROBLEM), (r.status_code, r.text[:500])
    return dict(r.json())


@pytest.mark.parametrize(("query", "ok"), [
    ("from=2024-02-29", True), ("from=2024-02-29&to=2024-12-31", True), ("from=0001-01-01", False),
    ("to=9999-12-31", False), ("from=9999-12-31", False), ("from=0", False), ("from=2024-2-1", False),
    ("from=20240201", False), ("to=1.5", False),
])
def test_burden_periods_at_the_edges_of_the_calendar(client: TestClient, province: Province, query: str, ok: bool) -> None:
    r = client.get(f"/v1/burden?{query}", headers=auth(province.tokens["admin"]))
    if ok:
        assert r.status_code == 200, r.text
    else:
        assert _problem(r, 422)["errors"][0]["loc"][0] == "query"


@pytest.mark.parametrize("offset", [2**63, 2**64, 10**30, -1])
def test_an_offset_beyond_any_page_is_refused(client: TestClient, province: Province, offset: int) -> None:
    r = client.get(f"/v1/schools?offset={offset}", headers=auth(province.tokens["admin"]))
    _problem(r, 422)


@pytest.mark.parametrize("as_of", ["0.5", "0", "2026", "yesterday", "9999-12-31T00:00:00Z"])
def test_as_of_is_a_strict_date_time(client: TestClient, province: Province, as_of: str) -> None:
    _problem(client.get(f"/v1/schools?as_of={as_of}", headers=auth(province.tokens["admin"])), 422)


def test_as_of_with_an_offset_is_read_in_utc(client: TestClient, province: Province) -> None:
    r = client.get("/v1/schools?as_of=2999-01-01T08:00:00%2B08:00", headers=auth(province.tokens["admin"]))
    assert r.status_code == 200 and r.json()["total"] == len(SCHOOLS)


@pytest.mark.parametrize("field", ["reference_date", "due_date", "period_end"])
def test_dates_of_a_request_far_in_the_future_or_past_are_refused(client: TestClient, province: Province, field: str) -> None:
    for value in ("9999-12-31", "0001-01-01", "0"):
        r = client.post("/v1/requests/analysis", headers=auth(province.tokens["department"]),
                        json=request_body(**{field: value}))
        assert ["body", field] in [e["loc"] for e in _problem(r, 422)["errors"]], (field, value, r.text)


@pytest.mark.parametrize("filename", ["..", ".", "../../etc/passwd", "a\x00b.csv", "", "x" * 5000 + ".csv"])
def test_an_upload_is_never_stored_under_the_clients_name(client: TestClient, province: Province, filename: str) -> None:
    r = client.post("/v1/imports/schools", headers=auth(province.tokens["admin"]),
                    files={"file": (filename, io.BytesIO(b"code,name\n1,x\n"), "text/csv")})
    assert 400 <= r.status_code < 500 and r.headers["content-type"] == PROBLEM, (filename[:20], r.status_code, r.text[:300])


def _teachers_csv(rows: list[dict[str, str | None]]) -> bytes:
    header = list(rows[0])
    lines = [",".join(header)] + [",".join(str(r[c] or "") for c in header) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def test_a_nul_byte_in_a_csv_cell_is_a_row_problem(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["admin"])
    rows = [dict(t) for t in TEACHERS[:3]]
    rows[1]["name"] = "教\x00师"
    r = client.post("/v1/imports/teachers", headers=h, files={"file": ("t.csv", _teachers_csv(rows), "text/csv")})
    problem = _problem(r, 422)
    assert any(e["loc"][:4] == ["file", "row", 3, "name"] and "NUL" in e["msg"] for e in problem["errors"]), problem
    kept = client.post("/v1/imports/teachers?skip_invalid=true", headers=h,
                       files={"file": ("t.csv", _teachers_csv(rows), "text/csv")})
    assert kept.status_code == 200 and kept.json()["rows_rejected"] == 1, kept.text
    assert client.get(f"/v1/teachers/{rows[1]['id']}", headers=h).json()["name"] == TEACHERS[1]["name"]


def test_a_scope_of_a_hundred_thousand_schools_is_bound_as_one_list(client: TestClient, province: Province) -> None:
    codes = [s["code"] for s in SCHOOLS] + [f"9{n:09d}" for n in range(100_000)]
    scope = Scope(schools=codes)
    with Session(province.engine) as s:
        assert count_in(s, scope, reference=__import__("datetime").date(2026, 9, 1)) == len(SCHOOLS)
    r = client.post("/v1/requests/analysis", headers=auth(province.tokens["department"]),
                    json=request_body(scope={"schools": codes}))
    problem = _problem(r, 422)  # the unknown schools are named, the list of them is bounded
    assert problem["errors_total"] == 100_000 and len(problem["errors"]) < 2000 and len(r.content) < 1_000_000


@pytest.mark.parametrize("path", ["/v1/schools/%00", "/v1/teachers/T%00", "/v1/requests/%00/results", "/v1/forms/a%00b",
                                  "/v1/dictionary/%00", "/web/forms/%00"])
def test_a_nul_in_the_path_is_not_found(client: TestClient, province: Province, path: str) -> None:
    _problem(client.get(path, headers=auth(province.tokens["admin"])), 404)


def test_a_nul_in_the_query_or_a_json_body_is_refused(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    assert _problem(client.get("/v1/schools?region=43%00", headers=h), 422)["errors"][0]["loc"] == ["query", "region"]
    r = client.post("/v1/requests", headers=h, json=request_body(title="教师\u0000情况"))
    _problem(r, 422)
    assert client.get("/v1/requests", headers=h).json() == []
    ok = client.post("/v1/requests/analysis", headers=h, json=request_body(purpose="a literal \\u0000 is text"))
    assert ok.status_code == 200, ok.text


def test_a_nul_in_an_answer_is_refused(client: TestClient, province: Province) -> None:
    from tests.api.test_forms_api import issue_survey, open_form

    issue_survey(client, province)
    form, etag = open_form(client, province)
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    r = client.put(f"/v1/forms/{form['id']}/answers", json={"answers": [{"key": new_key, "value": "1\u00002"}]},
                   headers={**auth(province.tokens[f"school:{SCHOOLS[0]['code']}"]), "If-Match": etag,
                            "Idempotency-Key": "nul"})
    _problem(r, 422)
