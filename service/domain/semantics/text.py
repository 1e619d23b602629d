"""Wording normalisation: what a printed form adds around a field's meaning, taken off.

Script (traditional to simplified, OpenCC) and Chinese numerals next to ages and years (cn2an) are
left to well-kept libraries; numbering ("一、", "(1)", "1."), stamps and units in brackets
("（盖章）", "（人）", "(persons)"), hints ("（必填）", "（男/女）"), spacing, width and case are
taken off here. `normalise` is the folded form used for exact comparison and for the key of a
wording the service does not understand.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

import cn2an
import opencc
import pypinyin
from pypinyin.pinyin_dict import pinyin_dict


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    """Traditional characters as simplified ones, to a fixed point: a few of OpenCC's mappings chain
    (苧 → 苎 → 苧's other form), and a normal form must not change when normalised again."""
    for _ in range(3):
        converted = _t2s().convert(text)
        if converted == text:
            break
        text = converted
    return text


def simplified(text: str) -> str:
    """`text` in simplified script, nothing else changed (for patterns matched before folding)."""
    return _simplified(text)


_CN_DIGITS = "零〇一二两三四五六七八九十百"
# Chinese numerals that count years or ages: "五十周岁", "满二十年", "三十至四十四岁". Elsewhere a
# numeral is part of a name ("一级教师", "第一小学") and stays.
_CN_NUMBER = re.compile(
    rf"([{_CN_DIGITS}]+)(?=\s*(?:周岁|岁|周年|年|(?:周岁|岁)?\s*(?:至|到|-|~|～|—)\s*[{_CN_DIGITS}]+\s*(?:周岁|岁|年)))"
)


def _numerals(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        try:
            n = str(cn2an.cn2an(m.group(1), "smart"))
        except ValueError:
            return m.group(1)
        # After a row's number ("12. 三十五岁及以下") the figures stay apart from it, or "12.35岁" would
        # read as one number.
        # So do they after an indicator's code run into the words ("ZB106三十五岁以下").
        return f" {n}" if m.start() > 0 and (text[m.start() - 1] in ".)" or text[m.start() - 1].isdigit()) else n

    return _CN_NUMBER.sub(one, text)


_EN_UNITS_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_EN_NUMBER_WORD = (rf"(?:(?:{'|'.join(_EN_TENS_WORDS)})(?:[- ](?:{'|'.join(_EN_UNITS_WORDS[1:10])}))?"
                   rf"|{'|'.join(_EN_UNITS_WORDS)})")
# English number words that count years or ages: "less than two years", "aged sixty or over".
_EN_NUMBER = re.compile(rf"\b({_EN_NUMBER_WORD})\b(?=\s+(?:(?:full|complete|or\s+more|and\s+over)\s+)?years?\b)"
                        rf"|(?<=\baged )({_EN_NUMBER_WORD})\b")


# The decades of a life said in words: "in their forties" is "in their 40s".
_EN_DECADE = re.compile(r"(?:(?<=their[ -])|(?<=his[ -])|(?<=her[ -])|(?<=your[ -])|(?<=the[ -]))(twent|thirt|fort|fift|sixt|sevent)ies\b")
_DECADES = {"twent": "20s", "thirt": "30s", "fort": "40s", "fift": "50s", "sixt": "60s", "sevent": "70s"}


def _english_number(m: re.Match[str]) -> str:
    words = re.split(r"[- ]", m.group(1) or m.group(2))
    value = _EN_TENS_WORDS.get(words[0], 0) or _EN_UNITS_WORDS.index(words[0])
    return str(value + (_EN_UNITS_WORDS.index(words[1]) if len(words) > 1 else 0))


# Possessives: "bachelor's", and the plural's bare apostrophe ("five years' experience").
_APOSTROPHES = re.compile(r"['’‘`´]s?\b|(?<=s)['’](?=\s|$)")
_SPACES = re.compile(r"\s+")
_SNAKE = re.compile(r"(?<=[a-z])_+(?=[a-z])|(?<=[a-z]{2})_+(?=\d)|(?<=\d)_+(?=[a-z]{2})")
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff"
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")


# Marks calling a footnote after a word ("专任教师※", "少数民族合计①", "Teachers*", "Highest education b)"):
# the note says how to count, never what; a circled number after a word is one of them, not numbering.
_FOOTNOTE = re.compile(r"(?<=[^\s\d(（])\s*(?:[※†‡]+|[\u2460-\u2473\u2776-\u277f]|[¹²³\u2074-\u2079]+|\*+)"
                       r"(?=\s*(?:$|[-–—/_:：、,，(（]))|(?<=[a-z])\s+[a-z]\)\s*$")
# A cell's line break as an export writes it out ("专任\\n教师", "Full-time\\nteachers"), and the stroke 丨
# typed for a bar ("专任教师丨女").
_LINE_BREAK = re.compile(r"\\[nr]|[\r\n]+")


# Scripts the reader does not read, in which bilingual forms gloss the Chinese or English beside them (Korean in
# 延边, Mongolian, Tibetan, Uyghur, Russian): "姓名 성명", "性别 ᠬᠦᠢᠰᠦ", "民族 མི་རིགས།".
_OTHER_SCRIPTS = ("\u0400-\u04ff\u0600-\u06ff\u0750-\u077f\u0f00-\u0fff\u1100-\u11ff\u1800-\u18af\u3130-\u318f"
                  "\uac00-\ud7af\ufb50-\ufdff\ufe70-\ufeff")
_GLOSS = re.compile(rf"[{_OTHER_SCRIPTS}]+(?:[\s.,:;'-]*[{_OTHER_SCRIPTS}]+)*")
_EMPTY_BRACKET = re.compile(r"[(（\[【]\s*[)）\]】]|(?<=\S)\s*[/|]\s*$|^\s*[/|]\s*")
_READ_SCRIPT = re.compile(r"[\u3400-\u9fffA-Za-z]")


def _glosses_off(text: str) -> str:
    """The wording without its glosses in scripts the reader does not read, when what is left is words it
    does read: the gloss says the same words again, and whether it does cannot be checked. A wording only in
    such a script stays as it is (and unread)."""
    bare = _GLOSS.sub(" ", text)
    if bare == text or not _READ_SCRIPT.search(bare):
        return text
    return _EMPTY_BRACKET.sub("", bare).strip()


def marks_taken_off(text: str) -> str:
    """A wording without the marks calling its footnotes ("专任教师※-合计" -> "专任教师-合计"), its glosses in
    scripts the reader does not read, its line breaks as spaces, and 丨 as the bar it stands for."""
    return _FOOTNOTE.sub("", _glosses_off(_LINE_BREAK.sub(" ", text).replace("丨", "|")))


# A spreadsheet's column letter before the name ("B  Name of teacher", "C\tSex"), or a statistics package's
# variable before its label ("t_fem  Female teachers", "q4_1  您的性别", "XZQHM  行政区划码"), set apart by a
# tab or spaces: the label says it in words.
_COLUMN_LETTER = re.compile(r"^\s*(?:[A-Z](?:\t|\s{2,})(?=[A-Z\u3400-\u9fff])"
                            r"|(?:[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+|[A-Za-z]+\d[A-Za-z0-9_]*)(?:\t|\s{2,})(?=\S)"
                            r"|[A-Z]{2,8}(?:\t|\s{2,})(?=[\u3400-\u9fff]))")
# Circled and dotted numbers ("①", "⒈") are numbering; NFKC would make "②50周岁" read "250周岁".
_ENCLOSED = re.compile(r"[\u2460-\u2473\u2488-\u249b\u2776-\u2793]")


def _enclosed(m: re.Match[str]) -> str:
    c = ord(m.group(0))
    n = (c - 0x2460) % 20 + 1 if c < 0x2488 else (c - 0x2488 + 1 if c < 0x2776 else (c - 0x2776) % 10 + 1)
    return f"({n}) "


# Abbreviations of English words as spreadsheets and returns type them ("No. of FT Tchrs", "Sch. ID",
# "Retd. staff", "Qual. : Bach. & above"), each spelled out as the word it is short for. Whole words
# only, with or without their full stop; one that could stand for two words is spelled out only where
# the words around it say which ("exp." after teaching or years is experience, not expenditure; "ft"
# after a number is feet; "Sr. No." is a serial number, not a senior one).
_ABBREVIATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"\bs[rl]\.?\s*no\b\.?", "serial number"),
    (r"\btchrs\b\.?", "teachers"), (r"\btchr\b\.?", "teacher"), (r"\btchg\b\.?", "teaching"),
    (r"\bschs\b\.?", "schools"), (r"\bschl?\b\.?", "school"),
    # Not "p/t": "P/T ratio" is pupils per teacher, "PT teacher" one of physical training.
    (r"(?<![\d.])(?<!\d\s)\bf/?t\b\.?", "full time"),
    (r"\bquals\b\.?", "qualifications"), (r"\bqual\b\.?", "qualification"), (r"\bbach\b\.?", "bachelor"),
    # Before the word they qualify only: a bare "Sr." or "Sr. #" heads a column of serial numbers.
    (r"\bsr\b\.?(?=[\s-]*[a-z])(?!\s*no\b)", "senior"), (r"\bjr\b\.?(?=[\s-]*[a-z])", "junior"), (r"(?<=senior)[\s-]*prof\b\.?", " professor"),
    (r"\bretd\b\.?", "retired"), (r"(?:\b|(?<=\d))yrs\b\.?", " years"), (r"(?:\b|(?<=\d))yr\b\.?", " year"),
    # A system's key comparing with a number: "AGE_LT30", "years_ge_20".
    (r"\blt\s*(?=\d)", "under "), (r"\ble\s*(?=\d)", "at most "), (r"\bgt\s*(?=\d)", "over "), (r"\bge\s*(?=\d)", "at least "),
    (r"\b(teaching|working|service|years?)( of)? exp\b\.?", r"\1\2 experience"),
    # "Exp. (yrs)", "Exp. in years": a number of years of it.
    (r"\bexp\b\.?(?=\s*\(?\s*(?:in\s+)?(?:years?|yrs?)\b)", "experience"),
    # "P&P": permanent and pensionable, the terms of a civil-service post ("Terms (P&P / Contract)").
    (r"\bp\s*&\s*p\b", "permanent and pensionable"),
    (r"\bw/o\b", "without "), (r"\bw/\s*", "with "),
    # Chat spelling, between words: "how many tchrs r female?", "How old r u?", "Ur full name?".
    (r"(?<=[a-z] )r(?= [a-z])", "are"), (r"(?<=[a-z] )u(?=\s*(?:[?？.]|$| [a-z]))", "you"), (r"\bur\b", "your"),
    (r"(?:#|\bnos?\.)\s*(?=of\b)", "number "),
    (r"\bdepts?\b\.?", "department"), (r"\basst\b\.?", "assistant"), (r"\bassts\b\.?", "assistants"),
    (r"\bgovt\b\.?", "government"), (r"\bapprox\b\.?", "approximately"), (r"\bmgmt\b\.?|\bmgt\b\.?", "management"),
    (r"\beduc?\b\.?", "education"), (r"\bexcl\b\.?", "excluding"), (r"\bperm\b\.?", "permanent"),
    (r"\binfo\b\.?", "information"), (r"\btot\b\.?", "total"), (r"\bcnt\b\.?", "count"),
    (r"\benrol\b\.?|\benrl\b\.?|\benrolt\b\.?", "enrolment"), (r"\bappt\b\.?", "appointment"), (r"\bdeg\b\.?", "degree"),
    (r"\bnatl\b\.?", "national"), (r"\bgrp\b\.?", "group"), (r"\bsubj\b\.?", "subject"), (r"\bsubjs\b\.?", "subjects"),
    (r"\bsvc\b\.?", "service"), (r"\bacad\b\.?", "academic"), (r"\bgndr\b\.?", "gender"), (r"\bstf\b\.?", "staff"),
    (r"\bethn\b\.?", "ethnicity"),
    # A system's keys cut short ("school_nm", "region_cd", "HIGHEST_EDU_LVL", "POST_CAT", "ProfTitle",
    # "TCHG_START_DT"; its date below).
    (r"\bnm\b", "name"), (r"\bcd\b", "code"), (r"\blvl\b\.?", "level"), (r"(?<=post )cat\b\.?", "category"),
    (r"\bprof\b\.?(?=\s*title)", "professional"), (r"\bestab\b\.?", "establishment"),
    (r"\bi\.\s?d\b\.?", "id"), (r"(?<=ethnic )min\b\.?", "minority"),
    # "PG" is postgraduate, but not India's post-graduate teachers ("PGT", "PG teachers"), a cadre, nor a
    # pre-school's play group, taught ("Teachers for PG", "PG class") or listed beside the classes after it
    # ("PG / Nursery", "PG, LKG, UKG").
    (r"^(?!.*\b(?:nursery|lkg|ukg|kg|kindergarten|pre-?primary|pre-?school|play\s?group|creche)\b)(.*?)"
     r"(?<!\bfor )(?<!\bof )(?<!\bin )\bpg\b\.?(?!\s*t\b|\s+(?:teachers?|class(?:es)?|sections?|children|pupils?)\b)",
     r"\1postgraduate"),
    # Short for two words each: "Emp. No." is an employee's number, "Emp. status" the employment's;
    # "Dt. of birth" and a key's last "…_START_DT" a date ("DT" alone is design and technology); "Nat. ID"
    # national ("nat." nature).
    (r"\bempl?\b\.?(?=\s*(?:no\b|number|id\b|name|code))", "employee"),
    (r"\bempl?\b\.?(?=\s*(?:status|type|category|terms|contract))", "employment"),
    (r"\bdt\b\.?(?=\s*of\b)|(?<=birth )dt\b\.?|(?<=[a-z] )dt\b\.?(?=\s*$)", "date"),
    (r"\bnat\b\.?(?=\s*(?:id|identity|identification)\b)", "national"),
    # "Temp." is a temperature on a health form; only beside "permanent" is it temporary ("Perm./Temp.").
    (r"(?<=permanent)(\s*[/,]\s*|\s+or\s+)temp\b\.?", r"\1temporary"),
    (r"(?<=permanent)(\s*[/,]\s*|\s+or\s+)cont\b\.?", r"\1contract"),
    # The establishment a teacher is in is the approved one, of teaching or of all staff posts: "in the
    # approved teaching establishment", "outside the sanctioned establishment".
    (r"\b(?:approved|sanctioned|authori[sz]ed)\s+(?:(?:teaching|staff)\s+)?establishment\b", "establishment"),
    # 教龄 put word for word into English ("Teaching age (years)", "teaching age over 20 years") is no age.
    # Not the ages of the pupils taught: "Teaching age group", "teaching age range (3-7)".
    (r"\bteaching age\b(?!\s*(?:range|group|band|bracket|phase)s?\b)", "teaching experience"),
    # "Whole-time" is Ireland's and Britain's "full-time".
    (r"\bwhole[- ]time\b", "full-time"),
    # "&" between English words is "and": "Bach. & above", "Executive & Admin".
    (r"(?<=[a-z0-9.)])\s*&\s*(?=[a-z])", " and "),
    # "Perm. & pens.": permanent and pensionable, the terms of a civil-service post.
    (r"(?<=permanent and )pens\b\.?", "pensionable"),
    # The unit a key or a column puts after a length ("AGE_YRS", "Age, years", "Experience yrs").
    (r"\b(age|experience)\s*,?\s+years?\s*$", r"\1 in years"),
))


