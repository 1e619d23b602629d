"""The school's side of a form: inbox, reading, drafts, and the submission that flows back.

Rules:
- a school sees and answers only its own forms;
- every write names the version it read (If-Match, stale → 412) and carries an Idempotency-Key;
  the version is claimed by a conditional update before anything is written, so of two writes
  that read the same version exactly one is applied;
- a submission is validated whole (type, code list, range, corrections with reasons, breakdowns
  adding up to their totals) and applied whole, or not at all;
- a correction of a field the school is authoritative for updates the store with history; of a
  field owned elsewhere it becomes a pending correction for that owner; answers to fields the
  dictionary does not hold become collected values for the next asker.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal

import pyarrow as pa
from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydField
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from service.domain import audit, disclosure, idempotency, issuance
from service.domain import status as machine
from service.domain.authz import Principal, require_role
from service.domain.clock import new_id, now
from service.domain.dictionary import Dictionary, Field, as_entity, dictionary
from service.domain.errors import Conflict, DomainError, InvalidInput, NotFound, Problem, RetryLater
from service.domain.requests import is_custom
from service.domain.semantics import Definition, definition_of, words
from service.domain.semantics.relations import Breakdown, breakdowns
from service.domain.validation import check_value
from service.domain.webhooks import request_completed
from service.store import bulk, claims, records
from service.store import forms as store
from service.store import requests as requests_repo
from service.store.engine import session_scope
from service.store.tables import (
    Correction,
    CustomField,
    Form,
    FormItem,
    FormSection,
)

UNEDITABLE = {"school.code", "teacher.id", "teacher.school_code"}


class PreconditionFailed(DomainError):
    status, title = 412, "Precondition failed"


class PreconditionRequired(DomainError):
    status, title = 428, "Precondition required"


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    entity_id: str | None = PydField(default=None, description="teacher id on a roster; the school by default")
    value: str | int | float | bool | None = None
    action: Literal["confirm", "correct", "fill"] | None = None
    reason: str | None = PydField(default=None, max_length=1000)


class AnswersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    answers: list[AnswerIn] = []


@dataclass
class ItemView:
    entity_id: str
    key: str
    label_zh: str
    label_en: str
    type: str
    codes: list[dict[str, str]] | None
    classification: str
    prefill: str | None
    provenance: dict[str, Any] | None
    editable: bool
    corrections_go_to: str  # "store" (school is authoritative) or the owner
    draft: str | None
    value: str | None
    action: str | None
    reason: str | None
    sections: list[str]


@dataclass
class FormView:
    form: Form
    sections: list[FormSection]
    items: list[ItemView] = field(default_factory=list)

    @property
    def etag(self) -> str:
        return etag(self.form)


def etag(form: Form) -> str:
    return f'"{form.id}.{form.version}"'


def _own_form(session: Session, principal: Principal, form_id: str) -> Form:
    require_role(principal, "school")
    return _own(principal, form_id, store.get(session, form_id))


def _own(principal: Principal, form_id: str, form: Form | None) -> Form:
    """`form` (as loaded for `form_id`) if it is the school's own."""
    if form is None or form.school_code != principal.org_code:
        # Another school's form is not found, not forbidden: its existence is not for others to know.
        raise NotFound(f"no form {form_id} in your inbox", [Problem(["path", "id"], "unknown form", form_id)])
    return form


def _own_with_sections(session: Session, principal: Principal, form_id: str) -> tuple[Form, list[FormSection]]:
    """The school's own form and its sections, read together."""
    require_role(principal, "school")
    found = store.with_sections(session, form_id)
    return _own(principal, form_id, found[0] if found else None), found[1] if found else []


def inbox(session: Session, principal: Principal, status: str | None = None) -> list[tuple[Form, list[FormSection]]]:
    """The school's forms, newest first, with their sections."""
    require_role(principal, "school")
    return store.of_school(session, principal.org_code, status)


