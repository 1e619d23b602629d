"""Tables as they come back from other hands: re-typed by a clerk into their own layout (breakdown names cut
to one character, "A（B）" for a header over a column, "合" for the total), with footnote marks (※, ①, *,
"b)"), units ("(pax)", "（人）" after a title's 表), a spreadsheet's column letters, abbreviations ("Estab.",
"Ethnic Min.", "PG", "I.D. No."), grades sharing one 级 ("二、三级"), and English put word for word
("Teaching Age", "Minority Nationality", "Whether … or Not"). And the words around them: clauses leaving
several kinds out ("not counting teachers or support staff"), yes/no questions about a permanent post,
teaching assistants, and brackets that keep to some of the people by merit or intention. In wordings of
our own."""

from __future__ import annotations

from tests.domain.test_reader_known_faults import each
from tests.domain.test_semantics import misread, read_form

FT = "status=1;post_type=1"


def test_a_breakdowns_name_cut_to_one_character_in_a_path_is_read_through() -> None:
    assert misread("全县专任教师情况（重录）", "school", [
        ([], "专任-学-本科", f"{FT};education=21"),
        ([], "专任-职-一级", f"{FT};title=3"),
        ([], "专任-龄-36-45岁", f"{FT};age=36..45"),
        ([], "专任-编-编外", f"{FT};establishment=2"),
        ([], "专任-学-全日制", None),  # the category beneath is what the records do not hold
    ]) == []


def test_a_header_written_in_a_bracket_after_its_column_and_he_as_the_total() -> None:
    assert misread("专任教师学历与年龄情况（人）", "school", [
        ([], "总计（合）", FT),
        ([], "本科（计）", f"{FT};education=21"),
        ([], "本科（35岁及以下）", f"{FT};education=21;age=..35"),
        ([], "研究生（合）", f"{FT};education=11,14"),
    ]) == []
    assert misread("教职工编制情况（人）", "school", [([], "合（在编+编外）", "status=1")]) == []


def test_a_title_closing_with_its_unit_after_biao_still_names_whom() -> None:
    assert read_form([{"label": "合计"}, {"label": "女"}], title="专任教师性别情况表（人）") == \
        read_form([{"label": "合计"}, {"label": "女"}], title="专任教师性别情况表")
    assert read_form([{"label": "Total Staff"}], title="Staff sheet - Unit: pax") == ["school.staff"]


def test_footnote_marks_say_nothing_of_whom() -> None:
    assert misread("专任教师民族情况※（人）", "school", [
        ([], "专任教师※-合计", FT),
        ([], "专任教师※-汉族", f"{FT};ethnicity=01"),
        ([], "专任教师※-回族", f"{FT};ethnicity=03"),
        ([], "专任教师※-其他民族", f"{FT};ethnicity!=01,03"),
        ([], "少数民族-女②", f"{FT};ethnicity!=01;gender=2"),
    ]) == []
    assert each("Staff return", "school", [
        ([], "Female teachers*", f"{FT};gender=2"),
        ([], "Teachers on contract†", f"{FT};establishment=2"),
    ]) == []
    assert each("Staff list", "roster", [
        ([], "Highest qualification a)", "teacher.education"),
        ([], "Birth date c)", "teacher.birth_date"),
    ]) == []
    # A circled number opening a wording is still its numbering, not a mark to drop.
    assert each("教职工情况", "school", [([], "②50周岁及以上专任教师", f"{FT};age=50..")]) == []


def test_a_spreadsheets_column_letter_before_the_name() -> None:
    assert each("Staff list", "roster", [
        ([], "A  Staff name", "teacher.name"),
        ([], "K\tGender", "teacher.gender"),
        ([], "D  Highest degree attained", None),  # a degree asked, not the level of education
    ]) == []


def test_units_and_abbreviations_of_a_re_keyed_english_sheet() -> None:
    assert each("Staff sheet", "school", [
        ([], "D1. Teaching staff (pax)", FT),
        ([], "FT Tchrs - In Estab.", f"{FT};establishment=1"),
        ([], "FT Tchrs - Ethnic Min.", f"{FT};ethnicity!=01"),
        ([], "FT Tchrs - PG", f"{FT};education=11,14"),
        ([], "PG teachers", None),  # India's post-graduate teachers are a cadre, not a level held
    ]) == []
    assert each("Staff list", "roster", [([], "I.D. No.", "teacher.id_number")]) == []


