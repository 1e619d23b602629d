"""A deterministic synthetic province: regions, schools and teachers as CSV files.

Why: demos, tests and benchmarks need a province-sized register (30,000 schools, a million
teachers) that looks like the real thing to a reviewer and to the importers, without anyone's
personal data. One seeded numpy Generator drives everything, so a spec always gives
byte-identical files (with the same numpy version). Teachers are drawn column by column with
numpy, never row by row, so the province size takes seconds.

Distributions (shaped after Hunan's education statistics, not copied from them):

- Regions: for 430000 the real GB/T 2260 prefecture-level units and their 122 counties and
  districts; any other province gets 10 synthetic cities of 2 districts and 6 counties each.
  A county's share of schools is its kind (district 0.6, county or county-level city 1.4)
  times gamma noise, so rural counties hold most schools, as in the statistics.
- Schools: type 211 primary 55 %, 311 junior 18 %, 218 teaching point 8 %, 312 nine-year 8 %,
  342 senior 6 %, 341 complete 3 %, 514 special 1.5 %, 345 twelve-year 0.5 %. The urban/rural
  class depends on the type and on whether the county is a city district: teaching points are
  village schools, senior secondaries sit in towns and city cores. About 9 % are private
  (most twelve-year schools, no teaching points). Enrolment is log-normal around a median per
  type, larger in cities, clipped to the type's range. Names follow local usage, end with the
  type's word (小学, 教学点, 中学, 高级中学, 学校, 特殊教育学校) and are unique.
- Teachers: spread over schools by enrolment at a per-type pupil-teacher ratio, by largest
  remainder so the total is exact, at least one per school when there are enough. Women 70 % in
  primary and special schools, 55 % in junior, 50 % in senior. Ages 22-65 on 2026-09-01, a dip
  in the thirties and a bulge at 50-54. Education, title and retirement follow age: the young
  hold bachelor's degrees and junior titles, the old associate degrees and senior titles
  (正高级 only from 50); retired records (status 2) only from 55. Ethnicity follows the
  prefecture (Tujia and Miao in Xiangxi and Zhangjiajie, Dong in Huaihua, Yao in Yongzhou).
  85 % are full-time teachers, 85 % on-staff (94 % in public schools, 5 % in private ones).
  Chinese and mathematics are the commonest subjects, primary schools teach no physics or
  chemistry, support staff and workers have no subject. ID numbers follow GB 11643: the
  school's county, the birth date, a sequence number whose parity gives the gender, and the
  MOD 11-2 check character.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

# Ages, retirement and teaching start are measured on this day (start of the 2026 school year).
AGE_REFERENCE = date(2026, 9, 1)

IntArray = npt.NDArray[np.int64]

# Real divisions of Hunan (GB/T 2260): per line a prefecture, then its counties and districts.
_HUNAN = """\
430100 长沙市 | 430102 芙蓉区 430103 天心区 430104 岳麓区 430105 开福区 430111 雨花区 430112 望城区 430121 长沙县 430181 浏阳市 430182 宁乡市
430200 株洲市 | 430202 荷塘区 430203 芦淞区 430204 石峰区 430211 天元区 430212 渌口区 430223 攸县 430224 茶陵县 430225 炎陵县 430281 醴陵市
430300 湘潭市 | 430302 雨湖区 430304 岳塘区 430321 湘潭县 430381 湘乡市 430382 韶山市
430400 衡阳市 | 430405 珠晖区 430406 雁峰区 430407 石鼓区 430408 蒸湘区 430412 南岳区 430421 衡阳县 430422 衡南县 430423 衡山县 430424 衡东县 430426 祁东县 430481 耒阳市 430482 常宁市
430500 邵阳市 | 430502 双清区 430503 大祥区 430511 北塔区 430522 新邵县 430523 邵阳县 430524 隆回县 430525 洞口县 430527 绥宁县 430528 新宁县 430529 城步苗族自治县 430581 武冈市 430582 邵东市
430600 岳阳市 | 430602 岳阳楼区 430603 云溪区 430611 君山区 430621 岳阳县 430623 华容县 430624 湘阴县 430626 平江县 430681 汨罗市 430682 临湘市
430700 常德市 | 430702 武陵区 430703 鼎城区 430721 安乡县 430722 汉寿县 430723 澧县 430724 临澧县 430725 桃源县 430726 石门县 430781 津市市
430800 张家界市 | 430802 永定区 430811 武陵源区 430821 慈利县 430822 桑植县
430900 益阳市 | 430902 资阳区 430903 赫山区 430921 南县 430922 桃江县 430923 安化县 430981 沅江市
431000 郴州市 | 431002 北湖区 431003 苏仙区 431021 桂阳县 431022 宜章县 431023 永兴县 431024 嘉禾县 431025 临武县 431026 汝城县 431027 桂东县 431028 安仁县 431081 资兴市
431100 永州市 | 431102 零陵区 431103 冷水滩区 431122 东安县 431123 双牌县 431124 道县 431125 江永县 431126 宁远县 431127 蓝山县 431128 新田县 431129 江华瑶族自治县 431181 祁阳市
431200 怀化市 | 431202 鹤城区 431221 中方县 431222 沅陵县 431223 辰溪县 431224 溆浦县 431225 会同县 431226 麻阳苗族自治县 431227 新晃侗族自治县 431228 芷江侗族自治县 431229 靖州苗族侗族自治县 431230 通道侗族自治县 431281 洪江市
431300 娄底市 | 431302 娄星区 431321 双峰县 431322 新化县 431381 冷水江市 431382 涟源市
433100 湘西土家族苗族自治州 | 433101 吉首市 433122 泸溪县 433123 凤凰县 433124 花垣县 433125 保靖县 433126 古丈县 433127 永顺县 433130 龙山县
"""


@dataclass(frozen=True)
class _SchoolType:
    share: float
    private: float
    median_enrolment: float
    enrolment_range: tuple[int, int]
    pupils_per_teacher: float
    level: int  # of its teachers: 0 primary, 1 junior, 2 senior, 3 special
    word: str  # how its names end
    urban_rural_county: tuple[float, ...]  # weights in _URBAN_RURAL order
    urban_rural_district: tuple[float, ...]


_URBAN_RURAL = ("111", "112", "121", "122", "123", "210", "220")
_URBAN_FACTOR = np.array([1.6, 1.4, 1.0, 1.0, 1.0, 0.6, 0.6])  # enrolment, by urban/rural class
_SECONDARY_UR = (5, 3, 35, 7, 1, 34, 15), (60, 20, 10, 5, 0, 5, 0)
_SENIOR_UR = (35, 10, 40, 5, 2, 6, 2), (75, 15, 10, 0, 0, 0, 0)
_TYPES: dict[str, _SchoolType] = {
    "211": _SchoolType(0.55, 0.08, 750, (100, 2500), 17, 0, "小学",
                       (3, 2, 20, 8, 1, 26, 40), (55, 20, 10, 5, 0, 5, 5)),
    "218": _SchoolType(0.08, 0.0, 35, (10, 80), 8, 0, "教学点",
                       (0, 0, 2, 5, 1, 22, 70), (0, 10, 10, 15, 0, 25, 40)),
    "311": _SchoolType(0.18, 0.10, 720, (200, 3000), 12, 1, "中学", *_SECONDARY_UR),
    "312": _SchoolType(0.08, 0.15, 700, (200, 3000), 14, 1, "学校", *_SECONDARY_UR),
    "341": _SchoolType(0.03, 0.12, 1100, (800, 4500), 12.5, 2, "中学", *_SENIOR_UR),
    "342": _SchoolType(0.06, 0.20, 1000, (800, 4000), 13, 2, "高级中学", *_SENIOR_UR),
    "345": _SchoolType(0.005, 0.60, 1400, (1000, 5000), 13, 2, "学校", *_SENIOR_UR),
    "514": _SchoolType(0.015, 0.02, 150, (30, 500), 4, 3, "特殊教育学校",
                       (50, 10, 35, 5, 0, 0, 0), (80, 20, 0, 0, 0, 0, 0)),
}

# Two syllables make a plausible town, village or street name.
_PLACES = [h + t for h in "青白石黄金龙马新大高长双桃杨枫梅竹松东西南花铁清洪永兴太平安福红"
           for t in "山桥坪塘冲溪江湾岭田口铺坝洲源湖坡峰垅岗"]
_BRANDS = ("育才", "英才", "启航", "思源", "博雅", "弘毅", "致远", "明远", "立德", "培英", "启明", "求实")
_STREET_KINDS = ("路", "街", "大道")

# Surnames, commonest in Hunan first (weighted by rank), and given-name characters by gender.
_SURNAMES = [*"刘李陈王张周彭谭罗唐曾黄邓杨胡肖何赵吴易廖蒋朱谢贺龙向汤邹石姚许徐孙马郭林梁宋"
             "袁田段伍夏傅颜戴卢文蔡丁雷钟毛熊方尹鲁江万严覃粟符邱", "欧阳", "司马"]
_MALE_CHARS = [*"伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国峰亮成志文东海"
               "德立春毅松柏晨博智武雄彬光"]
_FEMALE_CHARS = [*"芳娜敏静丽艳娟霞燕玲婷雪慧琳颖倩洁萍红梅莉兰琴晶莹佳欣怡悦雯璐蓉媛丹英秀"
                 "珍凤露薇瑶嘉思雨"]
_TWO_CHAR_GIVEN = 0.75

_AGE_BANDS = ((22, 24, 6), (25, 29, 11), (30, 34, 10), (35, 39, 10), (40, 44, 12),
              (45, 49, 14), (50, 54, 17), (55, 59, 14), (60, 65, 6))  # first, last age, weight
_FEMALE_SHARE = np.array([0.70, 0.55, 0.50, 0.70])  # by teacher level

_ETHNICITY = ("01", "03", "06", "12", "13", "14", "15")
# Ethnic mix by prefecture; the first row serves every other one and every synthetic province.
_ETHNIC_MIX = {
    "": (98.5, 0.3, 0.4, 0.1, 0.2, 0.0, 0.5),
    "433100": (25, 1, 31, 0.5, 0.5, 0, 42),
    "430800": (23, 0.5, 2, 0, 0, 3, 71.5),
    "431200": (60, 0.5, 14, 20, 3, 0, 2.5),
    "431100": (90, 0.5, 0.5, 0, 9, 0, 0),
    "430500": (92, 1, 5, 0.5, 1.5, 0, 0),
}

_EDUCATION = ("11", "14", "21", "31", "41", "61", "71")
_BELOW_BACHELOR = 3  # index of the first code below a bachelor's degree
_SENIOR_UPGRADE = 0.8  # senior secondary posts require a bachelor's; most who lack one have one
# Rows: age under 30, 30-39, 40-49, 50-59, 60+, then workers (post 4) of any age.
_EDUCATION_MIX = ((0.2, 12, 78, 9, 0.8, 0, 0), (0.2, 8, 75, 15, 1.8, 0, 0),
                  (0.1, 3, 62, 30, 4.5, 0.4, 0), (0, 1, 42, 40, 15, 1.5, 0.5),
                  (0, 0.5, 30, 40, 25, 3.5, 1), (0, 0, 10, 30, 20, 25, 15))

_TITLES = ("1", "2", "3", "4", "5", "9")
# Rows: age under 26, 26-29, 30-39, 40-49, 50+; workers are unranked.
_TITLE_MIX = ((0, 0, 0, 22, 13, 65), (0, 0, 15, 60, 5, 20), (0, 8, 50, 35, 2, 5),
              (0, 33, 50, 12, 1, 4), (2, 46, 40, 8, 1, 3))

_SUBJECTS = ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15",
             "99")
# Rows: primary and special schools, then secondary schools.
_SUBJECT_MIX = ((30, 25, 8, 0, 0, 0, 0, 0, 4, 7, 6, 6, 3, 5, 1, 5),
                (15, 15, 13, 7, 5, 5, 5, 5, 6, 7, 3, 3, 4, 0, 2, 5))

_POST_TYPES = ("1", "2", "3", "4")
_POST_MIX = (85, 7, 5, 3)
_ON_STAFF = np.array([0.94, 0.05])  # public, private school
_RETIRED_MEN_60 = 0.6  # share of records aged 60+ that are retired
_RETIRED_WOMEN_55 = 0.3  # women may retire from 55
_TRANSFERRED = 0.015

# GB 11643: weights of the 17 digits and the check character for each sum modulo 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = np.frombuffer(b"10X98765432", dtype=np.uint8)
# Sequence numbers 001-998 leave each gender 499 values per county and birth date.
_SEQ_PER_GENDER = 499
_DAYS_20_YEARS, _DAYS_24_YEARS = 7305, 8766  # leap days included

_CSV = pacsv.WriteOptions(quoting_style="none", quoting_header="none")


@dataclass(frozen=True)
class DemoSpec:
    """How big a province to make, and from which seed."""

    schools: int = 200
    teachers: int = 6000
    seed: int = 1
    province: str = "430000"  # Hunan
    first_teacher: int = 1  # teacher ids count from here: provinces generated apart keep distinct ids

    def __post_init__(self) -> None:
        if not 1 <= self.schools < 10**7 or self.teachers < 0:  # school codes have a 7-digit serial
            raise ValueError(f"need 1 to 9,999,999 schools and a teacher count >= 0, got {self}")
        if not 1 <= self.first_teacher <= 10**9 - self.teachers:  # teacher ids have 9 digits
            raise ValueError(f"teacher ids run from 1 to 999,999,999, got {self}")
        code = self.province
        if len(code) != 6 or not code.isdigit() or code[0] == "0" or not code.endswith("0000"):
            raise ValueError(f"province must be a 6-digit code ending in 0000, got {code!r}")


@dataclass(frozen=True)
class DemoFiles:
    """Where `generate` wrote the three files."""

    regions: Path
    schools: Path
    teachers: Path


@dataclass(frozen=True)
class _County:
    code: str
    city_code: str
    prefix: str  # how its school names begin: 长沙市芙蓉区, 浏阳市
    district: bool  # a city district (GB/T 2260 codes xxxx01-20): more urban schools


@dataclass(frozen=True)
class _Schools:
    table: pa.Table
    county: IntArray  # index into the county list, per school
    level: IntArray  # teacher level, per school
    private: npt.NDArray[np.bool_]
    teachers: IntArray  # how many teachers each school gets


def generate(spec: DemoSpec, out_dir: Path) -> DemoFiles:
    """Write regions.csv, schools.csv and teachers.csv for `spec` into `out_dir`."""
    rng = np.random.default_rng(spec.seed)
    regions, counties = _regions(spec.province)
    schools = _schools(spec, counties, rng)
    teachers = _teachers(spec.teachers, counties, schools, rng, spec.first_teacher)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = DemoFiles(out_dir / "regions.csv", out_dir / "schools.csv", out_dir / "teachers.csv")
    pacsv.write_csv(regions, files.regions, _CSV)
    pacsv.write_csv(schools.table, files.schools, _CSV)
    pacsv.write_csv(teachers, files.teachers, _CSV)
    return files


def _regions(province: str) -> tuple[pa.Table, list[_County]]:
    """The province, its cities and its counties: real for Hunan, synthetic elsewhere."""
    rows: list[tuple[str, str, str, str]] = []
    counties: list[_County] = []
    if province == "430000":
        rows.append((province, "湖南省", "", "province"))
        for line in _HUNAN.splitlines():
            head, tail = line.split(" | ")
            city_code, city_name = head.split()
            rows.append((city_code, city_name, province, "city"))
            parts = tail.split()
            for code, name in zip(parts[::2], parts[1::2], strict=True):
                rows.append((code, name, city_code, "county"))
                district = int(code[4:]) <= 20 and name.endswith("区")
                prefix = city_name + name if district else name
                counties.append(_County(code, city_code, prefix, district))
    else:
        rows.append((province, f"省{province}", "", "province"))
        for c in range(1, 11):
            city_code = f"{province[:2]}{c:02d}00"
            rows.append((city_code, f"市{city_code}", province, "city"))
            for k in (2, 3, 21, 22, 23, 24, 25, 26):
                code = f"{city_code[:4]}{k:02d}"
                name = f"区{code}" if k <= 20 else f"县{code}"
                rows.append((code, name, city_code, "county"))
                counties.append(_County(code, city_code, name, k <= 20))
    columns = ("code", "name", "parent_code", "level")
    return pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)}), counties


def _draw(rng: np.random.Generator, weights: npt.ArrayLike, group: IntArray) -> IntArray:
    """Per row, a category index drawn from the weights of its group (a row of `weights`)."""
    table = np.atleast_2d(np.asarray(weights, dtype=np.float64))
    cum = np.cumsum(table / table.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(len(group))
    index = np.empty(len(group), dtype=np.int64)
    for g, row in enumerate(cum):
        in_group = group == g
        index[in_group] = np.searchsorted(row, u[in_group], side="right")
    # Rounding may leave the last cumulative weight a hair below 1.
    result: IntArray = np.minimum(index, table.shape[1] - 1)
    return result


def _schools(spec: DemoSpec, counties: list[_County], rng: np.random.Generator) -> _Schools:
    """The schools, sorted by county and code, and how many teachers each employs."""
    n = spec.schools
    kinds = list(_TYPES.values())
    kind_share = np.array([0.6 if c.district else 1.4 for c in counties])
    share = kind_share * rng.gamma(6.0, 1 / 6, len(counties))
    county = np.sort(rng.choice(len(counties), size=n, p=share / share.sum())).astype(np.int64)
    kind = _draw(rng, [k.share for k in kinds], np.zeros(n, dtype=np.int64))
    district = np.array([counties[c].district for c in county], dtype=np.int64)
    ur_weights = [k.urban_rural_county for k in kinds] + [k.urban_rural_district for k in kinds]
    ur = _draw(rng, ur_weights, kind + len(kinds) * district)
    private = rng.random(n) < np.array([k.private for k in kinds])[kind]

    median = np.array([k.median_enrolment for k in kinds])[kind] * _URBAN_FACTOR[ur]
    low, high = np.array([k.enrolment_range for k in kinds])[kind].T
    enrolment = np.clip(np.rint(median * rng.lognormal(0.0, 0.45, n)), low, high).astype(np.int64)
    ratio = np.array([k.pupils_per_teacher for k in kinds])[kind]
    teachers = _allocate(spec.teachers, enrolment / ratio)

    serials = np.sort(rng.choice(10**7, size=n, replace=False))
    types = list(_TYPES)
    type_codes = [types[i] for i in kind]
    ur_codes = [_URBAN_RURAL[i] for i in ur]
    names, addresses = _school_names(
        random.Random(int(rng.integers(2**62))), [counties[c] for c in county], type_codes,
        ur_codes, private.tolist(),
    )
    table = pa.table({
        "code": [f"2{spec.province[:2]}{s:07d}" for s in serials],
        "name": names,
        "region_code": [counties[c].code for c in county],
        "school_type": type_codes,
        "urban_rural": ur_codes,
        "ownership": np.where(private, "2", "1").tolist(),
        "address": addresses,
        "enrolment": enrolment,
    })
    level = np.array([k.level for k in kinds], dtype=np.int64)[kind]
    return _Schools(table, county, level, private, teachers)


def _allocate(total: int, weights: npt.NDArray[np.float64]) -> IntArray:
    """Split `total` in proportion to `weights` by largest remainder, one each first if enough."""
    floor = 1 if total >= len(weights) else 0
    rest = total - floor * len(weights)
    quota = weights / weights.sum() * rest
    counts = np.floor(quota).astype(np.int64)
    counts[np.argsort(counts - quota, kind="stable")[: rest - int(counts.sum())]] += 1
    result: IntArray = counts + floor
    return result


def _zh_number(n: int) -> str:
    """Chinese numeral for 1-99, as in 第十二中学."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _school_names(
    r: random.Random, counties: list[_County], types: list[str], urban_rural: list[str],
    private: list[bool],
) -> tuple[list[str], list[str]]:
    """Names and addresses in local style, each name unique and ending with its type's word.

    City schools and all senior ones are numbered within their county (第三小学) up to 15,
    then named after a place, as cities do; rural ones are named after their town (镇 or 乡)
    and village; a county's special school is just 特殊教育学校; private ones carry a brand.
    """
    per_county = Counter(c.code for c in counties)
    towns = {
        code: [p + ("镇" if r.random() < 0.7 else "乡")
               for p in r.sample(_PLACES, min(len(_PLACES), 4 + count // 15))]
        for code, count in per_county.items()
    }
    numbers: dict[tuple[str, str], int] = defaultdict(int)
    seen: set[str] = set()

    def unique(first: str | None, stem: str, tail: str) -> str:
        """`first` if given and free, else `stem` + a place name + `tail`, drawn until free.

        Every 20 misses adds a place syllable pair, so even an oversized county finds a name.
        """
        name, misses = first, 0
        while name is None or name in seen:
            name = stem + "".join(r.choice(_PLACES) for _ in range(1 + misses // 20)) + tail
            misses += 1
        seen.add(name)
        return name

    def numbered(county: _County, word: str) -> str | None:
        numbers[county.code, word] += 1
        k = numbers[county.code, word]
        return f"{county.prefix}第{_zh_number(k)}{word}" if k <= 15 else None

    names: list[str] = []
    addresses: list[str] = []
    for c, t, ur, priv in zip(counties, types, urban_rural, private, strict=True):
        word = _TYPES[t].word
        urban = ur in ("111", "112")
        town = "" if urban else r.choice(towns[c.code])
        if priv:
            name = unique(None, c.prefix, r.choice(_BRANDS) + "实验" + word)
        elif t == "218":
            name = unique(None, c.prefix + town, "村教学点")
        elif t == "514":
            name = unique(c.prefix + word, c.prefix, word)
        elif t in ("341", "342") or (urban and t in ("211", "311")):
            name = unique(numbered(c, word), c.prefix, word)
        elif t == "312" and not urban:
            name = unique(c.prefix + town + "九年一贯制学校", c.prefix + town, word)
        elif t in ("312", "345"):
            name = unique(None, c.prefix, "实验学校")
        else:
            centre = "中心小学" if t == "211" else "中学"
            name = unique(c.prefix + town + centre, c.prefix + town, word)
        names.append(name)
        street = r.choice(_PLACES) + r.choice(_STREET_KINDS) + f"{r.randint(1, 399)}号"
        addresses.append(c.prefix + town + street)
    return names, addresses


def _teachers(
    n: int, counties: list[_County], schools: _Schools, rng: np.random.Generator, first: int = 1
) -> pa.Table:
    """`n` teachers drawn column by column; see the module docstring for the distributions."""
    school = np.repeat(np.arange(len(schools.teachers)), schools.teachers)
    level = schools.level[school]
    county = schools.county[school]
    zeros = np.zeros(n, dtype=np.int64)

    female = rng.random(n) < _FEMALE_SHARE[level]
    ages = np.concatenate([np.arange(lo, hi + 1) for lo, hi, _ in _AGE_BANDS])
    age_weights = np.concatenate(
        [np.full(hi - lo + 1, w / (hi - lo + 1)) for lo, hi, w in _AGE_BANDS])
    age = ages[_draw(rng, age_weights, zeros)]
    birth = _birth_dates(age, rng)

    post = _draw(rng, _POST_MIX, zeros)
    worker = post == 3
    education_group = np.where(worker, 5, np.digitize(age, [30, 40, 50, 60]))
    education = _draw(rng, _EDUCATION_MIX, education_group)
    upgrade = ((post == 0) & (level == 2) & (education >= _BELOW_BACHELOR)
               & (rng.random(n) < _SENIOR_UPGRADE))
    education[upgrade] = _EDUCATION.index("21")
    title = _draw(rng, _TITLE_MIX, np.digitize(age, [26, 30, 40, 50]))
    title[worker] = _TITLES.index("9")
    subject = _draw(rng, _SUBJECT_MIX, np.isin(level, (1, 2)).astype(np.int64))
    on_staff = rng.random(n) < _ON_STAFF[schools.private.astype(np.int64)[school]]

    profiles = list(_ETHNIC_MIX)
    profile = np.array(
        [profiles.index(c.city_code) if c.city_code in _ETHNIC_MIX else 0 for c in counties])
    ethnicity = _draw(rng, list(_ETHNIC_MIX.values()), profile[county])

    u = rng.random(n)
    retired = (((age >= 60) & (u < _RETIRED_MEN_60))
               | (female & (age >= 55) & (u < _RETIRED_WOMEN_55)))
    transferred = ~retired & (rng.random(n) < _TRANSFERRED)
    status = np.where(retired, 1, np.where(transferred, 2, 0))

    reference = np.datetime64(AGE_REFERENCE, "D")
    latest = np.minimum(_DAYS_24_YEARS, (reference - birth).astype(np.int64))
    spread = np.floor(rng.random(n) * (latest - _DAYS_20_YEARS + 1)).astype(np.int64)
    start = birth + (_DAYS_20_YEARS + spread).astype("timedelta64[D]")

    region = np.array([int(c.code) for c in counties], dtype=np.int64)[county]
    school_codes = schools.table.column("code").combine_chunks()
    return pa.table({
        "id": _ascii_column(np.hstack([np.full((n, 1), ord("T"), np.uint8),
                                       _digits(np.arange(first, first + n), 9)])),
        "id_number": _ascii_column(_id_numbers(region, birth, female, rng)),
        "name": _names(female, rng),
        "gender": _take(("1", "2"), female.astype(np.int64)),
        "birth_date": pa.array(birth, pa.date32()),
        "ethnicity": _take(_ETHNICITY, ethnicity),
        "education": _take(_EDUCATION, education),
        "title": _take(_TITLES, title),
        "subject": pc.take(pa.array(_SUBJECTS), pa.array(subject, mask=post >= 2)),
        "post_type": _take(_POST_TYPES, post),
        "establishment": _take(("1", "2"), (~on_staff).astype(np.int64)),
        "school_code": pc.take(school_codes, pa.array(school)),
        "teaching_start": pa.array(start, pa.date32()),
        "status": _take(("1", "2", "3"), status),
    })


def _birth_dates(age: IntArray, rng: np.random.Generator) -> npt.NDArray[np.datetime64]:
    """A uniform birth date giving exactly `age` whole years on the reference day."""
    oldest = int(age.max(initial=0))
    ref = AGE_REFERENCE
    # Born on the reference day `a` years back makes exactly `a`; so does being born up to a
    # year earlier, down to the day after the reference day `a + 1` years back.
    birthdays = np.array([ref.replace(year=ref.year - a) for a in range(oldest + 2)], "M8[D]")
    first = birthdays[1:] + np.timedelta64(1, "D")
    span = (birthdays[:-1] - first).astype(np.int64)[age] + 1
    offset = np.floor(rng.random(len(age)) * span).astype(np.int64)
    result: npt.NDArray[np.datetime64] = first[age] + offset.astype("timedelta64[D]")
    return result


def _id_numbers(
    region: IntArray, birth: npt.NDArray[np.datetime64], female: npt.NDArray[np.bool_],
    rng: np.random.Generator,
) -> npt.NDArray[np.uint8]:
    """GB 11643 ID numbers as an (n, 18) ASCII matrix, unique across the province.

    Teachers born on the same day in the same county and of the same gender take consecutive
    sequence numbers from a random start, so no two share one.
    """
    n = len(region)
    days = birth.astype(np.int64)
    order = np.lexsort((female, days, region))
    keys = np.stack([region[order], days[order], female[order]])
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = (keys[:, 1:] != keys[:, :-1]).any(axis=0)
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(n), 0))
    rank = np.arange(n) - group_start
    if n and rank.max() >= _SEQ_PER_GENDER:
        raise ValueError("too many teachers share a county, birth date and gender for GB 11643")
    start = rng.integers(0, _SEQ_PER_GENDER, n)
    k = np.empty(n, dtype=np.int64)
    k[order] = (start[order][group_start] + rank) % _SEQ_PER_GENDER
    seq = 2 * k + 1 + female  # odd for men, even for women, never 000
    month = birth.astype("datetime64[M]")
    yyyymmdd = ((birth.astype("datetime64[Y]").astype(np.int64) + 1970) * 10000
                + (month.astype(np.int64) % 12 + 1) * 100
                + (birth - month.astype("datetime64[D]")).astype(np.int64) + 1)
    digits = _digits(region * 10**11 + yyyymmdd * 1000 + seq, 17)
    total = np.zeros(n, dtype=np.int64)
    for i, weight in enumerate(_ID_WEIGHTS):
        total += (digits[:, i] - ord("0")) * weight
    check = _ID_CHECK[total % 11]
    return np.hstack([digits, check[:, None]])


def _names(female: npt.NDArray[np.bool_], rng: np.random.Generator) -> pa.Array:
    """Surname and one or two given-name characters chosen for the gender."""
    n = len(female)
    rank_weights = 1 / np.arange(1, len(_SURNAMES) + 1) ** 0.9
    surname = rng.choice(len(_SURNAMES), size=n, p=rank_weights / rank_weights.sum())
    vocabulary = pa.array([*_MALE_CHARS, *_FEMALE_CHARS, ""])
    male_n, female_n = len(_MALE_CHARS), len(_FEMALE_CHARS)

    def given() -> IntArray:
        return np.where(female, male_n + rng.integers(0, female_n, n), rng.integers(0, male_n, n))

    first = given()
    second = np.where(rng.random(n) < _TWO_CHAR_GIVEN, given(), male_n + female_n)
    return pc.binary_join_element_wise(
        pc.take(pa.array(_SURNAMES), pa.array(surname)),
        pc.take(vocabulary, pa.array(first)),
        pc.take(vocabulary, pa.array(second)),
        "",
    )


def _take(codes: tuple[str, ...], index: IntArray) -> pa.Array:
    return pc.take(pa.array(codes), pa.array(index))


def _digits(values: IntArray, width: int) -> npt.NDArray[np.uint8]:
    """Zero-padded decimal digits of each value as an (n, width) ASCII matrix."""
    chars = np.empty((len(values), width), dtype=np.uint8)
    rest = values
    for i in range(width - 1, -1, -1):  # column by column: a million rows stay cheap in memory
        rest, chars[:, i] = np.divmod(rest, 10)
    chars += ord("0")
    return chars


def _ascii_column(chars: npt.NDArray[np.uint8]) -> pa.Array:
    """A string column from an (n, width) ASCII matrix, built from buffers, not row by row."""
    n, width = chars.shape
    offsets = pa.py_buffer((np.arange(n + 1, dtype=np.int32) * width).tobytes())
    data = pa.py_buffer(np.ascontiguousarray(chars).tobytes())
    return pa.StringArray.from_buffers(n, offsets, data)