def _spelled_out(t: str) -> str:
    if not re.search(r"[a-z]", t):
        return t
    for pattern, word in _ABBREVIATIONS:
        t = pattern.sub(word, t)
    return _SPACES.sub(" ", t).strip()


# The codes a department's system enters values as, printed beside their names in capitals: a bracket
# of nothing but codes said to be codes ("(roles ADMN, SECR)"; bare capitals "(TSC / BOM)" may be
# options), or codes after the word for a
# coded field and before the name they stand for ("contract type PRM (permanent)", "FXT or TMP
# (fixed term …)"). The name says what they mean; the codes add nothing to it.
_CODE = r"[A-Z][A-Z0-9]{2,4}"
_CODES_ONLY = re.compile(rf"[(（]\s*(?i:roles?|codes?)\s*[:：]?\s*{_CODE}(?:\s*[,/、;]\s*{_CODE})*\s*[)）]")
# The words round the codes are in any case ("CONTRACT TYPE FXT OR TMP"), the codes in capitals.
_CODES_NAMED = re.compile(r"\b((?i:type|code|role|status|category)\s+)[A-Z][A-Z0-9]{0,4}"
                          r"(?:\s*(?:,|/|\b(?i:or|and)\b)\s*[A-Z][A-Z0-9]{0,4})*\s*"
                          # The bracket names what the codes stand for; a unit ("(persons)") does not.
                          r"(?=[(（](?!\s*(?i:persons?|people|headcount|number|count|nos?\.?)\s*[)）]))")


# Where to go next, for some answers only, wherever it is printed: "（若选“否”，请跳至第8题）",
# "（选2者请跳答A8）", "(If No, skip to Q8)". It says nothing of what is asked.
_SKIP = re.compile(r"\s*[(（\[【][^()（）\[\]【】]*(?:跳至|跳到|跳答|跳过|转至第|转到第|skip\s+to|go\s+to\s+(?:q|question))"
                   r"[^()（）\[\]【】]*[)）\]】]")


_ANGLED = re.compile(r"<([a-z][^<>]{0,80})>")


# Scanned forms confuse letters and digits of like shape: a "1" or "0" inside an English word ("Fema1e",
# "Enro1ment": two letters on one side, one on the other, so that "q1a" stays a question number) is
# the letter; an "o" after a number's digits ("3O岁", "aged 5O and over") or between Chinese numerals
# ("二O二五") is the digit.
_DIGIT_IN_WORD = re.compile(r"(?<=[a-z]{2})[10](?=[a-z])|(?<=[a-z])[10](?=[a-z]{2})")
_O_IN_NUMBER = re.compile(r"(?<=\d)o(?![a-z])")
_O_IN_NUMERALS = re.compile(r"(?<=[〇零一二三四五六七八九])o(?=[〇零一二三四五六七八九])")


def _ocr_digits(t: str) -> str:
    t = _DIGIT_IN_WORD.sub(lambda m: "l" if m.group(0) == "1" else "o", t)
    return _O_IN_NUMERALS.sub("〇", _O_IN_NUMBER.sub("0", t))


# Chinese printed with its romanisation after it ("专任教师 Zhuānrèn jiàoshī", "女 Nǚ", "达斡尔族 Dáwò'ěrzú"):
# the Latin words are the Han characters before them spelled in pinyin, with or without tones, and say
# nothing more. Taken off only when they spell exactly the characters before them.
_ROMANISED = re.compile(r"(?<=[\u3400-\u9fff])(\s*[(（]?\s*)([A-Za-z\u00c0-\u024f\u0300-\u036f]+(?:['’\s-]+[A-Za-z\u00c0-\u024f\u0300-\u036f]+)*)"
                        r"(\s*[)）]?)(?![A-Za-z\u00c0-\u024f\d])")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+$")


def _toneless(latin: str) -> str:
    spelled = unicodedata.normalize("NFD", latin.lower()).replace("u\u0308", "v")
    return "".join(c for c in spelled if "a" <= c <= "z")


