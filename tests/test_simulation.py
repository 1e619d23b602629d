"""The simulated year: its report's sums agree with the store, and a seed gives the same report
(on either store)."""

from __future__ import annotations

import functools
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from service.domain.dictionary import dictionary
from service.simulation.report import measure, write
from service.simulation.year import Spec, simulate
from service.store.engine import make_engine
from service.store.migrations import migrate

SPEC = Spec(year=2026, seed=3, schools=8)


def _rows(engine: Engine, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def _in_scope(scope: dict[str, list[str]], school: tuple[str, str, str, str]) -> bool:
    code, region, kind, ur = school
    reach = any(region.startswith(p) for p in scope["regions"]) or code in scope["schools"]
    return (reach and (not scope["school_types"] or kind in scope["school_types"])
            and (not scope["urban_rural"] or any(ur.startswith(u) for u in scope["urban_rural"])))


@functools.cache
def _fresh_duckdb_report() -> dict[str, Any]:
    """The report of SPEC's year simulated on a fresh DuckDB store: made once a run (a module fixture is
    made again for each store the session's parametrised store fixture brings), compared with each store's."""
    with tempfile.TemporaryDirectory() as tmp:
        other = make_engine(f"duckdb:///{Path(tmp) / 'again.duckdb'}")
        migrate(other)
        try:
            return measure(other, simulate(other, SPEC))
        finally:
            other.dispose()


@pytest.fixture
def fresh_duckdb_report() -> dict[str, Any]:
    return _fresh_duckdb_report()


def test_report_agrees_with_the_store_and_a_seed_repeats_it(
        db: Engine, tmp_path: Path, fresh_duckdb_report: dict[str, Any]) -> None:
    run = simulate(db, SPEC)
    f = measure(db, run)
    w, wo = f["with_service"], f["without_service"]

    # Forms, items, pre-fills, corrections and late forms, counted row by row.
    forms = _rows(db, "SELECT id, status, CAST(submitted_at AS DATE), due_date FROM form")
    items = _rows(db, "SELECT i.entity_id, i.key, i.prefill, i.value, i.action, f.reference_date, f.status "
                      "FROM form_item i JOIN form f ON f.id = i.form_id")
    assert w["forms"] == len(forms) > 0
    assert w["submitted"] == sum(1 for _, status, _, _ in forms if status == "submitted")
    assert w["late"] == sum(1 for _, status, at, due in forms if status == "submitted" and at > due)
    assert w["items"] == len(items)
    assert w["prefilled"] == sum(1 for i in items if i[2] is not None)
    assert w["corrections"] == sum(1 for i in items if i[4] == "correct") > 0
    assert w["to_fill"] == w["items"] - w["prefilled"]
    for k in ("forms", "items", "prefilled"):
        assert w[k] == sum(t[k] for t in w["by_term"].values())
    assert f["prefilled_share"] == round(w["prefilled"] / w["items"], 4)
    assert sum(f["to_fill_by_source"].values()) == w["to_fill"]
    assert f["to_fill_by_source"]["held_but_not_read"] == sum(u["values"] for u in f["held_but_not_read"])

    # Answers to what no record holds became collected values, one per entity, key and date.
    d = dictionary()
    collected = {(e, k, ref) for e, k, _p, v, _a, ref, status in items
                 if status == "submitted" and v is not None and k not in d.fields}
    assert w["collected_values"] == len(collected) == _rows(db, "SELECT count(*) FROM collected_value")[0][0]

    # Requests stopped: refused at submission (by status) or refused at issue and never reaching a form.
    requests = _rows(db, "SELECT id, status, scope, level, reference_date FROM request")
    placed = {r for (r,) in _rows(db, "SELECT DISTINCT request_id FROM form_section")}
    at_issue = dict(_rows(db, "SELECT request_id, min(reason) FROM stop_event GROUP BY request_id"))
    by_status = {"answered": "answered_from_store", "rejected_duplicate": "duplicate", "rejected": "unapproved"}
    stops = Counter(by_status.get(status) or (at_issue.get(rid) if rid not in placed else None)
                    for rid, status, *_ in requests)
    stops.pop(None, None)
    assert f["requests_stopped"] == dict(stops)
    assert stops["duplicate"] and stops["unapproved"]
    assert f["targets"][2]["passed"], f["targets"][2]

    # Without the service: every request's fields, of every school (or teacher in post) in its scope.
    schools = _rows(db, "SELECT code, region_code, school_type, urban_rural FROM school WHERE valid_to IS NULL")
    teachers = Counter(s for (s,) in _rows(db, "SELECT school_code FROM teacher WHERE valid_to IS NULL AND status = '1'"))
    n_fields = dict(_rows(db, "SELECT request_id, count(*) FROM request_field GROUP BY request_id"))
    forms_without = values_without = 0
    for rid, _status, scope, level, _ref in requests:
        reached = [s for s in schools if _in_scope(json.loads(scope), s)]
        forms_without += len(reached)
        values_without += n_fields.get(rid, 0) * (len(reached) if level == "school" else sum(teachers[s[0]] for s in reached))
    assert (wo["forms"], wo["fields"]) == (forms_without, values_without)
    assert f["reduction"]["fields"] == round(1 - round(w["items"] / values_without, 4), 4)

    # The same seed on another, fresh store (DuckDB) gives the same report, figure for figure.
    assert fresh_duckdb_report == f
    report = write(f, tmp_path / "report", "collectonce simulate")
    assert "## Targets" in report.read_text(encoding="utf-8")
    assert (tmp_path / "report" / "fields.svg").read_text(encoding="utf-8").startswith("<svg")
