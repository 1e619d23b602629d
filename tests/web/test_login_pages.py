"""Signing in with a token or a one-time link, kept in an HttpOnly, SameSite=Strict cookie; every
page checks it, every form post carries the CSRF token; one language at a time; the admin's page
of principals; /docs without the internet."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.domain.clock import travel
from tests.conftest import Province, auth
from tests.web.conftest import login, shot, unlabelled

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')")
expect = sync_api.expect


def test_the_address_leads_to_the_sign_in_page_and_back_to_the_page_asked_for(province: Province, page: Any) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/web/login\?next=%2Fweb%2F$"))
    shot(page, "sign-in")
    page.goto("/web/burden")
    expect(page).to_have_url(re.compile(r"/web/login\?next=%2Fweb%2Fburden$"))
    page.locator("#token").fill("co_not-a-token")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_have_text("令牌无效、已撤销或已过期。")
    page.locator("#token").fill(province.tokens["statistics_office"])
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/web/burden$"))
    token = next(c for c in page.context.cookies() if c["name"] == "co_token")
    assert token["httpOnly"] and token["sameSite"] == "Strict"


def test_the_language_switch_shows_one_language_at_a_time(province: Province, page: Any) -> None:
    login(page, province.tokens["department"], "/web/requests")
    expect(page.locator("h1")).to_have_text("我的数据申请")
    expect(page.locator("header nav")).to_have_text(re.compile(r"^\s*我的申请\s+批准登记\s+更正审核\s+减负统计\s*$"))
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/web/requests$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Our requests")
    expect(page.locator("header nav")).to_have_text(re.compile(r"^\s*Requests\s+Approvals register\s+Corrections\s+Burden\s*$"))
    page.goto("/web/burden")  # the choice holds on every page
    expect(page.locator("h1")).to_have_text("Burden on schools")
    expect(page.locator("main")).not_to_contain_text("基层减负")
    shot(page, "burden-en")
    page.get_by_role("link", name="中文").click()
    expect(page.locator("h1")).to_have_text("基层减负统计")
    expect(page.locator("main")).not_to_contain_text("Burden on schools")


def test_error_messages_follow_the_language(province: Province, page: Any) -> None:
    page.goto("/web/lang/en?next=/web/login")
    page.locator("#token").fill("co_not-a-token")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("The token is unknown, revoked or expired.")
    login(page, province.tokens["school:2430000002"], "/web/inbox")
    response = page.goto("/web/forms/no-such-form")
    assert response is not None and response.status == 404
    expect(page.get_by_role("alert")).to_contain_text("Not found, or not yours to see.")


def test_the_nav_bar_shows_what_the_role_can_use(province: Province, page: Any) -> None:
    login(page, province.tokens["school:2430000001"])
    expect(page.locator("header nav a")).to_have_text(["收件箱", "批准登记", "减负统计"])
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/web/login$"))
    page.goto("/web/inbox")
    expect(page).to_have_url(re.compile(r"/web/login\?next="))
    login(page, province.tokens["statistics_office"])
    expect(page).to_have_url(re.compile(r"/web/queue$"))
    expect(page.locator("header nav")).to_contain_text("待审批")
    expect(page.locator("header nav")).not_to_contain_text("收件箱")


def test_a_post_without_the_csrf_token_is_refused(province: Province, page: Any) -> None:
    login(page, province.tokens["school:2430000001"])
    status = page.evaluate("""async () => (await fetch("/web/logout", {method: "POST",
        body: new URLSearchParams({csrf: "forged"})})).status""")
    assert status == 403
    page.goto("/web/inbox")
    expect(page.locator("h1")).to_contain_text("收件箱")  # still signed in


def test_a_school_cannot_open_another_schools_form(province: Province, page: Any) -> None:
    login(page, province.tokens["school:2430000002"])
    response = page.goto("/web/forms/no-such-form")
    assert response is not None and response.status == 404
    expect(page.get_by_role("alert")).to_contain_text("没有找到")


def test_a_sign_in_link_opens_one_session_once(client: TestClient, province: Province, page: Any) -> None:
    creds = client.post("/v1/admin/credentials/schools", headers=auth(province.tokens["admin"]), json={}).json()
    link = next(c for c in creds if c["school_code"] == "2430000001")["sign_in_link"]
    path = link.split("://", 1)[1].split("/", 1)[1]
    page.goto("/" + path)  # opening the link (a mail scanner would too) spends nothing
    expect(page.locator("main")).to_contain_text("长沙市芙蓉区第一小学")
    page.reload()
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/web/inbox$"))
    session = next(c["value"] for c in page.context.cookies() if c["name"] == "co_token")
    assert client.get("/v1/me", headers=auth(session)).json()["org_code"] == "2430000001"
    page.get_by_role("button", name="退出").click()  # signing out ends the session the link opened
    assert client.get("/v1/me", headers=auth(session)).status_code == 401
    other = page.context.browser.new_context(base_url=page.url.split("/web/")[0], locale="zh-CN").new_page()
    other.goto("/" + path)
    expect(other.get_by_role("alert")).to_contain_text("该登录链接已使用、已过期或已被收回")
    other.context.close()


def test_an_expired_token_is_told_as_expired(client: TestClient, province: Province, page: Any) -> None:
    issued = client.post("/v1/admin/principals", headers=auth(province.tokens["admin"]),
                         json={"role": "department", "org": "430000-civil", "org_name": "湖南省民政厅",
                               "jurisdiction": "430000", "days": 1}).json()
    with travel(timedelta(days=2)):
        page.goto("/web/login")
        page.locator("#token").fill(issued["token"])
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_role("alert")).to_contain_text("已过期")


def test_the_admin_lists_principals_and_hands_out_links_and_tokens(
        client: TestClient, province: Province, page: Any) -> None:
    login(page, province.tokens["admin"])
    expect(page).to_have_url(re.compile(r"/web/admin/principals$"))
    assert unlabelled(page) == []
    expect(page.locator("table.principals")).to_contain_text("Health Commission")
    expect(page.locator("table.principals")).to_contain_text("湖南省")  # jurisdiction by name
    shot(page, "admin-principals")
    # A new department without its name and jurisdiction: both said at once, beside their fields.
    page.get_by_label("新账号的角色").select_option("department")
    page.get_by_label("单位代码", exact=True).fill("430000-civil")
    page.get_by_role("button", name="发放令牌").click()
    expect(page.locator("#org_name-error")).to_have_text("新单位须填写名称")
    expect(page.locator("#jurisdiction-error")).to_have_text("新单位须填写管辖范围（地区代码，如 430000）")
    page.get_by_label("单位名称", exact=True).fill("湖南省民政厅")
    page.get_by_label("管辖范围（地区代码）").fill("430000")
    page.get_by_role("button", name="发放令牌").click()
    token = page.locator("#shown .secret").inner_text().strip()
    assert client.get("/v1/me", headers=auth(token)).json()["org_name"] == "湖南省民政厅"
    row = page.locator("table.principals tbody tr").first
    row.get_by_role("button", name="登录链接").click()
    expect(page.locator("#shown .secret")).to_contain_text("/web/sign-in/sl_")
    page.locator("table.principals tbody tr").first.get_by_role("button", name="撤销").click()
    expect(page.locator("#shown")).to_contain_text("已撤销")
    assert client.get("/v1/me", headers=auth(token)).status_code == 401


def test_the_api_docs_work_without_the_internet(province: Province, page: Any, live_server: str) -> None:
    outside: list[str] = []

    def only_here(route: Any) -> None:
        if route.request.url.startswith(live_server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("CollectOnce")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    assert outside == []