def test_two_grades_sharing_one_ji() -> None:
    assert each("专任教师职称情况", "school", [
        ([], "二、三级", f"{FT};title=4,5"),
        ([], "一、二级教师", f"{FT};title=3,4"),
        ([], "中、高级职称专任教师", f"{FT};title=2,3"),
    ]) == []
    # Numbering before a grade that does not follow it stays numbering.
    assert each("专任教师职称情况", "school", [([], "三、三级教师", f"{FT};title=5")]) == []


def test_chinese_put_word_for_word_into_english() -> None:
    assert each("Basic situation", "school", [
        ([], "Full-time Teacher Number of Minority Nationality", f"{FT};ethnicity!=01"),
        ([], "Full-time teachers with teaching age of 20 years and above", f"{FT};years=20.."),
        ([], "Teachers of foreign nationality", None),  # a nationality is still not held
    ]) == []
    assert each("Teacher information", "roster", [
        ([], "Teaching Age (years)", "teacher.teaching_years"),
        ([], "Whether in Establishment or Not", "teacher.establishment"),
        ([], "是否女性与否", "teacher.gender"),
    ]) == []


def test_a_clause_leaving_out_reaches_every_kind_it_lists() -> None:
    assert each("Staff", "school", [
        ([], "How many administrative staff are there, not counting teachers or support staff?", "status=1;post_type=2"),
        ([], "Staff excluding teachers and support staff", "status=1;post_type=2,4"),
        ([], "Staff other than teachers or administrators", "status=1;post_type=3,4"),
        ([], "除专任教师和行政人员外的教职工", "status=1;post_type=3,4"),
        # A prefix negates only the word it is on: which of the two "non" reaches is not said.
        ([], "非在编或女", None),
        ([], "Non-teaching or support staff", None),
    ]) == []


def test_a_permanent_post_asked_of_a_person_is_their_establishment() -> None:
    assert each("Teacher questionnaire", "roster", [
        ([], "Does the teacher hold a permanent post?", "teacher.establishment"),
        ([], "Do you hold a permanent position?", "teacher.establishment"),
    ]) == []
    assert each("Staffing", "school", [
        ([], "Q8. How many teachers are on permanent (established) posts?", f"{FT};establishment=1"),
        ([], "Teachers in established positions", f"{FT};establishment=1"),
        ([], "Established posts", None),  # posts, which may stand vacant
        ([], "Year established", None),
        ([], "Established teachers", None),
    ]) == []


def test_teaching_assistants_are_the_teaching_support_staff_in_english_only() -> None:
    assert each("Staff", "school", [
        ([], "Teaching assistants", "status=1;post_type=3"),
        ([], "Number of classroom assistants", "status=1;post_type=3"),
        ([], "助教 Teaching assistants", None),  # a Chinese school's 助教 is a role or a college rank
        ([], "助教人数", None),
        ([], "Special needs assistants", None),
    ]) == []
    assert misread("Student teaching assistants", "roster", [([], "Name", None)]) == []


def test_a_bracket_keeping_to_some_by_merit_or_intention_is_not_read_past() -> None:
    assert each("专任教师情况", "school", [
        ([], "专任教师（年度考核优秀）", None),
        ([], "高级教师（拟推荐）", None),
        ([], "一级教师（试用期满）", None),
        # A note on how the row is used is still read past.
        ([], "退休教职工（另行统计待遇）", "status=2"),
        ([], "年满50周岁的专任教师（可免体测）", f"{FT};age=50.."),
    ]) == []


def test_bars_and_line_breaks_an_export_writes_out() -> None:
    assert each("专任教师情况", "school", [
        ([], "专任教师丨男", f"{FT};gender=1"),
        ([], "专任\\n教师", FT),
        ([], "Full-time\\nteachers", FT),
    ]) == []


def test_intervals_after_the_measures_name_and_a_measure_between_two_bounds() -> None:
    assert each("专任教师结构", "school", [
        ([], "教龄[5,10)", f"{FT};years=5..9"),
        ([], "年龄(30,40]", f"{FT};age=31..40"),
        ([], "〔45,50)岁", f"{FT};age=45..49"),
        ([], "10≤教龄<20", f"{FT};years=10..19"),
        ([], "25<=年龄<=29岁", f"{FT};age=25..29"),
    ]) == []


