"""The version of a record that describes a reference day, over random histories: teachers who move
between schools and change title, schools whose address changes, corrections that state the day
from which they were true. Counts and values for a few schools named by code (a first reading,
which looks only at the histories of records ever at those schools) and for the whole province (an
issue, an analysis) both equal the rule recounted in plain Python, on DuckDB and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, true, update
from sqlalchemy.orm import Session
from sqlmodel import col

from service.domain.dictionary import dictionary
from service.domain.semantics.definition import Filter, count
from service.store import prefill
from service.store.tables import School, Teacher
from tests.conftest import Province
from tests.province import SCHOOLS

D = dictionary()
CODES = [str(s["code"]) for s in SCHOOLS]
TITLES = ("2", "3")
EVERYONE = count(D, [])
SENIOR = count(D, [Filter("teacher.title", ("2",))])
DAYS = (date(2025, 9, 1), date(2026, 3, 1), date(2026, 9, 1))
PERIOD = (date(2024, 1, 1), date(2028, 12, 31))


@dataclass(frozen=True)
class Version:
    value: str  # the teacher's school, or the school's address
    title: str
    recorded: datetime
    true_from: date | None  # valid time, when the version states one


def versions(draw: st.DrawFn, values: st.SearchStrategy[str], start: datetime, most: int) -> list[Version]:
    at, out = start, []
    for _ in range(draw(st.integers(1, most))):
        at += timedelta(days=draw(st.integers(1, 400)), minutes=draw(st.integers(0, 600)))
        # Stated days drawn often from a few, so that two versions become true on one day.
        stated = draw(st.none() | st.sampled_from(DAYS) | st.dates(date(2024, 6, 1), date(2027, 12, 31)))
        out.append(Version(draw(values), draw(st.sampled_from(TITLES)), at, stated))
    return out


@st.composite
def histories(draw: st.DrawFn) -> list[list[Version]]:
    return [versions(draw, st.sampled_from(CODES), datetime(2025, 1, 1, 9), 4) for _ in range(draw(st.integers(1, 6)))]


def named() -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(CODES), min_size=1, max_size=len(CODES), unique=True).map(sorted)


def described(versions: list[Version], on: date) -> Version:
    """The rule: of the versions true by `on`, the one that became true last (the later recorded on a
    tie); with none true by then, the first."""
    def became(v: Version) -> date:
        return v.true_from or v.recorded.date()
    by_then = [v for v in versions if became(v) <= on]
    return max(by_then, key=lambda v: (became(v), v.recorded)) if by_then else versions[0]


def teacher_rows(n: int, versions: list[Version]) -> list[Teacher]:
    out = []
    for i, v in enumerate(versions):
        closes = versions[i + 1].recorded if i + 1 < len(versions) else None
        out.append(Teacher(
            id=f"H{n:05d}", id_number="430102198001010011", name=f"历史{n}", gender="1", birth_date=date(1980, 1, 1),
            ethnicity="01", education="21", title=v.title, post_type="1", establishment="1", school_code=v.value,
            teaching_start=date(2002, 9, 1), status="1", valid_from=v.recorded, valid_to=closes,
            effective_from=v.true_from, source="correction", changed_by="test"))
    return out


def counts(s: Session, schools: Any, on: date) -> dict[str, tuple[int, int]]:
    query = prefill.counts_query({"everyone": EVERYONE, "senior": SENIOR}, schools, on)
    return {r.school_code: (r.everyone, r.senior) for r in s.execute(query)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories(), named(), st.sampled_from(DAYS) | st.dates(date(2024, 1, 1), date(2028, 6, 30)))
def test_teachers_counted_as_of_a_day_for_a_few_schools_and_the_province(
        province: Province, teachers: list[list[Version]], few: list[str], on: date) -> None:
    whole = select(col(School.code))
    with province.session() as s:
        before = counts(s, whole, on)
        s.add_all([row for n, history in enumerate(teachers) for row in teacher_rows(n, history)])
        s.flush()
        want = {code: list(before.get(code, (0, 0))) for code in CODES}
        for history in teachers:
            v = described(history, on)
            want[v.value][0] += 1
            want[v.value][1] += v.title == "2"
        expected = {code: (n[0], n[1]) for code, n in want.items() if n[0]}
        assert counts(s, whole, on) == expected  # the province's rule
        # Named schools: only the histories of teachers ever at them, and only their counts.
        assert counts(s, few, on) == {code: n for code, n in expected.items() if code in few}
        s.rollback()


@st.composite
def addresses(draw: st.DrawFn) -> dict[str, list[Version]]:
    """New versions of some schools' addresses, after the imported one."""
    changed = draw(st.lists(st.sampled_from(CODES), max_size=len(CODES), unique=True))
    return {code: versions(draw, st.sampled_from(("路1号", "路2号", "街3号")), datetime(2026, 12, 31, 9), 3)
            for code in changed}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(addresses(), named(), st.sampled_from(DAYS) | st.dates(date(2024, 1, 1), date(2028, 6, 30)))
def test_a_few_schools_values_as_of_a_day_are_theirs_alone(
        province: Province, changes: dict[str, list[Version]], few: list[str], on: date) -> None:
    with province.session() as s:
        imported = {c: Version(a or "", "", f, None) for c, a, f in s.execute(
            select(col(School.code), col(School.address), col(School.valid_from)).where(col(School.valid_to).is_(None)))}
        for code, history in changes.items():
            s.execute(update(School).where(col(School.code) == code).values(valid_to=history[0].recorded))
            row = s.get(School, (code, imported[code].recorded))
            assert row is not None
            for i, v in enumerate(history):
                s.add(School(code=code, name=row.name, region_code=row.region_code, school_type=row.school_type,
                             urban_rural=row.urban_rural, ownership=row.ownership, address=v.value,
                             enrolment=row.enrolment, valid_from=v.recorded, effective_from=v.true_from,
                             valid_to=history[i + 1].recorded if i + 1 < len(history) else None,
                             source="correction", changed_by="test"))
        s.flush()
        # A scope wider than the schools named: only the named are read, each once.
        v = prefill.school_values_query(D, true(), ["school.address"], on, PERIOD, codes=few)
        got = {r["code"]: r["school.address"] or "" for r in prefill.values(s, v)}
        assert got == {c: described([imported[c], *changes.get(c, [])], on).value for c in few}
        s.rollback()
