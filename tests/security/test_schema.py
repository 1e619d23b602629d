"""Defect 8: the API says what it answers. Error statuses are declared with the problem+json schema
on every operation, and every timestamp it serves is RFC 3339 with an offset."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from service.app import create_app
from tests.api.test_forms_api import issue_survey, open_form, submit
from tests.conftest import Province, auth
from tests.province import SCHOOLS, TEACHERS

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
NAIVE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


def test_every_operation_declares_its_error_statuses_as_problem_json() -> None:
    spec = create_app().openapi()
    operations = [(p, m, op) for p, ops in spec["paths"].items() for m, op in ops.items()]
    assert len(operations) > 25
    for path, method, op in operations:
        declared = op["responses"]
        for status in ("401", "403", "404", "413", "422", "503"):
            schema = declared[status]["content"]["application/problem+json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Problem"}, (path, method, status)
        if method != "get":
            assert "409" in declared, (path, method)
        if any(p["name"] == "If-Match" for p in op.get("parameters", [])):
            assert {"412", "428"} <= set(declared), (path, method)
    assert "HTTPValidationError" not in str(spec)


def _stamps(value: Any, out: list[str]) -> list[str]:
    if isinstance(value, dict):
        for v in value.values():
            _stamps(v, out)
    elif isinstance(value, list):
        for v in value:
            _stamps(v, out)
    elif isinstance(value, str) and (RFC3339.match(value) or NAIVE.match(value)):
        out.append(value)
    return out


def test_every_timestamp_served_carries_its_offset(client: TestClient, province: Province) -> None:
    rid = issue_survey(client, province)["request"]["id"]
    form, etag = open_form(client, province)
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    submit(client, province, form, etag, [{"key": new_key, "value": 3},
                                          {"key": "school.address", "value": "新址", "reason": "搬迁"}])
    code = SCHOOLS[0]["code"]
    admin, dept = auth(province.tokens["admin"]), auth(province.tokens["department"])
    school = auth(province.tokens[f"school:{code}"])
    reads = [(admin, f"/v1/schools/{code}"), (admin, f"/v1/schools/{code}/history"), (admin, "/v1/schools"),
             (admin, f"/v1/teachers/{TEACHERS[0]['id']}"), (dept, f"/v1/schools/{code}/teachers"),
             (school, f"/v1/schools/{code}/access-log"), (dept, f"/v1/requests/{rid}"), (dept, "/v1/requests"),
             (dept, f"/v1/requests/{rid}/results"), (school, "/v1/forms"), (school, f"/v1/forms/{form['id']}"),
             (admin, "/v1/corrections?status=accepted")]
    seen: list[str] = []
    for h, path in reads:
        r = client.get(path, headers=h)
        assert r.status_code == 200, (path, r.text)
        seen += _stamps(r.json(), [])
    assert len(seen) > 20
    assert [s for s in seen if not RFC3339.match(s)] == []
    csv_text = client.get(f"/v1/requests/{rid}/results?format=csv", headers=dept).text
    stamps = re.findall(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}[^,\"\n]*", csv_text)
    assert stamps and all(RFC3339.match(s) for s in stamps), stamps
