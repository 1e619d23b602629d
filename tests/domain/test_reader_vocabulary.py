"""The vocabulary departments use for each fact the store holds, audited field by field: Chinese
mainland statistics and HR wording, Hong Kong and Taiwan terms, and English of many systems (US,
UK, Australia, India, African EMIS, UNESCO UIS, OECD TALIS). Each wording is read as the definition
a careful reader gives it, or stays `new` where the records cannot answer it or a careful reader
could not without a guess (FTE, trained or qualified teachers, supply teachers, another authority's
codes)."""

from __future__ import annotations

import pytest

from service.domain.dictionary import dictionary
from service.domain.semantics import definition_of, key_of, match_field
from tests.domain.test_semantics import read_form, where

D = dictionary()
FT = "post_type=1;status=1"


def _expected(want: str) -> str | None:
    """A dictionary key as it is; count conditions ("FT;gender=2") as the key of that count."""
    if "=" not in want and want != "FT":
        return want
    return key_of(definition_of(f"school.count({want.replace('FT', FT)})", D), D)  # type: ignore[arg-type]


def _read(label: str, level: str) -> str | None:
    return match_field(label=label, level=level).key  # type: ignore[arg-type]


# On a school form: the school's own facts, and counts of its teachers and staff ("FT" is active
# full-time teachers, as "教师" / "teachers" are at school level).
ON_A_SCHOOL_FORM: dict[str, list[str]] = {
    'school.name': [
        'School name', 'Name of the school', 'Name of institution', 'Institution name',
        'Official name of the school', 'Name of school (in full)', '学校（单位）名称', '学校全称', '學校名稱', '单位全称',
        "School's full name", 'Full name of school', '校名全称', '机构名称', '学校名称（全称）', '学校名称 School name',
        'Name of establishment', 'Establishment name', 'Name of the institution', 'Institution', '学校全称是什么？',
        'What is the name of your school?',
    ],
    'school.code': [
        '学校代码（10位）', 'School code', 'School ID number', 'EMIS code', 'EMIS No.', 'School EMIS number', '学校识别码',
        '学校标识码（10位数字）', 'School identification number', '学校代码 School code', 'Institution code',
    ],
    'school.region_code': [
        '行政区划代码', '所在地行政区划代码', '区县代码', 'District code', '所属区县', '所在县区',
        'Administrative division code', 'County/district code', '縣市別', '所在縣市',
    ],
    'school.school_type': [
        '学校类型', '学校类别', 'School type', 'Type of school', '学校办学类型', '學校類別',
        'School type (primary / junior secondary / senior secondary)', '学校类别（小学/初中/高中/九年一贯制）',
        '学校类型（小学/初中/九年一贯制/完中/高中）', '学校类型 School type', '贵校属于哪类学校？', '贵校的学校类型是？', 'What type of school is this?',
    ],
    'school.urban_rural': [
        '城乡分类代码', '城乡属性', 'Urban/Rural', 'Rural/Urban', 'Location (urban or rural)', 'Area (urban/rural)',
        'Urban or rural location', '学校所在地城乡类型', '城乡类别', '所在区域（城区/镇区/乡村）', '城乡分类 Urban/rural', '贵校位于城区、镇区还是乡村？',
        'Is your school located in an urban or a rural area?',
    ],
    'school.ownership': [
        '办学性质', '学校性质（公办/民办）', '公办或民办', 'Ownership', 'School ownership (public/private)', 'Type of ownership',
        'Public/Private', 'Public or private school', 'Ownership (government / private)', 'Government or private',
        '公立或私立', '公私立別', 'Is the school public or private?', 'Management type (government / private)', '办学类型（公办/民办）',
        '办学性质 Ownership', '贵校是公办学校还是民办学校？', 'Is this a government or a private school?',
    ],
    'school.address': [
        '学校地址', '详细地址', '通讯地址', 'School address', 'Address of school', 'Mailing address', 'Postal address', '學校地址',
        'School physical address', '学校所在地址', '学校详细地址', '邮寄地址', '学校地址 School address', '学校的详细地址',
        'What is the address of your school?',
    ],
    'school.enrolment': [
        '在校生数', '在校学生数', '学生总数', 'Number of pupils', 'Total enrolment', 'Total number of students',
        'Number of learners', 'Pupils on roll', 'Number on roll', 'Enrolment', 'Student enrollment',
        'Total pupils enrolled', '在籍學生數', '學生人數', '在校生总数', '在校学生人数', 'Total number of pupils enrolled',
        'Number of students enrolled', 'What is the total enrolment of your school?',
        'How many students are enrolled in your school?', 'Pupils (total)', 'Learners enrolled', '学生数', '在校学生数（人）',
        '在园幼儿数', 'Number of children enrolled', 'Total learners', 'Enrolment (boys and girls)',
        'Total enrolment (all grades)', 'Student population', 'Number of students on roll', '在校学生数 Enrolment',
        '贵校有在校生多少人？', '贵校目前在校学生人数', 'How many pupils are enrolled in your school?',
    ],
    'FT': [
        'Total number of teachers', 'Number of teachers', 'Teachers (headcount)', 'Total teaching staff',
        'Teaching staff (total)', 'Number of teaching staff', 'Number of classroom teachers', 'Full-time teachers',
        'Full-time teaching staff', 'Teachers in position', 'Teachers currently in service', 'Serving teachers',
        '專任教師人數', '教師人數', '专任教师总人数', '现有专任教师数', 'Active teachers', '在职专任教师', '在职教师', 'Teachers in service',
        'In-service teachers', '教學人員', 'No. of teachers', 'Teachers (all)', 'Teachers in the school',
        'How many teachers work at your school?', '贵校有多少名专任教师？', 'Number of teachers (a)', '在籍教师',
        'Total teachers in position', 'Teachers, both sexes', 'Teachers - total (both sexes)',
        'Teachers (male and female)', 'Total teachers (M+F)', '任课教师人数', '专任老师人数', 'Teacher headcount',
        'Teacher count', 'Count of teachers', 'Teachers (number)', 'Teachers (n)', 'Teachers, MF', 'Teachers (MF)',
        'Teachers MF', 'Teachers (T)', 'Teachers - Total', 'Teaching staff, both sexes', '专任教师 Full-time teachers',
        '教師總數 Total no. of teachers', '你校现有专任教师多少人？', 'How many full-time teachers does your school have?',
        'Teachers (Nos.)', 'No. of teachers (Nos.)', 'Qty of teachers', 'Teachers qty', 'Teachers, number',
        'Number of full-time teaching staff', '教師人數（專任）', '教師總人數',
    ],
    'status=1': [
        'Total staff', 'Total number of staff', 'All staff', 'Number of employees', 'Total employees',
        'Staff headcount', 'Total staff (teaching and non-teaching)', '教职工总数', '教職員工人數', '在职教职工人数',
        'Total no. of staff', '教职员工总数', '教职工总数 Total staff', '学校目前有多少名教职工？',
        'How many staff members work in your school in total?', 'Number of staff working at the school', '教職員總數',
    ],
    'status=1;post_type=2,3,4': [
        'Non-teaching staff', 'Non-teaching staff (total)', '非专任教师',
        'Non-teaching staff (administrative, support and ancillary)', '非教學人員',
    ],
    'status=1;post_type=2': [
        'Administrative staff', 'Number of administrative staff', '行政人员', 'Administrative personnel', '行政人員',
    ],
    'status=1;post_type=3': [
        'Teaching support staff', '教辅人员', 'Support staff', 'Teacher aides', 'Teaching auxiliary staff',
        # A US district's aides in the classroom are its teacher aides.
        'Instructional aides', 'Paraeducators',
    ],
    'status=1;post_type=4': [
        '工勤人员', 'Ancillary staff', 'Custodial staff', '工友', '校工',
    ],
    'FT;gender=2': [
        'Female teachers', 'Number of female teachers', 'Women teachers', 'Lady teachers', 'Teachers - female',
        'Teachers: F', 'Female teaching staff', '女教师', '女專任教師', 'Female full-time teachers', 'Teachers, female',
        'Teachers of which female', 'Teaching staff (female)', 'No. of female teachers',
        'How many female teachers are there in your school?', '贵校女教师有多少人？', 'Teachers (F)', '专任教师（女）', '专任教师-女',
        '专任教师中女性', '女性专任教师人数', 'Teachers_Female', 'Teachers-Female', 'Teachers – Female', 'Teachers: Female',
        'Teachers > Female', 'Teachers › Female', 'Teachers | Female', 'Female (teachers)',
        'No. of Teachers - Female', 'Teachers: Female (No.)', 'Number of teachers: female',
        'Number of teachers, female', 'Teachers (Female)', 'Teachers [F]', 'F teachers', 'Female teachers (No.)',
        'Female teachers (#)', 'Female teachers (headcount)', 'Female teachers (persons)',
        'Female teachers in the school', 'Female teachers at the school', 'Teachers who are female',
        'Teachers who are women', 'Teachers (women)', '专任教师_女', '专任教师—女', '专任教师：女', '专任教师>女', '专任教师·女', '专任教师【女】',
        '专任教师数（其中女）', '专任教师数，其中女', '女（专任教师）', '专任教师数 女', 'Female educators', 'Women among teachers',
        'Teaching staff, F', 'Teaching staff, female', '女专任教师 Female full-time teachers', '贵校专任教师中女教师有几人？',
        'How many teachers in your school are women?', 'Teachers - Females', 'Teachers (Females)',
        'Female Teachers (Nos)', '女性教師人數',
    ],
    'FT;gender=1': [
        'Male teachers', 'Teachers (M)', 'Teaching staff - male', 'Teachers - Males', '男教師人數',
    ],
    'status=1;gender=2': [
        'Female staff', 'Number of female staff', '女教职工', 'Staff (F)', '女职工人数', '女同志人数', 'Female employees',
        'Female personnel', 'Staff: female', '女性教职员工', '女性员工',
    ],
    'status=1;post_type=2,3,4;gender=1': [
        'Male non-teaching staff', 'Non-teaching staff: male',
    ],
    'FT;age=..24': [
        'Teachers aged under 25',
    ],
    'FT;age=25..29': [
        'Teachers aged 25-29',
    ],
    'FT;age=50..': [
        'Teachers aged 50 and above', 'Teachers aged 50+', 'Teachers 50 years of age and above',
        'How many teachers in your school are aged 50 or over?', 'Teachers 50 years old and above',
        'Teachers aged 50 years and above', 'Teachers aged ≥50', '50歲或以上教師',
    ],
    'FT;age=60..': [
        'Teachers 60 years and older', 'Teachers 60+', 'Teachers aged 60 & over',
    ],
    'FT;age=..29': [
        'Teachers below 30 years', 'Teachers younger than 30', 'Teachers under the age of 30',
        'Teachers under 30 years of age', 'Teachers aged <30', 'How many of your teachers are under 30 years old?',
    ],
    'FT;age=51..': [
        'Teachers older than 50',
    ],
    'FT;age=..30': [
        'Teachers aged 30 or younger', '30歲以下教師',
    ],
    'FT;age=30..39': [
        'Teachers aged between 30 and 39', 'Teachers aged 30–39', 'Teachers 30-39 yrs',
        'Teachers aged 30 - 39 years',
    ],
    'FT;age=55..': [
        'Teachers aged 55 years or over',
    ],
    'FT;age=..35': [
        '35岁以下专任教师数', '年龄在35周岁及以下的专任教师', '年龄35岁（含）以下专任教师', '35岁及以下教师 Teachers aged 35 and under',
        '本校35岁以下的青年教师有多少人？',
    ],
    'FT;education=21': [
        "Teachers with a bachelor's degree", '本科学历专任教师', '本科毕业专任教师', '學士學歷教師',
    ],
    'FT;education=14': [
        "Teachers holding a master's degree", "Teachers whose highest qualification is a master's degree",
        '硕士研究生学历教师数', '碩士學歷教師',
    ],
    'FT;education=11': [
        'Teachers with a doctorate', 'Teachers with PhD', '博士學歷教師人數',
    ],
    'FT;education=11,14': [
        'Teachers with postgraduate qualifications', '研究生学历教师', '具研究所學歷教師',
        "Teachers with a master's or doctoral degree", '研究生及以上学历专任教师',
        '研究生學歷教師 Teachers with postgraduate qualifications', '贵校教师中具有研究生学历的有多少人？', '碩士或以上學歷教師',
    ],
    'FT;education=11,14,21': [
        "Teachers with a bachelor's degree or above", "Teachers with at least a bachelor's degree",
    ],
    'FT;education=11,14,21,31': [
        'Teachers with tertiary education',
    ],
    'FT;education=41,61': [
        'Teachers with upper secondary education',
    ],
    'FT;education=71': [
        'Teachers with lower secondary education or below', '初中及以下学历专任教师',
    ],
    'FT;education=31': [
        '專科學歷教師', 'Teachers with a short-cycle tertiary qualification', 'Teachers with an associate degree',
        '大专学历专任教师',
    ],
    'FT;title=2': [
        '高级职称教师', '具有高级职称的专任教师', 'Senior-grade teachers', 'Teachers with senior professional titles', '副高级职称专任教师',
        '中学高级教师', '高級教師 Senior teachers', '贵校有几位高级教师？', 'Teachers with senior titles', 'Senior-level teachers',
    ],
    'FT;title=3': [
        '一级教师', '中小学一级教师', 'First-grade teachers', '中级职称专任教师', '小学高级教师', 'Teachers with intermediate titles',
        'Teachers with a first-grade title',
    ],
    'FT;title=1': [
        '正高级教师', '正高级职称专任教师', 'Professor-level senior teachers',
    ],
    'FT;title=9': [
        '未定职级专任教师', '无职称教师', 'Teachers without a professional title', '未评职称专任教师', 'Untitled teachers',
        'Teachers not yet ranked', 'Teachers without a title', 'Teachers with no professional title', '無職稱教師',
    ],
    'FT;title=4': [
        'Second-grade teachers',
    ],
    'FT;subject=02': [
        'Mathematics teachers', 'Maths teachers', '数学教师', '數學科教師', 'Teachers who taught mathematics',
    ],
    'FT;subject=03': [
        'English language teachers', 'Teachers of English', '英语教师', '英文教師',
    ],
    'FT;subject=10': [
        'Physical education teachers', 'PE teachers', '体育教师', '体育与健康教师',
    ],
    'FT;subject=11': [
        'Music teachers',
    ],
    'FT;subject=12': [
        'Art teachers',
    ],
    'FT;subject=13': [
        'ICT teachers', 'Computer science teachers', '信息技术教师',
    ],
    'FT;subject=07': [
        'History teachers',
    ],
    'FT;subject=08': [
        'Geography teachers',
    ],
    'FT;subject=04': [
        'Physics teachers',
    ],
    'FT;subject=05': [
        'Chemistry teachers',
    ],
    'FT;subject=06': [
        'Biology teachers',
    ],
    'FT;subject=01': [
        'Chinese language teachers', '语文教师人数', '國文教師', '國語教師',
    ],
    'FT;subject=15': [
        '心理健康教育教师',
    ],
    'FT;ethnicity!=01': [
        '少数民族教师', '少数民族专任教师数', 'Ethnic minority teachers', 'Teachers from ethnic minorities', 'Minority teachers',
        '少数民族教师 Ethnic minority teachers', '贵校有多少位少数民族教师？',
    ],
    'FT;ethnicity=01': [
        '汉族教师', 'Han teachers',
    ],
    'FT;ethnicity=04': [
        '藏族教师', 'Tibetan teachers',
    ],
    'FT;establishment=1': [
        '在编教师', '在编专任教师数', '编制内教师', 'Permanent teachers', 'Tenured teachers', 'Permanent and pensionable teachers',
        'Teachers on the establishment', 'Regular teachers', '正式教師', '編制內教師', '常額教師', '常任教師', '常額編制教師', '正式編制教師',
        '正式在编教师', 'Teachers on regular appointment', '在编教师 Permanent teachers', '贵校在编教师共有多少名？',
        'How many of your teachers are on permanent contracts?', 'Teachers in position (Regular)',
        'No. of teachers (Regular)', 'Number of permanent full-time teachers', 'Permanent staff (teaching)',
        'Teaching staff: permanent', '編制內專任教師', '常額教師人數',
    ],
    'FT;establishment=2': [
        '编外教师', '非在编教师', '合同制教师', '临聘教师', '聘用制教师', '编外聘用教师', 'Contract teachers', 'Teachers on contract',
        'Temporary teachers', 'Fixed-term teachers', 'Teachers on fixed-term contracts', '編制外教師', '合約教師', '約聘教師',
        'Contractual teachers', 'Teachers on contractual basis', '編外教師 Contract teachers',
        'Temporary staff (teaching)', 'Teaching staff: temporary', '合約教師人數',
    ],
    'status=1;establishment=1': [
        '在编教职工', '在编人员', 'Permanent staff', 'Pensionable staff', '本校在编教职工人数是多少？', '正式职工', '事业编制教职工', '在编在职教职工',
        '事业编制人员', '编内人员', '在编人数', '实有在编人数',
    ],
    'status=1;establishment=2': [
        '编外人员', 'Contract staff', 'Temporary staff', '約僱人員', '聘用人员', '编制外聘用人员', '编外用工人数', '临时聘用人员', '非编人员',
        '劳动合同制人员',
    ],
    'post_type=1;status=2': [
        '退休教师', 'Retired teachers', '已退休教师', '退休教師 Retired teachers', '贵校退休教师人数',
    ],
    'status=2': [
        '退休教职工', '离退休人员', 'Retired staff', 'Number of retirees', '离退休教职工', '退休人员总数',
    ],
    'post_type=1;status=3': [
        'Teachers who have left the school', '调出教师', '调离本校教师',
    ],
    'FT;years=..4': [
        'Teachers with less than 5 years of experience', '教學年資未滿5年教師', 'Teachers < 5 yrs experience',
        'Teachers with service of less than 5 years',
    ],
    'FT;years=21..': [
        'Teachers with more than 20 years of experience',
    ],
    'FT;years=10..': [
        'Teachers with 10 or more years of teaching experience', '教龄在10年及以上的专任教师',
        'Teachers with teaching experience of 10 years or more', 'Teachers with experience of 10 years or more',
        'Teachers with 10 yrs teaching experience or more', '教學年資滿10年教師',
    ],
    'FT;years=0..4': [
        'Teachers with 0-4 years of service',
    ],
    'FT;years=..5': [
        '教龄5年以下教师', "Teachers with 5 years' experience or less",
        'Teachers with up to 5 years of teaching experience', '教學年資5年以下教師',
    ],
    'FT;years=30..': [
        '教龄满30年的教师', 'Teachers with 30+ years of service',
    ],
    'FT;gender=2;age=50..': [
        'Female teachers aged 50 and above',
    ],
    'FT;gender=1;establishment=1': [
        'Male permanent teachers',
    ],
    'FT;gender=2;establishment=2': [
        'Female contract teachers',
    ],
    'FT;gender=2;education=14': [
        "Female teachers with a master's degree",
    ],
    'FT;gender=2;title=2': [
        'Female senior teachers',
    ],
    'FT;gender=2;establishment=1': [
        '女性在编专任教师',
    ],
    'FT;gender=2;ethnicity!=01': [
        '少数民族女教师',
    ],
    'FT;age=..35;education=21': [
        '35岁以下本科学历专任教师',
    ],
    'status=1;post_type=2,3,4;gender=2': [
        'Female non-teaching staff',
    ],
    'status=1;post_type=2;gender=2': [
        'Female administrative staff', '女性行政人员',
    ],
    'post_type=1;status=2;gender=2': [
        'Retired female teachers',
    ],
    'FT;years=20..': [
        'Teachers who have taught for 20 years or more', 'Teachers with experience 20+ years',
        'Teachers with ≥ 20 years of service', 'Teachers with 20 yrs of service or more',
    ],
    'FT;age=36..45': [
        '36-45周岁专任教师',
    ],
    'FT;age=56..': [
        '56周岁及以上专任教师',
    ],
    'FT;age=46..': [
        '45岁以上（不含45岁）专任教师',
    ],
    'FT;education=41': [
        '中师学历专任教师',
    ],
    'FT;education=41,61,71': [
        '高中及以下学历专任教师', '中专及以下学历专任教师',
    ],
    'FT;subject=09': [
        '道德与法治教师',
    ],
    'FT;subject=14': [
        '科学教师',
    ],
    'FT;gender=1;age=20..29': [
        'Teachers aged 20-29 years (male)', 'Male teachers aged 20-29',
    ],
    'FT;years=5..9': [
        "Teachers with 5-9 years' experience", 'Teachers with experience: 5-9 years',
    ],
    'FT;years=0..2': [
        'Teachers with experience 0-2 years',
    ],
    'FT;years=..1': [
        'Experience: less than 2 years (teachers)',
    ],
    'FT;years=..3': [
        'Teachers with experience up to 3 years',
    ],
    'FT;age=30..39;years=11..': [
        'Teachers aged 30-39 with experience over 10 years',
    ],
    'status=1;gender=1': [
        '男性教职工', '男教职工',
    ],
    'status=3': [
        '调出人员',
    ],
    'status=1;ethnicity!=01': [
        '少数民族教职工', '汉族以外教职工',
    ],
    'FT;ethnicity=03': [
        '回族教师',
    ],
    'FT;ethnicity=05': [
        '维吾尔族专任教师',
    ],
    'status=1;ethnicity=02': [
        '蒙古族教职工',
    ],
    'status=1;education=11,14': [
        '具有研究生学历的教职工',
    ],
    'status=1;education=11,14,21': [
        '本科及以上学历教职工',
    ],
    'FT;title=1,2': [
        '高级及以上职称专任教师', '正高级和高级职称教师', '副高以上职称教师', 'Teachers with senior or higher titles',
    ],
    'FT;title=1,2,3': [
        '中级以上职称教师', 'Teachers with intermediate or higher titles',
    ],
    'FT;title=4,5': [
        '初级及以下职称教师', 'Teachers with junior titles', 'Teachers with junior professional titles',
    ],
    'status=1;title=9': [
        '无职称人员',
    ],
    'FT;title=5': [
        'Third-grade teachers',
    ],
    'FT;establishment=1;gender=1': [
        'Teachers - Regular - Male',
    ],
    'FT;establishment=1;gender=2': [
        'Regular teachers (female)',
    ],
    'FT;establishment=2;gender=2': [
        'Contract teachers - female',
    ],
    'status=1;establishment=1;post_type=2,3,4': [
        'Permanent staff (non-teaching)',
    ],
}

