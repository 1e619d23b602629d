"""Wordings sent to be slow or to break the reader: every one gets an answer, never an error and
never a pre-fill it does not state; one longer than any printed name or question is not read at all.
How long each takes is printed by `python -m bench.hostile_labels`, not asserted here."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.domain.requests import LABEL_MAX
from service.domain.semantics import match_field
from tests.domain.test_semantics import FT, count, key, read_form

# Characters printed wordings are made of, and the ones a careless or hostile client adds.
_ALPHABET = "专任教师职工男女其中：（）()/-0123456789岁以上下及年人数合计本科高级一二aeilmnorst 專仼帀＃#、，,.;"


def test_a_wording_longer_than_any_printed_name_is_new_and_says_why() -> None:
    rambling = "专任教师中女教师人数" + "，请按实际情况填写" * 14
    assert len(rambling) <= LABEL_MAX
    m = match_field(label=rambling, level="school")
    assert m.key is None and "longer than any name" in m.reason
    words = "How many full-time teachers are there " + "in the school that you lead today " * 18
    m = match_field(label=words, level="school")
    assert m.key is None and "longer than any name" in m.reason
    # Each Chinese character is a word, even after a Latin letter with no space between.
    m = match_field(label="a" + "专任教师男女" * 25, level="school")
    assert m.key is None and "longer than any name" in m.reason


def test_a_long_question_within_the_bound_is_still_read() -> None:
    question = (
        "A3. What is the highest level of formal education you have completed? (Below ISCED level 5 / "
        "ISCED level 5 short-cycle tertiary / ISCED level 6 bachelor's or equivalent / ISCED level 7 "
        "master's or equivalent / ISCED level 8 doctoral or equivalent)"
    )
    assert match_field(label=question, level="roster").key == "teacher.education"


def test_repeated_parts_of_a_wording_read_as_the_wording_or_as_nothing() -> None:
    assert key("其中：" * 40) is None
    # A long run of letters and digits is no survey item's id: nothing is taken off, nothing is read.
    assert key("Fema1eTeachr" * 20) is None
    assert key("TC2G01 " + "Fema1e" * 20) is None
    # The reader still takes a real item id off and reads what follows.
    assert key("TC2G01 How many female full-time teachers are there?") == count(f"{FT};gender=2")


def test_a_hostile_field_leaves_the_rest_of_its_form_read() -> None:
    for hostile in ["其中：女" * 30, "（其中" * 40, "專仼教帀" * 30, "男/" * 60, "30-39岁" * 20, "Fema1e " * 100]:
        keys = read_form([{"label": "专任教师数"}, {"label": hostile}, {"label": "教职工数"}, {"label": "其中：男"}])
        assert keys[0] == count(FT) and keys[3] == count("status=1;gender=1"), hostile


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=LABEL_MAX))
def test_any_wording_gets_an_answer(label: str) -> None:
    m = match_field(label=label, level="school")
    assert m.reason
    if m.key is not None:
        assert m.definition is not None and m.confidence > 0
