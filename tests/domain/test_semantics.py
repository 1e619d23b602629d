"""Reading what a department asks: each test states one rule of the definition model."""

from __future__ import annotations

from datetime import date

import pytest

from service.domain.dictionary import dictionary
from service.domain.requests import custom_key
from service.domain.semantics import beside_column, definition_of, key_of, match_field, words
from service.domain.semantics.context import Above, is_total, read_title, scene, title_by

D = dictionary()
FT = "post_type=1;status=1"


def key(label: str, level: str = "school", **kw: object) -> str | None:
    return match_field(label=label, level=level, **kw).key  # type: ignore[arg-type]


def count(conditions: str) -> str:
    return key_of(definition_of(f"school.count({conditions})", D), D)  # type: ignore[arg-type]


# --- boundaries ---------------------------------------------------------------------------------


def test_statutory_以下_includes_the_number() -> None:
    assert key("35岁以下专任教师") == count(f"{FT};age=..35")
    assert key("35周岁及以下专任教师") == count(f"{FT};age=..35")


def test_statutory_以上_includes_the_number() -> None:
    assert key("50岁以上专任教师") == count(f"{FT};age=50..")
    assert key("50岁及以上教师") == count(f"{FT};age=50..")


def test_statutory_不满_未满_exclude_the_number() -> None:
    assert key("不满35周岁的专任教师") == key("未满35周岁专任教师") == count(f"{FT};age=..34")


def test_statutory_超过_excludes_the_number() -> None:
    assert key("超过50岁的专任教师") == count(f"{FT};age=51..")


def test_a_bracket_after_a_bound_says_which_way() -> None:
    assert key("35岁以下（不含35岁）专任教师") == count(f"{FT};age=..34")


def test_english_under_excludes_and_and_over_includes() -> None:
    assert key("full-time teachers under 35") == count(f"{FT};age=..34")
    assert key("teachers 35 and over") == key("teachers 35 or older") == count(f"{FT};age=35..")
    assert key("teachers over 50") == count(f"{FT};age=51..")
    assert key("teachers aged 30 to 44") == key("30-44岁专任教师") == count(f"{FT};age=30..44")


def test_years_of_teaching_满_includes_and_不满_excludes() -> None:
    assert key("教龄满20年的专任教师") == key("教龄20年以上专任教师") == count(f"{FT};years=20..")
    assert key("教龄不满5年的教师") == count(f"{FT};years=..4")
    assert key("teachers with 20 or more years of teaching") == count(f"{FT};years=20..")


def test_chinese_numerals_and_traditional_characters_read_as_plain_forms() -> None:
    assert key("五十周岁以上专任教师") == key("50周岁以上专任教师")
    assert key("教龄满二十年的教师") == count(f"{FT};years=20..")
    assert key("專任教師數") == key("专任教师数") == "school.ft_teachers"


def test_a_number_that_cannot_be_an_age_is_not_read_as_one() -> None:
    assert key("grade 1-3 teachers") is None


# --- composition --------------------------------------------------------------------------------


def test_code_sets_widen_by_rank() -> None:
    assert key("大专及以上学历专任教师") == count(f"{FT};education=11,14,21,31")
    assert key("full-time teachers with a bachelor's degree or higher") == count(f"{FT};education=11,14,21")
    assert key("研究生学历专任教师") == count(f"{FT};education=11,14")
    assert key("中级及以上职称专任教师") == count(f"{FT};title=1,2,3")


def test_negation_is_the_complement_within_the_code_list() -> None:
    minority = count(f"{FT};ethnicity!=01")
    assert key("少数民族专任教师") == key("汉族以外的专任教师") == key("non-Han full-time teachers") == minority
    assert key("非在编教职工") == count("status=1;establishment=2")


def test_conditions_intersect() -> None:
    assert key("女性一级教师") == count(f"{FT};gender=2;title=3")
    assert key("male teachers under 30") == count(f"{FT};gender=1;age=..29")


def test_values_of_one_field_joined_by_and_unite() -> None:
    assert key("具有高级和一级职称的专任教师") == count(f"{FT};title=2,3")


def test_populations_are_not_confused() -> None:
    assert key("教职工数") == "school.staff"
    assert key("专任教师数") == "school.ft_teachers"
    assert key("行政人员数") == count("post_type=2;status=1")
    assert key("退休教师人数") == count("post_type=1;status=2")
    assert key("体育教师数") == key("PE teachers") == count(f"{FT};subject=10")


def test_who_retired_or_left_during_a_period_is_a_flow_not_a_state() -> None:
    # The records hold who is retired on the reference date, not who retired during the term.
    assert key("本学期退休人数") is None and key("本学年调出教师数") is None and key("staff retired this year") is None
    assert key("退休教师人数") == count("post_type=1;status=2")
    # Of people in post, the period says no more than the reference date.
    assert key("本学期在职专任教师数") == key("本学年专任教师数") == key("full-time teachers this year") == "school.ft_teachers"


def test_a_word_naming_two_things_needs_a_word_saying_which() -> None:
    assert key("高中教师数") is None  # senior high school teachers, or teachers educated to senior high?
    assert key("高中学历专任教师") == count(f"{FT};education=61")


@pytest.mark.parametrize("label", ["女生人数", "在校女生", "班主任人数", "专任教师中党员人数", "学生近视率", "教师培训学时",
                                   "联系电话", "具有职称的教师", "编制人数", "专任教师缺额"])
def test_what_the_store_does_not_hold_is_new(label: str) -> None:
    m = match_field(label=label, type="integer", level="school")
    assert (m.key is None and m.reason.startswith("new")) or "does not fit" in m.reason


def test_noise_of_printed_forms_is_ignored() -> None:
    for label in ("一、专任教师数（人）", "(1) 专任教师总数", "1. Number of full-time teachers (persons)", "专任教师#"):
        assert key(label) == "school.ft_teachers", label
    assert key("单位（学校）名称（盖章）") == "school.name"


# --- questions and levels -----------------------------------------------------------------------


def test_questions_are_read_at_the_requests_level() -> None:
    assert key("您的最高学历是？", level="roster") == "teacher.education"
    assert key("What is your highest qualification?", level="roster") == "teacher.education"
    assert key("您的年龄", level="roster") == "teacher.age"
    assert key("请填写本校在编教职工人数") == count("status=1;establishment=1")
    assert key("How many teachers in your school are on permanent contracts?") == count(f"{FT};establishment=1")


def test_a_count_is_not_read_on_a_roster() -> None:
    m = match_field(label="女专任教师数", level="roster")
    assert m.key is None and "school form" in m.reason


# --- context ------------------------------------------------------------------------------------


def where(headers: list[str], title: str | None = None, above: str | None = None):  # type: ignore[no-untyped-def]
    t, hint = read_title(title, D)
    prior = None
    if above is not None:
        m = match_field(label=above, d=D)
        prior = Above((), m.definition if m.definition and m.definition.measure == "count" else None, above)
    return scene(headers, t, hint, title or "", prior, D, prior if prior and is_total(prior.definition) else None)


def test_a_total_under_a_title_is_the_titles_population() -> None:
    assert key("合计", scene=where([], "专任教师分学历情况")) == "school.ft_teachers"
    assert key("Total", scene=where(["教职工"])) == "school.staff"


def test_a_bare_category_under_a_header_is_that_category_of_its_population() -> None:
    assert key("博士", scene=where(["专任教师", "学历"])) == count(f"{FT};education=11")
    assert key("女", scene=where(["行政人员"])) == count("post_type=2;status=1;gender=2")
    assert key("25-29", scene=where(["专任教师", "年龄"])) == "school.ft_teachers.age.25_29"


def test_of_which_refines_the_total_just_above_whatever_it_is() -> None:
    assert key("其中：女", scene=where([], above="教职工数")) == count("status=1;gender=2")
    assert key("其中：女", scene=where([], above="专任教师数")) == "school.ft_teachers.gender.female"
    assert key("# 少数民族", scene=where([], above="专任教师数")) == count(f"{FT};ethnicity!=01")
    assert key("其中：女", scene=where([], above="在校生数")) is None  # female pupils: not a teacher count


def test_a_bare_category_splits_the_whole_total_not_a_narrower_field_above() -> None:
    t, hint = read_title("教师基本情况统计", D)
    narrower = match_field(label="大专以上学历专任教师", d=D).definition
    s = scene([], t, hint, "教师基本情况统计", Above((), narrower, "大专以上学历专任教师"), D)
    assert key("五十岁以上", scene=s) == count(f"{FT};age=50..")
    assert key("其中：女", scene=s) == count(f"{FT};gender=2;education!=41,61,71")


def test_a_header_it_cannot_read_is_never_ignored() -> None:
    assert key("女", scene=where(["近视学生"])) is None


def test_without_context_a_bare_category_is_new_with_candidates() -> None:
    m = match_field(label="其中：女", type="integer")
    assert m.key is None and "school.ft_teachers.gender.female" in [c.key for c in m.candidates]


# --- words and keys -----------------------------------------------------------------------------


def test_words_say_what_will_be_counted_in_both_languages() -> None:
    defn = definition_of(count(f"{FT};gender=2;age=..39"), D)
    said = words(defn, D, date(2026, 9, 1))  # type: ignore[arg-type]
    assert said.zh == "专任教师，在职，女，2026-09-01时未满40周岁"
    assert said.en == "full-time teachers, active, female, under 40 on 2026-09-01"


def test_a_definition_can_be_sent_instead_of_wording() -> None:
    m = match_field(definition={"entity": "school", "measure": "count",
                                "filters": [{"field": "teacher.gender", "in": ["2"]},
                                            {"field": "teacher.post_type", "in": ["1"]}]})
    assert m.key == "school.ft_teachers.gender.female"
    assert match_field(definition={"measure": "count", "filters": [{"field": "teacher.shoe", "in": ["1"]}]}).key is None


def test_a_wording_that_normalises_to_nothing_never_gets_the_empty_key() -> None:
    assert custom_key("school", "合计") != custom_key("school", "小计") != custom_key("school", "")
    assert custom_key("school", "合计", ["近视学生"]) != custom_key("school", "合计", ["视力不良学生"])


