"""One field of a request to what it asks: a key and its definition, or `new` with the reason and
the nearest definitions. The order of evidence: an exact key (dictionary, count or derived key);
a definition sent as such; a stored field's exact label or alias; the reader, in the field's
scene; fuzzy similarity to a stored field's names. Anything else is `new`, never a guess.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from service.domain.dictionary import CodeList, Dictionary, dictionary
from service.domain.semantics import candidates as near
from service.domain.semantics.candidates import Candidate
from service.domain.semantics.context import OWN_SIDE, Scene, compose, merge, residual, shared_population, subtotal
from service.domain.semantics.definition import (
    DERIVED,
    RANGE_FIELDS,
    Definition,
    DefinitionError,
    Filter,
    admitted,
    apart_on,
    codes_of,
    count,
    from_json,
    parse_key,
)
from service.domain.semantics.lexicon import POST, initials, lexicon, pinyin_codes, spells_opening, spells_within, units
from service.domain.semantics.naming import definition_of, key_of, words
from service.domain.semantics.reader import (
    AMBIGUOUS,
    BELOW_BARE,
    BREAKDOWN_ONLY,
    CAMEL,
    CAMEL_WORD,
    COUNTED,
    ENUMERATED,
    NOTHING,
    SELF,
    TOO_LONG,
    UNHELD,
    Parsed,
    Unread,
    aggregated,
    band_of,
    fields_named,
    jobs_under,
    known_part,
    named_by_options,
    read,
    refining,
    respelled,
    rest_of,
    too_long,
    unknown_words,
    value_word,
    words_run_together,
)
from service.domain.semantics.text import (
    PRINTED_OR_ISSUED,
    bilingual,
    fold,
    headcount_bands,
    latin_words,
    lettered,
    normalise,
    numbering,
    options,
    pinyin_word,
    refusal,
    spells_some_of,
    stated_dates,
    stated_digits,
    strip_noise,
    unnumbered,
)

Level = Literal["school", "roster"]

CONF_KEY = 1.0
CONF_LABEL = 0.98
CONF_ALIAS = 0.95
CONF_READ = 0.95
CONF_IN_CONTEXT = 0.9
CONF_RESPELLED = 0.85


@dataclass(frozen=True)
class Match:
    key: str | None  # None means new
    confidence: float
    reason: str
    candidates: tuple[Candidate, ...] = ()
    definition: Definition | None = None
    parsed: Parsed | None = None  # the wording read on its own, for the fields below it
    # Readings a `new` wording hesitates between, which the bands beside it on the form may settle.
    alternatives: tuple[Definition, ...] = ()


def _is_zh(text: str | None) -> bool:
    return bool(text) and not str(text).isascii()


def _found(key: str, defn: Definition, confidence: float, reason: str, parsed: Parsed | None = None) -> Match:
    return Match(key, confidence, reason, (), defn, parsed)


def _by_key(key: str, label: str | None, d: Dictionary) -> Match:
    """A key is taken exactly: a dictionary key, or a key that names a definition (written in any
    order: it is normalised)."""
    defn = definition_of(key, d)
    if defn is None and key.startswith("school.count("):
        try:
            defn = parse_key(key, d)
        except DefinitionError as exc:
            return Match(None, 0.0, f"unknown key {key!r}: {exc}", near.candidates([], near.key_candidates(key, label, d), d, _is_zh(label)))
    if defn is None:
        return Match(None, 0.0, f"unknown key {key!r}",
                     near.candidates([], near.key_candidates(key, label, d), d, _is_zh(label)))
    canonical = key_of(defn, d)
    return _found(canonical, defn, CONF_KEY, "exact key" if canonical == key else f"definition key, as {canonical}")


def _by_definition(data: dict[str, Any], d: Dictionary) -> Match:
    try:
        defn = from_json(data, d)
    except DefinitionError as exc:
        return Match(None, 0.0, f"invalid definition: {exc}")
    return _found(key_of(defn, d), defn, CONF_KEY, "definition given")


# The year teaching began, asked as a number ("Year started teaching", "哪一年开始教书"; not "Year 7", a
# grade): it follows from the stored start. A year of birth asked apart is not read so: surveys ask
# it to keep the birth date out of their answers.
_YEAR_OF = re.compile(r"年份|哪[一1]?年|何年|\byear\b(?!\s*\d)")
_YEAR_FOLLOWS = frozenset({"teacher.teaching_start"})


def _value(name: str, implied: str | None, d: Dictionary, confidence: float, reason: str,
           parsed: Parsed | None = None, label: str = "") -> Match:
    f = d.fields[name]
    if name in _YEAR_FOLLOWS and implied == "integer" and _YEAR_OF.search(fold(label)):
        implied = None
    if not near.fits(implied, f.type):
        return Match(None, 0.0, f"type {implied} does not fit {name} ({f.type})")
    return _found(name, definition_of(name, d) or Definition(f.entity, "value", name), confidence, reason, parsed)


def _exact(label: str, implied: str | None, d: Dictionary) -> Match | None:
    norm = normalise(label)
    hits = near.index(d).exact.get(norm) if norm else None
    if not hits:
        return None
    if len(hits) > 1:
        return Match(None, 0.0, f"wording names several fields: {', '.join(sorted(hits))}")
    key, kind = next(iter(hits.items()))
    if not _options_fit(label, key, d):
        offered = named_by_options(label, d, bare=True)
        if offered is not None and offered != key and d.fields[offered].entity == d.fields[key].entity:
            # "人员类别（在编/编外）": a kind of people whose options are another field's values.
            return _value(offered, implied, d, CONF_IN_CONTEXT, f"asks for {offered}: the options it lists are its values")
        return Match(None, 0.0, f"new: the options it lists are not the values of {key}")
    if (why := _another_code(label, key, d)) is not None:
        return Match(None, 0.0, why)
    return _value(key, implied, d, CONF_LABEL if kind == "label" else CONF_ALIAS, f"{kind} of {key}", label=label)


# A wording whose last noun is a unit or a place ("编制所在单位", "编制所在地", "Highest qualification
# institution"): it names that unit or place, where a fact is held or obtained, not the fact.
_UNIT_LAST_ZH = re.compile(r"(?:单位|学校|机构|院校|所在地|所在地区|地点)(?:名称)?\s*[?？:：]?\s*$")
_UNIT_LAST_EN = re.compile(r"\b([a-z]+)\s+(?:institution|school|college|university|employer)s?\s*[?:]?\s*$")
# Words before "school" that make it a place named, not the head of a compound ("at this school").
_PLACE_WORDS = frozenset({"at", "in", "of", "this", "that", "your", "our", "my", "the", "a", "same", "current", "present"})
# A question asking which unit ("您属于哪个单位编制？", "Which office holds your file?") asks for a unit too.
_WHICH_UNIT = re.compile(r"(?:哪个|哪一个|哪所|哪家|哪一|什么)(?:单位|学校|机构)|\bwhich (?:unit|school|institution|organi[sz]ation|office|body)\b")


def _names_a_unit(folded: str) -> bool:
    """Whether a wording names a unit or place: its last noun is one ("编制所在单位", "qualification
    institution"), or it asks which one ("您属于哪个单位编制？")."""
    if _UNIT_LAST_ZH.search(folded) or _WHICH_UNIT.search(folded):
        return True
    m = _UNIT_LAST_EN.search(folded)
    return m is not None and m.group(1) not in _PLACE_WORDS


def _part_of_whole(name: str, label: str, scene: Scene | None, d: Dictionary) -> Match | None:
    """A school's stored number under headers naming people ("学生" under "女", "Pupils" under
    "Staff / Female"): a part of it, which the records hold only whole (new); None otherwise. Under
    a header naming no people ("学生" over "在校生数") in a table the title says is of staff, it is
    the number itself. Said as a part ("其中：学生") of a header the reader cannot read, or under one
    counting people it cannot read ("住校人数": boarders), it is a part of what that header counts,
    not the school's own number."""
    if scene is None or name not in d.fields or d.fields[name].entity != "school" \
            or d.fields[name].type not in ("integer", "decimal"):
        return None
    if scene.headers and scene.unreadable and (refining(label, d) or near.implied_type(scene.unreadable, None) == "count"):
        return Match(None, 0.0, f"new: a part of {scene.unreadable!r} above it, which is not read")
    if not scene.people_headers or not scene.base:
        return None
    return Match(None, 0.0, f"new: a part of {name} (under {scene.headers[-1]!r}), a number the records hold only as a whole")


def _count(parsed: Parsed, s: Scene | None, implied: str | None, level: Level | None, d: Dictionary,
           reference: date | None) -> tuple[Match, list[tuple[str, str]]]:
    """A count (or total) read in its scene; on failure, the definitions it came near."""
    defn, how = compose(parsed, s, d)
    if defn is None:
        return Match(None, 0.0, f"new: {how}", (), None, parsed), _near_counts(parsed, d, reference)
    key = key_of(defn, d)
    said = words(defn, d, reference).zh
    if level == "roster":
        return Match(None, 0.0, f"new: counts {said}: a count is asked on a school form, not a roster",
                     (), None, parsed), []
    if not near.fits(implied, "integer"):
        return Match(None, 0.0, f"new: type {implied} does not fit a count ({said})", (), None, parsed), [(key, said)]
    conf = CONF_IN_CONTEXT if how else CONF_READ
    reason = f"read as {said}" + (f", {how}" if how else "")
    return _found(key, defn, conf, reason, parsed), []


def _near_counts(parsed: Parsed, d: Dictionary, reference: date | None) -> list[tuple[str, str]]:
    """A category with no population: the same category of full-time teachers and of all staff."""
    out: list[tuple[str, str]] = []
    for posts in (("1",), ("1", "2", "3", "4")):
        try:
            defn = count(d, [Filter("teacher.post_type", posts), *parsed.conditions])
        except DefinitionError:
            continue
        out.append((key_of(defn, d), words(defn, d, reference).zh))
    return out


def _level_field(name: str, level: Level | None, d: Dictionary) -> str:
    """A field read at the form's level: the school itself is its name on a school form and the
    teacher's school on a roster; a school field a teacher field refers to is that teacher field."""
    if name == SELF:
        return "teacher.school_code" if level == "roster" else "school.name"
    if level == "roster" and name.startswith("school."):
        return next((f.key for f in d.entity_fields("teacher") if f.references == name), name)
    return name


def _options_fit(label: str, name: str, d: Dictionary) -> bool:
    """Options listed in brackets ("（男/女）") must be values of the field read, or it is another field.
    Not answering ("Prefer not to say") is an option of any field."""
    listed = [o for o in options(fold(label)) if not refusal(o)]
    if not listed or name not in d.fields:
        return True
    f = d.fields[name]
    if set(listed) <= _YES_NO and f.type in ("enum", "boolean"):
        return True  # "是否在编：A.是 B.否"
    if name in RANGE_FIELDS:
        return all(band_of(o, name) for o in listed)  # "您的教龄：①5年以下 ②6-10年 ③11-20年"
    cl = d.code_list_for(f)
    if cl is None:
        # "Complete address (Barangay, Municipality, Province)", "姓名（中文、拼音）": a bracket after a
        # field of free text (a name, an address; not a code) lists the parts it is written in, unless they are values of some coded
        # field ("学校名称（公办/民办）" asks the ownership; one such word, "town", may be a part, and so
        # may words of different fields: "(street, city, state, ZIP)" names places, not one kind).
        if _CHOICES.search(label):
            # "本校属于：①村小 ②教学点": numbered choices ask which one, never a text written in parts.
            return False
        if any(_OTHER_LANGUAGE.fullmatch(o.strip()) for o in listed) and not any(_OWN_LANGUAGE.fullmatch(o.strip()) for o in listed):
            # "姓名（葡文/英文）": a name in other languages than the one the records hold it in (not "(Chinese / pinyin)").
            return False
        terms = lexicon(d).terms
        valued = Counter(s.field for o in listed for s in {x for x in terms.get(units(fold(o)), frozenset())
                                                           if x.kind in ("code", "pop", "school_code")})
        # not a code: "Employer (TSC / BOM)"
        return f.type == "text" and not f.pattern and max(valued.values(), default=0) < 2
    words_ = {fold(w) for c in cl.codes for w in (c.code, c.zh, c.en, *c.aliases)}
    fit = [o in words_ or value_word(o, name, d) or _values_of(o, name, d) for o in listed]
    if all(ok or _abbreviates(o, cl) for o, ok in zip(listed, fit, strict=True)) or _initials_of(listed, cl):
        return True
    # Two or more options naming values of the field ("Permanent and pensionable", "Contract"), and
    # the rest words the reader does not know ("Intern", "Transgender"): a country's own values of
    # the same field. One known value among unknown ones ("岗位类别（管理/专技/工勤）") may be another
    # classification sharing a word; a rest that reads as something else ("学历（全日制/在职）") is one.
    # "Other" fits every list, so it says nothing of whose values the rest are ("Ethnic group (Khalkh
    # / Kazakh / other)": one of ours among another country's groups). An option naming a value
    # through one of its words but read whole as something else ("principal teacher": a rank) is
    # another classification's value, not ours.
    # "Degree" beside "Masters" (a level of the records named whole) is a level too; beside only
    # groups of levels ("post graduate") it may be a course's name.
    if any(not ok and any(ok_other and _word_within(other, o) for other, ok_other in zip(listed, fit, strict=True))
           for o, ok in zip(listed, fit, strict=True)):
        # "Government / Government-assisted / Private", "公办 / 公办民助 / 民办": an option the reader does not know
        # built on a value listed beside it splits that value; the list is a finer classification than ours.
        return False
    whole = any(o in words_ for o in listed)
    naming = [(ok or _names_value(o, name, d) or (whole and _kind_of_value(o, name, d))) and not _residual(o, d)
              for o, ok in zip(listed, fit, strict=True)]
    unknown = [o for o, ok in zip(listed, fit, strict=True) if not ok and not o.isascii() and _unknown_people(o, d)]
    if unknown and sum(ok and not _residual(o, d) for o, ok in zip(listed, fit, strict=True)) < 2:
        # Chinese options are the records' own language: options the reader does not know, beside one
        # value named whole and another only through a word ("教师/管理人员/后勤服务人员/食堂从业人员"),
        # are a classification of the form's own, cutting across the stored values.
        return False
    return sum(naming) >= 2 and not any(_of_another(o, name, d) for o, ok in zip(listed, fit, strict=True) if not ok)


def _word_within(word: str, option: str) -> bool:
    """Whether `option` holds `word` and more: as a whole English word, or as characters of Chinese."""
    if word == option or not word.strip():
        return False
    return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", option) is not None if word.isascii() else word in option


def _unknown_people(option: str, d: Dictionary) -> bool:
    """Whether an option is a kind of people the reader does not know: words it cannot read before a
    plain word for people ("后勤服务人员", "食堂从业人员")."""
    u = units(fold(option).strip())
    terms = lexicon(d).terms
    return isinstance(read(option, d), Unread) and any(
        len(u) > n and any(s.kind == "pop" and s.generic for s in terms.get(u[-n:], frozenset())) for n in (2, 3))


# Choices numbered to tick one: "①村小 ②教学点", "A.公办 B.民办", "□男 □女".
_CHOICES = re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩□☐○]|(?:^|[\s：:(（])[A-Da-d][.、．)]\s*\S")


