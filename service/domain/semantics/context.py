"""Context: a field read where it sits on the department's form.

Printed forms are tables. A title ("专任教师分学历情况") or a header ("专任教师") names a
population; "合计" / "总计" / "Total" under it is that population; a bare category ("博士", "女")
under it is that category of it; "其中" / "#" / "Of which:" refine the total just above, whatever
it is (under all staff "其中：女" is female staff). In a flat list the total just above is the last
field that named whom it counts. A header the reader cannot read is never ignored by a field that
needs it: such a field stays `new`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date

from service.domain.dictionary import Dictionary, remembered
from service.domain.semantics.definition import (
    RANGE_FIELDS,
    Definition,
    DefinitionError,
    Filter,
    admitted,
    allowed_codes,
    apart_on,
    codes_of,
    count,
    teacher_code_fields,
    value,
)
from service.domain.semantics.lexicon import ANY, POST, RESIDUAL_SLUGS, Sense, lexicon, units
from service.domain.semantics.reader import (
    EMPLOYED,
    EMPTY,
    NOTHING,
    SELF,
    UNKNOWN_AXIS,
    Parsed,
    Unread,
    band_of,
    by_parts,
    defined_term,
    read,
    respelled,
    rest_of,
    words_run_together,
)
from service.domain.semantics.text import (
    MONTHS,
    another_measure,
    fold,
    lettered,
    measured,
    normalise,
    numbering,
    of_an_event,
    records_basis,
    simplified,
    strip_noise,
    unnumbered,
)

# What a table's title says around its subject: dates, terms, "统计表", "基本情况".
_TITLE_NOISE = re.compile(
    # The attachment a table is sent as, with the table's own number after it: "附件2：表3 …", "Annex 2: Table 20-14 …".
    r"^\s*(?:附件|附录|annex|appendix|attachment)\s*[\da-z一二三四五六七八九十]{0,3}\s*[:：.、．-]?\s*"
    r"(?:(?:附\s*)?(?:表|table)\s*[a-z]?\d+(?:[-.]\d+)*\s*[.:：、]?)?"
    # A yearbook's table number before its name: "18-14 Age Composition of …" (not a band: "25-29 years").
    r"|^\s*\d{1,2}-\d{1,3}\s+(?!years?\b|yrs\b)(?=[a-z])"
    r"|^\s*(?:附\s*)?(?:表|table)\s*(?:[a-z]{1,3}[-.]?)?\d+(?:[-.]\d+)*\s*[.:：、]?|\d{4}\s*(?:[-/]\s*(?:\d{4}|\d{2}(?!\d))\s*)?(?:年度?(?:\s*\d{1,2}\s*月份?)?|学年度?)?(?:[初末])?|\d{2,3}\s*学年度?|[春秋]季(?:学期)?|[上下]学期|学年|年度|学期|全省|全市|全县|全区|各校|中小学"
    r"|(?:统计|汇总|调查|登记|报送|情况)?表$|统计表|汇总表|调查表|登记表|基本情况|\bform\b|\bsurvey\b|\btable\b"
    # A table crossing two breakdowns says so: "…职称与年龄交叉统计表", "… (cross-tabulation)".
    r"|交叉|\bcross[- ]?tab(?:ulation)?s?\b"
    # The unified base form a province sends instead of many ("一表通"), with its part's code: "一表通 B02 …".
    r"|[“\"]?一表通[”\"]?(?:简版)?\s*[·・•]?\s*(?:[a-z]{1,2}\d{0,3}(?![a-z\d]))?"
    # A table of a structure's proportions ("职务结构比例核查表") prints the counts they are worked out from.
    r"|(?<=结构)比例"
    r"|\bstatistics\b|\breport\b"
    # A roster, or a spreadsheet's pivot table of one, names the document, not whom it lists.
    r"|数据透视表|\bpivot ?tables?\b|花名册|名册"
    # The procedure a form gathers for, just before the kind of document: "…职务评审申报汇总表",
    # "…推荐表". Not before whom it lists: "申报人员情况表" counts the applicants.
    r"|(?:评审|评定|评聘|认定|评选|遴选)?(?:申报|推荐|评审)(?=\s*(?:汇总|统计|情况|登记|一览|审批)?表)"
    # What a survey is for and where, around its subject: "XX县…监测表", "基础教育…", "(截至9月1日)".
    r"|基础教育|义务教育(?:阶段)?|普通中小学|监测|结构分析|分析|摸底|普查|核查|基础数据"
    r"|[(（]\s*(?:截至|截止|统计时点)[^)）]*[)）]|\b(?:basic|compulsory) education\b|\bmonitoring\b|\breturn\b"
    r"|\b(?:base )?data\b|\bcensus\b(?!\s*(?:date|day))|\b(?:annex|appendix)\s*[a-z0-9]*\s*[:.]?"
    # How a title presents its counts, and that a table goes on from a page before: "Distribution of
    # teachers by age", "… (ISCED level of qualification)", "…, continued", "续表", "教师队伍建设".
    r"|^\s*(?:distribution|summary) of\b|\bsummary\b|\bisced\b(?=\s*level\b)|\bcont(?:inued|'d|\.)(?=\W|$)|续表|(?<=队伍)建设"
    # A term, a section's number, a note's reference and a dash left at the end: "第一学期", "C.2 …",
    # "(see note 3)", "… – 2026/27".
    r"|第[一二]学期|^\s*[a-z]?\d*(?:\.\d+)+\s+|[(（]\s*(?:see|cf\.?|见|详见)\b[^()（）]*[)）]|\s[—–-]{1,2}\s*$"
    # Numbers, units and notes of a printed table: "（表二）", "附表2-1", "(2026)", "Unit: person",
    # "（单位：人）", "ISCED 2", "(headcounts)", "（人社统基层表）", "(count each teacher once …)".
    r"|[(（]\s*附?表\s*[一二三四五六七八九十\d]+(?:[-.]\d+)*\s*[)）]|附表\s*[一二三四五六七八九十\d]+(?:[-.]\d+)*"
    # A form's number before its name, or in a bracket: "教基1234 …", "表号：人社统J101", "（表号：教基1001）".
    r"|^\s*(?:表\s*号\s*[:：]\s*)?[\u4e00-\u9fff]{1,3}[a-z]?\d{3,4}(?:[-.]\d+)*(?![\d.年月日届级岁])(?:号|表)?"
    r"|[(（]\s*表\s*号\s*[:：][^()（）]*[)）]"
    r"|[(（]\s*\d{4}\s*[)）]|\bunits?\s*[:：]\s*(?:persons?|people|headcounts?|pax)\b|[(（]?\s*(?:计量)?单位\s*[:：]\s*[人名个]\s*[)）]?"
    # A table printed over pages: "共2页", "第1页" (its "（续表，…）" is noise of any wording: text._NOISE).
    r"|共\s*\d+\s*页|第\s*\d+\s*页"
    r"|[(（]\s*[人名位]\s*[)）]"
    r"|\bisced\s*(?:level\s*)?\d(?:\s*(?:-|to|and)\s*\d)?\b|[(（]\s*(?:headcounts?|persons?|number)\s*[)）]"
    r"|[(（][^()（）]*(?:报表|基层表|统计表)[)）]|[(（]\s*(?:form|table|表)\s*[a-z]{0,3}\s*[-.]?\s*\d{0,3}[a-z]?\s*[)）]|汇总$|一览$|[(（]\s*(?:count|include|exclude|do not|please|report)\b[^()（）]*[)）]"
)


@dataclass(frozen=True)
class Scene:
    """What a field's position tells: the conditions of its title and headers (None when they name
    no population), the total just above it, and what bare numbers under its headers measure."""

    headers: tuple[str, ...] = ()
    base: tuple[Filter, ...] | None = None
    base_population: bool = False  # whether the title or a header names whom the table counts
    base_words: str = ""
    # The headers' own people, without the title's: a field naming its people whole under a header naming the
    # same ("体育教师情况表 / 专任教师情况 / 专任教师总数") counts them all, as it would printed alone.
    headers_own: tuple[Filter, ...] | None = None
    title: tuple[Filter, ...] | None = None
    title_words: str = ""
    above: Definition | None = None
    above_words: str = ""  # the wording of the field just above, also when it is not a count
    total: Definition | None = None  # the last field above that counts a whole population
    total_words: str = ""
    hint: str | None = None
    by: tuple[str, ...] = ()  # what the title and headers break their population down by
    unreadable: str | None = None
    value: str | None = None  # a header naming a stored number ("在校生数"): its "合计" is that value
    # A field between the total and this one named the total's population again ("专任教师数", then
    # "专任教师女", "专任-本科"): the form names whom each column counts, so a number of people
    # naming nobody ("在编人数") counts them all, not a part of that total.
    renamed: bool = False
    employed: str | None = None  # a header saying only how teachers are employed ("Full-time", "专职")
    besides: bool = False  # under "另有" / "In addition": people counted beside the table's staff
    people_headers: bool = False  # a header of its own names people ("女", "Staff"), not only the title
    # A total above counted more staff than the title names ("教师队伍…" over "教职工总数"): the title's
    # word was loose, and people counted apart from the totals are not framed by it.
    loose_title: bool = False
    # A header naming a class of staff ("Certificated staff", "Classified staff"): the post types it holds
    # every member of, and its words. Only a field naming its own population among them is read.
    classed: frozenset[str] | None = None
    classed_words: str = ""
    # The conditions each header named, with the header, less those of a header that may name its field
    # ("Contract"): a column naming values they rule out ("女教师 / 男") counts neither (_compose).
    ruling: tuple[tuple[Filter, str], ...] = ()


# The head of a table's column of row names: "项目", "指标", "Item". It names no population: the
# rows beneath it do.
_STUB = re.compile(r"^\s*(?:项目|指标|栏目|items?|indicators?)\s*$"
                   # A breakdown's name cut to one character in a re-keyed path ("专任-学-研究生", "专任-职-正高",
                   # "专任-龄-35岁及以下"): the category beneath names its field itself. Not 岗: a post's grade
                   # (岗位等级 "一级" to "十三级") shares its words with the titles.
                   r"|^\s*[学职龄编]\s*$")
# The corner of a cross-tab, parted by a diagonal: "学历＼职称", "职称/学历", "Qualification \\ Rank".
_DIAGONAL = re.compile(r"\s*[\\＼/／]\s*")


def _axes(header: str, d: Dictionary) -> tuple[str, ...] | None:
    """The breakdowns a cross-tab's corner names, rows' then columns', when each of its parts names
    one breakdown and nothing else; None for any other header."""
    parts = _DIAGONAL.split(fold(header).strip())
    if len(parts) != 2 or not all(parts):
        return None
    read_ = [read(p, d, mode="frame") for p in parts]
    if not all(isinstance(r, Parsed) and r.kind == "total" and not r.conditions and len(r.by) == 1 and not r.refine
               for r in read_):
        return None
    return tuple(r.by[0] for r in read_ if isinstance(r, Parsed))


# A header over people counted beside the table's population, not within it: "另有", "In addition".
# A field and a filter on it set to every value: "岗位类别：(All)", "Post Type: (All)", "人员类别 = 全部".
_ALL_OF = re.compile(r"^\s*(.+?)\s*[:：=]\s*[(（\[]?\s*(?:all|全部|所有|全选|\(all\))\s*[)）\]]?\s*$")
_BESIDES = re.compile(r"^\s*(?:另有|另外|此外|in addition|additionally)\s*[:：]?\s*$")
# A header whose figures take in other units than the school ("合计（含所属教学点）", "含分校"): the records
# hold the school's own people, not theirs.
_TAKES_IN_OTHERS = re.compile(r"(?<![不未])(?:包)?含(?:所属|下属|附属|所辖)?各?(?:教学点|分校|村小|校区|分部|附属幼儿园)")
# A header naming people only as persons ("现有人员", "人员", "实有人员数"), or persons broken down ("现有人员按现聘职务分"):
# under a title naming whom ("专任教师…核查表") they are those people, no wider.
_PERSONS = re.compile(r"^\s*(?:现有|实有|在册|全部|所有)?人员(?:数|情况)?(?P<by>按.{1,12}分)?\s*$")

# A header giving only the unit the table counts in ("单位：人", "计量单位：名", "Unit: persons"), or naming a
# section that sums up the form ("Section D: Summary", "汇总").
_UNIT_NOTE = re.compile(r"^[(（]?\s*(?:计量)?单位\s*[:：]\s*(?:人|名|个|位|人数)\s*[)）]?$"
                        r"|^(?:summary|overview|汇总|概况|综合情况)$"
                        r"|^[(（]?\s*units?(?:\s+of\s+measure(?:ment)?)?\s*[:：]\s*(?:persons?|people|headcounts?|number)\s*[)）]?$")


# The school's size as a header over what measures it ("规模：在校学生数", "规模：教职工数"): the measures
# under it say whom they count; the size itself names no one.
_SIZE = re.compile(r"(?:学校|办学)?规模|(?:school\s+)?size")


def names_nobody(header: str, d: Dictionary) -> bool:
    """Whether a header says only how or where a table sits on the sheet, not whom it counts: a unit
    ("单位：人", "Unit: persons", "Headcount"), a section ("二、基本情况", "Section B", "Part 2"). The
    fields under it read as they would without it, since a department adds such a header or leaves
    it out without changing a cell. "另有" names nobody either, but says the people below are
    beside the table's population, so it stays."""
    h = fold(header).strip()
    if _UNIT_NOTE.match(h) or _SIZE.fullmatch(h):
        return True
    if _BESIDES.match(h):
        return False
    if _OWN_SIDE.fullmatch(_UNIT_OR_COLON.sub("", h[len(numbering(h)):]).strip()) or _EACH_KIND.search(h):
        return True
    parsed = read(h, d, mode="frame")
    return not isinstance(parsed, Parsed) and parsed.reason in (NOTHING, EMPTY)

