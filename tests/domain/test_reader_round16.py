"""Mechanisms of wording a blind round (16) showed, each in wordings of our own: what a form says
of people's nationality, of parts of an unread header, of a survey's progress and the year a
question asks, of brackets naming the parts of an address or how people are counted. Each field is
read in its place on its form; None is a field that must stay `new`."""

from __future__ import annotations

from tests.domain.test_semantics import misread, read_form

Field = tuple[list[str], str, str | None]


def _each(title: str, level: str, fields: list[Field]) -> list[str]:
    """The fields misread, each read on a form of its own under its headers (a form asking one
    thing twice is refused)."""
    return [wrong for f in fields for wrong in misread(title, level, [f])]


def test_a_nationality_citizenship_or_origin_makes_a_count_new() -> None:
    """The records hold no nationality: "National staff" beside refugee staff, "中方教师" beside
    foreign ones are parts of the staff nobody can count from them; of an identifier the word says
    who issued it."""
    # On one form: the part asked is no teacher, so the total after it asks nothing twice.
    assert misread("Staffing return", "school", [
        (['Teachers'], 'National teachers', None), (['Teachers'], 'Refugee teachers', None),
        (['Teachers'], 'Total', 'FT')]) == []
    fields: list[Field] = [
        (['专任教师 Full-time teachers'], '中方人员 Chinese-national staff', None),
        (['专任教师'], '外方教师', None),
        (['Teachers'], 'Nationals', None),
        (['Teachers'], 'National teachers', None),
        (['Teaching staff'], 'Citizens', None),
        ([], 'Non-citizen teachers', None),
        ([], 'Teachers by nationality', None),
        ([], 'National pupils', None),
        ([], '外籍学生数', None),
        ([], 'National school identification number', 'school.code'),
    ]
    assert _each("Staffing return", "school", fields) == []
    roster: list[Field] = [
        ([], 'Citizen ID number', 'teacher.id_number'),
        ([], 'National identity card number', 'teacher.id_number'),
        ([], 'Citizenship', None),
    ]
    assert _each("Staff list", "roster", roster) == []


def test_of_which_under_a_header_the_reader_cannot_read_is_its_part() -> None:
    """"其中：学生" under "寄宿人数" is the pupils among the boarders, not the school's enrolment."""
    fields: list[Field] = [
        ([], '寄宿人数', None),
        (['寄宿人数'], '其中：学生', None),
        (['食堂就餐人数'], '其中：在校学生', None),
        (['Boarders'], 'Of which: pupils', None),
        (['Children on the bus roll'], 'of which: learners', None),
        ([], '在校学生数', 'school.enrolment'),
        (['学校基本情况'], '在校学生数', 'school.enrolment'),
        (['在职教职工数'], '其中：女', 'status=1;gender=2'),
    ]
    assert _each("学校基本情况登记表", "school", fields) == []
    # On one form, the pupils among the boarders leave the enrolment to be asked once.
    assert misread("学校基本情况登记表", "school", [
        ([], '寄宿人数', None), (['寄宿人数'], '其中：学生', None), ([], '在校学生数', 'school.enrolment')]) == []


def test_a_survey_tools_progress_before_a_question_is_numbering() -> None:
    fields: list[Field] = [
        ([], 'Question 2 of 20: What is your gender? (Woman / Man / Prefer not to say)', 'teacher.gender'),
        ([], 'Question 4 of 20: What is your age? (Under 30 / 30-39 / 40-49 / 50+)', 'teacher.age'),
        ([], "Item 7/12 Highest qualification held (Bachelor's degree / Master's degree / Doctorate)", 'teacher.education'),
        ([], '第5题（共18题） 您的民族', 'teacher.ethnicity'),
        ([], 'Question 9 of 20: How many hours do you teach a week?', None),
        ([], 'Question 11 of 20: What is your salary band?', None),
    ]
    assert _each("Teacher wellbeing survey", "roster", fields) == []


