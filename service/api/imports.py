"""Bulk imports of schools and teachers (admin): CSV or Excel, all or nothing by default."""

import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import BaseModel

from service.api.deps import PrincipalDep, SessionDep
from service.domain import imports
from service.domain.authz import require_role

router = APIRouter(prefix="/v1/imports", tags=["imports"])


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


def _run(session: SessionDep, principal: PrincipalDep, kind: imports.Kind, file: UploadFile, skip_invalid: bool,
         fmt: str | None = None) -> ImportResult:
    require_role(principal, "admin")  # before copying the upload; the domain checks again
    name = file.filename or f"upload.{kind}.csv"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(name).name
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out)
        report = imports.import_file(session, principal, kind, path, name, skip_invalid=skip_invalid, fmt=fmt)
    return ImportResult.model_validate(report.as_dict())


SkipInvalid = Annotated[bool, Query(description="import the good rows and report the bad ones")]


@router.post("/schools", response_model=ImportResult)
def import_schools(
    session: SessionDep, principal: PrincipalDep, file: Annotated[UploadFile, File(description="CSV or .xlsx")],
    skip_invalid: SkipInvalid = False,
) -> ImportResult:
    return _run(session, principal, "schools", file, skip_invalid)


@router.post("/teachers", response_model=ImportResult)
def import_teachers(
    session: SessionDep, principal: PrincipalDep, file: Annotated[UploadFile, File(description="CSV or .xlsx")],
    skip_invalid: SkipInvalid = False,
    format: Annotated[str | None, Query(pattern="^national-teachers$", description=(
        "national-teachers: the staff export of the national teacher management information system"))] = None,
) -> ImportResult:
    return _run(session, principal, "teachers", file, skip_invalid, format)