# The school reporting, named by its side of a partnership ("（三）中方合作学校全校情况": a 中外合作办学 return's
# block of the Chinese school's own figures), is the form's own school: a section, naming nobody else.
OWN_SIDE = "中方|我方|本方|校方"  # the form's own side of a partnership, as a return of one names it
_OWN_SIDE = re.compile(rf"(?:{OWN_SIDE})[\u4e00-\u9fff]{{0,6}}?(?:学校|院校|单位)(?:全校|全体|整体)?(?:基本)?(?:情况|概况)?")
# What a header may carry after such a name and still be it: its unit ("（人）") or a colon closing it.
_UNIT_OR_COLON = re.compile(r"[(（]\s*[人名个]\s*[)）]|[:：]\s*$")
# A question over rows of kinds of staff, each counted on its row: "Currently, how many people in each of these
# categories work at your school?", "贵校下列各类人员分别有多少人？". The rows say whom; the question, no one.
_EACH_KIND = re.compile(r"\bhow many (?:people|persons|staff|employees)\s+(?:in each (?:of (?:these|the following) )?(?:categor(?:y|ies)"
                        r"|groups?|roles?)|of each (?:kind|type|category))\b|(?:下列|以下|如下)各类(?:人员|教职工)(?:分别)?(?:各)?有?多少")

# The place a title is for: "XX县", "长沙市".
_PLACE = re.compile(r"^(?:[^\s省市县区]{1,6}[省市县区]\s*)+(?=\S)")
# The schools a title's table is for, named by words the reader need not know: "幼儿园…",
# "中等职业学校…", "XX县第一小学…" end in a word for a school.
_SCHOOLS_FOR = re.compile(r"^.*?(?:学校|学院|幼儿园|小学|中学|校|园|schools?|kindergartens?)\s*(?=\S)")


# The schools an English title's table is for, after whom it counts: "… of Regular Secondary Schools".
_SCHOOLS_FOR_EN = re.compile(r"\b(?:of|in|at)\s+(?:[a-z-]+\s+){0,3}(?:schools?|kindergartens?)\b")
# Sentences telling the person filling in how to: "Please write a number on each line.", "Write 0
# (zero) if none.", "请如实填写。" They say nothing of whom a table counts.
_INSTRUCTIONS = re.compile(r"(?:(?:(?<=[.?!。？！])|^)\s*(?:please|write|tick|mark|enter|if none|count each|do not|请|如无|填写|注)"
                           # After a question, a sentence on what to count: "…? Count a teacher who teaches…",
                           # "…? Include part-time staff." (opening a header, "Count of StaffID" is a pivot's).
                           r"|(?<=[.?!。？！])\s*(?:count|include|exclude|report)\b)"
                           r"[^.?!。？！]*(?:[.?!。？！]|$)", re.IGNORECASE)
# A form's name before what its table counts: "…Form C: …", "…——…".
_SPACES = re.compile(r"\s+")
_NAMED = re.compile(r"^.{1,80}(?:[:：]|\s[—–-]{1,2}\s|——)\s*")
# A term a form defines for itself, in a bracket or a clause of one: "（青年教师指35周岁及以下专任教师）",
# "(young teachers: aged 35 or under)", "(current year; faculty = teachers with a regular teaching load)".
# Only people are defined so: the term ends in a word for them.
_DEFINES = re.compile(r"(?:[(（]|(?<=[;；]))\s*(?:注\s*[:：]\s*|note\s*[:：]\s*)?"
                      r"([^()（）:：;；=]{0,16}?(?:教师|老师|人员|教职工|teachers?|staff|faculty|educators?|personnel|employees))\s*"
                      r"(?:是指|系指|指的是|指|即|means|refers to|are defined as|is defined as|[:：=])\s*([^()（）;；]{2,60})(?=[)）;；])")
# A term that is only a word for people ("faculty"): the form's own name for the people it defines, so
# the definition stands in its place. A longer term ("young teachers") keeps its words, the definition
# after them.
_LETTERS = re.compile(r"[a-z]{1,3}")
_PEOPLE_WORD = re.compile(r"^(?:faculty|educators?|personnel|employees|staff|teachers?)$")


# Letters a title defines for its columns: "(HM = men and women; M = of which women)".
_ABBREVIATION = re.compile(r"(?:[(（]|(?<=[;；,，]))\s*([a-z]{1,3})\s*=\s*([^()（）;；,，=]{2,40}?)\s*(?=[)）;；,，])")
# A note on the table's layout ("（行为年龄段，列为职称；单位：人）", "(rows are age groups)"): where each
# breakdown is printed, not whom the table counts.
_LAYOUT_NOTE = re.compile(r"[(（][^()（）]*(?:(?:横|纵)?(?:行|列|栏)(?:为|是|按)|(?:rows?|columns?)\s+(?:are|show|give))[^()（）]*[)）]")
# A form's name and its table's number before the table's own title: "…补充统计表（二）　女专任教师…".
_TABLE_THEN_TITLE = re.compile(r"^.{2,40}?[(（]\s*[一二三四五六七八九十\d]+\s*[)）]\s*(?=\S)|^.{2,40}?表\s+(?=\S)")
# A kind of school before the people a title counts ("非高等教育学校教师…"): the schools it is for.
_SCHOOLS_BEFORE_PEOPLE = re.compile(r"^[^\s()（）]{2,12}?(?:学校|學校)(?=(?:的)?(?:教师|教師|专任|專任|教职|教職|职工|職工))")
# A bracket of such definitions, which says what the columns' letters mean, not whom the table counts.
_LETTERS_DEFINED = re.compile(r"[(（]\s*[a-z]{1,3}\s*=[^()（）]*[)）]")
# People named with their range in a bracket right after them: "青年教师（35周岁及以下）".
_NAMED_RANGE = re.compile(r"((?:[a-z]+ )?[^\s()（）、,，和及与]{0,8}?(?:教师|老师|人员|教职工|teachers?|staff))\s*[(（]([^()（）]*\d[^()（）]*)[)）]")


def glossary(title: str | None) -> tuple[tuple[str, str], ...]:
    """The terms a form's title defines, longest first, in folded text: (term, meaning)."""
    folded = fold(title or "")
    found = [(m.group(1).strip(), m.group(2).strip()) for m in _DEFINES.finditer(folded)]
    # "全县中小学青年教师（35周岁及以下）": the people named are the last word before the bracket.
    found += [(_last_word(m.group(1)), m.group(2).strip()) for m in _NAMED_RANGE.finditer(folded)
              if any(band_of(m.group(2), f) for f in RANGE_FIELDS)]
    # "(HM = men and women; M = of which women)": the letters a table heads its columns with.
    found += [(m.group(1), m.group(2).strip()) for m in _ABBREVIATION.finditer(folded)]
    return tuple(sorted(((t, w) for t, w in found if t and w and t != w), key=lambda p: -len(p[0])))




def _month_said(name: str) -> str:
    """A month's name, whole or cut short after its first three letters ("sep", "sept", "september")."""
    return name[:3] + "(?:" + "|".join(name[3:k] for k in range(len(name), 3, -1)) + ")?" if len(name) > 3 else name


_MONTH = rf"(?P<month>{'|'.join(_month_said(m) for m in MONTHS)})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DATES = (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"), re.compile(rf"\b{_MONTH}\s+{_DAY}\b"),
          re.compile(r"(?P<month>1[0-2]|0?[1-9])\s*月\s*(?P<day>[0-3]?\d)\s*日"))


@functools.lru_cache(maxsize=256)
def _said_dates(title: str) -> re.Pattern[str] | None:
    """The day a title says its form is for ("(as at 30 September)", "October 1 snapshot",
    "（截至9月30日）"), however a field writes it, with the word putting a count at it."""
    folded = fold(title)
    found: set[tuple[int, int]] = set()
    for pattern in _DATES:
        for m in pattern.finditer(folded):
            month = m.group("month")
            found.add((int(month) if month.isdigit() else 1 + [x[:3] for x in MONTHS].index(month[:3]),
                       int(m.group("day"))))
    said: list[str] = []
    for month, day in sorted(found):
        on, of = rf"0?{day}(?:st|nd|rd|th)?", rf"{_month_said(MONTHS[month - 1])}\.?"
        said += [rf"\b(?:{on}\s+(?:of\s+)?{of}|{of}\s*{on})(?!\w)", rf"0?{month}\s*月\s*0?{day}\s*日"]
    if not said:
        return None
    return re.compile(rf"\s*(?:\b(?:as\s+(?:at|of|on)|at|on)\s+|截至|截止|至)?(?:{'|'.join(said)})")


def dated(text: str, title: str | None) -> str:
    """A wording without the day its form's title says the form is for, said again ("Total enrolment
    at 30 September" under "(as at 30 September)"): every count of the form is at that day, the
    reference date. Another day is not taken off."""
    day = _said_dates(title) if title else None
    folded = fold(text)
    if day is None or not day.search(folded):
        return text
    return day.sub(lambda m: m.group(0) if of_an_event(folded, m) else " ", folded).strip()


# A header that is only a day or a period: "2026年9月1日", "截至2026年9月1日", "2026学年", "2026-27学年",
# "As at 1 September", "1 September 2026", "2026/27".
_ZH_PERIOD = re.compile(r"^(?:截至|截止|统计时点\s*[:：]?)?\s*(?P<year>\d{4})\s*(?:(?P<school>[-/至]\s*(?:\d{4}|\d{2})\s*)?学年度?"
                        r"|年度?(?:\s*(?P<month>1[0-2]|0?[1-9])\s*月(?:\s*(?P<day>[0-3]?\d)\s*日)?)?)\s*$")
_EN_PERIOD = re.compile(rf"^(?:(?:as\s+(?:at|of|on)|at|on)\s+)?(?:(?:{_DAY}\s+(?:of\s+)?{_MONTH}|{_MONTH.replace('month', 'month2')}\s+"
                        rf"{_DAY.replace('day', 'day2')})(?:,?\s*(?P<year>\d{{4}}))?|(?P<year2>\d{{4}})(?P<school>\s*[-/]\s*(?:\d{{4}}|\d{{2}}))?"
                        r"(?:\s+school\s+year)?)\s*$")


@remembered
def residual_alone(wording: str, d: Dictionary) -> str | None:
    """The field whose residual code a wording names and nothing else ("Unknown", "Not stated", "不详"),
    or None. Such a word names no field of its own: "Unknown" is the unknown sex only in a column under
    "Sex"; under "Age" or "Qualification", or with no breakdown said, it is the unknown value of
    another field or of none the records code."""
    u = units(strip_noise(fold(wording)))
    senses = lexicon(d).terms.get(u, frozenset()) if u else frozenset()
    fields = {s.field for s in senses if s.kind == "code" and s.residual}
    if not senses or len(fields) != 1 or any(not (s.kind == "code" and s.residual) for s in senses):
        return None
    return next(iter(fields))


def residual_codes(field: str, d: Dictionary) -> frozenset[str]:
    """A coded teacher field's codes for other, unknown or not stated values."""
    held = teacher_code_fields(d).get(field)
    listed = d.code_lists[held.code_list or ""].codes if held is not None else ()
    return frozenset(c.code for c in listed if c.slug in RESIDUAL_SLUGS)


def residual_of(defn: Definition | None, d: Dictionary) -> str | None:
    """The field a count asks the residual code of ("其他" read as the ethnicity 'other'), or None."""
    for f in defn.filters if defn is not None and defn.measure == "count" else ():
        if f.codes and not f.negated and set(f.codes) <= residual_codes(f.field, d):
            return f.field
    return None


def at_reference(header: str, reference: date) -> bool:
    """Whether a header is only a day or a period, and the request's reference date is that day or in
    that period: every count is at the reference date, so such a header over columns names nobody
    ("2026年9月1日" / "专任教师数" is the teachers at that day). A day or a year the reference date is
    not in ("2025学年" beside "2026学年", "31 December") says the columns are of another time: it stays,
    and the fields under it stay `new`, since the records hold the present, not the past."""
    h = fold(header).strip()
    m = _ZH_PERIOD.match(h) or _EN_PERIOD.match(h)
    if m is None:
        return False
    got = {k: v for k, v in m.groupdict().items() if v}
    year = got.get("year") or got.get("year2")
    month = got.get("month") or got.get("month2")
    day = got.get("day") or got.get("day2")
    if "school" in got or "学年" in h:
        # A school year starts in the autumn: "2026学年" and "2026-27" hold 1 September 2026.
        if year is None or int(year) != (reference.year if reference.month >= 8 else reference.year - 1):
            return False
        return month is None and day is None
    if year is not None and int(year) != reference.year:
        return False
    if month is not None:
        number = int(month) if month.isdigit() else 1 + [x[:3] for x in MONTHS].index(month[:3])
        if number != reference.month:
            return False
    return day is None or int(day) == reference.day


_LAST_WORD = re.compile(r"(?:[^\W\d_a-z]{2}|[a-z]+ )(?:教师|老师|人员|教职工|teachers?|staff)$")


def _last_word(term: str) -> str:
    m = _LAST_WORD.search(term.strip())
    return m.group(0) if m else term.strip()


