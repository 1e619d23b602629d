"""Quoting for the few statements written as text (generated validation and unpivots), and the one
way to bind a list of unbounded length."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, String, func, select
from sqlalchemy import literal as bound
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: object) -> str:
    """A quoted SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def one_of(column: ColumnElement[Any] | Mapped[Any], values: Iterable[str]) -> ColumnElement[bool]:
    """`column IN values` with the values bound as one array, however many there are: an expanding
    IN binds one parameter per value, and PostgreSQL refuses a statement with more than 65,535.
    The same SQL runs on DuckDB and PostgreSQL, bound or rendered with literal binds."""
    array = bound(sorted(set(values)), ARRAY(String))
    return column.in_(select(func.unnest(array)).scalar_subquery())
