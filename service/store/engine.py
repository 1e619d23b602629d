"""Engine and sessions. The database URL picks the store: a DuckDB file or PostgreSQL."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from service.domain.errors import DomainError
from service.settings import settings


def make_engine(url: str) -> Engine:
    if url.startswith("duckdb:///"):
        path = url.removeprefix("duckdb:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=False)
        # duckdb_engine leaves SQLAlchemy's compiled-statement cache off by default (it has not declared
        # it); its compiler is PostgreSQL's, which renders no parameter value into the SQL text, so the
        # cache is safe and spares every call re-compiling its statements (half an analysis's time).
        engine.dialect._supports_statement_cache = True
    else:
        engine = create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)
    if engine.dialect.name == "postgresql":

        @event.listens_for(engine, "connect")
        def _utc(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            with dbapi_conn.cursor() as cur:
                cur.execute("SET TIME ZONE 'UTC'")

    return engine


@cache
def engine() -> Engine:
    """The engine of this process, migrated to the latest schema."""
    from service.store.migrations import migrate

    eng = make_engine(settings().database_url)
    migrate(eng)
    return eng


@contextmanager
def session_scope(eng: Engine | None = None) -> Iterator[Session]:
    """One unit of work: committed if the block succeeds, abandoned otherwise (the only commit point)."""
    session = Session(eng or engine(), expire_on_commit=False)
    try:
        yield session
    except BaseException as exc:
        end_unit(session, exc)
        raise
    end_unit(session, None)


def end_unit(session: Session, exc: BaseException | None) -> None:
    """End a unit of work (`session_scope`'s, or a request's): committed if the work succeeded (`exc`
    None), abandoned otherwise or if the commit fails; then closed."""
    with session:
        if exc is not None:
            abandon(session, exc)
            return
        try:
            session.commit()
        except BaseException as failed:
            abandon(session, failed)
            raise


def abandon(session: Session, exc: BaseException) -> None:
    """The other outcome of a unit of work: roll it back whole, then keep on file the refusal that
    caused it, if the refusal asks to be recorded, in a unit of work of its own."""
    session.rollback()
    record = getattr(exc, "record", None) if isinstance(exc, DomainError) else None
    if record is not None:
        with Session(session.get_bind(), expire_on_commit=False) as kept:
            record(kept)
            kept.commit()


def conflict_kind(exc: DBAPIError) -> str | None:
    """'duplicate' when a write lost a race on a key, 'retry' when concurrent writes touched the same
    rows (or, on DuckDB, a key, found at commit), None for anything else. DuckDB reports both as
    errors with text only, at statement or commit."""
    text = str(exc.orig).lower()
    if "failed to commit" in text:
        # DuckDB checks keys against concurrent transactions only at commit: a race, and the
        # retry sees the winner (and is answered as any later request would be).
        return "retry"
    if "ux_school_current" in text or "ux_teacher_current" in text:
        # PostgreSQL: two new versions of one record at once (the one-current-version index, see
        # migration 4): the loser wrote nothing that stays, and its retry builds on the winner's.
        return "retry"
    if isinstance(exc, IntegrityError) or "constraint violation" in text or "duplicate key" in text:
        return "duplicate"
    if "onflict" in text or "could not serialize" in text or "deadlock detected" in text:
        return "retry"
    return None