def defined(text: str, terms: tuple[tuple[str, str], ...]) -> str:
    """A wording with the terms its form defines followed by their definition ("青年教师人数" →
    "青年教师(35周岁及以下专任教师)人数"), so it is read as the form means it."""
    if not terms:
        return text
    folded = plain = fold(text)
    for term, meaning in terms:
        if _LETTERS.fullmatch(term):
            # A column headed by the letters alone: "M" is "of which women" only where the title says so.
            folded = meaning if folded.strip() == term else folded
        elif _PEOPLE_WORD.match(term):
            # Not within another word ("non-faculty": the others), nor beside it ("faculty and non-faculty": all).
            t = re.escape(term)
            folded = re.sub(rf"(?<![\w-]){t}(?![\w-])(?!\s+(?:and|or|&)\s+non[- ]?{t}\b)", meaning, folded)
        else:
            folded = folded.replace(term, f"{term}({meaning})")
    # A wording naming no term stays as printed: its capitals may part words run together ("TotalFaculty").
    return text if folded == plain else folded


# Where a spreadsheet flattens nested headers into one column name: "Teaching Staff > Contract >
# Permanent", "教职工数|其中：女". Only marks that never join values or bound a range part headers:
# "M/F", "31-40岁" and "35岁及以下" stay whole, and so do "年龄>50岁" and "Age > 55".
_PATH_MARK = re.compile(r"\s*(?:[>＞»→](?!\s*=?\s*\d)|[|｜])\s*")
_SPACED_GT = re.compile(r"\s+[>＞»→]\s+")
_SLASH = re.compile(r"\s*[/／]\s*")
_BRACKETED = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
_A_COUNT = re.compile(r"(?:数|率|比)[_\s]*$")
# The people a table counts, named without 数 ("专任教师/女"): a population is no more one of two values
# than its count is. Not when people are named after the slash too ("教师/学生", "男教师/女教师").
_PEOPLE = re.compile(r"(?:专任教师|教职工|教职员工|教师|老师|职工)[_\s]*$")
_PEOPLE_AFTER = re.compile(r"教师|老师|教职|职工|员工|人员|学生|幼儿|儿童|家长|[a-zA-Z]")
_OF_WHICH_HEAD = re.compile(r"^\s*(?:其中|#|of which|including|among them)\s*$")
_AMONG_THEM = re.compile(r"(?<=[师员工者])\s*中\s*$")
# A dash parting a path of merged header cells as spreadsheets flatten them: after a Chinese word
# ("专任教师-其中女-35岁以下", "编外-其他人员") or spaced between words ("Staff - Female"). Not a dash in
# a range ("31-40岁", "30岁-40岁", "Aged 25 - 29") nor one joining a word ("Full-time").
# An em dash after a Chinese word or a bracket parts one too, as survey tools join a matrix question's stem and
# row ("专任教师职称结构（人）—正高级", "…[矩阵填空题]—研究生—计"); a doubled one ("专任教师——Full-time
# teachers") joins two languages' halves.
_DASH = re.compile(r"(?<=[\u4e00-\u9fff)）_])\s*[-－–]\s*(?=\S)|(?<=[\u4e00-\u9fff)）\]】_])\s*—(?!—)\s*(?=\S)"
                   r"|(?<=[^\W\d_])\s+[-–]\s+(?=[^\W\d_])")
_RANGE_END = re.compile(r"(?:[\d〇零一二三四五六七八九十百]\s*(?:周岁|岁|年|歲)|[一二三四五六七八九十百])$")
# A range whose ends each say in a bracket whether they are included: "45(不含)-55(含)岁".
_BRACKETED_BOUNDS = re.compile(r"\d\s*[(（]\s*(?:不含|含|包含)\s*[)）]\s*[-－–]\s*\d$")
# A unit after a dash is the same column's unit, not a header beneath it: "在编-人数", "编外-人".
_UNIT_ONLY = re.compile(r"^\s*(?:人数|人|名|数|数量|人次|persons?|people|headcount|number)\s*$", re.IGNORECASE)
# What follows a spaced ">" that compares rather than parts a path: a bare number ("Age > 55", "年龄 > 50岁").
_COMPARED = re.compile(r"^\s*\d+(?:\.\d+)?\s*(?:周岁|岁|歲|年|years?|yrs?)?\s*$")


def _one_breakdown(text: str, d: Dictionary | None) -> bool:
    """Whether a wording names one breakdown and nothing else ("年龄", "学历", "Age", "Sex")."""
    if d is None or not text.strip():
        return False
    p = read(fold(text).strip(), d, mode="frame")
    return isinstance(p, Parsed) and p.kind == "total" and not p.conditions and len(p.by) == 1 and not p.refine


def _slash_cuts(bare: str, d: Dictionary | None = None) -> list[tuple[int, int]]:
    """A slash joins values ("男/女", "M/F") except after a count's own head word ("专任教师数/女",
    "专任教师数（人）/女") or the people it counts ("专任教师/女"): a count is not one of two
    alternatives, so what follows is a header path beneath it ("专任教师数/女/35岁以下"), unless that is
    a count too ("学生数/教师数", a ratio). A breakdown's name first ("年龄 / 30岁以下 / 女", a row-wise
    table flattened) is no value either: what follows is a row under it, unless that names a breakdown
    too ("年龄/性别", two breakdowns side by side)."""
    cuts: list[tuple[int, int]] = []
    found = list(_SLASH.finditer(bare))
    for n, m in enumerate(found):
        after = bare[m.end(): found[n + 1].start() if n + 1 < len(found) else len(bare)]
        if _A_COUNT.search(after):
            return []
        before = bare[: m.start()].rstrip("_ ")
        if cuts or before.endswith("数") or (_PEOPLE.search(before) and not _PEOPLE_AFTER.search(after)) \
                or (n == 0 and _one_breakdown(before, d) and not _one_breakdown(after.rstrip("_ "), d)):
            cuts.append(m.span())
    return cuts


def of_which_header(headers: list[str], label: str, d: Dictionary) -> tuple[list[str], str]:
    """A last header saying only "其中" / "Of which" / "#" over a row says of it what "其中：" before
    its wording says: the row refines the total just above. Read as that wording under the headers
    above it, so that a form printing "其中" once over its rows reads as one printing it in each."""
    if not headers:
        return headers, label
    p = read(headers[-1], d, mode="frame")
    if isinstance(p, Parsed) and p.kind == "total" and p.refine and not p.conditions and not p.by:
        number = numbering(label)  # after the row's number: "02 女" is "02 其中：女"
        return headers[:-1], f"{number}{headers[-1].strip().rstrip(':：')}：{label[len(number):]}"
    return headers, label


# A workbook's sheets pasted into one table, each column name after the name of the sheet it came from
# ("【Sheet3 专任教师】女", "[Sheet2: 教职工] 合计", "（工作表1 学校概况）学校名称", "[表3 专任教师] 本科"):
# the sheet's name is a header over its columns, and its number nothing.
_SHEET = re.compile(r"^\s*[【\[［(（]\s*(?:(?:sheet|worksheet|工作表|工作簿)\s*[\d一二三四五六七八九十]*|表\s*[\d一二三四五六七八九十]+)"
                    r"\s*[-_:：.、\s]*(?P<name>[^【】\[\]［］()（）]*?)\s*[】\]］)）]\s*(?P<rest>\S.*)$", re.IGNORECASE)


def _sheet(label: str) -> tuple[str, str, str] | None:
    """(the row's number, the worksheet's name, the column's own name) of a column name opening with
    the worksheet it was copied from; a row's number before it stays the row's ("一、【Sheet1 概况】学校名称")."""
    number = numbering(label)
    m = _SHEET.match(label[len(number):])
    return None if m is None else (number, m.group("name"), m.group("rest"))


def sheet_named(headers: list[str], label: str) -> tuple[list[str], str]:
    """A column name opening with the worksheet it was copied from, read under the sheet's name."""
    found = _sheet(label)
    if found is None:
        return headers, label
    number, name, rest = found
    return [*headers, *([name] if name else [])], f"{number}{rest}"


# A system's name for a column as the path of objects holding it: "StaffPersonal/PersonInfo/Demographics/Sex",
# "demographics.birthDate", "users.identifier (staff number)". Slashes part a path only when a part is
# run-together words ("Male/Female", "Teacher/Staff/Other" are choices); a dot parts names of two letters
# or more ("Ph.D." is no path).
_MACHINE_PATH = re.compile(r"^(?P<path>[A-Za-z][A-Za-z0-9_]+(?:\[\])?(?:[./][A-Za-z][A-Za-z0-9_]+(?:\[\])?)+)"
                           r"(?P<note>\s*[(（][^()（）]*[)）])?\s*$")
# A query's or a sheet's table name before its column, as Power Query and database views print them:
# "教职工汇总.专任教师数".
_TABLE_DOT_COLUMN = re.compile(r"^(?P<table>[\u3400-\u9fff]{2,12})\.(?P<column>[\u3400-\u9fff].*)$")
_RUN_TOGETHER = re.compile(r"[a-z][A-Z]")
# Objects that are an organisation, not a person: under them "name" and "identifier" are the organisation's,
# which a header of unknown words would not say, so such a path is read whole.
_ORGANISATION = re.compile(r"(?:^|(?<=[a-z])(?=[A-Z])|_)(?:orgs?|organi[sz]ations?|schools?|institutions?|units?|leas?|districts?"
                           r"|sites?|campus(?:es)?|buildings?|agenc(?:y|ies)|employers?)(?=$|[A-Z_])", re.IGNORECASE)

# Objects that are another person than the staff member (a contact, a parent, a manager, a child) or a thing
# the staff member holds or did (a qualification, a course, an earlier post): under them a birth date, a sex
# or a subject is theirs ("emergencyContact.birthDate", "qualification.subject" is the subject studied), so
# such a path is read whole.
_NOT_THE_PERSON = frozenset({
    "contact", "contacts", "guardian", "guardians", "parent", "parents", "spouse", "spouses", "partner", "partners", "child",
    "children", "dependant", "dependants", "dependent", "dependents", "kin", "relative", "relatives", "family", "families",
    "manager", "managers", "supervisor", "supervisors", "student", "students", "pupil", "pupils", "learner", "learners",
    "referee", "referees", "qualification", "qualifications", "certificate", "certificates", "certification",
    "certifications", "credential", "credentials", "degree", "degrees", "award", "awards", "training", "trainings",
    "course", "courses", "licence", "licences", "license", "licenses", "previous", "former", "prior"})
_OBJECT_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")

# A property every kind of object has, whose meaning its object gives: a record's "status" (active or
# deleted), a person's "title" (Mr, Dr), an object's "type". Under objects the reader may not know it is
# not read alone.
_GENERIC_PROPERTY = re.compile(r"(?i:status|state|title|type|kind|category|class|level|grade|rank|role|position|code|id"
                               r"|identifier|number|no|name|value|description|label|flag)")


# A section's heading run into its first item, as a document pastes them: "二、师资配备 1.专任教师总数",
# "（三）人员情况 (1) 在编人数". The heading has a numeral's numbering, the item a digit's.
_SECTION_NUMBER = r"(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十]+\s*[)）])"
_SECTION_NUMBERING = re.compile(rf"^\s*{_SECTION_NUMBER}")
_RUN_IN_SECTION = re.compile(rf"^\s*(?P<section>{_SECTION_NUMBER}\s*[^\d\s()（）][^\d()（）]{{0,20}}?)"
                             r"\s+(?P<item>(?:\d{1,2}\s*[.．、)）]|[(（]\s*\d{1,2}\s*[)）])\s*\S.*)$")


def sections_run_in(rows: list[tuple[list[str], str | None]]) -> list[tuple[list[str], str | None]]:
    """A heading run into its first item's wording ("二、师资配备 1.专任教师总数"): the item under the
    heading, and so are the items after it under the same headers, until another heading."""
    out: list[tuple[list[str], str | None]] = []
    current: tuple[tuple[str, ...], str] | None = None
    for headers, label in rows:
        m = _RUN_IN_SECTION.match(label) if label else None
        if m is not None:
            current = (tuple(headers), m.group("section").strip())
            out.append(([*headers, current[1]], m.group("item")))
        elif current is not None and label and tuple(headers) == current[0] and not _SECTION_NUMBERING.match(label):
            out.append(([*headers, current[1]], label))
        else:
            current = None
            out.append((headers, label))
    return out


_LETTER_CELL = re.compile(r"^\s*([a-z]{1,2})\s*$", re.IGNORECASE)
_SEXES_LETTERS = frozenset({"m", "f", "t", "mf"})


# Words a header adds to the category it names: "高级职称" is the category 高级.
_CATEGORY_SUFFIX = re.compile(r"(?<=..)(?:职称|职务|教师|人员|级别|类)$")


_BELOW_LEVEL = re.compile(r"([^\d\s以及]{2,12})以下")
_UNIVERSITY = re.compile(r"^大学")


def below_said(rows: list[tuple[list[str], str | None]]) -> list[tuple[list[str], str | None]]:
    """Headers naming the levels below one ("专科以下", "高中阶段毕业以下（栏8）") where a header beside them, at the
    same depth, names that very level ("专科", "高中阶段毕业（栏7）"): the columns do not overlap, so the level is
    not in it, as a wording beside its level is read (requests.below_beside)."""
    def bare(header: str) -> str:  # "大学专科（人）：" and "专科" name one level
        return _UNIVERSITY.sub("", normalise(column_note(header)[1]))

    levels = {(depth, bare(h)) for heads, _ in rows for depth, h in enumerate(heads)}

    def said(depth: int, header: str) -> str:
        m = _BELOW_LEVEL.fullmatch(bare(header))
        return f"{m.group(0)}（不含{m.group(1)}）" if m is not None and (depth, m.group(1)) in levels else header

    return [([said(depth, h) for depth, h in enumerate(heads)], label) for heads, label in rows]