def test_a_slip_in_an_english_word_is_read_as_the_one_word_it_is_near() -> None:
    assert key("Nmber of female teachers") == "school.ft_teachers.gender.female"
    assert key("Number of computers") is None  # near "computing" (IT), but not near enough


def test_options_in_brackets_must_be_the_fields_own_values() -> None:
    assert key("性别（男/女）", level="roster") == "teacher.gender"
    assert key("Sex (M/F)", level="roster") == "teacher.gender"
    assert key("岗位类别（管理/专业技术/工勤技能）", level="roster") is None  # another classification


def test_a_wording_in_two_languages_is_read_when_both_agree() -> None:
    assert key("學校名稱 School Name") == "school.name"
    assert key("专任教师数 Number of female teachers") is None


def test_the_school_itself_is_its_name_on_a_school_form_and_the_teachers_school_on_a_roster() -> None:
    assert key("填报单位") == key("1. What is the name of your school?") == "school.name"
    assert key("所在单位", level="roster") == "teacher.school_code"


def test_a_yes_no_question_on_a_roster_asks_the_field() -> None:
    assert key("（4）您是否为在编教师？", level="roster") == "teacher.establishment"
    assert key("Are you a full-time teacher?", level="roster") == "teacher.post_type"


def test_young_and_new_need_the_range_they_stand_for() -> None:
    assert key("青年教师（35周岁以下）人数") == count(f"{FT};age=..35")
    assert key("青年教师人数") is None


def test_以下_beside_an_education_level_is_not_guessed() -> None:
    assert key("专科以下学历专任教师") is None
    assert key("专科及以下学历专任教师") == count(f"{FT};education=31,41,61,71")


def test_lettered_options_after_a_question_are_the_fields_values() -> None:
    assert key("您的最高学历是：A.博士 B.硕士 C.本科 D.专科及以下", level="roster") == "teacher.education"
    assert key("您是否在编：A.是 B.否", level="roster") == "teacher.establishment"


def test_a_word_naming_two_things_is_read_by_what_the_table_breaks_down_by() -> None:
    t, hint = read_title("专任教师任教课程情况", D)
    s = scene([], t, hint, "专任教师任教课程情况", None, D, None, title_by("专任教师任教课程情况", D))
    assert key("其他", scene=s) == count(f"{FT};subject=99")


# --- kinds of wording the reader composes, not lists ------------------------------------------


@pytest.mark.parametrize(("label", "level", "expected"), [
    # numbering, sections and digit counts are noise
    ("1.1 School ID", "school", "school.code"),
    ("Q1 Please enter your school's 10-digit identification code.", "school", "school.code"),
    ("行政区划代码（6位）", "school", "school.region_code"),
    ("2、学校所在县（市、区）", "school", "school.region_code"),
    ("A3. County/district code", "school", "school.region_code"),
    # questions about teaching: how long, and when it began
    ("How many years have you worked as a teacher?", "roster", "teacher.teaching_years"),
    ("您从教多少年了？", "roster", "teacher.teaching_years"),
    ("从事教育教学工作年限", "roster", "teacher.teaching_years"),
    ("In which year did you start teaching?", "roster", "teacher.teaching_start"),
    ("您参加教育工作的时间", "roster", "teacher.teaching_start"),
    ("When did you start teaching (year and month)?", "roster", "teacher.teaching_start"),
    # options name the field a vague word asks
    ("9. 贵校所在地属于：A.城区 B.镇区 C.乡村", "school", "school.urban_rural"),
    ("School location (urban/rural)", "school", "school.urban_rural"),
    ("Is your school a public or a private school?", "school", "school.ownership"),
    ("1. 您的性别：①男 ②女", "roster", "teacher.gender"),
    ("What is your employment status as a teacher? (permanent / fixed-term)", "roster", "teacher.establishment"),
    ("Are you male or female?", "roster", "teacher.gender"),
])
def test_forms_nobody_has_seen_are_read_by_composition(label: str, level: str, expected: str | None) -> None:
    assert key(label, level=level) == expected


@pytest.mark.parametrize(("label", "conditions"), [
    ("②50周岁及以上人数", "status=1;age=50.."),  # people counted, whoever they are
    ("30岁（含）-40岁（不含）专任教师", f"{FT};age=30..39"),
    ("Classroom teachers, 25-34 years", f"{FT};age=25..34"),
    ("teachers 35 & under", f"{FT};age=..35"),
    ("How many teachers have taught for fewer than 3 years?", f"{FT};years=..2"),
    ("专职心理健康教育教师数", f"{FT};subject=15"),
    ("Number of female teachers employed full-time", f"{FT};gender=2"),
    ("未评定职称的专任教师", f"{FT};title=9"),
    ("已评定职称的专任教师", f"{FT};title!=9"),
    ("本学年初报表专任教师数", FT),
])
def test_counts_nobody_has_seen_are_read_by_composition(label: str, conditions: str) -> None:
    assert key(label) == count(conditions)


@pytest.mark.parametrize(("label", "level"), [
    ("When did you start working?", "roster"),  # any work, not teaching
    ("参加工作时间", "roster"),
    ("How many years have you been teaching at this school?", "roster"),  # years here, not of teaching
    ("教学时间", "roster"),  # hours, or a date? not said
    ("是否乡村学校", "school"),  # a yes/no about the school's class, not the class itself
    ("乡村教师人数", "school"),  # teachers of rural schools: a kind of school, not of teacher
    ("专职人员", "school"),  # 专职 says how a teacher is employed, not who else is counted
    ("Arts teachers", "school"),  # music and fine art together, or an integrated course
    ("Number of registered teachers", "school"),
    ("本年度退休教师数", "school"),  # a flow over the year
])
def test_what_only_looks_like_a_known_field_stays_new(label: str, level: str) -> None:
    assert key(label, level=level) is None


def test_a_title_opening_with_a_kind_of_school_names_the_schools_its_table_is_for() -> None:
    for title in ("初中专任教师学历、专业技术职务情况（人）", "普通高中专任教师年龄情况", "幼儿园专任教师情况"):
        assert key("合计", scene=where([], title)) == "school.ft_teachers", title
    assert key("本科", scene=where([], "小学专任教师学历情况（人）")) == count(f"{FT};education=21")


def test_a_section_header_names_no_population() -> None:
    for header in ("第二部分：教职工情况", "Section C: Teaching Staff", "附表2 专任教师情况"):
        assert where([header]).unreadable is None, header
    assert key("教职工数", scene=where(["一、学校基本信息"])) == "school.staff"


def test_other_is_the_code_alone_and_the_rest_of_the_table_beside_a_field() -> None:
    assert key("其他", scene=where(["专任教师", "任教学科"])) == count(f"{FT};subject=99")
    assert key("其他民族", scene=where(["少数民族专任教师"])) is None


def test_a_category_of_another_status_is_not_part_of_an_active_total_above() -> None:
    assert key("Retirees", scene=where([], above="Management staff")) == count("status=2")


def test_a_group_widens_from_its_own_lowest_member() -> None:
    assert key("研究生及以上学历专任教师数") == count(f"{FT};education=11,14")
    assert key("高中阶段及以下学历教师") == count(f"{FT};education=41,61,71")


# --- two languages, slips -----------------------------------------------------------------------


@pytest.mark.parametrize(("label", "level", "expected"), [
    ("您目前的职称 / Professional title", "roster", "teacher.title"),
    ("Age / 年龄", "roster", "teacher.age"),
    ("专任教师/Full-time teachers", "school", "school.ft_teachers"),
    ("教职工总数 / Total staff", "school", "school.staff"),
])
def test_a_wording_in_two_languages_reads_when_both_halves_agree(label: str, level: str, expected: str) -> None:
    m = match_field(label=label, level=level)  # type: ignore[arg-type]
    assert m.key == expected and "both languages agree" in m.reason


# An English half in a word the reader does not know.
@pytest.mark.parametrize("label", ["专任教师（Lehrer）", "专任教师 Lehrer（人）"])
def test_one_half_not_understood_yields_to_the_half_that_reads_and_says_so(label: str) -> None:
    m = match_field(label=label, level="school")
    assert m.key == "school.ft_teachers" and "not understood" in m.reason


def test_halves_that_read_differently_stay_new() -> None:
    # "30岁以下" includes 30 (statutory), "Under 30" does not: the form does not say which it counts.
    title, hint = read_title("专任教师年龄情况", D)
    where = scene([], title, hint, "专任教师年龄情况", None, D, None, title_by("专任教师年龄情况", D))
    assert key("30岁以下 Under 30", scene=where) is None
    assert key("专任教师 / Total staff") is None


def test_a_bilingual_header_gives_its_population() -> None:
    where = scene(["专任教师 Full-time teachers"], None, None, "表", None, D)
    assert key("女 / Female", scene=where) == count(f"{FT};gender=2")


def test_staff_named_by_a_subject_are_not_its_teachers() -> None:
    assert key("IT staff") is None and key("体育人员") is None
    assert key("IT teachers") == count(f"{FT};subject=13")


@pytest.mark.parametrize(("label", "expected"), [
    ("full-time teahcers", "school.ft_teachers"),  # two letters swapped
    ("Totalstaff", "school.staff"),  # two known words run together
    ("Nmber of teachers", "school.ft_teachers"),  # a letter missing
])
def test_an_english_slip_of_one_letter_reads_as_the_known_word(label: str, expected: str) -> None:
    assert key(label) == expected


def test_known_words_and_chinese_near_misses_are_not_corrected() -> None:
    assert key("兼任教师") is None  # one character off 专任教师, and another kind of teacher
    assert key("学校网址") is None and key("兼职人员") is None  # 地址, 在职: other words, not slips


def test_a_chinese_slip_that_sounds_like_a_known_term_reads_as_it() -> None:
    assert key("专认教师人数") == "school.ft_teachers"  # 认 for 任, as a pinyin input method slips
    assert key("少数民足专任教师") == count(f"{FT};ethnicity!=01")
    assert key("专仼教师人数") == "school.ft_teachers"  # a rare character one stroke off 任
    assert key("最高学位", "roster") is None  # 位 may be read "li", but is "wei": another word


