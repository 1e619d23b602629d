"""Queries of approvals: the current one of a request, numbers already taken, the public register,
and withdrawing a request from the forms not yet submitted when its approval is revoked."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.tables import Approval, Request


def get(session: Session, approval_id: str) -> Approval | None:
    return session.get(Approval, approval_id)


def current(session: Session, request_id: str) -> Approval | None:
    """The latest unrevoked approval of a request, whatever version it binds."""
    return session.scalars(
        select(Approval).where(col(Approval.request_id) == request_id, col(Approval.revoked_at).is_(None))
        .order_by(col(Approval.approved_at).desc())
    ).first()


def holder_of_number(session: Session, number: str, authority: str, other_than: str) -> str | None:
    """The request another unrevoked approval with this number and authority belongs to, if any."""
    return session.scalar(select(col(Approval.request_id)).where(
        col(Approval.number) == number, col(Approval.authority) == authority,
        col(Approval.request_id) != other_than, col(Approval.revoked_at).is_(None)))


def register(session: Session) -> list[tuple[Approval, Request]]:
    """Every approval and filing with its request, newest first."""
    rows = session.execute(
        select(Approval, Request).join(Request, col(Request.id) == col(Approval.request_id))
        .order_by(col(Approval.approved_at).desc())
    ).all()
    return [(a, r) for a, r in rows]


def withdraw_from_open_forms(session: Session, request_id: str) -> int:
    """Take a request's section off every form not yet submitted, with the values only it asked;
    forms left with no section go. Returns the number of open forms it was on."""
    conn = session.connection()
    open_forms = ("SELECT form_id FROM form_section s JOIN form f ON f.id = s.form_id "
                  "WHERE s.request_id = :rid AND f.status <> 'submitted'")
    n = conn.execute(text(f"SELECT count(*) FROM ({open_forms}) x"), {"rid": request_id}).scalar_one()
    conn.execute(text(f"CREATE TEMP TABLE withdrawn AS {open_forms}"), {"rid": request_id})
    conn.execute(text("DELETE FROM form_section WHERE request_id = :rid AND form_id IN (SELECT form_id FROM withdrawn)"),
                 {"rid": request_id})
    # A value stays while another section of the same form still asks it.
    conn.execute(text(
        "DELETE FROM form_item WHERE form_id IN (SELECT form_id FROM withdrawn) AND NOT EXISTS ("
        "SELECT 1 FROM form_section s JOIN request_field f ON f.request_id = s.request_id "
        "WHERE s.form_id = form_item.form_id AND f.key = form_item.key)"))
    conn.execute(text("UPDATE form SET version = version + 1 WHERE id IN (SELECT form_id FROM withdrawn)"))
    conn.execute(text("DELETE FROM form WHERE id IN (SELECT form_id FROM withdrawn) "
                      "AND NOT EXISTS (SELECT 1 FROM form_section s WHERE s.form_id = form.id)"))
    conn.execute(text("DROP TABLE withdrawn"))
    return int(n)
