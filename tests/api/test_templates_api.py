"""Departments' own Excel forms: read column by column, submitted as requests, and sent back
filled in their own layout with the store's values."""

from __future__ import annotations

import io
import json
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.api.test_forms_api import open_form, submit
from tests.api.test_requests_api import approval_body, request_body
from tests.conftest import Province, auth
from tests.connectors import sheets
from tests.province import SCHOOLS, TEACHERS

PROBLEM = "application/problem+json"


def attrs(**overrides: Any) -> dict[str, Any]:
    body = request_body(scope={"regions": ["430000"]}, **overrides)
    body.pop("fields")
    body.pop("title")
    return body


def send(client: TestClient, token: str, content: bytes, *, preview: bool = False, name: str = "form.xlsx",
         corrections: dict[str, Any] | None = None, **overrides: Any) -> Any:
    data = {"request": json.dumps(attrs(**overrides))}
    if corrections is not None:
        data["corrections"] = json.dumps(corrections)
    return client.post(f"/v1/requests/from-template{'?preview=true' if preview else ''}", headers=auth(token),
                       files={"file": (name, content)}, data=data)


def columns(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["ref"]: c for c in body["columns"]}


def test_a_template_is_previewed_as_the_department_printed_it(client: TestClient, province: Province) -> None:
    r = send(client, province.tokens["department"], sheets.health_survey(), preview=True)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["title"] == "2026年全省中小学校教职工健康情况统计表" and body["sheet"] == "健康体检"
    cols = columns(body)
    assert list(cols) == ["A4", "B4", "C4", "D4", "E5", "F5", "G5", "I5", "J5", "K4"]  # H is a blank spacer
    assert cols["A4"]["role"] == "sequence"
    assert (cols["D4"]["role"], cols["D4"]["identity"]) == ("identity", "name")  # the school, in the middle
    assert cols["F5"]["headers"] == ["专任教师"] and cols["F5"]["label"] == "其中：女"
    assert cols["G5"]["label"] == "其中：35岁以下" and cols["J5"]["headers"] == ["在校学生"]
    assert cols["I5"]["field"]["key"] == "school.enrolment" and cols["I5"]["field"]["classification"] == "prefill_store"
    assert cols["K4"]["field"]["key"] == "school.address"
    assert cols["B4"]["field"]["key"] == "school.region_code"
    # A preview saves nothing.
    assert client.get("/v1/requests", headers=auth(province.tokens["department"])).json() == []


def test_an_unreadable_sheet_is_refused_naming_its_sheet_and_cell(client: TestClient, province: Province) -> None:
    r = send(client, province.tokens["department"], sheets.unreadable(), preview=True)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert r.json()["errors"][0]["loc"] == ["file", "sheet", "封面", "cell", "A1"]
    old = send(client, province.tokens["department"], bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512, preview=True)
    assert old.status_code == 422 and "save it as .xlsx" in old.json()["detail"]
    assert send(client, province.tokens["school:2430000001"], sheets.health_survey(), preview=True).status_code == 403


def test_a_reading_the_department_corrects_is_what_is_asked(client: TestClient, province: Province) -> None:
    fixes = {"B5": {"key": "school.staff"}, "C6": {"key": "school.ft_teachers"}, "H": {"skip": True}}
    r = send(client, province.tokens["department"], sheets.staff_three_levels(), preview=True, corrections=fixes)
    assert r.status_code == 200, r.text
    cols = columns(r.json())
    assert cols["A4"]["identity"] == "code"
    assert cols["C6"]["headers"] == ["教职工", "专任教师"] and cols["C6"]["field"]["key"] == "school.ft_teachers"
    assert cols["D6"]["headers"] == ["教职工", "专任教师"] and cols["E6"]["label"] == "50岁及以上"
    assert cols["B5"]["field"]["key"] == "school.staff" and cols["H5"]["role"] == "skipped"
    assert cols["G5"]["headers"] == ["学生"] and cols["G5"]["unit"] == "人"
    bad = send(client, province.tokens["department"], sheets.staff_three_levels(), preview=True,
               corrections={**fixes, "B5": {"key": "school.no_such_field"}})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"][:3] == ["file", "column", "B5"]
    assert bad.json()["errors"][0]["msg"].startswith("教职工 / 合计: ")


def _answer_everything(client: TestClient, province: Province) -> None:
    """Every school fills what it is asked; school 4 gives an address that would be a formula."""
    for school in (s["code"] for s in SCHOOLS):
        form, etag = open_form(client, province, school)
        answers = []
        for item in form["items"]:
            if item["prefill"] is not None:
                continue
            value: Any = "=HYPERLINK(\"http://x\")" if item["type"] == "text" else 10 + int(school[-1])
            answers.append({"key": item["key"], "value": value})
        r = submit(client, province, form, etag, answers, key=f"t-{school}", school=school)
        assert r.status_code == 200, r.text


