"""Traps for the rules round 20 taught the reader (test_reader_round20): wordings in the same families, as
a careless or hostile department form could print them, that a careful reader does not read as those rules
say (None: the field stays `new`): a worksheet naming pupils, a year or a school; Latin after Chinese that
is English or pinyin of other characters; a system's ids for what the records do not hold or for someone
else; first-person statements about other people, wishes or studies; "full-time" under pupils or staff
who do not teach; "established" as founded; a katakana letter in a word of no Han term."""

from __future__ import annotations

from service.domain.semantics.text import fold
from tests.domain.test_semantics import misread


def test_a_worksheet_naming_no_staff_of_the_records_leaves_its_columns_new() -> None:
    """A sheet of pupils, of a past year, of another school, of staff the records do not hold, of
    vacancies or of a plan: its name says whom the column counts, and that is no one the records hold."""
    assert misread("学校数据汇总（多表合并）", "school", [
        ([], '【Sheet2 学生】女', None),
        ([], '【Sheet2 在校生】男', None),
        ([], '【Sheet2 幼儿】女', None),
        ([], '[表3 家长] 女', None),
        ([], '【Sheet3 2024年专任教师】女', None),
        ([], '【Sheet3 专任教师（上年）】男', None),
        ([], '【Sheet3 红星小学】女', None),
        ([], '【Sheet3 外聘教师】女', None),
        ([], '【Sheet3 代课教师】男', None),
        ([], '【Sheet4 专任教师缺额】女', None),
        ([], '【Sheet4 拟聘教师】男', None),
        ([], '【Sheet4 专任教师招聘】女', None),
        ([], '【Sheet5 专任教师培训】男', None),
    ]) == []


def test_a_column_under_a_sheet_of_teachers_that_counts_something_else() -> None:
    """Under a sheet of teachers, a column of pupils, a ratio, a share, an average or last year's figure
    is not the teachers; and a bracket naming no sheet ("【说明：专任教师】") is no sheet's name."""
    assert misread("学校数据汇总（多表合并）", "school", [
        ([], '【Sheet2 专任教师】合计', 'FT'),
        ([], '【Sheet2 专任教师】女生', None),
        ([], '【Sheet2 专任教师】在校生', None),
        ([], '【Sheet2 专任教师】生师比', None),
        ([], '【Sheet2 专任教师】平均年龄', None),
        ([], '【Sheet2 专任教师】女（%）', None),
        ([], '【Sheet2 专任教师】上年女', None),
        ([], '【Sheet2 专任教师】班级数', None),
        ([], '【Sheet2 专任教师】联系电话', None),
        ([], '【说明：专任教师】女', None),
        ([], '[Sheet 1] 男', None),
    ]) == []
    # Two sheets of one form, the second of another year: only the first is read.
    assert misread("多表合并", "school", [
        ([], '【Sheet2 专任教师】女', 'FT;gender=2'),
        ([], '【Sheet3 2024年专任教师】女', None),
    ]) == []


def test_a_column_its_sheets_name_rules_out_is_read_by_neither() -> None:
    """"【Sheet2 女教师】男", "【Sheet2 专任教师】教职工", "【Sheet2 在编教师】合同制", "【Sheet2 专任教师】退休人员":
    the column names other people than its sheet, another value or a wider or retired population; read
    as either it would be the other sheet's column, and a form with that sheet too is refused as asking
    it twice. A column narrowing its sheet is read."""
    assert misread("多表合并", "school", [
        ([], '【Sheet2 女教师】男', None),
        ([], '【Sheet3 男教师】男', 'FT;gender=1'),
        ([], '【Sheet2 专任教师】退休人员', None),
        ([], '【Sheet4 退休人员】合计', 'status=2'),
        ([], '【Sheet2 在编教师】合同制', None),
        ([], '【Sheet3 合同制教师】合计', 'FT;establishment=2'),
        ([], '【Sheet2 专任教师】教职工', None),
        ([], '【Sheet5 教职工】合计', 'status=1'),
        ([], '【Sheet6 本科学历教师】研究生', None),
        ([], '【Sheet7 汉族教师】藏族', None),
        ([], '【Sheet8 教职工】专任教师', 'FT'),
        ([], '（工作表9 退休人员）女', 'status=2;gender=2'),
    ]) == []


def test_latin_after_chinese_that_does_not_spell_it_is_not_taken_off() -> None:
    """English, or pinyin of other characters, says something the characters do not: it stays."""
    assert fold("女 Nan") != fold("女")
    assert fold("男 Male") != fold("男")
    assert fold("专任教师 Benke") != fold("专任教师")
    assert fold("本科 Ben") != fold("本科")
    assert fold("汉族 Han Chinese") != fold("汉族")
    assert fold("专任教师 Zhuanren jiaoshi gongzi") != fold("专任教师")
    assert misread("教师情况", "school", [
        (['专任教师 Nǚ'], '女 Nán', None),
        (['专任教师'], '双语 Shuāngyǔ', None),
    ]) == []