# On a roster, one row per teacher: the teacher's own facts.
ON_A_ROSTER: dict[str, list[str]] = {
    'teacher.name': [
        '姓名', 'Full name', 'Name of teacher', "Teacher's name", 'Name of staff member', 'Employee name', '教师姓名',
        'Name (as in ID card)', 'Name (surname, first name)', "Staff member's full name", '姓名 Name', 'Name / 姓名',
        'Name in full', 'Full names', 'Name of employee', '您的姓名', '你的名字',
    ],
    'teacher.id_number': [
        '身份证号', '公民身份号码', '身份证件号码', '居民身份证号码', '身份證號碼', 'National ID number', 'National identity number',
        'National ID No.', 'Identity card No.', 'ID card No.', '身份证号（18位）', '公民身份号码（18位）',
        "Teacher's ID card number", '您的身份证号码', '证件号码', '身份證號碼 ID card no.', '您的身份证号码是？',
    ],
    'teacher.id': [
        '工号', 'Staff ID', 'Staff number', 'Employee ID', 'Employee number', 'Teacher ID', '教职工号', '职工编号',
    ],
    'teacher.gender': [
        '性别', 'Sex', 'Gender', 'Sex (M/F)', 'Gender (M/F)', 'Gender: F/M', 'Sex (Male/Female)', 'Male/Female', 'M/F',
        '性别（男/女）', '性別', '您的性别是？', 'What is your gender?', 'What is your sex?', 'Sex (1=Male, 2=Female)', 'Sex: M/F',
        '男/女', 'Gender (F/M)', 'Sex (F/M)', 'Sex (M / F)', 'Gender (Male / Female / Other)',
        'Gender (male, female, other, prefer not to say)', '性别（1男2女）', "Teacher's gender", 'Gender of the teacher',
        "Staff member's gender", 'Employee gender', '教师性别', '女（是/否）', 'Female (Y/N)', 'Are you female?',
        'Is the teacher female?', '性别 Sex', '性別 Gender', 'Gender / 性别', '性别（Gender）', 'Sex of teacher', '您的性别？',
        '您是男性还是女性？', '性別（男/女）',
    ],
    'teacher.birth_date': [
        '出生日期', '出生年月', '出生年月（YYYY-MM）', '出生日期（年月日）', 'Date of birth', 'Date of birth (DD/MM/YYYY)',
        'Date of Birth (dd-mm-yyyy)', 'DOB', 'D.O.B.', 'Birth date (yyyy-mm-dd)', 'Birthdate', '出生年月日',
        'Year of birth', '出生年份', 'Month and year of birth', 'D.O.B (dd/mm/yyyy)', 'DOB (YYYY-MM-DD)', 'Birth year',
        'Year born', '出生年月（如1985.06）', '出生日期（格式：19800101）', "Teacher's date of birth",
        'Date of birth of staff member', "Employee's date of birth", '教师出生日期', 'In what year were you born?',
        'What is your date of birth?', '您的出生年月是？', '您是哪一年出生的？', '出生日期 Date of birth',
        '出生日期 Date of Birth (DD/MM/YYYY)', 'Date of birth（出生日期）', '您的出生日期？', '您出生于哪一年？',
    ],
    'teacher.age': [
        '年龄', 'Age', 'Age (years)', 'Age in completed years', 'Age last birthday', 'How old are you?', '您的年龄是？',
        '年齡', '周岁年龄', '实足年龄', 'Age (in completed years)', 'Current age', 'Age of teacher',
        'How old were you on your last birthday?', '你今年多大年纪？', '您的年龄段', '年齡 Age', '您今年多少岁？', '您的实际年龄',
    ],
    'teacher.ethnicity': [
        '民族', 'Ethnicity', 'Ethnic group', '民族（汉族/少数民族）', '您的民族', 'Ethnic origin', 'Han/minority', '是否少数民族',
        '民族（填汉字）', "Teacher's ethnicity", '教职工民族', 'What is your ethnic group?',
        'Which ethnic group do you belong to?', '您的民族是？', '民族成分', '民族（族别）',
        'Are you a member of an ethnic minority?', '民族 Ethnicity', '您属于哪个民族？', '您是否为少数民族？',
        'Ethnicity (Han / minority)',
    ],
    'teacher.education': [
        '最高学历', '学历', '最高學歷', '學歷', 'Highest academic qualification', 'Highest educational qualification',
        'Highest level of education', 'Highest level of education completed',
        'Highest level of formal education completed', 'Highest education level', 'Academic qualification',
        'Educational qualification', 'Highest qualification attained',
        'What is the highest level of formal education you have completed?', 'Level of education', '教育程度', '学历层次',
        '最高学历（博士/硕士/本科/专科/其他）', '本科/专科', '學歷（博士/碩士/學士/專科/其他）', '学历（毕业）', 'Qual.',
        'Highest qual.', 'Highest qualification', '学历（最高）', "Teacher's highest qualification", '教师的最高学历',
        'What is your highest educational qualification?', '本科（是/否）',
        "Do you have a master's degree?",
        'Highest academic qualification (PhD / Masters / Bachelors / Diploma / Certificate)',
        'Highest academic qualification (PhD / Masters / Bachelors)', '最高學歷 Highest academic qualification',
        '學歷 Qualification', 'Academic qualifications', 'Educational background', 'Education',
        'Level of education attained', '您获得的最高学历是什么？', '您的最高学历层次', '您是哪种学历？', '您的学历是哪一种？', '学历（研究生/本科/专科/高中及以下）',
        '学历（研究生/本科/大专/中专/高中/初中及以下）', 'Education (doctorate / master / bachelor / associate / high school / below)',
    ],
    'teacher.title': [
        '职称', '专业技术职务', '专业技术职称', '现任专业技术职务', '職稱', 'Professional title', 'Professional rank',
        'Professional title (senior / first grade / second grade / third grade)', '教师职称', '职称级别', '专业技术职务级别',
        '职称（现）', "Teacher's professional title", '该教师的职称', 'What is your current professional title?',
        '您目前的职称是？', '现聘专业技术职务', '聘任职称', '職稱 Professional title', '您现在的职称是什么？', '您的专业技术职务是？',
        'Title (senior / intermediate / junior / none)', 'Professional title (正高级/高级/一级/二级/三级/未定级)',
        '职称（正高级/高级/一级/二级/三级/未定）', '职称（高级/中级/初级/无）',
    ],
    'teacher.subject': [
        '任教学科', '主要任教学科', '任教科目', '所教学科', 'Subject taught', 'Main subject taught', 'Subjects taught',
        'Teaching subject', 'Main teaching subject', '任教科目（主科）', '任教學科', 'What subject do you mainly teach?',
        'Which subject do you teach?', 'Which subjects have you taught?', '学科（主教）', '现任教学科', "Teacher's subject",
        'Which subject do you mainly teach?', '您主要任教哪个学科？', '任教科目 Subject taught', 'Subject of teaching',
        'Teaching subject(s)', '您目前主要教哪门课？', '您主教的学科', '任教科目（主要）',
    ],
    'teacher.post_type': [
        '岗位类别', '人员类别', 'Staff category', 'Category of staff', 'Post type', 'Type of post',
        'Staff category (teacher / administrative / support / ancillary)', '岗位类别（专任教师/行政人员/教辅人员/工勤人员）', '职别',
        '是否专任教师', '人员类别（专任教师/行政/教辅/工勤）', 'Staff type',
        'Job category (teacher / administrative / support / ancillary)',
        'Position (teacher / administrator / support staff / worker)',
        'Category (teacher, admin, support, ancillary)', '您的岗位类别是？', '您是专任教师吗？', '专任教师（是/否）', 'Type of staff',
        'Personnel category', 'Position', 'Type of personnel', '您目前的岗位是？', '岗位（专任教师/行政/教辅/工勤）',
    ],
    'teacher.establishment': [
        '是否在编', '编制情况', '编制类别', '编制性质', '在编情况', '是否在编（是/否）', '用工形式（在编/编外）', '用人方式', '人员身份（在编/合同制）',
        'Employment type (permanent / contract)', 'Employment status (permanent/temporary)',
        'Type of employment (permanent/contract)', 'Nature of employment', 'Nature of appointment',
        'Permanent or temporary', 'Permanent/Contract', 'Are you a permanent teacher?',
        'Appointment status (permanent / temporary)', '是否编制内', '編制（編制內/編制外）', '在编/编外', '在编或非在编', '编制（是/否）',
        '在编（是/否）', '是否在编（1是 0否）', 'Are you employed on a permanent or fixed-term contract?',
        'Are you on a permanent contract?', '您的编制情况是？', '在编（Y/N）', 'Permanent (Y/N)',
        'Are you employed on a permanent contract?', 'Are you a permanent employee?',
        'Is this teacher on the permanent establishment?', '編制 Establishment', '聘任類別 Type of appointment', '您是否有编制？',
        '您的用工性质', '编制（在编/非在编）', '人员性质（在编/聘用/临聘）', '聘用性質（常額/合約）',
    ],
    'teacher.status': [
        '任职状态', '在职状态', '人员状态（在职/退休/调出）', 'Status (active / retired / transferred)',
        'Service status (in service / retired)', 'Current status (serving / retired / transferred out)', '是否在职',
        '在职/退休', '是否退休', '您是否已退休？', '退休（是/否）', 'Retired (yes/no)', 'Have you retired?', 'Working status', '您目前是否在职？',
        '您是否已经退休？', '任职状态（在职/退休/调出）',
    ],
    'teacher.teaching_years': [
        '教龄', '教龄（年）', 'Years of teaching experience', 'Teaching experience (years)', 'Number of years teaching',
        'Total years of teaching experience', '教學年資', '年資', 'Total teaching experience',
        'Experience as a teacher (years)', 'How many years have you taught?',
        'How many years of teaching experience do you have?', '从教年数', 'No. of years in teaching',
        'Total years of experience', 'Yrs of exp.', 'Years of exp.', 'Teaching exp. (yrs)',
        "Teacher's years of teaching", 'How many years have you worked as a teacher in total?',
        'How long have you been a teacher?', '您的教龄是多少年？',
        'How many years of work experience do you have as a teacher in total?', '教學年資 Years of teaching experience',
        'Length of teaching service', 'Length of service', 'Service years', 'Years in service', '您从教几年了？', '您的教龄（年）',
        '您从事教育工作多少年了？', '教學經驗（年）', '教學經驗',
    ],
    'teacher.teaching_start': [
        '参加教育工作时间', '从教时间', '从教年月', '开始从教时间', 'Year started teaching', 'Date started teaching',
        'Date of first appointment as a teacher', 'Year of first appointment as a teacher',
        'Year you began teaching', '从教起始时间', '教龄起算时间', 'Date of first appointment to the teaching service',
        'Date joined the teaching profession', 'Year entered teaching', 'Year of entry into teaching', '您何时参加教育工作？',
        '您是哪年参加教育工作的？',
    ],
    'teacher.school_code': [
        '所在学校', '任职学校', 'School code', 'School of employment', 'Employing school', '工作单位',
    ],
}

