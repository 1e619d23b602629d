"""Traps for the round-22 question rules (test_reader_questions_round22): wordings of our own, as
questionnaires and forms print them, in the same families as those rules, that a careful reader does not
read as the rules say (None: the field stays `new`) or reads otherwise, and pairs of fields of one form
that must not both read as one key (the request would be refused as asking it again)."""

from __future__ import annotations

from service.domain.errors import InvalidInput
from tests.domain.test_semantics import misread, read_form

Field = tuple[list[str], str, str | None]


def _each(title: str, level: str, fields: list[Field]) -> list[str]:
    """The fields misread, each read on a form of its own."""
    return [wrong for f in fields for wrong in misread(title, level, [f])]


def test_in_all_is_a_filler_of_years_never_a_cumulative_count() -> None:
    """累计 of a teacher's years is in all; of people or times it counts a flow over years."""
    assert _each("学校问卷", "school", [
        ([], '贵校教师累计培训人次', None),
        ([], '本学年累计调入教师人数', None),
        ([], '近五年累计新进专任教师多少人？', None),
        ([], '建校以来累计退休教职工人数', None),
        ([], '累计招聘教师人数', None),
        # The records keep those who left (status 3), all of them: in all, they are those.
        ([], '贵校累计调出专任教师多少人？', 'post_type=1;status=3'),
        ([], '累计离职教师数', None),
        ([], '贵校专任教师累计获奖人数', None),
    ]) == []
    assert _each("教师问卷", "roster", [
        ([], '您累计参加培训多少学时？', None),
        ([], '您累计在农村学校任教多少年？', None),
        ([], '您累计担任班主任多少年？', None),
        ([], '您的累计工作年限', None),
        ([], '您累计在本校工作多少年？', None),
    ]) == []


def test_a_professor_is_a_title_not_to_teach() -> None:
    """教授 of a rank (教授级高级教师, 副教授) is no filler for 教; what one teaches is no subject when it
    names a grade, a class or pupils."""
    assert _each("学校问卷", "school", [
        # 教授级高级教师 is the senior rank some provinces name so; read as no title rather than 高级.
        ([], '贵校教授级高级教师人数', None),
        ([], '贵校专任教师中具有教授职称的人数', None),
        ([], '贵校外聘教授人数', None),
        ([], '贵校兼职教授多少人？', None),
    ]) == []
    assert _each("教师问卷", "roster", [
        ([], '您是否教授毕业班？', None),
        ([], '您教授几个班？', None),
        ([], '您教授的学生人数', None),
        ([], '您所教授的年级', None),
        ([], '您的职称是否为教授？', None),
        ([], '您教授的班级名称', None),
        # Before what is taught it is to teach.
        ([], '您所教授的学科', 'teacher.subject'),
        ([], '您教授哪些科目？', 'teacher.subject'),
    ]) == []


def test_their_does_not_make_someone_elses_value_the_teachers() -> None:
    assert _each("Teacher questionnaire", "roster", [
        ([], "What is their parents' occupation?", None),
        ([], "What is their father's highest level of education?", None),
        ([], "What is their spouse's date of birth?", None),
        ([], "What is their mother's ethnicity?", None),
    ]) == []
    assert _each("School questionnaire", "school", [
        ([], 'How many teachers live with their parents?', None),
        ([], 'How many teachers have their own children enrolled at the school?', None),
        ([], 'How many teachers are in their first year at this school?', None),
        ([], 'How many teachers received their highest qualification abroad?', None),
        ([], 'How many teachers teach outside their subject?', None),
        ([], 'How many teachers are in their probation period?', None),
    ]) == []


def test_roughly_never_turns_a_share_or_another_number_into_a_count_of_teachers() -> None:
    assert _each("School questionnaire", "school", [
        ([], 'Roughly what share of your teachers are women?', None),
        ([], 'Roughly how many hours a week do your teachers teach?', None),
        ([], 'Roughly how many teachers are absent each day?', None),
        ([], 'Roughly how many teachers will retire within five years?', None),
        ([], 'Roughly how many pupils are there per teacher?', None),
        ([], 'Roughly what proportion of staff are support staff?', None),
        ([], 'Roughly how many teachers does the school need to recruit?', None),
        ([], 'Roughly how many teachers left last year?', None),
    ]) == []


