"""The administrators' CLI as a person runs it: `make run`'s greeting, credentials files, ragged
CSV files, and a store another process holds, each told in one line, never a traceback."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
HEADER = "code,name,region_code,school_type,urban_rural,ownership,address,enrolment\n"


def collectonce(*args: str, cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLLECTONCE_")}
    return subprocess.run([str(BIN / "collectonce"), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working directory with a small demo province in data/collectonce.duckdb."""
    here = tmp_path_factory.mktemp("cli")
    r = collectonce("demo", "generate", "--schools", "12", "--teachers", "200", cwd=here)
    assert r.returncode == 0, r.stderr
    return here


def test_make_run_prints_the_web_address_and_which_token_opens_which_pages(province: Path) -> None:
    r = collectonce("demo", "ensure", cwd=province)
    assert r.returncode == 0, r.stderr
    assert "Web pages: http://127.0.0.1:8000/" in r.stdout
    for role, pages in (("department", "requests: create, analyse, issue, results"),
                        ("school", "inbox: confirm, correct, fill and submit forms"),
                        ("statistics_office", "approval queue")):
        lines = r.stdout.splitlines()
        at = next(i for i, line in enumerate(lines) if line.strip().startswith(role))
        assert " co_" in lines[at] and pages in lines[at + 1]


def test_a_new_department_without_name_or_jurisdiction_is_told_both_in_one_go(province: Path) -> None:
    r = collectonce("token", "issue", "--role", "department", "--org", "430000-civil", cwd=province)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "give its name and its jurisdiction" in r.stderr.splitlines()[0]
    assert "--org-name" in r.stderr and "--jurisdiction" in r.stderr
    help_text = collectonce("token", "issue", "--help", cwd=province).stdout
    assert "A new department or office needs --org-name and --jurisdiction" in " ".join(help_text.replace("│", " ").split())


def test_every_schools_credentials_in_one_file_with_formula_like_names_made_text(province: Path) -> None:
    bad = province / "formula.csv"
    bad.write_text(HEADER + '2430999999,"=HYPERLINK(""http://x"",""y"")",430102,211,111,1,地址,100\n', encoding="utf-8")
    assert collectonce("import", "schools", str(bad), cwd=province).returncode == 0
    out = province / "creds.csv"
    r = collectonce("token", "issue", "--all-schools", "--out", str(out), cwd=province)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert len(rows) == 13 and oct(out.stat().st_mode & 0o777) == "0o600"
    evil = next(row for row in rows if row["school_code"] == "2430999999")
    assert evil["school_name"].startswith("'=")
    assert all(row["token"].startswith("co_") and "/web/sign-in/sl_" in row["sign_in_link"] for row in rows)


def test_a_csv_with_short_and_long_rows_names_each_and_checks_the_rest(province: Path) -> None:
    ragged = province / "ragged.csv"
    ragged.write_text(HEADER + "2430888881,一小,430102,211,111,1,地址,100\n"
                               "2430888882,二小,430102,211,111\n"
                               "2430888883,三小,430102,211,111,1,地址,100,多余\n"
                               "2430888884,四小,430102,211,111,1,地址,很多\n", encoding="utf-8")
    r = collectonce("import", "schools", str(ragged), cwd=province)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "not a readable CSV" not in r.stderr and "sniff" not in r.stderr.lower()
    assert "3 problems in 3 row(s); nothing was imported" in r.stderr
    table = [line for line in r.stderr.splitlines() if line.startswith("│")]
    assert [line.split("│")[1].strip() for line in table] == ["3", "4", "5"]
    assert "5 value(s) where the header has 8 column(s)" in r.stderr
    skipped = collectonce("import", "schools", str(ragged), "--skip-invalid", cwd=province)
    assert skipped.returncode == 0, skipped.stderr
    assert "1 new" in skipped.stdout and "3 row(s) skipped" in skipped.stdout


def test_a_store_held_by_another_process_is_one_line_not_a_traceback(province: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, time; "
                               "c = duckdb.connect('data/collectonce.duckdb'); print('held', flush=True); time.sleep(60)"],
                              cwd=province, stdout=subprocess.PIPE, text=True)
    (province / "held.csv").write_text("code,name\n", encoding="utf-8")
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        for args in (("token", "list"), ("import", "schools", "held.csv"), ("serve",)):
            r = collectonce(*args, cwd=province)
            assert r.returncode == 1, (args, r.stdout, r.stderr)
            assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
            assert f"is open in another process (pid {holder.pid})" in r.stderr
    finally:
        holder.kill()
        holder.wait()


def test_commands_go_through_a_running_server(province: Path) -> None:
    port = "8719"
    env = {k: v for k, v in os.environ.items() if not k.startswith("COLLECTONCE_")}
    server = subprocess.Popen([str(BIN / "collectonce"), "serve", "--port", port], cwd=province, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        server_file = province / "data" / "collectonce.duckdb.server.json"
        for _ in range(150):
            if server_file.exists():
                break
            time.sleep(0.2)
        time.sleep(1)
        again = collectonce("serve", "--port", "8720", cwd=province)
        assert again.returncode == 1 and "already serves this store" in again.stderr
        issued = collectonce("token", "issue", "--role", "department", "--org", "430000-edu2", "--org-name", "教育",
                             "--jurisdiction", "430000", "--days", "5", cwd=province)
        assert issued.returncode == 0 and issued.stdout.startswith("co_"), issued.stderr
        link = collectonce("token", "link", "--org", "430000-edu2", cwd=province)
        assert link.stdout.startswith(f"http://127.0.0.1:{port}/web/sign-in/sl_"), link.stderr
        assert "1 credential(s) revoked" in collectonce("token", "revoke", "--token", issued.stdout.strip(),
                                                        cwd=province).stdout
    finally:
        server.terminate()
        server.wait(timeout=20)