def test_the_rest_of_a_breakdown_said_of_other_people_or_in_another_breakdown() -> None:
    """"其他民族学生" counts pupils; "专科以下学历学生" pupils too; an English half naming other subjects
    is no rest of the ethnicities."""
    assert misread("民族地区学校", "school", [
        (['专任教师'], '女', 'FT;gender=2'),
        (['专任教师'], '汉族', 'FT;ethnicity=01'),
        (['专任教师'], '其他民族学生', None),
        (['专任教师'], '本科', 'FT;education=21'),
        (['专任教师'], '专科', 'FT;education=31'),
        (['专任教师'], '专科以下学历学生', None),
        (['专任教师'], '其他民族 Other subjects', None),
    ]) == []


def test_system_ids_for_what_the_records_do_not_hold_or_for_someone_else() -> None:
    """lowerCamel ids of phones, political status, training hours, pay grades and contacts; ids of the
    right words about a spouse, a child, a manager or a first school; a country other than China."""
    assert misread("HR system export", "roster", [
        ([], 'phoneNumber', None),
        ([], 'politicalStatus', None),
        ([], 'trainingHours', None),
        ([], 'salaryGrade', None),
        ([], 'emergencyContactName', None),
        ([], 'spouseDateOfBirth', None),
        ([], 'dateOfBirthOfSpouse', None),
        ([], 'dateOfBirthOfChild', None),
        ([], 'childDateOfBirth', None),
        ([], 'hireDateOfFirstSchool', None),
        ([], 'fatherName', None),
        ([], 'managerName', None),
        ([], 'managerEmployeeNumber', None),
        ([], 'passportNumber', None),
        ([], 'nationalIdExpiryDate', None),
        ([], 'educationLevelOfSpouse', None),
        ([], 'highestEducationOfFather', None),
        ([], 'customString5_SpouseName', None),
        ([], 'customString2_ChildGender', None),
        ([], 'customDate1_RetirementDate', None),
        ([], 'employeeClass (Teacher / Student)', None),
        ([], 'citizenIdNumber (Hong Kong)', None),
        ([], 'genderOfChild', None),
        ([], 'ethnicityOfSpouse', None),
        ([], 'citizenIdNumberOfSpouse', None),
        ([], 'highestEducationInProgress', None),
        ([], 'subjectQualifiedToTeach', None),
        ([], 'teachingSubjectPreference', None),
        ([], 'yearsOfTeachingAbroad', None),
        ([], 'yearsAtCurrentSchool', None),
        ([], 'dateOfBirthVerified', None),
        ([], 'customString9_PreviousSchoolName', None),
        ([], 'employeeType (Full-time / Part-time)', None),
    ]) == []


def test_first_person_statements_about_other_people() -> None:
    """"My spouse's age", "My partner is: Male / Female", "My students are ___ years old": the teacher
    speaks, but of someone else."""
    assert misread("Staff survey 2026", "roster", [
        ([], "My spouse's age", None),
        ([], "My spouse's highest qualification is:", None),
        ([], 'My partner is: (Male / Female)', None),
        ([], 'My child is: (Male / Female)', None),
        ([], 'My supervisor: (Male / Female)', None),
        ([], "My child's date of birth:", None),
        ([], "My mother's name", None),
        ([], "My headteacher's name", None),
        ([], 'My students are ___ years old', None),
        ([], "My students' gender", None),
        ([], 'Date of birth of my eldest child', None),
        ([], 'ID number of my spouse', None),
    ]) == []


def test_first_person_statements_of_what_the_records_do_not_hold() -> None:
    """Classes taught, pupils, years at this school or in a post, ages at some event, wishes, studies
    in progress and what one can teach are no field of the records."""
    assert misread("Staff survey 2026", "roster", [
        ([], 'I teach ___ classes', None),
        ([], 'I teach ___ periods per week', None),
        ([], 'I teach ___ students', None),
        ([], 'I teach in: (Primary / Secondary)', None),
        ([], 'I have taught at this school for ___ years', None),
        ([], 'I have been teaching at this school for ___ years', None),
        ([], 'I have been teaching this subject for ___ years', None),
        ([], 'I have been teaching part-time for ___ years', None),
        ([], 'I have been a head teacher for ___ years', None),
        ([], 'I have been in my current post for ___ years', None),
        ([], 'I have been married for ___ years', None),
        ([], 'I plan to teach for ___ more years', None),
        ([], 'My age when hired:', None),
        ([], 'My age in 2030', None),
        ([], 'I am: (Married / Single)', None),
        ([], 'I am: (Full-time / Part-time)', None),
        ([], 'I am applying for: (Permanent / Temporary)', None),
        ([], 'I would prefer: (Permanent / Temporary)', None),
        ([], 'I want to be: (Permanent / Temporary)', None),
        ([], 'I was: (Permanent / Temporary) last year', None),
        ([], 'I am studying for: (Bachelor / Master)', None),
        ([], 'I am currently studying for: (Bachelor / Master)', None),
        ([], 'I intend to study: (Bachelor / Master)', None),
        ([], 'I can teach: (subject)', None),
        ([], 'I would like to teach: (subject)', None),
        ([], 'Sexual orientation (Prefer not to say)', None),
        ([], 'Planned qualification: (Bachelor / Master)', None),
        ([], 'Preferred contract type (Permanent / Temporary)', None),
        ([], 'Intended qualification (Bachelor / Master)', None),
        ([], "Partner's gender: (Male / Female)", None),
        ([], 'Children: (Male / Female)', None),
    ]) == []
    assert misread("Staff survey 2026", "roster", [
        ([], 'I am: (Female / Male / Prefer not to say)', 'teacher.gender'),
    ]) == []


