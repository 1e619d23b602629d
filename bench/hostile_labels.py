"""The reader's worst case: field wordings written to be slow, at the longest a request accepts.

A request may carry hundreds of fields of up to 1,000 characters each; a wording whose reading time
grows faster than its length is a way to hold a worker. Prints each family's time for one field at
60 to 1,000 characters (past 120 words or characters a wording is no field's name and is not read),
then a whole request of the three slowest families' fields at their slowest size."""

from __future__ import annotations

import contextlib
import os
import random
import time
from collections.abc import Callable
from datetime import date

from service.domain import requests
from service.domain.dictionary import dictionary
from service.domain.errors import InvalidInput
from service.domain.requests import LABEL_MAX, FieldIn, RequestIn
from service.domain.semantics.match import match_field

SIZES = (60, 120, 250, LABEL_MAX)
FIELDS = 400  # the most a request may carry
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _nest(opening: str, closing: str, inner: str) -> Callable[[int], str]:
    def make(n: int) -> str:
        depth = (n - len(inner)) // 2
        return opening * depth + inner + closing * depth

    return make


FAMILIES: dict[str, Callable[[int], str]] = {
    "slips ('Fema1e' again and again)": _repeat("Fema1e "),
    "slips run together": _repeat("Fema1eTeachr"),
    "其中： again and again": _repeat("其中："),
    "其中：女 again and again": _repeat("其中：女"),
    "nested Chinese brackets": _nest("（", "）", "专任教师"),
    "nested round brackets": _nest("(", ")", "teachers"),
    "unclosed brackets": _repeat("（专任"),
    "numerals": _repeat("五十周岁"),
    "age ranges": _repeat("30-39岁"),
    "options": _repeat("A.男 B.女 "),
    "slashes": _repeat("男/"),
    "words of people": _repeat("teachers staff "),
    "CamelCase": _repeat("TchrAge30To44"),
    "digits": _repeat("1"),
    "one letter": _repeat("a"),
    "spaces and letters": _repeat("a "),
    "dates": _repeat("2026年9月1日"),
    "questions": _repeat("How many teachers? "),
    "mixed scripts": _repeat("專任教師teachers其中"),
    "a letter, then Chinese": lambda n: "a" + _repeat("其中女")(n - 1),
    "traditional with slips": _repeat("專仼教帀"),
}
# Characters of printed wordings, drawn at random: what no family above thought of.
_ALPHABET = "专任教师职工男女其中：（）()/-—0123456789岁以上下及年月日人数合计本科学历高级一二三aeilmnorst "


def _random(seed: int) -> Callable[[int], str]:
    return lambda n: "".join(random.Random(seed).choices(_ALPHABET, k=n))


FAMILIES |= {f"random characters, seed {seed}": _random(seed) for seed in range(5)}


def _seconds(label: str) -> float:
    d = dictionary()
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        match_field(label=label, level="school", d=d)
        best = min(best, time.perf_counter() - start)
    return best


def _request_seconds(make: Callable[[int], str], size: int) -> float:
    """A whole request of such fields, each made distinct (a repeated wording is read once)."""
    req = RequestIn(
        title="hostile",
        purpose="bench",
        kind="administrative",
        level="school",
        fields=[FieldIn(label=f"{i} {make(size - 4)}") for i in range(FIELDS)],
        reference_date=date(2026, 9, 1),
        due_date=date(2026, 10, 1),
    )
    requests.forget_readings()
    start = time.perf_counter()
    with contextlib.suppress(InvalidInput):  # refused with its problems: read all the same
        requests.read_fields(req, dictionary())
    return time.perf_counter() - start


def main() -> None:
    match_field(label="专任教师", level="school")  # loads the dictionary and the lexicon
    slowest: dict[str, tuple[float, int]] = {}
    for name, make in FAMILIES.items():
        times = [_seconds(make(n)) for n in SIZES]
        slowest[name] = max(zip(times, SIZES, strict=True))
        print(
            f"{name:36} " + "  ".join(f"{n:>4} ch {t * 1000:6.1f} ms" for n, t in zip(SIZES, times, strict=True)),
            flush=True,
        )
    worst = sorted(slowest, key=slowest.__getitem__)[-3:]
    seconds, size = slowest[worst[-1]]
    print(f"hostile labels: slowest field {seconds * 1000:.1f} ms ({worst[-1]}, {size} characters)")
    for name in worst:
        size = slowest[name][1]
        print(
            f"a request of {FIELDS} fields of {size} characters, {name}: read in "
            f"{_request_seconds(FAMILIES[name], size):.1f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
