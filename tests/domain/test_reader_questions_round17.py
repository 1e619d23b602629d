"""The shapes of questions two blind rounds (17, 18) showed, each in wordings of our own: a question
carrying on from the one before ("And how many…"), a bracket naming the subjects a broad one takes
in, people left out ("not counting teachers"), an instrument's optional item, whole years said inside
the question, not answering offered as an alternative, someone's contract, answers long enough to
be phrases after the question mark, answers naming people the records never hold, and whom to ask
for a value. Each field is read on a form of its own; None is a field that must stay `new`."""

from __future__ import annotations

from tests.domain.test_semantics import misread

Field = tuple[list[str], str, str | None]


def _each(title: str, level: str, fields: list[Field]) -> list[str]:
    """The fields misread, each read on a form of its own (a form asking one thing twice is refused)."""
    return [wrong for f in fields for wrong in misread(title, level, [f])]


def test_a_question_carrying_on_from_the_one_before_asks_what_it_says() -> None:
    """"And" / "Also" opening a question join it to the question before, nothing within it."""
    fields: list[Field] = [
        ([], '4c. And how many of your full-time teachers are aged 50 or over?', 'FT;age=50..'),
        ([], 'Also, how many of your full-time teachers are women?', 'FT;gender=2'),
        ([], 'And please state how many of your full-time teachers are under 25.', 'FT;age=..24'),
        ([], 'And among your teachers, how many are on the permanent establishment?', 'FT;establishment=1'),
        # An "and" with nothing before it in a wording that asks nothing stays a dangling conjunction.
        ([], 'And female', None),
    ]
    assert _each("School questionnaire", "school", fields) == []


def test_a_bracket_listing_the_subjects_a_broad_one_takes_in_says_which() -> None:
    """"Science" may be 科学 or physics, chemistry and biology: a bracket listing the subjects says
    which; examples, a subject the records do not hold, or no bracket leave it unread."""
    fields: list[Field] = [
        ([], 'How many of your teachers mainly teach science (physics, chemistry or biology)?', 'FT;subject=04,05,06'),
        ([], 'How many teachers mainly teach science (biology, physics, chemistry and integrated science)?',
         'FT;subject=04,05,06,14'),
        ([], 'How many teachers mainly teach science (biology / chemistry and physics)?', 'FT;subject=04,05,06'),
        ([], '艺术（音乐和美术）教师人数', 'FT;subject=11,12'),
        ([], 'Teachers of integrated science', 'FT;subject=14'),
        ([], 'How many of your teachers mainly teach science (e.g. physics, chemistry)?', None),
        ([], 'How many of your teachers mainly teach science (physics, chemistry, biology or earth science)?', None),
        ([], 'How many of your teachers mainly teach science?', None),
    ]
    assert _each("School questionnaire", "school", fields) == []


def test_people_left_out_are_taken_out_of_whom_the_question_counts() -> None:
    """"(not counting teachers)" leaves teachers out: of administrative staff it adds nothing, of all
    staff it leaves the others; someone the records do not hold cannot be left out."""
    fields: list[Field] = [
        ([], 'How many administrative staff work at your school (not counting teachers)?', 'status=1;post_type=2'),
        ([], 'How many staff does your school employ, not counting teachers?', 'status=1;post_type=2,3,4'),
        ([], 'Total staff (not including teachers)', 'status=1;post_type=2,3,4'),
        ([], 'Teachers (not counting the principal)', None),
    ]
    assert _each("School questionnaire", "school", fields) == []


def test_an_instruments_optional_item_asks_what_it_says() -> None:
    """"(National option)" says whether a country asks the item, not what it asks."""
    fields: list[Field] = [
        ([], 'N2. (International option) How many of your full-time teachers are under 30?', 'FT;age=..29'),
        ([], '(National option) Number of female teachers', 'FT;gender=2'),
        ([], '(Optional item) How many teachers hold a doctorate?', 'FT;education=11'),
        ([], '(National option) National teachers', None),  # an origin the records do not hold
    ]
    assert _each("School questionnaire", "school", fields) == []


def test_whole_years_said_inside_the_question_are_how_a_length_is_counted() -> None:
    """Years of teaching are whole years on the reference date: "complete" or "full" years add
    nothing; years teaching one subject or at one school stay unread."""
    fields: list[Field] = [
        ([], 'Q5. How many full years have you been teaching?', 'teacher.teaching_years'),
        ([], 'How many completed years of teaching experience do you have?', 'teacher.teaching_years'),
        ([], 'Number of whole years of teaching experience', 'teacher.teaching_years'),
        ([], 'How many complete years have you taught English?', None),
        ([], 'How many complete years have you taught at this school?', None),
    ]
    assert _each("Teacher questionnaire", "roster", fields) == []


