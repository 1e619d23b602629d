"""Workbooks that pass the zip-bomb guard yet cost minutes to open: a part openpyxl parses whole
(the styles, the shared strings) grown past any real workbook's, and compressing too poorly to look
like a bomb. Each is refused from the zip's directory, naming the part."""

from __future__ import annotations

import functools
import io
import random
import re
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.api.test_hostile_files import _import, _problem, _replace, _schools_xlsx
from tests.api.test_requests_api import approval_body
from tests.api.test_templates_api import send
from tests.api.test_xlsform_api import school_survey
from tests.conftest import Province, auth
from tests.connectors import sheets

STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _bloated_styles(xlsx: bytes, size: int = 17 << 20) -> bytes:
    """The workbook with its styles grown to `size` bytes of distinct cell formats: they deflate about
    18 times, far from a bomb's ratio, and openpyxl reads them at about a second a megabyte."""
    rnd = random.Random(1)
    xfs: list[bytes] = []
    while len(xfs) * 150 < size:  # each about 150 bytes
        xfs.append(b'<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" applyAlignment="1" xfId="0"><alignment '
                   b'horizontal="center" indent="%d" textRotation="%d"/></xf>'
                   % (rnd.randrange(200), rnd.randrange(250), rnd.randrange(180)))
    return _replace(xlsx, "xl/styles.xml", lambda d: re.sub(rb'<cellXfs count="(\d+)">', lambda m: b'<cellXfs count="%d">%s'
                                                             % (int(m[1]) + len(xfs), b"".join(xfs)), d))


def _with_strings(xlsx: bytes, size: int, at: str = "xl/sharedStrings.xml") -> bytes:
    """The workbook with a shared-strings part of `size` bytes of distinct Chinese texts at `at`,
    declared as the strings in [Content_Types].xml (no cell uses them)."""
    rnd = random.Random(2)
    texts: list[bytes] = []
    while len(texts) * 31 < size:  # each 31 bytes
        texts.append(b"<si><t>%s</t></si>" % "".join(chr(0x4E00 + rnd.randrange(3000)) for _ in range(6)).encode())
    part = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            b' count="%d" uniqueCount="%d">%s</sst>' % (len(texts), len(texts), b"".join(texts)))
    override = b'<Override PartName="/%s" ContentType="%s"/>' % (at.encode(), STRINGS_TYPE)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = re.sub(rb"<Override[^>]*sharedStrings[^>]*>", b"", data).replace(b"</Types>", override + b"</Types>")
            if info.filename != "xl/sharedStrings.xml":
                dst.writestr(info.filename, data)
        dst.writestr(at, part)
    return out.getvalue()


@functools.cache
def _forms() -> dict[str, bytes]:
    return {"template": sheets.health_survey(), "xlsform": school_survey()}


@functools.cache
def _bloated(kind: str) -> bytes:
    base = _forms().get(kind) or _schools_xlsx([["code", "name"], ["4300000001", "x"]])
    return _bloated_styles(base)


def _refused_quickly(call: Any, part: str) -> dict[str, Any]:
    started = time.monotonic()
    body = _problem(call(), 422)
    assert time.monotonic() - started < 5, time.monotonic() - started  # not opened: seconds per MB once it is
    assert part in body["detail"], body["detail"]
    return body


@pytest.mark.parametrize("kind", ["template", "xlsform"])
def test_a_form_with_styles_grown_past_any_real_workbook_is_refused_naming_the_part(
        client: TestClient, province: Province, kind: str) -> None:
    content = _bloated(kind)
    assert len(content) < 5 << 20  # under the form's upload limit, and no zip bomb
    _refused_quickly(lambda: send(client, province.tokens["department"], content, preview=True), "xl/styles.xml")
    assert client.get("/v1/requests", headers=auth(province.tokens["department"])).json() == []


def test_an_import_with_styles_grown_past_any_real_workbook_is_refused_naming_the_part(
        client: TestClient, province: Province) -> None:
    body = _refused_quickly(lambda: _import(client, province, "schools.xlsx", _bloated("import")), "xl/styles.xml")
    assert body["errors"][0]["loc"] == ["file"]


