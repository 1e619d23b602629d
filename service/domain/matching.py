"""Field matching: a department's wording (or key) to a dictionary key, or `new`.

The rule: a field is matched only when the evidence is unambiguous, in this order:
exact key; exact label or alias (either language, after `normalise`); the same with a redundant
entity word dropped ("教师性别"); an indicator parsed in full from its wording (population ×
one breakdown code); fuzzy similarity above `MATCH_THRESHOLD`. Anything else is `new`, with the
nearest known fields as candidates, so an unmatched wording is never guessed silently.
"""

from __future__ import annotations

import itertools
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
# Spaces next to a CJK character carry no meaning: Chinese has no word spaces.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
# English plurals fold to the singular; -ss, -us, -is words are not plurals.
_PLURAL = re.compile(r"\b([a-z]{2,}[^\Wsui])s\b")
_PREFIX = re.compile(
    r"^(?:其中|(?:of which|including|incl|among them|among whom|among which)\b)\s*"
)
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


def _light(text: str) -> str:
    """NFKC, case-folded, spaces collapsed and dropped next to CJK; punctuation kept, because
    age ranges ("25-29", "60+") and bracketed hints need it."""
    t = unicodedata.normalize("NFKC", text).casefold()
    return _CJK_SPACE.sub("", _SPACES.sub(" ", t).strip())


def _units(text: str) -> tuple[str, ...]:
    """Split normalised text into comparison units: English words, and single CJK characters."""
    return tuple(re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text))


def _has_cjk(text: str) -> bool:
    return re.search(f"[{_CJK}]", text) is not None


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


_COUNT_WORDING = re.compile(
    r"(?:人数|数量|总数|数|[(（]人[)）])\s*$|\b(?:number|count|no|num)\s*\.?\s+of\b|#\s*of\b|\b(?:head)?count\s*$"
)
_YES_NO_WORDING = re.compile(r"^\s*(?:是否|有无|是不是|(?:is|are|whether|has|have|does|do)\b)")


def _implied_type(label: str, declared: str | None) -> str | None:
    """What the wording itself says about its type: "…人数" and "number of …" are counts (also when
    declared a number: "编制人数" as integer is a count, not the establishment code); "是否…" and
    "is …" are yes/no questions when no other type is declared."""
    text = _light(label)
    if declared in (None, "integer", "decimal") and _COUNT_WORDING.search(text):
        return "count"
    if declared is None and _YES_NO_WORDING.search(text):
        return "boolean"
    return declared


def _fits(implied: str | None, field_type: str) -> bool:
    """`_type_fits`, where a count wording fits only numeric fields."""
    if implied == "count":
        return field_type in ("integer", "decimal")
    return _type_fits(implied, field_type)


# --- the lookup index, built once per Dictionary -----------------------------------------------

_TermRole = Literal["link", "after_population", "unit", "dimension", "above", "below"]

