"""The indicator catalogue: rule files read, checked and turned into `Indicator` objects.

Rules are data a reviewer can read (`catalogue/*.yaml`); the words they may use are code
(`lookout.indicators.vocabulary`). Every file is checked on load, field by field, and a
mistake stops the load with a `CatalogueError` naming the file, the indicator and the field:
a rule that silently never fires is worse than one that does not load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lookout.indicators.vocabulary import FACTS, LEVELS, OPERATORS, TIERS, FieldType

__all__ = ["CATALOGUE_DIR", "CatalogueError", "Condition", "Evidence", "Indicator", "load_catalogue"]

CATALOGUE_DIR = Path(__file__).parent / "catalogue"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CODE = re.compile(r"^[A-Za-z0-9_]+$")
_KEYS = {"id", "version", "name", "tier", "guidance", "practitioner", "evidence", "age",
         "lasts_days", "raises_to"}
_EVIDENCE_KEYS = {"fact", "where", "at_least", "within_days", "also"}


class CatalogueError(ValueError):
    """A rule file that cannot be used, with where the problem is."""

    def __init__(self, file: Path | str, indicator: str | None, field: str | None, problem: str):
        self.file, self.indicator, self.field, self.problem = str(file), indicator, field, problem
        where = self.file + (f", indicator {indicator!r}" if indicator else "")
        where += f", field {field!r}" if field else ""
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Condition:
    """One test on one field of a fact's row: `field op value`."""

    field: str
    op: str
    value: Any = None

    def describe(self) -> str:
        """The test as a reviewer reads it, e.g. `services contains_any sti_test, ...`."""
        if self.value is None:
            return f"{self.field} {self.op}"
        shown = ", ".join(map(str, self.value)) if isinstance(self.value, tuple) else self.value
        return f"{self.field} {self.op} {shown}"


@dataclass(frozen=True)
class Evidence:
    """A kind of record that evidences an indicator: a fact and the conditions it must meet."""

    fact: str
    where: tuple[Condition, ...]


