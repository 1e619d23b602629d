"""The administrators' command line: imports, demo data, credentials, serving. It calls the same
domain functions as the API, as the CLI's own admin principal."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from service.domain import imports
from service.domain.authz import Principal
from service.domain.errors import DomainError
from service.settings import ROOT, settings

app = typer.Typer(help="CollectOnce administration.", no_args_is_help=True, pretty_exceptions_show_locals=False)
import_app = typer.Typer(help="Import master data from CSV or Excel (.xlsx).", no_args_is_help=True)
demo_app = typer.Typer(help="Synthetic demo provinces.", no_args_is_help=True)
token_app = typer.Typer(help="Credentials for principals.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(demo_app, name="demo")
app.add_typer(token_app, name="token")
console = Console()
err = Console(stderr=True)

DEMO_CREDENTIALS = Path("data") / "demo-credentials.json"
DEMO_ORGS = [
    # role, org code, org name, jurisdiction, owns (dictionary sources it answers for)
    ("admin", "admin", "CollectOnce administration", None, None),
    ("department", "430000-health", "湖南省卫生健康委员会 Provincial Health Commission", "430000", "health"),
    ("department", "430000-hr", "湖南省人力资源和社会保障厅 Provincial Human Resources Department", "430000",
     "human_resources"),
    ("statistics_office", "430000-stats", "湖南省统计局 Provincial Statistics Bureau", "430000", None),
    ("education_office", "430000-edu", "湖南省教育厅 Provincial Education Department", "430000", None),
]


def cli_principal() -> Principal:
    """The CLI acts as an administrator named after the operating-system user."""
    return Principal(id=f"cli:{getpass.getuser()}", name="command line", role="admin",
                     org_code="admin", org_name="CollectOnce administration", jurisdiction=None)


def _fail(exc: DomainError, report: Path | None = None) -> None:
    err.print(f"[red]{exc.detail}[/red]")
    problems = exc.extra.get("report", {}).get("problems") if exc.extra else None
    rows = problems or [e.as_dict() for e in exc.errors]
    if report:
        report.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        err.print(f"every problem written to {report}")
    table = Table("row", "column", "value", "reason")
    for p in rows[:50]:
        table.add_row(str(p.get("row", p.get("loc"))), str(p.get("column", "")), str(p.get("value", "")),
                      str(p.get("reason", p.get("msg"))))
    err.print(table)
    if len(rows) > 50:
        err.print(f"… and {len(rows) - 50} more" + ("" if report else " (use --report FILE to keep them all)"))
    raise typer.Exit(1)


def _import(kind: imports.Kind, path: Path, skip_invalid: bool, report: Path | None, fmt: str | None = None) -> None:
    from service.store.engine import session_scope

    # The import is five set-based steps (read, validate, stage, check, merge): the bar counts them.
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err) as bar:
        task = bar.add_task(f"{kind}: {path.name}", total=len(imports.STEPS))

        def step(msg: str) -> None:
            bar.update(task, description=f"{kind}: {path.name}: {msg}", completed=imports.STEPS.index(msg))

        try:
            with session_scope() as session:
                result = imports.import_file(session, cli_principal(), kind, path, skip_invalid=skip_invalid,
                                             progress=step, fmt=fmt)
            bar.update(task, completed=len(imports.STEPS), description=f"{kind}: {path.name}: done")
        except DomainError as exc:
            bar.stop()
            _fail(exc, report)
            return
    console.print(
        f"{kind}: {result.rows_total} rows, {result.rows_inserted} new, {result.rows_updated} changed, "
        f"{result.rows_unchanged} unchanged, {result.rows_rejected} rejected (batch {result.batch_id})"
    )
    if result.problems:
        _fail(DomainError("rejected rows", [], report=result.as_dict()), report)


PathArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV or .xlsx file")]
SkipOpt = Annotated[bool, typer.Option("--skip-invalid", help="import good rows, report bad ones")]
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
    import pyarrow.csv as pacsv

    from service.store.engine import session_scope

    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        column_types={"code": "string", "parent_code": "string", "name": "string", "level": "string"}))
    try:
        with session_scope() as session:
            n = imports.import_regions(session, cli_principal(), table)
    except DomainError as exc:
        _fail(exc)
    console.print(f"regions: {n} rows")


@demo_app.command("generate")
def demo_generate(
    schools: Annotated[int, typer.Option(min=1)] = 200,
    teachers: Annotated[int, typer.Option(min=1)] = 6000,
    seed: int = 1,
    out: Annotated[Path, typer.Option(help="where the CSV files go")] = Path("data") / "demo",
    load: Annotated[bool, typer.Option(help="import the files into the store")] = True,
) -> None:
    """Generate a synthetic province (deterministic for a seed) and import it."""
    from service.domain.demo import DemoSpec, generate

    files = generate(DemoSpec(schools=schools, teachers=teachers, seed=seed), out)
    console.print(f"generated {files.regions}, {files.schools}, {files.teachers}")
    if load:
        import_regions(files.regions)
        _import("schools", files.schools, False, None)
        _import("teachers", files.teachers, False, None)


def _credentials_work() -> bool:
    """The kept demo tokens still open this store (not a store since deleted or another database)."""
    from service.domain.principals import authenticate
    from service.store.engine import session_scope

    if not DEMO_CREDENTIALS.exists():
        return False
    creds = json.loads(DEMO_CREDENTIALS.read_text(encoding="utf-8"))
    try:
        with session_scope() as session:
            for c in creds:
                authenticate(session, c["token"])
    except DomainError:
        return False
    return True


@demo_app.command("ensure")
def demo_ensure() -> None:
    """Create the demo province and its credentials unless the store already has them; print them."""
    from service.domain.principals import issue_token
    from service.store.engine import session_scope
    from service.store.records import list_schools

    with session_scope() as session:
        _rows, count = list_schools(session, limit=1)
    if count == 0:
        demo_generate()
    if not _credentials_work():
        creds = []
        with session_scope() as session:
            first_school = list_schools(session, limit=1)[0][0]
            for role, code, name, jurisdiction, owns in [*DEMO_ORGS, ("school", first_school.code, None, None, None)]:
                principal, token = issue_token(session, role, code, org_name=name, jurisdiction=jurisdiction,
                                               owns=owns)
                creds.append({"role": role, "org": principal.org_code, "name": principal.org_name, "token": token})
        DEMO_CREDENTIALS.parent.mkdir(parents=True, exist_ok=True)
        DEMO_CREDENTIALS.write_text(json.dumps(creds, ensure_ascii=False, indent=1), encoding="utf-8")
    console.print(f"Demo credentials (kept in {DEMO_CREDENTIALS}); send as 'Authorization: Bearer <token>':")
    for c in json.loads(DEMO_CREDENTIALS.read_text(encoding="utf-8")):
        typer.echo(f"  {c['role']:<18} {c['org']:<14} {c['token']}  {c['name']}")
    typer.echo(f"API docs: http://{settings().host}:{settings().port}/docs")


@token_app.command("issue")
def token_issue(
    role: Annotated[str, typer.Option(help="admin, department, statistics_office, education_office, school")],
    org: Annotated[str, typer.Option(help="organisation code; for a school, its 10-digit code")],
    org_name: Annotated[str | None, typer.Option(help="name, when the organisation is new")] = None,
    jurisdiction: Annotated[str | None, typer.Option(help="region code, when the organisation is new")] = None,
    name: Annotated[str | None, typer.Option(help="the principal's own name")] = None,
    owns: Annotated[str | None, typer.Option(help="dictionary owners it answers for, e.g. human_resources")] = None,
) -> None:
    """Create a principal for ORG in ROLE and print its bearer token (shown once, stored hashed)."""
    from service.domain.principals import issue_token
    from service.store.engine import session_scope

    try:
        with session_scope() as session:
            _principal, token = issue_token(session, role, org, name=name, org_name=org_name,
                                           jurisdiction=jurisdiction, owns=owns)
    except DomainError as exc:
        _fail(exc)
    typer.echo(token)


@app.command()
def migrate() -> None:
    """Bring the store's schema to the latest version."""
    from service.store.engine import make_engine
    from service.store.migrations import current_version
    from service.store.migrations import migrate as run

    eng = make_engine(settings().database_url)
    applied = run(eng)
    console.print(f"schema version {current_version(eng)}" + (f" (applied {applied})" if applied else ""))


@app.command()
def openapi(out: Path = ROOT / "openapi" / "openapi.json") -> None:
    """Write the OpenAPI document the app serves."""
    from service.app import app as fastapi_app

    out.write_text(json.dumps(fastapi_app.openapi(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    console.print(f"wrote {out}")


@app.command()
def serve(host: str | None = None, port: int | None = None) -> None:
    """Serve the API (one process: DuckDB allows one writer)."""
    import uvicorn

    uvicorn.run("service.app:app", host=host or settings().host, port=port or settings().port)


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

    c = deliver_due(engine(), now())
    console.print(f"webhooks: {c.due} due, {c.delivered} delivered, {c.retrying} to retry, {c.abandoned} given up")


if __name__ == "__main__":
    app()
