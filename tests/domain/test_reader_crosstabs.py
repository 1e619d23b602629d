"""Cross-tabulation drills: two or three breakdowns crossed (学历×职称, 年龄×职称, 学科×学历, 职称×性别,
年龄×性别, 教龄×学段, 编制×岗位; "Teachers by qualification and rank", "by age group and sex") as a
department's system flattens them into fields: the row category as the label under a column
category's header and the transpose, a 合计 row and column, "其中：女" inside each block, row totals
"小计"; both categories in the label ("研究生_正高级", "正高级（研究生）", "Senior teachers with a
master's degree"); three header levels, a stub header naming both axes ("学历＼职称", "Qualification \\
Rank"), "Total (all ranks)", "All qualifications"; national, provincial, Taiwan and English layouts.
A cell counts the teachers in both categories; a total of one axis inside the other is that
category alone. A cross with something the records do not hold (骨干, hours taught, training),
pupils, and FTE stay `new` (None): a wrong pre-fill is worse than a question."""

from __future__ import annotations

import pytest

from tests.domain.test_semantics import misread

# (title, fields): each field is (headers, label, what it reads as) on a school form: a dictionary key,
# a count's conditions ("FT" is active full-time teachers), or None for new.
Field = tuple[list[str], str, str | None]

_EDU = {'研究生': '11,14', '本科': '21', '专科': '31', '高中阶段': '41,61'}
_RANK = {'正高级': '1', '副高级': '2', '中级': '3', '助理级': '4', '员级': '5', '未定职级': '9'}
_AGES = {'24岁及以下': '..24', '25-29岁': '25..29', '30-34岁': '30..34', '35-39岁': '35..39', '40-44岁': '40..44',
         '45-49岁': '45..49', '50-54岁': '50..54', '55-59岁': '55..59', '60岁及以上': '60..'}


def _grid(rows: dict[str, str], row_field: str, cols: dict[str, str], col_field: str,
          transpose: bool = False) -> list[Field]:
    """Every cell of a two-way table: the row category as the label under the column category's
    header (or, transposed, the column category as the label under the row's header)."""
    out: list[Field] = []
    for r, rc in rows.items():
        for c, cc in cols.items():
            want = f'FT;{row_field}={rc};{col_field}={cc}'
            out.append(([r], c, want) if transpose else ([c], r, want))
    return out


