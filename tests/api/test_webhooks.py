"""Webhooks: a department's system is told, signed, when its request completes; failures are retried
with backoff and visible. Calls go to a real HTTP server on 127.0.0.1, never a mock."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from service.domain import webhooks
from service.domain.clock import now
from service.domain.webhooks import MAX_ATTEMPTS, MAX_DELAY, PassCounts, deliver_due, retry_delay, start_worker
from tests.api.test_forms_api import issue_survey, open_form, submit
from tests.conftest import Province, auth
from tests.province import SCHOOLS

PROBLEM = "application/problem+json"
SECRET = "s3cret-0123456789-abcdef"


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """A department's system: records every POST and answers `status` (set it to fail)."""

    url: str
    status: int = 200
    calls: list[Received] = field(default_factory=list)


@pytest.fixture
def receiver(allow_private_webhooks: None) -> Iterator[Receiver]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    rec = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/hooks/collectonce")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            rec.calls.append(Received({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(rec.status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"no" if rec.status >= 300 else b"ok")

        def log_message(self, *_args: Any) -> None:
            pass

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield rec
    server.shutdown()
    server.server_close()


def register(client: TestClient, province: Province, url: str, token: str = "department") -> Any:
    return client.put("/v1/webhooks", headers=auth(province.tokens[token]), json={"url": url, "secret": SECRET})


def complete_survey(client: TestClient, province: Province) -> str:
    """Issue the survey and have every school submit: the request completes. Returns its id."""
    rid: str = issue_survey(client, province)["request"]["id"]
    for school in (s["code"] for s in SCHOOLS):
        form, etag = open_form(client, province, school)
        new_key = next(i["key"] for i in form["items"] if i["classification"] == "new")
        r = submit(client, province, form, etag, [{"key": new_key, "value": 7}], key=f"s-{school}", school=school)
        assert r.status_code == 200, r.text
    assert r.json()["completed_requests"] == [rid]
    return rid


def deliveries(client: TestClient, province: Province, token: str = "department") -> list[dict[str, Any]]:
    r = client.get("/v1/webhooks/deliveries", headers=auth(province.tokens[token]))
    assert r.status_code == 200, r.text
    return list(r.json())


