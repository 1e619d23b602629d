"""Every problem a page shows has its own words in both languages, and a page never shows the
domain's internal words in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

from service.domain.errors import InvalidInput, Problem
from service.web.messages import HEADLINES, PROBLEMS, Say

SERVICE = Path(__file__).resolve().parents[2] / "service"


def test_every_problem_code_the_service_raises_is_worded_in_both_languages() -> None:
    raised = set()
    for path in SERVICE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        raised |= set(re.findall(r'\bcode="([a-z_]+)"', text))
        raised |= set(re.findall(r'PydanticCustomError\("([a-z_]+)"', text))
    missing = sorted(raised - set(PROBLEMS))
    assert missing == []
    for zh, en in PROBLEMS.values():
        assert re.search(r"[\u4e00-\u9fff]", zh) and not re.search(r"[\u4e00-\u9fff]", en)


def test_a_problem_is_worded_with_its_figures_and_a_headline_in_the_pages_language() -> None:
    p = Problem(["body", "answers", 0, "value"], "school.c_0777af23d5: below the minimum 0", "-1",
                code="below_min", params={"min": 0})
    assert Say("zh").problem(p) == "不能小于 0"
    assert Say("en").problem(p) == "cannot be less than 0"
    exc = InvalidInput("1 problem(s) in the answers", [p])
    assert Say("zh").headline(exc) == HEADLINES["invalid_input"][0]
    assert "school.c_" not in Say("zh").headline(exc) + Say("en").problem(p)


def test_a_problem_without_words_of_its_own_stays_out_of_a_chinese_list() -> None:
    p = Problem(["approval"], "none, or revoked")
    assert Say("zh").problems([p]) == [] and Say("en").problems([p]) == ["none, or revoked"]
