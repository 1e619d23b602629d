"""Questions as instruments and survey tools print them: an answer box after a colon ("：[填空题]"), the
answer column a tool exports under its question ("Open-Ended Response"), lettered options in brackets
("（A.小学 B.初级中学）", "(A) Male (B) Female (C) Prefer not to say"), a matrix question's stem over its
rows, the respondent as "you", spoken questions ("你有编制没？"); and a question asking a number for each of
several groups ("男、女教师各多少人？"), which is two fields, not their sum. In wordings of our own."""

from __future__ import annotations

from tests.domain.test_reader_known_faults import each
from tests.domain.test_semantics import misread


def test_a_question_with_its_answer_box_or_answer_column_reads_as_the_question() -> None:
    assert each("教师队伍问卷", "school", [
        ([], "4、贵校女专任教师人数：[填空题]", "FT;gender=2"),
        ([], "9、贵校教龄满20年的专任教师人数：[填空题]", "FT;years=20.."),
        ([], "贵校专任教师人数：[填空题]（必填）", "FT"),
    ]) == []
    assert misread("Staffing survey (export)", "school", [
        (["How many teachers does your school employ?"], "Open-Ended Response", "FT"),
        (["How many of your teachers are under 30?"], "Response", "FT;age=..29"),
        (["What is your school's main phone number?"], "Response", None),
    ]) == []


def test_options_in_brackets_and_a_matrix_stem_say_what_is_asked() -> None:
    assert each("教师问卷", "roster", [
        ([], "3. 您的最高学历（A.研究生 B.本科 C.专科 D.高中及以下）", "teacher.education"),
        ([], "Q2. What is your sex? (a) Male (b) Female (c) Prefer not to say", "teacher.gender"),
        ([], "Q4. Highest qualification: [A] Doctorate [B] Master's [C] Bachelor's [D] Other", "teacher.education"),
        ([], "第6题 您目前的工作岗位是？", "teacher.post_type"),
        (["learner_survey"], "Respondent's age", "teacher.age"),
    ]) == []
    assert misread("学校人员情况调查", "school", [
        (["5. 贵校下列各类在职人员各有多少人？（矩阵填空题）"], "专任教师", "FT"),
        (["5. 贵校下列各类在职人员各有多少人？（矩阵填空题）"], "教辅人员", "status=1;post_type=3"),
    ]) == []


def test_spoken_questions_read_as_their_written_words() -> None:
    assert each("老师信息收集", "roster", [
        ([], "你有编制没？", "teacher.establishment"),
        ([], "有没有编制", "teacher.establishment"),
        ([], "你评上啥职称了？", "teacher.title"),
        ([], "你在哪个学校上班？", "teacher.school_code"),
        ([], "该同志出生于何年何月？", "teacher.birth_date"),
        ([], "该同志现年几岁？", "teacher.age"),
        ([], "有没有教师资格证", None),
    ]) == []


def test_a_number_for_each_of_several_groups_is_not_their_sum() -> None:
    assert each("教师问卷", "school", [
        ([], "贵校男、女专任教师各多少人？", None),
        ([], "贵校专任教师、行政人员各有多少人？", None),
        ([], "How many male and female teachers are there, respectively?", None),
        ([], "贵校专任教师共有多少人？", "FT"),
    ]) == []


def test_a_workforce_is_the_staff_and_a_question_about_the_teacher_asks_the_field() -> None:
    assert each("Workforce return", "school", [
        ([], "Total workforce (all employees)", "status=1"),
        ([], "Female workforce", "status=1;gender=2"),
        ([], "Teacher workforce", "FT"),
    ]) == []
    assert each("Staff roster", "roster", [
        ([], "Does the teacher have a master's degree?", "teacher.education"),
        ([], "Does the teacher hold a teaching certificate?", None),
    ]) == []
