"""What the drafter knows before it reads an article: the reference data of the seed data
set, and the spellings of each person that the curated annotation files already use.

Read leniently with plain YAML: a draft is a first reading, and the seed loader checks
the reference data itself. Nothing here is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from diplodb.seed.drafts import DRAFT_MARK
from diplodb.seed.files import split_paths
from diplodb.seed.text import parse_partial_date


@dataclass(frozen=True)
class Term:
    id: str
    office: str
    person: str
    start: dt.date
    end: dt.date | None  # first day no longer in office

    def holds_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass
class Reference:
    persons: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → entry
    spellings: dict[str, set[str]] = field(default_factory=dict)  # person id → names used
    countries: dict[str, str] = field(default_factory=dict)  # code → name
    places: dict[str, dict[str, Any]] = field(default_factory=dict)
    organizations: dict[str, dict[str, Any]] = field(default_factory=dict)
    offices: dict[str, dict[str, Any]] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    topics: set[str] = field(default_factory=set)

    def holder(self, office: str, day: dt.date | None) -> Term | None:
        """The term of ``office`` in force on ``day`` (None without a day or a holder)."""
        if day is None:
            return None
        return next((t for t in self.terms if t.office == office and t.holds_on(day)), None)

    def term_of(self, person: str, day: dt.date | None) -> list[Term]:
        """The terms ``person`` holds on ``day``."""
        if day is None:
            return []
        return [t for t in self.terms if t.person == person and t.holds_on(day)]


def _entries(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    return [item for item in data or [] if isinstance(item, dict)] \
        if isinstance(data, list) else []


def _date(value: Any) -> dt.date | None:
    try:
        return parse_partial_date(str(value))[0]
    except ValueError:
        return None


def load(seeds_dir: Path) -> Reference:
    folder = seeds_dir / "reference"
    ref = Reference()
    ref.countries = {e["code"]: e["name"] for e in _entries(folder / "countries.yaml")
                     if "code" in e and "name" in e}
    for attribute, name in (("persons", "persons.yaml"), ("places", "places.yaml"),
                            ("organizations", "organizations.yaml"),
                            ("offices", "offices.yaml")):
        setattr(ref, attribute, {e["id"]: e for part in split_paths(seeds_dir, f"reference/{name}")
                                 for e in _entries(part) if "id" in e})
    ref.topics = {e["id"] for e in _entries(folder / "topics.yaml") if "id" in e}
    for e in (e for part in split_paths(seeds_dir, "reference/office_terms.yaml")
              for e in _entries(part)):
        start = _date(e.get("start"))
        if start is not None and e.get("office") and e.get("person"):
            ref.terms.append(Term(e["id"], e["office"], e["person"], start,
                                  _date(e["end"]) if e.get("end") else None))
    ref.spellings = {pid: {p["name"]} for pid, p in ref.persons.items() if "name" in p}
    for path in sorted((seeds_dir / "annotations").glob("*.yaml")):
        for name, person in known_spellings(path):
            if person in ref.spellings:
                ref.spellings[person].add(name)
    return ref


def known_spellings(path: Path) -> list[tuple[str, str]]:
    """(name, person id) of each confirmed ``names:`` entry of an annotation file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    names = data.get("names") if isinstance(data, dict) else None
    return [(e["name"], e["person"]) for e in names or []
            if isinstance(e, dict) and isinstance(e.get("name"), str)
            and isinstance(e.get("person"), str) and e.get(DRAFT_MARK) is not True]
