"""Files as a careless or hostile client sends them: every one gets a 4xx problem+json naming what
is wrong, and nothing of it is written."""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from tests.api.test_templates_api import attrs, send
from tests.api.test_xlsform_api import school_survey
from tests.conftest import Province, auth
from tests.connectors import sheets

PROBLEM = "application/problem+json"


def _problem(r: Any, *statuses: int) -> dict[str, Any]:
    assert r.status_code in statuses and r.headers["content-type"].startswith(PROBLEM), (r.status_code, r.text[:500])
    return dict(r.json())


def _replace(xlsx: bytes, part: str, change: Any) -> bytes:
    """The workbook with one of its parts rewritten by `change` (bytes -> bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, change(data) if info.filename == part else data)
    return out.getvalue()


def _with_part(xlsx: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO(xlsx)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return out.getvalue()


def _schools_xlsx(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


BOMB = b"<x>" + b" " * (80 * 1024 * 1024) + b"</x>"  # 80 MB of spaces: about 80 kB deflated
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
          b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _doctype(prefix: bytes, entity: bytes) -> Any:
    """The part with a DOCTYPE declaring entities, and its first text or value using one."""
    def change(data: bytes) -> bytes:
        body = re.sub(rb"^<\?xml[^>]*\?>", b"", data)
        body = re.sub(rb"<(t|v)>[^<]*</(t|v)>", lambda m: b"<%s>%s</%s>" % (m[1], entity, m[1]), body, count=1)
        return prefix + body
    return change


def _import(client: TestClient, province: Province, name: str, content: bytes, kind: str = "schools") -> Any:
    return client.post(f"/v1/imports/{kind}", headers=auth(province.tokens["admin"]),
                       files={"file": (name, io.BytesIO(content))})


def _nothing_imported(client: TestClient, province: Province) -> None:
    r = client.get("/v1/imports", headers=auth(province.tokens["admin"]))
    assert r.status_code in (200, 404, 405)


FILES = {
    "zip bomb": lambda x: _with_part(x, "xl/bomb.xml", BOMB),
    "bomb as styles": lambda x: _replace(x, "xl/styles.xml", lambda _d: BOMB),
    "bomb as a sheet": lambda x: _replace(x, "xl/worksheets/sheet1.xml", lambda _d: BOMB),
    "entity expansion": lambda x: _replace(x, "xl/worksheets/sheet1.xml", _doctype(LAUGHS, b"&c;")),
    "external entity": lambda x: _replace(x, "xl/worksheets/sheet1.xml", _doctype(EXTERNAL, b"&x;")),
    "truncated sheet": lambda x: _replace(x, "xl/worksheets/sheet1.xml", lambda d: d[: len(d) // 2]),
    "a pdf": lambda _x: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n",
    "a csv": lambda _x: "学校名称,在校生数\n一中,100\n".encode(),
    "empty": lambda _x: b"",
    "not a zip of a workbook": lambda _x: _with_part(b"", "hello.txt", b"hi"),
}


@pytest.mark.parametrize("what", list(FILES))
def test_a_hostile_template_is_refused_with_a_problem(client: TestClient, province: Province, what: str) -> None:
    for content in (FILES[what](sheets.health_survey()), FILES[what](school_survey())):
        _problem(send(client, province.tokens["department"], content, preview=True), 413, 422)
        _problem(send(client, province.tokens["department"], content), 413, 422)
    assert client.get("/v1/requests", headers=auth(province.tokens["department"])).json() == []


@pytest.mark.parametrize("what", list(FILES))
def test_a_hostile_workbook_import_is_refused_with_a_problem(client: TestClient, province: Province, what: str) -> None:
    content = FILES[what](_schools_xlsx([["code", "name"], ["4300000001", "x"]]))
    _problem(_import(client, province, "schools.xlsx", content), 413, 422)
    _problem(_import(client, province, "teachers.xlsx", content, "teachers"), 413, 422)
    _problem(_import(client, province, "teachers.xlsx", content, "teachers?format=national-teachers"), 413, 422)


CSVS = {
    "invalid utf-8 and gb18030": b"code,name\n4300000001,\xff\xfe\xfa\xfb\n",
    "a bom, nul bytes and mixed newlines": b"\xef\xbb\xbfcode,name\r\n4300000001,a\x00b\r4300000002,c\n",
    "a pdf called .csv": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n\x00\x01\x02",
    "an xlsx called .csv": b"",
    "a header only": b"code,name\n",
    "an empty file": b"",
    "an unclosed quote": b'code,name\n4300000001,"abc\n4300000002,d\n',
    "an enormous cell": b"code,name\n4300000001," + b"x" * (3 << 20) + b"\n",
    "a nul in the header": b"co\x00de,name\n4300000001,a\n",
    "a duplicated header": b"code,code,name\n4300000001,4300000001,a\n",
}


@pytest.mark.parametrize("what", list(CSVS))
def test_a_hostile_csv_import_is_refused_with_a_problem(client: TestClient, province: Province, what: str) -> None:
    content = CSVS[what] or (_schools_xlsx([["code", "name"]]) if "xlsx" in what else b"")
    for kind in ("schools", "teachers"):
        r = _import(client, province, f"{kind}.csv", content, kind)
        assert r.status_code < 500, (what, r.status_code, r.text[:300])
        if r.status_code != 200:
            _problem(r, 413, 422)


@pytest.mark.parametrize("filename", ["..", ".", "a\x00b.csv", "", "x" * 5000 + ".csv", "r\r\nX-Evil: 1.csv", '"; .csv'])
def test_a_regions_upload_under_a_hostile_name_is_a_problem_or_read(client: TestClient, province: Province,
                                                                      filename: str) -> None:
    r = client.post("/v1/admin/regions", headers=auth(province.tokens["admin"]),
                    files={"file": (filename, io.BytesIO(b"code,name,parent_code,level\n"))})
    assert r.status_code < 500, (filename[:20], r.status_code, r.text[:300])


@pytest.mark.parametrize("what", ["zip bomb", "bomb as a sheet", "entity expansion", "truncated sheet", "a pdf"])
def test_a_hostile_regions_workbook_is_refused_with_a_problem(client: TestClient, province: Province, what: str) -> None:
    content = FILES[what](_schools_xlsx([["code", "name", "parent_code", "level"], ["430000", "湖南省", None, "province"]]))
    _problem(client.post("/v1/admin/regions", headers=auth(province.tokens["admin"]),
                         files={"file": ("regions.xlsx", io.BytesIO(content))}), 413, 422)


def test_workbooks_are_parsed_without_entities() -> None:
    """openpyxl parses through defusedxml when it is installed: it is a declared dependency."""
    import openpyxl.xml
    from defusedxml import DefusedXmlException
    from openpyxl.xml.functions import fromstring

    assert openpyxl.xml.DEFUSEDXML
    with pytest.raises(DefusedXmlException):
        fromstring(EXTERNAL + b"<s>&x;</s>")


def _lying_dimension(xlsx: bytes, last: str = "XFD1048576") -> bytes:
    """A sheet claiming 1,048,576 rows by 16,384 columns, with one cell at its far corner."""
    def change(d: bytes) -> bytes:
        d = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:%s"/>' % last.encode(), d)
        return d.replace(b"</sheetData>", b'<row r="%s"><c r="%s" t="inlineStr"><is><t>z</t></is></c></row></sheetData>'
                         % (re.sub(rb"[A-Z]", b"", last.encode()), last.encode()))
    return _replace(xlsx, "xl/worksheets/sheet1.xml", change)


def test_a_sheet_claiming_a_million_rows_and_columns_is_read_as_it_is(client: TestClient, province: Province) -> None:
    content = _lying_dimension(_schools_xlsx([["code", "name"], ["4300000001", "x"]]))
    assert len(content) < 10_000
    started = time.monotonic()
    r = _import(client, province, "schools.xlsx", content)
    assert time.monotonic() - started < 20
    body = _problem(r, 422)  # one school, read at its own row; the header's other required columns are missing
    assert body["report"]["rows_total"] == 1
    assert not [e for e in body["errors"] if str(e["loc"][3]).startswith("column")]  # no 16,382 unnamed columns


def test_a_header_wider_than_any_file_is_refused_naming_its_cell(client: TestClient, province: Province) -> None:
    wide = _schools_xlsx([["code", "name", *[f"c{i}" for i in range(2000)]]])
    body = _problem(_import(client, province, "schools.xlsx", wide), 422)
    assert "at most 1024" in body["detail"]


def test_a_template_of_too_many_cells_is_refused_before_it_is_opened(client: TestClient, province: Province) -> None:
    rows = b"".join(b'<row r="%d">' % r + b"".join(b'<c r="%s%d"><v>1</v></c>' % (bytes([c]), r) for c in b"ABCDEFGHIJ") + b"</row>"
                    for r in range(6, 30_006))
    content = _replace(sheets.health_survey(), "xl/worksheets/sheet1.xml", lambda d: d.replace(b"</sheetData>", rows + b"</sheetData>"))
    started = time.monotonic()
    body = _problem(send(client, province.tokens["department"], content, preview=True), 422)
    assert "cells" in body["detail"] and time.monotonic() - started < 5


def test_a_bomb_is_not_opened_to_see_whether_it_is_an_xlsform(monkeypatch: pytest.MonkeyPatch) -> None:
    from connectors import xlsform
    from connectors.base import UnreadableFile, form_reader_for

    def opened(*_a: Any, **_k: Any) -> None:
        raise AssertionError("a zip bomb was opened")

    monkeypatch.setattr(xlsform, "load_workbook", opened)
    bomb = FILES["bomb as styles"](school_survey())
    assert not xlsform.XlsFormReader().accepts(bomb)
    with pytest.raises(UnreadableFile, match="zip bomb"):
        form_reader_for(bomb).read(bomb)


@pytest.mark.parametrize("where", ["filename", "title", "sheet", "corrections"])
def test_a_nul_in_a_part_of_a_template_upload_is_refused(client: TestClient, province: Province, where: str) -> None:
    data: dict[str, str] = {"request": json.dumps({**attrs(), **({"title": "a\x00b"} if where == "title" else {})})}
    if where == "sheet":
        data["sheet"] = "健康\x00体检"
    if where == "corrections":
        data["corrections"] = json.dumps({"K4": {"label": "地\x00址"}})
    name = "fo\x00rm.xlsx" if where == "filename" else "form.xlsx"
    r = client.post("/v1/requests/from-template", headers=auth(province.tokens["department"]),
                    files={"file": (name, sheets.health_survey())}, data=data)
    assert r.status_code < 500, (where, r.status_code, r.text[:300])
    if r.status_code >= 400:
        _problem(r, 422)
    else:
        assert "\x00" not in json.dumps(r.json(), ensure_ascii=False).replace("\\u0000", "\x00")


@pytest.mark.parametrize("field", ["purpose", "region", "note"])
def test_a_nul_in_a_page_form_sent_as_multipart_is_refused(client: TestClient, province: Province, field: str) -> None:
    """The request guard scans urlencoded forms for a NUL; the same form sent as multipart/form-data
    (the template page's upload, or any page's form a client chooses to send so) is checked too."""
    client.cookies.set("co_token", province.tokens["department"])
    client.cookies.set("co_csrf", "k" * 32)
    form = {"csrf": "k" * 32, "kind": "statistical", "level": "school", "purpose": "教职工健康情况统计",
            "reference_date": attrs()["reference_date"], "due_date": attrs()["due_date"], "region": "430000",
            "note": "a field no route reads"}
    form[field] = form[field][:2] + "\x00" + form[field][2:]
    r = client.post("/web/requests/from-template", data=form, files={"file": ("form.xlsx", sheets.health_survey())})
    assert r.status_code == 422, (r.status_code, r.text[-800:])
    assert client.get("/v1/requests", headers=auth(province.tokens["department"])).json() == []


@pytest.mark.parametrize("size", [40_000, 4_000_000])
def test_a_header_of_enormous_text_is_read_in_bounded_time(client: TestClient, province: Province, size: int) -> None:
    long = "学校地址" + "很长的说明" * (size // 5)
    content = _replace(sheets.health_survey(), "xl/worksheets/sheet1.xml",
                       lambda d: d.replace("学校地址".encode(), long.encode()).replace("在校学生".encode(), long.encode()))
    started = time.monotonic()
    r = send(client, province.tokens["department"], content, preview=True)
    assert time.monotonic() - started < 20
    assert r.status_code in (200, 422), r.text[:300]
    if r.status_code == 200:
        assert len(r.content) < 200_000, len(r.content)  # the preview does not echo megabytes back
    else:
        _problem(r, 422)


@pytest.mark.parametrize("what", ["zip bomb", "truncated sheet", "entity expansion"])
def test_a_hostile_workbook_imported_in_the_background_fails_with_a_problem(
        client: TestClient, province: Province, monkeypatch: pytest.MonkeyPatch, what: str) -> None:
    from service.settings import settings

    monkeypatch.setattr(settings(), "import_sync_max_bytes", 256)
    h = auth(province.tokens["admin"])
    r = _import(client, province, "schools.xlsx", FILES[what](_schools_xlsx([["code", "name"], ["4300000001", "x"]])))
    assert r.status_code == 202, r.text
    deadline = time.monotonic() + 60
    job = r.json()
    while job["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.1)
        job = client.get(r.headers["location"], headers=h).json()
    assert job["status"] == "failed" and job["result"]["status"] == 422, job
    assert job["result"]["errors"][0]["loc"] == ["file"]


def test_an_unexpected_failure_is_a_problem_that_tells_nothing_of_its_cause(province: Province,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from service.api.deps import get_session
    from service.app import create_app
    from service.domain import templates
    from service.store.engine import session_scope

    def broken(*_a: Any, **_k: Any) -> None:
        raise RuntimeError("secret: /srv/collectonce/store.duckdb line 42")

    monkeypatch.setattr(templates, "read_form", broken)
    app = create_app()

    def _session() -> Any:
        with session_scope(province.engine) as s:
            yield s

    app.dependency_overrides[get_session] = _session
    r = send(TestClient(app, raise_server_exceptions=False), province.tokens["department"], sheets.health_survey(),
             preview=True)
    body = _problem(r, 500)
    assert "secret" not in r.text and "Traceback" not in r.text and body["status"] == 500


@pytest.mark.parametrize("merged", ["A10:XFD1048576", "A10:A1048576", "$A$10:$XFD$20000"])
def test_a_range_merged_over_a_whole_sheet_is_refused_before_it_is_opened(client: TestClient, province: Province,
                                                                          merged: str) -> None:
    """openpyxl makes an object of every cell a merged range covers: one range over a whole sheet
    is 17 billion of them, from a file of a few kilobytes."""
    def change(d: bytes) -> bytes:
        if b"<mergeCells" in d:
            return re.sub(rb"<mergeCells[^>]*>", lambda m: m[0] + b'<mergeCell ref="%s"/>' % merged.encode(), d, count=1)
        return d.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="%s"/></mergeCells>'
                         % merged.encode())
    started = time.monotonic()
    body = _problem(send(client, province.tokens["department"], _replace(sheets.health_survey(), "xl/worksheets/sheet1.xml",
                                                                         change), preview=True), 422)
    assert "cells" in body["detail"] and time.monotonic() - started < 5


@pytest.mark.parametrize("rid", ['a"b', "a%0d%0aX-Evil:%201", "%E5%AD%A6%E6%A0%A1", "..%2F..%2Fetc"])
def test_a_download_names_its_file_only_after_the_server_knows_the_id(client: TestClient, province: Province,
                                                                      rid: str) -> None:
    """A download's Content-Disposition is built from the id in its path: an id the server does not
    hold never reaches a header, so no quote, newline or other text of the client's is sent back there."""
    h = auth(province.tokens["department"])
    for url in (f"/v1/requests/{rid}/results?format=csv", f"/v1/requests/{rid}/results?format=template",
                f"/v1/requests/{rid}/xlsform"):
        r = client.get(url, headers=h)
        assert "content-disposition" not in r.headers
        _problem(r, 404, 422)
    r = client.get(f"/v1/imports/{rid}/report", headers=auth(province.tokens["admin"]))
    assert "content-disposition" not in r.headers
    _problem(r, 404, 422)


