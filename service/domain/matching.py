"""Field matching: a department's wording (or key) to a dictionary key, or `new`.

The rule: a field is matched only when the evidence is unambiguous, in this order:
exact key; exact label or alias (either language, after `normalise`); the same with a redundant
entity word dropped ("教师性别"); an indicator parsed in full from its wording (population ×
one breakdown code); fuzzy similarity above `MATCH_THRESHOLD`. Anything else is `new`, with the
nearest known fields as candidates, so an unmatched wording is never guessed silently.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from service.domain.dictionary import Dictionary, Field, IndicatorFamily, dictionary

# Fuzzy similarity (0..1) at or above which a wording is taken as a known field. Below it the
# result is `new`: a wrong pre-fill costs more than asking a school once, so precision wins.
MATCH_THRESHOLD = 0.85
# Two different fields scoring within this margin of each other make a fuzzy match ambiguous.
AMBIGUITY_MARGIN = 0.04
MAX_CANDIDATES = 3

_CONF_LABEL = 0.98
_CONF_ALIAS = 0.95
_CONF_INDICATOR = 0.95
_CONF_ENTITY_DROPPED = 0.9
_CONF_INDICATOR_IMPLIED = 0.9
_STRUCTURED_CANDIDATE_SCORE = 0.8


@dataclass(frozen=True)
class Candidate:
    key: str
    label: str
    score: float


@dataclass(frozen=True)
class Match:
    key: str | None  # None means new
    confidence: float
    reason: str
    candidates: tuple[Candidate, ...] = ()


# --- normalisation -----------------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['’‘`´]")
_SPACES = re.compile(r"\s+")
# Spaces next to a CJK (non-ASCII) character carry no meaning: Chinese has no word spaces.
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
# English plurals fold to the singular; -ss, -us, -is words are not plurals.
_PLURAL = re.compile(r"\b([a-z]{2,}[^\Wsui])s\b")
_PREFIX = re.compile(r"^(?:其中|(?:of which|including|incl|among them|among whom|among which)\b)\s*")
_EN_UNITS = re.compile(r"\b(?:(?:number|count|no|num)\s+of|total|the|a|an)\b")
_EN_UNIT_SUFFIX = re.compile(r"\s+(?:count|person|people)$")
# Chinese units and totals said at the end of a count: 人 / 人数 / 数 / 总数 / 合计 ...
_ZH_UNIT_SUFFIX = re.compile(r"(?:人数|数量|总数|总计|合计|小计|人|数|总)$")


def _normalise_once(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).casefold()
    t = _APOSTROPHES.sub("", t)
    # Punctuation, symbols, separators and control characters all separate words.
    t = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in t)
    t = _PLURAL.sub(r"\1", t)
    t = _EN_UNITS.sub(" ", t)
    t = _CJK_SPACE.sub("", _SPACES.sub(" ", t).strip())
    t = _PREFIX.sub("", t)
    t = _EN_UNIT_SUFFIX.sub("", t)
    return _ZH_UNIT_SUFFIX.sub("", t).strip()


def normalise(text: str) -> str:
    """Fold a wording to its comparable form: NFKC width, case, punctuation, spacing, plurals,
    leading "其中" / "of which" / "including", and unit words (人, 人数, 数, number of, total).

    Applied until nothing changes, so normalising twice gives the same result.
    """
    previous, current = None, text
    while current != previous:
        previous, current = current, _normalise_once(current)
    return current


def _units(text: str) -> tuple[str, ...]:
    """Split normalised text into comparison units: English words, and single CJK characters."""
    return tuple(re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text))


def _has_cjk(text: str) -> bool:
    return any(ord(c) > 0x2E7F for c in text)


# --- declared types ----------------------------------------------------------------------------

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


def _declared(type_: str | None) -> str | None:
    """The department's declared type in dictionary terms; None when absent or unrecognised."""
    if type_ is None:
        return None
    t = type_.strip().lower()
    t = _TYPE_SYNONYMS.get(t, t)
    return t if t in _COMPATIBLE else None


def _type_fits(declared: str | None, field_type: str) -> bool:
    """A declared type rules a field out only when it could not hold the field's values."""
    return declared is None or declared in _COMPATIBLE[field_type]


# --- the lookup index, built once per Dictionary -----------------------------------------------

TermRole = Literal["link", "after_population", "unit", "dimension", "above", "below"]