def test_questionnaire_options_of_bands_ask_the_value_they_band() -> None:
    assert key("2. 您的年龄：A.30岁以下 B.31-40岁 C.41-50岁 D.51岁以上", "roster") == "teacher.age"
    assert key("3. 您的教龄：①5年以下 ②6-10年 ③11-20年 ④20年以上", "roster") == "teacher.teaching_years"
    assert key("Q2. How old are you? (Under 25 / 25-29 / 30-39 / 60+)", "roster") == "teacher.age"
    assert key("5. 您的最高学历（ ）A.高中或中专 B.大专 C.本科 D.研究生", "roster") == "teacher.education"


def test_english_numbers_of_years_read_as_digits() -> None:
    assert key("Teachers with less than two years of experience") == count(f"{FT};years=..1")
    assert key("Teachers aged sixty or over") == "school.ft_teachers.age.ge60"


def test_options_name_the_field_an_unknown_word_asks_for() -> None:
    assert key("学校办别（公办/民办）") == "school.ownership"
    assert key("Sector (public / private)") == "school.ownership"
    assert key("合作学校办别（公办/民办）") is None  # more than a name for the field is unknown
    assert key("女生人数（男/女）") is None  # the rest reads as a count, not the field's name


def test_a_title_ending_in_a_kind_of_document_reads_up_to_it() -> None:
    assert read_title("专任教师情况快报", D)[0] == read_title("专任教师情况", D)[0]
    assert read_title("专任教师培训", D)[0] is None  # no "情况" before the unknown word: it may count


def test_an_alternative_question_to_the_teacher_asks_the_field_its_values_belong_to() -> None:
    assert key("您是男性还是女性？", "roster") == "teacher.gender"
    assert key("您的学历是本科还是研究生", "roster") == "teacher.education"
    assert key("本科及以上学历", "roster") is None  # not put to the teacher: a category, not a question


def test_以下_with_不含_excludes_the_level() -> None:
    assert key("专任教师高中阶段毕业以下（不含）") == "school.ft_teachers.education.below_high_school"
    assert key("专任教师高中阶段毕业以下") is None  # the statute and the statistics tables disagree


def test_a_bracket_listing_other_values_is_not_the_records_value() -> None:
    # PISA's science teachers are physics, chemistry, biology and earth science: not the subject 科学.
    assert key("How many teachers of science (physics, chemistry, biology, earth science) are there?") is None
    assert key("Employment type (permanent / contract)", "roster") == "teacher.establishment"  # a list to choose from


def test_a_bracket_restating_the_words_outside_it_reads_as_they_do() -> None:
    assert key("Permanent (on the establishment) teachers") == count(f"{FT};establishment=1")


def test_footnote_marks_and_the_document_a_value_is_copied_from_are_noise() -> None:
    assert key("Ethnic minority teachers(a)") == count(f"{FT};ethnicity!=01")
    assert key("Full name (as on ID card)", "roster") == "teacher.name"


def test_a_bracket_after_people_in_the_title_defines_them() -> None:
    from service.domain.semantics.context import glossary
    assert glossary("全县中小学青年教师（35周岁及以下）和团员教师情况统计表") == (("青年教师", "35周岁及以下"),)
    assert glossary("专任教师（2026年9月1日）情况") == ()  # a date, not a range of ages: defines nothing


def test_what_the_records_do_not_hold_is_never_read_past_in_two_languages() -> None:
    assert key("最高学位 Highest degree", "roster") is None  # 学位 is not 学历, whatever "degree" means
    assert key("政治面貌", "roster") is None


def test_a_question_about_the_teacher_on_a_roster_asks_the_teachers_value() -> None:
    assert key("2.2 Is this teacher male or female?", "roster") == "teacher.gender"
    assert key("How old is this teacher?", "roster") == "teacher.age"
    assert key("具有职称的教师") is None  # people who have a title: a count without its values


def test_a_bracket_says_what_an_unknown_word_covers_or_adds() -> None:
    assert key("艺术（音乐、美术）专任教师数") == count(f"{FT};subject=11,12")
    assert key("艺术教师") is None  # without the bracket: music, art, dance? not guessed
    assert key("二级及以下（含未定职级）专任教师") == count(f"{FT};title=4,5,9")


def test_the_english_half_of_a_bilingual_wording_keeps_its_number() -> None:
    from service.domain.semantics.text import bilingual
    assert bilingual("教學年資10年或以上 10 years of teaching or more") == ("教學年資10年或以上", "10 years of teaching or more", False)
    assert key("教學年資10年或以上的教師 teachers with 10 years of teaching or more") == count(f"{FT};years=10..")


def test_words_naming_more_than_a_code_are_not_read_as_it() -> None:
    assert key("Science teachers") is None  # physics, chemistry and biology teachers as often as 科学
    assert key("科学教师") == count(f"{FT};subject=14")
    assert key("Academic staff") is None  # teaching staff in one survey, all staff in another


def test_headcount_says_how_people_are_counted_not_whom() -> None:
    under = scene(["Teaching staff", "Headcount"], None, None, "", None, D)
    assert key("Females", scene=under) == count(f"{FT};gender=2")
    assert key("Total headcount") is None  # of staff, or of pupils (a school census counts both)
    assert key("Staff headcount") == "school.staff"


def test_a_bracket_listing_jobs_says_what_a_category_holds() -> None:
    assert key("Ancillary workers (cleaners, cooks, guards)") == count("post_type=4;status=1")
    # "Auxiliary" alone may be 教辅 (China) or site staff (the UK): the jobs listed say which.
    assert key("Auxiliary staff (catering, site and premises)") == count("post_type=4;status=1")
    assert key("Support staff (cleaners, cooks)") is None  # jobs of another post type than the one named
    assert key("Cleaners") is None  # some workers, not all of them


def test_one_range_said_in_two_languages_is_one_range() -> None:
    from service.domain.semantics.reader import Parsed, read
    got = read("30-39歲 30-39", D, hint="teacher.age")
    assert isinstance(got, Parsed) and [(c.min, c.max) for c in got.conditions] == [(30, 39)]


def test_a_band_beside_settles_a_bound_the_two_languages_disagree_on() -> None:
    from service.domain.semantics import settled
    m = match_field(label="30歲以下教師 Teachers under 30", level="school", d=D)
    assert m.key is None and len(m.alternatives) == 2  # 以下 includes 30, "under" does not
    band = definition_of(count(f"{FT};age=30..39"), D)
    assert band is not None
    got = settled(m, [band], D, None)
    assert got is not None and got.key == count(f"{FT};age=..29")
    assert settled(m, [], D, None) is None  # nothing beside it: not guessed


def test_other_countries_words_for_the_terms_of_employment_and_degrees() -> None:
    assert key("Nature of appointment (1-Regular, 3-Contract)", "roster") == "teacher.establishment"
    assert key("Terms of service (Permanent and pensionable / Contract / Intern)", "roster") == "teacher.establishment"
    assert key("Gender (1-Male, 2-Female, 3-Transgender)", "roster") == "teacher.gender"
    assert key("岗位类别（管理/专技/工勤）", "roster") is None  # one shared word: another classification
    assert key("Teachers with a first degree") == count(f"{FT};education=21")
    assert key("Ph.D. teachers") == count(f"{FT};education=11")
    assert key("高级讲师专任教师") == count(f"{FT};title=2")  # the vocational series graded as the teachers'


def test_what_the_records_do_not_hold_is_not_respelled_into_something_they_do() -> None:
    assert key("Highest professional qualification", "roster") is None


def test_answer_blanks_and_portuguese_halves_are_not_the_field() -> None:
    assert key("6. 您从事教师工作的年限（教龄）：____年", "roster") == "teacher.teaching_years"
    assert key("最高學歷 Habilitações académicas mais elevadas", "roster") == "teacher.education"
    assert key("職位 Cargo（教師／行政／教輔／工友）", "roster") == "teacher.post_type"


def test_title_grades_as_hr_counts_them() -> None:
    assert key("初级职称专任教师") == count(f"{FT};title=4,5")  # 二级 and 三级
    assert key("中高级职称专任教师") == count(f"{FT};title=1,2,3")  # 中级 and 高级
    assert key("在编专任教师中：高级教师") == count(f"{FT};establishment=1;title=2")  # 中： is "among them"


def test_a_count_wording_is_not_a_teachers_own_value() -> None:
    assert key("支教教师人数") is None  # not "执教": no teacher's years of teaching is a number of people


def test_the_activity_of_teaching_names_its_years_only_with_a_number_a_duration_or_a_start() -> None:
    assert key("执教教师", "roster") is None  # who teaches, not how long
    assert key("支教教师", "roster") is None  # not respelled into 执教 and read as years
    assert key("您从教多少年", "roster") == key("从教年限", "roster") == "teacher.teaching_years"
    assert key("从教20年以上的教师") == count(f"{FT};years=20..")


def test_a_bracket_adding_values_joins_them_after_the_fields_name() -> None:
    assert key("高级职称（含正高级）专任教师") == count(f"{FT};title=1,2")


def test_a_value_in_a_fields_name_among_its_options_asks_the_field() -> None:
    assert key("Contract type (permanent / fixed-term)", "roster") == "teacher.establishment"


def test_questions_in_the_third_person_and_approximate_or_conditional_ones() -> None:
    assert key("该同志姓名", "roster") == "teacher.name"
    assert key("其民族", "roster") == "teacher.ethnicity"
    assert key("3. 贵校目前在校学生总数约为多少人？") == "school.enrolment"
    assert key("11. 贵校目前有无编外聘用的教师？如有，共多少人？") == count(f"{FT};establishment=2")


def test_ranks_and_posts_of_staff_are_not_titles_or_degrees() -> None:
    assert key("Master teachers") is None  # a Philippine rank, not teachers with a master's
    assert key("Senior Master") is None
    assert key("Teachers with a master's degree") == count(f"{FT};education=14")


def test_a_field_broken_down_by_something_it_does_not_fix_is_no_one_number() -> None:
    assert key("Teachers by type of contract") is None  # not the contract teachers
    assert key("Teachers by gender") is None


