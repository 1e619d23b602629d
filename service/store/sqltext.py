"""Quoting for the few statements written as text (generated validation and unpivots), and the one
way to bind a list of unbounded length."""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, String, bindparam, func, select
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


def unnested(columns: Iterable[str]) -> tuple[str, list[BindParameter[Any]]]:
    """A subquery of rows bound as one text array per column (`:name`, zipped by unnest), and its
    parameters: any number of rows in one statement, the same SQL on DuckDB and PostgreSQL. A
    VALUES list binds one parameter per value, which DuckDB took 20 ms to plan for 200 rows of six."""
    names = list(columns)
    sql = "(SELECT " + ", ".join(f"unnest(CAST(:{n} AS VARCHAR[])) AS {ident(n)}" for n in names) + ")"
    return sql, [bindparam(n, type_=ARRAY(String)) for n in names]
