"""Domain errors. Each carries its HTTP status and the problems it found; one handler in
service/app.py renders them as application/problem+json (RFC 9457)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# A response lists at most this many problems, and says how many there were: a file of a million
# bad rows must not become a response of gigabytes (the whole list goes to a downloadable report).
MAX_LISTED = 1000

# Writes a refusal down for the record (a duplicate request kept, an issue stopped), in a unit of
# work of its own: the refused write itself is rolled back whole.
Record = Callable[["Session"], None]


@dataclass(frozen=True)
class Problem:
    """One thing wrong, and where: `loc` is a path such as ["body", "fields", 3, "key"] or
    ["file", "row", 12, "gender"]."""

    loc: list[str | int]
    msg: str
    value: Any = None
    # What kind of problem, for callers and pages that word it themselves (in another language,
    # say), with the figures the wording needs: code "below_min", params {"min": 0}.
    code: str | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"loc": self.loc, "msg": self.msg}
        if self.value is not None:
            out["value"] = self.value
        if self.code is not None:
            out["code"] = self.code
        return out


class DomainError(Exception):
    """A refusal by a rule. `reason` is machine-readable (callers branch on it, never on the
    message); `record`, when set, keeps the refusal on file after the write is rolled back."""

    status: int = 400
    title: str = "Bad request"
    reason: str = "bad_request"

    def __init__(self, detail: str, errors: list[Problem] | None = None, *, record: Record | None = None,
                 **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.record = record
        self.extra = extra

    def as_problem(self) -> dict[str, Any]:
        slug = type(self).__name__
        body: dict[str, Any] = {
            "type": f"https://collectonce.example/problems/{slug}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "reason": self.reason,
            **listed([e.as_dict() for e in self.errors]),
        }
        body.update(self.extra)
        return body


def listed(errors: list[dict[str, Any]]) -> dict[str, Any]:
    """The `errors` of a problem, the first MAX_LISTED of them, with `errors_total` when cut."""
    if len(errors) <= MAX_LISTED:
        return {"errors": errors}
    return {"errors": errors[:MAX_LISTED], "errors_total": len(errors)}


class InvalidInput(DomainError):
    status, title = 422, "Invalid input"
    reason = "invalid_input"


class Unauthenticated(DomainError):
    status, title = 401, "Not authenticated"
    reason = "unauthenticated"


class Forbidden(DomainError):
    status, title = 403, "Forbidden"
    reason = "forbidden"


class NotFound(DomainError):
    status, title = 404, "Not found"
    reason = "not_found"


class Conflict(DomainError):
    status, title = 409, "Conflict"
    reason = "conflict"


class RetryLater(DomainError):
    """A concurrent write holds what this one needs: nothing was done, the same request (with the
    same Idempotency-Key) may be sent again after Retry-After seconds."""

    status, title = 503, "Write conflict"
    reason = "retry"


class ImportRejected(DomainError):
    """A file with bad rows: nothing was imported; `report` lists every problem."""

    status, title = 422, "Import rejected"
    reason = "import_rejected"
