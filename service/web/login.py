"""Signing in and out, the home redirect, and the two static files."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import FileResponse, HTMLResponse

from service.domain.errors import NotFound, Problem, Unauthenticated
from service.domain.principals import authenticate, end_session, link_holder, redeem
from service.web.page import (
    CSRF,
    CSRF_COOKIE,
    HOME,
    LANG_COOKIE,
    LANGS,
    TOKEN_COOKIE,
    PageRoute,
    PageSession,
    Viewer,
    redirect,
    render,
    set_cookie,
    settle,
)

router = APIRouter(route_class=PageRoute, include_in_schema=False)
STATIC = Path(__file__).parent / "static"
STATIC_FILES = {"app.css": "text/css", "app.js": "text/javascript"}


def _safe_next(url: str) -> str:
    """Only a page of this site: a login link must not send the browser elsewhere."""
    return url if url.startswith("/web/") and not url.startswith("//") and "\\" not in url else "/web/"


@router.get("/", response_class=HTMLResponse)
def root() -> Response:
    """The service's address leads to the web pages (the API lives under /v1, its guide at /docs)."""
    return redirect("/web/")


@router.get("/web/lang/{lang}")
def switch_language(request: Request, lang: str, next: str = "/web/") -> Response:
    """Show every page in `lang` from now on, starting with the one the person was on."""
    response = redirect(_safe_next(next))
    if lang in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", path="/",
                            secure=request.url.scheme == "https")
    return response


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
    except Unauthenticated as exc:
        return render(request, "login.html", 401, next=_safe_next(next), problem=exc)
    return _signed_in(request, token, _safe_next(next))


def _signed_in(request: Request, token: str, to: str) -> Response:
    response = redirect(to)
    set_cookie(response, request, TOKEN_COOKIE, token)
    # A new CSRF token for the signed-in session, so one planted before login is worthless.
    set_cookie(response, request, CSRF_COOKIE, secrets.token_urlsafe(32))
    return response


@router.get("/web/sign-in/{code}", response_class=HTMLResponse)
def sign_in_page(request: Request, session: PageSession, code: str) -> HTMLResponse:
    """Whom the link signs in; the link is spent only by the button (a POST), never by opening it."""
    try:
        holder, until = link_holder(session, code)
    except Unauthenticated as exc:
        return render(request, "sign_in.html", 401, problem=exc, code=code)
    return render(request, "sign_in.html", holder=holder, until=f"{until:%Y-%m-%d %H:%M} UTC", code=code)


@router.post("/web/sign-in/{code}", dependencies=[CSRF])
def sign_in(request: Request, session: PageSession, code: str) -> Response:
    try:
        holder, token = redeem(session, code)
    except Unauthenticated as exc:
        settle(request, exc)
        return render(request, "sign_in.html", 401, problem=exc, code=code)
    return _signed_in(request, token, HOME[holder.role])


@router.post("/web/logout", dependencies=[CSRF])
def logout(request: Request, session: PageSession) -> Response:
    token = request.cookies.get(TOKEN_COOKIE)
    if token:
        end_session(session, token)
    response = redirect("/web/login")
    for name in (TOKEN_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/web")
    return response


@router.get("/web/static/{name}")
def static(name: str) -> FileResponse:
    if name not in STATIC_FILES:
        raise NotFound(f"no static file {name}", [Problem(["path", "name"], "unknown file", name)])
    return FileResponse(STATIC / name, media_type=STATIC_FILES[name])
