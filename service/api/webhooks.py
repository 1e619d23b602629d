"""The organisation's webhook, called when one of its requests completes, and the deliveries made to it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from service.api.deps import PrincipalDep, SessionDep
from service.domain import webhooks
from service.domain.dates import Stamp
from service.store.tables import Webhook, WebhookDelivery

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])


class WebhookOut(BaseModel):
    url: str
    secret_set: bool  # the secret itself is never shown again
    registered_at: Stamp

    @classmethod
    def of(cls, hook: Webhook) -> WebhookOut:
        return cls(url=hook.url, secret_set=bool(hook.secret), registered_at=hook.created_at)


class DeliveryOut(BaseModel):
    id: str
    request_id: str
    event: str
    url: str
    state: webhooks.State
    attempts: int
    next_attempt_at: Stamp | None
    last_status: int | None
    last_error: str | None
    delivered_at: Stamp | None
    created_at: Stamp

    @classmethod
    def of(cls, d: WebhookDelivery) -> DeliveryOut:
        return cls.model_validate({**d.model_dump(), "state": webhooks.state(d)})


@router.put("", response_model=WebhookOut)
def register(session: SessionDep, principal: PrincipalDep, body: webhooks.WebhookIn) -> WebhookOut:
    return WebhookOut.of(webhooks.register(session, principal, body))


@router.get("", response_model=WebhookOut)
def show(session: SessionDep, principal: PrincipalDep) -> WebhookOut:
    return WebhookOut.of(webhooks.current(session, principal))


@router.delete("", status_code=204)
def remove(session: SessionDep, principal: PrincipalDep) -> Response:
    webhooks.remove(session, principal)
    return Response(status_code=204)


@router.get("/deliveries", response_model=list[DeliveryOut])
def list_deliveries(session: SessionDep, principal: PrincipalDep,
                    limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[DeliveryOut]:
    return [DeliveryOut.of(d) for d in webhooks.deliveries(session, principal, limit)]


@router.post("/deliveries/{delivery_id}/retry", response_model=DeliveryOut)
def retry(session: SessionDep, principal: PrincipalDep, delivery_id: str) -> DeliveryOut:
    return DeliveryOut.of(webhooks.retry(session, principal, delivery_id))
