"""Names of definitions: the key each definition goes by, the definition each key names, the
field (label, type, owner) a key stands for on forms and results, and words in zh-CN and en.

Everything here works from the key and the dictionary alone, without the database, so any module
can resolve a key it reads off a form, an answer or a result.
"""

from __future__ import annotations

from datetime import date

from service.domain.dictionary import Dictionary, Field, Labels, Source, Unit
from service.domain.semantics.definition import (
    DERIVED,
    Definition,
    DefinitionError,
    Filter,
    allowed_codes,
    count,
    parse_key,
    ranking,
    value,
)


def indicator_conditions(f: Field) -> list[Filter] | None:
    """What a declared indicator counts: its family's population and its breakdown code."""
    spec = f.indicator
    if spec is None:
        return None
    conditions = [Filter(k, tuple(sorted(v))) for k, v in spec.population.items()]
    code = spec.breakdown_code
    if code is not None and spec.breakdown_field is not None:
        if spec.breakdown_field == "teacher.birth_date":
            conditions.append(Filter("teacher.age", min=code.min, max=code.max))
        else:
            conditions.append(Filter(spec.breakdown_field, (code.code,)))
    return conditions


class Names:
    """The naming tables of one dictionary: indicator key <-> canonical definition."""

    def __init__(self, d: Dictionary) -> None:
        self.d = d
        self.by_notation: dict[str, str] = {}
        self.of_indicator: dict[str, Definition] = {}
        for f in d.fields.values():
            conditions = indicator_conditions(f)
            if conditions is None:
                continue
            defn = count(d, conditions)
            self.of_indicator[f.key] = defn
            self.by_notation.setdefault(defn.notation(), f.key)

    def key(self, defn: Definition) -> str:
        """The key of a definition: the indicator's own key when one counts exactly it."""
        text = defn.notation()
        return self.by_notation.get(text, text)

    def definition(self, key: str) -> Definition | None:
        """The definition a key names: an indicator, a count key, a stored or derived value; None
        for keys that name no definition (custom fields asked in a department's own wording)."""
        if key in self.of_indicator:
            return self.of_indicator[key]
        f = self.d.fields.declared(key)
        if f is not None:
            return value(key, f.entity)
        if key in DERIVED:
            return value(key, "teacher")
        if key.startswith("school.count("):
            try:
                return parse_key(key, self.d)
            except DefinitionError:
                return None
        return None


def names(d: Dictionary) -> Names:
    """The naming tables of `d`, built once per dictionary object."""
    return d.derived(Names)


def definition_of(key: str, d: Dictionary) -> Definition | None:
    return names(d).definition(key)


def key_of(defn: Definition, d: Dictionary) -> str:
    return names(d).key(defn)


# --- words ---------------------------------------------------------------------------------------

_DERIVED_LABELS = {
    "teacher.age": Labels(zh="年龄（参照日周岁）", en="age on the reference date"),
    "teacher.teaching_years": Labels(zh="教龄（参照日满年数）", en="years of teaching on the reference date"),
}


def _code_names(d: Dictionary, f: Filter) -> tuple[list[str], list[str]]:
    cl = d.code_lists[d.fields[f.field].code_list or ""]
    picked = [c for c in cl.codes if c.code in f.codes]
    return [c.zh for c in picked], [c.en for c in picked]


def _plural(en: str) -> str:
    return en if en.endswith(("staff", "s")) else en + "s"


