"""Signing in and out, the home redirect, and the two static files."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import FileResponse, HTMLResponse

from service.domain.errors import NotFound, Problem, Unauthenticated
from service.domain.principals import authenticate
from service.web.page import (
    CSRF,
    CSRF_COOKIE,
    HOME,
    TOKEN_COOKIE,
    PageRoute,
    PageSession,
    Viewer,
    redirect,
    render,
    set_cookie,
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)
STATIC = Path(__file__).parent / "static"
STATIC_FILES = {"app.css": "text/css", "app.js": "text/javascript"}


def _safe_next(url: str) -> str:
    """Only a page of this site: a login link must not send the browser elsewhere."""
    return url if url.startswith("/web/") and not url.startswith("//") and "\\" not in url else "/web/"


@router.get("/web", response_class=HTMLResponse)
@router.get("/web/", response_class=HTMLResponse)
def home(me: Viewer) -> Response:
    return redirect(HOME[me.role])


@router.get("/web/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/web/") -> HTMLResponse:
    return render(request, "login.html", next=_safe_next(next))


@router.post("/web/login", dependencies=[CSRF])
def login(request: Request, session: PageSession, token: Annotated[str, Form()] = "",
          next: Annotated[str, Form()] = "/web/") -> Response:
    token = token.strip()
    try:
        authenticate(session, token)
    except Unauthenticated:
        return render(request, "login.html", 401, next=_safe_next(next),
                      error="令牌无效或已撤销 — unknown or revoked token")
    response = redirect(_safe_next(next))
    set_cookie(response, request, TOKEN_COOKIE, token)
    # A new CSRF token for the signed-in session, so one planted before login is worthless.
    set_cookie(response, request, CSRF_COOKIE, secrets.token_urlsafe(32))
    return response


@router.post("/web/logout", dependencies=[CSRF])
def logout() -> Response:
    response = redirect("/web/login")
    for name in (TOKEN_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/web")
    return response


@router.get("/web/static/{name}")
def static(name: str) -> FileResponse:
    if name not in STATIC_FILES:
        raise NotFound(f"no static file {name}", [Problem(["path", "name"], "unknown file", name)])
    return FileResponse(STATIC / name, media_type=STATIC_FILES[name])
