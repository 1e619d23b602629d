"""Values the store can give for a set of schools, set-based: stored school and teacher values,
counts of any definition computed from teacher records (one conditional aggregate for all of a
request's counts and all schools in scope), per-teacher values derived on the reference date, and
answers collected by earlier forms.

Records are read for a reference date (`records.for_reference`); ages and years of teaching are
whole years on that date. Output columns are named by position (`v0`, `v0_src`, ...), not by key:
a definition's key can be longer than an SQL identifier may be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, DateTime, Integer, Select, and_, case, cast, extract, func, literal, select, true
from sqlalchemy.orm import Session, aliased
from sqlmodel import col

from service.domain.dictionary import Dictionary
from service.domain.semantics.definition import DERIVED, Definition, Filter
from service.domain.semantics.naming import definition_of
from service.store.records import for_reference, for_reference_among
from service.store.tables import CollectedValue, School, Teacher

PROVENANCE = ("src", "at", "by", "ref")


def in_post() -> ColumnElement[bool]:
    """Teachers in post (status 1): rosters and coverage list these, not the retired or transferred."""
    return col(Teacher.status) == "1"


def _whole_years(start: Any, reference: date) -> ColumnElement[int]:
    """Whole years from the date column `start` to `reference`, in SQL both stores read."""
    start_md = extract("month", start) * 100 + extract("day", start)
    ref_md = reference.month * 100 + reference.day
    return cast(reference.year - extract("year", start) - case((start_md > ref_md, 1), else_=0), Integer)


def age_at(reference: date) -> ColumnElement[int]:
    """Whole years of age on `reference`, from teacher.birth_date."""
    return _whole_years(Teacher.birth_date, reference)


def teaching_years_at(reference: date) -> ColumnElement[int]:
    """Whole years of teaching on `reference`, from teacher.teaching_start (null when unknown)."""
    return _whole_years(Teacher.teaching_start, reference)


def derived_value(name: str, reference: date) -> ColumnElement[int]:
    return age_at(reference) if name == "teacher.age" else teaching_years_at(reference)


def _years_before(reference: date, years: int) -> date:
    """The last day on which a start is `years` whole years before `reference` (29 February, in a
    year without one, falls back to the 28th)."""
    try:
        return reference.replace(year=reference.year - years)
    except ValueError:
        return reference.replace(year=reference.year - years, day=28)


def _condition(f: Filter, reference: date) -> ColumnElement[bool]:
    if f.is_range:
        # Whole years >= n exactly when the start is on or before the day n years earlier: the
        # bounds become two date comparisons, where computing the years from the date parts on every
        # row (six age bands of a survey) cost more than the rest of the aggregation.
        start: ColumnElement[date] = getattr(Teacher, DERIVED[f.field].split(".", 1)[1])
        bounds = [start <= _years_before(reference, f.min)] if f.min is not None else []
        bounds += [start > _years_before(reference, f.max + 1)] if f.max is not None else []
        return and_(*bounds)
    column: ColumnElement[Any] = getattr(Teacher, f.field.split(".", 1)[1])
    return column.not_in(f.codes) if f.negated else column.in_(f.codes)


def count_condition(defn: Definition, reference: date) -> ColumnElement[bool]:
    """Whether a teacher row counts toward `defn`: every filter holds (a null value never does)."""
    return and_(true(), *[_condition(f, reference) for f in defn.filters])


@dataclass(frozen=True)
class Values:
    """A values query and the column each key's value sits in (provenance in `{column}_src`, ...)."""

    query: Any
    columns: dict[str, str]
    entity_column: str  # "code" (school forms) or "id" (rosters)
    school_column: str


