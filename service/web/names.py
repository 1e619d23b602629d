"""Names instead of codes on every page: organisations, regions, schools, code lists and scopes.
One `Names` per page render, loading what it is asked for once."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from service.domain.dictionary import dictionary
from service.domain.scope import Scope
from service.store import names as store

URBAN_RURAL = {"1": ("城镇", "urban"), "2": ("乡村", "rural"), "11": ("城区", "city"), "12": ("镇区", "town")}


def region_code(prefix: str) -> str:
    """A scope's region prefix as the region's code: 43 -> 430000, 4301 -> 430100."""
    return prefix.ljust(6, "0") if len(prefix) < 6 else prefix


class Names:
    def __init__(self, session: Session, lang: str) -> None:
        self._session = session
        self._lang = lang
        self._orgs: dict[str, str] | None = None
        self._regions: dict[str, tuple[str, str | None]] | None = None
        self._schools: dict[str, str] = {}

    def prime_schools(self, codes: Iterable[str]) -> None:
        missing = [c for c in codes if c not in self._schools]
        self._schools |= store.schools(self._session, missing)

    def org(self, code: str | None) -> str:
        """An organisation's name (a school's too), or the code if it has none."""
        if not code:
            return ""
        if self._orgs is None:
            self._orgs = store.organisations(self._session)
        if code not in self._orgs:
            self._orgs |= store.organisations(self._session, [code])
        return self._orgs.get(code) or self.school(code)

    def school(self, code: str) -> str:
        if code not in self._schools:
            self.prime_schools([code])
        return self._schools.get(code, code)

    def region(self, code: str | None) -> str:
        """A region's name, with its province and city for a county: 湖南省 长沙市 芙蓉区."""
        if not code:
            return ""
        if self._regions is None:
            self._regions = store.regions(self._session)
        code = region_code(code)
        parts: list[str] = []
        at: str | None = code
        while at and at in self._regions and len(parts) < 3:
            name, at = self._regions[at]
            parts.append(name)
        return " ".join(reversed(parts)) or code

    def code(self, list_name: str, code: str | None) -> str:
        """A code list entry in the page's language: school_type 211 -> 小学 / Primary school."""
        if code is None:
            return ""
        cl = dictionary().code_lists.get(list_name)
        entry = next((c for c in cl.codes if c.code == code), None) if cl else None
        if entry is None:
            return code
        return entry.en if self._lang == "en" else entry.zh

    def urban_rural(self, code: str) -> str:
        """A class or a prefix of classes: 1 urban, 2 rural, 12 town, 121 town centre."""
        if len(code) == 3:
            return self.code("urban_rural", code)
        zh, en = URBAN_RURAL.get(code, (code, code))
        return en if self._lang == "en" else zh

    def scope(self, s: Scope) -> str:
        """A scope in words: regions, school types, urban/rural classes and listed schools by name."""
        sep = ", " if self._lang == "en" else "、"
        parts: list[str] = []
        if s.regions:
            parts.append(sep.join(self.region(r) for r in s.regions))
        if s.schools:
            shown = [self.school(c) for c in s.schools[:5]]
            more = len(s.schools) - len(shown)
            parts.append(sep.join(shown) + (f" (+{more})" if more > 0 else ""))
        if s.school_types:
            parts.append(sep.join(self.code("school_type", t) for t in s.school_types))
        if s.urban_rural:
            parts.append(sep.join(self.urban_rural(u) for u in s.urban_rural))
        return " · ".join(parts) or ("whole jurisdiction" if self._lang == "en" else "全辖区")
