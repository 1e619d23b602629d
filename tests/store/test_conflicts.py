"""Store errors from racing writes are told apart from other errors, on both stores."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from service.store.engine import conflict_kind
from tests.conftest import Province


def test_a_duplicate_key_is_a_duplicate_and_a_syntax_error_is_not_a_conflict(province: Province) -> None:
    with province.engine.connect() as conn:
        with pytest.raises(DBAPIError) as dup:
            conn.execute(text("INSERT INTO region (code, name, parent_code, level) VALUES ('430000', 'x', NULL, 'province')"))
        conn.rollback()
        with pytest.raises(DBAPIError) as other:
            conn.execute(text("SELEC 1"))
    assert conflict_kind(dup.value) == "duplicate"
    assert conflict_kind(other.value) is None