# Words that only tie a parsed indicator together. "dimension" words name a breakdown and are
# allowed only when a breakdown is present: "具有职称的教师" is not all teachers.
_FILLERS: dict[_TermRole, tuple[str, ...]] = {
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
    roles: set[_TermRole] = field(default_factory=set)


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
    needs_dimension: set[tuple[str, str]]  # breakdowns whose code words also name other things
    ages: list[_AgeBreakdown]
    key_list: list[str]


_INDEXES: dict[int, tuple[weakref.ref[Dictionary], _Index]] = {}


def _index(d: Dictionary) -> _Index:
    """The lookup index of `d`, built on first use and dropped when `d` is garbage."""
    hit = _INDEXES.get(id(d))
    if hit is not None and hit[0]() is d:
        return hit[1]
    built = _build_index(d)
    ident = id(d)

    def forget(ref: weakref.ref[Dictionary]) -> None:
        # Only this entry: the id may already name a newer dictionary's index.
        if _INDEXES.get(ident, (None,))[0] is ref:
            del _INDEXES[ident]

    _INDEXES[ident] = (weakref.ref(d, forget), built)
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
    needs_dimension: set[tuple[str, str]] = set()
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
                ages.append(
                    _AgeBreakdown(fam.key, name, tuple((c.slug, c.min, c.max) for c in codes))
                )
                continue
            # A post type's wording is a kind of person: its stem ("full time") is no code.
            stems = (fam.key, name) not in self_populating
            for c in codes:
                for raw in (c.zh, c.en, *c.aliases):
                    code = _Code(fam.key, name, (c.slug,))
                    _add_code_term(terms, pop_units, normalise(raw), code, stems)
            list_name = bd.code_list or (d.fields[bd.field].code_list or "")
            if _code_words(d, {list_name}) & _code_words(d, set(d.code_lists) - {list_name}):
                needs_dimension.add((fam.key, name))
            for raw, _ in _names(d.fields[bd.field]):
                _term(terms, normalise(raw)).roles.add("dimension")
            present = {c.slug for c in codes}
            for raw, slugs in _CODE_GROUPS.get(list_name, {}).items():
                if set(slugs) <= present:
                    _add_code_term(
                        terms, pop_units, normalise(raw), _Code(fam.key, name, slugs), stems
                    )
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
        needs_dimension=needs_dimension,
        ages=ages,
        key_list=list(d.fields),
    )


def _code_words(d: Dictionary, lists: set[str]) -> set[str]:
    """Every normalised wording of the codes of the named code lists."""
    return {
        normalise(raw)
        for name in lists
        for c in d.code_lists[name].codes
        for raw in (c.zh, c.en, *c.aliases)
    }


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
    stems: bool,
) -> None:
    """Register a code wording. "女教师" also implies teachers; with `stems`, "中学高级教师" also
    registers "中学高级", so "中学高级职称" reads as the same code."""
    units = _units(text)
    if not units:
        return
    implied = {f for part, fams in pop_units.items() if _contains(units, part) for f in fams}
    t = terms.setdefault(units, _Term())
    t.codes.add(code)
    t.implied |= implied
    for part in pop_units if stems else ():
        if len(part) < len(units) and units[-len(part) :] == part:
            terms.setdefault(units[: -len(part)], _Term()).codes.add(code)


# --- age bands ---------------------------------------------------------------------------------

# Ages a teacher can have; other numbers near "to" / "以上" are grades, counts or codes.
_MIN_AGE, _MAX_AGE = 15, 80
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
        if not all(_MIN_AGE <= n <= _MAX_AGE for n in nums):
            return None, text  # "grade 1-3", "2 or above": numbers, but not ages
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


# --- indicator parsing -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parse:
    """An indicator reading of a wording: a key, or why not and which keys it came near."""

    key: str | None
    confidence: float
    reason: str
    near: tuple[str, ...] = ()


@dataclass
class _Item:
    """A meaningful word of the wording: a population, a breakdown code, or both."""

    term: _Term
    codes: set[_Code]


def _tilings(units: tuple[str, ...], idx: _Index, limit: int = 64) -> list[list[tuple[str, ...]]]:
    """Every way to cover `units` completely with known terms (no leftover words), up to `limit`."""
    memo: dict[int, list[list[tuple[str, ...]]]] = {len(units): [[]]}
    for start in range(len(units) - 1, -1, -1):
        found: list[list[tuple[str, ...]]] = []
        for end in range(start + 1, min(len(units), start + idx.max_term) + 1):
            piece = units[start:end]
            if piece in idx.terms:
                found.extend([piece, *rest] for rest in memo[end])
        memo[start] = found[:limit]
    return memo[0]


