"""What every page shares: templates, the session, the signed-in principal, the CSRF check, and
how a domain error becomes a page instead of problem+json.

Pages authenticate the bearer token kept in an HttpOnly cookie with the same domain function as
the API, and call the same domain functions; nothing here decides a rule.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from jinja2 import pass_context
from jinja2.runtime import Context
from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from starlette.templating import Jinja2Templates

from service.api.deps import get_session
from service.domain.authz import Principal, Role
from service.domain.dictionary import dictionary
from service.domain.errors import DomainError, Forbidden, InvalidInput, Problem, RetryLater, Unauthenticated
from service.domain.principals import authenticate
from service.store.engine import abandon, conflict_kind
from service.web import labels, messages
from service.web.names import Names

TOKEN_COOKIE = "co_token"
CSRF_COOKIE = "co_csrf"
LANG_COOKIE = "co_lang"
LANGS = ("zh", "en")
ALL_ROLES: frozenset[Role] = frozenset(("admin", "department", "statistics_office", "education_office", "school"))
# (path, zh, en, roles that can use it): the nav bar shows a role only what it can use.
NAV: list[tuple[str, str, str, frozenset[Role]]] = [
    ("/web/inbox", "收件箱", "Inbox", frozenset({"school"})),
    ("/web/requests", "我的申请", "Requests", frozenset({"department", "education_office", "admin"})),
    ("/web/queue", "待审批", "Approval queue", frozenset({"statistics_office", "education_office"})),
    ("/web/approvals", "批准登记", "Approvals register", ALL_ROLES),
    ("/web/corrections", "更正审核", "Corrections", frozenset({"department", "statistics_office", "education_office", "admin"})),
    ("/web/burden", "减负统计", "Burden", ALL_ROLES),
    ("/web/admin/principals", "账号与凭证", "Accounts", frozenset({"admin"})),
]
HOME: dict[str, str] = {"school": "/web/inbox", "department": "/web/requests", "statistics_office": "/web/queue",
                        "education_office": "/web/queue", "admin": "/web/admin/principals"}


def language(request: Request) -> str:
    """The page's language: the one the person chose (a cookie), else the browser's first, else Chinese."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGS:
        return str(chosen)
    accept = request.headers.get("accept-language", "").strip().lower()
    return "en" if accept.startswith("en") else "zh"


@pass_context
def _say(ctx: Context, zh: object, en: object) -> object:
    """The page's words: one language at a time."""
    return en if ctx.get("lang") == "en" else zh


@pass_context
def _term(ctx: Context, word: str | None) -> str:
    return labels.term(word, str(ctx.get("lang", "zh")))


@pass_context
def _field_name(ctx: Context, key: str | None) -> str:
    """A dictionary field's label in the page's language (the key if the dictionary lacks it)."""
    f = dictionary().fields.get(key or "")
    if f is None:
        return key or ""
    return f.labels.en if ctx.get("lang") == "en" else f.labels.zh


TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
TEMPLATES.env.globals.update(bi=_say, term=_term, field_name=_field_name,
                             dictionary_keys=lambda: sorted(k for k, f in dictionary().fields.items()))
TEMPLATES.env.filters["from_json"] = json.loads


class LoginRequired(Exception):
    """No valid token cookie: the page sends the browser to the login page."""


class CsrfRejected(Forbidden):
    title = "CSRF check failed"
    reason = "csrf"


# Seconds a page waits before running again after a write conflict (then it reports the conflict).
RETRY_WAITS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)


class StoreConflict(DomainError):
    status, title, reason = 409, "Conflict", "store_conflict"


def _page_session(request: Request, session: Annotated[Session, Depends(get_session, scope="function")]) -> Session:
    # Function scope: the commit happens before the page is sent, so a page never reports a write
    # that then fails to commit. Kept on the request so an error page can roll back first.
    request.state.session = session
    return session


PageSession = Annotated[Session, Depends(_page_session)]


def _viewer(request: Request, session: PageSession) -> Principal:
    token = request.cookies.get(TOKEN_COOKIE)
    if not token:
        raise LoginRequired
    try:
        principal = authenticate(session, token)
    except Unauthenticated as exc:
        raise LoginRequired from exc
    request.state.principal = principal
    return principal


Viewer = Annotated[Principal, Depends(_viewer)]