def test_not_answering_offered_as_an_alternative_is_no_value_of_the_field() -> None:
    """"…, or would you prefer not to say?" and a "Prefer not to say" option fit any field: the
    alternatives before them say which field is asked."""
    fields: list[Field] = [
        ([], 'Are you male, female, or would you rather not say?', 'teacher.gender'),
        ([], 'Are you on a permanent or a fixed-term contract, or would you prefer not to say?', 'teacher.establishment'),
        ([], "Highest level of education (Bachelor's / Master's / Doctorate / Prefer not to say)", 'teacher.education'),
        ([], '您的最高学历：A.本科 B.硕士 C.博士 D.不愿透露', 'teacher.education'),
        ([], 'Ethnic group (Han / Other / Prefer not to say)', 'teacher.ethnicity'),
        ([], 'Sexual orientation (Heterosexual / Gay / Prefer not to say)', None),
    ]
    assert _each("Teacher questionnaire", "roster", fields) == []


def test_someones_contract_is_the_contract_itself_not_contract_staff() -> None:
    """"Is your contract permanent or temporary?" asks the kind of contract; "your contract" alone,
    or a question of its end, asks no value the records hold."""
    fields: list[Field] = [
        ([], 'Is your contract permanent or temporary?', 'teacher.establishment'),
        ([], 'Q4. Is your present contract fixed-term or permanent? (Fixed-term - go to Q5; Permanent - go to Q6)',
         'teacher.establishment'),
        ([], 'When does your contract end?', None),
        ([], 'Your contract', None),
    ]
    assert _each("Teacher questionnaire", "roster", fields) == []


def test_answers_after_the_question_mark_may_run_to_phrases() -> None:
    """A bracket after the question mark lists its answers, each maybe a phrase; a period or an age
    in an answer is said of the answer. An answer holding a list of its own is the form's own
    grouping, and stays words to read."""
    fields: list[Field] = [
        ([], 'What are your terms of employment at this school? (Permanent appointment / Fixed-term contract '
             'lasting more than two years / Fixed-term contract lasting two years or less)', 'teacher.establishment'),
        ([], 'A3. What is your employment status as a staff member in this early childhood centre? '
             '(Permanent employment / Fixed-term contract of more than 1 year / Fixed-term contract of 1 year or less)',
         'teacher.establishment'),
        ([], "What is the highest qualification you hold? (Certificate / Bachelor's degree / Graduate diploma in "
             "education / Master's degree / Doctorate)", 'teacher.education'),
        ([], "What is your highest level of education? (Upper secondary / Tertiary: college, polytechnic or "
             "university / Postgraduate: master's or doctorate)", None),
        ([], 'When did you start teaching? (month / year)', 'teacher.teaching_start'),
        ([], 'How many years have you worked in this early childhood centre?', None),
        ([], 'Are you employed full-time or part-time in this ECEC setting?', None),
    ]
    assert _each("Teacher questionnaire", "roster", fields) == []


def test_answers_naming_people_the_records_never_hold_are_another_classification() -> None:
    """Where the answers name every establishment value and also substitute, agency or supply
    teachers (whom the staff records never hold), they classify more than the establishment."""
    fields: list[Field] = [
        ([], '您的用工方式：A.在编 B.合同制 C.劳务派遣', None),
        ([], '5. 您的用工形式 [单选题] ○在编 ○合同制 ○代课', None),
        ([], 'Employment type (Permanent / Contract / Supply teacher)', None),
        ([], 'Terms of service (Permanent / Contract / Substitute)', None),
        ([], '您的用工形式 [单选题] ○在编 ○合同制', 'teacher.establishment'),
        ([], 'Terms of service (Permanent / Contract)', 'teacher.establishment'),
    ]
    assert _each("Teacher questionnaire", "roster", fields) == []


def test_the_subject_one_spends_most_teaching_time_on_is_the_main_subject() -> None:
    fields: list[Field] = [
        ([], 'Q9. Which subject do you spend most of your teaching time on?', 'teacher.subject'),
        ([], 'Which subject do you spend most of your time on?', 'teacher.subject'),
        ([], "Which subject does the teacher spend most of the teacher's time teaching?", 'teacher.subject'),
        ([], 'How much time do you spend on marking?', None),
        ([], 'Which subject do you spend the most time preparing?', None),
    ]
    assert _each("Teacher questionnaire", "roster", fields) == []


def test_whom_to_ask_for_a_value_adds_nothing_to_it() -> None:
    """"（可向学校办公室询问）", "(ask the school office)": where to find the value, not another one."""
    fields: list[Field] = [
        ([], '9. 您所在学校的学校标识码（10位，不清楚可向教务处咨询）', 'teacher.school_code'),
        ([], '您所在学校的学校标识码（可向学校办公室了解）', 'teacher.school_code'),
        ([], 'Code of your school (ask the school office)', 'teacher.school_code'),
        ([], "Your school's code (available from the school office)", 'teacher.school_code'),
        ([], '您所在学校的学校标识码（12位，可向学校办公室询问）', None),  # not the code's own length
    ]
    assert _each("Teacher questionnaire", "roster", fields) == []
