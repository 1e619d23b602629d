"""Title drills: a table's title gives the population and the breakdown of every field under it, so
one title the reader cannot read leaves every bare category and total under it unread. Titles as
departments write them: "……分学历情况", "……学历结构", "……按职称分组", "……年龄构成", "……情况统计表
（按性别）", "表3-2 ……", "（2026学年初）", "……汇总表（截至9月1日）", places and years, 填报说明 run into
the title, two populations, kinds of school, a unit line; Taiwan's "……按學歷別分", Hong Kong's "……的
學歷分佈"; "Teachers by highest qualification", "Distribution of teachers by years of experience",
"Profile of teaching staff", "Table 4: …", "(as at 30 September)", footnote markers, form codes,
"continued". Each is over a small table of bare categories, totals and 其中 rows. A title whose
population the records do not hold (pupils, classes, trainees, volunteers, FTE, vacancies, posts,
qualified or trained teachers) leaves its fields `new` (None): a wrong pre-fill is worse than a
question."""

from __future__ import annotations

import pytest

from tests.domain.test_semantics import misread

# (headers, label, what it reads as): a count's conditions ("FT" is active full-time teachers,
# "status=1" all active staff), or None for new.
Field = tuple[list[str], str, str | None]


def _zh_edu(pop: str) -> list[Field]:
    return [([], '合计', pop), ([], '其中：女', f'{pop};gender=2'), ([], '研究生', f'{pop};education=11,14'),
            ([], '本科', f'{pop};education=21'), ([], '专科', f'{pop};education=31')]


def _zh_rank(pop: str) -> list[Field]:
    return [([], '合计', pop), ([], '正高级', f'{pop};title=1'), ([], '副高级', f'{pop};title=2'),
            ([], '中级', f'{pop};title=3'), ([], '未定职级', f'{pop};title=9')]


def _zh_age(pop: str) -> list[Field]:
    return [([], '合计', pop), ([], '30岁及以下', f'{pop};age=..30'), ([], '31-40岁', f'{pop};age=31..40'),
            ([], '41-50岁', f'{pop};age=41..50'), ([], '51岁及以上', f'{pop};age=51..')]


def _zh_sex(pop: str) -> list[Field]:
    return [([], '合计', pop), ([], '男', f'{pop};gender=1'), ([], '女', f'{pop};gender=2')]


def _zh_years(pop: str) -> list[Field]:
    return [([], '合计', pop), ([], '不满5年', f'{pop};years=..4'), ([], '5-9年', f'{pop};years=5..9'),
            ([], '20年及以上', f'{pop};years=20..')]


def _en_edu(pop: str) -> list[Field]:
    return [([], 'Total', pop), ([], 'Doctorate', f'{pop};education=11'), ([], "Master's degree", f'{pop};education=14'),
            ([], "Bachelor's degree", f'{pop};education=21')]


def _en_age(pop: str) -> list[Field]:
    return [([], 'Total', pop), ([], 'Under 30', f'{pop};age=..29'), ([], '30-39', f'{pop};age=30..39'),
            ([], '50 and over', f'{pop};age=50..')]


def _en_sex(pop: str) -> list[Field]:
    return [([], 'Total', pop), ([], 'Male', f'{pop};gender=1'), ([], 'Female', f'{pop};gender=2')]


def _en_years(pop: str) -> list[Field]:
    return [([], 'Total', pop), ([], 'Less than 5 years', f'{pop};years=..4'), ([], '5-9 years', f'{pop};years=5..9'),
            ([], '20 years or more', f'{pop};years=20..')]


def _en_age_sex(pop: str) -> list[Field]:
    return [(['Male'], 'Under 30', f'{pop};gender=1;age=..29'), (['Female'], '30-39', f'{pop};gender=2;age=30..39'),
            (['Female'], 'Total', f'{pop};gender=2'), (['Total'], '50 and over', f'{pop};age=50..')]


def _none(fields: list[Field]) -> list[Field]:
    return [(h, w, None) for h, w, _ in fields]


FT, STAFF = 'FT', 'status=1'

