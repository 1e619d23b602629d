"""The README's examples run as written, against a real server process on a fresh DuckDB store:
the CLI section while the server runs (so every command goes through its admin API), then the
API block with curl, then the Python walk-through."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook

README = Path(__file__).resolve().parents[1] / "README.md"
BIN = Path(sys.executable).parent


def block(kind: str, lang: str = "sh") -> str:
    text = README.read_text(encoding="utf-8")
    found = re.findall(rf"<!-- example: {kind} -->\s*```{lang}\n(.*?)```", text, re.DOTALL)
    assert found, f"README has no '{kind}' example"
    return "\n".join(found)


def run(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-e", "-c", script], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_readme_examples_run_against_a_running_server(tmp_path: Path) -> None:
    (tmp_path / ".venv").symlink_to(BIN.parent)  # the project's virtual environment, as `make install` leaves it
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLLECTONCE_")}
    port = free_port()
    server = subprocess.Popen([str(BIN / "collectonce"), "serve", "--port", str(port)], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    server_file = tmp_path / "data" / "collectonce.duckdb.server.json"
    try:
        for _ in range(150):
            if server_file.exists():
                try:
                    httpx.get(f"{base}/docs", timeout=1)
                    break
                except httpx.HTTPError:
                    pass
            time.sleep(0.2)
        assert oct(server_file.stat().st_mode & 0o777) == "0o600"
        cli = run(block("cli"), env, tmp_path)
        assert cli.returncode == 0, f"{cli.stdout}\n{cli.stderr}"
        assert "Traceback" not in cli.stderr
        assert "credential(s) revoked" in cli.stdout
        sheet = load_workbook(tmp_path / "data" / "school-credentials.xlsx").active
        header, *rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == 50 and "sign_in_link" in header
        assert all(str(r[header.index("sign_in_link")]).startswith(f"{base}/web/sign-in/") for r in rows)

        def token(args: str) -> str:
            r = run(f"{BIN / 'collectonce'} token issue {args}", env, tmp_path)
            assert r.returncode == 0, r.stderr
            return r.stdout.strip()

        school_code = str(rows[0][0])
        tokens = {"ADMIN": token("--role admin --org admin"),
                  "DEPT": token("--role department --org 430000-health --org-name Health --jurisdiction 430000"),
                  "HR": token("--role department --org 430000-hr --org-name HR --jurisdiction 430000"),
                  "STATS": token("--role statistics_office --org 430000-stats --org-name Stats --jurisdiction 430000"),
                  "SCHOOL": token(f"--role school --org {school_code}")}
        env.update(tokens, BASE=base, SCHOOL_CODE=school_code)
        outputs = []
        for line in block("api").splitlines():
            if line.strip():
                r = run(line.split("  #")[0], env, tmp_path)
                assert r.returncode == 0, f"{line}\n{r.stdout}\n{r.stderr}"
                outputs.append(json.loads(r.stdout))
        assert outputs[0]["role"] == "department"
        assert outputs[-1]["status"] in (403, 404) and outputs[-1]["errors"]
        walkthrough = block("walkthrough", "python")
        exec(compile(walkthrough, "README walk-through", "exec"), {**tokens, "BASE": base, "SCHOOL_CODE": school_code})
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert not server_file.exists()  # the server takes its address and credential away when it stops