def kinds_grouped(rows: list[tuple[list[str], str | None]], d: Dictionary) -> list[tuple[list[str], str | None]]:
    """Rows whose header names a category their own categories are kinds of, by its word inside theirs
    ("高级" over "正高级" and "副高级"), with the header as the group of those kinds ("正高级或副高级"): a
    statistics table's "高级 / 小计" sums them. Read alone, "高级" is one title, which rules them out."""
    renamed: dict[tuple[str, ...], str] = {}
    seen: set[tuple[str, ...]] = set()
    for heads, _ in rows:
        for k, h in enumerate(heads):
            path = tuple(heads[: k + 1])
            if path in seen:
                continue
            seen.add(path)
            core = _CATEGORY_SUFFIX.sub("", unnumbered(fold(h)))
            group = read(h, d, mode="frame")
            one = group.conditions[0] if isinstance(group, Parsed) and group.kind == "count" and len(group.conditions) == 1 else None
            if one is None or not one.codes or one.negated or len(core) < 2:
                continue
            below = {(r[k + 1] if len(r) > k + 1 else (w or "")) for r, w in rows if tuple(r[: k + 1]) == path}
            kinds, outside = [], False
            for c in sorted(below):
                word = unnumbered(fold(c))
                said = read(c, d, mode="frame") if core in word and word != core else None
                theirs = said.conditions[0] if isinstance(said, Parsed) and said.kind == "count" and len(said.conditions) == 1 else None
                if theirs is not None and theirs.field == one.field and theirs.codes and not theirs.negated:
                    kinds.append(c)
                    outside = outside or not set(theirs.codes) & set(one.codes)
            if len(kinds) >= 2 and outside:
                renamed[path] = "或".join(kinds)
    if not renamed:
        return rows
    return [([renamed.get(tuple(heads[: k + 1]), h) for k, h in enumerate(heads)], w) for heads, w in rows]


def sexes_totalled(rows: list[tuple[list[str], str | None]],
                   terms: tuple[tuple[str, str], ...] = ()) -> list[tuple[list[str], str | None]]:
    """"T" beside sexes printed as letters ("M", "F", "T", as UIS tables print them) is their total;
    a form printing no such letters says nothing by a lone "T", nor one whose other letters are not
    sexes ("P", "T" beside "F": permanent and temporary), nor one whose title defines "T" itself."""
    letters = {m.group(1).lower() for heads, label in rows for c in (*heads, label or "") if (m := _LETTER_CELL.match(c))}
    if not letters & {"m", "f"} or not letters <= _SEXES_LETTERS or any(t == "t" for t, _ in terms):
        return rows

    def total(c: str) -> str:
        return "Total" if c.strip().lower() == "t" else c

    return [([total(h) for h in heads], total(label) if label else label) for heads, label in rows]


def machine_path(headers: list[str], label: str, roster: bool) -> tuple[list[str], str]:
    """A column named by its path of objects, read as its last part under the others as headers:
    the objects above say whose value it is ("users", "orgs"), or nothing the reader knows. On a
    roster a path through an organisation is read whole: its "name" is not the teacher's."""
    number = numbering(label)  # "a. StaffPersonal/Name/FullName:": the row's number and a colon are the form's
    if (t := _TABLE_DOT_COLUMN.match(label[len(number):].strip())) is not None:
        return [*headers, t.group("table")], number + t.group("column")
    m = _MACHINE_PATH.match(re.sub(r"\s*[:：]\s*$", "", label[len(number):]).strip())
    # A path of words and slashes ("Male/Female") is no path of objects: names run together or joined by
    # underscores are ("staff_rpt/staff_name", "StaffPersonal/Name").
    if m is None or ("/" in m.group("path") and not (_RUN_TOGETHER.search(m.group("path")) or "_" in m.group("path"))):
        return headers, label
    *objects, column = re.split(r"[./]", m.group("path").replace("[]", ""))
    if _GENERIC_PROPERTY.fullmatch(column) or (roster and any(_ORGANISATION.search(o) for o in objects)) \
            or any(w.lower() in _NOT_THE_PERSON for o in objects for w in _OBJECT_WORD.findall(o)):
        return headers, label
    return [*headers, *objects], number + column + (m.group("note") or "")


def sheet_clashes(label: str, d: Dictionary) -> bool:
    """Whether a column copied from a worksheet counts a population its sheet's name rules out: "【Sheet2
    专任教师】教职工", "【Sheet2 专任教师】退休人员". Values the name rules out ("【Sheet2 女教师】男") are ruled out
    as any header's are (_compose). Under a printed header a column naming a population of its own names
    whom it counts; a sheet's name pasted before it may come from another table, and a column counting
    more staff than it, or people of another status, is read by neither."""
    found = _sheet(label)
    if found is None or not found[1]:
        return False
    sheet, column = read(found[1], d, None, "school"), read(found[2], d, None, "school")  # read() folds pinyin off
    if not (isinstance(sheet, Parsed) and isinstance(column, Parsed) and sheet.kind == column.kind == "count"):
        return False
    posts, theirs = (next((c for c in p.conditions if c.field == POST), None) for p in (sheet, column))
    wider = posts is not None and theirs is not None and not allowed_codes(d, theirs) <= allowed_codes(d, posts)
    # people who retired or left, under a sheet of staff in post
    return wider or _other_status(column.conditions, sheet.conditions)


def flattened(headers: list[str], label: str, d: Dictionary | None = None) -> tuple[list[str], str]:
    """A column name that is a path of headers, read as the headers it flattens and its last part:
    (the headers above it with the path's parts after them, the last part). A mark inside a bracket
    ("（是|否）") or before options after a colon ("是否在编：是|否") lists options: no path."""
    parts = _path_parts(label, d) if d is not None else _path(label, None)
    return [*headers, *parts[:-1]], parts[-1]


def _path(label: str, d: Dictionary | None) -> tuple[str, ...]:
    """The parts of the path `label` flattens (see flattened), its wording last; the label alone if none."""
    bare = _BRACKETED.sub(lambda m: "_" * len(m.group(0)), label)
    head, listed = lettered(fold(label))
    if listed and not _PATH_MARK.search(head) and not _OF_WHICH_HEAD.match(head):
        # Options, unless a path is parted before the colon: "专任教师｜其中：女｜合计" is a path, and so is
        # "其中：女|合计", whose colon follows "其中", not a question.
        return (label,)
    marks = [m.span() for m in _PATH_MARK.finditer(bare)]
    # A spaced ">" before a band that carries its own bound parts a path ("年龄 > 30岁（含）以下",
    # "Teachers by age > 60 years and over"): a comparison takes a bare number ("Age > 55").
    spaced = [m.span() for m in _SPACED_GT.finditer(bare) if marks or not _COMPARED.match(re.split(r"[>＞»→|｜]", bare[m.end():])[0])]
    # Dashes part a path only where no other mark does, and never beside a range's end ("30岁-40岁").
    dashes = [m.span() for m in _DASH.finditer(bare) if not _RANGE_END.search(_BRACKETED.sub("", label[: m.start()]).rstrip())
              and not _BRACKETED_BOUNDS.search(label[: m.end()] + bare[m.end():m.end() + 1])
              and not _UNIT_ONLY.match(re.split(r"[-－–—]", bare[m.end():])[0].rstrip("_ "))] if not marks and not spaced else []
    # A path that has parted its headers by " > " parts a band the same way ("Teachers > Age > 50
    # and over"); a ">" before a number elsewhere compares ("年龄>50岁", "aged > 55").
    marks = sorted({*marks, *spaced, *dashes})
    cuts = sorted(marks + _slash_cuts(bare, d))
    parts = [label[a:b].strip() for a, b in zip([0, *(e for _, e in cuts)], [*(s for s, _ in cuts), len(label)], strict=True)]
    if len(parts) > 1:
        # The row's number belongs to the whole column, not to its first header: "09 专任-本科" beside
        # "10 专任-专科" are both under "专任", "(m) Teaching Staff > Other" under "Teaching Staff".
        parts[0] = parts[0][len(numbering(parts[0])):].strip()
    if len(parts) < 2 or not all(parts):
        return (label,)
    return tuple(parts)


@remembered
def _path_parts(label: str, d: Dictionary) -> tuple[str, ...]:
    return _path(label, d)


def across(rows: list[tuple[list[str], str | None]], i: int) -> bool:
    """Whether field `i` is one cell of a row printed across columns: the field beside it has the same
    wording under other headers ("计 / 其中：本科" beside "其中：女 / 其中：本科"), as a table whose
    columns are totals and parts is printed transposed."""
    def bare(w: str | None) -> str | None:  # "09 其中：本科" beside "10 其中：本科": the row's numbers differ
        return w[len(numbering(w)):].strip() if w else None

    heads, wording = rows[i]
    return bool(wording) and any(0 <= j < len(rows) and bare(rows[j][1]) == bare(wording) and rows[j][0] != heads
                                 for j in (i - 1, i + 1))


_COLON = re.compile(r"\s*[:：]\s*")
_ASKS = re.compile(r"[?？]|您|你|请|_{2,}|\b(?:what|how|which|your|please)\b", re.IGNORECASE)


def _no_options(listed: list[str], d: Dictionary) -> bool:
    """Whether a wording lists nothing after a colon, or the same people under two names ("Paraeducators /
    instructional aides"): one category said twice, not options."""
    said = [read(o, d) for o in listed]
    first = said[0] if said else None
    return all(isinstance(p, Parsed) and isinstance(first, Parsed) and p.kind == "count" and p.own_population
               and p.conditions == first.conditions for p in said)


# The column a survey tool fills with the answers to the question over it.
_ANSWER_COLUMN = re.compile(r"^\s*(?:open[- ]ended response|responses?|answers?|your answer|response text|value"
                            r"|回答|答案|作答|填写内容|答题内容|填写值)\s*$")


def answer_column(label: str) -> bool:
    """Whether a column's name is only where the answers go ("Open-Ended Response", "回答")."""
    return bool(_ANSWER_COLUMN.match(strip_noise(fold(label)).strip(" :：")))


def colon_path(headers: list[str], label: str, d: Dictionary) -> tuple[list[str], str]:
    """A column name parting a header from the column under it by a colon, as an export flattens two
    header rows ("按学历分：研究生", "专任教师：女", "年龄：30岁以下", "Teachers by age: 50 and over"): read
    under that header when what precedes the colon reads as a header does (people, a category of
    them, a breakdown, or the field the columns are values of) and what follows is one wording. Not
    "其中：女", which refines the total above, nor options, a blank to fill or a question after it.
    Two words for one kind of people after the colon ("Classified staff: Paraeducators / instructional
    aides") are no options: they name the column twice."""
    parts = _colon_parts(label, d)
    return ([*headers, parts[0]], parts[1]) if parts is not None else (headers, label)


@remembered
def _colon_parts(label: str, d: Dictionary) -> tuple[str, str] | None:
    """The header and the wording a colon parts `label` into (colon_path), or None."""
    bare = _BRACKETED.sub(lambda m: "_" * len(m.group(0)), label)
    found = list(_COLON.finditer(bare))
    if len(found) != 1 or _ASKS.search(label) or not _no_options(lettered(fold(label))[1], d):
        return None
    head, rest = label[: found[0].start()].strip(), label[found[0].end():].strip()
    if not head or not strip_noise(fold(rest)).strip() or _OF_WHICH_HEAD.match(fold(head)) or _AMONG_THEM.search(fold(head)):
        # "专任教师中：女" is one wording, "among the teachers, women": a row of its own that the next
        # "其中" refines, not a column under the teachers; "专任教师人数：[填空题]" a wording and its answer box.
        return None
    if defined_term(label, d, None, None) is not None:
        return None  # "专任教师数：指具有教师资格……的人员": a term and its definition, not two header rows
    if _SIZE.fullmatch(fold(head).strip()):
        return head, rest  # "规模：在校学生数": the size, measured by what follows
    p = read(head, d, mode="frame")
    if not isinstance(p, Parsed) and (fixed := respelled(head, d)) is not None:
        p = read(fixed, d, mode="frame")  # "专认教师：女": a header typed with a slip is still a header
    if not isinstance(p, Parsed) and _topic(head, p, d):
        return head, rest  # "二、…数据比对（按现有人员填报）：本单位现有在编人员": a part of the form
    if not isinstance(p, Parsed) or p.refine:
        return None
    # A total's column ("计：专任教师", "合计：其中：女"): the row under the column of totals.
    if p.kind == "count" or (p.kind == "total" and (p.by or (p.counted and not p.conditions))) \
            or (p.kind == "value" and (p.field in RANGE_FIELDS or p.field in teacher_code_fields(d))):
        return head, rest
    return None


def crossed(headers: list[str], label: str, by: tuple[str, ...], d: Dictionary) -> tuple[list[str], str]:
    """A column named by one category of each of two breakdowns the table crosses, parted by a slash
    ("Master's / Senior teacher" in a table of teachers by qualification and rank): the cell of
    both, read as the first under the second's header. A slash between values of one field, or of
    fields the table does not cross, still offers alternatives."""
    bare = _BRACKETED.sub(lambda m: "_" * len(m.group(0)), label)
    found = list(_SLASH.finditer(bare))
    if len(found) != 1 or len(by) < 2:
        return headers, label
    left, right = label[: found[0].start()].strip(), label[found[0].end():].strip()
    named: list[str] = []
    for part in (left, right):
        p = read(part, d, by=by)
        fields = {c.field for c in p.conditions if c.field not in (POST, "teacher.status")} if isinstance(p, Parsed) else set()
        if not isinstance(p, Parsed) or p.kind != "count" or p.refine or len(fields) != 1 or not fields <= set(by):
            return headers, label
        named += fields
    return ([*headers, left], right) if len(set(named)) == 2 else (headers, label)


