"""Credentials over the admin API: every credential expires, can be revoked and rotated; sign-in
links open one browser session once; every school's credentials come at once."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from service.domain.clock import travel
from tests.conftest import Province, auth
from tests.province import SCHOOLS


def _issue(client: TestClient, province: Province, **body: object) -> dict[str, object]:
    r = client.post("/v1/admin/principals", headers=auth(province.tokens["admin"]), json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_a_new_department_needs_its_name_and_jurisdiction_and_both_are_said_at_once(
        client: TestClient, province: Province) -> None:
    r = client.post("/v1/admin/principals", headers=auth(province.tokens["admin"]),
                    json={"role": "department", "org": "430000-civil"})
    assert r.status_code == 422
    assert {tuple(e["loc"]) for e in r.json()["errors"]} == {("body", "org_name"), ("body", "jurisdiction")}
    assert "name and its jurisdiction" in r.json()["detail"]


def test_only_an_admin_manages_credentials(client: TestClient, province: Province) -> None:
    for role in ("department", "school:2430000001"):
        assert client.get("/v1/admin/principals", headers=auth(province.tokens[role])).status_code == 403


def test_a_token_expires(client: TestClient, province: Province) -> None:
    issued = _issue(client, province, role="department", org="430000-civil", org_name="民政厅",
                    jurisdiction="430000", days=30)
    h = auth(str(issued["token"]))
    assert client.get("/v1/me", headers=h).status_code == 200
    with travel(timedelta(days=31)):
        r = client.get("/v1/me", headers=h)
    assert r.status_code == 401 and "expired" in r.json()["detail"]


def test_revoking_a_principal_closes_its_every_credential(client: TestClient, province: Province) -> None:
    issued = _issue(client, province, role="department", org="430000-civil", org_name="民政厅", jurisdiction="430000")
    admin = auth(province.tokens["admin"])
    pid = issued["principal_id"]
    link = client.post(f"/v1/admin/principals/{pid}/sign-in-links", headers=admin, json={}).json()
    r = client.post(f"/v1/admin/principals/{pid}/revocation", headers=admin)
    assert r.json() == {"revoked": 2}
    assert client.get("/v1/me", headers=auth(str(issued["token"]))).status_code == 401
    assert link["url"].split("/web/sign-in/")[1].startswith("sl_")


def test_rotation_replaces_the_token(client: TestClient, province: Province) -> None:
    issued = _issue(client, province, role="department", org="430000-civil", org_name="民政厅", jurisdiction="430000")
    rotated = client.post(f"/v1/admin/principals/{issued['principal_id']}/rotation",
                          headers=auth(province.tokens["admin"]), json={"days": 10}).json()
    assert client.get("/v1/me", headers=auth(str(issued["token"]))).status_code == 401
    me = client.get("/v1/me", headers=auth(rotated["token"]))
    assert me.status_code == 200 and me.json()["org_code"] == "430000-civil"


def test_revoking_one_token_leaves_the_others(client: TestClient, province: Province) -> None:
    admin = auth(province.tokens["admin"])
    r = client.post("/v1/admin/tokens/revocation", headers=admin, json={"token": province.tokens["department"]})
    assert r.json() == {"revoked": 1}
    assert client.get("/v1/me", headers=auth(province.tokens["department"])).status_code == 401
    assert client.get("/v1/me", headers=auth(province.tokens["department:hr"])).status_code == 200


def test_every_school_gets_a_token_and_a_link_at_once_and_rotation_revokes_the_old_ones(
        client: TestClient, province: Province) -> None:
    admin = auth(province.tokens["admin"])
    first = client.post("/v1/admin/credentials/schools", headers=admin, json={}).json()
    assert sorted(c["school_code"] for c in first) == sorted(s["code"] for s in SCHOOLS)
    assert {c["region_name"] for c in first} >= {"芙蓉区", "荷塘区"}
    for c in first:
        me = client.get("/v1/me", headers=auth(c["token"])).json()
        assert me["org_code"] == c["school_code"] and me["role"] == "school"
    again = client.post("/v1/admin/credentials/schools", headers=admin, json={"rotate": True, "region": "430200"}).json()
    assert sorted(c["school_code"] for c in again) == ["2430000003", "2430000004"]
    assert client.get("/v1/me", headers=auth(first[2]["token"])).status_code == 401  # 2430000003 rotated
    assert client.get("/v1/me", headers=auth(first[0]["token"])).status_code == 200  # outside the region: kept
    assert client.get("/v1/me", headers=auth(province.tokens["school:2430000003"])).status_code == 401


def test_the_admin_lists_principals_with_their_organisation_and_live_tokens(
        client: TestClient, province: Province) -> None:
    page = client.get("/v1/admin/principals?role=department&search=Health",
                      headers=auth(province.tokens["admin"])).json()
    assert {p["org_code"] for p in page["items"]} == {"430000-health", "430100-health"}
    assert all(p["live_tokens"] == 1 and p["expires_at"] for p in page["items"])
