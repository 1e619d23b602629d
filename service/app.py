"""Builds the FastAPI app: routers, error handlers, lifespan."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException

from service.api import admin, audit, burden, corrections, forms, imports, me, records, requests, templates, webhooks
from service.api import dictionary as dictionary_api
from service.api.guard import RequestGuard
from service.api.problems import document_problems
from service.domain.dictionary import dictionary
from service.domain.errors import DomainError, listed
from service.domain.forms import close_completed
from service.domain.jobs import fail_interrupted
from service.domain.webhooks import deliver_due, start_worker
from service.store.engine import conflict_kind, engine
from service.web import router as web_router

PROBLEM = "application/problem+json"
# Threads that run requests when the store is PostgreSQL, which does their work in its own
# processes: more threads only queue for the interpreter's lock. Measured at 32 clients on two
# cores: 8 kept the submission rate of 40 and cut its p99 from 936 to 395 ms. On DuckDB the queries
# run in the threads, so the default 40 stay (8 cost a fifth of the rate there).
POSTGRES_REQUEST_THREADS = 8


def _problem(status: int, title: str, detail: str, errors: list[dict[str, Any]]) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **listed(errors)}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    dictionary()  # a broken dictionary stops start-up here, with its message
    if engine().dialect.name == "postgresql":
        to_thread.current_default_thread_limiter().total_tokens = POSTGRES_REQUEST_THREADS
    fail_interrupted(engine())
    stop_background = start_worker(engine(), passes=(close_completed, deliver_due))
    yield
    stop_background()


def create_app() -> FastAPI:
    app = FastAPI(
        title="CollectOnce",
        version="0.1.0",
        description="Collect once, use many times: one data-collection service for school education.",
        lifespan=lifespan,
        docs_url=None,  # served by service/web/docs.py from local assets, so it works offline
    )
    for module in (me, admin, dictionary_api, records, imports, templates, requests, forms, corrections, burden, webhooks, audit):
        app.include_router(module.router)
    app.include_router(web_router)
    app.add_middleware(RequestGuard)
    document_problems(app)

    @app.exception_handler(DomainError)
    async def domain_error(_request: Request, exc: DomainError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {"Retry-After": "1"} if exc.status == 503 else None
        return JSONResponse(exc.as_problem(), status_code=exc.status, media_type=PROBLEM, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        return _problem(422, "Invalid request", f"{len(errors)} problem(s) in the request", errors)

    @app.exception_handler(DBAPIError)
    async def store_conflict(_request: Request, exc: DBAPIError) -> JSONResponse:
        kind = conflict_kind(exc)
        if kind is None:
            raise exc
        if kind == "duplicate":
            # Two writes raced for the same record (a retry overlapping its first attempt, say).
            return _problem(409, "Conflict", "another write to the same record won; read it again and retry",
                            [{"loc": ["store"], "msg": str(exc.orig).splitlines()[0]}])
        response = _problem(503, "Write conflict", "a concurrent write touched the same rows; retry",
                            [{"loc": ["store"], "msg": str(exc.orig).splitlines()[0]}])
        response.headers["Retry-After"] = "1"
        return response

    @app.exception_handler(Exception)
    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        # Starlette logs the exception and re-raises it after this answer: the client is told that
        # the service failed, in the same problem+json as any refusal, and nothing of how or where.
        return _problem(500, "Internal error", "the service failed on this request; nothing of it was kept", [])

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return _problem(exc.status_code, str(exc.detail), str(exc.detail), [])

    return app


app = create_app()
