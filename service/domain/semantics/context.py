"""Context: a field read where it sits on the department's form.

Printed forms are tables. A title ("专任教师分学历情况") or a header ("专任教师") names a
population; "合计" / "总计" / "Total" under it is that population; a bare category ("博士", "女")
under it is that category of it; "其中" / "#" / "Of which:" refine the total just above, whatever
it is (under all staff "其中：女" is female staff). In a flat list the total just above is the last
field that named whom it counts. A header the reader cannot read is never ignored by a field that
needs it: such a field stays `new`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.domain.dictionary import Dictionary
from service.domain.semantics.definition import RANGE_FIELDS, Definition, DefinitionError, Filter, count
from service.domain.semantics.reader import Parsed, read
from service.domain.semantics.text import fold

# What a table's title says around its subject: dates, terms, "统计表", "基本情况".
_TITLE_NOISE = re.compile(
    r"\d{4}\s*(?:-\s*\d{4}\s*)?(?:年度?|学年度?)?|[春秋]季学期|[上下]学期|学年|年度|学期|全省|全市|全县|全区|各校|中小学"
    r"|(?:统计|汇总|调查|登记|报送|情况)?表$|统计表|汇总表|调查表|登记表|基本情况|\bform\b|\bsurvey\b|\btable\b"
    r"|\bstatistics\b|\breport\b"
)


@dataclass(frozen=True)
class Scene:
    """What a field's position tells: the conditions of its title and headers (None when they name
    no population), the total just above it, and what bare numbers under its headers measure."""

    headers: tuple[str, ...] = ()
    base: tuple[Filter, ...] | None = None
    base_words: str = ""
    title: tuple[Filter, ...] | None = None
    title_words: str = ""
    above: Definition | None = None
    above_words: str = ""  # the wording of the field just above, also when it is not a count
    hint: str | None = None
    unreadable: str | None = None


def read_title(title: str | None, d: Dictionary) -> tuple[tuple[Filter, ...] | None, str | None]:
    """The population a form's title names, and the field its breakdown measures ("分年龄" → age)."""
    if not title:
        return None, None
    parsed = read(_TITLE_NOISE.sub(" ", fold(title)), d)
    if not isinstance(parsed, Parsed) or parsed.kind == "value":
        return None, None
    hint = next((b for b in parsed.by if b in RANGE_FIELDS), None)
    if parsed.kind == "count" and parsed.own_population:
        return parsed.conditions, hint
    return None, hint


def scene(headers: list[str], title: tuple[Filter, ...] | None, title_hint: str | None, title_words: str,
          above: tuple[tuple[str, ...], Definition | None, str] | None, d: Dictionary) -> Scene:
    """The scene of one field: its headers read outermost first, each refining the one above."""
    base: list[Filter] | None = list(title) if title is not None else None
    hint = title_hint
    unreadable = None
    words = [title_words] if title is not None else []
    for h in headers:
        parsed = read(h, d, hint)
        if not isinstance(parsed, Parsed):
            unreadable = unreadable or h
            continue
        hint = next((b for b in parsed.by if b in RANGE_FIELDS), hint)
        if parsed.kind == "value" and parsed.field in RANGE_FIELDS:
            hint = parsed.field
        if parsed.kind == "count":
            base = merge(base or [], parsed.conditions) if (parsed.own_population or base is not None) else None
            if base is None:
                unreadable = unreadable or h  # a category header with no population anywhere above it
            words.append(h)
    same = above if above is not None and above[0] == tuple(headers) else None
    return Scene(
        headers=tuple(headers), base=tuple(base) if base is not None and headers else None,
        base_words=" / ".join(words), title=title, title_words=title_words,
        above=same[1] if same else None, above_words=same[2] if same else "", hint=hint, unreadable=unreadable,
    )


def merge(base: list[Filter] | tuple[Filter, ...], own: tuple[Filter, ...]) -> list[Filter]:
    """The context's conditions with the field's own: on a field both name, the field's wins."""
    named = {c.field for c in own}
    return [c for c in base if c.field not in named] + list(own)


def compose(parsed: Parsed, s: Scene | None, d: Dictionary) -> tuple[Definition | None, str]:
    """The definition of a count or total read in its scene, and how the scene was used (or why
    it could not be)."""
    s = s or Scene()
    try:
        if parsed.kind == "total":
            if s.headers and s.unreadable:
                return None, f"a total under a header it cannot read ({s.unreadable!r})"
            if s.base is not None:
                return count(d, s.base), f"the total of {s.base_words!r} above it"
            if s.title is not None and not s.headers:
                return count(d, s.title), f"the total of the title's {s.title_words!r}"
            return None, "a total with no population above it (合计 of whom?)"
        if parsed.refine or not parsed.own_population:
            if s.headers and s.unreadable and not parsed.own_population:
                return None, f"sits under a header it cannot read ({s.unreadable!r})"
            if s.above is None and s.above_words and not parsed.own_population:
                return None, f"refines {s.above_words!r} above it, which is not a count of teachers"
            for base, where in ((s.above, s.above_words), (s.base, s.base_words), (s.title, s.title_words)):
                if base is None:
                    continue
                conditions = base.filters if isinstance(base, Definition) else base
                if base is s.title and s.headers:
                    continue
                return count(d, merge(conditions, parsed.conditions)), f"read under {where!r}"
            if parsed.own_population:
                return count(d, parsed.conditions), ""
            return None, "names no population, and nothing above it does (of whom?)"
        if s.base is not None:
            return count(d, merge(s.base, parsed.conditions)), f"read under {s.base_words!r}"
        return count(d, parsed.conditions), ""
    except DefinitionError as exc:
        return None, str(exc)