# What the records do not hold, or a careful reader could not answer without a guess.
NEW_ON_A_SCHOOL_FORM = [
    # An English "District" or "County" alone is any country's (Belize's, a US school district), not the
    # county-level division whose code the records hold: only its code asked is ("District code").
    'County', 'District', 'District/County',
    'UDISE code', 'URN', 'Unique reference number', 'DfE number', 'NCES school ID', '统一社会信用代码', '组织机构代码',
    'School registration number', 'School level', 'Phase of education', 'Locale (city / suburb / town / rural)',
    '学校举办者', 'Teachers in post', 'FTE teachers', 'Full-time equivalent teachers', 'Teachers (FTE)',
    'Part-time teachers', '兼职教师', '兼任教師', '外聘教师', '代课教师', '代理教師', 'Supply teachers', 'Locum teachers',
    'Relief teachers', 'Substitute teachers', 'Volunteer teachers', 'Trained teachers', 'Qualified teachers',
    'Professionally qualified teachers', 'Certified teachers', 'Untrained teachers', 'Para teachers', 'Headteacher',
    'Principal', 'Head of school', 'Deputy headteacher', 'Number of headteachers', 'Cleaners', 'Security guards',
    'Of which female', 'Teachers with a diploma', 'Teachers with a degree', 'Graduate teachers', '大学本科毕业', '大學學歷教師',
    'School counsellors', 'Science teachers', 'Special needs teachers', 'Religious education teachers',
    'Indigenous teachers', 'Aboriginal and Torres Strait Islander teachers', 'Teachers from scheduled castes',
    '原住民教師', '人事代理教师', 'Established teachers', 'Casual teachers', 'Probationary teachers', 'Teachers on leave',
    'Teachers on study leave', '病休教师', 'Newly qualified teachers', 'Early career teachers', '學位教師', '文憑教師', '外籍英語教師',
    '教學助理', 'Learning support assistants',
    'Administrative and management personnel', 'Office staff', 'Clerical staff', '職員', '教師兼行政', '兼任行政教師', '導師', '校長',
    '教官', 'Librarians', 'Lab assistants', 'Pupils in P1 to P7', 'Boys enrolled', 'Girls', 'Number of classes',
    'Number of streams', 'Type of school (primary, secondary)', 'Level of school', 'Managing authority', '科研人员',
    '理科教师', '科任教师', 'Number of years', 'Management personnel', 'Male/Female', '在编在岗教职工', '在岗教职工人数', '女专任教师占比',
    '80后教师', '劳务派遣人员', '备案制教师', '政府购买服务教师', '离休人员', '思想品德教师', '通用技术教师', '书法教师', '劳动教师', '综合实践活动教师', '註冊教師', '檢定教師',
    '新住民教師', 'Teachers on government payroll', 'Number of teachers by sex', 'Female teachers as % of total',
    'Percentage of female teachers', '毕业学校', 'Education exp.', 'Education exp. per pupil', 'Exp. on salaries',
    '在编（是/否）', '一线教师人数', '授课教师人数', '班级数', '邮政编码', 'School leaders', 'Heads of department', 'School population',
    'Name of head teacher', "Principal's name", "Headteacher's phone number", 'School telephone', 'School email',
    'GPS coordinates', 'Year established', '建校时间', '占地面积', 'School website', 'Province', 'Region', 'State',
    'Sub-county', 'LGA', 'Local government area', 'Ward', 'Cluster', 'Zone', 'Township', '乡镇（街道）', '所在乡镇', '所属学区',
    'Roll number', 'Guest teachers', 'Part-time instructors', 'Teachers by social category',
    'Teachers with professional qualification (B.Ed./D.El.Ed.)', 'BOM teachers', 'TSC teachers', 'Teachers with QTS',
    'Teachers without QTS', 'Technicians', 'Other support staff', 'Indigenous teaching staff',
    'Principal and deputy principals', 'Classroom teachers (FTE)', 'Guidance counselors',
    'Librarians/media specialists', 'Teachers in public institutions', 'Female teachers (%)', 'Pupil-teacher ratio',
    'Teachers who left the school during the year', 'New teachers recruited this year',
    'Teachers absent on the day of the visit', 'Teachers present today', 'Teachers on maternity leave',
    'Teachers seconded to other institutions', '校医人数', '保健教师', '卫生专业技术人员', '兼职体育教师', '普通话水平测试等级', '科技辅导员',
    '从业人员期末人数', '退役军人教职工', '工会会员人数', '团员教师', '残疾教职工', '特殊教育教师', '专职保安员', '公益性岗位人员', '退休返聘人员', '核定编制数', '空编数', '超编人数',
    '编制数', '在编在岗人数', '代课人员', '离休干部', '女干部', '少数民族干部职工', '大专以下学历', '专科以下学历教职工', '未聘职称教师', '女 Female',
    '35岁以下教师 Teachers under 35', "學士學位教師 Teachers with a bachelor's degree", 'Establishment number',
    'Staff who have worked here for more than 20 years', '工作20年以上的教职工', 'How many people work at the school?',
    'Grade 1 teachers', 'Level-1 teachers', 'Sub-senior teachers', 'Total (Nos.)', 'Sanctioned posts',
    'Vacant posts', 'Teachers in position against sanctioned posts', '鄉鎮市區', '偏遠地區學校', '兼代課教師', '代理代課教師', '長期代理教師',
    '文員', '非學位教師', '副校長', '已接受師資培訓教師',
]