def test_update_confirm_and_write_are_no_fillers_before_what_is_not_the_value() -> None:
    """The date of a record's update, who confirmed a form, what one is asked to write that the records
    do not hold."""
    assert _each("Teacher questionnaire", "roster", [
        ([], 'Date of last update', None),
        ([], 'Last updated', None),
        ([], 'Updated by', None),
        ([], 'Please update your home address.', None),
        ([], 'Please confirm that the information above is correct.', None),
        ([], 'Confirmed by (name)', None),
        ([], 'Name of the person confirming', None),
        ([], 'Please write your comments below.', None),
        ([], 'Please write the name of your head teacher.', None),
        ([], 'Please write the name of the school where you first taught.', None),
    ]) == []
    assert _each("教师问卷", "roster", [
        ([], '确认人姓名', None),
        ([], '填表人姓名', None),
        ([], '确认日期', None),
        ([], '请写出您最喜欢的教学方法', None),
        ([], '写出您的联系电话', None),
        ([], '请写出您的姓名拼音', None),
        ([], '请写出您配偶的姓名', None),
        ([], '请写下您的意见和建议', None),
    ]) == []


def test_the_start_of_the_term_and_the_current_school_year_leave_flows_flows() -> None:
    assert _each("学校问卷", "school", [
        ([], '本学期初新调入教师人数', None),
        ([], '本学期初至今离职教师人数', None),
        ([], '本学期初以来退休的教职工人数', None),
        ([], '学期初新招聘专任教师多少人？', None),
    ]) == []
    assert _each("School questionnaire", "school", [
        ([], 'How many teachers were newly recruited in the current school year?', None),
        ([], 'How many teachers transferred in during the current academic year?', None),
        ([], 'How many teachers retired in the current school year?', None),
        ([], 'How many teachers resigned during the current term?', None),
        ([], 'How many teachers joined in the current semester?', None),
        ([], 'How many pupils were admitted in the current school year?', None),
        ([], 'How many teachers will leave at the end of the current school year?', None),
        ([], 'How many teachers were on long-term sick leave in the current school year?', None),
    ]) == []


def test_first_begin_and_commence_of_something_else_are_no_start_of_teaching() -> None:
    assert _each("Teacher questionnaire", "roster", [
        ([], 'When did you first begin teaching at this school?', None),
        ([], 'In which year did you first begin working?', None),
        ([], 'When did you first begin your current post?', None),
        ([], 'In which year did you commence your current appointment?', None),
        ([], 'When did you commence teacher training?', None),
        ([], 'In what year did you first begin teacher training?', None),
        ([], 'At what age did you first begin teaching?', None),
        ([], 'When did you commence employment at this school?', None),
    ]) == []


def test_each_or_different_before_a_word_that_is_no_band() -> None:
    """各 and 不同 read as "by" before a band word; before a campus, a department, a class or a grade
    the field is no count we hold."""
    assert _each("学校问卷", "school", [
        ([], '各校区专任教师人数', None),
        ([], '各部门教职工人数', None),
        ([], '各班学生数', None),
        ([], '各级骨干教师人数', None),
        ([], '不同专业背景教师人数', None),
        ([], '各乡镇学校数', None),
        ([], '各年级教师人数', None),
        ([], '不同学段教师人数', None),
    ]) == []


def test_an_imperative_grid_stem_about_other_people_or_things_gives_its_rows_nothing() -> None:
    assert _each("学校问卷", "school", [
        (['请填写贵校各年级学生人数'], '一年级', None),
        (['请填写各年龄段学生人数'], '6岁及以下', None),
        (['Please indicate the number of pupils by age'], 'Under 6', None),
        (['Please indicate the number of classes by grade'], 'Grade 1', None),
        (['请填写贵校各年龄段班主任人数'], '30岁及以下', None),
        # Those who left are held (status 3), as "Number of teachers who left" reads.
        (['Please indicate the number of teachers who left by age'], 'Under 30', 'post_type=1;status=3;age=..29'),
        (['请填写各年龄段新招聘教师人数'], '30岁及以下', None),
        (['Please indicate the number of part-time teachers by qualification'], "Master's degree", None),
        (['请填写贵校各学历层次代课教师人数'], '本科', None),
        (['请填写贵校各年龄段教师参加培训人次'], '30岁及以下', None),
    ]) == []


def test_personnel_relations_said_as_where_the_file_is_held() -> None:
    assert _each("教师问卷", "roster", [
        ([], '人事关系所在单位', None),
        ([], '您的人事关系所在单位名称', None),
        ([], '人事关系所在地', None),
        ([], '人事关系：○在本校 ○在教育局', None),
        ([], '您的人事关系属于：A.本校 B.中心校 C.教育局', None),
        ([], '人事关系隶属', None),
        ([], '您的人事关系何时转入本校？', None),
        ([], '人事关系转入时间', None),
    ]) == []