@lru_cache(maxsize=4096)
def _spells(han: str, letters: str) -> bool:
    """Whether `letters` is the pinyin of the last few characters of `han` (any reading of each)."""
    reach = {0}  # how many letters, from the end, the characters after this one spell
    for ch in reversed(han):
        # ü is typed as "u" where no keyboard has it ("女 Nu", "绿 Lu"): both spell it.
        readings = {v for r in pypinyin.pinyin(ch, style=pypinyin.Style.NORMAL, heteronym=True)[0]
                    for v in (r, r.replace("v", "u"))}
        reach = {n + len(r) for n in reach for r in readings
                 if r.isascii() and letters[len(letters) - n - len(r): len(letters) - n] == r and n + len(r) <= len(letters)}
        if len(letters) in reach:
            return True
        if not reach:
            return False
    return False


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every pinyin syllable without its tone, less the interjections of consonants alone ("m", "ng", "hm")."""
    spelled = {_toneless(r) for readings in pinyin_dict.values() for r in readings.split(",")}
    return frozenset(s for s in spelled if any(c in "aeiouv" for c in s))


@lru_cache(maxsize=4096)
def pinyin_word(word: str) -> bool:
    """Whether a Latin word is spelled wholly in pinyin syllables ("gongzi", "Zhuānrèn"; not "Nome")."""
    letters, syllables = _toneless(word), _syllables()
    reach = [True] + [False] * len(letters)  # whether the letters before each place part into syllables
    for i in range(len(letters)):
        if reach[i]:
            for j in range(i + 1, min(len(letters), i + 6) + 1):
                reach[j] = reach[j] or letters[i:j] in syllables
    return bool(letters) and reach[-1]


def latin_words(text: str) -> list[str]:
    """The Latin words of a text in lower case without tones ("Nǚ jiàoshī" -> "nv", "jiaoshi")."""
    return [w for word in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text)) if (w := _toneless(word))]


def spells_some_of(han: str, word: str) -> bool:
    """Whether a Latin word is the pinyin of some characters of `han`, one after another."""
    letters = _toneless(word)
    return bool(letters) and any(_spells(han[:k], letters) for k in range(1, len(han) + 1))


def _romanisation(m: re.Match[str]) -> str:
    opened, closed = "(" in m.group(1) or "（" in m.group(1), ")" in m.group(3) or "）" in m.group(3)
    han = _HAN_RUN.search(m.string[: m.start()])
    letters = _toneless(m.group(2))
    if han is None or opened != closed or not letters or not _spells(han.group(0), letters):
        return m.group(0)
    return ""


def romanisation_taken_off(text: str) -> str:
    """`text` without the pinyin printed after its Chinese words."""
    return _ROMANISED.sub(_romanisation, text) if _ROMANISED.search(text) else text


# A row's code printed after its Chinese wording, spaced off it: "专任教师　02", "教职工合计 01", "合计　行次01"
# (行次), "正高级　2" (one figure only set wide apart: "教龄 5" is a quantity); or a column's figure in a
# bracket after it: "合计（1）", "其中：女（2）".
_ROW_CODE = r"(?:[ \t\u3000]*(?:行次|行)\s*\d{1,3}|[ \t\u3000]+\d{2,3}|(?:\u3000|[ \t]{2,})\d)"
_ROW_CODE_AFTER = re.compile(rf"(?<=[\u3400-\u9fff）)]){_ROW_CODE}\s*(?=(?:[(（][^()（）]*[)）])?\s*$)"
                             r"|(?<=[\u3400-\u9fff])[(（]\d{1,2}[)）]\s*$")


# The page of a table printed over pages, after a header's wording: "专任教师专业技术职务情况　第2页".
_PAGE_AFTER = re.compile(r"(?<=\S)[ \t\u3000]+第\s*\d{1,2}\s*页(?:\s*[,，/]?\s*共\s*\d{1,2}\s*页)?\s*$")


# The same inside a header's path flattened into one column name: "研究生　01|正高级", "合计（1）-总计".
_ROW_CODE_IN_PATH = re.compile(rf"(?<=[\u3400-\u9fff）])(?:{_ROW_CODE}|[(（]\d{{1,2}}[)）])"
                               r"(?=\s*(?:[|｜>＞:：/]|[-－–—~～](?!\s*\d)))")


def row_code_off(text: str) -> str:
    """A wording without the row code a statistics table prints after it, before its unit if any
    ("专任教师　02" -> "专任教师", "专任教师　02（人）" -> "专任教师（人）") or inside a path of headers, or
    without the page it is on."""
    return _ROW_CODE_AFTER.sub("", _ROW_CODE_IN_PATH.sub("", _PAGE_AFTER.sub("", text)))


def pinyin_glosses_off(text: str, english: Callable[[str], bool]) -> str:
    """`text` without a word of pinyin in a bracket after an English word ("ethnic group (minzu)",
    "Contract (non-bianzhi)"): the same word again, for a reader of Chinese. A word `english` knows is
    no gloss ("Teachers (women)": wo-men spells pinyin too)."""
    if "(" not in text:
        return text
    return _PINYIN_GLOSS.sub(lambda m: "" if pinyin_word(m.group(1)) and m.group(1).lower() not in _syllables()
                             and not english(m.group(1)) else m.group(0), text)


# A bracket after an English word holding one word of pinyin of two syllables or more, "non-" allowed.
_PINYIN_GLOSS = re.compile(r"(?<=[A-Za-z])\s*\((?:non-)?([A-Za-z]{4,16})\)")


# A country's own education management information system, named by a letter or three before "EMIS"
# ("VEMIS", "NEMIS", "SEMIS"): an EMIS, whose school number is the school's identifier as an EMIS code is.
_NAMED_EMIS = re.compile(r"(?<![a-z0-9])[a-z]{1,3}(?=emis(?![a-z0-9]))")


# A statement the teacher completes in the first person ("I am: Male / Female", "My age: ___ years", "I
# mainly teach:") asks what the same words put to them in the second person ask ("You are:", "Your age").
# "I" only opening the wording (after its number) before a word in lower case or a colon: a capital "I"
# before a heading ("I Teachers", "Superintendent I") is a numeral. Typed in lower case, only before a verb.
_I_VERB = (r"(?:am|was|have|had|do|did|mainly|mostly|currently|usually|also|teach|taught|work|worked|hold|held|joined"
           r"|started|began|feel|intend|plan|would|will|can)\b")
_FIRST_PERSON_I = re.compile(r"^(\W*(?:[A-Za-z]{0,2}\d+[.)、:]?\s+)?)(?:I|i(?=\s+" + _I_VERB + r"|['’](?:m|ve)\b))"
                             r"(?:\s+(am|was)\b|['’](m|ve)\b|(?=\s+[a-z]|\s*[:：]))")
# "Respondent's sex" on a questionnaire's export is the answering teacher's own, as "your sex" is.
_FIRST_PERSON_MY = re.compile(r"\b(?:[Mm]y|MY|[Rr]espondent['’]s|RESPONDENT['’]S)(?![\w'’])")
_SECOND = {"am": " are", "was": " were", "m": " are", "ve": " have"}


# A katakana letter typed for the Han character of the same shape ("教职エ" for 教职工, "ロ径" for 口径, "ニ级"
# for 二级): an input method's slip. Only a lone letter beside a Han character: a run of kana is Japanese.
_KANA_FOR_HAN = {"エ": "工", "カ": "力", "ロ": "口", "ニ": "二", "ハ": "八", "タ": "夕", "ト": "卜", "ー": "一"}
_LONE_KANA = re.compile(rf"(?<=[\u3400-\u9fff])[{''.join(_KANA_FOR_HAN)}](?![\u30a0-\u30ff])"
                        rf"|(?<![\u30a0-\u30ff])[{''.join(_KANA_FOR_HAN)}](?=[\u3400-\u9fff])")


# Someone close to the teacher named alone before a colon ("Partner: Male / Female", "Q7 Spouse (if any):"):
# their values asked, as "My partner is:" asks them, never the teacher's own. Only before the colon: a
# "Partner school: code" names no one.
_RELATION_BEFORE_COLON = re.compile(
    r"^(\W*(?:[A-Za-z]{0,2}\d+[.)、:]?\s+)?)(partner|spouse|husband|wife|child|son|daughter|father|mother|parent"
    r"|next of kin|supervisor|manager|line manager)(?=\s*(?:[(（][^()（）]*[)）]\s*)?[:：])", re.IGNORECASE)


def _second_person(text: str) -> str:
    text = _FIRST_PERSON_I.sub(lambda m: f"{m.group(1)}you{_SECOND.get(m.group(2) or m.group(3) or '', '')}", text)
    return _RELATION_BEFORE_COLON.sub(r"\1your \2", _FIRST_PERSON_MY.sub("your", text))


# "合" standing alone, a re-typed table's total (not within a word: "合校", "合编").
_LONE_HE = re.compile(r"(?<![\u3400-\u9fff\uf900-\ufaff])合(?![\u3400-\u9fff\uf900-\ufaff])")
# The ministry's code for a school is the school's code: "（教育部学校标识码）".
_MINISTRYS_CODE = re.compile(r"教育部(?=(?:学校)?(?:标识码|识别码|代码))")


# Two grades sharing one 级: "二、三级" is 二级 and 三级, "初、中级" 初级 and 中级. Numbering "二、" before a
# third-grade row would not name the grade after it: only consecutive grades are read as a pair.
_GRADES = "一二三四五六七八九"
_PAIRED_GRADES = re.compile(rf"(?<![{_GRADES}十])([{_GRADES}]|初|中)、(?=([{_GRADES}]|中|高)级)")


def _paired_grades(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    grades = f"{_GRADES}" if first in _GRADES else "初中高"
    consecutive = second in grades and grades.index(second) == grades.index(first) + 1
    return f"{first}级、" if consecutive else m.group(0)


# Spoken Chinese as department staff type it: "你叫啥名字？" asks the name, "教了几年书" the years of teaching,
# "有没有？有几个" how many; "老教师" beside an age bound is the bound ("50岁以上的老教师"), alone it says none.
_COLLOQUIAL: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"啥", "什么"),
    # "你有编制没？" is "你有编制吗？"; "在哪个学校上班" where one works; "评上…职称" the title one holds; "现年" now.
    (r"没(?:有)?\s*(?=[?？]?\s*$)", "吗"),
    (r"上班", "工作"),
    (r"评上了?", "获得"),
    (r"何年何月", "什么时候"),
    (r"现年(?=几|多少)", "现在"),
    (r"有没有(?=[\u3400-\u9fff])(?!几|多少)", "是否有"),
    # A place or a body is called something too ("学校叫啥名字"): its name is no person's.
    (r"(?<![校位门室班级组区县市省园院所处局厅])叫什么(?:名字)?", "的姓名是什么"),
    (r"教了?(?:几|多少)年(?:的)?书了?", "教龄是多少年"),
    (r"有没有[?？]\s*(?:有)?(?=几|多少)", ""),
    (r"(?<=[岁上])(的?)老(?=教师|教职工)", r"\1"),  # "45岁以下的老教师" says two things that disagree
    # Cantonese, as Guangdong's and Hong Kong's forms type it: "幾多位老師係30歲以下？" (几多 how many, 係 is).
    (r"几多", "多少"), (r"(?<=[师工员])系(?=\s*\d)", "是"), (r"哋", "们"),
))


# An interval in a mathematician's brackets: "[30,40)岁" is 30 to 39, "(30,40]岁" 31 to 40; written as
# the statistics write both ends ("30岁(含)-40岁(不含)").
_INTERVAL = re.compile(r"([\[(〔【])\s*(\d{1,3})\s*,\s*(\d{1,3})\s*([\])〕】])\s*(周岁|岁|年)")
# The same after the measure's name instead of before its unit ("教龄[10,20)", "年龄[30,40)"), and a measure
# between two bounds ("5≤教龄<10", "30<=年龄<40岁").
_NAMED_INTERVAL = re.compile(r"(教龄|年龄)\s*([\[(〔【])\s*(\d{1,3})\s*,\s*(\d{1,3})\s*([\])〕】])(?!\s*(?:周岁|岁|年))")
_BETWEEN_BOUNDS = re.compile(r"(\d{1,3})\s*(≤|<=|<)\s*(教龄|年龄)\s*(≤|<=|<)\s*(\d{1,3})\s*(?:周岁|岁|年)?")
_UNIT_OF = {"教龄": "年", "年龄": "岁"}
_TORTOISE_SHELL = str.maketrans({"〔": "(", "〕": ")"})


# ISCED levels listed after one "ISCED": "ISCED 7 or 8", "ISCED levels 6-8": each level is its own code. A
# number that counts something after it is no level: "ISCED 6, 5 years or more", "ISCED 7 / 2+ years".
_LEVEL = r"[1-8]\b(?!\s*(?:\+|[-–]\s*\d|years?\b|yrs?\b|(?:or|and)\s+(?:more|over|above|older)\b))"
_ISCED_LIST = re.compile(rf"\bisced\s+(?:levels?\s+)?([1-8])((?:\s*(?:,|/|or|and)\s*{_LEVEL})+|\s*(?:-|–|to)\s*{_LEVEL})")


def _isced_list(m: re.Match[str]) -> str:
    first, rest = int(m.group(1)), m.group(2)
    listed = [int(x) for x in re.findall(r"[1-8]", rest)]
    # "ISCED 8-6" is the same levels as "ISCED 6-8"
    levels = range(min(first, listed[0]), max(first, listed[0]) + 1) if re.search(r"-|–|to", rest) else [first, *listed]
    return " or ".join(f"isced {n}" for n in levels)


def _both_ends(lo: str, lo_in: bool, hi: str, hi_in: bool, unit: str) -> str:
    """A range as the statistics write both its ends: "30岁(含)-40岁(不含)"."""
    return f"{lo}{unit}({'含' if lo_in else '不含'})-{hi}{unit}({'含' if hi_in else '不含'})"


def _interval(m: re.Match[str]) -> str:
    opening, lo, hi, closing, unit = m.groups()
    return _both_ends(lo, opening in "[〔【", hi, closing in "]〕】", unit)


def _named_interval(m: re.Match[str]) -> str:
    name, opening, lo, hi, closing = m.groups()
    return name + _both_ends(lo, opening in "[〔【", hi, closing in "]〕】", _UNIT_OF[name])


def _between_bounds(m: re.Match[str]) -> str:
    lo, low_sign, name, high_sign, hi = m.groups()
    return name + _both_ends(lo, low_sign != "<", hi, high_sign != "<", _UNIT_OF[name])


@lru_cache(maxsize=16384)  # forms repeat their wordings and headers; folding is pure
def fold(text: str) -> str:
    """NFKC width, codes printed beside the names they stand for taken off, simplified script, lower
    case, Chinese and English numerals of ages and years as digits,
    apostrophes and possessives dropped ("bachelor's" -> "bachelor"), English abbreviations spelled out
    ("tchrs" -> "teachers"), spaces collapsed."""
    t = marks_taken_off(_COLUMN_LETTER.sub("", text))
    t = _second_person(romanisation_taken_off(unicodedata.normalize("NFKC", _ENCLOSED.sub(_enclosed, t))))
    t = _LONE_KANA.sub(lambda m: _KANA_FOR_HAN[m.group(0)], t)
    t = _ROW_REFS.sub(" ", _NAMED_EMIS.sub("", _simplified(_CODES_NAMED.sub(r"\1", _CODES_ONLY.sub(" ", _STEM_CODE.sub(" ", t)))).casefold()))
    # 老师 is the everyday word for 教师 and says the same in every compound a form uses ("青年老师",
    # "非专任老师", "代课老师"): one spelling, so every rule and term written with 教师 reads both.
    t = _BETWEEN_BOUNDS.sub(_between_bounds, _NAMED_INTERVAL.sub(_named_interval, _ocr_digits(t)))
    t = _ISCED_LIST.sub(_isced_list, _INTERVAL.sub(_interval, t))
    t = t.translate(_TORTOISE_SHELL)  # "〔6位〕" is a bracket as "（6位）" is, once an interval has been read
    # Spaces next to a CJK character carry no meaning: Chinese has no word spaces. A row's or column's
    # code spaced off its wording ("2 合计", "甲 单位名称") is its numbering, kept as one before they go.
    t = _CJK_SPACE.sub("", _SPACED_CODE.sub(r"\1、", _SPACES.sub(" ", t).strip()))
    t = t.replace("老师", "教师")  # after the spaces: "老 师" is 老师 too
    # A re-typed table's "合" for its total stands alone ("总计（合）", "合（在编+编外）", "专任-合"); in a word
    # it is a part of it ("合校" a merged school, "合编").
    t = _MINISTRYS_CODE.sub("", _LONE_HE.sub("合计", t))
    t = _PAIRED_GRADES.sub(_paired_grades, t)
    for said, plain in _COLLOQUIAL:
        t = said.sub(plain, t)
    # Column names of a system's export join English words by underscores: "TCHR_CNT", "SCH_NAME".
    t = _SNAKE.sub(" ", t)
    # Abbreviations are spelled out after a row's numbering, which is no number they follow ("3.6 FT
    # Tchrs" as "FT Tchrs"; "6 ft" is a length).
    t = _APOSTROPHES.sub("", t)
    cut = m.end() if (m := _NUMBERING.match(t)) is not None else 0
    t = t[:cut] + _spelled_out(t[cut:])
    t = _SUSPENDED.sub(r"\1-\4 \2 \3-\4", _INVERTED_KIND.sub(r"\2 \1", t))
    # An instrument's angle brackets round words a country adapts or an instruction: "<Please mark one choice.>".
    t = _ANGLED.sub(r"(\1)", t)
    t = _SKIP.sub("", t).strip()
    # "subject(s)" is "subjects"; a lone "(s)" opening a row is its letter ("(s) Master's degree").
    t = _PLURAL_S.sub("s", _EN_NUMBER.sub(_english_number, _numerals(t)))
    return _UNIT_PLUS.sub(r"\1 \2 or more", _NUMBER_PLUS.sub("+", _EN_DECADE.sub(lambda m: _DECADES[m.group(1)], t)))


# A list's inverted heading, the noun first and its kind after a comma ("Staff, non-teaching", "Personnel,
# teaching"): the kind said before the noun. Only "teaching" and its negation, which alone name an
# activity, not the people ("Staff, administrative" already reads as administrative staff).
_INVERTED_KIND = re.compile(r"\b(staff|personnel|employees|workforce)\s*,\s*((?:non[- ]?)?(?:teaching|academic))(?=\s*(?:$|[,(/;:]))")
_PLURAL_S = re.compile(r"(?<=[a-z])\(s\)")
# A hyphen left hanging for the word after the next one: "second- or third-grade teacher" is a second-grade
# or a third-grade teacher, "full- and part-time" full-time and part-time.
_SUSPENDED = re.compile(r"\b([a-z]+)-\s+(and|or|to|&)\s+([a-z]+)-([a-z]+)\b")
# "Plus" after a number is the sign after it: "60 plus" is "60+", that number and more; a sign after the
# unit says the same ("60 years+" is "60 years or more").
_NUMBER_PLUS = re.compile(r"(?<=\d)\s*plus\b")
_UNIT_PLUS = re.compile(r"(\d)\s*(years?)\s*\+")


# Leading numbering of printed forms: "一、", "（一）", "(1)", "1.", "1、", "①", "第3项", "A.".
_NUMBERING = re.compile(
    rf"^\s*(?:[{_CN_DIGITS}]+\s*[、.．]|[甲乙丙丁戊己庚辛壬癸]\s*[、.．]|[(（]\s*(?:[{_CN_DIGITS}]+|[a-z]?\d+[a-z]?|[a-z])\s*[)）]"
    rf"|[a-z]{{0,2}}\d+(?:\.\d+)*[a-z]?\s*(?:[.．)）:](?!\d)|、)"
    # An item's number run into an age or a length of years ("1.35周岁（含）以下", "6.35岁以下"): no age is a
    # decimal, so the point ends the item's number.
    rf"|\d{{1,2}}[.．](?=\d{{2}}\s*(?:周岁|岁|歲|年|years?\b))"
    # A sub-item numbered after its item: "6-1.", "3-2、" (one digit after the dash: "25-29." is a band).
    rf"|\d{{1,2}}-\d[.．、](?!\d)"
    # "Q12 您的性别", "A3 贵校…": a letter or two and a number before the question, spaced or not.
    # Not a grade ("P1 pupils", "S1学生人数", "G7", "K1", "Y3", "Std 4"): the pupils of one grade.
    rf"|[a-z]{{0,2}}\d+(?:\.\d+)+[a-z]?(?=\s|[{_CJK}])|(?!(?:p|s|f|g|k|y|gr|yr|st|std)\d)[a-z]{{1,2}}\d+[a-z]?(?=\s|[{_CJK}])"
    # An indicator's code with its item after a dash: "A03-1 专任教师数", "JG02-3 在编人数" (not a grade's span, "S1-3").
    rf"|(?!(?:p|s|f|g|k|y)\d)[a-z]{{1,3}}\d{{1,4}}(?:-\d{{1,3}})+(?=\s|[{_CJK}])"
    # A survey tool's or an instrument's item id: letters and digits mixed past a grade's shape
    # ("TC2G01", "ATBG02", "m3saq3", "SC013Q01TA", "Q3_1", "P1_a"), or any short code before a
    # question word ("P4 How many…", "7 How many…": a grade never asks). Possessive: the letters of a
    # long run can split between the parts in exponentially many ways, and none of them ends the code.
    rf"|(?!(?:grade|year|form|class|level|stage|std|yr|gr)\d)[a-z]{{1,5}}\d+(?:_?[a-z]+\d*|_\d+)++[.:：)]?(?=\s|[{_CJK}])"
    rf"|(?!(?:grade|year|form|class|level|stage|std|yr|gr)\d)[a-z]{{3,5}}\d{{2,}}[.:：)]?(?=\s|[{_CJK}])"
    rf"|[a-z]{{0,3}}\d{{1,3}}\s+(?=(?:how|what|which|when|where|who|is|are|do|does|did|in what|in which|please|of (?:your|the|these|those))\b)"
    # A section's letter and item's number: "C-2 Teachers…", "B.1 Teachers by…" (not a grade: "K-12", "P.1").
    rf"|(?!(?:p|s|f|g|k|y)[.-]?\d)[a-z][.-]\d{{1,2}}(?:\.\d+)*[.:)]?(?=\s)"
    rf"|[\u2460-\u2473\u2776-\u277f]|第\s*[{_CN_DIGITS}\d]+\s*(?:[项条题节章页]|部分)(?:\s*[(（]\s*共\s*[{_CN_DIGITS}\d]+\s*[项条题][)）]\s*[:：.、]?|\s*共\s*[{_CN_DIGITS}\d]+\s*页)?|[a-z]\s*[.)、](?=\s)"
    # A statistics table's row code run into its wording ("01 教职工数", "05 其中：女"): two or three
    # digits before a Chinese word, never before a unit or a range ("50岁", "20年", "35以下", "80后").
    # A word opening with such a character is no unit: "02 所在县", "06 年满五十周岁的女教师".
    rf"|\d{{2,3}}(?=[{_CJK}])(?!(?!所在|所属|年满|年龄)[岁周年月日时人名个所级届次项位万元天以及至到后前])"
    # The same before the "#" marking the row's level: "02 #女", "04 ##女".
    rf"|\d{{1,3}}\s*(?=[#＃]+\s*[{_CJK}])"
    # A survey tool's progress before each question: "Question 3 of 16:", "Item 2/10" (and "第3题（共16题）"
    # with the items above).
    rf"|(?:question|item|q)\s*\d+\s*(?:of|/)\s*\d+\b\s*[:：.、-]?"
    # A statistics table's row or column code before its wording: "Line 01  Below 30 yrs", "Col. (1) Male".
    rf"|(?:line|row|col(?:umn)?)\.?\s*\(?\d{{1,3}}\)?\s*[.:：)]?(?=\s)"
    # "Question 3:", "Item 4.", "Qn 5": the word for an item before its number.
    rf"|(?:question|item|qn)\s*\d+(?:\.\d+)*[a-z]?\s*[.:：)]?(?=\s|[{_CJK}])"
    # The same in Chinese: "问题5：", "题目3.", "题6、".
    rf"|(?:问题|题目|题)\s*[{_CN_DIGITS}\d]+\s*[.:：、)）]"
    # A table going on from the page before, and what a table adds after its body: "续表3", "附：…".
    rf"|续上?表\s*[{_CN_DIGITS}\d]*\s*[:：.、]?|附\s*[:：]"
    # A memorandum item below a table's body: "Memo: …", "Memorandum: headcounts".
    rf"|memo(?:randum)?(?:\s+items?)?\s*[:：.-]"
    # Parts and sections of a form: "第二部分", "Part A:", "Section C", "附表2", "表一".
    rf"|(?:part|section)\s+(?:[a-z]\d*(?:\.\d+)*|\d+(?:\.\d+)*|[ivx]+)\b(?:\s+of\s+\d+)?\s*[:：.、-]?|附?表\s*[{_CN_DIGITS}\d]+(?:[-.]\d+)?\s*[:：.、]?"
    # A table's number before its name: "Table 5.1 Faculty by …", "Table B2: …".
    rf"|table\s+[a-z]?\d+(?:[.-]\d+)*[a-z]?\b\s*[:：.、-]?"
    # An evaluation's numbered indicator: "指标3 …", "指标2.1：…", "Indicator 4: …".
    rf"|(?:指标|indicator)\s*[{_CN_DIGITS}\d]+(?:[.-]\d+)*\s*[:：.、-]?)\s*"
)
# The number of digits a code is said to have: "（12位）", "10-digit", "6 digits".
_DIGIT_COUNT = r"(\d+)\s*(?:位(?:数字|数|代码|编码)?|[- ]?digits?)"


def stated_digits(text: str) -> set[int]:
    """The numbers of digits a folded wording says a code has ("区划代码（12位）" -> {12})."""
    return {int(n) for n in re.findall(_DIGIT_COUNT, text)}


# A note saying where a value is printed ("as printed on", "as it should appear in") or who issued it
# ("issued by", "由……核发"): of an identifier, whose number it is (match._another_code).
_PRINTED_ON = (r"as\s+(?:it\s+)?(?:should\s+|will\s+|is\s+to\s+)?(?:appears?|be\s+printed|is\s+printed|printed|shown|is\s+shown"
               r"|written|is\s+written)\s+(?:on|in)\b")
_ISSUED_BY = r"(?:issued|assigned|allocated|given)\s+by\b"
_ISSUED_ZH = r"由[^()（）]{1,15}(?:颁发|核发|分配|赋予|编制|统一编码|发放)"
PRINTED_OR_ISSUED = re.compile(f"{_PRINTED_ON}|{_ISSUED_BY}|{_ISSUED_ZH}")
_BRACKET = re.compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]")
# The records a number is taken from, when they are the records the store holds itself (see _NOISE).
_RECORDS_BASIS = (r"(?:按|据|根据|依据|以|来自|来源\s*[:：]?|见|详见|参见|参照|同)?\s*(?:人事档案|人事系统|人事管理系统|人事信息系统"
                  r"|教师管理信息系统|教师系统|学籍系统|学籍管理系统|学籍|教育事业统计|事业统计|教育统计)(?:为准|口径|数据)?")


# The figure as it stands now, beside a baseline or a target: "Actual this period", "实际数".
_ACTUAL = r"(?:actual|actuals|current|achieved)(?:\s+(?:this|current)\s+(?:period|quarter|term|year|reporting\s+period))?|实际(?:数|值)?|实有(?:数)?"


def records_basis(text: str) -> bool:
    """Whether a (folded) text says only which of the store's own records its numbers follow, or that
    they are the figures as they stand: a header "按教育统计口径" or "Actual this period" over columns says
    nothing of whom they count."""
    return re.fullmatch(r"\s*(?:" + _RECORDS_BASIS + "|" + _ACTUAL + r")\s*", text) is not None


# A single figure or a 甲乙丙 code spaced off the Chinese wording after it, never off a unit or a range
# ("3 年以上", "5 所"): the code of a table's row or column, as "02 女" (_NUMBERING) is run in.
_SPACED_CODE = re.compile(rf"^(\d|[甲乙丙丁戊己庚辛壬癸])\s+(?=[{_CJK}])(?!(?!所在|所属|年满|年龄)[岁周年月日时人名个所级届次项位万元天以及至到后前])")


# What a bracket may hold and still add nothing to the field: units, stamps, hints to the person
# filling it in (required, a date format, a list of options, an instruction).
_NOISE = re.compile(
    r"^\s*(?:人|名|个|位|人次|户|所|元|万元|岁|周岁|年|单位\s*[:：]?\s*(?:人|名|个)|persons?|people|nos?\.?|number|count|headcount"
    r"|(?:人|名)\s*(?:persons?|people)"
    r"|years?|in years|yrs?|(?:满|足|整|周)年(?:数)?|[一二三四五六七八九十]+位(?:数字|数)?"
    # How a length is counted: ages and years of teaching are whole years on the reference date.
    r"|(?:in\s+)?(?:completed|complete|full|whole)\s+years?"
    r"|unit\s*[:：]?\s*(?:persons?|people)|(?:加盖)?(?:单位|学校)?(?:公章|印章)|盖章|签章|签字|签名|stamp|seal|signature"
    r"|必填|选填|必选|可选|单选|多选|非必填|必答|选答|必答题|required|optional|mandatory"
    # How to write it by hand: "Full name (printed)", "(in block capitals)", "（正楷）".
    r"|printed|print|please print|(?:in\s+)?block\s+(?:letters|capitals)|in\s+capitals|正楷|楷书"
    # How to write it, or what to write when there is none: "（写最高的）", "（没评的写未定级）". Another value
    # written for those without ("（没评的写拟评职称）", "（没有的写护照号）") is another field's, not noise.
    r"|(?:请)?(?:写|填)(?:写)?最高的?|(?:还|尚|如|若|如果)?(?:没\S{0,2}|无|未\S{0,2}|不\S{0,2})的?就?(?:写|填)(?:写)?"
    r"[“”\"']?(?:无|0|零|〇|未定级|未评|暂无|没有|空白?|/|否)[“”\"']?"
    # What to write below a bound: "（不足1年填0）", "（不满一年的按1年填写）".
    r"|(?:不足|不满|少于|未满)\s*[\d一半]+\s*[年岁个月]*的?(?:按|写|填)(?:写)?\s*[“”\"']?[\d零一]+[“”\"']?\s*(?:年)?(?:填写|填报)?"
    # How an enumerator gets the answer: "(observe, do not ask)", "（观察填写，不要询问）".
    r"|(?:observe|by observation)(?:\s*[,;]?\s*do\s+not\s+ask)?|do\s+not\s+ask|(?:观察|目测)(?:填写)?(?:\s*[,，]?\s*(?:不要|勿)(?:询问|问))?"
    # What to write when there is none, and how to round: "(Enter 0 if none)", "(round up to whole years)".
    r"|.*\bif\s+(?:there\s+(?:are|is)\s+)?(?:none|nil|not\s+applicable|n/?a)\b.*|.*\bround(?:ed)?\s+(?:up\s+|down\s+)?to\b.*"
    # The kind of question an online questionnaire prints after it: "[单选题]", "[填空题]", "(single choice)".
    # "[多选题]" is not one: a question that takes several answers asks for no one value.
    r"|(?:单选|单项选择|填空|判断|下拉)题?|矩阵(?:填空|单选|文本|量表)?题?|单选框|(?:single|one)[- ](?:choice|answer|select(?:ion)?)|fill[- ]in(?: the blank)?|drop[- ]?down"
    # More of the kinds of question a form tool prints: "[下拉框]", "[日期题]", "[数字题]".
    r"|下拉(?:框|菜单|选择)|(?:日期|时间|多行文本|单行文本)题"
    # The kind of column a table tool makes: "Age (formula)", "School name (primary column)".
    r"|formula|primary\s+column|lookup|rollup|calculated(?:\s+field)?"
    # The kind of answer box it prints, a number or a text: "【数字】", "（数字）", "[数值]", "(numeric)".
    r"|(?:数字|数值|整数|文本)(?:题|框|型|填空题?)?|numeric(?:al)?|numeric value|free text"
    # The sum of what the wording names, said again: "音乐、美术专任教师人数（合计）", "(total)".
    r"|合计|总计|合共|共计|total|combined|in total|altogether"
    # The country whose records these are, said of an identifier or a value: "(country = CHN)", "（中国）".
    r"|(?:(?:country|国家|国别)\s*[:：=]?\s*)?(?:chn|prc|china|the\s+people\s*s\s+republic\s+of\s+china|中国|中华人民共和国)"
    r"|[ymd年月日/.\s-]*[y年][ymd年月日/.\s-]*|(?:year|month|day)(?:\s*(?:and|/|,|-)\s*(?:year|month|day))*"
    r"|" + _DIGIT_COUNT +
    r"|[^+]+(?:\s\+\s[^+]+)+"  # a sum spelled out: "(male + female)", "(managers + teachers + employees)"
    # The sum over a breakdown of the number: "（城乡合计）", "（男女合计）", "(urban and rural combined)".
    r"|(?:城乡|城镇和乡村|男女|各学段|各年级|各校区|全校|全部|所有)(?:合计|总计|合共)"
    # Only values of a breakdown combined: "(Schools A and B combined)" counts two schools.
    r"|(?:(?:urban|rural|males?|females?|boys|girls|men|women)(?:\s*(?:,|and|&|/|\+)\s*(?:urban|rural|males?|females?|boys"
    r"|girls|men|women))+|(?:all|both)\s+[a-z]+)\s+combined"
    # The same said as every value of the breakdown: "(all subjects)", "（所有学科）", "（各年级）".
    r"|(?:all|every)\s+(?:[a-z]+\s+)?(?:subjects?|grades?|levels?|ages?|classes|stages?|campuses|sections?|departments?)"
    r"|(?:the\s+)?(?:whole|entire)\s+school"
    # A table going on from the page before: "（续表，表头同上）", "(continued)".
    r"|续(?:上?表[^()（）]*)?|continued|(?:第|共)\s*[\d一二三四五六七八九十]+\s*页"
    r"|(?:所有|全部|各)(?:学科|年级|学段|校区|年龄段|部门)"
    # The highest education counting what was obtained while in service, as the records hold it: "（含在职取得）".
    r"|(?:含|包括)在职(?:取得|学历|教育)(?:的?学历)?"
    # The records a number is taken from, when they are the records the store holds itself: personnel
    # files and systems, the student register, the education statistics, an information system
    # ("（学籍系统）", "（按人事档案）", "(LIS)", "(per EMIS)"). Not a payroll or another list.
    r"|" + _RECORDS_BASIS +
    # The value as the records hold it now: "出生日期（现登记）", "（系统登记）" (not "（档案认定）", another finding).
    r"|(?:按|以)?(?:现|现行|当前|目前|系统|系统内|系统中)(?:登记|记载|记录)(?:的|信息|数据)?(?:为准)?"
    # Where to find the answer: "（可向学校办公室询问）", "（可查阅办学许可证）". Not a word of a name ("（心理咨询）").
    r"|(?:可|请|需|须|如不清楚)?\s*(?:向|到|找|问)[^()（）]{1,12}(?:询问|咨询|查询|了解|核实|确认)[^()（）]*"
    # The asking before whom: "（不清楚可询问教务处）", "（如不确定，请咨询人事干部）".
    r"|(?:如|若)?(?:不清楚|不确定|不知道)?[,，]?\s*(?:可|请)\s*(?:询问|咨询)[^()（）]{1,12}"
    r"|(?:可|请|需|须)?\s*(?:查阅|查看|参阅)[^()（）]*"
    # Every way a level is obtained taken in, as the records' highest education does: "最高学历（含在职取得）",
    # "（包括非全日制）". Not "（全日制）", which keeps to one way.
    r"|(?:含|包括|包含)\s*(?:在职(?:取得|获得|学习|进修|教育)|非全日制|函授|自学考试|自考|成人教育|网络教育)(?:取得|获得)?的?(?:学历)?"
    # The identity document a number is of, when it is the one the records hold: "证件号码（居民身份证）".
    r"|(?:中华人民共和国)?(?:居民|二代|第二代)?身份证(?:件)?"
    r"|(?:per|from|as per|according to|source\s*:?)?\s*(?:[a-z]{1,3}is|hr records|personnel records|staff records)"
    r"|[a-z\u3400-\u9fff][^+\d]*(?:\+\s*[a-z\u3400-\u9fff][^+\d]*)+"  # "(M+F)", "（男+女）"; not "(50+ years)"
    r"|.*(?:填写|填|请|如|例|格式|e\.g|format|选择|具体到|详细到|精确到|i\.e|for example|such as|if any|if applicable).*"
    # How letters are typed: "（末位X大写）", "(in capitals)", "(in block letters)".
    r"|.*(?:大写|小写|upper\s*case|lower\s*case|capitals|capital letters|block letters).*"
    # What not to type, and a value the sheet fills in itself: "（不要加空格）", "（请勿使用科学计数法）",
    # "（自动计算）", "(auto-calculated)". Not what is not counted ("不含", "不包括"): that says whom.
    r"|(?:请)?(?:不要|勿|请勿|不得|无需|不用)(?!含|包括|计).*|.*自动(?:计算|生成|填充|带出|显示).*"
    r"|(?:auto(?:matically)?[- ]?(?:calculated|computed|filled|generated))"
    # How to mark an answer: "（在编打√）", "（是的打勾）".
    r"|.*(?:打\s*[√✓✔]|打勾|划勾|画勾).*"
    # Where the codes to answer with are listed: "（学历代码见附表）", "（代码见填表说明）", "(see Annex 2 for codes)".
    r"|[^()（）]{0,8}(?:见|详见|参见|参照)\s*(?:附表|附件|附录|填表说明|说明|下表|代码表|表\s*[\d一二三四五六七八九十]+)[^()（）]*"
    r"|(?:codes?\s+)?see\s+(?:annex|appendix|attachment|table|the\s+code\s*list|code\s*list)\b[^()]*"
    # A value given where it is known, and a figure asked again to check the table: "(if known)",
    # "(for the consistency check)".
    r"|(?:if|where|when)\s+(?:known|available)|(?:for\s+(?:the\s+)?)?(?:consistency|cross)[- ]?check(?:ing)?|for\s+checking"
    # A class and its complement, which together are everyone: "(qualified and unqualified)", "(trained or untrained)".
    r"|(?P<cls>qualified|certified|trained|registered|licensed|licenced)\s+(?:and|or|&|/|\+)\s+(?:un|non[- ]?)(?P=cls)"
    # Whole years, said as how to round: "(round down)".
    r"|round(?:ed)?\s+down"
    # People counted as people: "(Count each teacher only once)".
    r"|count\s+(?:each|every)\s+(?:teacher|person|staff\s+member|member\s+of\s+staff|employee)\s+(?:only\s+)?once"
    # People counted as people, which the records do: "(headcount, not FTE)", "(persons, not full-time equivalents)".
    r"|(?:head\s*count|persons|people)\s*(?:[,;]|\band\b)?\s*(?:not|rather than)\s+(?:fte|full[- ]time[- ]equivalents?)"
    # The name or address the school is licensed or registered under, which is the one it has: "(as licensed)".
    r"|as\s+(?:licen[cs]ed|registered)"
    # One value only: "(one only)", "(only one)", "（只填一门）" says the field takes one value.
    r"|(?:one|only\s+one|one\s+only|single)"
    # Either answer will do: "（全日制或在职均可）", "(either is fine)".
    r"|.*(?:均可|皆可|都可以?|不限|即可|either\b).*"
    # An estimate will do: "（估计数）", "(approximate)", "(estimate if unsure)".
    r"|.*(?:估计|估算|大约|约数|approximate|estimat).*"
    # How to answer, in English: "(Please mark one choice)", "(tick one)", "(write a number)".
    # Only how to answer one value: "(please include part-time)" says what is counted, and "(tick all
    # that apply)" takes several answers, as "[多选题]": both stay.
    r"|(?:please\s+)?(?:tick|mark|check|choose|select|circle|write|enter|fill|use)\b(?:\s+(?:in|down))?(?:\s+(?:one|only\s+one|a|the|your))?"
    # "(Select the main one)": one answer, the main one.
    r"(?:\s+(?:main|principal))?"
    r"(?:\s+(?:choice|answer|box|option|number|figure|response|age|value|one))?(?:\s+in\s+(?:years|figures|digits|numbers))?"
    r"(?:\s+(?:per\s+(?:row|line)|in\s+(?:each|every)\s+(?:row|line)))?"
    # "(list all)", "(list them)": every value of the teacher's own, as "Subjects taught" asks them.
    r"|(?:please\s+)?list\s+(?:all|them|each)"
    # The date a number is counted on, or the document it is copied from: "（按2026年9月1日计算）",
    # "（截至2026年8月31日）", "（以毕业证为准）". Not how it is counted ("按折合全职计算" is another number).
    # A month and a day, never a span of years ("(2024-25)", "（2024-2025）" name another school year).
    r"|(?:按|以|截至|截止|截止到|截至到|统计至|统计到)?\s*\d{4}\s*(?:年|[-./])\s*(?:1[0-2]|0?[1-9])(?!\d)\s*(?:月|[-./])?"
    r"(?:\s*(?:[12]\d|3[01]|0?[1-9])(?!\d)\s*日?)?"
    r"\s*(?:计算|为准|止|为止|时|计)?"
    r"|以[^()（）]{0,8}(?:证|证书|证件|档案|登记表|记录)(?:上|所载)?的?(?:信息|记载)?为准"
    # The highest level said to be the one asked, as the records hold it: "学历（以最高学历为准）".
    r"|(?:以|按)最高学历(?:为准|填写|计|统计)?"
    # What the answer is used for: "（用于核对身份）", "(for verification only)".
    r"|(?:仅|只)?用于.*|(?:used\s+)?(?:only\s+)?for\s+(?:verification|identification|contact|internal\s+use|statistical\s+purposes?)\b.*"
    r"|主|主教|主讲|主要|主科|main"
    # The document a value is copied from, and footnote marks: "(as on ID card)", "（同身份证）", "(a)".
    r"|(?:as|same as)\s+(?:on|in|shown on|shown in|per)\s+(?:the\s+|your\s+)?(?:id|identity|passport)(?:\s+(?:card|document))?"
    # A document named as where to copy from, whatever a country calls it: "(as in MyKad)", "(as per NIC)".
    r"|(?:as|same as)\s+(?:on|in|shown on|shown in|per)\s+(?:the\s+|your\s+)?[a-z]+(?:\s+(?:card|document|certificate|book|records?|register|file))?"
    # An international instrument's item a country may add or leave out: "(National option)",
    # "(international option)", "(optional item)". It says whether the item is asked, not what.
    r"|(?:national|international|country)\s+(?:options?|optional|adaptations?)(?:\s+(?:items?|questions?))?|optional\s+(?:items?|questions?)"
    # Whom to ask for the value: "（可向学校办公室询问）", "(ask your school office)", "(available from the office)".
    r"|.*向[^()（）]{1,15}(?:询问|咨询|了解|查询|索取).*|(?:please\s+)?(?:ask|check\s+with)\s+(?:your|the)\b.*"
    r"|(?:available|obtainable)\s+from\b.*"
    # The classification an answer is coded in: "(ISCED levels)", "(ISCO-08)".
    r"|(?:isced|isco)(?:\s*-?\s*(?:levels?|classification|2011|08|97))*"
    # A national qualifications framework's level ("(AQF level)", "(NQF level)"): how education is coded.
    r"|(?:aqf|nqf|eqf|rqf|scqf|nzqf|sqf|mqf)(?:\s*levels?)?"
    # How the value is printed elsewhere, or who issued it: "(as it should appear on certificates)",
    # "(as printed on the licence)", "(issued by the Ministry of Education)", "（由教育部门核发）"; of an
    # identifier, it says whose number it is (match._another_code).
    rf"|{_PRINTED_ON}(?:(?!\bby\b).)*"  # not "…on the cover by the National Research Coordinator": whose number
    rf"|(?:as\s+)?{_ISSUED_BY}.*|{_ISSUED_ZH}"
    # The education authority as whose number or register it is: "学校标识码（教育部门）", "（教育局核发）"
    # (another authority's is not noise: match._issued_elsewhere reads the whole wording).
    r"|(?:国家|省|市|县|区)?(?:教育部门|教育行政部门|教育主管部门|教育局|教育厅|教育部|教委)(?:核发|颁发|分配|赋予|编制|统一编码|发放)?的?"
    # The form filling the value in itself: "（由身份证号生成）", "（系统自动计算）", "(auto-filled)".
    # Not "（按参加工作时间计算）", which says how a derived value is counted (reader._COMPUTED_FROM).
    r"|(?:由|从)[^()（）]{1,12}(?:自动)?(?:生成|提取|带出)|(?:系统)?自动(?:生成|计算|带出|填充)|系统生成"
    r"|auto(?:matically)?[- ]?(?:generated|filled|calculated|computed)(?:\s+from\b.*)?"
    r"|(?:须|需|应|必须|要)?(?:与|同|和)身份证(?:上)?(?:一致|相同)?|in chinese(?: characters)?|[a-eg-ln-z]|[*†‡]"
    # The order a name is written in: "(last, first, middle)", "(Surname / Given name)", "(family name first)".
    r"|(?:surname|(?:last|family)\s*name)\s+first"
    r"|(?:(?:last|first|middle|given|family|fore)(?:\s*names?)?|surname|initials?)"
    r"(?:\s*[,/、，]\s*(?:(?:last|first|middle|given|family|fore)(?:\s*names?)?|surname|initials?|m\.?i\.?))+)\s*$"
)
# A bracket naming the asker's own unit adds nothing on a form of that unit: "单位（学校）名称".
# A bracket naming only the kind of unit ("名称（学校）"); "（本校）" says this school, which restricts
# what it follows ("教龄（本校）" is years at this school, not of teaching).
_SELF = re.compile(r"^\s*(?:学校|单位|机构|school|unit|institution)\s*$")
# A bracket listing options ("（男/女）", "(active / retired / transferred)") is a hint when the
# options are the field's own values: `options` hands them over to be checked.
_OPTIONS = re.compile(r"^\s*[^/、|,，]{1,30}(?:\s*[/、|,，]\s*[^/、|,，]{1,30})+\s*$")
# The answers a questionnaire offers in a bracket after its question mark, split by slashes or bars: each
# may run to a phrase ("…? (Permanent employment / Fixed-term contract for a period of more than 1 year)").
# Not an answer holding a list of its own ("Postgraduate: specialization, master's or doctorate"): the
# form's own grouping of things, which stays words to read.
_ANSWERS = re.compile(r"^\s*[^/|:;,]{1,80}(?:\s*[/|]\s*[^/|:;,]{1,80})+\s*$")
_ASKED_BEFORE = re.compile(r"[?？]\s*$")


def _answers(before: str, inner: str) -> bool:
    """Whether a bracket after `before` lists the answers to the question it closes."""
    return _ASKED_BEFORE.search(before) is not None and _ANSWERS.match(inner) is not None


def answers_taken_off(text: str) -> str:
    """A folded wording without the answers it offers after its question mark: what they say (a
    period, an age) is said of the answers, not of whom the question asks about."""
    return _BRACKET.sub(lambda m: " " if _answers(m.string[: m.start()], m.group(1)) else m.group(0), text)


# Options each with the code it is entered as, and no other separator: "（1男 2女）", "(1.在编 2.编外)",
# "（男1女2）".
_CODE_FIRST = r"\d{1,2}\s*[.、:：=]?\s*([^\d\s/、|,，.:：=()（）]{1,20})"
_CODE_AFTER = r"([^\d\s/、|,，.:：=()（）]{1,12})\s*[:：=]?\s*\d{1,2}"
_CODED = (re.compile(rf"^\s*(?:{_CODE_FIRST}\s*){{2,}}$"), re.compile(rf"^\s*(?:{_CODE_AFTER}\s*){{2,}}$"))


# Hints joined by commas, each adding nothing: "（18位，末位X大写）" is how the value is written, no options.
_HINT_PARTS = re.compile(r"\s*[,，;；]\s*")


# Another measure than a headcount, or people the records do not hold: a bracket naming one is never
# noise, whatever hint it also gives ("(estimated FTE)", "（折合数即可）", "(full-time and part-time combined)").
_OTHER_MEASURE = re.compile(r"折合|\bfte\b|equivalent|part[- ]?time|课时|\bhours?\b|\bhrs?\b(?!\s+records?\b)")


# A measure named only to say it is not the one meant: "(headcount, not FTE)".
_NOT_MEASURE = re.compile(r"\b(?:not|rather than)\s+(?:fte|full[- ]time[- ]equivalents?)\b")


def another_measure(text: str) -> bool:
    """Whether a (folded) text names another measure than a headcount: FTE, hours, part-time."""
    return _OTHER_MEASURE.search(text) is not None


def measured(inner: str) -> bool:
    """Whether a bracket names another measure than a headcount, other than to say it is not meant."""
    return another_measure(_NOT_MEASURE.sub(" ", inner))


def _noise(inner: str) -> bool:
    inner = inner.rstrip(" .。")  # "(Please select one response.)": a sentence's full stop
    return _NOISE.match(inner) is not None and not measured(inner)


def says_nothing(inner: str) -> bool:
    """Whether what a bracket holds adds nothing to the field: a unit, a stamp, a hint to whoever fills
    it in (not options, which are checked against the field's values)."""
    return _noise(inner) or _hints(inner)


def _hints(inner: str) -> bool:
    parts = _HINT_PARTS.split(inner.strip())
    return len(parts) >= 2 and all(_noise(p) for p in parts)


def _coded(inner: str) -> list[str]:
    """The names of options listed each with its code ("1男 2女" -> ["男", "女"]); [] otherwise."""
    for whole, one in zip(_CODED, (_CODE_FIRST, _CODE_AFTER), strict=True):
        if whole.match(inner):
            names = [m.group(1) for m in re.finditer(one, inner)]
            # Each a word: "grades 1-3" is a span, its "-" no option.
            return names if all(re.search(r"[^\W\d_]", n) for n in names) else []
    return []


def strip_numbering(text: str) -> str:
    """The folded wording without the numbering a printed form puts before it: a section's and an
    item's both ("二、第1题 您的姓名", "Q3 Item 3 of 20:")."""
    once = _NUMBERING.sub("", text, count=1)
    return _NUMBERING.sub("", once, count=1) if once != text and _NUMBERING.match(once.lstrip()) else once


@lru_cache(maxsize=16384)  # asked of each wording again and again as its form is read
def numbering(text: str) -> str:
    """The numbering a printed form puts before a wording, as printed ("02 ", "（二）", "3. "), or "".
    Matched as the wording is read, without the spaces beside Chinese ("02 女" is "02女")."""
    lowered = text.lower().strip()
    coded = _SPACED_CODE.sub(r"\1、", lowered)
    m = _NUMBERING.match(_CJK_SPACE.sub("", coded))
    if m is None:
        return ""
    kept, end, wanted = 0, 0, sum(not c.isspace() for c in m.group(0)) - (coded != lowered)
    while end < len(text) and kept < wanted:
        kept += not text[end].isspace()
        end += 1
    return text[:end] + text[end:][: len(text[end:]) - len(text[end:].lstrip())]


# A bracket of other division levels after one ("县（市、区）", "乡（镇）"): the level of that rank.
_LEVELS = re.compile(r"(?<=[省市州县区旗乡镇])\s*[(（]\s*[省市州盟县区旗乡镇街道、/,，\s]+[)）]")
# A bracket after 学校 naming the kinds of school that fill the form in ("学校（村小）名称", "学校(教学点)代码"):
# the school itself, whichever kind. Alone ("村小专任教师数") such a word may name a centre school's
# village schools, which are other schools: it stays unread.
_SCHOOL_KINDS = re.compile(r"(?<=学校)\s*[(（]\s*(?:村小学?|村完小|教学点|分校|校区|完小)(?:\s*[、/,，]\s*(?:村小学?|村完小|教学点|分校|校区|完小))*\s*[)）]")


# A bracket of letters after English words: the initials of those words when it spells them
# ("Executive and Admin Staff (EAS)", "Pupil-Teacher Ratio (PTR)"), a name for them and nothing more.
_ACRONYM = re.compile(r"[(（]\s*([a-z]{2,8})\s*[)）]")
_JOINING = frozenset({"and", "of", "the", "for", "in", "on"})


def _initials(before: str, letters: str) -> bool:
    """Whether `letters` are the initials of the last words of `before`, the words that join them
    ("and", "of") taken or left out alike."""
    words = re.findall(r"[a-z]+", before)
    for k in range(len(letters), min(len(words), 2 * len(letters)) + 1):
        last = words[-k:]
        if "".join(w[0] for w in last) == letters:
            return True
        if last[0] not in _JOINING and "".join(w[0] for w in last if w not in _JOINING) == letters:
            return True
    return False


def _acronyms(t: str) -> str:
    return _ACRONYM.sub(lambda m: " " if _initials(t[: m.start()], m.group(1)) else m.group(0), t)


# A bracket citing the standard or the table of codes a value is entered in ("民族（GB3304）", "学历（GB/T
# 4658）", "(代码，见附表3)", "(see code list)"): the field is asked as its code, as "民族代码" is.
_CODE_TABLE = re.compile(r"^\s*(?:(?:gb|jy)\s*(?:/\s*t)?\s*\d[\d.\s-]*|(?:(?:代码|编码|codes?)\s*[,，;；:：]?\s*)?"
                         r"(?:见|详见|参见|参照|see|use|using|refer\s+to)\s*(?:the\s+)?(?:附表|附件|附录|代码表|编码表|code\s*(?:list|table)|codes?|appendix|annex)[\w.\s-]*)$")
_AFTER_HAN = re.compile(r"[\u3400-\u9fff]\s*$")


# The format of a date after its name, without a bracket: "Birth date dd/mm/yy", "出生日期 yyyy-mm-dd".
_DATE_FORMAT = re.compile(r"\s*[:：]?\s*(?<![a-z])(?:dd|mm|yy|yyyy)(?:\s*[/.-]\s*(?:dd|mm|yy|yyyy)){1,2}\s*$", re.IGNORECASE)


_DEEPEST_BRACKETS = 6


def strip_brackets(t: str) -> str:
    """Noise brackets taken off; other brackets open up, their words kept ("专任教师（女）")."""
    t = _acronyms(_SCHOOL_KINDS.sub("", _LEVELS.sub("", _DATE_FORMAT.sub("", t))))

    def bracket(m: re.Match[str]) -> str:
        inner = m.group(1)
        if _CODE_TABLE.match(inner):
            return "代码" if _AFTER_HAN.search(t[: m.start()]) else " code "
        if measured(inner) or _GRADE_SPAN.fullmatch(m.group(0)):
            return f" {inner} "  # "(approx., FTE)", "(Grades 1-5)": not options, nor a hint
        if _noise(inner) or _SELF.match(inner) or _OPTIONS.match(inner) or _coded(inner) or _hints(inner) \
                or _answers(m.string[: m.start()], inner):
            return " "
        return f" {inner} "

    # Innermost first, a level a pass; spaces closed up each pass, so that a hostile nest of brackets
    # costs no more than a printed one, and a nest deeper than any form prints is left unread.
    for _ in range(_DEEPEST_BRACKETS):
        previous, t = t, _SPACES.sub(" ", _BRACKET.sub(bracket, t))
        if t == previous:
            break
    return t.strip()


# Lettered options after a question: "您的最高学历是：A.博士 B.硕士 C.本科".
# Lettered or numbered options after a question: "A.博士 B.硕士", "①男 ②女" (folded to "(1) 男 (2) 女").
# Numbers in square brackets mark them too, as computer-assisted instruments print them: "[1] Male [2] Female".
_MARK = r"(?:[a-h]\s*[.、．)]|\(\d\)|\[\d\]|\([a-h]\)|\[[a-h]\])"
# An option may hold spaces ("A. Under 30 B. 30-39"): it runs to the next mark.
_LETTERED = re.compile(rf"(?:(?<=[\s:：?？)）\u3400-\u9fff])|^)({_MARK})\s*(\S.*?)(?=\s+{_MARK}|(?<=[\u3400-\u9fff]){_MARK}|\s*$)")


_ENCLOSED_OPTIONS = re.compile(r"\(\s*((?:a\s*[.、．)]|\[a\])[^()]*?(?:b\s*[.、．)]|\[b\])[^()]*)\)\s*$")
# Options after boxes or circles to tick: "性别：□男 □女", "Gender: ○ Male ○ Female".
_BOX = "□☐○◯▢◻❑"
_BOXED = re.compile(rf"[{_BOX}]\s*([^{_BOX}]+?)\s*(?=[{_BOX}]|$)")


# Options after a colon, split by slashes or bars: "性别：男/女", "Sex: M / F", "是否在编：是|否".
# An option may be a few words ("Permanent and pensionable"), as in a bracket.
_COLON_OPTIONS = re.compile(r"^(?P<head>[^:：]*[^\s:：])\s*[:：]\s*(?P<listed>[^:：/|()（）]{1,30}(?:\s*[/|]\s*[^:：/|()（）]{1,30})+)$")


# Or after a question mark: "How old are you? Under 25 / 25-29 / 60 or more".
_ASKED_OPTIONS = re.compile(r"^(?P<head>[^?]*[^\s?])\s*[?]\s*(?P<listed>[^?/|()（）]{1,20}(?:\s*[/|]\s*[^?/|()（）]{1,20})+)$")


_UNITS = frozenset({"岁", "周岁", "年", "人", "名", "个", "year", "years"})


def lettered(text: str) -> tuple[str, list[str]]:
    """A folded wording without the lettered (or boxed) options it ends with, or those it lists after
    a colon, and those options."""
    head, listed = _lettered(text)
    return head, list(listed)


@lru_cache(maxsize=32768)  # asked of each wording again and again as its form is read
def _lettered(text: str) -> tuple[str, tuple[str, ...]]:
    if (enclosed := _ENCLOSED_OPTIONS.search(text)) is not None:
        text = f"{text[: enclosed.start()]} {enclosed.group(1)}"  # "（A.小学 B.初级中学）": the options in a bracket
    boxed = list(_BOXED.finditer(text))
    if len(boxed) >= 2 and text[: boxed[0].start()].strip(" :："):
        return text[: boxed[0].start()].rstrip(" :："), tuple(m.group(1) for m in boxed)
    # A colon after the item's number ("Question 3: County/district code") lists no options.
    unnumbered_ = strip_numbering(text)
    if (colon := _COLON_OPTIONS.match(unnumbered_) or _ASKED_OPTIONS.match(unnumbered_)) is not None:
        return colon.group("head"), tuple(o.strip() for o in re.split(r"[/|]", colon.group("listed")))
    head, _, after = text.rpartition(":")
    if not _coded(after):
        head, _, after = text.rpartition("?")  # "What is your sex? 1=Male 2=Female"
    coded = _coded(after)
    if head.strip() and coded and all(re.match(r"[^\W\d_]", o) and o not in _UNITS for o in coded):
        return head.strip(), tuple(coded)  # "Employment type: 1=Permanent 2=Contract"; not "中：36-45岁"
    found = list(_LETTERED.finditer(text))
    marks = [m.group(1).strip(" .、．)([]") for m in found]
    if len(found) < 2 or marks not in ([chr(ord("a") + i) for i in range(len(found))],
                                      [str(i + 1) for i in range(len(found))]):
        return text, ()
    return text[: found[0].start()].rstrip(" :："), tuple(m.group(2) for m in found)


# The code an option is entered as, before its name: "1-Male", "2 = Female", "3: Contract".
_OPTION_CODE = re.compile(r"^\s*\d{1,2}\s*(?:[-=:：.、]|\s)\s*(?=\D)")


# What an option says it takes in, after its name: "B.非在编（代课、临聘）".
_OPTION_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


# A band of a number of people offered as an answer: "20人及以下", "21-50人", "100人以上", "over 100".
_HEADCOUNT_BAND = re.compile(r"^(?:(?:under|over|more than|fewer than|less than)\s*)?\d+\s*(?:(?:-|~|至|到|to)\s*\d+\s*)?"
                             r"(?:人|名|persons?|people)?\s*(?:及以下|以下|及以上|以上|以内|or (?:more|fewer|less|above|below))?$")


def options(text: str) -> list[str]:
    """The options a folded wording lists in brackets or with letters ("性别（男/女）" -> ["男", "女"];
    "(1-Male, 2-Female)" -> ["male", "female"]). A bracket within a lettered option says what that
    option takes in; the option is the name before it."""
    head, listed = lettered(_career(_DATE_FORMAT.sub("", text)))  # "Date of birth: DD/MM/YYYY" lists no options
    for m in _BRACKET.finditer(_LEVELS.sub("", head)):
        if _GRADE_SPAN.fullmatch(m.group(0)) or _CODE_TABLE.match(m.group(1)):
            continue  # "(P1-P7)": the grades a number covers, no codes; "（代码，见附表3）" no options
        if _OPTIONS.match(m.group(1)) and not _noise(m.group(1)) and not _hints(m.group(1)):
            listed = [o for o in re.split(r"[/、|,，]", m.group(1)) if o.strip()]
            # Codes only when every option has one: "(Under 25 / 25-29 / 60 or more)" are bands, and
            # "60 " is no code of "or more".
            all_coded = all(_OPTION_CODE.match(o) for o in listed)
            return [(_OPTION_CODE.sub("", o) if all_coded else o).strip() for o in listed]
        if (coded := _coded(m.group(1))) and not says_nothing(m.group(1)):  # "（不足1年填0）" codes nothing
            return coded
        if _answers(m.string[: m.start()], m.group(1)) and not says_nothing(m.group(1)):
            return [o.strip() for o in re.split(r"[/|]", m.group(1)) if o.strip()]
    if headcount_bands(listed):
        return []  # the answer's bands, not a field's values
    return [_OPTION_NOTE.sub("", o) or o for o in listed]


def headcount_bands(listed: list[str]) -> bool:
    """Whether lettered options are bands of the number of people asked ("A.20人及以下 B.21-50人")."""
    return len(listed) >= 2 and all(_HEADCOUNT_BAND.match(o) for o in listed) \
        and any(re.search(r"[人名]|person|people", o) for o in listed)


_DIGITS = re.compile(r"\b\d+[- ]digit\b")
# The span of codes a coded field takes, after its name: "城乡分类代码（111—220）", "Region code (01-99)".
_CODE_SPAN = re.compile(r"(?:(?<=代码)|(?<=编码)|(?<=\bcode)|(?<=\bcodes))\s*[(（]\s*\d+\s*(?:[-—–~～]+|至|到|to)\s*\d+\s*[)）]")
# The blank a questionnaire leaves for the answer, with its unit: "____年", "______人", "___ years".
# So is an empty bracket ("您的教龄（  ）年") and a blank after a year's first digits ("19____年").
_BLANK = re.compile(r"(?:(?<![\d.])\d{1,2}(?=_)|)_{2,}\s*(?:年|月|日|号|人|名|岁|周岁|个|years?|persons?|people)?"
                    r"|[(（]\s*[)）]\s*(?:年|月|日|号|人|名|岁|周岁|个|years?|persons?|people)?")


# A length left blank in a statement to complete: "I have been teaching for ___ years" asks for how many.
_FOR_BLANK = re.compile(r"\bfor\s+_{2,}\s*(?:years?|yrs?)\b")


# How to answer, after the question: "…? Please tick: Yes / No", "…？请勾选". It says nothing of what is asked.
# Not one that takes several answers ("Tick all that apply", "可多选"): that asks for no one value.
# So is what to write when there are none ("没有请填0", "If none, write 0") or how to write it.
_HOW_TO_ANSWER = re.compile(r"(?<=[?？。])(?![^?？]*(?:\ball\s+that\b|\bmore\s+than\s+one\b|\bmultiple\b|多选))"
                            r"\s*(?:(?:please\s+)?(?:tick|mark|check|circle|select|choose|write|enter|fill\s+in|give|answer|round"
                            r"|if\s+(?:there\s+are\s+)?none)\b"
                            r"|请勾选|请选择|请打勾|勾选|请填写|请填|填写|请用|请以|没有请填|没有则填|没有填|如无|若无|无则填"
                            # "如没有请填0", "如果没有，填0": what to write when there is none.
                            r"|(?:如|若|如果)没有)[^?？]*$")


# The identity document a value is copied from, said after the wording without brackets: "Full name
# as on your ID card", "Date of birth as shown in passport". Only documents: "as on 30 September" is a date.
_AS_ON_DOCUMENT = re.compile(
    r"\s*,?\s*\b(?:exactly\s+)?(?:as|same as)\s+(?:it\s+(?:appears|is\s+written)\s+)?(?:shown\s+|written\s+|printed\s+)?"
    # Whose document: yours, theirs, or the teacher's of a roster's row ("as on the teacher's ID card").
    r"(?:on|in|per)\s+(?:the\s+|your\s+|his\s+|her\s+|their\s+)?(?:(?:teacher|staff\s+member|employee)s?\s+)?(?:national\s+)?"
    r"(?:(?:id|identity|passport|birth)(?:\s+(?:card|document|certificate))?"
    # A school's: "School name (as on the operating permit)", "as per the registration certificate".
    r"|(?:(?:school\s+)?operating|school|education|business)\s+(?:permit|licen[cs]e)|registration\s+certificate)\s*[.。]?$")


# The words a spreadsheet's pivot table puts before its row, column and filter values ("行标签：专任教师",
# "Column Labels: Female", "报表筛选：任职状态=在职"): where a value sits in the table, not what it is.
_PIVOT_LAYOUT = re.compile(r"(?:行标签|列标签|报表筛选|row labels?|column labels?|report filter)\s*[:：]?\s*")


# A name asked by its parts, the family one and a given one, in either order: "Last Name, First Name",
# "Surname / Given names". Both parts together are the full name; one alone is not.
# "Other names" beside a surname are the given ones ("Surname and other names", as West African and British
# forms print it).
_NAME_PART = r"(?:(?:last|first|middle|given|family|fore|christian|other)\s*names?|surnames?|initials?|m\.?i\.?)"
# A colon or a footnote marker after the last part ("Last Name, First Name:") changes nothing.
_NAME_PARTS = re.compile(rf"^\s*(?:(?:what\s+(?:is|are)\s+)?your\s+)?{_NAME_PART}(?:\s*(?:[,/、，&]|\band\b)\s*{_NAME_PART})+"
                         r"\s*[:：*†‡?？]*\s*$")
_FAMILY_PART = re.compile(r"\b(?:last|family)\s*names?\b|\bsurnames?\b")
_GIVEN_PART = re.compile(r"\b(?:first|given|fore|christian|other)\s*names?\b")


def _full_name(text: str) -> str:
    whole = _NAME_PARTS.match(text) is not None and _FAMILY_PART.search(text) and _GIVEN_PART.search(text)
    return "full name" if whole else text


# The date a number is counted on, said before or after the question rather than in a bracket:
# "截至2026年8月31日，贵校…", "As of 1 September 2026, how many…": the reference date of the form.
_DATE_ZH = r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
_DATE_EN = (r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
            r"|\d{4}-\d{2}-\d{2})")
_AS_OF_DATE = re.compile(rf"(?:截至|截止|截止到|截至到|统计截至|统计时点)\s*[:：]?\s*{_DATE_ZH}\s*(?:止|为止|时)?\s*[,，]?"
                         rf"|^\s*{_DATE_ZH}\s*(?:止|为止|时)?\s*[,，]"
                         rf"|\b(?:as\s+(?:of|at)|on)\s+{_DATE_EN}\s*,?")
# A word for something that happens on a day, before "on" or "at" a date: "Teachers retired on 30
# September" counts who retired that day, not the retirees on the reference date.
_EVENT_BEFORE = re.compile(r"\b(?:retir|left|leav|join|hir|appoint|recruit|transfer|resign|died|dies|born|start|promot"
                           r"|dismiss|arriv|depart|mov|separat|terminat|began|begun|commenc)[a-z]*\s*$")


def of_an_event(text: str, m: re.Match[str]) -> bool:
    """Whether a date `m` found in `text` follows a word for an event, bare or after "on" or "at"
    (not "as of"): the day it happened, not the day a number is counted on."""
    return not re.match(r"\s*as\b", m.group(0)) and _EVENT_BEFORE.search(text[: m.start()]) is not None


def _as_of_taken_off(text: str) -> str:
    return _AS_OF_DATE.sub(lambda m: m.group(0) if of_an_event(text, m) else " ", text)


_DATE_BRACKET = re.compile(rf"[(（]\s*(?:按|以|截至|截止|截止到|截至到|统计至|统计到)?\s*(?P<date>{_DATE_ZH}|\d{{4}}[-./]\d{{1,2}}"
                           rf"(?:[-./]\d{{1,2}})?)\s*(?:计算|为准|止|为止|时|计)?\s*[)）]")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
          "december")
