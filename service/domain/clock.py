"""The one clock and id source, so tests can fix time and every timestamp is naive UTC."""

import uuid
from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_id() -> str:
    return uuid.uuid4().hex
