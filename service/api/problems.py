"""The API's refusals in its OpenAPI document: every operation declares, with the problem+json
schema, each error status it can answer. Declared here once for every router, so a route added
later is documented the same way:
- every operation: 400 (a body that cannot be parsed), 401 (no or bad token), 403 (role), 404 (unknown or out of reach, a NUL in the
  path), 413 (body too large), 422 (invalid input), 503 (a concurrent write; retry);
- operations that write: 409 (a conflicting state or write);
- operations taking If-Match: 412 (stale) and 428 (missing).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field

PROBLEM = "application/problem+json"
ALWAYS = {400: "Bad request: the body cannot be parsed (not JSON, say)",
          401: "Not authenticated: no, unknown or revoked bearer token",
          403: "Forbidden: the caller's role may not make this call",
          404: "Not found: unknown, or outside what the caller may know of",
          413: "Content too large: the body or upload passes the configured cap",
          422: "Invalid input: what failed and where, in `errors`",
          503: "A concurrent write touched the same rows: retry after Retry-After seconds"}
WRITES = {409: "Conflict: the object's state does not allow this, or a concurrent write won"}
CONDITIONAL = {412: "Precondition failed: If-Match is not the current ETag",
               428: "Precondition required: send If-Match with the ETag last read"}


class ProblemDetail(BaseModel):
    loc: list[str | int] = Field(description="where: e.g. ['body', 'fields', 3, 'key'] or ['file', 'row', 12, 'gender']")
    msg: str
    value: Any = None


class Problem(BaseModel):
    """RFC 9457 problem details; some refusals add members of their own (e.g. `duplicates`, `etag`)."""

    model_config = ConfigDict(extra="allow")
    type: str
    title: str
    status: int
    detail: str
    reason: str | None = Field(default=None, description="machine-readable kind of refusal")
    errors: list[ProblemDetail]
    errors_total: int | None = Field(default=None, description="how many problems there were, when `errors` lists only the first")


def _statuses(method: str, operation: dict[str, Any]) -> dict[int, str]:
    out = dict(ALWAYS)
    if method in ("post", "put", "patch", "delete") or "results" in operation.get("operationId", ""):
        out |= WRITES
    if any(p.get("in") == "header" and p.get("name", "").lower() == "if-match" for p in operation.get("parameters", [])):
        out |= CONDITIONAL
    return out


def document_problems(app: FastAPI) -> None:
    """Make `app.openapi()` declare every operation's error statuses with the Problem schema."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, openapi_version=app.openapi_version,
                             description=app.description, routes=app.routes, tags=app.openapi_tags,
                             separate_input_output_schemas=app.separate_input_output_schemas)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, sub in Problem.model_json_schema(ref_template="#/components/schemas/{model}").pop("$defs").items():
            components[name] = sub
        components["Problem"] = {k: v for k, v in Problem.model_json_schema(
            ref_template="#/components/schemas/{model}").items() if k != "$defs"}
        ref = {"content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                for status, description in _statuses(method, operation).items():
                    operation["responses"][str(status)] = {"description": description, **ref}
        for unused in ("HTTPValidationError", "ValidationError"):
            components.pop(unused, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
