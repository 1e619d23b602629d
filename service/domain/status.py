"""The request status machine, in one place: which transitions exist, and the record of each.

    draft → answered | rejected_duplicate | pending_approval | ready
    pending_approval → approved | rejected | answered | rejected_duplicate | pending_approval
    approved → issued | pending_approval (changed or approval revoked)
    ready → issued | pending_approval | answered | rejected_duplicate (changed)
    rejected → pending_approval | answered | rejected_duplicate (changed and resubmitted)
    issued → closed
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.domain import audit
from service.domain.clock import now
from service.domain.errors import Conflict, Problem
from service.store import requests as store
from service.store.tables import Request, RequestTransition

_DECIDED = {"answered", "rejected_duplicate", "pending_approval", "ready"}
TRANSITIONS: dict[str | None, set[str]] = {
    None: {"draft"},
    "draft": _DECIDED,
    "pending_approval": {"approved", "rejected"} | _DECIDED,
    "approved": {"issued", "pending_approval"} | _DECIDED,
    "ready": {"issued"} | _DECIDED,
    "rejected": _DECIDED,
    "issued": {"closed"},
    "answered": set(),
    "rejected_duplicate": set(),
    "closed": set(),
}
# Requests that are asking, or about to ask, schools: the ones a new request can duplicate.
LIVE = ("pending_approval", "approved", "ready", "issued")


class IllegalTransition(Conflict):
    title = "Illegal status transition"


def transition(session: Session, request: Request, to: str, by: str, reason: str) -> None:
    """Move `request` to status `to`, recording who, when and why; refuse moves the machine lacks."""
    current = request.status or None
    if to not in TRANSITIONS.get(current, set()):
        raise IllegalTransition(
            f"request {request.id} is {current}; it cannot become {to}",
            [Problem(["request", "status"], f"{current} → {to} is not allowed", current)],
            status_now=current,
        )
    seq = store.transition_count(session, request.id)
    at = now()
    session.add(RequestTransition(request_id=request.id, seq=seq + 1, from_status=current, to_status=to,
                                  changed_at=at, changed_by=by, reason=reason))
    request.status = to
    request.updated_at = at
    audit.record(session, by, audit.Change(f"request.{to}", "request", request.id, None if current is None else {
        "status": current}, {"status": to, "content_hash": request.content_hash}, reason), at=at)
    session.flush()


def history(session: Session, request_id: str) -> list[RequestTransition]:
    return store.transitions(session, request_id)