TABLES: list[tuple[str, list[Field]]] = [
    # The 2025/2026-edition base table: rows of education, columns of title, a 合计 row and column.
    ('初中专任教师学历、职称情况（2026年版）（单位：人）', [
        (['合计'], '合计', 'FT'),
        *[(['合计'], r, f'FT;education={c}') for r, c in _EDU.items()],
        *[([t], '合计', f'FT;title={c}') for t, c in _RANK.items()],
        *_grid(_EDU, 'education', _RANK, 'title'),
    ]),
    # The same table transposed: rows of title, columns of education, each row's 小计 and 其中：女.
    ('小学专任教师职称、学历情况（2025年版）', [
        *[f for t, c in _RANK.items() for f in (
            ([t], '小计', f'FT;title={c}'),
            ([t], '其中：女', f'FT;title={c};gender=2'),
            *[([t], r, f'FT;title={c};education={e}') for r, e in _EDU.items()],
        )],
    ]),
    # Ages by title, as the national table lays it out: 正高级 … 未定职级 columns.
    ('普通高中专任教师年龄情况（2025年版）', [
        *[([a], '合计', f'FT;age={b}') for a, b in _AGES.items()],
        *[f for a, b in list(_AGES.items())[:5] for f in (
            ([a], '其中：女', f'FT;age={b};gender=2'),
            *[([a], t, f'FT;age={b};title={c}') for t, c in _RANK.items()],
        )],
    ]),
    ('专任教师年龄、职称交叉表（列为职称）', [
        *[([t], a, f'FT;title={c};age={b}') for t, c in list(_RANK.items())[:3] for a, b in list(_AGES.items())[3:8]],
        *[(['总计'], a, f'FT;age={b}') for a, b in list(_AGES.items())[3:6]],
    ]),
    # Both categories in the label, as an export writes a flattened cross-tab's columns.
    ('专任教师学历职称交叉（宽表导出）', [
        ([], '研究生_正高级', 'FT;education=11,14;title=1'),
        ([], '研究生_副高级', 'FT;education=11,14;title=2'),
        ([], '本科_中级', 'FT;education=21;title=3'),
        ([], '本科_助理级', 'FT;education=21;title=4'),
        ([], '专科_未定职级', 'FT;education=31;title=9'),
    ]),
    ('专任教师职称（学历）交叉', [
        ([], '正高级（研究生）', 'FT;education=11,14;title=1'),
        ([], '副高级（本科）', 'FT;education=21;title=2'),
        ([], '中级（专科）', 'FT;education=31;title=3'),
    ]),
    ('专任教师职称-学历交叉', [
        ([], '高级-本科', 'FT;education=21;title=2'),
        ([], '一级-研究生', 'FT;education=11,14;title=3'),
        ([], '二级-专科', 'FT;education=31;title=4'),
    ]),
    ('专任教师学历职称情况（文字式）', [
        ([], '研究生学历的高级教师', 'FT;education=11,14;title=2'),
        ([], '本科学历的一级教师', 'FT;education=21;title=3'),
        ([], '具有研究生学历的正高级教师', 'FT;education=11,14;title=1'),
        ([], '专科学历二级教师', 'FT;education=31;title=4'),
    ]),
    ('Teachers by highest qualification and rank (wide export)', [
        ([], "Master's / Senior teacher", 'FT;education=14;title=2'),
        ([], "Bachelor's / First-grade teacher", 'FT;education=21;title=3'),
    ]),
    # A slash between values of the two fields the title crosses is the crossing; between values of
    # one field, or of a field the title does not cross, it still offers alternatives.
    ('专任教师学历、职称情况（系统导出）', [
        ([], '研究生/高级', 'FT;education=11,14;title=2'),
        ([], '本科/一级', 'FT;education=21;title=3'),
        ([], '专科／二级', 'FT;education=31;title=4'),
        ([], '女/少数民族', None),
        ([], '女/高级', None),
    ]),
    ('Teachers by rank and highest qualification (worded)', [
        ([], 'Senior teachers with a master\'s degree', 'FT;education=14;title=2'),
        ([], 'First-grade teachers with a bachelor\'s degree', 'FT;education=21;title=3'),
        ([], 'Second-grade teachers with an associate degree', 'FT;education=31;title=4'),
        ([], 'Doctorate - Senior teacher', 'FT;education=11;title=2'),
        ([], "Unranked teachers with a bachelor's degree", 'FT;education=21;title=9'),
    ]),
    ('Teachers by age group and sex', [
        ([], 'Female, aged 30-39', 'FT;gender=2;age=30..39'),
        ([], 'Male, aged 30-39', 'FT;gender=1;age=30..39'),
        ([], 'Female, aged under 30', 'FT;gender=2;age=..29'),
        ([], 'Male, aged 50 and over', 'FT;gender=1;age=50..'),
    ]),
    ('Teachers by age group and sex (grid)', [
        (['Under 30'], 'Male', 'FT;age=..29;gender=1'),
        (['Under 30'], 'Female', 'FT;age=..29;gender=2'),
        (['Under 30'], 'Total', 'FT;age=..29'),
        (['30-39'], 'Male', 'FT;age=30..39;gender=1'),
        (['30-39'], 'Female', 'FT;age=30..39;gender=2'),
        (['30-39'], 'Total', 'FT;age=30..39'),
        (['40-49'], 'Female', 'FT;age=40..49;gender=2'),
        (['50 and over'], 'Female', 'FT;age=50..;gender=2'),
        (['All ages'], 'Male', 'FT;gender=1'),
        (['All ages'], 'Female', 'FT;gender=2'),
        (['All ages'], 'Total', 'FT'),
    ]),
    # Three header levels: the population, the breakdown, the category; the column is the other.
    ('专任教师学历与职称情况（多级表头）', [
        (['专任教师', '按学历分', '研究生'], '合计', 'FT;education=11,14'),
        (['专任教师', '按学历分', '研究生'], '正高级', 'FT;education=11,14;title=1'),
        (['专任教师', '按学历分', '研究生'], '副高级', 'FT;education=11,14;title=2'),
        (['专任教师', '按学历分', '研究生'], '中级', 'FT;education=11,14;title=3'),
        (['专任教师', '按学历分', '本科'], '合计', 'FT;education=21'),
        (['专任教师', '按学历分', '本科'], '正高级', 'FT;education=21;title=1'),
        (['专任教师', '按学历分', '本科'], '副高级', 'FT;education=21;title=2'),
        (['专任教师', '按学历分', '本科'], '未定职级', 'FT;education=21;title=9'),
        (['专任教师', '按学历分', '专科'], '中级', 'FT;education=31;title=3'),
        (['专任教师', '按学历分', '专科'], '助理级', 'FT;education=31;title=4'),
    ]),
    ('专任教师分性别、学历、职称情况', [
        (['专任教师', '女', '研究生'], '高级', 'FT;gender=2;education=11,14;title=2'),
        (['专任教师', '女', '研究生'], '一级', 'FT;gender=2;education=11,14;title=3'),
        (['专任教师', '女', '本科'], '高级', 'FT;gender=2;education=21;title=2'),
        (['专任教师', '女', '本科'], '二级', 'FT;gender=2;education=21;title=4'),
        (['专任教师', '男', '本科'], '高级', 'FT;gender=1;education=21;title=2'),
        (['专任教师', '男', '专科'], '三级', 'FT;gender=1;education=31;title=5'),
        (['专任教师', '男'], '合计', 'FT;gender=1'),
        (['专任教师', '女'], '合计', 'FT;gender=2'),
    ]),
    # A stub header naming both axes, split by a diagonal: the rows are the first, the columns the second.
    ('专任教师学历职称统计（斜线表头）', [
        (['学历＼职称', '正高级'], '研究生', 'FT;title=1;education=11,14'),
        (['学历＼职称', '副高级'], '研究生', 'FT;title=2;education=11,14'),
        (['学历＼职称', '副高级'], '本科', 'FT;title=2;education=21'),
        (['学历＼职称', '中级'], '本科', 'FT;title=3;education=21'),
        (['学历＼职称', '中级'], '专科', 'FT;title=3;education=31'),
        (['学历＼职称', '合计'], '本科', 'FT;education=21'),
        (['学历＼职称', '合计'], '合计', 'FT'),
    ]),
    ('专任教师职称、学历交叉统计', [
        (['职称/学历', '研究生'], '高级', 'FT;education=11,14;title=2'),
        (['职称/学历', '研究生'], '一级', 'FT;education=11,14;title=3'),
        (['职称/学历', '本科'], '高级', 'FT;education=21;title=2'),
        (['职称/学历', '本科'], '二级', 'FT;education=21;title=4'),
        (['职称/学历', '专科'], '三级', 'FT;education=31;title=5'),
    ]),
    ('Teachers by qualification and rank', [
        (['Qualification \\ Rank', 'Senior teacher'], "Master's degree", 'FT;title=2;education=14'),
        (['Qualification \\ Rank', 'Senior teacher'], "Bachelor's degree", 'FT;title=2;education=21'),
        (['Qualification \\ Rank', 'First-grade teacher'], "Bachelor's degree", 'FT;title=3;education=21'),
        (['Qualification \\ Rank', 'Second-grade teacher'], 'Associate degree', 'FT;title=4;education=31'),
        (['Qualification \\ Rank', 'Total (all ranks)'], "Master's degree", 'FT;education=14'),
        (['Qualification \\ Rank', 'Total (all ranks)'], "Bachelor's degree", 'FT;education=21'),
        (['Qualification \\ Rank', 'Senior teacher'], 'All qualifications', 'FT;title=2'),
        (['Qualification \\ Rank', 'First-grade teacher'], 'All qualifications', 'FT;title=3'),
        (['Qualification \\ Rank', 'Total (all ranks)'], 'All qualifications', 'FT'),
    ]),
    ('Teachers by rank and qualification', [
        (["Master's degree"], 'Senior teacher', 'FT;education=14;title=2'),
        (["Master's degree"], 'First-grade teacher', 'FT;education=14;title=3'),
        (["Master's degree"], 'Total (all ranks)', 'FT;education=14'),
        (["Bachelor's degree"], 'Senior teacher', 'FT;education=21;title=2'),
        (["Bachelor's degree"], 'Unranked', 'FT;education=21;title=9'),
        (["Bachelor's degree"], 'Total (all ranks)', 'FT;education=21'),
        (['All qualifications'], 'Senior teacher', 'FT;title=2'),
        (['All qualifications'], 'Total (all ranks)', 'FT'),
    ]),
    # Subjects crossed with education: the subject as a row label under each education column.
    ('初中专任教师任教学科与学历情况', [
        *_grid({'语文': '01', '数学': '02', '英语': '03', '物理': '04', '体育': '10'}, 'subject',
               {'研究生': '11,14', '本科': '21', '专科': '31'}, 'education'),
        *[(['合计'], s, f'FT;subject={c}') for s, c in {'语文': '01', '数学': '02', '英语': '03'}.items()],
        (['研究生'], '合计', 'FT;education=11,14'),
        (['本科'], '合计', 'FT;education=21'),
    ]),
    ('Teachers by subject and highest qualification', [
        (['Mathematics'], "Master's degree", 'FT;subject=02;education=14'),
        (['Mathematics'], "Bachelor's degree", 'FT;subject=02;education=21'),
        (['Mathematics'], 'Total', 'FT;subject=02'),
        (['English'], "Master's degree", 'FT;subject=03;education=14'),
        (['English'], "Bachelor's degree", 'FT;subject=03;education=21'),
        (['Physics'], "Bachelor's degree", 'FT;subject=04;education=21'),
        (['Music'], 'Associate degree', 'FT;subject=11;education=31'),
        (['All subjects'], "Master's degree", 'FT;education=14'),
        (['All subjects'], 'Total', 'FT'),
    ]),
    # Titles by sex; the sex as the column and as the row.
    ('专任教师职称分性别情况', [
        *_grid({'正高级': '1', '高级': '2', '一级': '3', '二级': '4', '三级': '5', '未定级': '9'}, 'title',
               {'男': '1', '女': '2'}, 'gender', transpose=True),
        (['合计'], '男', 'FT;gender=1'),
        (['合计'], '女', 'FT;gender=2'),
        (['高级'], '合计', 'FT;title=2'),
    ]),
    ('专任教师性别、职称情况（行为性别）', [
        *_grid({'高级教师': '2', '一级教师': '3', '二级教师': '4'}, 'title', {'男': '1', '女': '2'}, 'gender'),
        (['小计'], '高级教师', 'FT;title=2'),
        (['小计'], '一级教师', 'FT;title=3'),
    ]),
    # Ages by sex, with a 合计 row and column.
    ('教职工年龄、性别构成', [
        (['教职工'], '合计', 'status=1'),
        (['教职工', '30岁及以下'], '男', 'status=1;age=..30;gender=1'),
        (['教职工', '30岁及以下'], '女', 'status=1;age=..30;gender=2'),
        (['教职工', '30岁及以下'], '小计', 'status=1;age=..30'),
        (['教职工', '31-40岁'], '男', 'status=1;age=31..40;gender=1'),
        (['教职工', '31-40岁'], '女', 'status=1;age=31..40;gender=2'),
        (['教职工', '41-50岁'], '女', 'status=1;age=41..50;gender=2'),
        (['教职工', '51岁及以上'], '男', 'status=1;age=51..;gender=1'),
        (['教职工', '合计'], '男', 'status=1;gender=1'),
        (['教职工', '合计'], '女', 'status=1;gender=2'),
    ]),
    # Years of teaching crossed with title, and with sex.
    ('专任教师教龄与职称情况', [
        *_grid({'5年及以下': '..5', '6-10年': '6..10', '11-20年': '11..20', '21年及以上': '21..'}, 'years',
               {'高级': '2', '一级': '3', '二级': '4'}, 'title'),
        (['合计'], '5年及以下', 'FT;years=..5'),
        (['合计'], '21年及以上', 'FT;years=21..'),
    ]),
    ('Teachers by years of experience and sex', [
        (['Less than 5 years'], 'Male', 'FT;years=..4;gender=1'),
        (['Less than 5 years'], 'Female', 'FT;years=..4;gender=2'),
        (['5-9 years'], 'Male', 'FT;years=5..9;gender=1'),
        (['5-9 years'], 'Female', 'FT;years=5..9;gender=2'),
        (['10-19 years'], 'Female', 'FT;years=10..19;gender=2'),
        (['20 years or more'], 'Female', 'FT;years=20..;gender=2'),
        (['20 years or more'], 'Total', 'FT;years=20..'),
    ]),
    # Establishment crossed with post.
    ('教职工编制、岗位情况', [
        *[(['在编'], p, f'status=1;establishment=1;post_type={c}') for p, c in
          {'专任教师': '1', '行政人员': '2', '教辅人员': '3', '工勤人员': '4'}.items()],
        *[(['编外'], p, f'status=1;establishment=2;post_type={c}') for p, c in
          {'专任教师': '1', '行政人员': '2', '教辅人员': '3', '工勤人员': '4'}.items()],
        (['在编'], '合计', 'status=1;establishment=1'),
        (['编外'], '合计', 'status=1;establishment=2'),
        (['合计'], '专任教师', 'FT'),
        (['合计'], '合计', 'status=1'),
    ]),
    ('编制×岗位（岗位为行）', [
        (['专任教师'], '在编', 'FT;establishment=1'),
        (['专任教师'], '编外', 'FT;establishment=2'),
        (['行政人员'], '在编', 'status=1;post_type=2;establishment=1'),
        (['行政人员'], '编外', 'status=1;post_type=2;establishment=2'),
        (['工勤人员'], '编外', 'status=1;post_type=4;establishment=2'),
    ]),
    # Education by age, each band a block with its 其中：女.
    ('专任教师学历、年龄情况', [
        *[f for a, b in {'35岁及以下': '..35', '36-45岁': '36..45', '46-55岁': '46..55', '56岁及以上': '56..'}.items()
          for f in (
              ([a], '合计', f'FT;age={b}'),
              ([a], '其中：女', f'FT;age={b};gender=2'),
              *[([a], r, f'FT;age={b};education={e}') for r, e in list(_EDU.items())[:3]],
          )],
    ]),
    # A provincial table: education by title under each school stage, which is where the school is.
    ('XX省中小学专任教师学历职称情况（分学段）', [
        (['小学', '研究生'], '高级', None),
        (['小学', '本科'], '一级', None),
        (['初中', '本科'], '高级', None),
        (['合计', '研究生'], '高级', 'FT;education=11,14;title=2'),
        (['合计', '本科'], '小计', 'FT;education=21'),
        (['合计', '本科'], '一级', 'FT;education=21;title=3'),
    ]),
    ('XX市教师队伍结构交叉统计（路径式表头）', [
        ([], '专任教师｜研究生｜正高级', 'FT;education=11,14;title=1'),
        ([], '专任教师｜研究生｜副高级', 'FT;education=11,14;title=2'),
        ([], '专任教师｜本科｜小计', 'FT;education=21'),
        ([], '专任教师｜本科｜中级', 'FT;education=21;title=3'),
        ([], '专任教师｜女｜35岁及以下', 'FT;gender=2;age=..35'),
        ([], '专任教师｜女｜36-45岁', 'FT;gender=2;age=36..45'),
        ([], '专任教师 > 男 > 高级', 'FT;gender=1;title=2'),
        ([], '专任教师 > 男 > 一级', 'FT;gender=1;title=3'),
    ]),
    # Taiwan: 學歷別 × 性別, 年齡別 × 性別, 學歷別 × 職稱別.
    ('國民中學專任教師學歷別與性別（114學年度）', [
        (['研究所畢業'], '男', 'FT;education=11,14;gender=1'),
        (['研究所畢業'], '女', 'FT;education=11,14;gender=2'),
        (['研究所畢業'], '計', 'FT;education=11,14'),
        (['大學本科'], '男', 'FT;education=21;gender=1'),
        (['大學本科'], '女', 'FT;education=21;gender=2'),
        (['總計'], '男', 'FT;gender=1'),
        (['總計'], '女', 'FT;gender=2'),
    ]),
    ('國民小學專任教師年齡別與性別', [
        (['未滿30歲'], '男', 'FT;age=..29;gender=1'),
        (['未滿30歲'], '女', 'FT;age=..29;gender=2'),
        (['30～39歲'], '男', 'FT;age=30..39;gender=1'),
        (['30～39歲'], '女', 'FT;age=30..39;gender=2'),
        (['40～49歲'], '女', 'FT;age=40..49;gender=2'),
        (['50歲以上'], '男', 'FT;age=50..;gender=1'),
        (['50歲以上'], '女', 'FT;age=50..;gender=2'),
    ]),
    ('專任教師學歷別×職稱別', [
        (['學歷別＼職稱別', '高級教師'], '研究所', 'FT;title=2;education=11,14'),
        (['學歷別＼職稱別', '一級教師'], '研究所', 'FT;title=3;education=11,14'),
        (['學歷別＼職稱別', '一級教師'], '大學本科', 'FT;title=3;education=21'),
        (['學歷別＼職稱別', '合計'], '大學本科', 'FT;education=21'),
    ]),
    # English censuses.
    ('EMIS census: Teachers by highest qualification and sex', [
        (["Master's degree"], 'Male', 'FT;education=14;gender=1'),
        (["Master's degree"], 'Female', 'FT;education=14;gender=2'),
        (["Master's degree"], 'Total', 'FT;education=14'),
        (["Bachelor's degree"], 'Male', 'FT;education=21;gender=1'),
        (["Bachelor's degree"], 'Female', 'FT;education=21;gender=2'),
        (["Bachelor's degree"], 'Total', 'FT;education=21'),
        (['Diploma'], 'Female', None),
        (['Total'], 'Male', 'FT;gender=1'),
        (['Total'], 'Female', 'FT;gender=2'),
        (['Total'], 'Total', 'FT'),
    ]),
    ('UIS questionnaire C: teachers by ISCED level of qualification and sex', [
        (['ISCED 8'], 'Female', 'FT;education=11;gender=2'),
        (['ISCED 7'], 'Female', 'FT;education=14;gender=2'),
        (['ISCED 6'], 'Female', 'FT;education=21;gender=2'),
        (['ISCED 6'], 'Male', 'FT;education=21;gender=1'),
        (['ISCED 5'], 'Male', 'FT;education=31;gender=1'),
        (['All levels of qualification'], 'Female', 'FT;gender=2'),
        (['All levels of qualification'], 'Total', 'FT'),
    ]),
    ('School census: teachers by age band and gender (England)', [
        (['Age band', 'Under 25'], 'Men', 'FT;age=..24;gender=1'),
        (['Age band', 'Under 25'], 'Women', 'FT;age=..24;gender=2'),
        (['Age band', '25 to 29'], 'Women', 'FT;age=25..29;gender=2'),
        (['Age band', '50 to 54'], 'Men', 'FT;age=50..54;gender=1'),
        (['Age band', '60 and over'], 'Women', 'FT;age=60..;gender=2'),
        (['Age band', 'Total'], 'Women', 'FT;gender=2'),
    ]),
    ('Teaching staff by gender and age (Australia)', [
        (['Female'], 'Under 30', 'FT;gender=2;age=..29'),
        (['Female'], '30 to 39', 'FT;gender=2;age=30..39'),
        (['Female'], '40 to 49', 'FT;gender=2;age=40..49'),
        (['Female'], '50 and over', 'FT;gender=2;age=50..'),
        (['Male'], 'Under 30', 'FT;gender=1;age=..29'),
        (['Male'], '50 and over', 'FT;gender=1;age=50..'),
        (['Persons'], 'Under 30', 'FT;age=..29'),
    ]),
    ('Teachers by highest degree earned and sex (US)', [
        (['Female'], "Bachelor's degree", 'FT;gender=2;education=21'),
        (['Female'], "Master's degree", 'FT;gender=2;education=14'),
        (['Female'], 'Doctorate', 'FT;gender=2;education=11'),
        (['Male'], "Master's degree", 'FT;gender=1;education=14'),
        (['Male'], 'Total', 'FT;gender=1'),
    ]),
    # Traps: a cross with something the records do not hold, pupils, FTE.
    ('专任教师学历与骨干教师情况', [
        (['骨干教师'], '研究生', None),
        (['骨干教师'], '本科', None),
        (['骨干教师'], '合计', None),
        (['非骨干教师'], '本科', None),
        (['合计'], '硕士', 'FT;education=14'),
    ]),
    ('Teachers by age and weekly hours taught', [
        (['Teaching 20 or more hours a week'], 'Under 30', None),
        (['Teaching 20 or more hours a week'], '30-39', None),
        (['Teaching under 10 hours a week'], '50 and over', None),
        (['All teachers'], 'Under 30', 'FT;age=..29'),
    ]),
    ('Teachers by qualification and training status', [
        (['Trained'], "Bachelor's degree", None),
        (['Trained'], 'Total', None),
        (['Untrained'], "Bachelor's degree", None),
        (['Pedagogically trained'], 'Female', None),
        (['Total'], "Bachelor's degree", 'FT;education=21'),
    ]),
    ('Enrolment by grade and sex', [
        (['Grade 1'], 'Boys', None),
        (['Grade 1'], 'Girls', None),
        (['Grade 2'], 'Total', None),
        (['Total'], 'Girls', None),
    ]),
    ('学生分年级、性别情况', [
        (['一年级'], '男', None),
        (['一年级'], '女', None),
        (['二年级'], '合计', None),
    ]),
    ('Teachers by sex and employment (FTE)', [
        (['FTE'], 'Female', None),
        (['FTE'], 'Male', None),
        (['Headcount'], 'Female', 'FT;gender=2'),
        (['Full-time equivalent'], 'Total', None),
    ]),
    ('专任教师学科与学段交叉（学段为学校办学层次）', [
        (['小学段'], '语文', None),
        (['初中段'], '数学', None),
        (['高中段'], '英语', None),
    ]),
]


