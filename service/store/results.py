"""Queries of a request's results: its forms with their schools, and the items asked on them."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.sqltext import one_of
from service.store.tables import Form, FormItem, FormSection, School


def forms_of(session: Session, request_id: str) -> list[tuple[Form, str]]:
    """Every form carrying a section of the request, with its school's current name, by school code."""
    rows = session.execute(
        select(Form, col(School.name)).join(FormSection, col(FormSection.form_id) == col(Form.id)).join(
            School, (col(School.code) == col(Form.school_code)) & col(School.valid_to).is_(None))
        .where(col(FormSection.request_id) == request_id).order_by(col(Form.school_code))
    ).all()
    return [(form, str(name)) for form, name in rows]


def items_of(session: Session, form_ids: Collection[str], keys: Sequence[str]) -> Sequence[FormItem]:
    """The items of `keys` on the forms `form_ids`."""
    if not form_ids or not keys:
        return []
    return session.execute(
        select(FormItem).where(one_of(col(FormItem.form_id), list(form_ids)), col(FormItem.key).in_(keys))
    ).scalars().all()
