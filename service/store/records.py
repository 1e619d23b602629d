"""Queries over the versioned school and teacher records: current, or as of a past moment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from service.store.tables import Region, School, Teacher

VersionedModel = type[School] | type[Teacher]


def valid_at(model: VersionedModel, as_of: datetime | None) -> ColumnElement[bool]:
    """The one filter for 'the version in force': current when as_of is None."""
    if as_of is None:
        return model.valid_to.is_(None)  # type: ignore[union-attr]
    return and_(model.valid_from <= as_of, or_(model.valid_to.is_(None), model.valid_to > as_of))  # type: ignore[union-attr,operator,arg-type]


def for_reference(model: VersionedModel, reference: date) -> ColumnElement[bool]:
    """The version of each record that describes the day `reference`: the version in force at the
    end of that day or, for a record first stored after it, its first version (data imported in
    November still describe the school year that began in September)."""
    t = datetime.combine(reference + timedelta(days=1), time.min)
    key = model.code if model is School else model.id  # type: ignore[union-attr]
    other = aliased(model)
    other_key = other.code if model is School else other.id  # type: ignore[union-attr]
    open_at = or_(model.valid_to.is_(None), model.valid_to > t)  # type: ignore[union-attr,operator]
    earlier_open = select(literal(1)).where(
        other_key == key, or_(other.valid_to.is_(None), other.valid_to > t), other.valid_from < model.valid_from  # type: ignore[union-attr,operator]
    )
    return and_(open_at, ~earlier_open.exists())


def list_schools(
    session: Session, *, code: str | None = None, region_prefix: str | None = None,
    school_type: str | None = None, urban_rural: str | None = None,
    limit: int = 100, offset: int = 0, as_of: datetime | None = None,
) -> tuple[Sequence[School], int]:
    conds = [valid_at(School, as_of)]
    if code:
        conds.append(School.code == code)  # type: ignore[arg-type]
    if region_prefix:
        conds.append(School.region_code.startswith(region_prefix))  # type: ignore[attr-defined]
    if school_type:
        conds.append(School.school_type == school_type)  # type: ignore[arg-type]
    if urban_rural:
        conds.append(School.urban_rural.startswith(urban_rural))  # type: ignore[attr-defined]
    total = session.scalar(select(func.count()).select_from(School).where(*conds)) or 0
    rows = session.scalars(
        select(School).where(*conds).order_by(School.code).limit(limit).offset(offset)  # type: ignore[arg-type]
    ).all()
    return rows, total


def get_school(session: Session, code: str, as_of: datetime | None = None) -> School | None:
    return session.scalars(select(School).where(School.code == code, valid_at(School, as_of))).first()  # type: ignore[arg-type]


def school_teachers(
    session: Session, code: str, *, limit: int, offset: int, as_of: datetime | None = None
) -> tuple[Sequence[Teacher], int]:
    conds = [Teacher.school_code == code, valid_at(Teacher, as_of)]  # type: ignore[list-item]
    total = session.scalar(select(func.count()).select_from(Teacher).where(*conds)) or 0
    rows = session.scalars(select(Teacher).where(*conds).order_by(Teacher.id).limit(limit).offset(offset)).all()  # type: ignore[arg-type]
    return rows, total


def get_teacher(session: Session, teacher_id: str, as_of: datetime | None = None) -> Teacher | None:
    return session.scalars(select(Teacher).where(Teacher.id == teacher_id, valid_at(Teacher, as_of))).first()  # type: ignore[arg-type]


def versions(session: Session, model: VersionedModel, key: str) -> Sequence[Any]:
    """Every version of one record, oldest first."""
    key_col = model.code if model is School else model.id  # type: ignore[union-attr]
    return session.scalars(select(model).where(key_col == key).order_by(model.valid_from)).all()  # type: ignore[arg-type]


def list_regions(session: Session, prefix: str | None = None) -> Sequence[Region]:
    q = select(Region).order_by(Region.code)  # type: ignore[arg-type]
    if prefix:
        q = q.where(Region.code.startswith(prefix))  # type: ignore[attr-defined]
    return session.scalars(q).all()


def teacher_ids_by_id_number(session: Session, id_numbers: list[str]) -> dict[str, str]:
    """The staff id of each current teacher among `id_numbers`, in one query."""
    if not id_numbers:
        return {}
    rows = session.execute(select(Teacher.id_number, Teacher.id).where(  # type: ignore[call-overload]
        Teacher.id_number.in_(id_numbers), valid_at(Teacher, None)))  # type: ignore[attr-defined]
    return {str(n): str(i) for n, i in rows}