# Wordings the reader does not read yet, each for a reason a general rule has still to meet: asserted
# still missed, so that a rule reading one moves it out of here.
NOT_YET: dict[str, str] = {
    # 研究所 (a graduate school) is Taiwan's word for graduate study: vocabulary.
    '學歷別＼職稱別 / 高級教師 / 研究所': 'FT;title=2;education=11,14',
    '學歷別＼職稱別 / 一級教師 / 研究所': 'FT;title=3;education=11,14',
    # "ISCED level of qualification", "highest degree earned": English census vocabulary the title
    # needs before its columns have a population.
    'ISCED 8 / Female': 'FT;education=11;gender=2',
    'ISCED 7 / Female': 'FT;education=14;gender=2',
    'ISCED 6 / Female': 'FT;education=21;gender=2',
    'ISCED 6 / Male': 'FT;education=21;gender=1',
    'ISCED 5 / Male': 'FT;education=31;gender=1',
    'All levels of qualification / Female': 'FT;gender=2',
    'All levels of qualification / Total': 'FT',
    # A title crossing with what the records do not hold (骨干, FTE) names no population, so its one
    # held column has none either: asked, which is safe. (A title listing a breakdown the reader does
    # not know beside ones it does, "by qualification and training status", names its population.)
    '合计 / 硕士': 'FT;education=14',
    'Headcount / Female': 'FT;gender=2',
}


@pytest.mark.parametrize(("title", "fields"), TABLES, ids=[t for t, _ in TABLES])
def test_a_cross_tabulations_cells_read_as_both_categories(title: str, fields: list[Field]) -> None:
    wrong = misread(title, "school", fields, NOT_YET)
    assert not wrong, "\n".join(wrong)
