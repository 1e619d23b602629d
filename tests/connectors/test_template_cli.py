"""The administrators' CLI reads, submits and fills departments' forms through the same domain
functions as the API, on both stores."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from service.cli import app
from tests.api.test_templates_api import attrs
from tests.conftest import Province
from tests.connectors import sheets
from tests.province import SCHOOLS

runner = CliRunner()


def test_inspect_shows_how_each_column_is_read(tmp_path: Path) -> None:
    path = tmp_path / "health.xlsx"
    path.write_bytes(sheets.health_survey())
    r = runner.invoke(app, ["template", "inspect", str(path)])
    assert r.exit_code == 0, r.output
    assert "2026年全省中小学校教职工健康情况统计表" in r.output and "其中：35岁以下" in r.output
    bad = tmp_path / "cover.xlsx"
    bad.write_bytes(sheets.unreadable())
    r = runner.invoke(app, ["template", "inspect", str(bad)])
    assert r.exit_code == 1 and "封面" in r.output


def test_a_department_submits_and_fills_its_form_from_the_cli(province: Province, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.store.engine.engine", lambda: province.engine)
    form, request, fixes = tmp_path / "staff.xlsx", tmp_path / "request.json", tmp_path / "fixes.json"
    form.write_bytes(sheets.staff_three_levels())
    request.write_text(json.dumps(attrs()), encoding="utf-8")
    fixes.write_text(json.dumps({"B5": {"key": "school.staff"}, "C6": {"key": "school.ft_teachers"},
                                 "E": {"skip": True}, "H": {"skip": True}}), encoding="utf-8")
    token = province.tokens["department"]
    base = ["template", "submit", str(form), "--token", token, "--request", str(request), "--corrections", str(fixes)]
    preview = runner.invoke(app, [*base, "--preview"])
    assert preview.exit_code == 0 and "(preview) answered" in preview.output, preview.output
    done = runner.invoke(app, base)
    assert done.exit_code == 0, done.output
    request_id, status = done.output.strip().splitlines()[-1].split()
    assert status == "answered"
    out = tmp_path / "filled.xlsx"
    filled = runner.invoke(app, ["template", "fill", request_id, "--token", token, "--out", str(out)])
    assert filled.exit_code == 0, filled.output
    ws = load_workbook(io.BytesIO(out.read_bytes()))["Sheet1"]
    assert [ws[f"A{n}"].value for n in range(8, 12)] == [s["code"] for s in SCHOOLS]
    other = runner.invoke(app, ["template", "fill", request_id, "--token", province.tokens["department:hr"],
                                "--out", str(out)])
    assert other.exit_code == 1
