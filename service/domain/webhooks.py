"""Webhooks: a department's system is told when one of its requests completes.

Rules:
- The call is queued in the same transaction that completes the request, so it is never lost nor
  sent for a change that was rolled back; delivery (signed, retried) happens afterwards.
- Each organisation registers at most one webhook: an http(s) URL the service may call
  (service/domain/egress.py: public addresses only, checked again before every call) and a secret
  of 16-200 characters.
  The secret is never shown again. A delivery goes to the URL registered when it is sent, signed
  with that registration's secret (so replacing a broken URL fixes the deliveries still waiting);
  with no webhook registered it is abandoned unsent.
- A delivery POSTs its stored body with `X-CollectOnce-Signature: sha256=<hex HMAC-SHA256 of the
  exact body bytes, keyed with the secret>`, `X-CollectOnce-Event` and `X-CollectOnce-Delivery` (its
  id: receivers use it to ignore a repeat, since delivery is at least once).
- Only a 2xx answer delivers; redirects are not followed and the answer's body is never read or shown. After the n-th failed attempt the next one waits 30 s × 2^(n-1)
  (30 s, 1 min, 2 min, … 32 min), never more than 6 h; after the 8th failed attempt it is given up
  (next_attempt_at NULL). Failures stay visible with their status and error; the department can
  make a failed or abandoned delivery due again, which is one more attempt.
- No database transaction is open while a receiver is called: due rows are claimed (leased) and
  committed, sent, and the outcomes recorded in a new transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import httpx
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.domain import audit, egress
from service.domain.audit import Change, digest
from service.domain.authz import Principal, require_role
from service.domain.clock import new_id, now
from service.domain.errors import Conflict, InvalidInput, NotFound, Problem
from service.store import webhooks as store
from service.store.engine import session_scope
from service.store.tables import Request, Webhook, WebhookDelivery

FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=6)
MAX_ATTEMPTS = 8
SEND_TIMEOUT_SECONDS = 5.0
BATCH = 20
# Longer than a batch of sends can take, so a second process (the CLI beside the server) does not
# send the same rows meanwhile; a process that dies mid-batch leaves its rows to be sent again then.
LEASE = timedelta(minutes=5)
WORKER_INTERVAL_SECONDS = 5.0
SECRET_LENGTH = (16, 200)
URL_MAX = 2000

State = Literal["pending", "retrying", "delivered", "abandoned"]
log = logging.getLogger(__name__)


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str
    secret: str


@dataclass(frozen=True)
class PassCounts:
    """What one delivery pass did: rows it took, and how each ended."""

    due: int = 0
    delivered: int = 0
    retrying: int = 0
    abandoned: int = 0

    def __add__(self, other: PassCounts) -> PassCounts:
        return PassCounts(self.due + other.due, self.delivered + other.delivered,
                          self.retrying + other.retrying, self.abandoned + other.abandoned)


def retry_delay(attempts: int) -> timedelta | None:
    """The wait after `attempts` failed attempts: 30 s doubling, capped at 6 h; None (give up) from the 8th."""
    if attempts >= MAX_ATTEMPTS:
        return None
    delay: timedelta = FIRST_DELAY * 2 ** (attempts - 1)
    return min(delay, MAX_DELAY)


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: `sha256=` and the hex HMAC-SHA256 of the body bytes."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def state(d: WebhookDelivery) -> State:
    if d.delivered_at is not None:
        return "delivered"
    if d.next_attempt_at is None:
        return "abandoned"
    return "retrying" if d.attempts else "pending"


def request_completed(session: Session, r: Request) -> None:
    """Queue the 'request.completed' call for `r`'s department, if it registered a webhook."""
    hook = store.of(session, r.department)
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