def test_which_of_the_following_whose_options_are_no_value_of_the_teachers() -> None:
    assert _each("教师问卷", "roster", [
        ([], '以下哪种情况符合您？A.已婚 B.未婚', None),
        ([], '您最希望参加以下哪类培训？A.学科知识 B.教学方法', None),
        ([], '下列哪种学历是您最希望获得的？A.本科 B.硕士 C.博士', None),
        ([], '您希望在以下哪类学校任教？A.小学 B.初中 C.高中', None),
        ([], '您的配偶属于以下哪类人员？A.教师 B.公务员', None),
        ([], '您的父母属于以下哪类人员？A.专任教师 B.行政人员', None),
        ([], '您属于以下哪类人员？A.专任教师 B.代课教师 C.兼职教师', None),
        ([], '您属于以下哪类人员？A.骨干教师 B.普通教师', None),
    ]) == []
    assert _each("Teacher questionnaire", "roster", [
        ([], 'Which of the following qualifications do you plan to obtain? [1] Bachelor [2] Master', None),
        ([], 'Which of the following subjects would you like to teach? [1] Mathematics [2] English', None),
    ]) == []


def test_options_marked_in_square_brackets_of_attitudes_or_of_someone_else() -> None:
    assert _each("Teacher questionnaire", "roster", [
        ([], 'How satisfied are you with your salary? [1] Very [2] Somewhat [3] Not at all', None),
        ([], 'To what extent do you agree? [1] Strongly agree [2] Agree [3] Disagree', None),
        ([], 'Would you recommend teaching as a career? [1] Yes [2] No', None),
        ([], "How would you rate your school's leadership? [1] Poor [2] Fair [3] Good", None),
        ([], 'What is your preferred type of contract? [1] Permanent [2] Fixed-term', None),
        ([], 'What was your highest qualification when you started teaching? [1] Diploma [2] Bachelor [3] Master', None),
        ([], 'What level of education did your mother complete? [1] Primary [2] Secondary [3] Tertiary', None),
        ([], "What is your spouse's gender? [1] Male [2] Female", None),
        ([], '您配偶的性别：[1]男 [2]女', None),
    ]) == []


def test_a_year_blank_after_a_length_or_another_years_word() -> None:
    """A blank for years after a word for a year is the year; after a length it is a length, and a year
    of something else is none of ours."""
    assert _each("教师问卷", "roster", [
        ([], '教龄____年', 'teacher.teaching_years'),
        ([], '您的教龄（年）：____年', 'teacher.teaching_years'),
        ([], '您工作____年', None),
        ([], '您的工龄____年', None),
        ([], '您在本校任教____年（按实际年份填写）', None),
        ([], '您在农村学校任教____年（填写整数年份）', None),
        ([], '您取得现职称的年份____年', None),
        ([], '您获得最高学历的年份是____年', None),
        ([], '您哪一年调入本校____年', None),
        ([], '您参加工作年月____年____月', None),
    ]) == []


def test_count_each_teacher_once_and_none_write_zero_on_no_count_of_teachers() -> None:
    assert _each("School questionnaire", "school", [
        ([], 'How many teaching hours are taught per week? (Count each teacher only once)', None),
        ([], 'How many subjects are taught at your school? (Count each teacher only once)', None),
        ([], 'Number of teacher posts (Count each teacher only once)', None),
        ([], 'How many teachers teach more than one subject? (Count each teacher only once)', None),
    ]) == []
    assert _each("学校问卷", "school", [
        ([], '贵校有多少名兼职教师？如没有请填0', None),
        ([], '代课教师人数（如没有请填0）', None),
        ([], '贵校专任教师中博士学位人数（如没有请填0）', None),
        ([], '贵校专任教师缺编人数，如没有请填0', None),
    ]) == []


def test_numbering_in_chinese_is_only_at_the_start() -> None:
    assert _each("学校问卷", "school", [
        ([], '专题2：教师培训人数', None),
        ([], '问题5：贵校专任教师月平均工资', None),
        ([], '课题3：教师参与人数', None),
    ]) == []


def test_a_code_asked_is_its_value_but_not_two_values_or_its_length() -> None:
    assert _each("学校问卷", "school", [
        ([], '请填写学校代码及名称', None),
        ([], '学校代码和学校名称', None),
        ([], '学校代码有多少位？', None),
        ([], '学校主管部门代码是多少？', None),
        ([], '学校邮政编码是多少？', None),
        ([], '统一社会信用代码是多少？', None),
        ([], '班级代码是多少？', None),
    ]) == []


