"""Round 22: questions as instruments ask them, in wordings of our own — a teacher's own attributes
in the second and third person, counts on a school form asked every way a form asks them (how many,
please indicate, what is the total, approximately, of your teachers, with answer hints, skip
instructions, numbering, options and "currently" / "as of" / "this school year"), the school's own
facts, and traps that must stay `new` (attitudes, hours, pay, training, political status, phone).
Each field is read on a form of its own; None is a field that must stay `new`."""

from __future__ import annotations

from tests.domain.test_semantics import misread

Field = tuple[list[str], str, str | None]


def _each(title: str, level: str, fields: list[Field]) -> list[str]:
    """The fields misread, each read on a form of its own."""
    return [wrong for f in fields for wrong in misread(title, level, [f])]


TEACHER_ZH: list[Field] = [
    ([], '1. 您的性别是：（请在相应选项上打√）①男 ②女', 'teacher.gender'),
    ([], '请选择您的性别', 'teacher.gender'),
    ([], 'Q2. 您出生于哪一年？____年', 'teacher.birth_date'),
    ([], '您的出生年份（四位数字）', 'teacher.birth_date'),
    ([], '您今年多大年龄？', 'teacher.age'),
    ([], '您今年多少岁？（请填写数字）', 'teacher.age'),
    ([], '您的实际年龄：____周岁', 'teacher.age'),
    ([], '您的最高学历是什么？', 'teacher.education'),
    ([], '请问您目前的最高学历为：A.大专及以下 B.本科 C.硕士 D.博士', 'teacher.education'),
    ([], '您现在的专业技术职称是？', 'teacher.title'),
    ([], '您目前的职称等级为：①未定级 ②三级教师 ③二级教师 ④一级教师 ⑤高级教师 ⑥正高级教师', 'teacher.title'),
    ([], '您的教龄是多少年？', 'teacher.teaching_years'),
    ([], '截至目前，您累计从事教学工作多少年？', 'teacher.teaching_years'),
    ([], '您当教师多少年了？（请填写整数）', 'teacher.teaching_years'),
    ([], '您主要教授哪门学科？', 'teacher.subject'),
    ([], '您本学期主要任教的学科是？（单选）', 'teacher.subject'),
    ([], '您是否有事业编制？A.是 B.否', 'teacher.establishment'),
    ([], '您的人事关系属于：○在编 ○编外聘用', 'teacher.establishment'),
    ([], '您的岗位类别是？A.专任教师 B.行政人员 C.教辅人员 D.工勤人员', 'teacher.post_type'),
    ([], '您是哪个民族？', 'teacher.ethnicity'),
    ([], '您的民族是：（请填写）', 'teacher.ethnicity'),
    ([], '请填写您的真实姓名', 'teacher.name'),
    ([], '您的身份证号码是？', 'teacher.id_number'),
    ([], '您是从哪一年开始参加教学工作的？', 'teacher.teaching_start'),
    ([], '您的手机号码是？', None),
    ([], '您的政治面貌是？A.中共党员 B.共青团员 C.民主党派 D.群众', None),
    ([], '您平均每周上多少节课？', None),
    ([], '您的月工资收入大约是多少元？', None),
    ([], '您近一年参加过几次校外培训？', None),
    ([], '您对目前的工作满意程度如何？', None),
    ([], '您在现任学校任教多少年了？', None),
    ([], '您的配偶是否也是教师？', None),
]

TEACHER_EN: list[Field] = [
    ([], 'Q1. What is your gender? (Please tick one)', 'teacher.gender'),
    ([], 'Please indicate your sex.', 'teacher.gender'),
    ([], 'In what year were you born?', 'teacher.birth_date'),
    ([], 'What is your year of birth? (e.g. 1985)', 'teacher.birth_date'),
    ([], 'What is your date of birth? (DD/MM/YYYY)', 'teacher.birth_date'),
    ([], 'How old were you on your last birthday?', 'teacher.age'),
    ([], 'Please state your age in completed years.', 'teacher.age'),
    ([], "What is the highest qualification you hold?", 'teacher.education'),
    ([], 'Which of the following best describes your highest level of education?', 'teacher.education'),
    ([], 'What is your current professional title?', 'teacher.title'),
    ([], 'For how many years have you been teaching?', 'teacher.teaching_years'),
    # Counting the current year in makes it one more than the whole years on the reference date.
    ([], 'Including this school year, how many years have you worked as a teacher in total?', None),
    ([], 'What subject do you teach most?', 'teacher.subject'),
    ([], 'Which subject do you currently teach? (Select the main one)', 'teacher.subject'),
    ([], 'Are you employed on a permanent or a fixed-term contract?', 'teacher.establishment'),
    ([], 'What is your ethnicity?', 'teacher.ethnicity'),
    ([], 'Please enter your full name.', 'teacher.name'),
    ([], 'In which year did you first begin working as a teacher?', 'teacher.teaching_start'),
    ([], 'What is your mobile phone number?', None),
    ([], 'How many hours per week do you usually work?', None),
    ([], 'What is your gross monthly salary?', None),
    ([], 'How many professional development courses have you attended in the past year?', None),
    ([], 'How satisfied are you with your current job?', None),
    ([], 'How many years have you worked at your current school?', None),
    ([], 'Are you a member of a trade union?', None),
    ([], 'Do you intend to leave teaching within the next five years?', None),
    ([], 'How many years did you work outside education before becoming a teacher?', None),
    ([], 'What is your marital status?', None),
]