NEW_ON_A_ROSTER = [
    # A "Job title" is the post held, and "Title (Mr/Mrs/Ms/Dr)" a form of address: neither is the
    # professional title.
    'Job title', 'Job Title', 'Title (Mr/Mrs/Ms/Dr)',
    # A degree asked is not the education level (学位 against 学历), unless its options are the levels.
    'Highest degree earned', 'Highest degree held', 'What is the highest degree you hold?',
    'Surname', 'First name', '英文姓名', '曾用名', 'Aadhaar number', 'Social security number', 'Passport number',
    'HKID number', 'NIN', 'TSC number', 'Payroll number', 'Teacher registration number', '教师资格证编号', 'Nationality',
    'Race', 'Race/ethnicity', 'Caste', 'Social category', '国籍', 'Professional qualification',
    'Teacher training qualification', 'Highest professional qualification', '第一学历', '最高学位', '全日制学历', 'Grade',
    'Salary grade', 'Job group', '现聘岗位等级', '职务', 'Subject specialisation', 'Major subject (in degree)', '所学专业',
    'Staff type (teaching / non-teaching)', 'Teaching or non-teaching', 'Designation', '聘任類別（正式/代理）',
    'Employment status', 'Years at this school', 'Years in current school', '工龄', '参加工作时间',
    'Date of first appointment', 'Date of joining present school', '来校时间', '英文名', 'Bachelor or above', '本科及以上',
    '研究生', '女', 'Female', 'Female teachers/Male teachers', 'Permanent / 30 and over',
    'Regular / Contract / Part-time', 'Grades taught', 'Classes taught', '到職日期', '服務年資', '最高學歷畢業學校', '畢業學校', '所學專業',
    'Years of experience in this district', 'Certification status', 'Employment status (full-time/part-time)',
    'Employment category (permanent/temporary/casual)', 'Indigenous status', 'QTS status',
    'Date of arrival in school', 'Age (as at 1 January)', 'Age as of 31 December', 'Marital status', 'Religion',
    'Home district', 'Mobile number', 'Email address', 'Bank account number', 'Basic salary', 'Date of retirement',
    'Disability status', 'Political affiliation', '政治面貌', '籍贯', '婚姻状况', '健康状况', '联系电话', '家庭住址', '现住址', '参加工作年月',
    '入党时间', '专业技术职务任职时间', '职称取得时间', '现任职务', '行政职务', '教师资格证种类', '教师资格证学段', '普通话等级', '是否班主任', '是否骨干教师', '是否特岗教师',
    '是否乡村教师', '是否在编在岗', '毕业院校', '毕业学校', '毕业时间', '毕业专业', '毕业年月', '最高学历毕业院校及专业', '最高学历毕业时间', '第一学历毕业院校',
    'Institution attended', 'Name of university', 'University graduated from', 'Year of graduation',
    'Field of study', 'Major', '最高学历毕业学校', 'Emp. type (P/C)', 'Employment type', '任教年级', '任教班级', '周课时', '教师类别',
    '岗位（教学/行政/后勤）', 'Staff role', 'Role', '35岁以下（是/否）', '学历学位', '最高学历学位', '全日制教育学历', '在职教育学历', '专业技术资格',
    '专业技术职务聘任时间', '证件类型', '工作单位及职务', 'How many years of work experience do you have as a teacher at this school?',
    'How many years have you worked as a teacher at this school?',
    'What is your employment status as a teacher? (full-time / part-time)',
    "Teacher's employment status (permanent / temporary / volunteer)",
    'Highest level of education completed (primary / secondary / certificate / diploma / degree / postgraduate)',
    '職級 Rank', 'Professional grade', 'Academic title', 'Type of employment contract', 'First year of teaching',
    'Date of entry into service', '您的月收入', '您的婚姻状况', '您每周上几节课？', '您是否担任班主任？', '您的政治面貌', '您参加过几次培训？', '您在本校工作了几年？',
    '您的第一学历', '您的最高学位', '状态（在岗/离岗）', '在本校服務年資', '職位（教師/文員/工友）', '聘任性質',
]


