"""The burden dashboard: the figures of service/domain/burden.py as a table and three charts."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from service.domain import burden as rules
from service.domain.errors import InvalidInput, Problem
from service.web.charts import Series, grouped_bars
from service.web.labels import ZH
from service.web.page import PageRoute, PageSession, Viewer, render

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def _day(text: str, name: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as exc:
        raise InvalidInput(f"'{name}' is not a date (YYYY-MM-DD)", [Problem(["query", name], "not a date", text)]) from exc


@router.get("/web/burden", response_class=HTMLResponse)
def dashboard(request: Request, session: PageSession, me: Viewer, by: str = "department",
              start: Annotated[str, Query(alias="from")] = "", end: Annotated[str, Query(alias="to")] = "",
              ) -> HTMLResponse:
    # Query values come from the page's own form; anything else falls back to the defaults the API uses.
    grouping: rules.By = next((g for g in rules.GROUPINGS if g == by), "department")
    report = rules.burden(session, me, grouping, _day(start, "from"), _day(end, "to"))
    groups, lo, hi = report.groups, report.start, report.end
    stopped: Counter[str] = Counter()
    for g in groups:
        stopped.update(g.requests_stopped)
    charts = [
        grouped_bars("询问字段与预填字段", "Fields asked vs pre-filled",
                     [Series("询问", "asked"), Series("预填", "pre-filled")],
                     [(g.group, [g.fields_asked, g.fields_prefilled]) for g in groups]),
        grouped_bars("教师时间（分钟）", "Teacher-minutes asked vs saved",
                     [Series("花费", "asked"), Series("节省", "saved")],
                     [(g.group, [g.minutes_asked, g.minutes_saved]) for g in groups]),
        grouped_bars("被拦截的申请（按原因）", "Requests stopped, by reason", [Series("申请数", "requests")],
                     [(f"{ZH.get(reason, reason)} {reason}", [n]) for reason, n in stopped.most_common()],
                     label_width=220),
    ]
    totals = {"asked": sum(g.fields_asked for g in groups), "prefilled": sum(g.fields_prefilled for g in groups),
              "saved": sum(g.minutes_saved for g in groups), "stopped": sum(stopped.values())}
    return render(request, "burden.html", groups=groups, charts=charts, totals=totals, by=grouping,
                  groupings=rules.GROUPINGS, start=lo, end=hi, minutes_per_field=rules.MINUTES_PER_FIELD,
                  minutes_per_confirmation=rules.MINUTES_PER_CONFIRMATION)