def _sections(session: Session, form_ids: list[str]) -> dict[str, list[FormSection]]:
    return store.sections(session, form_ids)


def _field_of(key: str, d: Dictionary, custom: dict[str, CustomField]) -> tuple[str, str, str, Field | None]:
    if key in d.fields:
        f = d.fields[key]
        return f.labels.zh, f.labels.en, f.type, f
    c = custom.get(key)
    return (c.label if c else key), (c.label if c else key), (c.type if c else "text"), None


def reading(session: Session, principal: Principal, form_id: str) -> tuple[Form, list[FormSection], bool]:
    """The school's own form, its sections, and whether reading it now is the school's first
    reading (a write: `open_forms` opens it). A form to open leaves `session` with its sections,
    so that the write, made elsewhere, can leave on it what the store then holds, and the
    sections (which opening does not change) stay as read."""
    form, sections = _own_with_sections(session, principal, form_id)
    first = form.status == "issued"
    if first:
        for o in (form, *sections):
            session.expunge(o)
    return form, sections, first


def open_forms(session: Session, forms: list[Form]) -> list[bool]:
    """First readings of forms (`reading` said each is its reader's own): they are opened, a new
    version each, in one statement; nothing else is written. Whether each was still issued; those
    opened now hold what the store holds."""
    at = now()
    opened = claims.open_forms(session, sorted({f.id for f in forms}), at)
    issuance.fill_read(session, sorted(opened), at)
    for f in forms:
        if f.id in opened:
            for name, value in (("status", "opened"), ("version", f.version + 1), ("opened_at", at)):
                set_committed_value(f, name, value)
    return [f.id in opened for f in forms]


def view_of(session: Session, principal: Principal, form: Form, sections: list[FormSection]) -> FormView:
    """The view (see `view`) of a form `reading` gave with its sections and, on a first reading,
    `open_forms` opened."""
    return _view(session, form, principal, sections)


def view(session: Session, principal: Principal, form_id: str) -> FormView:
    """A form with every item: value, provenance, classification, whether and where it can be corrected.
    The school's first reading marks it opened."""
    form, sections = _own_with_sections(session, principal, form_id)
    if form.status == "issued":
        open_forms(session, [form])  # leaves on the form what the store then holds
    return _view(session, form, principal, sections)


def _view(session: Session, form: Form, principal: Principal, sections: list[FormSection]) -> FormView:
    d = dictionary()
    lens = disclosure.for_principal(principal)
    asked_by: dict[str, list[str]] = defaultdict(list)
    for s in sections:
        for k in json.loads(s.keys):
            asked_by[k].append(s.request_id)
    items, custom = store.items(session, form.id, ordered=True)
    out = FormView(form, sections)
    for i in items:
        zh, en, type_, f = _field_of(i.key, d, custom)
        cl = d.code_list_for(f) if f else None
        owner = f.source.owner if f else "school"
        to_store = f is not None and f.source.school_may_correct and not f.is_indicator
        out.items.append(ItemView(
            entity_id=i.entity_id, key=i.key, label_zh=zh, label_en=en, type=type_,
            codes=[{"code": c.code, "zh": c.zh, "en": c.en} for c in cl.codes] if cl else None,
            classification=i.classification, prefill=lens.value(i.key, i.prefill),
            provenance=None if i.prefill_source is None else {
                "source": i.prefill_source, "at": i.prefill_at, "by": i.prefill_by, "ref": i.prefill_ref},
            editable=i.key not in UNEDITABLE,
            corrections_go_to="store" if to_store or f is None else owner,
            # What the school typed itself (a correction, a draft differing from the pre-fill) it sees.
            draft=lens.value(i.key, i.draft, own=i.draft != i.prefill),
            value=lens.value(i.key, i.value, own=i.action == "correct"),
            action=i.action, reason=i.reason, sections=asked_by.get(i.key, []),
        ))
    return out


