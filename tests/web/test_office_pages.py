"""The approving offices in a real browser: the queue with each request's field analysis, approving
and rejecting, and the public register."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_requests_api import NEW_FIELD, TODAY, request_body
from tests.conftest import Province, auth
from tests.web.conftest import login, shot, unlabelled

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')")
expect = sync_api.expect


def _pending(client: TestClient, province: Province, **kw: Any) -> dict[str, Any]:
    r = client.post("/v1/requests", headers=auth(province.tokens["department"]),
                    json=request_body(fields=[{"key": "school.name"}, NEW_FIELD], scope={"regions": ["430000"]}, **kw))
    assert r.status_code == 201 and r.json()["status"] == "pending_approval", r.text
    return dict(r.json())


def test_the_statistics_office_approves_from_its_queue(client: TestClient, province: Province, page: Any) -> None:
    req = _pending(client, province)
    login(page, province.tokens["statistics_office"], "/web/queue")
    assert unlabelled(page) == []
    card = page.locator(f"#r-{req['id']}")
    expect(card.locator("table.analysis")).to_contain_text("近视学生人数")
    expect(card.locator("table.analysis")).to_contain_text("新增")
    expect(card).to_contain_text("Health Commission")  # the department by name
    shot(page, "approval-queue")
    # Every problem at once, each beside its field: the number the form cannot read, the form
    # number a statistical survey needs, and a validity ending before the request is due.
    card.get_by_label("批准文号").fill("")
    card.get_by_label("有效期至").fill(str(TODAY + timedelta(days=5)))
    card.get_by_role("button", name="批准").click()
    card = page.locator(f"#r-{req['id']}")
    expect(card.locator("[data-field=number]")).to_have_text("必填")
    expect(card.locator("[data-field=form_number]")).to_have_text("统计调查表必须标明表号")
    expect(card.locator("[data-field=valid_until]")).to_contain_text("有效期须覆盖申请的截止日期")
    # A validity that ends before it starts is refused beside the field, values kept.
    card.get_by_label("批准文号").fill("湘统函〔2026〕31号")
    card.get_by_label("表号").fill("湘教统9表")
    card.get_by_label("有效期至").fill(str(TODAY - timedelta(days=1)))
    card.get_by_role("button", name="批准").click()
    card = page.locator(f"#r-{req['id']}")
    expect(card.locator(".problem")).to_contain_text("有效期止不能早于有效期起")
    expect(card.locator("[data-field=valid_until]")).to_contain_text("有效期已过")
    expect(card.get_by_label("批准文号")).to_have_value("湘统函〔2026〕31号")
    card.get_by_label("有效期至").fill(str(TODAY + timedelta(days=90)))
    card.get_by_role("button", name="批准").click()
    expect(page).to_have_url(re.compile(r"/web/approvals\?ok=approved$"))
    row = page.locator("table.register tbody tr").first
    expect(row).to_contain_text("湘统函〔2026〕31号")
    expect(row).to_contain_text("湘教统9表")
    expect(row).to_contain_text("有效")
    expect(row).to_contain_text("湖南省")  # the scope by name, not "43"
    got = client.get(f"/v1/requests/{req['id']}", headers=auth(province.tokens["department"])).json()
    assert got["status"] == "approved" and got["history"][-1]["reason"].startswith("approval 湘统函〔2026〕31号")


def test_an_office_rejects_with_a_reason(client: TestClient, province: Province, page: Any) -> None:
    req = _pending(client, province)
    login(page, province.tokens["statistics_office"], "/web/queue")
    form = page.locator(f"#r-{req['id']} form.reject")
    form.get_by_role("button", name="驳回").click()
    expect(page.locator(f"#r-{req['id']} [data-field=reason]")).to_be_visible()  # a reason is required
    page.locator(f"#r-{req['id']} form.reject [name=reason]").fill("与年报重复")
    page.locator(f"#r-{req['id']} form.reject").get_by_role("button", name="驳回").click()
    expect(page.get_by_role("status")).to_contain_text("已驳回")
    expect(page.locator(f"#r-{req['id']}")).to_have_count(0)
    got = client.get(f"/v1/requests/{req['id']}", headers=auth(province.tokens["department"])).json()
    assert got["status"] == "rejected" and got["history"][-1]["reason"] == "与年报重复"


def test_the_education_office_queue_holds_no_statistical_request(client: TestClient, province: Province,
                                                                  page: Any) -> None:
    req = _pending(client, province)
    login(page, province.tokens["education_office"], "/web/queue")
    expect(page.locator(f"#r-{req['id']}")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("没有待审批的申请")
