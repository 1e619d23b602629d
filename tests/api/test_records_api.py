"""The records API: who may read what, masking, paging, filters, history and problem+json."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient

from tests.conftest import Province, auth
from tests.province import SCHOOLS, TEACHERS

PROBLEM = "application/problem+json"


def test_every_call_needs_a_known_token(client: TestClient) -> None:
    for headers in ({}, auth("co_not-a-token")):
        r = client.get("/v1/schools", headers=headers)
        assert r.status_code == 401 and r.headers["content-type"] == PROBLEM
        assert r.json()["errors"][0]["loc"] == ["header", "Authorization"]


def test_me_says_who_the_caller_is(client: TestClient, province: Province) -> None:
    me = client.get("/v1/me", headers=auth(province.tokens["department"])).json()
    assert (me["role"], me["org_code"], me["jurisdiction"]) == ("department", "430000-health", "430000")


def test_a_school_sees_only_itself(client: TestClient, province: Province) -> None:
    own, other = SCHOOLS[0]["code"], SCHOOLS[1]["code"]
    h = auth(province.tokens[f"school:{own}"])
    assert [s["code"] for s in client.get("/v1/schools", headers=h).json()["items"]] == [own]
    assert client.get(f"/v1/schools/{own}/teachers", headers=h).json()["total"] == 6
    for path in (f"/v1/schools/{other}", f"/v1/schools/{other}/teachers", f"/v1/schools/{other}/history",
                 f"/v1/teachers/{TEACHERS[6]['id']}"):
        r = client.get(path, headers=h)  # out of reach is answered as missing: nothing to probe
        assert r.status_code == 404 and r.headers["content-type"] == PROBLEM, path


def test_a_city_department_sees_only_its_jurisdiction(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department:changsha"])
    codes = [s["code"] for s in client.get("/v1/schools", headers=h).json()["items"]]
    assert codes == [s["code"] for s in SCHOOLS if s["region_code"].startswith("4301")]
    assert client.get(f"/v1/schools/{SCHOOLS[3]['code']}", headers=h).status_code == 404
    assert client.get("/v1/schools?region=4302", headers=h).json()["total"] == 0


def test_id_numbers_are_masked_for_everyone_but_admin(client: TestClient, province: Province) -> None:
    tid, full = TEACHERS[0]["id"], TEACHERS[0]["id_number"]
    for role in ("department", "statistics_office", f"school:{SCHOOLS[0]['code']}"):
        shown = client.get(f"/v1/teachers/{tid}", headers=auth(province.tokens[role])).json()["id_number"]
        assert shown != full and shown[:6] == full[:6] and shown[-4:] == full[-4:] and "*" in shown
    assert client.get(f"/v1/teachers/{tid}", headers=auth(province.tokens["admin"])).json()["id_number"] == full


def test_schools_filter_and_page(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["education_office"])
    assert client.get("/v1/schools?school_type=211", headers=h).json()["total"] == 2
    rural = client.get("/v1/schools?urban_rural=2", headers=h).json()
    assert [s["code"] for s in rural["items"]] == [SCHOOLS[2]["code"]]
    first = client.get("/v1/schools?limit=3", headers=h).json()
    second = client.get("/v1/schools?limit=3&offset=3", headers=h).json()
    assert first["total"] == 4 and len(first["items"]) == 3 and len(second["items"]) == 1
    bad = client.get("/v1/schools?limit=0&region=abc", headers=h)
    assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM
    assert {tuple(e["loc"]) for e in bad.json()["errors"]} == {("query", "limit"), ("query", "region")}


def test_history_and_as_of_through_the_api(client: TestClient, province: Province) -> None:
    admin = auth(province.tokens["admin"])
    code = SCHOOLS[0]["code"]
    before = client.get(f"/v1/schools/{code}", headers=admin).json()
    csv = "code,name,region_code,school_type,urban_rural,ownership,address,enrolment\n" + ",".join(
        str(v if k != "enrolment" else 1250) for k, v in SCHOOLS[0].items()) + "\n"
    r = client.post("/v1/imports/schools", headers=admin, files={"file": ("s.csv", io.BytesIO(csv.encode()), "text/csv")})
    assert r.status_code == 200 and r.json()["rows_updated"] == 1
    history = client.get(f"/v1/schools/{code}/history", headers=admin).json()
    change = [c for c in history if c["field"] == "school.enrolment"][-1]
    assert (change["previous"], change["value"], change["source"]) == (1200, 1250, "import")
    old = client.get(f"/v1/schools/{code}?as_of={before['version']['valid_from']}", headers=admin).json()
    assert old["enrolment"] == 1200


def test_only_admins_import_and_bad_files_come_back_as_problems(client: TestClient, province: Province) -> None:
    body = {"file": ("t.csv", io.BytesIO(b"id,gender\nT1,3\n"), "text/csv")}
    r = client.post("/v1/imports/teachers", headers=auth(province.tokens["department"]), files=body)
    assert r.status_code == 403 and r.headers["content-type"] == PROBLEM
    body = {"file": ("t.csv", io.BytesIO(b"id,gender\nT1,3\n"), "text/csv")}
    r = client.post("/v1/imports/teachers", headers=auth(province.tokens["admin"]), files=body)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    locs = [e["loc"] for e in r.json()["errors"]]
    assert ["file", "row", 1, "name"] in locs and ["file", "row", 2, "gender"] in locs
    r = client.post("/v1/imports/teachers", headers=auth(province.tokens["admin"]),
                    files={"file": ("t.pdf", io.BytesIO(b"%PDF"), "application/pdf")})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["file"]


def test_the_dictionary_is_published(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    fields = {f["key"]: f for f in client.get("/v1/dictionary", headers=h).json()}
    assert fields["teacher.gender"]["codes"][0]["code"] == "1"
    assert fields["teacher.id_number"]["sensitivity"] == "sensitive-personal"
    assert "school.ft_teachers.age.25_29" in fields and fields["school.ft_teachers.age.25_29"]["indicator"]
    one = client.get("/v1/dictionary/teacher.title", headers=h).json()
    assert one["source"] == {"owner": "human_resources", "school_may_correct": False}
    assert client.get("/v1/dictionary/teacher.shoe_size", headers=h).status_code == 404


def test_reads_of_personal_data_by_departments_are_in_the_schools_access_log(client: TestClient, province: Province) -> None:
    code = SCHOOLS[0]["code"]
    client.get(f"/v1/schools/{code}/teachers?limit=2", headers=auth(province.tokens["department"]))
    client.get(f"/v1/teachers/{TEACHERS[0]['id']}", headers=auth(province.tokens["statistics_office"]))
    client.get(f"/v1/teachers/{TEACHERS[0]['id']}", headers=auth(province.tokens["admin"]))  # admins are not logged
    log = client.get(f"/v1/schools/{code}/access-log", headers=auth(province.tokens[f"school:{code}"])).json()
    assert [(e["org_code"], e["records"], e["action"]) for e in log["items"]] == [
        ("430000-stats", 1, "teacher record"), ("430000-health", 2, "teachers of school")]
    other = client.get(f"/v1/schools/{code}/access-log", headers=auth(province.tokens[f"school:{SCHOOLS[1]['code']}"]))
    assert other.status_code == 404
