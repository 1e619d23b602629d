"""Writing a department's form back: its layout kept, rows typed, and no text that could run."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from connectors.base import form_reader_for
from connectors.template import Filled, FilledRow, Layout, fill
from tests.connectors import sheets


def test_rows_and_extra_sheets_are_typed_and_inert() -> None:
    data = sheets.health_survey()
    layout = Layout.from_json(form_reader_for(data).read(data).layout)
    tricky = ["=cmd|' /C calc'!A0", "@SUM(1)", "a < b & c > d", "bell\x07here", "-3", "\tx"]
    rows = [FilledRow({"code": f"243000000{i}", "name": f"学校{i}"}, {"E5": i, "F5": 1.5, "K4": tricky[i]})
            for i in range(len(tricky))]
    provenance = (["school", "value", "at", "when", "flag"],
                  [[r.identity["code"], t, datetime(2026, 9, 1, 8, 30), date(2026, 9, 1), True]
                   for r, t in zip(rows, tricky, strict=True)])
    buf = io.BytesIO()
    fill(data, Filled(layout=layout, rows=rows, identity_columns={"D4": "name"}, numeric={"E5", "F5"},
                      provenance=provenance, completion=(["school"], [[r.identity["code"]] for r in rows])), buf)
    wb = load_workbook(io.BytesIO(buf.getvalue()))
    ws = wb["健康体检"]
    assert [ws[f"K{n}"].value for n in range(8, 14)] == [
        "'=cmd|' /C calc'!A0", "'@SUM(1)", "a < b & c > d", "bellhere", "-3", "'\tx"]
    assert all(ws[f"K{n}"].data_type == "s" for n in range(8, 14))
    assert ws["E7"].value == sum(range(len(tricky))) and ws["F7"].value == 1.5 * len(tricky)
    prov = list(wb["来源 provenance"].iter_rows(values_only=True))
    assert prov[0] == ("school", "value", "at", "when", "flag")
    assert [p[1] for p in prov[1:]] == ["'=cmd|' /C calc'!A0", "'@SUM(1)", "a < b & c > d", "bellhere", "-3", "'\tx"]
    assert prov[1][2:] == ("2026-09-01T08:30:00", "2026-09-01", True)
    assert [c[0] for c in wb["完成情况 completion"].iter_rows(min_row=2, values_only=True)] == [
        r.identity["code"] for r in rows]
    assert wb["来源 provenance"].freeze_panes == "A2"
