"""An issued request as an XLSForm, for departments that collect with ODK.

Rule: only an issued (or closed) request is exported, by its own department: the approval and
scope checks of issue have passed, and the form carries the statutory header the approval gives
(form number, approving authority, approval number, valid until). Each question is named by its
field key, so a form read back (service.domain.templates) asks the same fields.
"""

from __future__ import annotations

import json
import re

from sqlalchemy.orm import Session

from connectors.base import Choice, Question
from connectors.xlsform import XlsFormOut, write
from service.domain.approvals import current_approval
from service.domain.authz import Principal
from service.domain.dictionary import dictionary
from service.domain.errors import Conflict, Problem
from service.domain.requests import fields_of, get_owned
from service.store.requests import custom_types


def export(session: Session, principal: Principal, request_id: str) -> tuple[bytes, str]:
    """The XLSForm workbook of an issued request, and its file name."""
    r = get_owned(session, principal, request_id)
    if r.status not in ("issued", "closed"):
        raise Conflict(f"request {r.id} is {r.status}; it can be exported as an XLSForm once issued",
                       [Problem(["request", "status"], "not issued", r.status)])
    d = dictionary()
    questions: list[Question] = []
    constraints: dict[str, str] = {}
    fields = fields_of(session, r.id)
    custom = custom_types(session, [f.key for f in fields if f.key and f.key not in d.fields])
    for f in fields:
        if not f.key:
            continue
        known = d.fields.get(f.key)
        headers = tuple(json.loads(f.headers))
        if known is None:
            type_ = custom.get(f.key) or f.given_type or "text"
            questions.append(Question(ref=f.key, label=f.label or f.key, headers=headers, name=f.key,
                                      type=type_ if type_ != "enum" else "text",
                                      labels={"zh": f.label or f.key, "en": f.label or f.key}))
            continue
        choices: tuple[Choice, ...] = ()
        if known.type == "enum" and known.code_list:
            choices = tuple(Choice(c.code, {"zh": c.zh, "en": c.en}) for c in d.code_lists[known.code_list].codes)
        questions.append(Question(ref=f.key, label=f.label or known.labels.zh, headers=headers, name=f.key,
                                  type="integer" if known.is_indicator else known.type, choices=choices,
                                  labels={"zh": f.label or known.labels.zh, "en": known.labels.en}))
        bounds = [f". >= {known.min}" if isinstance(known.min, int | float) else "",
                  f". <= {known.max}" if isinstance(known.max, int | float) else ""]
        if known.is_indicator:
            bounds[0] = ". >= 0"
        if any(bounds):
            constraints[f.key] = " and ".join(b for b in bounds if b)
    approval = current_approval(session, r)
    preamble: list[Question] = []
    if approval is not None:
        lines = [f"表号：{approval.form_number or '—'}", f"制定机关：{r.department}", f"批准机关：{approval.authority}",
                 f"批准文号：{approval.number}", f"有效期至：{approval.valid_until.isoformat()}"]
        preamble.append(Question(ref="statutory", label="\n".join(lines), name="statutory", role="note",
                                 labels={"zh": "\n".join(lines), "en": "\n".join(lines)}))
    school = d.fields["school.code"]
    preamble.append(Question(ref="school.code", label=school.labels.zh, name="school.code", type="text",
                             labels={"zh": school.labels.zh, "en": school.labels.en}))
    constraints["school.code"] = r"regex(., '^\d{10}$')"
    form_id = re.sub(r"[^A-Za-z0-9_]", "_", f"collectonce_{r.id}")
    content = write(XlsFormOut(title=r.title, form_id=form_id, version=r.content_hash[:12], questions=questions,
                               preamble=preamble, constraints=constraints))
    return content, f"{r.id}.xlsform.xlsx"