def _read_at(form: Form, if_match: str | None) -> int | None:
    """The version of the form the writer read, from its If-Match; None if it names another form
    or no version."""
    if not if_match:
        raise PreconditionRequired("send If-Match with the form's ETag", [Problem(["header", "If-Match"], "missing")])
    shown = if_match.strip().removeprefix("W/")
    read_at = shown.removeprefix(f'"{form.id}.').removesuffix('"')
    if shown == f'"{form.id}.{read_at}"' and read_at.isdigit() and len(read_at) < 19:
        return int(read_at)
    return None


def _stale(form: Form, if_match: str | None) -> DomainError:
    """The refusal of a write that read another version than `form` (as the store holds it) now has:
    409 once the form is submitted (the writer read its final version), 412 otherwise."""
    if form.status == "submitted" and (if_match or "").strip().removeprefix("W/") == etag(form):
        return Conflict(f"form {form.id} is already submitted", [Problem(["form", "status"], "submitted")])
    return PreconditionFailed(
        f"the form changed since you read it (now {etag(form)})",
        [Problem(["header", "If-Match"], "stale ETag", if_match)], etag=etag(form),
    )


def _claim_version(session: Session, form: Form, if_match: str | None) -> None:
    """Claim the version the writer read (If-Match) before anything is written: one conditional
    UPDATE, atomic with the write that follows in the same unit of work. Of two writers that read
    the same version one claims it; the other finds it gone (412; 409 once the form is submitted)."""
    read_at = _read_at(form, if_match)
    if read_at is not None and claims.claim_form_version(session, form.id, read_at):
        set_committed_value(form, "version", read_at + 1)
        return
    session.refresh(form)  # as the winner left it
    raise _stale(form, if_match)


def _unread_refused(form: Form) -> Form:
    """A form is answered as its school read it: its values are placed at its first reading, so a
    write to a form never read (its ETag was never served) is refused, with what to do."""
    if form.status == "issued":
        raise Conflict(f"form {form.id} has not been read yet: read it (GET /v1/forms/{form.id}) to see its "
                       "pre-filled values, then send the ETag that reading gives",
                       [Problem(["form", "status"], "not read", form.status)])
    return form


def _as_text(value: str | int | float | bool | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value).strip()


@dataclass
class _Final:
    item: FormItem
    value: str | None
    action: str
    reason: str | None


