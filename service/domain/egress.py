"""Where the service may call out to (webhooks): the one place the rule against server-side request
forgery lives.

- Only http and https URLs with a host, no credentials in the URL.
- The host is resolved, and every address it resolves to (each A and AAAA record) must be a public
  unicast address: loopback, private, link-local, shared (CGNAT), multicast, reserved, unspecified
  and documentation ranges are refused, as are IPv4 addresses inside IPv6 forms (mapped, 6to4,
  Teredo) that point at them. A name typed as a number in any spelling (`127.1`, `0x7f000001`) is
  resolved the same way, so it is judged by the address it means.
- The check is made when a URL is registered and again before every call, and the call connects to
  the address just checked (the Host header and TLS server name stay the registered host's), so a
  DNS answer that changes between check and connect cannot redirect it.
- Tests that run a receiver on this machine allow private addresses with the explicit setting
  COLLECTONCE_WEBHOOK_ALLOW_PRIVATE=1 (off by default); it never widens the schemes.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from service.settings import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
RefusalKind = Literal["bad_url", "unresolvable", "address_not_allowed"]
# Ranges Python's is_global still counts as global, or that hide an IPv4 address.
_EXTRA_BLOCKED = [ipaddress.ip_network(n) for n in (
    "100.64.0.0/10", "192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
    "240.0.0.0/4", "64:ff9b:1::/48", "2001:db8::/32", "2002::/16", "2001::/32", "100::/64",
)]


class RefusedTarget(Exception):
    """A URL the service will not call; `kind` says why without echoing anything it received."""

    def __init__(self, kind: RefusalKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class Target:
    """A checked call: connect to `url` (the host replaced by the checked address), sending `host`
    as the Host header and, for https, as the TLS server name."""

    url: str
    host: str
    server_name: str


def allowed(ip: IPAddress) -> bool:
    """A public unicast address (or any address, when tests allow private ones)."""
    if settings().webhook_allow_private:
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if inner is not None and not allowed(inner):
            return False
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved or ip.is_link_local or ip.is_loopback:
        return False
    if ip.is_private or not ip.is_global:
        return False
    return not any(ip.version == n.version and ip in n for n in _EXTRA_BLOCKED)


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (A and AAAA records, or the number it spells)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def check(url: str) -> Target:
    """The call to make for `url`, or RefusedTarget if the URL or any address it resolves to is refused."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise RefusedTarget("bad_url", "not a valid URL") from exc
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host or parts.username is not None or parts.password is not None:
        raise RefusedTarget("bad_url", "must be an http:// or https:// URL with a host and no credentials")
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError, ValueError) as exc:
        raise RefusedTarget("unresolvable", f"the host {host} does not resolve") from exc
    if not addresses:
        raise RefusedTarget("unresolvable", f"the host {host} does not resolve")
    if not all(allowed(ip) for ip in addresses):
        raise RefusedTarget("address_not_allowed", f"the host {host} resolves to an address the service does not "
                                                   "call (loopback, private, link-local, multicast or reserved)")
    ip = addresses[0]
    netloc = (f"[{ip}]" if ip.version == 6 else str(ip)) + (f":{parts.port}" if parts.port else "")
    host_header = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    return Target(urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), host_header, host)
