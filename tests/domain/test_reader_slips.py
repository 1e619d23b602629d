"""Slip drills: whole forms typed in a hurry, copied from PDFs or OCR'd, each wording with one
realistic slip (a pinyin homophone, a character of like shape, one missing, doubled or swapped,
stray spaces or a line break inside a word, full-width letters, OCR confusions such as 0/O, 1/l,
已/己, 人/入, "rn" for "m", English typos, a pasted footnote digit) and the reading a careful reader
gives it. Traps: a slip that makes another real word (代课 beside 任课, 学位 beside 学历, 职务 beside
职称, 在岗 beside 在编) reads as that word or stays `new` (None), never as the stored fact it is near:
a wrong pre-fill is worse than a question."""

from __future__ import annotations

import pytest

from tests.domain.test_semantics import misread

Field = tuple[list[str], str, str | None]
FORMS: list[tuple[str, str, list[Field]]] = [
    # Slips of pinyin input: a character of the same sound.
    ('教职工基本情况统计表（人）', 'school', [
        ([], '专认教师数', 'FT'),
        ([], '专任教师数其中：女', 'FT;gender=2'),
        ([], '教职工总数', 'status=1'),
        ([], '教职工数其中：少数名族', 'status=1;ethnicity!=01'),
        ([], '行政人圆', 'status=1;post_type=2'),
        ([], '教辅人员', 'status=1;post_type=3'),
        ([], '工勤人原', 'status=1;post_type=4'),
        ([], '离退休人员', 'status=2'),
        ([], '在编专任教师', 'FT;establishment=1'),
        ([], '在编专任教师（编质内）', 'FT;establishment=1'),
        ([], '代课教师', None),
        ([], '兼任教师', None),
    ]),
    ('专任教师学历情况（人）', 'school', [
        (['专任教师'], '合记', 'FT'),
        (['专任教师', '按学历分'], '研究生', 'FT;education=11,14'),
        (['专任教师', '按学历分'], '本科', 'FT;education=21'),
        (['专任教师', '按学历分'], '专科', 'FT;education=31'),
        ([], '研究生学历专任教师', 'FT;education=11,14'),
        ([], '本科学历专认教师', 'FT;education=21'),
        ([], '专科学历专任教帅', 'FT;education=31'),
        ([], '具有硕士学位的专任教师', None),
        ([], '具有博士学位的专任教师', None),
        ([], '本科及以上学历专任教师', 'FT;education=11,14,21'),
        ([], '研究生学历女专任教师', 'FT;education=11,14;gender=2'),
        ([], '专任教师中少数民族人数', 'FT;ethnicity!=01'),
    ]),
    ('专任教师职称情况（人）', 'school', [
        ([], '正高级职成专任教师', 'FT;title=1'),
        ([], '副高级职称专任教师', 'FT;title=2'),
        ([], '中级职称专认教师', 'FT;title=3'),
        ([], '助理级职称专任教师', 'FT;title=4'),
        ([], '高级职务专任教师', None),
        ([], '专任教师中担任行政职务的人数', None),
        ([], '未定职级专任教师', 'FT;title=9'),
        ([], '专任教师中副高级', 'FT;title=2'),
        ([], '专任教师中正高级', 'FT;title=1'),
        ([], '专任教师职称（中级）人数', 'FT;title=3'),
    ]),
    ('教职工编制情况表', 'school', [
        ([], '在编教职工数', 'status=1;establishment=1'),
        ([], '编外教职工数', 'status=1;establishment=2'),
        ([], '在编专任教师数', 'FT;establishment=1'),
        ([], '编外专任教师数', 'FT;establishment=2'),
        ([], '在岗教职工数', None),
        ([], '核定编质数', None),
        ([], '实有在编人数', 'status=1;establishment=1'),
        ([], '编外聘用教师', 'FT;establishment=2'),
        ([], '在编女教职工', 'status=1;establishment=1;gender=2'),
    ]),
    # Slips of shape: a character of like parts.
    ('专任教师年龄情况（手填）', 'school', [
        ([], '专仟教师总数', 'FT'),
        ([], '专任教帅数', 'FT'),
        ([], '女教帅', 'FT;gender=2'),
        ([], '35岁以下专任教师', 'FT;age=..35'),
        ([], '35周岁以下专仟教师', 'FT;age=..35'),
        ([], '36-45岁专任教师', 'FT;age=36..45'),
        ([], '46-55岁专任教师', 'FT;age=46..55'),
        ([], '56岁及以上专任教帅', 'FT;age=56..'),
        ([], '退体人员', 'status=2'),
        ([], '教职工数（不含退休）', 'status=1'),
        ([], '行政人贝', 'status=1;post_type=2'),
        ([], '学校名称', 'school.name'),
        ([], '学校地扯', 'school.address'),
    ]),
    # Missing, doubled and swapped characters.
    ('教师队伍情况（速报）', 'school', [
        ([], '专任教教师数', 'FT'),
        ([], '专任师数', None),
        ([], '教职职工数', 'status=1'),
        ([], '教师专任', 'FT'),
        ([], '专任教师数数', 'FT'),
        ([], '女女专任教师', 'FT;gender=2'),
        ([], '在编编专任教师', 'FT;establishment=1'),
        ([], '专任教师（女）', 'FT;gender=2'),
        ([], '少数民族专任教师', 'FT;ethnicity!=01'),
        ([], '少数民专任教师', None),
    ]),
    # Stray spaces and line breaks inside words (PDF copies).
    ('专 任 教 师 情 况 表', 'school', [
        ([], '专 任 教 师 数', 'FT'),
        ([], '专任\n教师数', 'FT'),
        ([], '其中：\n女', 'FT;gender=2'),
        ([], '少数\n民族', 'FT;ethnicity!=01'),
        ([], '研究生\n学历', 'FT;education=11,14'),
        ([], '本 科', 'FT;education=21'),
        ([], '专 科', 'FT;education=31'),
        ([], '高级\n职称', 'school.ft_teachers.title.senior'),
        ([], '35岁\n以下', 'FT;age=..35'),
        ([], '在 编', 'FT;establishment=1'),
        ([], '学校 名称', 'school.name'),
        ([], '学校代 码', 'school.code'),
        ([], '教职工 数', 'status=1'),
    ]),
    ('教职工情况（PDF转Excel）', 'school', [
        (['教 职 工'], '合 计', 'status=1'),
        (['教 职 工'], '其中:女', 'status=1;gender=2'),
        (['教 职 工', '其 中'], '专任 教师', 'FT'),
        (['教 职 工', '其 中'], '行政 人员', 'status=1;post_type=2'),
        (['教 职 工', '其 中'], '教辅 人员', 'status=1;post_type=3'),
        (['教 职 工', '其 中'], '工勤 人员', 'status=1;post_type=4'),
        (['离 退 休'], '人 数', 'status=2'),
        ([], '在校学生\n数', 'school.enrolment'),
    ]),
    # Full-width letters and digits, half-width punctuation.
    ('专任教师年龄结构（全角）', 'school', [
        ([], '３５岁以下专任教师', 'FT;age=..35'),
        ([], '３６－４５岁专任教师', 'FT;age=36..45'),
        ([], '５５岁以上专任教师', 'FT;age=55..'),
        ([], '专任教师(女)', 'FT;gender=2'),
        ([], '专任教师（少数民族)', 'FT;ethnicity!=01'),
        ([], '教职工数(人)', 'status=1'),
        ([], 'Ｔｅａｃｈｅｒｓ', 'FT'),
        ([], 'Ｆｅｍａｌｅ　ｔｅａｃｈｅｒｓ', 'FT;gender=2'),
        ([], '专任教师数：', 'FT'),
        ([], '专任教师数:', 'FT'),
    ]),
    # OCR confusions.
    ('扫描件识别：教职工统计表', 'school', [
        ([], '专任教师数（入）', 'FT'),
        ([], '教职工数（人)', 'status=1'),
        ([], '3O岁以下专任教师', 'FT;age=..30'),
        ([], '5O岁以上专任教师', 'FT;age=50..'),
        ([], '专任教师数（已婚）', None),
        ([], '年末专任教师数', 'FT'),
        ([], '未定职称专任教师', 'FT;title=9'),
        ([], '学校名称：', 'school.name'),
        ([], '在校学生数', 'school.enrolment'),
        ([], '离退休人贝', 'status=2'),
        ([], '二O二五年末教职工数', 'status=1'),
    ]),
    ('Scanned return: Staff statistics', 'school', [
        ([], 'Nurnber of teachers', 'FT'),
        ([], 'Nurnber of female teachers', 'FT;gender=2'),
        ([], 'Teachers aged under 3O', 'FT;age=..29'),
        ([], 'Teachers aged 5O and over', 'FT;age=50..'),
        ([], 'Tota1 staff', 'status=1'),
        ([], 'Fema1e teachers', 'FT;gender=2'),
        ([], 'Schoo1 name', 'school.name'),
        ([], 'Schoo1 code', 'school.code'),
        ([], 'Enro1ment', 'school.enrolment'),
        ([], 'Retired staff', 'status=2'),
        ([], 'Adrninistrative staff', 'status=1;post_type=2'),
        ([], 'Perrnanent teachers', 'FT;establishment=1'),
    ]),
    # English typos.
    ('Teacher Census (typed in a hurry)', 'school', [
        ([], 'Number of Teahcers', 'FT'),
        ([], 'Femal teachers', 'FT;gender=2'),
        ([], 'Male teahcers', 'FT;gender=1'),
        ([], 'Teachers with a bachelors degree', 'FT;education=21'),
        ([], 'Teachers with a masters degree', 'FT;education=14'),
        ([], 'Teachers with a doctorate', 'FT;education=11'),
        ([], 'Total enrollment', 'school.enrolment'),
        ([], 'Total enrolment', 'school.enrolment'),
        ([], 'Permanant teachers', 'FT;establishment=1'),
        ([], 'Contract teachers', 'FT;establishment=2'),
        ([], 'Teachers aged under 30', 'FT;age=..29'),
        ([], 'Retired staf', None),
        ([], 'Adminstrative staff', 'status=1;post_type=2'),
        ([], 'Totl staff', None),
        ([], 'Shcool name', 'school.name'),
    ]),
    ('Teacher roster (typed in a hurry)', 'roster', [
        ([], 'Full nmae', 'teacher.name'),
        ([], 'Gnder', 'teacher.gender'),
        ([], 'Date of brith', 'teacher.birth_date'),
        ([], 'Highest qualifcation', 'teacher.education'),
        ([], 'Subjcet taught', 'teacher.subject'),
        ([], 'Years of teaching experiance', 'teacher.teaching_years'),
        ([], 'Ethnicty', 'teacher.ethnicity'),
        ([], 'Date of birth', 'teacher.birth_date'),
        ([], 'Sex', 'teacher.gender'),
    ]),
    # Pasted footnote digits.
    ('专任教师情况表（注释见表下）', 'school', [
        ([], '专任教师数1', 'FT'),
        ([], '其中：女3', 'FT;gender=2'),
        ([], '少数民族4', 'FT;ethnicity!=01'),
        ([], '在编人数⁵', 'FT;establishment=1'),
        ([], '专任教师数①', 'FT'),
        ([], '专任教师数*', 'FT'),
        ([], '专任教师数※', 'FT'),
        ([], '35岁以下', 'FT;age=..35'),
        ([], '教职工数2', 'status=1'),
    ]),
    ('Staff return (with notes)', 'school', [
        ([], 'Teachers1', 'FT'),
        ([], 'Teachers²', 'FT'),
        ([], 'Female teachers*', 'FT;gender=2'),
        ([], 'Total staff (a)', 'status=1'),
        ([], 'Enrolment†', 'school.enrolment'),
        ([], 'School name', 'school.name'),
    ]),
    # Rosters with slips.
    ('教师信息登记表（手工录入）', 'roster', [
        ([], '姓 名', 'teacher.name'),
        ([], '性 别', 'teacher.gender'),
        ([], '民 族', 'teacher.ethnicity'),
        ([], '出生 年月', 'teacher.birth_date'),
        ([], '身份证号', 'teacher.id_number'),
        ([], '身分证号', 'teacher.id_number'),
        ([], '最高学力', 'teacher.education'),
        ([], '最高学历', 'teacher.education'),
        ([], '职 称', 'teacher.title'),
        ([], '职成', 'teacher.title'),
        ([], '职务', None),
        ([], '任教学科', 'teacher.subject'),
        ([], '任课学科', 'teacher.subject'),
        ([], '代课学科', None),
        ([], '教 龄', 'teacher.teaching_years'),
        ([], '是否在编', 'teacher.establishment'),
        ([], '是否在岗', None),
        ([], '学位', None),
        ([], '政治面貌', None),
    ]),
    ('教师花名册（OCR）', 'roster', [
        ([], '姓名', 'teacher.name'),
        ([], '性別', 'teacher.gender'),
        ([], '出生曰期', 'teacher.birth_date'),
        ([], '出生日朝', 'teacher.birth_date'),
        ([], '民旅', 'teacher.ethnicity'),
        ([], '身份证号码', 'teacher.id_number'),
        ([], '参加工作时间', None),
        ([], '任教学料', 'teacher.subject'),
        ([], '专业技术职称', 'teacher.title'),
        ([], '最高学历（全日制）', None),
        ([], '编制情况', 'teacher.establishment'),
    ]),
    # Questionnaires with slips.
    ('学校教师情况调查问卷', 'school', [
        ([], '请填写本校专认教师人数', 'FT'),
        ([], '贵校现有专任教师多少人？', 'FT'),
        ([], '贵校现有专任教帅多少人？', 'FT'),
        ([], '贵校女专任教师有几人?', 'FT;gender=2'),
        ([], '贵校35岁以下专任教师有多少人？', 'FT;age=..35'),
        ([], '贵校在编专任教师多少人', 'FT;establishment=1'),
        ([], '贵校代课教师多少人？', None),
        ([], '贵校退休人员多少人？', 'status=2'),
        ([], '贵校教职工总数是多少？', 'status=1'),
        ([], '贵校在校生多少人？', 'school.enrolment'),
        ([], '贵校具有硕士学位的教师多少人？', None),
    ]),
    ('教师个人问卷（请本人填写）', 'roster', [
        ([], '您的姓名', 'teacher.name'),
        ([], '您的性别（男/女）', 'teacher.gender'),
        ([], '您的出生年月', 'teacher.birth_date'),
        ([], '您的最高学历', 'teacher.education'),
        ([], '您的职称', 'teacher.title'),
        ([], '您的职务', None),
        ([], '您任教的学科', 'teacher.subject'),
        ([], '您是否在编', 'teacher.establishment'),
        ([], '您的民族', 'teacher.ethnicity'),
        ([], '您的教龄', 'teacher.teaching_years'),
    ]),
    # Tables with 其中 rows and slips in headers.
    ('教职工分性别、民族情况（人）', 'school', [
        (['教职工'], '总计', 'status=1'),
        (['教职工'], '其中：女', 'status=1;gender=2'),
        (['教职工'], '其中：少数民族', 'status=1;ethnicity!=01'),
        (['专认教师'], '计', 'FT'),
        (['专认教师'], '其中：女', 'FT;gender=2'),
        (['专任教帅'], '计', 'FT'),
        (['专任教帅'], '其中：女', 'FT;gender=2'),
        (['行政人员'], '计', 'status=1;post_type=2'),
        (['工勤人员'], '计', 'status=1;post_type=4'),
    ]),
    ('专任教师学历、职称交叉表', 'school', [
        (['研究生'], '正高级', 'FT;education=11,14;title=1'),
        (['研究生'], '副高级', 'FT;education=11,14;title=2'),
        (['本科'], '中级', 'FT;education=21;title=3'),
        (['本科'], '助理级', 'FT;education=21;title=4'),
        (['专科'], '中级', 'FT;education=31;title=3'),
        (['专科'], '副高级', 'FT;education=31;title=2'),
    ]),
    ('专任教师教龄情况（人）', 'school', [
        ([], '教龄5年以下专任教师', 'FT;years=..5'),
        ([], '教龄30年以上专任教师', 'FT;years=30..'),
        # 零 for 龄: one sound (líng), and no other character makes a term there (the 下 of 以下 is
        # no slip of 以外: 以下 is a term itself).
        ([], '教零5年以下专任教师', 'FT;years=..5'),
        ([], '专任教师教龄（年）合计', None),
    ]),
    ('English staff return (OCR, UK spelling)', 'school', [
        ([], 'Number of teachers', 'FT'),
        ([], 'Number of Teachers (F)', 'FT;gender=2'),
        ([], 'Teachers - Female', 'FT;gender=2'),
        ([], 'Teachers - Male', 'FT;gender=1'),
        ([], 'Teachers: permanent', 'FT;establishment=1'),
        ([], 'Teachers: contract', 'FT;establishment=2'),
        ([], 'Teachers with Bachelor\'s degree', 'FT;education=21'),
        ([], 'Teachers with Master\'s degree', 'FT;education=14'),
        ([], 'Pupils enrolled', 'school.enrolment'),
        ([], 'Pupil enrolment', 'school.enrolment'),
        ([], 'Non-teaching staff', 'status=1;post_type=2,3,4'),
        ([], 'Teaching staff', 'FT'),
    ]),
    ('English staff return (with slips)', 'school', [
        ([], 'Teachers - Femlae', 'FT;gender=2'),
        ([], 'Teachers - Mael', None),
        ([], 'Teachres: permanent', 'FT;establishment=1'),
        ([], 'Teachers: contarct', 'FT;establishment=2'),
        ([], 'Numbre of teachers', 'FT'),
        ([], 'Teachers with Bachelor degre', 'FT;education=21'),
        ([], 'Pupils enroled', 'school.enrolment'),
        ([], 'Non-teachign staff', 'status=1;post_type=2,3,4'),
        ([], 'Teachign staff', 'FT'),
        ([], 'Retierd staff', 'status=2'),
        ([], 'Totla staff', 'status=1'),
    ]),
    # More OCR and hurried typing: rosters and a staff table.
    ('Staff list (scanned)', 'roster', [
        ([], 'Narne', 'teacher.name'),
        ([], 'Gender (M/F)', 'teacher.gender'),
        ([], 'Date of Birth (DD/MM/YYYY)', 'teacher.birth_date'),
        ([], 'Highest qua1ification', 'teacher.education'),
        ([], 'Subject taught', 'teacher.subject'),
        ([], 'Ethnicity', 'teacher.ethnicity'),
        ([], 'Emp1oyment status (Permanent/Contract)', 'teacher.establishment'),
        ([], 'Years of teaching experience', 'teacher.teaching_years'),
        ([], 'Marital status', None),
        ([], 'Phone number', None),
    ]),
    ('教职工情况表（扫描）', 'school', [
        ([], '教职工总数', 'status=1'),
        ([], '其中：女', 'status=1;gender=2'),
        ([], '其中：少数民旅', 'status=1;ethnicity!=01'),
        ([], '专任教师数', 'FT'),
        ([], '行政人贝', 'status=1;post_type=2'),
        ([], '教辅人贝', 'status=1;post_type=3'),
        ([], '工勤人贝', 'status=1;post_type=4'),
        ([], '离退体人员', 'status=2'),
        ([], '在校学生数', 'school.enrolment'),
        ([], '学校名秤', 'school.name'),
    ]),
    ('Teachers by qualification (PDF copy)', 'school', [
        (['Teachers'], 'To tal', 'FT'),
        (['Teachers'], 'Fe male', 'FT;gender=2'),
        (['Teachers', 'Highest qualification'], 'Doctor ate', 'FT;education=11'),
        (['Teachers', 'Highest qualification'], 'Master\'s', 'FT;education=14'),
        (['Teachers', 'Highest qualification'], 'Bachelor\'s', 'FT;education=21'),
        (['Teachers'], 'Under 3O', 'FT;age=..29'),
        (['Teachers'], '5O and over', 'FT;age=50..'),
        (['Teachers'], 'Perrnanent', 'FT;establishment=1'),
        (['Teachers'], 'Contract', 'FT;establishment=2'),
        (['Teachers'], 'Retired', 'post_type=1;status=2'),
    ]),
    # Traps: the slip makes another real word.
    ('易混词（不得误填）', 'school', [
        ([], '代课教师数', None),
        ([], '任课教师数', 'FT'),
        ([], '兼职教师数', None),
        ([], '在岗教师数', None),
        ([], '具有学士学位的专任教师', None),
        ([], '担任行政职务的专任教师', None),
        ([], '学力测试合格人数', None),
        ([], '年末在校生数', 'school.enrolment'),
        ([], '年末专任教师数', 'FT'),
        ([], '学期末专任教师数', 'FT'),
        ([], '支教教师数', None),
        ([], '交流教师数', None),
        ([], '专职教师数', 'FT'),
        ([], '外聘教师数', None),
        ([], '特岗教师数', None),
    ]),
    ('易混词（花名册）', 'roster', [
        ([], '任职时间', None),
        ([], '任教年级', None),
        ([], '年纪', 'teacher.age'),
        ([], '学位', None),
        ([], '学历', 'teacher.education'),
        ([], '职务', None),
        ([], '职称', 'teacher.title'),
        ([], '职级', None),
        ([], '在岗情况', None),
        ([], '编制', 'teacher.establishment'),
        ([], '任教学科', 'teacher.subject'),
        ([], '代课学科', None),
    ]),
]


