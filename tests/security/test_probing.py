"""Defect 9 (second half): what lies outside one's reach answers exactly as what does not exist."""

from __future__ import annotations

import httpx
from fastapi.testclient import TestClient

from tests.api.test_forms_api import issue_survey, open_form
from tests.api.test_requests_api import approval_body, request_body
from tests.conftest import Province, auth
from tests.province import SCHOOLS, TEACHERS

OTHER = str(SCHOOLS[1]["code"])
ZHUZHOU = str(SCHOOLS[3]["code"])


def _same(real: httpx.Response, missing: httpx.Response) -> None:
    """An object out of reach and a missing one get the same answer."""
    assert (real.status_code, missing.status_code) == (404, 404), (real.text, missing.text)
    assert (real.json()["title"], real.json()["reason"]) == (missing.json()["title"], missing.json()["reason"])


def test_a_school_cannot_tell_another_schools_records_from_missing_ones(client: TestClient, province: Province) -> None:
    h = auth(province.tokens[f"school:{SCHOOLS[0]['code']}"])
    for real, fake in [(f"/v1/schools/{OTHER}", "/v1/schools/9999999999"),
                       (f"/v1/schools/{OTHER}/teachers", "/v1/schools/9999999999/teachers"),
                       (f"/v1/schools/{OTHER}/access-log", "/v1/schools/9999999999/access-log"),
                       (f"/v1/teachers/{TEACHERS[6]['id']}", "/v1/teachers/T999999999"),
                       (f"/v1/teachers/{TEACHERS[6]['id']}/history", "/v1/teachers/T999999999/history")]:
        _same(client.get(real, headers=h), client.get(fake, headers=h))
        assert OTHER not in client.get(real.replace(OTHER, "X"), headers=h).text


def test_a_city_department_cannot_probe_schools_outside_its_city(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department:changsha"])
    _same(client.get(f"/v1/schools/{ZHUZHOU}", headers=h), client.get("/v1/schools/9999999999", headers=h))
    teacher = next(t for t in TEACHERS if t["school_code"] == ZHUZHOU)
    r = client.get(f"/v1/teachers/{teacher['id']}", headers=h)
    assert r.status_code == 404 and ZHUZHOU not in r.text


def test_another_schools_form_and_another_departments_request_are_not_found(client: TestClient, province: Province) -> None:
    issued = issue_survey(client, province)
    form, _ = open_form(client, province)
    other = auth(province.tokens[f"school:{OTHER}"])
    _same(client.get(f"/v1/forms/{form['id']}", headers=other), client.get("/v1/forms/nope", headers=other))
    rid = issued["request"]["id"]
    hr = auth(province.tokens["department:hr"])
    for suffix in ("", "/results", "/answers"):
        _same(client.get(f"/v1/requests/{rid}{suffix}", headers=hr), client.get(f"/v1/requests/nope{suffix}", headers=hr))
    _same(client.post(f"/v1/requests/{rid}/issue", headers=hr), client.post("/v1/requests/nope/issue", headers=hr))


def test_an_office_cannot_probe_requests_it_does_not_decide(client: TestClient, province: Province) -> None:
    r = client.post("/v1/requests", headers=auth(province.tokens["department"]),
                    json=request_body(fields=[{"label": "近视学生人数", "type": "integer"}]))
    rid = r.json()["id"]
    edu = auth(province.tokens["education_office"])  # statistical requests are not the education office's
    _same(client.post(f"/v1/requests/{rid}/approval", headers=edu, json=approval_body()),
          client.post("/v1/requests/nope/approval", headers=edu, json=approval_body()))
    _same(client.post(f"/v1/requests/{rid}/rejection", headers=edu, json={"reason": "不归我管"}),
          client.post("/v1/requests/nope/rejection", headers=edu, json={"reason": "不归我管"}))
