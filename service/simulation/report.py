"""The simulated year's report: figures measured from the store after the run, as JSON, and as
Markdown with hand-written SVG bar charts.

Without the service, every department sends its own form to every school in its scope and asks
every field itself: a school-level field is one value per school, a roster field one value per
teacher in post. With it, what schools receive is what the store holds: the forms issued, their
items (one per value, asked once however many sections ask it), pre-filled or to fill.

Teacher time uses the burden figures' own assumptions (service/domain/burden.py): filling one
value from nothing takes MINUTES_PER_FIELD, checking a pre-filled one MINUTES_PER_CONFIRMATION;
a corrected value costs a fill.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from service.domain.burden import MINUTES_PER_CONFIRMATION, MINUTES_PER_FIELD, STOP_STATUSES
from service.domain.requests import is_custom
from service.domain.scope import Scope
from service.simulation.departments import DEPARTMENTS, NEW_DATA
from service.simulation.year import Run
from service.store import simulation as repo
from service.store.engine import session_scope
from service.web.charts import Series, grouped_bars

TARGET_FEWER_FIELDS = 0.60
TARGET_PREFILLED = 0.80
TERMS = ("spring", "autumn")
_TERM_NAMES = {"spring": "spring term (reference dates January–July)", "autumn": "autumn term (August–December)"}
_SHORT = {d.code: d.short for d in DEPARTMENTS}


def _share(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


def measure(engine: Engine, run: Run) -> dict[str, Any]:
    """Every figure of the report, from the store (the run supplies only its spec and the
    collections' intents, the ground truth the targets are checked against)."""
    spec = run.spec
    spring_until = date(spec.year, 8, 1)
    with session_scope(engine) as s:
        rows = repo.request_rows(s)
        baseline = {t: {"requests": 0, "forms": 0, "fields": 0} for t in TERMS}
        by_dept: dict[str, dict[str, int]] = {}
        stopped: dict[str, int] = {}
        per_request: dict[str, dict[str, Any]] = {}
        for r in rows:
            schools, teachers = repo.reach(s, Scope.from_json(r.scope), r.reference_date)
            cells = r.fields * (schools if r.level == "school" else teachers)
            term = "spring" if r.reference_date < spring_until else "autumn"
            b = baseline[term]
            b["requests"] += 1
            b["forms"] += schools
            b["fields"] += cells
            d = by_dept.setdefault(r.department, {"without": 0, "with": 0, "prefilled": 0})
            d["without"] += cells
            stop = STOP_STATUSES.get(r.status) or (r.stop_event if r.sections == 0 else None)
            if stop:
                stopped[stop] = stopped.get(stop, 0) + 1
            per_request[r.id] = {"status": r.status, "stop": stop, "schools": schools, "values_without": cells,
                                 "forms_reached": r.sections}
        for dept, (items, pre) in repo.items_by_department(s).items():
            d = by_dept.setdefault(dept, {"without": 0, "with": 0, "prefilled": 0})
            d["with"], d["prefilled"] = items, pre
        totals = repo.form_totals(s, spring_until)
        n_teachers = repo.teachers_in_post(s, date(spec.year, 9, 1))
        collected = repo.collected_values(s)
        uses = sorted(repo.field_uses(s), key=lambda u: (-u.requests, -u.departments, u.key))
        hardest = repo.to_fill_by_key(s)

    with_ = {t: asdict(totals[t]) if t in totals else dict.fromkeys(
        ("forms", "submitted", "late", "items", "prefilled", "corrections"), 0) for t in TERMS}
    all_without = {k: sum(baseline[t][k] for t in TERMS) for k in ("requests", "forms", "fields")}
    all_with = {k: sum(with_[t][k] for t in TERMS) for k in with_["spring"]}
    hours: dict[str, float] = {}
    for t in TERMS:
        w = with_[t]
        minutes_without = baseline[t]["fields"] * MINUTES_PER_FIELD
        to_fill = w["items"] - w["prefilled"] + w["corrections"]
        minutes_with = to_fill * MINUTES_PER_FIELD + (w["prefilled"] - w["corrections"]) * MINUTES_PER_CONFIRMATION
        hours[t] = round((minutes_without - minutes_with) / 60 / spec.schools, 2)
    sources = _sources(hardest)
    reduction_fields = round(1 - _share(all_with["items"], all_without["fields"]), 4) if all_without["fields"] else 0.0
    prefilled_share = _share(all_with["prefilled"], all_with["items"])

    collections = []
    for o in run.outcomes:
        c = o.collection
        got = per_request.get(o.request_id or "", {})
        collections.append({
            "tag": c.tag, "department": _SHORT.get(c.department, c.department), "title": c.title, "kind": c.kind,
            "level": c.level, "intent": c.intent, "fields": len(c.fields), "sent": c.sent.isoformat(),
            "status": got.get("status", o.status), "stopped": got.get("stop") or (o.stop if not got else None),
            "schools_in_scope": got.get("schools", 0), "forms_reached": got.get("forms_reached", 0),
            "values_without": got.get("values_without", 0), "note": o.detail if o.stop == "invalid" or o.detail.startswith("first refused") else "",
        })
    must_stop = [c for c in collections if c["intent"] in ("duplicate", "unapproved")]
    leaked = [c for c in must_stop if c["forms_reached"]]
    targets = [
        _target("fewer fields asked of schools", f">= {TARGET_FEWER_FIELDS:.0%}", reduction_fields,
                reduction_fields >= TARGET_FEWER_FIELDS, _why_fields(per_request.values(), all_with, all_without)),
        _target("fields on issued forms pre-filled", f">= {TARGET_PREFILLED:.0%}", prefilled_share,
                prefilled_share >= TARGET_PREFILLED, _why_prefill(sources, all_with)),
        _target("duplicate and unapproved surveys stopped", f"{len(must_stop)} of {len(must_stop)}",
                len(must_stop) - len(leaked), not leaked,
                "; ".join(f"{c['tag']} reached {c['forms_reached']} forms ({c['status']})" for c in leaked)),
    ]
    top = [{
        "key": u.key, "in_words": u.definition or (u.wordings or [u.key])[0], "requests": u.requests,
        "departments": u.departments, "wordings": u.wordings, "classified": u.classifications,
        "on_forms": u.on_forms,
    } for u in uses[:10]]
    return {
        "year": spec.year, "seed": spec.seed, "schools": spec.schools, "teachers_in_post": n_teachers,
        "departments": len(DEPARTMENTS), "collections": len(run.outcomes),
        "assumptions": {"minutes_per_field": MINUTES_PER_FIELD, "minutes_per_confirmation": MINUTES_PER_CONFIRMATION,
                        "terms": _TERM_NAMES},
        "without_service": {"by_term": baseline, **all_without},
        "with_service": {"by_term": with_, **all_with, "to_fill": all_with["items"] - all_with["prefilled"],
                         "collected_values": collected},
        "reduction": {"forms": round(1 - _share(all_with["forms"], all_without["forms"]), 4),
                      "fields": reduction_fields},
        "prefilled_share": prefilled_share,
        "to_fill_by_source": {k: v for k, v in sources.items() if k != "unread"},
        "held_but_not_read": sources["unread"],
        "requests_stopped": dict(sorted(stopped.items())),
        "teacher_hours_saved_per_school": {**hours, "per_term": round(sum(hours.values()) / len(TERMS), 2)},
        "by_department": {_SHORT.get(k, k): v for k, v in sorted(by_dept.items())},
        "top_fields": top,
        "targets": targets,
        "collection_outcomes": collections,
        "school_submissions": {"submitted": run.submissions, "refused": sorted(run.submissions_refused)},
    }


def _target(name: str, goal: str, value: float, passed: bool, why: str) -> dict[str, Any]:
    return {"target": name, "goal": goal, "value": value, "passed": passed, "why_missed": "" if passed else why}


def _why_fields(requests: Iterable[dict[str, Any]], w: dict[str, int], wo: dict[str, int]) -> str:
    """Where the values the year's requests would have asked went: stopped, merged, or to schools."""
    stopped: dict[str, int] = {}
    issued = 0
    for r in requests:
        if r["stop"]:
            stopped[r["stop"]] = stopped.get(r["stop"], 0) + r["values_without"]
        elif r["forms_reached"]:
            issued += r["values_without"]
    by = ", ".join(f"{k} {v:,}" for k, v in sorted(stopped.items()))
    return (f"Of the {wo['fields']:,} values the year's requests would have asked, stopped requests account for "
            f"{sum(stopped.values()):,} ({by}) and merging sections on one form (a value asked once) for "
            f"{max(issued - w['items'], 0):,}; the other {w['items']:,} reach schools. The target counts a pre-filled "
            f"value as asked, since a school still checks it: {w['prefilled']:,} of them are pre-filled, so values to "
            f"fill from nothing fall by {1 - (w['items'] - w['prefilled']) / wo['fields']:.1%}. Most of what the year "
            "asks is either held in the store (and pre-filled, not removed) or new each time (monthly counts, "
            "surveys' own questions), which no store can answer.")


def _sources(to_fill: list[repo.ToFill]) -> dict[str, Any]:
    """Values schools had to fill, by why: new data no record holds (the departments' ground truth,
    NEW_DATA), held in the records for some of them only, or held but not read from the wording."""
    out: dict[str, Any] = {"new_data": 0, "held_for_some_records_only": 0, "held_but_not_read": 0, "unread": []}
    for t in to_fill:
        if not is_custom(t.key):
            out["held_for_some_records_only"] += t.items
        elif any(label in NEW_DATA for label in t.labels):
            out["new_data"] += t.items
        else:
            out["held_but_not_read"] += t.items
            out["unread"].append({"wordings": t.labels, "values": t.items, "reader": t.reason})
    return out


def _why_prefill(sources: dict[str, Any], w: dict[str, int]) -> str:
    to_fill = w["items"] - w["prefilled"]
    unread = "; ".join(f"'{' · '.join(u['wordings'])}' {u['values']:,} ({u['reader']})" for u in sources["unread"][:6])
    return (f"{to_fill:,} of {w['items']:,} values had no pre-fill: {sources['new_data']:,} are new data no record "
            f"holds (this month's absences, pupils, buildings, posts, the surveys' own questions), "
            f"{sources['held_for_some_records_only']:,} are held for some records only, and "
            f"{sources['held_but_not_read']:,} are held in the records but their wording was not read"
            + (f": {unread}" if unread else "") + ".") if to_fill else ""


# --- rendering ------------------------------------------------------------------------------------

_COLOURS = ("#9aa5b1", "#2f6fb0", "#63a375")


def svg_bars(title: str, series: list[str], rows: list[tuple[str, list[float]]]) -> str:
    """A small horizontal grouped bar chart as standalone SVG (geometry from service/web/charts.py)."""
    chart = grouped_bars(title, title, [Series(s, s) for s in series], rows, width=640, label_width=190)
    legend_h, top = 22, 34
    height = chart.height + top + legend_h
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{chart.width}" height="{height:.0f}" '
           f'viewBox="0 0 {chart.width} {height:.0f}" font-family="sans-serif" font-size="12">',
           f'<text x="8" y="20" font-size="14" font-weight="bold">{html.escape(title)}</text>']
    x = 8.0
    for i, s in enumerate(series):
        out.append(f'<rect x="{x:.0f}" y="{top - 8}" width="10" height="10" fill="{_COLOURS[i % len(_COLOURS)]}"/>'
                   f'<text x="{x + 14:.0f}" y="{top + 1}">{html.escape(s)}</text>')
        x += 24 + 7 * len(s)
    for label, centre in chart.labels:
        out.append(f'<text x="{chart.label_width - 6}" y="{centre + top + legend_h - 10 + 4:.1f}" '
                   f'text-anchor="end">{html.escape(label)}</text>')
    for b in chart.bars:
        y = b.y + top + legend_h - 10
        out.append(f'<rect x="{b.x:.1f}" y="{y:.1f}" width="{b.width:.1f}" height="{b.height}" '
                   f'fill="{_COLOURS[b.series % len(_COLOURS)]}"/>'
                   f'<text x="{b.x + b.width + 4:.1f}" y="{y + b.height - 3:.1f}">{b.value}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def charts(f: dict[str, Any]) -> dict[str, str]:
    wo, w = f["without_service"]["by_term"], f["with_service"]["by_term"]
    n = f["schools"]
    per_school = [(t, [wo[t]["fields"] / n, w[t]["items"] / n, w[t]["prefilled"] / n]) for t in TERMS]
    forms = [(t, [wo[t]["forms"] / n, w[t]["forms"] / n]) for t in TERMS]
    stops = [(k, [float(v)]) for k, v in f["requests_stopped"].items()]
    depts = [(k, [float(v["without"]), float(v["with"]), float(v["prefilled"])]) for k, v in f["by_department"].items()]
    return {
        "fields.svg": svg_bars("Values asked per school", ["without the service", "with it", "of which pre-filled"],
                               per_school),
        "forms.svg": svg_bars("Forms per school", ["without the service", "with it"], forms),
        "stops.svg": svg_bars("Requests stopped, by reason", ["requests"], stops),
        "departments.svg": svg_bars("Values asked, by department", ["without the service", "with it",
                                                                    "of which pre-filled"], depts),
    }


def _pct(x: float) -> str:
    return f"{x:.1%}"


def markdown(f: dict[str, Any], command: str) -> str:
    wo, w = f["without_service"], f["with_service"]
    h = f["teacher_hours_saved_per_school"]
    lines = [
        f"# A simulated year: {f['year']}, seed {f['seed']}",
        "",
        f"`{command}`",
        "",
        f"A demo province of {f['schools']:,} schools and {f['teachers_in_post']:,} teachers in post; "
        f"{f['departments']} departments send {f['collections']} collections in their own words (start-of-term, "
        "monthly and ad-hoc collections, annual statistical surveys, research questionnaires); the statistics "
        "bureau and the education department decide approvals; schools confirm, correct, fill and submit "
        f"({w['late']:,} of {w['submitted']:,} forms late). Every step is a call to the service's domain functions.",
        "",
        "| | without the service | with it | reduction |",
        "| --- | ---: | ---: | ---: |",
        f"| forms reaching schools | {wo['forms']:,} | {w['forms']:,} | {_pct(f['reduction']['forms'])} |",
        f"| values (fields) asked of schools | {wo['fields']:,} | {w['items']:,} | {_pct(f['reduction']['fields'])} |",
        f"| values to fill from nothing | {wo['fields']:,} | {w['to_fill']:,} | "
        f"{_pct(1 - w['to_fill'] / wo['fields'] if wo['fields'] else 0)} |",
        f"| values pre-filled | 0 | {w['prefilled']:,} ({_pct(f['prefilled_share'])}) | |",
        f"| corrections by schools | | {w['corrections']:,} | |",
        f"| answers collected for the next asker | | {w['collected_values']:,} | |",
        "",
        f"Teacher-hours saved per school: {h['spring']} in the spring term, {h['autumn']} in the autumn term "
        f"({h['per_term']} per term on average), at {f['assumptions']['minutes_per_field']} minutes to fill a value "
        f"and {f['assumptions']['minutes_per_confirmation']} to check a pre-filled one (a correction costs a fill).",
        "",
        "## Targets",
        "",
        "| target | goal | measured | |",
        "| --- | --- | --- | --- |",
    ]
    for t in f["targets"]:
        value = _pct(t["value"]) if isinstance(t["value"], float) else str(t["value"])
        lines.append(f"| {t['target']} | {t['goal']} | {value} | {'pass' if t['passed'] else '**miss**'} |")
    for t in f["targets"]:
        if not t["passed"]:
            lines += ["", f"**Missed: {t['target']}.** {t['why_missed']}"]
    lines += ["", "![values asked per school](fields.svg)", "", "![forms per school](forms.svg)", "",
              "![requests stopped](stops.svg)", "", "![values by department](departments.svg)", "",
              "## Requests stopped, by reason", "", "| reason | requests |", "| --- | ---: |"]
    lines += [f"| {k} | {v} |" for k, v in f["requests_stopped"].items()]
    lines += ["", "## The ten fields most often asked", "",
              "| field | requests | departments | wordings | classed | on forms: pre-filled / filled / corrected |",
              "| --- | ---: | ---: | --- | --- | --- |"]
    for u in f["top_fields"]:
        classed = ", ".join(f"{k} {v}" for k, v in sorted(u["classified"].items()))
        o = u["on_forms"]
        lines.append(f"| {u['in_words']} (`{u['key']}`) | {u['requests']} | {u['departments']} | "
                     f"{' · '.join(u['wordings'][:4])} | {classed} | {o['prefilled']:,} / {o['filled']:,} / "
                     f"{o['corrected']:,} |")
    lines += ["", "## Every collection", "",
              "| sent | department | collection | kind | level | intent | fields | outcome | forms |",
              "| --- | --- | --- | --- | --- | --- | ---: | --- | ---: |"]
    for c in f["collection_outcomes"]:
        outcome = c["status"] + (f" (stopped: {c['stopped']})" if c["stopped"] else "")
        lines.append(f"| {c['sent']} | {c['department']} | {c['title']} | {c['kind']} | {c['level']} | "
                     f"{c['intent']} | {c['fields']} | {outcome} | {c['forms_reached']:,} |")
    refused = f["school_submissions"]["refused"]
    if refused:
        lines += ["", f"## School submissions the service refused ({len(refused)})", ""]
        lines += [f"- {x}" for x in refused[:20]]
    return "\n".join(lines) + "\n"


def write(f: dict[str, Any], out: Path, command: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(f, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name, svg in charts(f).items():
        (out / name).write_text(svg, encoding="utf-8")
    path = out / "report.md"
    path.write_text(markdown(f, command), encoding="utf-8")
    return path