_MONTH_NAMES = tuple(m[:3] for m in MONTHS)


def _date_parts(text: str) -> tuple[int, int, int | None] | None:
    """Year, month and day (None when not said) of one date as forms write it."""
    nums = [int(n) for n in re.findall(r"\d+", text)]
    month = next((i + 1 for i, m in enumerate(_MONTH_NAMES) if re.search(rf"\b{m}", text)), None)
    if month is not None:
        year = next((n for n in nums if n > 31), None)
        day = next((n for n in nums if n <= 31), None)
        return (year, month, day) if year is not None else None
    if len(nums) >= 2 and nums[0] > 31 and 1 <= nums[1] <= 12:
        return nums[0], nums[1], nums[2] if len(nums) > 2 else None
    return None


def stated_dates(text: str) -> list[tuple[int, int, int | None]]:
    """The dates a folded wording says it is counted on ("截至2026年8月31日，…", "（按2026年9月1日计算）",
    "As of 1 September 2026, …"): year, month and day (None when only the month is said)."""
    found = [m.group("date") for m in _DATE_BRACKET.finditer(text)]
    found += [m.group(0) for m in _AS_OF_DATE.finditer(text)]
    return [p for p in map(_date_parts, found) if p is not None]


# A span of grades in a bracket, as censuses print the grades a number covers: "(Grade R-12)", "(Class
# VI-X)", "(Year 1-8)", "(P1-P7)", "(Kindergarten to Grade 12)". A reception or kindergarten year is
# grade 0.
_GRADE_WORD = r"(?:grades?|gr\.?|class(?:es)?|std\.?|standards?|years?|yr\.?|forms?|[ps](?=\d))"
_GRADE = r"(?:r|k|kg|reception|kinder(?:garten)?|\d{1,2}|[ivx]{1,5})"
_GRADE_SPAN = re.compile(rf"[(（]\s*(?:{_GRADE_WORD}\s*)?(?P<first>{_GRADE})\s*(?:-|–|—|~|to)\s*(?:{_GRADE_WORD}\s*)?"
                         rf"(?P<last>{_GRADE})\s*[)）]")