# Languages a free text may be written in: the records' own ("中文", "Chinese"), and others ("（葡文/英文）").
_OWN_LANGUAGE = re.compile(r"中文|汉字|汉语|chinese(?: characters)?")
_OTHER_LANGUAGE = re.compile(r"(?:英|葡|法|日|俄|韩|朝鲜|德|西班牙|阿拉伯|外|藏|维吾尔|维|蒙古?|彝|壮)(?:文|语)|拼音"
                             r"|english|portuguese|pinyin|french|spanish|romani[sz]ed")


_FIXED_DIGITS = re.compile(r"^\^\\d\{(\d+)\}\$$")


def _another_code(label: str, name: str, d: Dictionary) -> str | None:
    """Why the wording, read as `name`, asks another code than the store's (the reason a Match
    gives), or None when it does not."""
    if not _length_fits(label, name, d):
        return f"new: the number of digits it states is not that of {name}"
    if _issued_elsewhere(label, name, d) or _printed_elsewhere(label, name):
        return f"new: an identifier another authority issues, not {name}"
    return None


def _length_fits(label: str, name: str, d: Dictionary) -> bool:
    """A number of digits the wording states ("区划代码（12位）", "9-digit ID") must be the field's own
    when the field is a code of a fixed length: a 12-digit statistical division code is not the
    6-digit division code, whatever it is called."""
    stated = stated_digits(fold(label))
    f = d.fields.get(name)
    fixed = _FIXED_DIGITS.match(f.pattern or "") if f is not None else None
    return not stated or fixed is None or stated == {int(fixed.group(1))}


# Who else issues numbers to schools and staff: a state's, a county's or a tax office's number for
# a school or a teacher is not the education system's own identifier the store holds.
_ISSUERS = re.compile(r"\b(?:state|provincial|province|county|district|municipal|local|federal|national|tax|civil"
                      r"|ministry|government|lea|union)\b|省级|市级|县级|区级|地方|税务|社保|国家|全国")
_IDENTIFIERS = frozenset({"school.code", "teacher.id", "teacher.school_code"})


def _issued_elsewhere(label: str, name: str, d: Dictionary) -> bool:
    """Whether the wording asks an identifier of `name`'s kind issued by another authority than the
    one its own labels name ("State school ID", "national teacher number"); the identifiers' own
    words are theirs ("national school identifier" names the school code)."""
    if name not in _IDENTIFIERS:
        return False
    f = d.fields[name]
    own = {m.group(0) for w in (f.labels.zh, f.labels.en, *f.aliases) for m in _ISSUERS.finditer(fold(w))}
    text = fold(label)
    # The national education authority issues the schools' codes the records hold: "(assigned by the Ministry
    # of Education)", "national education authority" name their issuer, not another. A teacher's number it
    # issues is not the school's staff number the records hold.
    ours = [m.span() for m in _NATIONAL_EDUCATION.finditer(text)] if name != "teacher.id" else []
    return any(m.group(0) not in own and not any(a <= m.start() < b for a, b in ours) for m in _ISSUERS.finditer(text))


_NATIONAL_EDUCATION = re.compile(r"(?:the\s+)?ministry\s+of\s+(?:national\s+)?education|national\s+education\s+"
                                 r"(?:ministry|authority|department)|国家教育行政部门|教育部")


