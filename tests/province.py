"""A small province with known answers, used by store and API tests."""

from __future__ import annotations

from service.domain.validation import ID_CHECK_CHARS, ID_WEIGHTS


def id_number(region: str, birth: str, seq: int) -> str:
    """A valid GB 11643 number; `seq` odd for men, even for women."""
    body = f"{region}{birth.replace('-', '')}{seq:03d}"
    return body + ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


REGIONS = [
    {"code": "430000", "name": "湖南省", "parent_code": None, "level": "province"},
    {"code": "430100", "name": "长沙市", "parent_code": "430000", "level": "city"},
    {"code": "430102", "name": "芙蓉区", "parent_code": "430100", "level": "county"},
    {"code": "430104", "name": "岳麓区", "parent_code": "430100", "level": "county"},
    {"code": "430200", "name": "株洲市", "parent_code": "430000", "level": "city"},
    {"code": "430202", "name": "荷塘区", "parent_code": "430200", "level": "county"},
]

SCHOOLS = [
    {"code": "2430000001", "name": "长沙市芙蓉区第一小学", "region_code": "430102", "school_type": "211",
     "urban_rural": "111", "ownership": "1", "address": "芙蓉区五一大道1号", "enrolment": "1200"},
    {"code": "2430000002", "name": "长沙市岳麓区实验中学", "region_code": "430104", "school_type": "311",
     "urban_rural": "112", "ownership": "1", "address": "岳麓区麓山路8号", "enrolment": "900"},
    {"code": "2430000003", "name": "荷塘区仙庾镇中心小学", "region_code": "430202", "school_type": "211",
     "urban_rural": "220", "ownership": "1", "address": "荷塘区仙庾镇", "enrolment": "300"},
    {"code": "2430000004", "name": "株洲市第二中学", "region_code": "430202", "school_type": "342",
     "urban_rural": "121", "ownership": "2", "address": None, "enrolment": "2400"},
]


def _t(n: int, school: str, gender: str, birth: str, title: str, education: str, post: str = "1",
       status: str = "1", ethnicity: str = "01", subject: str | None = "01", establishment: str = "1",
       teaching_start: str | None = "") -> dict[str, str | None]:
    region = next(s["region_code"] for s in SCHOOLS if s["code"] == school) or ""
    seq = (2 * n + (1 if gender == "1" else 0)) % 1000
    return {
        "id": f"T{n:09d}", "id_number": id_number(region, birth, seq), "name": f"教师{n}",
        "gender": gender, "birth_date": birth, "ethnicity": ethnicity, "education": education,
        "title": title, "subject": subject, "post_type": post, "establishment": establishment,
        "school_code": school, "status": status,
        "teaching_start": f"{int(birth[:4]) + 22}-09-01" if teaching_start == "" else teaching_start,
    }


# School 2430000001: 5 full-time teachers (4 women), ages on 2026-09-01: 26, 31, 45, 58, 62;
# plus one administrator. School 2430000002: 3 full-time teachers, one retired teacher.
TEACHERS = [
    _t(1, "2430000001", "2", "2000-03-01", "4", "21"),
    _t(2, "2430000001", "2", "1995-05-20", "3", "14"),
    _t(3, "2430000001", "1", "1981-01-15", "2", "21"),
    _t(4, "2430000001", "2", "1968-07-30", "2", "31"),
    _t(5, "2430000001", "2", "1964-02-02", "1", "21"),
    _t(6, "2430000001", "1", "1980-06-06", "3", "21", post="2"),
    _t(7, "2430000002", "1", "1990-09-09", "3", "21"),
    _t(8, "2430000002", "2", "1985-12-12", "2", "14"),
    _t(9, "2430000002", "1", "2002-01-01", "9", "21"),
    _t(10, "2430000002", "1", "1960-01-01", "2", "31", status="2"),
    _t(11, "2430000003", "2", "1992-04-04", "4", "31"),
    _t(12, "2430000004", "1", "1975-10-10", "2", "14"),
]


def more_teachers(count: int = 120, seed: int = 13) -> list[dict[str, str | None]]:
    """Teachers beyond the dozen with known answers, spread over every attribute a count can filter
    by (some without a start of teaching), for tests that compare counts with a plain recount."""
    import random

    rng = random.Random(seed)
    out = []
    for i in range(count):
        year = rng.randint(1958, 2004)
        birth = f"{year}-{rng.randint(1, 12):02d}-{rng.choice([1, 15, 28]):02d}"
        start = None if rng.random() < 0.1 else f"{min(year + rng.randint(19, 30), 2026)}-{rng.choice(['03', '09'])}-01"
        out.append(_t(100 + i, rng.choice(SCHOOLS)["code"] or "", rng.choice("12"), birth,
                      rng.choice(["1", "2", "3", "4", "5", "9"]), rng.choice(["11", "14", "21", "31", "41", "61", "71"]),
                      post=rng.choice("11112234"), status=rng.choice("1111123"),
                      ethnicity=rng.choice(["01", "01", "01", "02", "03", "06", "08", "97"]),
                      subject=rng.choice(["01", "02", "03", "10", "11", "99", None]),
                      establishment=rng.choice("112"), teaching_start=start))
    return out
