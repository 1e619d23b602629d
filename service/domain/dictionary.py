"""The data dictionary: fields, code lists and indicators, loaded from `schemas/` and validated.

A broken dictionary stops the service at start-up with a message naming the file, the entry and
what is wrong: every other rule (validation, matching, pre-filling) trusts what is loaded here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, wraps
from pathlib import Path
from typing import Literal, TypeVar, cast

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

import schemas

FieldType = Literal["enum", "integer", "decimal", "date", "text", "boolean"]
Sensitivity = Literal["public", "internal", "personal", "sensitive-personal"]
Entity = Literal["school", "teacher"]


def as_entity(name: str) -> Entity:
    """"school" or "teacher"; ValueError for any other word."""
    if name == "school":
        return "school"
    if name == "teacher":
        return "teacher"
    raise ValueError(f"unknown entity {name!r}")
Owner = Literal[
    "education_office", "statistics_office", "human_resources", "health", "civil_affairs", "school"
]

SCHEMAS_DIR = Path(schemas.__file__).resolve().parent


class DictionaryError(Exception):
    """The dictionary files are inconsistent; the message says where."""


class Labels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    zh: str
    en: str


class Code(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    slug: str
    zh: str
    en: str
    aliases: list[str] = []
    min: int | None = None
    max: int | None = None


class CodeList(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = ""
    standard: str | None = None
    labels: Labels
    codes: list[Code]

    @model_validator(mode="after")
    def _unique_codes(self) -> CodeList:
        for attr in ("code", "slug"):
            values = [getattr(c, attr) for c in self.codes]
            dupes = {v for v in values if values.count(v) > 1}
            if dupes:
                raise ValueError(f"duplicate {attr}s {sorted(dupes)}")
        return self

    def get(self, code: str) -> Code | None:
        return next((c for c in self.codes if c.code == code), None)

    @property
    def code_values(self) -> list[str]:
        return [c.code for c in self.codes]


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    owner: Owner
    school_may_correct: bool


class Unit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    zh: str
    en: str


class Field(BaseModel):
    """One dictionary field. Stored fields have a store column; indicators are derived."""

    model_config = ConfigDict(extra="forbid")
    key: str
    entity: Entity
    labels: Labels
    aliases: list[str] = []
    type: FieldType
    code_list: str | None = None
    unit: Unit | None = None
    min: int | float | str | None = None
    max: int | float | str | None = None
    pattern: str | None = None
    max_length: int | None = None
    check: Literal["gb11643"] | None = None
    references: str | None = None
    required: bool = False
    unique: bool = False
    sensitivity: Sensitivity
    source: Source
    # Set for indicators only: the population filter and the breakdown it belongs to.
    indicator: IndicatorSpec | None = None
    # Computed from records on the reference date, never stored: counts a key defines and derived
    # per-teacher values (service/domain/semantics).
    derived: bool = False

    @property
    def column(self) -> str:
        return self.key.split(".", 1)[1]

    @property
    def is_indicator(self) -> bool:
        """Computed from teacher records rather than stored: a correction goes to its owner."""
        return self.indicator is not None or self.derived


@dataclass(frozen=True)
class IndicatorSpec:
    """How an indicator is counted: teachers matching `population` and, if set, one breakdown code."""

    family: str
    population: dict[str, tuple[str, ...]]
    breakdown_field: str | None = None
    breakdown_code: Code | None = None


class Breakdown(BaseModel):
    model_config = ConfigDict(extra="forbid")
    field: str
    codes: list[str] | None = None
    code_list: str | None = None


class IndicatorFamily(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    labels: Labels
    aliases: list[str] = []
    unit: Unit
    population: dict[str, list[str]]
    breakdowns: dict[str, Breakdown] = {}
    sensitivity: Sensitivity
    source: Source


class DictionaryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    fields: list[Field]
    indicators: list[IndicatorFamily] = []


_MAX_RESOLVED = 4096


class Fields(dict[str, Field]):
    """The dictionary's fields by key. Iterating gives the declared fields (stored fields and
    indicators); looking up any other key that names a definition (a count, a derived value) gives
    the field it stands for, built from the key alone, so every module reading a key off a form, an
    answer or a result finds its label, type and owner without the database."""

    def __init__(self, declared: dict[str, Field], resolve: Callable[[str], Field | None] | None = None) -> None:
        super().__init__(declared)
        self._resolve = resolve
        self._resolved: dict[str, Field | None] = {}

    def declared(self, key: str) -> Field | None:
        return dict.get(self, key)

    def resolve_with(self, resolve: Callable[[str], Field | None]) -> None:
        """Set how keys that are not declared are resolved (once, when the dictionary is loaded)."""
        self._resolve = resolve
        self._resolved.clear()

    def _lookup(self, key: object) -> Field | None:
        if not isinstance(key, str):
            return None
        hit = dict.get(self, key)
        if hit is not None or self._resolve is None:
            return hit
        if key not in self._resolved:
            if len(self._resolved) >= _MAX_RESOLVED:  # keys come from requests: keep the memo bounded
                self._resolved.clear()
            self._resolved[key] = self._resolve(key)
        return self._resolved[key]

    def __missing__(self, key: str) -> Field:
        f = self._lookup(key)
        if f is None:
            raise KeyError(key)
        return f

    def __contains__(self, key: object) -> bool:
        return self._lookup(key) is not None

    def get(self, key: str, default: Field | None = None) -> Field | None:  # type: ignore[override]
        f = self._lookup(key)
        return default if f is None else f


_T = TypeVar("_T")


@dataclass
class Dictionary:
    """The loaded dictionary: stored fields and expanded indicators, by key (and, on lookup, any
    key that names a definition: see Fields)."""

    fields: Fields
    code_lists: dict[str, CodeList]
    families: list[IndicatorFamily] = field(default_factory=list)
    _derived: dict[Callable[[Dictionary], object], object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, build: Callable[[Dictionary], _T]) -> _T:
        """What `build` makes of this dictionary, made on first use: the readers' tables (lexicon,
        names, indexes) live exactly as long as the dictionary they were built from."""
        if build not in self._derived:
            self._derived[build] = build(self)
        return cast(_T, self._derived[build])

    def get(self, key: str) -> Field | None:
        return self.fields.get(key)

    def entity_fields(self, entity: Entity) -> list[Field]:
        return [f for f in self.fields.values() if f.entity == entity and not f.is_indicator]

    @property
    def indicators(self) -> list[Field]:
        return [f for f in self.fields.values() if f.is_indicator]

    def code_list_for(self, f: Field) -> CodeList | None:
        return self.code_lists[f.code_list] if f.code_list else None


_REMEMBERED = 16384  # wordings per function and dictionary; a table past it starts again
_UNSET = object()


def remembered(build: Callable[[str, Dictionary], _T]) -> Callable[[str, Dictionary], _T]:
    """`build(wording, d)` remembered per dictionary: a reader's pure function of one wording, which
    forms repeat field after field and draft after draft. What it gives back is shared: immutable."""
    def table(_d: Dictionary) -> dict[str, object]:
        return {}

    @wraps(build)
    def call(wording: str, d: Dictionary) -> _T:
        memo = d.derived(table)
        found = memo.get(wording, _UNSET)  # one lookup: another thread may start the table again
        if found is not _UNSET:
            return cast(_T, found)
        made = build(wording, d)
        if len(memo) >= _REMEMBERED:
            memo.clear()
        memo[wording] = made
        return made

    return call


def _expand_family(fam: IndicatorFamily, code_lists: dict[str, CodeList], fields: dict[str, Field]) -> list[Field]:
    population = {k: tuple(v) for k, v in fam.population.items()}
    base = {
        "entity": "school", "type": "integer", "unit": fam.unit, "min": 0,
        "sensitivity": fam.sensitivity, "source": fam.source,
    }
    out = [
        Field(
            key=fam.key,
            labels=fam.labels,
            aliases=fam.aliases,
            indicator=IndicatorSpec(fam.key, population),
            **base,  # type: ignore[arg-type]
        )
    ]
    for name, bd in fam.breakdowns.items():
        target = fields.get(bd.field)
        if target is None:
            raise DictionaryError(f"indicator {fam.key}: breakdown {name} names unknown field {bd.field}")
        list_name = bd.code_list or target.code_list
        if list_name is None or list_name not in code_lists:
            raise DictionaryError(f"indicator {fam.key}: breakdown {name} has no code list")
        cl = code_lists[list_name]
        codes = [cl.get(c) for c in bd.codes] if bd.codes else list(cl.codes)
        for code in codes:
            if code is None:
                raise DictionaryError(f"indicator {fam.key}: breakdown {name} names a code not in {list_name}")
            out.append(
                Field(
                    key=f"{fam.key}.{name}.{code.slug}",
                    labels=Labels(zh=f"{fam.labels.zh}：{code.zh}", en=f"{fam.labels.en}: {code.en}"),
                    aliases=[],
                    indicator=IndicatorSpec(fam.key, population, bd.field, code),
                    **base,  # type: ignore[arg-type]
                )
            )
    return out


def _check_fields(fields: dict[str, Field], code_lists: dict[str, CodeList]) -> None:
    for f in fields.values():
        prefix = f.key.split(".", 1)[0]
        if prefix != f.entity:
            raise DictionaryError(f"field {f.key}: key prefix {prefix!r} differs from entity {f.entity!r}")
        if f.type == "enum" and (f.code_list is None or f.code_list not in code_lists):
            raise DictionaryError(f"field {f.key}: enum needs a known code_list, got {f.code_list!r}")
        if f.references and f.references not in fields:
            raise DictionaryError(f"field {f.key}: references unknown field {f.references}")


def _check_families(d: Dictionary) -> None:
    for fam in d.families:
        for k, codes in fam.population.items():
            target = d.fields.get(k)
            if target is None or target.code_list is None:
                raise DictionaryError(f"indicator {fam.key}: population filter on unknown enum {k}")
            unknown = set(codes) - set(d.code_lists[target.code_list].code_values)
            if unknown:
                raise DictionaryError(f"indicator {fam.key}: population codes {sorted(unknown)} not in {k}")


# libyaml's safe loader where PyYAML was built with it: the same documents, parsed 15 times faster
# (0.29 s to 0.02 s, paid by every process: each CLI import is one).
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_dictionary(schemas_dir: Path = SCHEMAS_DIR) -> Dictionary:
    """Read and cross-check `dictionary.yaml` and `code_lists.yaml`; raise DictionaryError if broken."""
    try:
        raw_lists = yaml.load((schemas_dir / "code_lists.yaml").read_text(encoding="utf-8"), Loader=YAML_LOADER)
        raw_dict = yaml.load((schemas_dir / "dictionary.yaml").read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DictionaryError(f"cannot read the dictionary in {schemas_dir}: {exc}") from exc
    try:
        code_lists = {name: CodeList(name=name, **body) for name, body in raw_lists.items()}
        parsed = DictionaryFile.model_validate(raw_dict)
    except (ValidationError, TypeError) as exc:
        raise DictionaryError(f"invalid dictionary in {schemas_dir}: {exc}") from exc
    fields: dict[str, Field] = {}
    for f in parsed.fields:
        if f.key in fields:
            raise DictionaryError(f"duplicate field key {f.key}")
        fields[f.key] = f
    _check_fields(fields, code_lists)
    for fam in parsed.indicators:
        for ind in _expand_family(fam, code_lists, fields):
            if ind.key in fields:
                raise DictionaryError(f"indicator key {ind.key} collides with another field")
            fields[ind.key] = ind
    d = Dictionary(fields=Fields(fields), code_lists=code_lists, families=parsed.indicators)
    _check_families(d)
    d.fields.resolve_with(lambda key: _derived_field(key, d))
    return d


def _derived_field(key: str, d: Dictionary) -> Field | None:
    # Imported at the first derived key, not with the dictionary: the semantics package reads the
    # dictionary's own types, and loading it (0.8 s) is wasted on an import or a form that asks none.
    from service.domain.semantics.naming import derived_field

    return derived_field(key, d)


@cache
def dictionary() -> Dictionary:
    """The dictionary of this process, loaded once (from COLLECTONCE_SCHEMAS_DIR if set)."""
    from service.settings import settings

    return load_dictionary(settings().schemas_dir or SCHEMAS_DIR)
