"""Quoting for the few statements written as text (generated validation and unpivots)."""


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: object) -> str:
    """A quoted SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"
