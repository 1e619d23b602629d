"""The version of a record that describes a reference day, over random histories: teachers who move
between schools and change title, corrections that state the day from which they were true. A few
schools' counts (a first reading, which looks only at their teachers' histories) and the whole
province's (an issue, an analysis) both equal the rule recounted in plain Python, on DuckDB and
PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from service.domain.dictionary import dictionary
from service.domain.semantics.definition import Filter, count
from service.store import prefill
from service.store.tables import School, Teacher
from tests.conftest import Province
from tests.province import SCHOOLS

D = dictionary()
CODES = [str(s["code"]) for s in SCHOOLS[:3]]
TITLES = ("2", "3")
EVERYONE = count(D, [])
SENIOR = count(D, [Filter("teacher.title", ("2",))])
DAYS = (date(2025, 9, 1), date(2026, 3, 1), date(2026, 9, 1))


@dataclass(frozen=True)
class Version:
    school: str
    title: str
    recorded: datetime
    true_from: date | None  # valid time, when the version states one


@st.composite
def histories(draw: st.DrawFn) -> list[list[Version]]:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        at = datetime(2025, 1, 1, 9)
        versions = []
        for _ in range(draw(st.integers(1, 4))):
            at += timedelta(days=draw(st.integers(1, 400)), minutes=draw(st.integers(0, 600)))
            # Stated days drawn often from a few, so that two versions become true on one day.
            stated = draw(st.none() | st.sampled_from(DAYS) | st.dates(date(2024, 6, 1), date(2027, 12, 31)))
            versions.append(Version(draw(st.sampled_from(CODES)), draw(st.sampled_from(TITLES)), at, stated))
        out.append(versions)
    return out


def described(versions: list[Version], on: date) -> Version:
    """The rule: of the versions true by `on`, the one that became true last (the later recorded on a
    tie); with none true by then, the first."""
    def became(v: Version) -> date:
        return v.true_from or v.recorded.date()
    by_then = [v for v in versions if became(v) <= on]
    return max(by_then, key=lambda v: (became(v), v.recorded)) if by_then else versions[0]


def rows(n: int, versions: list[Version]) -> list[Teacher]:
    out = []
    for i, v in enumerate(versions):
        closes = versions[i + 1].recorded if i + 1 < len(versions) else None
        out.append(Teacher(
            id=f"H{n:05d}", id_number="430102198001010011", name=f"历史{n}", gender="1", birth_date=date(1980, 1, 1),
            ethnicity="01", education="21", title=v.title, post_type="1", establishment="1", school_code=v.school,
            teaching_start=date(2002, 9, 1), status="1", valid_from=v.recorded, valid_to=closes,
            effective_from=v.true_from, source="correction", changed_by="test"))
    return out


def counts(s: Session, schools: Any, on: date) -> dict[str, tuple[int, int]]:
    query = prefill.counts_query({"everyone": EVERYONE, "senior": SENIOR}, schools, on)
    return {r.school_code: (r.everyone, r.senior) for r in s.execute(query)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories(), st.sampled_from(DAYS) | st.dates(date(2024, 1, 1), date(2028, 6, 30)))
def test_a_few_schools_and_the_province_see_the_version_of_the_reference_day(
        province: Province, teachers: list[list[Version]], on: date) -> None:
    whole = select(col(School.code)).where(col(School.code).in_(CODES))
    with province.session() as s:
        before = counts(s, whole, on)
        s.add_all([row for n, versions in enumerate(teachers) for row in rows(n, versions)])
        s.flush()
        want = {code: list(before.get(code, (0, 0))) for code in CODES}
        for versions in teachers:
            v = described(versions, on)
            want[v.school][0] += 1
            want[v.school][1] += v.title == "2"
        expected = {code: tuple(n) for code, n in want.items() if n[0]}
        assert counts(s, CODES, on) == expected  # named schools: only their teachers' histories
        assert counts(s, whole, on) == expected  # the province's rule
        s.rollback()