COUNTS_ZH: list[Field] = [
    ([], '贵校现有专任教师多少人？', 'FT'),
    ([], '1.1 请填写贵校专任教师人数：____人', 'FT'),
    ([], '贵校目前共有专任教师____人（请填写数字）', 'FT'),
    ([], '本学年贵校在职教职工总数是多少？', 'status=1'),
    ([], '贵校现有女专任教师多少人？（若无请填0）', 'FT;gender=2'),
    ([], '请填写贵校男性专任教师人数（单位：人）', 'FT;gender=1'),
    ([], '贵校专任教师中，30岁以下的有多少人？', 'FT;age=..30'),
    ([], '贵校专任教师中年龄在55周岁及以上的人数为：____人', 'FT;age=55..'),
    ([], '截至本学年初，贵校专任教师中具有硕士及以上学历的共多少人？', 'FT;education=11,14'),
    # 学位 is a degree awarded, not the 学历 the records hold.
    ([], '贵校专任教师中，具有博士学位的有几人？（没有请填0）', None),
    ([], '贵校专任教师中，具有博士研究生学历的有几人？（没有请填0）', 'FT;education=11'),
    ([], '贵校专任教师中大专学历的人数', 'FT;education=31'),
    ([], '贵校有多少名高级教师？', 'FT;title=2'),
    ([], '请填写贵校具有一级教师职称的专任教师人数。', 'FT;title=3'),
    ([], '贵校未评职称的专任教师有多少人？', 'FT;title=9'),
    ([], '贵校教龄在10年以下的专任教师约有多少人？', 'FT;years=..10'),  # statutory 以下 includes the number
    ([], '贵校专任教师中，教龄满30年的有多少人？', 'FT;years=30..'),
    ([], '贵校数学教师有多少人？', 'FT;subject=02'),
    ([], '请问贵校现有英语专任教师几名？', 'FT;subject=03'),
    ([], '贵校体育教师人数：____人（若无请填0）', 'FT;subject=10'),
    ([], '贵校有编制的专任教师有多少人？', 'FT;establishment=1'),
    ([], '贵校编外聘用的专任教师人数', 'FT;establishment=2'),
    ([], '贵校少数民族专任教师多少人？', 'FT;ethnicity!=01'),
    ([], '贵校目前有行政人员多少名？', 'status=1;post_type=2'),
    ([], '贵校教辅人员共几人？', 'status=1;post_type=3'),
    ([], '贵校已退休的教职工有多少人？', 'status=2'),
    ([], '3. 贵校在校学生总数为多少人？', 'school.enrolment'),
    ([], '贵校目前在校生约多少人？', 'school.enrolment'),
    ([], '贵校35岁以下女专任教师有多少人？', 'FT;gender=2;age=..35'),
    # Traps: numbers the records do not hold.
    ([], '贵校今年新入职教师多少人？', None),
    ([], '贵校本学年调出的教师有多少人？', None),
    ([], '贵校有多少名临时代课教师？', None),
    ([], '贵校班主任共有多少人？', None),
    ([], '贵校教职工中中共党员有多少人？', None),
    ([], '贵校共有多少个班级？', None),
    ([], '贵校专任教师的师生比是多少？', None),
    ([], '贵校专任教师人均周课时数是多少？', None),
    ([], '贵校获得市级骨干教师称号的有多少人？', None),
    ([], '贵校有多少名教师参加了国培计划？', None),
]