def _parse_indicator(label: str, idx: _Index) -> _Parse | None:
    """Read a wording as population × at most one breakdown code, using every word of it.

    None when some word is not understood: then the wording is not an indicator at all. When
    the words can be read in several ways that name different keys, none of them is chosen.
    """
    age, rest = _extract_age(_light(label))
    units = _units(normalise(rest))
    # Fewest words first, so a failure is explained by the most natural reading.
    tilings = sorted(_tilings(units, idx), key=len)
    readings = [r for t in tilings if (r := _read(t, age, idx)) is not None]
    if not readings:
        return None
    keys = sorted({r.key for r in readings if r.key is not None})
    if len(keys) > 1:
        return _Parse(None, 0.0, "indicator wording reads several ways", tuple(keys))
    if keys:
        return max((r for r in readings if r.key is not None), key=lambda r: r.confidence)
    return readings[0]


def _items(tiling: list[tuple[str, ...]], idx: _Index) -> tuple[list[_Item], bool] | None:
    """The meaningful words of one tiling, with 及以上/以下 applied to the code before them.

    Also whether a breakdown-naming word (职称, 学历, age...) occurs. None if a filler is out of
    place: "中" must follow a population ("专任教师中…"), a qualifier must follow a code.
    """
    if any(a + b in idx.terms for a, b in itertools.pairwise(tiling)):
        return None  # a reading that splits a known wording ("专任" + "教师") is not a reading
    items: list[_Item] = []
    has_dimension = False
    for units in tiling:
        term = idx.terms[units]
        meaningful = bool(term.populations or term.codes)
        if not meaningful and "after_population" in term.roles:
            if not any(i.term.populations for i in items):
                return None
        elif not meaningful and term.roles & {"above", "below"}:
            last = next((i for i in reversed(items) if i.codes), None)
            if last is None:
                return None
            last.codes = _widen(last.codes, "above" if "above" in term.roles else "below", idx)
        elif meaningful:
            items.append(_Item(term, set(term.codes)))
        has_dimension |= "dimension" in term.roles or (meaningful and _says_dimension(units, idx))
    return items, has_dimension


def _says_dimension(units: tuple[str, ...], idx: _Index) -> bool:
    """Whether a code wording carries its own dimension word: "本科毕业", "master's degree"."""
    return any(
        "dimension" in idx.terms[units[i:j]].roles
        for i in range(len(units))
        for j in range(i + 1, len(units) + 1)
        if (i, j) != (0, len(units)) and units[i:j] in idx.terms
    )


def _read(
    tiling: list[tuple[str, ...]], age: tuple[int | None, int | None] | None, idx: _Index
) -> _Parse | None:
    """Interpret one tiling as an indicator; None if it is not one."""
    parsed = _items(tiling, idx)
    if parsed is None:
        return None
    items, has_dimension = parsed
    pop_items = [i for i in items if i.term.populations]
    code_items = [i for i in items if not i.term.populations]
    if not has_dimension and any(
        (c.family, c.breakdown) in idx.needs_dimension for i in code_items for c in i.codes
    ):
        # "高中教师" are teachers at a senior high school, not teachers whose education is
        # senior high school: such code words count only next to 学历 / 毕业 / education.
        return None
    plain = [i for i in pop_items if not i.codes]
    if len(pop_items) > 1 and len(plain) == 1:
        # "教职工中专任教师": the other population word is a code (a post type) of this one.
        code_items += [i for i in pop_items if i.codes]
        pop_items = plain
    populations = {p for i in pop_items for p in i.term.populations}
    breakdowns = len(code_items) + (age is not None)
    near = _near(code_items, age, idx)
    if breakdowns == 0:
        if has_dimension or len(populations) != 1:
            return None
        fam = idx.families[next(iter(populations))]
        return _Parse(fam.key, _CONF_INDICATOR, f"indicator: {fam.labels.en}")
    implied = not populations
    if implied:
        populations = _implied_population(code_items, idx)
    if age is not None:
        # A range that is not exactly one band is reported as such whatever else is missing.
        families = populations if len(populations) == 1 else {a.family for a in idx.ages}
        verdicts = [_read_age(f, age, idx) for f in sorted(families)]
        if verdicts and all(v.key is None for v in verdicts):
            return verdicts[0]
    if len(populations) > 1:
        return _Parse(None, 0.0, "names more than one population", near)
    if not populations:
        return _Parse(None, 0.0, "breakdown without a population (teachers? staff?)", near)
    if breakdowns > 1:
        return _Parse(None, 0.0, "combines several breakdowns; no such indicator", near)
    family = next(iter(populations))
    if age is not None:
        return _read_age(family, age, idx)
    return _read_code(family, code_items[0].codes, implied, idx)


