"""Bulk imports of schools and teachers (admin): CSV or Excel, all or nothing by default. Uploads
up to COLLECTONCE_IMPORT_SYNC_MAX_BYTES (5 MB by default) are imported while the request waits;
larger ones become a background job (202, followed at /v1/jobs/{id})."""

import json
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import Engine

from service.api.deps import PrincipalDep, SessionDep
from service.domain import imports, jobs
from service.domain.authz import require_role
from service.domain.dates import Stamp
from service.settings import settings

router = APIRouter(prefix="/v1", tags=["imports"])


class ImportResult(BaseModel):
    batch_id: str
    kind: str
    filename: str
    status: str
    rows_total: int
    rows_inserted: int
    rows_updated: int
    rows_unchanged: int
    rows_rejected: int
    problems: list[dict[str, Any]]
    problems_total: int
    problems_by_reason: dict[str, int]
    report_url: str | None


class JobOut(BaseModel):
    id: str
    kind: str
    status: str
    step: str
    steps_done: int
    steps_total: int
    created_at: Stamp
    started_at: Stamp | None
    finished_at: Stamp | None
    result: dict[str, Any] | None


def _job_out(job: Any) -> JobOut:
    data = {k: getattr(job, k) for k in JobOut.model_fields if k != "result"}
    return JobOut(**data, result=json.loads(job.result) if job.result else None)


def _run(session: SessionDep, principal: PrincipalDep, kind: imports.Kind, file: UploadFile, skip_invalid: bool,
         fmt: str | None = None) -> Any:
    require_role(principal, "admin")  # before copying the upload; the domain checks again
    name = imports.upload_name(file.filename, kind)
    folder = Path(tempfile.mkdtemp(prefix="collectonce-import-"))
    # The file is kept under a name of ours: the client's (say "..") never becomes a path.
    path = folder / f"upload{Path(name).suffix}"
    with path.open("wb") as out:
        shutil.copyfileobj(file.file, out)
    if path.stat().st_size > settings().import_sync_max_bytes:
        bind = session.get_bind()
        engine = bind if isinstance(bind, Engine) else bind.engine
        job = jobs.start_import(engine, principal, kind, folder, path, name, skip_invalid=skip_invalid, fmt=fmt)
        return JSONResponse(_job_out(job).model_dump(mode="json"), status_code=202,
                            headers={"Location": f"/v1/jobs/{job.id}"})
    try:
        report = imports.import_file(session, principal, kind, path, name, skip_invalid=skip_invalid, fmt=fmt)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return ImportResult.model_validate(report.as_dict())


SkipInvalid = Annotated[bool, Query(description="import the good rows and report the bad ones")]
Upload = Annotated[UploadFile, File(description="CSV or .xlsx")]
ACCEPTED: dict[int | str, dict[str, Any]] = {202: {"model": JobOut, "description": "a large file: imported in the background; follow Location"}}


@router.post("/imports/schools", response_model=ImportResult, responses=ACCEPTED)
def import_schools(session: SessionDep, principal: PrincipalDep, file: Upload, skip_invalid: SkipInvalid = False) -> Any:
    return _run(session, principal, "schools", file, skip_invalid)


@router.post("/imports/teachers", response_model=ImportResult, responses=ACCEPTED)
def import_teachers(
    session: SessionDep, principal: PrincipalDep, file: Upload, skip_invalid: SkipInvalid = False,
    format: Annotated[str | None, Query(pattern="^national-teachers$", description=(
        "national-teachers: the staff export of the national teacher management information system"))] = None,
) -> Any:
    return _run(session, principal, "teachers", file, skip_invalid, format)


@router.get("/imports/{batch_id}/report", response_class=Response,
            responses={200: {"content": {"application/gzip": {}}, "description": "every problem, as a gzip CSV"}})
def import_report(session: SessionDep, principal: PrincipalDep, batch_id: str) -> Response:
    """Every problem an import found (row, column, value, reason), however many: a gzip-compressed CSV."""
    return Response(imports.problems_file(session, principal, batch_id), media_type="application/gzip",
                    headers={"Content-Disposition": f'attachment; filename="import-{batch_id}-problems.csv.gz"'})


@router.get("/jobs/{job_id}", response_model=JobOut)
def job(session: SessionDep, principal: PrincipalDep, job_id: str) -> JobOut:
    """A background job: its status, progress and, when finished, its result."""
    return _job_out(jobs.get(session, principal, job_id))