def test_a_completed_request_is_posted_once_signed_with_the_departments_secret(
        client: TestClient, province: Province, receiver: Receiver) -> None:
    assert register(client, province, receiver.url).status_code == 200
    shown = client.get("/v1/webhooks", headers=auth(province.tokens["department"])).json()
    assert shown["url"] == receiver.url and shown["secret_set"] is True and SECRET not in json.dumps(shown)
    rid = complete_survey(client, province)
    assert deliver_due(province.engine, now()) == PassCounts(due=1, delivered=1)
    (call,) = receiver.calls
    assert call.headers["content-type"] == "application/json"
    assert call.headers["x-collectonce-event"] == "request.completed"
    expected = "sha256=" + hmac.new(SECRET.encode(), call.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(call.headers["x-collectonce-signature"], expected)
    assert json.loads(call.body)["request_id"] == rid
    (d,) = deliveries(client, province)
    assert call.headers["x-collectonce-delivery"] == d["id"]
    assert (d["state"], d["attempts"], d["last_status"], d["request_id"]) == ("delivered", 1, 200, rid)
    assert deliver_due(province.engine, now() + timedelta(days=1)) == PassCounts() and len(receiver.calls) == 1


def test_a_failing_receiver_is_retried_after_the_backoff_and_the_failure_is_visible(
        client: TestClient, province: Province, receiver: Receiver) -> None:
    register(client, province, receiver.url)
    complete_survey(client, province)
    receiver.status = 500
    at = now()
    assert deliver_due(province.engine, at) == PassCounts(due=1, retrying=1)
    (d,) = deliveries(client, province)
    assert (d["state"], d["attempts"], d["last_status"], d["delivered_at"]) == ("retrying", 1, 500, None)
    assert d["last_error"].startswith("HTTP 500")
    assert datetime.fromisoformat(d["next_attempt_at"]) == (at + timedelta(seconds=30)).replace(tzinfo=UTC)
    assert deliver_due(province.engine, at + timedelta(seconds=29)) == PassCounts()  # not due yet
    receiver.status = 204
    assert deliver_due(province.engine, at + timedelta(seconds=31)) == PassCounts(due=1, delivered=1)
    (d,) = deliveries(client, province)
    assert (d["state"], d["attempts"], d["last_status"]) == ("delivered", 2, 204)
    assert len(receiver.calls) == 2 and receiver.calls[0].body == receiver.calls[1].body


def test_an_abandoned_delivery_is_retried_on_request_by_its_department_only(
        client: TestClient, province: Province, receiver: Receiver) -> None:
    register(client, province, receiver.url)
    complete_survey(client, province)
    receiver.status = 503
    at = now()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        counts = deliver_due(province.engine, at)
        assert counts.due == 1, attempt
        at += retry_delay(attempt) or timedelta(0)
    (d,) = deliveries(client, province)
    assert (d["state"], d["attempts"], d["next_attempt_at"]) == ("abandoned", MAX_ATTEMPTS, None)
    assert deliver_due(province.engine, at + timedelta(days=30)) == PassCounts()
    # Another department neither sees it nor retries it.
    assert deliveries(client, province, "department:hr") == []
    other = client.post(f"/v1/webhooks/deliveries/{d['id']}/retry", headers=auth(province.tokens["department:hr"]))
    assert other.status_code == 404 and other.headers["content-type"] == PROBLEM
    receiver.status = 200
    h = auth(province.tokens["department"])
    retried = client.post(f"/v1/webhooks/deliveries/{d['id']}/retry", headers=h)
    assert retried.status_code == 200 and retried.json()["state"] == "retrying"
    assert deliver_due(province.engine, now()) == PassCounts(due=1, delivered=1)
    again = client.post(f"/v1/webhooks/deliveries/{d['id']}/retry", headers=h)
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM


def test_a_replaced_webhook_takes_over_the_waiting_delivery(
        client: TestClient, province: Province, receiver: Receiver) -> None:
    register(client, province, "http://127.0.0.1:9/nobody-listens")
    complete_survey(client, province)
    assert deliver_due(province.engine, now()) == PassCounts(due=1, retrying=1)
    (d,) = deliveries(client, province)
    assert d["last_status"] is None and d["last_error"]
    register(client, province, receiver.url)
    client.post(f"/v1/webhooks/deliveries/{d['id']}/retry", headers=auth(province.tokens["department"]))
    assert deliver_due(province.engine, now()) == PassCounts(due=1, delivered=1)
    assert deliveries(client, province)[0]["url"] == receiver.url and len(receiver.calls) == 1


def test_a_removed_webhook_abandons_the_waiting_delivery_unsent(
        client: TestClient, province: Province, receiver: Receiver) -> None:
    h = auth(province.tokens["department"])
    register(client, province, receiver.url)
    complete_survey(client, province)
    assert client.delete("/v1/webhooks", headers=h).status_code == 204
    assert client.get("/v1/webhooks", headers=h).status_code == 404
    assert deliver_due(province.engine, now()) == PassCounts(due=1, abandoned=1) and receiver.calls == []
    (d,) = deliveries(client, province)
    assert (d["state"], d["attempts"], d["last_error"]) == ("abandoned", 0, "no webhook registered")
    assert client.post(f"/v1/webhooks/deliveries/{d['id']}/retry", headers=h).status_code == 409


def test_a_webhook_needs_an_http_url_and_a_long_enough_secret(client: TestClient, province: Province) -> None:
    h = auth(province.tokens["department"])
    bad = client.put("/v1/webhooks", headers=h, json={"url": "ftp://example.org/x", "secret": "short"})
    assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM
    assert [e["loc"] for e in bad.json()["errors"]] == [["body", "url"], ["body", "secret"]]
    assert "short" not in bad.text  # a secret is never echoed
    for url in ("https://", "javascript:alert(1)", "http://exa mple.org", "http://example.org:99999/"):
        r = client.put("/v1/webhooks", headers=h, json={"url": url, "secret": SECRET})
        assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "url"], url
    assert client.put("/v1/webhooks", headers=h, json={"url": "https://example.org"}).status_code == 422
    assert client.get("/v1/webhooks", headers=h).status_code == 404
    school = auth(province.tokens[f"school:{SCHOOLS[0]['code']}"])
    assert client.put("/v1/webhooks", headers=school, json={"url": "https://example.org", "secret": SECRET}).status_code == 403


def test_the_worker_and_the_cli_deliver_what_is_due(client: TestClient, province: Province, receiver: Receiver,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from service.cli import app as cli

    register(client, province, receiver.url)
    complete_survey(client, province)
    monkeypatch.setattr("service.store.engine.engine", lambda: province.engine)
    receiver.status = 500
    out = CliRunner().invoke(cli, ["webhooks", "deliver"])
    assert out.exit_code == 0 and "1 due, 0 delivered, 1 to retry" in out.output, out.output
    receiver.status = 200
    client.post(f"/v1/webhooks/deliveries/{deliveries(client, province)[0]['id']}/retry",
                headers=auth(province.tokens["department"]))
    monkeypatch.setattr(webhooks, "WORKER_INTERVAL_SECONDS", 0.05)
    stop = start_worker(province.engine)
    deadline = time.monotonic() + 10
    while deliveries(client, province)[0]["state"] != "delivered" and time.monotonic() < deadline:
        time.sleep(0.05)
    stop()
    assert deliveries(client, province)[0]["state"] == "delivered" and len(receiver.calls) == 2


@given(st.integers(min_value=1, max_value=64), st.integers(min_value=1, max_value=64))
def test_the_backoff_doubles_from_30_seconds_is_capped_and_gives_up_after_8_attempts(a: int, b: int) -> None:
    first, later = sorted((a, b))
    delay_first, delay_later = retry_delay(first), retry_delay(later)
    assert (delay_first is None) == (first >= MAX_ATTEMPTS) and (delay_later is None) == (later >= MAX_ATTEMPTS)
    if delay_later is not None:
        assert delay_first is not None and timedelta(seconds=30) <= delay_first <= delay_later <= MAX_DELAY
    if delay_first is not None and first > 1:
        assert delay_first in (2 * retry_delay(first - 1), MAX_DELAY)  # type: ignore[operator]
    assert retry_delay(1) == timedelta(seconds=30)
