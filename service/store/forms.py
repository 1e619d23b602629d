"""Queries of schools' forms: a form, a school's inbox, sections, items, the custom fields they
ask, answers written back, and current records to correct. The rules (who may read or write a
form, what an answer must be) live in service/domain/forms.py."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.sqltext import unnested
from service.store.tables import CustomField, Form, FormItem, FormSection, School, Teacher


def get(session: Session, form_id: str, *, fresh: bool = False) -> Form | None:
    """A form; `fresh` reads it again from the store rather than from the session."""
    return session.get(Form, form_id, populate_existing=fresh)


def with_sections(session: Session, form_id: str) -> tuple[Form, list[FormSection]] | None:
    """A form and its sections, in one statement."""
    found = _with_sections(session, select(Form, FormSection).where(col(Form.id) == form_id), form_id)
    return found[0] if found else None


def of_school(session: Session, school_code: str, status: str | None) -> list[tuple[Form, list[FormSection]]]:
    """A school's forms, newest first, each with its sections, in one statement."""
    q = select(Form, FormSection).where(col(Form.school_code) == school_code)
    if status:
        q = q.where(col(Form.status) == status)
    return _with_sections(session, q.order_by(col(Form.created_at).desc(), col(Form.id)))


def _with_sections(session: Session, q: Any, form_id: str | None = None) -> list[tuple[Form, list[FormSection]]]:
    """The forms `q` selects (with FormSection), each once and in order, with its sections; of
    one form if `form_id` is given (its id then filters the sections' scan too)."""
    on = col(FormSection.form_id) == col(Form.id)
    if form_id is not None:
        on = and_(on, col(FormSection.form_id) == form_id)
    out: dict[str, tuple[Form, list[FormSection]]] = {}
    for form, section in session.execute(q.outerjoin(FormSection, on)).all():
        held = out.setdefault(form.id, (form, []))
        if section is not None:
            held[1].append(section)
    return list(out.values())


def sections(session: Session, form_ids: list[str]) -> dict[str, list[FormSection]]:
    """The sections of each form (one statement; none without forms)."""
    out: dict[str, list[FormSection]] = defaultdict(list)
    if form_ids:
        for s in session.scalars(select(FormSection).where(col(FormSection.form_id).in_(form_ids))):
            out[s.form_id].append(s)
    return out


def items(session: Session, form_id: str, *, ordered: bool = False) -> tuple[list[FormItem], dict[str, CustomField]]:
    """A form's items, and the custom fields among the keys they ask, in one statement."""
    q = (select(FormItem, CustomField).outerjoin(CustomField, col(CustomField.key) == col(FormItem.key))
         .where(col(FormItem.form_id) == form_id))
    if ordered:
        q = q.order_by(col(FormItem.entity_id), col(FormItem.key))
    found: list[FormItem] = []
    custom: dict[str, CustomField] = {}
    for item, field in session.execute(q).all():
        found.append(item)
        if field is not None:
            custom[field.key] = field
    return found, custom


def with_items(session: Session, form_id: str) -> tuple[Form, list[FormItem], dict[str, CustomField]] | None:
    """A form with its items and the custom fields among the keys they ask, in one statement (so
    the items are those of the version of the form read)."""
    q = (select(Form, FormItem, CustomField).where(col(Form.id) == form_id)
         # the id twice: each table's scan is filtered by it (DuckDB would hash-join every item)
         .outerjoin(FormItem, and_(col(FormItem.form_id) == col(Form.id), col(FormItem.form_id) == form_id))
         .outerjoin(CustomField, col(CustomField.key) == col(FormItem.key)))
    rows = session.execute(q).all()
    if not rows:
        return None
    found: list[FormItem] = []
    custom: dict[str, CustomField] = {}
    for _form, item, field in rows:
        if item is not None:
            found.append(item)
        if field is not None:
            custom[field.key] = field
    return rows[0][0], found, custom


def write_answers(session: Session, answers: list[tuple[str, str, str, str | None, str, str | None]]) -> None:
    """Write (form id, entity id, key, value, action, reason) answers onto forms' items, in one
    UPDATE whatever the number of forms."""
    if not answers:
        return
    names = ("form_id", "entity_id", "key", "value", "action", "reason")
    rows, params = unnested(names)
    session.execute(text(
        f"UPDATE form_item SET value = v.value, action = v.action, reason = v.reason FROM {rows} AS v "
        "WHERE form_item.form_id = v.form_id AND form_item.entity_id = v.entity_id AND form_item.key = v.key"
    ).bindparams(*params), {n: list(c) for n, c in zip(names, zip(*answers, strict=True), strict=True)})


def current_records(session: Session, entity: str, ids: list[str]) -> dict[str, Any]:
    """The current version of each school (by code) or teacher (by id) among `ids`."""
    model: Any = School if entity == "school" else Teacher
    key = "code" if entity == "school" else "id"
    return {getattr(r, key): r for r in session.scalars(
        select(model).where(getattr(model, key).in_(ids), col(model.valid_to).is_(None)))}