# Who issues the numbers the records hold, and the documents they are printed on: the education
# authority (a school's code, a teacher's number) and the identity card.
_OWN_ISSUER = re.compile(r"(?:ministry|department|dept|bureau|office|directorate)\s+of\s+(?:[a-z]+\s+)?education"
                         r"|education\s+(?:ministry|department|bureau|office|authority|directorate)"
                         r"|教育(?:部|厅|局|委|行政)|教委|身份证|公安|identity\s+card|\bid\s+card")


def _printed_elsewhere(label: str, name: str) -> bool:
    """Whether an identifier's note says it is another's: one issued by an exam board, a survey or a
    contractor, or printed on their papers ("School ID (as printed on the test booklets)", "编号（由组委会
    分配）") is their number, not the records' own; the text reads such notes as noise (text._NOISE)."""
    if name not in (*_IDENTIFIERS, "teacher.id_number"):
        return False
    text = fold(label)
    note = PRINTED_OR_ISSUED.search(text)
    return note is not None and _OWN_ISSUER.search(text, note.start()) is None


def _initials_of(listed: list[str], cl: CodeList) -> bool:
    """Whether options of one letter each are the initials of as many different values of the list,
    in the words of one language or another ("L/P": laki-laki and perempuan; "H/M": hombre and mujer;
    "M/F"): a form coding the field's values by its own language's letters."""
    letters = [o.strip() for o in listed]
    if len(letters) < 2 or len(set(letters)) < len(letters) or not all(len(x) == 1 and x.isalpha() for x in letters):
        return False
    starts = [{c.code for c in cl.codes for w in (c.en, *c.aliases) if len(w) > 1 and fold(w).startswith(x)} for x in letters]
    return any(len(set(pick)) == len(pick) for pick in itertools.product(*starts))


def _abbreviates(option: str, cl: CodeList) -> bool:
    """Whether an English option is the first words of the names of one value of the list and no
    other ("junior" of "junior secondary school", "nine-year" of "nine-year school"): the options of
    a form shorten names the question already gives the context of; so does a Chinese option of two
    characters or more that begins one value's name ("行政" of "行政人员", "教辅" of "教辅人员")."""
    if not option.strip():
        return False
    if not option.isascii():
        head = option.strip()
        codes = {c.code for c in cl.codes for w in (c.zh, *c.aliases) if len(head) >= 2 and fold(w).startswith(head)}
        return len(codes) == 1
    head = option.strip() + " "
    codes = {c.code for c in cl.codes for w in (c.zh, c.en, *c.aliases) if fold(w).startswith(head)}
    return len(codes) == 1 and not any(fold(c.code) == option.strip() for c in cl.codes)


def _residual(option: str, d: Dictionary) -> bool:
    """Whether an option is only the rest of a list ("其他", "Other", "Other staff")."""
    senses = [s for s in lexicon(d).terms.get(units(fold(option)), frozenset()) if s.kind in ("code", "pop")]
    return (bool(senses) and all(s.residual for s in senses)) or rest_of(option, d) is not None


def _names_value(option: str, name: str, d: Dictionary) -> bool:
    """Whether some word of an option names a value of field `name` ("permanent and pensionable")."""
    u = units(fold(option))
    return any(value_word(" ".join(u[i:j]) if u[i].isascii() else "".join(u[i:j]), name, d)
               for i in range(len(u)) for j in range(i + 1, len(u) + 1))


def _kind_of_value(option: str, name: str, d: Dictionary) -> bool:
    """Whether an option, in a list of them, is a value of `name` said by the kind of thing it is:
    "Degree" beside "Masters" among qualifications is a level of education (a word naming the field
    only through its values, Sense.loose)."""
    said = units(fold(option).strip())
    return any(s.kind == "dim" and s.loose and s.field == name for s in lexicon(d).terms.get(said, frozenset()))


def _of_another(option: str, name: str, d: Dictionary) -> bool:
    """Whether an option reads as something of a field other than `name` (在职: a status) or as
    something the records do not hold ("Principal" among posts: a rank, not a post type)."""
    got = read(option, d)
    if isinstance(got, Unread):
        return got.reason == UNHELD
    return got.field not in (None, name) or any(c.field != name for c in got.conditions)


def _values_of(option: str, name: str, d: Dictionary) -> bool:
    """Whether an option reads as values of field `name` alone ("专科及以下" of the education), or
    of the teachers who hold them ("contract teacher", "在编教师": the teacher word says whose)."""
    p = read(option, d, by=(name,))
    return isinstance(p, Parsed) and p.kind == "count" and any(c.field == name for c in p.conditions) and all(
        c.field == name or (c.field == POST and c.codes == ("1",) and not c.negated) for c in p.conditions)


_YES_NO = {"是", "否", "有", "无", "没有", "不是", "yes", "no", "y", "n"}


def _unknown_word(parsed: Unread) -> bool:
    """Whether a wording may hold a slip: a word the reader does not know, or words that cannot
    stand as printed (a conjunction or bound with nothing to act on: "中及职称")."""
    return parsed.unknown or parsed.dangling


def _unread(m: Match) -> bool:
    """Whether a half was not understood at all (a word the reader does not know), as opposed to
    read and found to mean something else or nothing answerable."""
    return m.key is None and m.parsed is None and "does not know the word" in m.reason


# A row's number said with its punctuation ("（7）", "⑦", "七、", "7."): never a figure of the wording, as
# the "30" of "30歲以下 Under 30" is.
_PUNCTUATED_NUMBER = re.compile(r"^\s*(?:[(（]\s*[0-9一二三四五六七八九十]{1,3}\s*[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}\s*[、.．]"
                                r"|\d{1,3}\s*[.．、](?!\d))\s*")


def _bilingual(label: str, type_: str | None, level: Level | None, scene: Scene | None, reference: date | None,
               d: Dictionary) -> Match | None:
    """A wording printed in both languages ("學校名稱 School Name") means what its halves mean: both
    read alike, or one reads and the other has a word the reader does not know (then the reading
    is taken, and the reason says so). Halves that read differently stay `new`. None when the
    wording is not bilingual, or when an English bracket reads as neither (its words may qualify
    the Chinese: the wording is then read whole)."""
    split = bilingual(_PUNCTUATED_NUMBER.sub("", label))  # a row's number before both halves is neither's
    if split is None:
        return None
    zh_text, en_text, bracketed = split
    zh, en = (match_field(label=part, type=type_, level=level, scene=scene, reference=reference, d=d)
              for part in (zh_text, en_text))
    if zh.key is not None and zh.key == en.key:
        return Match(zh.key, min(zh.confidence, en.confidence), f"{zh.reason} (both languages agree)", (),
                     zh.definition, zh.parsed)
    if zh.key is not None and _unread(en) and (spelled := _pinyin_apart(zh_text, en_text, d)) is not None:
        return Match(None, 0.0, f"new: the pinyin {spelled!r} after the Chinese spells words it does not print",
                     near.candidates([(zh.key, zh_text)], {}, d, True))
    for one, other, said in ((zh, en, en_text), (en, zh, zh_text)):
        if one.key is not None and _unread(other) and (added := _gloss_adds(one, said, type_, level, scene, reference, d)) is not None:
            return Match(None, 0.0, f"new: the other language, {said!r}, glosses the reading and adds {added!r}, "
                         "which it does not account for", near.candidates([(one.key, said)], {}, d, True))
        if one.key is not None and _unread(other) and not (one is en and _bare_people(en) and _chinese_unknown(zh_text, d)):
            return Match(one.key, min(one.confidence, CONF_IN_CONTEXT),
                         f"{one.reason} (the other language, {said!r}, is not understood: {other.reason})", (),
                         one.definition, one.parsed)
    for one, other in ((zh, en), (en, zh)):
        if one.key is not None and one.definition is not None and one.definition.measure == "value" and other.key is None \
                and one.definition.field in (several := fields_named(other.reason)):
            # "所在县（市、区）代码 County code": one half names two fields, the other says which.
            return Match(one.key, min(one.confidence, CONF_IN_CONTEXT), f"{one.reason} (the other language names it "
                         f"among {', '.join(several)})", (), one.definition, one.parsed)
    for one, other in ((zh, en), (en, zh)):
        p = other.parsed
        if one.key is not None and other.key is None and one.definition is not None and one.definition.measure == "count" \
                and p is not None and p.kind == "count" and not p.own_population and not p.refine and p.conditions \
                and _within(one.definition, p, d):
            # "女教師 Female": one half names whom it counts, the other only the category.
            return Match(one.key, min(one.confidence, CONF_IN_CONTEXT), f"{one.reason} (the other language says part of it)",
                         (), one.definition, one.parsed)
    if (apart := _bound_apart(zh, en, zh_text)) is not None:
        return Match(None, 0.0, "new: the two languages disagree on whether the bound is included", (), None, en.parsed,
                     apart)
    if bracketed and zh.key is None and en.key is None:
        return None
    if not bracketed and _switched(zh.parsed, en.parsed):
        return None  # "专任教师 female", "在编 staff": one wording in two languages, read whole
    # "其中：双语教师 Of which bilingual teachers" unread is still a refinement: the "其中" after it
    # refine the same total.
    refine = zh.parsed if zh.parsed is not None and zh.parsed.refine and en.parsed is not None and en.parsed.refine else None
    return Match(None, 0.0, "new: the two languages of the wording do not read alike", zh.candidates or en.candidates,
                 None, refine)


