"""The form page's inputs, to and from the domain's words: posted fields become `AnswersIn`,
and each problem the domain reports goes next to the item it concerns."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError
from starlette.datastructures import FormData

from service.domain.errors import Problem
from service.domain.forms import AnswerIn, AnswersIn, ItemView
from service.web.page import invalid

Ident = tuple[str, str]  # (entity id, field key)


def value_name(item: ItemView) -> str:
    return f"v|{item.entity_id}|{item.key}"


def reason_name(item: ItemView) -> str:
    return f"r|{item.entity_id}|{item.key}"


def anchor(entity_id: str, key: str) -> str:
    return f"i-{entity_id}-{key}"


def input_id(item: ItemView) -> str:
    return f"v-{item.entity_id}-{item.key}"


@dataclass
class Entered:
    value: str = ""
    reason: str = ""


def entered(posted: FormData) -> dict[Ident, Entered]:
    """What the school typed, by item, in page order (so a resent page hashes the same)."""
    out: dict[Ident, Entered] = {}
    for name, raw in posted.multi_items():
        kind, _, rest = name.partition("|")
        entity_id, _, key = rest.partition("|")
        if kind not in ("v", "r") or not key or not isinstance(raw, str):
            continue
        e = out.setdefault((entity_id, key), Entered())
        if kind == "v":
            e.value = raw.strip()
        else:
            e.reason = raw.strip()
    return out


def answers_in(typed: dict[Ident, Entered]) -> AnswersIn:
    """Every input as an answer: the domain tells a confirmation from a correction by comparing
    the value with the pre-filled one, so the page does not have to."""
    try:
        return AnswersIn(answers=[AnswerIn(key=key, entity_id=entity_id, value=e.value or None, reason=e.reason or None)
                                  for (entity_id, key), e in typed.items()])
    except ValidationError as exc:
        raise invalid(exc) from exc


def place(problems: list[Problem], sent: list[Ident], items: list[Ident]) -> list[tuple[Ident | None, Problem]]:
    """Each problem with the item it concerns. A problem names an answer by its position in what
    was sent, an item as "entity/key", or a breakdown as "entity/family.breakdown" (placed at its
    first item); one that names none of these (a stale page, say) concerns the whole form."""
    out: list[tuple[Ident | None, Problem]] = []
    for p in problems:
        target: Ident | None = None
        if p.loc[:2] == ["body", "answers"] and len(p.loc) > 2 and isinstance(p.loc[2], int) and p.loc[2] < len(sent):
            target = sent[p.loc[2]]
        elif p.loc[:2] == ["form", "items"] and len(p.loc) > 2:
            entity_id, _, key = str(p.loc[2]).partition("/")
            target = (entity_id, key) if (entity_id, key) in items else next(
                (i for i in items if i[0] == entity_id and i[1].startswith(key + ".")), None)
        out.append((target, p))
    return out