TABLES: list[tuple[str, list[Field]]] = [
    # Chinese: a breakdown said as 分 / 按 / 结构 / 构成 / 分布 / 分组 / 情况.
    ('专任教师分学历情况', _zh_edu(FT)),
    ('专任教师学历结构', _zh_edu(FT)),
    ('专任教师学历构成', _zh_edu(FT)),
    ('专任教师学历分布', _zh_edu(FT)),
    ('专任教师按学历分组', _zh_edu(FT)),
    ('教职工学历结构情况', _zh_edu(STAFF)),
    ('教职工按学历分', _zh_edu(STAFF)),
    ('专任教师按职称分组', _zh_rank(FT)),
    ('专任教师职称结构', _zh_rank(FT)),
    ('专任教师专业技术职务构成', _zh_rank(FT)),
    ('教职工职称结构统计表', _zh_rank(STAFF)),
    ('专任教师年龄构成', _zh_age(FT)),
    ('专任教师年龄结构', _zh_age(FT)),
    ('专任教师年龄分布情况', _zh_age(FT)),
    ('教职工年龄结构统计', _zh_age(STAFF)),
    ('专任教师分年龄情况', _zh_age(FT)),
    ('专任教师情况统计表（按性别）', _zh_sex(FT)),
    ('教职工情况统计表（按性别分）', _zh_sex(STAFF)),
    ('专任教师性别结构', _zh_sex(FT)),
    ('专任教师性别构成', _zh_sex(FT)),
    ('专任教师教龄结构', _zh_years(FT)),
    ('专任教师按教龄分组', _zh_years(FT)),
    ('专任教师教龄分布', _zh_years(FT)),
    # Numbered, dated and placed.
    ('表3-2 专任教师学历情况', _zh_edu(FT)),
    ('表4 专任教师职称情况', _zh_rank(FT)),
    ('附表1 教职工年龄结构', _zh_age(STAFF)),
    ('专任教师学历情况（2026学年初）', _zh_edu(FT)),
    ('2026学年初专任教师职称情况', _zh_rank(FT)),
    ('2026年秋季学期专任教师年龄结构', _zh_age(FT)),
    ('专任教师学历情况汇总表（截至9月1日）', _zh_edu(FT)),
    ('专任教师职称情况汇总表（截至2026年9月1日）', _zh_rank(FT)),
    ('专任教师花名册汇总', _zh_sex(FT)),
    ('教职工花名册汇总（按学历）', _zh_edu(STAFF)),
    ('XX县2026年中小学专任教师学历结构', _zh_edu(FT)),
    ('长沙市2026年专任教师职称结构统计表', _zh_rank(FT)),
    ('宁乡市第一中学专任教师年龄结构', _zh_age(FT)),
    ('XX区实验小学2026年教职工学历情况', _zh_edu(STAFF)),
    ('专任教师学历情况（单位：人）', _zh_edu(FT)),
    ('专任教师年龄结构 单位：人', _zh_age(FT)),
    ('专任教师基本情况（一）', _zh_sex(FT)),
    ('教职工基本情况（二）', _zh_sex(STAFF)),
    ('专任教师学历情况（续）', _zh_edu(FT)),
    # Filling-in notes run into the title.
    ('专任教师学历情况 填报说明：学历指最高学历，按毕业证书填写。', _zh_edu(FT)),
    ('专任教师职称情况（填报说明：职称按聘任的专业技术职务填写）', _zh_rank(FT)),
    ('专任教师年龄结构（注：年龄按2026年9月1日计算）', _zh_age(FT)),
    # Staff words of a county's analysis.
    ('教职工队伍结构分析表', _zh_sex(STAFF)),
    ('教职工队伍学历结构分析表', _zh_edu(STAFF)),
    ('师资队伍建设情况（学历）', _zh_edu(FT)),
    ('师资队伍职称结构', _zh_rank(FT)),
    ('专任教师队伍学历结构', _zh_edu(FT)),
    ('专任教师队伍年龄结构情况', _zh_age(FT)),
    ('专任教师队伍基本情况', _zh_sex(FT)),
    ('教师队伍年龄结构', _zh_age(FT)),
    # Kinds of school: the schools the table is for.
    ('小学专任教师学历结构', _zh_edu(FT)),
    ('初中阶段专任教师学历情况', _zh_edu(FT)),
    ('小学阶段专任教师职称结构', _zh_rank(FT)),
    ('普通高中专任教师年龄结构', _zh_age(FT)),
    ('九年一贯制学校专任教师学历构成', _zh_edu(FT)),
    ('幼儿园专任教师学历结构', _zh_edu(FT)),
    ('中小学教职工性别结构', _zh_sex(STAFF)),
    ('初中教职工年龄构成', _zh_age(STAFF)),
    # Two populations: each header names its own.
    ('教职工及专任教师情况', [
        (['教职工'], '合计', STAFF), (['教职工'], '女', f'{STAFF};gender=2'),
        (['专任教师'], '合计', FT), (['专任教师'], '女', f'{FT};gender=2'), (['专任教师'], '本科', f'{FT};education=21'),
    ]),
    ('教职工和专任教师学历结构', [
        (['教职工'], '研究生', f'{STAFF};education=11,14'), (['教职工'], '本科', f'{STAFF};education=21'),
        (['专任教师'], '研究生', f'{FT};education=11,14'), (['专任教师'], '合计', FT),
    ]),
    ('教职工、专任教师年龄结构', [
        (['教职工'], '合计', STAFF), (['教职工'], '30岁及以下', f'{STAFF};age=..30'),
        (['专任教师'], '30岁及以下', f'{FT};age=..30'), (['专任教师'], '51岁及以上', f'{FT};age=51..'),
    ]),
    # Taiwan and Hong Kong.
    ('教師按學歷別分', _zh_edu(FT)),
    ('專任教師按學歷別分', _zh_edu(FT)),
    ('專任教師按性別分', _zh_sex(FT)),
    ('專任教師按年齡別分', _zh_age(FT)),
    ('114學年度專任教師學歷統計', _zh_edu(FT)),
    ('教師的學歷分佈', _zh_edu(FT)),
    ('教師的年齡分佈', _zh_age(FT)),
    ('教師的性別分佈', _zh_sex(FT)),
    ('本校教師的學歷分佈', _zh_edu(FT)),
    # English.
    ('Teachers by highest qualification', _en_edu(FT)),
    ('Teachers by highest degree earned', _en_edu(FT)),
    ('Teachers by level of qualification', _en_edu(FT)),
    ('Teaching staff by ISCED level of qualification', _en_edu(FT)),
    ('Teaching staff by highest level of education', _en_edu(FT)),
    ('Full-time teachers by age group and sex', _en_age_sex(FT)),
    ('Teachers by age group', _en_age(FT)),
    ('Teachers by age', _en_age(FT)),
    ('Teachers by sex', _en_sex(FT)),
    ('Teachers by gender', _en_sex(FT)),
    ('Distribution of teachers by years of experience', _en_years(FT)),
    ('Distribution of teachers by age', _en_age(FT)),
    ('Distribution of teachers by highest qualification', _en_edu(FT)),
    ('Teachers by years of teaching experience', _en_years(FT)),
    ('Profile of teaching staff', _en_sex(FT)),
    ('Teaching staff profile', _en_sex(FT)),
    ('Staff in post at census date', _en_sex(STAFF)),
    ('Staff in post by sex', _en_sex(STAFF)),
    ('Table 4: Teachers, by sex and type of appointment', _en_sex(FT)),
    ('Table 3.2 Teachers by qualification', _en_edu(FT)),
    ('Number of teachers disaggregated by sex', _en_sex(FT)),
    ('Number of teachers disaggregated by age', _en_age(FT)),
    ('Number of teachers by highest qualification', _en_edu(FT)),
    ('Breakdown of staff by category', [
        ([], 'Total', STAFF), ([], 'Female', f'{STAFF};gender=2'), ([], 'Teachers', FT),
    ]),
    ('Breakdown of teachers by age', _en_age(FT)),
    ('Educators by race and gender', [
        (['African'], 'Male', None), (['White'], 'Female', None), (['Total'], 'Female', 'FT;gender=2'),
        (['Total'], 'Total', 'FT'),
    ]),
    ('Staffing summary', [([], 'Grand total', STAFF), ([], 'Men', f'{STAFF};gender=1'), ([], 'Women', f'{STAFF};gender=2')]),
    ('Workforce census: headcount', _en_sex(STAFF)),
    ('Teachers by highest qualification (as at 30 September)', _en_edu(FT)),
    ('Teachers by age (as at 1 October)', _en_age(FT)),
    ('Kenya: Teachers by highest qualification', _en_edu(FT)),
    ('Lilongwe District — teachers by sex', _en_sex(FT)),
    ('Teachers by highest qualification, Western Cape', _en_edu(FT)),
    ('Teachers¹ by highest qualification', _en_edu(FT)),
    ('Teachers by age²', _en_age(FT)),
    ('Staff (a) by sex', _en_sex(STAFF)),
    ('Teachers (a) by highest qualification', _en_edu(FT)),
    ('Form T2 — Teachers by highest qualification', _en_edu(FT)),
    ('Form T3 - Teachers by age group', _en_age(FT)),
    ('Teachers by highest qualification (continued)', _en_edu(FT)),
    ('Teachers by age, continued', _en_age(FT)),
    ('Teachers by sex (cont.)', _en_sex(FT)),
    ('Primary school teachers by highest qualification', _en_edu(FT)),
    ('Teachers in secondary schools by age', _en_age(FT)),
    ('Teachers by highest qualification (number)', _en_edu(FT)),
    ('Teachers by sex. Unit: persons', _en_sex(FT)),
    ('Teachers by sex 2026', _en_sex(FT)),
    ('2026 Teachers by highest qualification', _en_edu(FT)),
    # Documents, terms, sections, notes' references and places around the subject.
    ('专任教师学历结构一览表', _zh_edu(FT)),
    ('2026-2027学年度第一学期专任教师学历结构', _zh_edu(FT)),
    ('专任教师学历结构（2026年9月）', _zh_edu(FT)),
    ('专任教师学历结构表（单位：人）', _zh_edu(FT)),
    ('小学部专任教师学历', _zh_edu(FT)),
    ('初中部教职工年龄结构', _zh_age(STAFF)),
    ('Age distribution of teachers', _en_age(FT)),
    ('Gender distribution of staff', _en_sex(STAFF)),
    ('Teachers by sex – 2026/27', _en_sex(FT)),
    ('C.2 Teachers by qualification', _en_edu(FT)),
    ('Teachers by qualification (see note 3)', _en_edu(FT)),
    ('Teachers by qualification — Nairobi County', _en_edu(FT)),
    ('Teachers by qualification: summary', _en_edu(FT)),
    ('Summary of teachers by qualification', _en_edu(FT)),
    # Traps: a population the records do not hold.
    ('在校学生分性别情况', _none(_zh_sex(FT))),
    ('学生年龄结构', _none(_zh_age(FT))),
    ('班级情况（按年级）', [([], '合计', None), ([], '一年级', None), ([], '二年级', None)]),
    ('实习教师学历结构', _none(_zh_edu(FT))),
    ('志愿者性别构成', _none(_zh_sex(FT))),
    ('空缺岗位按职称分组', _none(_zh_rank(FT))),
    ('岗位设置情况（按职称）', _none(_zh_rank(FT))),
    ('代课教师学历结构', _none(_zh_edu(FT))),
    ('Pupils by age and sex', _none(_en_age_sex(FT))),
    ('Enrolment by sex', _none(_en_sex(FT))),
    ('Classes by size', [([], 'Total', None), ([], 'Under 20 pupils', None), ([], '20-29 pupils', None)]),
    ('Trainee teachers by qualification', _none(_en_edu(FT))),
    ('Volunteers by sex', _none(_en_sex(FT))),
    ('Teachers by sex (FTE)', _none(_en_sex(FT))),
    ('Full-time equivalent teachers by age', _none(_en_age(FT))),
    ('Vacancies by qualification', _none(_en_edu(FT))),
    ('Teaching posts by sex', _none(_en_sex(FT))),
    ('Qualified teachers by sex', _none(_en_sex(FT))),
    ('Trained teachers by age', _none(_en_age(FT))),
    ('Distribution of pupils by age', _none(_en_age(FT))),
    ('Pupils by age, Western Cape', _none(_en_age(FT))),
    ('Trainee teachers by qualification, continued', _none(_en_edu(FT))),
    ('Staff in post at census date (FTE)', _none(_en_sex(FT))),
    ('学生按年龄分组', _none(_zh_age(FT))),
    ('初中阶段学生性别结构', _none(_zh_sex(FT))),
    ('班额分组情况', [([], '合计', None), ([], '45人及以下', None), ([], '46-55人', None)]),
    ('实习生学历情况 填报说明：按最高学历填写', _none(_zh_edu(FT))),
    ('Distribution of teaching posts by grade', [([], 'Total', None), ([], 'Grade 1', None)]),
    ('Teachers by sex, FTE', _none(_en_sex(FT))),
    ('Teachers¹ by age (FTE)', _none(_en_age(FT))),
    ('专任教师学历达标情况', _none(_zh_edu(FT))),
    ('教职工性别比例', _none(_zh_sex(FT))),
    ('Age distribution of pupils', _none(_en_age(FT))),
    ('Teachers by qualification — FTE', _none(_en_edu(FT))),
    ('C.3 Pupils by age', _none(_en_age(FT))),
    ('小学部学生性别结构', _none(_zh_sex(FT))),
    ('Summary of vacancies by qualification', _none(_en_edu(FT))),
    ('Qualified teacher distribution by sex', _none(_en_sex(FT))),
]


# Wordings the reader does not read yet, each for a reason a general rule has still to meet: asserted
# still missed, so that a rule reading one moves it out of here.
NOT_YET: dict[str, str] = {
    # "Staffing" may be the establishment's posts as well as the people in them: not guessed.
    'Grand total': 'status=1',
    'Men': 'status=1;gender=1',
    'Women': 'status=1;gender=2',
}


@pytest.mark.parametrize(("title", "fields"), TABLES, ids=[t for t, _ in TABLES])
def test_a_titles_population_frames_every_field_under_it(title: str, fields: list[Field]) -> None:
    wrong = misread(title, "school", fields, NOT_YET)
    assert not wrong, "\n".join(wrong)