def _bare_people(m: Match) -> bool:
    """Whether a half reads only as the plain word for the staff or the teachers ("staff", "teachers"):
    beside Chinese the reader does not know, the head of one phrase, not a translation of it."""
    return m.parsed is not None and m.parsed.kind == "count" and m.parsed.generic_only


def _chinese_unknown(zh: str, d: Dictionary) -> bool:
    """Whether the Chinese half holds Chinese words the reader does not know ("临时工 staff"): words of the
    form's own language that may narrow what the English says, not a gloss in a language the reader does not read."""
    return any(re.search(r"[\u3400-\u9fff]", "".join(run)) for run in unknown_words(zh, d))


def _switched(zh: Parsed | None, en: Parsed | None) -> bool:
    """Whether a wording switches language inside one phrase ("专任教师 female", "staff 总数", "retired 人员"):
    one half names whom it counts, the other only a total or a category of a field the first does not
    condition, so neither is a translation of the other (a translation disagreeing on a category,
    "女教師 Male", names the same field twice and stays unread)."""
    for people, part in ((zh, en), (en, zh)):
        if people is None or part is None or people.kind != "count" or not people.own_population or part.refine:
            continue
        if part.kind == "total" and not part.conditions:
            return True
        named = {c.field for c in people.conditions}
        if part.kind == "count" and not part.own_population and part.conditions \
                and not any(c.field in named for c in part.conditions):
            return True
    return False


def _gloss_adds(reading: Match, said: str, type_: str | None, level: Level | None, scene: Scene | None,
                reference: date | None, d: Dictionary) -> str | None:
    """The words of a half not understood that its other words, read alone as the other half is,
    leave over ("bonuses" of "Full-time teachers bonuses" after 专任教师): a gloss the reader knows,
    saying something more of what it glosses. None when the known words read otherwise or are none
    (a gloss in a language the reader does not read, "Data de nascimento")."""
    extra = unknown_words(said, d)
    known = known_part(said, d)
    if not extra or not known:
        return None
    alone = match_field(label=known, type=type_, level=level, scene=scene, reference=reference, d=d, respell=False)
    return ", ".join(" ".join(run) for run in extra) if alone.key == reading.key else None


def _pinyin_apart(zh: str, latin: str, d: Dictionary) -> str | None:
    """Words of the Latin half the reader does not know, all of them pinyin, some spelling none of the
    characters before them ("gongzi", 工资, after 专任教师): Chinese words the wording does not print, so
    the Latin says something more than the characters. A gloss in another language ("Data de nascimento")
    is not all pinyin."""
    han = "".join(re.findall(r"[\u3400-\u9fff]", zh))
    for run in unknown_words(" ".join(latin_words(latin)), d):
        if all(pinyin_word(w) for w in run) and not all(spells_some_of(han, w) for w in run):
            return " ".join(run)
    return None


# Bare 以上 / 以下, without 及 / 或 / 含: the statute includes the number, Hong Kong and Macau usage
# ("30歲以下 Under 30") often does not.
_BARE_BOUND = re.compile(r"(?<![及或和])以[上下](?!\s*[(（]?\s*(?:含|包含|不含))")


def _within(whole: Definition, part: Parsed, d: Dictionary) -> bool:
    """Whether a category read under `whole`'s population is `whole` itself."""
    try:
        return count(d, merge(whole.filters, part.conditions)) == whole
    except DefinitionError:
        return False


def _bound_apart(zh: Match, en: Match, zh_text: str) -> tuple[Definition, Definition] | None:
    """The two readings of halves that differ only in whether a bare 以上 / 以下 includes its number
    ("30歲以下 Under 30"), or None."""
    a, b = zh.definition, en.definition
    if a is None or b is None or a.measure != "count" or b.measure != "count" or not _BARE_BOUND.search(fold(zh_text)):
        return None
    name = apart_on(a, b)
    p, q = (a.filter_on(name), b.filter_on(name)) if name in RANGE_FIELDS else (None, None)
    if p is None or q is None:
        return None
    ends = [(m, n) for m, n in ((p.min, q.min), (p.max, q.max)) if m != n]
    if len(ends) != 1 or None in ends[0] or abs((ends[0][0] or 0) - (ends[0][1] or 0)) != 1:
        return None  # not one bound read two ways
    return a, b


def settled(m: Match, bands: list[Definition], d: Dictionary, reference: date | None) -> Match | None:
    """A wording hesitating between readings that differ in one range ("30歲以下 Under 30": up to
    30, or under 30), read as the one that overlaps none of the bands beside it ("30-39歲"): the
    bands of one breakdown do not overlap. None when the bands do not tell."""
    fitting = [a for a in m.alternatives if not any(_overlap(a, b) for b in bands)]
    if len(fitting) != 1 or len(fitting) == len(m.alternatives):
        return None
    said = words(fitting[0], d, reference).zh
    return _found(key_of(fitting[0], d), fitting[0], CONF_IN_CONTEXT,
                  f"read as {said}: the band beside it says whether its bound is included", m.parsed)


# A bound said with a bare 以下 / 以上 / 以内: the statute includes the number, but a table's bands
# may say otherwise. "及以下", "或以上" and a bracket "（含）" say it outright.
_BARE_BOUND = re.compile(r"(?<![及或和])(?:以下|以上|以内)(?!\s*[(（]\s*(?:不含|含|包含|包括|不包括))")
_SAID_BOUND = re.compile(r"[(（]\s*(?:不含|含|包含|包括|不包括)|(?:及|或|和)\s*(?:以下|以上|以内)|[满不未]")


def unbanded(defn: Definition, label: str, bands: list[Definition], d: Dictionary, reference: date | None) -> Match | None:
    """A count whose bound a bare 以下 or 以上 gives ("30岁以下", statutorily up to 30), beside a band
    of the same breakdown that starts or ends at that number ("30-34岁"): the bands of one
    breakdown do not overlap, so the bound excludes the number (under 30). None when its bound is
    said outright or no band beside it touches it."""
    text = fold(label)
    if not _BARE_BOUND.search(text) or _SAID_BOUND.search(text):
        return None
    for b in bands:
        name = apart_on(defn, b)
        if name not in RANGE_FIELDS:
            continue
        own, other = defn.filter_on(name), b.filter_on(name)
        if own is None or other is None or other.min is None or other.max is None:
            continue
        if own.min is None and own.max is not None and other.min == own.max:
            bound = Filter(name, min=None, max=own.max - 1)
        elif own.max is None and own.min is not None and other.max == own.min:
            bound = Filter(name, min=own.min + 1, max=None)
        else:
            continue
        try:
            shifted = count(d, (*defn.without(name).filters, bound), defn.entity)
        except DefinitionError:
            return None
        if any(_overlap(shifted, x) for x in bands if x != defn):
            return None
        return _found(key_of(shifted, d), shifted, CONF_IN_CONTEXT,
                      f"read as {words(shifted, d, reference).zh}: the band beside it ({words(b, d, reference).zh}) "
                      "starts where its bound is, so the bound is excluded")
    return None


def _overlap(a: Definition, b: Definition) -> bool:
    """Whether two counts that differ in one range only (a band beside another) share a value of it."""
    name = apart_on(a, b)
    if name not in RANGE_FIELDS:
        return False
    p, q = a.filter_on(name), b.filter_on(name)
    if p is None or q is None:
        return False
    lo, hi = max(p.min or 0, q.min or 0), min(p.max if p.max is not None else 999, q.max if q.max is not None else 999)
    return lo <= hi


# A question put to the teacher, or asked about one ("Is this teacher male or female?", "该教师…").
_ADDRESSED = re.compile(r"^\W*(?:\w{0,3}\d+(?:\.\d+)*\W*)?(?:您|你|该教师|该老师|这位教师|此教师"
                        r"|(?:are|were|is|do) (?:you|your)\b|(?:is|was|does|has) (?:this|the) teacher\b)", re.IGNORECASE)


# Where values offered side by side part: "Male/Female", "在编或编外", "permanent or temporary".
_OFFERED = re.compile(r"\s*(?:[/／|｜]|或者|还是|或|\bor\b)\s*")


def _values_only(label: str, name: str, d: Dictionary) -> bool:
    """Whether a wording is nothing but two or more values of `name` offered side by side, each one
    value on its own ("Male/Female", "M/F", "Permanent or contract"): not "Bachelor or above"."""
    parts = [p for p in _OFFERED.split(strip_noise(fold(label))) if p.strip()]
    if len(parts) < 2:
        return False
    for part in parts:
        said = read(part, d)
        if not (isinstance(said, Parsed) and said.kind == "count" and not said.own_population
                and [f.field for f in said.conditions] == [name] and said.conditions[0].min is None
                and said.conditions[0].max is None):
            return False
    return True


def _alternatives(parsed: Parsed, label: str, d: Dictionary) -> bool:
    """A wording put to the teacher that offers two or more values of one field and names nothing
    else: an alternative question ("您是男性还是女性？"), asking that field; so is a roster's column
    naming nothing but the values ("Male/Female", "在编/编外"): each teacher has one of them."""
    c = tuple(x for x in parsed.conditions if not (parsed.generic_only and x.field == POST))  # "this teacher"
    addressed = bool(_ADDRESSED.match(label))
    # Kinds of staff offered to the one asked are the post itself: "您是专任教师还是行政人员？".
    posts = addressed and not parsed.generic_only and len(c) == 1 and c[0].field == POST
    return (len(c) == 1 and len(c[0].codes) >= 2 and not c[0].negated and c[0].min is None
            and c[0].max is None and (parsed.generic_only or not parsed.own_population or posts) and not parsed.by
            and (addressed or (not parsed.own_population and _values_only(label, c[0].field, d))))