@pytest.mark.parametrize("at", ["xl/sharedStrings.xml", "xl/worksheets/sheet9.xml"])
def test_a_form_whose_strings_no_form_holds_is_refused_naming_the_part(client: TestClient, province: Province,
                                                                          at: str) -> None:
    """A form's texts are its headings and notes; an import's may be a million teachers' names. The
    strings are found by their declared type, not their folder: put among the sheets, they are still
    the strings."""
    for form in _forms().values():
        content = _with_strings(form, 5 << 20, at)
        _refused_quickly(lambda c=content: send(client, province.tokens["department"], c, preview=True), at)


def test_an_import_may_hold_more_strings_than_a_form(client: TestClient, province: Province) -> None:
    r = _import(client, province, "schools.xlsx", _with_strings(_schools_xlsx([["code", "name"], ["4300000001", "x"]]),
                                                                 5 << 20))
    assert "shared strings" not in r.text and "sharedStrings" not in r.text, r.text[:300]
    assert r.status_code in (200, 422), r.text[:300]  # read: its rows are checked against the dictionary


def _gb18030_rows(n: int) -> list[list[str]]:
    return [[f"24300{i:05d}", f"芙蓉区第{i}实验学校", "430102", "211", "111", "1", f"芙蓉区五一大道{i}号" + "东" * (i % 7),
             "100"] for i in range(n)]


