"""Who the caller is."""

from fastapi import APIRouter

from service.api.deps import PrincipalDep
from service.api.models import Me

router = APIRouter(prefix="/v1", tags=["principals"])


@router.get("/me", response_model=Me)
def me(principal: PrincipalDep) -> Me:
    return Me.model_validate(principal, from_attributes=True)
