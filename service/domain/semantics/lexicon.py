"""The words a reader knows, built once per dictionary: what each term of a wording can mean.

Most of it is the dictionary's own data: every code of the teacher code lists and its aliases is
an attribute value, every stored field's label and alias names that field, post types are kinds of
staff, and the school code lists (school type, urban/rural, ownership) are known so that a word that
also names a kind of school ("高中") is not taken for a teacher's attribute without a word saying
which ("高中学历"). The rest is the language of forms: population words, counting words, totals,
"of which", negation, "or above", conjunctions, question words, and fillers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import pypinyin

from service.domain.dictionary import Dictionary
from service.domain.semantics.definition import DERIVED, RANKED, ranking, teacher_code_fields
from service.domain.semantics.text import fold

SenseKind = Literal[
    "pop", "code", "dim", "count", "total", "refine", "neg_pre", "neg_post", "above", "below", "above_excl", "below_excl",
    "above_pre",
    "below_pre", "at_most_pre", "below_bare", "union", "filler", "having", "link", "by", "question", "self", "school_code", "whether",
    "qualifier", "teacher_mod", "duration", "work", "start", "moment", "period", "unheld", "member", "list", "grade",
    "row_person", "by_after", "post_mod", "origin", "staff_class",
]


@dataclass(frozen=True)
class Sense:
    """One thing a term can mean. `pop` and `code` carry the admitted codes of `field` (negated:
    every code but these); `dim` names a field; `generic` marks the plain words for teachers and
    staff, which may also just name the entity a value belongs to ("教师性别"). Of a `neg_pre`,
    `negated` marks a clause leaving out (LEAVING_OUT, "excluding"), not a prefix ("非", "non"); of a
    `whether`, one asking either way ("or not", EITHER_WAY)."""

    kind: SenseKind
    field: str | None = None
    codes: frozenset[str] = frozenset()
    negated: bool = False
    generic: bool = False
    residual: bool = False  # the code list's "other": read only as a category of its own
    bare: bool = False  # a school field's name without the school ("代码", "名称"): the school's only when alone
    # A word naming a field only through its values: "a master's degree" is a level of education,
    # but "Highest degree" asked alone is a degree, which the records do not hold.
    loose: bool = False
    # A kind of staff said without its word for staff ("facilities" of "facilities staff"): read only
    # right after a word for a kind of staff it narrows ("Non-teaching facilities"); alone it may name
    # anything ("Facilities": the buildings).
    elliptic: bool = False
    # A value said of the posts people hold ("permanent posts"): of people it is their value; alone it
    # counts posts, which may stand vacant ("Number of permanent posts" is the establishment's size).
    of_posts: bool = False
    # A value said as the event that gave it ("appointed"): of people now it is their value; with a
    # period ("appointed this year") it asks who became so during it, a flow the records do not hold.
    event: bool = False


POST = "teacher.post_type"
STATUS = "teacher.status"
ACTIVE = "1"
# What opens a relative clause telling what someone did: "who left", "that have retired".
_WHO_DID = ("who", "that", "who have", "who has", "who had", "that have", "that has", "that had", "having")
ESTABLISHMENT = "teacher.establishment"
# Words of a code list that name more than its code in the forms that use them: English "science"
# teachers are physics, chemistry and biology teachers as often as teachers of 科学.
TOO_BROAD = frozenset({("science",)})
# Codes that say a value is other, unknown or not stated: read only as a category of their own
# ("其他", "性别不详"), never beside a field's name ("Age unknown" is not the unknown gender).
RESIDUAL_SLUGS = ("other", "unknown", "unstated")
ANY = "*"  # a breakdown by something the wording does not name
# At school level "教师" / "teachers" are full-time teachers, as in the national statistics.
TEACHER_WORDS = ("教师", "老师", "教员", "教学人员", "师资", "teacher", "educator", "teaching staff", "teaching personnel",
                 "classroom teacher",
                 # The teaching profession, as questions say one works in it ("从事教师职业多少年").
                 "教师职业", "教师行业", "教育行业",
                 # A supply-and-demand model's "teacher stock": the teachers in post at its base date.
                 "teacher stock",
                 # A school's faculty are its teachers ("faculty and staff" names both, below).
                 "faculty", "faculty member", "teaching faculty",
                 # A US district's word for its teachers ("Instructors by age"), and its instructional staff.
                 "instructor", "instructional staff")
STAFF_WORDS = ("教职工", "教职员工", "教职员", "教工", "职工", "员工", "人员", "工作人员", "在职人员", "staff", "staff member",
               "employee", "personnel", "faculty and staff", "workforce", "教师和职工",
               # Staff of both kinds said at once, the noun shared: "Total teaching and non-teaching staff".
               "teaching and non-teaching", "academic and non-academic",
               # A US district's staff of one school ("building"): "Total building staff headcount".
               "building staff")
# People a school's staff records never hold: substitute, part-time or concurrently engaged and agency
# teachers, whom the statistics count apart from the staff.
OUTSIDE_THE_RECORDS = ("代课", "兼任", "兼职", "劳务派遣", "substitute", "supply teacher", "relief teacher")
# The plain English words for staff that close the name of a kind of them ("support staff", "office personnel").
STAFF_HEADS = ("staff", "personnel", "worker", "employee")
# Which of a kind; after "以下" / "下列" which of the options below ("属于以下哪种类型"), never a bound.
_WHICH = ("哪门", "哪一门", "哪种", "哪一种", "哪类", "哪一类", "哪个", "哪一个", "何种", "哪项", "哪一项", "哪些")
GRAMMAR: dict[SenseKind, tuple[str, ...]] = {
    # "Headcount" says how people are counted (not in full-time equivalents), not whom: under
    # "Teaching staff" it is still teaching staff, and alone it may be of pupils.
    "count": ("人数", "数", "人", "数量", "名", "个数", "人头数", "number", "count", "headcount", "head count",
              "how many", "num", "no", "多少", "几", "几人", "几名", "多少人", "多少名",
              # People in a unit of the trade: "Total staff (pax)".
              "pax",
              # 位 counts people politely: "有几位高级教师".
              "位", "几位", "多少位",
              # A Chinese Excel pivot's count of a column ("计数项:工号", as "Count of" in English).
              "计数项",
              # 个 counts anything, people too in speech: "你们学校有多少个老师？".
              "多少个", "几个",
              # "Persons" beside "Males" and "Females" (as statistics offices print both sexes): people
              # counted, as 人 counts them.
              "person"),
    "total": ("合计", "总计", "小计", "共计", "总数", "总", "计", "全部", "所有", "全体", "总人数", "合计人数", "total",
              "all", "overall", "sum", "grand total", "m+f", "f+m", "男+女",
              # UNESCO's tables print both sexes as "MF" beside "F".
              "mf", "boys and girls", "girls and boys", "males and females", "male and female", "both sexes",
              # Both sexes in either order and either pair of words, as the population's own words are.
              "females and males", "female and male", "men and women", "women and men", "男女合计", "all categories", "all ages", "all age", "all classes", "all grades", "all levels", "subtotal", "sub total", "in total", "altogether", "全校"),
    "refine": ("其中", "内", "#", "of which", "including", "incl", "among them", "among whom", "among which", "包括",
               "其中有", "内含", "of whom", "of them", "of these", "among these",
               # The same with "out" before it, as many countries' forms print it.
               "out of which", "out of whom", "out of these", "out of them"),
    "neg_pre": ("非", "不是", "non", "not"),
    "neg_post": ("以外", "之外", "除外", "外"),
    "above": ("及以上", "以上", "或以上", "和以上", "以上的", "含以上", "以上含", "含及以上", "and above", "or above", "or higher",
              "and higher", "and up", "+",
              "or more", "or better", "plus"),
    "below": ("及以下", "或以下", "和以下", "and below", "or below", "or lower", "and lower", "or less",
              # "大专（含）以下", "以下（含）": the bracket says the level is included.
              "含以下", "以下含", "含及以下"),
    # Bare "以下" beside a level: the statute includes it, the statistics tables' own "高中阶段以下"
    # excludes it; the reader does not choose.
    "below_bare": ("以下",),
    # "以下（不含）", "以上（不含）": the level itself left out, as the statistics tables mean it.
    "below_excl": ("以下不含", "以下不包括", "以下不包含"),
    "above_excl": ("以上不含", "以上不包括", "以上不包含"),
    "above_pre": ("至少", "不低于", "at least", "minimum of", "no less than"),
    "below_pre": ("below", "lower than", "less than", "under", "低于"),
    # "at most a secondary education": the level named and those below it.
    "at_most_pre": ("at most", "no more than", "no higher than", "not higher than", "up to"),
    "union": ("和", "及", "与", "或", "或者", "以及", "还是", "、", "/", "&", "and", "or", "and/or"),
    "link": ("的", "之", "of"),
    # "各年龄段专任教师人数": each band of a field, as a grid's stem says its rows are, is by it.
    # "不同教龄段专任教师的人数": each of the different bands, the same.
    "by": ("分", "按", "按照", "各", "不同", "by", "broken down by", "breakdown by", "according to",
           # "按学历分组", "disaggregated by sex": grouped by, as 分 and "by" say.
           "分组", "disaggregated by", "grouped by", "classified by"),
    # After a field's name, as Taiwan's tables head a breakdown: "學歷別" is by education, "年齡別" by age.
    "by_after": ("别",),
    # Words that say people have something: "具有职称的教师" counts people, "教师性别" asks a value.
    "having": ("具有", "有", "拥有", "取得", "获得", "持有", "具", "with", "who", "whose", "having", "have", "has", "hold",
               "holding", "held"),
    "filler": ("为", "是", "在", "中", "属于", "里", "当中",
               "担任", "现任", "学历为", "among", "in", "at", "is", "are", "on", "a", "an", "the", "that", "which", "for", "from",
               "as", "each", "to", "currently", "current", "as of", "employed", "working", "attend", "attending", "就读", "队伍", "所在",
               "现", "所属", "主要", "main", "mainly", "this", "these", "following", "the following", "实有", "现有", "实际",
               # "专任教师配备情况", "已配备心理健康教师": the staff a school has ("应配备", what it should have, stays unread).
               "配备", "已配备", "配置",
               "actual", "highest", "最终", "约", "约为", "大约", "如有", "若有", "if so", "if yes", "if any", "if there are any", "career", "从", "any",
               # "请如实填写", "老师里面", "一共有": how to answer, where among, in all.
               "如实", "请如实", "里面", "一共", "in year", "in whole year", "属", "用工", "了", "teach", "teaching in", "最高", "课", "been", "did",
               # "年满60周岁仍在职", "teach most of your lessons": still, and the lessons one teaches.
               "仍", "仍然", "依然", "lesson",
               # An option every question offers ("(C) Prefer not to say"): it names no value.
               "prefer not to say", "rather not say", "decline to answer", "不愿透露", "不便透露",
               # Function words of questions and of printed English forms; none changes what is counted.
               "be", "being", "was", "were", "had", "can", "would", "formal", "completed", "complete",
               "attained", "obtained", "earned", "achieved", "awarded", "most", "mostly", "approximately", "about", "roughly", "full", "official", "only", "employ",
               "占用", "教", "核对", "核查", "核实", "复核", "已经", "主教", "主讲",
               "today", "managed", "run", "operated", "manage", "operate", "owned",
               # The reference date as a census names it: "aged under 30 on census day".
               "on census day", "census day", "on census date", "census date", "on the reference date",
               "reference date", "the reference date", "date of this questionnaire", "date of this survey",
               "date of the survey", "date of this form", "survey date",
               # The reference date of the form, said as a moment of the school year: 本学年初, 截至目前.
               "本学年初", "学年初", "本学期初", "学期初", "年末", "学年末", "学期末", "年底", "报表", "截至目前", "截止目前", "截至", "截止", "在册", "在籍", "现聘",
               "现有的",
               # A level "or equivalent" is the level: the code lists are levels, whatever the award's name.
               "or equivalent", "or an equivalent", "or its equivalent",
               # "employed on a permanent basis", "on contract terms": the basis is the terms named.
               "basis", "terms",
               # "年龄在30-39岁之间": the range says between what.
               "之间",
               # "学历为博士者": those who, of the people the wording names.
               "者",
               # "教龄满30年且年龄不满55周岁": conditions that all hold, as words side by side do.
               "且", "并且", "而且",
               # Rows counted apart from the total above ("另有：离退休人员", "In addition: retired staff"):
               # each says whom it counts itself.
               "另有", "另外", "此外", "in addition", "additionally",
               # The base year or date of a supply-and-demand model is its reference date: "Base-year enrolment".
               "base year", "base date", "at the base date", "at base date",
               # A relative word of questions: "您所任教的学科".
               "所", "持", "该", "详细",
               # "请填写您的真实姓名": the real name is the name. (To teach, 教授, is read as 教 only before
               # what is taught, text._TEACHES: alone it is a professor, "教授级高级教师".)
               "真实",
               # Whose a value is, of the people the wording names: "a bachelor degree as their highest qualification".
               "their", "his or her", "his/her",
               # "累计从事教学工作多少年": in all, as "一共" says.
               "累计", "member of", "a member of", "appointment", "roster", "on roll", "profession", "belong to", "belong",
               # The reference date said as the start of the school year.
               "as at the start of the school year", "at the start of the school year", "at start of year",
               "at the start of the year", "at start of school year", "as at start of year",
               "at the beginning of the school year", "as at the beginning of the school year",
               # Holding a post now, as India's and other censuses say "teachers in position".
               "in position",
               # Of a supply-and-demand model's teachers in post ("Teachers in the stock on contracts").
               "in the stock",
               # The People's Republic's own, as an English edition names what the records hold: "by PRC
               # professional title".
               "prc"),
    # The period a form covers: of people in post it says nothing more than the reference date
    # ("本学期在职教师"); of people who retired or left it asks who did so during the period, a flow.
    "period": ("本学年", "本学期", "本年度", "本年", "今年", "当年", "本期", "this term", "this semester",
               "this school year", "this year", "during the year", "during the school year",
               # The school year the form is filled in, said as current: "In the current school year, how many…".
               "current school year", "current academic year", "this academic year", "current term",
               "current semester"),
    # What the records do not hold, known so that it is said so and never read past: a wording in two
    # languages whose Chinese half asks "学位" is not the English half's "degree" (学历).
    "unheld": ("学位", "最高学位", "政治面貌", "党员", "中共党员", "团员", "共青团员", "班主任", "学时", "继续教育", "工资",
               "薪酬", "手机", "电话", "邮箱", "籍贯", "户籍", "婚姻", "健康状况", "political affiliation",
               # A teacher's assistant in a Chinese school is a role given to a teacher or an intern (and 助教
               # a rank in colleges), not a post type: "助教 Teaching Assistants" is not the English half's aides.
               "助教", "教学助理",
               # Someone else's values, never the teacher's own, whatever the options offer: "What is your
               # spouse's gender? [1] Male [2] Female", "您的父母属于以下哪类人员？A.专任教师…".
               "spouse", "husband", "wife", "father", "mother", "parents", "配偶", "爱人", "丈夫", "妻子", "父亲", "母亲", "父母",
               # A teacher's partner, child or superior, said in the teacher's own words ("My partner is: Male /
               # Female", "Your supervisor: Male / Female"): their values, not the teacher's.
               "your partner", "partners gender", "child", "your child", "your son", "your daughter", "supervisor", "your supervisor",
               "your manager", "your line manager", "next of kin",
               # What one is studying for, applying for or would prefer, and what one can teach: not what one
               # holds ("I am studying for: Bachelor / Master", "I would prefer: Permanent / Temporary").
               "studying for", "currently studying", "being studied for", "applying for", "would prefer",
               "can teach", "planned", "intended", "preferred", "desired",
               # A wish, not a value held: "Which subjects would you like to teach?", "您希望教哪门学科？".
               "would like", "would like to", "like to", "wish to", "plan to", "希望", "最希望", "想要",
               "party member", "homeroom", "salary", "phone", "telephone", "email", "marital",
               # Whom to contact and who founded or oversees a school: people and bodies apart from it, whose
               # names, addresses and codes are theirs ("Contact person / Name", "举办者 / 名称").
               "contact person", "contact persons", "联系人", "sponsor", "举办者", "举办单位", "主管部门",
               "上级主管部门", "主管单位",
               # People who came during a period: a flow, never a state the records hold ("transferred"
               # alone is one who left).
               "transferred in", "transfer in", "调入", "调进", "新调入",
               # Staff and students together ("在校人员总数（师生合计）", "全校师生"): a school's people with its pupils.
               "师生", "师生员工", "全校师生", "全体师生",
               # The grades and classes a teacher teaches ("任教年级"): not held, and "年级" is no slip for 年纪.
               "年级", "班级",
               # Posts and ranks of a school's staff, not a title or a degree ("Master Teacher I" is a
               # Philippine rank, a Kenyan "Senior Master" a post).
               "master teacher", "senior master", "head teacher", "headteacher", "headmaster", "head master",
               "headmistress", "principal", "deputy principal", "vice principal", "校长", "副校长", "园长",
               # Hours of work: the records hold no part-time teachers, and a list of terms holding it
               # ("Regular / Contract / Part-time") is not the establishment's.
               "part time", "part timer", "part timers",
               # A teaching certificate or a teacher-training award, not the education level.
               "教师资格", "教师资格证", "professional qualification", "teaching qualification", "teacher qualification",
               "teaching certificate",
               # "Staff in post" leaves out staff on long leave or seconded, which the records do not tell apart.
               "in post",
               # A civil-service grade or post level (Hong Kong's 職級, the mainland's 职级), not the title.
               "职级",
               # Where one graduated from: a school or university, not the level of education.
               "毕业学校", "毕业院校", "毕业于",
               # The grade a teacher teaches or a class is in: a year of schooling, and no slip of 年纪 (age).
               "年级",
               # What is yet to come ("Subject to be taught", "Post to be filled"): the records hold what is.
               "to be",
               # A number on a roll identifies one entry (a pupil's, or a school's on a register), never
               # counts it: "Roll number", "Roll no.".
               "roll number", "roll no",
               # A postcode is not held apart from the address ("School postcode" is no post type's code).
               "postcode", "post code", "postal code", "zip code", "zip",
               # People a school's staff records never hold (an option naming them is no value a stored
               # field holds: "用工形式：在编 / 合同制 / 代课").
               *OUTSIDE_THE_RECORDS),
    # Nationality, citizenship or origin, which the records do not hold: of people ("National
    # teachers" beside refugee ones, "中方教师" beside foreign ones) it is a part of them to ask; of an
    # identifier ("National school identification number") it says who issued it (match.py).
    "origin": ("national", "nationals", "nationality", "citizen", "citizens", "citizenship", "国籍", "中方", "外方",
               "外籍"),
    # A level of something: of a ranked list (education, title) it is the value on that list; of
    # anything else ("Level of position", "Post level") a grade the records do not hold.
    "grade": ("level",),
    "whether": ("是否", "是不是", "有无", "吗", "whether", "are you", "do you", "is it", "have you", "were you",
                # A yes/no question about the teacher a roster's row is about: "Is this teacher female?".
                "is this teacher", "is the teacher", "is this staff member", "is the staff member",
                "does the teacher", "does this teacher", "does the staff member", "does this staff member",
                "does he or she", "does he/she", "is he or she", "is he/she"),
    # Words that narrow by a range the wording must state ("青年教师（35周岁以下）").
    # Newly hired people too: "新入职（教龄不满1年）", "newly recruited (under 2 years of service)".
    "qualifier": ("青年", "年轻", "新", "新任", "新入职", "新进", "新聘", "young", "new", "newly", "newly recruited",
                  "newly hired", "newly appointed", "new entrant",
                  # "Early-career teachers (under 5 years' experience)": new to teaching, by the years stated.
                  "early career"),
    # Words that say a teacher is employed for the post, not part-time: they add nothing to a count
    # of teachers in the records, and are not read of other staff ("专职人员" may hold part-timers).
    "teacher_mod": ("全职", "dedicated", "full time", "employed full time",
                    # A teacher's full load of teaching, as accreditors define their faculty by it.
                    "with a regular teaching load", "with a full teaching load", "regular teaching load",
                    "full teaching load"),
    # 专职: employed for the post itself, not (兼职) a teacher of another post who also does it. Of
    # teachers named by what they teach ("心理健康教育教师 / 专职"), those whose post it is; "full time"
    # says hours, which the records do not hold.
    "post_mod": ("专职",),
    # How long something lasted: of teaching, it is the years of teaching ("您从教多少年").
    "duration": ("多少年", "几年", "how many year", "number of year", "no of year", "年限", "年数", "how long",
                 "for how long"),
    # Working: of teaching when the wording says teaching ("worked as a teacher", "从事教育教学工作").
    "work": ("工作", "从事", "当", "work", "worked", "served", "serving as"),
    # When something began: of teaching, it is the start of teaching ("您哪一年开始从教").
    "start": ("start", "started", "starting", "began", "begin", "first start", "first started", "first began",
              "first begin", "commenced", "commence", "first commenced", "commencement", "开始", "起始",
              "joined", "entered", "first employed", "first appointed", "first appointment", "first joined", "first became",
              "参加", "entry into", "entry to", "entered into",
              # 参加 put word for word into English: "Time to participate in education work".
              "participate in", "participated in", "participating in", "participation in"),
    # A moment: of teaching, when it began ("参加教育工作的时间", "从教年月").
    "moment": ("时间", "日期", "年月", "年月日", "date", "time", "when", "which year", "what year", "哪一年", "何时", "什么时候",
               # A year is a moment said to the year: "您哪年开始教书", "从教起始年份", "Year started teaching".
               "哪年", "何年", "哪个年份", "什么年份", "年份", "year",
               # "Month and year of birth": a date said to the month.
               "month", "月份", "month and year", "year and month",
               # The moment one was appointed ("Age at appointment"): an age or a date then, not now.
               "at appointment", "on appointment", "upon appointment"),
    "question": ("什么", "是什么", "哪", "哪个", "哪一", "哪些", "请", "请问", "填写", "请填写", "填报", "请填报", "输入", "请输入", "选择", "请选择", "您", "你", "您的", "你的",
                 "你们", "您们",
                 "呢", "目前", "该同志", "同志", "其", "本人",
                 # The teacher a roster's row is about, named in the third person: "该教师的参加工作时间" asks
                 # that teacher's 参加工作时间, no more about teaching than "参加工作时间" is.
                 "该教师", "这位教师", "此教师", "该教职工", "该职工", "该员工",
                 "现有", "现在", "当前", "共有", "情况", "统计", "状况", "基本", "分布", "共", "有多少",
                 # 情况 put word for word into English: "Establishment situation", "Basic situation of teachers".
                 "situation",
                 # A query's or a sheet's name for its table: "教职工汇总.专任教师数".
                 "汇总", "汇总表",
                 "是多少", "what", "which", "please", "enter", "state", "give", "fill", "provide", "indicate", "list",
                 "your", "you", "do", "doe", "there", "now", "presently", "specify", "report", "record", "here",
                 "what is", "is there", "information", "信息", "状态", "select", "choose", "确认",
                 # "Please write the total number of…": how to answer, as "enter" and "fill" are.
                 "write", "write in", "write down", "写出", "写下", "请写出",
                 # A self-service form asking to keep one's record right: "Update your details: date of birth".
                 "update", "confirm",
                 # What a section of a form is called around its subject: "个人基本信息", "General information".
                 "general", "background", "profile", "personal", "details", "个人", "资料", "概况", "基本信息",
                 "tick", "please tick", "circle", "mark", "勾选", "请勾选", "打勾",
                 # Which of a kind, or of the options below: "哪门学科", "何种学历", "以下哪个区间".
                 *_WHICH, *(f"{b}{w}" for b in ("以下", "下列") for w in _WHICH), "以下哪一", "下列哪一", "下列",
                 "区间", "哪个区间",
                 # Which option fits: "Which best describes your contract?", "以下哪项最符合您的情况".
                 "best describe", "which best describe", "what best describe", "最符合", "最能描述"),
    # The person a row of a roster is about, as an application, a training register or a nomination
    # calls them (not 填表人, who fills it in): on a roster the teacher; at school level only some of
    # the teachers, whom the records do not tell apart ("申报人中女教师人数").
    "row_person": ("申报人", "申请人", "参评人", "学员", "参训学员", "推荐对象", "推荐人选", "被推荐人", "候选人",
                   # As a mobility programme's or an award's list calls them: "Participant name".
                   "participant", "applicant", "nominee"),
    "self": ("本校", "学校", "该校", "贵校", "我校", "本单位", "单位", "事业单位", "本事业单位", "校", "本园", "幼儿园", "园", "中心校", "中心学校", "kindergarten", "school", "your school", "this school",
             "our school", "the school", "institution",
             # An academy is a school in England's and many systems' words ("Academy name").
             "academy", "your academy", "this academy",
             # A school's site, as an HR system of a group of schools calls each school; where one works.
             "campus", "work site", "worksite", "workplace", "place of work",
             # An early childhood education and care centre, as the OECD's surveys of its staff name it.
             "ecec setting", "ecec centre", "ecec center", "early childhood setting", "early childhood centre",
             "early childhood center", "early years setting"),
}
# "Whether in establishment or not", as 是否 is put word for word: of one person it asks whether; beside a
# count ("Number of teachers, whether female or not") it takes in both, and narrows nothing.
EITHER_WAY = ("or not", "与否")
# Words leaving people out ("excluding", "除……外"): a clause whose negation reaches every value it lists
# ("not counting teachers or support staff" leaves both out), unlike a prefix ("non-teaching or support").
LEAVING_OUT = ("除", "除了", "other than", "excluding", "except", "apart from", "besides",
               # "(not counting teachers)": those named are left out of whom the words before count.
               "not counting", "not including", "without counting")
# What the school filling a form in does or undergoes in the procedure the form belongs to, said
# before the word for it: "申报单位", "被评估园所名称", "核查学校名称", "Name of reporting school". The
# school so named is the form's own school. Of a plain "单位" only what the one reporting does or
# undergoes: "核查单位", "评估单位" may be the body that checks or assesses it.
ROLES_OF_A_UNIT = ("申报", "推荐", "报送", "上报", "填表", "参评", "参加", "参与", "被评估", "被评", "受评", "被检查", "受检",
                   "被核查", "被督导", "受督导", "被调查", "被抽查", "被监测", "reporting", "responding", "participating",
                   "applying", "nominating")
ROLES_OF_A_SCHOOL = ("核查", "检查", "评估", "督导", "监测", "调查", "抽查", "surveyed", "assessed", "inspected", "evaluated",
                     "reviewed", "monitored")
# Kinds of school a school may or may not be ("试点学校", "pilot school", "member school"): beside a
# word for its name or code the school itself ("试点学校名称"); alone, or asked with yes or no
# ("Pilot school (Y/N)", "试点学校（是/否）"), whether it is one, not which school it is. Not "selected":
# a "selected school" on an application or a transfer is another school.
KINDS_OF_A_SCHOOL = ("监测点", "抽样", "样本", "试点", "项目", "成员", "依托", "承办", "sampled", "pilot", "project",
                     "member",
                     # An exchange's or a placement's host: "Host school name" is the school's own name.
                     "host", "hosting")
KIND_OF_SCHOOL = "kind of school"
SCHOOL_WORDS = ("学校", "校", "园", "园所", "幼儿园", "学校机构", "school", "kindergarten", "institution")
UNIT_WORDS = ("单位", "机构", "unit")
# Wordings that name several codes at once, or every code but one, in the language of the tables.
GROUPS: dict[str, tuple[tuple[str, tuple[str, ...], bool], ...]] = {
    "teacher.education": (
        ("研究生", ("11", "14"), False), ("研究生学历", ("11", "14"), False), ("postgraduate", ("11", "14"), False),
        ("post graduate", ("11", "14"), False), ("senior secondary", ("41", "61"), False),
        ("高等教育", ("11", "14", "21", "31"), False), ("tertiary", ("11", "14", "21", "31"), False),
        ("higher education", ("11", "14", "21", "31"), False),
        ("graduate degree", ("11", "14"), False), ("高中阶段", ("41", "61"), False),
        ("upper secondary", ("41", "61"), False),
        # A graduate institute's graduates, as Taiwan's forms say it: master's or doctoral.
        ("研究所毕业", ("11", "14"), False), ("研究所学历", ("11", "14"), False),
        # ISCED 2011 level 3 is upper secondary, general and vocational alike.
        ("isced 3", ("41", "61"), False), ("isced level 3", ("41", "61"), False),
    ),
    # Subjects said by their first characters, as timetables and staffing tables do.
    "teacher.subject": (
        ("语数外", ("01", "02", "03"), False), ("语数英", ("01", "02", "03"), False), ("数理化", ("02", "04", "05"), False),
        ("理化生", ("04", "05", "06"), False), ("物化生", ("04", "05", "06"), False), ("政史地", ("07", "08", "09"), False),
        ("史地政", ("07", "08", "09"), False), ("音体美", ("10", "11", "12"), False), ("体音美", ("10", "11", "12"), False),
    ),
    # The grades of titles as HR counts them: 初级 is 二级 and 三级 (助理级 and 员级), and a county's
    # "中高级" is 中级 and 高级 with 正高级.
    "teacher.title": (("已评", ("9",), True), ("已评定", ("9",), True), ("未评定", ("9",), False),
                      ("初级", ("4", "5"), False), ("初级职称", ("4", "5"), False), ("中高级", ("1", "2", "3"), False),
                      ("中高级职称", ("1", "2", "3"), False),
                      # HR's grades of professional and technical posts, of any series: 高级 is 正高级 and
                      # 副高级 (a teacher's 高级教师 is 副高级 alone), 中级 the teachers' 一级, 初级 二级 and 三级.
                      ("高级专业技术职务", ("1", "2"), False), ("中级专业技术职务", ("3",), False),
                      ("初级专业技术职务", ("4", "5"), False),
                      # 初级 in English translations of the titles.
                      ("junior title", ("4", "5"), False), ("junior professional title", ("4", "5"), False)),
    "teacher.ethnicity": (
        ("少数民族", ("01",), True), ("ethnic minority", ("01",), True), ("minority", ("01",), True),
        ("minority ethnic", ("01",), True), ("ethnic minority group", ("01",), True),
        # The official English of 少数民族 ("minority nationality"): no nationality, whatever the word.
        ("minority nationality", ("01",), True), ("ethnic minority nationality", ("01",), True),
    ),
}
# Words for kinds of school beyond their code lists' names: the NBS urban-rural codes group into
# 城区 (111, 112), 镇区 (121-123) and 乡村 (210, 220), urban and rural; ownership said as adverbs.
SCHOOL_GROUPS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "urban_rural": (
        ("城区", ("111", "112")), ("镇区", ("121", "122", "123")), ("乡村", ("210", "220")), ("农村", ("210", "220")),
        ("城镇", ("111", "112", "121", "122", "123")), ("urban", ("111", "112", "121", "122", "123")),
        ("rural", ("210", "220")), ("town", ("121", "122", "123")), ("city", ("111", "112")),
        ("urban area", ("111", "112", "121", "122", "123")), ("rural area", ("210", "220")),
    ),
    # A school run by the state is a "government" school in the censuses of many countries.
    "ownership": (("publicly", ("1",)), ("privately", ("2",)), ("state", ("1",)), ("government", ("1",)), ("公立", ("1",)),
                  ("私立", ("2",)),
                  # Who runs a school, said as the body that does: "a public authority or a private entity".
                  ("public authority", ("1",)), ("government authority", ("1",)), ("public body", ("1",)),
                  ("private entity", ("2",)), ("private body", ("2",)), ("private organisation", ("2",)),
                  ("private organization", ("2",)),
                  # Against "government" in a list of two, the other kind: private (Bangladesh, Pakistan, Kenya).
                  ("non government", ("2",)), ("non governmental", ("2",))),
}
# Words that name a field only inside a count ("具有高级职称", "本科毕业", "master's degree").
DIMENSION_WORDS: dict[str, tuple[str, ...]] = {
    "teacher.education": ("毕业", "学历层次", "文化程度", "qualification", "educational", "education",
                          "academic qualification",
                          # As China's statistical yearbooks translate 学历: "… by Academic Credentials".
                          "academic credentials",
                          # "Teachers by level of academic education" (as Portuguese nível académico is put).
                          "level of education", "academic education", "level of academic education",
                          # As Spanish, Portuguese and French forms translate nivel de estudios, études.
                          "level of studies", "level of schooling",
                          "education level", "educational attainment"),
    "teacher.title": ("职称", "专业技术职务", "rank", "title", "professional title"),
    "teacher.gender": ("性别", "gender", "sex"),
    "teacher.ethnicity": ("民族", "族", "ethnic", "ethnicity", "ethnic group"),
    # "数學科教師": a subject named with 科 after it, as Taiwan's and many schools' forms do.
    "teacher.subject": ("学科", "科", "任教学科", "任课", "哪门课", "哪一门课", "什么课", "which course", "科目", "任教课程", "课程", "subject", "teaching subject", "course",
                        # The subjects a form goes on to list ("相关学科专任教师 / 科学", "Relevant subjects / Physics").
                        "相关学科", "有关学科", "related subjects", "relevant subjects",
                        # the subject a teacher mainly teaches, not a primary school's
                        "primary subject", "main subject", "primary subject area", "main subject area",
                        "major subject", "major subject taught",
                        # The field a teacher teaches, as a subject is one: "Subject or field taught".
                        "field taught"),
    # The terms a teacher is employed on, as other countries' censuses ask it (permanent or contract).
    "teacher.establishment": ("编制", "编", "establishment", "staffing", "bianzhi", "nature of appointment",
                              # Every kind of contract: "Teaching staff / All contracts / Total".
                              "all contracts",
                              "type of appointment", "appointment type", "terms of service", "terms of employment",
                              "contract status", "nature of employment", "用工性质", "用工形式"),
    "teacher.post_type": ("岗位", "post", "position"),
    "teacher.status": ("状态",),
    # Being born names the date of birth: "您哪年出生？", "In what year were you born?".
    "teacher.birth_date": ("出生", "出生于", "born", "birth"),
    "teacher.age": ("年龄", "岁数", "几岁", "多少岁", "周岁", "岁", "多大", "今年多大", "多大年龄", "年龄段", "年龄组", "age", "aged", "old", "year old", "years old", "how old",
                    "age group", "age band", "age bracket", "age range",
                    # Age as censuses define it: whole years, at the last birthday ("实足年龄").
                    "years of age", "year of age", "age last birthday", "age at last birthday", "age in years",
                    "age in completed years", "age in full years", "实足年龄", "last birthday", "年纪", "多大年纪"),
    # The county-level division a school's region code names ("所在县（市、区）", "County/district").
    "school.region_code": ("县", "区县", "县区", "县级", "县级行政区",
                           # Taiwan's county or city, the same level ("縣市別").
                           "县市", "县市别"),
    "teacher.teaching_years": ("教龄", "教龄段", "教龄组", "从教年限", "任教年限", "从教时间", "教学年资", "年资", "教学经验", "teaching experience",
                               # Taiwan's and Hong Kong's words for years of teaching (服務年資 may count
                               # other service, or service at this school: it stays unread).
                               "任教年资", "教师年资",
                               "years of teaching", "teaching year", "year of teaching", "experience",
                               "years teaching", "years in teaching", "years of experience", "year of experience",
                               # A teacher's service is teaching: "20 or more years of service" counts them.
                               "years of service", "year of service", "length of service",
                               # 从事教育工作年限, in English: experience of the education service.
                               "experience in education", "years of experience in education", "years in education",
                               "year in education", "years of service in education",
                               "years in service", "service years", "length of teaching service",
                               # Years of service in education, as US staff records count them.
                               "years of education service", "year of education service", "education service",
                               # The bands a workforce return groups experience in ("Teachers by experience band").
                               "experience band", "experience group", "service band"),
}
# Words naming a field only through its values (Sense.loose): a degree named is a level of education
# ("bachelor's degree or higher"); a degree asked ("Highest degree code") is not the education level.
# So is a type of contract: "contract type PRM (permanent)" is on-staff, but "Contract type" asked alone
# may be any system's classes of contract.
# So is an English "district" or "county": any country's district (Belize's, a US school district), not
# the county-level division whose code the records hold, unless its code is asked ("District code").
LOOSE_WORDS: dict[str, tuple[str, ...]] = {"teacher.education": ("degree", "academic degree"),
                                           "teacher.establishment": ("contract type", "type of contract", "employment contract",
                                                                     # UOE-style "by permanency of contract".
                                                                     "permanency of contract", "permanence of contract",
                                                                     "contract permanency", "permanency",
                                                                     # "Employment / Permanent", "Mode of employment".
                                                                     "employment", "employment condition", "conditions of employment",
                                                                     "condition of employment", "mode of employment", "employment mode",
                                                                     "聘任形式", "聘用形式", "受聘形式",
                                                                     "contract of employment",
                                                                     # Someone's contract is the contract itself, not
                                                                     # contract staff: "Is your contract permanent or temporary?"
                                                                     *(f"{whose} {now}contract" for whose in ("your", "their", "my")
                                                                       for now in ("", "current ", "present "))),
                                           "school.region_code": ("county", "district"),
                                           }
# Words for the activity of teaching: they name the years of teaching only beside a number, a
# duration or a start ("从教20年以上", "您从教多少年", "开始从教"); alone they say who teaches ("执教教师").
ACTIVITY_WORDS: dict[str, tuple[str, ...]] = {
    "teacher.teaching_years": ("从教", "任教", "执教", "教书", "教育工作", "教育教学工作", "教学工作", "working in education",
                               # 教育工作 put word for word into English.
                               "education work", "educational work", "education and teaching work",
                               "work in education", "worked in education", "teaching",
                               # "How many years have you taught?"; beside a subject it says what is taught.
                               "taught", "teaching service",
                               "teaching profession"),
}
# Teachers "appointed to the Teaching Service" hold a post on its establishment, as the Commonwealth's
# censuses set them against teachers "on contract (not appointed)". Not "appointed" alone: "Number of
# teachers appointed" may count who were hired.
APPOINTED: dict[str, tuple[str, ...]] = {"1": ("appointed to the teaching service", "appointed to the service",
                                               "appointed to the public service", "appointed to the civil service",
                                               "appointed to the establishment"),
                                         "2": ("not appointed",)}
# More names of a school's own fields: a US district's "building" is one of its schools (its name is the
# school's; its "building code" the district's own number, which stays unread); an address "and
# postcode" is the address written whole.
SCHOOL_FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "school.name": ("building name", "name of building", "name of the building"),
    "school.address": ("address and postcode", "address and post code", "address and postal code", "address and zip code",
                       "address including postcode"),
}
# Words for the pupils a school enrols: the store holds only their number.
# Classes of staff a district's employment splits them into, which cut across the post types: each
# holds every member of some post types (a US district's certificated staff hold every classroom
# teacher; its classified staff every aide, custodian and cook) and only some of others (an
# administrator may be either). Under one, a field naming its own population of those post types is
# that population; a total or a bare category of the class is not a number the records hold.
STAFF_CLASSES: dict[str, frozenset[str]] = {"certificated": frozenset({"1"}), "classified": frozenset({"3", "4"})}
# Jobs within one post type: forms list them to say what a category holds ("Ancillary (cleaners,
# guards, cooks)"). A job is some of its post type, never all of it, so it is never counted as one.
MEMBER_WORDS: dict[str, tuple[str, ...]] = {
    "2": ("会计", "出纳", "accountant", "clerk", "clerical", "manager", "executive",
          # The school office: "Administrative support staff (secretaries, clerks)", "Administrative and office staff".
          "secretary", "school secretary", "receptionist", "bursar", "office staff", "administrative officer",
          "administrative assistant"),
    "3": ("图书管理员", "实验员", "librarian", "library assistant", "lab technician", "laboratory technician",
          "technician",
          # Assistants in the classroom, as US districts ("paras, aides") and British schools name them.
          "aide", "para", "paraprofessional", "teaching assistant", "classroom assistant"),
    "4": ("保安", "门卫", "厨师", "炊事员", "食堂", "司机", "保洁", "保洁员", "宿管", "宿管员", "水电工",
          # The work the statistics define 工勤人员 by ("从事后勤服务工作的人员"), and so its people.
          "后勤服务", "cleaner", "cook", "maintainer", "building maintainer",
          "guard", "security guard", "watchman", "driver", "caretaker", "janitor", "catering", "kitchen", "site",
          "premises", "grounds", "gardener", "porter", "maintenance", "cleaning", "estate", "groundsman", "groundskeeper",
          "caretaking",
          # Running the buildings, as "maintenance and operations" staff do (not a school's administration).
          "operations"),
}
ENROLMENT_WORDS = ("学生", "在校学生", "在校生", "幼儿", "在园幼儿", "student", "pupil", "learner", "enrolled", "enrolled student",
                   "children enrolled", "enrolled children",
                   # The school's register of pupils, and their number: "Total roll", "Pupil roll" (British
                   # and Pacific censuses). People "on roll" are on a school's books, whoever they are.
                   "roll", "school roll")
# What a table breaks its population down by when it does not name a field: "Staff by category".
BREAKDOWN_WORDS = ("类别", "分类", "结构", "构成", "category", "type", "group", "breakdown",
                   # where a school is: which field (region, urban-rural class) its options say
                   "所在地", "地处", "位于", "location", "located", "setting", "身份", "employment status",
                   "appointment status", "job category", "job classification", "classification",
                   # an HR system's class of employee ("employeeClass"): the options say which field.
                   "employee class", "staff class", "employment class",
                   # full-time or part-time, permanent or fixed-term, casual: only the options say which
                   "employment type", "type of employment", "employment basis", "basis of employment", "employee type",
                   "employment category",
                   # "人员性质（在编/聘用）": the nature of something, its options say which field.
                   "性质",
                   # "您的人事关系属于：○在编 ○编外聘用": where one's personnel file sits; the options say which field.
                   "人事关系",
                   # "您属于以下哪类人员？A.专任教师 B.行政人员…": which kind of staff one is, the options say by what.
                   *(f"{b}{w}{p}" for b in ("", "以下", "下列") for w in ("哪类", "哪一类", "哪种", "哪一种", "何种")
                     for p in ("人员", "教职工")),
                   # what someone does at the school: the options say by which field ("Role (teacher / caretaker)")
                   "role")
SCHOOL_LISTS = ("school_type", "urban_rural", "ownership")
# Words naming the school itself, taken off a school field's names to give the bare name a school
# form uses for it ("名称", "地址", "name").
SELF_WORDS = ("学校", "本校", "单位", "机构", "school", "institution")
_TOKEN = re.compile(r"[a-z]+|\d+|[、/#&+]|(?<=[a-z]),(?=\s*[a-z])|[^\W\d_a-z]")
_PLURAL = re.compile(r"^([a-z]{2,}[^\Wsui])s$")
_PLURAL_IES = re.compile(r"^([a-z]{2,})ies$")
_PLURAL_MEN = re.compile(r"^([a-z]{2,})men$")  # "watchmen", "workmen"
_PLURAL_ES = re.compile(r"^([a-z]{2,}(?:ch|sh|ss|x|z))es$")  # "teaches", "coaches", "classes"
_IRREGULAR = {"women": "woman", "men": "man", "people": "person", "staffs": "staff", "children": "child",
              "arts": "arts",  # "Arts" may be music and fine art together: not "art"
              # A school's faculty are its teachers, a mass noun: "faculties" are a university's divisions.
              "faculties": "faculties"}


# Words printed forms cut short in narrow columns: "Highest qual.", "Yrs of exp.".
# Short forms `fold` leaves (it spells out the others, "exp." only where the words around it say
# experience): "Nos." and "Qty." of a count.
_ABBREVIATED = {"nos": "no", "qty": "number"}


@lru_cache(maxsize=32768)
def _singular(word: str) -> str:
    one = _IRREGULAR.get(word) or _PLURAL_MEN.sub(r"\1man", _PLURAL.sub(r"\1", _PLURAL_IES.sub(r"\1y", _PLURAL_ES.sub(r"\1", word))))
    return _ABBREVIATED.get(one, one)


@lru_cache(maxsize=32768)  # the same wordings and labels are compared again and again
def units(folded: str) -> tuple[str, ...]:
    """Comparison units of folded text: English words (singular), numbers, CJK characters, and the
    few punctuation marks that carry meaning in a field's wording (、 / # & +, and a comma between
    English words)."""
    return tuple(_singular(t) for t in _TOKEN.findall(folded))


@dataclass
class Lexicon:
    terms: dict[tuple[str, ...], frozenset[Sense]]
    max_len: int
    ranked: dict[str, list[str]]  # code fields whose lists are ordered, highest first
    population_words: frozenset[tuple[str, ...]]
    school_codes: dict[str, frozenset[str]]  # every code of each school list ("non-government": the rest)
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # readings already made (reader.read)

    def opening(self, u: tuple[str, ...]) -> Iterator[tuple[int, frozenset[Sense]]]:
        """The length and senses of each known term `u` opens with."""
        for n in range(1, min(len(u), self.max_len) + 1):
            if u[:n] in self.terms:
                yield n, self.terms[u[:n]]

    def ending(self, u: tuple[str, ...]) -> Iterator[frozenset[Sense]]:
        """The senses of each known term `u` ends with."""
        for n in range(1, min(len(u), self.max_len) + 1):
            if u[-n:] in self.terms:
                yield self.terms[u[-n:]]

    def within(self, u: tuple[str, ...]) -> Iterator[frozenset[Sense]]:
        """The senses of each known term anywhere in `u`."""
        for i in range(len(u)):
            for j in range(i + 1, min(len(u), i + self.max_len) + 1):
                if u[i:j] in self.terms:
                    yield self.terms[u[i:j]]


def _compounds(firsts: Iterable[str], heads: tuple[str, ...]) -> list[str]:
    """Each word before each head of its language: "申报单位", "pilot school"."""
    return [f"{w} {h}" if w.isascii() else w + h for w in firsts for h in heads if w.isascii() == h.isascii()]


def _build(d: Dictionary) -> Lexicon:
    raw: dict[tuple[str, ...], set[Sense]] = {}

    def add(words: Iterable[str], sense: Sense) -> None:
        for w in words:
            u = units(fold(w))
            if u:
                raw.setdefault(u, set()).add(sense)

    codes_fields = teacher_code_fields(d)
    all_posts = frozenset(d.code_lists[codes_fields[POST].code_list or ""].code_values)
    add(TEACHER_WORDS, Sense("pop", POST, frozenset({"1"}), generic=True))
    add(STAFF_WORDS, Sense("pop", POST, all_posts, generic=True))
    pop_units = {units(fold(w)) for w in (*TEACHER_WORDS, *STAFF_WORDS)}
    grammar_units = {units(fold(w)) for words in GRAMMAR.values() for w in words}
    for kind, words in GRAMMAR.items():
        add(words, Sense(kind))
    add(LEAVING_OUT, Sense("neg_pre", negated=True))
    add(EITHER_WAY, Sense("whether", negated=True))
    add(_compounds((*ROLES_OF_A_UNIT, *ROLES_OF_A_SCHOOL), SCHOOL_WORDS), Sense("self"))
    add(_compounds(KINDS_OF_A_SCHOOL, SCHOOL_WORDS), Sense("self", KIND_OF_SCHOOL))
    add(_compounds(ROLES_OF_A_UNIT, UNIT_WORDS), Sense("self"))
    # A US district calls each school a "building": said beside a word for the school ("School / building
    # name", "Work site / building") it is the school. Alone it may be any building ("Number of buildings").
    add([f"{w} {j} building" for w in ("school", "campus", "work site", "worksite") for j in ("/", "or")], Sense("self"))
    # A comma between English words: in a list ("administrators, teachers and employees") it joins
    # values of one field; elsewhere it only separates ("Teachers, female").
    raw.setdefault((",",), set()).add(Sense("list"))
    for name, f in codes_fields.items():
        cl = d.code_lists[f.code_list or ""]
        for c in cl.codes:
            sense = Sense("pop" if name == POST else "code", name, frozenset({c.code}), residual=c.slug in RESIDUAL_SLUGS)
            for w in (c.zh, c.en, *c.aliases):
                u = units(fold(w))
                if u in TOO_BROAD:
                    continue
                stem = next((u[: -len(p)] for p in pop_units if len(u) > len(p) and u[-len(p):] == p), None)
                if stem and name != POST and stem not in grammar_units:
                    # "女教师", "在编教师", "高级教师": the code, then the population word.
                    raw.setdefault(stem, set()).add(sense)
                elif u:
                    raw.setdefault(u, set()).add(sense)
        for w, group, negated in GROUPS.get(name, ()):
            add([w], Sense("code", name, frozenset(group), negated=negated))
    for c in d.code_lists[codes_fields[ESTABLISHMENT].code_list or ""].codes:
        # "Teachers in permanent posts", "of which: in term (non-permanent) positions": a post held on
        # those terms is one of the people on them, whatever the post; the word for it says no post type.
        add(_compounds([w for w in (c.en, *c.aliases) if w.isascii()], ("post", "position")),
            Sense("code", ESTABLISHMENT, frozenset({c.code}), of_posts=True))
    # "Established posts": the word says it only of posts ("Year established" is a school's).
    add(_compounds(("established",), ("post", "position")), Sense("code", ESTABLISHMENT, frozenset({"1"}), of_posts=True))
    for code, words in APPOINTED.items():
        add(words, Sense("code", ESTABLISHMENT, frozenset({code}), event=True))
    status = codes_fields[STATUS]
    for c in d.code_lists[status.code_list or ""].codes:
        # "Teachers who left", "staff that have retired": a relative clause says the leaving happened, an
        # event of some period, where "retired teachers" or "left" among a status's options is the state.
        if c.code != ACTIVE:
            add([f"{who} {w}" for w in (c.en, *c.aliases) if w.isascii() for who in _WHO_DID],
                Sense("code", STATUS, frozenset({c.code}), event=True))
    for name, words in DIMENSION_WORDS.items():
        add(words, Sense("dim", name))
    for name, words in LOOSE_WORDS.items():
        add(words, Sense("dim", name, loose=True))
    for name, f in codes_fields.items():
        # "性别代码", "学历代码", "性别码" (as the ministry's data standard names coded fields): a coded
        # field's code is that field, entered as its code list's codes. A word of one character ("编",
        # "族") is too short to say which field: "编码" is any code.
        named = [w for w in (f.labels.zh, *f.aliases, *DIMENSION_WORDS.get(name, ())) if not w.isascii() and len(w) >= 2]
        add([w + suffix for w in named for suffix in ("代码", "编码", "码")], Sense("dim", name))
        # "SexDescriptor", "LevelOfEducationDescriptor": the descriptor of a coded field is its code, as
        # Ed-Fi and CEDS name coded elements. Not "code" in English: "post code" is an address's.
        add([f"{w} descriptor" for w in (f.labels.en, *f.aliases, *DIMENSION_WORDS.get(name, ())) if w.isascii()],
            Sense("dim", name))
    for f in d.fields.values():
        if not f.is_indicator:
            add((f.labels.zh, f.labels.en, *f.aliases), Sense("dim", f.key))
    for f in d.fields.values():
        if f.type == "text" and not f.is_indicator:
            # "Staff ID number", "EMIS ID no.": the number of an identifier is the identifier.
            ids = [units(fold(w)) for w in (f.labels.en, *f.aliases) if w.isascii()]
            for u in ids:
                if u[-1:] == ("id",):
                    for tail in (("number",), ("no",)):
                        raw.setdefault(u + tail, {Sense("dim", f.key)})
                # "Identity No.", "Staff no.": "no." in an identifier's name is its "number", and back.
                for said, other in ((("number",), ("no",)), (("no",), ("number",))):
                    if len(u) >= 2 and u[-1:] == said:
                        raw.setdefault(u[:-1] + other, {Sense("dim", f.key)})
    for name in DERIVED:
        add(DIMENSION_WORDS[name], Sense("dim", name))
    for name, words in ACTIVITY_WORDS.items():
        add(words, Sense("dim", name, generic=True))
        # "Years of teaching service", "years in the teaching profession": the years of the activity,
        # as "years of teaching" are.
        add([f"years {link} {w}" for w in words if w.isascii() for link in ("of", "in", "in the")], Sense("dim", name))
    for name, words in SCHOOL_FIELD_WORDS.items():
        add(words, Sense("dim", name))
    add(BREAKDOWN_WORDS, Sense("dim", ANY))
    add(ENROLMENT_WORDS, Sense("dim", "school.enrolment"))
    for code, jobs in MEMBER_WORDS.items():
        add(jobs, Sense("member", POST, frozenset({code})))
    for word, whole in STAFF_CLASSES.items():
        add([word], Sense("staff_class", POST, whole))
    self_units = [units(fold(w)) for w in SELF_WORDS]
    breakdown_units = {units(fold(w)) for w in BREAKDOWN_WORDS}
    for f in d.entity_fields("school"):
        for w in (f.labels.zh, f.labels.en, *f.aliases):
            u = units(fold(w))
            for s_ in self_units:
                for cut in (u[len(s_):] if u[: len(s_)] == s_ else (), u[: -len(s_)] if u[-len(s_):] == s_ else ()):
                    # "type of school" without the school is "type": a word for any kind, not the school type.
                    bare = tuple(x for x in cut if x != "of") or cut
                    if bare and bare not in grammar_units and bare not in breakdown_units:
                        raw.setdefault(bare, set()).add(Sense("dim", f.key, bare=True))
                        if f.type == "text" and not f.pattern and not bare[0].isascii():
                            # "标准名称", "标准地址": the standardised form of a free text a register keeps
                            # (a gazetteer's name of the place), still the school's when alone.
                            raw.setdefault(units("标准") + bare, set()).add(Sense("dim", f.key, bare=True))
    heads = {u: fields.pop() for u, senses in raw.items()
             if len(u) == 1 and len(fields := {s.field for s in senses if s.bare and s.field}) == 1}
    for f in d.entity_fields("teacher"):
        for w in f.aliases:
            u = units(fold(w))
            # "Legal name", "full name": a teacher's name said with a word for which name, as much a
            # school's with the school named ("School legal name"), as "name" is either's.
            if w.isascii() and len(u) == 2 and u[-1:] in heads and u[:1] not in pop_units and units(fold(f.labels.en)) == u[-1:]:
                raw.setdefault(u, set()).add(Sense("dim", heads[u[-1:]], bare=True))
    for list_name in SCHOOL_LISTS:
        regrouped = {units(fold(w)) for w, _ in SCHOOL_GROUPS.get(list_name, ())}
        for c in d.code_lists[list_name].codes:
            add([w for w in (c.zh, c.en, *c.aliases) if units(fold(w)) not in regrouped],
                Sense("school_code", f"school.{list_name}", frozenset({c.code})))
        for w, group in SCHOOL_GROUPS.get(list_name, ()):
            add([w], Sense("school_code", f"school.{list_name}", frozenset(group)))
    staff_heads = {units(fold(w)) for w in STAFF_HEADS}
    known = set(raw)
    for c in d.code_lists[codes_fields[POST].code_list or ""].codes:
        for w in (c.en, *c.aliases):
            u = units(fold(w))
            if len(u) > 1 and u[-1:] in staff_heads and u[:-1] not in known:
                # "facilities staff" said without its word for staff, after another kind ("Non-teaching facilities").
                raw.setdefault(u[:-1], set()).add(Sense("pop", POST, frozenset({c.code}), elliptic=True))
    terms = {u: frozenset(s) for u, s in raw.items()}
    ranked = {name: ranking(d, name) or [] for name in RANKED}
    school_codes = {f"school.{n}": frozenset(d.code_lists[n].code_values) for n in SCHOOL_LISTS}
    return Lexicon(terms, max(len(u) for u in terms), ranked, frozenset(pop_units), school_codes)


def lexicon(d: Dictionary) -> Lexicon:
    """The lexicon of `d`, built on first use and dropped with it."""
    return d.derived(_build)


def initials(word: str) -> str:
    """The initials of a Chinese word's pinyin in capitals, as systems name columns ("姓名" -> "XM")."""
    return "".join(p[:1] for p in pypinyin.lazy_pinyin(word, style=pypinyin.Style.FIRST_LETTER)).upper()