def test_a_time_named_as_years_of_teaching_is_how_long() -> None:
    """"从教时间（教龄）" names the years of teaching; a time alone may be the start, or hours."""
    fields: list[Field] = [
        ([], '5. 您从事教师职业的时间（教龄）：A.不满5年 B.5-10年 C.11-20年 D.20年以上', 'teacher.teaching_years'),
        ([], '您的从教时间（教龄）', 'teacher.teaching_years'),
        ([], '您从事教育行业多少年了', 'teacher.teaching_years'),
        ([], '您从事教师职业的时间', None),
        ([], '每周教学时间', None),
        ([], '职业学校教师', None),
    ]
    assert _each("教师职业发展调查问卷", "roster", fields) == []


def test_the_year_teaching_began_asked_as_a_number_is_its_start() -> None:
    """A year typed as a number follows from the stored start of teaching; a year of birth asked
    apart is not the birth date (surveys ask it to keep the date out), nor is a grade ("Year 8"),
    nor a time that says no year."""
    asked = {'Year of entry into teaching': 'teacher.teaching_start', '您哪一年开始教书？': 'teacher.teaching_start',
             '从教起始年份': 'teacher.teaching_start', 'Year you began teaching': 'teacher.teaching_start',
             'Years of teaching': 'teacher.teaching_years',
             '您的出生年份（如1990）': None, 'Birth year': None, 'Year 8 classes taught': None, '开始从教时间': None}
    got = {w: read_form([{"label": w, "type": "integer"}], level="roster")[0] for w in asked}
    assert got == asked


def test_a_bracket_of_parts_of_an_address_or_a_name_is_no_list_of_options() -> None:
    fields: list[Field] = [
        ([], 'Address of the school (house no., street, city, province)', 'school.address'),
        ([], 'Postal address (street, town, state, postcode)', 'school.address'),
        ([], 'Name of school (as licensed by the ministry)', None),
        ([], 'Name of school (as registered)', 'school.name'),
        ([], 'School name (public / private)', None),
        ([], 'Address (city / town / village)', None),
    ]
    assert _each("School census", "school", fields) == []


def test_a_headcount_said_not_to_be_fte_is_a_headcount() -> None:
    """Only said as a headcount: "(not FTE)" alone says what is not asked, not what is."""
    fields: list[Field] = [
        ([], 'All teachers (head count, not FTE)', 'FT'),
        ([], 'Teaching staff (headcount and not FTE)', 'FT'),
        ([], 'Teachers with 25 years or higher of service', 'FT;years=25..'),
        ([], 'Support staff (persons, not full-time equivalents)', 'status=1;post_type=3'),
        ([], 'Support staff (not full-time equivalents)', None),
        ([], 'Teachers (people, not FTE)', 'FT'),
        ([], 'Teachers (FTE)', None),
        ([], 'Teachers (FTE, not headcount)', None),
    ]
    assert _each("Staff return", "school", fields) == []


def test_the_year_of_teaching_one_is_in_counts_whole_years_before_it() -> None:
    """"In their second year of teaching" has taught one whole year; "first or second", fewer than two."""
    fields: list[Field] = [
        ([], 'Teachers in their first or second year of teaching', 'FT;years=..1'),
        ([], 'Teachers in their second year of teaching', 'FT;years=1..1'),
        ([], 'Teachers in their third to fifth year of service', 'FT;years=2..4'),
        ([], 'Teachers (head count) in their 1st-3rd year of teaching', 'FT;years=..2'),
        ([], 'Pupils in the second year of the course', None),
        ([], 'Second year teachers', None),
    ]
    assert _each("Early career teachers", "school", fields) == []


def test_a_length_of_teaching_said_over_all_schools_is_the_careers() -> None:
    fields: list[Field] = [
        ([], 'Teaching experience in years (total, all schools)', 'teacher.teaching_years'),
        ([], 'Years of service (across all schools)', 'teacher.teaching_years'),
        ([], '教龄（含在其他学校任教年限）', 'teacher.teaching_years'),
        ([], 'Years of teaching (this school only)', None),
        ([], '本校教龄', None),
    ]
    assert _each("Staff export", "roster", fields) == []


def test_the_approved_establishment_is_the_establishment() -> None:
    fields: list[Field] = [
        ([], 'Teachers within the approved teaching establishment', 'FT;establishment=1'),
        ([], 'Teachers outside the sanctioned establishment', 'FT;establishment=2'),
        ([], 'Staff on the authorised staff establishment', 'status=1;establishment=1'),
        ([], 'Approved teaching establishment', None),
        ([], 'Teaching establishment', None),
    ]
    assert _each("School profile", "school", fields) == []


