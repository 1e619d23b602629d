"""Queries over the versioned school and teacher records: current, or as of a past moment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Date, and_, case, cast, func, or_, select, text, tuple_
from sqlalchemy.orm import Session, aliased
from sqlmodel import col

from service.store.tables import Region, School, Teacher

VersionedModel = type[School] | type[Teacher]


def _key(model: Any, kind: VersionedModel) -> Any:
    """The record key of `model` (the class `kind` or an alias of it): schools by code, teachers by id."""
    return col(model.code) if kind is School else col(model.id)


def valid_at(model: VersionedModel, as_of: datetime | None) -> ColumnElement[bool]:
    """The one filter for 'the version in force': current when as_of is None."""
    if as_of is None:
        return col(model.valid_to).is_(None)
    return and_(col(model.valid_from) <= as_of, or_(col(model.valid_to).is_(None), col(model.valid_to) > as_of))


def _true_from(model: Any) -> Any:
    """The day a version's values became true: its valid time if it states one, else the day it was recorded."""
    return func.coalesce(col(model.effective_from), cast(col(model.valid_from), Date))


@lru_cache(maxsize=64)  # built in 10 ms, asked twice by every first reading of a form
def for_reference(model: VersionedModel, reference: date) -> ColumnElement[bool]:
    """The version of each record that describes the day `reference` (see `for_reference_among`)."""
    return for_reference_among(model, reference, None)


def for_reference_among(model: VersionedModel, reference: date, among: Any) -> ColumnElement[bool]:
    """The version of each record that describes the day `reference`: of the versions true by that
    day (valid time, else the day recorded), the one that became true last, the later recorded on a
    tie; for a record with none (first stored after that day), its first version (data imported in
    November still describe the school year that began in September). A correction made on a form
    for 2026-09-01 is true from that day, so the next form for that day reads it.

    A record never changed has one version, which is the one. Only records with a closed version
    have others: their versions are ranked apart (one window over just their versions), so the rule
    costs with the records that changed. Asked of every record, it was most of an issue's time on
    both stores; put as correlated EXISTS over each version's others, DuckDB decorrelated them into
    joins over every teacher, 30 of a first reading's 57 ms at 1,000,000 teachers.

    `among` (the keys of the records a query can take, or None for all) limits the changed records
    looked at to those: with 50,000 of 1,000,000 teachers changed, one school's first reading took
    180-270 ms on DuckDB and 440-590 ms on PostgreSQL ranking every one of them. The query must take
    no record outside `among` itself (by the school's code, say), or such a record would pass with all
    its versions: repeating `among` here as a filter made PostgreSQL's issue of 2,000 forms 12 times slower."""
    closed = aliased(model)
    changed = select(_key(closed, model)).where(col(closed.valid_to).is_not(None),
                                                *([] if among is None else [_key(closed, model).in_(among)]))
    version = aliased(model)
    became, recorded = _true_from(version), col(version.valid_from)
    by_then = became <= reference
    rank = func.row_number().over(partition_by=_key(version, model), order_by=(
        case((by_then, 0), else_=1), case((by_then, became)).desc(), case((by_then, recorded)).desc(), recorded))
    ranked = select(_key(version, model).label("record_key"), recorded.label("valid_from"), rank.label("place")).where(
        _key(version, model).in_(changed)).subquery()
    chosen = select(ranked.c.record_key, ranked.c.valid_from).where(ranked.c.place == 1)
    return or_(_key(model, model).not_in(changed), tuple_(_key(model, model), col(model.valid_from)).in_(chosen))


