"""A school in a real browser: log in, open the merged form (in the departments' order and
grouping, names not codes), confirm, correct, fill and submit; the receipt after Back and in a
stale tab; a phone-sized screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_forms_api import issue_survey
from tests.conftest import Province, auth
from tests.province import SCHOOLS
from tests.web.conftest import login, overflowing, shot, unlabelled

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')")
expect = sync_api.expect

SCHOOL1 = SCHOOLS[0]["code"]
NEW_ADDRESS = "芙蓉区五一大道99号"
GROUPED = [{"key": "school.address"}, {"key": "school.enrolment"},
           {"label": "专任教师数", "type": "integer", "headers": ["教师情况"]},
           {"label": "其中：女", "type": "integer", "headers": ["教师情况", "其中"]},
           {"label": "男专任教师", "type": "integer", "headers": ["教师情况", "其中"]},
           {"label": "近视学生人数", "type": "integer", "headers": ["学生健康"]}]


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
    return page.get_by_label("近视学生人数")


def _address_history(client: TestClient, province: Province) -> list[dict[str, Any]]:
    history = client.get(f"/v1/schools/{SCHOOL1}/history", headers=auth(province.tokens["admin"])).json()
    return [c for c in history if c["field"] == "school.address" and c["source"] == "correction"]


def test_a_school_sees_the_statutory_header_with_names_and_prefilled_values_with_provenance(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province, fields=GROUPED)
    _open_form(page, province)
    header = page.locator("section.statutory")
    expect(header.locator(".approval-number")).to_have_text("湘统函〔2026〕12号")
    expect(header).to_contain_text("湘教统1表")
    expect(header).to_contain_text("湖南省统计局")
    expect(header.locator(".issuer")).to_have_text("Health Commission")  # 制表机关: the department's name
    expect(page.locator("main")).not_to_contain_text("430000-health")
    expect(page.locator(".meta")).to_contain_text("长沙市芙蓉区第一小学")
    expect(_value(page, "school.address")).to_have_value(SCHOOLS[0]["address"])
    expect(page.locator("tr[data-key='school.address'] .provenance")).to_contain_text("导入")
    expect(page.locator("tr[data-key='school.ft_teachers'] td.prefill .value")).to_have_text("5")
    expect(page.locator("tr[data-key='school.ft_teachers'] .provenance")).to_contain_text("由教师记录计算")
    expect(_new_field(page)).to_have_value("")
    assert unlabelled(page) == []
    shot(page, "school-form")


def test_the_form_keeps_the_requests_order_and_its_headers_as_groups(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province, fields=GROUPED)
    _open_form(page, province)
    labels = page.locator("tr.item td.label label").all_inner_texts()
    assert labels == ["学校地址", "在校生数", "专任教师数", "其中：女", "男专任教师", "近视学生人数"]
    expect(page.locator("h4.group")).to_have_text(["教师情况", "教师情况 › 其中", "学生健康"])
    expect(page.locator("main")).not_to_contain_text("school.c_")


def test_a_school_corrects_a_value_with_a_reason_fills_the_new_field_and_submits(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    _value(page, "school.address").fill(NEW_ADDRESS)
    _reason(page, "school.address").fill("学校搬迁")
    _new_field(page).fill("101")
    page.get_by_role("button", name="提交", exact=True).click()
    done = page.locator("#submitted")
    expect(done).to_contain_text("提交成功")
    expect(done.locator("dd").nth(1)).to_have_text("1")  # corrected in the store
    shot(page, "school-receipt")
    admin = auth(province.tokens["admin"])
    assert client.get(f"/v1/schools/{SCHOOL1}", headers=admin).json()["address"] == NEW_ADDRESS
    (change,) = _address_history(client, province)
    assert (change["previous"], change["reason"]) == (SCHOOLS[0]["address"], "school.address: 学校搬迁")
    expect(page.locator("tr[data-key='school.address'] td.answer")).to_contain_text(NEW_ADDRESS)


def test_back_after_a_submit_shows_the_receipt_not_draft_saved(client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    _new_field(page).fill("77")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_role("status")).to_contain_text("草稿已保存")
    page.reload()
    expect(_new_field(page)).to_have_value("77")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.locator("#submitted")).to_contain_text("提交成功")
    page.go_back()
    expect(page.locator("#submitted")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("草稿已保存")


def test_enter_in_a_field_does_not_save_a_draft(client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    _new_field(page).fill("12")
    _new_field(page).press("Enter")
    page.wait_for_timeout(300)
    expect(page).not_to_have_url(re.compile(r"saved=1"))
    expect(page.get_by_role("status")).to_have_count(0)
    h = auth(province.tokens[f"school:{SCHOOL1}"])
    (form,) = client.get("/v1/forms", headers=h).json()
    items = client.get(f"/v1/forms/{form['id']}", headers=h).json()["items"]
    assert all(i["draft"] is None for i in items)


def test_a_submission_with_problems_shows_each_next_to_its_field_in_the_pages_words(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    _value(page, "school.address").fill(NEW_ADDRESS)  # a correction without a reason
    _value(page, "school.enrolment").fill("many")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.locator("#problems")).to_contain_text("未保存任何内容")
    expect(page.locator("tr[data-key='school.address'] .error")).to_contain_text("请说明更正原因")
    expect(page.locator("tr[data-key='school.enrolment'] .error")).to_have_text("请填写整数")
    expect(page.locator("tr[data-key^='school.c_'] .error")).to_have_text("此项必须填写")
    expect(page.locator("main")).not_to_contain_text("school.c_")
    expect(_value(page, "school.enrolment")).to_have_value("many")
    assert _address_history(client, province) == []
    shot(page, "school-form-errors")
    _value(page, "school.enrolment").fill("1200")
    _reason(page, "school.address").fill("学校搬迁")
    _new_field(page).fill("5")
    page.get_by_role("button", name="提交", exact=True).click()
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


def test_a_stale_tab_says_plainly_the_form_was_already_submitted(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    other = page.context.new_page()
    other.goto(page.url)
    other.get_by_label("近视学生人数").fill("9")
    other.get_by_role("button", name="提交", exact=True).click()
    expect(other.locator("#submitted")).to_be_visible()
    _new_field(page).fill("10")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.locator("#submitted h1")).to_have_text("这份表单已经提交过了")
    expect(page.locator("main")).not_to_contain_text("ETag")
    expect(page.locator("tr[data-key^='school.c_'] td.answer")).to_contain_text("9")


def test_a_form_changed_since_the_page_was_read_is_not_overwritten(
        client: TestClient, province: Province, page: Any) -> None:
    issue_survey(client, province)
    _open_form(page, province)
    _new_field(page).fill("101")
    # Another department's request for the same window merges into the open form: its ETag changes.
    issue_survey(client, province, fields=[{"key": "school.enrolment"}, {"label": "校医人数", "type": "integer"}],
                 token="department:hr", title="校医配备", number="湘统函〔2026〕13号")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.locator("#problems")).to_contain_text("它在别处有了改动")
    expect(page.locator("main")).not_to_contain_text("stale ETag")
    expect(page.locator("section.statutory")).to_have_count(2)
    expect(_new_field(page)).to_have_value("101")
    assert [f["status"] for f in client.get("/v1/forms", headers=auth(province.tokens[f"school:{SCHOOL1}"])).json()] == ["opened"]


def test_the_form_fits_a_phone_screen(client: TestClient, province: Province, browser: Any, live_server: str) -> None:
    issue_survey(client, province, fields=GROUPED)
    context = browser.new_context(base_url=live_server, locale="zh-CN", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    phone = context.new_page()
    try:
        login(phone, province.tokens[f"school:{SCHOOL1}"])
        phone.get_by_role("link", name="2026年秋季学期教师队伍情况统计").click()
        expect(phone.locator("form.answers")).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert overflowing(phone) == []
        phone.get_by_label("近视学生人数").fill("3")
        phone.get_by_role("button", name="提交", exact=True).click()
        expect(phone.locator("#submitted")).to_be_visible()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        shot(phone, "school-form-phone")
    finally:
        context.close()