COUNTS_EN: list[Field] = [
    ([], 'How many full-time teachers are there in your school?', 'FT'),
    ([], 'Please indicate the number of teachers currently employed at your school.', 'FT'),
    ([], 'What is the total number of teachers in your school? (Please write a number)', 'FT'),
    ([], 'B3. In the current school year, how many teachers work at this school?', 'FT'),
    ([], 'How many staff are currently employed at your school (all categories)?', 'status=1'),
    ([], 'What is the total number of staff employed by the school?', 'status=1'),
    ([], 'How many of your teachers are female? If none, write 0.', 'FT;gender=2'),
    ([], 'Please indicate the number of male teachers.', 'FT;gender=1'),
    ([], 'Approximately how many of your teachers are under 30 years of age?', 'FT;age=..29'),
    ([], 'How many teachers in your school are aged 55 or older?', 'FT;age=55..'),
    ([], 'How many of your teachers are aged between 30 and 49?', 'FT;age=30..49'),
    ([], "How many teachers in your school hold a master's degree?", 'FT;education=14'),
    ([], 'What is the number of teachers with a doctoral degree?', 'FT;education=11'),
    ([], 'How many of your teachers have less than 3 years of teaching experience?', 'FT;years=..2'),
    ([], 'How many teachers have 20 or more years of teaching experience?', 'FT;years=20..'),
    ([], 'How many mathematics teachers are there in your school?', 'FT;subject=02'),
    ([], 'Please indicate the number of English teachers at your school.', 'FT;subject=03'),
    ([], 'How many of your teachers are on permanent contracts?', 'FT;establishment=1'),
    ([], 'How many teachers at your school are employed on temporary contracts?', 'FT;establishment=2'),
    ([], 'How many administrative staff are employed at your school?', 'status=1;post_type=2'),
    ([], 'What is the total number of support staff at your school?', 'status=1;post_type=3'),
    ([], 'How many retired staff does the school have on record?', 'status=2'),
    ([], 'What is the total enrolment of your school as of the reference date?', 'school.enrolment'),
    ([], 'How many students are currently enrolled at your school?', 'school.enrolment'),
    ([], 'How many female teachers under 35 are there in your school?', 'FT;gender=2;age=..34'),
    ([], 'How many ethnic minority teachers work at your school?', 'FT;ethnicity!=01'),
    # Traps.
    ([], 'How many teachers joined your school this school year?', None),
    ([], 'How many teachers left your school during the last school year?', None),
    ([], 'How many teaching assistants are there in your school?', 'status=1;post_type=3'),
    ([], 'How many classes does your school have?', None),
    ([], 'How many teachers at your school are part-time?', None),
    ([], 'How many teacher vacancies does your school currently have?', None),
    ([], 'Approximately what proportion of your teachers are female?', None),
    ([], 'How many of your teachers took part in professional development last year?', None),
    ([], 'On average, how many hours per week do your teachers teach?', None),
    ([], 'How many students with special needs are enrolled in your school?', None),
]

GRID: list[tuple[list[str], str, str | None]] = [
    (['贵校专任教师按学历分布情况（人）'], '研究生', 'FT;education=11,14'),
    (['贵校专任教师按学历分布情况（人）'], '本科', 'FT;education=21'),
    (['请填写贵校各年龄段专任教师人数'], '30岁及以下', 'FT;age=..30'),
    (['请填写贵校各年龄段专任教师人数'], '51岁及以上', 'FT;age=51..'),
    (['How many teachers in your school are in each of the following age groups?'], 'Under 25', 'FT;age=..24'),
    (['How many teachers in your school are in each of the following age groups?'], '60 and above', 'FT;age=60..'),
    (['Please indicate the number of teachers by highest qualification'], "Master's degree", 'FT;education=14'),
    (['How many of your teachers are:'], 'Female', 'FT;gender=2'),
]

FACTS_ZH: list[Field] = [
    ([], '贵校的全称是什么？', 'school.name'),
    ([], '贵校详细地址：____省____市____区（县）', 'school.address'),
    ([], '贵校属于以下哪种类型？A.小学 B.初中 C.九年一贯制 D.完全中学 E.高中', 'school.school_type'),
    ([], '贵校的办学性质是？（公办/民办）', 'school.ownership'),
    ([], '贵校位于：A.城区 B.镇区 C.乡村', 'school.urban_rural'),
    ([], '贵校的学校代码是多少？', 'school.code'),
    ([], '贵校建校于哪一年？', None),
    ([], '贵校校长的姓名', None),
    ([], '贵校的占地面积是多少平方米？', None),
]

FACTS_EN: list[Field] = [
    ([], 'What is the full name of your school?', 'school.name'),
    ([], "What is your school's address?", 'school.address'),
    ([], 'Is your school a public or private school?', 'school.ownership'),
    ([], 'Is your school located in an urban or a rural area?', 'school.urban_rural'),
    ([], 'What type of school is this? (Primary / Junior secondary / Senior secondary)', 'school.school_type'),
    ([], 'In what year was your school founded?', None),
    ([], "What is the principal's name?", None),
    ([], 'What is the telephone number of the school?', None),
]


