"""Mechanisms of Chinese wording two blind rounds (17 and 18) showed, each in wordings of our own: what
an online questionnaire prints around a question (the kind of answer box, a sum said again, where to
find the answer, the document or the register a value is copied from), a name in the form's own
language, a range whose upper end carries its own bound, options naming people the records never
hold, HR's grades of professional posts, a table printed transposed, a numbered part of a report whose
topic is not read, and the school named by what the form is for. Each field is read in its place on
its form; None is a field that must stay `new`."""

from __future__ import annotations

from tests.domain.test_semantics import misread

Field = tuple[list[str], str, str | None]


def _each(title: str, level: str, fields: list[Field]) -> list[str]:
    """The fields misread, each read on a form of its own under its headers (a form asking one
    thing twice is refused)."""
    return [wrong for f in fields for wrong in misread(title, level, [f])]


def test_a_questionnaire_tools_answer_box_and_a_sum_said_again_add_nothing() -> None:
    """"【数字】", "（数值）" say the answer is a number; "（合计）" after values joined says their sum, as
    the values joined already do. Neither changes whom a count counts, nor makes a trap readable."""
    fields: list[Field] = [
        ([], '5、教辅人员总数【数字】', 'post_type=3;status=1'),
        ([], '语文、数学专任教师人数（合计）【数字】', 'FT;subject=01,02'),
        ([], '在编专任教师中50周岁以上人数（数字）', 'FT;establishment=1;age=50..'),
        (['专任教师'], '其中：少数民族（数值）', 'FT;ethnicity!=01'),
        ([], '9、在校学生总数【整数】', 'school.enrolment'),
        ([], '学校名称【文本】', 'school.name'),
        ([], '学生参与率（%）【数字】', None),
        ([], '其中：实验员（数字）', None),
        ([], '课后服务补贴标准（元/课时）【数字】', None),
        ([], '兼职教练员人数【数字】', None),
    ]
    assert _each("学校课后服务情况调查", "school", fields) == []
    # A sub-item numbered after its item refines it, whatever box it prints.
    assert misread("学校课后服务情况调查", "school", [
        ([], '8、专任教师数【数字】', 'FT'), ([], '8-1、其中：女【数字】', 'FT;gender=2'),
        ([], '8-2、其中：硕士研究生【数字】', 'FT;education=14')]) == []


def test_where_to_find_a_value_and_the_register_it_is_copied_from_add_nothing() -> None:
    """"（见教育事业统计）", "（可向教务处询问）" say where the answer is found; "（居民身份证）" after a
    document number names the document, the one the records hold; "（系统登记）" is the value as the
    records hold it. Another document or another finding stays `new`."""
    school: list[Field] = [
        ([], '学校识别码（10位，见教育事业统计）', 'school.code'),
        ([], '学校地址（可查阅办学许可证）', 'school.address'),
        ([], '专任教师（心理咨询）', None),  # a word of what they do, not where to ask
    ]
    assert _each("学校基本信息", "school", school) == []
    roster: list[Field] = [
        ([], '证件号码（居民身份证）', 'teacher.id_number'),
        ([], '证件号码（二代身份证）', 'teacher.id_number'),
        ([], '证件号码（护照）', None),
        ([], '出生日期（系统登记）', 'teacher.birth_date'),
        ([], '出生日期（以现登记为准）', 'teacher.birth_date'),
        ([], '出生日期（档案核定）', None),
        ([], '您所在学校的学校标识码（可向教务处询问）', 'teacher.school_code'),
    ]
    assert _each("教职工信息核对", "roster", roster) == []


def test_every_way_a_level_is_obtained_taken_in_is_the_highest_education() -> None:
    """The records' highest education takes in levels obtained in service or part-time; a bracket
    keeping to full-time study asks another education."""
    roster: list[Field] = [
        ([], '最高学历（包括非全日制）', 'teacher.education'),
        ([], '最高学历（含在职学习取得的学历）', 'teacher.education'),
        ([], '最高学历（全日制）', None),
        ([], '全日制最高学历', None),
    ]
    assert _each("教师个人信息采集", "roster", roster) == []


