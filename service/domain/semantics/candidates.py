"""Near misses: fuzzy similarity to the dictionary's stored fields, the declared-type vetoes, and
the candidates a `new` field lists so that a department can pick one instead.

Fuzzy similarity only ever names a stored field (an address, a name), never a count: a count is
read or it is not. It takes a high bar, a clear margin over the runner-up, and no difference in
negation or number, because a wrong pre-fill costs more than asking a school once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from service.domain.dictionary import Dictionary
from service.domain.semantics.text import fold, normalise

MATCH_THRESHOLD = 0.85
AMBIGUITY_MARGIN = 0.04
MAX_CANDIDATES = 3
CONF_FUZZY_CAP = 0.9
CONF_STRUCTURED = 0.8


@dataclass(frozen=True)
class Candidate:
    key: str
    label: str
    score: float


# --- declared types -----------------------------------------------------------------------------

_TYPE_SYNONYMS = {
    "string": "text", "str": "text", "varchar": "text", "char": "text",
    "int": "integer", "number": "integer", "numeric": "integer", "count": "integer",
    "float": "decimal", "double": "decimal",
    "datetime": "date", "timestamp": "date",
    "select": "enum", "select_one": "enum", "choice": "enum", "code": "enum", "dropdown": "enum",
    "bool": "boolean", "yes_no": "boolean", "yesno": "boolean", "checkbox": "boolean",
}  # fmt: skip
# Which declared types are a plausible way to ask for a field of each dictionary type. A count
# is never a date; codes are often declared as numbers or text, so enums accept those.
_COMPATIBLE = {
    "integer": {"integer", "decimal", "text"},
    "decimal": {"integer", "decimal", "text"},
    "enum": {"enum", "text", "integer", "boolean"},
    "boolean": {"boolean", "enum", "text"},
    "date": {"date", "text"},
    "text": {"text", "integer", "enum"},
}


def declared(type_: str | None) -> str | None:
    """The department's declared type in dictionary terms; None when absent or unrecognised."""
    if type_ is None:
        return None
    t = type_.strip().lower()
    t = _TYPE_SYNONYMS.get(t, t)
    return t if t in _COMPATIBLE else None


_COUNT_WORDING = re.compile(
    r"(?:人数|数量|总数|数|[(（]人[)）])\s*$|\b(?:number|count|no|num)\s*\.?\s+of\b|#\s*of\b|\b(?:head)?count\s*$"
    # Not a code or a number asked ("学校代码是多少？", "身份证号是多少"): its value, not how many.
    r"|how many|(?<![码号]是)(?<![码号])多少"
)
_YES_NO_WORDING = re.compile(r"^\s*(?:是否|有无|是不是|(?:is|are|whether|has|have|does|do)\b)")


def implied_type(label: str, given: str | None) -> str | None:
    """What the wording says about its type: "…人数" and "number of …" are counts (also when
    declared a number: "编制人数" as integer is a count, not the establishment code); "是否…" and
    "is …" are yes/no questions when no other type is declared."""
    text = fold(label)
    if given in (None, "integer", "decimal") and _COUNT_WORDING.search(text):
        return "count"
    if given is None and _YES_NO_WORDING.search(text):
        return "boolean"
    return given


def fits(implied: str | None, field_type: str) -> bool:
    """A declared type rules a field out only when it could not hold the field's values; a count
    wording fits only numeric fields."""
    if implied == "count":
        return field_type in ("integer", "decimal")
    return implied is None or implied in _COMPATIBLE[field_type]


# --- the index of stored fields' names ----------------------------------------------------------


@dataclass
class _Index:
    exact: dict[str, dict[str, str]]  # normalised wording -> {key: "label" | "alias"}
    choices: list[str]
    choice_keys: list[str]
    stored: set[str]  # keys fuzzy similarity may name
    key_list: list[str]
    words: frozenset[str]  # the English words of every name


def index(d: Dictionary) -> _Index:
    return d.derived(_build_index)


def _build_index(d: Dictionary) -> _Index:
    exact: dict[str, dict[str, str]] = {}
    choices: list[str] = []
    choice_keys: list[str] = []
    for f in d.fields.values():
        for raw, kind in ((f.labels.zh, "label"), (f.labels.en, "label"), *((a, "alias") for a in f.aliases)):
            norm = normalise(raw)
            if not norm:
                continue
            if not f.is_indicator:
                exact.setdefault(norm, {}).setdefault(f.key, kind)
            choices.append(norm)
            choice_keys.append(f.key)
    words = frozenset(w for c in choices if c.isascii() for w in c.split())
    return _Index(exact, choices, choice_keys, {k for k, f in d.fields.items() if not f.is_indicator}, list(d.fields), words)


