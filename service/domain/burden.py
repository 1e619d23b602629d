"""Burden figures: what schools were asked, what was pre-filled, what was stopped, and the time
teachers spent or were spared, per school, department or region, against a year earlier.

Estimated teacher-minutes use two documented figures: MINUTES_PER_FIELD to look up and fill one
value from nothing, MINUTES_PER_CONFIRMATION to check one pre-filled value. A pre-filled value
saves the difference; a value a stopped request would have asked saves the whole.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from sqlalchemy.orm import Session

from service.domain.authz import Principal, region_prefix, require_role
from service.domain.clock import now
from service.domain.errors import InvalidInput, Problem
from service.domain.requests import ANSWERABLE
from service.domain.scope import Scope
from service.store import burden as repo
from service.store.burden import Asked
from service.store.scope import scope_filter

By = Literal["school", "department", "region"]
MINUTES_PER_FIELD = 2.0
MINUTES_PER_CONFIRMATION = 0.25
# Requests refused at submission, by the status they end in, and the stop reason it counts as.
STOP_STATUSES = {"answered": "answered_from_store", "rejected_duplicate": "duplicate", "rejected": "unapproved"}
GROUPINGS: tuple[By, ...] = ("school", "department", "region")
_NOTHING = Asked(0, 0, 0, 0)


@dataclass
class Burden:
    group: str
    forms_received: int = 0
    fields_asked: int = 0
    fields_prefilled: int = 0
    fields_to_fill: int = 0
    corrections: int = 0
    requests_stopped: dict[str, int] = field(default_factory=dict)
    minutes_asked: float = 0.0
    minutes_saved: float = 0.0
    fields_asked_year_before: int = 0
    reduction: float | None = None


@dataclass(frozen=True)
class Report:
    by: By
    start: date
    end: date
    groups: list[Burden]


# Burden is counted over the service's own records: a period far outside them is a typing slip.
EARLIEST, LATEST = date(1950, 1, 1), date(2999, 12, 31)


def period(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The period asked for; by default this calendar year up to today. `to` may not precede `from`."""
    lo, hi = start or today.replace(month=1, day=1), end or today
    problems = [Problem(["query", name], f"outside {EARLIEST} to {LATEST}", str(day), code="date_outside",
                        params={"earliest": str(EARLIEST), "latest": str(LATEST)})
                for name, day in (("from", lo), ("to", hi)) if not EARLIEST <= day <= LATEST]
    if hi < lo:
        problems.append(Problem(["query", "to"], "before from", str(hi), code="to_before_from"))
    if problems:
        raise InvalidInput("the period is not a usable range of dates", problems)
    return lo, hi


def year_before(day: date) -> date:
    """The same day a year earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _window(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)


def _stopped(session: Session, by: By, start: date, end: date, prefix: str | None,
             ) -> tuple[dict[str, dict[str, int]], dict[str, float]]:
    """Per group: requests stopped by reason, and the minutes they spared the schools in their scope."""
    stops = repo.stops(session, *_window(start, end), STOP_STATUSES)
    reached = repo.schools_reached(session, [scope_filter(Scope.from_json(s.scope)) for s in stops], prefix)
    counted: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    spared: dict[str, float] = defaultdict(float)
    for i, s in enumerate(stops):
        schools = reached.get(i, [])
        if by == "department":
            counted[s.department][s.reason] += 1
            spared[s.department] += s.fields * len(schools) * MINUTES_PER_FIELD
            continue
        for code, region in schools:
            g = code if by == "school" else region
            counted[g][s.reason] += 1
            spared[g] += s.fields * MINUTES_PER_FIELD
    return counted, spared


def burden(session: Session, principal: Principal, by: By, start: date | None = None, end: date | None = None,
           ) -> Report:
    """Burden figures per group for the period (this year by default), for what the principal may
    see: a school only itself, a department only its own figures by department, an office its
    jurisdiction."""
    require_role(principal, "admin", "department", "statistics_office", "education_office", "school")
    lo, hi = period(start, end, now().date())
    prefix = region_prefix(principal.jurisdiction) if principal.jurisdiction and principal.role != "admin" else None
    if principal.role == "school":
        by, prefix = "school", None
    now_asked = repo.asked(session, by, *_window(lo, hi), prefix, ANSWERABLE)
    before = repo.asked(session, by, *_window(year_before(lo), year_before(hi)), prefix, ANSWERABLE)
    stops, spared = _stopped(session, by, lo, hi, prefix)
    groups = sorted(set(now_asked) | set(before) | set(stops))
    if principal.role == "school" or (principal.role == "department" and by == "department"):
        groups = [principal.org_code]
    out = []
    for g in groups:
        a = now_asked.get(g, _NOTHING)
        to_fill = a.items - a.prefilled
        last = before.get(g, _NOTHING).items
        out.append(Burden(
            group=g, forms_received=a.forms, fields_asked=a.items, fields_prefilled=a.prefilled, fields_to_fill=to_fill,
            corrections=a.corrections, requests_stopped=dict(stops.get(g, {})),
            minutes_asked=round(to_fill * MINUTES_PER_FIELD + a.prefilled * MINUTES_PER_CONFIRMATION, 2),
            minutes_saved=round(a.prefilled * (MINUTES_PER_FIELD - MINUTES_PER_CONFIRMATION) + spared.get(g, 0.0), 2),
            fields_asked_year_before=last,
            reduction=round(1 - a.items / last, 4) if last else None,
        ))
    return Report(by, lo, hi, out)