async def _check_csrf(request: Request) -> None:
    """Double-submit check: the form's hidden token must equal the SameSite=Strict cookie, which a
    page of another site can neither read nor send."""
    posted = await request.form()
    sent = posted.get("csrf")
    cookie = request.cookies.get(CSRF_COOKIE)
    if not (isinstance(sent, str) and cookie and secrets.compare_digest(sent.encode(), cookie.encode())):
        raise CsrfRejected("the form's security token is missing or stale: reload the page and try again",
                           [Problem(["form", "csrf"], "missing or does not match the cookie")])
    # The request guard refuses a NUL in a urlencoded form; one posted as multipart/form-data (an
    # upload's page, or any form a client chooses to send so) is checked here, field by field.
    nuls = [Problem(["form", k.replace("\x00", "")], "a NUL character is not allowed")
            for k, v in posted.multi_items() if "\x00" in k or (isinstance(v, str) and "\x00" in v)]
    if nuls:
        raise InvalidInput("a NUL character is not allowed", nuls)


CSRF = Depends(_check_csrf)


def set_cookie(response: Response, request: Request, name: str, value: str) -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict", path="/web",
                        secure=request.url.scheme == "https")


def csrf_token(request: Request) -> str:
    token = getattr(request.state, "csrf", None) or request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    request.state.csrf = token
    return token


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    principal: Principal | None = getattr(request.state, "principal", None)
    token = csrf_token(request)
    lang = language(request)
    nav = [(path, zh, en) for path, zh, en, roles in NAV if principal is not None and principal.role in roles]
    session: Session | None = getattr(request.state, "session", None)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    response = TEMPLATES.TemplateResponse(request, template, {
        "me": principal, "nav": nav, "csrf": token, "path": request.url.path, "here": here, "lang": lang,
        "names": Names(session, lang) if session is not None else None, "say": messages.Say(lang),
        **context}, status_code=status)
    if request.cookies.get(CSRF_COOKIE) != token:
        set_cookie(response, request, CSRF_COOKIE, token)
    # Pages show live state and carry one-use keys: never serve them from a cache.
    response.headers["Cache-Control"] = "no-store"
    return response


def settle(request: Request, exc: BaseException) -> None:
    """A page shows its error instead of raising it, so it ends the unit of work the way
    session_scope does for the API: rolled back, the refusal recorded if it asks to be."""
    session: Session | None = getattr(request.state, "session", None)
    if session is not None:
        abandon(session, exc)


def invalid(exc: ValidationError) -> InvalidInput:
    """A form's fields that do not fit the domain's input model, as the domain reports problems."""
    problems = [Problem(["body", *e["loc"]], e["msg"].removeprefix("Value error, "), code=e["type"],
                        params={k: v for k, v in (e.get("ctx") or {}).items() if isinstance(v, str | int | float)})
                for e in exc.errors()]
    return InvalidInput(f"{len(problems)} problem(s) in the form", problems)


def by_field(problems: list[Problem]) -> dict[str, list[Problem]]:
    """Problems keyed by the input they concern (the first name after "body"); "" for the rest."""
    out: dict[str, list[Problem]] = {}
    for p in problems:
        loc = p.loc[1:] if p.loc[:1] == ["body"] else p.loc
        out.setdefault(str(loc[0]) if loc and p.loc[:1] == ["body"] else "", []).append(p)
    return out


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


class PageRoute(APIRoute):
    """Routes whose failures are pages: no login → the login page; a domain error → an error page
    in the site's frame, after the session is rolled back."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            for wait in (*RETRY_WAITS, None):
                try:
                    return await handler(request)
                except LoginRequired:
                    query = f"?{request.url.query}" if request.url.query else ""
                    return redirect("/web/login?" + urlencode({"next": request.url.path + query}))
                except RetryLater as exc:
                    # A twin of this write (a double click, a resent page) holds its key: nothing
                    # was written, so the page runs again and is answered as that write's repeat.
                    settle(request, exc)
                    if wait is None:
                        return render(request, "error.html", exc.status, problem=exc)
                    await asyncio.sleep(wait)
                except DomainError as exc:
                    settle(request, exc)
                    return render(request, "error.html", exc.status, problem=exc)
                except DBAPIError as exc:
                    kind = conflict_kind(exc)
                    if kind is None:
                        raise
                    settle(request, exc)
                    if kind == "retry" and wait is not None:
                        # A write conflict (DuckDB's answer to two writes at once, a double click):
                        # nothing was written, so the page runs again, as an API client retries a 503.
                        await asyncio.sleep(wait)
                        continue
                    conflict = StoreConflict("another write to the same record happened at the same moment; reload and retry")
                    return render(request, "error.html", 409, problem=conflict)
            raise AssertionError("unreachable: the last attempt returns or raises")

        return page