def _resolve(form: Form, items: list[FormItem], body: AnswersIn, d: Dictionary,
             custom: dict[str, CustomField], final: bool) -> tuple[list[_Final], list[Problem]]:
    """Every item's answer after this write, and every problem with it, all at once."""
    by_id = {(i.entity_id, i.key): i for i in items}
    given: dict[tuple[str, str], tuple[int, AnswerIn]] = {}
    problems: list[Problem] = []
    for n, answer in enumerate(body.answers):
        ident = (answer.entity_id or form.school_code, answer.key)
        if ident not in by_id:
            problems.append(Problem(["body", "answers", n, "key"], f"{answer.key} for {ident[0]} is not on this form", answer.key))
        elif ident in given:
            problems.append(Problem(["body", "answers", n], f"{answer.key} for {ident[0]} is answered twice", answer.key))
        else:
            given[ident] = (n, answer)
    out: list[_Final] = []
    for ident, item in by_id.items():
        at, a = given.get(ident) or (None, None)
        loc: list[str | int] = ["body", "answers", at] if at is not None else ["form", "items", f"{item.entity_id}/{item.key}"]
        raw = _as_text(a.value) if a is not None and a.value is not None else (item.draft if a is None else None)
        if a is not None and (a.action == "confirm" or (
                raw is not None and raw != item.prefill and raw == disclosure.masked_form_of(item.key, item.prefill))):
            raw = item.prefill  # confirmed, or sent back as it was shown (masked): the stored value stands
        if raw is None and not final:
            out.append(_Final(item, None, "", a.reason if a else item.reason))
            continue
        if raw is None:
            raw = item.prefill
        _zh, _en, type_, f = _field_of(item.key, d, custom)
        if raw is None:
            # A field the dictionary holds as optional may stay empty; what was asked anew may not.
            if f is not None and not f.required and not f.is_indicator:
                out.append(_Final(item, None, "confirm", None))
            else:
                problems.append(Problem(loc, f"{item.key}: an answer is required", code="required"))
            continue
        text, fault = check_value(raw, type_, f, d)
        if fault:
            shown = disclosure.masked_form_of(item.key, raw) if raw == item.prefill else raw
            problems.append(Problem([*loc, "value"] if at is not None else loc, f"{item.key}: {fault[1]}", shown,
                                    code=fault[0], params=fault[2]))
            continue
        changed = item.prefill is not None and text != item.prefill
        if changed and item.key in UNEDITABLE:
            problems.append(Problem(loc, f"{item.key} cannot be changed on a form", raw, code="uneditable"))
            continue
        reason = (a.reason if a else None) or item.reason
        if changed and final and not (reason and reason.strip()):
            problems.append(Problem([*loc, "reason"], f"{item.key}: a correction needs a reason", raw, code="reason_required"))
            continue
        action = "correct" if changed else ("confirm" if item.prefill is not None else "fill")
        out.append(_Final(item, text, action, reason.strip() if changed and reason else None))
    if final:
        problems += _cross_field(out, d)
    return out, problems


def taken(session: Session, corrected: list[tuple[str, str, str | None]], d: Dictionary) -> list[Problem]:
    """Corrections (entity id, key, value) giving a field the dictionary holds unique (an ID number,
    say) a value another current record holds: refused, as an import refuses it."""
    problems: list[Problem] = []
    by_field: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entity_id, key, value in corrected:
        f = d.fields.get(key)
        if f is not None and f.unique and value is not None:
            by_field[key].append((entity_id, value))
    for key, pairs in by_field.items():
        f = d.fields[key]
        held = records.holders(session, f.entity, f.column, [v for _e, v in pairs])
        problems += [Problem(["form", "items", f"{e}/{key}"], f"{key}: another record already holds this value", v,
                             code="taken") for e, v in pairs if held.get(v, e) != e]
    return problems


def _cross_field(answers: list[_Final], d: Dictionary) -> list[Problem]:
    """Counts agree: a count never exceeds a count it refines, and the counts that split one count
    by one field's values add up to it when they cover every value (stay within it otherwise)."""
    problems: list[Problem] = []
    by_entity: dict[str, dict[str, int]] = defaultdict(dict)
    defs: dict[str, Definition] = {}
    for a in answers:
        defn = definition_of(a.item.key, d)
        if defn is not None and defn.measure == "count" and a.value is not None:
            by_entity[a.item.entity_id][a.item.key] = int(a.value)
            defs[a.item.key] = defn
    for entity_id, values in by_entity.items():
        for b in breakdowns(tuple((k, defs[k]) for k in sorted(values)), d):
            if not _disagree(b, values):
                continue
            total, said = values[b.total], words(defs[b.total], d)
            for key in b.narrower:
                if values[key] > total:
                    part = words(defs[key], d)
                    problems.append(Problem(["form", "items", f"{entity_id}/{key}"],
                                            f"{part.zh}: {values[key]} is more than {said.zh} ({total})", values[key],
                                            code="breakdown_exceeds", params={"total_zh": said.zh, "total_en": said.en,
                                                                              "sum": values[key], "total": total}))
            for split in b.splits:
                s = sum(values[k] for k in split.keys)
                by = d.fields[split.field].labels.zh if split.field in d.fields else split.field
                params = {"total_zh": said.zh, "total_en": said.en, "sum": s, "total": total}
                if s > total:
                    problems.append(Problem(["form", "items", f"{entity_id}/{b.total}"],
                                            f"{said.zh} by {by} adds up to {s}, more than the total {total}", s,
                                            code="breakdown_exceeds", params=params))
                elif split.whole and s != total:
                    problems.append(Problem(["form", "items", f"{entity_id}/{b.total}"],
                                            f"{said.zh} by {by} adds up to {s}, not the total {total}", s,
                                            code="breakdown_sum", params=params))
    return problems


