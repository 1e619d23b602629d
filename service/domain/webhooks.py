"""Webhooks: a department's system is told when one of its requests completes.

Rule: the call is queued in the same transaction that completes the request, so it is never
lost nor sent for a change that was rolled back; delivery (signed, retried) happens afterwards.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from service.domain.clock import new_id, now
from service.store.tables import Request, Webhook, WebhookDelivery


def request_completed(session: Session, r: Request) -> None:
    """Queue the 'request.completed' call for `r`'s department, if it registered a webhook."""
    hook = session.get(Webhook, r.department)
    if hook is None:
        return
    at = now()
    body = {"event": "request.completed", "request_id": r.id, "title": r.title, "status": r.status,
            "results": f"/v1/requests/{r.id}/results", "at": at.isoformat() + "Z"}
    session.add(WebhookDelivery(
        id=new_id(), request_id=r.id, department=r.department, url=hook.url, event="request.completed",
        body=json.dumps(body, ensure_ascii=False, sort_keys=True), attempts=0, next_attempt_at=at, created_at=at,
    ))
    session.flush()