# Drills in the styles of the rounds read least well (county quick reports with slips, 2025-edition
# tables, abbreviated English sheets, questionnaires in the second and third person, Hong Kong, Macau
# and Taiwan forms, other countries' censuses): other departments' wordings of the same cells.
DRILLS: dict[str, list[str]] = {
    'FT': ['专任教帅数', '专仼教师', '该校专任教师总数', '专任教师（幼儿园）', '幼儿园专任教师数', 'Number of kindergarten teachers',
           'Headcount of teachers', 'Total teaching staff (headcount)', '教學人員總數 Número total de docentes'],
    'status=1': ['教职工总书', '幼儿园教职工总数', '教職員總人數'],
    'status=2': ['退修人员', 'Pensioners (retired staff)'],
    'status=2;post_type=1': ['Retd. Tchrs', 'Retired teachers', '贵校已退休教师多少名？'],
    'FT;gender=1': ['男专任教师', '专任教师中男教师', '男性教師人數', 'Number of male teachers', '贵校现有专任教师中，男教师多少人？'],
    'FT;gender=2': ['No. of FT Teachers (F)', '教師人數（女）', '女性教師', 'Teachers in position - female',
                    'Teachers (headcount), female', 'Female teaching staff (headcount)', '贵校现有女专任教师多少人？',
                    '女教師 Docentes do sexo feminino'],
    'status=1;gender=2': ['女教职工数', '女教職員'],
    'FT;age=..29': ['No. of Tchrs aged <30', '年齡未滿30歲的教師'],
    'FT;age=..30': ['Tchrs aged 30 & below'],
    'FT;age=..35': ['35周岁（含）以下专任教师', '你校35周岁及以下专任教师人数'],
    'FT;age=45..': ['贵校45周岁及以上的专任教师有多少人？'],
    'FT;age=50..': ['50歲或以上教師'],
    'FT;age=55..': ['FT Tchrs aged 55 & above', '55岁以上专任教师'],
    'FT;age=60..': ['Teachers aged 60 years and above'],
    'FT;age=30..39': ['Teachers aged between 30 and 39'],
    'FT;education=11': ['FT Tchrs w/ PhD', 'Teachers holding a Ph.D.', '博士學歷教師', 'How many teachers hold a doctoral degree?'],
    'FT;education=14': ['碩士學歷教師'],
    'FT;education=21': ['本科学历教帅', '學士學歷教師'],
    'FT;education=11,14': ['研究生学力专任教师', '专任教师中：硕士及以上学历', '贵校专任教师中具有研究生学历的有多少人？'],
    'FT;education=11,14,21': ['Tchrs w/ Bach. degree & above'],
    'FT;education=11,14,21,31': ['专任教师中：大专及以上'],
    'FT;establishment=1': ['Perm. Tchrs', '在编专任教师', '常額教師人數', 'Teachers on regular appointment',
                           'Permanent and pensionable teachers'],
    'FT;establishment=2': ['Contract Tchrs', '编外临聘教师', '合約教師人數', 'Contractual teachers', '贵校目前编外聘用教师多少人？',
                           'How many teachers are employed on fixed-term contracts?'],
    'status=1;establishment=1': ['在编在册教职工', '贵校在职在编教职工多少人？'],
    'FT;ethnicity!=01': ['少数民蔟教师', '少數民族教師', 'Teachers from ethnic minorities', '贵校专任教师中少数民族教师有多少人？'],
    'FT;ethnicity=01': ['Han teachers', 'Teachers of Han ethnicity'],
    'FT;title=1,2': ['具有高级职称（含正高级）的专任教师', '贵校高级职称（含正高级）专任教师多少人？', 'Teachers with senior or higher titles'],
    'FT;title=3': ['专任教师中：一级教师', 'First-grade teachers'],
    'FT;title=9': ['Teachers without a professional title', 'Untitled teachers'],
    'FT;years=..0': ['新入职（教龄不足1年）专任教师数'],
    'FT;years=..2': ['教龄未满3年的专任教师', 'No. of Tchrs with <3 yrs teaching exp.',
                     'How many teachers have fewer than 3 years of teaching experience?'],
    'FT;years=..4': ['Teachers with less than five years of service'],
    'FT;years=..5': ['教龄在5年以内的专任教师', '教學年資5年以下教師'],
    'FT;years=10..': ['Teachers with 10 or more years of teaching', 'Tchrs w/ 10+ yrs exp.'],
    'FT;years=10..19': ['Teachers with 10-19 years of service'],
    'FT;years=16..': ['Teachers with over 15 yrs of teaching exp.'],
    'FT;years=20..': ['教龄20年及以上的专任教师', '教學年資滿20年教師', 'Teachers with 20+ years of service',
                      'Teachers with 20+ yrs of teaching'],
    'FT;years=21..': ['Teachers with over 20 years of teaching experience'],
    'FT;years=25..': ['Teachers with 25 years of service or more'],
    'FT;years=31..': ['Teachers with more than 30 years in education'],
    'status=1;years=20..': ['Staff with 20+ years of education service'],
    'FT;subject=09': ['道德与法治教师'],
    'FT;subject=10': ['体育与健康专任教师', 'Physical education teachers'],
    'FT;subject=13': ['ICT teachers'],
    'FT;subject=05,06': ['化学、生物教师合计'],
    'status=1;post_type=2': ['Admin. staff'],
    'status=1;post_type=2,3,4': ['Non-teaching staff (admin, support & ancillary)', 'Non-teaching staff in position'],
}


