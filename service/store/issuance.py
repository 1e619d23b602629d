"""Queries of issuing: forms placed for a request's window, and pre-filled items written on forms
as their schools first read them, set-based (a handful of statements whatever the number of forms).
The rules live in service/domain/issuance.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from sqlalchemy import ColumnElement, Dialect, TextClause, select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from service.domain.dictionary import dictionary
from service.store import prefill
from service.store.records import valid_at
from service.store.requests import classes_of
from service.store.sqltext import ident, literal, one_of, unnested
from service.store.tables import Approval, Form, FormSection, Request, School


def place_forms(session: Session, r: Request, window: str, keys: list[str], a: Approval | None,
                allowed: ColumnElement[bool], at: datetime) -> tuple[int, int]:
    """Open forms of the window receive a section of `r`; schools in `allowed` without one get a new
    form. Returns (forms with a section of `r`, forms merged with other requests)."""
    conn = session.connection()
    targets = select(col(School.code)).where(valid_at(School, None), allowed)
    compiled = targets.compile(bind=conn, compile_kwargs={"literal_binds": True})
    # Counted by the inserts themselves: a form that gets a section and was not just created merges.
    created = conn.execute(text(
        f"INSERT INTO form (id, school_code, \"window\", level, reference_date, due_date, status, version, created_at) "
        # The window's open forms are read once, before the insert: a join against the form table
        # itself, planned while it held no form of the window, became a nested loop rescanning the
        # forms this very statement inserts, quadratic in the schools (500,000 of them: an hour).
        f"WITH open AS MATERIALIZED (SELECT f.school_code FROM form f WHERE f.\"window\" = CAST(:w AS VARCHAR) "
        f"AND f.status IN ('issued', 'opened')) "
        f"SELECT md5(CAST(:rid AS VARCHAR) || s.code), s.code, CAST(:w AS VARCHAR), CAST(:level AS VARCHAR), "
        f"CAST(:ref AS DATE), CAST(:due AS DATE), 'issued', 1, CAST(:at AS TIMESTAMP) FROM ({compiled}) s "
        f"WHERE NOT EXISTS (SELECT 1 FROM open o WHERE o.school_code = s.code)"
    ), {"rid": r.id, "w": window, "level": r.level, "ref": r.reference_date, "due": r.due_date, "at": at}).rowcount
    placed = conn.execute(text(
        f"INSERT INTO form_section (form_id, request_id, department, title, form_number, approval_number, authority, "
        f"valid_until, keys) SELECT f.id, :rid, :dept, :title, :fno, :ano, :auth, :until, :keys FROM form f "
        f"WHERE f.\"window\" = :w AND f.status IN ('issued', 'opened') AND f.school_code IN ({compiled})"
    ), {"rid": r.id, "dept": r.department, "title": r.title, "fno": a.form_number if a else None,
        "ano": a.number if a else None, "auth": a.authority if a else None, "until": a.valid_until if a else None,
        "keys": json.dumps(keys), "w": window}).rowcount
    merged = int(placed) - int(created)
    if merged:
        # Forms that merge a new section change: their ETag must change too.
        conn.execute(text(
            "UPDATE form SET version = version + 1 WHERE \"window\" = :w AND status IN ('issued', 'opened') "
            "AND id IN (SELECT form_id FROM form_section WHERE request_id = :rid) "
            "AND id <> md5(CAST(:rid AS VARCHAR) || school_code)"
        ), {"w": window, "rid": r.id})
    return int(placed), merged


@dataclass(frozen=True)
class FillPlan:
    """What placing a request's values on its forms needs of it: fixed once it is issued."""

    request_id: str
    level: str
    reference_date: date
    period: tuple[date, date]
    classification: dict[str, str]  # each keyed field and its class, in the request's order


def fill_plan(session: Session, r: Request) -> FillPlan:
    return FillPlan(r.id, r.level, r.reference_date, (r.period_start, r.period_end), classes_of(session, r.id))


