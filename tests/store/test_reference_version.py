"""records.for_reference picks, for every record, the version describing a reference date: of the
versions true by that day (valid time, else the day recorded) the one that became true last, the
later recorded on a tie; for a record with none, its first version. Checked against that rule
written out in Python, on random histories of corrections, on both stores."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select, text
from sqlmodel import col

from service.store.engine import session_scope
from service.store.records import for_reference
from service.store.tables import School

START = datetime(2026, 1, 1, 8, 0)

# A version: days after START it was recorded, and the day its values were true from, if stated.
version = st.tuples(st.integers(0, 60), st.none() | st.integers(-30, 60))
history = st.lists(version, min_size=1, max_size=4, unique_by=lambda v: v[0])


def _expected(versions: list[tuple[datetime, date | None]], reference: date) -> datetime:
    true_from = {vf: ef or vf.date() for vf, ef in versions}
    by_then = [vf for vf in true_from if true_from[vf] <= reference]
    if by_then:
        return max(by_then, key=lambda vf: (true_from[vf], vf))
    return min(true_from)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories=st.lists(history, min_size=1, max_size=5), reference_day=st.integers(-10, 70))
def test_the_version_for_a_reference_date_follows_the_rule(
        db: Engine, histories: list[list[tuple[int, int | None]]], reference_day: int) -> None:
    reference = START.date() + timedelta(days=reference_day)
    expected: dict[str, datetime] = {}
    with session_scope(db) as s:
        s.execute(text("DELETE FROM school"))
        for n, h in enumerate(histories):
            code = f"43{n:08d}"
            versions = [(START + timedelta(days=d), None if e is None else START.date() + timedelta(days=e))
                        for d, e in sorted(h)]
            for i, (vf, ef) in enumerate(versions):
                closed = versions[i + 1][0] if i + 1 < len(versions) else None  # one open version, the last
                s.add(School(code=code, name=f"school {n} v{i}", region_code="430102", school_type="primary",
                             urban_rural="1", ownership="public", valid_from=vf, valid_to=closed,
                             source="import", changed_by="test", effective_from=ef))
            expected[code] = _expected(versions, reference)
    with session_scope(db) as s:
        rows = s.execute(select(col(School.code), col(School.valid_from)).where(for_reference(School, reference)))
        got = {str(code): valid_from for code, valid_from in rows}
    assert got == expected


def test_the_version_filter_keeps_every_other_condition_beside_it(db: Engine) -> None:
    """for_reference is one condition among others (a scope, a status): combined with them it narrows,
    never widens (an OR without its parentheses once let every school through a scope)."""
    with session_scope(db) as s:
        for n, ur in enumerate(("111", "210", "220")):
            s.add(School(code=f"43{n:08d}", name=f"school {n}", region_code="430102", school_type="211",
                         urban_rural=ur, ownership="public", valid_from=START, valid_to=None, source="import",
                         changed_by="test"))
    with session_scope(db) as s:
        rural = s.scalars(select(col(School.code)).where(
            for_reference(School, START.date()), col(School.urban_rural).startswith("2"))).all()
    assert sorted(rural) == ["4300000001", "4300000002"]