def _collected(key: str, period: tuple[date, date], i: int, among: Any = None) -> Any:
    """The latest answer collected for `key` per entity, for a reference date within `period`; of
    the entities `among` alone when given (a few schools read), so that a first reading does not
    rank the answers of every school that has answered the key already."""
    ranked = select(
        col(CollectedValue.entity_id), col(CollectedValue.value), col(CollectedValue.source),
        col(CollectedValue.collected_at), col(CollectedValue.collected_by), col(CollectedValue.ref),
        func.row_number().over(partition_by=col(CollectedValue.entity_id),
                               order_by=col(CollectedValue.collected_at).desc()).label("rn"),
    ).where(col(CollectedValue.key) == key, col(CollectedValue.reference_date).between(*period),
            *([] if among is None else [col(CollectedValue.entity_id).in_(among)])).subquery(f"cr{i}")
    return select(ranked).where(ranked.c.rn == 1).subquery(f"c{i}")


def _with_provenance(name: str, value: Any, src: Any, at: Any, by: Any, ref: Any) -> list[Any]:
    return [value.label(name), src.label(f"{name}_src"), at.label(f"{name}_at"), by.label(f"{name}_by"),
            ref.label(f"{name}_ref")]


def _computed(name: str, value: Any, reference: date) -> list[Any]:
    return _with_provenance(name, value, literal("computed"), literal(None, DateTime()), literal("teacher records"),
                            literal(f"as of {reference.isoformat()}"))


def counts_query(defns: dict[str, Definition], schools: Any, reference: date) -> Any:
    """One row per school with teachers: `school_code`, then one count per definition, all in one
    conditional aggregate (count(*) FILTER (WHERE ...)) over the teacher records of `schools`."""
    return select(
        col(Teacher.school_code),
        *[func.count().filter(count_condition(defn, reference)).label(name) for name, defn in defns.items()],
    ).where(
        _teachers_as_of(reference, schools), col(Teacher.school_code).in_(schools)
    ).group_by(col(Teacher.school_code))


def _teachers_as_of(reference: date, schools: Any) -> ColumnElement[bool]:
    """The teacher versions of `reference`; of the teachers ever at `schools` alone when those are
    named by code (a few schools read), so that the cost is theirs, not the province's."""
    if not isinstance(schools, (list, tuple)):
        return for_reference(Teacher, reference)
    ever = aliased(Teacher)
    return for_reference_among(Teacher, reference, select(col(ever.id)).where(col(ever.school_code).in_(schools)))


def _schools_as_of(reference: date, codes: Sequence[str] | None) -> ColumnElement[bool]:
    """The school versions of `reference`; of `codes` alone when they are named (whatever the scope)."""
    if codes is None:
        return for_reference(School, reference)
    return and_(col(School.code).in_(list(codes)), for_reference_among(School, reference, list(codes)))


def school_values_query(
    d: Dictionary, in_scope: ColumnElement[bool], keys: list[str], reference: date, period: tuple[date, date],
    codes: Sequence[str] | None = None,
) -> Values:
    """One row per school in scope: `code`, then per key its value and provenance. Stored fields come
    from the school record, counts from one aggregate over teachers, other keys from answers
    collected within `period`."""
    names = {k: f"v{i}" for i, k in enumerate(keys)}
    defns = {k: definition_of(k, d) for k in keys}
    stored = [k for k in keys if (x := defns[k]) is not None and x.measure == "value" and x.entity == "school"]
    counted = {names[k]: x for k in keys if (x := defns[k]) is not None and x.measure == "count"}
    collected = [k for k in keys if k not in stored and names[k] not in counted]
    schools = select(
        col(School.code), col(School.source), col(School.valid_from), col(School.changed_by), col(School.ref),
        *[getattr(School, d.fields[k].column).label(names[k]) for k in stored],
    ).where(_schools_as_of(reference, codes), in_scope).subquery("s")
    columns: list[Any] = [schools.c.code]
    for k in stored:
        columns += _with_provenance(names[k], schools.c[names[k]], schools.c.source, schools.c.valid_from,
                                    schools.c.changed_by, schools.c.ref)
    query = select(*columns)
    if counted:
        # Schools named by code let the store go straight to their teachers (an index on PostgreSQL,
        # the row groups holding them on DuckDB), which a subquery's codes do not.
        counts = counts_query(counted, select(schools.c.code) if codes is None else codes, reference).subquery("n")
        for name in counted:
            query = query.add_columns(*_computed(name, func.coalesce(counts.c[name], 0), reference))
        query = query.outerjoin(counts, counts.c.school_code == schools.c.code)
    for i, key in enumerate(collected):
        cv = _collected(key, period, i, None if codes is None else list(codes))
        query = query.add_columns(*_with_provenance(names[key], cv.c.value, cv.c.source, cv.c.collected_at,
                                                    cv.c.collected_by, cv.c.ref))
        query = query.outerjoin(cv, cv.c.entity_id == schools.c.code)
    return Values(query.order_by(schools.c.code), names, "code", "code")