def test_a_slip_is_not_corrected_into_a_word_that_says_nothing() -> None:
    assert key("Who manages this school") is None  # not "managed": the school's name
    assert key("Nmber of teachers") == "school.ft_teachers"


def test_by_saying_who_is_no_breakdown() -> None:
    assert key("Teachers employed by the school") == "school.ft_teachers"
    assert key("专任教师按在编") is None  # "by" before a value is no breakdown of it


def test_who_came_in_during_a_period_is_a_flow_not_who_left() -> None:
    assert key("Teachers transferred in") is None
    assert key("调入教师") is None
    assert key("Teachers transferred out") == count("post_type=1;status=3")


def test_among_before_高级及以上_is_among_the_teachers() -> None:
    # "中高级" already includes 正高级: "及以上" after it says the level is 高级 alone.
    assert key("在编专任教师中高级及以上职称") == count(f"{FT};establishment=1;title=1,2")
    assert key("专任教师中高级职称") == count(f"{FT};title=1,2,3")


def test_a_word_for_all_staff_listing_non_teaching_jobs_is_the_forms_own_category() -> None:
    assert key("Employees (accountants, clerks, librarians, security)", type="integer") is None


def test_options_the_records_do_not_hold_are_not_the_fields_values() -> None:
    assert key("Position (Principal / Deputy Principal / Teacher / Relief teacher)", level="roster", type="enum") is None


def test_education_degrees_name_a_professional_qualification_not_a_level() -> None:
    assert key("Teachers with B.Ed. or M.Ed.", type="integer") is None
    assert key("Teachers with B.A./B.Sc.", type="integer") == count(f"{FT};education=21")


def test_payroll_and_labour_contract_say_the_establishment() -> None:
    assert key("Teachers on permanent payroll", type="integer") == count(f"{FT};establishment=1")
    assert key("Teachers on fixed-term labour contracts", type="integer") == count(f"{FT};establishment=2")


def test_a_title_saying_its_table_is_a_cross_tab_names_the_population_before_it() -> None:
    # "交叉表" / "cross-tabulation" names the kind of table, not whom it counts.
    title = "在编专任教师学历与职称交叉汇总表"
    assert key("合计", scene=where(["本科"], title)) == count(f"{FT};establishment=1;education=21")
    assert key("一级", scene=where(["硕士"], title)) == count(f"{FT};establishment=1;education=14;title=3")
    assert key("Total", scene=where(["Female"], "Full-time teachers: age by sex (cross-tabulation)")) == count(f"{FT};gender=2")


def test_a_single_choice_marker_is_noise_and_a_multiple_choice_one_is_not() -> None:
    assert key("3. 您的性别 [单选题] A.男 B.女", level="roster", type="enum") == "teacher.gender"
    assert key("您的最高学历【单项选择题】", level="roster", type="enum") == "teacher.education"
    assert key("Your ethnicity (single choice)", level="roster", type="enum") == "teacher.ethnicity"
    # Several answers to one question are no one value of the records.
    assert key("您任教的学科：[多选题] A.语文 B.数学 C.英语", level="roster", type="text") is None


def test_a_bracket_inside_a_lettered_option_says_what_that_option_takes_in() -> None:
    assert key("您的编制类型：A.在编 B.编外（合同制、劳务派遣）", level="roster", type="enum") == "teacher.establishment"
    assert key("性别：A.男 B.女（含未说明）", level="roster", type="enum") == "teacher.gender"


def test_a_word_for_a_kind_of_people_asks_the_field_its_options_are_values_of() -> None:
    # "人员类别" is the post type by default; options that are all another field's values say which.
    assert key("人员类别（在编/非在编）", level="roster", type="enum") == "teacher.establishment"
    assert key("Staff category (retired / active)", level="roster", type="enum") == "teacher.status"
    assert key("人员类别（专任教师/行政人员）", level="roster", type="enum") == "teacher.post_type"
    # Options of no one field, or a name that is no plain kind of people, stay new.
    assert key("人员类别（管理/专技/工勤）", level="roster", type="enum") is None
    assert key("岗位（在编/编外）", level="roster", type="enum") is None


def test_occupying_an_establishment_slot_is_being_on_staff() -> None:
    assert key("该教师是否占编", level="roster", type="boolean") == "teacher.establishment"
    assert key("占编专任教师数", type="integer") == count(f"{FT};establishment=1")
    assert key("不占编专任教师数", type="integer") == count(f"{FT};establishment=2")


def test_government_schools_are_public_and_learners_are_pupils() -> None:
    assert key("Is this a government school or a private school?", type="enum") == "school.ownership"
    assert key("Learners enrolled", type="integer") == "school.enrolment"
    assert key("Learners with special needs", type="integer") is None
    assert key("Government teachers", type="integer") is None  # teachers of public schools: not a teacher's record


def test_the_coding_scheme_and_the_document_to_copy_from_are_noise() -> None:
    assert key("Highest level of education completed (ISCED levels)", level="roster", type="enum") == "teacher.education"
    assert key("Full name (as on NRIC)", level="roster", type="text") == "teacher.name"
    assert key("NRIC number", level="roster", type="text") is None
    assert key("学校名称（加盖学校公章）", type="text") == "school.name"
    assert key("Terms of employment (permanent employment / fixed-term contract)", level="roster", type="enum") == \
        "teacher.establishment"


def test_a_word_naming_two_fields_takes_the_field_of_the_column_before_it() -> None:
    # "高中" is an education or a kind of school; after "专任教师本科" the columns break down by education.
    s = where([], above="专任教师本科")
    label = "专任教师高中以下（不含）"
    alone = match_field(label=label, level="school", type="integer", scene=s, d=D)
    assert alone.key is None
    beside = beside_column(alone, label, "integer", "school", s, None, D)
    assert beside is not None and beside.key == count(f"{FT};education=71")
    # A column after one of another breakdown, or overlapping the one before it, settles nothing.
    assert beside_column(alone, label, "integer", "school", where([], above="女专任教师"), None, D) is None
    other = match_field(label="其他", level="school", type="integer", scene=where([], above="少数民族专任教师"), d=D)
    assert beside_column(other, "其他", "integer", "school", where([], above="少数民族专任教师"), None, D) is None


def test_中专_and_高中_are_one_level_of_education() -> None:
    assert key("高中及以下学历专任教师") == key("中专及以下学历专任教师") == count(f"{FT};education=41,61,71")
    assert key("中专以上（不含）学历专任教师") == count(f"{FT};education=11,14,21,31")
    assert key("高中以下（不含）学历专任教师") == count(f"{FT};education=71")


def test_people_counted_after_columns_that_name_their_population_are_all_staff() -> None:
    total = Above((), match_field(label="专任教师数", d=D).definition, "专任教师数")
    before = Above((), match_field(label="专任教师男", d=D).definition, "专任教师男")
    renamed = scene([], None, None, "", before, D, total, (), renamed=True)
    assert key("非在编人数", scene=renamed) == count("status=1;establishment=2")
    # Right under the total, or a bare category without a word for people, it is a part of the total.
    assert key("非在编人数", scene=scene([], None, None, "", total, D, total)) == count(f"{FT};establishment=2")
    assert key("非在编", scene=renamed) == count(f"{FT};establishment=2")


def test_a_header_saying_how_teachers_are_employed_reads_of_teachers_alone() -> None:
    s = where(["Staff of your school", "Full-time"])
    assert key("Teachers, all", scene=s) == "school.ft_teachers"
    assert key("Female teachers", scene=s) == count(f"{FT};gender=2")
    # Of other staff the records do not say whether they work full time.
    assert key("Administrative staff", scene=s) is None
    assert key("Teachers, all", scene=where(["Part-time"])) is None


def test_a_level_or_equivalent_is_the_level_and_full_time_equivalents_stay_new() -> None:
    assert key("Teachers holding a master's degree or equivalent", type="integer") == count(f"{FT};education=14")
    assert key("Doctoral-level teachers", type="integer") == count(f"{FT};education=11")
    assert key("Full-time equivalent teachers", type="integer") is None


def test_options_banding_a_number_of_people_ask_the_number() -> None:
    label = "2. 本校女教职工人数：A.10人以下 B.10-30人 C.30人以上"
    assert key(label, type="enum") == count("status=1;gender=2")
    assert key("本校班主任人数：A.10人以下 B.10-30人", type="enum") is None


def test_how_to_answer_after_a_question_is_not_part_of_it() -> None:
    assert key("Do you have a permanent contract? Please tick: Yes / No", level="roster", type="boolean") == \
        "teacher.establishment"
    assert key("您是否为少数民族？请勾选", level="roster", type="boolean") == "teacher.ethnicity"


def test_a_school_code_on_a_roster_is_the_teachers_school() -> None:
    assert key("Code of school (10 digits)", level="roster", type="text") == "teacher.school_code"
    assert key("学校标识码", level="roster", type="text") == "teacher.school_code"
    assert key("学校标识码", level="school", type="text") == "school.code"


def test_options_listed_each_with_its_code_are_the_fields_values() -> None:
    assert key("性别（1男 2女）", level="roster", type="enum") == "teacher.gender"
    assert key("编制（1.在编 2.编外）", level="roster", type="enum") == "teacher.establishment"
    assert key("Sex (1 Male 2 Female)", level="roster", type="enum") == "teacher.gender"
    assert key("岗位（1管理 2专技 3工勤）", level="roster", type="enum") is None


def test_type_alone_is_a_word_for_a_kind_not_the_school_type() -> None:
    assert key("Type of appointment (regular/contract)", level="roster", type="enum") == "teacher.establishment"
    assert key("Type of employment (permanent / temporary)", level="roster", type="enum") == "teacher.establishment"
    assert key("Type", type="enum") is None
    assert key("Type of school", type="enum") == "school.school_type"


def test_on_a_basis_says_the_terms_named() -> None:
    assert key("Teachers employed on a permanent basis", type="integer") == count(f"{FT};establishment=1")
    assert key("Are you employed on a full-time basis?", level="roster", type="enum") is None


