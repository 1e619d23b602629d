"""Shared steps of the security tests: a roster that asks national ID numbers, issued to schools."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_requests_api import approval_body, request_body
from tests.conftest import Province, auth
from tests.province import SCHOOLS, TEACHERS

SCHOOL1 = str(SCHOOLS[0]["code"])
ID_NUMBERS = {str(t["id_number"]) for t in TEACHERS}
HOURS = {"label": "每周课时数", "type": "integer"}


def issue_id_roster(client: TestClient, province: Province, *, covers_sensitive: bool = False,
                    number: str = "湘统函〔2026〕31号") -> str:
    """A statistical roster asking every teacher's name, ID number and a new field, approved and
    issued to the whole province; returns the request id."""
    dept = auth(province.tokens["department"])
    r = client.post("/v1/requests", headers=dept, json=request_body(
        title="教师身份信息核对", level="roster", scope={"regions": ["430000"]},
        fields=[{"key": "teacher.name"}, {"key": "teacher.id_number"}, HOURS]))
    assert r.status_code == 201, r.text
    rid = str(r.json()["id"])
    a = client.post(f"/v1/requests/{rid}/approval", headers=auth(province.tokens["statistics_office"]),
                    json=approval_body(number=number, covers_sensitive=covers_sensitive))
    assert a.status_code == 201, a.text
    issued = client.post(f"/v1/requests/{rid}/issue", headers=dept)
    assert issued.status_code == 200, issued.text
    return rid


def leaked(text: str, allowed: set[str] | None = None) -> set[str]:
    """The province's ID numbers that appear in clear in `text` (other than `allowed`)."""
    return {n for n in ID_NUMBERS - (allowed or set()) if n in text}


__all__ = ["ID_NUMBERS", "SCHOOL1", "TEACHERS", "issue_id_roster", "leaked"]