def fill(session: Session, plan: FillPlan, schools: list[str], at: datetime) -> int:
    """Unpivot the pre-fill values of the `schools` into form items of their forms holding a section
    of the plan's request: the keys of its classification, each with its class. A value a form
    already asks (for another section) stays as it is: it is asked once. Returns how many items
    were added."""
    classification = plan.classification
    conn = session.connection()
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        # The planner cannot estimate the as-of-date filter's subqueries and prices the values query
        # in the millions: JIT compilation then cost more than the aggregation itself.
        conn.execute(text("SET LOCAL jit = off"))
    if len(schools) <= FEW_SCHOOLS:
        added = conn.execute(_few_schools_fill(conn.dialect, plan.level, tuple(classification.items()),
                                               plan.reference_date, plan.period),
                             {"rid": plan.request_id, "at": at, "schools": schools}).rowcount
        # JIT stays off for the rest of the transaction (SET LOCAL): what follows a few schools' fill
        # (their forms' items read, a status written) is small, and a RESET was one more round trip.
        return int(added)
    compiled, v = _values_sql(conn.dialect, plan.level, tuple(classification), plan.reference_date, plan.period)
    suffix = " ON COMMIT DROP" if postgres else ""
    conn.execute(text("DROP TABLE IF EXISTS prefill_computed"))
    conn.execute(text("DROP TABLE IF EXISTS prefill_values"))
    # The values first, on their own: joined with the forms in one statement, they were computed
    # again for each form wherever the planner took the forms for one row (quadratic in the schools).
    conn.execute(text(f"CREATE TEMP TABLE prefill_computed{suffix} AS {compiled}"), {"schools": schools})
    if postgres:
        conn.execute(text("RESET jit"))
        conn.execute(text("ANALYZE prefill_computed"))
    # The values and the form of `r` they go on, joined once: one row per school (or teacher).
    conn.execute(text(f"CREATE TEMP TABLE prefill_values{suffix} AS {_on_forms(v)}"), {"rid": plan.request_id})
    added = conn.execute(text(f"{_INSERT} {_new_items(v, classification)}"), {"at": at}).rowcount
    # Read before the next statement: DuckDB's cursor reports the count of the last one it ran.
    conn.execute(text("DROP TABLE IF EXISTS prefill_values"))
    conn.execute(text("DROP TABLE IF EXISTS prefill_computed"))
    return int(added)


# Up to this many schools read at once (a few first readings in a group), a fill is one statement;
# beyond it, the values go through temp tables, which PostgreSQL plans with their statistics.
FEW_SCHOOLS = 64


@lru_cache(maxsize=256)
def _few_schools_fill(dialect: Dialect, level: str, classification: tuple[tuple[str, str], ...], reference: date,
                      period: tuple[date, date]) -> TextClause:
    """A few schools' fill (a school's first reading) as one statement, kept: its text is some 10 kB,
    which SQLAlchemy scanned for its parameters again on every first reading (0.6 ms). Two temp
    tables, their statistics and their drops cost PostgreSQL 8 of the 16 ms the fill took. Without
    the statistics, the forms are named by their schools, or PostgreSQL joins every form of the
    request first."""
    compiled, v = _values_sql(dialect, level, tuple(k for k, _c in classification), reference, period)
    return text(f"{_INSERT} WITH prefill_computed AS MATERIALIZED ({compiled}), "
                f"prefill_values AS ({_on_forms(v)} WHERE f.school_code {_READ}) {_new_items(v, dict(classification))}")


def _on_forms(v: prefill.Values) -> str:
    """The values of `prefill_computed` on the forms holding a section of the request `:rid`."""
    return (f"SELECT s.form_id, v.* FROM prefill_computed v JOIN form f ON f.school_code = v.{ident(v.school_column)} "
            "JOIN form_section s ON s.form_id = f.id AND s.request_id = :rid")


_INSERT = ("INSERT INTO form_item (form_id, entity_id, key, prefill, prefill_source, prefill_at, prefill_by, "
           "prefill_ref, classification)")


