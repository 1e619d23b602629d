"""The burden dashboard: the figures of service/domain/burden.py as a table and three charts,
groups named (departments, schools, regions), not coded."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from service.domain import burden as rules
from service.domain.errors import InvalidInput, Problem
from service.web.charts import Series, grouped_bars
from service.web.labels import term
from service.web.names import Names
from service.web.page import PageRoute, PageSession, Viewer, language, render

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def _day(text: str, name: str, problems: dict[str, list[Problem]]) -> date | None:
    """The date typed in a filter; none (the default) if unreadable, the problem kept for the page."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        problems[name] = [Problem(["query", name], "not a date (YYYY-MM-DD)", text, code="not_a_date")]
        return None


@router.get("/web/burden", response_class=HTMLResponse)
def dashboard(request: Request, session: PageSession, me: Viewer, by: str = "department",
              start: Annotated[str, Query(alias="from")] = "", end: Annotated[str, Query(alias="to")] = "",
              ) -> HTMLResponse:
    # A bad filter keeps the page: the figures of the default period, the error beside the filter.
    grouping: rules.By = next((g for g in rules.GROUPINGS if g == by), "department")
    problems: dict[str, list[Problem]] = {}
    lo, hi = _day(start, "from", problems), _day(end, "to", problems)
    try:
        report = rules.burden(session, me, grouping, lo, hi)
    except InvalidInput as exc:
        for p in exc.errors:
            problems.setdefault(str(p.loc[-1]), []).append(p)
        report = rules.burden(session, me, grouping)
    groups, lo, hi = report.groups, report.start, report.end
    lang = language(request)
    names = Names(session, lang)
    if grouping == "school":
        names.prime_schools(g.group for g in groups)
    named = {g.group: {"department": names.org, "school": names.school, "region": names.region}[grouping](g.group)
             for g in groups}
    stopped: Counter[str] = Counter()
    for g in groups:
        stopped.update(g.requests_stopped)
    charts = [
        grouped_bars("询问字段与预填字段", "Fields asked vs pre-filled",
                     [Series("询问", "asked"), Series("预填", "pre-filled")],
                     [(named[g.group], [g.fields_asked, g.fields_prefilled]) for g in groups], label_width=220),
        grouped_bars("教师时间（分钟）", "Teacher-minutes asked vs saved",
                     [Series("花费", "asked"), Series("节省", "saved")],
                     [(named[g.group], [g.minutes_asked, g.minutes_saved]) for g in groups], label_width=220),
        grouped_bars("被拦截的申请（按原因）", "Requests stopped, by reason", [Series("申请数", "requests")],
                     [(term(reason, lang), [n]) for reason, n in stopped.most_common()], label_width=220),
    ]
    totals = {"asked": sum(g.fields_asked for g in groups), "prefilled": sum(g.fields_prefilled for g in groups),
              "saved": sum(g.minutes_saved for g in groups), "stopped": sum(stopped.values())}
    typed = {k: v for k, v in (("from", start), ("to", end)) if k in problems}
    return render(request, "burden.html", groups=groups, group_names=named, charts=charts, totals=totals,
                  by=grouping, groupings=rules.GROUPINGS, start=lo, end=hi, errors=problems, typed=typed,
                  minutes_per_field=rules.MINUTES_PER_FIELD, minutes_per_confirmation=rules.MINUTES_PER_CONFIRMATION)
