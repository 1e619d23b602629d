"""The audit log: every change to the store and every decision is appended, with who, when, what and
digests of before and after; admins read it; nothing can rewrite or delete it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from service.app import create_app
from service.domain import audit
from service.store.tables import Approval, Correction
from tests.api.test_forms_api import issue_survey, open_form, submit
from tests.conftest import Province, auth
from tests.province import SCHOOLS, TEACHERS

SCHOOL1 = SCHOOLS[0]["code"]


def _log(client: TestClient, province: Province, **query: str) -> list[dict[str, object]]:
    r = client.get("/v1/audit", headers=auth(province.tokens["admin"]), params={"limit": "500", **query})
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def test_changes_and_decisions_are_logged_with_who_and_digests(client: TestClient, province: Province) -> None:
    imported = _log(client, province, action="import.")
    assert {e["action"] for e in imported} >= {"import.schools", "import.teachers", "import.regions"}
    assert {e["action"] for e in _log(client, province, action="records.")} >= {"records.school", "records.teacher"}
    issued = issue_survey(client, province)
    rid = issued["request"]["id"]
    steps = [e["action"] for e in reversed(_log(client, province, entity_id=rid))]
    assert steps == ["request.draft", "request.pending_approval", "request.approved", "request.issued"]
    (granted,) = _log(client, province, action="approval.granted")
    with province.session() as s:
        approval = s.get(Approval, granted["entity_id"])
        assert approval is not None and granted["after_digest"] == audit.digest(approval.model_dump(mode="json"))
    form, etag = open_form(client, province)
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    r = submit(client, province, form, etag, [{"key": new_key, "value": 5},
                                              {"key": "school.address", "value": "新址1号", "reason": "搬迁"}])
    assert r.status_code == 200
    (submitted,) = _log(client, province, action="form.submitted")
    assert submitted["entity_id"] == form["id"] and submitted["before_digest"] and submitted["after_digest"]
    corrected = [e for e in _log(client, province, action="records.school") if e["entity_id"] == form["id"]]
    assert len(corrected) == 1 and corrected[0]["before_digest"] and corrected[0]["after_digest"]
    assert "correction: 0 new, 1 changed" in str(corrected[0]["detail"])


def test_a_decided_correction_is_logged_by_its_owner(client: TestClient, province: Province) -> None:
    issue_survey(client, province, fields=[{"key": "teacher.title"}, {"label": "每周课时数", "type": "integer"}],
                 token="education_office", kind="administrative", level="roster")
    form, etag = open_form(client, province)
    hours = next(i["key"] for i in form["items"] if i["classification"] == "new")
    submit(client, province, form, etag, [
        {"key": "teacher.title", "entity_id": TEACHERS[0]["id"], "value": "3", "reason": "评为一级"},
        *[{"key": hours, "entity_id": t["id"], "value": 12} for t in TEACHERS[:6]]])
    hr = auth(province.tokens["department:hr"])
    (pending,) = client.get("/v1/corrections", headers=hr).json()
    client.post(f"/v1/corrections/{pending['id']}/acceptance", headers=hr, json={})
    (decided,) = _log(client, province, action="correction.accepted")
    with province.session() as s:
        c = s.get(Correction, pending["id"])
        assert c is not None and decided["after_digest"] == audit.digest(c.model_dump(mode="json"))
    assert decided["actor"] != "" and decided["before_digest"] != decided["after_digest"]


def test_only_admins_read_the_log_and_no_endpoint_writes_it(client: TestClient, province: Province) -> None:
    for who in ("department", "statistics_office", "education_office", f"school:{SCHOOL1}"):
        assert client.get("/v1/audit", headers=auth(province.tokens[who])).status_code == 403
    spec = create_app().openapi()
    audit_ops = {(p, m) for p, ops in spec["paths"].items() for m in ops if "audit" in p}
    assert audit_ops == {("/v1/audit", "get")}
    for method in ("put", "patch", "delete", "post"):
        assert client.request(method, "/v1/audit", headers=auth(province.tokens["admin"])).status_code == 405


def test_the_store_itself_refuses_to_rewrite_the_log_on_postgresql(province: Province) -> None:
    if province.engine.dialect.name != "postgresql":
        pytest.skip("DuckDB has no triggers: there the only way in is service/store/audit.py, which only appends")
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), province.engine.begin() as conn:
            conn.execute(text(statement))
    with province.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE actor = 'someone else'")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
