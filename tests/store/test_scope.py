"""Scope filters and containment on both stores agree with the rule written out in Python."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from service.domain.scope import Scope
from service.store.scope import outside
from tests.conftest import Province
from tests.province import SCHOOLS

scopes = st.builds(
    Scope,
    regions=st.lists(st.sampled_from(["43", "4301", "430102", "430104", "4302", "430202"]), max_size=2),
    school_types=st.lists(st.sampled_from(["211", "311", "342", "514"]), max_size=2),
    urban_rural=st.lists(st.sampled_from(["1", "2", "11", "12", "220"]), max_size=2),
    schools=st.lists(st.sampled_from([s["code"] for s in SCHOOLS]), max_size=2),
)


def in_scope(scope: Scope, school: dict[str, str | None]) -> bool:
    reach = any(str(school["region_code"]).startswith(r) for r in scope.regions) or school["code"] in scope.schools
    kind = not scope.school_types or school["school_type"] in scope.school_types
    place = not scope.urban_rural or any(str(school["urban_rural"]).startswith(u) for u in scope.urban_rural)
    return reach and kind and place


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scopes, scopes)
def test_scope_membership_and_containment_follow_the_rule(province: Province, inner: Scope, outer: Scope) -> None:
    with Session(province.engine) as s:
        assert outside(s, inner, Scope(), limit=None) == sorted(x["code"] for x in SCHOOLS if in_scope(inner, x))
        expected_outside = sorted(x["code"] for x in SCHOOLS if in_scope(inner, x) and not in_scope(outer, x))
        assert outside(s, inner, outer, limit=None) == expected_outside
        assert outside(s, inner, inner) == []
