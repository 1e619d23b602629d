"""Ranges of age and years of teaching in a wording, read with statutory boundaries.

Chinese statutory usage (Civil Code art. 1259): 以上, 以下, 以内, 届满 and 满 include the number;
不满, 未满, 超过, 以外 exclude it ("35岁以下" is age <= 35, "不满35周岁" is age < 35). In English
"under 35" excludes 35, "35 and over" includes it, "over 50" excludes 50. A bracket right after a
bound ("（含）", "（不含35岁）") says which way explicitly and wins. Bounds are returned inclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["range", "le", "lt", "ge", "gt", "eq", "decade"]
Which = Literal["teacher.age", "teacher.teaching_years"]

# Numbers a teacher's age or years of teaching can be: others near "to" / "以上" are grades, codes.
# Ages reach past 80 for retired staff, whom tables of 离退休 band to "90岁及以上".
_LIMITS: dict[str, tuple[int, int]] = {"teacher.age": (15, 110), "teacher.teaching_years": (0, 60)}

# A number, but not an ISCED level or a level's number ("ISCED 4 or below").
_N = r"(?<![\d.])(?<!isced )(?<!isced)(?<!level )(\d{1,3})(?![\d.])"
_DASH = r"\s*(?:-|–|—|~|～|至|到|to)\s*"
_Y = r"\s*(?:周岁|岁)"
# "50 years old", "50 years of age": the same age.
_YEN = r"(?:\s*(?:years?(?:\s+(?:old|of\s+age))?|yrs?|year\s+old))?"
_AGE_EN = r"(?:aged?\s*|age\s+(?:of\s+)?)"
_INCL = r"(?P<incl>\s*[(（]\s*(?:不含|不包含|不包括|含|包含|包括)[^)）]*[)）])?"
# "60周岁（含）以上": the same said before the bound.
_MID = r"(?P<mid>\s*[(（]\s*(?:不含|含|包含)\s*[)）])?"
# Both ends of a range saying which way they go: "30岁（含）-40岁（不含）".
_BOTH_LO = r"\s*[(（]\s*(?P<lo>不含|含|包含)\s*[)）]"
_BOTH_HI = r"\s*[(（]\s*(?P<hi>不含|含|包含)\s*[)）]"

# (pattern, kind, needs an anchor word elsewhere). Order matters: the more specific come first.
_AGE: list[tuple[str, Kind, bool]] = [
    (rf"{_N}{_Y}{_BOTH_LO}{_DASH}{_N}{_Y}{_BOTH_HI}", "range", False),
    (rf"{_N}(?:{_Y})?{_DASH}{_N}{_Y}", "range", False),
    (rf"{_N}{_Y}{_DASH}{_N}", "range", False),
    (rf"(?:{_AGE_EN})?between\s+{_N}\s*(?:and|-|to)\s*{_N}{_YEN}", "range", False),
    (rf"{_AGE_EN}{_N}{_DASH}{_N}{_YEN}", "range", False),
    (rf"{_N}{_DASH}{_N}\s*(?:years?\s+old|yrs?\s+old|year\s+old|years?\s+of\s+age)", "range", False),
    # "in the 40-49 age group": the band named before the word for it.
    (rf"{_N}{_DASH}{_N}(?=\s*(?:years?\s+)?age\s+(?:group|band|bracket|range|cohort))", "range", False),
    (rf"{_N}\s*(?:-|–|to)\s*{_N}\s*(?:years?|yrs?)(?!\s*(?:of|in|teaching|experience|service))\b", "range", False),
    (rf"(?:不满|未满|小于|低于|不足|<)\s*{_N}{_Y}", "lt", False),
    (rf"(?:不超过|≤|<=)\s*{_N}{_Y}", "le", False),
    (rf"(?:超过|大于|高于|>)\s*{_N}{_Y}", "gt", False),
    # "年满55岁以上", "满50岁或以上": 满 and 以上 say the same bound twice.
    (rf"(?:≥|>=|年满|满|达到|届满)\s*{_N}{_Y}(?:{_MID}\s*(?:及|或)?\s*以上{_INCL})?", "ge", False),
    (rf"{_N}{_Y}{_MID}\s*(?:及|或|和)?\s*(?:以下|以内){_INCL}", "le", False),
    (rf"{_N}{_Y}{_MID}\s*(?:及|或|和)?\s*以上{_INCL}", "ge", False),
    (rf"{_N}{_Y}\s*(?:以外|之外)", "gt", False),
    (rf"{_N}(?:{_Y})?\s*\+", "ge", False),
    (rf"(?:{_AGE_EN})?(?:under|below|younger\s+than|less\s+than)\s+(?:the\s+age\s+of\s+)?{_N}{_YEN}", "lt", False),
    (rf"{_AGE_EN}\s*<\s*{_N}{_YEN}", "lt", False),
    (rf"{_AGE_EN}\s*(?:≤|<=)\s*{_N}{_YEN}", "le", False),
    (rf"{_AGE_EN}\s*>\s*{_N}{_YEN}", "gt", False),
    (rf"{_AGE_EN}\s*(?:≥|>=)\s*{_N}{_YEN}", "ge", False),
    # A sign is the word it stands for: where "Teachers under 30" is read, "Teachers < 30" and "How
    # many teachers are ≥ 60?" are. A ">" spaced from its number may part a path of headers
    # ("Staff > 50 and over"): only one set against its number (">50") is "over".
    (rf"(?<![\w<>=])<\s*{_N}{_YEN}", "lt", False),
    (rf"(?<![\w<>=])(?:≤|<=)\s*{_N}{_YEN}", "le", False),
    (rf"(?<![\w<>=-])>{_N}{_YEN}", "gt", False),
    (rf"(?<![\w<>=])(?:≥|>=)\s*{_N}{_YEN}", "ge", False),
    (rf"(?:{_AGE_EN})?(?:at\s+most|no\s+(?:more|older)\s+than|not\s+over|up\s+to)\s+{_N}{_YEN}", "le", False),
    (rf"(?:{_AGE_EN})?{_N}{_YEN}\s*(?:and|or|&)\s*(?:under|below|younger|less)", "le", False),
    (rf"(?:{_AGE_EN})?(?:over|above|older\s+than|more\s+than)\s+(?:the\s+age\s+of\s+)?{_N}{_YEN}", "gt", False),
    (rf"(?:{_AGE_EN})?(?:at\s+least)\s+{_N}{_YEN}", "ge", False),
    # "in their 30s", "in their forties": the ten years from that number.
    (r"in[\s-]+(?:their|his|her|your|the)[\s-]+([2-7]0)\s*s\b", "decade", False),
    (rf"(?:{_AGE_EN})?{_N}{_YEN}\s*(?:and|or|&)\s*(?:over|above|older|more)", "ge", False),
    # Bare numbers: only where the context says the column is an age ("年龄" above it).
    (rf"{_N}{_DASH}{_N}", "range", True),
    (rf"{_N}\s*(?:及|或)?\s*(?:以下|以内){_INCL}", "le", True),
    (rf"{_N}\s*(?:及|或)?\s*以上{_INCL}", "ge", True),
    (rf"(?:不满|未满|小于|低于|不足)\s*{_N}", "lt", True),
    (rf"(?:超过|大于|高于)\s*{_N}", "gt", True),
    # "<30", "≥ 50" under an age header.
    (rf"<\s*{_N}", "lt", True),
    (rf"(?:≤|<=)\s*{_N}", "le", True),
    (rf">\s*{_N}", "gt", True),
    (rf"(?:≥|>=)\s*{_N}", "ge", True),
]

_YR = r"\s*(?:周年|年)"
# The length of teaching named by its own word before a bound ("从教年限满30年", "任教时间不满5年"): the
# years of teaching, as "从教满30年" says them. ("从教时间" alone is when teaching began.)
_YEARS_OR_HIGHER = re.compile(r"(\d\s*(?:years?|yrs?)\s+(?:or|and)\s+)higher\b")
_LENGTH_OF_TEACHING = re.compile(r"(从教|任教|执教|教学)(?:年限|年数|时间|年头)(?=\s*(?:在|为)?\s*(?:满|不满|未满|不足|少于|低于|超过|达到|\d))")
_TEACH_ZH = r"(?:教龄|从教|任教|执教|教学|年资)"
# The education service is where teachers serve (从事教育工作年限): "20+ years of education service".
_TEACH_EN = (r"(?:(?:years?|yrs?)\s+(?:of\s+)?(?:teaching(?:\s+(?:experience|service))?|experience(?:\s+in\s+teaching)?|in\s+teaching"
             r"|(?:in\s+(?:the\s+)?)?education(?:al)?\s+service|(?:service\s+)?in\s+education|service|in\s+service"
             r"|in\s+(?:the\s+)?(?:teaching\s+)?profession)|teaching\s+years?)")
# A band of experience heads its bands as a flattened header path does: "Teacher experience band - 0-2 yrs",
# "Years of service group: 10+ yrs" (a band is one of the ranges, not a word of its own).
_EXP_FIRST = (r"(?:teaching\s+)?(?:experience|service)(?:\s+(?:of|in\s+teaching))?"
              r"(?:\s+(?:band|bands|group|groups|bracket|brackets|range|ranges)\b)?\s*(?:[:：]|\s-|\s–)?\s*")
_YRS = r"\s*(?:years?|yrs?)"
_NO_AGE = r"(?!\s*(?:周岁|岁|歲))"
_YEARS: list[tuple[str, Kind, bool]] = [
    (rf"(?<={_TEACH_ZH})\s*(?:在|为)?\s*{_N}{_YR}{_BOTH_LO}{_DASH}{_N}{_YR}{_BOTH_HI}", "range", False),
    (rf"(?<={_TEACH_ZH})\s*(?:在|为)?\s*{_N}(?:{_YR})?{_DASH}{_N}{_YR}", "range", False),
    (rf"(?<={_TEACH_ZH})\s*(?:不满|未满|不足|少于|低于|<)\s*{_N}{_YR}", "lt", False),
    (rf"(?<={_TEACH_ZH})\s*(?:不超过|≤|<=)\s*{_N}{_YR}", "le", False),
    (rf"(?<={_TEACH_ZH})\s*(?:超过|多于|高于|>)\s*{_N}{_YR}", "gt", False),
    (rf"(?<={_TEACH_ZH})\s*(?:满|达到|届满|≥|>=)\s*{_N}{_YR}(?:\s*(?:及|或)?\s*以上)?", "ge", False),
    (rf"(?<={_TEACH_ZH})\s*(?:在|为)?\s*{_N}{_YR}{_MID}\s*(?:及|或)?\s*(?:以下|以内){_INCL}", "le", False),
    (rf"(?<={_TEACH_ZH})\s*(?:在|为)?\s*{_N}{_YR}{_MID}\s*(?:及|或)?\s*以上{_INCL}", "ge", False),
    (rf"{_N}(?:{_YR})?{_DASH}{_N}{_YR}(?=\s*(?:的)?\s*{_TEACH_ZH})", "range", False),
    (rf"(?:不满|未满|不足)\s*{_N}{_YR}(?=\s*(?:的)?\s*{_TEACH_ZH})", "lt", False),
    (rf"(?:超过)\s*{_N}{_YR}(?=\s*(?:的)?\s*{_TEACH_ZH})", "gt", False),
    (rf"(?:满)?\s*{_N}{_YR}\s*(?:及|或)?\s*以上(?=\s*(?:的)?\s*{_TEACH_ZH}){_INCL}", "ge", False),
    (rf"{_N}{_YR}\s*(?:及|或)?\s*(?:以下|以内)(?=\s*(?:的)?\s*{_TEACH_ZH}){_INCL}", "le", False),
    (rf"满\s*{_N}{_YR}(?=\s*(?:的)?\s*{_TEACH_ZH})", "ge", False),
    (rf"(?:between\s+)?{_N}\s*(?:-|–|to|and)\s*{_N}\s*{_TEACH_EN}", "range", False),
    # A sign for the words: "<5 years teaching experience", ">= 20 years of service".
    (rf"(?:(?:less\s+than|under|fewer\s+than|below)\s+|<\s*){_N}\s*{_TEACH_EN}", "lt", False),
    # "in their first five years of teaching": fewer whole years taught than that.
    (rf"(?:(?:in|within|during)\s+)?(?:(?:their|the|his|her|your|its|my)\s+)?first\s+{_N}\s*{_TEACH_EN}", "lt", False),
    (rf"(?:(?:no\s+more\s+than|not\s+more\s+than|at\s+most|up\s+to)\s+|(?:≤|<=)\s*){_N}\s*{_TEACH_EN}", "le", False),
    (rf"(?:(?:more\s+than|over)\s+|>\s*){_N}\s*{_TEACH_EN}", "gt", False),
    (rf"(?:at\s+least\s+|(?:≥|>=)\s*){_N}\s*{_TEACH_EN}", "ge", False),
    (rf"{_N}\s*\+\s*{_TEACH_EN}", "ge", False),
    (rf"{_N}\s+(?:or|and)\s+(?:more|over|above)\s+{_TEACH_EN}", "ge", False),
    (rf"{_N}\s*{_TEACH_EN}\s+(?:or|and)\s+(?:more|over|above|longer)", "ge", False),
    # "30 years or more of experience": the bound said between the number and what it counts.
    (rf"{_N}\s*years?\s+(?:or|and)\s+(?:more|over|above|longer)\s+(?:of\s+)?(?:teaching(?:\s+experience)?|experience|service)",
     "ge", False),
    (rf"{_N}\s*years?\s+(?:or|and)\s+(?:less|fewer|under)\s+(?:of\s+)?(?:teaching(?:\s+experience)?|experience|service)",
     "le", False),
    (rf"{_N}\s*{_TEACH_EN}\s*\+", "ge", False),
    (rf"{_N}\s+(?:or|and)\s+(?:less|fewer|under)\s+{_TEACH_EN}", "le", False),
    (rf"(?:(?:up\s+to|at\s+most|no\s+more\s+than)\s+|(?:≤|<=)\s*){_N}\s*{_TEACH_EN}", "le", False),
    (rf"{_N}\s*{_TEACH_EN}\s+(?:or|and)\s+(?:less|fewer|under|below)", "le", False),
    (rf"(?:teaching|taught)\s+(?:for\s+)?(?:more\s+than|over)\s+{_N}\s*years?", "gt", False),
    (rf"(?:teaching|taught)\s+(?:for\s+)?(?:less\s+than|under|fewer\s+than)\s+{_N}\s*years?", "lt", False),
    (rf"(?:teaching|taught)\s+(?:for\s+)?(?:at\s+least)\s+{_N}\s*years?", "ge", False),
    (rf"(?:teaching|taught)\s+(?:for\s+)?{_N}\s*years?\s+(?:or|and)\s+(?:more|over|longer)", "ge", False),
    (rf"teaching\s+experience\s+(?:of\s+)?{_N}\s*(?:-|–|to)\s*{_N}\s*years?", "range", False),
    # The experience named before its length: "experience of 10 years or more", "Experience: under 2 years".
    (rf"{_EXP_FIRST}(?:between\s+)?{_N}\s*(?:-|–|to|and)\s*{_N}{_YRS}", "range", False),
    (rf"{_EXP_FIRST}(?:less\s+than|under|fewer\s+than|below|<)\s*{_N}{_YRS}", "lt", False),
    (rf"{_EXP_FIRST}(?:more\s+than|over|above|>)\s*{_N}{_YRS}", "gt", False),
    (rf"{_EXP_FIRST}(?:at\s+least|≥|>=)\s*{_N}{_YRS}", "ge", False),
    (rf"{_EXP_FIRST}(?:up\s+to|at\s+most|≤|<=)\s*{_N}{_YRS}", "le", False),
    (rf"{_EXP_FIRST}{_N}(?:\s*\+{_YRS}|{_YRS}\s*(?:\+|(?:or|and)\s+(?:more|over|above|longer)))", "ge", False),
    (rf"{_EXP_FIRST}{_N}{_YRS}\s*(?:or|and)\s+(?:less|fewer|under|below)", "le", False),
    # A comparison sign before the length: "< 5 yrs experience", "≥ 20 years of service".
    (rf"(?:<)\s*{_N}\s*{_TEACH_EN}", "lt", False),
    (rf"(?:>)\s*{_N}\s*{_TEACH_EN}", "gt", False),
    (rf"(?:≥|>=)\s*{_N}\s*{_TEACH_EN}", "ge", False),
    (rf"(?:≤|<=)\s*{_N}\s*{_TEACH_EN}", "le", False),
    # Bare numbers of years: only under a "教龄" header, and never an age's ("不满50周岁" beside a 教龄 bound).
    (rf"{_N}(?:{_YR})?{_DASH}{_N}(?:{_YR})?{_NO_AGE}", "range", True),
    (rf"{_N}(?:{_YR})?{_NO_AGE}\s*(?:及|或)?\s*(?:以下|以内){_INCL}", "le", True),
    (rf"(?:满)?\s*{_N}(?:{_YR})?{_NO_AGE}\s*(?:及|或)?\s*以上{_INCL}", "ge", True),
    (rf"(?:不满|未满|不足)\s*{_N}(?:{_YR})?{_NO_AGE}", "lt", True),
    (rf"(?:满|达到|≥|>=)\s*{_N}{_YR}", "ge", True),  # "满30年" under 教龄
    # An English band that is the whole wording under a "Teaching experience" header: "Under 10",
    # "20 and over", "30+" are years, not an age.
    (rf"^\s*(?:under|below|less\s+than|fewer\s+than|<)\s*{_N}\s*$", "lt", True),
    (rf"^\s*(?:up\s+to|at\s+most|≤|<=)\s*{_N}\s*$", "le", True),
    (rf"^\s*(?:over|above|more\s+than|>)\s*{_N}\s*$", "gt", True),
    (rf"^\s*(?:at\s+least|≥|>=)\s*{_N}\s*$", "ge", True),
    (rf"^\s*{_N}\s*(?:\+|(?:and|or|&)\s*(?:over|above|more|longer))\s*$", "ge", True),
    (rf"^\s*{_N}\s*(?:and|or|&)\s*(?:under|below|less|fewer)\s*$", "le", True),
]

_COMPILED = {
    "teacher.teaching_years": [(re.compile(p), k, bare) for p, k, bare in _YEARS],
    "teacher.age": [(re.compile(p), k, bare) for p, k, bare in _AGE],
}


@dataclass(frozen=True)
class Span:
    field: str
    min: int | None
    max: int | None


class RangeError(ValueError):
    """Numbers that look like a range but cannot be an age or years of teaching."""


def _bounds(kind: Kind, nums: list[int], incl: str | None) -> tuple[int | None, int | None]:
    if incl:
        # An explicit "（含…）" / "（不含…）" after a bound says which way it goes.
        inclusive = "不" not in incl
        if kind in ("le", "lt"):
            kind = "le" if inclusive else "lt"
        elif kind in ("ge", "gt"):
            kind = "ge" if inclusive else "gt"
    n = nums[0]
    if kind == "range":
        return min(nums), max(nums)
    return {"le": (None, n), "lt": (None, n - 1), "ge": (n, None), "gt": (n + 1, None), "eq": (n, n),
            "decade": (n, n + 9)}[kind]


# A value between two bounds: "30≤年龄<40", "5 <= 教龄 < 10".
_SANDWICH = re.compile(rf"{_N}\s*(?:周岁|岁|年)?\s*(≤|<=|<)\s*(年龄|age|教龄|教学年资)\s*(≤|<=|<)\s*{_N}\s*(?:周岁|岁|年)?")


# Each bound with its bracket and the unit said once after both: "30（含）-40（不含）周岁" is
# "30周岁（含）至40周岁（不含）".
_BOUNDS_BEFORE_UNIT = re.compile(r"(\d+)\s*(\((?:含|不含)\))\s*[-－—~～至到]\s*(\d+)\s*(\((?:含|不含)\))\s*(周岁|岁|年)")

# A range, then a bracket saying which of its ends it includes: "25到30岁的教师（含25不含30）",
# "30-40岁（不含30，含40）": each end's bracket put after it, as "25（含）至30（不含）岁" says.
_RANGE_THEN_ENDS = re.compile(r"(?<![\d.])(?P<lo>\d{1,3})\s*(?P<to>[-－—~～至到])\s*(?P<hi>\d{1,3})\s*(?P<unit>周岁|岁|年)"
                              r"(?P<between>[^()]*?)\s*\(\s*(?P<a>不?(?:包)?含)\s*(?P<na>\d{1,3})\s*[,，、;；]?\s*"
                              r"(?P<b>不?(?:包)?含)\s*(?P<nb>\d{1,3})\s*\)")


def _ends_placed(m: re.Match[str]) -> str:
    said = {m.group("na"): m.group("a").replace("包", ""), m.group("nb"): m.group("b").replace("包", "")}
    if set(said) != {m.group("lo"), m.group("hi")}:
        return m.group(0)  # the bracket speaks of other numbers than the range's: left as printed
    return f"{m.group('lo')}({said[m.group('lo')]})至{m.group('hi')}({said[m.group('hi')]}){m.group('unit')}{m.group('between')}"


# A range whose upper end carries its own bound: "25周岁至不足35周岁", "3年到未满10年" are from the first number
# (included) to under the second: "25周岁至34周岁", "3年至9年".
_TO_UNDER = re.compile(r"(?<![\d.])(\d{1,3})\s*(周岁|岁|周年|年)?\s*(?:至|到|-|–|—|~|～)\s*(?:不足|不满|未满|小于|低于)\s*"
                       r"(\d{1,3})(?![\d.])\s*(周岁|岁|周年|年)")
# A lower and an upper bound parted by a list mark: "45周岁及以上、不足55周岁" is one range between them, as
# "45周岁及以上不足55周岁" is (bounds that cannot make one range stay two, and are refused as such).
_BOUNDS_LISTED = re.compile(r"(?:(?<=以上)|(?<=以下)|(?<=岁)|(?<=年))\s*[、,，;；]\s*(?=(?:不足|不满|未满|小于|低于|不超过|满|年满)\s*\d)")


def _to_under(m: re.Match[str]) -> str:
    first, last, unit = int(m.group(1)), int(m.group(3)) - 1, m.group(4)
    return f"{first}{m.group(2) or unit}至{last}{unit}" if first <= last else m.group(0)


# "N years" that say nothing of what they measure ("0-4 years", "less than 5 years").
_BARE_YEARS = re.compile(r"(?<=\d)(\s*\+)?\s*(years?|yrs?)\b(?!\s+(?:old|of\s+age|of\s+teaching|of\s+experience|of\s+service"
                         r"|teaching|experience|in\s+teaching|in\s+service|service))")
# The year of teaching one is in, counted from one: "in their first year of teaching" has no whole
# year taught, "in their first or second year" fewer than two, "in their third to fifth year" two to four.
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_ORDINAL = "|".join(_ORDINALS)
_NTH_YEAR = re.compile(rf"\b((?:in\s+|during\s+)?(?:their|the|your|his|her)\s+)?({_ORDINAL})(?:\s*(?:or|and|to|through|-|/|,)\s*({_ORDINAL}))?\s+years?"
                       r"(?=\s+(?:of|in)\s+(?:teaching|service))")


def _completed(m: re.Match[str]) -> str:
    first = _ORDINALS[m.group(2)]
    last = _ORDINALS[m.group(3)] if m.group(3) else first
    if last < first:
        return m.group(0)
    return f"{m.group(1) or ''}first {last} years" if first == 1 else f"with {first - 1}-{last - 1} years"


def between(spans: list[Span]) -> list[Span]:
    """A lower bound and an upper bound of one measure said apart ("满30周岁不满40周岁", "30岁以上
    40岁以下") are one range between them; other pairs are left as they are."""
    out: list[Span] = []
    for field in dict.fromkeys(s.field for s in spans):
        mine = [s for s in spans if s.field == field]
        lows = [s for s in mine if s.max is None]
        highs = [s for s in mine if s.min is None]
        if len(mine) == 2 and len(lows) == len(highs) == 1 and lows[0].min is not None and highs[0].max is not None \
                and lows[0].min <= highs[0].max:
            out.append(Span(field, lows[0].min, highs[0].max))
        else:
            out += mine
    return out


# Comparisons in words before a number are its signs, so the patterns above name only the signs: "大于等于50岁"
# is "≥50岁", "不少于5年" "≥5年" (and "不小于" is not "小于"). Before a level they stay words: "学历不低于本科" is
# 本科及以上, read elsewhere.
_AT_LEAST_ZH = re.compile(r"(?:大于或?等于|不小于|不低于|不少于)(?=\s*\d)")
_AT_MOST_ZH = re.compile(r"(?:小于或?等于|不大于|不高于|不多于)(?=\s*\d)")
# Both bounds said in words: "at least 10 but fewer than 20 years of teaching" is 10 to 19.
_AT_LEAST_BUT = re.compile(r"\bat\s+least\s+(\d{1,3})\s+(?:but|and)\s+(?:fewer\s+than|less\s+than|under|below|younger\s+than)\s+(\d{1,3})\b")
_FOR = re.compile(r"\bfor\s*$")
# The years of teaching said before their number: "Teaching 20+ yrs", "Teaching < 3 years", "Years teaching <3":
# the number and its unit then the activity, as "20+ years teaching" says it.
_CMP = r"(?:<=|>=|<|>|≤|≥|under|over|less\s+than|more\s+than|fewer\s+than|at\s+least|at\s+most)"
_TEACHING_FIRST = re.compile(rf"\bteaching\s+({_CMP}?\s*\d{{1,2}}\s*\+?)\s*(years?)\b")
_YEARS_TEACHING_FIRST = re.compile(rf"\byears?\s+teaching\s*({_CMP}\s*\d{{1,2}})\b(?!\s*(?:years?|\+))")


def extract(text: str, hint: str | None = None) -> tuple[list[Span], str]:
    """Every age and teaching-years range in folded `text`, and the text without them. Bare numbers
    count only when `hint` (the field the context names: teacher.age or teacher.teaching_years)
    says what they measure. RangeError when a range's numbers cannot be that measure."""
    spans: list[Span] = []
    text = _AT_LEAST_BUT.sub(lambda m: f"{m.group(1)} to {int(m.group(2)) - 1}",
                             _AT_MOST_ZH.sub("≤", _AT_LEAST_ZH.sub("≥", text)))
    text = _LENGTH_OF_TEACHING.sub(r"\1", text)  # "从教年限满30年" is "从教满30年"
    text = _YEARS_TEACHING_FIRST.sub(r"\1 years teaching", _TEACHING_FIRST.sub(r"\1 \2 teaching", text))
    text = _YEARS_OR_HIGHER.sub(r"\1above", text)  # "10 years or higher" of a length is "or above"
    text = _NTH_YEAR.sub(_completed, text)
    text = _BOUNDS_BEFORE_UNIT.sub(r"\1\5\2至\3\5\4", _RANGE_THEN_ENDS.sub(_ends_placed, text))
    text = _BOUNDS_LISTED.sub("", _TO_UNDER.sub(_to_under, text))
    if hint == "teacher.teaching_years":
        # Under "Teachers by years of experience", "20 years or more" are years of teaching, not an age.
        text = _BARE_YEARS.sub(r"\1 \2 of teaching", text)
    while (m := _SANDWICH.search(text)) is not None:
        first, op1, word, op2, second = m.groups()
        field = "teacher.age" if word in ("年龄", "age") else "teacher.teaching_years"
        spans.append(Span(field, int(first) + (op1 == "<"), int(second) - (op2 == "<")))
        text = text[: m.start()] + " " + text[m.end():]
    for field in ("teacher.teaching_years", "teacher.age"):
        lo_limit, hi_limit = _LIMITS[field]
        for pattern, kind, bare in _COMPILED[field]:
            if bare and hint != field:
                continue
            while (m := pattern.search(text)) is not None:
                nums = [int(g) for g in m.groups() if g is not None and g.isdigit()]
                if field == "teacher.age" and _FOR.search(text, 0, m.start()):
                    # "who have worked for more than 20 years": how long something lasted, never an age
                    raise RangeError(f"{m.group(0).strip()!r} after 'for' is a length of time, not an age")
                if not all(lo_limit <= n <= hi_limit for n in nums):
                    raise RangeError(f"{m.group(0).strip()!r} is not a plausible {field.removeprefix('teacher.')}")
                g = m.groupdict()
                lo: int | None
                hi: int | None
                if g.get("lo") and g.get("hi"):
                    lo = nums[0] if "不" not in g["lo"] else nums[0] + 1
                    hi = nums[1] if "不" not in g["hi"] else nums[1] - 1
                else:
                    lo, hi = _bounds(kind, nums, g.get("incl") or g.get("mid"))
                spans.append(Span(field, lo, hi))
                text = text[: m.start()] + " " + text[m.end():]
    return spans, text
