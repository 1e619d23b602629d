"""Requests through the API: analysis, answers from the store, duplicates, the approval gate and
every status transition and refusal."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient

from service.domain.clock import now
from tests.conftest import Province, auth

PROBLEM = "application/problem+json"
TODAY = now().date()


def request_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "2026年秋季学期教师队伍情况统计",
        "purpose": "掌握全省中小学专任教师结构",
        "kind": "statistical",
        "level": "school",
        "fields": [{"key": "school.name"}, {"label": "专任教师数", "type": "integer"},
                   {"label": "其中：女", "type": "integer"}, {"label": "25-29岁", "type": "integer"}],
        "scope": {"regions": ["430100"]},
        "reference_date": "2026-09-01",
        "due_date": str(TODAY + timedelta(days=30)),
        "frequency": "annual",
    }
    body.update(overrides)
    return body


NEW_FIELD = {"label": "近视学生人数", "type": "integer"}


def approval_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "number": "湘统函〔2026〕12号", "authority": "湖南省统计局", "form_number": "湘教统1表",
        "scope": {"regions": ["430000"]}, "valid_from": str(TODAY), "valid_until": str(TODAY + timedelta(days=90)),
    }
    body.update(overrides)
    return body


def test_a_request_the_store_can_answer_is_answered_without_asking_schools(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    fields = [{"key": "school.name"}, {"label": "专任教师数", "type": "integer"},
              {"label": "女专任教师", "type": "integer"}, {"label": "Full-time teachers aged 25-29", "type": "integer"},
              {"label": "60岁及以上专任教师数", "type": "integer"}, {"label": "高级教师", "type": "integer"}]
    r = client.post("/v1/requests", headers=h, json=request_body(fields=fields))
    assert r.status_code == 201, r.text
    req = r.json()
    assert req["status"] == "answered"
    assert [t["to_status"] for t in req["history"]] == ["draft", "answered"]
    assert {f["classification"] for f in req["fields"]} == {"prefill_store"}
    rows = {row["code"]: row for row in client.get(f"/v1/requests/{req['id']}/answers", headers=h).json()}
    assert set(rows) == {"2430000001", "2430000002"}
    first = rows["2430000001"]
    assert first["school.ft_teachers"] == 5 and first["school.ft_teachers.gender.female"] == 4
    assert first["school.ft_teachers.age.25_29"] == 1 and first["school.ft_teachers.age.ge60"] == 1
    assert rows["2430000002"]["school.ft_teachers"] == 3  # the retired teacher is not counted


def test_analysis_saves_nothing_and_explains_each_field(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(fields=[{"key": "school.name"}, NEW_FIELD]))
    assert a.status_code == 200
    by_label = {f["label"] or f["given_key"]: f for f in a.json()["fields"]}
    assert by_label["school.name"]["classification"] == "prefill_store"
    new = by_label["近视学生人数"]
    assert new["classification"] == "new" and not new["matched"] and new["candidates"]
    assert a.json()["decision"] == "pending_approval" and a.json()["totals"]["new"] == 1
    assert client.get("/v1/requests", headers=h).json() == []


def test_a_duplicate_is_refused_naming_its_twin(client: TestClient, province: Province) -> None:
    first = client.post("/v1/requests", headers=auth(province.tokens["department"]),
                        json=request_body(fields=[{"key": "school.name"}, NEW_FIELD]))
    assert first.json()["status"] == "pending_approval"
    twin = client.post("/v1/requests", headers=auth(province.tokens["department:hr"]),
                       json=request_body(title="学生视力调查", fields=[{"label": "近视学生人数", "type": "integer"}]))
    assert twin.status_code == 409 and twin.headers["content-type"] == PROBLEM
    problem = twin.json()
    assert problem["reason"] == "duplicate_request"
    assert problem["duplicates"][0]["request_id"] == first.json()["id"] and problem["duplicates"][0]["overlap"] == 1.0
    kept = client.get(f"/v1/requests/{problem['request_id']}", headers=auth(province.tokens["department:hr"])).json()
    assert kept["status"] == "rejected_duplicate"
    other_period = client.post("/v1/requests", headers=auth(province.tokens["department:hr"]),
                               json=request_body(reference_date="2027-03-01", due_date="2027-04-01", fields=[NEW_FIELD]))
    assert other_period.status_code == 201 and other_period.json()["status"] == "pending_approval"


def _submit_pending(client: TestClient, province: Province, **kw: Any) -> dict[str, Any]:
    r = client.post("/v1/requests", headers=auth(province.tokens["department"]),
                    json=request_body(fields=[{"key": "school.name"}, NEW_FIELD], **kw))
    assert r.json()["status"] == "pending_approval", r.text
    return r.json()


def test_approval_then_issue(client: TestClient, province: Province) -> None:
    req = _submit_pending(client, province)
    dept, stats = auth(province.tokens["department"]), auth(province.tokens["statistics_office"])
    assert client.post(f"/v1/requests/{req['id']}/issue", headers=dept).status_code == 409
    a = client.post(f"/v1/requests/{req['id']}/approval", headers=stats, json=approval_body())
    assert a.status_code == 201, a.text
    register = client.get("/v1/approvals", headers=auth(province.tokens["school:2430000001"])).json()
    assert register[0]["number"] == "湘统函〔2026〕12号" and register[0]["state"] == "valid"
    issued = client.post(f"/v1/requests/{req['id']}/issue", headers=dept)
    assert issued.status_code == 200 and issued.json()["request"]["status"] == "issued"
    history = [t["to_status"] for t in issued.json()["request"]["history"]]
    assert history == ["draft", "pending_approval", "approved", "issued"]


def test_a_change_after_approval_needs_a_new_approval(client: TestClient, province: Province) -> None:
    req = _submit_pending(client, province)
    dept, stats = auth(province.tokens["department"]), auth(province.tokens["statistics_office"])
    client.post(f"/v1/requests/{req['id']}/approval", headers=stats, json=approval_body())
    changed = client.put(f"/v1/requests/{req['id']}", headers=dept,
                         json=request_body(fields=[{"key": "school.name"}, NEW_FIELD, {"label": "校医人数", "type": "integer"}]))
    assert changed.status_code == 200 and changed.json()["status"] == "pending_approval"
    refused = client.post(f"/v1/requests/{req['id']}/issue", headers=dept)
    assert refused.status_code == 409 and refused.headers["content-type"] == PROBLEM


def test_approval_refusals(client: TestClient, province: Province) -> None:
    req = _submit_pending(client, province)
    stats, edu = auth(province.tokens["statistics_office"]), auth(province.tokens["education_office"])
    url = f"/v1/requests/{req['id']}/approval"
    assert client.post(url, headers=edu, json=approval_body()).status_code == 404  # wrong office: not its to know
    narrow = client.post(url, headers=stats, json=approval_body(scope={"regions": ["430200"]}))
    assert narrow.status_code == 422 and narrow.json()["errors"][0]["loc"] == ["body", "scope"]
    past = client.post(url, headers=stats, json=approval_body(valid_from="2025-01-01", valid_until="2025-12-31"))
    assert past.status_code == 422
    backwards = client.post(url, headers=stats, json=approval_body(valid_until="2020-01-01"))
    assert backwards.status_code == 422 and backwards.headers["content-type"] == PROBLEM


def test_an_approval_not_yet_valid_or_revoked_issues_nothing(client: TestClient, province: Province) -> None:
    req = _submit_pending(client, province)
    dept, stats = auth(province.tokens["department"]), auth(province.tokens["statistics_office"])
    later = str(TODAY + timedelta(days=10))
    a = client.post(f"/v1/requests/{req['id']}/approval", headers=stats, json=approval_body(valid_from=later)).json()
    r = client.post(f"/v1/requests/{req['id']}/issue", headers=dept)
    assert r.status_code == 409 and "valid" in r.json()["detail"]
    assert client.post(f"/v1/approvals/{a['id']}/revocation", headers=dept, json={"reason": "mine"}).status_code == 404
    rv = client.post(f"/v1/approvals/{a['id']}/revocation", headers=stats, json={"reason": "survey withdrawn"})
    assert rv.status_code == 200
    assert client.get(f"/v1/requests/{req['id']}", headers=dept).json()["status"] == "pending_approval"
    assert client.post(f"/v1/requests/{req['id']}/issue", headers=dept).status_code == 409


def test_research_goes_to_the_education_office_and_a_rejection_is_not_repeated(client: TestClient, province: Province) -> None:
    req = _submit_pending(client, province, kind="research")
    stats, edu = auth(province.tokens["statistics_office"]), auth(province.tokens["education_office"])
    assert client.post(f"/v1/requests/{req['id']}/approval", headers=stats, json=approval_body()).status_code == 404
    r = client.post(f"/v1/requests/{req['id']}/rejection", headers=edu, json={"reason": "问卷过长"})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    again = client.post(f"/v1/requests/{req['id']}/rejection", headers=edu, json={"reason": "again"})
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM


def test_nobody_approves_their_own_request(client: TestClient, province: Province) -> None:
    edu = auth(province.tokens["education_office"])
    r = client.post("/v1/requests", headers=edu, json=request_body(kind="research", fields=[NEW_FIELD]))
    assert r.json()["status"] == "pending_approval"
    assert client.post(f"/v1/requests/{r.json()['id']}/approval", headers=edu, json=approval_body()).status_code == 403


def test_an_administrative_request_of_the_education_office_is_ready(client: TestClient, province: Province) -> None:
    edu = auth(province.tokens["education_office"])
    r = client.post("/v1/requests", headers=edu, json=request_body(kind="administrative", fields=[NEW_FIELD]))
    assert r.json()["status"] == "ready"
    assert client.post(f"/v1/requests/{r.json()['id']}/issue", headers=edu).json()["request"]["status"] == "issued"


def test_bad_requests_are_problems_with_locations(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department:changsha"])
    r = client.post("/v1/requests", headers=h, json=request_body(scope={"regions": ["430200"]}))
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "scope", "regions", 0]
    r = client.post("/v1/requests", headers=h, json=request_body(fields=[{"key": "teacher.shoe_size"}, {"label": "学生近视率"}]))
    assert r.status_code == 422
    assert {tuple(e["loc"]) for e in r.json()["errors"]} == {("body", "fields", 0, "key"), ("body", "fields", 1, "type")}
    r = client.post("/v1/requests", headers=h, json=request_body(fields=[{"key": "teacher.title"}]))
    assert r.status_code == 422 and "roster" in r.json()["errors"][0]["msg"]
    r = client.post("/v1/requests", headers=auth(province.tokens["school:2430000001"]), json=request_body())
    assert r.status_code == 403


def test_departments_see_only_their_own_requests(client: TestClient, province: Province) -> None:
    req = _submit_pending(client, province)
    other = auth(province.tokens["department:hr"])
    assert client.get(f"/v1/requests/{req['id']}", headers=other).status_code == 404
    assert client.get("/v1/requests", headers=other).json() == []
    queue = client.get("/v1/requests?status=pending_approval", headers=auth(province.tokens["statistics_office"])).json()
    assert [q["id"] for q in queue] == [req["id"]]


def test_an_approval_that_expires_before_issue_issues_nothing(client: TestClient, province: Province) -> None:
    from service.domain.clock import travel

    req = _submit_pending(client, province)
    dept, stats = auth(province.tokens["department"]), auth(province.tokens["statistics_office"])
    until = TODAY + timedelta(days=40)
    assert client.post(f"/v1/requests/{req['id']}/approval", headers=stats,
                       json=approval_body(valid_until=str(until))).status_code == 201
    with travel(timedelta(days=41)):
        r = client.post(f"/v1/requests/{req['id']}/issue", headers=dept)
        assert r.status_code == 409 and r.json()["title"] == "Approval expired"
        register = client.get("/v1/approvals", headers=dept).json()
        assert register[0]["state"] == "expired"
    assert client.get(f"/v1/requests/{req['id']}", headers=dept).json()["status"] == "approved"


def test_fields_beyond_the_approved_set_are_not_issued(client: TestClient, province: Province) -> None:
    req = _submit_pending(client, province)
    stats = auth(province.tokens["statistics_office"])
    new_key = next(f["key"] for f in req["fields"] if not f["matched"])
    a = client.post(f"/v1/requests/{req['id']}/approval", headers=stats, json=approval_body(fields=[new_key]))
    assert a.status_code == 201 and a.json()["field_keys"] == [new_key]
    r = client.post(f"/v1/requests/{req['id']}/issue", headers=auth(province.tokens["department"]))
    assert r.status_code == 409 and "school.name" in r.json()["detail"]


def test_an_approval_must_be_complete_unique_and_long_enough(client: TestClient, province: Province) -> None:
    first, second = _submit_pending(client, province), _submit_pending(client, province, title="另一项", reference_date="2026-10-01")
    stats = auth(province.tokens["statistics_office"])
    assert client.post(f"/v1/requests/{first['id']}/approval", headers=stats, json=approval_body()).status_code == 201
    r = client.post(f"/v1/requests/{second['id']}/approval", headers=stats, json=approval_body(
        form_number=None, valid_until=str(TODAY + timedelta(days=10)), fields=["school.shoe_size"]))
    assert r.status_code == 422
    assert {tuple(e["loc"]) for e in r.json()["errors"]} == {
        ("body", "form_number"), ("body", "valid_until"), ("body", "fields"), ("body", "number")}


def test_an_office_decides_only_at_or_above_the_departments_level(client: TestClient, province: Province) -> None:
    from service.domain.principals import issue_token
    from service.store.engine import session_scope

    with session_scope(province.engine) as s:
        city = issue_token(s, "statistics_office", "430100-stats", org_name="Changsha Statistics", jurisdiction="430100")[1]
    req = _submit_pending(client, province)
    assert client.post(f"/v1/requests/{req['id']}/approval", headers=auth(city), json=approval_body(
        scope={"regions": ["430100"]})).status_code == 404
    assert client.post(f"/v1/requests/{req['id']}/rejection", headers=auth(city), json={"reason": "不归我管"}).status_code == 404
    assert client.get(f"/v1/requests/{req['id']}", headers=auth(city)).status_code == 404
    assert client.get("/v1/requests", headers=auth(city)).json() == []


def test_only_the_owner_changes_a_request_and_a_rejection_needs_a_change(client: TestClient, province: Province) -> None:
    req = _submit_pending(client, province, kind="research")
    edu, dept = auth(province.tokens["education_office"]), auth(province.tokens["department"])
    sneaky = client.put(f"/v1/requests/{req['id']}", headers=edu, json=request_body(kind="administrative", fields=[NEW_FIELD]))
    assert sneaky.status_code == 403
    client.post(f"/v1/requests/{req['id']}/rejection", headers=edu, json={"reason": "问卷过长"})
    same = client.put(f"/v1/requests/{req['id']}", headers=dept, json=request_body(kind="research", fields=[{"key": "school.name"}, NEW_FIELD]))
    assert same.status_code == 409
    shorter = client.put(f"/v1/requests/{req['id']}", headers=dept, json=request_body(kind="research", fields=[NEW_FIELD]))
    assert shorter.status_code == 200 and shorter.json()["status"] == "pending_approval"


def test_a_due_date_in_the_past_is_refused(client: TestClient, province: Province) -> None:
    r = client.post("/v1/requests", headers=auth(province.tokens["department"]),
                    json=request_body(due_date=str(TODAY - timedelta(days=1))))
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "due_date"]


def test_a_store_field_empty_for_some_schools_is_asked_of_them(client: TestClient, province: Province) -> None:
    r = client.post("/v1/requests", headers=auth(province.tokens["department"]),
                    json=request_body(fields=[{"key": "school.address"}], scope={"regions": ["430000"]}))
    assert r.status_code == 201 and r.json()["status"] == "pending_approval"
    (field,) = r.json()["fields"]
    assert field["classification"] == "prefill_store" and "3 of 4" in field["reason"]
    held = client.post("/v1/requests", headers=auth(province.tokens["department"]),
                       json=request_body(fields=[{"key": "school.address"}], scope={"regions": ["4301"]}))
    assert held.json()["status"] == "answered"


def test_a_questionnaire_item_with_its_options_is_read_however_long_and_an_endless_one_is_located(
        client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    options = " / ".join(f"Option {i}: a fixed-term contract of {i} months or more, renewed by the board each year"
                         for i in range(1, 6))
    item = f"Q12. Which of these describes the school's total number of full-time teachers best? ({options})"
    assert 200 < len(item) <= 1000
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(fields=[
        {"label": "专任教师数", "type": "integer"}, {"label": item, "type": "integer"}]))
    assert a.status_code == 200, a.text
    assert [f["classification"] for f in a.json()["fields"]][1] == "new"  # asked, never cut short or refused
    endless = client.post("/v1/requests/analysis", headers=h, json=request_body(fields=[
        {"label": "专任教师数" + "（含" * 600, "type": "integer"}]))
    assert endless.status_code == 422
    assert endless.json()["errors"][0]["loc"] == ["body", "fields", 0, "label"]


def test_of_which_is_read_only_under_the_total_just_above_it(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    fields = [{"label": "专任教师数", "type": "integer"}, {"label": "其中：女", "type": "integer"},
              {"label": "在校生数", "type": "integer"}, {"label": "其中：女", "type": "integer"}]
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(fields=fields)).json()
    keys = [f["key"] for f in a["fields"]]
    assert keys[:3] == ["school.ft_teachers", "school.ft_teachers.gender.female", "school.enrolment"]
    assert a["fields"][3]["classification"] == "new" and not a["fields"][3]["matched"]  # female pupils: not held


def test_each_field_shows_its_definition_in_words_and_keeps_it(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    fields = [{"label": "教职工数", "type": "integer"}, {"label": "其中：女", "type": "integer"},
              {"label": "35岁以下少数民族专任教师", "type": "integer"}, NEW_FIELD]
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(fields=fields)).json()
    _staff, women, young, myopia = a["fields"]
    assert women["key"] == "school.count(status=1;gender=2)"  # female staff: "其中" refines the total above
    assert women["definition"]["filters"] == [{"field": "teacher.status", "in": ["1"]},
                                              {"field": "teacher.gender", "in": ["2"]}]
    assert young["definition"]["words"]["zh"] == "专任教师，在职，民族：汉族以外，2026-09-01时未满36周岁"
    assert {"field": "teacher.age", "min": None, "max": 35} in young["definition"]["filters"]
    assert myopia["definition"] is None and myopia["classification"] == "new"
    saved = client.post("/v1/requests", headers=h, json=request_body(fields=fields)).json()
    kept = client.get(f"/v1/requests/{saved['id']}", headers=h).json()
    assert [f["definition"] for f in kept["fields"]] == [f["definition"] for f in a["fields"]]


def test_a_department_may_send_a_definition_or_pick_a_candidate(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    bare = client.post("/v1/requests/analysis", headers=h, json=request_body(
        title="调查", fields=[{"label": "其中：女", "type": "integer"}])).json()["fields"][0]
    assert bare["classification"] == "new" and bare["candidates"]
    picked = bare["candidates"][0]["key"]
    defined = {"measure": "count", "filters": [{"field": "teacher.gender", "in": ["1"]},
                                               {"field": "teacher.post_type", "not_in": ["2", "3", "4"]}]}
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(
        fields=[{"key": picked}, {"definition": defined, "label": "男教师"}])).json()
    assert a["fields"][1]["key"] == "school.ft_teachers.gender.male"
    assert a["fields"][0]["key"] == picked and a["fields"][0]["classification"] == "prefill_store"
    bad = client.post("/v1/requests/analysis", headers=h, json=request_body(
        fields=[{"definition": {"measure": "count", "filters": [{"field": "teacher.gender", "in": ["7"]}]}}]))
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["body", "fields", 0, "definition"]


def test_an_unplaced_wording_never_captures_later_fields_of_other_departments(client: TestClient, province: Province) -> None:
    first = client.post("/v1/requests", headers=auth(province.tokens["department"]), json=request_body(
        fields=[NEW_FIELD, {"label": "其中：女", "type": "integer"}, {"label": "合计", "type": "integer"}]))
    assert first.status_code == 201, first.text
    keys = [f["key"] for f in first.json()["fields"]]
    assert keys[2] != "school.c_" + "da39a3ee5e"  # sha1 of nothing: never the key of an empty wording
    later = client.post("/v1/requests/analysis", headers=auth(province.tokens["department:hr"]), json=request_body(
        fields=[{"label": "专任教师数", "type": "integer"}, {"label": "其中：女", "type": "integer"}])).json()
    assert [f["key"] for f in later["fields"]] == ["school.ft_teachers", "school.ft_teachers.gender.female"]
    assert {f["classification"] for f in later["fields"]} == {"prefill_store"}


def test_a_roster_is_answered_with_values_derived_on_the_reference_date(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    fields = [{"label": "姓名", "type": "text"}, {"label": "您的年龄", "type": "integer"},
              {"label": "教龄", "type": "integer"}]
    r = client.post("/v1/requests", headers=h, json=request_body(level="roster", fields=fields))
    assert r.status_code == 201, r.text
    assert [f["key"] for f in r.json()["fields"]] == ["teacher.name", "teacher.age", "teacher.teaching_years"]
    assert r.json()["status"] == "answered"
    rows = {row["id"]: row for row in client.get(f"/v1/requests/{r.json()['id']}/answers", headers=h).json()}
    # T000000001: born 2000-03-01, teaching since 2022-09-01; the reference date is 2026-09-01.
    assert (rows["T000000001"]["teacher.age"], rows["T000000001"]["teacher.teaching_years"]) == (26, 4)
    assert "T000000010" not in rows  # retired: not on the roster


def test_consecutive_of_which_rows_refine_the_same_total_even_when_one_is_unread(client: TestClient, province: Province) -> None:
    fields = [{"label": "专任教师数", "type": "integer"}, {"label": "其中：本县户籍", "type": "integer"},
              {"label": "其中：女", "type": "integer"}, {"label": "其中：45周岁以上", "type": "integer"}]
    a = client.post("/v1/requests/analysis", headers=auth(province.tokens["department"]),
                    json=request_body(title="乡村教师情况", fields=fields)).json()
    assert [f["key"] for f in a["fields"][2:]] == ["school.ft_teachers.gender.female",
                                                   "school.count(post_type=1;status=1;age=45..)"]
    assert a["fields"][1]["classification"] == "new"


def test_other_beside_listed_categories_is_the_rest_of_their_population(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    minority = "少数民族专任教师"
    fields = [{"headers": [minority], "label": label, "type": "integer"} for label in ("合计", "维吾尔族", "回族", "其他民族", "其中：女")]
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(title="少数民族专任教师情况（人）", fields=fields)).json()
    keys = [f["key"] for f in a["fields"]]
    # The columns add up: every minority but the two listed, and "其中" after them refines the total.
    assert keys[3] == "school.count(post_type=1;status=1;ethnicity!=01,03,05)"
    assert keys[4] == "school.count(post_type=1;status=1;gender=2;ethnicity!=01)"
    staff = [{"headers": ["编外"], "label": label, "type": "integer"} for label in ("小计", "专任教师", "其他人员")]
    b = client.post("/v1/requests/analysis", headers=h, json=request_body(title="教职工分类统计表", fields=staff)).json()
    assert b["fields"][2]["key"] == "school.count(post_type!=1;status=1;establishment=2)"


def test_other_is_new_when_a_category_beside_it_is_not_understood(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    fields = [{"headers": ["教职工"], "label": label, "type": "integer"} for label in ("合计", "园长", "专任教师", "其他人员")]
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(title="幼儿园教职工（人）", fields=fields)).json()
    assert a["fields"][3]["classification"] == "new"  # the rest of staff beside a 园长 the records do not know


def test_a_term_the_title_defines_is_read_as_defined(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    fields = [{"label": "专任教师总数", "type": "integer"}, {"label": "青年教师人数", "type": "integer"},
              {"label": "其中：女", "type": "integer"}]
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(
        title="青年教师队伍建设情况调查表（青年教师指35周岁及以下专任教师）", fields=fields)).json()
    assert [f["key"] for f in a["fields"]] == ["school.ft_teachers", "school.count(post_type=1;status=1;age=..35)",
                                               "school.count(post_type=1;status=1;gender=2;age=..35)"]
    # Without the definition "青年" gives no age: the field is asked, not guessed.
    b = client.post("/v1/requests/analysis", headers=h, json=request_body(title="青年教师队伍建设情况调查表", fields=fields)).json()
    assert b["fields"][1]["classification"] == "new"


def test_a_new_cell_under_other_headers_is_another_cell(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    fields = [{"headers": [post], "label": "实聘人数", "type": "integer"} for post in ("管理岗位", "专业技术岗位")]
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(title="岗位设置情况", fields=fields))
    assert a.status_code == 200, a.text
    first, second = a.json()["fields"]
    assert first["classification"] == second["classification"] == "new" and first["key"] != second["key"]


def test_以下_beside_a_column_of_its_level_excludes_it(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    fields = [{"headers": ["专任教师按学历分"], "label": label, "type": "integer"} for label in ("本科毕业", "高中阶段毕业", "高中阶段毕业以下")]
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(title="教育事业统计", fields=fields)).json()
    assert a["fields"][2]["key"] == "school.ft_teachers.education.below_high_school"
    alone = [{"headers": ["专任教师按学历分"], "label": label, "type": "integer"} for label in ("本科毕业", "高中阶段毕业以下")]
    b = client.post("/v1/requests/analysis", headers=h, json=request_body(title="教育事业统计", fields=alone)).json()
    assert b["fields"][1]["classification"] == "new"  # nothing beside it says which way 以下 goes


def test_a_category_after_parallel_populations_splits_the_total_above_them(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    labels = ("教职工总数", "专任教师", "行政人员", "工勤人员", "在编人数", "编外聘用")
    a = client.post("/v1/requests/analysis", headers=h, json=request_body(
        title="教职工情况快报", fields=[{"label": x, "type": "integer"} for x in labels])).json()
    keys = [f["key"] for f in a["fields"]]
    # Not the workers on establishment: the staff, as the total above the run of posts counts them.
    assert keys[4:] == ["school.staff.establishment.on_staff", "school.staff.establishment.contract"]