# Words that only tie a parsed indicator together. "dimension" words name a breakdown and are
# allowed only when a breakdown is present: "具有职称的教师" is not all teachers.
_FILLERS: dict[TermRole, tuple[str, ...]] = {
    "link": ("其中", "的", "具有", "有", "拥有", "取得", "获得", "为", "是", "在", "之间",
             "with", "who", "whose", "have", "has", "having", "hold", "holding", "of", "in",
             "among", "which", "is", "are", "at", "by"),
    "after_population": ("中",),
    "unit": ("人数", "人", "数", "数量", "总数", "合计", "总计", "小计",
             "number", "count", "person", "people", "headcount"),
    "dimension": ("职称", "职务", "专业技术职务", "专业技术职称", "职级", "学历", "最高学历",
                  "学历层次", "毕业", "年龄", "年龄段", "性别",
                  "title", "rank", "qualification", "education", "educational", "highest",
                  "level", "age", "year", "old", "gender", "sex", "degree"),
    # "本科及以上": the code and everything ranked above (or below) it in its code list.
    "above": ("及以上", "以上", "或以上", "and above", "or above", "or higher", "and higher"),
    "below": ("及以下", "以下", "或以下", "and below", "or below", "or lower", "and lower"),
}  # fmt: skip

# Wordings that name several codes of one code list at once. Statistics tables group
# 研究生 = doctoral + master, and 高中阶段 = general + vocational upper secondary.
_CODE_GROUPS: dict[str, dict[str, tuple[str, ...]]] = {
    "education": {
        "研究生": ("doctoral", "master"),
        "postgraduate": ("doctoral", "master"),
        "高中阶段": ("high_school", "secondary_vocational"),
        "upper secondary": ("high_school", "secondary_vocational"),
    },
}

# Words that name the entity a field belongs to; "教师性别" asks for teacher.gender.
_ENTITY_WORDS = {
    "teacher": ("教师", "老师", "教职工", "教职员工", "teacher", "staff"),
    "school": ("学校", "本校", "该校", "school"),
}


@dataclass(frozen=True)
class _Code:
    """One breakdown code (or group of codes) of an indicator family, as a wording names it."""

    family: str
    breakdown: str
    slugs: tuple[str, ...]


@dataclass
class _Term:
    """Everything one normalised wording can mean inside an indicator phrase."""

    populations: set[str] = field(default_factory=set)
    codes: set[_Code] = field(default_factory=set)
    implied: set[str] = field(default_factory=set)  # populations named inside the term
    roles: set[TermRole] = field(default_factory=set)


@dataclass(frozen=True)
class _AgeBreakdown:
    family: str
    breakdown: str
    bands: tuple[tuple[str, int | None, int | None], ...]  # slug, min, max


@dataclass
class _Index:
    exact: dict[str, dict[str, str]]  # normalised wording -> {key: "label" | "alias"}
    choices: list[str]  # normalised labels and aliases, for fuzzy scoring
    choice_keys: list[str]
    auto_keys: set[str]  # keys a fuzzy score may match (breakdown indicators need the parser)
    terms: dict[tuple[str, ...], _Term]
    max_term: int
    families: dict[str, IndicatorFamily]
    ordered_codes: dict[tuple[str, str], list[str]]  # (family, breakdown) -> slugs in list order
    self_populating: set[tuple[str, str]]  # breakdowns whose codes are kinds of people
    ages: list[_AgeBreakdown]
    key_list: list[str]


_INDEXES: dict[int, tuple[weakref.ref[Dictionary], _Index]] = {}


def _index(d: Dictionary) -> _Index:
    """The lookup index of `d`, built on first use and kept while `d` lives."""
    hit = _INDEXES.get(id(d))
    if hit is not None and hit[0]() is d:
        return hit[1]
    built = _build_index(d)
    _INDEXES[id(d)] = (weakref.ref(d), built)
    return built


def _names(f: Field) -> Iterator[tuple[str, str]]:
    yield f.labels.zh, "label"
    yield f.labels.en, "label"
    for alias in f.aliases:
        yield alias, "alias"


def _build_index(d: Dictionary) -> _Index:
    exact: dict[str, dict[str, str]] = {}
    choices: list[str] = []
    choice_keys: list[str] = []
    for f in d.fields.values():
        for raw, kind in _names(f):
            norm = normalise(raw)
            if not norm:
                continue
            exact.setdefault(norm, {}).setdefault(f.key, kind)
            choices.append(norm)
            choice_keys.append(f.key)
    auto_keys = {
        k for k, f in d.fields.items() if f.indicator is None or f.indicator.breakdown_code is None
    }
    terms: dict[tuple[str, ...], _Term] = {}
    ordered: dict[tuple[str, str], list[str]] = {}
    ages: list[_AgeBreakdown] = []
    population_fields = {k for fam in d.families for k in fam.population}
    self_populating: set[tuple[str, str]] = set()
    families = {fam.key: fam for fam in d.families}
    for fam in d.families:
        for raw in (fam.labels.zh, fam.labels.en, *fam.aliases):
            _term(terms, normalise(raw)).populations.add(fam.key)
    pop_units = {units: set(t.populations) for units, t in terms.items()}
    for fam in d.families:
        for name, bd in fam.breakdowns.items():
            codes = [
                f.indicator.breakdown_code
                for f in d.fields.values()
                if f.indicator is not None
                and f.indicator.family == fam.key
                and f.key.startswith(f"{fam.key}.{name}.")
                and f.indicator.breakdown_code is not None
            ]
            ordered[(fam.key, name)] = [c.slug for c in codes]
            if bd.field in population_fields:
                self_populating.add((fam.key, name))
            if any(c.min is not None or c.max is not None for c in codes):
                ages.append(_AgeBreakdown(fam.key, name, tuple((c.slug, c.min, c.max) for c in codes)))
                continue
            for c in codes:
                for raw in (c.zh, c.en, *c.aliases):
                    _add_code_term(terms, pop_units, normalise(raw), _Code(fam.key, name, (c.slug,)))
            list_name = bd.code_list or (d.fields[bd.field].code_list or "")
            present = {c.slug for c in codes}
            for raw, slugs in _CODE_GROUPS.get(list_name, {}).items():
                if set(slugs) <= present:
                    _add_code_term(terms, pop_units, normalise(raw), _Code(fam.key, name, slugs))
    for role, words in _FILLERS.items():
        for w in words:
            _term(terms, w).roles.add(role)
    return _Index(
        exact=exact,
        choices=choices,
        choice_keys=choice_keys,
        auto_keys=auto_keys,
        terms=terms,
        max_term=max(len(u) for u in terms),
        families=families,
        ordered_codes=ordered,
        self_populating=self_populating,
        ages=ages,
        key_list=list(d.fields),
    )


