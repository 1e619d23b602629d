"""The committed OpenAPI document is what the app serves (regenerate with `make openapi`)."""

import json
from pathlib import Path

from service.app import create_app

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


def test_committed_openapi_equals_what_the_app_serves() -> None:
    served = json.loads(json.dumps(create_app().openapi()))
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == served, "run `make openapi` and commit"
