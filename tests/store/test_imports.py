"""Imports on both backends: all or nothing, every problem reported, idempotent, versioned."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select, text

from service.domain.errors import ImportRejected
from service.domain.imports import import_file
from service.store import records
from service.store.engine import session_scope
from service.store.tables import School, Teacher
from tests.conftest import ADMIN, Province
from tests.province import SCHOOLS, TEACHERS, id_number


def snapshot(engine: Engine, tables: tuple[str, ...] = ("school", "teacher", "importbatch")) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for t in tables
                for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1, 2"))]


def test_reimporting_the_same_file_changes_nothing(province: Province, write_csv) -> None:
    path = write_csv("teachers.csv", TEACHERS)
    before = snapshot(province.engine, ("school", "teacher"))
    with session_scope(province.engine) as s:
        report = import_file(s, ADMIN, "teachers", path)
    assert (report.rows_inserted, report.rows_updated, report.rows_unchanged) == (0, 0, len(TEACHERS))
    assert snapshot(province.engine, ("school", "teacher")) == before
    with province.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Teacher)) == len(TEACHERS)


def test_a_file_with_bad_rows_imports_nothing_and_reports_every_problem(province: Province, write_csv) -> None:
    rows = copy.deepcopy(TEACHERS)
    rows[0]["title"] = "2"  # a good change that must not land either
    rows[1]["gender"] = "7"
    rows[2]["birth_date"] = "1981-02-30"
    rows[3]["id_number"] = rows[3]["id_number"][:-1] + ("0" if rows[3]["id_number"][-1] != "0" else "1")
    rows[4]["school_code"] = "2439999999"
    rows[5]["id"] = rows[6]["id"]
    path = write_csv("bad.csv", rows)
    before = snapshot(province.engine, ("school", "teacher"))
    with pytest.raises(ImportRejected) as err, session_scope(province.engine) as s:
        import_file(s, ADMIN, "teachers", path)
    problems = {(p["row"], p["column"]) for p in err.value.extra["report"]["problems"]}
    assert {(3, "gender"), (4, "birth_date"), (5, "id_number"), (6, "school_code"), (8, "id")} <= problems
    assert all(p["reason"] for p in err.value.extra["report"]["problems"])
    assert snapshot(province.engine, ("school", "teacher")) == before
    # Only the refusal is kept on file: the batch, rejected, and its whole report to download.
    with province.engine.connect() as conn:
        assert conn.execute(text("SELECT status, rows_inserted FROM importbatch WHERE id = :i"),
                            {"i": err.value.extra["report"]["batch_id"]}).one() == ("rejected", 0)


def test_skip_invalid_imports_the_good_rows_and_lists_the_rest(province: Province, write_csv) -> None:
    rows = copy.deepcopy(TEACHERS[:3])
    rows[0]["title"] = "1"
    rows[1]["education"] = "doctor of magic"
    path = write_csv("partial.csv", rows)
    with session_scope(province.engine) as s:
        report = import_file(s, ADMIN, "teachers", path, skip_invalid=True)
    assert report.rows_updated == 1 and report.rows_unchanged == 1 and report.rows_rejected == 1
    assert [(p.row, p.column) for p in report.problems] == [(3, "education")]
    with session_scope(province.engine) as s:
        assert records.get_teacher(s, rows[0]["id"]).title == "1"
        assert records.get_teacher(s, rows[1]["id"]).education == TEACHERS[1]["education"]


def test_a_change_keeps_the_previous_version_and_as_of_reads_it(province: Province, write_csv) -> None:
    with session_scope(province.engine) as s:
        before = records.get_teacher(s, TEACHERS[0]["id"])
        moment = before.valid_from
    rows = [dict(TEACHERS[0], title="3")]
    with session_scope(province.engine) as s:
        report = import_file(s, ADMIN, "teachers", write_csv("promotion.csv", rows))
    assert report.rows_updated == 1
    with session_scope(province.engine) as s:
        assert records.get_teacher(s, rows[0]["id"]).title == "3"
        assert records.get_teacher(s, rows[0]["id"], as_of=moment).title == TEACHERS[0]["title"]
        versions = records.versions(s, Teacher, rows[0]["id"])
        assert [v.title for v in versions] == [TEACHERS[0]["title"], "3"]
        assert versions[0].valid_to == versions[1].valid_from and versions[1].source == "import"


def test_labels_and_aliases_are_accepted_for_codes_and_headers(province: Province, write_csv) -> None:
    row = dict(TEACHERS[2], id="T000000099", id_number=id_number("430102", "1983-03-03", 21))
    row.update(gender="男", birth_date="1983/03/03", title="中级", education="本科", post_type="专任教师")
    labelled = {"教职工编号": row["id"], "身份证号": row["id_number"], "姓名": row["name"], "性别": row["gender"],
                "出生日期": row["birth_date"], "民族": "汉族", "学历": row["education"], "职称": row["title"],
                "任教学科": "数学", "岗位类别": row["post_type"], "编制情况": "在编", "所在学校": row["school_code"],
                "参加教育工作年月": "2005-09-01", "任职状态": "在职"}
    with session_scope(province.engine) as s:
        report = import_file(s, ADMIN, "teachers", write_csv("labelled.csv", [labelled]))
    assert report.rows_inserted == 1
    with session_scope(province.engine) as s:
        t = records.get_teacher(s, "T000000099")
    assert (t.gender, t.title, t.education, t.subject, t.post_type, str(t.birth_date)) == (
        "1", "3", "21", "02", "1", "1983-03-03")


def test_unknown_and_missing_columns_reject_the_whole_file(province: Province, write_csv) -> None:
    rows = [{k: v for k, v in SCHOOLS[0].items() if k != "school_type"} | {"favourite colour": "blue"}]
    with pytest.raises(ImportRejected) as err, session_scope(province.engine) as s:
        import_file(s, ADMIN, "schools", write_csv("odd.csv", rows), skip_invalid=True)
    reasons = {(p["column"], p["reason"].split(" ")[0]) for p in err.value.extra["report"]["problems"]}
    assert ("favourite colour", "unknown") in reasons and ("school_type", "required") in reasons


def test_excel_and_gb18030_files_import_like_utf8_csv(province: Province, write_csv, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(list(SCHOOLS[0]))
    ws.append([*list(SCHOOLS[0].values())[:-1], 1300])  # enrolment changed, as an Excel number
    wb.save(tmp_path / "schools.xlsx")
    gbk = write_csv("schools-gbk.csv", [dict(SCHOOLS[1], name="长沙市岳麓区实验中学（更名）")], encoding="gb18030")
    with session_scope(province.engine) as s:
        assert import_file(s, ADMIN, "schools", tmp_path / "schools.xlsx").rows_updated == 1
        assert import_file(s, ADMIN, "schools", gbk).rows_updated == 1
    with session_scope(province.engine) as s:
        assert records.get_school(s, SCHOOLS[0]["code"]).enrolment == 1300
        assert records.get_school(s, SCHOOLS[1]["code"]).name.endswith("（更名）")


def test_an_id_number_already_held_by_another_teacher_is_refused(province: Province, write_csv) -> None:
    row = dict(TEACHERS[0], id="T000000777")
    with pytest.raises(ImportRejected) as err, session_scope(province.engine) as s:
        import_file(s, ADMIN, "teachers", write_csv("twin.csv", [row]))
    (problem,) = err.value.extra["report"]["problems"]
    assert problem["column"] == "id_number" and TEACHERS[0]["id"] in problem["reason"]


def test_columns_left_out_of_a_file_keep_their_values(province: Province, write_csv) -> None:
    slim = [{k: SCHOOLS[0][k] for k in ("code", "name", "region_code", "school_type", "urban_rural", "ownership")}]
    with session_scope(province.engine) as s:
        assert import_file(s, ADMIN, "schools", write_csv("slim.csv", slim)).rows_unchanged == 1
    with session_scope(province.engine) as s:
        assert records.get_school(s, SCHOOLS[0]["code"]).address == SCHOOLS[0]["address"]
        assert len(records.versions(s, School, SCHOOLS[0]["code"])) == 1


def test_fractions_are_not_whole_numbers_and_empty_files_are_refused(province: Province, write_csv) -> None:
    rows = [dict(SCHOOLS[0], enrolment="1200.6"), dict(SCHOOLS[1], enrolment="1e3")]
    with pytest.raises(ImportRejected) as err, session_scope(province.engine) as s:
        import_file(s, ADMIN, "schools", write_csv("fractions.csv", rows))
    assert [(p["row"], p["reason"]) for p in err.value.extra["report"]["problems"]] == [
        (2, "not a whole number"), (3, "not a whole number")]
    empty = write_csv("empty.csv", [SCHOOLS[0]])
    empty.write_text(empty.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(ImportRejected, match="1 problem"), session_scope(province.engine) as s:
        import_file(s, ADMIN, "schools", empty)


def test_excel_rows_keep_their_sheet_numbers_and_a_repeated_header_is_reported(province: Province, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append([*SCHOOLS[0], "enrolment"])
    ws.append([*SCHOOLS[0].values(), "-5"])
    wb.save(tmp_path / "twice.xlsx")
    with pytest.raises(ImportRejected) as err, session_scope(province.engine) as s:
        import_file(s, ADMIN, "schools", tmp_path / "twice.xlsx")
    assert any("more than once" in p["reason"] for p in err.value.extra["report"]["problems"])
    wb = Workbook()
    ws = wb.active
    ws.append(list(SCHOOLS[0]))
    ws.append(list(SCHOOLS[0].values()))
    ws.append([None] * len(SCHOOLS[0]))
    ws.append([None] * len(SCHOOLS[0]))
    ws.append([*list(SCHOOLS[1].values())[:-1], "many"])
    wb.save(tmp_path / "gaps.xlsx")
    with pytest.raises(ImportRejected) as err, session_scope(province.engine) as s:
        import_file(s, ADMIN, "schools", tmp_path / "gaps.xlsx")
    assert [(p["row"], p["column"]) for p in err.value.extra["report"]["problems"]] == [(5, "enrolment")]


def test_a_streamed_file_reports_a_ragged_row_read_after_the_first_batches(
        province: Province, write_csv, monkeypatch: pytest.MonkeyPatch) -> None:
    from connectors import csv_file

    monkeypatch.setattr(csv_file, "BLOCK_BYTES", 256)  # a batch of a row or two: the bad row comes late
    path = write_csv("teachers.csv", TEACHERS)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines[:-1], lines[-1] + ",extra"]) + "\n", encoding="utf-8")
    with session_scope(province.engine) as s, pytest.raises(ImportRejected) as rejected:
        import_file(s, ADMIN, "teachers", path)
    report = rejected.value.extra["report"]
    (problem,) = report["problems"]
    assert (problem["row"], problem["column"]) == (len(lines), "") and "header has" in problem["reason"]
    assert report["rows_total"] == len(TEACHERS) and report["rows_rejected"] == 1


def test_a_file_that_stops_being_text_part_way_imports_nothing(province: Province, write_csv,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from connectors import csv_file
    from service.domain.errors import InvalidInput

    monkeypatch.setattr(csv_file, "BLOCK_BYTES", 256)
    rows = copy.deepcopy(TEACHERS)
    rows[0]["title"] = "2"
    path = write_csv("teachers.csv", rows)
    path.write_bytes(path.read_bytes() + ("x" * 70000).encode() + b"\xff\n")  # past the encoding sample
    before = snapshot(province.engine)
    with session_scope(province.engine) as s, pytest.raises(InvalidInput, match="not a readable CSV"):
        import_file(s, ADMIN, "teachers", path)
    assert snapshot(province.engine) == before


def _newcomers(n: int) -> list[dict[str, str | None]]:
    """Teachers the store has never held: staff ids and ID numbers past every one it holds, so the
    import writes them straight from the checked rows, with no staging table."""
    rows = []
    for i in range(n):
        like = TEACHERS[i % len(TEACHERS)]
        seq = 2 * i + (1 if like["gender"] == "1" else 0)
        rows.append(dict(like, id=f"T{900 + i:09d}", id_number=id_number("630102", str(like["birth_date"]), seq)))
    return rows


def test_new_teachers_at_an_unknown_school_are_refused_and_the_others_written_with_their_provenance(
    province: Province, write_csv,
) -> None:
    rows = _newcomers(3)
    rows[1]["school_code"] = "2439999999"  # well formed, but no such school
    path = write_csv("newcomers.csv", rows)
    before = snapshot(province.engine, ("school", "teacher"))
    with pytest.raises(ImportRejected) as err, session_scope(province.engine) as s:
        import_file(s, ADMIN, "teachers", path)
    assert [(p["row"], p["column"], p["reason"]) for p in err.value.extra["report"]["problems"]] == [
        (3, "school_code", "school not in the store")]
    assert snapshot(province.engine, ("school", "teacher")) == before

    with session_scope(province.engine) as s:
        report = import_file(s, ADMIN, "teachers", path, skip_invalid=True)
    assert (report.rows_inserted, report.rows_updated, report.rows_rejected) == (2, 0, 1)
    with session_scope(province.engine) as s:
        assert records.get_teacher(s, str(rows[1]["id"])) is None
        for row in (rows[0], rows[2]):
            (version,) = records.versions(s, Teacher, str(row["id"]))
            assert (version.id_number, version.school_code, str(version.birth_date)) == (
                row["id_number"], row["school_code"], row["birth_date"])
            assert (version.source, version.changed_by, version.ref, version.valid_to) == (
                "import", ADMIN.id, report.batch_id, None)
    # The audit entry pins the records written, as a merge's does: the digest of their keys in order.
    with province.engine.connect() as conn:
        after = conn.execute(text("SELECT after_digest FROM audit_log WHERE action = 'records.teacher' "
                                  "AND entity_id = :b"), {"b": report.batch_id}).scalar_one()
    assert after == hashlib.md5(",".join(sorted(str(r["id"]) for r in (rows[0], rows[2]))).encode()).hexdigest()


def test_a_new_teacher_holding_an_id_number_already_held_is_checked_row_by_row(province: Province, write_csv) -> None:
    rows = _newcomers(2)
    rows[1]["id_number"] = TEACHERS[3]["id_number"]
    rows[1].update({k: TEACHERS[3][k] for k in ("gender", "birth_date")})
    with pytest.raises(ImportRejected) as err, session_scope(province.engine) as s:
        import_file(s, ADMIN, "teachers", write_csv("twin.csv", rows))
    (problem,) = err.value.extra["report"]["problems"]
    assert (problem["row"], problem["column"]) == (3, "id_number") and TEACHERS[3]["id"] in problem["reason"]


def test_an_import_leaves_no_database_of_its_checks_behind(province: Province, write_csv) -> None:
    with session_scope(province.engine) as s:
        import_file(s, ADMIN, "teachers", write_csv("newcomers.csv", _newcomers(2)))
    with pytest.raises(ImportRejected), session_scope(province.engine) as s:
        import_file(s, ADMIN, "teachers", write_csv("bad.csv", [dict(TEACHERS[0], gender="7")]))
    with province.engine.connect() as conn:
        if conn.dialect.name == "duckdb":
            names = conn.execute(text("SELECT database_name FROM duckdb_databases()")).scalars().all()
            assert not [n for n in names if n.startswith("checking_")]
