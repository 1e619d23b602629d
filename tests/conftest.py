"""Fixtures: a fresh store per backend (DuckDB file and PostgreSQL schema), emptied after each test,
and a small province with known answers loaded through the real import path."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pytest
from fastapi.testclient import TestClient
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from service.api.deps import session_engine
from service.app import create_app
from service.domain.authz import Principal
from service.domain.imports import import_regions, import_table
from service.domain.principals import issue_token
from service.store.engine import make_engine, session_scope
from service.store.migrations import migrate
from service.store.tables import SQLModel
from tests.province import REGIONS, SCHOOLS, TEACHERS

# Timings belong in benchmarks: no per-example deadline on a shared, noisy machine.
hypothesis_settings.register_profile("collectonce", deadline=None)
hypothesis_settings.load_profile("collectonce")

PG_URL = os.environ.get("COLLECTONCE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_engine() -> tuple[Engine | None, str]:
    import psycopg

    plain = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    schema = f"t_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(plain, connect_timeout=3, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        return None, f"PostgreSQL not reachable at {PG_URL}: {exc}".splitlines()[0]
    sep = "&" if "?" in PG_URL else "?"
    return make_engine(f"{PG_URL}{sep}options=-csearch_path%3D{schema}"), schema


@pytest.fixture(scope="session", params=["duckdb", "postgresql"])
def store_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    if request.param == "duckdb":
        eng = make_engine(f"duckdb:///{tmp_path_factory.mktemp('duck') / 'store.duckdb'}")
        migrate(eng)
        yield eng
        eng.dispose()
        return
    eng, schema = _pg_engine()
    if eng is None:
        pytest.skip(f"PostgreSQL half skipped: {schema}")
    migrate(eng)
    yield eng
    eng.dispose()
    import psycopg

    with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def db(store_engine: Engine) -> Iterator[Engine]:
    """The backend's store, emptied after the test so each test starts from nothing."""
    yield store_engine
    emptied = [t.name for t in reversed(SQLModel.metadata.sorted_tables)
               if t.name not in ("schema_migration", "request_gate")]  # rows the migrations seed
    with store_engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # TRUNCATE, not DELETE: deleted rows would stay as dead tuples under statistics of tables
            # long gone, and a later test's plans (a country's load, then its issue) would be made on them.
            # (audit_log is append-only: DELETE is refused there, TRUNCATE is not.)
            conn.execute(text(f"TRUNCATE {', '.join(emptied)}"))
        else:
            for table in emptied:
                conn.execute(text(f"DELETE FROM {table}"))


ADMIN = Principal(id="test-admin", name="test admin", role="admin", org_code="admin",
                  org_name="administration", jurisdiction=None)


def table_of(rows: list[dict[str, str | None]]) -> pa.Table:
    columns = list(rows[0])
    return pa.table({c: pa.array([r.get(c) for r in rows], pa.string()) for c in columns})


@dataclass
class Province:
    engine: Engine
    tokens: dict[str, str]  # role (or "school:<code>") -> bearer token

    def session(self) -> Session:
        return Session(self.engine)


@pytest.fixture
def province(db: Engine) -> Province:
    """Three counties, four schools, a dozen teachers (tests/province.py), and a token per role."""
    with session_scope(db) as s:
        import_regions(s, ADMIN, table_of(REGIONS))
        import_table(s, ADMIN, "schools", table_of(SCHOOLS), "schools.csv")
        import_table(s, ADMIN, "teachers", table_of(TEACHERS), "teachers.csv")
        tokens = {}
        for role, org, name, jur in [
            ("admin", "admin", "Admin", None),
            ("department", "430000-health", "Health Commission", "430000"),
            ("statistics_office", "430000-stats", "Statistics Bureau", "430000"),
            ("education_office", "430000-edu", "Education Department", "430000"),
        ]:
            tokens[role] = issue_token(s, role, org, org_name=name, jurisdiction=jur)[1]
        tokens["department:hr"] = issue_token(
            s, "department", "430000-hr", org_name="Human Resources", jurisdiction="430000", owns="human_resources")[1]
        tokens["department:changsha"] = issue_token(
            s, "department", "430100-health", org_name="Changsha Health", jurisdiction="430100")[1]
        for school in SCHOOLS:
            tokens[f"school:{school['code']}"] = issue_token(s, "school", str(school["code"]))[1]
    return Province(db, tokens)


@pytest.fixture
def client(province: Province) -> Iterator[TestClient]:
    app = create_app()

    app.dependency_overrides[session_engine] = lambda: province.engine
    yield TestClient(app)


@pytest.fixture
def allow_private_webhooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Webhooks may call this machine's test receiver (COLLECTONCE_WEBHOOK_ALLOW_PRIVATE), for this test only."""
    from service.settings import settings

    monkeypatch.setattr(settings(), "webhook_allow_private", True)


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def write_csv(tmp_path: Path):  # type: ignore[no-untyped-def]
    def _write(name: str, rows: list[dict[str, str | None]], encoding: str = "utf-8") -> Path:
        import csv

        path = tmp_path / name
        with path.open("w", newline="", encoding=encoding) as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        return path

    return _write