_ROMAN = {"i": 1, "v": 5, "x": 10}


def _grade(token: str) -> int:
    if token.isdigit():
        return int(token)
    if not set(token) <= set(_ROMAN):
        return 0  # reception, kindergarten
    values = [_ROMAN[c] for c in token]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


# The fewest grades a school of its own spans in any system: a primary school's five (Class I-V) and
# more. A narrower span ("Grades 1-3", "Years 9-10") is a phase or some classes within a school.
WHOLE_SCHOOL_GRADES = 5


def grade_span(text: str) -> tuple[str, int] | None:
    """A folded wording without the span of grades it names in a bracket, and how many grades the
    span takes in ("Total roll (Year 1-8)" -> ("total roll", 8)); None when it names none."""
    m = _GRADE_SPAN.search(text)
    if m is None:
        return None
    first, last = _grade(m.group("first")), _grade(m.group("last"))
    if last < first:
        return None
    return _SPACES.sub(" ", text[: m.start()] + " " + text[m.end():]).strip(), last - first + 1


# A blank for years closing a sentence, run into its verb, asks how many: "您在本校任教____年" is a
# length, not whether one teaches there ("您的教龄：____年" names its field before the colon).
# After a word for a year ("您的出生年份是____年", "您哪一年参加工作____年") the blank is the year itself.
# A hint in brackets may follow ("您在本校任教____年（按实际年份填写）"); only a word for a year before the
# blank makes it the year: the hint's "年份" says how to write a length.
_SPAN_BLANK = re.compile(r"(?<=[\u4e00-\u9fff])_{2,}\s*年\s*(?=$|[(（][^()（）]*[)）]\s*$)")
_A_YEAR = re.compile(r"年份|哪[一1]?年|何年|年月")
# 教授 is to teach only before what is taught ("您主要教授哪门学科", "您所教授的学科"); elsewhere it is a
# professor's rank ("教授级高级教师", "副教授", "您的职称是否为教授").
_TEACHES = re.compile(r"(?<![副级])教授(?!级)(?=\s*(?:的\s*)?(?:哪一?门|哪些|哪个|什么|何种)?\s*(?:学科|科目|课程|课))")


