"""Round 23's reader rules read against wordings meant to trip them: 叫, 老 and fill-in hints in other
senses; "r" and "u" that are grades, blocks and forms, not chat spelling; a phrase switching language
whose other half adds a category; a key whose parts say more than, or otherwise than, the words after it;
a colon after a real word or a key that shortens other words; "faculty" as a university's division; a
roster whose title names a role pupils or parents hold themselves. Each in wordings of our own."""

from __future__ import annotations

from tests.domain.test_semantics import misread

# --- spoken Chinese ----------------------------------------------------------------------------------


def test_spoken_words_in_other_senses_are_not_read_as_the_rule_reads_them() -> None:
    assert misread("老师情况摸底", "school", [
        ([], "老家在外地的教师有几个", None),  # 老家 is a home town, not an age
        ([], "来自革命老区的专任教师数", None),
        ([], "50岁以上的老年教师数", None),
        ([], "老教师带新教师结对数", None),
        ([], "45岁以下的老教师有几个", None),  # young and old at once: the two disagree
        ([], "50岁以上的老教师有几个", "FT;age=50.."),
        ([], "60岁以上的老教职工数", "status=1;age=60.."),
        ([], "女教师有没有？有几个", "FT;gender=2"),
        ([], "专任教师数（没有的填0）", "FT"),
    ]) == []
    assert misread("老师信息收集", "roster", [
        ([], "学校叫啥名字", None),  # the school's name, not the teacher's
        ([], "班主任叫什么", None),
        ([], "你孩子叫啥名字", None),
        ([], "籍贯（老家）", None),
        ([], "在本校教了几年书", None),  # years at this school, not years of teaching
        ([], "教了几年数学", None),
        ([], "教了几年级的书", None),
        ([], "你教了几年书了", "teacher.teaching_years"),
        ([], "学历（写第一学历）", None),
        # another value written for those without one is not the field's
        ([], "职称（没评的写拟评职称）", None),
        ([], "身份证号（没有的写护照号）", None),
        ([], "职称（没有的填无）", "teacher.title"),
        ([], "学历（写最高的）", "teacher.education"),
        ([], "是否党员（是/不是）", None),
    ]) == []


# --- chat spelling -----------------------------------------------------------------------------------


def test_a_letter_r_or_u_that_is_a_grade_a_form_or_a_block_is_not_chat_spelling() -> None:
    assert misread("Quick staff check", "school", [
        ([], "Form U teachers", None),
        ([], "Grade r teachers", None),
        ([], "female teachers grade r to 3", None),
        ([], "No. of teachers teaching grade r", None),
        ([], "teachers who teach r and d", None),
        ([], "female teachers in block u", None),
        ([], "Teachers u35", None),
        ([], "How many tchrs r retired?", "post_type=1;status=2"),
    ]) == []
    assert misread("Staff details", "roster", [
        ([], "UR number", None),
        ([], "Your UR code", None),
        ([], "Form u tutor name", None),
        ([], "Ur child's name", None),
        ([], "ur spouse's DOB", None),
        ([], "Ur full name", "teacher.name"),
    ]) == []


# --- a phrase switching language ---------------------------------------------------------------------


def test_a_half_in_another_language_adding_what_the_first_does_not_say_is_not_read_whole() -> None:
    assert misread("Staff numbers 教职工数", "school", [
        ([], "专任教师 part-time", None),
        ([], "在编 teachers on contract", None),
        ([], "代课教师 teachers", None),
        ([], "专任教师 other", None),
        ([], "教职工 teachers", None),
        ([], "学生 female", None),
        ([], "专任教师 female students", None),
        ([], "专任教师 Female (%)", None),
        ([], "retired 专任教师", "post_type=1;status=2"),
        ([], "女 staff", "status=1;gender=2"),
    ]) == []


# --- a key before its words --------------------------------------------------------------------------


def test_a_key_saying_more_than_its_words_is_not_dropped() -> None:
    assert misread("API: school totals", "school", [
        ([], "zrjs_nv 专任教师", None),  # the key says female, the words were cut short
        ([], "zrjs_female 专任教师", None),
        ([], "jzg_zb 教职工", None),
        ([], "zrjs_tx 专任教师", None),
        ([], "jzg_ltx 教职工", None),
        ([], "zrjs_ssmz 专任教师", None),
        ([], "zrjs_yjs 专任教师", None),
        ([], "zrjs_2023 专任教师", None),
        ([], "jzg_zb_nv 在编教职工", None),
        ([], "zrjs_total 专任教师总数", "FT"),
        ([], "zrjs_bk 专任教师本科", "FT;education=21"),
        ([], "bzr_num 班主任人数", None),
    ]) == []


