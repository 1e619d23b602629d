"""The synthetic province: deterministic, exact in size, consistent, valid against the dictionary."""

from __future__ import annotations

import csv
import re
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.demo import AGE_REFERENCE, DemoFiles, DemoSpec, generate
from service.domain.dictionary import Entity, Field, dictionary
from service.domain.validation import validate_rows

Rows = list[dict[str, str]]

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
TYPE_WORDS = {
    "211": "小学",
    "218": "村教学点",
    "311": "中学",
    "312": "学校",
    "341": "中学",
    "342": "高级中学",
    "345": "学校",
    "514": "特殊教育学校",
}


def read(path: Path) -> Rows:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def check_char(id17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(id17, WEIGHTS, strict=True)) % 11]


def age(birth: str) -> int:
    b = date.fromisoformat(birth)
    return (
        AGE_REFERENCE.year - b.year - ((AGE_REFERENCE.month, AGE_REFERENCE.day) < (b.month, b.day))
    )


def file_bytes(files: DemoFiles) -> list[bytes]:
    return [files.regions.read_bytes(), files.schools.read_bytes(), files.teachers.read_bytes()]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return generate(DemoSpec(schools=300, teachers=6000, seed=7), tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def regions(files: DemoFiles) -> Rows:
    return read(files.regions)


@pytest.fixture(scope="module")
def schools(files: DemoFiles) -> Rows:
    return read(files.schools)


@pytest.fixture(scope="module")
def teachers(files: DemoFiles) -> Rows:
    return read(files.teachers)


def test_same_spec_gives_byte_identical_files(tmp_path: Path) -> None:
    spec = DemoSpec(schools=40, teachers=500, seed=3)
    assert file_bytes(generate(spec, tmp_path / "a")) == file_bytes(generate(spec, tmp_path / "b"))


def test_another_seed_gives_other_schools_and_teachers(tmp_path: Path) -> None:
    a = file_bytes(generate(DemoSpec(schools=40, teachers=500, seed=3), tmp_path / "a"))
    b = file_bytes(generate(DemoSpec(schools=40, teachers=500, seed=4), tmp_path / "b"))
    assert a[0] == b[0]  # the regions are the province's own
    assert a[1] != b[1] and a[2] != b[2]


def test_headers_are_exact(files: DemoFiles) -> None:
    first_lines = [
        p.read_text(encoding="utf-8").splitlines()[0]
        for p in (files.regions, files.schools, files.teachers)
    ]
    assert first_lines == [
        "code,name,parent_code,level",
        "code,name,region_code,school_type,urban_rural,ownership,address,enrolment",
        (
            "id,id_number,name,gender,birth_date,ethnicity,education,title,subject,post_type,establishment,"
            "school_code,teaching_start,status"
        ),
    ]


@settings(max_examples=25, deadline=None)
@given(schools=st.integers(1, 40), teachers=st.integers(0, 400), seed=st.integers(0, 2**32))
def test_any_spec_gives_exact_counts_and_consistent_references(
    schools: int, teachers: int, seed: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(DemoSpec(schools=schools, teachers=teachers, seed=seed), Path(tmp))
        school_rows, teacher_rows = read(files.schools), read(files.teachers)
        counties = {r["code"] for r in read(files.regions) if r["level"] == "county"}
    assert len(school_rows) == schools and len(teacher_rows) == teachers
    codes = [s["code"] for s in school_rows]
    assert len(set(codes)) == schools and {s["region_code"] for s in school_rows} <= counties
    assert len({t["id"] for t in teacher_rows}) == teachers
    assert len({t["id_number"] for t in teacher_rows}) == teachers
    per_school = Counter(t["school_code"] for t in teacher_rows)
    assert set(per_school) <= set(codes)
    if teachers >= schools:
        assert set(per_school) == set(codes)


def _problems(f: Field, values: list[str]) -> list[str]:
    """Values of one column that break the dictionary's rules for its field."""
    d = dictionary()
    bad = []
    for v in values:
        if v == "":
            if f.required:
                bad.append(v)
            continue
        if f.type == "enum" and v not in d.code_lists[f.code_list or ""].code_values:
            bad.append(v)
        if f.pattern and not re.fullmatch(f.pattern, v):
            bad.append(v)
        if f.max_length and len(v) > f.max_length:
            bad.append(v)
        if f.type == "integer" and not int(str(f.min or 0)) <= int(v) <= int(str(f.max or 10**9)):
            bad.append(v)
        if f.type == "date" and not str(f.min or "") <= date.fromisoformat(v).isoformat() <= str(
            f.max or "9"
        ):
            bad.append(v)
        if f.check == "gb11643" and check_char(v[:17]) != v[17]:
            bad.append(v)
    if f.unique and len(set(values)) != len(values):
        bad.append("duplicates")
    return bad


@pytest.mark.parametrize("entity", ["school", "teacher"])
def test_every_value_validates_against_the_dictionary(
    entity: str, schools: Rows, teachers: Rows
) -> None:
    rows = schools if entity == "school" else teachers
    for column in rows[0]:
        f = dictionary().get(f"{entity}.{column}")
        assert f is not None, column
        assert _problems(f, [r[column] for r in rows]) == [], column


@pytest.mark.parametrize("entity", ["school", "teacher"])
def test_import_validation_finds_no_problem(entity: Entity, files: DemoFiles) -> None:
    path = files.schools if entity == "school" else files.teachers
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    raw = pacsv.read_csv(
        path, convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in header})
    )
    assert validate_rows(raw, entity, dictionary()).problems == []


