"""Mechanisms blind round 20 showed, each in wordings of our own: a workbook's sheets pasted into one table
with each column after its sheet's name, Chinese printed with its pinyin, a system's field ids in lower
camel case and numbered custom slots, statements the teacher completes in the first person, "full-time"
under a header of teachers, on and off the establishment in Caribbean English, a lone katakana letter typed
for a Han character, "Surname and other names", the rest of one breakdown under a header over several, and
options that split a value listed beside them. Each field is read in its place on its form; None is a
field that must stay `new`."""

from __future__ import annotations

from service.domain.semantics.text import fold
from tests.domain.test_semantics import misread


def test_a_worksheets_name_before_a_column_is_a_header_over_it() -> None:
    """"【Sheet2 专任教师】女": the sheet the column was copied from names whom it counts, as a header
    would; a sheet naming no one ("基本信息") leaves the column as it is, and its number is nothing."""
    assert misread("教师队伍情况汇总（多表合并）", "school", [
        ([], '[Sheet1: 基本信息] 学校名称', 'school.name'),
        ([], '（工作表1 基本信息）学校代码', 'school.code'),
        ([], '【Sheet2 专任教师】合计', 'FT'),
        ([], '【Sheet2 专任教师】男', 'FT;gender=1'),
        ([], '【Sheet2 专任教师】研究生', 'FT;education=11,14'),
        ([], '【Sheet2 专任教师】高级', 'FT;title=2'),
        ([], '[表3 教职工] 工勤人员', 'status=1;post_type=4'),
        ([], '[表3 教职工] 汉族', 'status=1;ethnicity=01'),
        ([], '九、【Sheet4 退休人员】女', 'status=2;gender=2'),
    ]) == []


def test_a_sheet_that_names_no_one_held_reads_nothing_into_its_columns() -> None:
    """A sheet of trainings, of pupils or of notes: its columns stay what they are, and `new`."""
    assert misread("学校信息采集（合并）", "school", [
        ([], '【Sheet4 培训情况】女', None),
        ([], '【Sheet4 培训情况】参训人次', None),
        ([], '【Sheet5 学生】女生', None),
        ([], '【Sheet6 说明】联系电话', None),
        ([], '【必填】学校名称', 'school.name'),
    ]) == []


def test_pinyin_after_chinese_is_taken_off_and_other_latin_is_not() -> None:
    """"女教师 Nǚ jiàoshī", "本科 Benke": Latin words spelling the characters before them in pinyin (with
    or without tones) add nothing; English or pinyin of other characters stays."""
    assert fold("专任教师 Zhuānrèn jiàoshī") == fold("专任教师")
    assert fold("本科 Benke") == "本科"
    assert fold("鄂伦春族（Èlúnchūnzú）") == fold("鄂伦春族")
    assert fold("女 Female") != fold("女")
    assert fold("女 Nan") != fold("女")
    assert misread("民族中学教师情况 Mínzú Zhōngxué Jiàoshī Qíngkuàng", "school", [
        (['专任教师 Zhuānrèn jiàoshī'], '合计 Héjì', 'FT'),
        (['专任教师 Zhuānrèn jiàoshī'], '男 Nán', 'FT;gender=1'),
        (['专任教师 Zhuānrèn jiàoshī'], '朝鲜族 Cháoxiǎnzú', 'FT;ethnicity=10'),
        (['专任教师 Zhuānrèn jiàoshī'], '硕士 Shuòshì', 'FT;education=14'),
        (['专任教师 Zhuānrèn jiàoshī'], '双语教学 Shuāngyǔ jiàoxué', None),
    ]) == []