def _problems(body: WebhookIn) -> list[Problem]:
    problems = []
    if len(body.url) > URL_MAX or any(c.isspace() for c in body.url):
        problems.append(Problem(["body", "url"], f"must be an http:// or https:// URL with a host, at most {URL_MAX} "
                                                 "characters", body.url[:URL_MAX]))
    else:
        try:
            egress.check(body.url)
        except egress.RefusedTarget as exc:
            problems.append(Problem(["body", "url"], exc.message, body.url))
    low, high = SECRET_LENGTH
    if not low <= len(body.secret) <= high:
        # The value is not echoed: it is a secret, even when a wrong one.
        problems.append(Problem(["body", "secret"], f"must be {low}-{high} characters, not {len(body.secret)}"))
    return problems


def register(session: Session, principal: Principal, body: WebhookIn) -> Webhook:
    """Register or replace the organisation's one webhook; the URL must be http(s), the secret 16-200 characters."""
    require_role(principal, "department", "education_office")
    if problems := _problems(body):
        raise InvalidInput(f"{len(problems)} problem(s) in the webhook", problems)
    hook = store.of(session, principal.org_code)
    before = None if hook is None else {"url": hook.url, "secret": digest(hook.secret)}
    if hook is None:
        hook = Webhook(department=principal.org_code, url=body.url, secret=body.secret, created_at=now())
        session.add(hook)
    else:
        hook.url, hook.secret, hook.created_at = body.url, body.secret, now()
    audit.record(session, principal.id, Change("webhook.registered", "webhook", principal.org_code, before,
                                               {"url": hook.url, "secret": digest(hook.secret)}))
    session.flush()
    return hook


def current(session: Session, principal: Principal) -> Webhook:
    """The organisation's webhook; NotFound when it registered none."""
    require_role(principal, "department", "education_office")
    hook = store.of(session, principal.org_code)
    if hook is None:
        raise NotFound(f"{principal.org_code} has no webhook; register one with PUT /v1/webhooks")
    return hook


def remove(session: Session, principal: Principal) -> None:
    """Remove the organisation's webhook; deliveries still waiting are then abandoned unsent."""
    hook = current(session, principal)
    audit.record(session, principal.id, Change("webhook.removed", "webhook", principal.org_code,
                                               {"url": hook.url, "secret": digest(hook.secret)}, None))
    session.delete(hook)
    session.flush()


def deliveries(session: Session, principal: Principal, limit: int) -> list[WebhookDelivery]:
    """The organisation's own deliveries, newest first, failures included."""
    require_role(principal, "department", "education_office")
    return store.deliveries_of(session, principal.org_code, limit)


def retry(session: Session, principal: Principal, delivery_id: str) -> WebhookDelivery:
    """Make one of the organisation's undelivered deliveries due now; it needs a registered webhook."""
    require_role(principal, "department", "education_office")
    d = store.delivery(session, delivery_id)
    if d is None or d.department != principal.org_code:
        # Another organisation's delivery is answered like a missing one: its existence is not theirs to know.
        raise NotFound(f"no delivery {delivery_id} for you", [Problem(["path", "id"], "unknown delivery", delivery_id)])
    if d.delivered_at is not None:
        raise Conflict(f"delivery {d.id} was delivered at {d.delivered_at.isoformat()}Z",
                       [Problem(["delivery", "delivered_at"], "already delivered")])
    if store.of(session, principal.org_code) is None:
        raise Conflict("register a webhook before retrying", [Problem(["webhook"], "none registered")])
    d.next_attempt_at = now()
    session.flush()
    return d


@dataclass(frozen=True)
class _Claimed:
    id: str
    event: str
    body: str
    attempts: int
    url: str  # where it was queued for; the current webhook's URL replaces it when sent
    hook: Webhook | None


@dataclass(frozen=True)
class _Outcome:
    status: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def _claim(engine: Engine, at: datetime) -> list[_Claimed]:
    """Lease up to BATCH due rows (committed on return) with the webhook each is to go to."""
    with session_scope(engine) as session:
        rows, hooks = store.claim_due(session, at, LEASE, BATCH)
        return [_Claimed(r.id, r.event, r.body, r.attempts, r.url, hooks.get(r.department)) for r in rows]


