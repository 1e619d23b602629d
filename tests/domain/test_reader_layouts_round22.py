"""A probe of table layouts of our own, round 22: forms as statistics offices, HR departments and
EMIS returns print them (two- and three-level headers, a title naming one population and a header
another, totals first or last, "其中" after a total and after another "其中", row-wise tables
flattened, measures and units as headers, headers in two languages, periods and dates as headers,
pupils' and classes' columns, "其他"/"Other", "不详"/"Not stated", blank and repeated headers,
"小计" per group then "总计"), with traps: columns of pupils, classes, planned recruitment, retired
people and FTE are no counts of the teachers in post. Each field is read in its place on its form;
None is a field that must stay `new`."""

from __future__ import annotations

import pytest

from tests.domain.test_semantics import misread

Form = tuple[str, str, list[tuple[list[str], str, str | None]]]

FORMS: dict[str, Form] = {
    # --- two- and three-level headers: population / breakdown / sex ------------------------------
    "zh_three_level": ("专任教师情况", "school", [
        (['专任教师', '学历'], '研究生', 'FT;education=11,14'),
        (['专任教师', '学历', '研究生'], '女', 'FT;education=11,14;gender=2'),
        (['专任教师', '学历'], '本科', 'FT;education=21'),
        (['专任教师', '学历', '本科'], '女', 'FT;education=21;gender=2'),
    ]),
    "en_three_level": ("Teachers", "school", [
        (['Full-time teachers', 'Sex'], 'Male', 'FT;gender=1'),
        (['Full-time teachers', 'Sex'], 'Female', 'FT;gender=2'),
        (["Full-time teachers", "Highest qualification", "Master's degree"], 'Female', 'FT;education=14;gender=2'),
    ]),
    "zh_title_population_header_another": ("教职工情况", "school", [
        ([], '合计', 'status=1'),
        (['专任教师'], '计', 'FT'),
        (['专任教师'], '女', 'FT;gender=2'),
        (['行政人员'], '女', 'post_type=2;status=1;gender=2'),
    ]),
    "en_title_population_header_another": ("Staff of the school", "school", [
        ([], 'Total staff', 'status=1'),
        (['Teachers'], 'Female', 'FT;gender=2'),
        (['Teachers'], 'Male', 'FT;gender=1'),
    ]),
    # --- a breakdown header with the total first or last --------------------------------------
    "zh_total_first": ("专任教师分学历情况", "school", [
        (['学历'], '合计', 'FT'),
        (['学历'], '博士', 'FT;education=11'),
        (['学历'], '硕士', 'FT;education=14'),
        (['学历'], '本科', 'FT;education=21'),
    ]),
    "zh_total_last": ("专任教师分职称情况", "school", [
        (['职称'], '正高级', 'FT;title=1'),
        (['职称'], '高级', 'FT;title=2'),
        (['职称'], '一级', 'FT;title=3'),
        (['职称'], '合计', 'FT'),
    ]),
    # "小计" sums the rows above it in its group: after three of the titles, those three.
    "zh_subtotal_of_rows_listed": ("专任教师分职称情况", "school", [
        (['职称'], '正高级', 'FT;title=1'),
        (['职称'], '高级', 'FT;title=2'),
        (['职称'], '一级', 'FT;title=3'),
        (['职称'], '小计', 'FT;title=1,2,3'),
    ]),
    "en_total_first_all": ("Teachers by sex", "school", [
        (['Sex'], 'All', 'FT'),
        (['Sex'], 'Male', 'FT;gender=1'),
        (['Sex'], 'Female', 'FT;gender=2'),
    ]),
    "en_total_last": ("Full-time teachers by highest qualification", "school", [
        (['Qualification'], 'Doctorate', 'FT;education=11'),
        (['Qualification'], "Master's", 'FT;education=14'),
        (['Qualification'], 'Total', 'FT'),
    ]),
    # --- "其中" after a total and after another "其中" ---------------------------------------------
    "zh_of_which_after_total": ("教职工基本情况", "school", [
        ([], '教职工总数', 'status=1'),
        ([], '其中：女', 'status=1;gender=2'),
        ([], '专任教师', 'FT'),
        ([], '其中：女', 'FT;gender=2'),
        ([], '其中：少数民族', 'FT;ethnicity!=01'),
    ]),
    "zh_of_which_header": ("专任教师情况", "school", [
        ([], '专任教师数', 'FT'),
        (['其中'], '女', 'FT;gender=2'),
        (['其中'], '少数民族', 'FT;ethnicity!=01'),
        (['其中'], '研究生学历', 'FT;education=11,14'),
    ]),
    "en_of_which": ("Teaching staff", "school", [
        ([], 'Full-time teachers', 'FT'),
        ([], 'Of which: female', 'FT;gender=2'),
        ([], 'of which: permanent', 'FT;establishment=1'),
    ]),
    # --- a row-wise table flattened ------------------------------------------------------------
    "zh_rowwise_age": ("专任教师年龄结构", "school", [
        ([], '年龄 / 30岁以下', 'FT;age=..30'),
        ([], '年龄 / 30岁以下 / 女', 'FT;age=..30;gender=2'),
        ([], '年龄 / 50岁以上', 'FT;age=50..'),
    ]),
    "en_rowwise_age": ("Full-time teachers", "school", [
        ([], 'Age > Under 30 > Female', 'FT;age=..29;gender=2'),
        ([], 'Age > 50 and over', 'FT;age=50..'),
    ]),
    # --- headers naming a measure, or a unit only ----------------------------------------------
    "zh_measure_headers": ("学校专任教师情况", "school", [
        (['人数'], '合计', 'FT'),
        (['人数'], '女', 'FT;gender=2'),
        (['（人）'], '少数民族', 'FT;ethnicity!=01'),
    ]),
    "en_measure_headers": ("Full-time teachers", "school", [
        (['Number'], 'Total', 'FT'),
        (['Number'], 'Female', 'FT;gender=2'),
        (['(persons)'], 'Male', 'FT;gender=1'),
    ]),
    "en_headcount": ("School staff return", "school", [
        (['Headcount'], 'Teachers', 'FT'),
        (['Headcount', 'Teachers'], 'Female', 'FT;gender=2'),
    ]),
    "zh_unit_header": ("专任教师", "school", [
        (['单位：人'], '合计', 'FT'),
        (['单位：人'], '男', 'FT;gender=1'),
    ]),
    # --- headers in both languages -------------------------------------------------------------
    "bilingual": ("专任教师情况 Full-time teachers", "school", [
        (['专任教师 Full-time teachers'], '合计 Total', 'FT'),
        (['专任教师 Full-time teachers'], '女 Female', 'FT;gender=2'),
        (['学历 Qualification'], '硕士 Master', 'FT;education=14'),
    ]),
    "bilingual_headers_only": ("Staff 教职工", "school", [
        (['教职工 Staff'], '女 Female', 'status=1;gender=2'),
        (['专任教师 Full-time teachers'], '在编 Permanent', 'FT;establishment=1'),
    ]),
    # --- a header of a period or a date ---------------------------------------------------------
    "zh_date_header": ("专任教师情况", "school", [
        (['2026年9月1日'], '专任教师数', 'FT'),
        (['2026年9月1日'], '女', 'FT;gender=2'),
    ]),
    "en_date_header": ("Teachers", "school", [
        (['As at 1 September'], 'Full-time teachers', 'FT'),
        (['As at 1 September', 'Full-time teachers'], 'Female', 'FT;gender=2'),
    ]),
    "zh_year_header": ("教职工情况", "school", [
        (['2026学年'], '教职工数', 'status=1'),
        (['2026学年', '教职工数'], '其中：女', 'status=1;gender=2'),
    ]),
    # --- pupils' and classes' headers: never teachers -----------------------------------------
    "zh_pupils_header": ("学校基本情况", "school", [
        ([], '专任教师数', 'FT'),
        (['在校学生'], '合计', 'school.enrolment'),
        (['在校学生'], '女', None),
        (['在校学生'], '少数民族', None),
    ]),
    "en_pupils_header": ("School census", "school", [
        (['Teachers'], 'Total', 'FT'),
        (['Pupils enrolled'], 'Female', None),
        (['Pupils enrolled'], 'Male', None),
    ]),
    "zh_classes_header": ("学校办学情况", "school", [
        ([], '教职工数', 'status=1'),
        (['班级数'], '一年级', None),
        (['班级数'], '合计', None),
        (['班级数'], '其中：女', None),
    ]),
    "en_classes_header": ("School return", "school", [
        (['Number of classes'], 'Grade 1', None),
        (['Number of classes'], 'Total', None),
        (['Number of streams'], 'All', None),
    ]),
    # --- "其他" / "Other", "不详" / "Not stated" -----------------------------------------------------
    "zh_other_unknown": ("专任教师分学历情况", "school", [
        (['学历'], '研究生', 'FT;education=11,14'),
        (['学历'], '本科', 'FT;education=21'),
        (['学历'], '不详', None),
        (['学历'], '合计', 'FT'),
    ]),
    "en_other_not_stated": ("Teachers by sex", "school", [
        (['Sex'], 'Male', 'FT;gender=1'),
        (['Sex'], 'Female', 'FT;gender=2'),
        # The code list's own residual codes, read only as categories of their own.
        (['Sex'], 'Not stated', 'FT;gender=9'),
        (['Sex'], 'Unknown', 'FT;gender=0'),
    ]),
    "zh_other_header": ("教职工情况", "school", [
        ([], '专任教师', 'FT'),
        (['其他'], '合计', None),
        (['其他'], '女', None),
    ]),
    "en_other_header": ("Staff", "school", [
        (['Teachers'], 'Total', 'FT'),
        # Beside teachers on a staff form, "Other" are the staff who are not teachers.
        (['Other'], 'Total', 'post_type!=1;status=1'),
        (['Other'], 'Female', 'post_type!=1;status=1;gender=2'),
    ]),
    # --- a blank header, a header repeated at each level -------------------------------------
    "blank_header": ("专任教师情况", "school", [
        ([' '], '合计', 'FT'),
        ([' '], '女', 'FT;gender=2'),
    ]),
    "repeated_header": ("专任教师情况", "school", [
        (['专任教师', '专任教师'], '合计', 'FT'),
        (['专任教师', '专任教师'], '女', 'FT;gender=2'),
    ]),
    "en_repeated_header": ("Teachers", "school", [
        (['Teachers', 'Teachers'], 'Total', 'FT'),
        (['Teachers', 'Teachers'], 'Female', 'FT;gender=2'),
    ]),
    # --- "小计" under each group then "总计" ------------------------------------------------------
    "zh_subtotals_then_grand": ("教职工情况", "school", [
        (['专任教师'], '男', 'FT;gender=1'),
        (['专任教师'], '女', 'FT;gender=2'),
        (['专任教师'], '小计', 'FT'),
        (['行政人员'], '男', 'post_type=2;status=1;gender=1'),
        (['行政人员'], '女', 'post_type=2;status=1;gender=2'),
        (['行政人员'], '小计', 'post_type=2;status=1'),
        ([], '总计', 'status=1'),
    ]),
    "en_subtotals_then_grand": ("Staff", "school", [
        (['Teachers'], 'Male', 'FT;gender=1'),
        (['Teachers'], 'Female', 'FT;gender=2'),
        (['Teachers'], 'Sub-total', 'FT'),
        (['Administrative staff'], 'Male', 'post_type=2;status=1;gender=1'),
        (['Administrative staff'], 'Female', 'post_type=2;status=1;gender=2'),
        (['Administrative staff'], 'Subtotal', 'post_type=2;status=1'),
        ([], 'Grand total', 'status=1'),
    ]),
    # --- traps: planned recruitment, retired, FTE ---------------------------------------------
    "zh_planned_recruitment": ("教师补充计划", "school", [
        ([], '现有专任教师', 'FT'),
        (['拟招聘'], '合计', None),
        (['拟招聘'], '女', None),
        (['拟招聘'], '研究生', None),
    ]),
    "en_planned_recruitment": ("Staffing plan", "school", [
        (['Teachers in post'], 'Total', 'FT'),
        (['Planned recruitment'], 'Total', None),
        (['Planned recruitment'], 'Female', None),
    ]),
    "zh_retired": ("教职工情况", "school", [
        (['在职'], '合计', 'status=1'),
        (['在职'], '女', 'status=1;gender=2'),
        # The retired are counted as retired (status 2), never as people in post.
        (['离退休'], '合计', 'status=2'),
        (['离退休'], '女', 'status=2;gender=2'),
    ]),
    "en_retired": ("Staff", "school", [
        (['Retired'], 'Female', 'status=2;gender=2'),
        (['Retired'], 'Total', 'status=2'),
    ]),
    "en_fte": ("Teachers", "school", [
        (['Headcount'], 'Total', 'FT'),
        (['FTE'], 'Total', None),
        (['FTE'], 'Female', None),
        (['Full-time equivalent'], 'Male', None),
    ]),
    # --- HR and EMIS returns --------------------------------------------------------------------
    "hr_staff_by_contract": ("人员编制情况", "school", [
        (['教职工'], '合计', 'status=1'),
        (['教职工'], '在编', 'status=1;establishment=1'),
        (['教职工'], '编外', 'status=1;establishment=2'),
        (['教职工', '在编'], '女', 'status=1;establishment=1;gender=2'),
    ]),
    "emis_educators": ("EMIS annual school survey", "school", [
        ([], 'School name', 'school.name'),
        (['Educators', 'Sex'], 'Male', 'FT;gender=1'),
        (['Educators', 'Sex'], 'Female', 'FT;gender=2'),
        (['Learners', 'Sex'], 'Female', None),
        (['Educators'], 'Total', 'FT'),
    ]),
    "stats_office_age_by_sex": ("专任教师分年龄情况", "school", [
        (['年龄'], '合计', 'FT'),
        (['年龄', '合计'], '女', 'FT;gender=2'),
        (['年龄'], '29岁及以下', 'FT;age=..29'),
        (['年龄', '29岁及以下'], '女', 'FT;age=..29;gender=2'),
    ]),
    "zh_of_which_after_of_which": ("专任教师情况", "school", [
        ([], '专任教师', 'FT'),
        ([], '其中：女', 'FT;gender=2'),
        ([], '其中：在编', 'FT;establishment=1'),
    ]),
    # --- periods: the reference date's own, and another -----------------------------------------
    # Columns of last year beside this year's: the records hold the present, so last year's stay new.
    "zh_two_school_years": ("专任教师变动情况", "school", [
        (['2025学年'], '专任教师数', None),
        (['2026学年'], '专任教师数', 'FT'),
    ]),
    "en_another_day": ("Teachers", "school", [
        (['As at 31 December'], 'Full-time teachers', None),
        (['As at 1 September 2026'], 'Female teachers', 'FT;gender=2'),
    ]),
    "en_school_year_header": ("Teachers", "school", [
        (['2026/27'], 'Teachers', 'FT'),
        (['2026/27', 'Teachers'], 'of which female', 'FT;gender=2'),
    ]),
    # --- row-wise tables flattened, in both languages ------------------------------------------
    "zh_rowwise_education": ("专任教师情况", "school", [
        ([], '学历 / 研究生 / 女', 'FT;education=11,14;gender=2'),
        ([], '学历 / 本科', 'FT;education=21'),
        ([], '职称 / 高级 / 女', 'FT;title=2;gender=2'),
    ]),
    "en_rowwise_sex": ("Teaching staff", "school", [
        ([], 'Sex / Female', 'FT;gender=2'),
        ([], 'Qualification / Bachelor / Female', 'FT;education=21;gender=2'),
    ]),
    "two_breakdowns_side_by_side": ("专任教师情况", "school", [
        ([], '年龄/性别', None),
    ]),
    # --- HR staffing return with a FTE block and a pupils' block ------------------------------
    "hr_headcount_and_fte": ("Staffing return", "school", [
        (['Teachers', 'Headcount'], 'Total', 'FT'),
        (['Teachers', 'Headcount'], 'Female', 'FT;gender=2'),
        (['Teachers', 'FTE'], 'Total', None),
        (['Pupils', 'Headcount'], 'Female', None),
    ]),
    "zh_classes_and_pupils_after_teachers": ("学校基本情况统计表", "school", [
        (['教职工'], '合计', 'status=1'),
        (['教职工'], '专任教师', 'FT'),
        (['班数'], '合计', None),
        (['在校生数'], '女', None),
    ]),
    # --- "Unknown" / "Not stated" of a breakdown other than sex: never the unknown sex -----------
    "en_age_not_stated": ("EMIS teacher return", "school", [
        (['Teachers', 'By age'], 'Under 25', 'FT;age=..24'),
        (['Teachers', 'By age'], 'Not stated', None),
        (['Teachers'], 'All', 'FT'),
    ]),
    "en_qualification_unknown": ("Teachers by qualification", "school", [
        (['Qualification'], 'Total', 'FT'),
        (['Qualification'], 'Other', None),
        (['Qualification'], 'Unknown', None),
    ]),
    "en_unknown_with_no_breakdown": ("Teachers", "school", [
        ([], 'Full-time teachers', 'FT'),
        ([], 'Unknown', None),
    ]),
    # Beside "Male" and "Female", or under "Sex", it is the sex not stated.
    "en_sex_not_stated_beside_sexes": ("Teachers", "school", [
        ([], 'Male', 'FT;gender=1'),
        ([], 'Female', 'FT;gender=2'),
        ([], 'Not stated', 'FT;gender=9'),
    ]),
    # --- "其中" after "其中": each refines the total, as the statistics print them ----------------
    "zh_parallel_of_which": ("教职工情况", "school", [
        ([], '教职工', 'status=1'),
        ([], '其中：专任教师', 'FT'),
        ([], '其中：女', 'status=1;gender=2'),
    ]),
    "zh_other_posts": ("教职工分岗位情况", "school", [
        (['岗位'], '专任教师', 'FT'),
        (['岗位'], '行政人员', 'post_type=2;status=1'),
        (['岗位'], '其他', 'post_type=3,4;status=1'),
        (['岗位'], '总计', 'status=1'),
    ]),
    # --- traps: a population word under a recruitment, FTE or classes header ------------------
    "zh_recruitment_over_teachers": ("教师补充计划", "school", [
        (['拟招聘'], '专任教师', None),
        (['拟招聘', '专任教师'], '女', None),
        (['拟招聘'], '教职工', None),
    ]),
    "en_recruitment_and_fte_over_teachers": ("Staffing plan", "school", [
        (['Planned recruitment'], 'Teachers', None),
        (['Planned recruitment', 'Teachers'], 'Female', None),
        (['FTE'], 'Teachers', None),
        (['Full-time equivalent (FTE)'], 'Teaching staff', None),
    ]),
    "zh_classes_over_teachers": ("学校情况", "school", [
        (['班级'], '合计', None),
        (['班级'], '专任教师', None),
        (['幼儿'], '女', None),
    ]),
    "bilingual_two_levels": ("Teachers", "school", [
        (['专任教师 Full-time teachers', '性别 Sex'], '女 Female', 'FT;gender=2'),
        (['专任教师 Full-time teachers', '学历 Qualification'], '本科 Bachelor', 'FT;education=21'),
    ]),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_form_reads_in_its_layout(name: str) -> None:
    title, level, fields = FORMS[name]
    assert misread(title, level, fields) == []


def test_a_header_of_the_reference_day_or_period_names_nobody() -> None:
    """A day or period header holding the reference date is when the counts are taken; another day or
    year is not: its columns stay `new`."""
    from datetime import date

    from service.domain.semantics.context import at_reference

    day = date(2026, 9, 1)
    assert all(at_reference(h, day) for h in ["2026年9月1日", "截至2026年9月1日", "2026学年", "2026-27学年", "2026年9月",
                                              "As at 1 September", "1 September 2026", "2026/27"])
    assert not any(at_reference(h, day) for h in ["2025学年", "2026年12月31日", "2026年底", "as of 31 December", "2025/26",
                                                  "Female", "30岁以下", "专任教师"])


def test_a_breakdowns_name_before_a_slash_parts_a_path() -> None:
    from service.domain.dictionary import dictionary
    from service.domain.semantics.context import flattened

    d = dictionary()
    assert flattened([], "年龄 / 30岁以下 / 女", d) == (["年龄", "30岁以下"], "女")
    assert flattened([], "年龄/性别", d) == ([], "年龄/性别")  # two breakdowns: no path
    assert flattened([], "男/女", d) == ([], "男/女")
