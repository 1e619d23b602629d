"""The corpus of department forms (tests/domain/corpus/): every entry is checked against the
dictionary and the conventions of docs/definitions.md, then the service reads every form through the
analysis API and is scored: precision = correct / answered, recall = correct / answerable.

Figures are printed for the tuned and the held-out part; misses are listed for the tuned part only
(the held-out part is for measuring, never for tuning). `make test` reads a quarter of the forms on each
store (chosen by a hash of the form id) and holds the tuned part's readings to their bars (precision
>= 0.98, recall >= 0.95), so a rule that breaks forms already read fails the suite. `make corpus`
(COLLECTONCE_CORPUS_ALL=1) reads every form and prints each blind round's figures; with
COLLECTONCE_CORPUS_BARS=1 the issue's bars are asserted on the held-out part too (precision >= 0.98,
recall >= 0.95).
"""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from fastapi.testclient import TestClient

from service.domain.clock import now
from tests.conftest import Province, auth
from tests.domain.corpus_dsl import Canonical, Count, DslError, Value, from_definition, from_key, parse, render

CORPUS_DIR = Path(__file__).parent / "corpus"
PARTS = ("tuned", "heldout")
FIELD_TYPES = {"integer", "decimal", "text", "date", "boolean", "enum"}
FORM_KEYS = {"form", "source", "level", "title", "fields"}
ENTRY_KEYS = {"headers", "label", "type", "expect", "note"}
MAX_HEADERS = 6  # what the analysis API accepts
# Prefixes of the forms added in the blind rounds (written without the service's answers), whose figures
# are also printed apart.
BLIND_ROUNDS = ("c2-", "c3-", "c4-", "c5-", "c6-", "c7-", "c8-", "c9-", "c10-", "c11-", "c12-", "c13-", "c14-", "c15-", "c16-", "c17-", "c18-", "c19-", "c20-", "c21-", "c22-", "c23-", "c24-", "c25-", "c26-", "c27-", "c28-", "c29-", "c30-", "c31-", "c32-", "c33-", "c34-", "c35-", "c36-", "c37-", "c38-", "c39-", "c40-", "c41-", "c42-", "c43-", "c44-", "c45-", "c46-", "c47-", "c48-", "c49-", "c50-", "c51-", "c52-", "c53-", "c54-", "c55-")

_OF_WHICH = re.compile(r"^\s*(其中|#|＃|of which|including|among them)", re.IGNORECASE)
# A count wording that names none of these takes its population from the title, a header or the
# total above it.
_POPULATION_WORDS = ("教师", "教師", "教职", "教職", "职工", "職工", "员工", "員工", "人员", "人員",
                     "teacher", "staff", "personnel", "employee", "educator", "worker")
