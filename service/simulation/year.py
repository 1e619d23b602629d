"""Replay a year of collections over a demo province through the service's own domain functions.

The same calls the API makes, in the order a year brings them: departments submit requests
(`requests.submit`), offices approve or reject them (`approvals.approve` / `reject`), departments
issue them (`issuance.issue`), schools read their forms and submit them (`forms.view` /
`forms.submit`), confirming, correcting and filling. Each call is one unit of work
(`session_scope`), so a refusal is kept on file exactly as the API keeps it. The clock is moved to
each event's day (`clock.travel`), so due dates, approvals' validity and late submissions are
those of the simulated year.

Deterministic for a seed: the province (service/demo.py), the wordings each department picks,
which schools correct, which submit late and every value they give are drawn from the seed;
nothing the report shows depends on generated ids or on the time the run takes.
"""

from __future__ import annotations

import heapq
import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from service.demo import DemoSpec, generate
from service.domain import approvals, clock, forms, imports, issuance, requests
from service.domain.authz import Principal, as_role
from service.domain.errors import DomainError, InvalidInput
from service.domain.principals import ensure_organisation
from service.domain.scope import Scope
from service.simulation.departments import DEPARTMENTS, EDU_OFFICE, PROVINCE, STATS_OFFICE, Collection, collections
from service.store import simulation as repo
from service.store.engine import session_scope

ADMIN = Principal(id="simulation:admin", name="simulation", role="admin", org_code="admin",
                  org_name="CollectOnce administration", jurisdiction=None)
TEACHERS_PER_SCHOOL = 30  # the demo province's ratio (200 schools, 6,000 teachers)
LATE_SHARE = 0.06  # schools that submit after the due date
CORRECTION_SHARE = 0.03  # pre-filled school values a school corrects (enrolment, address)
ROSTER_CORRECTION_SHARE = 0.005  # pre-filled teacher titles a school corrects on a roster
APPROVAL_DAYS, ISSUE_DAYS = 3, 4  # after submission: the office decides, then the department issues


@dataclass(frozen=True)
class Spec:
    year: int = 2026
    seed: int = 1
    schools: int = 200

    @property
    def teachers(self) -> int:
        return self.schools * TEACHERS_PER_SCHOOL


@dataclass
class Outcome:
    """What happened to one collection: the service's decision and what reached schools."""

    collection: Collection
    request_id: str | None = None
    status: str = ""  # the request's status after the department's last step
    stop: str | None = None  # why it never reached schools, if it did not
    detail: str = ""
    schools_in_scope: int = 0
    forms: int = 0
    items: int = 0


@dataclass
class Run:
    spec: Spec
    outcomes: list[Outcome] = field(default_factory=list)
    submissions: int = 0
    submissions_refused: list[str] = field(default_factory=list)  # a school's submission the service refused


def _principal(org: str, name: str, role: str, jurisdiction: str | None) -> Principal:
    return Principal(id=f"simulation:{org}", name=name, role=as_role(role), org_code=org, org_name=name,
                     jurisdiction=jurisdiction)


@contextmanager
def _on(day: date, minute: int = 0) -> Iterator[None]:
    """The clock reads `day`, 09:00 plus `minute`, for the block."""
    target = datetime.combine(day, time(9)) + timedelta(minutes=minute)
    with clock.travel(target - clock.now()):
        yield


def load_province(engine: Engine, spec: Spec, work: Path) -> None:
    """Generate the demo province for the seed and import it through the import path, on 2 January."""
    files = generate(DemoSpec(schools=spec.schools, teachers=spec.teachers, seed=spec.seed), work)
    from connectors.base import importer_for

    with _on(date(spec.year, 1, 2)), session_scope(engine) as s:
        imports.import_regions(s, ADMIN, importer_for(files.regions.name).read(files.regions))
        imports.import_file(s, ADMIN, "schools", files.schools)
        imports.import_file(s, ADMIN, "teachers", files.teachers)
        for d in (*DEPARTMENTS, STATS_OFFICE, EDU_OFFICE):
            kind = {STATS_OFFICE.code: "statistics_office", EDU_OFFICE.code: "education_office"}.get(d.code, "department")
            ensure_organisation(s, d.code, kind, d.name, PROVINCE)