def test_a_gb18030_csv_is_transcoded_a_block_at_a_time(tmp_path: Path) -> None:
    """A GB18030 file may be as large as an upload (200 MB): decoded whole, it was held three times
    over (its bytes, the text, the UTF-8), more than twice its size."""
    import tracemalloc

    from connectors.base import importer_named

    header = ["code", "name", "region_code", "school_type", "urban_rural", "ownership", "address", "enrolment"]
    rows = _gb18030_rows(200_000)
    path = tmp_path / "schools.csv"
    path.write_bytes("\n".join(",".join(r) for r in [header, *rows]).encode("gb18030"))
    assert path.stat().st_size > 10 << 20
    tracemalloc.start()
    try:
        batches = importer_named("csv").read_batches(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 << 20, peak  # a block (2 MB) as bytes, text and UTF-8; whole, the file took 48 MB
    table = batches.read_all()
    assert table.num_rows == len(rows)
    assert table.column("name").to_pylist() == [r[1] for r in rows]  # no character cut between blocks
    assert table.column("address").to_pylist() == [r[6] for r in rows]


def test_a_gb18030_csv_read_in_small_blocks_imports_as_written(client: TestClient, province: Province,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks of an odd size cut characters between them: each is whole once the next is decoded."""
    from connectors import csv_file

    monkeypatch.setattr(csv_file, "BLOCK_BYTES", 4099)
    header = ["code", "name", "region_code", "school_type", "urban_rural", "ownership", "address", "enrolment"]
    rows = _gb18030_rows(300)
    content = "\n".join(",".join(r) for r in [header, *rows]).encode("gb18030")
    r = _import(client, province, "schools.csv", content)
    assert r.status_code == 200, r.text[:500]
    for row in rows[::37]:
        school = client.get(f"/v1/schools/{row[0]}", headers=auth(province.tokens["admin"])).json()
        assert (school["name"], school["address"]) == (row[1], row[6])


def test_a_csv_neither_utf8_nor_gb18030_past_its_first_blocks_is_refused(
        client: TestClient, province: Province, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from connectors import csv_file

    monkeypatch.setattr(csv_file, "BLOCK_BYTES", 4099)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    header = ["code", "name", "region_code", "school_type", "urban_rural", "ownership", "address", "enrolment"]
    content = "\n".join(",".join(r) for r in [header, *_gb18030_rows(300)]).encode("gb18030") + b"\n2430099999,\xff\xfe\n"
    body = _problem(_import(client, province, "schools.csv", content), 422)
    assert "neither UTF-8 nor GB18030" in body["detail"], body["detail"]
    assert not list(tmp_path.iterdir())  # the half-written UTF-8 copy is removed


SHARE = "file:///\\\\fileserver\\share\\last-year.xlsx"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _reaching_out(xlsx: bytes) -> bytes:
    """The form as a department's workbook often is: a link to last year's file on a share (copied
    with a sheet), a web query refreshed on opening (a connection and its query table), and a
    hyperlink in the title block."""
    wb = load_workbook(io.BytesIO(xlsx))
    wb.active["A2"].hyperlink = "http://intranet.example/forms/health"
    buf = io.BytesIO()
    wb.save(buf)
    parts = {
        "xl/externalLinks/externalLink1.xml":
            f'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{R}">'
            '<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>',
        "xl/externalLinks/_rels/externalLink1.xml.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R}/externalLinkPath" Target="{SHARE}" TargetMode="External"/></Relationships>',
        "xl/connections.xml":
            '<connections xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><connection id="1" name="web" '
            'type="4" refreshOnLoad="1"><webPr url="http://intranet.example/data.html"/></connection></connections>',
        "xl/queryTables/queryTable1.xml":
            '<queryTable xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" name="web" connectionId="1" '
            'refreshOnLoad="1" autoFormatId="16" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" '
            'applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="0"/>',
        "xl/worksheets/_rels/sheet1.xml.rels": None,  # the query table's, with the hyperlink's
    }
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename).decode()
            if info.filename == "[Content_Types].xml":
                data = data.replace("</Types>", f'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="{CT}.'
                                    f'externalLink+xml"/><Override PartName="/xl/connections.xml" ContentType="{CT}.'
                                    f'connections+xml"/><Override PartName="/xl/queryTables/queryTable1.xml" '
                                    f'ContentType="{CT}.queryTable+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace("</Relationships>", f'<Relationship Id="rIdX1" Type="{R}/externalLink" Target='
                                    f'"externalLinks/externalLink1.xml"/><Relationship Id="rIdX2" Type="{R}/connections" '
                                    'Target="connections.xml"/></Relationships>')
            elif info.filename == "xl/workbook.xml":
                data = data.replace("</sheets>", f'</sheets><externalReferences><externalReference xmlns:r="{R}" '
                                    'r:id="rIdX1"/></externalReferences>')
            elif info.filename == "xl/worksheets/_rels/sheet1.xml.rels":
                data = data.replace("</Relationships>", f'<Relationship Id="rIdQ" Type="{R}/queryTable" '
                                    'Target="../queryTables/queryTable1.xml"/></Relationships>')
            dst.writestr(info.filename, data)
        for name, data in parts.items():
            if data is not None:
                dst.writestr(name, data)
    return out.getvalue()


def test_a_filled_template_reaches_for_no_file_share_web_page_or_data_source(client: TestClient,
                                                                             province: Province) -> None:
    """What a department's workbook would make a school's Excel fetch on opening (a linked
    workbook's values, a web query) or offer to follow is not in the form sent back: the values in
    it are the store's, written as values."""
    content = _reaching_out(sheets.health_survey())
    with zipfile.ZipFile(io.BytesIO(content)) as z:  # the form as sent holds them all
        assert {"xl/externalLinks/externalLink1.xml", "xl/connections.xml", "xl/queryTables/queryTable1.xml"} <= set(z.namelist())
        assert b"intranet.example" in z.read("xl/worksheets/_rels/sheet1.xml.rels")
    dept = province.tokens["department"]
    r = send(client, dept, content)
    assert r.status_code == 201, r.text
    assert ("the workbook's data connections, links to other workbooks, web or database queries are not kept"
            in " ".join(r.json()["preview"]["notes"]))  # the department is told
    rid = r.json()["request"]["id"]
    assert client.post(f"/v1/requests/{rid}/approval", headers=auth(province.tokens["statistics_office"]),
                       json=approval_body()).status_code == 201
    assert client.post(f"/v1/requests/{rid}/issue", headers=auth(dept)).status_code == 200
    got = client.get(f"/v1/requests/{rid}/results?format=template", headers=auth(dept))
    assert got.status_code == 200, got.text
    with zipfile.ZipFile(io.BytesIO(got.content)) as z:
        names = z.namelist()
        assert not [n for n in names if re.search(r"externalLink|connections|queryTable|customXml", n)], names
        texts = {n: z.read(n) for n in names if n.endswith((".xml", ".rels"))}
    assert not [n for n, t in texts.items() if re.search(rb"TargetMode=\"External\"|externalReference|fileserver|"
                                                           rb"intranet\.example|connectionId", t)], list(texts)
    assert load_workbook(io.BytesIO(got.content))["健康体检"]["A2"].value == "填报单位（盖章）："