def test_a_systems_key_comparing_with_a_number() -> None:
    assert each("Staff", "school", [
        ([], "FT_TEACHERS_AGE_LT35", f"{FT};age=..34"),
        ([], "teachers_age_ge55", f"{FT};age=55.."),
        ([], "Tchrs aged 60yrs+", f"{FT};age=60.."),
        ([], "Teachers with 20 yrs+ experience", f"{FT};years=20.."),
    ]) == []


def test_a_titles_note_with_a_word_for_people_inside_an_unknown_word_names_nobody() -> None:
    assert read_form([{"label": "合计"}], title="专任教师情况（多人转录）") == ["school.ft_teachers"]
    assert read_form([{"label": "合计"}], title="专任教师情况（含代课人员）") == [None]


def test_other_beside_categories_is_new_when_one_of_them_was_printed_apart() -> None:
    """"汉族丨专任教师" printed under its own header before "回族", "彝族", "其他民族": the rest of the three
    would count the Han again. A total over them printed apart ("少数民族专任教师") holds the rest and is
    no such category."""
    assert misread("民族成份|专任教师", "school", [
        ([], "专任教师|合计", FT),
        ([], "汉族丨专任教师", f"{FT};ethnicity=01"),
        ([], "回族", f"{FT};ethnicity=03"),
        ([], "彝族", f"{FT};ethnicity=07"),
        ([], "其他民族", None),
    ]) == []
    assert misread("少数民族专任教师情况", "school", [
        (["少数民族专任教师"], "合计", f"{FT};ethnicity!=01"),
        (["少数民族专任教师"], "壮族", f"{FT};ethnicity=08"),
        (["少数民族专任教师"], "其他民族", f"{FT};ethnicity!=01,08"),
    ]) == []


def test_the_ministry_and_the_education_authority_issue_the_records_own_codes() -> None:
    assert each("学校信息", "school", [
        ([], "学校代码（教育部学校标识码）", "school.code"),
        ([], "School ID (as issued by the education authority)", "school.code"),
        ([], "School ID (as issued by the district)", None),
    ]) == []


def test_a_systems_keys_cut_short() -> None:
    assert each("Export", "school", [
        ([], "SCHOOL_NM", "school.name"),
        ([], "county_cd", "school.region_code"),
        ([], "ft_tchr_age_lt_30_cnt", f"{FT};age=..29"),
    ]) == []
    assert each("Export", "roster", [
        ([], "EDU_LVL", "teacher.education"),
        ([], "PostCat", "teacher.post_type"),
        ([], "ProfTitle", "teacher.title"),
        ([], "TCHG_START_DT", "teacher.teaching_start"),
        ([], "DT", None),  # design and technology, not a date
    ]) == []


def test_more_chinese_put_word_for_word_into_english() -> None:
    assert each("Teacher information", "roster", [
        ([], "Time to participate in education work", "teacher.teaching_start"),
        ([], "Date of starting educational work", "teacher.teaching_start"),
        ([], "Time to participate in work", None),  # work of any kind began: not teaching
        ([], "Establishment situation", "teacher.establishment"),
        ([], "Participated in training", None),
    ]) == []


def test_a_unit_after_a_length_and_a_note_that_the_form_fills_it_in() -> None:
    assert each("Teacher information", "roster", [
        ([], "AGE_YRS", "teacher.age"),
        ([], "Experience, years", "teacher.teaching_years"),
        ([], "出生年月（由身份证号自动提取）", "teacher.birth_date"),
        ([], "Date of birth (auto-generated from ID number)", "teacher.birth_date"),
        ([], "年龄（系统自动计算）", "teacher.age"),
    ]) == []


def test_years_of_teaching_said_before_their_number() -> None:
    assert each("Full-time teachers", "school", [
        ([], "FT teachers - teaching 15+ yrs", f"{FT};years=15.."),
        ([], "Teachers teaching less than 2 years", f"{FT};years=..1"),
        ([], "Years teaching <5", f"{FT};years=..4"),
    ]) == []