# Under a title, headers or a total above: the same words in the layouts of other systems' tables.
# (title, headers outermost first, the total just above, wording, what it reads as)
IN_CONTEXT: list[tuple[str | None, list[str], str | None, str, str]] = [
    ('Teachers by sex', [], None, 'Male', 'FT;gender=1'),
    ('Teachers by sex', [], None, 'Female', 'FT;gender=2'),
    ('Teachers by sex', [], None, 'Total', 'FT'),
    (None, ['Number of teachers'], None, 'Female', 'FT;gender=2'),
    (None, ['Teachers', 'Female'], None, 'Total', 'FT;gender=2'),
    (None, ['Teachers (headcount)'], None, 'Female', 'FT;gender=2'),
    (None, ['Teaching staff'], None, 'Male', 'FT;gender=1'),
    (None, ['Non-teaching staff'], None, 'Female', 'status=1;post_type=2,3,4;gender=2'),
    (None, ['Teachers by age group'], None, 'Under 25', 'FT;age=..24'),
    (None, ['Teachers by age group'], None, '25-29', 'FT;age=25..29'),
    (None, ['Teachers by age group'], None, '60 and over', 'FT;age=60..'),
    (None, ['Teachers by age'], None, '50+', 'FT;age=50..'),
    (None, ['Age of teachers'], None, '<30', 'FT;age=..29'),
    (None, ['Teachers by highest qualification'], None, 'Doctorate', 'FT;education=11'),
    (None, ['Teachers by highest qualification'], None, "Master's", 'FT;education=14'),
    (None, ['Teachers by highest qualification'], None, "Bachelor's", 'FT;education=21'),
    (None, ['Teachers by highest qualification'], None, "Below bachelor's", 'FT;education=31,41,61,71'),
    (None, ['Teachers by employment status'], None, 'Permanent', 'FT;establishment=1'),
    (None, ['Teachers by employment status'], None, 'Contract', 'FT;establishment=2'),
    (None, ['Teachers by type of appointment'], None, 'Permanent', 'FT;establishment=1'),
    (None, ['Teachers by type of appointment'], None, 'Temporary', 'FT;establishment=2'),
    (None, ['Teachers by years of experience'], None, '0-4 years', 'FT;years=0..4'),
    (None, ['Teachers by years of experience'], None, 'Less than 5 years', 'FT;years=..4'),
    (None, ['Teachers by years of experience'], None, '20 years or more', 'FT;years=20..'),
    (None, ['Teachers by subject'], None, 'Mathematics', 'FT;subject=02'),
    (None, ['Teachers by subject'], None, 'English', 'FT;subject=03'),
    (None, ['Staff by category'], None, 'Teachers', 'FT'),
    (None, ['Staff by category'], None, 'Administrative', 'status=1;post_type=2'),
    (None, ['Staff by category'], None, 'Support', 'status=1;post_type=3'),
    (None, ['Staff by category'], None, 'Total', 'status=1'),
    (None, ['Staff by post'], None, 'Teaching staff', 'FT'),
    (None, ['Teachers by ethnicity'], None, 'Han', 'FT;ethnicity=01'),
    (None, ['Teachers by ethnicity'], None, 'Ethnic minorities', 'FT;ethnicity!=01'),
    (None, ['Teachers by professional title'], None, 'Senior', 'FT;title=2'),
    (None, ['Teachers by professional title'], None, 'Unranked', 'FT;title=9'),
    ('专任教师分性别情况', [], None, '男', 'FT;gender=1'),
    ('专任教师分年龄情况', [], None, '25岁及以下', 'FT;age=..25'),
    ('专任教师分年龄情况', [], None, '26-30岁', 'FT;age=26..30'),
    ('专任教师学历结构', [], None, '研究生', 'FT;education=11,14'),
    ('专任教师学历结构', [], None, '本科', 'FT;education=21'),
    ('专任教师职称结构', [], None, '高级', 'FT;title=2'),
    ('专任教师编制情况', [], None, '在编', 'FT;establishment=1'),
    ('专任教师编制情况', [], None, '编外', 'FT;establishment=2'),
    ('教职工队伍基本情况', [], None, '合计', 'status=1'),
    (None, ['教职工', '其中'], None, '专任教师', 'FT'),
    (None, ['专任教师'], None, '其中：女', 'FT;gender=2'),
    (None, [], '专任教师数', '其中：女', 'FT;gender=2'),
    (None, [], 'Total teachers', 'Of which: female', 'FT;gender=2'),
    (None, [], 'Total teachers', 'of whom female', 'FT;gender=2'),
    (None, [], 'Total teachers', '- female', 'FT;gender=2'),
    (None, [], 'Total teachers', '  Female', 'FT;gender=2'),
    (None, [], 'Total teachers', 'incl. female', 'FT;gender=2'),
    (None, [], 'Total staff', 'Of which: teachers', 'FT'),
    (None, ['Teachers'], None, 'F', 'FT;gender=2'),
    (None, ['Teachers'], None, 'M', 'FT;gender=1'),
    (None, ['Teachers'], None, 'M+F', 'FT'),
    (None, ['Teachers'], None, 'Both sexes', 'FT'),
    (None, ['教职工数'], None, '女', 'status=1;gender=2'),
    (None, ['專任教師'], None, '女', 'FT;gender=2'),
    (None, ['專任教師'], None, '男', 'FT;gender=1'),
    (None, ['教師人數'], None, '合計', 'FT'),
    (None, ['Teachers by years of teaching'], None, '5 years and under', 'FT;years=..5'),
    (None, ['Teachers by years of teaching'], None, 'Over 30 years', 'FT;years=31..'),
    (None, ['Teachers by length of service'], None, '10-19 years', 'FT;years=10..19'),
    (None, ['Teachers by length of service'], None, '30 yrs +', 'FT;years=30..'),
    (None, ['Teachers by age'], None, 'Under 30 years', 'FT;age=..29'),
    (None, ['Teachers by age'], None, '30-39 years', 'FT;age=30..39'),
    (None, ['Teachers by age'], None, '60 years and above', 'FT;age=60..'),
    (None, ['Teachers by age'], None, '≥60', 'FT;age=60..'),
    (None, ['专任教师', '年龄'], None, '35岁以下', 'FT;age=..35'),
    (None, ['Age group (teachers)'], None, '<25', 'FT;age=..24'),
    (None, ['Teachers'], None, 'Aged <25', 'FT;age=..24'),
    (None, ['Teachers'], None, 'Age > 55', 'FT;age=56..'),
    (None, ['Teachers'], None, '20 years or more of teaching', 'FT;years=20..'),
]

