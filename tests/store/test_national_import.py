"""The national teacher management system's staff export, imported with the same row validation
and all-or-nothing rule as every import, on both stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook

from service.domain.errors import ImportRejected
from service.domain.imports import import_file
from service.store import records
from service.store.engine import session_scope
from tests.conftest import ADMIN, Province, auth
from tests.province import TEACHERS, id_number
from tests.store.test_imports import snapshot

HEADER = ["序号", "学校名称", "学校标识码", "姓名", "性别", "国籍/地区", "身份证件类型", "身份证件号", "出生日期", "民族",
          "政治面貌", "婚姻状况", "参加工作年月", "进本校年月", "从教起始年月", "是否在编", "用人形式", "学历",
          "岗位类别", "专业技术职务", "任教学段", "任教学科", "人员状态"]


def person(n: int, school: str, name: str, gender: str, birth: str, **values: Any) -> list[Any]:
    row = {"序号": n, "学校名称": "长沙市芙蓉区第一小学", "学校标识码": school, "姓名": name, "性别": gender,
           "国籍/地区": "中国", "身份证件类型": "居民身份证",
           "身份证件号": id_number("430102", birth.replace(".", "-"), 2 * n + (1 if gender.endswith("男") else 0)),
           "出生日期": birth, "民族": "01-汉族", "政治面貌": "中国共产党党员", "婚姻状况": "已婚",
           "参加工作年月": "2012-08", "进本校年月": "2015-09", "从教起始年月": "201209", "是否在编": "是",
           "用人形式": "合同制", "学历": "21大学本科毕业", "岗位类别": "专任教师", "专业技术职务": "一级教师",
           "任教学段": "小学", "任教学科": "小学数学", "人员状态": "在职"} | values
    return [row[h] for h in HEADER]


def export(path: Path, rows: list[list[Any]]) -> Path:
    """The export as the system writes it: a title row, then the header, then one row per person."""
    wb = Workbook()
    ws = wb.active
    ws.title = "教职工基本信息"
    ws.append(["教职工基本信息（导出时间：2026-09-02）"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def existing() -> list[Any]:
    """Teacher 1 of the province, as the national system lists her (a new title since)."""
    t = TEACHERS[0]
    row = person(1, t["school_code"] or "", "教师1", "2-女", t["birth_date"] or "", 专业技术职务="三级教师",
                 学历="22 大学本科结业", 任教学科="语文")
    row[HEADER.index("身份证件号")] = t["id_number"]
    return row


def test_a_national_export_is_imported_into_the_dictionary(province: Province, tmp_path: Path) -> None:
    path = export(tmp_path / "export.xlsx", [
        existing(),
        person(40, "2430000001", "王芳", "2-女", "1990-04-12", 学历="14硕士研究生毕业", 专业技术职务="中学高级教师",
               民族="03回族", 是否在编="否", 任教学科="初中英语"),
        person(41, "2430000001", "李强", "1-男", "1972.10.01", 岗位类别="行政人员", 人员状态="退休",
               从教起始年月="1994年9月", 学历="31"),
    ])
    with session_scope(province.engine) as s:
        report = import_file(s, ADMIN, "teachers", path, fmt="national-teachers")
    assert (report.rows_inserted, report.rows_updated, report.rows_unchanged) == (2, 1, 0), report.problems
    with session_scope(province.engine) as s:
        teachers, _ = records.school_teachers(s, "2430000001", limit=50, offset=0)
        by_name = {t.name: t for t in teachers}
    assert by_name["教师1"].id == TEACHERS[0]["id"]  # found by her ID number: updated, not duplicated
    assert (by_name["教师1"].title, by_name["教师1"].education) == ("5", "21")
    wang = by_name["王芳"]
    assert (wang.gender, wang.ethnicity, wang.education, wang.title, wang.establishment, wang.subject) == (
        "2", "03", "14", "2", "2", "03")
    assert wang.teaching_start.isoformat() == "2012-09-01" and wang.id.startswith("T")
    li = by_name["李强"]
    assert (li.post_type, li.status, li.education, li.birth_date.isoformat(), li.teaching_start.isoformat()) == (
        "2", "2", "31", "1972-10-01", "1994-09-01")
    with session_scope(province.engine) as s:
        again = import_file(s, ADMIN, "teachers", path, fmt="national-teachers")
    assert (again.rows_inserted, again.rows_updated, again.rows_unchanged) == (0, 0, 3)


def test_a_national_export_with_a_bad_row_imports_nothing(province: Province, tmp_path: Path) -> None:
    bad_id = person(42, "2430000001", "赵敏", "2-女", "1988-01-01")
    bad_id[HEADER.index("身份证件号")] = bad_id[HEADER.index("身份证件号")][:-1] + "0"
    path = export(tmp_path / "bad.xlsx", [
        person(43, "2430000001", "钱进", "1-男", "1991-06-30"),
        bad_id,
        person(44, "2430000001", "孙悟", "1-男", "1985-05-05", 专业技术职务="特级教师"),
    ])
    before = snapshot(province.engine, ("school", "teacher"))
    with pytest.raises(ImportRejected) as err, session_scope(province.engine) as s:
        import_file(s, ADMIN, "teachers", path, fmt="national-teachers")
    problems = {(p["row"], p["column"]) for p in err.value.extra["report"]["problems"]}
    assert {(4, "id_number"), (5, "title")} <= problems  # sheet lines: title row 1, header row 2
    assert snapshot(province.engine, ("school", "teacher")) == before  # only the rejected batch is kept on file


def test_the_api_imports_a_national_export_by_name(client: TestClient, province: Province, tmp_path: Path) -> None:
    path = export(tmp_path / "export.xlsx", [person(45, "2430000002", "周宁", "2-女", "1993-03-03")])
    with path.open("rb") as fh:
        r = client.post("/v1/imports/teachers?format=national-teachers", headers=auth(province.tokens["admin"]),
                        files={"file": ("export.xlsx", fh)})
    assert r.status_code == 200 and r.json()["rows_inserted"] == 1, r.text
    with path.open("rb") as fh:
        plain = client.post("/v1/imports/teachers", headers=auth(province.tokens["admin"]),
                            files={"file": ("export.xlsx", fh)})
    assert plain.status_code == 422  # read as a plain table, its title row is no header