def test_a_teacher_answers_for_themselves_in_chinese() -> None:
    assert _each("教师问卷", "roster", TEACHER_ZH) == []


def test_a_teacher_answers_for_themselves_in_english() -> None:
    assert _each("Teacher questionnaire", "roster", TEACHER_EN) == []


def test_a_school_counts_its_people_in_chinese() -> None:
    assert _each("学校问卷", "school", COUNTS_ZH) == []


def test_a_school_counts_its_people_in_english() -> None:
    assert _each("School questionnaire", "school", COUNTS_EN) == []


def test_grid_stems_give_their_rows_whom_they_count() -> None:
    assert _each("学校问卷", "school", GRID) == []


def test_a_school_states_its_own_facts() -> None:
    assert _each("学校问卷", "school", FACTS_ZH) == []
    assert _each("School questionnaire", "school", FACTS_EN) == []


# Item ids, numbering, coded options, the third person of a roster, reference dates and more traps.
ITEMS_TEACHER: list[Field] = [
    ([], 'TQ01 Are you male or female? [1] Male [2] Female', 'teacher.gender'),
    ([], 'T2. What is your age? ____ years', 'teacher.age'),
    ([], 'TC3G02 How old are you?', 'teacher.age'),
    ([], 'Q3 Year of birth: 19__', 'teacher.birth_date'),
    ([], 'What was your age at your last birthday? (in years)', 'teacher.age'),
    ([], 'What is the highest level of education that you have completed? (Select one)', 'teacher.education'),
    ([], 'How many years of teaching experience do you have, including this year?', None),
    ([], 'As of today, how many years have you been teaching?', 'teacher.teaching_years'),
    ([], 'Which of these best describes your current employment status? Permanent / Fixed-term / Casual', None),
    ([], 'Is this teacher on permanent establishment? (Yes / No)', 'teacher.establishment'),
    ([], "What is this teacher's sex?", 'teacher.gender'),
    ([], 'What is the professional rank of this teacher?', 'teacher.title'),
    ([], 'Which subject does this teacher mainly teach?', 'teacher.subject'),
    ([], 'In what year did this teacher begin teaching?', 'teacher.teaching_start'),
    ([], 'What is your current position? (Teacher / Administrator / Support staff / Worker)', 'teacher.post_type'),
    ([], 'Are you currently in service or retired?', 'teacher.status'),
    ([], 'Please indicate your ethnic group.', 'teacher.ethnicity'),
    ([], 'What is your home address?', None),
    ([], 'How many children do you have?', None),
    ([], 'How many hours of lessons do you teach each week?', None),
    ([], 'Have you ever been awarded a teaching prize?', None),
    ([], 'In the past 12 months, how many days of training did you attend?', None),
    ([], 'What is your political affiliation?', None),
    ([], 'Which grade(s) do you teach this year?', None),
    ([], '第3题 您的出生年份是____年', 'teacher.birth_date'),
    ([], 'A2. 您的年龄段是？ ①30岁以下 ②30-39岁 ③40-49岁 ④50岁及以上', 'teacher.age'),
    ([], '（3）您的学历（以最高学历为准）：', 'teacher.education'),
    ([], '该教师的性别', 'teacher.gender'),
    ([], '该教师的最高学历是？', 'teacher.education'),
    ([], '该教师目前是否在编？', 'teacher.establishment'),
    ([], '该教师任教学科', 'teacher.subject'),
    # The form's reference date is 2026-09-01: years on another day are another number.
    ([], '您的教龄（截至2026年8月31日）：____年', None),
    ([], '您的教龄（截至2026年9月1日）：____年', 'teacher.teaching_years'),
    ([], '您是哪年参加工作的？', None),
    ([], '您是否是班主任？', None),
    ([], '您的QQ号或微信号', None),
    ([], '您目前的岗位是：A.专任教师 B.行政管理 C.教辅 D.工勤', 'teacher.post_type'),
    ([], '您现在是在职还是退休？', 'teacher.status'),
    ([], '您毕业于哪所学校？', None),
    ([], '您的第一学历是什么？', None),
    ([], '您目前的工资级别是？', None),
    ([], '您是否为骨干教师？', None),
    ([], '您的职称评定时间', None),
]
ITEMS_SCHOOL: list[Field] = [
    ([], 'SC07 How many teachers in your school are women? (Write 0 if none)', 'FT;gender=2'),
    ([], 'Q12a. Number of teachers aged 50 and over: ____', 'FT;age=50..'),
    ([], 'How many teachers (headcount) are employed at your school as of 1 September 2026?', 'FT'),
    ([], 'This year, how many teachers does your school have?', 'FT'),
    ([], 'How many teachers currently work at this school, including the principal?', None),
    ([], 'How many teachers at your school have a bachelor degree as their highest qualification?', 'FT;education=21'),
    ([], 'How many teachers are on the permanent staff? If none, write 0.', 'FT;establishment=1'),
    ([], 'Of your teachers, how many are men?', 'FT;gender=1'),
    ([], 'Among all staff, how many are administrative staff?', 'status=1;post_type=2'),
    ([], 'How many non-teaching staff does the school employ?', 'status=1;post_type=2,3,4'),
    ([], 'Approximately how many students attend this school?', 'school.enrolment'),
    ([], 'What is the current enrolment of the school?', 'school.enrolment'),
    ([], 'How many teachers in your school teach physics?', 'FT;subject=04'),
    ([], 'How many of your teachers are senior teachers (高级教师)?', 'FT;title=2'),
    ([], 'How many teachers have fewer than 5 years of teaching experience?', 'FT;years=..4'),
    ([], 'How many teachers in your school are from ethnic minorities?', 'FT;ethnicity!=01'),
    ([], 'How many teachers in your school are newly recruited this year?', None),
    ([], 'How many teachers in your school are on maternity leave?', None),
    ([], 'How many teachers are certified to teach special education?', None),
    ([], 'How many school counsellors does the school have?', None),
    ([], 'How many teachers retired last year?', None),
    ([], 'How many computers does the school have for teachers?', None),
    ([], '第5题 贵校女教师人数（人）：____（若无请填0）', 'FT;gender=2'),
    ([], '5.1 截至2026年9月1日，贵校在编专任教师数', 'FT;establishment=1'),
    ([], '贵校现有教职工中，工勤人员有多少人？', 'status=1;post_type=4'),
    ([], '本学年贵校共有多少名专任教师？', 'FT'),
    ([], '今年贵校专任教师中有多少人年满50周岁？', 'FT;age=50..'),
    ([], '贵校专任教师中语文教师有几人？', 'FT;subject=01'),
    ([], '贵校具有中级职称的教师人数为？', 'FT;title=3'),
    ([], '请问贵校专任教师中，本科学历的有多少人？', 'FT;education=21'),
    ([], '贵校40周岁以下的男专任教师共有多少人？', 'FT;gender=1;age=..40'),
    ([], '贵校非在编专任教师人数（单位：人）', 'FT;establishment=2'),
    ([], '贵校在校生人数（截至本学期初）', 'school.enrolment'),
    ([], '贵校是城区学校还是农村学校？', 'school.urban_rural'),
    ([], '贵校是公办学校还是民办学校？', 'school.ownership'),
    ([], '贵校本学期新进教师多少人？', None),
    ([], '贵校有多少名教师正在休产假？', None),
    ([], '贵校有多少名兼职教师？', None),
    ([], '贵校教师参加工会的人数', None),
    ([], '贵校有多少教师近三年获得过县级以上表彰？', None),
    ([], '贵校教师年均培训学时是多少？', None),
    ([], '贵校专任教师中正在攻读在职研究生的有多少人？', None),
    ([], '贵校专任教师队伍中，副教授人数', None),
    ([], '贵校教授人数', None),
    ([], '各学科教师人数', None),
    ([], '贵校各年级学生人数', None),
    ([], '您所在单位的人事关系所在地', None),
]