def _new_items(v: prefill.Values, classification: dict[str, str]) -> str:
    """The items of `prefill_values`, one per key and entity, that its forms do not hold yet."""
    # Unpivoted by a join with the keys, each row's values gathered in one array per column and
    # picked by the key's place: a SELECT per key under UNION ALL read `prefill_values` once per
    # key, and DuckDB took a sixth of a school's first reading to plan it.
    columns = [v.columns[k] for k in classification]

    def gathered(suffix: str, as_type: str) -> str:
        return "ARRAY[" + ", ".join(f"CAST(p.{ident(c + suffix)} AS {as_type})" for c in columns) + "]"

    keys = ", ".join(f"({n}, {literal(k)}, {literal(classed)})" for n, (k, classed) in enumerate(classification.items(), 1))
    selected = (
        f"SELECT p.form_id, CAST(p.{ident(v.entity_column)} AS VARCHAR) AS entity_id, {gathered('', 'VARCHAR')} AS v, "
        f"{gathered('_src', 'VARCHAR')} AS src, {gathered('_at', 'TIMESTAMP')} AS at, {gathered('_by', 'VARCHAR')} AS by, "
        f"{gathered('_ref', 'VARCHAR')} AS ref FROM prefill_values p"
    )
    unpivoted = (
        "SELECT g.form_id, g.entity_id, k.item_key, (g.v)[k.n] AS prefill, (g.src)[k.n] AS prefill_source, "
        "COALESCE((g.at)[k.n], CAST(:at AS TIMESTAMP)) AS prefill_at, (g.by)[k.n] AS prefill_by, "
        f"(g.ref)[k.n] AS prefill_ref, k.classification FROM ({selected}) g "
        f"CROSS JOIN (VALUES {keys}) AS k (n, item_key, classification)"
    )
    # Asked once, the first stays: one NOT EXISTS by the item's key for all of them (ON CONFLICT DO
    # NOTHING on every row cost a third of the write; one per key read the form items once per key).
    return (f"SELECT * FROM ({unpivoted}) n WHERE NOT EXISTS "
            "(SELECT 1 FROM form_item i WHERE i.form_id = n.form_id AND i.entity_id = n.entity_id AND i.key = n.item_key)")


# Stands for the codes of the schools read in a values statement built once per request's keys.
_SCHOOLS = "collectonce:schools-read"
_READ = f"IN {unnested(['schools'])[0]}"


@lru_cache(maxsize=256)
def _values_sql(dialect: Dialect, level: str, keys: tuple[str, ...], reference: date,
                period: tuple[date, date]) -> tuple[str, prefill.Values]:
    """The values statement of a request's keys as SQL text, the schools read bound as one array
    (`:schools`): built and compiled in 30-60 ms, which every first reading of a form paid again.
    The schools were once written into it as a list of literals, which DuckDB planned in time
    quadratic in their number (5,000 schools: 500 ms, against 85 ms bound as an array)."""
    build = prefill.teacher_values_query if level == "roster" else prefill.school_values_query
    v = build(dictionary(), col(School.code).in_([_SCHOOLS]), list(keys), reference, period, codes=[_SCHOOLS])
    sql = str(v.query.order_by(None).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    placeholder = f"IN ({literal(_SCHOOLS)})"
    if placeholder not in sql or sql.count(literal(_SCHOOLS)) != sql.count(placeholder):
        raise AssertionError("the values statement does not name its schools as one list")
    return sql.replace(placeholder, _READ), v


def sections_to_fill(session: Session, form_ids: list[str], request_id: str | None) -> list[tuple[str, str]]:
    """(request id, school code) of every section of `form_ids` (of one request, if given), the
    earliest request first: the order in which their values are placed, so that a value two
    sections ask is the first's."""
    if not form_ids:
        return []
    rows = session.execute(
        select(col(FormSection.request_id), col(Form.school_code))
        .join(Form, col(Form.id) == col(FormSection.form_id))
        .join(Request, col(Request.id) == col(FormSection.request_id))
        .where(one_of(col(FormSection.form_id), form_ids),
               *([] if request_id is None else [col(FormSection.request_id) == request_id]))
        .order_by(col(Request.created_at), col(Request.id), col(Form.school_code))).all()
    return [(str(a), str(b)) for a, b in rows]


def opened_with(session: Session, request_id: str, window: str) -> list[str]:
    """Forms of `window` that a school has read (opened) and that hold a section of the request."""
    return list(session.scalars(
        select(col(Form.id)).join(FormSection, col(FormSection.form_id) == col(Form.id))
        .where(col(Form.window) == window, col(Form.status) == "opened", col(FormSection.request_id) == request_id)))