# An instruction before the question, to answer it truly: "请您根据实际情况填写：", "请结合本校实际选择".
_LEAD_IN = re.compile(r"^(?:请\s*(?:您)?\s*)?(?:根据|按照?|结合|依据)(?:您的?|本人|学校的?|本校|贵校)?实际(?:情况)?"
                      r"(?:如实)?(?:填写|选择|作答|回答|勾选|填报)?\s*[:：,，]?\s*"
                      # "填报数据：…": the figure reported for an indicator, named after the colon.
                      r"|^(?:填报|上报|原始)?数据\s*[:：]\s*")


# A full stop after a number ends a sentence ("…aged 30 to 39."): it is no decimal point.
_SENTENCE_END = re.compile(r"(?<=\d)\s*[.。](?=\s|$)")


# A length of teaching said to count every school one taught at, as the records' years of teaching do
# ("Years of teaching (total, all schools)", "教龄（含在外校任教时间）"); "(this school only)" stays.
_CAREER = re.compile(r"\b(experience|teaching|service|years)\s*[(（]\s*(?:(?:in\s+)?total\s*[,，;]?\s*)?(?:(?:in|at|across)\s+)?all\s+"
                     r"(?:schools|employers|institutions|(?:school\s+)?districts|boards)\s*[)）]"
                     r"|(教龄)\s*[(（]\s*(?:含|包括)在?(?:外校|其他学校|原单位)(?:任教)?的?(?:年限|时间)?\s*[)）]")