@dataclass(frozen=True)
class Indicator:
    """One indicator: what it is, where it comes from, and the records that evidence it.

    `fact` and `where` name the main kind of record; `also` names other kinds of record
    that show the same indicator (a practitioner's note that a child was missing overnight
    shows what a police missing report shows). However many kinds of record show it, an
    indicator counts once."""

    id: str
    version: int
    name: str
    tier: str
    guidance: tuple[str, ...]
    practitioner: str
    fact: str
    where: tuple[Condition, ...]
    at_least: int
    within_days: int
    age_at_least: int | None
    age_at_most: int | None
    lasts_days: int
    raises_to: str | None
    file: str
    also: tuple[Evidence, ...] = ()

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every kind of record that evidences the indicator, the main one first."""
        return (Evidence(self.fact, self.where), *self.also)

    def describe_conditions(self) -> list[str]:
        """The tests, as a reviewer reads them; tests on other kinds of record say so."""
        tests = [c.describe() for c in self.where]
        for other in self.also:
            shown = " and ".join(c.describe() for c in other.where) or "any"
            tests.append(f"or a {other.fact.replace('_', ' ')} record: {shown}")
        return tests


def load_catalogue(folder: Path = CATALOGUE_DIR) -> list[Indicator]:
    """Every indicator of every `*.yaml` file in `folder`, checked; ids are unique."""
    indicators: list[Indicator] = []
    seen: dict[str, str] = {}
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise CatalogueError(folder, None, None, "holds no *.yaml rule files")
    for path in files:
        for indicator in _load_file(path):
            if indicator.id in seen:
                raise CatalogueError(path, indicator.id, "id",
                                     f"is already used by an indicator in {seen[indicator.id]}")
            seen[indicator.id] = path.name
            indicators.append(indicator)
    return indicators


def _load_file(path: Path) -> list[Indicator]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CatalogueError(path, None, None, f"is not valid YAML ({error})") from error
    if not isinstance(document, dict) or not isinstance(document.get("indicators"), list):
        raise CatalogueError(path, None, "indicators", "the file must hold a list named `indicators`")
    return [_indicator(path, number, raw) for number, raw in enumerate(document["indicators"], 1)]


def _indicator(path: Path, number: int, raw: Any) -> Indicator:
    if not isinstance(raw, dict):
        raise CatalogueError(path, f"#{number}", None, "each indicator must be a mapping of fields")
    rid = raw.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        raise CatalogueError(path, f"#{number}", "id", "needs an id of lower-case letters, digits and _")

    def fail(field: str, problem: str) -> CatalogueError:
        return CatalogueError(path, rid, field, problem)

    unknown = set(raw) - _KEYS
    if unknown:
        raise fail(sorted(unknown)[0], f"is not a field of an indicator (known: {', '.join(sorted(_KEYS))})")
    for key in ("version", "name", "tier", "guidance", "practitioner", "evidence"):
        if key not in raw:
            raise fail(key, "is required")
    version = raw["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail("version", f"must be a whole number from 1, not {version!r}")
    for key in ("name", "practitioner"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise fail(key, "must be non-empty text")
    if raw["tier"] not in TIERS:
        raise fail("tier", f"{raw['tier']!r} is not one of {', '.join(TIERS)}")
    guidance = raw["guidance"]
    if (not isinstance(guidance, list) or not guidance
            or not all(isinstance(g, str) and g.strip() for g in guidance)):
        raise fail("guidance", "must list at least one source of guidance, as text")

    evidence = raw["evidence"]
    if not isinstance(evidence, dict):
        raise fail("evidence", "must be a mapping with `fact`, `where`, `at_least`, `within_days`")
    unknown = set(evidence) - _EVIDENCE_KEYS
    if unknown:
        raise fail(f"evidence.{sorted(unknown)[0]}", "is not a field of evidence")
    fact = evidence.get("fact")
    if fact not in FACTS:
        raise fail("evidence.fact", f"{fact!r} is not a fact (known: {', '.join(sorted(FACTS))})")
    where = tuple(_condition(fail, fact, i, c) for i, c in enumerate(evidence.get("where") or [], 1))
    also = evidence.get("also") or []
    if not isinstance(also, list):
        raise fail("evidence.also", "must list further kinds of record, each with `fact` and `where`")
    alternatives = []
    for number, other in enumerate(also, 1):
        if not isinstance(other, dict) or set(other) - {"fact", "where"} or other.get("fact") not in FACTS:
            raise fail(f"evidence.also[{number}]", "needs a known `fact` and its `where` conditions, nothing else "
                                                   f"(facts: {', '.join(sorted(FACTS))})")
        alternatives.append(Evidence(other["fact"], tuple(
            _condition(fail, other["fact"], i, c, f"evidence.also[{number}].where")
            for i, c in enumerate(other.get("where") or [], 1))))
    at_least = evidence.get("at_least", 1)
    if not isinstance(at_least, int) or isinstance(at_least, bool) or at_least < 1:
        raise fail("evidence.at_least", f"must be a whole number from 1, not {at_least!r}")
    within = evidence.get("within_days")
    if at_least > 1 and within is None:
        raise fail("evidence.within_days", "is required when at_least is more than 1")
    if within is not None and (not isinstance(within, int) or isinstance(within, bool) or within < 1):
        raise fail("evidence.within_days", f"must be a whole number of days from 1, not {within!r}")

    age = raw.get("age") or {}
    if not isinstance(age, dict) or set(age) - {"at_least", "at_most"}:
        raise fail("age", "may only hold `at_least` and `at_most` (whole years)")
    for key, value in age.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 17:
            raise fail(f"age.{key}", f"must be an age from 0 to 17, not {value!r}")
    lasts = raw.get("lasts_days", 365)
    if not isinstance(lasts, int) or isinstance(lasts, bool) or lasts < 1:
        raise fail("lasts_days", f"must be a whole number of days from 1, not {lasts!r}")
    if "lasts_days" in raw and raw["tier"] != "vulnerability":
        raise fail("lasts_days", "applies only to vulnerabilities: SERAF fixes the windows of the others")
    raises_to = raw.get("raises_to")
    if raises_to is not None and raises_to not in LEVELS[1:]:
        raise fail("raises_to", f"{raises_to!r} is not one of {', '.join(LEVELS[1:])}")
    return Indicator(rid, version, raw["name"].strip(), raw["tier"],
                     tuple(g.strip() for g in guidance), " ".join(raw["practitioner"].split()),
                     fact, where, at_least, within or 1, age.get("at_least"), age.get("at_most"),
                     lasts, raises_to, path.name, tuple(alternatives))


def _condition(fail, fact: str, number: int, raw: Any, where: str = "evidence.where") -> Condition:
    field_name = f"{where}[{number}]"
    if not isinstance(raw, dict) or "field" not in raw or "op" not in raw:
        raise fail(field_name, "each condition needs `field` and `op` (and usually `value`)")
    if set(raw) - {"field", "op", "value"}:
        raise fail(field_name, "a condition holds only `field`, `op` and `value`")
    name, op = raw["field"], raw["op"]
    fields = FACTS[fact].fields
    if name not in fields:
        raise fail(f"{field_name}.field", f"{name!r} is not a field of {fact} "
                   f"(known: {', '.join(fields)})")
    if op not in OPERATORS:
        raise fail(f"{field_name}.op", f"{op!r} is not a test (known: {', '.join(OPERATORS)})")
    types, value_kind = OPERATORS[op]
    if fields[name] not in types:
        raise fail(f"{field_name}.op", f"{op!r} cannot test {name}, which is a {fields[name].value}")
    value = raw.get("value")
    if value_kind == "none":
        if value is not None:
            raise fail(f"{field_name}.value", f"{op!r} takes no value")
        return Condition(name, op)
    if value_kind == "flag" and not isinstance(value, bool):
        raise fail(f"{field_name}.value", f"{op!r} needs true or false, not {value!r}")
    if value_kind == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise fail(f"{field_name}.value", f"{op!r} needs a number, not {value!r}")
    if value_kind == "code":
        if not isinstance(value, str) or not _CODE.match(value):
            raise fail(f"{field_name}.value", f"{op!r} needs one code (letters, digits, _), not {value!r}")
    if value_kind == "codes":
        if (not isinstance(value, list) or not value
                or not all(isinstance(v, str) and _CODE.match(v) for v in value)):
            raise fail(f"{field_name}.value", f"{op!r} needs a list of codes, not {value!r}")
        value = tuple(value)
    return Condition(name, op, value)


def field_type(indicator: Indicator, name: str) -> FieldType:
    """The type of a field of an indicator's fact."""
    return FACTS[indicator.fact].fields[name]