def _term(terms: dict[tuple[str, ...], _Term], text: str) -> _Term:
    return terms.setdefault(_units(text), _Term())


def _contains(units: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(units[i : i + n] == part for i in range(len(units) - n + 1))


def _add_code_term(
    terms: dict[tuple[str, ...], _Term],
    pop_units: dict[tuple[str, ...], set[str]],
    text: str,
    code: _Code,
) -> None:
    """Register a code wording; "女教师" also implies teachers, and its stem "女" is a wording too."""
    units = _units(text)
    if not units:
        return
    implied = {f for part, fams in pop_units.items() if _contains(units, part) for f in fams}
    t = terms.setdefault(units, _Term())
    t.codes.add(code)
    t.implied |= implied
    for part in pop_units:
        if len(part) < len(units) and units[-len(part) :] == part:
            terms.setdefault(units[: -len(part)], _Term()).codes.add(code)


# --- age bands ---------------------------------------------------------------------------------

_N = r"(?<!\d)(\d{1,3})(?!\d)"
_YRS = r"\s*(?:周岁|岁|years?(?:\s+old)?|yrs?)?"
_AGE_PATTERNS: tuple[tuple[re.Pattern[str], Literal["range", "le", "lt", "ge", "gt"]], ...] = (
    (re.compile(rf"(?:aged?\s*)?(?:between\s*)?{_N}{_YRS}\s*(?:-|–|—|~|至|到|to|and)\s*{_N}{_YRS}"), "range"),
    (re.compile(rf"(?:aged?\s*)?{_N}{_YRS}\s*(?:及以下|以下|或以下|以内|and under|and below|or under|or below|or younger|and younger)"), "le"),
    (re.compile(rf"(?:不超过|不大于|≤|<=)\s*{_N}{_YRS}"), "le"),
    (re.compile(rf"(?:aged\s*)?(?:under|below|younger than|less than|不满|未满|小于|低于|<)\s*(?:the\s+)?(?:age\s+of\s+)?{_N}{_YRS}"), "lt"),
    (re.compile(rf"(?:aged?\s*)?{_N}{_YRS}\s*(?:及以上|以上|或以上|and over|and above|or over|or above|or older|and older|\+)"), "ge"),
    (re.compile(rf"(?:不低于|不小于|≥|>=)\s*{_N}{_YRS}"), "ge"),
    (re.compile(rf"(?:aged\s*)?(?:over|above|older than|more than|大于|超过|>)\s*{_N}{_YRS}"), "gt"),
)  # fmt: skip


def _extract_age(text: str) -> tuple[tuple[int | None, int | None] | None, str]:
    """Find one age range in NFKC text; return (min, max) in whole years and the text without it.

    Chinese 以下/以上 include the number (24岁以下 = up to 24); "under 25" and "over 60" do not.
    """
    for pattern, kind in _AGE_PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        nums = [int(g) for g in m.groups() if g is not None]
        rest = text[: m.start()] + " " + text[m.end() :]
        bounds: tuple[int | None, int | None] = {
            "range": (min(nums), max(nums)),
            "le": (None, nums[0]),
            "lt": (None, nums[0] - 1),
            "ge": (nums[0], None),
            "gt": (nums[0] + 1, None),
        }[kind]
        return bounds, rest
    return None, text


def _overlaps(lo: int | None, hi: int | None, b_lo: int | None, b_hi: int | None) -> bool:
    low = max(lo if lo is not None else -1, b_lo if b_lo is not None else -1)
    high = min(hi if hi is not None else 999, b_hi if b_hi is not None else 999)
    return low <= high


