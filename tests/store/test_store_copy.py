"""Moving up: a DuckDB province copied into PostgreSQL arrives whole, table by table."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from service.store import copy
from tests.api.test_forms_api import issue_survey, open_form, submit
from tests.api.test_requests_api import request_body
from tests.conftest import PG_URL, Province, _pg_engine, auth


@pytest.fixture
def empty_pg() -> Iterator[Engine]:
    eng, schema = _pg_engine()
    if eng is None:
        pytest.skip(schema)
    yield eng
    eng.dispose()
    with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _busy_province(client: TestClient, province: Province) -> None:
    """Versions, a request approved and issued, a form answered and corrected, a stop, the ledger."""
    issue_survey(client, province)
    form, etag = open_form(client, province)
    new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
    answers = [{"key": new_key, "value": 37}, {"key": "school.address", "value": "五一大道100号", "reason": "迁址"}]
    assert submit(client, province, form, etag, answers).status_code == 200
    unapproved = client.post("/v1/requests", headers=auth(province.tokens["department:hr"]), json=request_body(
        title="学生体质", scope={"regions": ["430000"]}, fields=[{"label": "肥胖学生人数", "type": "integer"}]))
    assert unapproved.status_code == 201, unapproved.text
    client.post(f"/v1/requests/{unapproved.json()['id']}/issue", headers=auth(province.tokens["department:hr"]))
    assert client.get(f"/v1/requests/{form['sections'][0]['request_id']}/results",
                      headers=auth(province.tokens["department"])).status_code == 200


def test_a_duckdb_province_arrives_in_postgresql_row_for_row(client: TestClient, province: Province,
                                                            empty_pg: Engine) -> None:
    if province.engine.dialect.name != "duckdb":
        pytest.skip("the copy goes from DuckDB to PostgreSQL")
    _busy_province(client, province)
    copied = copy.copy_store(province.engine, empty_pg)
    for t in copy.tables():
        source, target = copy.digest(province.engine, t), copy.digest(empty_pg, t)
        assert source == target, t.name
        assert copied[t.name] == source.rows
    with province.engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                  for t in ("school", "teacher", "form", "form_item", "collected_value", "stop_event", "audit_log")}
    assert counts["school"] > 4  # the corrected school has two versions
    assert all(counts.values()), counts
    with empty_pg.connect() as conn:
        history = conn.execute(text("SELECT address FROM school WHERE code = :c ORDER BY valid_from"),
                               {"c": "2430000001"}).scalars().all()
    assert history[-1] == "五一大道100号" and len(history) == 2


def test_the_copy_refuses_a_target_that_holds_rows(province: Province, empty_pg: Engine) -> None:
    if province.engine.dialect.name != "duckdb":
        pytest.skip("the copy goes from DuckDB to PostgreSQL")
    copy.copy_store(province.engine, empty_pg)
    with pytest.raises(copy.CopyRefused, match="already holds rows"):
        copy.copy_store(province.engine, empty_pg)


def test_the_cli_copies_and_checks_every_table(province: Province, empty_pg: Engine,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    if province.engine.dialect.name != "duckdb":
        pytest.skip("the copy goes from DuckDB to PostgreSQL")
    from service.cli import app
    from service.settings import settings

    monkeypatch.setattr(settings(), "database_url", str(province.engine.url))
    province.engine.dispose()  # one DuckDB process: the command opens the file itself
    result = CliRunner().invoke(app, ["store", "copy", "--to", empty_pg.url.render_as_string(hide_password=False)])
    assert result.exit_code == 0, result.output
    assert "every table the same" in result.output and "DIFFERS" not in result.output
