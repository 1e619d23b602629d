"""Values the store can give for a set of schools, set-based: school attributes, indicators
counted from teacher records, and collected answers, for every school in a scope at once.

Records are read for a reference date (`records.for_reference`); ages are counted at that date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Integer,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Session

from service.domain.dictionary import Dictionary, Field
from service.store.records import for_reference
from service.store.tables import CollectedValue, School, Teacher

VersionedModel = type[School] | type[Teacher]


def _active() -> ColumnElement[bool]:
    """Teachers in post (status 1): rosters and coverage count these, not the retired or transferred."""
    return Teacher.status == "1"  # type: ignore[return-value]


def age_at(reference: date) -> ColumnElement[int]:
    """Whole years of age at `reference`, from teacher.birth_date, in SQL both stores read."""
    born_md = extract("month", Teacher.birth_date) * 100 + extract("day", Teacher.birth_date)
    ref_md = reference.month * 100 + reference.day
    return cast(reference.year - extract("year", Teacher.birth_date) - case((born_md > ref_md, 1), else_=0), Integer)  # type: ignore[return-value]


def indicator_condition(f: Field, d: Dictionary, reference: date) -> ColumnElement[bool]:
    """Whether a teacher row counts toward indicator `f`: its population and its breakdown code."""
    assert f.indicator is not None
    conds: list[ColumnElement[bool]] = [
        getattr(Teacher, d.fields[k].column).in_(codes) for k, codes in f.indicator.population.items()
    ]
    code = f.indicator.breakdown_code
    if code is not None and f.indicator.breakdown_field is not None:
        target = d.fields[f.indicator.breakdown_field]
        if target.type == "date":  # an age band
            age = age_at(reference)
            if code.min is not None:
                conds.append(age >= code.min)
            if code.max is not None:
                conds.append(age <= code.max)
        else:
            conds.append(getattr(Teacher, target.column) == code.code)
    return and_(*conds)


PROVENANCE = ("src", "at", "by", "ref")


def _collected(key: str, period: tuple[date, date], i: int) -> Any:
    """The latest answer collected for `key` per entity, for a reference date within `period`."""
    ranked = select(
        CollectedValue.entity_id, CollectedValue.value, CollectedValue.source, CollectedValue.collected_at,
        CollectedValue.collected_by, CollectedValue.ref,
        func.row_number().over(partition_by=CollectedValue.entity_id,
                               order_by=CollectedValue.collected_at.desc()).label("rn"),  # type: ignore[attr-defined]
    ).where(CollectedValue.key == key, CollectedValue.reference_date.between(*period)).subquery(f"cr{i}")  # type: ignore[attr-defined,arg-type]
    return select(ranked).where(ranked.c.rn == 1).subquery(f"c{i}")


def _with_provenance(key: str, value: Any, src: Any, at: Any, by: Any, ref: Any) -> list[Any]:
    return [value.label(key), src.label(f"{key}|src"), at.label(f"{key}|at"), by.label(f"{key}|by"),
            ref.label(f"{key}|ref")]


def school_values_query(
    d: Dictionary, in_scope: ColumnElement[bool], keys: list[str], reference: date, period: tuple[date, date],
) -> Any:
    """One row per school in scope: `code`, then per key its value and provenance columns
    `{key}|src`, `|at`, `|by`, `|ref`. Store fields come from the school record, indicators from
    one aggregate over teachers, other keys from answers collected within `period`."""
    fields = [d.fields[k] for k in keys if k in d.fields]
    stored = [f for f in fields if f.entity == "school" and not f.is_indicator]
    indicators = [f for f in fields if f.is_indicator]
    collected = [k for k in keys if k not in d.fields or d.fields[k].entity != "school"]
    schools = select(
        School.code, School.source, School.valid_from, School.changed_by, School.ref,
        *[getattr(School, f.column).label(f.key) for f in stored],
    ).where(for_reference(School, reference), in_scope).subquery("s")  # type: ignore[call-overload]
    columns: list[Any] = [schools.c.code]
    for f in stored:
        columns += _with_provenance(f.key, schools.c[f.key], schools.c.source, schools.c.valid_from,
                                    schools.c.changed_by, schools.c.ref)
    query = select(*columns)
    if indicators:
        counts = select(
            Teacher.school_code,
            *[func.count().filter(indicator_condition(f, d, reference)).label(f.key) for f in indicators],
        ).where(
            for_reference(Teacher, reference), Teacher.school_code.in_(select(schools.c.code))  # type: ignore[attr-defined]
        ).group_by(Teacher.school_code).subquery("n")
        for f in indicators:
            query = query.add_columns(*_with_provenance(
                f.key, func.coalesce(counts.c[f.key], 0), literal("computed"), literal(None, DateTime()),
                literal("teacher records"), literal(f"as of {reference.isoformat()}")))
        query = query.outerjoin(counts, counts.c.school_code == schools.c.code)
    for i, key in enumerate(collected):
        cv = _collected(key, period, i)
        query = query.add_columns(*_with_provenance(key, cv.c.value, cv.c.source, cv.c.collected_at,
                                                    cv.c.collected_by, cv.c.ref))
        query = query.outerjoin(cv, cv.c.entity_id == schools.c.code)
    return query.order_by(schools.c.code)


def teacher_values_query(
    d: Dictionary, in_scope: ColumnElement[bool], keys: list[str], reference: date, period: tuple[date, date],
) -> Any:
    """One row per active teacher of the schools in scope: `id`, `school_code`, then per key its
    value and provenance, like `school_values_query`."""
    stored = [d.fields[k] for k in keys if k in d.fields and d.fields[k].entity == "teacher"]
    school_stored = [d.fields[k] for k in keys if k in d.fields and d.fields[k].entity == "school"
                     and not d.fields[k].is_indicator]
    collected = [k for k in keys if k not in d.fields]
    schools = select(
        School.code, School.source, School.valid_from, School.changed_by, School.ref,
        *[getattr(School, f.column).label(f.key) for f in school_stored],
    ).where(for_reference(School, reference), in_scope).subquery("s")  # type: ignore[call-overload]
    columns: list[Any] = [Teacher.id, Teacher.school_code]
    for f in stored:
        columns += _with_provenance(f.key, getattr(Teacher, f.column), Teacher.source, Teacher.valid_from,
                                    Teacher.changed_by, Teacher.ref)
    for f in school_stored:
        columns += _with_provenance(f.key, schools.c[f.key], schools.c.source, schools.c.valid_from,
                                    schools.c.changed_by, schools.c.ref)
    query = select(*columns).join(schools, schools.c.code == Teacher.school_code).where(
        for_reference(Teacher, reference), _active()  # type: ignore[arg-type]
    )
    for i, key in enumerate(collected):
        cv = _collected(key, period, i)
        query = query.add_columns(*_with_provenance(key, cv.c.value, cv.c.source, cv.c.collected_at,
                                                    cv.c.collected_by, cv.c.ref))
        query = query.outerjoin(cv, cv.c.entity_id == Teacher.id)
    return query.order_by(Teacher.school_code, Teacher.id)


def values(session: Session, query: Any) -> list[dict[str, Any]]:
    """Rows of a values query without their provenance columns."""
    return [{k: v for k, v in r.items() if "|" not in k} for r in session.execute(query).mappings()]


def collected_coverage(
    session: Session, keys: list[str], entity: str, in_scope: ColumnElement[bool], reference: date,
    period: tuple[date, date],
) -> dict[str, tuple[int, int]]:
    """For each key: (entities in scope with a collected answer in `period`, entities in scope)."""
    if not keys:
        return {}
    if entity == "school":
        ids = select(School.code.label("eid")).where(for_reference(School, reference), in_scope)  # type: ignore[attr-defined]
    else:
        ids = select(Teacher.id.label("eid")).join(School, School.code == Teacher.school_code).where(  # type: ignore[attr-defined,arg-type]
            for_reference(Teacher, reference), for_reference(School, reference), in_scope, _active()  # type: ignore[arg-type]
        )
    scope_ids = ids.subquery("ids")
    total = session.scalar(select(func.count()).select_from(scope_ids)) or 0
    rows = session.execute(
        select(CollectedValue.key, func.count(func.distinct(CollectedValue.entity_id))).where(  # type: ignore[call-overload]
            CollectedValue.key.in_(keys), CollectedValue.reference_date.between(*period),  # type: ignore[attr-defined]
            CollectedValue.entity_id.in_(select(scope_ids.c.eid)),  # type: ignore[attr-defined]
        ).group_by(CollectedValue.key)
    ).all()
    found = {k: int(n) for k, n in rows}
    return {k: (found.get(k, 0), total) for k in keys}


def store_coverage(
    session: Session, d: Dictionary, keys: list[str], level: str, in_scope: ColumnElement[bool], reference: date,
) -> dict[str, tuple[int, int]]:
    """For each stored (not derived) key: (records in scope holding a value, records in scope)."""
    school_keys = [k for k in keys if k in d.fields and d.fields[k].entity == "school" and not d.fields[k].is_indicator]
    teacher_keys = [k for k in keys if k in d.fields and d.fields[k].entity == "teacher"]
    out: dict[str, tuple[int, int]] = {}
    if school_keys:
        row = session.execute(select(func.count(), *[func.count(getattr(School, d.fields[k].column)) for k in school_keys])
                              .where(for_reference(School, reference), in_scope)).one()
        out |= {k: (int(n), int(row[0])) for k, n in zip(school_keys, row[1:], strict=True)}
    if teacher_keys and level == "roster":
        schools = select(School.code).where(for_reference(School, reference), in_scope)  # type: ignore[call-overload]
        row = session.execute(select(func.count(), *[func.count(getattr(Teacher, d.fields[k].column)) for k in teacher_keys])
                              .where(for_reference(Teacher, reference), _active(),  # type: ignore[arg-type]
                                     Teacher.school_code.in_(schools))).one()  # type: ignore[attr-defined]
        out |= {k: (int(n), int(row[0])) for k, n in zip(teacher_keys, row[1:], strict=True)}
    return out
