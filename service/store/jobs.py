"""Queries of background jobs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlmodel import col

from service.store.tables import Job


def add(session: Session, job: Job) -> None:
    session.add(job)


def get(session: Session, job_id: str) -> Job | None:
    return session.get(Job, job_id)


def set_values(session: Session, job_id: str, **values: Any) -> None:
    session.execute(update(Job).where(col(Job.id) == job_id).values(**values))


def set_unfinished(session: Session, **values: Any) -> None:
    """Set `values` on every job still queued or running."""
    session.execute(update(Job).where(col(Job.status).in_(("queued", "running"))).values(**values))