def test_a_title_naming_staff_and_their_post_breaks_staff_down_by_post() -> None:
    assert key("合计", scene=where(["在编"], "教职工岗位情况")) == count("status=1;establishment=1")
    assert key("Total", scene=where(["Contract"], "Staff by post and establishment")) == count("status=1;establishment=2")


def test_options_after_boxes_to_tick_are_the_fields_values() -> None:
    assert key("Sex: □ Male □ Female", level="roster", type="enum") == "teacher.gender"
    assert key("现聘职称：□高级 □一级 □二级 □未定级", level="roster", type="enum") == "teacher.title"
    assert key("是否党员：□是 □否", level="roster", type="enum") is None


def test_a_question_to_the_teacher_answered_by_one_fields_values_asks_that_field() -> None:
    assert key("你是：○在编 ○编外", level="roster", type="enum") == "teacher.establishment"
    assert key("Are you: (a) male (b) female", level="roster", type="enum") == "teacher.gender"
    assert key("其中：A.男 B.女", type="integer") is None


def test_a_bracket_saying_a_level_is_included_widens_from_it() -> None:
    assert key("本科（含）以上学历专任教师") == count(f"{FT};education=11,14,21")
    assert key("专科以下（含）学历专任教师") == count(f"{FT};education=31,41,61,71")


def test_decimal_numbering_run_into_the_wording_is_numbering() -> None:
    assert key("2.1女专任教师") == count(f"{FT};gender=2")


def test_a_half_naming_only_the_category_agrees_with_the_half_naming_whom() -> None:
    assert key("少數民族教師 Ethnic minority", type="integer") == count(f"{FT};ethnicity!=01")
    assert key("女教師 Male", type="integer") is None
    assert key("全職教師 Full-time teachers", type="integer") == "school.ft_teachers"


def test_english_words_for_a_stage_of_school_name_a_school_or_an_education_and_need_saying_which() -> None:
    # "High school teachers" teach in high schools as often as they hold a high-school education.
    for label in ("High school teachers", "Upper secondary teachers", "Lower secondary teachers"):
        assert key(label, type="integer") is None, label
    assert key("Teachers with lower secondary education or less", type="integer") == count(f"{FT};education=71")
    assert key("Teachers whose highest qualification is senior high school", type="integer") == count(f"{FT};education=61")


def test_an_age_band_named_before_its_word() -> None:
    assert key("Female teachers in the 50-59 age bracket", type="integer") == count(f"{FT};gender=2;age=50..59")
    assert key("Non-teaching personnel", type="integer") == count("status=1;post_type=2,3,4")


def test_people_beside_a_number_only_the_school_has_are_not_that_number() -> None:
    assert key("Student teachers", type="integer") is None
    assert key("Number of pupils", type="integer") == "school.enrolment"


def test_a_kind_of_school_under_an_education_breakdown_is_the_level_it_stands_for() -> None:
    title = "Full-time teachers by educational attainment"
    t, hint = read_title(title, D)
    s = scene([], t, hint, title, None, D, None, title_by(title, D))
    assert key("Junior secondary school or below", scene=s) == count(f"{FT};education=71")
    assert key("Junior secondary school teachers", type="integer") is None


def test_other_among_a_list_of_unknown_values_is_no_evidence_of_whose_values_they_are() -> None:
    # One of ours among another country's groups, and "other", which fits every list.
    assert key("Ethnic group (Pashtun / Uzbek / Hazara / other)", level="roster") is None
    assert key("民族（汉族/回族/其他）", level="roster") == "teacher.ethnicity"
    assert key("Terms of service (permanent and pensionable / contract / intern)", level="roster") == \
        "teacher.establishment"


def test_options_naming_a_value_through_a_word_but_read_as_a_rank_are_not_our_values() -> None:
    # "principal teacher" and "head teacher" are ranks and posts of a school, not post types.
    assert key("Post (subject teacher / principal teacher / head teacher / bursar)", level="roster") is None
    assert key("Post (teacher / administrative / ancillary)", level="roster") == "teacher.post_type"


def test_role_is_a_word_for_a_kind_whose_options_say_which_field() -> None:
    assert key("Staff role (teacher / administrative / ancillary)", level="roster") == "teacher.post_type"
    assert key("Role", level="roster") is None


def test_a_bracket_saying_lengths_are_in_whole_years_adds_nothing() -> None:
    assert key("Teacher's age (in completed years)", level="roster") == "teacher.age"
    assert key("Years of experience (whole years)", level="roster") == "teacher.teaching_years"


def test_north_american_and_plain_english_staff_and_address_words() -> None:
    assert key("Number of custodial staff", type="integer") == count("status=1;post_type=4")
    assert key("Street address of the school") == "school.address"


def test_a_statistics_tables_row_code_before_the_wording_is_numbering() -> None:
    assert key("07 专任教师数") == "school.ft_teachers"
    assert key("012 女教职工", type="integer") == count("status=1;gender=2")
    # Digits before a unit or a range are the wording's own.
    assert key("40岁以下专任教师") == count(f"{FT};age=..40")
    assert key("25 岁以下专任教师") == key("25岁以下专任教师") == count(f"{FT};age=..25")


def test_a_stated_number_of_digits_must_be_the_codes_own() -> None:
    assert key("行政区划代码（6位）") == "school.region_code"
    assert key("统计用区划代码（12位）") is None
    assert key("Please enter your school's 10-digit identification code.") == "school.code"
    assert key("School code (8 digits)") is None


def test_an_identifier_another_authority_issues_is_not_the_stores() -> None:
    assert key("State school ID") is None
    assert key("County school number") is None
    assert key("National school identifier") == "school.code"  # the dictionary's own words
    assert key("State teacher ID", level="roster") is None
    assert key("Tax number of the employee", level="roster") is None
    assert key("Staff ID", level="roster") == "teacher.id"


def test_english_words_for_terms_of_employment_and_staff_of_other_systems() -> None:
    assert key("Teachers on continuing contracts") == count(f"{FT};establishment=1")
    assert key("Teachers employed on term contracts") == count(f"{FT};establishment=2")
    assert key("Contractual teachers") == count(f"{FT};establishment=2")
    assert key("Janitors and maintenance staff", type="integer") == "school.staff.post_type.worker"
    assert key("Ongoing training hours") is None


def test_the_order_a_name_is_written_in_adds_nothing_and_a_plural_apostrophe_is_dropped() -> None:
    assert key("Full legal name (family name, given name)", level="roster") == "teacher.name"
    assert key("Teachers with more than ten years' experience of teaching") == count(f"{FT};years=11..") == key(
        "Teachers with more than 10 years of teaching experience")


def test_up_to_a_number_includes_it_and_experience_in_education_is_years_of_teaching() -> None:
    assert key("Staff aged up to 29 years", type="integer") == count("status=1;age=..29")
    assert key("Teachers with up to 3 years of teaching experience") == count(f"{FT};years=..3")
    assert key("Years of experience in education", level="roster") == "teacher.teaching_years"
    assert key("Highest qualification earned", level="roster") == "teacher.education"


def test_what_a_category_includes_said_after_the_people_counted_widens_the_category() -> None:
    assert key("一级职称专任教师（含高级）") == key("一级（含高级）职称专任教师") == count(f"{FT};title=2,3")
    assert key("Senior teachers (including senior professors)") == count(f"{FT};title=1,2")
    assert key("女教职工（含退休）", type="integer") is None  # people of another status: not a category's values
    assert key("二级职称教师（含未定职级）Second-grade teachers (incl. unranked)") == count(f"{FT};title=4,9")


def test_a_bracket_saying_either_answer_will_do_adds_nothing() -> None:
    assert key("您的最高学历（第一学历或最高学历均可）", level="roster") == "teacher.education"
    assert key("Gender (either as on the ID card or as you identify)", level="roster") == "teacher.gender"
    assert key("学历（全日制/在职）", level="roster") is None  # two fields offered, not either of them


def test_a_slip_of_shape_a_part_changed_within_a_longer_term_is_corrected() -> None:
    assert key("专仟教师数") == "school.ft_teachers"  # 仟 for 任: 亻 kept, 壬 slipped to 千
    assert key("教铺人员数") == "school.staff.post_type.support"  # 铺 for 辅: 甫 kept
    assert key("工勤人贝", type="integer") == "school.staff.post_type.worker"  # 贝, a part of 员
    # Characters that share no part are other words, not slips.
    assert key("兼任教师数") is None
    assert key("学校网址") is None
    assert key("代课教师数") is None  # 代 and 任 share only their radical


def test_a_negated_kind_of_school_is_the_other_kinds_of_its_list() -> None:
    # "non-state" beside "state", "非公办" beside "公办": the two offered together ask the ownership.
    assert key("Is the school state-run or non-state?", type="enum") == "school.ownership"
    assert key("本校属于公办还是非公办？", type="enum") == "school.ownership"
    assert key("Non-state schools", type="integer") is None  # one kind of school, not a teacher's record
    assert key("非公办学校专任教师", type="integer") is None


def test_the_first_years_of_teaching_are_fewer_whole_years_taught() -> None:
    assert key("Teachers in their first three years of teaching", type="integer") == count(f"{FT};years=..2")
    assert key("How many teachers are within the first 2 years of teaching?", type="integer") == count(f"{FT};years=..1")
    assert key("Teachers during their first year of teaching", type="integer") == count(f"{FT};years=..0")


def test_a_year_asked_of_teaching_is_when_teaching_began() -> None:
    assert key("您是哪年开始教书的？", level="roster") == "teacher.teaching_start"
    assert key("参加教育工作年份", level="roster") == "teacher.teaching_start"
    assert key("Year you first began teaching", level="roster") == "teacher.teaching_start"
    assert key("您教书几年了？", level="roster") == "teacher.teaching_years"
    assert key("参加工作年份", level="roster") is None  # work of any kind is not teaching
    assert key("Year", level="roster") is None


def test_a_slip_into_a_joining_word_is_read_through_as_a_slip_into_an_unknown_one() -> None:
    # "及" typed for "级" leaves a conjunction joining nothing: no department means that as printed.
    assert key("中及职称专任教师", type="integer") == count(f"{FT};title=3")
    assert key("女专任教师及", type="integer") is None


