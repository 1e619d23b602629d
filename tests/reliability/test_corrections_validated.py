"""Defect 5 of issue 9: a correction passes the validation an import applies. A corrected ID
number with a wrong GB 11643 check character, or one another teacher holds, is refused when the
school submits it (nothing saved), and an owner cannot accept one that became another's meanwhile."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.domain.validation import ID_CHECK_CHARS, ID_WEIGHTS
from tests.api.test_forms_api import issue_survey, open_form, submit
from tests.conftest import Province, auth
from tests.province import TEACHERS


def with_check(first17: str) -> str:
    return first17 + ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def test_a_corrected_id_number_is_checked_as_an_import_checks_it(client: TestClient, province: Province) -> None:
    issue_survey(client, province, fields=[{"key": "teacher.name"}, {"key": "teacher.id_number"},
                                           {"label": "每周课时数", "type": "integer"}],
                 token="education_office", kind="administrative", level="roster")
    form, etag = open_form(client, province)
    hours = next(i["key"] for i in form["items"] if i["classification"] == "new")
    teachers = sorted({i["entity_id"] for i in form["items"]})
    filled = [{"key": hours, "entity_id": t, "value": 10} for t in teachers]
    me, other = teachers[0], next(t for t in TEACHERS if t["id"] == teachers[1])
    good = with_check(str(other["id_number"])[:14] + "999")
    bad_check = good[:17] + ("0" if good[17] != "0" else "1")

    for value in (bad_check, other["id_number"]):
        r = submit(client, province, form, etag, [*filled, {"key": "teacher.id_number", "entity_id": me,
                                                            "value": value, "reason": "录入有误"}], key=f"k-{value}")
        assert r.status_code == 422, r.text
        assert any(e.get("code") in ("id_check_character", "taken") for e in r.json()["errors"]), r.text
    assert client.get("/v1/corrections", headers=auth(province.tokens["department:hr"])).json() == []

    r = submit(client, province, form, etag, [*filled, {"key": "teacher.id_number", "entity_id": me,
                                                        "value": good.lower(), "reason": "录入有误"}], key="k-good")
    assert r.status_code == 200 and r.json()["corrections_pending"] == 1, r.text
    (pending,) = client.get("/v1/corrections", headers=auth(province.tokens["department:hr"])).json()
    assert pending["value"] == good  # stored as an import stores it: upper-case check character