def _disagree(b: Breakdown, values: dict[str, int]) -> bool:
    """Whether the counts of `values` break a rule of `b` (checked first: the words of a total, for
    the message, cost more than the check)."""
    total = values[b.total]
    return any(values[k] > total for k in b.narrower) or any(
        (s := sum(values[k] for k in split.keys)) > total or (split.whole and s != total) for split in b.splits)


def _writable(session: Session, principal: Principal, form_id: str, if_match: str | None,
              ) -> tuple[Form, list[FormItem], dict[str, CustomField]]:
    """The school's own form, as read at `if_match` and not yet submitted, with its items."""
    form = _unread_refused(_own_form(session, principal, form_id))
    _claim_version(session, form, if_match)
    items, custom = store.items(session, form.id)
    return form, items, custom


def save_draft(session: Session, principal: Principal, form_id: str, body: AnswersIn, if_match: str | None) -> FormView:
    """Keep answers given so far without submitting; values are checked, totals are not yet."""
    form, items, custom = _writable(session, principal, form_id, if_match)
    d = dictionary()
    touched = {(a.entity_id or form.school_code, a.key) for a in body.answers}
    answers, problems = _resolve(form, items, body, d, custom, final=False)
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the answers", problems)
    for a in answers:
        if (a.item.entity_id, a.item.key) in touched:
            a.item.draft = a.value if a.action != "confirm" else a.item.prefill
            a.item.reason = a.reason
    audit.record(session, principal.id, audit.Change(
        "form.draft_saved", "form", form.id, {"version": form.version - 1},
        {"version": form.version, "drafts": sorted((a.item.entity_id, a.item.key, a.item.draft) for a in answers
                                                   if (a.item.entity_id, a.item.key) in touched)}))
    session.flush()
    return _view(session, form, principal, _sections(session, [form.id]).get(form.id, []))


@dataclass
class Submitted:
    form_id: str
    confirmed: int
    corrected_in_store: int
    corrections_pending: int
    filled: int
    completed_requests: list[str]


@dataclass
class SubmissionPlan:
    """A submission read and validated against the version of its form the school read; applying
    it claims that version first, so the store it was validated against is the store it changes.
    With a `key` (an Idempotency-Key and the digest of what was sent under it), its response is
    kept under the key in the same unit of work."""

    principal: Principal
    form: Form
    read_at: int
    if_match: str
    answers: list[_Final]
    key: tuple[str, str] | None = None


def prepare_submission(session: Session, principal: Principal, form_id: str, body: AnswersIn,
                       if_match: str | None, idempotency_key: str | None = None,
                       ) -> SubmissionPlan | idempotency.Outcome:
    """Read the form as the school read it and validate every answer; writes nothing. With an
    Idempotency-Key: a form that has moved on since it was read (submitted, say) answers a repeat
    of the write that moved it from the key's record, with no other work."""
    key = None
    if idempotency_key is not None:
        scope = f"submission:{form_id}"
        key = (idempotency.require_key(idempotency_key), idempotency.body_hash(scope, body.model_dump(mode="json")))
    require_role(principal, "school")
    loaded, items, custom = store.with_items(session, form_id) or (None, [], {})  # the items of the version read
    form = _own(principal, form_id, loaded)
    read_at = _read_at(form, if_match)
    if read_at != form.version or form.status == "submitted":
        first = idempotency.on_record(session, principal, *key) if key is not None else None
        if first is not None:
            return first
        raise _stale(form, if_match)
    _unread_refused(form)
    d = dictionary()
    answers, problems = _resolve(form, items, body, d, custom, final=True)
    problems += taken(session, [(a.item.entity_id, a.item.key, a.value) for a in answers if a.action == "correct"], d)
    if problems:
        raise InvalidInput(f"{len(problems)} problem(s) in the submission; nothing was saved", problems)
    return SubmissionPlan(principal, form, read_at, if_match or "", answers, key)


