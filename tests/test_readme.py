"""The README's CLI and API examples run as written: the CLI block against a fresh DuckDB store,
then the API block with curl against a real server process on that store."""

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

README = Path(__file__).resolve().parents[1] / "README.md"
BIN = Path(sys.executable).parent


def blocks(kind: str, lang: str = "sh") -> list[str]:
    text = README.read_text(encoding="utf-8")
    found = re.findall(rf"<!-- example: {kind} -->\s*```{lang}\n(.*?)```", text, re.DOTALL)
    assert found, f"README has no '{kind}' example"
    return [line.split("  #")[0].strip() for b in found for line in b.splitlines() if line.strip()]


def run(line: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", line], env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_readme_examples_run(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}",
           "COLLECTONCE_DATABASE_URL": f"duckdb:///{tmp_path / 'store.duckdb'}"}
    for line in blocks("cli"):
        r = run(line, env, tmp_path)
        allowed = (0, 1) if "--skip-invalid" in line else (0,)
        assert r.returncode in allowed, f"{line}\n{r.stdout}\n{r.stderr}"
    tokens = {}
    for name, args in {"ADMIN": "--role admin --org admin",
                       "DEPT": "--role department --org 430000-health --org-name Health --jurisdiction 430000"}.items():
        tokens[name] = run(f"collectonce token issue {args}", env, tmp_path).stdout.strip()
    school_code = subprocess.run(
        [sys.executable, "-c", "import csv,sys; print(next(csv.DictReader(open('data/demo/schools.csv')))['code'])"],
        cwd=tmp_path, capture_output=True, text=True, check=True).stdout.strip()
    tokens["HR"] = run("collectonce token issue --role department --org 430000-hr --org-name HR --jurisdiction 430000",
                       env, tmp_path).stdout.strip()
    tokens["STATS"] = run("collectonce token issue --role statistics_office --org 430000-stats --org-name Stats "
                          "--jurisdiction 430000", env, tmp_path).stdout.strip()
    tokens["SCHOOL"] = run(f"collectonce token issue --role school --org {school_code}", env, tmp_path).stdout.strip()
    port = free_port()
    server = subprocess.Popen([str(BIN / "collectonce"), "serve", "--port", str(port)], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/docs", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        env.update(tokens, BASE=base, SCHOOL_CODE=school_code)
        outputs = []
        for line in blocks("api"):
            r = run(line, env, tmp_path)
            assert r.returncode == 0, f"{line}\n{r.stdout}\n{r.stderr}"
            outputs.append(json.loads(r.stdout))
        assert outputs[0]["role"] == "department"
        assert outputs[-1]["status"] in (403, 404) and outputs[-1]["errors"]
        walkthrough = README.read_text(encoding="utf-8").split("<!-- example: walkthrough -->")[1]
        block = re.search(r"```python\n(.*?)```", walkthrough, re.DOTALL)
        assert block is not None
        exec(compile(block.group(1), "README walk-through", "exec"), {**tokens, "BASE": base, "SCHOOL_CODE": school_code})
    finally:
        server.terminate()
        server.wait(timeout=20)
