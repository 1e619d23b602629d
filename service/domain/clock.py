"""The one clock and id source, so tests can fix time and every timestamp is naive UTC."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

_shift = [timedelta(0)]  # a list, so travel() changes it in place


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None) + _shift[0]


@contextmanager
def travel(by: timedelta) -> Iterator[None]:
    """Move the clock of this process by `by` for the duration of the block (tests: 'a month later')."""
    before = _shift[0]
    _shift[0] = before + by
    try:
        yield
    finally:
        _shift[0] = before


def new_id() -> str:
    return uuid.uuid4().hex
