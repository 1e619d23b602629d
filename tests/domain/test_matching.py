"""Field matching: the corpus sets the bar (precision before recall); focused tests state the rules;
property tests check what must hold for any wording."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from service.domain.dictionary import dictionary, load_dictionary
from service.domain.semantics import MATCH_THRESHOLD, match_field, normalise

CORPUS = yaml.safe_load(
    (Path(__file__).parent / "matching_corpus.yaml").read_text(encoding="utf-8")
)["items"]
D = dictionary()


# --- the corpus ------------------------------------------------------------------------------


def test_corpus_precision_and_recall() -> None:
    returned = correct = expected = 0
    misses: list[str] = []
    for item in CORPUS:
        want = None if item["expect"] == "new" else item["expect"]
        got = match_field(label=str(item["label"]), type=item.get("type"))
        returned += got.key is not None
        correct += got.key is not None and got.key == want
        expected += want is not None
        if got.key != want:
            misses.append(f"{item['label']!r}: expected {want}, got {got.key} ({got.reason})")
    precision, recall = correct / returned, correct / expected
    print(
        f"\nmatching corpus: {len(CORPUS)} wordings, precision {precision:.1%}, recall {recall:.1%}"
    )
    print("\n".join(misses))
    assert precision >= 0.95, misses
    assert recall >= 0.90, misses


def test_corpus_is_realistic_in_size_and_mix() -> None:
    assert len(CORPUS) >= 60
    assert sum(item["expect"] == "new" for item in CORPUS) >= 20
    assert all(item["expect"] == "new" or item["expect"] in D.fields for item in CORPUS)


# --- normalise -------------------------------------------------------------------------------


def test_normalise_folds_full_width_case_and_spacing() -> None:
    assert (
        normalise("ＳＣＨＯＯＬ　Ａｄｄｒｅｓｓ") == normalise("school address") == "school address"
    )
    assert normalise("专任 教师（人）") == normalise("专任教师") == "专任教师"


def test_normalise_drops_of_which_prefixes() -> None:
    assert normalise("其中：女") == normalise("其中女") == "女"
    assert normalise("of which: female") == normalise("Including female") == "female"


def test_normalise_drops_units_and_counting_words() -> None:
    assert (
        normalise("专任教师人数") == normalise("专任教师数") == normalise("专任教师") == "专任教师"
    )
    assert (
        normalise("Number of staff") == normalise("No. of staff") == normalise("staff") == "staff"
    )


# --- keys ------------------------------------------------------------------------------------


def test_exact_key_is_certain() -> None:
    m = match_field(key="school.ft_teachers.age.25_29")
    assert (m.key, m.confidence, m.reason) == ("school.ft_teachers.age.25_29", 1.0, "exact key")
    assert m.definition is not None and m.definition.measure == "count"


def test_unknown_key_is_not_matched_but_has_candidates() -> None:
    m = match_field(key="teacher.titel")
    assert (m.key, m.confidence) == (None, 0.0)
    assert m.reason.startswith("unknown key")
    assert "teacher.title" in [c.key for c in m.candidates]


# --- wordings --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("女专任教师数", "school.ft_teachers.gender.female"),
        ("专任教师中具有高级职称的人数", "school.ft_teachers.title.senior"),
        ("Full-time teachers aged 30-34", "school.ft_teachers.age.30_34"),
        ("小学高级教师人数", "school.ft_teachers.title.first"),  # the old name of first grade
        ("24岁以下专任教师", "school.ft_teachers.age.le24"),  # 以下 includes 24
        ("Full-time teachers under 25", "school.ft_teachers.age.le24"),
        ("专任教师 60+", "school.ft_teachers.age.ge60"),
    ],
)
def test_indicator_wording_is_parsed_into_its_key(label: str, key: str) -> None:
    m = match_field(label=label)
    assert m.key == key
    assert m.confidence >= MATCH_THRESHOLD
    assert m.reason.startswith("read as")


@pytest.mark.parametrize(
    ("label", "key"),
    [("35岁以下专任教师", "school.count(post_type=1;status=1;age=..35)"),
     ("Full-time teachers under 35", "school.count(post_type=1;status=1;age=..34)"),
     ("专任教师中30-39岁", "school.count(post_type=1;status=1;age=30..39)")],
)
def test_an_age_range_of_any_width_is_its_own_definition(label: str, key: str) -> None:
    assert match_field(label=label, type="integer").key == key


def test_education_group_is_not_narrowed_to_one_code() -> None:
    m = match_field(label="专任教师中研究生毕业人数")  # doctoral + master in statistics tables
    assert m.key == "school.count(post_type=1;status=1;education=11,14)"


def test_breakdown_without_population_is_new_unless_it_says_teacher() -> None:
    bare = match_field(label="其中：女")
    assert bare.key is None
    assert "school.ft_teachers.gender.female" in [c.key for c in bare.candidates]
    assert match_field(label="其中：女教师").key == "school.ft_teachers.gender.female"


@pytest.mark.parametrize(
    "label",
    ["学生近视人数", "近视学生人数", "Teachers with a valid health certificate", "校舍面积",
     "Number of computers", "教师体检日期", "心理健康教师培训时长", "专任教师缺额", "高中教师数"],
)  # fmt: skip
def test_new_concept_sharing_words_with_known_fields_is_new(label: str) -> None:
    m = match_field(label=label)
    assert m.key is None
    assert m.reason.startswith("new")


def test_new_wording_lists_nearest_known_fields() -> None:
    m = match_field(label="学生近视人数", type="integer")
    assert m.key is None
    assert 1 <= len(m.candidates) <= 3
    assert all(c.key in D.fields and 0 <= c.score <= 1 for c in m.candidates)


def test_declared_type_vetoes_an_implausible_match() -> None:
    assert match_field(label="女专任教师数", type="date").key is None
    assert match_field(label="出生日期", type="integer").key is None
    assert match_field(label="出生日期", type="date").key == "teacher.birth_date"


def test_count_wording_never_matches_a_coded_field() -> None:
    assert match_field(label="Number of teachers on staff").key != "teacher.establishment"


def test_each_dictionary_gets_its_own_index() -> None:
    other = load_dictionary()
    assert match_field(label="女专任教师数", d=other).key == "school.ft_teachers.gender.female"


# --- properties ------------------------------------------------------------------------------

# Every wording the dictionary itself knows, and every corpus wording: matched or new, the
# result must not depend on spacing, width or case.
WORDINGS = sorted(
    {name for f in D.fields.values() for name in (f.labels.zh, f.labels.en, *f.aliases)}
    | {str(item["label"]) for item in CORPUS}
)
TYPES = st.sampled_from(
    [None, "integer", "decimal", "text", "date", "enum", "boolean", "select_one"]
)


def _is_cjk(c: str) -> bool:
    return "\u2e80" <= c <= "\u9fff"


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    """A known wording, and the same wording with extra spaces, full-width forms and other case."""
    text = draw(st.sampled_from(WORDINGS))
    out: list[str] = [draw(st.sampled_from(["", " ", "\u3000", "\t"]))]
    for i, original in enumerate(text):
        c = original
        if c.isascii() and c.isalpha() and draw(st.booleans()):
            c = c.swapcase()
        if "!" <= c <= "~" and draw(st.booleans()):
            c = chr(ord(c) + 0xFEE0)  # its full-width form
        out.append(c)
        nxt = text[i + 1] if i + 1 < len(text) else ""
        # Spaces only where they cannot split an English word: next to Chinese, or doubling one.
        if nxt and (_is_cjk(text[i]) or _is_cjk(nxt) or c == " ") and draw(st.booleans()):
            out.append(draw(st.sampled_from([" ", "\u3000", "  "])))
    out.append(draw(st.sampled_from(["", " ", "\u3000"])))
    return text, "".join(out)


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=300, deadline=None)
@given(disguised(), TYPES)
def test_matching_ignores_spacing_width_and_case(pair: tuple[str, str], type_: str | None) -> None:
    plain, variant = pair
    assert match_field(label=variant, type=type_).key == match_field(label=plain, type=type_).key


@settings(deadline=None)
@given(st.one_of(st.text(), st.sampled_from(WORDINGS)), TYPES)
def test_a_match_is_a_dictionary_key_with_bounded_confidence(label: str, type_: str | None) -> None:
    m = match_field(label=label, type=type_)
    assert m.key is None or m.key in D.fields
    assert 0.0 <= m.confidence <= 1.0
    assert (m.key is None) == (m.confidence == 0.0)
    assert len(m.candidates) <= 3
    assert all(c.key in D.fields and 0.0 <= c.score <= 1.0 for c in m.candidates)
