"""A school in a real browser: log in, open the merged form, confirm, correct, fill and submit."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_forms_api import issue_survey
from tests.conftest import Province, auth
from tests.province import SCHOOLS
from tests.web.conftest import login

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')")
expect = sync_api.expect

SCHOOL1 = SCHOOLS[0]["code"]
NEW_ADDRESS = "芙蓉区五一大道99号"


def _open_form(page: Any, province: Province) -> None:
    login(page, province.tokens[f"school:{SCHOOL1}"])
    expect(page).to_have_url(re.compile(r"/web/inbox$"))
    page.get_by_role("link", name="2026年秋季学期教师队伍情况统计").click()
    expect(page.locator("form.answers")).to_be_visible()


def _value(page: Any, key: str) -> Any:
    return page.locator(f"tr[data-key='{key}'] td.answer :is(input, select)")


def _reason(page: Any, key: str) -> Any:
    return page.locator(f"tr[data-key='{key}'] td.reason input")


def _new_field(page: Any) -> Any:
    return page.locator("tr.item[data-key^='school.c_'] td.answer input")


def _address_history(client: TestClient, province: Province) -> list[dict[str, Any]]:
    history = client.get(f"/v1/schools/{SCHOOL1}/history", headers=auth(province.tokens["admin"])).json()
    return [c for c in history if c["field"] == "school.address" and c["source"] == "correction"]


def test_a_school_sees_the_statutory_header_and_prefilled_values_with_provenance(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    header = page.locator("section.statutory")
    expect(header.locator(".approval-number")).to_have_text("湘统函〔2026〕12号")
    expect(header).to_contain_text("湘教统1表")
    expect(header).to_contain_text("湖南省统计局")
    expect(header).to_contain_text("430000-health")
    expect(_value(page, "school.address")).to_have_value(SCHOOLS[0]["address"])
    expect(page.locator("tr[data-key='school.address'] .provenance")).to_contain_text("导入")
    expect(page.locator("tr[data-key='school.ft_teachers'] td.prefill .value")).to_have_text("5")
    expect(page.locator("tr[data-key='school.ft_teachers'] .provenance")).to_contain_text("由教师记录计算")
    expect(_new_field(page)).to_have_value("")


def test_a_school_corrects_a_value_with_a_reason_fills_the_new_field_and_submits(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    _value(page, "school.address").fill(NEW_ADDRESS)
    _reason(page, "school.address").fill("学校搬迁")
    _new_field(page).fill("101")
    page.get_by_role("button", name="提交 Submit").click()
    done = page.locator("#submitted")
    expect(done).to_contain_text("提交成功")
    expect(done.locator("dd").nth(1)).to_have_text("1")  # corrected in the store
    admin = auth(province.tokens["admin"])
    assert client.get(f"/v1/schools/{SCHOOL1}", headers=admin).json()["address"] == NEW_ADDRESS
    (change,) = _address_history(client, province)
    assert (change["previous"], change["reason"]) == (SCHOOLS[0]["address"], "school.address: 学校搬迁")
    page.get_by_role("link", name="查看已提交的表单").click()
    expect(page.locator("h1 .status")).to_contain_text("已提交")
    expect(page.locator("tr[data-key='school.address'] td.answer")).to_contain_text(NEW_ADDRESS)


def test_a_draft_is_kept_and_shown_again(client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    _new_field(page).fill("77")
    page.get_by_role("button", name="保存草稿 Save draft").click()
    expect(page.get_by_role("status")).to_contain_text("草稿已保存")
    page.reload()
    expect(_new_field(page)).to_have_value("77")


def test_a_submission_with_problems_shows_each_next_to_its_field_and_keeps_what_was_typed(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    _value(page, "school.address").fill(NEW_ADDRESS)  # a correction without a reason
    _value(page, "school.enrolment").fill("many")
    page.get_by_role("button", name="提交 Submit").click()
    expect(page.locator("#problems")).to_contain_text("Nothing was saved")
    errors = page.locator("tr.error-row")
    expect(errors).to_have_count(3)
    expect(page.locator("tr.item[data-key='school.address'] + tr.error-row")).to_contain_text("a correction needs a reason")
    expect(page.locator("tr.item[data-key='school.enrolment'] + tr.error-row")).to_contain_text("not a whole number")
    expect(page.locator("tr.item[data-key^='school.c_'] + tr.error-row")).to_contain_text("an answer is required")
    expect(_value(page, "school.address")).to_have_value(NEW_ADDRESS)
    expect(_value(page, "school.enrolment")).to_have_value("many")
    assert _address_history(client, province) == []
    # Put right on the same page, the submission goes through.
    _value(page, "school.enrolment").fill("1200")
    _reason(page, "school.address").fill("学校搬迁")
    _new_field(page).fill("5")
    page.get_by_role("button", name="提交 Submit").click()
    expect(page.locator("#submitted")).to_be_visible()


SEND_TWICE_AT_ONCE_THEN_AGAIN = """async () => {
  const form = document.querySelector("form.answers");
  const send = () => {
    const data = new URLSearchParams(new FormData(form));
    data.append("op", "submit");
    return fetch(form.action, {method: "POST", body: data}).then(async (r) => [r.status, await r.text()]);
  };
  const pair = await Promise.all([send(), send()]);
  const again = await send();
  return [...pair, again].map(([status, html]) => [status, html.includes('id="submitted"')]);
}"""


def test_a_double_click_or_a_resent_page_submits_once(client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    _value(page, "school.address").fill(NEW_ADDRESS)
    _reason(page, "school.address").fill("学校搬迁")
    _new_field(page).fill("101")
    # The page's own script ignores a second click; this sends the same page three times regardless.
    outcomes = page.evaluate(SEND_TWICE_AT_ONCE_THEN_AGAIN)
    assert outcomes == [[200, True]] * 3
    assert len(_address_history(client, province)) == 1
    forms = client.get("/v1/forms", headers=auth(province.tokens[f"school:{SCHOOL1}"])).json()
    assert [f["status"] for f in forms] == ["submitted"]


def test_a_form_changed_since_the_page_was_read_is_not_overwritten(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    _new_field(page).fill("101")
    # Another department's request for the same window merges into the open form: its ETag changes.
    issue_survey(client, province, fields=[{"key": "school.enrolment"}, {"label": "校医人数", "type": "integer"}],
                 token="department:hr", title="校医配备", number="湘统函〔2026〕13号")
    page.get_by_role("button", name="提交 Submit").click()
    expect(page.locator("#problems")).to_contain_text("the form changed since you read it")
    expect(page.locator("section.statutory")).to_have_count(2)
    expect(page.locator("tr.item[data-key^='school.c_'] td.answer input").first).to_have_value("101")
    assert [f["status"] for f in client.get("/v1/forms", headers=auth(province.tokens[f"school:{SCHOOL1}"])).json()] == ["opened"]