def simulate(engine: Engine, spec: Spec) -> Run:
    """Load the province into an empty store and replay the year; the store keeps everything."""
    with session_scope(engine) as s:
        if repo.school_count(s):
            raise DomainError("the simulation needs an empty store: it loads its own demo province")
    with tempfile.TemporaryDirectory() as work:
        load_province(engine, spec, Path(work))
    return _Year(engine, spec).run()


class _Year:
    def __init__(self, engine: Engine, spec: Spec) -> None:
        self.engine, self.spec = engine, spec
        self.rng = random.Random(f"collectonce-year:{spec.seed}")
        self.depts = {d.code: _principal(d.code, d.name, "department", PROVINCE) for d in DEPARTMENTS}
        self.stats = _principal(STATS_OFFICE.code, STATS_OFFICE.name, "statistics_office", PROVINCE)
        self.edu = _principal(EDU_OFFICE.code, EDU_OFFICE.name, "education_office", PROVINCE)
        self.result = Run(spec)
        self.numbers = 0
        # (day, order, sequence, action, arguments): a heap, so answers interleave with requests.
        self.events: list[tuple[date, int, int, str, tuple[Any, ...]]] = []
        self.seq = 0

    def _at(self, day: date, order: int, action: str, *args: Any) -> None:
        self.seq += 1
        heapq.heappush(self.events, (day, order, self.seq, action, args))

    def run(self) -> Run:
        for c in collections(self.spec.year, self.rng):
            o = Outcome(c)
            self.result.outcomes.append(o)
            self._at(c.sent, 0, "submit", o)
        while self.events:
            day, order, _seq, action, args = heapq.heappop(self.events)
            with _on(day, order):
                getattr(self, "_" + action)(day, *args)
        return self.result

    # --- the department and the offices ---------------------------------------------------------

    def _submit(self, day: date, o: Outcome) -> None:
        c = o.collection
        body = requests.RequestIn(
            title=c.title, purpose=c.purpose, kind=c.kind, level=c.level,
            fields=[requests.FieldIn(label=a.label, type=a.type, headers=list(a.headers))  # type: ignore[arg-type]
                    for a in c.fields],
            scope=Scope(**c.scope), reference_date=c.reference, period_start=c.period[0] if c.period else None,
            period_end=c.period[1] if c.period else None, due_date=c.due, frequency=c.frequency)
        for attempt in (1, 2):
            try:
                with session_scope(self.engine) as s:
                    r, a = requests.submit(s, self.depts[c.department], body)
                    o.request_id, o.status, o.schools_in_scope = r.id, r.status, a.schools_in_scope
                break
            except requests.DuplicateRequest as exc:
                o.request_id, o.status, o.stop = str(exc.extra["request_id"]), "rejected_duplicate", "duplicate"
                o.detail = exc.detail
                return
            except InvalidInput as exc:
                said = "; ".join(e.msg for e in exc.errors[:5])
                # The department corrects its form as the problems say: it leaves out the fields named.
                named = {int(e.loc[2]) for e in exc.errors if e.loc[:2] == ["body", "fields"] and len(e.loc) > 2
                         and isinstance(e.loc[2], int)}
                if attempt == 2 or not named:
                    o.status, o.stop, o.detail = "refused", "invalid", f"{exc.detail}: {said}"
                    return
                o.detail = f"first refused ({said}); sent again without field(s) {sorted(n + 1 for n in named)}"
                body = body.model_copy(update={"fields": [f for i, f in enumerate(body.fields) if i not in named]})
        if o.status == "answered":
            o.stop = "answered_from_store"
        elif o.status == "pending_approval":
            self._at(day + timedelta(days=APPROVAL_DAYS), 1, "decide", o)
            if c.decision == "none":  # the department issues without waiting for an approval
                self._at(day + timedelta(days=ISSUE_DAYS), 2, "issue", o)
        elif o.status == "ready":
            self._at(day + timedelta(days=ISSUE_DAYS), 2, "issue", o)

    def _decide(self, day: date, o: Outcome) -> None:
        c = o.collection
        office = self.stats if c.kind == "statistical" else self.edu
        if c.decision == "none" or o.request_id is None:
            return
        with session_scope(self.engine) as s:
            if c.decision == "reject":
                approvals.reject(s, office, o.request_id, approvals.RejectionIn(
                    reason="未按规定履行统计调查项目审批或备案程序" if c.kind == "statistical"
                    else "调查对象与内容未经教育行政部门审核同意，不予部署"))
                o.status, o.stop = "rejected", "unapproved"
                return
            self.numbers += 1
            statistical = c.kind == "statistical"
            approvals.approve(s, office, o.request_id, approvals.ApprovalIn(
                mode="approval",
                number=(f"湘统制〔{self.spec.year}〕{self.numbers}号" if statistical
                        else f"湘教审〔{self.spec.year}〕{self.numbers}号"),
                authority=office.org_name, form_number=f"湘{self.numbers}表" if statistical else None,
                scope=Scope(regions=[PROVINCE]), valid_from=day, valid_until=c.due + timedelta(days=60)))
            o.status = "approved"
        self._at(day + timedelta(days=ISSUE_DAYS - APPROVAL_DAYS), 2, "issue", o)

    def _issue(self, day: date, o: Outcome) -> None:
        c = o.collection
        if o.request_id is None:
            return
        try:
            with session_scope(self.engine) as s:
                issued = issuance.issue(s, self.depts[c.department], o.request_id)
                o.status, o.forms, o.items = "issued", issued.forms, issued.items
                placed = repo.forms_of(s, o.request_id)
        except approvals.NotIssuable as exc:
            o.stop, o.detail = exc.reason, exc.detail
            return
        for form_id, school in placed:
            r = random.Random(f"{self.spec.seed}:{c.tag}:{school}")
            if r.random() < LATE_SHARE:
                when = c.due + timedelta(days=r.randint(1, 10))
            else:
                when = day + timedelta(days=r.randint(1, max(1, (c.due - day).days - 1)))
            self._at(when, 3 + r.randrange(400), "answer", form_id, school, c.tag)

    # --- the schools ----------------------------------------------------------------------------

    def _answer(self, day: date, form_id: str, school: str, tag: str) -> None:
        me = _principal(school, school, "school", None)
        r = random.Random(f"{self.spec.seed}:{tag}:{school}:answers")
        try:
            with session_scope(self.engine) as s:
                if repo.form_status(s, form_id) == "submitted":  # sent with another section of the same form
                    return
                fv = forms.view(s, me, form_id)
                answers = [a for item in fv.items if (a := _answer_of(item, r)) is not None]
                forms.submit(s, me, form_id, forms.AnswersIn(answers=answers), fv.etag)
                self.result.submissions += 1
        except DomainError as exc:
            self.result.submissions_refused.append(f"{school} {tag}: {exc.detail}: "
                                                   + "; ".join(e.msg for e in exc.errors[:3]))


