"""Issue, confirm, flow back: forms reach schools pre-filled and their answers serve the next asker."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.api.test_requests_api import TODAY, approval_body, request_body
from tests.conftest import Province, auth
from tests.province import SCHOOLS, TEACHERS

PROBLEM = "application/problem+json"
MYOPIA = {"label": "近视学生人数", "type": "integer"}
SCHOOL1 = SCHOOLS[0]["code"]


def issue_survey(client: TestClient, province: Province, fields: list[dict[str, Any]] | None = None,
                 token: str = "department", number: str = "湘统函〔2026〕12号", **kw: Any) -> dict[str, Any]:
    fields = fields or [{"key": "school.address"}, {"key": "school.enrolment"}, {"label": "专任教师数", "type": "integer"},
                        {"label": "其中：女", "type": "integer"}, {"label": "男专任教师", "type": "integer"}, MYOPIA]
    h = auth(province.tokens[token])
    r = client.post("/v1/requests", headers=h, json=request_body(fields=fields, scope={"regions": ["430000"]}, **kw))
    assert r.status_code == 201, r.text
    req = r.json()
    if req["status"] == "pending_approval":
        office = "statistics_office" if req["kind"] == "statistical" else "education_office"
        a = client.post(f"/v1/requests/{req['id']}/approval", headers=auth(province.tokens[office]),
                        json=approval_body(number=number))
        assert a.status_code == 201, a.text
    issued = client.post(f"/v1/requests/{req['id']}/issue", headers=h)
    assert issued.status_code == 200, issued.text
    return issued.json()


def open_form(client: TestClient, province: Province, school: str = SCHOOL1) -> tuple[dict[str, Any], str]:
    h = auth(province.tokens[f"school:{school}"])
    (summary,) = client.get("/v1/forms?status=issued", headers=h).json()
    r = client.get(f"/v1/forms/{summary['id']}", headers=h)
    return r.json(), r.headers["ETag"]


def submit(client: TestClient, province: Province, form: dict[str, Any], etag: str, answers: list[dict[str, Any]],
           key: str = "k1", school: str = SCHOOL1) -> Any:
    return client.post(f"/v1/forms/{form['id']}/submission", json={"answers": answers},
                       headers={**auth(province.tokens[f"school:{school}"]), "If-Match": etag, "Idempotency-Key": key})


def test_issued_forms_are_prefilled_with_provenance_and_the_statutory_header(client: TestClient, province: Province) -> None:
    issued = issue_survey(client, province)
    assert issued["forms"] == 4 and issued["approval_number"] == "湘统函〔2026〕12号"
    form, etag = open_form(client, province)
    (section,) = form["sections"]
    assert (section["form_number"], section["authority"]) == ("湘教统1表", "湖南省统计局")
    assert section["approval_number"] == "湘统函〔2026〕12号" and section["valid_until"]
    items = {i["key"]: i for i in form["items"]}
    assert items["school.address"]["prefill"] == SCHOOLS[0]["address"]
    assert items["school.address"]["provenance"]["source"] == "import"
    assert items["school.ft_teachers"]["prefill"] == "5" and items["school.ft_teachers.gender.female"]["prefill"] == "4"
    assert items["school.ft_teachers"]["provenance"]["source"] == "computed"
    new = [i for i in form["items"] if i["classification"] == "new"]
    assert len(new) == 1 and new[0]["prefill"] is None and new[0]["label_zh"] == "近视学生人数"
    assert form["status"] == "opened" and etag == f'"{form["id"]}.2"'
    other = client.get(f"/v1/forms/{form['id']}", headers=auth(province.tokens["school:2430000002"]))
    assert other.status_code == 404


def test_a_submission_is_checked_whole_and_saves_nothing_when_wrong(client: TestClient, province: Province) -> None:
    issue_survey(client, province)
    form, etag = open_form(client, province)
    h = auth(province.tokens[f"school:{SCHOOL1}"])
    missing = client.post(f"/v1/forms/{form['id']}/submission", json={"answers": []}, headers={**h, "Idempotency-Key": "a"})
    assert missing.status_code == 428
    stale = submit(client, province, form, f'"{form["id"]}.1"', [], key="b")
    assert stale.status_code == 412 and stale.headers["content-type"] == PROBLEM
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    bad = submit(client, province, form, etag, [
        {"key": "school.ft_teachers.gender.female", "value": 3, "reason": "一人调出"},  # 3 + 1 != 5
        {"key": "school.address", "value": "新地址"},  # a correction without a reason
        {"key": "school.enrolment", "value": "many"},
    ], key="c")
    assert bad.status_code == 422
    msgs = " | ".join(e["msg"] for e in bad.json()["errors"])
    assert "adds up to 4, not the total 5" in msgs and "needs a reason" in msgs
    assert "not a whole number" in msgs and f"{new_key}: an answer is required" in msgs
    again, _ = client.get(f"/v1/forms/{form['id']}", headers=h).json(), None
    assert again["status"] == "opened" and all(i["value"] is None for i in again["items"])


def test_the_full_loop_serves_the_next_department(client: TestClient, province: Province) -> None:
    issue_survey(client, province)
    for school in (s["code"] for s in SCHOOLS):
        form, etag = open_form(client, province, school)
        new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
        answers = [{"key": new_key, "value": 100 + int(school[-1])}]
        if school == SCHOOL1:
            answers.append({"key": "school.address", "value": "芙蓉区五一大道99号", "reason": "学校搬迁"})
        r = submit(client, province, form, etag, answers, key=f"s-{school}", school=school)
        assert r.status_code == 200, r.text
    assert r.json()["completed_requests"]  # the last submission completed the request
    admin = auth(province.tokens["admin"])
    assert client.get(f"/v1/schools/{SCHOOL1}", headers=admin).json()["address"] == "芙蓉区五一大道99号"
    change = [c for c in client.get(f"/v1/schools/{SCHOOL1}/history", headers=admin).json()
              if c["field"] == "school.address"][-1]
    assert (change["source"], change["previous"], change["reason"]) == ("correction", SCHOOLS[0]["address"],
                                                                      "school.address: 学校搬迁")
    # Department B asks the same new field for the same date: answered from what A collected.
    b = client.post("/v1/requests", headers=auth(province.tokens["department:hr"]),
                    json=request_body(title="学生视力", fields=[MYOPIA], scope={"regions": ["430000"]}))
    assert b.status_code == 201 and b.json()["status"] == "answered", b.text
    assert b.json()["fields"][0]["classification"] == "prefill_collected"
    rows = client.get(f"/v1/requests/{b.json()['id']}/answers", headers=auth(province.tokens["department:hr"])).json()
    assert {r["code"]: r[b.json()["fields"][0]["key"]] for r in rows}[SCHOOL1] == 101  # a count stays a number


def test_a_form_gets_its_values_at_its_first_reading_and_shows_a_correction_made_since_the_issue(
        client: TestClient, province: Province) -> None:
    first = issue_survey(client, province)
    later = issue_survey(client, province, fields=[{"key": "school.address"}, {"label": "校医人数", "type": "integer"}],
                         number="湘统函〔2026〕13号", title="学校卫生人员情况", reference_date="2026-10-01")
    h, edu = auth(province.tokens[f"school:{SCHOOL1}"]), auth(province.tokens["education_office"])
    inbox = {f["sections"][0]["request_id"]: f for f in client.get("/v1/forms", headers=h).json()}
    unread = inbox[later["request"]["id"]]
    burden_unread = next(g for g in client.get("/v1/burden?by=school", headers=edu).json()["groups"] if g["group"] == SCHOOL1)

    # A write to a form never read is refused with what to do; nothing changes.
    blind = submit(client, province, unread, f'"{unread["id"]}.1"', [], key="blind")
    assert blind.status_code == 409 and "read it" in blind.json()["detail"]
    results = client.get(f"/v1/requests/{later['request']['id']}/results", headers=auth(province.tokens["department"]))
    row = next(r for r in results.json()["rows"] if r["school_code"] == SCHOOL1)
    assert row["form_status"] == "issued" and row["school.address"] is None

    # The school corrects its address on the first form, after both were issued...
    form = client.get(f"/v1/forms/{inbox[first['request']['id']]['id']}", headers=h)
    new_key = next(i["key"] for i in form.json()["items"] if i["classification"] == "new")
    r = submit(client, province, form.json(), form.headers["ETag"],
               [{"key": new_key, "value": 3}, {"key": "school.address", "value": "芙蓉区五一大道99号", "reason": "学校搬迁"}])
    assert r.status_code == 200, r.text
    # ...and the other form, read now, shows the corrected address: it is not asked twice.
    read = client.get(f"/v1/forms/{unread['id']}", headers=h).json()
    address = next(i for i in read["items"] if i["key"] == "school.address")
    assert (address["prefill"], address["provenance"]["source"]) == ("芙蓉区五一大道99号", "correction")
    again = client.get(f"/v1/forms/{unread['id']}", headers=h).json()
    assert again["items"] == read["items"]  # placed once, at the first reading
    # The burden counted the unread form's fields as the form now holds them.
    burden_read = next(g for g in client.get("/v1/burden?by=school", headers=edu).json()["groups"] if g["group"] == SCHOOL1)
    assert burden_read["forms_received"] == burden_unread["forms_received"] == 2
    assert burden_read["fields_asked"] == burden_unread["fields_asked"]


def test_a_retry_replays_the_first_response_and_a_reused_key_is_refused(client: TestClient, province: Province) -> None:
    issue_survey(client, province)
    form, etag = open_form(client, province)
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    first = submit(client, province, form, etag, [{"key": new_key, "value": 7}], key="once")
    retry = submit(client, province, form, etag, [{"key": new_key, "value": 7}], key="once")
    assert first.status_code == retry.status_code == 200 and first.json() == retry.json()
    other = submit(client, province, form, etag, [{"key": new_key, "value": 8}], key="once")
    assert other.status_code == 422 and other.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]


def test_a_key_used_for_a_draft_is_refused_for_the_submission_and_nothing_is_submitted(
        client: TestClient, province: Province) -> None:
    issue_survey(client, province)
    form, etag = open_form(client, province)
    h = auth(province.tokens[f"school:{SCHOOL1}"])
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    draft = client.put(f"/v1/forms/{form['id']}/answers", json={"answers": [{"key": new_key, "value": 7}]},
                       headers={**h, "If-Match": etag, "Idempotency-Key": "same"})
    assert draft.status_code == 200, draft.text
    sent = submit(client, province, form, draft.headers["ETag"], [{"key": new_key, "value": 7}], key="same")
    assert sent.status_code == 422 and sent.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    after = client.get(f"/v1/forms/{form['id']}", headers=h)
    assert after.json()["status"] == "opened" and after.headers["ETag"] == draft.headers["ETag"]
    assert next(i for i in after.json()["items"] if i["key"] == new_key)["value"] is None
    again = submit(client, province, form, draft.headers["ETag"], [{"key": new_key, "value": 7}], key="fresh")
    assert again.status_code == 200, again.text


def test_a_correction_of_a_field_owned_elsewhere_waits_for_its_owner(client: TestClient, province: Province) -> None:
    edu = auth(province.tokens["education_office"])
    hours = {"label": "每周课时数", "type": "integer"}
    issue_survey(client, province, fields=[{"key": "teacher.name"}, {"key": "teacher.title"}, hours],
                 token="education_office", kind="administrative", level="roster")
    form, etag = open_form(client, province)
    assert {i["entity_id"] for i in form["items"]} == {t["id"] for t in TEACHERS[:6]}
    title = next(i for i in form["items"] if i["key"] == "teacher.title" and i["entity_id"] == TEACHERS[0]["id"])
    assert title["corrections_go_to"] == "human_resources"
    hours_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    r = submit(client, province, form, etag, [
        {"key": "teacher.title", "entity_id": TEACHERS[0]["id"], "value": "3", "reason": "2026年7月评为一级教师"},
        *[{"key": hours_key, "entity_id": t["id"], "value": 12} for t in TEACHERS[:6]]])
    assert r.status_code == 200 and r.json()["corrections_pending"] == 1 and r.json()["corrected_in_store"] == 0
    admin, hr = auth(province.tokens["admin"]), auth(province.tokens["department:hr"])
    assert client.get(f"/v1/teachers/{TEACHERS[0]['id']}", headers=admin).json()["title"] == "4"
    assert client.get("/v1/corrections", headers=auth(province.tokens["department"])).json() == []
    (pending,) = client.get("/v1/corrections", headers=hr).json()
    assert client.post(f"/v1/corrections/{pending['id']}/rejection", headers=hr, json={}).status_code == 422
    done = client.post(f"/v1/corrections/{pending['id']}/acceptance", headers=hr, json={})
    assert done.status_code == 200 and done.json()["status"] == "accepted"
    assert client.get(f"/v1/teachers/{TEACHERS[0]['id']}", headers=admin).json()["title"] == "3"
    history = client.get(f"/v1/teachers/{TEACHERS[0]['id']}/history", headers=admin).json()
    assert history[-1]["field"] == "teacher.title" and history[-1]["source"] == "correction"
    # The roster results read personal data: the school sees who read them.
    client.get(f"/v1/requests/{form['sections'][0]['request_id']}/results", headers=edu)
    log = client.get(f"/v1/schools/{SCHOOL1}/access-log", headers=auth(province.tokens[f"school:{SCHOOL1}"])).json()
    assert log["items"][0]["org_code"] == "430000-edu" and log["items"][0]["records"] == 6
    _ = edu


def test_results_in_json_csv_and_excel_with_completion(client: TestClient, province: Province) -> None:
    issued = issue_survey(client, province)
    rid = issued["request"]["id"]
    form, etag = open_form(client, province)
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    assert submit(client, province, form, etag, [{"key": new_key, "value": 42}]).status_code == 200
    h = auth(province.tokens["department"])
    res = client.get(f"/v1/requests/{rid}/results", headers=h).json()
    assert res["completion"] == {"schools": 4, "issued": 3, "opened": 0, "submitted": 1, "overdue": 0}
    row = next(r for r in res["rows"] if r["school_code"] == SCHOOL1)
    assert row[new_key] == "42" and row["school.ft_teachers"] == "5"
    text = client.get(f"/v1/requests/{rid}/results?format=csv", headers=h).content.decode("utf-8-sig")
    assert res["labels"][new_key] == "近视学生人数"
    assert next(r for r in csv.DictReader(io.StringIO(text)) if r["school_code"] == SCHOOL1)["近视学生人数"] == "42"
    wb = load_workbook(io.BytesIO(client.get(f"/v1/requests/{rid}/results?format=xlsx", headers=h).content))
    assert [c.value for c in next(wb.active.iter_rows(max_row=1))] == [res["labels"].get(c, c) for c in res["columns"]]
    assert client.get(f"/v1/requests/{rid}/results", headers=auth(province.tokens["department:hr"])).status_code == 404


def test_requests_of_one_window_share_a_form_and_ask_a_value_once(client: TestClient, province: Province) -> None:
    issue_survey(client, province, fields=[{"key": "school.enrolment"}, MYOPIA])
    read_before, _ = open_form(client, province, SCHOOLS[1]["code"])  # one school reads its form first
    second = issue_survey(client, province, fields=[{"key": "school.enrolment"}, {"label": "校医人数", "type": "integer"}],
                          token="department:hr", title="校医配备", number="湘统函〔2026〕13号")
    assert second["merged"] == 4
    # The form already read gets the new section's one new value at issue; the others at their first reading.
    assert second["items"] == 1
    (summary,) = client.get("/v1/forms", headers=auth(province.tokens[f"school:{SCHOOL1}"])).json()
    assert len(summary["sections"]) == 2
    h1 = auth(province.tokens[f"school:{SCHOOLS[1]['code']}"])
    for form in (open_form(client, province)[0], client.get(f"/v1/forms/{read_before['id']}", headers=h1).json()):
        enrolment = [i for i in form["items"] if i["key"] == "school.enrolment"]
        assert len(enrolment) == 1 and len(enrolment[0]["sections"]) == 2
        assert sorted(i["label_zh"] for i in form["items"] if i["classification"] == "new") == ["校医人数", "近视学生人数"]


def test_an_expired_or_out_of_scope_approval_issues_nothing(client: TestClient, province: Province) -> None:
    h, stats = auth(province.tokens["department"]), auth(province.tokens["statistics_office"])
    req = client.post("/v1/requests", headers=h, json=request_body(fields=[MYOPIA], scope={"regions": ["430000"]})).json()
    soon = str(TODAY + timedelta(days=5))
    client.post(f"/v1/requests/{req['id']}/approval", headers=stats, json=approval_body(valid_from=soon))
    refused = client.post(f"/v1/requests/{req['id']}/issue", headers=h)
    assert refused.status_code == 409 and refused.json()["reason"] == "expired"
    assert client.get("/v1/forms", headers=auth(province.tokens[f"school:{SCHOOL1}"])).json() == []
    # The refusal is on record for the burden figures; nothing else of the refused call is.
    edu = auth(province.tokens["education_office"])
    depts = {g["group"]: g for g in client.get("/v1/burden?by=department", headers=edu).json()["groups"]}
    assert depts["430000-health"]["requests_stopped"] == {"expired": 1}
    assert client.get(f"/v1/requests/{req['id']}", headers=h).json()["status"] == "approved"


def test_burden_counts_what_was_asked_prefilled_and_stopped(client: TestClient, province: Province) -> None:
    issue_survey(client, province)
    # An answerable request: stopped before it reached anyone.
    client.post("/v1/requests", headers=auth(province.tokens["department:hr"]),
                json=request_body(fields=[{"key": "school.name"}], scope={"regions": ["430000"]}))
    edu = auth(province.tokens["education_office"])
    by_school = {g["group"]: g for g in client.get("/v1/burden?by=school", headers=edu).json()["groups"]}
    mine = by_school[SCHOOL1]
    assert (mine["forms_received"], mine["fields_asked"], mine["fields_prefilled"]) == (1, 6, 5)
    assert mine["requests_stopped"] == {"answered_from_store": 1}
    assert mine["minutes_saved"] == 5 * 1.75 + 1 * 2.0 and mine["minutes_asked"] == 1 * 2.0 + 5 * 0.25
    depts = {g["group"]: g for g in client.get("/v1/burden?by=department", headers=edu).json()["groups"]}
    assert depts["430000-health"]["forms_received"] == 4 and depts["430000-hr"]["requests_stopped"] == {"answered_from_store": 1}
    own = client.get("/v1/burden?by=region", headers=auth(province.tokens[f"school:{SCHOOL1}"])).json()["groups"]
    assert [g["group"] for g in own] == [SCHOOL1]
    bad = client.get("/v1/burden?from=2026-12-01&to=2026-01-01", headers=edu)
    assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM
    for far in ("from=0001-01-01", "to=9999-12-31"):
        bad = client.get(f"/v1/burden?{far}", headers=edu)
        assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["query", far.split("=")[0]]
    # A leap day's year-earlier comparison falls on the 28th, not on an error.
    leap = client.get("/v1/burden?from=2024-02-29&to=2024-03-01", headers=edu)
    assert leap.status_code == 200 and leap.json()["start"] == "2024-02-29"


def test_a_request_left_open_by_racing_last_submissions_is_closed_by_the_background_pass(
        client: TestClient, province: Province) -> None:
    from sqlalchemy import text

    from service.domain.forms import close_completed

    rid = issue_survey(client, province, fields=[MYOPIA])["request"]["id"]
    assert close_completed(province.engine) == []  # forms still open: nothing to close
    for school in (s["code"] for s in SCHOOLS):
        form, etag = open_form(client, province, school)
        new_key = form["items"][0]["key"]
        assert submit(client, province, form, etag, [{"key": new_key, "value": 1}], key=school, school=school).status_code == 200
    with province.engine.begin() as conn:  # as if the last two submissions had committed together
        conn.execute(text("UPDATE request SET status = 'issued' WHERE id = :id"), {"id": rid})
    assert close_completed(province.engine) == [rid]
    assert client.get(f"/v1/requests/{rid}", headers=auth(province.tokens["department"])).json()["status"] == "closed"


def test_a_revoked_approval_withdraws_the_survey_from_forms_not_yet_submitted(client: TestClient, province: Province) -> None:
    issued = issue_survey(client, province, fields=[MYOPIA])
    rid = issued["request"]["id"]
    form, etag = open_form(client, province)
    assert submit(client, province, form, etag, [{"key": form["items"][0]["key"], "value": 3}]).status_code == 200
    stats = auth(province.tokens["statistics_office"])
    aid = next(a for a in _approvals(province) if a.request_id == rid).id
    r = client.post(f"/v1/approvals/{aid}/revocation", headers=stats, json={"reason": "调查已撤销"})
    assert r.status_code == 200
    assert client.get(f"/v1/requests/{rid}", headers=auth(province.tokens["department"])).json()["status"] == "closed"
    other = auth(province.tokens["school:2430000002"])
    assert client.get("/v1/forms", headers=other).json() == []  # withdrawn before it was answered
    mine = client.get("/v1/forms", headers=auth(province.tokens[f"school:{SCHOOL1}"])).json()
    assert [f["status"] for f in mine] == ["submitted"]  # what was answered stays answered


def _approvals(province: Province) -> list[Any]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from service.store.tables import Approval

    with Session(province.engine) as s:
        return list(s.scalars(select(Approval)))
