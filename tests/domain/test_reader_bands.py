"""The bands of one breakdown do not overlap: a bound a bare 以下 or 以上 gives (statutorily
inclusive) is excluded when a band beside it starts or ends at that number."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from service.domain.dictionary import dictionary
from service.domain.semantics import definition_of
from tests.domain.test_semantics import FT, count, read_form

AGE = ["专任教师", "按年龄分"]
YEARS = ["专任教师", "按教龄分"]


def _read(fields: list[tuple[list[str], str]]) -> list[str | None]:
    return read_form([{"headers": h, "label": w} for h, w in fields])


def test_a_band_starting_at_the_bound_excludes_it() -> None:
    got = _read([(AGE, "30岁以下"), (AGE, "30-39岁"), (AGE, "40-49岁"), (AGE, "50岁以上"), (AGE, "45-50岁")])
    assert got[0] == count(f"{FT};age=..29")
    assert got[3] == count(f"{FT};age=51..")  # the band before it ends at 50
    assert _read([(YEARS, "5年以下"), (YEARS, "5-9年"), (YEARS, "10年以上")]) == [
        count(f"{FT};years=..4"), count(f"{FT};years=5..9"), count(f"{FT};years=10..")]
    # Run together with the population, the same.
    assert _read([([], "专任教师30岁以下"), ([], "专任教师30-39岁")])[0] == count(f"{FT};age=..29")


def test_bands_that_meet_the_bound_leave_the_statute_as_it_is() -> None:
    assert _read([(AGE, "30岁以下"), (AGE, "31-40岁"), (AGE, "41-50岁"), (AGE, "50岁以上")]) == [
        count(f"{FT};age=..30"), count(f"{FT};age=31..40"), count(f"{FT};age=41..50"), count(f"{FT};age=51..")]
    assert _read([(AGE, "35岁以下"), (AGE, "36-45岁")])[0] == count(f"{FT};age=..35")


def test_a_bound_said_outright_is_kept_even_beside_an_overlapping_band() -> None:
    assert _read([(AGE, "30岁及以下"), (AGE, "30-34岁")])[0] == count(f"{FT};age=..30")
    assert _read([(AGE, "30岁以下（含30岁）"), (AGE, "30-34岁")])[0] == count(f"{FT};age=..30")
    assert _read([(AGE, "年满50岁以上"), (AGE, "45-50岁")])[0] == count(f"{FT};age=50..")


def test_a_band_of_another_population_or_breakdown_says_nothing() -> None:
    assert _read([([], "30岁以下专任教师"), ([], "女教职工30-39岁")])[0] == count(f"{FT};age=..30")
    # Years beside ages: different fields.
    assert _read([(["专任教师"], "30岁以下"), (["专任教师"], "30-39年教龄")])[0] == count(f"{FT};age=..30")


@settings(max_examples=40, deadline=None)
@given(st.integers(22, 35), st.lists(st.integers(3, 10), min_size=1, max_size=4), st.booleans(), st.booleans())
def test_a_breakdown_of_bands_reads_as_a_partition(start: int, widths: list[int], low_meets: bool,
                                                   high_meets: bool) -> None:
    """However a table words its open ends ("30岁以下" beside "30-34岁", or beside "31-35岁"), the
    counts it is read as never share an age: each teacher is counted in one column."""
    cuts = [start]
    for w in widths:
        cuts.append(cuts[-1] + w)
    if cuts[-1] > 75:
        return
    bands = [f"{lo}-{hi - 1}岁" for lo, hi in pairwise(cuts)]
    low = f"{start - 1 if low_meets else start}岁以下"
    high = f"{cuts[-1] if high_meets else cuts[-1] - 1}岁以上"
    got = _read([(AGE, w) for w in [low, *bands, high]])
    d = dictionary()
    ranges = []
    for k in got:
        assert k is not None
        defn = definition_of(k, d)
        assert defn is not None
        f = defn.filter_on("teacher.age")
        assert f is not None
        ranges.append((f.min if f.min is not None else 0, f.max if f.max is not None else 999))
    for i, (lo, hi) in enumerate(ranges):
        for lo2, hi2 in ranges[i + 1:]:
            assert max(lo, lo2) > min(hi, hi2), f"{got} overlap"