def _cells(ws: Any, row: int) -> dict[str, Any]:
    return {c.column_letter: c.value for c in ws[row]}


def test_a_template_comes_back_filled_in_its_own_layout(client: TestClient, province: Province) -> None:
    dept = province.tokens["department"]
    r = send(client, dept, sheets.health_survey())
    assert r.status_code == 201, r.text
    req = r.json()["request"]
    assert req["title"] == "2026年全省中小学校教职工健康情况统计表" and req["status"] == "pending_approval"
    keys = {ref: c["field"]["key"] for ref, c in columns(r.json()["preview"]).items() if c["field"]}
    a = client.post(f"/v1/requests/{req['id']}/approval", headers=auth(province.tokens["statistics_office"]),
                    json=approval_body())
    assert a.status_code == 201, a.text
    assert client.post(f"/v1/requests/{req['id']}/issue", headers=auth(dept)).status_code == 200
    _answer_everything(client, province)
    results = client.get(f"/v1/requests/{req['id']}/results", headers=auth(dept)).json()
    got = client.get(f"/v1/requests/{req['id']}/results?format=template", headers=auth(dept))
    assert got.status_code == 200, got.text
    wb = load_workbook(io.BytesIO(got.content))
    assert wb.sheetnames == ["健康体检", "来源 provenance", "完成情况 completion"]
    ws = wb["健康体检"]
    # Title, headers and merged cells as the department made them.
    assert ws["A1"].value == "2026年全省中小学校教职工健康情况统计表"
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"A1:K1", "A4:A5", "D4:D5", "E4:G4", "I4:J4", "K4:K5"} <= merged
    assert (ws["E4"].value, ws["F5"].value, ws["J5"].value) == ("专任教师", "其中：女", "近视\n学生数")
    assert _cells(ws, 6)["E"] == 1  # the column numbers stay
    # The total row first, then one row per school, in order, with the store's values.
    assert ws["D7"].value == "合计"
    rows = {ws[f"D{n}"].value: n for n in range(8, 12)}
    assert list(rows) == [s["name"] for s in SCHOOLS]
    labels = {"211": "小学", "311": "初级中学", "342": "高级中学"}
    for n, expected in enumerate(results["rows"], start=8):
        row = _cells(ws, n)
        assert row["A"] == n - 7 and row["D"] == expected["school_name"]
        for ref, key in keys.items():
            value, want = row[ref.rstrip("0123456789")], expected[key]
            if key == "school.school_type":
                assert value == labels[want]
            elif key in ("school.region_code", "school.address"):
                assert value == (want if not want.startswith("=") else "'" + want)
            else:
                assert isinstance(value, int) and value == int(want), (ref, value, want)
    assert ws["E8"].value == 5 and ws["F8"].value == 4 and ws["I8"].value == 1200  # known answers of school 1
    assert ws["E7"].value == sum(int(x["school.ft_teachers"]) for x in results["rows"])
    # A school's text that would run as a formula is written as text.
    assert ws["K11"].value.startswith("'=") and ws["K11"].data_type == "s"
    # The notes follow the schools, still merged across the sheet.
    note = next(n for n in range(12, ws.max_row + 1) if str(ws[f"A{n}"].value or "").startswith("注："))
    assert f"A{note}:K{note}" in merged and ws[f"A{note + 1}"].value == "填表人："
    prov = list(wb["来源 provenance"].iter_rows(values_only=True))
    sources = {(p[0], p[5]): p[7] for p in prov[1:]}
    assert sources[(SCHOOLS[0]["code"], "school.ft_teachers")] == "computed"
    assert sources[(SCHOOLS[0]["code"], keys["J5"])] == "form"
    assert sources[(SCHOOLS[0]["code"], "school.enrolment")] == "import"
    completion = list(wb["完成情况 completion"].iter_rows(values_only=True))[1:]
    assert [(c[0], c[2]) for c in completion] == [(s["code"], "submitted") for s in SCHOOLS]
    assert client.get(f"/v1/requests/{req['id']}/results?format=template",
                      headers=auth(province.tokens["department:hr"])).status_code == 404