_TEXTS = ("迎检材料准备", "各类报表填报", "安全检查台账", "社会事务进校园", "无")


def _answer_of(item: forms.ItemView, r: random.Random) -> forms.AnswerIn | None:
    """What a school gives for one item: nothing (the pre-filled value stands, confirmed), a
    correction with its reason, or a value it fills in."""
    who = item.entity_id
    if item.prefill is not None:
        if item.key == "school.enrolment" and r.random() < CORRECTION_SHARE:
            return forms.AnswerIn(key=item.key, entity_id=who, value=max(0, int(item.prefill) + r.randint(-40, 40)),
                                  reason="学期初学生转入转出后的实际在校人数")
        if item.key == "school.address" and r.random() < CORRECTION_SHARE:
            return forms.AnswerIn(key=item.key, entity_id=who, value=item.prefill + "（新校区）",
                                  reason="学校已整体迁入新校区")
        if item.key == "teacher.title" and item.codes and r.random() < ROSTER_CORRECTION_SHARE:
            other = [c["code"] for c in item.codes if c["code"] != item.prefill]
            return forms.AnswerIn(key=item.key, entity_id=who, value=r.choice(other), reason="已取得新职称，证书待录入")
        return None
    value: str | int | float | bool
    if item.codes:
        value = r.choice(item.codes)["code"]
    elif item.type == "integer":
        value = r.choice((0, 0, 1, 2, 3, 5, 8, 12, 20, 35))
    elif item.type == "decimal":
        value = round(r.uniform(1, 60), 1)
    elif item.type == "boolean":
        value = r.random() < 0.7
    elif item.type == "date":
        value = date(2000 + r.randint(0, 20), 9, 1).isoformat()
    else:
        value = r.choice(_TEXTS)
    return forms.AnswerIn(key=item.key, entity_id=who, value=value)