def _implied_population(code_items: list[_Item], idx: _Index) -> set[str]:
    """A population the codes themselves name: a post type is a kind of staff ("行政人员"), and
    "女教师" / "senior teacher" say teacher. A bare "女" or "一级" names none."""
    out: set[str] = set()
    for item in code_items:
        people = {c.family for c in item.codes if (c.family, c.breakdown) in idx.self_populating}
        out |= people or item.term.implied
    return out


def _read_code(family: str, codes: set[_Code], implied: bool, idx: _Index) -> _Parse:
    fam = idx.families[family]
    own = [c for c in codes if c.family == family]
    if not own:
        return _Parse(None, 0.0, f"{fam.labels.en} have no such breakdown", _code_keys(codes))
    if len(own) > 1 or len(own[0].slugs) > 1:
        return _Parse(None, 0.0, f"spans several codes of {own[0].breakdown}", _code_keys(set(own)))
    c = own[0]
    key = f"{family}.{c.breakdown}.{c.slugs[0]}"
    how = " (population implied by the wording)" if implied else ""
    conf = _CONF_INDICATOR_IMPLIED if implied else _CONF_INDICATOR
    return _Parse(key, conf, f"indicator: {fam.labels.en} × {c.breakdown}={c.slugs[0]}{how}")


def _read_age(family: str, age: tuple[int | None, int | None], idx: _Index) -> _Parse:
    """An age range maps to a band only if it is exactly that band; never to the nearest one."""
    lo, hi = age
    fam = idx.families[family]
    bd = next((a for a in idx.ages if a.family == family), None)
    if bd is None:
        return _Parse(None, 0.0, f"{fam.labels.en} have no age breakdown")
    for slug, b_lo, b_hi in bd.bands:
        if (b_lo, b_hi) == (lo, hi):
            return _Parse(
                f"{family}.{bd.breakdown}.{slug}",
                _CONF_INDICATOR,
                f"indicator: {fam.labels.en} × age={slug}",
            )
    hit = [(slug, b_lo, b_hi) for slug, b_lo, b_hi in bd.bands if _overlaps(lo, hi, b_lo, b_hi)]
    # Nearest first: the bands that hold the range's edges, then those inside it.
    edges = [x for x in (lo, hi) if x is not None]
    hit.sort(key=lambda b: min((_distance(e, b[1], b[2]) for e in edges), default=0))
    near = tuple(f"{family}.{bd.breakdown}.{slug}" for slug, _, _ in hit)
    span = f"≤{hi}" if lo is None else f"≥{lo}" if hi is None else f"{lo}-{hi}"
    if len(hit) > 1:
        return _Parse(None, 0.0, f"age {span} spans {len(hit)} five-year bands", near)
    if hit:
        return _Parse(None, 0.0, f"age {span} does not line up with band {hit[0][0]}", near)
    return _Parse(None, 0.0, f"age {span} is outside the age bands")


def _distance(edge: int, b_lo: int | None, b_hi: int | None) -> int:
    if b_lo is not None and edge < b_lo:
        return b_lo - edge
    if b_hi is not None and edge > b_hi:
        return edge - b_hi
    return 0


def _code_keys(codes: set[_Code]) -> tuple[str, ...]:
    return tuple(sorted(f"{c.family}.{c.breakdown}.{s}" for c in codes for s in c.slugs))