def list_schools(
    session: Session, *, code: str | None = None, region_prefix: str | None = None,
    school_type: str | None = None, urban_rural: str | None = None,
    limit: int = 100, offset: int = 0, as_of: datetime | None = None,
) -> tuple[Sequence[School], int]:
    conds = [valid_at(School, as_of)]
    if code:
        conds.append(col(School.code) == code)
    if region_prefix:
        conds.append(col(School.region_code).startswith(region_prefix))
    if school_type:
        conds.append(col(School.school_type) == school_type)
    if urban_rural:
        conds.append(col(School.urban_rural).startswith(urban_rural))
    total = session.scalar(select(func.count()).select_from(School).where(*conds)) or 0
    rows = session.scalars(select(School).where(*conds).order_by(col(School.code)).limit(limit).offset(offset)).all()
    return rows, total


def get_school(session: Session, code: str, as_of: datetime | None = None) -> School | None:
    return session.scalars(select(School).where(col(School.code) == code, valid_at(School, as_of))).first()


def school_teachers(
    session: Session, code: str, *, limit: int, offset: int, as_of: datetime | None = None
) -> tuple[Sequence[Teacher], int]:
    conds = [col(Teacher.school_code) == code, valid_at(Teacher, as_of)]
    total = session.scalar(select(func.count()).select_from(Teacher).where(*conds)) or 0
    rows = session.scalars(select(Teacher).where(*conds).order_by(col(Teacher.id)).limit(limit).offset(offset)).all()
    return rows, total


def get_teacher(session: Session, teacher_id: str, as_of: datetime | None = None) -> Teacher | None:
    return session.scalars(select(Teacher).where(col(Teacher.id) == teacher_id, valid_at(Teacher, as_of))).first()


def versions(session: Session, model: VersionedModel, key: str) -> Sequence[Any]:
    """Every version of one record, oldest first."""
    return session.scalars(select(model).where(_key(model, model) == key).order_by(col(model.valid_from))).all()


def list_regions(session: Session, prefix: str | None = None) -> Sequence[Region]:
    q = select(Region).order_by(col(Region.code))
    if prefix:
        q = q.where(col(Region.code).startswith(prefix))
    return session.scalars(q).all()


def teacher_ids_by_id_number(session: Session, id_numbers: list[str]) -> dict[str, str]:
    """The staff id of each current teacher among `id_numbers`, in one query."""
    if not id_numbers:
        return {}
    rows = session.execute(select(col(Teacher.id_number), col(Teacher.id)).where(
        col(Teacher.id_number).collate("C").in_(id_numbers), valid_at(Teacher, None)))  # its index's order (migration 19)
    return {str(n): str(i) for n, i in rows}


def holders(session: Session, entity: str, column: str, values: Sequence[str]) -> dict[str, str]:
    """Which current record (school code, teacher id) holds each of `values` in `column`, in one query."""
    if not values:
        return {}
    model: Any = School if entity == "school" else Teacher
    key = model.code if entity == "school" else model.id
    rows = session.execute(select(getattr(model, column), key).where(getattr(model, column).in_(list(values)),
                                                                      valid_at(model, None)))
    return {str(v): str(k) for v, k in rows}


def collect(session: Session, rows: list[dict[str, object]]) -> None:
    """Keep collected values (entity_id, key, reference_date, value, source, ref, collected_by,
    collected_at), each replacing the one on record for its entity, key and reference date: one
    upsert on the primary key."""
    columns = ("entity_id", "key", "reference_date", "value", "source", "ref", "collected_by", "collected_at")
    for start in range(0, len(rows), 500):  # one statement per 500 values (DuckDB runs executemany row by row)
        chunk = rows[start:start + 500]
        params = {f"{c}{n}": r[c] for n, r in enumerate(chunk) for c in columns}
        values = ", ".join("(" + ", ".join(f":{c}{n}" for c in columns) + ")" for n in range(len(chunk)))
        session.execute(text(
            f"INSERT INTO collected_value ({', '.join(columns)}) VALUES {values} "
            "ON CONFLICT (entity_id, key, reference_date) DO UPDATE SET value = excluded.value, "
            "source = excluded.source, ref = excluded.ref, collected_by = excluded.collected_by, "
            "collected_at = excluded.collected_at"), params)
