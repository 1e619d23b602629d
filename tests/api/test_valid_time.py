"""Issue 13, a defect of the loop: a correction is what the next form for the same reference date
pre-fills. A correction made on a form for 2026-09-01 states what was true on that day (valid
time), apart from when it was recorded; reading records for a reference date reads by valid time."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_forms_api import SCHOOL1, issue_survey, open_form, submit
from tests.conftest import Province, auth
from tests.province import SCHOOLS


def _prefill(client: TestClient, province: Province, reference: str, label: str, number: str) -> dict[str, object]:
    issue_survey(client, province, fields=[{"key": "school.address"}, {"label": label, "type": "integer"}],
                 number=number, reference_date=reference, title=label)
    form, _ = open_form(client, province)
    return next(i for i in form["items"] if i["key"] == "school.address")


def test_a_correction_is_what_the_next_form_for_that_day_prefills(client: TestClient, province: Province) -> None:
    issue_survey(client, province, fields=[{"key": "school.address"}, {"label": "近视学生人数", "type": "integer"}],
                 reference_date="2026-09-01")
    form, etag = open_form(client, province)
    new = next(i["key"] for i in form["items"] if i["classification"] == "new")
    r = submit(client, province, form, etag, [{"key": new, "value": 3},
                                              {"key": "school.address", "value": "五一大道100号", "reason": "迁入新校址"}])
    assert r.status_code == 200, r.text
    h = auth(province.tokens[f"school:{SCHOOL1}"])
    for f in client.get("/v1/forms?status=opened", headers=h).json():  # the other schools' forms do not matter
        assert f["school_code"] != SCHOOL1

    again = _prefill(client, province, "2026-09-01", "寄宿学生人数", "湘统函〔2026〕31号")
    assert again["prefill"] == "五一大道100号"
    assert again["provenance"]["source"] == "correction" and again["provenance"]["ref"] == form["id"]
    later = _prefill(client, province, "2026-10-01", "留守儿童人数", "湘统函〔2026〕32号")
    assert later["prefill"] == "五一大道100号"
    # Before the day it became true, the value imported still describes the school.
    earlier = _prefill(client, province, "2026-08-01", "随迁子女人数", "湘统函〔2026〕33号")
    assert earlier["prefill"] == SCHOOLS[0]["address"] and earlier["provenance"]["source"] == "import"