def test_address_blanks_of_another_place_or_with_another_value() -> None:
    assert _each("教师问卷", "roster", [
        ([], '您的户籍所在地：____省____市____县', None),
        ([], '您的出生地：____省____市', None),
        ([], '籍贯：____省____县', None),
        ([], '家庭住址：____省____市____区', None),
    ]) == []
    assert _each("学校问卷", "school", [
        ([], '学校通讯地址：____市____区____路____号，邮编____', None),
        ([], '学校详细地址：____省____市____区，联系电话____', None),
    ]) == []


def test_a_list_after_including_that_takes_in_more_than_the_staff() -> None:
    assert _each("学校问卷", "school", [
        ([], '教职工总数（含专任教师、行政、教辅、工勤及离退休人员）', None),
        ([], '教职工总数（含专任教师、行政、教辅、工勤、校办企业职工）', None),
        ([], '教职工总数（含专任教师、行政、教辅、工勤人员及临时聘用人员）', None),
        ([], '专任教师数（含行政、教辅、工勤人员）', None),
        ([], '教职工总数（含专任教师、行政、教辅、工勤、外聘人员）', None),
    ]) == []


def test_select_the_main_one_and_the_highest_education_hint_leave_the_rest() -> None:
    assert _each("Teacher questionnaire", "roster", [
        ([], 'What is your main source of income? (Select the main one)', None),
        ([], 'Which subject did you study at university? (Select the main one)', None),
        ([], 'Which grade do you teach? (Select the main one)', None),
        ([], 'What is your main reason for becoming a teacher? (Select the main one)', None),
    ]) == []
    assert _each("教师问卷", "roster", [
        ([], '您的毕业院校（以最高学历为准）', None),
        ([], '您所学专业（以最高学历为准）', None),
        ([], '毕业时间（以最高学历为准）', None),
        ([], '学位（以最高学历为准）', None),
        ([], '学历（以第一学历为准）', None),
    ]) == []


def test_a_question_opened_by_a_preposition_about_something_else() -> None:
    assert _each("Teacher questionnaire", "roster", [
        ([], 'In which school did you first teach?', None),
        ([], 'At which school did you train?', None),
        ([], 'For which school do you do supply teaching?', None),
        ([], 'At what age did you start teaching?', None),
        ([], 'At what age did you retire?', None),
        ([], 'In which language do you teach?', None),
        ([], 'In which subject do you hold a degree?', None),
        ([], 'For which subject were you trained?', None),
    ]) == []


def _twice(title: str, level: str, labels: list[str]) -> list[str]:
    """Why the request holding these fields is refused (two of them read as one key), or nothing."""
    try:
        read_form([{"label": w} for w in labels], title=title, level=level)
    except InvalidInput as refused:
        return [str(refused), *map(str, refused.args[1:])]
    return []


def test_two_fields_of_one_form_do_not_both_read_as_one_key() -> None:
    """A wording reaching its key through the form's period, "in all", the options of "which kind" or a
    loose name of the code steps aside beside one asking the key plainly; alone it is read."""
    assert read_form([{"label": w} for w in ('专任教师数', '本学年专任教师数')], title="学校问卷") == ["school.ft_teachers", None]
    assert read_form([{"label": '本学年专任教师数'}], title="学校问卷") == ["school.ft_teachers"]
    assert _twice("教师问卷", "roster", ['出生年份', '出生日期']) == []
    assert _twice("教师问卷", "roster", ['您的出生年份是____年', '您的出生日期（年/月/日）']) == []
    assert _twice("学校问卷", "school", ['本学年专任教师数', '专任教师数']) == []
    assert _twice("学校问卷", "school", ['学校代码', '学校标识码']) == []
    assert _twice("学校问卷", "school", ['学校代码是多少？', '学校名称及代码']) == []
    assert _twice("教师问卷", "roster", ['教龄', '您累计从事教学工作多少年？']) == []
    assert _twice("教师问卷", "roster", ['是否在编', '您的人事关系属于：○在编 ○编外聘用']) == []
    assert _twice("教师问卷", "roster", ['岗位类别', '您属于以下哪类人员？A.专任教师 B.行政人员 C.教辅人员 D.工勤人员']) == []
    assert _twice("Teacher questionnaire", "roster", ['Date of birth', 'Please confirm your date of birth.']) == []
    assert _twice("School questionnaire", "school", ['Number of teachers', 'In the current school year, how many teachers work at this school?']) == []