def _near(
    code_items: list[_Item], age: tuple[int | None, int | None] | None, idx: _Index
) -> tuple[str, ...]:
    """Indicator keys the wording's codes (and age range) would name under each population."""
    keys: list[str] = []
    for item in code_items:
        keys.extend(_code_keys(item.codes))
    if age is not None:
        for a in idx.ages:
            keys.extend(_read_age(a.family, age, idx).near or _age_key(a, age))
    return tuple(dict.fromkeys(keys))


def _age_key(a: _AgeBreakdown, age: tuple[int | None, int | None]) -> tuple[str, ...]:
    return tuple(f"{a.family}.{a.breakdown}.{slug}" for slug, lo, hi in a.bands if (lo, hi) == age)


def _widen(codes: set[_Code], direction: str, idx: _Index) -> set[_Code]:
    """ "本科及以上": the named code and every code ranked above (or below) it in its list."""
    out: set[_Code] = set()
    for c in codes:
        order = idx.ordered_codes[(c.family, c.breakdown)]
        at = min(order.index(s) for s in c.slugs)
        out.add(
            _Code(
                c.family,
                c.breakdown,
                tuple(order[: at + 1] if direction == "above" else order[at:]),
            )
        )
    return out


# --- fuzzy similarity --------------------------------------------------------------------------

# A wording that differs from a label by a negation or a number is a different field however
# similar it looks: "非在编" is not "在编", "grade 2" is not "grade 1".
_NEGATIONS = frozenset("非无未不否没") | frozenset(
    {"not", "non", "no", "without", "un", "excluding", "except"}
)


def _scores(text: str, idx: _Index) -> dict[str, tuple[float, str]]:
    """Best similarity (0..1) of `text` to each field's labels and aliases, with the best name.

    Character-level `ratio` suits Chinese (no spaces); `token_sort_ratio` forgives English word
    order. Subset scorers (token_set, partial) are not used: they rate "teachers with a health
    certificate" as equal to "teachers".
    """
    best: dict[str, tuple[float, str]] = {}
    for scorer in (fuzz.ratio, fuzz.token_sort_ratio):
        for choice, score, i in process.extract(
            text, idx.choices, scorer=scorer, limit=None, score_cutoff=40
        ):
            key = idx.choice_keys[i]
            if score / 100 > best.get(key, (0.0, ""))[0]:
                best[key] = (score / 100, choice)
    return best


def _differs_materially(a: str, b: str) -> bool:
    """True when the two wordings differ by a negation or a digit."""
    diff = set(a) ^ set(b)
    words = set(a.split()) ^ set(b.split())
    return bool(diff & _NEGATIONS) or bool(words & _NEGATIONS) or any(c.isdigit() for c in diff)


def _adds_words(text: str, name: str) -> bool:
    """True when `text` is `name` with more words: "专任教师缺额" is narrower than "专任教师". The
    other way round a wording drops a word from a name: "参加工作时间" (any work) is not
    "参加教育工作时间" (work in education)."""
    it = iter(_units(text))
    shorter = _units(name)
    return len(shorter) < len(_units(text)) and all(u in it for u in shorter)


_STOPWORDS = frozenset({"of", "for", "in", "at", "by", "per", "to"})


def _words_align(text: str, name: str) -> bool:
    """English wordings match only word for word (typos and order forgiven): "teacher age" is
    not "teacher name", though the letters are close. Chinese is compared by character."""
    if not (text.isascii() and name.isascii()):
        return True
    a = [w for w in text.split() if w not in _STOPWORDS]
    b = [w for w in name.split() if w not in _STOPWORDS]

    def covered(xs: list[str], ys: list[str]) -> bool:
        return all(any(fuzz.ratio(x, y) >= 80 for y in ys) for x in xs)

    return covered(a, b) and covered(b, a)