def _on(stated: tuple[int, int, int | None], reference: date | None) -> bool:
    """Whether a date a wording states is the reference date (its month, when it says no day)."""
    if reference is None:
        return False
    year, month, day = stated
    return (year, month) == (reference.year, reference.month) and day in (None, reference.day)


# A column named by a code in capitals, and maybe the wording it stands for in a bracket after it:
# "XM", "CSRQ（出生日期）", as Chinese systems export their tables.
_COLUMN_CODE = re.compile(r"^\s*([A-Z]{2,9})\s*(?:[(（]\s*([^()（）]+?)\s*[)）]|[_\-\s]+([\u3400-\u9fff]+))?\s*$")
# The wording with its code after it: "性别(XB)", "姓名_XM".
_CODE_AFTER_NAME = re.compile(r"^\s*([\u3400-\u9fff]+)\s*(?:[(（]\s*([A-Z]{2,9})\s*[)）]|[_\-\s]+([A-Z]{2,9}))\s*$")
# A system's code for a column before its Chinese name, in parts ("ZRJS_NV 专任教师女", "ZRJS_35SJYX 专任教师35岁及以下").
_CODE_BEFORE_WORDS = re.compile(r"^\s*([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[A-Za-z]{2,12})[\s_\-]+(?=[\u3400-\u9fff])(\S.*?)\s*$")
# A system's key, then what it holds after a colon: "nm: full name", "edu_lvl: highest education", "hire_dt: hire date".
_KEY_THEN_WORDS = re.compile(r"^\s*([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\s*[:：]\s+(\S.*?)\s*$")
# Words that open a note to whoever fills the form in, not a key: "Note: count each teacher once".
_NOT_A_KEY = frozenset({"note", "notes", "nb", "remark", "remarks", "comment", "comments", "hint", "tip", "example", "eg", "ie"})


# What a key's last part says of the kind of value it holds: "edu_lvl", "emp_id", "hire_dt".
_KEY_KINDS = frozenset({"cd", "code", "id", "no", "num", "nbr", "dt", "date", "lvl", "typ", "type", "flag", "ind", "yn",
                        "txt", "val", "nm", "name"})


def _key_shortens(key: str, words: str) -> bool:
    """Whether each part of a key shortens one of the words after it ("hire_dt: hire date", "tch_start: date
    started teaching") or names a kind of value: a key that shortens other words ("kid1: date of birth",
    "prev_edu: highest education", "emerg: name") holds someone's or something else's, which they do not say."""
    said = re.findall(r"[a-z]+", words.lower())

    def shortens(part: str, word: str) -> bool:
        rest = iter(word)
        return part[0] == word[0] and all(ch in rest for ch in part)

    return all(part in _KEY_KINDS or any(shortens(part, w) for w in said) for part in key.split("_"))


# A bound in a key's own words: "age_lt35" is under 35, "ge55" 55 and over.
_KEY_BOUND = re.compile(r"(?:^|_)(lte?|le|gte?|ge|under|over|below|above)_?(\d{1,3})(?=_|$)", re.IGNORECASE)


def _same_bound(code: str, words: str, d: Dictionary) -> bool:
    """Whether a key stating a bound ("zrjs_age_lt35") bounds as its words do: "专任教师35岁以下" takes in 35,
    "lt35" does not, and a department's two statements that disagree are not read. A key with no bound agrees."""
    m = _KEY_BOUND.search(code)
    if m is None:
        return True
    op, n = m.group(1).lower(), int(m.group(2))
    lo, hi = {"lt": (None, n - 1), "under": (None, n - 1), "below": (None, n - 1), "le": (None, n), "lte": (None, n),
              "gt": (n + 1, None), "over": (n + 1, None), "above": (n + 1, None), "ge": (n, None), "gte": (n, None)}[op]
    said = read(words, d)
    bounded = [c for c in said.conditions if c.min is not None or c.max is not None] if isinstance(said, Parsed) else []
    # "zrjs_age_ge10" bounds an age, which "教龄10年及以上" does not.
    aged = _AGE_PART.search(code[:m.start() + 1]) is None or all(c.field == "teacher.age" for c in bounded)
    return aged and [(c.min, c.max) for c in bounded] == [(lo, hi)]


_AGE_PART = re.compile(r"(?:^|_)(?:age|nl)(?:_|$)", re.IGNORECASE)
# What a key says after its population without narrowing it: "bzr_num", "jzg_total", "zrjs_cnt".
_KEY_COUNTS = frozenset({"num", "no", "nbr", "cnt", "count", "total", "sum", "qty", "all", "hj", "zs", "rs", "age", "nl"})


_TAKES_IN_END = re.compile(r"(?<!及)以([上下])")


def _key_parts_said(code: str, words: str, d: Dictionary) -> bool:
    """Whether each part of a key after its first is said by the words too: in pinyin, in their order
    ("zrjs_bk" 专任教师本科, "ZRJS_35SJYX" 专任教师35周岁及以下), a bound (weighed by _same_bound), a count's
    suffix, or English the words agree with ("zrjs_female" 专任教师女). A part they do not say narrows what
    they name ("zrjs_nv 专任教师", "jzg_zb 教职工") or contradicts it ("zrjs_male 专任教师女", "zrjs_35yx
    专任教师35岁以上"): the label is then not read as its words."""
    said = read(words, d)
    held = {(c.field, c.codes, c.negated) for c in said.conditions} if isinstance(said, Parsed) else set()
    # "三十五岁" is 35岁, and "以下" takes in its number as "及以下" does: a key made from either spells both.
    spoken = _TAKES_IN_END.sub(r"及以\1", normalise(words))
    for part in re.split(r"[_\-]", _KEY_BOUND.sub("_", code))[1:]:
        if not part or part.lower() in _KEY_COUNTS or spells_within(part, words) or spells_within(part, spoken):
            continue
        english = read(part.lower(), d)
        if unknown_words(part.lower(), d) or not isinstance(english, Parsed) \
                or not all((c.field, c.codes, c.negated) in held for c in english.conditions):
            return False
    return True


def _spells(code: str, words: str) -> bool:
    """Whether a column code is the pinyin initials of `words`, or those and "M" (码, its code)."""
    return code in (initials(words), initials(words) + "M")


def _spelled_by_code(label: str, level: Level | None, d: Dictionary) -> str | None:
    """The wording a column code spells in pinyin initials: the words beside it when the code is their
    initials ("ZZMM（政治面貌）", "XB_性别", "姓名(XM)") or spells their opening ("ZRJS_NV 专任教师女"), or on a roster the one teacher field whose name
    it spells ("ZGXL": 最高学历). A code the reader knows as a word or an abbreviation ("DOB", "TSC") is
    that word. A row's number before the code ("一、GH（工号）") changes nothing."""
    label = _PUNCTUATED_NUMBER.sub("", label)
    # Width and spaces as printed are not the code's or the words': "zrjs_age_ge５５ 专任教　师".
    plain = unicodedata.normalize("NFKC", label)
    plain = plain[len(numbering(plain)):]  # "1.1 nm: full name": the row's number is no part of the key
    if (before := _CODE_BEFORE_WORDS.match(plain)) is not None and spells_opening(before.group(1), before.group(2)) \
            and _same_bound(before.group(1), before.group(2), d) and _key_parts_said(before.group(1), before.group(2), d):
        return before.group(2)
    if (keyed := _KEY_THEN_WORDS.match(plain)) is not None and keyed.group(1) not in _NOT_A_KEY \
            and unknown_words(keyed.group(1).replace("_", " "), d) and _key_shortens(keyed.group(1), keyed.group(2)):
        return keyed.group(2)  # a key the reader does not know as words: what it holds is said after it
    if (after := _CODE_AFTER_NAME.match(label)) is not None:
        named, code = after.group(1), after.group(2) or after.group(3)
        return named if _spells(code, named) else None
    m = _COLUMN_CODE.match(label)
    if m is None:
        return None
    code, named = m.group(1), m.group(2) or m.group(3)
    if named is not None:
        han = "".join(re.findall(r"[\u3400-\u9fff]", named))
        return named if han and _spells(code, han) else None
    if level != "roster" or units(fold(code)) in lexicon(d).terms:
        return None
    return pinyin_codes(d).get(code)


# Whose rows of a roster answer a column, in a bracket after it: "(secondary teachers only)", "(for
# teachers only)", the teachers' word left out ("(secondary only)", "(Forms 1-3 only)"). It says which
# teachers fill it in, not what it asks of them. Not a place or a time: "(this school only)" narrows
# what is asked.
_ONLY_FOR = re.compile(r"\s*[(（](?![^()（）]*\b(?:this|that|school|here|current|present|last|past|year|years)\b)\s*"
                       r"(?:for\s+|applies\s+to\s+)?(?:[a-z0-9-]+\s+){0,3}(?:(?:teachers?|staff|employees|educators)\s+)?only"
                       r"\s*[)）]\s*[:：*?？.]?\s*$", re.IGNORECASE)


