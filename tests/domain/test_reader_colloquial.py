"""Requests typed by department staff themselves (round 23 of the corpus): spoken Chinese, chat
spelling in English, a phrase switching language in the middle, a system's keys before what they hold,
fill-in hints in brackets. Each in wordings of our own, with the traps beside them."""

from __future__ import annotations

from tests.domain.test_semantics import misread


def test_spoken_chinese_asks_what_the_written_form_asks() -> None:
    assert misread("老师情况摸底", "school", [
        ([], "45岁以上的老教师有几个", "FT;age=45.."),
        ([], "女老师有没有？有多少", "FT;gender=2"),
        ([], "老教师几个", None),  # no age says who is old
    ]) == []
    assert misread("老师信息收集", "roster", [
        ([], "老师叫啥名字", "teacher.name"),
        ([], "您教了多少年书？", "teacher.teaching_years"),
        ([], "职称（还没评的写未定级）", "teacher.title"),
        ([], "学历（填最高的）", "teacher.education"),
        ([], "你有编制吗？（有/没有）", "teacher.establishment"),
        ([], "所在学校（写全称）", None),  # the school's name, which a roster does not hold
    ]) == []


def test_chat_spelling_in_english_is_read_as_the_words_it_stands_for() -> None:
    assert misread("Quick staff check", "school", [
        ([], "how many tchrs r male?", "FT;gender=1"),
    ]) == []
    assert misread("Staff details", "roster", [
        ([], "Ur birth date?", "teacher.birth_date"),
        ([], "How long have u been teaching (yrs)?", "teacher.teaching_years"),
    ]) == []


def test_a_phrase_switching_language_midway_is_one_wording() -> None:
    assert misread("Staff numbers 教职工数", "school", [
        ([], "专任教师 male", "FT;gender=1"),
        ([], "在编 teachers", "FT;establishment=1"),
        ([], "retired 教职工", "status=2"),
        ([], "专任教师 aged 50+", "FT;age=50.."),
        # a translation that disagrees names one field twice: neither is read
        ([], "女教师 Male teachers", None),
        ([], "专任教师 Administrative staff", None),
    ]) == []
    # Chinese words the reader does not know narrow the English: not a gloss in a language it cannot read
    assert misread("Staff numbers 教职工数", "school", [
        ([], "临时工 staff", None),
        ([], "银龄 teachers", None),
        ([], "專任教師 Full-time teachers", "FT"),
    ]) == []


def test_a_systems_key_before_what_it_holds_is_dropped() -> None:
    assert misread("API: staff record", "roster", [
        ([], "xb 性别", "teacher.gender"),
        ([], "gh 工号", "teacher.id"),
        ([], "dob: date of birth", "teacher.birth_date"),
        ([], "ethn_cd: ethnic group", "teacher.ethnicity"),
        ([], "qq 联系方式", None),  # a key that spells nothing of the words: as printed
    ]) == []
    assert misread("API: school totals", "school", [
        ([], "zrjs_male 专任教师男", "FT;gender=1"),
        ([], "jzg_zb 在编教职工", "status=1;establishment=1"),
    ]) == []


def test_a_keys_bound_must_agree_with_the_words_after_it() -> None:
    assert misread("API: teachers by age", "school", [
        ([], "zrjs_age_le40 专任教师40岁及以下", "FT;age=..40"),
        ([], "zrjs_age_ge50 专任教师50岁及以上", "FT;age=50.."),
        ([], "zrjs_age_lt30 专任教师30岁及以下", None),  # under 30, or 30 and under: the two disagree
    ]) == []


def test_a_bracket_saying_which_ends_of_a_range_it_takes_in_bounds_the_range() -> None:
    assert misread("教师年龄结构", "school", [
        ([], "30到40岁的专任教师（含30不含40）", "FT;age=30..39"),
        ([], "40至50岁专任教师（不含40，含50）", "FT;age=41..50"),
    ]) == []


def test_a_schools_faculty_are_its_teachers() -> None:
    assert misread("Faculty and staff (school profile)", "school", [
        ([], "Total faculty and staff", "status=1"),
        ([], "Faculty holding a master's degree", "FT;education=14"),
        ([], "Female faculty members", "FT;gender=2"),
        ([], "Non-faculty staff", "status=1;post_type=2,3,4"),
        ([], "Adjunct faculty", None),
    ]) == []
