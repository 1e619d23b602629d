"""Defect 4: webhooks cannot be pointed at this machine or its private network, by any spelling or
DNS answer, and nothing a receiver answers reaches the department."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from service.domain import egress
from service.domain.clock import now
from service.domain.webhooks import PassCounts, deliver_due
from service.settings import settings
from tests.api.test_webhooks import SECRET, complete_survey, deliveries
from tests.conftest import Province, auth

PROBLEM = "application/problem+json"
INTERNAL = [
    "http://127.0.0.1:8000/", "http://localhost:8000/v1/me", "http://127.1/", "http://2130706433/", "http://0x7f000001/",
    "http://017700000001/", "http://0.0.0.0/", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[::]/",
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/",
    "http://100.64.0.1/", "http://[fe80::1]/", "http://[fc00::1]/", "http://224.0.0.1/", "http://255.255.255.255/",
    "http://240.0.0.1/", "http://[2002:7f00:1::]/", "http://192.0.2.10/", "https://127.0.0.1:8443/hook",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_registering_an_internal_address_is_refused_however_it_is_spelled(
        client: TestClient, province: Province, url: str) -> None:
    r = client.put("/v1/webhooks", headers=auth(province.tokens["department"]), json={"url": url, "secret": SECRET})
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM, (url, r.text)
    assert r.json()["errors"][0]["loc"] == ["body", "url"]


@pytest.mark.parametrize("url", ["ftp://8.8.8.8/", "file:///etc/passwd", "gopher://8.8.8.8/", "http://user:pw@8.8.8.8/",
                                 "http://no-such-host.invalid/"])
def test_only_http_and_https_urls_that_resolve_are_accepted(client: TestClient, province: Province, url: str) -> None:
    r = client.put("/v1/webhooks", headers=auth(province.tokens["department"]), json={"url": url, "secret": SECRET})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "url"], url


@given(st.ip_addresses())
def test_an_address_is_callable_only_if_public_unicast(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    if egress.allowed(ip):
        assert ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                                     or ip.is_reserved or ip.is_unspecified)


def test_the_call_connects_to_the_checked_address_with_the_registered_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(egress, "resolve", lambda host, port: [ipaddress.ip_address("93.184.216.34")])
    t = egress.check("https://hooks.example.org:8443/collectonce?x=1")
    assert (t.url, t.host, t.server_name) == ("https://93.184.216.34:8443/collectonce?x=1", "hooks.example.org:8443",
                                              "hooks.example.org")
    monkeypatch.setattr(egress, "resolve", lambda host, port: [ipaddress.ip_address("93.184.216.34"),
                                                               ipaddress.ip_address("10.1.2.3")])
    with pytest.raises(egress.RefusedTarget):  # one private record among public ones is enough
        egress.check("https://hooks.example.org/")


@pytest.fixture
def chatty_receiver(allow_private_webhooks: None) -> Iterator[dict[str, Any]]:
    """An internal service that answers 500 with secrets in its body, and redirects on another path."""
    seen: dict[str, Any] = {"calls": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            seen["calls"] += 1
            self.rfile.read(int(self.headers["Content-Length"]))
            if self.path == "/redirect":
                self.send_response(307)
                self.send_header("Location", "http://169.254.169.254/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = b"INTERNAL-SECRET db_password=hunter2"
            self.send_response(500)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    seen["url"] = f"http://127.0.0.1:{server.server_address[1]}"
    yield seen
    server.shutdown()
    server.server_close()


def test_a_receivers_answer_never_reaches_the_delivery_log_and_redirects_are_not_followed(
        client: TestClient, province: Province, chatty_receiver: dict[str, Any]) -> None:
    h = auth(province.tokens["department"])
    assert client.put("/v1/webhooks", headers=h, json={"url": chatty_receiver["url"] + "/hook", "secret": SECRET}).status_code == 200
    complete_survey(client, province)
    assert deliver_due(province.engine, now()).retrying == 1
    (d,) = deliveries(client, province)
    assert (d["last_status"], d["last_error"]) == (500, "HTTP 500")
    assert "hunter2" not in client.get("/v1/webhooks/deliveries", headers=h).text
    client.put("/v1/webhooks", headers=h, json={"url": chatty_receiver["url"] + "/redirect", "secret": SECRET})
    client.post(f"/v1/webhooks/deliveries/{d['id']}/retry", headers=h)
    calls = chatty_receiver["calls"]
    assert deliver_due(province.engine, now()).retrying == 1 and chatty_receiver["calls"] == calls + 1
    (d,) = deliveries(client, province)
    assert (d["last_status"], d["last_error"]) == (307, "HTTP 307")


def test_delivery_checks_the_address_again_and_refuses_a_host_now_internal(
        client: TestClient, province: Province, chatty_receiver: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    h = auth(province.tokens["department"])
    client.put("/v1/webhooks", headers=h, json={"url": chatty_receiver["url"] + "/hook", "secret": SECRET})
    complete_survey(client, province)
    monkeypatch.setattr(settings(), "webhook_allow_private", False)  # as if the name now resolved inside
    assert deliver_due(province.engine, now()) == PassCounts(due=1, retrying=1)
    (d,) = deliveries(client, province)
    assert (d["last_status"], d["last_error"]) == (None, "address_not_allowed") and chatty_receiver["calls"] == 0