def test_the_rest_of_one_breakdown_under_a_header_over_several() -> None:
    """"其他民族" after "女", "藏族", "汉族" under one header: the rest of the ethnicities listed, whatever
    other breakdowns share the header; "专科以下" beside "专科" excludes it though a column between them
    is not read. A residual naming another breakdown than those listed ("其他学科") stays new."""
    assert misread("藏族地区学校专任教师情况", "school", [
        (['专任教师'], '合计', 'FT'),
        (['专任教师'], '女', 'FT;gender=2'),
        (['专任教师'], '藏族', 'FT;ethnicity=04'),
        (['专任教师'], '汉族', 'FT;ethnicity=01'),
        (['专任教师'], '其他民族', 'FT;ethnicity!=01,04'),
        (['专任教师'], '藏语授课', None),
        (['专任教师'], '本科', 'FT;education=21'),
        (['专任教师'], '专科', 'FT;education=31'),
        (['专任教师'], '专科以下', 'FT;education=41,61,71'),
        (['专任教师'], '其他学科', None),
    ]) == []


def test_a_bilingual_residual_and_a_half_saying_which_field() -> None:
    """"其他民族 Other ethnic groups" is the rest in both languages; "县（市、区）代码 County code": the
    English says which of two codes the Chinese names. Halves naming different residuals stay new."""
    assert misread("教职工民族构成 Staff by ethnicity", "school", [
        ([], '所在县（市、区）代码 County code', 'school.region_code'),
        (['教职工 Staff'], '合计 Total', 'status=1'),
        (['教职工 Staff'], '汉族 Han', 'status=1;ethnicity=01'),
        (['教职工 Staff'], '回族 Hui', 'status=1;ethnicity=03'),
        (['教职工 Staff'], '其他民族 Other ethnic groups', 'status=1;ethnicity!=01,03'),
        (['教职工 Staff'], '其他学科 Other ethnic groups', None),
    ]) == []


def test_system_field_ids_in_lower_camel_case_and_custom_slots() -> None:
    """"dateOfBirth", "emplStatus (…)", "customString3_HighestEducation": a system's ids part into
    words; ids of what the records do not hold (phones, political status, pay) stay new."""
    assert misread("HR system export", "roster", [
        ([], 'dateOfBirth', 'teacher.birth_date'),
        ([], 'employeeNumber', 'teacher.id'),
        ([], 'emplStatus (Active / Retired)', 'teacher.status'),
        ([], 'customString3_HighestEducation', 'teacher.education'),
        ([], 'cust_field_7: Gender', 'teacher.gender'),
        ([], 'citizenIdNumber (country = CHN)', 'teacher.id_number'),
        ([], 'phoneNumber', None),
        ([], 'politicalStatus', None),
        ([], 'payGrade', None),
        ([], 'hireDate', None),
        ([], 'citizenIdNumber (country = USA)', None),
        ([], 'iPad model', None),
    ]) == []


def test_first_person_statements_ask_what_the_second_person_does() -> None:
    """"I am: Male / Female", "My highest qualification is:", "I have taught for ___ years": the teacher
    completes a statement about themselves. Statements about training, pay, years at this school,
    working hours or feelings stay new, and a capital "I" numbering a part is no "I"."""
    assert misread("Staff survey 2026", "roster", [
        ([], 'I am: (Female / Male / Prefer not to say)', 'teacher.gender'),
        ([], 'My date of birth:', 'teacher.birth_date'),
        ([], 'My highest qualification is:', 'teacher.education'),
        ([], "I've been teaching for ___ years", 'teacher.teaching_years'),
        ([], 'Q4. I mainly teach: (subject)', 'teacher.subject'),
        ([], 'My contract is: (Permanent / Temporary)', 'teacher.establishment'),
        ([], 'I have been at my current school for ___ years', None),
        ([], 'I attended ___ hours of training this year', None),
        ([], 'My monthly pay is:', None),
        ([], 'I work: (Full-time / Part-time)', None),
        ([], 'I am satisfied with my job (Agree / Disagree)', None),
    ]) == []
    assert misread("Staff survey 2026", "roster", [([], 'Part I: Gender', 'teacher.gender')]) == []


def test_full_time_under_teachers_named_by_no_subject_is_those_teachers() -> None:
    """"Full-time" under "All teachers" or "Teachers holding a doctorate": the teachers above, every one
    of whom the records hold is full-time; "Part-time" and a header the reader cannot read stay new."""
    assert misread("School survey: staffing", "school", [
        (['All teachers'], 'Full-time', 'FT'),
        (['All teachers'], 'Part-time', None),
        (['Teachers holding a doctorate'], 'Full-time', 'FT;education=11'),
        (['Teachers with a teaching licence'], 'Full-time', None),
    ]) == []