@pytest.mark.parametrize(("label", "want"), [(w, k) for k, ws in ON_A_SCHOOL_FORM.items() for w in ws])
def test_a_school_forms_wording_reads_as_the_fact_it_names(label: str, want: str) -> None:
    assert _read(label, "school") == _expected(want)


@pytest.mark.parametrize(("label", "want"), [(w, k) for k, ws in ON_A_ROSTER.items() for w in ws])
def test_a_rosters_wording_reads_as_the_teachers_own_fact(label: str, want: str) -> None:
    assert _read(label, "roster") == want


@pytest.mark.parametrize("label", NEW_ON_A_SCHOOL_FORM)
def test_what_a_school_form_asks_beyond_the_records_stays_new(label: str) -> None:
    assert _read(label, "school") is None


@pytest.mark.parametrize("label", NEW_ON_A_ROSTER)
def test_what_a_roster_asks_beyond_the_records_stays_new(label: str) -> None:
    assert _read(label, "roster") is None


# The school filling the form in, named by what it does or undergoes in the procedure the form belongs
# to (it reports, is assessed, is sampled): the form's own school. A body that assesses or checks it,
# a partner school, or people it puts forward are not.
THE_SCHOOL_BY_ITS_ROLE: dict[str, list[str]] = {
    'school.name': ['参评学校名称', '被督导学校名称', '受检单位', '样本校名称', '试点学校名称', '报送单位（公章）',
                    'Name of participating school', 'Sampled school name'],
    'school.address': ['抽查学校地址'],
}
NOT_THE_SCHOOL: list[str] = ['评估单位名称', '检查单位', '帮扶学校名称', '申报高级教师人数', '参评学校班主任人数']
# What a printed form adds around a count and says nothing of whom it counts: the records it is taken
# from when they are the records the store holds, the sum over a breakdown, people a count in post
# leaves out anyway, a sub-item's numbering, a check of the number, a sum spelled out, synonyms and
# short forms of other systems. A payroll or an approved establishment is another number.
ADDING_NOTHING: dict[str, list[str]] = {
    'school.enrolment': ['在校生总数（按学籍系统）', 'Number of pupils (per EMIS)', '复核在校生数'],
    'status=1': ['教职工数（男女合计）', '教职工人数（不包括调出人员）', '教职工合计（专任+行政+教辅+工勤）',
                 'Total personnel (teaching + administrative + support)'],
    'FT': ['专任教师数（不含退休人员）', '核实专任教师数'],
    'FT;gender=1': ['4-2.专任教师中男教师数'],
    'status=1;establishment=1': ['2-1、在编教职工数'],
    'status=1;post_type=4': ['Utility staff'],
    'FT;establishment=1': ['Whole-time teachers on permanent contracts'],
    'FT;subject=13': ['Informatics teachers'],
    'FT;education=21': ['Teachers holding a BSc'],
    'FT;education=11,14': ['Teachers with an MSc or higher'],
    'school.address': ['Full postal address (street, district, region)'],
}
ANOTHER_NUMBER: list[str] = ['教职工数（按工资名册）', '教职工数（按编制核定）', 'Whole-time equivalent teachers',
                             'Teachers with a BEd', 'School name (public / private)']
