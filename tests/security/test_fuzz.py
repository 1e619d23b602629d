"""Fuzzing with schemathesis against the app's own OpenAPI document: every operation, as admin, a
department and a school, with data that fits the schema and data that does not, on both stores.
Nothing answers 5xx, every answer conforms to the document (status, content type, schema), and
data the schema forbids is refused. `make test` runs a few examples per operation;
`make fuzz` (COLLECTONCE_FUZZ_EXAMPLES) many more, printing the figures."""

from __future__ import annotations

import copy
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from service.api.deps import session_engine
from service.app import create_app
from tests.conftest import Province, auth
from tests.province import SCHOOLS

EXAMPLES = int(os.environ.get("COLLECTONCE_FUZZ_EXAMPLES", "2"))
ROLES = ("admin", "department", f"school:{SCHOOLS[0]['code']}")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def offline_egress(monkeypatch: pytest.MonkeyPatch) -> None:
    """Webhook URLs the fuzzer registers are judged, never called; names are not looked up."""
    from service.domain import egress

    original = egress.resolve

    def numeric_only(host: str, port: int) -> list[Any]:
        if not host[:1].isdigit():
            raise OSError("no DNS in tests")
        return original(host, port)

    monkeypatch.setattr(egress, "resolve", numeric_only)


@pytest.fixture
def app(province: Province, offline_egress: None) -> Iterator[Any]:
    app = create_app()

    app.dependency_overrides[session_engine] = lambda: province.engine
    yield app


def _fuzz(op: Any, mode: GenerationMode, headers: dict[str, str], calls: Counter[str]) -> str | None:
    """Run one operation's examples in one mode; the failure schemathesis found, if any."""
    checks = [*CHECKS, negative_data_rejection] if mode == GenerationMode.NEGATIVE else CHECKS

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=op.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(headers=headers)
        calls[f"{response.status_code // 100}xx"] += 1
        case.validate_response(response, checks=checks, headers=headers)

    try:
        run()
    except Unsatisfiable:
        calls["operations with nothing to negate"] += 1  # no parameter or body the schema constrains
    except (Exception, BaseExceptionGroup) as exc:  # each failure is collected, then all are reported
        return str(exc)[:600]
    return None


def test_every_operation_as_every_role_conforms_and_never_fails(app: Any, province: Province) -> None:
    # The caller's token is ours to send, not the fuzzer's to drop: the document is fuzzed without its
    # security requirement (missing and unknown tokens are the access matrix's and test_records_api's).
    spec = copy.deepcopy(app.openapi())
    for operations_of_path in spec["paths"].values():
        for operation in operations_of_path.values():
            operation.pop("security", None)
    schema = schemathesis.openapi.from_dict(spec)
    schema.app, schema.location = app, "/openapi.json"
    operations = [op.ok() for op in schema.get_all_operations()]
    calls: Counter[str] = Counter()
    failures: list[str] = []
    for role in ROLES:
        for op in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                if (failure := _fuzz(op, mode, auth(province.tokens[role]), calls)) is not None:
                    failures.append(f"{role} {op.method.upper()} {op.path} {mode.value}: {failure}")
    print(f"\nfuzz: {len(operations)} operations x {len(ROLES)} roles x 2 modes, up to {EXAMPLES} examples each: "
          f"{sum(v for k, v in calls.items() if k.endswith('xx'))} calls, {dict(sorted(calls.items()))}")
    assert calls["5xx"] == 0
    assert failures == [], "\n\n".join(failures)