# Without the teachers' word, the bracket must name which teachers by their stage or classes ("(secondary
# only)", "(Forms 1-3 only)"): "(surname only)", "(female only)", "(teaching qualifications only)" narrow
# what is asked instead, a part or some values of the field.
_TEACHERS_NAMED = re.compile(r"\b(?:teachers?|staff|employees|educators)\s+only")
_STAGE_ONLY = re.compile(r"[(（]\s*(?:for\s+|applies\s+to\s+)?(?:(?:pre-?primary|primary|secondary|lower|upper|junior|senior|basic"
                         r"|elementary|middle|high|nursery|infant|kindergarten|ecd|ece|tvet|vocational|and|or|&|,|/)\s*)+only"
                         r"|[(（]\s*(?:for\s+)?(?:forms?|grades?|standards?|std|classes|class|jss|sss|ks|key\s+stages?)\s*\d[\d\s,&/–-]*only",
                         re.IGNORECASE)


def _of_some_teachers(bracket: str) -> bool:
    """Whether a roster's "(… only)" says which teachers answer a column, not what it asks of them."""
    return bool(_TEACHERS_NAMED.search(bracket.lower()) or _STAGE_ONLY.search(bracket))


# A system's field name running capitalised words together: "DateOfBirth", "StaffID", "FullName", with
# numbers and capitals among them as exports write them ("TchrAge30To44", "TeachingFTE"). A name opens
# with a capitalised word and a capital after it; "PhD", "MSc" and "BEd" are no words run together, and
# a digit after one word is a slip or a note's number ("Tota1", "Teachers1").
# A system's numbered slot for a field of the customer's own, before the name given to it
# ("customString5_HighestEducation", "custom_field_3: Subject", "UDF7-Title"): the slot says nothing.
_CUSTOM_SLOT = re.compile(r"^(?:custom|cust|udf|user[_-]?defined)[_-]?(?:string|str|text|date|long|double|number|num|field|fld"
                          r"|attribute|attr)?[_-]?\d+\s*[_:：-]+\s*(?=[A-Za-z])", re.IGNORECASE)
# What may stand around such a name: a row's number before it, a unit or a note in a bracket after it,
# a footnote marker or a colon, or options after a colon ("2) NameOfSchool", "TchrPermanent (persons)",
# "NameOfTeacher*", "emplStatus: Active / Retired").
_AROUND_NAME = re.compile(r"^(?P<name>\S+?)(?P<after>\s*(?:[(（][^()（）]*[)）]|[:：]\s*[^:：()（）]+(?:[/|][^:：()（）]+)+)?\s*[*†‡:]*\s*)$")


def run_together(label: str, d: Dictionary) -> str | None:
    """The words of a capitalised name run together, when the wording is that name (with a row's
    number, a bracket or a marker around it) and it is no word the reader knows as it is
    ("EnrOllment" is "enrollment", whatever its capitals)."""
    number = numbering(label)
    bare = label[len(number):].strip()
    slot = _CUSTOM_SLOT.match(bare)
    bare = bare[slot.end():] if slot is not None else bare
    m = _AROUND_NAME.match(bare)
    if m is None or CAMEL.fullmatch(m.group("name")) is None or units(fold(m.group("name"))) in lexicon(d).terms:
        return f"{number}{bare}" if slot is not None else None
    return f"{number}{' '.join(CAMEL_WORD.findall(m.group('name')))}{m.group('after')}"


# What a pivot table or a crosstab heads its column of records with no value with: Excel's "(blank)",
# Tableau's "Null", WPS's "(空白)". Never a code, though "blank" is a slip away from 布朗族's "Blang".
_NO_VALUE = re.compile(r"\s*[(（\[]?\s*(?:blank|blanks|null|empty|none|n/?a|空白|空值|空|无)\s*[)）\]]?\s*", re.IGNORECASE)