def test_options_shortening_one_value_name_each_are_that_fields_values() -> None:
    assert key("School category (primary / junior / twelve-year)") == "school.school_type"
    # A shortened name is evidence only when every option is one of ours: HR post classes stay new.
    assert key("Post category (management / technical / skilled worker)", level="roster") is None


def test_isced_levels_two_and_three_and_civil_servants_and_a_schools_short_name() -> None:
    assert key("Full-time teachers whose highest level is ISCED 3", type="integer") == count(f"{FT};education=41,61")
    assert key("Teachers at ISCED level 2 or below", type="integer") == count(f"{FT};education=71")
    assert key("Number of civil servant teachers", type="integer") == count(f"{FT};establishment=1")
    assert key("单位名", type="text") == "school.name"


def test_the_identity_document_to_copy_from_is_noise_bracketed_or_not() -> None:
    assert key("Surname and given names exactly as on your passport", level="roster", type="text") == "teacher.name"
    assert key("出生日期（须与身份证一致）", level="roster", type="date") == "teacher.birth_date"
    # A date after "as on" is the reference date of the count, not a document: not taken off.
    assert key("Teachers as on 1 October", type="integer") is None


def test_a_group_and_the_rest_of_it_joined_are_everyone() -> None:
    assert key("Teaching personnel and non-teaching personnel", type="integer") == count("status=1")
    assert key("Total, teaching and non-teaching", type="integer") == count("status=1")
    assert key("编内和非编内专任教师", type="integer") == count(FT)
    assert key("Male and non-male teachers", type="integer") == count(FT)
    # A negation before a conjunction may or may not take in what follows it: not read.
    assert key("非在编或女专任教师", type="integer") is None


def test_options_after_a_colon_are_options_as_in_brackets() -> None:
    assert key("教师性别：男/女", level="roster") == "teacher.gender"
    assert key("Employment: permanent | contract", level="roster") == "teacher.establishment"
    assert key("任教学科：语文/数学/英语/其他", level="roster") == "teacher.subject"
    assert key("政治面貌：党员/团员/群众", level="roster") is None


def test_a_yes_no_question_on_the_status_alone_asks_the_status() -> None:
    assert key("你现在是否已退休？", level="roster") == "teacher.status"
    assert key("Are you currently in service?", level="roster") == "teacher.status"


def test_a_lower_and_an_upper_bound_said_apart_are_one_range() -> None:
    assert key("年满35周岁未满45周岁的专任教师", type="integer") == count(f"{FT};age=35..44")
    assert key("教龄在10年至19年之间的教师", type="integer") == count(f"{FT};years=10..19")
    assert key("45岁≤年龄<50岁的专任教师", type="integer") == count(f"{FT};age=45..49")
    # Bounds that cannot meet, or two ranges, are not one range.
    assert key("45岁以上30岁以下教师", type="integer") is None


def test_english_decades_of_life_and_bounds_before_experience() -> None:
    assert key("Male teachers in their forties", type="integer") == count(f"{FT};gender=1;age=40..49")
    assert key("Teachers in their 60s", type="integer") == count(f"{FT};age=60..69")
    assert key("Teachers with 15 years or more of teaching experience", type="integer") == count(f"{FT};years=15..")
    assert key("Teachers with fewer than 2 years' experience", type="integer") == count(f"{FT};years=..1")


def test_a_bracket_naming_the_level_again_says_whether_it_is_in() -> None:
    assert key("专科以下（不含专科）学历的专任教师", type="integer") == count(f"{FT};education=41,61,71")
    assert key("硕士以上（含硕士）学历教师", type="integer") == count(f"{FT};education=11,14")
    # A bracket leaving out another level is no bound the reader can say: not read.
    assert key("硕士以下（不含本科）学历教师", type="integer") is None


def test_an_english_list_joins_its_items_with_its_commas() -> None:
    # Read before as administrators who are also teachers or staff: the list is all three.
    assert key("Total administrators, teachers and support staff", type="integer") == count("status=1;post_type=1,2,3")
    assert key("Number of teachers, administrators or workers", type="integer") == count("status=1;post_type=1,2,4")
    # A comma with no list after it only separates: "Teachers, female" are female teachers.
    assert key("Teachers, female", type="integer") == count(f"{FT};gender=2")
    assert key("Staff, teachers", type="integer") == count(FT)


def test_the_year_one_was_born_is_the_date_of_birth() -> None:
    assert key("你是哪一年出生的？", level="roster") == "teacher.birth_date"
    assert key("What year were you born in?", level="roster") == "teacher.birth_date"
    assert key("出生地", level="roster") is None  # where, not when


def test_teaching_beside_the_subject_taught_says_what_is_taught() -> None:
    assert key("你现在任教什么学科？", level="roster") == "teacher.subject"
    assert key("任教英语的专任教师", type="integer") == count(f"{FT};subject=03")
    assert key("执教教师", type="integer") is None  # who teaches, not what or how long
    assert key("你在哪个学段任教？", level="roster") is None  # a stage of school is not a subject


def test_questions_asking_which_kind_or_which_of_the_options_below() -> None:
    assert key("你的编制属于哪一种？", level="roster") == "teacher.establishment"
    assert key("你教哪门课程？", level="roster") == "teacher.subject"
    assert key("你的年龄在以下哪个区间？", level="roster") == "teacher.age"
    assert key("你今年多少岁？", level="roster") == "teacher.age"
    assert key("你的最终学历", level="roster") == "teacher.education"


def test_a_sum_spelled_without_spaces_is_noise_but_a_number_plus_is_a_bound() -> None:
    s = where(["Teachers"])
    assert match_field(label="Total (F+M)", level="school", type="integer", scene=s, d=D).key == count(FT)
    assert key("Teachers (55+ years)", type="integer") == count(f"{FT};age=55..")
    # "P&P" is no sum: it abbreviates the terms the bracket spells out.
    assert key("P&P teachers (permanent and pensionable)", type="integer") == count(f"{FT};establishment=1")
    assert key("Permanent and pensionable teaching staff", type="integer") == count(f"{FT};establishment=1")


def test_a_word_naming_two_fields_takes_the_field_of_the_last_category_under_the_same_total() -> None:
    # "专任教师数", then "大专", then "高中": the column before "高中" is the category "大专", not the total.
    s = where([], above="专任教师数")
    alone = match_field(label="高中", level="school", type="integer", scene=s, d=D)
    assert alone.key is None
    associate = match_field(label="专任教师大专", level="school", type="integer", d=D).definition
    assert associate is not None
    beside = beside_column(alone, "高中", "integer", "school", s, None, D, (associate,))
    assert beside is not None and beside.key == count(f"{FT};education=61")
    assert beside_column(alone, "高中", "integer", "school", s, None, D, ()) is None


def test_of_which_after_a_population_named_in_the_same_wording_refines_that_population() -> None:
    # "行政人员数其中女" is a header and its column run together: not the field above it refined.
    s = where([], above="35岁以下专任教师")
    assert match_field(label="行政人员数其中女", level="school", type="integer", scene=s, d=D).key == \
        count("status=1;post_type=2;gender=2")
    assert match_field(label="其中：女", level="school", type="integer", scene=s, d=D).key == \
        count(f"{FT};gender=2;age=..35")


def test_those_who_and_graduate_institute_graduates_in_taiwan_wording() -> None:
    assert key("專任教師中具博士學歷者", type="integer") == count(f"{FT};education=11")
    assert key("研究所畢業之專任教師", type="integer") == count(f"{FT};education=11,14")


def test_the_school_where_one_teaches_is_the_teachers_school() -> None:
    assert key("你现在任教的学校", level="roster") == "teacher.school_code"
    assert key("任教学校代码", level="roster") == "teacher.school_code"
    assert key("在本校任教年限", level="roster") is None  # years at this school are not years of teaching


def test_a_coded_fields_code_is_that_field() -> None:
    assert key("性别代码", level="roster") == "teacher.gender"
    assert key("最高学历代码", level="roster") == "teacher.education"
    assert key("任教学科编码", level="roster") == "teacher.subject"
    assert key("编码", type="text") == "school.code"  # a code alone is the school's, as before


def test_a_school_fields_bare_name_beside_people_is_their_own_not_the_schools() -> None:
    # Read before as the teacher's school code: a teacher's code is an identifier of their own.
    assert key("教职工代码", level="roster") is None
    assert key("Staff member code", level="roster") is None
    assert key("所在学校代码", level="roster") == "teacher.school_code"


def test_one_classification_of_schools_named_with_anothers_values_offered_asks_that_one() -> None:
    assert key("学校类别（公办/民办）") == "school.ownership"
    assert key("School category (urban / rural)") == "school.urban_rural"


def test_kinds_of_school_listed_with_commas_and_areas_ask_the_schools_class() -> None:
    assert key("Is this school in an urban area or a rural area?") == "school.urban_rural"
    assert key("Is the school in a city, a town or a village?") == "school.urban_rural"
    assert key("Rural area schools", type="integer") is None


def test_the_name_of_a_coded_value_is_that_value_but_not_a_name_where_a_code_is_held() -> None:
    assert key("专业技术职务名称", level="roster") == "teacher.title"
    assert key("民族名称", level="roster") == "teacher.ethnicity"
    assert key("工作单位全称", level="roster") is None  # a full name where the records hold a code


def test_how_to_answer_one_value_is_noise_but_what_is_counted_or_several_answers_are_not() -> None:
    assert key("What is your sex? (Please tick one box)", level="roster") == "teacher.gender"
    assert key("What is your age? Please write a number.", level="roster") == "teacher.age"
    assert key("Number of teachers (please include part-time teachers)", type="integer") is None
    assert key("Which of these subjects do you teach? Tick all that apply.", level="roster") is None


def test_lettered_options_may_hold_spaces() -> None:
    assert key("Your age: A. Below 25 B. 25 to 34 C. 35 to 49 D. 50 or over", level="roster") == "teacher.age"
    assert key("Your sex: a) Female b) Male c) Prefer not to say", level="roster") == "teacher.gender"