# A column a form names by its code, and the note after it saying what the column holds:
# "栏04（注：栏03中的女性）", "第5栏（说明：…）". The note is the column's wording.
_COLUMN = re.compile(r"^\s*(?:栏次?|第)\s*(?P<code>\d{1,3})\s*栏?\s*[(（]\s*(?:注|说明|备注)?\s*[:：]?\s*(?P<note>[^()（）]*"
                     r"(?:[(（][^()（）]*[)）][^()（）]*)*)\s*[)）]\s*$")
_THIS_COLUMN = re.compile(r"^\s*(?:本栏|该栏|此栏)(?:为|是|指|填|填报)?\s*")
# A column's code printed before or after its wording: "栏01 合计", "第3栏：副高级", "合计（栏1）",
# "本科毕业（第5栏）". Never a code alone, nor a wording that is a note on another column.
# Its wording may open with a figure when spaced off the code: "栏4　35岁及以下".
_CODE_BEFORE = re.compile(r"^\s*(?:栏次?\s*(?P<code>\d{1,3})|第\s*(?P<nth>\d{1,3})\s*栏)\s*[:：.、]?\s*(?=[^\s(（:：.、\d]|(?<=\s)\d)")
_CODE_AFTER = re.compile(r"\s*[(（]\s*(?:栏次?\s*(?P<code>\d{1,3})|第\s*(?P<nth>\d{1,3})\s*栏|(?i:col(?:umn)?\.?)\s*(?P<col>\d{1,3}))"
                         r"\s*[)）]\s*$")
# A note reaching another column of the form: "栏03中的女性" refines column 03 as "其中" does the total above.
_OF_COLUMN = re.compile(r"^\s*(?:栏次?|第)\s*(?P<code>\d{1,3})\s*栏?\s*(?:中|之中|内|里)的?\s*")


def column_note(label: str) -> tuple[int | None, str]:
    """The code of a column named by its code with a note, and the note as its wording ("栏04（注：栏03中
    的女性）" → (4, "栏03中的女性")), or with its wording ("栏01 合计", "合计（栏1）" → (1, "合计"));
    (None, label) for any other wording: a code alone says nothing."""
    # Matched in simplified script: "欄04（注：欄03中的女性）" is the same column and note.
    plain = simplified(label)
    m = _COLUMN.match(plain)
    if m is not None and m.group("note").strip():
        return int(m.group("code")), _THIS_COLUMN.sub("", m.group("note").strip())
    for coded in (_CODE_BEFORE.match(plain), _CODE_AFTER.search(plain)):
        if coded is not None and (wording := (plain[coded.end():] if coded.start() == 0 and coded.end() < len(plain)
                                              else plain[:coded.start()]).strip()):
            return int(next(g for g in coded.groups() if g)), wording
    return None, label


def of_column(wording: str) -> tuple[int, str] | None:
    """The column a note refines and the refinement, as "其中" would say it ("栏03中的女性" → (3, "其中：女性"))."""
    wording = simplified(wording)
    m = _OF_COLUMN.match(wording)
    if m is None or not wording[m.end():].strip():
        return None
    # "栏4中的在编人员" are those of column 4 on the establishment: "人员" names no one of its own there.
    trait = re.sub(r"(?<=.)(?:人员|人数|者|的)$", "", wording[m.end():].strip())
    return int(m.group("code")), "其中：" + trait


# Footnote markers on a title's words: "Teachers¹", "Staff*", "Teachers†".
_FOOTNOTE = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079*\u2020\u2021]+")
# Notes for whoever fills the form in, run into the title after it: "…情况 填报说明：学历指最高学历…",
# "… Notes: count each teacher once". They say how to fill in, not whom the table counts.
_RUN_IN_NOTE = re.compile(r"\s*(?:填报|填表|编制)?(?:说明|备注|注)\s*[:：].*$|\s+\bnotes?\s*:.*$", re.IGNORECASE)
# A stage of schooling said of the schools a title is for: "初中阶段…", "小学学段…", "小学部…".
_STAGE = re.compile(r"(?:阶段|学段|部)")


def _schools_stage(text: str, d: Dictionary) -> str:
    """A title without "阶段" / "学段" after a kind of school ("初中阶段专任教师…" → "初中专任教师…"):
    the stage names the schools the table is for, as the kind alone does."""
    lex = lexicon(d)
    for m in reversed(list(_STAGE.finditer(text))):
        u = units(text[: m.start()])
        if any(s.kind == "school_code" for senses in lex.ending(u) for s in senses):
            text = text[: m.start()] + text[m.end():]
    return text


def _read_title(title: str, d: Dictionary) -> Parsed | None:
    """A title read as a frame, its defined terms put in their words; when it does not read, without
    the schools it is for. A title printed in parts, on lines of their own or set apart by wide spaces
    ("教育事业统计年报（补充表四）　少数民族专任教师分民族情况　计量单位：人"), that does not read whole is its
    last part that reads: the document's name comes first, notes and units read as nothing."""
    parts = [x for x in _TITLE_PARTS.split(title) if x.strip()]
    whole = _read_title_line(" ".join(parts), d)
    if whole is not None or len(parts) < 2:
        return whole
    return next((p for p in (_read_title_line(x, d) for x in reversed(parts)) if p is not None), None)


_TITLE_PARTS = re.compile(r"\n|\u3000+|[ \t]{2,}")


# A title's bracket restating the bound of an age it names: "35周岁以下青年教师情况（含35周岁）".
_BOUND_RESTATED = re.compile(r"[(（]\s*(?P<how>不?含|包括|不包括)\s*(?P<n>\d{1,2})\s*(?:周岁|岁)\s*[)）]")
# A title's second subject after "及" ("在编教职工年龄结构及未来五年退休预测表"): a projection or a plan.
_AND_ANOTHER = re.compile(r"(?:以及|及|和|与)")


def _bound_restated(text: str) -> str:
    """The title with a bracket restating an age's bound put just after that bound, where it is read."""
    m = _BOUND_RESTATED.search(text)
    if m is None:
        return text
    rest = text[: m.start()] + text[m.end():]
    bound = re.search(rf"(?<!\d){m.group('n')}\s*(?:周岁|岁)\s*(?:及|或)?\s*(?:以下|以上|以内)", rest)
    if bound is None:
        return text
    return rest[: bound.end()] + m.group(0) + rest[bound.end():]


def _read_title_line(title: str, d: Dictionary) -> Parsed | None:
    # The day a title says its counts are at ("(headcount as at 1 October)") is the reference date.
    title = _RUN_IN_NOTE.sub("", _FOOTNOTE.sub("", title))
    text = _LAYOUT_NOTE.sub(" ", _LETTERS_DEFINED.sub(" ", _DEFINES.sub(" ", _bound_restated(fold(dated(title, title))))))
    # Twice: "…结构一览表（单位：人）" shows its kind of document only once the unit is gone.
    text = _PLACE.sub("", _TITLE_NOISE.sub(" ", _TITLE_NOISE.sub(" ", defined(text, glossary(title))).strip()).strip())
    # "Age distribution of teachers": the teachers, by age.
    text = _OF_WHOM.sub(r"\g<pop> by \g<by>", text)
    if not isinstance(read(text, d, mode="frame"), Parsed) and (m := _WHOSE_DISTRIBUTION.match(text)) is not None \
            and isinstance(whom := read(m.group("pop"), d, mode="frame"), Parsed) and whom.own_population:
        text = f"{m.group('pop')} by {m.group('by')}"
    # "… of Regular Secondary Schools" says which schools the table is for, never whom it counts.
    text = _SPACES.sub(" ", _SCHOOLS_FOR_EN.sub(" ", _schools_stage(text, d))).strip()
    text = _SCHOOLS_BEFORE_PEOPLE.sub("", text)
    parsed = read(text, d, mode="frame")
    if not isinstance(parsed, Parsed) and (said := _bracket_says_more(text, d)) is not None:
        # "小学学科教师配备情况表（按主要任教学科统计专任教师）": the bracket says whom and by what, within
        # the people the words around it name.
        return said
    if not isinstance(parsed, Parsed) and (m := _TABLE_THEN_TITLE.match(text)) is not None:
        return _read_title_line(text[m.end():], d)
    if not isinstance(parsed, Parsed) and not measured(text):
        parsed = by_parts(text, d) or parsed  # "Teachers by certification, employment and sex"
    if not isinstance(parsed, Parsed) and (m := _SENTENCES.search(text)) is not None and not _names_people(text[: m.end()], d):
        # "PERS_AGE (institution return). Female teachers by age", "Form B. Teachers by sex": the
        # table's name after its code and the document's, in a sentence of its own. A sentence naming
        # people says whom ("Newly recruited teachers. Teachers by sex"), and is not dropped.
        return _read_title_line(text[m.end():], d)
    if not isinstance(parsed, Parsed) and (m := _NAMED.match(text)) is not None:
        # "Annual School Census — Form C: Teaching Staff by …": what follows the form's name.
        parsed = read(text[m.end():], d, mode="frame")
        text = text[m.end():] if isinstance(parsed, Parsed) else text
    if not isinstance(parsed, Parsed) and (m := _SCHOOLS_FOR.match(text)) is not None:
        parsed = read(text[m.end():], d, mode="frame")
    if not isinstance(parsed, Parsed) and (head := _before_document_kind(text, d)) is not None \
            and isinstance(cut := read(head, d, mode="frame"), Parsed) and cut.own_population:
        return cut
    if not isinstance(parsed, Parsed) and (bare := _BRACKETED.sub(lambda m: m.group(0) if _names_whom(m.group(0), d) else " ", text)) != text:
        # "…交叉表（列为职称）", "… by age and sex (England)", "（宽表导出）": a note on the layout or the
        # place, naming no one and no measure, says nothing of whom the table counts.
        return _read_title_line(bare, d)
    if not isinstance(parsed, Parsed) and (m := _TRAILING_PLACE.search(text)) is not None \
            and not _names_whom(f"({m.group(1)})", d):
        # "Teachers by highest qualification, Western Cape": after a comma, the place the table is for.
        return _read_title_line(text[: m.start()], d)
    if not isinstance(parsed, Parsed) and (m := _AND_ANOTHER.search(text)) is not None:
        # "在编教职工年龄结构及未来五年退休预测": a second subject naming no one and not read as a table of its
        # own leaves the table the first subject's.
        head, tail = text[: m.start()].strip(), text[m.end():].strip()
        first = read(head, d, mode="frame") if head else None
        if isinstance(first, Parsed) and first.kind == "count" and first.own_population and tail \
                and not isinstance(read(tail, d, mode="frame"), Parsed) and not _names_people(tail, d):
            # Whom it counts, not what its columns break them down by: they hold the second subject too
            # ("专任教师年龄及周课时": a bare "16-20" may be hours).
            return replace(first, by=())
    return parsed if isinstance(parsed, Parsed) else None


def _names_people(text: str, d: Dictionary) -> bool:
    """Whether a text has a word for people in it ("teachers", "人员"), wherever it stands."""
    return any(s.kind == "pop" for senses in lexicon(d).within(units(text)) for s in senses)


def _bracket_says_more(text: str, d: Dictionary) -> Parsed | None:
    """A title's one bracket read as a frame naming people as narrow as those outside it or narrower:
    what the table counts. None when either does not read, or they name other people."""
    found = list(_BRACKETED.finditer(text))
    if len(found) != 1:
        return None
    inner = read(found[0].group(0)[1:-1], d, mode="frame")
    outer = read(_TITLE_NOISE.sub(" ", f"{text[: found[0].start()].strip()} {text[found[0].end():].strip()}".strip()).strip(),
                 d, mode="frame")  # "…配备情况表" is "…配备" once its bracket is gone
    if not (isinstance(inner, Parsed) and isinstance(outer, Parsed) and inner.kind == outer.kind == "count"
            and inner.own_population and outer.own_population and set(outer.conditions) <= set(inner.conditions)):
        return None
    return replace(inner, by=inner.by or outer.by)


# A breakdown by the stage of schooling taught ("分初中、高中学段", "按学段分"), and a stage's bare name.
_BY_STAGE = re.compile(r"学段|\bby (?:school )?(?:stage|level) taught\b")
_STAGE_NAME = re.compile(r"^(?:小学|初中|高中|初级中学|高级中学|primary|junior secondary|senior secondary)(?:段|部|学段)?$")


def stage_named(title: str | None, headers: list[str], wording: str) -> bool:
    """Whether a wording is only a stage's name ("初中") where the title or a header breaks the teachers
    down by the stage they teach at: then it is that stage, not a level of schooling they had."""
    return bool(_STAGE_NAME.match(strip_noise(unnumbered(fold(wording))).strip())) \
        and any(_BY_STAGE.search(fold(x)) for x in (title or "", *headers))


# Retired people by the post they held: "退休前为专任教师", and in a table of retired people "原专任教师".
_BEFORE_RETIRING = re.compile(r"(?:离|离退)?退休前(?:为|是|系|的?岗位为)?(?=专任|教师|老师|行政|教辅|工勤)")
_FORMER = re.compile(r"(?<![\u4e00-\u9fff])原(?=专任|教师|老师|行政|教辅|工勤)")


