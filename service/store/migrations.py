"""Versioned schema migrations, one function per version, applied in order and recorded in
`schema_migration`. A small runner instead of Alembic: Alembic drives DuckDB only through a
registered custom impl, and its ALTER/batch operations assume PostgreSQL or SQLite semantics that
DuckDB lacks (no ALTER ... ADD CONSTRAINT); Core DDL written here runs identically on both stores.
A migration that changes a table created by an earlier one must write its DDL explicitly.
"""

from collections.abc import Callable
from typing import cast

from sqlalchemy import Connection, Engine, Table, inspect, select, text
from sqlmodel import SQLModel, col

from service.domain.clock import now
from service.store import tables as t

Migration = Callable[[Connection], None]


def _add_columns(*ddl: str) -> Migration:
    """ALTER TABLE ... ADD COLUMN IF NOT EXISTS: a store created after the column joined the
    model already has it, since `_create` builds tables from the current model."""

    def run(conn: Connection) -> None:
        for statement in ddl:
            conn.execute(text(statement))

    return run


def _seed_gate(conn: Connection) -> None:
    conn.execute(text("INSERT INTO request_gate (id, version) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM request_gate)"))


def _current_unique(conn: Connection) -> None:
    """At most one current version per school and teacher. DuckDB has no partial indexes; there a
    single writing process and the import's own checks keep the rule."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS ux_school_current ON school (code) WHERE valid_to IS NULL"))
        conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS ux_teacher_current ON teacher (id) WHERE valid_to IS NULL"))


def _append_only(conn: Connection) -> None:
    """The audit log refuses UPDATE and DELETE. DuckDB has no triggers: there no code path writes
    anything but INSERT to it, which service/store/audit.py keeps the only way in."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(
            "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"))
        conn.execute(text("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log"))
        conn.execute(text(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"))


def _teacher_id_number(conn: Connection) -> None:
    """Imports check that an ID number belongs to no other current teacher, one index probe per
    imported row. DuckDB joins by hash instead: an index there would only slow its inserts."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_teacher_id_number ON teacher (id_number) WHERE valid_to IS NULL"))


def _id_numbers_in_byte_order(conn: Connection) -> None:
    """PostgreSQL: the ID-number index (migration 13) compares bytes (COLLATE "C"), as its probes
    now ask: ID numbers are digits and X, equal in either collation, but the database's collation
    sorts them through strcoll, and a first load builds the index again (100,000 teachers: 0.13 s
    to 0.07 s)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP INDEX IF EXISTS ix_teacher_id_number"))
        conn.execute(text('CREATE INDEX ix_teacher_id_number ON teacher (id_number COLLATE "C") WHERE valid_to IS NULL'))


def _versions_keyed_by_record(conn: Connection) -> None:
    """PostgreSQL: the keys of school and teacher versions lead by the record, (code, valid_from)
    and (id, valid_from), as the models now declare. Led by valid_from, every look-up of a record's
    other versions (the as-of-date filter asks three per record) scanned the whole index: issuing to
    30,000 schools did not finish in 10 minutes. DuckDB cannot alter a key and does not need to:
    it answers those look-ups by hash joins."""
    if conn.dialect.name == "postgresql":
        for table, key in (("school", "code"), ("teacher", "id")):
            conn.execute(text(f"ALTER TABLE {table} DROP CONSTRAINT {table}_pkey, "
                              f"ADD CONSTRAINT {table}_pkey PRIMARY KEY ({key}, valid_from)"))


def _prefix_indexes(conn: Connection) -> None:
    """DuckDB looks a row up through an index only on a single column: its composite keys check
    uniqueness but serve no lookup, so a form's items and sections and a key's idempotency record
    would be found by scanning every row. A submission's cost must not grow with the province;
    PostgreSQL's composite keys already serve these lookups."""
    if conn.dialect.name == "duckdb":
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_form_item_form_id ON form_item (form_id)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_form_section_form_id ON form_section (form_id)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_idempotency_record_key ON idempotency_record (key)"))


def _closed_versions(conn: Connection) -> None:
    """PostgreSQL: the records that ever changed (a closed version) found through a partial index.
    The as-of-date filter sets apart the records with a closed version; without the index a form's
    first reading, which computes one school's values, scanned every teacher to find them (53 of
    64 ms at 1,000,000 teachers; seconds at 18,000,000). DuckDB has no partial indexes and scans
    the one column it needs."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_school_closed ON school (code) WHERE valid_to IS NOT NULL"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_teacher_closed ON teacher (id) WHERE valid_to IS NOT NULL"))


def _collected_by_key(conn: Connection) -> None:
    """PostgreSQL: collected answers found by (key, reference date). Their key leads by the school
    or teacher, so the analysis's question (has anyone answered these keys in this period?) read
    every collected answer in the country. DuckDB filters the column by its zone maps, and an index
    there would slow every submission's flow-back."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_collected_value_key ON collected_value (key, reference_date)"))


def _all(*steps: Migration) -> Migration:
    def run(conn: Connection) -> None:
        for step in steps:
            step(conn)

    return run


def _table(model: type) -> Table:
    """A table model's Table, from its mapper."""
    return cast(Table, inspect(model).local_table)


def _create(*models: type) -> Migration:
    def run(conn: Connection) -> None:
        SQLModel.metadata.create_all(conn, tables=[_table(m) for m in models])

    return run


MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "store: regions, schools, teachers, organisations, principals, tokens, imports",
     _create(t.Region, t.School, t.Teacher, t.Organisation, t.Principal, t.Token, t.ImportBatch)),
    (2, "requests: requests, their fields and transitions, custom fields, approvals, collected values",
     _create(t.Request, t.RequestField, t.RequestTransition, t.CustomField, t.Approval, t.CollectedValue)),
    (3, "forms: forms, sections, items, corrections, idempotency, stops, access log, webhooks",
     _all(
         _add_columns("ALTER TABLE organisation ADD COLUMN IF NOT EXISTS owns VARCHAR",
                      "ALTER TABLE approval ADD COLUMN IF NOT EXISTS covers_sensitive BOOLEAN DEFAULT FALSE"),
         _create(t.Form, t.FormSection, t.FormItem, t.Correction, t.IdempotencyRecord, t.StopEvent, t.AccessLog,
                 t.Webhook, t.WebhookDelivery),
     )),
    (4, "request gate; one current version per record (PostgreSQL partial unique indexes)",
     _all(_create(t.RequestGate), _seed_gate, _current_unique)),
    (5, "request fields keep the headers they sit under on the department's form",
     _add_columns("ALTER TABLE request_field ADD COLUMN IF NOT EXISTS headers TEXT DEFAULT '[]'")),
    (6, "request fields keep their definition; analysis finds live requests by key through an index",
     _add_columns("ALTER TABLE request_field ADD COLUMN IF NOT EXISTS definition TEXT",
                  "CREATE INDEX IF NOT EXISTS ix_request_field_key ON request_field (key)")),
    (8, "audit log (append-only), import problem reports, background jobs",
     _all(_create(t.AuditEntry, t.ImportProblems, t.Job), _append_only)),
    (9, "credentials expire; one-time sign-in links and browser sessions beside bearer tokens",
     _add_columns("ALTER TABLE token ADD COLUMN IF NOT EXISTS expires_at TIMESTAMP",
                  "ALTER TABLE token ADD COLUMN IF NOT EXISTS purpose VARCHAR DEFAULT 'api'",
                  "ALTER TABLE token ADD COLUMN IF NOT EXISTS used_at TIMESTAMP",
                  "CREATE INDEX IF NOT EXISTS ix_token_principal_id ON token (principal_id)")),
    (10, "requests keep the department's own form (Excel template or XLSForm) they were read from",
     _create(t.RequestTemplate)),
    (11, "versions of schools and teachers keep the day from which they were true (valid time)",
     _add_columns("ALTER TABLE school ADD COLUMN IF NOT EXISTS effective_from DATE",
                  "ALTER TABLE teacher ADD COLUMN IF NOT EXISTS effective_from DATE")),
    (12, "issued requests count their forms not yet submitted",
     _all(_create(t.RequestProgress), _add_columns(
         "INSERT INTO request_progress (request_id, open_forms) SELECT s.request_id, "
         "count(CASE WHEN f.status <> 'submitted' THEN 1 END) FROM form_section s JOIN form f ON f.id = s.form_id "
         "JOIN request r ON r.id = s.request_id WHERE r.status = 'issued' GROUP BY s.request_id"))),
    (13, "imports find a current teacher by ID number through an index (PostgreSQL)", _teacher_id_number),
    (14, "versions of schools and teachers keyed by the record first (PostgreSQL)", _versions_keyed_by_record),
    (16, "DuckDB finds a form's items and sections and an idempotency record through an index", _prefix_indexes),
    (17, "records that ever changed found through an index (PostgreSQL)", _closed_versions),
    (18, "collected answers found by key and reference date through an index (PostgreSQL)", _collected_by_key),
    (19, "the ID-number index compares bytes (PostgreSQL)", _id_numbers_in_byte_order),
]


def migrate(engine: Engine) -> list[int]:
    """Apply every migration not yet recorded; return the versions applied now."""
    applied_now: list[int] = []
    with engine.begin() as conn:
        SQLModel.metadata.create_all(conn, tables=[_table(t.SchemaMigration)])
        done = set(conn.scalars(select(col(t.SchemaMigration.version))))
    for version, name, run in MIGRATIONS:
        if version in done:
            continue
        with engine.begin() as conn:
            run(conn)
            conn.execute(
                _table(t.SchemaMigration).insert().values(
                    version=version, name=name, applied_at=now()
                )
            )
        applied_now.append(version)
    return applied_now


def current_version(engine: Engine) -> int:
    if not inspect(engine).has_table("schema_migration"):
        return 0
    with engine.connect() as conn:
        versions = list(conn.scalars(select(col(t.SchemaMigration.version))))
    return max(versions, default=0)