def test_a_file_found_unreadable_part_way_imports_nothing(client: TestClient, province: Province) -> None:
    """A CSV whose first 64 kB are UTF-8 is streamed as UTF-8; a bad byte later stops the import
    part way through the file: nothing of the rows before it is kept."""
    header = ["code", "name", "region_code", "school_type", "urban_rural", "ownership", "address", "enrolment"]
    rows = [[f"24300{n:05d}", f"新学校{n}", "430102", "211", "111", "1", "芙蓉区" + "路" * 40, "100"] for n in range(100, 900)]
    good = "\n".join(",".join(r) for r in [header, *rows]).encode()
    assert len(good) > 70_000
    bad = good + b"\n2430099999,\xff\xfe\xfa,430102,211,111,1,x,1\n"
    before = client.get("/v1/schools", headers=auth(province.tokens["admin"])).json()["total"]
    for skip in ("false", "true"):
        r = client.post(f"/v1/imports/schools?skip_invalid={skip}", headers=auth(province.tokens["admin"]),
                        files={"file": ("schools.csv", io.BytesIO(bad))})
        assert r.status_code in (200, 422), r.text[:300]
        if r.status_code == 200:  # read as GB18030, whose bytes these may be: the row is a row problem
            assert r.json()["rows_rejected"] >= 1
        else:
            _problem(r, 422)
            assert client.get("/v1/schools", headers=auth(province.tokens["admin"])).json()["total"] == before


def test_an_xlsform_of_groups_nested_past_any_form_is_refused(client: TestClient, province: Province) -> None:
    from tests.api.test_xlsform_api import xlsform

    depth = 3000  # pyxform builds the tree recursively: the interpreter's stack ends first
    survey = [["begin group", f"g{i}", f"组{i}", f"G{i}", ""] for i in range(depth)]
    survey += [["integer", "enrol", "在校生数", "Enrolment", "yes"], *[["end group", "", "", "", ""]] * depth]
    body = _problem(send(client, province.tokens["department"], xlsform(survey, [["yn", "1", "是", "Yes"]]),
                         preview=True), 422)
    assert body["errors"][0]["loc"][:3] == ["file", "sheet", "survey"]