def test_a_word_before_its_people_defined_by_the_values_its_bracket_lists() -> None:
    assert each("Staff", "school", [
        ([], "Number of science teachers (physics, chemistry or biology)", f"{FT};subject=04,05,06"),
        ([], "理科教师（物理、化学、生物）", f"{FT};subject=04,05,06"),
        # A value of the records' named, then a list wider than it: the form's word is the list.
        ([], "Art teachers (music, fine arts)", f"{FT};subject=11,12"),
        ([], "Senior teachers (正高级、高级)", f"{FT};title=1,2"),
        ([], "Science teachers (e.g. physics, chemistry)", None),  # examples do not close a broad word
        ([], "Science teachers", None),
    ]) == []


def test_glosses_in_scripts_the_reader_does_not_read() -> None:
    assert each("教师名册", "roster", [
        ([], "姓名 이름", "teacher.name"),
        ([], "出生年月 생년월", "teacher.birth_date"),
        ([], "性别（ᠬᠦᠢᠰᠦ）", "teacher.gender"),
        ([], "学历 / སློབ་ཚད།", "teacher.education"),
        ([], "Фамилия", None),  # a wording only in such a script stays unread
    ]) == []


def test_a_value_asked_with_a_question_mark_on_a_roster_asks_whether() -> None:
    assert each("Staff list", "roster", [
        ([], "On the establishment?", "teacher.establishment"),
        ([], "是否女性 Female?", "teacher.gender"),
        ([], "How many teachers?", None),
    ]) == []


def test_cantonese_as_guangdong_and_hong_kong_forms_type_it() -> None:
    assert each("教師資料", "school", [
        ([], "幾多位老師係35歲以下？", f"{FT};age=..35"),
        ([], "你哋學校有幾多位女老師？", f"{FT};gender=2"),
    ]) == []
    assert each("教職員名冊", "roster", [([], "職員編號", "teacher.id")]) == []


def test_an_indicators_code_run_into_a_chinese_numeral() -> None:
    assert each("城市教育指标看板", "school", [([], "ZB106 三十五岁以下专任教师数", f"{FT};age=..35")]) == []


def test_a_host_school_is_the_school_itself_beside_its_name() -> None:
    assert each("Exchange programme", "school", [
        ([], "Host school name", "school.name"),
        ([], "承办学校名称", "school.name"),
        ([], "Host school (Y/N)", None),  # whether it is one
    ]) == []


def test_a_clause_leaving_out_people_named_by_two_things_leaves_no_one_group() -> None:
    assert each("Staff", "school", [
        ([], "除女教师外的教职工", None),
        ([], "教职工（除在编教师外）", None),
        ([], "Staff excluding female teachers", None),
        ([], "All staff other than teachers on contract", None),
        # One group left out, or a group left out before the people it is taken from, still reads.
        ([], "除专任教师外的教职工", "status=1;post_type=2,3,4"),
        ([], "除女性外的专任教师", f"{FT};gender!=2"),
        ([], "Female staff other than teachers", "status=1;post_type=2,3,4;gender=2"),
    ]) == []


def test_of_which_after_a_category_with_no_total_printed_under_its_headers_is_among_that_category() -> None:
    assert misread("教材选用情况调查", "school", [
        (["任课教师（人）"], "数学", f"{FT};subject=02"),
        (["任课教师（人）"], "英语", f"{FT};subject=03"),
        (["任课教师（人）"], "其中：35岁以下", f"{FT};subject=03;age=..35"),
        (["任课教师（人）"], "物理", f"{FT};subject=04"),
    ]) == []
    # With the block's total printed, "其中" after its categories is among that total.
    assert misread("语文教师年龄结构", "school", [
        (["语文"], "合计", f"{FT};subject=01"),
        (["语文"], "35岁及以下", f"{FT};subject=01;age=..35"),
        (["语文"], "其中：女", f"{FT};subject=01;gender=2"),
    ]) == []


def test_related_subjects_over_the_subjects_a_form_lists_and_names_written_by_hand() -> None:
    assert misread("校园气象站申报", "school", [
        (["相关学科专任教师（人）"], "地理", f"{FT};subject=08"),
        (["相关学科专任教师（人）"], "物理", f"{FT};subject=04"),
    ]) == []
    assert each("Consent", "roster", [
        ([], "Full name (printed)", "teacher.name"),
        ([], "Name (in block capitals)", "teacher.name"),
    ]) == []


