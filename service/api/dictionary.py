"""The data dictionary, published for departments' systems."""

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from service.api.deps import PrincipalDep
from service.domain.dictionary import Code, Field, Labels, Source, Unit, dictionary
from service.domain.errors import NotFound, Problem

router = APIRouter(prefix="/v1", tags=["dictionary"])


class FieldOut(BaseModel):
    key: str
    level: str
    labels: Labels
    aliases: list[str]
    type: str
    code_list: str | None
    codes: list[Code] | None
    unit: Unit | None
    min: Any
    max: Any
    pattern: str | None
    required: bool
    sensitivity: str
    source: Source
    indicator: bool


def _out(f: Field) -> FieldOut:
    cl = dictionary().code_list_for(f)
    return FieldOut(
        key=f.key, level=f.entity, labels=f.labels, aliases=f.aliases, type=f.type, code_list=f.code_list,
        codes=cl.codes if cl else None, unit=f.unit, min=f.min, max=f.max, pattern=f.pattern,
        required=f.required, sensitivity=f.sensitivity, source=f.source, indicator=f.is_indicator,
    )


@router.get("/dictionary", response_model=list[FieldOut])
def list_fields(_principal: PrincipalDep) -> list[FieldOut]:
    return [_out(f) for f in dictionary().fields.values()]


@router.get("/dictionary/{key}", response_model=FieldOut)
def get_field(key: str, _principal: PrincipalDep) -> FieldOut:
    f = dictionary().get(key)
    if f is None:
        raise NotFound(f"no dictionary field {key}", [Problem(["path", "key"], "unknown field", key)])
    return _out(f)