def test_items_numbered_coded_and_dated_read_as_their_questions() -> None:
    assert _each("Teacher questionnaire", "roster", ITEMS_TEACHER) == []
    assert _each("School questionnaire", "school", ITEMS_SCHOOL) == []


# Imperatives ("Please write…"), rough counts, counting instructions, lists of every kind of staff,
# "如没有请填0", grid stems naming bands ("不同教龄段", "in each age group").
MORE_COUNTS: list[Field] = [
    ([], 'Please write the total number of full-time teachers currently on the staff of your school.', 'FT'),
    ([], 'What is the total number of female teachers in your school? (If none, enter 0)', 'FT;gender=2'),
    ([], 'Approximately how many teachers in your school are aged 60 or above?', 'FT;age=60..'),
    ([], 'Roughly how many teachers are employed at your school?', 'FT'),
    ([], 'Please give the number of teachers by contract type: permanent', 'FT;establishment=1'),
    ([], 'How many of the teachers currently employed in this school are under 25 years old?', 'FT;age=..24'),
    ([], 'In your school, how many teachers are there who are 50 years old or older?', 'FT;age=50..'),
    ([], 'How many teachers in your school hold a doctoral degree (PhD)?', 'FT;education=11'),
    ([], 'How many teachers have an associate degree or lower as their highest level of education?', 'FT;education=31,41,61,71'),
    ([], 'Number of teachers whose highest qualification is a master’s degree', 'FT;education=14'),
    ([], 'At this school, how many teachers are female? ____', 'FT;gender=2'),
    ([], 'How many full-time teachers does your school have in the current school year? Write a number.', 'FT'),
    ([], 'How many teachers does your school have this school year?', 'FT'),
    ([], 'How many teachers are currently teaching mathematics at your school?', 'FT;subject=02'),
    ([], 'How many teachers at your school have been teaching for 30 years or more?', 'FT;years=30..'),
    ([], 'How many teachers at your school have been teaching for less than two years?', 'FT;years=..1'),
    ([], 'How many staff members in total work in your school, including teachers and non-teaching staff?', 'status=1'),
    ([], 'How many retired teachers does your school have?', 'post_type=1;status=2'),
    ([], 'How many teachers at your school are aged 30 or under? (Count each teacher only once)', 'FT;age=..30'),
    ([], 'How many teachers are expected to retire in the next five years?', None),
    ([], 'How many teachers do you need to recruit next year?', None),
    ([], 'How many teachers were absent on the day of the survey?', None),
    ([], 'How many teachers are teaching outside their field of specialisation?', None),
    ([], 'How many teachers in your school are union members?', None),
    ([], 'What is the average age of teachers in your school?', None),
    ([], 'How many teachers have a second job?', None),
    ([], '请您填写本校现有专任教师总人数：____人', 'FT'),
    ([], '贵校目前共有多少位女性专任教师？', 'FT;gender=2'),
    ([], '贵校专任教师中，年龄在50周岁以上的约有____人', 'FT;age=50..'),
    ([], '您学校专任教师中，研究生学历的有多少人？', 'FT;education=11,14'),
    ([], '本校教职工总人数（含专任教师、行政、教辅、工勤人员）', 'status=1'),
    ([], '贵校教龄5年及以下的专任教师有多少人？如没有请填0', 'FT;years=..5'),
    ([], '截至本学年初，贵校专任教师中正高级和高级教师共多少人？', 'FT;title=1,2'),
    ([], '贵校专任教师中有多少人是编外人员？', 'FT;establishment=2'),
    ([], '贵校美术教师共有几名？', 'FT;subject=12'),
    ([], '贵校信息技术教师有多少人？（含兼任）', None),
    ([], '贵校共有几名音乐老师？', 'FT;subject=11'),
    ([], '贵校现有离退休教职工多少人？', 'status=2'),
    ([], '贵校现有多少名心理健康教育专职教师？', 'FT;subject=15'),
    ([], '贵校教师中有多少人有海外留学经历？', None),
    ([], '贵校专任教师年龄结构是否合理？', None),
    ([], '贵校专任教师缺额多少人？', None),
    ([], '贵校近三年退休的教师人数', None),
    ([], '贵校有多少名教师担任中层干部？', None),
    ([], '贵校教职工平均年龄为多少岁？', None),
    ([], '贵校专任教师中有多少人住在学校宿舍？', None),
]
MORE_FACTS: list[Field] = [
    ([], 'What is the postal address of this school?', 'school.address'),
    ([], 'Is your school publicly or privately funded? (Public / Private)', 'school.ownership'),
    ([], 'Which of the following best describes the location of your school? (Urban / Rural)', 'school.urban_rural'),
    ([], 'What is the official school code (10 digits)?', 'school.code'),
    ([], '学校所在地属于：①城区 ②镇区 ③乡村', 'school.urban_rural'),
    ([], '贵校学校类型为（单选）：A.小学 B.初级中学 C.高级中学 D.完全中学 E.九年一贯制学校', 'school.school_type'),
    ([], '贵校办学性质属于以下哪一类？A.公办 B.民办', 'school.ownership'),
    ([], '贵校通讯地址及邮编', None),
    ([], '贵校的联系电话是？', None),
    ([], '贵校占地面积（平方米）', None),
]
MORE_GRIDS: list[Field] = [
    (['Please write the number of teachers in each age group.'], 'Under 25 years', 'FT;age=..24'),
    (['Please write the number of teachers in each age group.'], '50-59 years', 'FT;age=50..59'),
    (['What is the number of teachers in your school by sex?'], 'Male', 'FT;gender=1'),
    (['How many of your full-time teachers have the following highest qualification?'], 'Bachelor’s degree', 'FT;education=21'),
    (['请按职称填写贵校专任教师人数'], '高级教师', 'FT;title=2'),
    (['贵校专任教师中，具有下列学历的各有多少人？'], '本科', 'FT;education=21'),
    (['请填写贵校不同教龄段专任教师的人数'], '5年及以下', 'FT;years=..5'),
    (['贵校专任教师性别构成'], '女', 'FT;gender=2'),
]


