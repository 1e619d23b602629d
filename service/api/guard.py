"""What every request must be before a router sees it: a bounded body, and no NUL character.

- A body larger than the cap is refused with 413 problem+json (uploads, `multipart/form-data`,
  have their own larger cap); a declared Content-Length is refused before anything is read, a
  chunked body as soon as it passes the cap.
- A NUL character can be stored by neither store (PostgreSQL refuses it in text, DuckDB keeps it
  and hands it on): in the path, the query or a JSON or form body it is refused with a 4xx naming
  where it was. NUL bytes inside an uploaded file are a row problem of the import (validation.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl

from service.settings import settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
PROBLEM = b"application/problem+json"
# A JSON \u0000 escape: an odd run of backslashes before it (an even run is an escaped backslash).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


class BodyTooLarge(Exception):
    pass


def _problem(status: int, title: str, detail: str, loc: list[str]) -> tuple[int, bytes]:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail,
            "errors": [{"loc": loc, "msg": detail}]}
    return status, json.dumps(body).encode()


class RequestGuard:
    """ASGI middleware applying the rules above to every HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        upload = content_type == "multipart/form-data"
        cap = settings().max_upload_bytes if upload else settings().max_body_bytes
        refusal = self._refusal(scope, headers, cap, upload)
        if refusal is not None:
            await _respond(send, *refusal)
            return
        if content_type in ("application/json", "application/x-www-form-urlencoded"):
            body = await _read_all(receive, cap)
            if body is None:
                await _respond(send, *_too_large(cap, upload))
                return
            if _JSON_NUL.search(body) or b"\x00" in body or (
                    content_type != "application/json" and b"%00" in body.lower()):
                await _respond(send, *_problem(422, "Invalid request", "a NUL character is not allowed", ["body"]))
                return
            receive = _replay(body)
        started = False

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, _capped(receive, cap), tracked_send)
        except BodyTooLarge:
            if started:
                raise
            await _respond(send, *_too_large(cap, upload))

    @staticmethod
    def _refusal(scope: Scope, headers: dict[str, str], cap: int, upload: bool) -> tuple[int, bytes] | None:
        if "\x00" in scope.get("path", ""):
            return _problem(404, "Not found", "no resource has a NUL character in its path", ["path"])
        query = scope.get("query_string", b"").decode("latin-1")
        for name, value in parse_qsl(query, keep_blank_values=True):
            if "\x00" in name or "\x00" in value:
                return _problem(422, "Invalid request", "a NUL character is not allowed", ["query", name.replace("\x00", "")])
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            return _too_large(cap, upload)
        return None


def _too_large(cap: int, upload: bool) -> tuple[int, bytes]:
    what = "an upload" if upload else "a request body"
    setting = "COLLECTONCE_MAX_UPLOAD_BYTES" if upload else "COLLECTONCE_MAX_BODY_BYTES"
    return _problem(413, "Content too large", f"{what} may be at most {cap} bytes ({setting})", ["body"])


async def _read_all(receive: Receive, cap: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > cap:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def _capped(receive: Receive, cap: int) -> Receive:
    size = 0

    async def receive_capped() -> Message:
        nonlocal size
        message = await receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > cap:
                raise BodyTooLarge
        return message

    return receive_capped


async def _respond(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", PROBLEM), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