def _spoken(words: str) -> list[str]:
    """Each character's syllable in pinyin; a run of other characters ("35") comes back whole from pypinyin
    and is taken apart, a character each."""
    return [piece for said in pypinyin.lazy_pinyin(words.replace(" ", ""))
            for piece in ([said] if said.isascii() and said.isalpha() and said.islower() else list(said))]


def spells_opening(code: str, words: str) -> bool:
    """Whether a system's column code spells the opening of Chinese words, each character by its
    initial or its whole syllable and each digit as itself, parts of the code run together or parted
    by "_" ("ZRJS_NV" 专任教师女, "ZRJS_35SJYX" 专任教师35岁及以下, "ZRJS_YJS" 专任教师研究生学历): at least
    the first two characters, and every letter of the code or of its first part (the words after the
    first may be worded otherwise than the code was made from: "ZRJS_35SJYX" 专任教师35周岁及以下), or each part
    a run of the words in an order of its own ("JZG_ZB" 在编教职工)."""
    first, *rest = re.split(r"[_\-]", code)
    if rest and len(first) >= 2 and spells_opening(first, words):
        return True
    if rest and all(len(part) >= 2 and any(spells_opening(part, words[i:]) for i in range(len(words) - 1))
                    for part in (first, *rest)):
        return True  # "jzg_zb 在编教职工": each part spells a run of the words, in the key's own order
    code = re.sub(r"[_\-]", "", code).lower()
    ways: set[int] = {0}  # how much of the code the characters so far can have spelled
    for i, syllable in enumerate(_spoken(words)):
        if not (syllable.isdigit() or (syllable.isalpha() and syllable.islower())):
            return False  # punctuation, or a letter printed as such: not a spelling this rule reads
        said = {syllable} if syllable.isdigit() else {syllable[:1], syllable, syllable.replace("v", "u")}
        ways = {w + len(s) for w in ways for s in said if code.startswith(s, w)}
        if not ways:
            return False
        if i >= 1 and len(code) in ways:
            return True
    return False