def words(defn: Definition, d: Dictionary, reference: date | None = None) -> Labels:
    """The definition in words, zh-CN and en, as a department reads back what will be counted."""
    if defn.measure == "value":
        name = defn.field or ""
        if name in _DERIVED_LABELS:
            labels = _DERIVED_LABELS[name]
            if reference is None:
                return labels
            ref = reference.isoformat()
            return Labels(zh=labels.zh.replace("参照日", ref), en=labels.en.replace("the reference date", ref))
        f = d.fields[name]
        return Labels(zh=f.labels.zh, en=f.labels.en)
    ref_zh = reference.isoformat() if reference else "参照日"
    ref_en = reference.isoformat() if reference else "the reference date"
    zh: list[str] = []
    en: list[str] = []
    post = defn.filter_on("teacher.post_type")
    if post is None:
        zh.append("教职工")
        en.append("staff")
    else:
        z, e = _code_names(d, post)
        if post.negated:
            zh.append(f"教职工（{'、'.join(z)}以外）")
            en.append(f"staff other than {' or '.join(_plural(x) for x in e)}")
        else:
            zh.append("、".join(z))
            en.append(" and ".join(_plural(x) for x in e))
    for c in defn.filters:
        if c.field == "teacher.post_type":
            continue
        if c.field == "teacher.age":
            zh.append(_range_zh(c, f"{ref_zh}时", "周岁"))
            en.append(_age_en(c, ref_en))
            continue
        if c.field == "teacher.teaching_years":
            zh.append(f"{ref_zh}时" + _years_zh(c))
            en.append(_years_en(c, ref_en))
            continue
        z, e = _code_names(d, c)
        label = d.fields[c.field].labels
        ranked = _ranked_words(d, c)
        if ranked is not None:
            zh.append(f"{label.zh}：{ranked[0]}")
            en.append(f"{label.en} {ranked[1]}")
        elif c.negated:
            zh.append(f"{label.zh}：{'、'.join(z)}以外")
            en.append(f"{label.en} other than {' or '.join(e)}")
        elif len(z) == 1:
            zh.append(z[0])
            en.append(e[0])
        else:
            zh.append(f"{label.zh}：{'或'.join(z)}")
            en.append(f"{label.en} {' or '.join(e)}")
    return Labels(zh="，".join(zh), en=", ".join(en))


def _ranked_words(d: Dictionary, f: Filter) -> tuple[str, str] | None:
    """ "大学本科及以上" / "bachelor's degree or higher" for a ranked set that runs to one end."""
    order = ranking(d, f.field)
    allowed = allowed_codes(d, f)
    if order is None or len(allowed) < 2 or not allowed <= set(order):
        return None
    cl = d.code_lists[d.fields[f.field].code_list or ""]
    picked = [x for x in order if x in allowed]
    at = order.index(picked[0])
    if picked != order[at: at + len(picked)]:
        return None
    if at == 0:
        c = cl.get(picked[-1])
        return (f"{c.zh}及以上", f"{c.en} or higher") if c else None
    if at + len(picked) == len(order):
        c = cl.get(picked[0])
        return (f"{c.zh}及以下", f"{c.en} or lower") if c else None
    return None


def _range_zh(f: Filter, prefix: str, unit: str) -> str:
    if f.min is not None and f.max is not None:
        return f"{prefix}{f.min}至{f.max}{unit}" if f.min != f.max else f"{prefix}{f.min}{unit}"
    if f.max is not None:
        return f"{prefix}未满{f.max + 1}{unit}"
    return f"{prefix}{f.min}{unit}及以上"


def _age_en(f: Filter, ref: str) -> str:
    if f.min is not None and f.max is not None:
        return f"aged {f.min} to {f.max} on {ref}" if f.min != f.max else f"aged {f.min} on {ref}"
    if f.max is not None:
        return f"under {f.max + 1} on {ref}"
    return f"aged {f.min} or over on {ref}"


def _years_zh(f: Filter) -> str:
    if f.min is not None and f.max is not None:
        return f"教龄{f.min}至{f.max}年" if f.min != f.max else f"教龄{f.min}年"
    if f.max is not None:
        return f"教龄不满{f.max + 1}年"
    return f"教龄满{f.min}年"


def _years_en(f: Filter, ref: str) -> str:
    if f.min is not None and f.max is not None:
        return f"{f.min} to {f.max} years of teaching on {ref}"
    if f.max is not None:
        return f"under {f.max + 1} years of teaching on {ref}"
    return f"{f.min} or more years of teaching on {ref}"


# --- the field a key stands for -----------------------------------------------------------------

_COUNT_SOURCE = Source(owner="education_office", school_may_correct=False)
_PERSONS = Unit(zh="人", en="persons")


def derived_field(key: str, d: Dictionary) -> Field | None:
    """The field a definition key stands for on forms and results (label, type, owner), for keys
    the dictionary does not declare: counts and derived per-teacher values. Computed, never stored:
    a school's correction of one goes to its owner."""
    defn = definition_of(key, d)
    if defn is None or (defn.measure == "value" and defn.field not in DERIVED):
        return None
    labels = words(defn, d)
    if defn.measure == "count":
        return Field(key=key, entity="school", labels=labels, type="integer", unit=_PERSONS, min=0,
                     sensitivity="public", source=_COUNT_SOURCE, derived=True)
    source = d.fields[DERIVED[key]]
    return Field(key=key, entity="teacher", labels=labels, type="integer", min=0,
                 unit=Unit(zh="年", en="years"), sensitivity=source.sensitivity, source=source.source, derived=True)
