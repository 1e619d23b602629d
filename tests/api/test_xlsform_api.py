"""XLSForm (ODK) definitions in as requests, issued requests out as XLSForms, and back again."""

from __future__ import annotations

import io
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from tests.api.test_templates_api import columns, send
from tests.conftest import Province, auth

ZH, EN = "label::Chinese (zh)", "label::English (en)"


def xlsform(survey: list[list[Any]], choices: list[list[Any]], title: str = "学校基本情况调查") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in [["type", "name", ZH, EN, "required"], *survey]:
        ws.append(row)
    ch = wb.create_sheet("choices")
    for row in [["list_name", "name", ZH, EN], *choices]:
        ch.append(row)
    st = wb.create_sheet("settings")
    st.append(["form_title", "form_id"])
    st.append([title, "school_survey_2026"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def school_survey() -> bytes:
    """A research institute's ODK form: the school's name, a group of questions, a select_one whose
    choices are the urban/rural code list under another wording, a yes/no, a location and a note."""
    return xlsform(
        [["note", "intro", "请如实填写", "Please answer truthfully", ""],
         ["text", "sname", "学校名称", "School name", "yes"],
         ["begin group", "basic", "基本情况", "Basics", ""],
         ["integer", "enrol", "在校生数", "Enrolment", "yes"],
         ["select_one loc", "loc", "学校所在地", "Where the school is", "yes"],
         ["end group", "", "", "", ""],
         ["select_one yn", "nurse", "是否配备专职校医", "Has a full-time school nurse", ""],
         ["geopoint", "gps", "学校位置", "Location", ""]],
        [["loc", "1", "主城区", "city core"], ["loc", "2", "城乡结合区", "urban-rural fringe"],
         ["loc", "3", "镇中心区", "town centre"], ["loc", "4", "村庄", "village"],
         ["yn", "1", "是", "Yes"], ["yn", "0", "否", "No"]])


def test_an_xlsform_is_read_as_a_request(client: TestClient, province: Province) -> None:
    r = send(client, province.tokens["department"], school_survey(), preview=True)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["format"] == "xlsform" and body["title"] == "学校基本情况调查"
    cols = columns(body)
    assert cols["survey!B3"]["identity"] == "name"
    assert cols["survey!B5"]["headers"] == ["基本情况"] and cols["survey!B5"]["field"]["key"] == "school.enrolment"
    loc = cols["survey!B6"]
    assert loc["choices"] == ["1", "2", "3", "4"] and loc["field"]["key"] == "school.urban_rural"
    assert "code list urban_rural" in loc["note"]
    assert cols["survey!B8"]["field"]["classification"] == "new"
    assert "survey!B9" not in cols and any("geopoint" in n for n in body["notes"])


def test_a_broken_xlsform_is_refused_naming_its_row(client: TestClient, province: Province) -> None:
    broken = xlsform([["integer", "a", "在校生数", "Enrolment", ""], ["select_one nolist", "b", "类型", "Type", ""]], [])
    r = send(client, province.tokens["department"], broken, preview=True)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"][:3] == ["file", "sheet", "survey"]


def test_an_issued_request_goes_out_as_an_xlsform_and_reads_back_the_same(client: TestClient, province: Province) -> None:
    edu = province.tokens["education_office"]
    made = send(client, edu, school_survey(), kind="administrative")
    assert made.status_code == 201, made.text
    req = made.json()["request"]
    assert client.get(f"/v1/requests/{req['id']}/xlsform", headers=auth(edu)).status_code == 409  # not issued yet
    assert client.post(f"/v1/requests/{req['id']}/issue", headers=auth(edu)).status_code == 200
    out = client.get(f"/v1/requests/{req['id']}/xlsform", headers=auth(edu))
    assert out.status_code == 200
    xform = convert(out.content, file_type=".xlsx").xform  # ODK's reference converter accepts it
    keys = [f["key"] for f in req["fields"]]
    assert all(f'<{k}' in xform or k in xform for k in keys)
    survey = list(load_workbook(io.BytesIO(out.content))["survey"].iter_rows(values_only=True))
    assert survey[0][:4] == ("type", "name", ZH, EN)
    assert survey[[r[1] for r in survey].index("school.urban_rural")][:2] == ("select_one list1", "school.urban_rural")
    again = send(client, province.tokens["department"], out.content, preview=True)
    assert again.status_code == 200, again.text
    read_back = [c["field"]["key"] for c in again.json()["columns"] if c["field"]]
    assert read_back == keys
    assert [c["headers"] for c in again.json()["columns"] if c["field"]] == [f["headers"] for f in req["fields"]]
    assert client.get(f"/v1/requests/{req['id']}/xlsform", headers=auth(province.tokens["department"])).status_code == 404