def _fuzzy(
    text: str, declared: str | None, d: Dictionary, idx: _Index
) -> tuple[Match | None, dict[str, tuple[float, str]]]:
    """A fuzzy match only when one field is clearly nearest, above the threshold, and plausible."""
    scores = _scores(text, idx)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1][0])
    auto = [(k, s) for k, s in ranked if k in idx.auto_keys]
    if not auto:
        return None, scores
    key, (score, name) = auto[0]
    runner_up = next((s for k, (s, _) in auto[1:]), 0.0)
    if (
        score >= MATCH_THRESHOLD
        and score - runner_up >= AMBIGUITY_MARGIN
        and not _differs_materially(text, name)
        and not _adds_words(text, name)
        and not _adds_words(name, text)
        and _words_align(text, name)
        and _fits(declared, d.fields[key].type)
    ):
        # Never surer than an alias: a fuzzy hit is evidence, not identity.
        return Match(
            key, round(min(score, _CONF_ENTITY_DROPPED), 3), f"fuzzy {score:.2f} on {name!r}"
        ), scores
    return None, scores


# --- matching ----------------------------------------------------------------------------------


def _label_of(f: Field, zh: bool) -> str:
    return f.labels.zh if zh else f.labels.en


def _candidates(
    first: Iterable[str], scores: dict[str, tuple[float, str]], d: Dictionary, zh: bool
) -> tuple[Candidate, ...]:
    """Up to three nearest fields: keys the parser named first, then the best fuzzy scores."""
    out: dict[str, Candidate] = {}
    for key in first:
        f = d.fields.get(key)
        if f is not None:
            score = max(scores.get(key, (0.0, ""))[0], _STRUCTURED_CANDIDATE_SCORE)
            out.setdefault(key, Candidate(key, _label_of(f, zh), round(score, 3)))
    for key, (score, _) in sorted(scores.items(), key=lambda kv: -kv[1][0]):
        if len(out) >= MAX_CANDIDATES:
            break
        out.setdefault(key, Candidate(key, _label_of(d.fields[key], zh), round(score, 3)))
    return tuple(out.values())[:MAX_CANDIDATES]


def _exact(norm: str, declared: str | None, d: Dictionary, idx: _Index) -> Match | None:
    """Exact label or alias; ambiguous when the wording names two fields; refused on a type clash."""
    hits = idx.exact.get(norm)
    if not hits:
        return None
    if len(hits) > 1:
        return Match(None, 0.0, f"wording names several fields: {', '.join(sorted(hits))}")
    key, kind = next(iter(hits.items()))
    f = d.fields[key]
    if not _fits(declared, f.type):
        return Match(None, 0.0, f"type {declared} does not fit {key} ({f.type})")
    what = (
        f"indicator family {f.indicator.family}"
        if f.indicator and f.indicator.breakdown_code is None
        else key
    )
    return Match(key, _CONF_LABEL if kind == "label" else _CONF_ALIAS, f"{kind} of {what}")


def _entity_dropped(norm: str, declared: str | None, d: Dictionary, idx: _Index) -> Match | None:
    """ "教师性别", "school enrolment", "gender of teacher": an entity word, then exactly a field
    of that entity."""
    for entity, words in _ENTITY_WORDS.items():
        for w in words:
            if norm.startswith(w) and (not w.isascii() or norm[len(w) : len(w) + 1] == " "):
                rest = norm[len(w) :].strip()
            elif w.isascii() and norm.endswith(f" of {w}"):
                rest = norm[: -len(f" of {w}")].strip()
            else:
                continue
            if not rest:
                continue
            hit = _exact(normalise(rest), declared, d, idx)
            if hit is not None and hit.key is not None and d.fields[hit.key].entity == entity:
                return Match(hit.key, _CONF_ENTITY_DROPPED, f"{hit.reason} (after {w!r})")
    return None