# A breakdown by the post retired people held: "按退休前岗位分", "按原岗位分" is a breakdown by post.
_POST_HELD = re.compile(r"(?:(?:离|离退)?退休前的?|原)(?=岗位|工作岗位)")


def post_held_off(header: str) -> str:
    return _POST_HELD.sub("", header)


def former_post(wording: str, title: str | None, headers: list[str]) -> str:
    """A wording naming retired people by the post they held as retired people of that post ("退休专任教师"):
    "退休前为专任教师" anywhere, "原专任教师" under a title or header about retired people (elsewhere the
    former teachers may be in another post now)."""
    said = _BEFORE_RETIRING.sub("退休", wording)
    if any("退休" in fold(x) for x in (title or "", *headers)):
        said = _FORMER.sub("退休", said)
    return said


_OF_WHICH_OPENS = re.compile(r"^\s*(?:其中|of which|among them)\s*[:：,，]?\s*", re.IGNORECASE)
_ANY_STAFF_WORD = re.compile(r"\s*(?:人员|staff|personnel|employees)\s*$", re.IGNORECASE)


def any_staff_word_off(wording: str, d: Dictionary) -> str:
    """An "of which" whose trait is said with the word for any staff ("其中：在编人员", "Of which: permanent
    staff") as the trait alone: it refines the total above, and the word names no people of its own
    there. A word naming a post ("其中：教辅人员") is kept: that post is whom it counts."""
    opened = _OF_WHICH_OPENS.match(wording)
    cut = _ANY_STAFF_WORD.sub("", wording)
    if opened is None or cut == wording or len(cut) <= opened.end():
        return wording
    p = read(cut, d)
    return cut if isinstance(p, Parsed) and p.kind == "count" and p.refine and all(c.field != POST for c in p.conditions) \
        else wording


# A part after a title's last comma or dash: the place or period it is for, unless it names whom it counts.
_TRAILING_PLACE = re.compile(r"\s*(?:[,，]|\s[—–-]{1,2}\s|——)\s*([^,，()（）—–]+)$")
# A title's last sentence: what comes after a full stop and a space ("Form B. Teachers by sex").
_SENTENCES = re.compile(r"^.*[a-z\d)][.]\s+(?=[a-z])")
# "Teachers' age and gender distribution": the teachers, by age and gender.
_WHOSE_DISTRIBUTION = re.compile(r"^(?P<pop>.+?)\s+(?P<by>[a-z][a-z ]{1,30}?)\s+(?:distribution|profile|breakdown|composition|structure)$")
# A breakdown said before whom it breaks down: "Age distribution of teachers", "Gender profile of staff".
_OF_WHOM = re.compile(r"^(?P<by>[a-z][a-z ]{1,30}?)\s+(?:distribution|profile|breakdown|composition|structure)\s+of\s+(?P<pop>.+)$")


# What a note in a title's bracket may say of whom or what it counts: people, their values, kinds of
# school, what the records do not hold, a negation or a measure.
_WHOM = frozenset({"pop", "code", "school_code", "member", "unheld", "count", "neg_pre", "neg_post", "row_person",
                   "teacher_mod", "post_mod", "duration", "work"})
_YEAR = re.compile(r"\d{2,4}\s*(?:学年度|学年|年度|年)(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?")


def _names_whom(note: str, d: Dictionary) -> bool:
    """Whether a bracketed note in a title names people, values, a measure or a number (anything but
    a year: "（114学年度）" dates the form), so that the title is not read without it."""
    inner = fold(note)[1:-1]
    if another_measure(inner) or re.search(r"\d", _YEAR.sub(" ", inner)):
        return True
    return any(s.kind in _WHOM for senses in _terms_said(inner, d) for s in senses)


def _before_document_kind(text: str, d: Dictionary) -> str | None:
    """A title up to its "情况" / "统计" when every word after it is unknown: what follows is the kind
    of document ("…教职工情况快报"), not who is counted. Words that modify the population come
    before it, and are still read."""
    lex = lexicon(d)
    for i in range(len(text) - 1, 0, -1):
        head, tail = text[:i], units(text[i:])
        u = units(head)
        if not tail or not u or any(True for _ in lex.within(tail)):
            continue
        if any(s.kind == "question" for senses in lex.ending(u) for s in senses):
            return head
    return None


def title_by(title: str | None, d: Dictionary) -> tuple[str, ...]:
    """What a form's title breaks its population down by ("…分学历情况" → education)."""
    parsed = _read_title(title, d) if title else None
    return parsed.by if parsed is not None else ()


def read_title(title: str | None, d: Dictionary) -> tuple[tuple[Filter, ...] | None, str | None]:
    """The population a form's title names, and the field its breakdown measures ("分年龄" → age)."""
    if not title:
        return None, None
    parsed = _read_title(title, d)
    if parsed is None or parsed.kind == "value":
        return None, None
    hint = next((b for b in parsed.by if b in RANGE_FIELDS), None)
    if parsed.kind == "count" and parsed.own_population:
        return parsed.conditions, hint
    return None, hint


_TAUGHT = "teacher.subject"  # what a teacher teaches: a title naming it says which staffing a return is about


@dataclass(frozen=True)
class Above:
    """A field above on the form: its headers, its count (None when it is not one) and its wording."""

    headers: tuple[str, ...]
    definition: Definition | None
    label: str


@dataclass
class Group:
    """The fields under one set of headers since their total: the categories a "其他" beside them
    leaves out. `whole` stays true while every field of the group was read as a count."""

    headers: tuple[str, ...]
    total: Definition | None = None
    categories: list[Definition] = field(default_factory=list)
    whole: bool = True

    def add(self, defn: Definition | None, parsed: Parsed | None) -> None:
        if defn is None or defn.measure != "count":
            self.whole = False
        elif parsed is not None and parsed.kind == "total":
            self.total, self.categories, self.whole = defn, [], True
        elif not (parsed is not None and parsed.refine):
            self.categories.append(defn)


def _posts(a: Above, d: Dictionary) -> set[str]:
    return admitted(d, a.definition, POST) if a.definition else set(codes_of(d, POST))


def whole_above(new: Above, seen: list[Above], d: Dictionary) -> Above | None:
    """The total a bare category below `new` splits: `new` itself, unless it is one of a run of
    parallel populations ("专任教师", "行政人员", "工勤人员"): then the total above them all
    ("教职工总数"), or none. "在编人数" after "工勤人员" is not the workers on establishment."""
    last = seen[-1] if seen else None
    if last is None or last.headers != new.headers or _posts(last, d) & _posts(new, d):
        return new
    both = _posts(last, d) | _posts(new, d)
    return next((t for t in reversed(seen) if t.headers == new.headers and both <= _posts(t, d)), None)


def wider_than_title(totals: list[Above], title: tuple[Filter, ...] | None, d: Dictionary) -> bool:
    """Whether a total on the form counts staff of posts its title does not name ("…教师队伍…" over
    "教职工总数"): the title's word for them was loose."""
    if title is None:
        return False
    named = admitted(d, count(d, title), POST)
    return any(t.definition is not None and not _posts(t, d) <= named for t in totals)


# A title naming changes over a period ("增减变动情况表", "Teacher turnover return"): the people of a
# departing status its fields count retired or left during that period, unless a field names the
# moment it counts them at ("本学年初离退休人员数", "retired staff as at 1 October").
_CHANGES = re.compile(r"变动|增减|流动|\b(?:turnover|attrition|movements?|flows?)\b|\bchanges? in\b")
_MOMENT = re.compile(r"学年初|学期初|年初|年末|年底|在册|截至|截止|现有|\bas (?:at|of)\b|\bon census\b"
                     r"|\bat (?:the )?(?:start|beginning|end)\b")


def departed_in_period(title: str | None, words: list[str], defn: Definition | None, d: Dictionary) -> bool:
    """Whether a count of retired or departed people sits on a form whose title counts changes over a
    period, its own words naming no moment: a flow, which the records hold only as a state."""
    if not title or defn is None or defn.measure != "count" or not _CHANGES.search(fold(title)):
        return False
    if "1" in admitted(d, defn, "teacher.status"):
        return False
    return not any(_MOMENT.search(fold(w)) for w in words)


# People a roster may list who are not the staff: their children, spouses and family, their contacts, pupils
# ("教职工子女入学登记表", "Emergency contacts of staff", "学生花名册"). Not a place named after them (幼儿园, 学生处).
# So are a spouse said as 爱人, parents (家长), survivors (遗属), graduates, examinees, applicants for a post (not yet
# staff), beneficiaries and visitors; a cadre form's 社会关系 are relatives. One's own contact details are not a contact.
_OTHER_PEOPLE = re.compile(r"子女|孩子|家属|配偶|爱人|亲属|家庭成员|社会关系|父母|家长|遗属|学生(?![处会科])|毕业生|考生|应聘(?:人员|者)?"
                           r"|幼儿(?!园)|儿童|联系人|受益人|访客|来访人员"
                           r"|\b(?:dependants?|dependents?|child(?:ren)?|kids|spouses?|famil(?:y|ies)|relatives?|next of kin"
                           r"|contacts?(?!\s+(?:details?|info(?:rmation)?|numbers?|phones?|address(?:es)?)\b)|students?|pupils?|learners?|parents?|guardians?|applicants?|beneficiar(?:y|ies)|visitors?"
                           r"|alumni)\b")
_OF_SOMEONE = re.compile(r"^\s*(?:of|for)\b")
# A role held by whom the rows are, said after the people it serves ("家长会班主任名单", "学生心理健康辅导员登记表",
# "Student council advisers"): staff by what they do, though the lexicon may not know the role as a kind of staff.
# Only a role pupils or parents do not hold themselves: a member, a monitor, a chair, a leader or an officer of
# theirs ("家长委员会成员", "学生会会长", "学生信息员", "Student leaders", "Parent liaisons") is one of them.
_ROLE = re.compile(r"(?:班主任|辅导员|教官|导师|教练|指导教?师|顾问|咨询师)(?=\s*(?:名单|花名册|名册|登记表|信息表|情况表|统计表|表|$|[(（]))"
                   r"|\b(?:advis[eo]rs?|coach(?:es)?|instructors?|counsel+ors?|sponsors?"
                   r"|(?:support|welfare|attendance|safeguarding|pastoral)\s+officers?)\b")
# What anyone has, the staff's children or contacts as much as the staff: said bare on a roster of other
# people, it is theirs. A staff number, a post or a title is the staff member's whatever the rows.
_ANYONES = frozenset({"teacher.name", "teacher.gender", "teacher.birth_date", "teacher.ethnicity", "teacher.id_number",
                      "teacher.education"})


def rows_of_others(title: str | None, d: Dictionary) -> str | None:
    """The people other than the staff a roster's title names as its rows, as it says them: the last
    such word, unless staff, or a role someone holds, are named after it as whom it qualifies ("学生资助
    工作人员", "Student teachers", "家长会班主任名单"), though not after "of" ("Emergency contacts of staff")."""
    folded = fold(title or "")
    found = list(_OTHER_PEOPLE.finditer(folded))
    if not found:
        return None
    last = found[-1]
    after = folded[last.end():]
    # "Student teaching assistants", "学生助理": assistants named by whom they are are those people helping.
    helping = re.search(r"\bassistants?\b|助理|助教", after) is not None
    return last.group(0) if _OF_SOMEONE.match(after) or helping or not (names_staff([after], d) or _ROLE.search(after)) \
        else None


# A parent of the rows' people, a bracket saying who they are ("家长（教师）姓名", "Parent (staff member) name").
_KIN_SAID = re.compile(r"^\s*(?:家长|父母|父亲|母亲|监护人|parents?|guardians?)\s*[(（](?P<who>[^()（）]+)[)）]\s*(?P<rest>.*)$")


def kin_as_staff(wording: str, d: Dictionary) -> str | None:
    """The wording said of the staff member, when it asks of the rows' parent a bracket names as staff
    ("家长（教师）姓名" → "教师姓名") on a roster of their children; None otherwise."""
    m = _KIN_SAID.match(fold(wording))
    if m is None or not m.group("rest") or not names_staff([m.group("who")], d):
        return None
    who, rest = m.group("who").strip(), m.group("rest")
    return f"{who} {rest}" if rest.isascii() else who + rest


def names_staff(words: list[str], d: Dictionary) -> bool:
    """Whether any of the words names the staff or a kind of them ("教职工姓名", "Staff member's name")."""
    lex = lexicon(d)
    return any(s.kind == "pop" for w in words for senses in lex.within(units(fold(w))) for s in senses)


def anyones(defn: Definition | None) -> bool:
    """Whether a value is one anyone has (a name, a sex, a birth date), not the staff member's alone."""
    return defn is not None and defn.measure == "value" and defn.field in _ANYONES


def is_total(defn: Definition | None) -> bool:
    """A count of a whole population (post type and status only): what bare categories below it split."""
    return defn is not None and defn.measure == "count" and all(
        f.field in (POST, "teacher.status") for f in defn.filters)


# What a part of a form named by a topic the reader does not know may still say of whom it counts: people,
# their values, kinds of school, what the records do not hold, a negation, a number of people or a bound.
_NAMES_WHOM = frozenset({"pop", "code", "school_code", "member", "unheld", "count", "total", "neg_pre", "neg_post",
                         "row_person", "teacher_mod", "post_mod", "qualifier", "origin", "above", "below", "above_pre",
                         "below_pre", "at_most_pre", "above_excl", "below_excl", "below_bare"})


