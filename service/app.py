"""Builds the FastAPI app: routers, error handlers, lifespan."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from service.api import dictionary as dictionary_api
from service.api import imports, me, records, requests
from service.domain.dictionary import dictionary
from service.domain.errors import DomainError
from service.store.engine import engine

PROBLEM = "application/problem+json"


def _problem(status: int, title: str, detail: str, errors: list[dict[str, Any]]) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "errors": errors}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    dictionary()  # a broken dictionary stops start-up here, with its message
    engine()
    yield


def create_app() -> FastAPI:
    app = FastAPI(
        title="CollectOnce",
        version="0.1.0",
        description="Collect once, use many times: one data-collection service for school education.",
        lifespan=lifespan,
    )
    for module in (me, dictionary_api, records, imports, requests):
        app.include_router(module.router)

    @app.exception_handler(DomainError)
    async def domain_error(_request: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse(exc.as_problem(), status_code=exc.status, media_type=PROBLEM, headers=(
            {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]
        return _problem(422, "Invalid request", f"{len(errors)} problem(s) in the request", errors)

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        return _problem(exc.status_code, str(exc.detail), str(exc.detail), [])

    return app


app = create_app()