# --- fuzzy similarity ---------------------------------------------------------------------------

# A wording that differs from a name by a negation or a number is another field however similar
# it looks: "非在编" is not "在编", "grade 2" is not "grade 1".
_NEGATIONS = frozenset("非无未不否没") | frozenset({"not", "non", "no", "without", "un", "excluding", "except"})
_STOPWORDS = frozenset({"of", "for", "in", "at", "by", "per", "to"})


def scores(text: str, d: Dictionary) -> dict[str, tuple[float, str]]:
    """Best similarity (0..1) of normalised `text` to each field's names, with the best name.
    Character `ratio` suits Chinese; `token_sort_ratio` forgives English word order. Subset scorers
    are not used: they rate "teachers with a health certificate" as equal to "teachers"."""
    idx = index(d)
    best: dict[str, tuple[float, str]] = {}
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
        for choice, score, i in process.extract(text, idx.choices, scorer=scorer, limit=None, score_cutoff=40):
            key = idx.choice_keys[i]
            if score / 100 > best.get(key, (0.0, ""))[0]:
                best[key] = (score / 100, choice)
    return best


def _differs_materially(a: str, b: str) -> bool:
    diff = set(a) ^ set(b)
    words = set(a.split()) ^ set(b.split())
    return bool(diff & _NEGATIONS) or bool(words & _NEGATIONS) or any(c.isdigit() for c in diff)


def _units(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text))


def _adds_words(text: str, name: str) -> bool:
    """True when `text` is `name` with more words: "专任教师缺额" is narrower than "专任教师"; the
    other way round "参加工作时间" (any work) is not "参加教育工作时间" (work in education)."""
    it = iter(_units(text))
    shorter = _units(name)
    return len(shorter) < len(_units(text)) and all(u in it for u in shorter)


def _words_align(text: str, name: str, known: frozenset[str]) -> bool:
    """English wordings match only word for word (typos and order forgiven). A word of some name is
    no typo of another: "employer name" is not "employee name"."""
    if not (text.isascii() and name.isascii()):
        return True
    a = [w for w in text.split() if w not in _STOPWORDS]
    b = [w for w in name.split() if w not in _STOPWORDS]

    def covered(xs: list[str], ys: list[str]) -> bool:
        return all(any(x == y or (fuzz.ratio(x, y) >= 80 and not (x in known and y in known)) for y in ys) for x in xs)

    return covered(a, b) and covered(b, a)


@dataclass(frozen=True)
class Fuzzy:
    key: str
    score: float
    name: str


def fuzzy(text: str, implied: str | None, d: Dictionary, found: dict[str, tuple[float, str]]) -> Fuzzy | None:
    """A stored field only when it is clearly nearest, above the threshold, and plausible."""
    idx = index(d)
    ranked = sorted(((k, s) for k, s in found.items() if k in idx.stored), key=lambda kv: -kv[1][0])
    if not ranked:
        return None
    key, (score, name) = ranked[0]
    runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
    if (
        score >= MATCH_THRESHOLD
        and score - runner_up >= AMBIGUITY_MARGIN
        and not _differs_materially(text, name)
        and not _adds_words(text, name)
        and not _adds_words(name, text)
        and _words_align(text, name, idx.words)
        and fits(implied, d.fields[key].type)
    ):
        return Fuzzy(key, score, name)
    return None


def candidates(first: list[tuple[str, str]], found: dict[str, tuple[float, str]], d: Dictionary,
               zh: bool) -> tuple[Candidate, ...]:
    """Up to three nearest: (key, label) pairs the reader named first, then the best fuzzy scores."""
    out: dict[str, Candidate] = {}
    for key, label in first:
        score = max(found.get(key, (0.0, ""))[0], CONF_STRUCTURED)
        out.setdefault(key, Candidate(key, label, round(score, 3)))
    for key, (score, _) in sorted(found.items(), key=lambda kv: -kv[1][0]):
        if len(out) >= MAX_CANDIDATES:
            break
        f = d.fields[key]
        out.setdefault(key, Candidate(key, f.labels.zh if zh else f.labels.en, round(score, 3)))
    return tuple(out.values())[:MAX_CANDIDATES]


def key_candidates(key: str, label: str | None, d: Dictionary) -> dict[str, tuple[float, str]]:
    """Near keys for a misspelt key, and near names for the label sent with it."""
    found = {k: (s / 100, k) for k, s, _ in process.extract(key, index(d).key_list, scorer=fuzz.ratio,
                                                           limit=MAX_CANDIDATES)}
    if label:
        for k, v in scores(normalise(label), d).items():
            if v[0] > found.get(k, (0.0, ""))[0]:
                found[k] = v
    return found