def match_field(
    *,
    key: str | None = None,
    label: str | None = None,
    type: str | None = None,
    definition: dict[str, Any] | None = None,
    level: Level | None = None,
    scene: Scene | None = None,
    reference: date | None = None,
    d: Dictionary | None = None,
    respell: bool = True,
) -> Match:
    """What one requested field asks: its key and definition, or `new` with the reason and up to
    three candidates. `level` reads counts only on school forms; `scene` is where the field sits on
    its form (context.scene); `reference` dates the words of ages and years; `respell` reads a wording
with its slips corrected when it cannot be read as it is (once: a slip fixed is not fixed again)."""
    d = d if d is not None else dictionary()
    if key is not None and key.strip():
        return _by_key(key.strip(), label, d)
    if definition is not None:
        return _by_definition(definition, d)
    if label is None or not label.strip():
        return Match(None, 0.0, "no key, definition or wording given")
    if too_long(label):
        return Match(None, 0.0, f"new: {TOO_LONG}")
    if _NO_VALUE.fullmatch(label):
        return Match(None, 0.0, "new: a pivot's column of records holding no value, which no code names")
    if any(not _on(stated, reference) for stated in stated_dates(fold(label))):
        # "截至2025年12月31日在编人数" on a form of another date: a count on a day the form is not for.
        return Match(None, 0.0, "new: counted on a date the wording states, not the form's reference date")
    implied = near.implied_type(label, near.declared(type))
    if implied == "enum" and headcount_bands(lettered(fold(label))[1]):
        implied = None  # "专任教师人数：A.20人及以下 B.21-50人": the count, asked as a choice of bands
    if label.strip() in d.fields:
        return _by_key(label.strip(), None, d)
    if (spelled := _spelled_by_code(label, level, d) or run_together(label, d)) is not None:
        again = match_field(label=spelled, type=type, level=level, scene=scene, reference=reference, d=d, respell=respell)
        return replace(again, reason=f"{again.reason} (read as {spelled!r})")
    if (bare := _ALL_KINDS.sub("", label)) != label and bare.strip():
        # "Total staff (all roles)", "Non-teaching staff (all categories)": every kind of the people named. After
        # one kind of non-teaching staff ("Support staff (all roles)") it says the name is the wider one, all
        # but the teachers, as British forms use it: not read past. A Chinese post's name ("工勤人员（各岗位）")
        # is the statistics' own closed category, which every post of it fills and nothing wider.
        again = match_field(label=bare, type=type, level=level, scene=scene, reference=reference, d=d, respell=respell)
        post = again.definition.filter_on(POST) if again.definition is not None else None
        if again.definition is not None and again.definition.measure == "count" \
                and (post is None or post.negated or len(post.codes) != 1 or post.codes == ("1",) or _is_zh(bare)):
            return replace(again, reason=f"{again.reason}; the bracket takes in every kind of them")
        return Match(None, 0.0, "new: every kind of what it names, which may be more than the kind named", (),
                     None, again.parsed)
    if level == "roster" and (bare := _ONLY_FOR.sub("", label)) != label and _of_some_teachers(label[len(bare):]):
        again = match_field(label=bare, type=type, level=level, scene=scene, reference=reference, d=d, respell=respell)
        if again.key is not None and again.definition is not None and again.definition.measure == "value":
            return replace(again, reason=f"{again.reason}; the bracket says which teachers answer it")
    exact = _exact(label, implied, d) if not aggregated(label) else None
    if exact is not None and exact.key is not None and (mine := _level_field(exact.key, level, d)) != exact.key:
        # On a roster a school's name for a field is the teacher's own ("学校标识码": where they work).
        return _value(mine, implied, d, exact.confidence, f"{exact.reason}, of the teacher's school", exact.parsed)
    if exact is not None and exact.key is not None and level == "school" and d.fields[exact.key].entity == "teacher":
        # "Name" on a school form: a word naming a field of both levels is read at the form's level.
        said = read(label, d, level=level)
        own = said.field if isinstance(said, Parsed) and said.kind == "value" else None
        if own is not None and own in d.fields and d.fields[own].entity == "school":
            return _value(own, implied, d, CONF_IN_CONTEXT, f"asks for {own}, read at the form's level")
    if exact is not None:
        return _part_of_whole(exact.key, label, scene, d) or exact if exact.key is not None else exact
    bilingual = _bilingual(label, type, level, scene, reference, d)
    if bilingual is not None:
        return bilingual
    parsed = read(label, d, scene.hint if scene else None, level, by=scene.by if scene else ())
    if isinstance(parsed, Unread) and scene is not None and scene.headers \
            and (kind := jobs_under(scene.headers[-1], label, d, level)) is not None:
        parsed = kind  # "Non-teaching staff - cleaners, watchmen and groundsmen", parted as a path
    if isinstance(parsed, Unread) and parsed.reason == COUNTED and scene is not None and scene.headers \
            and (scene.value is not None or (scene.base is not None and scene.base_population)):
        # "人数", "Number", "Headcount" under "专任教师": the number of the people its headers name.
        parsed = Parsed("total", counted=True)
    if isinstance(parsed, Unread) and level == "school" and scene is not None \
            and (subject := _school_of_the_subject(label, scene.title_words, implied, d)) is not None:
        return subject
    if isinstance(parsed, Unread) and _unknown_word(parsed) and (parted := words_run_together(label, d)) is not None:
        again = match_field(label=parted, type=type, level=level, scene=scene, reference=reference, d=d, respell=respell)
        alone = match_field(label=parted, type=type, level=level, reference=reference, d=d, respell=respell).parsed \
            if again.key is not None and aggregated(label) else None
        if isinstance(alone, Parsed) and alone.conditions:
            # "Count of MasterDegree": a pivot counts the records of a field of the system it came from; a
            # field named by a value (a degree held, a flag) is that system's own, not the records' value.
            return Match(None, 0.0, f"new: counts another system's field {parted!r}, named by a value, not a field "
                         "the records hold", again.candidates, None, again.parsed)
        if again.key is not None:
            return replace(again, reason=f"{again.reason} (read as {parted!r})")
        if not unknown_words(parted, d):
            # "Count of ContractID": its capitals part it into words the reader knows, so it is no slip of
            # one of them ("contract"); respelling it would drop a word ("ID") it says.
            return replace(again, reason=f"{again.reason} (read as {parted!r})")
    # Only a word the reader does not know may be a slip: a wording read and found to ask what the
    # records do not hold ("professional qualification") is not respelled into something else.
    if isinstance(parsed, Unread) and respell and _unknown_word(parsed) and (fixed := respelled(label, d)) is not None:
        again = match_field(label=fixed, type=type, level=level, scene=scene, reference=reference, d=d, respell=False)
        if again.key is not None:
            return Match(again.key, min(again.confidence, CONF_RESPELLED), f"{again.reason} (read as {fixed!r})",
                         (), again.definition, again.parsed)
    first: list[tuple[str, str]] = []
    reason = ""
    if isinstance(parsed, Parsed):
        if level == "roster" and parsed.kind == "count" and not parsed.whether and _alternatives(parsed, label, d):
            # "您是男性还是女性": values of one field offered to the teacher ask that field.
            asked_of = [x for x in parsed.conditions if not (parsed.generic_only and x.field == POST)]
            parsed = Parsed("value", field=asked_of[0].field, whether=True)
        if level == "roster" and parsed.kind == "count" and not parsed.whether \
                and (listed := options(fold(label))) and set(listed) <= _YES_NO:
            # "在编（是/否）": a value answered yes or no on a roster asks whether, as "是否在编" does.
            parsed = replace(parsed, whether=True)
        if level == "roster" and parsed.kind == "count" and not parsed.whether and not parsed.counted \
                and re.search(r"[?？]\s*$", label):
            # "In establishment?", "Female?": a value asked with a question mark on a roster asks whether.
            parsed = replace(parsed, whether=True)
        if parsed.whether and level == "roster" and parsed.kind == "count":
            asked = {c.field for c in parsed.conditions} - {POST, "teacher.status"}
            if not asked and parsed.own_population and not parsed.generic_only:
                asked = {POST}  # "Are you a full-time teacher?"
            elif not asked and not parsed.own_population and {c.field for c in parsed.conditions} == {"teacher.status"}:
                asked = {"teacher.status"}  # "您目前是否在职？", "Are you retired?"
            if asked == {"teacher.subject"}:
                # "是否心理健康教育教师", "是否专职体育教师": whether one is a subject's (dedicated) teacher is a
                # post the records do not hold; the subject taught answers neither yes nor no.
                return Match(None, 0.0, "new: asks whether one is a teacher of a subject, not the subject taught",
                             (), None, parsed)
            if len(asked) == 1 and (asked == {POST} or parsed.generic_only or not parsed.own_population):
                # "您是否为在编教师？" on a roster asks each teacher's establishment.
                parsed = Parsed("value", field=asked.pop(), whether=True)
        if parsed.kind == "value" and parsed.field is not None:
            name = _level_field(parsed.field, level, d)
            if parsed.field == SELF and (offered := named_by_options(label, d, bare=True)) is not None:
                name = _level_field(offered, level, d)  # "贵校是：A.公办 B.民办": the school's ownership
            if name in RANGE_FIELDS and implied == "enum" and options(fold(label)):
                implied = None  # "您的年龄：A.25岁及以下 B.26-35岁": a band of the age, asked as a choice
            if not _options_fit(label, name, d):
                return Match(None, 0.0, f"new: the options it lists are not the values of {name}", (), None, parsed)
            if (why := _another_code(label, name, d)) is not None:
                return Match(None, 0.0, why, (), None, parsed)
            if (part := _part_of_whole(name, label, scene, d)) is not None:
                return part
            if name.startswith("teacher.") and name != "teacher.school_code" and _names_a_unit(unnumbered(fold(label))):
                # "编制所在单位", "您的编制单位": the unit holding a teacher's establishment, not its kind.
                return Match(None, 0.0, f"new: names a unit by its {name}, not the {name} itself", (), None, parsed)
            if name in DERIVED or not d.fields[name].is_indicator:
                return _value(name, implied, d, CONF_READ if not parsed.generic_only else CONF_IN_CONTEXT,
                              f"asks for {name}", parsed, label)
        elif parsed.whether and parsed.kind == "count" and not parsed.counted:
            # "你校有无音乐专职教师？" asks yes or no; "有无编外教师？如有，共多少人？" asks how many.
            return Match(None, 0.0, "new: asks whether there are such people, not how many", (), None, parsed)
        else:
            m, first = _count(parsed, scene, implied, level, d, reference)
            if m.key is not None:
                return m
            reason = m.reason.removeprefix("new: ")
            if not first:
                found = near.scores(normalise(label), d) if normalise(label) else {}
                return Match(None, 0.0, m.reason, near.candidates([], found, d, _is_zh(label)), None, parsed)
    else:
        reason = parsed.reason
    norm = normalise(label)
    found = near.scores(norm, d) if norm else {}
    if isinstance(parsed, Unread) and parsed.reason != ENUMERATED:
        # A wording read and found to list its own category is not a slip for some field's name.
        hit = near.fuzzy(norm, implied, d, found)
        # Options that are not the field's values make a near name new, as they do the exact name
        # ("Personnel type (Teaching / Non-teaching)" as "Staff type (…)").
        if hit is not None and _options_fit(label, hit.key, d):
            return _value(_level_field(hit.key, level, d), implied, d, round(min(hit.score, near.CONF_FUZZY_CAP), 3),
                          f"fuzzy {hit.score:.2f} on {hit.name!r}")
    # "您是：□男 □女": nothing but the question and its options, all values of one field.
    if isinstance(parsed, Unread) and (parsed.reason.startswith("does not know") or parsed.reason == BREAKDOWN_ONLY
                                       or (parsed.reason in (NOTHING, COUNTED) and not refining(label, d))) \
            and (offered := named_by_options(label, d, bare=parsed.reason in (BREAKDOWN_ONLY, NOTHING, COUNTED))) is not None:
        name = _level_field(offered, level, d)
        return _value(name, implied, d, CONF_IN_CONTEXT, f"asks for {name}: the options it lists are its values")
    zh = _is_zh(fold(label))
    if not isinstance(parsed, Parsed) and refining(label, d):
        # "其中：本县户籍" unread is still a refinement: the "其中" after it refine the same total.
        parsed = Parsed("count", refine=True)
    return Match(None, 0.0, f"new: {reason or 'no known field is near enough'}",
                 near.candidates(first, found, d, zh), None, parsed if isinstance(parsed, Parsed) else None)


# Every kind of a staff said in a bracket: "(all roles)", "（各类别）".
_ALL_KINDS = re.compile(r"\s*[(（]\s*(?:all|every|所有|全部|各)\s*(?:roles?|categor(?:y|ies)|types?|positions?|posts?"
                        r"|岗位|类别|类型)\s*[)）]", re.IGNORECASE)


# A school named by what the form is for: "考点所在学校名称" on a form for exam sites is the school the exam
# site is at; "中方合作学校名称" on a report of a Sino-foreign programme is the partner on the side of the
# school reporting (中方, 我方, 校方: the form's own side).
_SUBJECT_SCHOOL = re.compile(rf"^(?P<side>{OWN_SIDE})?(?P<subject>[\u4e00-\u9fff]{{2,8}}?)(?P<at>所在|所属)?的?"
                             r"(?P<school>学校|学校机构|单位)(?P<rest>\S*)$")


def _school_of_the_subject(label: str, title: str, implied: str | None, d: Dictionary) -> Match | None:
    """A field of the school filling a form in, named as the school where the form's subject is or of
    the form's own side in it: the words before the school are what the title says the form is for,
    words the reader does not know otherwise. Not a school so named without "所在" or a side ("合作学校"
    is as often the other partner), nor anything but the school's own field."""
    m = _SUBJECT_SCHOOL.match(strip_noise(fold(label)))
    if m is None or not (m.group("at") or m.group("side")) or m.group("subject") not in fold(title):
        return None
    if not isinstance(read(m.group("subject"), d), Unread):
        return None  # a word the reader knows says which people or school, not the form's subject
    said = read(m.group("school") + m.group("rest"), d, level="school")
    name = said.field if isinstance(said, Parsed) and said.kind == "value" else None
    if name is None or name not in d.fields or d.fields[name].entity != "school":
        return None
    return _value(name, implied, d, CONF_IN_CONTEXT,
                  f"asks for {name}: the school of what the form is for ({m.group('subject')!r}, as its title says)")


def residual_match(label: str, group: Definition | None, siblings: list[Definition], d: Dictionary,
                   reference: date | None) -> Match | None:
    """"其他" read as the rest of its population beside the categories listed with it (context.residual)."""
    group = group or shared_population(siblings, d)
    defn = residual(label, group, siblings, d)
    if defn is None or group is None:
        return None
    said = words(defn, d, reference).zh
    return _found(key_of(defn, d), defn, CONF_IN_CONTEXT,
                  f"read as {said}: the rest of {words(group, d, reference).zh} beside the categories listed with it",
                  Parsed("count"))