def test_id_numbers_carry_county_birth_date_gender_and_check(schools: Rows, teachers: Rows) -> None:
    assert check_char("11010519491231002") == "X"  # the standard's published example
    county_of = {s["code"]: s["region_code"] for s in schools}
    for t in teachers:
        n = t["id_number"]
        assert n[:6] == county_of[t["school_code"]]
        assert n[6:14] == t["birth_date"].replace("-", "")
        assert int(n[16]) % 2 == (1 if t["gender"] == "1" else 0)
        assert n[17] == check_char(n[:17])


def test_regions_form_a_tree_of_province_cities_and_counties(regions: Rows, schools: Rows) -> None:
    by_code = {r["code"]: r for r in regions}
    assert [r["code"] for r in regions if r["level"] == "province"] == ["430000"]
    for r in regions:
        assert re.fullmatch(r"\d{6}", r["code"])
        if r["level"] != "province":
            parent = by_code[r["parent_code"]]
            assert parent["level"] == {"city": "province", "county": "city"}[r["level"]]
    assert all(by_code[s["region_code"]]["level"] == "county" for s in schools)


def test_hunan_has_its_real_prefectures_and_counties(regions: Rows) -> None:
    names = {r["code"]: r["name"] for r in regions}
    assert sum(r["level"] == "city" for r in regions) == 14
    assert sum(r["level"] == "county" for r in regions) == 122
    assert names["430000"] == "湖南省" and names["433100"] == "湘西土家族苗族自治州"
    assert [names[c] for c in ("430102", "430121", "430181", "430182")] == [
        "芙蓉区",
        "长沙县",
        "浏阳市",
        "宁乡市",
    ]


def test_another_province_gets_valid_synthetic_codes(tmp_path: Path) -> None:
    files = generate(DemoSpec(schools=20, teachers=100, province="440000"), tmp_path)
    regions, schools, teachers = read(files.regions), read(files.schools), read(files.teachers)
    assert all(re.fullmatch(r"44\d{4}", r["code"]) for r in regions)
    assert all(s["code"].startswith("244") for s in schools)
    assert all(t["id_number"].startswith("44") for t in teachers)


def test_school_names_are_unique_and_end_with_their_type(schools: Rows) -> None:
    assert len({s["name"] for s in schools}) == len(schools)
    for s in schools:
        assert s["name"].endswith(TYPE_WORDS[s["school_type"]]), s


def test_school_mix_follows_the_statistics(schools: Rows) -> None:
    types = Counter(s["school_type"] for s in schools)
    assert types["211"] > types["311"] > types["342"]
    assert sum(s["ownership"] == "1" for s in schools) / len(schools) > 0.8
    points = [int(s["enrolment"]) for s in schools if s["school_type"] == "218"]
    assert points and all(10 <= e <= 80 for e in points)


def share(rows: Rows, test: str, values: set[str]) -> float:
    return sum(r[test] in values for r in rows) / len(rows)


def test_senior_titles_are_commoner_among_older_teachers(teachers: Rows) -> None:
    young = [t for t in teachers if age(t["birth_date"]) < 30]
    old = [t for t in teachers if age(t["birth_date"]) >= 50]
    assert share(old, "title", {"1", "2"}) > share(young, "title", {"1", "2"}) + 0.3
    assert all(age(t["birth_date"]) >= 50 for t in teachers if t["title"] == "1")


def test_women_are_most_common_in_primary_schools(schools: Rows, teachers: Rows) -> None:
    type_of = {s["code"]: s["school_type"] for s in schools}
    primary = [t for t in teachers if type_of[t["school_code"]] == "211"]
    senior = [t for t in teachers if type_of[t["school_code"]] in {"341", "342"}]
    assert share(primary, "gender", {"2"}) > share(senior, "gender", {"2"}) + 0.1


def test_ages_retirement_and_teaching_start_are_plausible(teachers: Rows) -> None:
    for t in teachers:
        years = age(t["birth_date"])
        assert 22 <= years <= 65
        if t["status"] == "2":
            assert years >= 55
        start = date.fromisoformat(t["teaching_start"])
        age_at_start = (start - date.fromisoformat(t["birth_date"])).days / 365.25
        assert 19.99 <= age_at_start <= 24.01 and start <= AGE_REFERENCE
    assert share(teachers, "status", {"1"}) > 0.85
    assert share(teachers, "post_type", {"1"}) > 0.75


@pytest.mark.parametrize(
    "spec",
    [
        {"schools": 0},
        {"teachers": -1},
        {"province": "43000"},
        {"province": "430100"},
        {"province": "000000"},
    ],
)
def test_impossible_specs_are_refused(spec: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        DemoSpec(**spec)  # type: ignore[arg-type]