def test_a_name_in_the_forms_own_language_is_the_name_held() -> None:
    """"学校中文全称", "姓名（汉字）": the name the records hold, written in Chinese; a name in another
    language is another name."""
    assert _each("学校信息登记", "school", [
        ([], '学校中文全称', 'school.name'),
        ([], '学校名称（汉字）', 'school.name'),
        ([], '学校英文全称', None),
        ([], '专任教师（中文）', None),  # the subject taught, maybe: only a name is written in a language
    ]) == []
    assert _each("教师信息登记", "roster", [
        ([], '中文姓名', 'teacher.name'),
        ([], '姓名（中文）', 'teacher.name'),
        ([], '英文姓名', None),
        ([], '姓名（英文/拼音）', None),
    ]) == []


def test_a_range_whose_upper_end_carries_its_own_bound() -> None:
    """"30周岁至不足40周岁" runs from 30 to under 40; "40周岁及以上、不足50周岁" is one range between its
    bounds, the list mark parting them no union. Bounds that make no one range stay `new`."""
    fields: list[Field] = [
        (['按年龄分'], '30周岁至不足40周岁', 'FT;age=30..39'),
        (['按年龄分'], '40周岁及以上、不足50周岁', 'FT;age=40..49'),
        (['按年龄分'], '50岁到未满60岁', 'FT;age=50..59'),
        ([], '教龄5年至不足15年的专任教师', 'FT;years=5..14'),
        ([], '30周岁以上，不满45周岁的女教师', 'FT;gender=2;age=30..44'),
        ([], '35周岁以下、50周岁以上的专任教师', None),
        ([], '男满60周岁、女满55周岁的教职工', None),
    ]
    assert _each("专任教师年龄构成", "school", fields) == []


def test_options_naming_people_the_records_never_hold_are_no_stored_values() -> None:
    """Substitute, part-time and agency teachers are never in the staff records: options offering them
    beside on-staff and contract ask something the stored establishment cannot answer."""
    roster: list[Field] = [
        ([], '您的用工形式 ○在编 ○合同制 ○代课', None),
        ([], '人员类别（在编/编外/劳务派遣）', None),
        ([], '任职形式（专任/兼任）', None),
        ([], '您的用工形式 ○在编 ○编外', 'teacher.establishment'),
        ([], '用工形式（编制内/编制外）', 'teacher.establishment'),
    ]
    assert _each("教师工作状况问卷", "roster", roster) == []
    # Left out of a count, they leave it as it was.
    assert _each("教职工情况", "school", [
        ([], '专任教师数（不含代课、兼任教师）', 'FT'),
        ([], '代课人员数', None),
    ]) == []


def test_hr_grades_of_professional_posts_take_in_the_titles_at_that_grade() -> None:
    """HR grades professional and technical posts of every series: 高级 is 正高级 and 副高级, 中级 the
    teachers' 一级, 初级 二级 and 三级. A teacher's own 高级教师 is 副高级 alone."""
    fields: list[Field] = [
        (['在编人员'], '其中：具有高级专业技术职务', 'status=1;establishment=1;title=1,2'),
        ([], '中级专业技术职务专任教师', 'FT;title=3'),
        ([], '初级专业技术职务专任教师', 'FT;title=4,5'),
        ([], '高级教师', 'FT;title=2'),
    ]
    assert _each("事业单位人员情况", "school", fields) == []


