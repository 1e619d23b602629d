"""Request dependencies: one session per request (the single commit point) and the caller."""

from collections.abc import AsyncIterator, Callable, Sequence
from typing import Annotated, TypeVar

import anyio.to_thread
from anyio import CancelScope, CapacityLimiter
from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.domain.authz import Principal
from service.domain.errors import Problem, Unauthenticated
from service.domain.principals import authenticate, remembered
from service.store.engine import end_unit, engine
from service.store.writer import GroupWriter, group_writer

T = TypeVar("T")
I = TypeVar("I")  # noqa: E741


async def session_engine() -> Engine:
    """The store requests work on (tests put theirs in its place)."""
    return engine()


# Every synchronous dependency is a trip from the event loop to a worker thread and back, a
# handoff of the interpreter lock that a busy server pays in latency: a session is made on the
# event loop (it reaches the store only when first used) and ended in one trip, and a caller
# this process recognised a moment ago is known without one.
async def get_session(eng: Annotated[Engine, Depends(session_engine)]) -> AsyncIterator[Session]:
    session = Session(eng, expire_on_commit=False)
    try:
        yield session
    except BaseException as exc:
        await _ended(session, exc)
        raise
    await _ended(session, None)


async def _ended(session: Session, exc: BaseException | None) -> None:
    # As FastAPI ends a synchronous generator: shielded, since a cancelled request must still give
    # its connection back, and outside the shared thread limiter, whose threads may all be waiting
    # for a connection that this very session holds.
    with CancelScope(shield=True):
        await anyio.to_thread.run_sync(end_unit, session, exc, limiter=CapacityLimiter(1))


# scope="function": the commit happens before the response is sent, so a failed commit is an
# error response, never a success for work that was not saved.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
_bearer = HTTPBearer(auto_error=False, description="A token from `collectonce token issue`.")


async def get_principal(
    session: SessionDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None:
        raise Unauthenticated(
            "send 'Authorization: Bearer <token>'", [Problem(["header", "Authorization"], "missing bearer token")]
        )
    known = remembered(credentials.credentials)
    if known is not None:
        return known
    return await anyio.to_thread.run_sync(authenticate, session, credentials.credentials)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def _writer(session: Session) -> GroupWriter | None:
    """The store's group writer (DuckDB), or None where requests write in their own session."""
    bind = session.get_bind()
    return group_writer(bind) if isinstance(bind, Engine) else None


def written(session: Session, work: Callable[[Session], T]) -> T:
    """Run a write: on DuckDB through the store's group writer (committed with the writes waiting
    at the same moment, returned once durable; service/store/writer.py), elsewhere in the
    request's own session, committed when the request ends."""
    writer = _writer(session)
    if writer is None:
        return work(session)
    result = writer.run(work)
    session.rollback()  # it has only read: what it reads next is read after the write
    return result


def written_together(session: Session, apply: Callable[[Session, list[I]], Sequence[T | BaseException]], item: I) -> T:
    """Apply a write of a kind that is applied many at once (`apply` takes a list of items and
    answers each one's result or refusal): on DuckDB with the others of its kind waiting in the
    store's group writer at the same moment, returned once durable; elsewhere alone, in the
    request's own session, committed when the request ends."""
    writer = _writer(session)
    if writer is None:
        (result,) = apply(session, [item])
        if isinstance(result, BaseException):
            raise result
        return result
    outcome = writer.run_many(apply, item)
    session.rollback()  # it has only read: what it reads next is read after the write
    return outcome
