"""The administrators' command line: imports, demo data, credentials, serving.

DuckDB lets one process write the store, and a running server is that process. So each command
asks first whether a server serves this store (`serve` leaves its address, process id and a
local admin credential in `settings().server_file`, readable by this user only): if one answers,
the command goes through its admin API; if none does, it opens the store itself and calls the
same domain functions, as the CLI's own admin principal. Either way a failure is one clear
line (and a table of problems where there are several), never a traceback.
"""

from __future__ import annotations

import csv
import getpass
import io
import json
import os
import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from connectors.cells import neutralise_any
from service.domain import imports
from service.domain.authz import Principal
from service.domain.errors import DomainError, Problem
from service.settings import ROOT, settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

app = typer.Typer(help="CollectOnce administration. While a server runs, commands go through its admin API.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
import_app = typer.Typer(help="Import master data from CSV or Excel (.xlsx).", no_args_is_help=True)
demo_app = typer.Typer(help="Synthetic demo provinces.", no_args_is_help=True)
token_app = typer.Typer(help="Credentials: issue, list, revoke, rotate, sign-in links.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(demo_app, name="demo")
app.add_typer(token_app, name="token")
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DEMO_CREDENTIALS = Path("data") / "demo-credentials.json"
DEMO_ORGS = [
    # role, org code, org name, jurisdiction, owns (dictionary sources it answers for)
    ("admin", "admin", "一次采集系统管理", None, None),
    ("department", "430000-health", "湖南省卫生健康委员会", "430000", "health"),
    ("department", "430000-hr", "湖南省人力资源和社会保障厅", "430000",
     "human_resources"),
    ("statistics_office", "430000-stats", "湖南省统计局", "430000", None),
    ("education_office", "430000-edu", "湖南省教育厅", "430000", None),
]
# What each role finds in the web pages, for the credentials `demo ensure` prints.
PAGES = {"admin": "principals and credentials, approvals register, burden",
         "department": "requests: create, analyse, issue, results",
         "statistics_office": "approval queue (statistical surveys)",
         "education_office": "approval queue (research, administrative), requests",
         "school": "inbox: confirm, correct, fill and submit forms"}


def cli_principal() -> Principal:
    """The CLI acts as an administrator named after the operating-system user."""
    return Principal(id=f"cli:{getpass.getuser()}", name="command line", role="admin",
                     org_code="admin", org_name="CollectOnce administration", jurisdiction=None)


class CliError(Exception):
    """A failure the CLI reports in one line and exits 1."""


# --- where the store is: a running server, or the store itself --------------------------------


@dataclass(frozen=True)
class Server:
    url: str
    token: str
    pid: int

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            r = httpx.request(method, self.url + path, headers={"Authorization": f"Bearer {self.token}"},
                              timeout=600, **kwargs)
        except httpx.HTTPError as exc:
            raise CliError(f"the server at {self.url} did not answer: {exc}") from exc
        if r.status_code >= 400:
            raise _problem_error(r)
        return r.json()


def _problem_error(r: httpx.Response) -> DomainError:
    try:
        body = r.json()
    except ValueError:
        return DomainError(f"the server answered {r.status_code}: {r.text[:200]}")
    problems = [Problem(e.get("loc", []), e.get("msg", ""), e.get("value")) for e in body.get("errors", [])]
    extra = {k: v for k, v in body.items() if k not in ("type", "title", "status", "detail", "errors", "reason")}
    return DomainError(str(body.get("detail") or body.get("title") or r.status_code), problems, **extra)


def running_server() -> Server | None:
    """The server serving this store, if its file names a live process that answers as admin."""
    path = settings().server_file
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        pid, url, token = int(info["pid"]), str(info["url"]), str(info["token"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        path.unlink(missing_ok=True)  # left by a server that was killed
        return None
    except PermissionError:
        pass  # alive, another user's
    try:
        ok = httpx.get(f"{url}/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=5).status_code == 200
    except httpx.HTTPError:
        ok = False
    return Server(url, token, pid) if ok else None


@contextmanager
def local_session() -> Iterator[Session]:
    from service.store.engine import session_scope

    with session_scope() as session:
        yield session


def _fail(exc: DomainError, report: Path | None = None) -> None:
    err.print(f"[red]{exc.detail}[/red]", highlight=False)
    problems = exc.extra.get("report", {}).get("problems") if exc.extra else None
    rows = problems or [e.as_dict() for e in exc.errors]
    if report:
        report.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        err.print(f"every problem written to {report}")
    if not rows:
        raise typer.Exit(1)
    if problems:
        table = Table("row", "column", "value", "reason")
        for p in rows[:50]:
            table.add_row(str(p.get("row")), str(p.get("column", "")), "" if p.get("value") is None else str(p["value"]),
                          str(p.get("reason")))
    else:
        table = Table("where", "problem", "value")
        for p in rows[:50]:
            table.add_row(".".join(str(x) for x in p.get("loc", []) if x != "body"), str(p.get("msg")),
                          "" if p.get("value") is None else str(p.get("value")))
    err.print(table)
    if len(rows) > 50:
        err.print(f"… and {len(rows) - 50} more" + ("" if report else " (use --report FILE to keep them all)"))
    raise typer.Exit(1)


# --- imports ------------------------------------------------------------------------------------


def _import(kind: imports.Kind, path: Path, skip_invalid: bool, report: Path | None, fmt: str | None = None) -> None:
    server = running_server()
    try:
        if server is not None:
            err.print(f"{kind}: {path.name}: sent to the server at {server.url}")
            params: dict[str, Any] = {"skip_invalid": skip_invalid, **({"format": fmt} if fmt else {})}
            with path.open("rb") as fh:
                result = server.call("POST", f"/v1/imports/{kind}", params=params, files={"file": (path.name, fh)})
        else:
            result = _import_here(kind, path, skip_invalid, fmt)
    except DomainError as exc:
        _fail(exc, report)
        return
    imported = result["rows_inserted"] + result["rows_updated"] + result["rows_unchanged"]
    console.print(
        f"{kind}: {result['rows_total']} rows, {result['rows_inserted']} new, {result['rows_updated']} changed, "
        f"{result['rows_unchanged']} unchanged, {result['rows_rejected']} rejected (batch {result['batch_id']})"
    )
    if result["problems"]:
        if skip_invalid and imported:
            # The good rows are in: that is what --skip-invalid asked for, so it is a success.
            console.print(f"{result['rows_rejected']} row(s) skipped; the good rows were imported")
            if report:
                report.write_text(json.dumps(result["problems"], ensure_ascii=False, indent=1, default=str),
                                  encoding="utf-8")
                console.print(f"every problem written to {report}")
            return
        _fail(DomainError("rejected rows", [], report=result), report)


def _import_here(kind: imports.Kind, path: Path, skip_invalid: bool, fmt: str | None) -> dict[str, Any]:
    # The import is five set-based steps (read, validate, stage, check, merge): the bar counts them.
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(f"{kind}: {path.name}", total=len(imports.STEPS))

        def step(msg: str) -> None:
            bar.update(task, description=f"{kind}: {path.name}: {msg}", completed=imports.STEPS.index(msg))

        with local_session() as session:
            result = imports.import_file(session, cli_principal(), kind, path, skip_invalid=skip_invalid, progress=step,
                                         fmt=fmt)
        bar.update(task, completed=len(imports.STEPS))
    return result.as_dict()


PathArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV or .xlsx file")]
SkipOpt = Annotated[bool, typer.Option("--skip-invalid", help="import the good rows, report and skip the bad ones")]
ReportOpt = Annotated[Path | None, typer.Option(help="write every problem to this JSON file")]


@import_app.command("schools")
def import_schools(path: PathArg, skip_invalid: SkipOpt = False, report: ReportOpt = None) -> None:
    """Import schools; nothing is imported if any row is bad (unless --skip-invalid)."""
    _import("schools", path, skip_invalid, report)


@import_app.command("teachers")
def import_teachers(
    path: PathArg, skip_invalid: SkipOpt = False, report: ReportOpt = None,
    format: Annotated[str | None, typer.Option(
        "--format", help="national-teachers: the national teacher management system's staff export")] = None,
) -> None:
    """Import teachers; nothing is imported if any row is bad (unless --skip-invalid)."""
    _import("teachers", path, skip_invalid, report, format)


@import_app.command("regions")
def import_regions(path: PathArg) -> None:
    """Import administrative divisions (code, name, parent_code, level)."""
    from connectors.base import UnreadableFile, importer_for

    server = running_server()
    try:
        if server is not None:
            with path.open("rb") as fh:
                n = server.call("POST", "/v1/admin/regions", files={"file": (path.name, fh)})["rows"]
        else:
            try:
                table = importer_for(path.name).read(path)
            except UnreadableFile as exc:
                raise CliError(str(exc)) from exc
            with local_session() as session:
                n = imports.import_regions(session, cli_principal(), table)
    except DomainError as exc:
        _fail(exc)
        return
    console.print(f"regions: {n} rows")


# --- demo ---------------------------------------------------------------------------------------


@demo_app.command("generate")
def demo_generate(
    schools: Annotated[int, typer.Option(min=1)] = 200,
    teachers: Annotated[int, typer.Option(min=1)] = 6000,
    seed: int = 1,
    out: Annotated[Path, typer.Option(help="where the CSV files go")] = Path("data") / "demo",
    load: Annotated[bool, typer.Option(help="import the files into the store")] = True,
) -> None:
    """Generate a synthetic province (deterministic for a seed) and import it."""
    from service.demo import DemoSpec, generate

    files = generate(DemoSpec(schools=schools, teachers=teachers, seed=seed), out)
    console.print(f"generated {files.regions}, {files.schools}, {files.teachers}")
    if load:
        import_regions(files.regions)
        _import("schools", files.schools, False, None)
        _import("teachers", files.teachers, False, None)


def _credentials_work() -> bool:
    """The kept demo tokens still open this store (not a store since deleted or another database)."""
    from service.domain.principals import authenticate

    if not DEMO_CREDENTIALS.exists():
        return False
    creds = json.loads(DEMO_CREDENTIALS.read_text(encoding="utf-8"))
    try:
        with local_session() as session:
            for c in creds:
                authenticate(session, c["token"])
    except DomainError:
        return False
    return True


@demo_app.command("ensure")
def demo_ensure() -> None:
    """Create the demo province and its credentials unless the store already has them; print them."""
    from service.domain.principals import issue_token
    from service.store.records import list_schools

    server = running_server()
    if server is not None:
        raise CliError(f"a server already serves this store at {server.url} (pid {server.pid})")
    with local_session() as session:
        _rows, count = list_schools(session, limit=1)
    if count == 0:
        demo_generate()
    if not _credentials_work():
        creds = []
        with local_session() as session:
            first_school = list_schools(session, limit=1)[0][0]
            for role, code, name, jurisdiction, owns in [*DEMO_ORGS, ("school", first_school.code, None, None, None)]:
                principal, token = issue_token(session, role, code, org_name=name, jurisdiction=jurisdiction,
                                               owns=owns)
                creds.append({"role": role, "org": principal.org_code, "name": principal.org_name, "token": token})
        DEMO_CREDENTIALS.parent.mkdir(parents=True, exist_ok=True)
        DEMO_CREDENTIALS.write_text(json.dumps(creds, ensure_ascii=False, indent=1), encoding="utf-8")
    base = settings().base_url
    typer.echo(f"Web pages: {base}/  (sign in with a token below)   API docs: {base}/docs")
    typer.echo(f"Demo credentials (kept in {DEMO_CREDENTIALS}; for the API send 'Authorization: Bearer <token>'):")
    for c in json.loads(DEMO_CREDENTIALS.read_text(encoding="utf-8")):
        typer.echo(f"  {c['role']:<18} {c['token']}  {c['name']}")
        typer.echo(f"  {'':<18} opens: {PAGES[c['role']]}")


@app.command()
def simulate(
    year: Annotated[int, typer.Option(min=2000, max=2998, help="the year to replay")] = 2026,
    seed: int = 1,
    schools: Annotated[int, typer.Option(min=5, help="schools in the demo province (30 teachers each)")] = 200,
    out: Annotated[Path, typer.Option(help="where report.md, report.json and the charts go")] = Path("data") / "simulation",
    database: Annotated[str | None, typer.Option(help="an empty store to run in (default: a new DuckDB file in OUT)")] = None,
) -> None:
    """Replay a year of departments' collections over a demo province through the service's own
    domain functions, and report the burden removed (deterministic for a seed)."""
    from service.simulation.report import measure, write
    from service.simulation.year import Spec
    from service.simulation.year import simulate as run_year
    from service.store.engine import make_engine

    url = database
    if url is None:
        out.mkdir(parents=True, exist_ok=True)
        store = out / "store.duckdb"
        for stale in (store, store.with_name(store.name + ".wal")):
            stale.unlink(missing_ok=True)
        url = f"duckdb:///{store}"
    engine = make_engine(url)
    from service.store.migrations import migrate as run_migrations

    run_migrations(engine)
    command = f"collectonce simulate --year {year} --seed {seed} --schools {schools}"
    err.print(f"{command}: replaying the year in {url} …")
    result = run_year(engine, Spec(year=year, seed=seed, schools=schools))
    figures = measure(engine, result)
    path = write(figures, out, command)
    engine.dispose()
    wo, w = figures["without_service"], figures["with_service"]
    console.print(f"values asked of schools: {wo['fields']:,} without the service, {w['items']:,} with it "
                  f"({figures['reduction']['fields']:.1%} fewer); pre-filled {figures['prefilled_share']:.1%}; "
                  f"forms {wo['forms']:,} -> {w['forms']:,}")
    console.print("requests stopped: " + ", ".join(f"{k} {v}" for k, v in figures["requests_stopped"].items()))
    console.print(f"teacher-hours saved per school per term: {figures['teacher_hours_saved_per_school']['per_term']}")
    for t in figures["targets"]:
        console.print(f"{'PASS' if t['passed'] else 'MISS'} {t['target']} ({t['goal']}): {t['value']}"
                      + (f" — {t['why_missed']}" if t["why_missed"] else ""), highlight=False)
    console.print(f"report: {path}")


# --- credentials --------------------------------------------------------------------------------

Days = Annotated[int | None, typer.Option(min=1, help="days the credential lasts (default 365)")]


def _write_table(rows: list[dict[str, Any]], out: Path) -> None:
    """CSV (UTF-8 with BOM, for Excel) or .xlsx; a cell that a spreadsheet would run as a formula
    is written as text."""
    safe = [{k: neutralise_any(v) for k, v in r.items()} for r in rows]
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("credentials")
        ws.append(list(safe[0]))
        for r in safe:
            ws.append(list(r.values()))
        wb.save(out)
    elif out.suffix.lower() == ".csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(safe[0]))
        w.writeheader()
        w.writerows(safe)
        out.write_text("\ufeff" + buf.getvalue(), encoding="utf-8")
    else:
        raise CliError(f"--out {out}: write .csv or .xlsx")
    os.chmod(out, 0o600)  # it holds credentials


@token_app.command("issue")
def token_issue(
    role: Annotated[str | None, typer.Option(help="admin, department, statistics_office, education_office, school")] = None,
    org: Annotated[str | None, typer.Option(help="organisation code; for a school, its 10-digit code")] = None,
    org_name: Annotated[str | None, typer.Option(help="name: required when the department or office is new")] = None,
    jurisdiction: Annotated[str | None, typer.Option(
        help="region code, e.g. 430000: required when the department or office is new")] = None,
    name: Annotated[str | None, typer.Option(help="the principal's own name")] = None,
    owns: Annotated[str | None, typer.Option(help="dictionary owners it answers for, e.g. human_resources")] = None,
    days: Days = None,
    all_schools: Annotated[bool, typer.Option("--all-schools", help="a token and a sign-in link for every school")] = False,
    region: Annotated[str | None, typer.Option(help="with --all-schools: only schools under this region")] = None,
    out: Annotated[Path | None, typer.Option(help="with --all-schools: the .csv or .xlsx file to write")] = None,
    rotate: Annotated[bool, typer.Option("--rotate", help="with --all-schools: revoke the schools' earlier credentials")
                      ] = False,
) -> None:
    """Create a principal for ORG in ROLE and print its bearer token (shown once, stored as a digest).
    A new department or office needs --org-name and --jurisdiction. With --all-schools, write a
    token and a one-time sign-in link for every school to --out (CSV or .xlsx)."""
    if all_schools:
        if out is None:
            raise CliError("--all-schools writes a file: give --out credentials.csv (or .xlsx)")
        body = {"region": region, "days": days, "rotate": rotate}
        server = running_server()
        if server is not None:
            rows = server.call("POST", "/v1/admin/credentials/schools", json=body)
        else:
            from service.api.admin import SchoolCredentialOut
            from service.domain.principals import issue_school_credentials

            with local_session() as session:
                creds = issue_school_credentials(session, cli_principal(), region=region, days=days,
                                                 rotate_existing=rotate)
            rows = [SchoolCredentialOut.model_validate(c, from_attributes=True).model_dump(mode="json") for c in creds]
        _write_table(rows, out)
        console.print(f"{len(rows)} school credential(s) written to {out} (token and one-time sign-in link each)")
        return
    if not role or not org:
        raise CliError("give --role and --org (or --all-schools --out FILE)")
    issued = _admin("POST", "/v1/admin/principals", {
        "role": role, "org": org, "org_name": org_name, "jurisdiction": jurisdiction, "name": name, "owns": owns,
        "days": days})
    typer.echo(issued["token"])


def _admin(method: str, path: str, body: dict[str, Any] | None = None, params: dict[str, Any] | None = None) -> Any:
    """One admin API call: over HTTP to the running server, or in-process against the store with
    the same routes, so both ways share one code path."""
    params = {k: v for k, v in (params or {}).items() if v is not None}
    server = running_server()
    if server is not None:
        return server.call(method, path, json=body, params=params)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's notice about its test client's transport
        from fastapi.testclient import TestClient

    from service.api.deps import get_principal
    from service.app import create_app
    from service.store.engine import engine

    engine()  # open the store first: a store another process holds is told as such, not as a conflict

    local = create_app()
    local.dependency_overrides[get_principal] = cli_principal
    # No lifespan: the background worker is the server's business, not a one-off command's.
    r = TestClient(local).request(method, path, json=body, params=params)
    if r.status_code >= 400:
        raise _problem_error(r)
    return r.json()


@token_app.command("list")
def token_list(
    role: Annotated[str | None, typer.Option(help="only this role")] = None,
    search: Annotated[str | None, typer.Option(help="organisation code or name contains")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
) -> None:
    """Principals with their organisation and live tokens."""
    page = _admin("GET", "/v1/admin/principals", params={"role": role, "search": search, "limit": limit})
    table = Table("role", "organisation", "jurisdiction", "live tokens", "expires")
    table.add_column("principal", no_wrap=True)
    for p in page["items"]:
        table.add_row(p["role"], f"{p['org_name']} ({p['org_code']})", p["jurisdiction"] or "",
                      str(p["live_tokens"]), (p["expires_at"] or "")[:10], p["id"])
    console.print(table)
    console.print(f"{len(page['items'])} of {page['total']}")


PrincipalOpt = Annotated[str | None, typer.Option("--principal", help="principal id (see `collectonce token list`)")]
OrgOpt = Annotated[str | None, typer.Option("--org", help="organisation code: its principals")]


def _principals_of(principal: str | None, org: str | None) -> list[str]:
    """The principal named, or every principal acting for the organisation."""
    if principal:
        return [principal]
    if not org:
        raise CliError("give --principal ID or --org CODE")
    page = _admin("GET", "/v1/admin/principals", params={"search": org, "limit": 1000})
    found = [p["id"] for p in page["items"] if p["org_code"] == org]
    if not found:
        raise CliError(f"no principal acts for {org}")
    return found


def _one_principal(principal: str | None, org: str | None) -> str:
    found = _principals_of(principal, org)
    if len(found) > 1:
        raise CliError(f"{len(found)} principals act for {org}: choose one with --principal (see `collectonce token list`)")
    return found[0]


@token_app.command("revoke")
def token_revoke(
    principal: PrincipalOpt = None, org: OrgOpt = None,
    token: Annotated[str | None, typer.Option("--token", help="revoke this one token")] = None,
) -> None:
    """Revoke every credential of a principal (or of an organisation's principals), or one token."""
    if token:
        n = _admin("POST", "/v1/admin/tokens/revocation", {"token": token})["revoked"]
    else:
        n = sum(_admin("POST", f"/v1/admin/principals/{p}/revocation")["revoked"] for p in _principals_of(principal, org))
    console.print(f"{n} credential(s) revoked")


@token_app.command("rotate")
def token_rotate(principal: PrincipalOpt = None, org: OrgOpt = None, days: Days = None) -> None:
    """Revoke a principal's credentials and print its new bearer token."""
    typer.echo(_admin("POST", f"/v1/admin/principals/{_one_principal(principal, org)}/rotation", {"days": days})["token"])


@token_app.command("link")
def token_link(principal: PrincipalOpt = None, org: OrgOpt = None,
               hours: Annotated[int | None, typer.Option(min=1, help="hours the link lasts (default 72)")] = None) -> None:
    """Print a one-time sign-in link for the web pages (expires; spent on first use)."""
    typer.echo(_admin("POST", f"/v1/admin/principals/{_one_principal(principal, org)}/sign-in-links",
                      {"hours": hours})["url"])


# --- the store and the server --------------------------------------------------------------------


@app.command()
def migrate() -> None:
    """Bring the store's schema to the latest version (a server does this when it starts)."""
    from service.store.engine import make_engine
    from service.store.migrations import current_version
    from service.store.migrations import migrate as run

    server = running_server()
    if server is not None:
        raise CliError(f"a server serves this store at {server.url} (pid {server.pid}) and migrated it when it started")
    eng = make_engine(settings().database_url)
    applied = run(eng)
    console.print(f"schema version {current_version(eng)}" + (f" (applied {applied})" if applied else ""))


store_app = typer.Typer(help="The store itself: copy a province into PostgreSQL.", no_args_is_help=True)
app.add_typer(store_app, name="store")


@store_app.command("copy")
def store_copy(
    to: Annotated[str, typer.Option("--to", help="the PostgreSQL database, postgresql+psycopg://user@host/db")],
    verify: Annotated[bool, typer.Option(help="sum up every table on both sides and compare")] = True,
) -> None:
    """Copy this DuckDB store, every table and every version, into an empty PostgreSQL database."""
    from service.store import copy
    from service.store.engine import make_engine

    server = running_server()
    if server is not None:
        raise CliError(f"a server serves this store at {server.url} (pid {server.pid}): stop it first")
    source, target = make_engine(settings().database_url), make_engine(to)
    try:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                      transient=True) as bar:
            task = bar.add_task("copying")
            copied = copy.copy_store(source, target, lambda t, n: bar.update(task, description=f"{t}: {n:,} rows"))
        table = Table("table", "rows", *(("source digest", "target digest", "") if verify else ()))
        differ = 0
        for t in copy.tables():
            if verify:
                a, b = copy.digest(source, t), copy.digest(target, t)
                same = a == b
                differ += not same
                table.add_row(t.name, f"{b.rows:,}", a.digest[:12], b.digest[:12], "same" if same else "DIFFERS")
            else:
                table.add_row(t.name, f"{copied[t.name]:,}")
        console.print(table)
    except copy.CopyRefused as exc:
        raise CliError(str(exc)) from exc
    finally:
        source.dispose()
        target.dispose()
    if differ:
        raise CliError(f"{differ} table(s) differ after the copy")
    console.print(f"copied {sum(copied.values()):,} rows of {len(copied)} tables" + (", every table the same" if verify else ""))


@app.command()
def openapi(out: Path = ROOT / "openapi" / "openapi.json") -> None:
    """Write the OpenAPI document the app serves."""
    from service.app import app as fastapi_app

    out.write_text(json.dumps(fastapi_app.openapi(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    console.print(f"wrote {out}")


@app.command()
def serve(host: str | None = None, port: int | None = None) -> None:
    """Serve the API and the web pages (one process: DuckDB allows one writer). While it runs,
    the CLI's commands go through its admin API."""
    import uvicorn

    from service.app import app as fastapi_app
    from service.domain.principals import local_admin, revoke

    server = running_server()
    if server is not None:
        raise CliError(f"a server already serves this store at {server.url} (pid {server.pid})")
    host, port = host or settings().host, port or settings().port
    with local_session() as session:
        me, token = local_admin(session)
    path = settings().server_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    os.chmod(path, 0o600)
    path.write_text(json.dumps({"pid": os.getpid(), "url": f"http://{host}:{port}", "token": token}), encoding="utf-8")
    base = settings().public_url or f"http://{host}:{port}"
    err.print(f"CollectOnce serves {base}/ (web pages) and {base}/docs (API); Ctrl+C stops it")
    # uvicorn stops on SIGTERM and then raises it again: exit through `finally`, so the server
    # file and the local credential do not outlive the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    settings().public_url = base
    try:
        uvicorn.run(fastapi_app, host=host, port=port)
    finally:
        path.unlink(missing_ok=True)
        with local_session() as session:
            revoke(session, me, token=token)


template_app = typer.Typer(help="Departments' own forms (Excel templates, XLSForms): read, submit, fill back.",
                            no_args_is_help=True)
app.add_typer(template_app, name="template")
FormArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="an .xlsx template or XLSForm")]
TokenOpt = Annotated[str, typer.Option(envvar="COLLECTONCE_TOKEN", help="the department's bearer token")]


@template_app.command("inspect")
def template_inspect(path: FormArg, sheet: Annotated[str | None, typer.Option(help="sheet to read")] = None) -> None:
    """Show how a form is read: title, and each column's cell, headers, label, unit and type (no store)."""
    from connectors.base import UnreadableFile, form_reader_for

    data = path.read_bytes()
    try:
        form = form_reader_for(data).read(data, sheet)
    except UnreadableFile as exc:
        err.print(f"[red]{path.name}: {exc}[/red]" + (f" (at {' '.join(exc.where)})" if exc.where else ""))
        raise typer.Exit(1) from exc
    console.print(f"{form.format}: {form.title or '(no title)'}")
    table = Table("cell", "headers", "label", "unit", "type", "role")
    for q in form.questions:
        table.add_row(q.ref, " / ".join(q.headers), q.label, q.unit or "", q.type or "", q.role or "")
    console.print(table)
    for note in form.notes:
        console.print(f"note: {note}")


def _as_token(token: str) -> Principal:
    from service.domain.principals import authenticate
    from service.store.engine import session_scope

    with session_scope() as session:
        return authenticate(session, token)


@template_app.command("submit")
def template_submit(
    path: FormArg, token: TokenOpt,
    request: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="JSON: kind, level, purpose, scope, "
                                          "reference_date, due_date … (the title defaults to the form's)")],
    corrections: Annotated[Path | None, typer.Option(exists=True, dir_okay=False,
                                                     help="JSON: {column: {key|type|identity|skip}}")] = None,
    sheet: Annotated[str | None, typer.Option(help="sheet to read")] = None,
    preview: Annotated[bool, typer.Option("--preview", help="analyse only, save nothing")] = False,
) -> None:
    """Submit a department's form as a request, as the department the token belongs to."""
    from pydantic import TypeAdapter, ValidationError

    from service.domain import templates
    from service.store.engine import session_scope

    try:
        attrs = templates.TemplateRequestIn.model_validate_json(request.read_text(encoding="utf-8"))
        fixes = TypeAdapter(dict[str, templates.ColumnCorrection]).validate_json(
            corrections.read_text(encoding="utf-8") if corrections else "{}")
    except ValidationError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from exc
    try:
        principal = _as_token(token)
        with session_scope() as session:
            if preview:
                reading = templates.read_form(session, principal, path.read_bytes(), path.name, attrs,
                                              corrections=fixes, sheet=sheet)
                request_id, status = "(preview)", reading.analysis.decision
            else:
                r, reading = templates.submit_form(session, principal, path.read_bytes(), path.name, attrs,
                                                   corrections=fixes, sheet=sheet)
                request_id, status = r.id, r.status
    except DomainError as exc:
        _fail(exc)
        return
    table = Table("cell", "column", "role", "key", "classification", "reason")
    for c in reading.columns:
        f = c.field
        table.add_row(c.ref, " / ".join([*c.headers, c.label]), c.role, (f.key if f else c.identity) or "",
                      f.classification if f else "", (f.reason if f else c.note) or "")
    console.print(table)
    typer.echo(f"{request_id} {status}")


@template_app.command("fill")
def template_fill(
    request_id: str, token: TokenOpt,
    out: Annotated[Path, typer.Option(dir_okay=False, help="where the filled workbook goes")],
) -> None:
    """Write a request's results into the department's own form."""
    from service.domain import results
    from service.store.engine import session_scope

    try:
        principal = _as_token(token)
        with session_scope() as session:
            content, _media, _name = results.template_export(session, principal, request_id)
    except DomainError as exc:
        _fail(exc)
        return
    out.write_bytes(content)
    console.print(f"wrote {out}")


@template_app.command("xlsform")
def template_xlsform(
    request_id: str, token: TokenOpt,
    out: Annotated[Path, typer.Option(dir_okay=False, help="where the XLSForm goes")],
) -> None:
    """Write an issued request as an XLSForm for ODK."""
    from service.domain import xlsforms
    from service.store.engine import session_scope

    try:
        principal = _as_token(token)
        with session_scope() as session:
            content, _name = xlsforms.export(session, principal, request_id)
    except DomainError as exc:
        _fail(exc)
        return
    out.write_bytes(content)
    console.print(f"wrote {out}")


webhooks_app = typer.Typer(help="Calls to departments' systems when their requests complete.", no_args_is_help=True)
app.add_typer(webhooks_app, name="webhooks")


@webhooks_app.command("deliver")
def webhooks_deliver() -> None:
    """Send every webhook call now due once (what the server's worker does every few seconds)."""
    from service.domain.clock import now
    from service.domain.webhooks import deliver_due
    from service.store.engine import engine

    server = running_server()
    if server is not None:
        raise CliError(f"the server at {server.url} delivers webhooks itself every few seconds")
    c = deliver_due(engine(), now())
    console.print(f"webhooks: {c.due} due, {c.delivered} delivered, {c.retrying} to retry, {c.abandoned} given up")


def _store_unavailable(exc: BaseException) -> str | None:
    """One line for a store this process cannot open (DuckDB's file lock held elsewhere, a
    PostgreSQL server down), or None for any other error."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError):
        return None
    first = str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc)
    url = settings().database_url
    holder = re.search(r"PID (\d+)", first)
    if url.startswith("duckdb:///") and holder:
        return (f"the store {url.removeprefix('duckdb:///')} is open in another process (pid {holder.group(1)}); "
                "a server started with `collectonce serve` takes commands through its admin API, any other "
                "process must stop first")
    if exc.connection_invalidated or "connect" in first.lower():
        return f"cannot open the store {url}: {first}"
    return None


def main() -> None:
    """The `collectonce` command: Typer, with failures told in one line."""
    try:
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except CliError as exc:
        err.print(f"[red]{exc}[/red]", highlight=False)
        sys.exit(1)
    except DomainError as exc:
        try:
            _fail(exc)
        except typer.Exit as done:
            sys.exit(done.exit_code)
    except Exception as exc:  # the one place where anything left becomes one line
        import click

        if isinstance(exc, click.exceptions.Abort):
            sys.exit(130)
        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        line = _store_unavailable(exc)
        if line is None:
            raise
        err.print(f"[red]{line}[/red]", highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
