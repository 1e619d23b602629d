"""The dictionary loads, is consistent, and a broken one stops start-up with a clear message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from service.domain.dictionary import SCHEMAS_DIR, DictionaryError, load_dictionary


def test_school_and_teacher_fields_have_labels_source_and_sensitivity() -> None:
    d = load_dictionary()
    for f in d.fields.values():
        assert f.labels.zh and f.labels.en and f.source.owner and f.sensitivity
        if f.type == "enum":
            assert d.code_list_for(f) is not None
    assert d.get("teacher.id_number").sensitivity == "sensitive-personal"  # type: ignore[union-attr]
    assert d.code_lists["gender"].code_values[:2] == ["1", "2"]


def test_age_bands_are_the_five_year_bands_of_education_statistics() -> None:
    bands = load_dictionary().code_lists["age_band"].codes
    assert [(b.min, b.max) for b in bands] == [(None, 24), *[(a, a + 4) for a in range(25, 60, 5)], (60, None)]


def test_indicators_cover_gender_title_age_and_education() -> None:
    keys = {f.key for f in load_dictionary().indicators}
    assert {"school.ft_teachers", "school.ft_teachers.gender.female", "school.ft_teachers.title.senior",
            "school.ft_teachers.age.le24", "school.ft_teachers.age.ge60",
            "school.ft_teachers.education.master"} <= keys


@pytest.mark.parametrize(("old", "new", "message"), [
    ("code_list: gender", "code_list: genders", "teacher.gender"),
    ("type: integer\n    unit", "type: integr\n    unit", "integr"),
    ("key: teacher.name", "key: teacher.title", "duplicate field key teacher.title"),
    ("teacher.status: [\"1\"]}", "teacher.status: [\"7\"]}", "school.ft_teachers"),
])
def test_a_broken_dictionary_is_refused_with_where_and_what(tmp_path: Path, old: str, new: str, message: str) -> None:
    for name in ("dictionary.yaml", "code_lists.yaml"):
        shutil.copy(SCHEMAS_DIR / name, tmp_path / name)
    text = (tmp_path / "dictionary.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "dictionary.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DictionaryError, match=message.replace("[", r"\[")):
        load_dictionary(tmp_path)


def test_a_broken_dictionary_stops_the_service_at_start_up(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    for name in ("dictionary.yaml", "code_lists.yaml"):
        shutil.copy(SCHEMAS_DIR / name, tmp_path / name)
    text = (tmp_path / "dictionary.yaml").read_text(encoding="utf-8")
    (tmp_path / "dictionary.yaml").write_text(text.replace("code_list: gender", "code_list: genders", 1), encoding="utf-8")
    env = {**os.environ, "COLLECTONCE_SCHEMAS_DIR": str(tmp_path),
           "COLLECTONCE_DATABASE_URL": f"duckdb:///{tmp_path / 'store.duckdb'}"}
    serve = [str(Path(sys.executable).parent / "collectonce"), "serve", "--port", "0"]
    done = subprocess.run(serve, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0
    assert "teacher.gender: enum needs a known code_list, got 'genders'" in done.stderr