def total_of_kinds(m: Match, beside: list[Definition], d: Dictionary, reference: date | None) -> Match | None:
    """A total naming no population ("Total headcount", "Total") beside counts of kinds of staff that
    together name every post type ("Teaching headcount", "Non-teaching admin", "… aides", "…
    facilities"): the total of the staff they are kinds of, whatever comes first. None unless `m` is
    such a total and every post type is named by some count beside it that names a kind (not all staff)."""
    if m.key is not None or not (isinstance(m.parsed, Parsed) and m.parsed.kind == "total") or m.parsed.refine or m.parsed.by:
        return None
    every = set(codes_of(d, POST))
    named: set[str] = set()
    for b in beside:
        if b.measure != "count":
            if b.field is not None and b.field in d.fields and d.fields[b.field].type in ("integer", "decimal"):
                return None  # a number of pupils beside it: the total may take them in
            continue
        posts = admitted(d, b, POST)
        if posts < every:
            named |= posts
    if named != every:
        return None
    whole = count(d, [Filter(POST, tuple(sorted(every)))])
    return _found(key_of(whole, d), whole, CONF_IN_CONTEXT,
                  f"read as {words(whole, d, reference).zh}: the total of the kinds of staff counted beside it", m.parsed)


def subtotal_match(m: Match, label: str, siblings: list[Definition], d: Dictionary, reference: date | None) -> Match:
    """"小计" / "Subtotal" after categories read as what they add up to (context.subtotal)."""
    if m.definition is None or not (isinstance(m.parsed, Parsed) and m.parsed.kind == "total"):
        return m
    defn = subtotal(label, m.definition, siblings, d)
    if defn == m.definition:
        return m
    if defn is None:
        return Match(None, 0.0, "new: a subtotal of categories that are not values of one field (which ones add up?)",
                     m.candidates, None, m.parsed)
    return _found(key_of(defn, d), defn, CONF_IN_CONTEXT,
                  f"read as {words(defn, d, reference).zh}: the subtotal of the categories listed before it", m.parsed)


def below_beside(m: Match, label: str, type_: str | None, level: Level | None, scene: Scene | None,
                 reference: date | None, categories: list[Definition], d: Dictionary) -> Match | None:
    """"高中阶段毕业以下" beside "高中阶段毕业": bare 以下 may or may not include its level, but a
    category listed beside it that is that level says the columns do not overlap: it excludes it."""
    if BELOW_BARE not in m.reason or "以下" not in label:
        return None
    without = match_field(label=label.replace("以下", "以下（不含）"), type=type_, level=level, scene=scene,
                          reference=reference, d=d)
    within = match_field(label=label.replace("以下", "及以下"), type=type_, level=level, scene=scene,
                         reference=reference, d=d)
    if without.definition is None or within.definition is None or without.key is None:
        return None
    if not any(_splits(within.definition, without.definition, c, d) for c in categories):
        return None
    return _found(without.key, without.definition, CONF_IN_CONTEXT,
                  f"{without.reason}: 以下 excludes the level listed beside it", without.parsed)


def beside_column(m: Match, label: str, type_: str | None, level: Level | None, scene: Scene | None,
                  reference: date | None, d: Dictionary, categories: tuple[Definition, ...] = ()) -> Match | None:
    """"专任-高中及以下" after "专任-专科": columns of one breakdown sit side by side, so a word naming
    values of two fields ("高中": an education or a kind of school) names the field the column just
    before it breaks down by, when so read it differs from that column on that field alone. The column
    before it is the field above, or the last category listed under the same total ("专任教师总数",
    then "本科", "专科", "高中及以下")."""
    if AMBIGUOUS not in m.reason or scene is None:
        return None
    for beside in dict.fromkeys(x for x in (scene.above, *categories[-1:]) if x is not None):
        for name in dict.fromkeys(f.field for f in beside.filters if f.field not in (POST, "teacher.status")):
            if name in scene.by:
                continue
            again = match_field(label=label, type=type_, level=level, scene=replace(scene, by=(*scene.by, name)),
                                reference=reference, d=d)
            # Columns of one breakdown do not overlap: "其他少数民族" under "少数民族" is no column beside it.
            if again.key is not None and again.definition is not None and apart_on(beside, again.definition) == name \
                    and not admitted(d, beside, name) & admitted(d, again.definition, name):
                return _found(again.key, again.definition, CONF_IN_CONTEXT,
                              f"{again.reason}: of {name}, as the column before it", again.parsed)
    return None


# A column giving only the unit its header's value is written in: "教龄 / 年", "Age / years". A unit of
# things counted ("人", "个") says the column is a count: "校址 / 个" is how many sites, not the address.
_UNIT_ONLY = re.compile(r"(?:年|岁|周岁|月|天|人|名|个|years?|yrs?|months?|persons?)")
_COUNTED_UNIT = re.compile(r"(?:人|名|个|persons?)")


def header_then(header: str, label: str) -> str:
    """A header and the column beneath it as one wording: run together in Chinese, spaced in English."""
    return header + label if _is_zh(label) or _is_zh(header) else f"{header} {label}"


def particular(definition: Definition | None, d: Dictionary) -> bool:
    """Whether a reading is one of the school's particulars (its name, code, type: a value not counted). A
    header over people joined to "类别" ("学生类别", "Pupils Type") is a kind of them, never their number."""
    held = d.fields.get(definition.field or "") if definition is not None and definition.measure == "value" else None
    return held is not None and held.type not in ("integer", "decimal")


def under_field(m: Match, label: str, header: str, type_: str | None, reference: date | None,
                d: Dictionary, level: Level = "roster") -> Match | None:
    """A header naming a field and a column beneath saying which of its values, which date or which
    unit ("学历 / 最高", "出生 / 年月", "Qualifications / Academic", "教龄 / 年") are one wording: the header
    then the column (or the column as the header's unit), or the column then the header when that is
    still the header's field. A wording the two orders read as different fields is not guessed. On a
    school's form the header must be the school itself and the column only the kind of fact asked ("学校
    / 类别", "School / Type": a merged cell over the school's facts), or the unit: a header over people
    counts them, and a table's heading joined to its row ("学生情况" and "班级数") is no wording."""
    if m.key is not None or not header.strip():
        return None
    label = label[len(numbering(label)):].strip()
    unit = _UNIT_ONLY.fullmatch(fold(label).strip()) is not None
    counted = _COUNTED_UNIT.fullmatch(fold(label).strip()) is not None
    if level == "school" and not unit and BREAKDOWN_ONLY not in m.reason:
        return None
    zh = _is_zh(label) or _is_zh(header)
    named = match_field(label=header, type=type_, level=level, reference=reference, d=d).key
    found: dict[str, Match] = {}
    if unit:
        joins = [(f"{header}（{label}）" if zh else f"{header} ({label})", True)]
    elif level == "school":
        # A school's merged cell reads only forwards: "Type School" is no wording of the school's type.
        joins = [(header_then(header, label), True)]
    else:
        joins = [(header + label, True), (label + header, False)] if zh else \
            [(f"{header} {label}", True), (f"{label} {header}", False)]
    for joined, header_first in joins:
        again = match_field(label=joined, type=type_, level=level, reference=reference, d=d)
        # Read the other way round ("最高" before "学历"), the wording must still be the header's field:
        # "年级任教" is no age.
        if again.key is not None and (header_first or again.key == named) \
                and (level == "roster" or particular(again.definition, d)) \
                and not (counted and (again.definition is None or again.definition.measure != "count")):
            found.setdefault(again.key, again)
    if len(found) != 1:
        return None
    again = next(iter(found.values()))
    return _found(again.key or "", again.definition, CONF_IN_CONTEXT, f"{again.reason}, under {header!r}", again.parsed) \
        if again.definition is not None else None


_HELD_AT_WORK = frozenset({"teacher.school_code", POST, "teacher.status", "teacher.establishment"})


def institution_of(m: Match, header: str, reference: date | None, d: Dictionary) -> Match | None:
    """On a roster, a column read as the school ("Institution", "学校") under a header naming another
    of the teacher's facts ("Highest qualification", "最高学历") is where that fact was obtained, not
    the school the teacher works at: new. None when the reading stands."""
    if m.key not in ("teacher.school_code", "school.name", "school.code") or not header.strip():
        return None
    named = match_field(label=header, level="roster", reference=reference, d=d).key
    # The post, status and establishment are held at the school the teacher works at ("Current post /
    # School"); a qualification, title or birth is obtained elsewhere.
    if named is None or not named.startswith("teacher.") or named in _HELD_AT_WORK:
        return None
    return Match(None, 0.0, f"new: the institution of {named} ({header!r} above it), not the teacher's school",
                 (), None, m.parsed)


def _splits(whole: Definition, part: Definition, other: Definition, d: Dictionary) -> bool:
    """Whether `part` and `other` split `whole` on one code field and agree with it elsewhere."""
    n = apart_on(whole, part)
    if n is None or n != apart_on(whole, other) or n in RANGE_FIELDS:
        return False
    mine, theirs = admitted(d, part, n), admitted(d, other, n)
    return not mine & theirs and mine | theirs == admitted(d, whole, n)