def _topic(header: str, parsed: Unread, d: Dictionary) -> bool:
    """Whether a header the reader cannot read is a part of the document, numbered ("二、…", "（三）…",
    "第二部分 …") or with a note to whoever fills it in ("（按现有人员填报）"), whose words but for that note
    name no people, no value of theirs, no number and no bound: a topic ("…数据比对"), not whom the
    fields under it count."""
    if not parsed.unknown:
        return False
    if not numbering(header).strip() and not _FILLING_NOTE.search(fold(header)):
        return False
    words = strip_noise(fold(header))
    if not words or re.search(r"\d", words):
        return False
    return not any(s.kind in _NAMES_WHOM for senses in _terms_said(words, d) for s in senses)


def _terms_said(words: str, d: Dictionary) -> list[frozenset[Sense]]:
    """The senses of the terms known within folded words, but a single character between two the reader
    does not know, which is a part of a word it does not know ("数" in "数据", "名" in "实名制", "人" in
    "多人转录"), not a word of its own."""
    lex, u = lexicon(d), units(words)
    found = [(i, j) for i in range(len(u)) for j in range(i + 1, min(len(u), i + lex.max_len) + 1) if u[i:j] in lex.terms]
    in_a_word = [False] * len(u)  # covered by a known term of two characters or more
    for i, j in found:
        if j - i >= 2:
            in_a_word[i:j] = [True] * (j - i)

    def inside_unknown(i: int) -> bool:
        return 0 < i < len(u) - 1 and not in_a_word[i - 1] and not in_a_word[i + 1] \
            and all(_CJK_UNIT.fullmatch(x) for x in (u[i - 1], u[i + 1]))

    return [lex.terms[u[i:j]] for i, j in found if not (j - i == 1 and inside_unknown(i))]


_CJK_UNIT = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


# A note to whoever fills a part of a form in ("（按现有人员填报）", "（据实填写）"): column headers carry none.
_FILLING_NOTE = re.compile(r"[(（][^()（）]*(?:填报|填写|填表|如实|据实)[^()（）]*[)）]")


def _persons_off(header: str) -> str | None:
    """A header under a title naming whom, without its words naming those people as persons: None for
    persons alone, "按现聘职务分" for "现有人员按现聘职务分", the header itself otherwise."""
    persons = _PERSONS.match(fold(header))
    return header if persons is None else persons.group("by") or None


def scene(headers: list[str], title: tuple[Filter, ...] | None, title_hint: str | None, title_words: str,
          above: Above | None, d: Dictionary, total: Above | None = None, by: tuple[str, ...] = (),
          renamed: bool = False, loose_title: bool = False) -> Scene:
    """The scene of one field: its headers read outermost first, each refining the one above."""
    base: list[Filter] | None = list(title) if title is not None else None
    own: list[Filter] | None = None  # what the headers say of whom, apart from the title
    hint = title_hint
    unreadable = None
    employed = None
    value = None
    population = title is not None
    words = [title_words] if title is not None else []
    breakdowns = list(by)
    besides = False
    people_headers = False
    topic = None
    said: list[tuple[Filter, str]] = []  # the conditions each header named, with the header
    ruling: list[tuple[Filter, str]] = []  # those of them a column beneath may not contradict
    classed: frozenset[str] | None = None
    classed_words = ""
    for printed in headers:
        h = printed  # a header under a title naming whom may be read without its "人员" (_persons_off)
        if _STUB.match(fold(h)):
            continue  # "项目", "Item": what a table calls its column of row names, no population
        if (axes := _axes(h, d)) is not None:
            # "学历＼职称", "Qualification \\ Rank": the corner of a cross-tab names its two breakdowns.
            breakdowns += axes
            continue
        if (every := _ALL_OF.match(fold(h))) is not None:
            # A pivot's filter set to every value ("岗位类别：(All)", "Post type = All"): no restriction on
            # that field. On the post type it is every post: the staff, whatever the title names.
            filtered = read(every.group(1), d)
            if isinstance(filtered, Parsed) and filtered.kind == "value" and filtered.field == POST:
                base, population, words = [_anyone(d)], True, [h]
            continue
        if _TAKES_IN_OTHERS.search(fold(h)):
            unreadable = unreadable or h
            continue
        if title is not None:
            if (of_title := _persons_off(printed)) is None:
                continue
            h = of_title
        if _BESIDES.match(fold(h)):
            # "另有": people beside those counted above, no part of them: only who a field names.
            base, population, words, besides = None, False, [], True
            continue
        parsed = read(_INSTRUCTIONS.sub(" ", h), d, hint, mode="frame", by=tuple(breakdowns))
        if not isinstance(parsed, Parsed) and parsed.reason in (NOTHING, EMPTY) \
                and isinstance(asked := read(h, d, hint, mode="frame", by=tuple(breakdowns)), Parsed) \
                and asked.kind == "count" and asked.own_population:
            # "请填写贵校各年龄段专任教师人数", "Please indicate the number of teachers by qualification": a
            # grid's stem asked in the imperative is no instruction on how to fill in but whom its rows count.
            parsed = asked
        if not isinstance(parsed, Parsed) and parsed.unknown \
                and (fixed := respelled(_INSTRUCTIONS.sub(" ", h), d)) is not None:
            # A header with a slip ("专认教师", "Teahcers") is read as a wording with one is.
            parsed = read(fixed, d, hint, mode="frame", by=tuple(breakdowns))
        if not isinstance(parsed, Parsed) and parsed.unknown and (parted := words_run_together(h, d)) is not None:
            parsed = read(parted, d, hint, mode="frame", by=tuple(breakdowns))  # "EmploymentType", "AgeBand"
        if not isinstance(parsed, Parsed) and (axis := by_parts(_INSTRUCTIONS.sub(" ", h), d)) is not None:
            parsed = axis  # "Teachers by professional status and sex": by something of the form's own
        if not isinstance(parsed, Parsed):
            if parsed.reason == EMPLOYED:  # "Full-time" over teachers: said of teachers alone (compose)
                employed = employed or h
            elif h is headers[0] and _topic(h, parsed, d):
                # "二、机构编制实名制数据比对（按现有人员填报）": a numbered part of the document whose topic is
                # not read, naming no one. The title does not frame the fields under it: only a field
                # naming whom it counts, or a header or field under it that does, says whom.
                topic, base, population, words = h, None, False, []
            elif parsed.reason not in (NOTHING, EMPTY) and not records_basis(unnumbered(fold(h))):
                # "Section B", "一、基本情况": no population. A header naming only the records its numbers
                # follow ("附：按教育统计口径") says nothing of whom.
                unreadable = unreadable or h
            continue
        if parsed.kind == "count" and parsed.generic_only and "teacher.id" in parsed.by:
            # "Count of 教师编号": a pivot counting its rows by their ids, whoever the rows are; the
            # teachers' word is the id's name, not whom the table counts.
            parsed = replace(parsed, kind="total", conditions=(), own_population=False)
        if parsed.classed is not None:
            # "Certificated staff": a class holding some post types whole; the fields under it name whom.
            classed = parsed.classed if classed is None else classed & parsed.classed
            classed_words = classed_words or h
            continue
        hint = next((b for b in parsed.by if b in RANGE_FIELDS), hint)
        breakdowns += parsed.by
        named = parsed.field or ""
        if parsed.kind == "value" and named in RANGE_FIELDS:
            hint = named
        elif parsed.kind == "value" and named in teacher_code_fields(d):
            breakdowns.append(named)  # a header "学历" over columns "本科", "高中"
        elif parsed.kind == "value" and named in d.fields and d.fields[named].type == "integer":
            value = named
        elif parsed.kind == "value" and named != SELF:  # "学校基本信息" names the school: no population
            unreadable = unreadable or h
        if parsed.kind == "count" and value is not None:
            unreadable = unreadable or h  # "在校生 / 女": a part of a number held only whole
        elif parsed.kind == "count":
            if (outer := _contradicted(said, parsed.conditions, d)) is not None:
                # "初中" over "本科": a header naming other values of the same field than the header
                # around it was not that field (a stage of schooling, not an education).
                unreadable = unreadable or outer
            said += [(c, h) for c in parsed.conditions]
            ruling += [(c, h) for c in parsed.conditions if not _names_its_field(h, c, d)]
            if parsed.own_population or base is not None:
                base = merge(base or [], parsed.conditions)
                population = population or parsed.own_population
                own = merge(own or [], parsed.conditions) if parsed.own_population or own is not None else None
            elif parsed.counted:
                base = merge([_anyone(d)], parsed.conditions)  # "在编人数": people, whatever their post
                population = True
            else:
                base = list(parsed.conditions)
            words.append(h)
            people_headers = True
    same = above if above is not None and above.headers == tuple(headers) else None
    # The total is of these headers, or of headers above them that name no population of their own
    # ("专任教师数", then "研究生学历" under "按学历分": the table breaks that total down).
    # Not under a header naming a stored number of others ("在校生"): its "女" are no part of the staff.
    whole = total if total is not None and value is None and not besides and (total.headers == tuple(headers) or (
        tuple(headers[: len(total.headers)]) == total.headers and not population)) else None
    if whole is not None and whole.definition is not None and base is not None and not population:
        # Headers naming only categories ("女" over "专业技术职务", "在编" under "按编制分") beneath a
        # total: those categories of that total, for every field under them.
        base, population = merge(whole.definition.filters, tuple(base)), True
        words.insert(0, whole.label)
    return Scene(
        headers=tuple(headers), base=tuple(base) if base is not None and headers else None,
        headers_own=tuple(own) if own is not None and headers else None,
        base_population=population, base_words=" / ".join(words), title=None if topic else title,
        title_words="" if topic else title_words,
        above=same.definition if same else None, above_words=same.label if same else "", hint=hint, unreadable=unreadable,
        value=value, total=whole.definition if whole else None, total_words=whole.label if whole else "",
        by=tuple(dict.fromkeys(breakdowns)), renamed=renamed and whole is not None, employed=employed, besides=besides,
        people_headers=people_headers,
        loose_title=loose_title, classed=classed, classed_words=classed_words, ruling=tuple(ruling),
    )


@dataclass
class Siblings:
    """The categories headers beside one another name under one parent ("研究生", "本科", "专科" under
    "最高学历"): what a "其他" header after them leaves out, so that its columns add up with theirs."""

    seen: dict[tuple[str, ...], dict[str, Definition]] = field(default_factory=dict)
    unread: set[tuple[str, ...]] = field(default_factory=set)  # parents with a header beside them not read

    def note(self, headers: list[str], parent: Scene, here: Scene, d: Dictionary) -> None:
        """Remember the category the last header names, when it narrows its parent by one field."""
        if not headers or rest_of(headers[-1], d) is not None:
            return
        if here.unreadable == headers[-1]:
            # "NCE" beside "Master's degree": what "Other" beside them leaves out is not known.
            self.unread.add(tuple(headers[:-1]))
        if parent.base is None or here.base is None or not parent.base_population:
            return
        whole, part = count(d, parent.base), count(d, here.base)
        if apart_on(whole, part) in teacher_code_fields(d):
            self.seen.setdefault(tuple(headers[:-1]), {})[headers[-1]] = part

    def rest(self, headers: list[str], parent: Scene, here: Scene, d: Dictionary) -> Scene:
        """A field's scene under a "其他" header: the rest of its parent's population beside the
        categories its sibling headers name; the scene as it was when there are none."""
        if headers and tuple(headers[:-1]) in self.unread and rest_of(headers[-1], d) is not None:
            # "劳动" (no code) beside "音乐", "美术": the "其他" after them is a rest no one can count.
            return replace(here, unreadable=headers[-1])
        beside = self.seen.get(tuple(headers[:-1]), {}) if headers else {}
        if not beside or tuple(headers[:-1]) in self.unread or parent.base is None or not parent.base_population or here.unreadable not in (None, headers[-1]):
            return here
        rest = residual(headers[-1], count(d, parent.base), list(beside.values()), d)
        if rest is None:
            return here
        return replace(here, base=rest.filters, base_population=True, unreadable=None,
                       base_words=" / ".join([parent.base_words, headers[-1]]))


def _contradicted(said: list[tuple[Filter, str]] | tuple[tuple[Filter, str], ...], own: tuple[Filter, ...],
                  d: Dictionary, within: bool = False) -> str | None:
    """The outer header whose values of a field admit none of those `own` names, or whose range is
    apart from `own`'s; `within`, the one admitting only some of them (post and status aside: "专任教师"
    beside "教职工" names another post as a part of the staff, "退休人员" under "女教师" another population,
    the wording's own)."""
    for c in own:
        if c.field in (POST, "teacher.status") or not (c.is_range or c.field in teacher_code_fields(d)):
            continue
        for outer, h in said:
            if outer.field != c.field:
                continue
            if c.is_range and (not _inside(c, outer) if within else _apart(outer, c)):
                return h
            if not c.is_range and not (allowed_codes(d, c) <= allowed_codes(d, outer) if within
                                       else allowed_codes(d, outer) & allowed_codes(d, c)):
                return h
    return None


def ruled_out(headers: list[str], parsed: Parsed, d: Dictionary) -> str | None:
    """The header over a wording that rules out values it names ("女教师" over "男"), if any."""
    return _contradicted(scene(headers, None, None, "", None, d).ruling, parsed.conditions, d, within=True)


def _names_its_field(header: str, c: Filter, d: Dictionary) -> bool:
    """Whether a header naming a value of a field may name the field itself: its words with "type" or
    "status" after them name it ("Contract" over "Permanent", as "contract type" is the establishment)."""
    u = units(fold(header))
    return any(s.kind == "dim" and s.field == c.field
               for tail in ("type", "status") for s in lexicon(d).terms.get((*u, tail), frozenset()))