# A sentence put to the reader: a question mark, or a numbered "您…"/"请…"/"How…" opening.
_QUESTION = re.compile(r"[?？]\s*$|^\s*(?:[(（]?\w{0,2}\d+[.、．)）]?\s*)?(?:您|你|请|(?:how|what|which|when|do|does|are|is|your)\b)",
                       re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


# Every form is read under `make corpus`; `make test` reads a quarter on each store (3.5 min a store
# for the whole corpus, on this project's 2-core machines).
ALL_FORMS = os.environ.get("COLLECTONCE_CORPUS_ALL") == "1"
HELD_OUT_BARS = os.environ.get("COLLECTONCE_CORPUS_BARS") == "1"


def read_now(form: dict[str, Any]) -> bool:
    return ALL_FORMS or zlib.crc32(form["form"].encode()) % 4 == 0


def part_of(form_id: str) -> str:
    """The split: a fifth of the forms, chosen by a hash of the form id, is held out."""
    return "heldout" if int(hashlib.sha256(form_id.encode()).hexdigest(), 16) % 5 == 0 else "tuned"


@dataclass(frozen=True)
class Entry:
    part: str
    form: dict[str, Any]
    position: int
    field: dict[str, Any]

    @property
    def label(self) -> str:
        return str(self.field["label"])

    @property
    def headers(self) -> list[str]:
        return [str(h) for h in self.field.get("headers", [])]

    @property
    def expect(self) -> str:
        return str(self.field["expect"])

    @property
    def where(self) -> str:
        return f"{self.part}:{self.form['form']}#{self.position} {' / '.join([*self.headers, self.label])!r}"

    @property
    def english(self) -> bool:
        return not _CJK.search(self.label)

    @property
    def in_context(self) -> bool:
        """The wording alone does not say what is counted: a header, the title or the total above does."""
        if self.headers or _OF_WHICH.match(self.label):
            return True
        return self.expect.startswith("count(") and not any(w in self.label.lower() for w in _POPULATION_WORDS)

    @property
    def question(self) -> bool:
        return bool(_QUESTION.search(self.label))


def load_part(part: str) -> list[dict[str, Any]]:
    forms = yaml.safe_load((CORPUS_DIR / f"{part}.yaml").read_text(encoding="utf-8"))
    assert isinstance(forms, list) and forms, f"{part}.yaml holds no forms"
    return forms


def entries(part: str) -> list[Entry]:
    return [Entry(part, form, i, fld) for form in load_part(part) for i, fld in enumerate(form["fields"])]


ALL = [e for part in PARTS for e in entries(part)]


# --- the corpus itself: always asserted ------------------------------------------------------


def validation_problems(e: Entry) -> list[str]:
    """What is wrong with one entry, by the dictionary and the conventions of docs/definitions.md."""
    out: list[str] = []
    f = e.field
    if set(f) - ENTRY_KEYS:
        out.append(f"unknown keys {sorted(set(f) - ENTRY_KEYS)}")
    if not isinstance(f.get("label"), str) or not f["label"].strip():
        out.append("no label")
    if "type" in f and f["type"] not in FIELD_TYPES:
        out.append(f"type {f['type']!r} is not one of {sorted(FIELD_TYPES)}")
    headers = f.get("headers", [])
    if not isinstance(headers, list) or len(headers) > MAX_HEADERS or not all(isinstance(h, str) and h.strip() for h in headers):
        out.append("headers must be a list of up to 6 non-empty strings")
    try:
        want = parse(e.expect)
    except DslError as exc:
        return [*out, f"expect: {exc}"]
    level = e.form["level"]
    if isinstance(want, Value):
        entity = want.key.split(".", 1)[0]
        if (level, entity) not in (("school", "school"), ("roster", "teacher")):
            out.append(f"field({want.key}) does not fit a {level} form")
    if isinstance(want, Count):
        if level != "school":
            out.append("a count is a school-level figure, not a roster field")
        if want.unsatisfiable:
            out.append("no teacher can satisfy this count")
        elif want.condition("teacher.status") is None:
            out.append("a count names the status it counts (status=1 for active staff)")
    return out


def test_every_entry_is_valid_by_the_dictionary_and_the_conventions() -> None:
    problems = [f"{e.where}: {p}" for e in ALL for p in validation_problems(e)]
    assert not problems, "\n".join(problems)


def test_forms_are_whole_and_in_the_part_their_id_chooses() -> None:
    problems: list[str] = []
    seen: set[str] = set()
    for part in PARTS:
        for form in load_part(part):
            fid = form.get("form")
            if not isinstance(fid, str) or fid in seen:
                problems.append(f"{part}: missing or repeated form id {fid!r}")
                continue
            seen.add(fid)
            if set(form) - FORM_KEYS:
                problems.append(f"{fid}: unknown keys {sorted(set(form) - FORM_KEYS)}")
            if part_of(fid) != part:
                problems.append(f"{fid}: belongs in {part_of(fid)}.yaml")
            if form.get("level") not in ("school", "roster") or not form.get("source") or not form.get("fields"):
                problems.append(f"{fid}: needs a level (school or roster), a source and fields")
    assert not problems, "\n".join(problems)


def test_a_form_asks_each_definition_once() -> None:
    """A department's form does not ask the same thing twice: the service would refuse it."""
    problems: list[str] = []
    for part in PARTS:
        for form in load_part(part):
            defs: dict[Canonical, int] = {}
            for i, f in enumerate(form["fields"]):
                want = parse(f["expect"])
                if want is not None and want in defs:
                    problems.append(f"{form['form']}#{i}: asks {render(want)} again (as #{defs[want]})")
                defs.setdefault(want, i)
    assert not problems, "\n".join(problems)


def mix(es: list[Entry]) -> dict[str, float]:
    n = len(es)
    return {
        "forms": len({e.form["form"] for e in es}), "fields": n,
        "answerable": sum(e.expect != "new" for e in es) / n, "english": sum(e.english for e in es) / n,
        "context": sum(e.in_context for e in es) / n, "questions": sum(e.question for e in es) / n,
        "roster": sum(e.form["level"] == "roster" for e in es) / n,
    }


def _show_mix(name: str, m: dict[str, float]) -> str:
    return (f"{name}: {m['forms']:.0f} forms, {m['fields']:.0f} fields, answerable {m['answerable']:.0%}, "
            f"English {m['english']:.0%}, in context {m['context']:.0%}, questions {m['questions']:.0%}, "
            f"roster {m['roster']:.0%}")


def test_the_corpus_is_large_and_mixed_and_both_parts_alike() -> None:
    whole, tuned, held = mix(ALL), mix(entries("tuned")), mix(entries("heldout"))
    print("\n" + "\n".join(_show_mix(n, m) for n, m in (("corpus", whole), ("tuned", tuned), ("heldout", held))))
    assert whole["fields"] >= 450
    assert 0.55 <= whole["answerable"] <= 0.65
    assert whole["english"] >= 0.30
    assert sum(e.in_context for e in ALL) >= 40
    for key in ("answerable", "english", "context", "questions", "roster"):
        assert abs(tuned[key] - held[key]) <= 0.12, f"the parts differ in {key}: {tuned[key]:.0%} vs {held[key]:.0%}"


# --- the service reads the corpus ---------------------------------------------------------------


@dataclass
class Reading:
    entry: Entry
    got: Canonical
    answered: bool
    refused: str | None = None  # the service refused the field (422), so it answered nothing
    malformed: str | None = None

    @property
    def want(self) -> Canonical:
        return parse(self.entry.expect)

    @property
    def correct(self) -> bool:
        return self.answered and self.malformed is None and self.got == self.want


def _request(form: dict[str, Any], keep: list[int]) -> dict[str, Any]:
    today = now().date()
    fields = []
    for i in keep:
        f = form["fields"][i]
        out: dict[str, Any] = {"label": f["label"]}
        if "type" in f:
            out["type"] = f["type"]
        if f.get("headers"):
            out["headers"] = f["headers"]
        fields.append(out)
    return {
        "title": form.get("title") or form["source"], "purpose": f"corpus: {form['source']}",
        "kind": "statistical", "level": form["level"], "fields": fields,
        "scope": {"regions": ["430000"]}, "reference_date": str(today + timedelta(days=30)),
        "due_date": str(today + timedelta(days=60)),
    }


def _read(field_out: dict[str, Any]) -> tuple[Canonical, bool, str | None]:
    """What the service says a field means. Until every analysis carries a `definition`, a field
    without one is read from its key: a dictionary key names its definition, a custom key is new."""
    if "definition" in field_out:
        try:
            got = from_definition(field_out["definition"])
        except (DslError, KeyError, TypeError, AttributeError) as exc:
            return None, True, f"malformed definition: {exc}"
        return got, got is not None, None
    got = from_key(field_out.get("key") if field_out.get("matched") else None)
    return got, got is not None, None


def read_form(client: TestClient, token: str, part: str, form: dict[str, Any]) -> list[Reading]:
    """Post the form as one analysis request. Fields the service refuses (422 naming the field) are
    read as unanswered and the rest of the form is posted again, so one refusal does not hide the
    other fields' readings; a refusal that names no field refuses the whole form."""
    keep = list(range(len(form["fields"])))
    refused: dict[int, str] = {}
    while keep:
        r = client.post("/v1/requests/analysis", headers=auth(token), json=_request(form, keep))
        if r.status_code == 200:
            break
        assert r.status_code == 422, f"{form['form']}: {r.status_code} {r.text}"
        named = {keep[e["loc"][2]]: e["msg"] for e in r.json().get("errors", [])
                 if len(e["loc"]) > 2 and e["loc"][:2] == ["body", "fields"] and isinstance(e["loc"][2], int)}
        if not named:
            refused |= dict.fromkeys(keep, r.json().get("detail", "refused"))
            keep = []
            break
        refused |= named
        keep = [i for i in keep if i not in named]
    out: dict[int, Reading] = {i: Reading(Entry(part, form, i, form["fields"][i]), None, False, refused=msg)
                               for i, msg in refused.items()}
    if keep:
        returned = r.json()["fields"]
        assert len(returned) == len(keep), f"{form['form']}: {len(keep)} fields sent, {len(returned)} analysed"
        for i, fo in zip(keep, returned, strict=True):
            got, answered, malformed = _read(fo)
            out[i] = Reading(Entry(part, form, i, form["fields"][i]), got, answered, malformed=malformed)
    return [out[i] for i in sorted(out)]


def miss_kind(r: Reading) -> str:
    """Which of the issue's kinds of misunderstanding a wrong reading falls in."""
    e = r.entry
    if r.want is None:
        return "trap answered"
    if r.answered:
        return "wrong definition"
    if r.refused:
        return "refused"
    if e.in_context:
        return "context"
    if e.question:
        return "question"
    if isinstance(r.want, Count) and len(r.want.conditions) > 3:
        return "composition"
    return "wording"


@dataclass
class Score:
    answered: int
    correct: int
    answerable: int

    @property
    def precision(self) -> float:
        return self.correct / self.answered if self.answered else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.answerable if self.answerable else 1.0


def score(readings: list[Reading]) -> Score:
    return Score(sum(r.answered for r in readings), sum(r.correct for r in readings),
                 sum(r.want is not None for r in readings))


def _describe(r: Reading) -> str:
    got = r.refused or r.malformed or render(r.got)
    return f"  [{miss_kind(r)}] {r.entry.where}: expected {r.entry.expect}, got {got}"


def test_the_service_reads_department_forms_as_a_careful_reader_does(client: TestClient, province: Province) -> None:
    token = province.tokens["department"]
    readings = {part: [r for form in load_part(part) if read_now(form) for r in read_form(client, token, part, form)]
                for part in PARTS}
    scores = {part: score(rs) for part, rs in readings.items()}
    read = "every form" if ALL_FORMS else "a quarter of the forms (COLLECTONCE_CORPUS_ALL=1: all)"
    lines = ["", f"corpus scores, {read}:"]
    for part, s in scores.items():
        refused = sum(r.refused is not None for r in readings[part])
        lines.append(f"  {part}: precision {s.precision:.1%} ({s.correct}/{s.answered}), "
                     f"recall {s.recall:.1%} ({s.correct}/{s.answerable}), fields refused {refused}")
    for prefix in BLIND_ROUNDS if ALL_FORMS else ():  # the forms added in each blind round, alone
        for part, rs in readings.items():
            s = score([r for r in rs if r.entry.form["form"].startswith(prefix)])
            lines.append(f"  {part}, {prefix} forms only: precision {s.precision:.1%} ({s.correct}/{s.answered}), "
                         f"recall {s.recall:.1%} ({s.correct}/{s.answerable})")
    misses = [r for r in readings["tuned"] if not r.correct and (r.answered or r.want is not None)]
    kinds = Counter(miss_kind(r) for r in misses)
    lines.append(f"  tuned misses by kind: {dict(kinds.most_common())}")
    # The held-out misses by kind only: their wordings stay unseen, or the part would be tuned on.
    held_kinds = Counter(miss_kind(r) for r in readings["heldout"] if not r.correct and (r.answered or r.want is not None))
    lines.append(f"  held-out misses by kind: {dict(held_kinds.most_common())}")
    lines += [_describe(r) for r in misses]
    print("\n".join(lines))
    tuned = scores["tuned"]
    assert tuned.precision >= 0.98, f"tuned precision {tuned.precision:.1%}: readings of forms read right before now go wrong"
    assert tuned.recall >= 0.95, f"tuned recall {tuned.recall:.1%}: forms read before are no longer read"
    if HELD_OUT_BARS:
        held = scores["heldout"]
        assert held.precision >= 0.98, f"held-out precision {held.precision:.1%}"
        assert held.recall >= 0.95, f"held-out recall {held.recall:.1%}"