def test_full_time_said_of_a_subject_or_defined_by_the_title_stays_new() -> None:
    """Of music teachers, full-time is teaching music full time; a title defining full-time by a share of
    working time sets a threshold the records do not hold."""
    assert misread("School survey", "school", [(['Music teachers'], 'Full-time', None)]) == []
    assert misread("Staffing (a full-time teacher is one employed at least 90% of the school year)", "school", [
        (['All teachers'], 'Full-time', None),
    ]) == []


def test_on_and_off_the_establishment_in_caribbean_english() -> None:
    """"Non-established" is off the establishment, "appointed to the establishment" on it; the year a
    school was established is no establishment."""
    assert misread("School census: teaching staff", "school", [
        ([], 'Non-established teachers', 'FT;establishment=2'),
        ([], 'Teachers appointed to the establishment', 'FT;establishment=1'),
        ([], 'Non-established staff', 'status=1;establishment=2'),
        ([], 'Year established', None),
    ]) == []


def test_a_lone_katakana_letter_typed_for_a_han_character() -> None:
    """"教职エ", "ニ级教师", "エ勤": the katakana of the same shape typed for 工 or 二; a run of kana is Japanese
    and stays as it is."""
    assert misread("学校教职工情况", "school", [
        ([], '男教职エ', 'status=1;gender=1'),
        ([], 'エ勤人员', 'status=1;post_type=4'),
        ([], 'ニ级教师', 'FT;title=4'),
        ([], 'スタッフ数', None),
    ]) == []


def test_surname_and_other_names_is_the_full_name() -> None:
    for whole in ('Surname, other names', 'Surname & other names:', 'Other names and surname'):
        assert misread("Staff record update", "roster", [([], whole, 'teacher.name')]) == []
    assert misread("Staff record update", "roster", [([], 'Other names', None), ([], 'Other names used', None)]) == []


def test_an_option_built_on_a_value_beside_it_is_a_finer_classification() -> None:
    """"Public / Public-aided / Private", "公办 / 公办民助 / 民办": an option splitting a value listed beside
    it is another classification than the records'; the plain values are read."""
    assert misread("School census", "school", [
        ([], 'Ownership (Public / Public-aided / Private)', None),
        ([], '办学性质（公办/公办民助/民办）', None),
    ]) == []
    assert misread("School census", "school", [([], 'Ownership (Public / Private)', 'school.ownership')]) == []


def test_an_hr_systems_employee_class_is_named_by_its_options() -> None:
    """"employeeClass (…)": the class of an employee, whose options say which field; alone, or beside
    options of no field, it names none. A school's class ("Class taught") is no such word."""
    assert misread("HRIS export", "roster", [
        ([], 'staffClass (Teaching / Admin / Support)', 'teacher.post_type'),
        ([], 'Employment class (Permanent / Fixed term)', 'teacher.establishment'),
        ([], 'Employee class', None),
        ([], 'Class taught', None),
    ]) == []
    assert misread("HRIS export", "roster", [([], 'Employee class (A / B / C)', None)]) == []


def test_an_evaluations_numbered_indicator_and_its_reported_figure() -> None:
    """"指标2 填报数据：…", "Indicator 4: …": the indicator's number and "the figure reported" say
    nothing of what is counted; a ratio or a count the records do not hold stays new."""
    assert misread("学校办学水平自评表", "school", [
        ([], '指标2 填报数据：音乐、美术专任教师数', 'FT;subject=11,12'),
        ([], '指标4.1：女教职工数', 'status=1;gender=2'),
        ([], 'Indicator 5: teachers aged 55 and over', 'FT;age=55..'),
        ([], '指标2 每百名学生拥有音乐、美术专任教师数', None),
        ([], '指标6 填报数据：骨干教师数', None),
    ]) == []
