"""Request dependencies: one session per request (the single commit point) and the caller."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from service.domain.authz import Principal
from service.domain.errors import Problem, Unauthenticated
from service.domain.principals import authenticate
from service.store.engine import session_scope


def get_session() -> Iterator[Session]:
    with session_scope() as session:
        yield session


# scope="function": the commit happens before the response is sent, so a failed commit is an
# error response, never a success for work that was not saved.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
_bearer = HTTPBearer(auto_error=False, description="A token from `collectonce token issue`.")


def get_principal(
    session: SessionDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None:
        raise Unauthenticated(
            "send 'Authorization: Bearer <token>'", [Problem(["header", "Authorization"], "missing bearer token")]
        )
    return authenticate(session, credentials.credentials)


PrincipalDep = Annotated[Principal, Depends(get_principal)]
