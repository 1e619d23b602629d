"""Answers collected by earlier forms, read again as pre-filled values: for a few schools named by
code (a first reading, which ranks only their answers) and for the whole province (an issue, an
analysis), each school or teacher gets its own latest answer for a reference date within the
period, whoever else has answered, on DuckDB and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import true
from sqlalchemy.orm import Session

from service.domain.dictionary import dictionary
from service.domain.requests import custom_key
from service.store import prefill
from service.store.tables import CollectedValue
from tests.conftest import Province
from tests.province import SCHOOLS, TEACHERS

D = dictionary()
ON = date(2026, 9, 1)
PERIOD = (date(2026, 9, 1), date(2026, 12, 31))
NURSES = custom_key("school", "校医人数")
GLASSES = custom_key("teacher", "是否佩戴眼镜")
FEW = ["2430000001", "2430000003"]


def _answered(s: Session, key: str, entities: list[str]) -> None:
    """Every entity answered three times: for two days of the period (the later answer stands) and,
    last of all, for a day outside it (which must not)."""
    for n, entity in enumerate(entities):
        for day, at, value in ((date(2026, 9, 1), datetime(2026, 9, 10, 9), f"{n} first"),
                               (date(2026, 10, 1), datetime(2026, 10, 5, 9), f"{n} latest"),
                               (date(2025, 9, 1), datetime(2026, 11, 1, 9), f"{n} another year")):
            s.add(CollectedValue(entity_id=entity, key=key, reference_date=day, value=value, source="form",
                                 ref=f"form-{n}", collected_by="test", collected_at=at))
    s.flush()


def test_a_few_schools_read_their_own_latest_answers_as_the_province_reads_them(province: Province) -> None:
    codes = [str(x["code"]) for x in SCHOOLS]
    with province.session() as s:
        _answered(s, NURSES, codes)
        few = {r["code"]: r[NURSES] for r in prefill.values(
            s, prefill.school_values_query(D, true(), [NURSES], ON, PERIOD, codes=FEW))}
        everyone = {r["code"]: r[NURSES] for r in prefill.values(
            s, prefill.school_values_query(D, true(), [NURSES], ON, PERIOD))}
        assert few == {c: f"{codes.index(c)} latest" for c in FEW}
        assert everyone == {c: f"{n} latest" for n, c in enumerate(codes)}
        s.rollback()


def test_a_few_schools_teachers_read_their_own_latest_answers_as_the_province_reads_them(province: Province) -> None:
    ids = [str(t["id"]) for t in TEACHERS]
    with province.session() as s:
        _answered(s, GLASSES, ids)
        few = {r["id"]: r[GLASSES] for r in prefill.values(
            s, prefill.teacher_values_query(D, true(), [GLASSES], ON, PERIOD, codes=FEW))}
        everyone = {r["id"]: r[GLASSES] for r in prefill.values(
            s, prefill.teacher_values_query(D, true(), [GLASSES], ON, PERIOD))}
        in_post = {str(t["id"]) for t in TEACHERS if t["status"] == "1"}
        assert few == {i: f"{ids.index(i)} latest" for i in in_post
                       if next(t["school_code"] for t in TEACHERS if t["id"] == i) in FEW}
        assert everyone == {i: f"{ids.index(i)} latest" for i in in_post}
        s.rollback()