def test_years_of_teaching_and_years_here_on_one_form_are_two_fields() -> None:
    """Years of teaching and years at this school asked side by side: only the first is read, so the
    form is not refused as asking one field twice."""
    assert misread("Staff survey 2026", "roster", [
        ([], "I've been teaching for ___ years", 'teacher.teaching_years'),
        ([], 'I have been teaching at this school for ___ years', None),
        ([], 'My age:', 'teacher.age'),
        ([], 'My age when I started teaching', None),
    ]) == []


def test_full_time_under_pupils_or_staff_who_do_not_teach_stays_new() -> None:
    """"Full-time" of pupils or learners is their attendance; of non-teaching or all staff, hours the
    records do not hold; of vacancies, trainees or substitutes, no teacher the records hold."""
    for header in ('Students', 'All students', 'Pupils', 'Learners', 'Non-teaching staff', 'Support staff',
                   'All staff', 'Teacher vacancies', 'Teachers needed', 'Student teachers', 'Trainee teachers',
                   'Substitute teachers', 'Teachers in training'):
        assert misread("School survey: staffing", "school", [([header], 'Full-time', None)]) == [], header
    assert misread("School survey: staffing", "school", [
        (['All teachers'], 'Full-time equivalent', None),
        (['All teachers'], 'Full-time students', None),
        (['All teachers'], 'Full-time hours', None),
    ]) == []


def test_established_as_founded_or_of_posts_and_appointed_in_a_period() -> None:
    """A school or a class established is founded; "appointed to the establishment this year" is who
    were appointed in the year, a flow; not yet or to be appointed is not appointed."""
    assert misread("School census 2026", "school", [
        ([], 'Year the school was established', None),
        ([], 'Date school was established', None),
        ([], 'Newly established schools', None),
        ([], 'Non-established schools', None),
        ([], 'Classes established this year', None),
        ([], 'Well-established teachers', None),
        ([], 'Non-established pupils', None),
        ([], 'Established (Yes / No)', None),
        ([], 'Teachers appointed to the establishment this year', None),
        ([], 'Teachers not yet appointed to the establishment', None),
        ([], 'Teachers to be appointed to the establishment', None),
        ([], 'Teachers awaiting appointment to the establishment', None),
        ([], 'Teachers appointed to the establishment committee', None),
        ([], 'Non-established teachers (vacancies)', None),
    ]) == []


def test_katakana_in_words_of_no_staff_term() -> None:
    """A lone katakana letter beside Han characters in pay, workload, population, grades, terms or
    unions is still read as its Han character, and what that spells is not held."""
    assert misread("学校情况", "school", [
        ([], 'エ资总额', None),
        ([], '教师エ资', None),
        ([], 'エ作量', None),
        ([], '人ロ', None),
        ([], 'ハ年级学生', None),
        ([], 'ニ年级学生', None),
        ([], '第ー学期', None),
        ([], 'ニ胎', None),
        ([], '教职エ子女', None),
        ([], '教职エ家属', None),
        ([], 'エ会会员', None),
        ([], 'エ龄', None),
        ([], 'タ校', None),
    ]) == []


def test_surname_and_other_names_of_someone_else() -> None:
    """The full name of a spouse, a child or a next of kin is not the teacher's."""
    for whole in ('Surname and other names of spouse', 'Surname and other names of next of kin',
                  'Surname and other names (child)'):
        assert misread("Staff record update", "roster", [([], whole, None)]) == [], whole


def test_posts_are_counted_apart_from_the_people_on_them() -> None:
    """A count of posts ("岗位数", "Number of established posts") is not a count of staff: a post may be
    vacant, frozen or shared, and the records hold people. People on such posts are read."""
    assert misread("编制与岗位情况", "school", [
        ([], '专任教师岗位数', None),
        ([], '管理岗位数', None),
        ([], 'Number of established posts', None),
        ([], 'Number of teaching posts', None),
        ([], 'Number of positions', None),
        ([], 'Teachers on established posts', 'FT;establishment=1'),
        ([], '在编人数', 'school.staff.establishment.on_staff'),
        ([], '专任教师人数', 'FT'),
    ]) == []
