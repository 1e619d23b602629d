"""A department in a real browser sends its own Excel form and downloads it back filled; the
README's screenshots of the form going in and coming back are taken here."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.api.test_requests_api import TODAY
from tests.conftest import Province
from tests.connectors import sheets
from tests.province import SCHOOLS
from tests.web.conftest import SHOTS, login
from tests.web.sheet_html import sheet_html

sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install -e '.[dev]')")
expect = sync_api.expect


def shoot(page: Any, content: bytes, caption: str, name: str) -> None:
    wb = load_workbook(io.BytesIO(content))
    page.set_content(sheet_html(wb.worksheets[0], caption))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("table").screenshot(path=str(SHOTS / name))


def test_a_department_sends_its_form_and_gets_it_back_filled(province: Province, page: Any, tmp_path: Path) -> None:
    form = tmp_path / "师资.xlsx"
    form.write_bytes(sheets.answered_form())
    login(page, province.tokens["department"])
    expect(page).to_have_url(re.compile(r"/web/requests$"))
    page.locator("#from-template summary").click()
    upload = page.locator("#from-template form")
    upload.locator("input[name=file]").set_input_files(str(form))
    upload.locator("input[name=purpose]").fill("掌握各校专任教师结构")
    upload.locator("select[name=kind]").select_option("administrative")
    upload.locator("input[name=reference_date]").fill("2026-09-01")
    upload.locator("input[name=due_date]").fill(str(TODAY.replace(year=TODAY.year + 1)))
    upload.get_by_role("button", name="读取并提交").click()
    expect(page.get_by_role("status")).to_contain_text("申请已提交")
    card = page.locator("article.request").first
    expect(card.locator("h2")).to_contain_text("各校专任教师与在校生情况")
    with page.expect_download() as download:
        card.locator("a.filled").click()
    filled = Path(download.value.path()).read_bytes()
    ws = load_workbook(io.BytesIO(filled))["师资"]
    rows = {ws[f"A{n}"].value: (ws[f"B{n}"].value, ws[f"C{n}"].value, ws[f"E{n}"].value) for n in range(5, 9)}
    assert rows[SCHOOLS[0]["name"]] == (5, 4, 1200) and set(rows) == {s["name"] for s in SCHOOLS}
    shoot(page, form.read_bytes(), "部门上传的原表 The department's own form, as sent", "template-in.png")
    shoot(page, filled, "同一张表，由库中数据填好 The same form, filled from the store", "template-filled.png")
