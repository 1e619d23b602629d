"""Signing in with a token kept in an HttpOnly, SameSite=Strict cookie; every page checks it, and
every form post carries the CSRF token."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import Province
from tests.web.conftest import login

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')")
expect = sync_api.expect


def test_a_page_without_a_login_sends_the_browser_to_the_login_page_and_back(province: Province, page: Any) -> None:
    page.goto("/web/burden")
    expect(page).to_have_url(re.compile(r"/web/login\?next=%2Fweb%2Fburden$"))
    page.locator("#token").fill("co_not-a-token")
    page.locator("form[action='/web/login'] button").click()
    expect(page.get_by_role("alert")).to_contain_text("unknown or revoked token")
    page.locator("#token").fill(province.tokens["statistics_office"])
    page.locator("form[action='/web/login'] button").click()
    expect(page).to_have_url(re.compile(r"/web/burden$"))
    token = next(c for c in page.context.cookies() if c["name"] == "co_token")
    assert token["httpOnly"] and token["sameSite"] == "Strict"


def test_the_nav_bar_shows_what_the_role_can_use(province: Province, page: Any) -> None:
    login(page, province.tokens["school:2430000001"])
    expect(page.locator("header nav a")).to_have_text([re.compile("收件箱"), re.compile("批准登记"), re.compile("减负统计")])
    page.get_by_role("button", name="退出 Log out").click()
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
    expect(page.get_by_role("alert")).to_contain_text("no form no-such-form in your inbox")