_BRACKET = re.compile(r"[(\[]([^()\[\]]*)[)\]]\s*$")
# What a trailing bracket may hold and still be only a hint to the person filling the form:
# required/optional, a date format, a list of options, or an instruction. Units ("cm") and
# qualifiers ("左眼") change the field and are kept.
_HINT = re.compile(
    r"^\s*(?:必填|选填|必选|可选|单选|多选|非必填|required|optional|mandatory"
    r"|[ymd年月日/.\s-]*[y年][ymd年月日/.\s-]*"
    r"|[^/、|]{1,6}(?:[/、|][^/、|]{1,6})+"
    r"|.*(?:填|请|如|例|格式|e\.g|format).*)\s*$"
)


def _without_hint(label: str) -> str | None:
    """The label without a trailing bracketed hint ("姓名（必填）", "性别（男/女）"), or None."""
    text = _light(label)
    m = _BRACKET.search(text)
    if m is None or not _HINT.match(m.group(1)) or not text[: m.start()].strip():
        return None
    return text[: m.start()]


def _match_key(key: str, label: str | None, d: Dictionary, idx: _Index) -> Match:
    """A key is taken only exactly as the dictionary spells it."""
    if key in d.fields:
        return Match(key, 1.0, "exact key")
    by_key = process.extract(key, idx.key_list, scorer=fuzz.ratio, limit=MAX_CANDIDATES)
    scores = {k: (s / 100, k) for k, s, _ in by_key}
    if label:
        scores |= {
            k: v
            for k, v in _scores(normalise(label), idx).items()
            if v[0] > scores.get(k, (0.0, ""))[0]
        }
    return Match(
        None, 0.0, f"unknown key {key!r}", _candidates((), scores, d, _has_cjk(label or ""))
    )


def _match_label(label: str, declared: str | None, d: Dictionary, idx: _Index) -> Match:
    declared = _implied_type(label, declared)
    norm = normalise(label)
    zh = _has_cjk(label)
    if label.strip() in d.fields:
        return Match(label.strip(), 1.0, "exact key")
    bare = _without_hint(label)
    hit = None
    for text, note in ((norm, ""), (normalise(bare) if bare else "", " (bracketed hint ignored)")):
        for rule in (_exact, _entity_dropped):
            found = rule(text, declared, d, idx) if text else None
            if found is not None and found.key is not None:
                conf = min(found.confidence, _CONF_ENTITY_DROPPED) if note else found.confidence
                return Match(found.key, conf, found.reason + note)
            hit = hit or found
    parsed = _parse_indicator(label, idx)
    if parsed is not None and parsed.key is not None:
        if _fits(declared, "integer"):
            return Match(parsed.key, parsed.confidence, parsed.reason)
        parsed = _Parse(
            None, 0.0, f"type {declared} does not fit a count ({parsed.key})", (parsed.key,)
        )
    fuzzy, scores = _fuzzy(norm, declared, d, idx) if norm else (None, {})
    if parsed is None and fuzzy is not None:
        return fuzzy
    reason = (
        parsed.reason
        if parsed is not None
        else (hit.reason if hit is not None else "no known field is near enough")
    )
    near = parsed.near if parsed is not None else ()
    return Match(None, 0.0, f"new: {reason}", _candidates(near, scores, d, zh))


def match_field(
    *,
    key: str | None = None,
    label: str | None = None,
    type: str | None = None,
    d: Dictionary | None = None,
) -> Match:
    """Match one requested field to a dictionary key, or return `new` (key None) with candidates.

    A given key must exist exactly; otherwise the label is tried by exact wording, indicator
    parsing and fuzzy similarity, and the declared `type` vetoes implausible matches.
    """
    d = d if d is not None else dictionary()
    idx = _index(d)
    if key is not None and key.strip():
        return _match_key(key.strip(), label, d, idx)
    if label is None or not label.strip():
        return Match(None, 0.0, "no key or wording given")
    return _match_label(label, _declared(type), d, idx)
