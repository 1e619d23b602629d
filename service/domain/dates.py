"""Dates and moments as the API accepts and serves them: parsed strictly, bounded, timezone-aware.

- A date is `YYYY-MM-DD` and nothing else (`0`, `20260901` or `1.5` are not dates), between
  MIN_DAY and MAX_DAY: the service's arithmetic (a day later, a year earlier) stays in range.
- A moment is an RFC 3339 date-time; without an offset it is read as UTC. It is kept as naive UTC,
  as the store keeps every timestamp, and served with its offset (`Z`) by `Stamp`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, WithJsonSchema

MIN_DAY = date(1900, 1, 1)
MAX_DAY = date(2999, 12, 31)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:\d{2})?)?")


def _strict_day(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DAY.fullmatch(value):
        return value
    raise ValueError("a date as YYYY-MM-DD")


def _bounded(value: date) -> date:
    if not MIN_DAY <= value <= MAX_DAY:
        raise ValueError(f"a date between {MIN_DAY} and {MAX_DAY}")
    return value


def _strict_moment(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and _MOMENT.fullmatch(value):
        return value
    raise ValueError("a date-time as RFC 3339, e.g. 2026-09-01T08:00:00Z")


def _utc_naive(value: datetime) -> datetime:
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    _bounded(value.date())
    return value


def rfc3339(value: datetime) -> str:
    """A stored moment (naive UTC, or aware) as RFC 3339 with its offset."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


Day = Annotated[date, BeforeValidator(_strict_day), AfterValidator(_bounded)]
Moment = Annotated[datetime, BeforeValidator(_strict_moment), AfterValidator(_utc_naive)]
# A timestamp in a response: always with its offset, as the OpenAPI `date-time` format requires.
Stamp = Annotated[datetime, PlainSerializer(rfc3339, return_type=str, when_used="json"),
                  WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization")]

