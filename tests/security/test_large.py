"""The larger proof of defect 7 (`make fuzz`): a 50 MB teacher file with every row bad is refused
with a bounded answer, in bounded memory, on both stores. Figures are printed; the bounds asserted
are sizes, never times."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.province import TEACHERS

pytestmark = pytest.mark.skipif(not os.environ.get("COLLECTONCE_LARGE"), reason="larger runs: `make fuzz`")
HEADER = list(TEACHERS[0])
MEMORY_BOUND_MB = 2048
ANSWER_BOUND = 1_000_000

RUN = """
import json, resource, sys, time
from pathlib import Path
from service.domain import imports
from service.domain.authz import Principal
from service.domain.errors import DomainError
from service.store.engine import make_engine, session_scope
admin = Principal(id="large", name="large", role="admin", org_code="admin", org_name="admin", jurisdiction=None)
engine = make_engine(sys.argv[1])
started, answer = time.monotonic(), b""
try:
    with session_scope(engine) as s:
        imports.import_file(s, admin, "teachers", Path(sys.argv[2]))
except DomainError as exc:
    answer = json.dumps(exc.as_problem(), default=str).encode()
print(json.dumps({"seconds": round(time.monotonic() - started, 1), "answer_bytes": len(answer),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "problems": json.loads(answer)["report"]["problems_total"] if answer else 0}))
"""


def test_a_50_mb_all_bad_teacher_file_is_refused_in_bounded_memory(store_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write(",".join(HEADER) + "\n")
        n = 0
        while f.tell() < 50 * 1024 * 1024:
            bad = {**TEACHERS[0], "id": f"X{n:09d}", "id_number": "12345678901234567Z", "name": '=HYPERLINK("x")',
                   "gender": "7", "birth_date": "1990-13-45", "school_code": "0000000000", "status": "9"}
            f.write(",".join(str(bad[c] or "") for c in HEADER) + "\n")
            n += 1
    url = store_engine.url.render_as_string(hide_password=False)
    out = subprocess.run([sys.executable, "-c", RUN, url, str(path)], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\n50 MB all-bad import on {store_engine.dialect.name}: {n} rows, {figures}")
    assert figures["problems"] >= n and figures["answer_bytes"] < ANSWER_BOUND
    assert figures["peak_mb"] < MEMORY_BOUND_MB