def teacher_values_query(
    d: Dictionary, in_scope: ColumnElement[bool], keys: list[str], reference: date, period: tuple[date, date],
    codes: Sequence[str] | None = None,
) -> Values:
    """One row per active teacher of the schools in scope: `id`, `school_code`, then per key its
    value and provenance: stored teacher and school fields, values derived on the reference date
    (age, years of teaching), and collected answers."""
    names = {k: f"v{i}" for i, k in enumerate(keys)}
    defns = {k: definition_of(k, d) for k in keys}
    stored = [k for k in keys if (x := defns[k]) is not None and x.measure == "value" and x.entity == "teacher"
              and k not in DERIVED]
    derived = [k for k in keys if k in DERIVED]
    school_stored = [k for k in keys if (x := defns[k]) is not None and x.measure == "value" and x.entity == "school"]
    collected = [k for k in keys if k not in stored and k not in derived and k not in school_stored]
    schools = select(
        col(School.code), col(School.source), col(School.valid_from), col(School.changed_by), col(School.ref),
        *[getattr(School, d.fields[k].column).label(names[k]) for k in school_stored],
    ).where(_schools_as_of(reference, codes), in_scope).subquery("s")
    columns: list[Any] = [Teacher.id, Teacher.school_code]
    for k in stored:
        columns += _with_provenance(names[k], getattr(Teacher, d.fields[k].column), Teacher.source, Teacher.valid_from,
                                    Teacher.changed_by, Teacher.ref)
    for k in derived:
        columns += _computed(names[k], derived_value(k, reference), reference)
    for k in school_stored:
        columns += _with_provenance(names[k], schools.c[names[k]], schools.c.source, schools.c.valid_from,
                                    schools.c.changed_by, schools.c.ref)
    query = select(*columns).join(schools, schools.c.code == Teacher.school_code).where(
        _teachers_as_of(reference, codes), in_post(), *([] if codes is None else [col(Teacher.school_code).in_(codes)])
    )
    # The teachers ever at the schools named: the answers of those the query can take.
    ever = aliased(Teacher)
    among = None if codes is None else select(col(ever.id)).where(col(ever.school_code).in_(codes))
    for i, key in enumerate(collected):
        cv = _collected(key, period, i, among)
        query = query.add_columns(*_with_provenance(names[key], cv.c.value, cv.c.source, cv.c.collected_at,
                                                    cv.c.collected_by, cv.c.ref))
        query = query.outerjoin(cv, cv.c.entity_id == Teacher.id)
    return Values(query.order_by(Teacher.school_code, Teacher.id), names, "id", "school_code")


def values(session: Session, v: Values) -> list[dict[str, Any]]:
    """Rows of a values query by key, without their provenance columns."""
    fixed = [c for c in ("code", "id", "school_code") if c in (v.entity_column, v.school_column)]
    return [{**{c: r[c] for c in fixed}, **{k: r[name] for k, name in v.columns.items()}}
            for r in session.execute(v.query).mappings()]


