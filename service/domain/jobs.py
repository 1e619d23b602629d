"""Background jobs: a large import runs outside the request that uploaded it, so the request
answers at once (202, with where to follow it) and other requests are not kept waiting behind it.

Rule: a job is created `queued`, becomes `running`, reports each step of the import as it goes
(`steps_done` of `steps_total`), and ends `done` with the import report or `failed` with the
problem (a rejected file's report is kept on file as a synchronous import's is). Only admins read
jobs. Each state change is its own unit of work, like the webhook worker's; the import itself is
one unit of work, committed whole or not at all. A job a stopped process left running is marked
failed at the next start.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.domain import imports
from service.domain.authz import Principal, require_role
from service.domain.clock import new_id, now
from service.domain.errors import DomainError, NotFound, Problem
from service.store import jobs as store
from service.store.engine import session_scope
from service.store.tables import Job

log = logging.getLogger(__name__)


def _set(engine: Engine, job_id: str, **values: Any) -> None:
    with session_scope(engine) as session:
        store.set_values(session, job_id, **values)


def start_import(engine: Engine, principal: Principal, kind: imports.Kind, folder: Path, path: Path, name: str,
                 *, skip_invalid: bool, fmt: str | None = None) -> Job:
    """Queue the import of `path` (in `folder`, which the job removes when done) and start it."""
    require_role(principal, "admin")
    job = Job(id=new_id(), kind=f"import.{kind}", status="queued", steps_total=len(imports.STEPS),
              created_by=principal.id, created_at=now())
    with session_scope(engine) as session:  # on file before the worker looks for it
        store.add(session, job)
    threading.Thread(target=_run_import, args=(engine, job.id, principal, kind, folder, path, name, skip_invalid, fmt),
                     name=f"job-{job.id}", daemon=True).start()
    return job


def _run_import(engine: Engine, job_id: str, principal: Principal, kind: imports.Kind, folder: Path, path: Path,
                name: str, skip_invalid: bool, fmt: str | None) -> None:
    _set(engine, job_id, status="running", started_at=now())

    def progress(step: str) -> None:
        _set(engine, job_id, step=step, steps_done=imports.STEPS.index(step))

    try:
        with session_scope(engine) as session:
            report = imports.import_file(session, principal, kind, path, name, skip_invalid=skip_invalid,
                                         progress=progress, fmt=fmt)
        _set(engine, job_id, status="done", step="done", steps_done=len(imports.STEPS), finished_at=now(),
             result=json.dumps(report.as_dict(), ensure_ascii=False, default=str))
    except DomainError as exc:
        _set(engine, job_id, status="failed", finished_at=now(),
             result=json.dumps(exc.as_problem(), ensure_ascii=False, default=str))
    except Exception:
        log.exception("job %s failed", job_id)
        _set(engine, job_id, status="failed", finished_at=now(), result=json.dumps(
            {"title": "Internal error", "status": 500, "detail": "the import failed; nothing of it was kept"}))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def get(session: Session, principal: Principal, job_id: str) -> Job:
    """A job, for admins."""
    require_role(principal, "admin")
    job = store.get(session, job_id)
    if job is None:
        raise NotFound(f"no job {job_id}", [Problem(["path", "job_id"], "unknown job", job_id)])
    return job


def fail_interrupted(engine: Engine) -> None:
    """Jobs a stopped process left queued or running did not finish: say so."""
    with session_scope(engine) as session:
        store.set_unfinished(session, status="failed", finished_at=now(), result=json.dumps(
            {"title": "Interrupted", "status": 503, "detail": "the service stopped during the job; run it again"}))