# "Total teaching experience", "years of total service": all of one's teaching, as the records count it.
_TOTAL_CAREER = re.compile(r"\btotal\s+(?=(?:teaching\s+)?(?:experience|service)\b)")


# The same said outside a bracket: "How many years have you been teaching in total, at any school?"
_ANY_SCHOOL = re.compile(r"\b(teaching|taught|experience|service)\b([^?]*?)\s*[,，]?\s*\b(?:at|in|across|for)\s+(?:any|all|every)"
                         r"\s+(?:schools?|employers?|institutions?)\b")


def _career(text: str) -> str:
    text = _ANY_SCHOOL.sub(lambda m: m.group(1) + m.group(2), text)
    return _TOTAL_CAREER.sub("", _CAREER.sub(lambda m: m.group(1) or m.group(2), text))


# A question carrying on from the one before: "And how many of them…", "Also, which…". The "and" joins
# the question to its neighbour, nothing within it.
_CARRYING_ON = re.compile(r"^(?:and|also|and also)\s*,?\s+(?=(?:how|what|which|when|where|who|whose|is|are|do|does|did|have"
                          r"|has|was|were|of|among|in what|in which|please)\b)")
# How a length is counted, said inside the question: "How many complete years of teaching…", "Number of
# full years…": ages and years of teaching are whole years on the reference date.
_WHOLE_YEARS = re.compile(r"\b(how many|number of|no of)\s+(?:complete|completed|full|whole)\s+(?=years?\b)")
# Not answering, offered as the last alternative of a question: "Are you female, male, or would you
# prefer not to say?". It is no value of the field asked: the alternatives before it are.
_REFUSAL = r"(?:would\s+you\s+|do\s+you\s+|you\s+)?(?:prefer|rather|choose|wish)\s+not\s+(?:to\s+)?(?:say|answer|disclose|state|tell)"
_REFUSED_LAST = re.compile(rf",\s*([^,?]+?)\s*,?\s+or\s+{_REFUSAL}\b|\s*,?\s+or\s+{_REFUSAL}\b")