def test_more_counts_facts_and_grid_stems_read_as_asked() -> None:
    assert _each("School questionnaire", "school", MORE_COUNTS) == []
    assert _each("School questionnaire", "school", MORE_FACTS) == []
    assert _each("学校问卷", "school", MORE_GRIDS) == []


# Early-childhood and adult-skills instruments, HR self-service forms, a roster's third person,
# "问题5：" numbering, which kind of staff one is ("您属于以下哪类人员"), the options saying by what.
ROSTER_MORE: list[Field] = [
    ([], '您属于以下哪类人员？A.专任教师 B.行政人员 C.教辅人员 D.工勤人员', 'teacher.post_type'),
    ([], '您属于下列哪种人员？①在编 ②编外', 'teacher.establishment'),
    ([], '您属于以下哪类人员？A.党员 B.群众', None),
    ([], '您属于以下哪类人员？', None),
    ([], 'What is your highest level of completed education? (ISCED levels)', 'teacher.education'),
    ([], 'In which year were you born? Write in the year (e.g. 1978).', 'teacher.birth_date'),
    ([], 'How many years have you worked in this ECEC setting?', None),
    ([], 'How many years of experience do you have working with children in ECEC in total?', None),
    ([], 'What is your role in this setting? (Leader / Teacher / Assistant)', None),
    ([], 'Employee category (Teaching / Administrative / Support / Manual)', 'teacher.post_type'),
    ([], 'Update your details: date of birth', 'teacher.birth_date'),
    ([], "This staff member's gender", 'teacher.gender'),
    ([], 'Which ethnic group does this teacher belong to?', 'teacher.ethnicity'),
    ([], 'Year this teacher joined the teaching profession', 'teacher.teaching_start'),
    ([], 'How many years has this teacher been teaching?', 'teacher.teaching_years'),
    ([], 'Is the teacher currently active or retired?', 'teacher.status'),
    # An English "degree" said alone is not the education level (the reader's convention).
    ([], 'What is the highest degree this teacher has obtained?', None),
    ([], 'How many students does this teacher teach?', None),
    ([], "What is the teacher's monthly salary?", None),
    ([], 'Does this teacher have a disability?', None),
    ([], '问题5：您现在的学历层次是？', 'teacher.education'),
    ([], '您今年的周岁年龄', 'teacher.age'),
    ([], '您的出生日期（年/月/日）', 'teacher.birth_date'),
    ([], '您参加教育工作的年份', 'teacher.teaching_start'),
    ([], '您现任教学科（如语文、数学）', 'teacher.subject'),
    ([], '您属于下列哪种编制类型？A.在编 B.非在编', 'teacher.establishment'),
    ([], '您的专业技术职务（职称）是：', 'teacher.title'),
    ([], '您所学专业是？', None),
    ([], '您的最高学历毕业院校', None),
    ([], '您对所在学校的归属感如何？', None),
    ([], '您是否有意愿到农村学校任教？', None),
    ([], '您的家庭年收入大约是多少？', None),
    ([], '您每天通勤时间大约多少分钟？', None),
]
SCHOOL_MORE: list[Field] = [
    ([], 'How many staff work directly with children in this setting?', None),
    ([], 'How many teachers in this school are aged 25-29? Please enter a whole number.', 'FT;age=25..29'),
    ([], 'Number of teachers (headcount) who are women, as at census day', 'FT;gender=2'),
    ([], 'Please report the number of teachers holding a post-graduate qualification.', 'FT;education=11,14'),
    ([], 'What is the number of teachers employed on a permanent basis at the school?', 'FT;establishment=1'),
    ([], 'Total number of pupils enrolled at the school on the census date', 'school.enrolment'),
    ([], 'How many teachers at your school are in their first year of teaching?', 'FT;years=..0'),
    ([], 'What was the total number of teachers at your school last school year?', None),
    ([], 'How many teachers in your school are qualified to teach ICT?', None),
    ([], 'How many ICT teachers are there in your school?', 'FT;subject=13'),
    ([], '贵校现有专任教师中，45周岁及以上的有多少人？（请填写整数）', 'FT;age=45..'),
    ([], '问题6：学校目前教职工总数____人', 'status=1'),
    ([], '贵校专任教师中有几位是少数民族？', 'FT;ethnicity!=01'),
    ([], '贵校现有男教职工多少人？', 'status=1;gender=1'),
    ([], '截至2026年9月1日，贵校在校生总数', 'school.enrolment'),
    ([], '去年贵校专任教师有多少人？', None),
    ([], '贵校专任教师中有多少人是县级以上学科带头人？', None),
    ([], '贵校有多少名教师在外校交流轮岗？', None),
]