def test_options_with_their_codes_after_a_colon_are_hints() -> None:
    assert key("Category of staff: 1=Teacher 2=Administrator 3=Support 4=Ancillary", level="roster") == \
        "teacher.post_type"
    assert key("学历：1研究生 2本科 3专科", level="roster") == "teacher.education"
    s = where(["女教职工中"])
    assert match_field(label="女教职工中：46-55岁", level="school", type="integer", scene=s, d=D).key == \
        count("status=1;gender=2;age=46..55")


def test_the_applicant_of_an_application_roster_is_the_teacher() -> None:
    assert key("申请人最高学历", level="roster") == "teacher.education"
    assert key("参评人民族", level="roster") == "teacher.ethnicity"
    assert key("填表人姓名", level="roster") is None  # who fills the form in, not whom the row is about


def test_english_names_of_support_and_worker_staff_categories() -> None:
    assert key("Education assistants") == key("Number of educational assistants") == \
        "school.staff.post_type.support"
    assert key("Building operations staff") == key("Building maintenance workers") == "school.staff.post_type.worker"


def test_the_body_that_runs_a_school_says_its_ownership() -> None:
    assert key("Who operates this school (a government authority or a private organisation)?") == "school.ownership"
    assert key("Who manages the school (a public body or a private organization)?", type="enum") == "school.ownership"
    assert key("Who operates this school?") is None  # who runs it, not its name


def test_a_job_listed_with_a_word_for_its_whole_kind_adds_nothing_to_it() -> None:
    assert key("Total accountants, teachers and staff") == key("All employees and cleaners") == "school.staff"
    assert key("Cleaning and custodial staff") == key("Cooks and ancillary staff") == "school.staff.post_type.worker"
    assert key("Managers") is None  # some administrators (the school's leaders), not all of them
    assert key("Cleaners and teachers") is None  # some workers and the teachers: no post type admits just them


def test_a_primary_subject_is_the_subject_mainly_taught_not_a_primary_school() -> None:
    assert key("Primary subject you teach", level="roster") == key("Main subject area", level="roster") == \
        "teacher.subject"
    assert key("Primary school teachers") is None


def test_a_word_for_any_kind_joined_to_a_field_name_is_that_field_when_the_options_say_so() -> None:
    assert key("Terms of service / employment status (permanent / temporary)", level="roster") == \
        "teacher.establishment"
    assert key("学历/类别（本科/专科）", level="roster") == "teacher.education"
    assert key("Gender / category", level="roster") is None  # two things asked, or one: not said


def test_a_teachers_contract_status_is_the_establishment() -> None:
    assert key("Contract status", level="roster") == "teacher.establishment"



def test_options_naming_the_teachers_who_hold_a_value_are_that_fields_values() -> None:
    assert key("Terms of employment (permanent teacher / temporary teacher)", level="roster") == "teacher.establishment"
    assert key("Terms of service (contract teacher / volunteer)", level="roster") is None  # one value among unknowns


def test_a_front_nasal_typed_for_a_back_one_is_a_slip_within_a_long_term() -> None:
    assert key("少数名族专任教师") == count(f"{FT};ethnicity!=01")  # 名 ming for 民 min
    assert key("专任教师（兼任）") is None  # 兼 is no slip of 专


def test_a_slip_of_shape_in_a_two_character_term_before_a_word_for_people() -> None:
    assert key("退体教职工人数") == key("退休教职工人数") == count("status=2")  # 体 for 休
    assert key("代任教师") is None  # 代 and 任 share only a radical: another word
    assert key("女生人数") is None  # 生 is a part of 性, and 女生 a word of its own (female pupils)


def test_a_teachers_length_of_service_is_years_of_teaching_and_a_physical_address_the_schools() -> None:
    assert key("Length of service (years)", level="roster") == "teacher.teaching_years"
    assert key("Years of service in the civil service", level="roster") is None  # another service
    assert key("Physical address of the school") == "school.address"


def test_english_abbreviations_of_spreadsheets_are_spelled_out() -> None:
    assert key("Num. of PE tchrs") == key("Number of PE teachers")
    assert key("FT staff - qual.: bach. or higher") is None  # full-time says how a teacher is employed, not staff
    assert key("FT tchrs w/ Bach. or higher") == count(f"{FT};education=11,14,21")
    assert key("# of Sr. teachers (incl. Sr Prof.)") == count(f"{FT};title=1,2")
    assert key("Schl code") == "school.code"
    assert key("Retd. tchrs & staff") == count("status=2")
    assert key("Tchrs aged 45 yrs & over") == count(f"{FT};age=45..")


def test_an_abbreviation_standing_for_two_words_is_spelled_out_only_where_its_neighbours_say_which() -> None:
    assert key("Sr. No.", type="text") is None  # a serial number, not a senior one
    assert key("Exp. on teacher training (RMB)", type="decimal") is None  # expenditure, not experience
    assert key("Height of teachers (ft)", type="decimal") is None  # feet after a measure, not full time


def test_a_sign_before_years_of_teaching_bounds_them_as_its_words_do() -> None:
    assert key("Teachers with >= 15 years of service") == key("Teachers with at least 15 years of service") == \
        count(f"{FT};years=15..")
    assert key("Teachers with < 3 years of teaching experience") == count(f"{FT};years=..2")


def test_a_bracket_spelling_the_initials_of_the_words_before_it_adds_nothing() -> None:
    assert key("Teaching Support Staff (TSS)") == "school.staff.post_type.support"
    assert key("Dept. of Administration staff (DAS)") is None  # a department's staff: 'department' is not known
    assert key("Full-time teachers (QT)") is None  # letters that spell no words before them stay a word not known


def test_clerical_executive_and_estate_work_are_jobs_of_administrators_and_workers() -> None:
    assert key("Clerical and administrative personnel") == "school.staff.post_type.administrator"
    assert key("Estate and ancillary staff") == "school.staff.post_type.worker"
    assert key("Executive staff") is None  # some administrators (the school's leaders), not all of them


def test_hints_joined_by_commas_are_no_options() -> None:
    assert key("证件号码（18位，字母大写）", level="roster") == key("身份证号", level="roster") == "teacher.id_number"
    assert key("Name (family name first)", level="roster") == "teacher.name"
    assert key("性别（男，女）", level="roster") == "teacher.gender"  # options, and the field's own


def test_a_bracket_taking_in_a_value_reads_before_the_word_for_their_number_too() -> None:
    assert key("一级教师（含二级）人数") == key("一级教师（含二级）") == count(f"{FT};title=3,4")


def test_a_header_saying_rows_are_counted_apart_names_no_population_of_its_own() -> None:
    assert key("退休人员", scene=where(["另外"], "学校教职工基本情况")) == count("status=2")
    assert key("Retired staff", scene=where(["In addition"])) == count("status=2")


def test_a_level_is_read_only_of_a_ranked_list() -> None:
    assert key("Level of highest education", level="roster") == "teacher.education"
    assert key("Full-time teachers whose title level is senior or above") == count(f"{FT};title=1,2")
    assert key("Grade level of post", level="roster") is None  # a grade of the post: post types are not ranked
    assert key("Post level", level="roster") is None
    assert key("Level of school") is None  # a stage of schooling, not the school's name


def test_years_of_an_activity_of_teaching_are_the_years_of_teaching() -> None:
    assert key("Years in the teaching profession", level="roster") == "teacher.teaching_years"
    assert key("Teachers with under 4 years of teaching service") == count(f"{FT};years=..3")
    assert key("Year of birth", level="roster") == "teacher.birth_date"  # a moment, not a length


def test_newly_hired_is_read_only_with_the_range_that_defines_it() -> None:
    assert key("Newly appointed teachers (fewer than 2 years of teaching experience)") == count(f"{FT};years=..1")
    assert key("新进教师（教龄不满2年）") == count(f"{FT};years=..1")
    assert key("新进教师") is None


def test_a_value_set_against_the_one_asked_adds_nothing() -> None:
    assert key("Teachers on temporary rather than permanent terms") == count(f"{FT};establishment=2")
    assert key("Teachers on permanent terms instead of a contract") == count(f"{FT};establishment=1")


# --- spreadsheets: flattened header paths, pivot tables -----------------------------------------


def read_form(fields: list[dict[str, object]], title: str = "t", level: str = "school") -> list[str | None]:
    """The keys a whole form's fields are read as, each in its place (None for new)."""
    from service.domain.requests import FieldIn, RequestIn, read_fields
    from service.domain.scope import Scope

    req = RequestIn(title=title, purpose="p", kind="statistical", level=level,  # type: ignore[arg-type]
                    fields=[FieldIn.model_validate({"type": "integer", **f}) for f in fields],
                    scope=Scope(regions=["430000"]), reference_date=date(2026, 9, 1), due_date=date(2026, 12, 1))
    return [a.key if a.matched else None for a in read_fields(req, D)]


def misread(title: str, level: str, fields: list[tuple[list[str], str, str | None]],
            not_yet: dict[str, str] | None = None) -> list[str]:
    """The fields of a whole form that do not read as expected, each as "headers / wording: want, got".
    Each field is (headers, wording, what it reads as: a key, a count's conditions as
    test_reader_vocabulary writes them, or None for new). A field in `not_yet` (by its path) must
    still be missed: a rule that reads it moves it out."""
    from tests.domain.test_reader_vocabulary import _expected

    typed = "integer" if level == "school" else "text"
    got = read_form([{"headers": h, "label": w, "type": typed} for h, w, _ in fields], title=title, level=level)
    wrong = []
    for (h, w, k), g in zip(fields, got, strict=True):
        path = " / ".join([*h, w])
        want = _expected(k) if k is not None and level == "school" else k
        if (g != want) != (path in (not_yet or {})):
            wrong.append(f"{path}: want {k}, got {g}")
    return wrong