def apply_submissions(session: Session, plans: list[SubmissionPlan]) -> list[idempotency.Outcome | DomainError]:
    """Apply submissions together in `session`'s unit of work (which need not be the one that
    prepared them), in a few statements whatever their number: each claims the version it was
    validated against, then is confirmed, corrected and filled, flows back, and is kept under its
    key. Each gets its outcome, or the refusal of a submission whose version another write took
    (it wrote nothing). Plans for one form or one key are applied one after another, as if sent so."""
    out: dict[int, idempotency.Outcome | DomainError] = {}
    todo = list(enumerate(plans))
    while todo:
        now_, later, forms_, keys = [], [], set(), set()
        for i, plan in todo:
            ident = (plan.principal.id, plan.key[0]) if plan.key else None
            if plan.form.id in forms_ or (ident is not None and ident in keys):
                later.append((i, plan))
                continue
            forms_.add(plan.form.id)
            if ident is not None:
                keys.add(ident)
            now_.append((i, plan))
        out |= _apply_together(session, now_)
        todo = later
    return [out[i] for i in range(len(plans))]


def _apply_together(session: Session, plans: list[tuple[int, SubmissionPlan]],
                    ) -> dict[int, idempotency.Outcome | DomainError]:
    """apply_submissions for plans of distinct forms and keys."""
    # A key already on record is not looked for first: a repeat of a submission finds its form moved
    # on (prepare_submission answers it), and a key used before for another write is found when
    # keeping it fails, below, which undoes this unit of work.
    out: dict[int, idempotency.Outcome | DomainError] = {}
    at = now()
    todo = list(plans)
    won = claims.claim_form_submissions(session, [(p.form.id, p.read_at, p.principal.id) for _i, p in todo], at)
    lost = [(i, p) for i, p in todo if p.form.id not in won]
    if lost:  # another write took the version first: a repeat of that write is answered as such
        again = claims.records(session, [(p.principal.id, p.key[0]) for _i, p in lost if p.key])
        for i, p in lost:
            first = again.get((p.principal.id, p.key[0])) if p.key else None
            try:
                if first is None or p.key is None:
                    now_held = store.get(session, p.form.id, fresh=True)
                    assert now_held is not None
                    raise _stale(now_held, p.if_match)
                out[i] = idempotency.replayed(p.key[0], p.key[1], first)
            except DomainError as exc:
                out[i] = exc
    applied = [(i, p) for i, p in todo if p.form.id in won]
    if not applied:
        return out
    d = dictionary()
    for _i, p in applied:  # the loaded form follows the store
        for name, value in (("version", p.read_at + 1), ("status", "submitted"), ("submitted_at", at),
                            ("submitted_by", p.principal.id)):
            set_committed_value(p.form, name, value)
    _record_answers(session, [p for _i, p in applied])
    flowed = [_flow_back(session, p.principal, p.form, p.answers, d, at) for _i, p in applied]
    records.collect(session, [row for _n, _m, rows in flowed for row in rows])
    audit.record_each(session, [(p.principal.id, audit.Change(
        "form.submitted", "form", p.form.id, {"status": "opened", "version": p.read_at},
        {"status": "submitted", "version": p.read_at + 1,
         "answers": sorted((a.item.entity_id, a.item.key, a.value, a.action) for a in p.answers)},
        f"{len(p.answers)} answers; {in_store} corrected in the store, {pending} pending"))
        for (_i, p), (in_store, pending, _rows) in zip(applied, flowed, strict=True)], at=at)
    session.flush()
    done: dict[int, Submitted] = {}
    for (i, p), (in_store, pending, _rows) in zip(applied, flowed, strict=True):
        counts: defaultdict[str, int] = defaultdict(int)
        for a in p.answers:
            counts[a.action] += 1
        done[i] = Submitted(p.form.id, counts["confirm"], in_store, pending, counts["fill"], [])
    kept = [(p.principal.id, p.key[0], p.key[1], 200, _kept(done[i])) for i, p in applied if p.key is not None]
    if claims.keep_keys(session, kept, at) != len(kept):
        on_record = claims.records(session, [(p.principal.id, p.key[0]) for _i, p in applied if p.key])
        for _i, p in applied:
            first = on_record.get((p.principal.id, p.key[0])) if p.key else None
            if first is not None and p.key is not None and first.body_hash != p.key[1]:
                idempotency.replayed(p.key[0], p.key[1], first)  # refuses the key reused; all is undone
        # A concurrent write of the same key (PostgreSQL) committed first: this one is undone whole,
        # and its retry is answered as that write's repeat.
        raise RetryLater("a request with this Idempotency-Key ran at the same moment; retry",
                         [Problem(["header", "Idempotency-Key"], "in progress")])
    # Last: the requests' count of open forms is one row each, which every submission of a request
    # updates, so on PostgreSQL it is held from here to the commit, and only that long.
    completed = _complete_requests(session, [p for _i, p in applied])
    for i, p in applied:
        if p.form.id in completed:  # rare: the request's last form, its record says so too
            done[i].completed_requests = completed[p.form.id]
            if p.key is not None:
                claims.settle_key(session, p.principal.id, p.key[0], 200, _kept(done[i]))
        out[i] = (200, asdict(done[i]), {})
    return out