def test_a_table_printed_transposed_refines_the_row_above_in_its_own_column() -> None:
    """Columns "合计" and "其中：女", rows printed once under each: a "其中" row refines the row above it
    in the same column, not the title's staff."""
    fields: list[Field] = [
        (['合计'], '教职工', 'status=1'),
        (['其中：女'], '教职工', 'status=1;gender=2'),
        (['合计'], '专任教师', 'FT'),
        (['其中：女'], '专任教师', 'FT;gender=2'),
        (['合计'], '其中：本科学历', 'FT;education=21'),
        (['其中：女'], '其中：本科学历', 'FT;gender=2;education=21'),
        (['合计'], '其中：40岁及以上', 'FT;age=40..'),
        (['其中：女'], '其中：40岁及以上', 'FT;gender=2;age=40..'),
        (['合计'], '工勤人员', 'post_type=4;status=1'),
        (['其中：女'], '工勤人员', 'post_type=4;status=1;gender=2'),
    ]
    assert misread("学校教职工性别结构", "school", fields) == []
    # The same table with each cell's column run into its name, as an export flattens it.
    flat = [([], f"{h[0]}|{w}", want) for h, w, want in fields]
    assert misread("学校教职工性别结构", "school", flat) == []
    # Printed the usual way, "其中" still refines the total just above it.
    assert misread("学校教职工性别结构", "school", [
        ([], '专任教师', 'FT'), ([], '其中：本科学历', 'FT;education=21'),
        ([], '其中：40岁及以上', 'FT;age=40..'), ([], '工勤人员', 'post_type=4;status=1'),
        ([], '其中：女', 'post_type=4;status=1;gender=2')]) == []


def test_a_numbered_part_of_a_report_whose_topic_is_not_read_names_no_one() -> None:
    """"三、机构编制台账核对（据实填报）" heads a part of a report by a topic the reader does not know and
    names no people: a field naming whom it counts, or under a header that does, reads as it would
    without it; a total or a bare category under it has nothing to take its people from. A part
    naming people, or a header that is no numbered part, still leaves the fields under it unread."""
    topic = '三、机构编制台账核对（据实填报）'
    assert misread("事业单位年度报告", "school", [
        ([topic], '本单位在编人员', 'status=1;establishment=1'),
        ([topic, '本单位在编人员'], '其中：女', 'status=1;establishment=1;gender=2'),
        ([topic, '本单位在编人员'], '其中：35周岁及以下', 'status=1;establishment=1;age=..35'),
        ([topic], '离退休人员数', 'status=2'),
        ([topic], '核定编制数', None),
    ]) == []
    # Without its number, its note to whoever fills it in still says it is a part of the form; run into
    # the column's name, it is read as the header it was.
    noted = '机构编制台账核对（据实填报）'
    assert misread("事业单位年度报告", "school", [
        ([noted], '本单位在编人员', 'status=1;establishment=1'),
        ([], f'{noted}|离退休人员数', 'status=2'),
        ([], f'{topic}：本单位在编教师', 'FT;establishment=1'),
    ]) == []
    assert _each("专任教师情况", "school", [
        ([topic], '合计', None),
        ([topic], '女', None),
        (['三、外聘人员台账核对'], '专任教师', None),
        (['机构编制台账核对'], '本单位在编人员', None),
    ]) == []


def test_the_school_named_by_what_the_form_is_for_is_the_school_filling_it_in() -> None:
    """"测试站所在学校名称" on a form for test centres is the school the centre is at; "中方合作学校全称" on a
    report of a Sino-foreign programme is the partner on the school's own side. The other partner, a
    partner school named without a side, and the centre's own staff are not the school's."""
    assert _each("2026年普通话水平测试站工作情况统计", "school", [
        ([], '测试站所在学校名称', 'school.name'),
        ([], '测试站所在学校地址', 'school.address'),
        ([], '测试站工作人员数', None),
        ([], '测试站名称', None),
        ([], '考场所在学校名称', None),  # not what the form is for
    ]) == []
    assert _each("中外合作办学项目年度报告", "school", [
        ([], '中方合作学校全称', 'school.name'),
        ([], '外方合作学校名称', None),
        ([], '合作学校名称', None),
    ]) == []