# Where one spends most of one's (teaching) time is what one mainly teaches: "Which subject do you spend
# most of your teaching time on?", "…does the teacher spend most of the teacher's time teaching?".
_MOST_TIME = re.compile(r"\bspends?\s+(?:the\s+)?most(?:\s+of)?\s+(?:(?:your|their|his|her|one|the\s+teacher)\s+)?"
                        r"(?:teaching\s+)?time\s+(?:on|teaching)\b")
_REFUSAL_OPTION = re.compile(rf"^\s*(?:i\s+)?(?:{_REFUSAL}|不愿透露|不便透露|不愿回答|不愿意透露|拒绝回答)\s*$")


def refusal(option: str) -> bool:
    """Whether an option is not answering ("Prefer not to say", "不愿透露"): it fits any field's values."""
    return _REFUSAL_OPTION.match(option) is not None


def _refused_last(m: re.Match[str]) -> str:
    return f" or {m.group(1)}" if m.group(1) else ""
# The language a name is written in, when it is the form's own: "学校中文名称", "中文姓名", "姓名（中文）" are
# the names the records hold, written in Chinese ("学校英文名称" is another name, and stays). Only of a
# name: "教师（中文）" may be the subject taught.
_OWN_LANGUAGE_NAME = re.compile(r"(?:中文|汉字|汉语)(?=\s*(?:全称|名称|姓名|名字|名\s*(?:$|[(（:：])))"
                                r"|(?<=称|名|字)\s*[(（]\s*(?:中文|汉字|汉语|中文名称?)\s*[)）]")


# The school a roster's row works at, said after a school's fact: "School code of the school where the teacher
# works" is the school code of the row's school, as "School code" alone is on a roster; "Name of the school
# where you teach" is the name of the school.
_WHERE_ONE_WORKS = re.compile(r"\s+(?:of|for)\s+the\s+school\s+(?:where|at\s+which|in\s+which)\s+(?:the\s+teacher|the\s+staff"
                              r"\s+member|the\s+respondent|you|he\s+or\s+she|he|she|they)\s+(?:currently\s+)?(?:works?|teach(?:es)?"
                              r"|is\s+employed|are\s+employed)\b")


# A column's or a row's number on a statistics table in a bracket, and the sums it checks: "（栏1）", "（栏1=栏4+
# 栏5）", "（第3栏）", "（行02）", "(col. 4)". Taken off before ranges are read: "栏4+栏5" holds no "4+".
_TABLE_CODES = re.compile(r"[(（]\s*(?:(?:(?:第\s*)?[栏欄列行]\s*(?:次\s*)?\d+|第\s*\d+\s*[栏欄列行])"
                          r"(?:\s*[=＝+＋\-－]\s*(?:第\s*)?[栏欄列行]?\s*\d+\s*[栏欄]?)*"
                          r"|(?:col(?:umn)?|row)\.?\s*\d+(?:\s*[=+-]\s*(?:col(?:umn)?|row)?\.?\s*\d+)*"
                          # Bare figures summing up: "计（1=2+3）".
                          r"|\d{1,2}\s*[=＝]\s*\d{1,2}(?:\s*[+＋]\s*\d{1,2})+)\s*[)）]")


# A bracket naming only rows or columns, or a check between them: "(col. 1)", "(row 1 = rows 2 + 3 + 4)":
# its figures are no ages ("2 +").
_REF = r"(?:cols?|columns?|rows?|lines?)\.?\s*\d{1,3}"
_ROW_REFS = re.compile(rf"\(\s*{_REF}(?:\s*(?:=|\+|-|–|—|to|and|,|&)\s*(?:{_REF}|\d{{1,3}}))*\s*\)"
                       # Columns summed by their figures, "Total (1)+(2)", or items by their codes, "(B1+B2+B3)":
                       # no ages either.
                       r"|\(\d{1,2}\)(?:\s*\+\s*\(\d{1,2}\))+|\([a-z]\d{1,2}(?:\s*\+\s*[a-z]\d{1,2})+\)")
# A statistics table's column code by the heavenly stems, in a bracket after its wording: "实有在编人数（乙）".
_STEM_CODE = re.compile(r"[(（]\s*[甲乙丙丁戊]\s*[)）]")


# The sector the people work in, all schools below the universities, before whom it names ("非高等教育教学人员",
# "基础教育教师"): no education of theirs.
_SCHOOLS_SECTOR = re.compile(r"(?:非高等|基础)教育(?=教学人员|教师|教职|人员)")
# "Your school" before its teachers' years of teaching ("贵校教龄满30年的专任教师") says whose years they are, not
# that they were taught there, as "在本校任教满10年" does ("本校教龄" may be the years at this school).
_SCHOOLS_YEARS = re.compile(r"贵校(?=教龄)")


@lru_cache(maxsize=32768)  # asked of each wording again and again as its form is read
def unnumbered(text: str) -> str:
    """The folded wording without its numbering, a pivot table's layout words, lettered options,
    answer blanks, how to answer after a question, the identity document to copy from, the number
    of digits a code has ("10-digit") and the span of its codes ("代码（111—220）"); brackets kept,
    for the ranges they qualify."""
    text = _WHERE_ONE_WORKS.sub(lambda m: "" if "school" in m.string[: m.start()] else " of the school", text)
    text = _SENTENCE_END.sub(" ", _as_of_taken_off(strip_numbering(_TABLE_CODES.sub(" ", text)))).strip()
    text = _LEAD_IN.sub("", _CARRYING_ON.sub("", text))
    text = _MOST_TIME.sub("mainly teach", _REFUSED_LAST.sub(_refused_last, _WHOLE_YEARS.sub(r"\1 ", text)))
    text = _full_name(_AS_ON_DOCUMENT.sub("", _HOW_TO_ANSWER.sub("", _PIVOT_LAYOUT.sub("", text))))
    text = _TEACHES.sub("教", lettered(text)[0])
    if (blank := _SPAN_BLANK.search(text)) is not None and not _A_YEAR.search(text[: blank.start()]):
        text = f"{text[: blank.start()]}多少年{text[blank.end():]}"
    text = _OWN_LANGUAGE_NAME.sub("", _career(_SCHOOLS_YEARS.sub("", _SCHOOLS_SECTOR.sub("", text))))
    return _CODE_SPAN.sub(" ", _DIGITS.sub(" ", _BLANK.sub(" ", _FOR_BLANK.sub("for how many years", text))))


def strip_noise(text: str) -> str:
    """The folded wording without its numbering, noise brackets, lettered options and digit counts."""
    return strip_brackets(unnumbered(text))


_PLURAL = re.compile(r"\b([a-z]{2,}[^\Wsui])s\b")
_PREFIX = re.compile(r"^(?:其中|(?:of which|including|incl|among them|among whom|among which)\b)\s*")
_EN_UNITS = re.compile(r"\b(?:(?:number|count|no|num)\s+of|total|the|a|an)\b")
_EN_UNIT_SUFFIX = re.compile(r"\s+(?:count|person|people|headcount)$")
_ZH_UNIT_SUFFIX = re.compile(r"(?:人数|数量|总数|总计|合计|小计|人|数|总)$")


def _normalise_once(text: str) -> str:
    t = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in text)
    t = _PLURAL.sub(r"\1", t)
    t = _EN_UNITS.sub(" ", t)
    t = _CJK_SPACE.sub("", _SPACES.sub(" ", t).strip())
    t = _PREFIX.sub("", t)
    t = _EN_UNIT_SUFFIX.sub("", t)
    return _ZH_UNIT_SUFFIX.sub("", t).strip()


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """The comparable form of a wording: folded, without numbering and noise, punctuation, plurals,
    leading "其中" / "of which", and unit words (人, 人数, 数, number of, total). Applied until
    nothing changes, so normalising twice gives the same result; may be empty ("合计")."""
    previous, current = None, fold(text)
    while current != previous:
        # Folded again: punctuation taken off may leave words fold spells out ("B:U" is "b u", chat for "b you").
        previous, current = current, fold(_normalise_once(strip_noise(current)))
    return current


_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
_CJK_CHAR = re.compile(_CJK)
_SEP = r"[\s/／|｜:：;；,，、-]*"
# The English half may open with its number: "50歲或以上 50 or above".
# Latin script with the accents of Portuguese, French or Spanish: Macau forms print Portuguese.
_LATIN = r"(?:\d+(?:\s*[-–]\s*\d+)?\+?\s+)?[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9 ,&'()/+.:;?-]{2,}"
# A wording printed in two languages: Chinese then English ("性别 Gender", "您的年龄 / Age"), English
# then Chinese ("Age / 年龄"), or English in brackets ("专任教师（FT teachers）"). The slash or bar
# between the languages separates them; it is no conjunction.
# The Chinese half is a run without Latin letters holding a Chinese character: asserted once at the
# start, not found by trying each of its characters in turn (quadratic in a long wording).
_ZH_HALF = rf"((?=[^A-Za-z]*?{_CJK})[^A-Za-z]*?)"
_ZH_THEN_EN = re.compile(rf"^{_ZH_HALF}(?:{_SEP}\s+?|(?<=[)）]))({_LATIN})$|^{_ZH_HALF}[/／|｜]\s*({_LATIN})$")
_EN_THEN_ZH = re.compile(rf"^({_LATIN}?){_SEP}({_CJK}[^A-Za-z]*)$")
_EN_BRACKET = re.compile(rf"^{_ZH_HALF}[(（]\s*([A-Za-z][^()（）\u3400-\u9fff]*?)\s*[)）]([^A-Za-z]*)$")
_UNIT_TAIL = re.compile(r"\s*[(（][^A-Za-z()（）]{1,4}[)）]\s*$")
_STRAY = " /／|｜:：;；,，、-"
_FULL_WIDTH_ALNUM = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for c in range(r[0], r[1] + 1)}
_CJK_OPTIONS_TAIL = re.compile(rf"\s*[(（](?=[^()（）]*{_CJK})[^()（）A-Za-z]*[/／、|｜,，][^()（）A-Za-z]*[)）]\s*$")


def bilingual(label: str) -> tuple[str, str, bool] | None:
    """The Chinese and the English half of a bilingual wording, and whether the English was in
    brackets; None when the wording is in one language."""
    # "专任教师 FT teachers（人）": the unit is neither half, nor is a date's format ("出生日期 yyyy-mm-dd").
    # Full-width letters and figures ("Under ３０") are the same letters and figures.
    text = _DATE_FORMAT.sub("", _UNIT_TAIL.sub("", romanisation_taken_off(label.strip()).translate(_FULL_WIDTH_ALNUM)))
    # "職位 Cargo（教師／行政／教輔／工友）": Chinese options after both halves are the Chinese half's.
    tail = _CJK_OPTIONS_TAIL.search(text)
    if tail is not None:
        split = bilingual(text[: tail.start()])
        return (split[0] + tail.group(0).strip(), split[1], split[2]) if split is not None else None
    if m := _ZH_THEN_EN.match(text):
        zh, en = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(3), m.group(4))
        bracketed = False
    elif m := _EN_THEN_ZH.match(text):
        en, zh = m.group(1), m.group(2)
        bracketed = False
    elif m := _EN_BRACKET.match(text):
        zh, en = m.group(1) + m.group(3), m.group(2)
        bracketed = True
    else:
        return None
    zh, en = zh.strip(_STRAY), en.strip(_STRAY)
    if not _CJK_CHAR.search(zh) or len(re.findall(r"[A-Za-z]", en)) < 3:
        return None
    return zh, en, bracketed
