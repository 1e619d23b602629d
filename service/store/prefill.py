"""Values the store can give for a set of schools, set-based: school attributes, indicators
counted from teacher records, and collected answers, for every school in a scope at once.

Records are read *for a reference date*: the version in force at the end of that day, or, for a
record first stored after it, its first version (data imported in November still describe the
school year that began in September). Ages are counted at the reference date.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from service.domain.dictionary import Dictionary, Field
from service.store.tables import CollectedValue, School, Teacher

VersionedModel = type[School] | type[Teacher]


def for_reference(model: VersionedModel, reference: date) -> ColumnElement[bool]:
    """The version of each record that describes `reference` (see the module docstring)."""
    t = datetime.combine(reference + timedelta(days=1), time.min)
    key = model.code if model is School else model.id  # type: ignore[union-attr]
    other = aliased(model)
    other_key = other.code if model is School else other.id  # type: ignore[union-attr]
    open_at = or_(model.valid_to.is_(None), model.valid_to > t)  # type: ignore[union-attr,operator]
    earlier_open = select(literal(1)).where(
        other_key == key, or_(other.valid_to.is_(None), other.valid_to > t), other.valid_from < model.valid_from  # type: ignore[union-attr,operator]
    )
    return and_(open_at, ~earlier_open.exists())


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


def school_values(
    session: Session, d: Dictionary, in_scope: ColumnElement[bool], keys: list[str], reference: date,
    period: tuple[date, date],
) -> list[dict[str, Any]]:
    """One row per school in scope: `code`, then each requested key's value (None if unknown).
    Store fields come from the school record, indicators from one aggregate over teachers,
    other keys from answers collected for a reference date within `period`."""
    fields = [d.fields[k] for k in keys if k in d.fields]
    stored = [f for f in fields if f.entity == "school" and not f.is_indicator]
    indicators = [f for f in fields if f.is_indicator]
    collected = [k for k in keys if k not in d.fields or d.fields[k].entity != "school"]
    schools = select(School.code, *[getattr(School, f.column).label(f.key) for f in stored]).where(  # type: ignore[call-overload]
        for_reference(School, reference), in_scope
    ).subquery("s")
    columns: list[Any] = [schools.c.code, *[schools.c[f.key] for f in stored]]
    query = select(*columns)
    if indicators:
        counts = select(
            Teacher.school_code,
            *[func.count().filter(indicator_condition(f, d, reference)).label(f.key) for f in indicators],
        ).where(
            for_reference(Teacher, reference), Teacher.school_code.in_(select(schools.c.code))  # type: ignore[attr-defined]
        ).group_by(Teacher.school_code).subquery("n")
        query = query.add_columns(*[func.coalesce(counts.c[f.key], 0).label(f.key) for f in indicators]).outerjoin(
            counts, counts.c.school_code == schools.c.code
        )
    for i, key in enumerate(collected):
        cv = select(CollectedValue.entity_id, func.max(CollectedValue.value).label("v")).where(  # type: ignore[call-overload]
            CollectedValue.key == key, CollectedValue.reference_date.between(*period)  # type: ignore[attr-defined]
        ).group_by(CollectedValue.entity_id).subquery(f"c{i}")
        query = query.add_columns(cv.c.v.label(key)).outerjoin(cv, cv.c.entity_id == schools.c.code)
    rows = session.execute(query.order_by(schools.c.code)).mappings().all()
    return [dict(r) for r in rows]


def teacher_values(
    session: Session, d: Dictionary, in_scope: ColumnElement[bool], keys: list[str], reference: date,
    period: tuple[date, date],
) -> list[dict[str, Any]]:
    """One row per active teacher of the schools in scope: `id`, `school_code`, then each key."""
    stored = [d.fields[k] for k in keys if k in d.fields and d.fields[k].entity == "teacher"]
    school_stored = [d.fields[k] for k in keys if k in d.fields and d.fields[k].entity == "school" and not d.fields[k].is_indicator]
    collected = [k for k in keys if k not in d.fields]
    schools = select(School.code, *[getattr(School, f.column).label(f.key) for f in school_stored]).where(  # type: ignore[call-overload]
        for_reference(School, reference), in_scope
    ).subquery("s")
    query = select(
        Teacher.id, Teacher.school_code, *[getattr(Teacher, f.column).label(f.key) for f in stored],
        *[schools.c[f.key] for f in school_stored],
    ).join(schools, schools.c.code == Teacher.school_code).where(
        for_reference(Teacher, reference), Teacher.status == "1"  # type: ignore[arg-type]
    )
    for i, key in enumerate(collected):
        cv = select(CollectedValue.entity_id, func.max(CollectedValue.value).label("v")).where(  # type: ignore[call-overload]
            CollectedValue.key == key, CollectedValue.reference_date.between(*period)  # type: ignore[attr-defined]
        ).group_by(CollectedValue.entity_id).subquery(f"c{i}")
        query = query.add_columns(cv.c.v.label(key)).outerjoin(cv, cv.c.entity_id == Teacher.id)
    rows = session.execute(query.order_by(Teacher.school_code, Teacher.id)).mappings().all()
    return [dict(r) for r in rows]


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
            for_reference(Teacher, reference), for_reference(School, reference), in_scope, Teacher.status == "1"  # type: ignore[arg-type]
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