def test_what_form_and_survey_tools_make_of_a_forms_names() -> None:
    assert each("专任教师情况", "school", [
        ([], "Q2:专任教师职称结构（人）—正高级", f"{FT};title=1"),
        ([], "3.专任教师学历及性别[矩阵填空题]—本科—女", f"{FT};education=21;gender=2"),
        ([], "专任教师——Full-time teachers", FT),  # a doubled dash joins two languages' halves
        ([], "教职工汇总.专任教师女", f"{FT};gender=2"),
        ([], "b4_tchr_age_60plus", f"{FT};age=60.."),
        ([], "t_fem  Female teachers", f"{FT};gender=2"),
        ([], "XZQHM  行政区划码", "school.region_code"),
        ([], "所在地区划代码〔6位〕", "school.region_code"),
    ]) == []
    assert each("Teacher roster", "roster", [
        ([], "staff_rpt/staff_name", "teacher.name"),
        ([], "group_staff/dob", "teacher.birth_date"),
        ([], "data[].idCardNo", "teacher.id_number"),
        ([], "5.民族：[下拉框]", "teacher.ethnicity"),
        ([], "6.出生年月：[日期题]", "teacher.birth_date"),
        ([], "Age (formula)", "teacher.age"),
        ([], "Male/Female", "teacher.gender"),  # a slash between words is no path of objects
    ]) == []
    assert misread("Staff survey", "school", [
        (["Section 2 of 4: Your teachers"], "How many full-time teachers work at your school?", FT),
    ]) == []


def test_a_bare_number_of_years_under_a_teaching_years_title_is_never_an_age() -> None:
    assert misread("专任教师教龄结构统计", "school", [
        ([], "专任教师总数", FT),
        ([], "教龄不满5年", f"{FT};years=..4"),
        ([], "教龄满20年且年龄不满45周岁", f"{FT};years=20..;age=..44"),
    ]) == []


def test_a_bound_after_a_title_and_the_plain_word_for_its_people() -> None:
    assert each("专任教师职称", "school", [
        ([], "高级教师及以上专任教师", f"{FT};title=1,2"),
        ([], "专任教师中高级教师及以上（人）", f"{FT};title=1,2"),
        ([], "专任教师中高级教师（不含正高级）", f"{FT};title=2"),
        ([], "专任教师中高级教师", None),  # 中级 and 高级, or 高级 among them
        ([], "女教师及以上", None),
    ]) == []


def test_a_header_over_a_generic_word_or_a_unit_is_one_wording_with_it() -> None:
    # A merged cell over the school's facts ("学校" over "类别", "School" over "Type"), or over a column
    # that only gives the unit ("教龄" over "年"): the two are one wording, on a school's form as on a roster.
    assert misread("各校基本情况一览", "school", [
        (["学校"], "类别", "school.school_type"),
        (["学校"], "代码", "school.code"),
    ]) == []
    assert misread("School list", "school", [(["School"], "Type", "school.school_type")]) == []
    assert misread("教师名册", "roster", [
        (["教龄"], "年", "teacher.teaching_years"),
        (["Age"], "years", "teacher.age"),
    ]) == []
    # A header over people counts them: it never joins the column beneath into a fact of the school.
    assert misread("教职工情况", "school", [(["教职工"], "类别", None)]) == []


def test_a_schools_fact_under_someone_elses_header_is_theirs() -> None:
    # The name under a contact person, a principal, a sponsor or a supervising body is theirs, not the
    # school's; under a section of the school's own facts it is the school's.
    assert misread("学校信息采集", "school", [
        (["联系人"], "姓名", None),
        (["举办者"], "名称", None),
        (["上级主管部门"], "名称", None),
        (["一、学校基本信息"], "名称", "school.name"),
        (["学校（盖章）"], "地址", "school.address"),
    ]) == []
    assert misread("School details", "school", [
        (["Contact person"], "Name", None),
        (["Principal"], "Name", None),
        (["Sponsor"], "Name", None),
        (["Pupils"], "Total", "school.enrolment"),
    ]) == []
    # Two people's or bodies' names are two new fields, not one asked twice.
    assert misread("家属信息", "roster", [(["配偶"], "姓名", None), (["紧急联系人"], "姓名", None)]) == []
    # "Contact person" alone is whom to call, not a contract worker respelled.
    assert misread("School details", "school", [([], "Contact person", None)]) == []