def _kept(done: Submitted) -> str:
    """A submission's response as its idempotency record keeps it."""
    return json.dumps({"body": asdict(done), "headers": {}}, default=str, ensure_ascii=False)


def submit(session: Session, principal: Principal, form_id: str, body: AnswersIn, if_match: str | None) -> Submitted:
    """Validate every answer, then confirm, correct and fill in one transaction, and let it flow back."""
    plan = prepare_submission(session, principal, form_id, body, if_match)
    assert isinstance(plan, SubmissionPlan)  # without a key there is no record to answer from
    (outcome,) = apply_submissions(session, [plan])
    if isinstance(outcome, DomainError):
        raise outcome
    return Submitted(**outcome[1])


def _record_answers(session: Session, plans: list[SubmissionPlan]) -> None:
    """Write every answer of the forms in a few statements, and keep the loaded items in step."""
    store.write_answers(session, [(p.form.id, a.item.entity_id, a.item.key, a.value, a.action, a.reason)
                                  for p in plans for a in p.answers])
    for p in plans:  # the loaded objects follow the store, without a second write
        for a in p.answers:
            for name, value in (("value", a.value), ("action", a.action), ("reason", a.reason)):
                set_committed_value(a.item, name, value)


def _flow_back(session: Session, principal: Principal, form: Form, answers: list[_Final], d: Dictionary,
               at: datetime) -> tuple[int, int, list[dict[str, object]]]:
    """Corrections to the store or to their owner; answers the store lacks become collected values
    (returned, for the caller to keep with those of other forms)."""
    store_changes: dict[str, dict[str, dict[str, str | None]]] = {"school": defaultdict(dict), "teacher": defaultdict(dict)}
    reasons: list[str] = []
    pending = 0
    for a in answers:
        f = d.fields.get(a.item.key)
        if f is None or is_custom(a.item.key):
            continue
        if a.action != "correct":
            continue
        if f.source.school_may_correct and not f.is_indicator:
            store_changes[f.entity][a.item.entity_id][f.column] = a.value
            reasons.append(f"{f.key}: {a.reason}")
        else:
            session.add(Correction(
                id=new_id(), form_id=form.id, school_code=form.school_code, entity=f.entity,
                entity_id=a.item.entity_id, key=f.key, previous=a.item.prefill, value=a.value, reason=a.reason or "",
                owner=f.source.owner, status="pending", created_by=principal.id, created_at=at,
            ))
            pending += 1
    in_store = 0
    for entity, rows in store_changes.items():
        if rows:
            in_store += apply_to_store(session, entity, rows, by=principal.id, source="correction", ref=form.id,
                                       reason="; ".join(reasons), at=at, effective_from=form.reference_date)
    collected: list[dict[str, object]] = [{
        "entity_id": a.item.entity_id, "key": a.item.key, "reference_date": form.reference_date, "value": a.value,
        "source": "correction" if a.action == "correct" else "form", "ref": form.id, "collected_by": principal.id,
        "collected_at": at} for a in answers if a.item.key not in d.fields and a.value is not None]
    return in_store, pending, collected