def test_instruments_self_service_forms_and_kinds_of_staff_read_as_asked() -> None:
    assert _each("Teacher questionnaire", "roster", ROSTER_MORE) == []
    assert _each("School questionnaire", "school", SCHOOL_MORE) == []


def test_the_school_one_teaches_at_is_the_teachers_school_on_a_roster() -> None:
    """"Which school do you teach at?" reads as the school itself or the teacher's school by its code:
    on a roster both are the teacher's school; on a school form it stays unread."""
    fields: list[Field] = [
        ([], 'Which school do you teach at?', 'teacher.school_code'),
        ([], 'At which school do you currently teach?', 'teacher.school_code'),
        ([], 'What is the name of the school where you teach?', None),
        # The plain "teacher" of a roster's question is the teacher its row is about.
        ([], 'Which school does the teacher teach at?', 'teacher.school_code'),
        ([], 'Which school does this teacher work at?', 'teacher.school_code'),
        ([], 'How many teachers teach at the school?', None),
    ]
    assert _each("Teacher questionnaire", "roster", fields) == []
    assert _each("School questionnaire", "school", [([], 'Which school do you teach at?', None)]) == []


# Options coded [1] [2] and (1) (2), blanks after a word for a year, "写出", and traps near the round's
# rules: a which-question whose options are no stored values, a period's flows, a list taking in
# people the records do not hold, two blanks, an address split into its divisions.
CODED_AND_TRAPS_ROSTER: list[Field] = [
    ([], 'IC2G01 Are you female or male? (1) Female (2) Male', 'teacher.gender'),
    ([], 'What is your age group? [1] Under 30 [2] 30-39 [3] 40-49 [4] 50-59 [5] 60+', 'teacher.age'),
    ([], 'Which of the following is your highest qualification? [1] Diploma [2] Bachelor [3] Master [4] Doctorate', 'teacher.education'),
    ([], 'Which of the following is your contract type? [1] Permanent [2] Fixed-term', 'teacher.establishment'),
    ([], 'What is your mother tongue? [1] Chinese [2] Other', None),
    ([], 'How often do you use ICT in your teaching? [1] Never [2] Sometimes [3] Often', None),
    ([], 'By the end of this school year, how many years will you have been teaching altogether?', None),
    ([], '题3：您的民族 ○汉族 ○少数民族', 'teacher.ethnicity'),
    ([], '问题7：您每周的工作时间大约是多少小时？', None),
    ([], '您的出生年份是____年（请填写4位数字）', 'teacher.birth_date'),
    ([], '您在本校工作的年数是____年', None),
    ([], '您的人事关系是否在本单位？', None),
    ([], '您累计获得县级以上荣誉几次？', None),
    ([], '您主要教授的年级是？', None),
    ([], '请写出您的姓名', 'teacher.name'),
    ([], '您属于以下哪类人员？A.城镇户籍 B.农村户籍', None),
    ([], '您属于以下哪类人员？A.在职 B.退休', 'teacher.status'),
    ([], 'Please confirm your date of birth.', 'teacher.birth_date'),
    ([], 'Please update your mobile number.', None),
]
CODED_AND_TRAPS_SCHOOL: list[Field] = [
    ([], 'How many teachers in your school are in each of these categories? Permanent', None),
    ([], 'SC1Q03 In the current school year, how many students are enrolled in your school?', 'school.enrolment'),
    ([], 'In the current school year, how many teachers left the school?', None),
    ([], 'In the current school year, how many teachers were newly hired?', None),
    ([], 'Roughly what percentage of your teachers are over 50?', None),
    ([], '各年龄段教师人数是否合理？', None),
    ([], '贵校本学期初有多少名专任教师？', 'FT'),
    ([], '本学期初贵校新招聘了多少名教师？', None),
    ([], '贵校属于以下哪种情况？A.有空编 B.满编 C.超编', None),
    ([], '贵校以下哪类教师最紧缺？A.语文 B.数学 C.英语', None),
    ([], '贵校教职工总数（含专任教师、行政人员、教辅人员、工勤人员及代课人员）', None),
    ([], '学校详细地址：____省____市____县____乡（镇）____村', 'school.address'),
    ([], '专任教师____人，其中女____人', None),
    ([], '学校代码是多少？', 'school.code'),
    ([], '学校专任教师是多少？', 'FT'),
    ([], 'Please write the number of teachers who teach more than one subject.', None),
    ([], 'Please write down the number of classrooms.', None),
]


def test_coded_options_and_traps_near_the_rounds_rules() -> None:
    assert _each("Teacher questionnaire", "roster", CODED_AND_TRAPS_ROSTER) == []
    assert _each("School questionnaire", "school", CODED_AND_TRAPS_SCHOOL) == []