def test_a_key_saying_otherwise_than_its_words_is_not_dropped() -> None:
    assert misread("API: school totals", "school", [
        ([], "zrjs_male 专任教师女", None),
        ([], "zrjs_nan 专任教师女", None),
        ([], "zrjs_35yx 专任教师35岁以上", None),  # yx: 以下
        ([], "zrjs_u35 专任教师35岁以上", None),
        ([], "zrjs_35plus 专任教师35岁以下", None),
        ([], "zrjs_age_35_below 专任教师35岁以上", None),
        ([], "zrjs_age_ge10 专任教师教龄10年及以上", None),  # an age in the key, years of teaching in the words
        ([], "zrjs_age_gt55 专任教师55岁以上", None),
        ([], "zrjs_age_lt36 专任教师35岁及以下", "FT;age=..35"),
        ([], "zrjs_age_ge55 专任教师55岁以上", "FT;age=55.."),
    ]) == []


def test_a_key_before_a_colon_must_shorten_the_words_after_it() -> None:
    assert misread("API: staff record", "roster", [
        ([], "kid1: date of birth", None),
        ([], "emerg: name", None),
        ([], "ref1: name", None),
        ([], "prev_edu: highest education", None),
        ([], "edu_1st: highest education", None),
        ([], "hire_dt: date of birth", None),
        ([], "spouse_dob: date of birth", None),
        ([], "dob_child: date of birth", None),
        ([], "Note: full name", None),
        ([], "Source: date of birth", None),
        ([], "Unit: 人", None),
        ([], "Instructions: date of birth", None),
        ([], "ethn_cd: ethnic group", "teacher.ethnicity"),
        ([], "edu_lvl: highest education", "teacher.education"),
        ([], "tch_start: date started teaching", "teacher.teaching_start"),
        ([], "nm: full name", "teacher.name"),
    ]) == []


# --- faculty -----------------------------------------------------------------------------------------


def test_faculties_are_a_universitys_divisions_not_its_teachers() -> None:
    assert misread("Faculty of Education staff", "school", [
        ([], "Number of faculties", None),
        ([], "Faculty of Science teachers", None),
        ([], "Faculty (all staff incl. support)", None),
        ([], "Faculty headcount", "FT"),
        ([], "Faculty and staff", "status=1"),
    ]) == []
    assert misread("Staff details", "roster", [
        ([], "Faculty", None),
        ([], "Which faculty do you belong to", None),
    ]) == []


# --- a role after the other people a roster names ------------------------------------------------------


def test_a_role_pupils_or_parents_hold_themselves_leaves_the_rows_theirs() -> None:
    for title in ("家长委员会成员名单", "家长委员会主任名单", "学生信息员名单", "学生干部名单", "家长志愿者名单",
                  "Student council officers", "Student leaders", "Student teaching assistants", "Student mentors",
                  "Parent liaisons", "Parent chaperones", "Parent volunteers coordinators"):
        assert misread(title, "roster", [([], "姓名" if title[0] > "~" else "Name", None)]) == [], title
    for title in ("家长会班主任名单", "学生心理健康辅导员登记表", "学生社团指导教师名单", "Student council advisers",
                  "Pupil support officers"):
        assert misread(title, "roster", [([], "姓名" if title[0] > "~" else "Name", "teacher.name")]) == [], title


# --- which ends of a range a bracket takes in ----------------------------------------------------------


def test_a_bracket_naming_other_ends_than_the_ranges_bounds_nothing() -> None:
    assert misread("教师年龄结构", "school", [
        ([], "25到30岁的专任教师（含26不含30）", None),
        ([], "50岁以上的专任教师（含50不含60）", None),  # an upper end the range does not have
        ([], "30到40年教龄的专任教师（含30不含40）", None),
        ([], "25到30岁的专任教师（含25，含30）", "FT;age=25..30"),
        ([], "40至45岁专任教师（含40不含45）", "FT;age=40..44"),
    ]) == []
