"""A department and an owner in a real browser: requests with their analysis and history, issuing,
results as CSV, the owner's decision on a school's correction, and the burden dashboard."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_forms_api import MYOPIA, issue_survey, open_form, submit
from tests.api.test_requests_api import approval_body, request_body
from tests.conftest import Province, auth
from tests.province import SCHOOLS, TEACHERS
from tests.web.conftest import login

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')")
expect = sync_api.expect
SCHOOL1 = SCHOOLS[0]["code"]


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
    expect(card.locator("table.analysis")).to_contain_text("school.enrolment")
    card.get_by_role("button", name="下发到学校 Issue to schools").click()
    card = page.locator(f"#r-{req['id']}")
    expect(card.locator("h2 .status")).to_contain_text("已下发")
    expect(card.locator(".history")).to_contain_text("4 form(s)")
    form, etag = open_form(client, province)
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    assert submit(client, province, form, etag, [{"key": new_key, "value": 42}]).status_code == 200
    page.reload()
    with page.expect_download() as download:
        page.locator(f"#r-{req['id']} a.results").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    rows = {r["school_code"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows[SCHOOL1][new_key] == "42" and rows[SCHOOL1]["form_status"] == "submitted"
    assert set(rows) == {s["code"] for s in SCHOOLS}


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
    row = page.locator("table.list tbody tr").first
    expect(row).to_contain_text("2026年7月评为一级教师")
    expect(row).to_contain_text("teacher.title")
    row.get_by_role("button", name="驳回 Reject").click()  # a rejection needs a reason
    expect(page.locator("table.list tbody tr").first.get_by_role("alert")).to_contain_text("needs a reason")
    page.locator("table.list tbody tr").first.get_by_role("button", name="接受 Accept").click()
    expect(page.get_by_role("status")).to_contain_text("已接受")
    admin = auth(province.tokens["admin"])
    assert client.get(f"/v1/teachers/{TEACHERS[0]['id']}", headers=admin).json()["title"] == "3"


def test_the_burden_dashboard_draws_its_charts(client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    client.post("/v1/requests", headers=auth(province.tokens["department:hr"]),
                json=request_body(fields=[{"key": "school.name"}], scope={"regions": ["430000"]}))
    login(page, province.tokens["education_office"], "/web/burden")
    charts = page.locator("figure.chart svg")
    expect(charts).to_have_count(3)
    expect(charts.nth(0).locator("rect")).to_have_count(4)  # two departments, asked and pre-filled each
    expect(charts.nth(0)).to_contain_text("430000-health")
    expect(charts.nth(2)).to_contain_text("answered_from_store")
    page.locator("select[name=by]").select_option("school")
    page.get_by_role("button", name="更新 Update").click()
    expect(page).to_have_url(re.compile(r"by=school"))
    expect(page.locator("table.list")).to_contain_text(SCHOOL1)
