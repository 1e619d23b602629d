"""A department and an owner in a real browser: writing a request with scope pickers and seeing
its analysis before submitting, changing it, issuing (with the number of forms), answers and
results, the owner's decision on a school's correction, and the burden dashboard."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_forms_api import MYOPIA, issue_survey, open_form, submit
from tests.api.test_requests_api import TODAY, approval_body, request_body
from tests.conftest import Province, auth
from tests.province import SCHOOLS, TEACHERS
from tests.web.conftest import login, shot, unlabelled

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')")
expect = sync_api.expect
SCHOOL1 = SCHOOLS[0]["code"]


def _fill_request(page: Any, title: str, fields: list[tuple[str, str, str]]) -> None:
    page.get_by_label("标题").fill(title)
    page.get_by_label("用途").fill("掌握学生视力情况")
    page.get_by_label("统计时点").fill("2026-09-01")
    page.get_by_label("截止日期").fill(str(TODAY + timedelta(days=30)))
    for i, (wording, type_, headers) in enumerate(fields, 1):
        page.get_by_label(f"第{i}个字段", exact=True).fill(wording)
        if type_:
            page.get_by_label(f"第{i}个字段的类型").select_option(type_)
        if headers:
            page.get_by_label(f"第{i}个字段的表头").fill(headers)


def test_a_department_writes_a_request_sees_its_analysis_then_submits_it(
        client: TestClient, province: Province, page: Any) -> None:
    login(page, province.tokens["department"], "/web/requests")
    page.get_by_role("link", name="新建申请").click()
    assert unlabelled(page) == []
    _fill_request(page, "2026年学生视力抽查", [("school.enrolment", "", ""), ("专任教师数", "integer", "教师"),
                                             ("近视学生人数", "integer", "学生健康")])
    page.get_by_label("地区（可多选）").select_option(["430100"])
    page.get_by_label("小学", exact=True).check()
    page.get_by_role("button", name="分析（不保存）").click()
    analysis = page.locator("#analysis")
    expect(analysis).to_contain_text("待审批")  # the decision, before anything is saved
    expect(analysis.locator("table.analysis")).to_contain_text("近视学生人数")
    expect(analysis.locator("table.analysis")).to_contain_text("新增")
    expect(analysis.locator("table.analysis")).to_contain_text("数据库已有")
    expect(analysis).not_to_contain_text("school.c_")
    expect(page.get_by_label("第3个字段", exact=True)).to_have_value("近视学生人数")
    shot(page, "department-analysis")
    assert client.get("/v1/requests", headers=auth(province.tokens["department"])).json() == []
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("status")).to_contain_text("申请已提交")
    (saved,) = client.get("/v1/requests", headers=auth(province.tokens["department"])).json()
    assert saved["status"] == "pending_approval"
    assert saved["scope"] == {"regions": ["4301"], "school_types": ["211"], "urban_rural": [], "schools": []}
    assert [f["headers"] for f in saved["fields"]] == [[], ["教师"], ["学生健康"]]
    card = page.locator(f"#r-{saved['id']}")
    expect(card).to_contain_text("长沙市")  # the scope by name
    expect(card).to_contain_text("小学")


def test_problems_with_a_request_stand_beside_their_inputs(client: TestClient, province: Province, page: Any) -> None:
    login(page, province.tokens["department"], "/web/requests/new")
    _fill_request(page, "", [("一个没有类型的新字段", "", "")])
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#title-error")).to_have_text("必填")
    page.get_by_label("标题").fill("视力")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#f0-error")).to_contain_text("请选择类型")
    expect(page.get_by_label("第1个字段", exact=True)).to_have_value("一个没有类型的新字段")


def test_a_department_changes_a_pending_request(client: TestClient, province: Province, page: Any) -> None:
    h = auth(province.tokens["department"])
    req = client.post("/v1/requests", headers=h, json=request_body(fields=[MYOPIA])).json()
    login(page, province.tokens["department"], "/web/requests")
    page.locator(f"#r-{req['id']}").get_by_role("link", name="修改").click()
    expect(page.get_by_label("第1个字段", exact=True)).to_have_value("近视学生人数")
    page.get_by_label("第2个字段", exact=True).fill("视力不良学生人数")
    page.get_by_label("第2个字段的类型").select_option("integer")
    page.get_by_role("button", name="提交修改").click()
    expect(page.get_by_role("status")).to_contain_text("申请已修改")
    got = client.get(f"/v1/requests/{req['id']}", headers=h).json()
    assert [f["label"] for f in got["fields"]] == ["近视学生人数", "视力不良学生人数"]


def test_a_department_issues_its_approved_request_and_downloads_the_results(
        client: TestClient, province: Province, page: Any) -> None:
    h = auth(province.tokens["department"])
    req = client.post("/v1/requests", headers=h,
                      json=request_body(fields=[{"key": "school.enrolment"}, MYOPIA], scope={"regions": ["430000"]})).json()
    client.post(f"/v1/requests/{req['id']}/approval", headers=auth(province.tokens["statistics_office"]),
                json=approval_body())
    login(page, province.tokens["department"])
    expect(page).to_have_url(re.compile(r"/web/requests$"))
    card = page.locator(f"#r-{req['id']}")
    expect(card.locator("h2 .status")).to_contain_text("已批准")
    expect(card.locator("table.analysis")).to_contain_text("在校生数")
    card.get_by_role("button", name="下发到学校").click()
    expect(page.get_by_role("status")).to_have_text("已下发，共 4 份表单发往学校。")
    card = page.locator(f"#r-{req['id']}")
    expect(card.locator("h2 .status")).to_contain_text("已下发")
    shot(page, "department-requests")
    form, etag = open_form(client, province)
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    assert submit(client, province, form, etag, [{"key": new_key, "value": 42}]).status_code == 200
    page.reload()
    with page.expect_download() as download:
        page.locator(f"#r-{req['id']} a.results").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "近视学生人数" in rows[0]  # the department's wording names the column, not school.c_...
    by_school = {r["school_code"]: r for r in rows}
    assert by_school[SCHOOL1]["近视学生人数"] == "42" and by_school[SCHOOL1]["form_status"] == "submitted"
    assert set(by_school) == {s["code"] for s in SCHOOLS}


def test_an_answered_request_links_to_its_answers(client: TestClient, province: Province, page: Any) -> None:
    h = auth(province.tokens["department"])
    req = client.post("/v1/requests", headers=h, json=request_body(
        fields=[{"key": "school.name"}, {"label": "专任教师数", "type": "integer"}])).json()
    assert req["status"] == "answered"
    login(page, province.tokens["department"], "/web/requests")
    page.locator(f"#r-{req['id']}").get_by_role("link", name="查看答复（来自数据库）").click()
    table = page.locator("table.answers")
    expect(table.locator("thead")).to_contain_text("专任教师数")
    expect(table).to_contain_text("长沙市芙蓉区第一小学")
    expect(table.locator("tbody tr")).to_have_count(2)  # the two schools of Changsha


def test_another_department_cannot_download_the_results(client: TestClient, province: Province, page: Any) -> None:
    issued = issue_survey(client, province, fields=[MYOPIA])
    rid = issued["request"]["id"]
    login(page, province.tokens["department:hr"])
    response = page.goto(f"/web/requests/{rid}/results.csv")
    api = client.get(f"/v1/requests/{rid}/results?format=csv", headers=auth(province.tokens["department:hr"]))
    assert response is not None and response.status == api.status_code and api.status_code in (403, 404)
    expect(page.get_by_role("alert")).to_be_visible()


def test_the_owner_accepts_a_schools_correction(client: TestClient, province: Province, page: Any) -> None:
    hours = {"label": "每周课时数", "type": "integer"}
    issue_survey(client, province, fields=[{"key": "teacher.name"}, {"key": "teacher.title"}, hours],
                 token="education_office", kind="administrative", level="roster")
    form, etag = open_form(client, province)
    hours_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    r = submit(client, province, form, etag, [
        {"key": "teacher.title", "entity_id": TEACHERS[0]["id"], "value": "3", "reason": "2026年7月评为一级教师"},
        *[{"key": hours_key, "entity_id": t["id"], "value": 12} for t in TEACHERS[:6]]])
    assert r.status_code == 200 and r.json()["corrections_pending"] == 1
    login(page, province.tokens["department:hr"], "/web/corrections")
    assert unlabelled(page) == []
    row = page.locator("table.list tbody tr").first
    expect(row).to_contain_text("2026年7月评为一级教师")
    expect(row).to_contain_text("长沙市芙蓉区第一小学")
    row.get_by_role("button", name="驳回").click()  # a rejection needs a reason
    expect(page.locator("table.list tbody tr").first.get_by_role("alert")).to_have_text("驳回须说明原因")
    page.locator("table.list tbody tr").first.get_by_role("button", name="接受").click()
    expect(page.get_by_role("status")).to_contain_text("已接受")
    admin = auth(province.tokens["admin"])
    assert client.get(f"/v1/teachers/{TEACHERS[0]['id']}", headers=admin).json()["title"] == "3"


def test_the_burden_dashboard_draws_its_charts_with_names(client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    client.post("/v1/requests", headers=auth(province.tokens["department:hr"]),
                json=request_body(fields=[{"key": "school.name"}], scope={"regions": ["430000"]}))
    login(page, province.tokens["education_office"], "/web/burden")
    assert unlabelled(page) == []
    charts = page.locator("figure.chart svg")
    expect(charts).to_have_count(3)
    expect(charts.nth(0).locator("rect")).to_have_count(4)  # two departments, asked and pre-filled each
    expect(charts.nth(0)).to_contain_text("Health Commission")
    expect(charts.nth(2)).to_contain_text("由数据库答复")
    expect(page.locator("main")).not_to_contain_text("430000-health")
    shot(page, "burden")
    page.get_by_label("分组").select_option("school")
    page.get_by_role("button", name="更新").click()
    expect(page).to_have_url(re.compile(r"by=school"))
    expect(page.locator("table.list")).to_contain_text("长沙市芙蓉区第一小学")


def test_a_bad_filter_keeps_the_dashboard_with_the_error_beside_it(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    login(page, province.tokens["education_office"], "/web/burden?from=2026-02-30&by=department")
    expect(page.locator("h1")).to_have_text("基层减负统计")
    expect(page.locator("#from-error")).to_have_text("请填写日期（年-月-日）")
    expect(page.locator("figure.chart")).to_have_count(3)