# Slips the reader does not read yet, each for a reason a general rule has still to meet: asserted still
# missed, so that a rule reading one moves it out of here.
NOT_YET: dict[str, str] = {
    # A character doubled: dropping one would as often turn a wording into another's (在编编 is read).
    '教职职工数': 'status=1',
    # A year before a moment of it ("2025年末") is not yet taken for the form's own reference date.
    '二O二五年末教职工数': 'status=1',
    # English slips of four letters or fewer are too near other words to correct.
    'Full nmae': 'teacher.name',
    # 朝 for 期 share only their 月: by parts they are other words, as 代 and 任 are.
    '出生日朝': 'teacher.birth_date',
}


def copies(fields: list[Field]) -> list[list[Field]]:
    """A form asks each fact once: the wordings of one fact typed several ways are read as copies of
    the form, each field in the first copy not yet asking its fact, in its order."""
    out: list[list[Field]] = []
    for f in fields:
        page = next((p for p in out if f[2] is None or all(g[2] != f[2] for g in p)), None)
        if page is None:
            out.append(page := [])
        page.append(f)
    return out


COPIES = [(t, lv, page) for t, lv, fs in FORMS for page in copies(fs)]


@pytest.mark.parametrize(("title", "level", "fields"), COPIES, ids=[f"{t} #{i}" for i, (t, _, _) in enumerate(COPIES)])
def test_forms_typed_in_a_hurry_read_field_by_field(title: str, level: str, fields: list[Field]) -> None:
    wrong = misread(title, level, fields, NOT_YET)
    assert not wrong, "\n".join(wrong)