def provenance(session: Session, v: Values, entity_column: str, keys: list[str]) -> dict[tuple[str, str], dict[str, Any]]:
    """(entity, key) -> where each value of a values query came from: source, at, by, ref."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for m in session.execute(v.query).mappings():
        entity = str(m[entity_column])
        for k in keys:
            c = v.columns[k]
            out[(entity, k)] = {"source": m.get(f"{c}_src"), "at": m.get(f"{c}_at"), "by": m.get(f"{c}_by"),
                                "ref": m.get(f"{c}_ref"), "action": None}
    return out


def counts(session: Session, d: Dictionary, in_scope: ColumnElement[bool], defns: list[Definition],
           reference: date) -> dict[str, list[int]]:
    """For each school in scope (by code), the count of every definition, in one statement."""
    schools = select(col(School.code)).where(for_reference(School, reference), in_scope)
    named = {f"n{i}": defn for i, defn in enumerate(defns)}
    rows = session.execute(counts_query(named, schools, reference)).mappings()
    return {r["school_code"]: [int(r[n]) for n in named] for r in rows}


def collected_coverage(
    session: Session, keys: list[str], entity: str, in_scope: ColumnElement[bool], reference: date,
    period: tuple[date, date], total: int | None = None,
) -> dict[str, tuple[int, int]]:
    """For each key: (entities in scope with a collected answer in `period`, entities in scope);
    `total` is the number of entities in scope when the caller already counted them."""
    if not keys:
        return {}
    if entity == "school":
        ids: Select[tuple[str]] = select(col(School.code).label("eid")).where(for_reference(School, reference), in_scope)
    else:
        ids = select(col(Teacher.id).label("eid")).join(School, col(School.code) == col(Teacher.school_code)).where(
            for_reference(Teacher, reference), for_reference(School, reference), in_scope, in_post()
        )
    scope_ids = ids.subquery("ids")
    if total is None:
        total = session.scalar(select(func.count()).select_from(scope_ids)) or 0
    # Most keys asked anew have no answer yet: those with some are found first, by the (key, date)
    # index alone, and the records in scope are gone through only for them.
    answered = list(session.scalars(select(col(CollectedValue.key)).where(
        col(CollectedValue.key).in_(keys), col(CollectedValue.reference_date).between(*period)).distinct()))
    rows = session.execute(
        select(col(CollectedValue.key), func.count(func.distinct(col(CollectedValue.entity_id)))).where(
            col(CollectedValue.key).in_(answered), col(CollectedValue.reference_date).between(*period),
            col(CollectedValue.entity_id).in_(select(scope_ids.c.eid)),
        ).group_by(col(CollectedValue.key))
    ).all() if answered else []
    found = {k: int(n) for k, n in rows}
    return {k: (found.get(k, 0), total) for k in keys}


def store_coverage(
    session: Session, d: Dictionary, keys: list[str], level: str, in_scope: ColumnElement[bool], reference: date,
) -> dict[str, tuple[int, int]]:
    """For each stored or derived value: (records in scope holding a value, records in scope).
    Counts are always computable and are not listed."""
    defns = {k: definition_of(k, d) for k in keys}
    values_of = {k: x for k, x in defns.items() if x is not None and x.measure == "value"}
    school_keys = [k for k, x in values_of.items() if x.entity == "school"]
    teacher_keys = [k for k, x in values_of.items() if x.entity == "teacher"]
    out: dict[str, tuple[int, int]] = {}
    if school_keys:
        row = session.execute(select(func.count(), *[func.count(getattr(School, d.fields[k].column)) for k in school_keys])
                              .where(for_reference(School, reference), in_scope)).one()
        out |= {k: (int(n), int(row[0])) for k, n in zip(school_keys, row[1:], strict=True)}
    if teacher_keys and level == "roster":
        schools = select(col(School.code)).where(for_reference(School, reference), in_scope)
        source = [getattr(Teacher, (DERIVED.get(k) or k).split(".", 1)[1]) for k in teacher_keys]
        row = session.execute(select(func.count(), *[func.count(c) for c in source])
                              .where(for_reference(Teacher, reference), in_post(),
                                     col(Teacher.school_code).in_(schools))).one()
        out |= {k: (int(n), int(row[0])) for k, n in zip(teacher_keys, row[1:], strict=True)}
    return out