def _inside(inner: Filter, outer: Filter) -> bool:
    """Whether every value a range admits is one another range of the same measure admits."""
    return (outer.min is None or (inner.min is not None and inner.min >= outer.min)) \
        and (outer.max is None or (inner.max is not None and inner.max <= outer.max))


def _apart(one: Filter, other: Filter) -> bool:
    """Whether two ranges of one measure hold no value in common ("35岁以下" and "50岁以上")."""
    return (one.max is not None and other.min is not None and one.max < other.min) \
        or (other.max is not None and one.min is not None and other.max < one.min)


def _other_status(own: tuple[Filter, ...], frame: tuple[Filter, ...] | list[Filter]) -> bool:
    """Whether a category names statuses the frame does not count ("Retirees" below active staff)."""
    mine = next((f for f in own if f.field == "teacher.status"), None)
    theirs = next((f for f in frame if f.field == "teacher.status"), Filter("teacher.status", ("1",)))
    return mine is not None and not mine.negated and not theirs.negated and not set(mine.codes) & set(theirs.codes)


def _anyone(d: Dictionary) -> Filter:
    """Staff of every post type: the population of a count that names people but no post."""
    return Filter(POST, tuple(codes_of(d, POST)))


def merge(base: list[Filter] | tuple[Filter, ...], own: tuple[Filter, ...]) -> list[Filter]:
    """The context's conditions with the field's own: on a field both name, the field's wins."""
    named = {c.field for c in own}
    return [c for c in base if c.field not in named] + list(own)


def compose(parsed: Parsed, s: Scene | None, d: Dictionary) -> tuple[Definition | None, str]:
    """The definition of a count or total read in its scene, and how the scene was used (or why
    it could not be). Under a header saying how teachers are employed ("Full-time") it is
    teachers alone: the records hold no part-time teachers, and say nothing of other staff's hours."""
    s = s or Scene()
    defn, how = _compose(parsed, s, d)
    if defn is not None and s.employed is not None and admitted(d, defn, POST) != {"1"}:
        return None, f"sits under {s.employed!r}, which says how teachers are employed, not other staff"
    if defn is not None and parsed.employed and (admitted(d, defn, POST) != {"1"} or not how):
        return None, "专职 / full-time says how the teachers above are employed; above it are not teachers alone"
    return defn, how


def _other_people(header: str, d: Dictionary) -> bool:
    """Whether a header is only the rest of the people ("Other staff", "其他人员", "Other personnel")."""
    return rest_of(header, d) == ANY and bool(re.search(r"staff|personnel|employee|worker|人员|教职工|职工", fold(header)))


def _compose(parsed: Parsed, s: Scene, d: Dictionary) -> tuple[Definition | None, str]:
    try:
        if s.headers and s.unreadable and not (_other_people(s.unreadable, d) and parsed.kind == "count"
                                               and parsed.own_population and not parsed.refine
                                               and admitted(d, count(d, parsed.conditions), POST) != set(codes_of(d, POST))):
            # Under "Other staff" ("Educational assistants", "Custodial and maintenance"), a kind of staff
            # named whole is that kind: whatever the rest is of, a kind named is no more than itself. Staff
            # of every kind ("Contract staff", "Female staff") are the other staff's: some of them only.
            return None, f"sits under a header it cannot read ({s.unreadable!r})"
        if (outer := _contradicted(s.ruling, parsed.conditions, d, within=True)) is not None:
            # "女教师 / 男": the header or the column is a slip, and which one the reader cannot tell. Only a
            # population of its own ("退休人员" under "女教师") is the wording's to name.
            return None, f"names values its header {outer!r} rules out"
        if s.classed is not None and (parsed.kind == "total" or not parsed.own_population or parsed.refine
                                      or not admitted(d, count(d, parsed.conditions), POST) <= s.classed):
            # "Total" or "Female" under "Certificated staff", or administrators (some certificated, some
            # classified): a part of a class the records do not tell apart.
            return None, f"sits under {s.classed_words!r}, a class of staff that cuts across the post types"
        if UNKNOWN_AXIS in s.by and not parsed.own_population \
                and any(c.field != "teacher.status" and c.field not in s.by for c in parsed.conditions):
            # "Contract" under "Teachers by employment": a category of a breakdown the reader does not
            # know is the form's own, which may be some of the records' value of that name.
            return None, "sits under a breakdown the reader does not know: its categories are the form's own"
        if s.value is not None and parsed.kind != "total":
            # "女" under "在校生": a part of a number the records hold only whole, and no count of staff.
            return None, f"a part of {s.value}, a number the records hold only as a whole"
        if s.besides and not any(c.field == "teacher.status" and "1" not in c.codes and not c.negated
                                 for c in parsed.conditions):
            # "另有 / 在编教师": beside the staff counted, so none of the staff the records hold; only
            # people of another status ("另有 / 离退休人员") are.
            return None, "counted beside the staff above (另有, in addition): no one in post the records hold"
        if parsed.kind == "total":
            if s.value is not None:
                return value(s.value, "school"), f"the total of {s.value} above it"
            if s.base is not None and s.base_population:
                return count(d, s.base), f"the total of {s.base_words!r} above it"
            if s.title is not None and not s.headers:
                return count(d, s.title), f"the total of the title's {s.title_words!r}"
            return None, "a total with no population above it (合计 of whom?)"
        if parsed.refine or not parsed.own_population:
            frames: tuple[tuple[Definition | tuple[Filter, ...] | None, str], ...]
            if parsed.refine:
                # "其中" refines the field just above, whatever it counts.
                if s.above is None and s.above_words:
                    return None, f"refines {s.above_words!r} above it, which is not a count of teachers"
                frames = ((s.above, s.above_words), (s.base, s.base_words), (s.title, s.title_words))
            else:
                # A bare category splits the whole population above it: a header, a total, the title.
                # Unless it is a value of what the title breaks down by ("Teachers by subject":
                # "Music" after an unread "Science" is another of its columns, not a part of it).
                announced = s.title is not None and bool(parsed.conditions) and all(
                    c.field in s.by for c in parsed.conditions)
                if s.total is None and s.above is None and s.above_words and not s.headers and not parsed.counted \
                        and not announced:
                    return None, f"sits under {s.above_words!r}, which is not a count of teachers"
                counted_apart = s.renamed and parsed.counted
                frames = ((s.base, s.base_words), (None if counted_apart else s.total, s.total_words),
                          (None if counted_apart and s.loose_title else s.title, s.title_words))
            moved = False  # a category of another status is not a part of an active total above it
            for base, where in frames:
                if base is None:
                    continue
                conditions = base.filters if isinstance(base, Definition) else base
                if base is s.title and s.headers:
                    continue
                if not parsed.refine and base is not s.base and _other_status(parsed.conditions, conditions):
                    moved = True
                    continue
                if base is s.base and not s.base_population and not parsed.own_population:
                    continue
                return count(d, merge(conditions, parsed.conditions)), f"read under {where!r}"
            if parsed.own_population:
                return count(d, parsed.conditions), ""
            if (parsed.counted or moved) and not parsed.refine and not s.headers and (s.total is None or moved or s.renamed):
                # "编外用工人数", "number of staff on…": people counted, whoever they are.
                return count(d, merge([_anyone(d)], parsed.conditions)), ""
            return None, "names no population, and nothing above it does (of whom?)"
        if s.headers_own is not None and s.title is not None and set(s.headers_own) <= set(parsed.conditions) \
                and all(f.field == _TAUGHT for f in set(s.title) - set(s.headers_own)):
            # It names the headers' people itself: the title's word for whom the form is about does not narrow it,
            # where that word is what they teach (a subject's staffing return prints the whole staff beside
            # them). A trait ("女教职工情况", "35岁以下青年教师情况") draws every count of its table from those people.
            return count(d, parsed.conditions), ""
        if s.base is not None:
            return count(d, merge(s.base, parsed.conditions)), f"read under {s.base_words!r}"
        return count(d, parsed.conditions), ""
    except DefinitionError as exc:
        return None, str(exc)


def shared_population(siblings: list[Definition], d: Dictionary) -> Definition | None:
    """The whole that categories under a header naming only a breakdown ("按民族分: 汉族, 藏族") are
    parts of: what they all count, when each adds one filter on the same field to it."""
    if len(siblings) < 2 or any(s.measure != "count" for s in siblings):
        return None
    common = [f for f in siblings[0].filters if all(f in s.filters for s in siblings[1:])]
    extra = {f.field for s in siblings for f in s.filters if f not in common}
    if len(extra) != 1 or any(len(s.filters) != len(common) + 1 for s in siblings):
        return None
    return count(d, common)


_OTHER_OF = re.compile(r"^\s*(?:其他|其它|other)\s*(?P<kind>\S.*)$")


def _other_of_a_kind(label: str, d: Dictionary) -> tuple[str, frozenset[str]] | None:
    """"其他少数民族", "Other senior titles": "other" before one category of one field (people words aside),
    as that field and the codes the category holds. None otherwise."""
    m = _OTHER_OF.match(strip_noise(fold(label)))
    p = read(m.group("kind"), d) if m is not None else None
    if not isinstance(p, Parsed) or p.kind != "count":
        return None
    said = [f for f in p.conditions if f.field in teacher_code_fields(d) and f.field != POST]
    if len(said) != 1:
        return None
    return said[0].field, frozenset(admitted(d, count(d, said), said[0].field))


def listed_apart(rest: Definition, field_: str, siblings: list[Definition], elsewhere: list[Definition],
                 d: Dictionary) -> bool:
    """Whether a category of `field_` of the same people, printed apart from the categories beside a "其他"
    (under other headers: "汉族丨专任教师" before "回族", "彝族", "其他民族"), shares codes with the rest they
    leave without holding it all: the rest would count some of its people again, and which of them the
    form means is not said."""
    mine = admitted(d, rest, field_)
    # One holding the whole rest is a total over it ("少数民族专任教师" over "壮族", "其他民族"), not a category beside it.
    return any(apart_on(rest, e) == field_ and (theirs := admitted(d, e, field_)) & mine and not theirs >= mine
               for e in elsewhere if e not in siblings and e.filter_on(field_) is not None)


def residual(label: str, group: Definition | None, siblings: list[Definition], d: Dictionary) -> Definition | None:
    """"其他" / "其他民族" / "Other staff" after categories of one field under one population: that
    population less the categories listed beside it, so that the columns add up to the total
    ("少数民族: 维吾尔族, 哈萨克族, 其他民族" is every minority but those two). None unless every
    category beside it narrows the population by the same one field."""
    named = rest_of(label, d)
    kind = _other_of_a_kind(label, d) if named is None else None
    if kind is not None:
        named = kind[0]  # "其他少数民族": the rest of the minorities listed, within the minorities
    if named is None or group is None or group.measure != "count" or not siblings:
        return None
    if named != ANY:
        # "其他民族" names its breakdown: under a header over several ("女", "蒙古族", "汉族", "其他民族",
        # "研究生"), the rest is of the categories of that breakdown, each other category splitting the
        # population by one field of its own.
        fields = [apart_on(group, s) for s in siblings]
        if any(a is None or a not in teacher_code_fields(d) for a in fields):
            return None
        siblings = [s for s, a in zip(siblings, fields, strict=True) if a == named]
    by: str | None = None
    listed: set[str] = set()
    for s in siblings:
        apart = apart_on(group, s)
        if apart is None or apart not in teacher_code_fields(d) or by not in (None, apart) \
                or not any(f.field == apart for f in s.filters):
            return None
        by = apart
        listed |= admitted(d, s, by)
    if by is None or named not in (ANY, by):
        return None
    within = admitted(d, group, by) & (kind[1] if kind is not None else frozenset(codes_of(d, by)))
    if kind is not None:
        listed &= within  # "汉族, 回族, 其他少数民族": the Han are no minority left out
    rest = [c for c in codes_of(d, by) if c in within and c not in listed]
    if not listed < within or not rest:
        return None
    own = residual_codes(by, d)
    if own and len(set(rest) - own) == 1:
        # "Gender: Female / Other": no form calls the men "other"; a field with an 'other' of its own
        # means that one, not the single category left unnamed.
        return None
    return count(d, [*group.filters, Filter(by, tuple(rest))])


# A total of the columns just before it in its group, not of the whole: "小计", "Subtotal", "Sub-total".
_SUBTOTAL = re.compile(r"小计|\bsub[- ]?totals?\b")


def subtotal(label: str, whole: Definition | None, siblings: list[Definition], d: Dictionary) -> Definition | None:
    """"小计" / "Subtotal" after categories under one set of headers adds them up ("Doctorate",
    "Masters", "Bachelors", then "Sub-total": degree holders): the population when they cover it but
    its others and unknowns, their union when they are values of one field, and None (ask) when
    they are not. `whole` when no category comes before it."""
    if whole is None or whole.measure != "count" or not siblings or not _SUBTOTAL.search(fold(label)):
        return whole
    fields = {apart_on(whole, s) for s in siblings}
    by = fields.pop() if len(fields) == 1 else None
    if by is None or by not in teacher_code_fields(d):
        return None
    union: set[str] = set()
    for s in siblings:
        union |= admitted(d, s, by)
    within = admitted(d, whole, by)
    if within <= union | residual_codes(by, d):
        return whole
    return count(d, merge(whole.filters, (Filter(by, tuple(sorted(union & within))),)))