def test_a_template_the_store_answers_comes_back_filled_at_once(client: TestClient, province: Province) -> None:
    dept = province.tokens["department"]
    fixes = {"B5": {"key": "school.staff"}, "C6": {"key": "school.ft_teachers"}, "E": {"skip": True},
             "H": {"skip": True}}
    r = send(client, dept, sheets.staff_three_levels(), corrections=fixes)
    assert r.status_code == 201, r.text
    req = r.json()["request"]
    assert req["status"] == "answered", [f["classification"] for f in req["fields"]]
    got = client.get(f"/v1/requests/{req['id']}/results?format=template", headers=auth(dept))
    assert got.status_code == 200, got.text
    ws = load_workbook(io.BytesIO(got.content))["Sheet1"]
    assert ws["A1"].value == "各校教职工情况" and ws["B4"].value == "教职工" and ws["C5"].value == "专任教师"
    assert _cells(ws, 7)["B"] == "人"  # the units row stays
    by_code = {ws[f"A{n}"].value: _cells(ws, n) for n in range(8, 12)}
    assert list(by_code) == [s["code"] for s in SCHOOLS]
    one = by_code[SCHOOLS[0]["code"]]
    assert (one["B"], one["C"], one["D"], one["F"], one["G"]) == (6, 5, 4, 1, 1200)
    assert ws["A13"].value == "说明：数据截至2026年9月1日。"
    prov = list(load_workbook(io.BytesIO(got.content))["来源 provenance"].iter_rows(values_only=True))
    assert {p[7] for p in prov[1:]} == {"computed", "import"}


def test_a_template_without_a_school_column_gets_one(client: TestClient, province: Province) -> None:
    dept = province.tokens["department"]
    r = send(client, dept, sheets.english_form(), corrections={"B": {"skip": True}, "C": {"skip": True},
                                                               "D4": {"key": "school.ft_teachers"},
                                                               "E4": {"key": "school.ft_teachers.gender.female"},
                                                               "G": {"skip": True}})
    assert r.status_code == 201 and r.json()["request"]["status"] == "answered", r.text
    got = client.get(f"/v1/requests/{r.json()['request']['id']}/results?format=template", headers=auth(dept))
    ws = load_workbook(io.BytesIO(got.content))["Teachers"]
    assert (ws["H3"].value, ws["I3"].value) == ("School code", "School name")
    assert [ws[f"H{n}"].value for n in range(5, 9)] == [s["code"] for s in SCHOOLS]
    assert (ws["A5"].value, ws["D5"].value, ws["E5"].value, ws["F5"].value) == (1, 5, 4, 1200)


def test_a_roster_template_comes_back_with_a_row_per_teacher_and_sensitive_values_masked(
        client: TestClient, province: Province) -> None:
    dept = province.tokens["department"]
    r = send(client, dept, sheets.roster_form(), level="roster")
    assert r.status_code == 201, r.text
    req = r.json()["request"]
    assert req["status"] == "answered" and [f["key"] for f in req["fields"]] == [
        "teacher.name", "teacher.gender", "teacher.birth_date", "teacher.title", "teacher.id_number"]
    got = client.get(f"/v1/requests/{req['id']}/results?format=template", headers=auth(dept))
    assert got.status_code == 200, got.text
    ws = load_workbook(io.BytesIO(got.content))["名册"]
    rows = [_cells(ws, n) for n in range(3, ws.max_row + 1) if ws[f"C{n}"].value]
    active = [t for t in TEACHERS if t["status"] == "1"]
    assert [row["C"] for row in rows] == [t["name"] for t in sorted(active, key=lambda t: (t["school_code"], t["id"]))]
    first = next(row for row in rows if row["C"] == TEACHERS[0]["name"])
    assert (first["A"], first["B"], first["D"], first["F"]) == (1, SCHOOLS[0]["name"], "女", "二级教师")
    assert first["E"].date().isoformat() == TEACHERS[0]["birth_date"]
    assert first["G"] != TEACHERS[0]["id_number"] and "*" in first["G"]  # masked, as the results are


def test_the_preview_shows_what_a_live_request_already_asks(client: TestClient, province: Province) -> None:
    first = send(client, province.tokens["department"], sheets.health_survey())
    assert first.status_code == 201, first.text
    rid = first.json()["request"]["id"]
    again = send(client, province.tokens["department:hr"], sheets.health_survey(), preview=True)
    assert again.status_code == 200, again.text
    body = again.json()
    asked = [c for c in body["columns"] if c["field"] and c["field"]["classification"] not in ("prefill_store",
                                                                                               "prefill_collected")]
    assert asked and all(c["field"]["classification"] == "collected_by_active" for c in asked)
    assert all(c["field"]["source"] == f"request:{rid}" for c in asked)
    assert body["analysis"]["decision"] == "rejected_duplicate" and body["analysis"]["duplicates"][0]["request_id"] == rid
    refused = send(client, province.tokens["department:hr"], sheets.health_survey())
    assert refused.status_code == 409 and refused.json()["reason"] == "duplicate_request"