def apply_to_store(session: Session, entity: str, rows: dict[str, dict[str, str | None]], *, by: str, source: str,
                   ref: str, reason: str | None, at: datetime, effective_from: date | None = None) -> int:
    """New versions of records (entity id -> changed column values), other columns kept; true from
    `effective_from` (a correction: the reference date of the form it was made on)."""
    d = dictionary()
    fields = {f.column: f for f in d.entity_fields(as_entity(entity))}
    key = "code" if entity == "school" else "id"
    changed = sorted({c for r in rows.values() for c in r})
    current = store.current_records(session, entity, list(rows))
    data: dict[str, list[str | None]] = {key: [], **{c: [] for c in changed}}
    for eid, cols in rows.items():
        if eid not in current:
            continue
        data[key].append(eid)
        for c in changed:
            v = cols.get(c, getattr(current[eid], c))
            data[c].append(None if v is None else str(v))
    table = pa.table({c: pa.array(v, pa.string()) for c, v in data.items()})
    counts = bulk.write_versions(session, target=entity, key=key, columns={c: f.type for c, f in fields.items()},
                                 rows=table, at=at, by=by, source=source, ref=ref, reason=reason,
                                 effective_from=effective_from)
    return counts.updated


def _complete_requests(session: Session, plans: list[SubmissionPlan]) -> dict[str, list[str]]:
    """Requests whose every form is now submitted complete: closed, and their webhook called; by
    form, the requests its submission completed. Submissions count their requests' open forms down
    (service/store/requests.count_down); the counter's row lock (PostgreSQL) or the single writer
    (DuckDB) lets exactly one unit of work see a request reach zero, and within it the last of
    its forms completes it."""
    done = [rid for rid in requests_repo.count_down(session, [p.form.id for p in plans])
            if (r := requests_repo.get(session, rid)) is not None and r.status == "issued"]
    if not done:
        return {}
    completed: dict[str, list[str]] = defaultdict(list)
    sections = _sections(session, [p.form.id for p in plans])
    for rid in done:
        last = next(p for p in reversed(plans) if any(s.request_id == rid for s in sections.get(p.form.id, [])))
        _close(session, last.principal.id, [rid])
        completed[last.form.id].append(rid)
    return completed


def _close(session: Session, by: str, request_ids: list[str]) -> list[str]:
    for rid in request_ids:
        r = requests_repo.get(session, rid)
        if r is not None:
            machine.transition(session, r, "closed", by, "every form submitted")
            request_completed(session, r)
    return request_ids


def close_completed(engine: Engine, _at: datetime | None = None) -> list[str]:
    """Background pass: close every issued request whose forms are all submitted, in its own unit of work."""
    with session_scope(engine) as session:
        return _close(session, "system", requests_repo.without_open_forms(session))