def _send(client: httpx.Client, d: _Claimed) -> _Outcome:
    """POST one delivery to its webhook; any failure is that delivery's outcome, never the pass's."""
    hook = d.hook
    if hook is None:
        return _Outcome(None, "no webhook registered")
    try:
        target = egress.check(hook.url)  # again now: the host may resolve elsewhere than at registration
    except egress.RefusedTarget as exc:
        return _Outcome(None, exc.kind)
    content = d.body.encode("utf-8")
    headers = {"Content-Type": "application/json", "X-CollectOnce-Event": d.event, "X-CollectOnce-Delivery": d.id,
               "X-CollectOnce-Signature": sign(hook.secret, content), "Host": target.host}
    try:
        # To the address just checked; redirects are not followed, so a signed body goes only there.
        # The receiver's answer is never read: only its status is kept, so nothing it says reaches
        # the department (the delivery log shows a status and a fixed kind of error).
        with client.stream("POST", target.url, content=content, headers=headers,
                           extensions={"sni_hostname": target.server_name}) as response:
            if response.is_success:
                return _Outcome(response.status_code, None)
            return _Outcome(response.status_code, f"HTTP {response.status_code}")
    except httpx.TimeoutException:
        return _Outcome(None, "timeout")
    except httpx.TransportError:
        return _Outcome(None, "connection_failed")


def _record(engine: Engine, claimed: list[_Claimed], outcomes: list[_Outcome], at: datetime) -> PassCounts:
    """Write each sent delivery's outcome, and schedule or give up the failed ones."""
    rows = []
    counts = PassCounts(due=len(claimed))
    for d, o in zip(claimed, outcomes, strict=True):
        attempts = d.attempts + (0 if d.hook is None else 1)  # nothing was sent without a webhook
        delay = None if d.hook is None or o.ok else retry_delay(attempts)
        rows.append({"id": d.id, "url": d.hook.url if d.hook else d.url, "attempts": attempts,
                     "last_status": o.status, "last_error": o.error,
                     "delivered_at": at if o.ok else None, "next_attempt_at": None if delay is None else at + delay})
        counts += PassCounts(delivered=int(o.ok), retrying=int(delay is not None),
                             abandoned=int(not o.ok and delay is None))
    with session_scope(engine) as session:
        store.record_outcomes(session, rows)
    return counts


def deliver_due(engine: Engine, at: datetime) -> PassCounts:
    """Send every delivery due at `at` once, batch by batch, and record how each ended."""
    counts = PassCounts()
    claimed = _claim(engine, at)
    if not claimed:
        return counts  # most passes: no client made (its TLS context costs more than the pass)
    with httpx.Client(timeout=SEND_TIMEOUT_SECONDS, follow_redirects=False) as client:
        while claimed:
            counts += _record(engine, claimed, [_send(client, d) for d in claimed], at)
            claimed = _claim(engine, at)
    return counts


def start_worker(
    engine: Engine, passes: tuple[Callable[[Engine, datetime], object], ...] = (deliver_due,),
) -> Callable[[], None]:
    """Run each pass (deliver_due by default) every WORKER_INTERVAL_SECONDS in a daemon thread;
    returns the function that stops it."""
    stop = threading.Event()

    def run() -> None:
        while not stop.wait(WORKER_INTERVAL_SECONDS):
            for one_pass in passes:
                try:
                    one_pass(engine, now())
                except Exception:
                    # The store briefly unreachable, or a write conflict: what was not done stays due
                    # for the next pass (claimed deliveries come back when their lease ends).
                    log.exception("background pass %s failed", getattr(one_pass, "__name__", one_pass))

    thread = threading.Thread(target=run, name="webhook-deliveries", daemon=True)
    thread.start()

    def stop_worker() -> None:
        stop.set()
        # Let a send in flight finish; the thread is a daemon, so shutdown never hangs on a slow receiver.
        thread.join(timeout=2 * SEND_TIMEOUT_SECONDS)

    return stop_worker