def spells_within(part: str, words: str) -> bool:
    """Whether a part of a key spells characters of the words in their order, each by its initial or its
    whole syllable and each digit as itself, others between left out ("NV" 专任教师女, "35SJYX" 35周岁及以下):
    a part the words say, wherever they say it."""
    part = part.lower()
    ways: set[int] = {0}
    for syllable in _spoken(words):
        said = {syllable} if syllable.isdigit() else {syllable[:1], syllable, syllable.replace("v", "u")}
        ways |= {w + len(s) for w in ways for s in said if s.isalnum() and part.startswith(s, w)}
        if len(part) in ways:
            return True
    return False


def _build_pinyin_codes(d: Dictionary) -> dict[str, str]:
    # A teacher field's own label gives its code at any length ("XM", "XB", "MZ"); an alias only at three
    # letters or more, where two words rarely share initials ("BZ" is 编制 and 备注, "ZC" 职称 and 注册).
    # A code two fields share is neither's; one spelled with "M" after it is the field's code (码) as the
    # ministry's data standard names coded fields ("XBM", "MZM").
    own: dict[str, set[str]] = {}
    words: dict[str, dict[str, str]] = {}
    for f in d.entity_fields("teacher"):
        for i, w in enumerate((f.labels.zh, *f.aliases)):
            if w.isascii():
                continue
            code = initials(w)
            words.setdefault(code, {}).setdefault(f.key, w)
            if i == 0:
                own.setdefault(code, set()).add(f.key)
    codes: dict[str, str] = {}
    for code, fields in words.items():
        mine = own.get(code, set())
        if len(mine) == 1 or (not mine and len(code) >= 3 and len(fields) == 1):
            key = next(iter(mine or fields))
            codes[code] = words[code][key]
            if d.fields[key].type == "enum":
                codes.setdefault(code + "M", words[code][key])
    return codes


def pinyin_codes(d: Dictionary) -> dict[str, str]:
    """The column codes ("CSRQ", "ZGXL") that name one teacher field, each with the wording it spells."""
    return d.derived(_build_pinyin_codes)