def test_a_bracket_taking_in_staff_away_for_a_while_adds_nothing() -> None:
    """Staff on leave are in post in the records, and so are staff on the school's establishment
    seconded elsewhere; staff seconded in are not, so without 在编 the bracket still says whom."""
    fields: list[Field] = [
        ([], '在编专任教师数（含产假、借调在外人员）', 'FT;establishment=1'),
        ([], '教职工数（含病休人员）', 'status=1'),
        ([], 'Teachers (including staff on long-term sick leave)', 'FT'),
        ([], '教职工数（含借调人员）', None),
        ([], '编制内教职工（含借调人员）', 'status=1;establishment=1'),  # however the establishment is said
        ([], '非在编教职工（含借调人员）', None),
        ([], '专任教师（含长期病假、外聘人员）', None),
        ([], 'Teachers on maternity leave', None),
    ]
    assert _each("教职工情况", "school", fields) == []


def test_conditions_joined_by_且_all_hold() -> None:
    fields: list[Field] = [
        ([], '年龄满50周岁且教龄不满10年的专任教师', 'FT;age=50..;years=..9'),
        ([], '女性并且少数民族的教职工', 'status=1;gender=2;ethnicity!=01'),
        ([], '本科且硕士学历专任教师', None),
    ]
    assert _each("专任教师结构", "school", fields) == []


def test_a_list_closed_by_or_above_widens_them_all() -> None:
    fields: list[Field] = [
        (['Qualifications of teachers'], "Bachelor's degree, master's degree or higher", 'FT;education=11,14,21'),
        ([], 'Teachers: senior, first grade and above', 'FT;title=1,2,3'),
        (['Qualifications of teachers'], "Diploma, bachelor's degree or lower", None),
    ]
    assert _each("Staff return", "school", fields) == []


def test_operations_staff_are_the_workers_only_beside_maintenance() -> None:
    fields: list[Field] = [
        ([], 'Operations and maintenance staff', 'status=1;post_type=4'),
        (['Maintenance and operations staff'], 'All', 'status=1;post_type=4'),
        ([], 'Operations staff', None),
        ([], 'Administration and operations staff', None),
    ]
    assert _each("Staff census", "school", fields) == []


def test_bounds_each_bracketed_before_one_unit() -> None:
    """"30（含）-40（不含）周岁" is 30 to 39, and so its subtotal and the 其中 under it."""
    fields: list[Field] = [
        (['专任教师', '35（含）-45（不含）周岁'], '小计', 'FT;age=35..44'),
        (['专任教师', '35（含）-45（不含）周岁'], '其中：高级及以上', 'FT;age=35..44;title=1,2'),
        (['专任教师'], '45(不含)-55(含)岁', 'FT;age=46..55'),
        (['专任教师'], '教龄10（含）-20（不含）年', 'FT;years=10..19'),
    ]
    assert _each("专任教师年龄结构", "school", fields) == []


def test_a_slip_fixed_two_ways_is_the_way_that_reads() -> None:
    """"一及" may be 一级 or 以及; only 一级教师 is a wording."""
    fields: list[Field] = [
        (['专认教师'], '二及教师', 'FT;title=4'),
        (['专任教师'], '一及教师', 'FT;title=3'),
        ([], '高及教师', 'FT;title=2'),
    ]
    assert _each("专任教师职称", "school", fields) == []


def test_a_character_making_a_word_as_printed_is_no_slip() -> None:
    """"住校" (boarding) is a word: "住校人数" is no slip for 全校人数, and what sits under it is a part
    of the boarders; a character making no word is still read as the one meant ("专认", "退体")."""
    fields: list[Field] = [
        (['住校人数'], '教职工', None),
        (['住校人数'], '学生', None),
        (['Number of boarders'], 'Pupils', None),
        (['专认教师'], '合计', 'FT'),
        ([], '退体人员', 'status=2'),
        (['教职工'], '其中：小数民族', 'status=1;ethnicity!=01'),  # 小数 is a word, but 少数民族 a longer term
        (['学校基本情况（续）'], '在校学生数', 'school.enrolment'),
    ]
    assert _each("学校情况", "school", fields) == []