ON_A_ROSTER_TOO: dict[str, list[str]] = {
    'teacher.school_code': ['报送单位'],
    'teacher.education': ['Highest degree obtained (BSc / MSc / PhD)'],
    'teacher.name': ['Family name, given name', 'Staff name (Chinese / pinyin)'],
}
NOT_ON_A_ROSTER: list[str] = ['Given name', 'Surname / initials', 'Employing authority (TSC / BOM)']


@pytest.mark.parametrize(("label", "want"), [(w, k) for k, ws in THE_SCHOOL_BY_ITS_ROLE.items() for w in ws])
def test_the_school_named_by_its_role_in_the_procedure_is_the_forms_own(label: str, want: str) -> None:
    assert _read(label, "school") == want


@pytest.mark.parametrize("label", NOT_THE_SCHOOL)
def test_a_body_that_assesses_a_partner_school_or_a_role_of_people_stays_new(label: str) -> None:
    assert _read(label, "school") is None


@pytest.mark.parametrize(("label", "want"), [(w, k) for k, ws in ADDING_NOTHING.items() for w in ws])
def test_what_a_form_adds_around_a_count_is_read_past(label: str, want: str) -> None:
    assert _read(label, "school") == _expected(want)


@pytest.mark.parametrize("label", ANOTHER_NUMBER)
def test_another_source_or_measure_beside_a_count_stays_new(label: str) -> None:
    assert _read(label, "school") is None


@pytest.mark.parametrize(("label", "want"), [(w, k) for k, ws in ON_A_ROSTER_TOO.items() for w in ws])
def test_a_rosters_name_parts_degrees_and_reporting_unit(label: str, want: str) -> None:
    assert _read(label, "roster") == want


@pytest.mark.parametrize("label", NOT_ON_A_ROSTER)
def test_one_part_of_a_name_or_another_employer_stays_new_on_a_roster(label: str) -> None:
    assert _read(label, "roster") is None


def test_the_day_the_title_gives_said_again_in_a_field_is_the_forms_date() -> None:
    title = "Staffing return (as at 15 March)"
    assert read_form([{"label": "Number of pupils as at 15 March"}, {"label": "Teachers on 15th Mar."},
                      {"label": "Teachers on 1 April"}], title=title) == [
        "school.enrolment", "school.ft_teachers", None]
    assert read_form([{"label": "10月15日在职教职工数"}, {"label": "11月1日在职教职工数"}],
                     title="教职工情况（截至10月15日）") == ["school.staff", None]
    # Without the title saying so, a date is no reference date the reader may assume.
    assert read_form([{"label": "Number of pupils as at 15 March"}], title="Staffing return") == [None]


@pytest.mark.parametrize(("title", "headers", "above", "label", "want"), IN_CONTEXT)
def test_a_wording_in_its_table_reads_with_the_title_headers_and_total_above(
        title: str | None, headers: list[str], above: str | None, label: str, want: str) -> None:
    got = match_field(label=label, level="school", scene=where(headers, title, above)).key
    assert got == _expected(want)


@pytest.mark.parametrize(("label", "want"), [(w, k) for k, ws in DRILLS.items() for w in ws])
def test_other_departments_wordings_of_the_same_cells_read_alike(label: str, want: str) -> None:
    assert _read(label, "school") == _expected(want)


def test_a_titles_procedure_before_its_document_kind_leaves_whom_it_counts() -> None:
    got = read_form([{"label": "正高级", "headers": ["现聘职称人数"]}, {"label": "二级", "headers": ["现聘职称人数"]},
                     {"label": "申报高级人数"}, {"label": "高级", "headers": ["拟申报职称"]}], title="中小学教师职称评聘推荐表")
    assert got == [_expected("FT;title=1"), _expected("FT;title=4"), None, None]
    assert read_form([{"label": "高级"}], title="专任教师职称评审汇总表") == [_expected("FT;title=2")]
    # A title listing the applicants counts them, not the school's teachers.
    assert read_form([{"label": "正高级", "headers": ["现聘职称人数"]}], title="教师职称评审申报人员情况表") == [None]


def test_the_span_of_codes_after_a_coded_fields_name_adds_nothing() -> None:
    assert _read("城乡分类代码（111-220）", "school") == "school.urban_rural"
    assert _read("Region code (01-99)", "school") == "school.region_code"


# A Chinese clause in a bracket closing a count, saying how the row is used or why, or restating whom
# it counts: read without it. A bracket saying whom (taking people in, leaving them out, keeping to a
# part of them, another kind, a number) keeps the wording unread, and so does a short word or English.
CLOSING_NOTES: dict[str, list[str]] = {
    'status=2': ['退休教职工人数（另行统计待遇）', '退休人员（单独造册上报）'],
    'status=1;establishment=2': ['编外聘用人员（已签订聘用合同）', '合同制人员数（由学校自行管理）'],
    'FT;age=55..': ['55岁及以上专任教师（可申请减免课时）'],
    'status=1;gender=2': ['女职工人数（用于妇委会统计）'],
}
NOTES_SAYING_WHOM: list[str] = ['专任教师（外聘）', '教职工数（含借调人员）', '专任教师（仅指在岗人员）', '在编人数（试用期内）',
                                '女教师（正式录用未满1年）', '专任教师（新调入人员）', '专任教师（兼任中层干部）', '专任教师（担任教研组长）', '教职工（获得市级表彰）',
                                'Teachers (on long-term leave)', '编外聘用人员（在编）']


@pytest.mark.parametrize(("label", "want"), [(w, k) for k, ws in CLOSING_NOTES.items() for w in ws])
def test_a_clause_closing_a_count_in_a_bracket_is_read_past(label: str, want: str) -> None:
    assert _read(label, "school") == _expected(want)


@pytest.mark.parametrize("label", NOTES_SAYING_WHOM)
def test_a_bracket_saying_whom_a_count_takes_keeps_it_unread(label: str) -> None:
    assert _read(label, "school") is None


# "Non-government" beside "government" is private; Latin American and French forms' "level of
# studies / schooling" is the education. A number of years of schooling is not.
OTHER_SYSTEMS: list[tuple[str, str, str]] = [
    ('Type of management (Government / Non-government)', 'school', 'school.ownership'),
    ('Level of studies completed', 'roster', 'teacher.education'),
    ('Level of schooling attained', 'roster', 'teacher.education'),
]


@pytest.mark.parametrize(("label", "level", "want"), OTHER_SYSTEMS)
def test_another_systems_words_read_as_the_field(label: str, level: str, want: str) -> None:
    assert _read(label, level) == want


def test_years_of_schooling_stay_new() -> None:
    assert _read('Years of schooling', 'roster') is None