def test_a_column_name_flattening_nested_headers_is_read_under_them() -> None:
    got = read_form([{"label": "Educators > All"}, {"label": "Educators > Terms > Permanent"},
                     {"label": "Educators > Terms > Temporary"}, {"label": "Educators > Teaching experience > Under 10 years"},
                     {"label": "Educators > Highest education > Doctorate"}, {"label": "Educators > Highest education > Master"},
                     {"label": "Educators > Highest education > Other"}])
    assert got == ["school.ft_teachers", count(f"{FT};establishment=1"), count(f"{FT};establishment=2"),
                   count(f"{FT};years=..9"), count(f"{FT};education=11"), count(f"{FT};education=14"),
                   count(f"{FT};education=21,31,41,61,71")]
    assert read_form([{"label": "教职工｜在编｜女"}]) == [count("status=1;establishment=1;gender=2")]


def test_a_slash_after_a_counts_head_word_parts_a_header_path() -> None:
    got = read_form([{"label": "专任教师数/女"}, {"label": "专任教师数/少数民族"}, {"label": "教职工数/女"},
                     {"label": "专任教师数/35岁及以下"}, {"label": "专任教师数/女/35岁以下"}])
    assert got == [count(f"{FT};gender=2"), count(f"{FT};ethnicity!=01"), count("status=1;gender=2"),
                   count(f"{FT};age=..35"), count(f"{FT};gender=2;age=..35")]
    assert read_form([{"label": "专任教师数（人）/女"}]) == [count(f"{FT};gender=2")]
    # Two counts either side of a slash are a ratio; values either side are alternatives.
    assert read_form([{"label": "学生数/教师数"}, {"label": "在校学生数/专任教师数"}, {"label": "男/女"}]) == [None, None, None]


def test_bare_english_bands_under_a_teaching_experience_header_are_years() -> None:
    for header in ("Teaching experience", "Years of experience"):
        got = read_form([{"label": "Number of teachers"}, {"headers": [header], "label": "Under 10"},
                         {"headers": [header], "label": "10-19"}, {"headers": [header], "label": "20 and over"}])
        assert got == ["school.ft_teachers", count(f"{FT};years=..9"), count(f"{FT};years=10..19"),
                       count(f"{FT};years=20..")]


def test_years_of_education_service_are_years_of_teaching() -> None:
    assert key("Teachers with 20+ years of education service") == count(f"{FT};years=20..")
    assert key("Teachers with less than 3 years of educational service") == count(f"{FT};years=..2")
    assert key("Teachers with at least 20 years in the education service") == count(f"{FT};years=20..")
    assert key("Teachers with 5 years or less of teaching experience") == count(f"{FT};years=..5")


def test_the_school_a_count_question_opens_with_is_its_subject_not_where_years_were_spent() -> None:
    assert key("贵校教龄不满3年的专任教师有多少人？") == count(f"{FT};years=..2")
    assert key("贵校专任教师中教龄不满3年的有多少人？") == count(f"{FT};years=..2")
    assert key("贵校有多少名教师在本校任教满10年？") is None
    assert key("在本校任教满10年的教师") is None  # years taught here, not years of teaching
    assert key("贵校工作满10年的教师有多少人？") is None


def test_a_slip_of_shape_in_the_word_for_people_is_read_as_that_word() -> None:
    assert key("本科学历教帅") == count(f"{FT};education=21")
    assert read_form([{"label": "专任教师"}, {"label": "其中：女教帅"}]) == ["school.ft_teachers", count(f"{FT};gender=2")]


def test_marks_listing_options_or_bounding_a_range_part_no_headers() -> None:
    assert read_form([{"label": "是否在编：是|否", "type": "enum"}], level="roster") == ["teacher.establishment"]
    assert read_form([{"label": "性别（男｜女）", "type": "enum"}], level="roster") == ["teacher.gender"]
    assert read_form([{"label": "专任教师30-39岁"}]) == [count(f"{FT};age=30..39")]


def test_a_pivot_tables_layout_words_say_where_a_value_sits_not_what_it_is() -> None:
    got = read_form([{"headers": ["Row Labels: Administrators"], "label": "Count of Staff ID"},
                     {"headers": ["Row Labels: Administrators", "Column Labels: Female"], "label": "Count of Name"},
                     {"headers": ["行标签：教辅人员"], "label": "计数项:工号"},
                     {"headers": ["行标签：教辅人员"], "label": "计数项:专业技术职务"},
                     {"headers": ["行标签：教辅人员"], "label": "求和项:工号"},
                     {"headers": ["Row Labels: Administrators"], "label": "Average of Age", "type": "decimal"},
                     {"headers": ["Row Labels: Administrators"], "label": "Max of Date of birth", "type": "date"}],
                    title="PivotTable of the staff roster")
    assert got == [count("post_type=2;status=1"), count("post_type=2;status=1;gender=2"), count("post_type=3;status=1"),
                   None, None, None, None]


def test_a_grand_total_of_a_pivot_counts_the_people_of_the_roster_its_title_names() -> None:
    assert read_form([{"headers": ["总计"], "label": "计数项:身份证号"}], title="全体教职工花名册 数据透视表") == ["school.staff"]
    assert read_form([{"headers": ["总计"], "label": "计数项:工号"}],
                     title="教职工花名册数据透视表（报表筛选：任职状态=退休）") == [count("status=2")]


def test_a_word_naming_a_field_of_both_levels_is_read_at_the_forms_level_even_when_it_is_a_label() -> None:
    assert key("Name") == "school.name"
    assert key("Name", level="roster") == "teacher.name"
    assert key("Campus name") == "school.name"


# --- columns named by a code, with a note -------------------------------------------------------


def test_a_column_named_by_its_code_reads_as_its_note_and_a_note_may_refine_another_column() -> None:
    got = read_form([{"label": "栏1（说明：本栏填教职工，不含劳务派遣人员）"}, {"label": "栏2（说明：栏1中的男性）"},
                     {"label": "栏3（说明：栏1中满50周岁者）"}, {"label": "栏4（说明：栏2中本科学历者）"},
                     {"label": "栏5（说明：栏9中的女性）"}, {"label": "栏6"}])
    assert got == ["school.staff", count("status=1;gender=1"), count("status=1;age=50.."),
                   count("status=1;gender=1;education=21"), None, None]


def test_a_note_refining_a_column_not_read_stays_new() -> None:
    got = read_form([{"label": "栏1（说明：在校学生数中的寄宿生）"}, {"label": "栏2（说明：栏1中的女性）"}])
    assert got == [None, None]


def test_leaving_out_people_the_records_never_hold_adds_nothing() -> None:
    assert key("专任教师（不含代课教师、兼职教师）") == key("专任教师，不包括劳务派遣人员") == "school.ft_teachers"
    assert key("专任教师（不含外籍教师）") is None  # foreign teachers may be in the records: not said which


def test_a_clause_saying_a_row_is_counted_apart_says_nothing_of_whom_it_counts() -> None:
    assert key("退休人员（不计入教职工总数）") == key("退休教职工，不在合计内") == count("status=2")
    assert key("代课教师，另计") is None


def test_a_level_said_to_take_in_others_after_a_comma_unites_them() -> None:
    assert key("其中：研究生毕业，含博士、硕士", scene=where([], above="专任教师数")) == count(f"{FT};education=11,14")


# --- vocabulary of round 13: workplaces, ids, codes printed beside names, degrees -------------


def test_a_household_registers_word_for_the_place_of_work_is_the_teachers_school() -> None:
    assert key("服务处所：", level="roster") == "teacher.school_code"


def test_the_employers_own_local_id_is_the_staff_id_but_another_authoritys_is_not() -> None:
    assert key("Local employee ID", level="roster") == "teacher.id"
    assert key("State employee ID", level="roster") is None


def test_years_of_service_in_education_are_the_years_of_teaching() -> None:
    assert key("Total years of education service", level="roster") == "teacher.teaching_years"


def test_a_classification_whose_known_options_leave_room_for_the_unknown_ones_is_that_field() -> None:
    assert key("Employee classification (Teacher / Administrator / Librarian aide / Counsellor)",
               level="roster") == "teacher.post_type"
    # Known options naming every value of the field: an unknown one is another classification.
    assert key("Appointment code (Permanent / Contract / Probation)", level="roster") is None


def test_a_school_owned_publicly_or_privately_asks_its_ownership_once_said_twice() -> None:
    assert key("Is this school government (public) or privately owned?") == "school.ownership"


def test_the_reference_date_said_as_census_day_adds_nothing() -> None:
    assert key("Teachers aged 55 or over on census day") == count(f"{FT};age=55..")


def test_codes_printed_beside_the_names_they_stand_for_add_nothing() -> None:
    assert key("Teachers of contract type TMP (temporary)") == count(f"{FT};establishment=2")
    assert key("Teachers of contract type PRM or PERM (permanent)") == count(f"{FT};establishment=1")
    assert key("Administrators (codes ADMN, BURS)") == count("post_type=2;status=1")
    assert key("Staff, ethnicity code ABCD (Some group)") is None  # the name is what is read
    assert key("Employer (TSC / BOM)", level="roster") is None  # bare capitals may be options


def test_a_value_left_out_in_a_bracket_is_taken_out() -> None:
    assert key("一级及以上职称专任教师（不含正高级）") == count(f"{FT};title=2,3")
    assert key("专任教师中，高级教师（不含正高级）") == count(f"{FT};title=2")  # 中, then a comma: "among them"


def test_a_degree_asked_is_not_the_education_level_unless_its_options_are_the_levels() -> None:
    assert key("Degree held", level="roster") is None
    assert key("Highest degree code", level="roster") is None
    assert key("Highest degree (bachelor / master / doctorate)", level="roster") == "teacher.education"
    assert key("Teachers holding a master's degree or higher") == count(f"{FT};education=11,14")


def test_a_contract_type_is_read_with_a_value_or_options_never_alone() -> None:
    assert key("Teachers on contract type fixed-term") == count(f"{FT};establishment=2")
    assert key("Type of contract (permanent / temporary)", level="roster") == "teacher.establishment"
    assert key("Type of contract", level="roster") is None
    assert key("Contract type (local permanent / overseas fixed-term)", level="roster") is None


def test_facilities_staff_are_workers() -> None:
    assert key("Facilities and maintenance staff") == key("Facilities staff") == "school.staff.post_type.worker"
