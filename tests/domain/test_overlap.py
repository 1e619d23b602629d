"""The overlap measure and the content hash, as properties."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from service.domain.overlap import Footprint, overlap
from service.domain.requests import FieldIn, RequestIn, content_hash
from service.domain.scope import Scope

keys = st.frozensets(st.sampled_from([f"school.c_{i:02d}" for i in range(12)]), min_size=1, max_size=8)
schools = st.frozensets(st.sampled_from([f"24300000{i:02d}" for i in range(20)]), min_size=1, max_size=12)
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def footprints(draw: st.DrawFn) -> Footprint:
    start = draw(days)
    return Footprint(draw(keys), draw(schools), start, start + timedelta(days=draw(st.integers(0, 120))))


@given(footprints(), footprints())
def test_overlap_is_a_share(a: Footprint, b: Footprint) -> None:
    assert 0.0 <= overlap(a, b) <= 1.0


ALL_KEYS = [f"school.c_{i:02d}" for i in range(12)]
ALL_SCHOOLS = [f"24300000{i:02d}" for i in range(20)]


@given(footprints(), st.data())
def test_overlap_is_symmetric_for_requests_of_equal_size(a: Footprint, data: st.DataObject) -> None:
    n_f, n_s = len(a.fields), len(a.schools)
    b = Footprint(
        frozenset(data.draw(st.lists(st.sampled_from(ALL_KEYS), min_size=n_f, max_size=n_f, unique=True))),
        frozenset(data.draw(st.lists(st.sampled_from(ALL_SCHOOLS), min_size=n_s, max_size=n_s, unique=True))),
        data.draw(days), data.draw(days),
    )
    b = Footprint(b.fields, b.schools, min(b.start, b.end), max(b.start, b.end))
    assert abs(overlap(a, b) - overlap(b, a)) < 1e-12


@given(footprints(), footprints(), st.data())
def test_sharing_one_more_field_never_lowers_the_overlap(a: Footprint, b: Footprint, data: st.DataObject) -> None:
    candidates = sorted(a.fields - b.fields)
    assume(candidates)
    extra = data.draw(st.sampled_from(candidates))
    wider = Footprint(b.fields | {extra}, b.schools, b.start, b.end)
    assert overlap(a, wider) >= overlap(a, b)


@given(footprints(), footprints())
def test_disjoint_scope_or_period_means_no_overlap(a: Footprint, b: Footprint) -> None:
    apart = Footprint(b.fields, frozenset(s + "x" for s in b.schools), b.start, b.end)
    assert overlap(a, apart) == 0.0
    later = Footprint(b.fields, b.schools, a.end + timedelta(days=1), a.end + timedelta(days=30))
    assert overlap(a, later) == 0.0


@given(footprints())
def test_a_request_fully_duplicates_itself(a: Footprint) -> None:
    assert overlap(a, a) == 1.0


def _req(labels: list[str], regions: list[str]) -> RequestIn:
    return RequestIn(title="t", purpose="p", kind="statistical", level="school",
                     fields=[FieldIn(label=x, type="integer") for x in labels], scope=Scope(regions=regions),
                     reference_date=date(2026, 9, 1), due_date=date(2026, 12, 1))


words = st.lists(st.text(alphabet="教师学生人数近视身高体重", min_size=1, max_size=6), min_size=1, max_size=5, unique=True)


@given(words, st.sampled_from(["430100", "430200", "4301"]))
def test_the_hash_ignores_title_and_purpose_but_not_fields_or_scope(labels: list[str], region: str) -> None:
    base = _req(labels, [region])
    assert content_hash(base) == content_hash(base.model_copy(update={"title": "another", "purpose": "other"}))
    assert content_hash(base) != content_hash(_req([*labels, "另一项"], [region]))
    assert content_hash(base) != content_hash(_req(labels, [region, "430300"]))
    assert content_hash(base) != content_hash(base.model_copy(update={"reference_date": date(2026, 9, 2), "period_end": date(2026, 9, 2)}))
