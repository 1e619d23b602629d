"""Defect 2: national ID numbers reach only those who may see them, through every entry point."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_forms_api import open_form, submit
from tests.conftest import Province, auth
from tests.security.flows import ID_NUMBERS, SCHOOL1, TEACHERS, issue_id_roster, leaked

T1 = TEACHERS[0]
NEW_ID = "430102200003010042"  # T1's ID with another sequence number: a plausible correction


def _valid(body17: str) -> str:
    from service.domain.validation import ID_CHECK_CHARS, ID_WEIGHTS

    return body17 + ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def test_a_school_confirming_a_roster_sees_id_numbers_masked_in_the_api_and_on_the_page(
        client: TestClient, province: Province) -> None:
    issue_id_roster(client, province)
    form, etag = open_form(client, province)
    assert leaked(str(form)) == set()
    shown = next(i for i in form["items"] if i["key"] == "teacher.id_number" and i["entity_id"] == T1["id"])
    assert shown["prefill"] == T1["id_number"][:6] + "********" + T1["id_number"][-4:]
    page = client.get(f"/web/forms/{form['id']}", cookies={"co_token": province.tokens[f"school:{SCHOOL1}"]})
    assert page.status_code == 200 and "teacher.id_number" in page.text and leaked(page.text) == set()
    # The masked value sent back as shown confirms the stored one: no correction is made of it.
    hours = next(i["key"] for i in form["items"] if i["classification"] == "new")
    answers = [{"key": "teacher.id_number", "entity_id": T1["id"], "value": shown["prefill"]},
               *[{"key": hours, "entity_id": i["entity_id"], "value": 10} for i in form["items"] if i["key"] == hours]]
    done = submit(client, province, form, etag, answers)
    assert done.status_code == 200, done.text
    assert done.json()["corrections_pending"] == 0
    after = client.get(f"/v1/forms/{form['id']}", headers=auth(province.tokens[f"school:{SCHOOL1}"])).json()
    assert leaked(str(after)) == set()


def test_a_school_sees_its_own_correction_and_its_owner_reviews_it_in_clear_others_do_not(
        client: TestClient, province: Province) -> None:
    issue_id_roster(client, province)
    form, etag = open_form(client, province)
    new_id = _valid(T1["id_number"][:14] + "004")
    hours = next(i["key"] for i in form["items"] if i["classification"] == "new")
    answers = [{"key": "teacher.id_number", "entity_id": T1["id"], "value": new_id, "reason": "身份证号录入有误"},
               *[{"key": hours, "entity_id": i["entity_id"], "value": 10} for i in form["items"] if i["key"] == hours]]
    done = submit(client, province, form, etag, answers)
    assert done.status_code == 200 and done.json()["corrections_pending"] == 1, done.text
    school = client.get(f"/v1/forms/{form['id']}", headers=auth(province.tokens[f"school:{SCHOOL1}"])).json()
    mine = next(i for i in school["items"] if i["key"] == "teacher.id_number" and i["entity_id"] == T1["id"])
    assert mine["value"] == new_id and T1["id_number"] not in str(school)  # its own value only
    (hr_view,) = client.get("/v1/corrections", headers=auth(province.tokens["department:hr"])).json()
    assert (hr_view["previous"], hr_view["value"]) == (T1["id_number"], new_id)  # the owner reviews it
    (admin_view,) = client.get("/v1/corrections", headers=auth(province.tokens["admin"])).json()
    assert admin_view["previous"] == T1["id_number"]
    page = client.get("/web/corrections", cookies={"co_token": province.tokens["department:hr"]})
    assert T1["id_number"] in page.text  # the owner's page, as its API
    health = client.get("/web/corrections", cookies={"co_token": province.tokens["department"]})
    assert leaked(health.text) == set() and new_id not in health.text


def test_results_show_id_numbers_only_under_an_approval_that_covers_them(client: TestClient, province: Province) -> None:
    dept = auth(province.tokens["department"])
    rid = issue_id_roster(client, province)
    form, etag = open_form(client, province)
    hours = next(i["key"] for i in form["items"] if i["classification"] == "new")
    submit(client, province, form, etag, [{"key": hours, "entity_id": i["entity_id"], "value": 10}
                                          for i in form["items"] if i["key"] == hours])
    for fmt in ("json", "csv", "xlsx"):
        r = client.get(f"/v1/requests/{rid}/results?format={fmt}", headers=dept)
        assert r.status_code == 200 and leaked(r.content.decode("latin-1") + r.text if fmt != "xlsx" else r.text) == set()
    rows = client.get(f"/v1/requests/{rid}/results", headers=dept).json()["rows"]
    assert {row["teacher.id_number"][:6] for row in rows if row["teacher.id_number"]} == {T1["id_number"][:6]}
    assert all("*" in row["teacher.id_number"] for row in rows if row["teacher.id_number"])
    page = client.get(f"/web/requests/{rid}/results.csv", cookies={"co_token": province.tokens["department"]})
    assert page.status_code == 200 and leaked(page.text) == set()


def test_an_approval_covering_sensitive_data_shows_the_department_the_values(client: TestClient, province: Province) -> None:
    rid = issue_id_roster(client, province, covers_sensitive=True)
    form, etag = open_form(client, province)
    hours = next(i["key"] for i in form["items"] if i["classification"] == "new")
    submit(client, province, form, etag, [{"key": hours, "entity_id": i["entity_id"], "value": 10}
                                          for i in form["items"] if i["key"] == hours])
    rows = client.get(f"/v1/requests/{rid}/results", headers=auth(province.tokens["department"])).json()["rows"]
    assert T1["id_number"] in {row["teacher.id_number"] for row in rows}


def test_history_and_answers_mask_id_numbers_for_departments(client: TestClient, province: Province) -> None:
    dept = auth(province.tokens["department"])
    history = client.get(f"/v1/teachers/{T1['id']}/history", headers=dept)
    assert history.status_code == 200 and leaked(history.text) == set()
    assert T1["id_number"] in client.get(f"/v1/teachers/{T1['id']}/history", headers=auth(province.tokens["admin"])).text
    from tests.api.test_requests_api import request_body

    answered = client.post("/v1/requests", headers=dept, json=request_body(
        level="roster", scope={"regions": ["430000"]}, fields=[{"key": "teacher.id_number"}, {"key": "teacher.name"}]))
    assert answered.status_code == 201 and answered.json()["status"] == "answered", answered.text
    rows = client.get(f"/v1/requests/{answered.json()['id']}/answers", headers=dept)
    assert rows.status_code == 200 and len(rows.json()) >= 10 and leaked(rows.text) == set()
    assert ID_NUMBERS
