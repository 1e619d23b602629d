"""Queries of corrections schools propose to stored values."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Select, select
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.tables import Correction, Form, School


def readable(owners: Collection[str] | None, region_prefix: str | None) -> Select[Correction]:
    """The statement of the corrections a reader may see: those of fields `owners` answer for (None:
    every owner), for current schools under `region_prefix` (None: everywhere). Every list and get
    starts from it."""
    q = select(Correction)
    if owners is not None:
        q = q.where(col(Correction.owner).in_(owners))
    if region_prefix is not None:
        schools = select(col(School.code)).where(col(School.valid_to).is_(None),
                                                 col(School.region_code).startswith(region_prefix))
        q = q.where(col(Correction.school_code).in_(schools))
    return q


def listed(session: Session, readable_by: Select[Correction], status: str | None) -> list[Correction]:
    q = readable_by if not status else readable_by.where(col(Correction.status) == status)
    return list(session.scalars(q.order_by(col(Correction.created_at))))


def one(session: Session, readable_by: Select[Correction], correction_id: str) -> Correction | None:
    return session.scalars(readable_by.where(col(Correction.id) == correction_id)).first()


def form(session: Session, form_id: str) -> Form | None:
    return session.get(Form, form_id)
