"""`make bench-country`, small: the same steps on a country of two provinces, checking counts, not time."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bench import country
from bench.common import read_every_form
from service.store import bulk


def _indexes(db: Engine, table: str) -> set[str]:
    sql = ("SELECT index_name FROM duckdb_indexes() WHERE table_name = :t" if db.dialect.name == "duckdb" else
           "SELECT indexname FROM pg_indexes WHERE tablename = :t AND schemaname = current_schema()")
    with db.connect() as conn:
        return set(conn.execute(text(sql), {"t": table}).scalars())


def test_a_small_country_loads_whole_and_is_issued_to_every_school(db: Engine, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    indexes = _indexes(db, "teacher")
    # Each province at least doubles the teachers loaded so far: their indexes are rebuilt after the rows.
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 1000)
    specs = country.plan(2000, 24000)
    assert [s.province for s in specs] == ["110000", "120000"]
    assert sum(s.schools for s in specs) == 2000 and sum(s.teachers for s in specs) == 24000
    assert specs[1].first_teacher == specs[0].teachers + 1  # ids run on: no two provinces share one
    files = country.generate_country(specs, tmp_path)
    loads = country.load_country(db, files)
    assert [(x.schools, x.teachers) for x in loads] == [(1000, 12000), (1000, 12000)]
    assert _indexes(db, "teacher") == indexes and "ix_teacher_school" in indexes

    rid, issued, _seconds = country.issue_country(db, [x.province for x in loads])
    fields = len(country.INDICATORS) + len(country.NEW_FIELDS)
    # The issue writes the forms; each form's values are placed when its school first reads it.
    assert (issued.forms, issued.items) == (2000, 0)
    assert country.counts(db, rid) == {"schools": 2000, "teachers": 24000, "forms": 2000, "items": 0}
    _seconds, read = read_every_form(db, rid, chunk=700)
    assert read == 2000
    assert country.counts(db, rid) == {"schools": 2000, "teachers": 24000, "forms": 2000, "items": 2000 * fields}
    wrong, checked = country.disagreements(db, rid)
    assert (wrong, checked) == (0, 2000 * len(country.INDICATORS))
    with db.connect() as conn:
        teachers_per_province = conn.execute(text(
            "SELECT substr(s.region_code, 1, 2), count(*) FROM teacher t JOIN school s ON s.code = t.school_code "
            "AND s.valid_to IS NULL WHERE t.valid_to IS NULL GROUP BY 1 ORDER BY 1")).all()
    assert [tuple(r) for r in teachers_per_province] == [("11", 12000), ("12", 12000)]
