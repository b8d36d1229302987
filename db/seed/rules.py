"""Rules of the seed files beyond the shape of each entry: the layout of the seed
directory, the characters a file may hold, empty and retracting annotation files,
plausible dates, reference cycles, duplicate list members (duplicate YAML keys are
``yaml_reader``'s).

Each function looks at one file (or one entry, or one reference table) and returns the
problems it finds, so that a loader that re-reads only the files that changed can call
them file by file. Nothing here touches a database.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from diplodb.seed.problems import Problem

# -- limits a curator can rely on (docs/seed-format.md lists them) ------------------------
MAX_ID_LENGTH = 100
"""Longest id (slug) accepted anywhere in the seed files."""
MAX_ARTICLE_BYTES = 1024 * 1024 - 1
"""Largest article body, in UTF-8 bytes: PostgreSQL's limit for one tsvector (the
full-text index of the body holds at most this many bytes of distinct words)."""
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
INT4_MAX = 2**31 - 1

# Statuses that make a fact a plan, which may be dated after the article that reports it.
PLAN_STATUSES: dict[str, frozenset[str]] = {
    "visit": frozenset({"planned", "postponed", "cancelled"}),
    "meeting": frozenset({"scheduled", "cancelled"}),
    "agreement": frozenset({"planned"}),
    "activity": frozenset({"planned", "cancelled"}),
}
PLAN_QUALIFIERS = frozenset({"target"})  # a figure that is a goal

# -- the layout of the seed directory ----------------------------------------------------
DATASET_FILE = "dataset.yaml"
SOURCES_FILE = "articles/sources.yaml"
ARTICLE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.txt$")
ANNOTATION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.yaml$")


# The list files that grow with the corpus may be split into parts, read in order as one
# list: ``reference/persons.yaml``, then ``reference/persons.2.yaml``, ``persons.3.yaml``...
# (each part a seed file of its own, under the size limit; the first has the plain name).
SPLIT_FILES = ("reference/persons.yaml", "reference/offices.yaml",
               "reference/office_terms.yaml", SOURCES_FILE)
_PART = re.compile(r"^(?P<stem>.+)\.(?P<number>[2-9]|[1-9][0-9]+)\.yaml$")


def split_part(relative: str) -> tuple[str, int] | None:
    """(the split file, part number) for a part's path (``reference/persons.2.yaml`` →
    (``reference/persons.yaml``, 2)); None for any other path."""
    found = _PART.match(relative)
    if found is None or f"{found['stem']}.yaml" not in SPLIT_FILES:
        return None
    return f"{found['stem']}.yaml", int(found["number"])


def part_name(relative: str, number: int) -> str:
    """The path of part ``number`` of a split file (part 1 is the file itself)."""
    return relative if number == 1 else f"{relative.removesuffix('.yaml')}.{number}.yaml"


def parts(names: Iterable[str], relative: str) -> tuple[list[str], list[Problem]]:
    """The paths of a split file's parts, in reading order (the file first, then its parts
    by number), and a problem for each part whose predecessor is missing (a lost part
    would delete its entries)."""
    found = (split_part(name) for name in names)
    numbers = sorted(part[1] for part in found if part is not None and part[0] == relative)
    problems = [Problem(part_name(relative, number), "", "",
                        f"part {number} of {relative}, but there is no part {number - 1} "
                        f"({part_name(relative, number - 1)}); parts are numbered 2, 3, ... "
                        "without gaps")
                for previous, number in zip([1, *numbers], numbers) if number != previous + 1]
    return [relative, *(part_name(relative, number) for number in numbers)], problems


def unexpected_files(names: Iterable[str], reference_files: Iterable[str]) -> list[Problem]:
    known = {DATASET_FILE, SOURCES_FILE, *(f"reference/{name}" for name in reference_files)}
    problems = []
    for relative in names:
        folder, _, name = relative.rpartition("/")
        if relative in known or split_part(relative) is not None:
            continue
        if folder == "articles" and ARTICLE_NAME.match(name) or (
                folder == "annotations" and ANNOTATION_NAME.match(name)):
            continue
        problems.append(Problem(relative, "", "", _unexpected(folder, name)))
    return problems


def _unexpected(folder: str, base: str) -> str:
    if folder == "annotations":
        expect = "annotation files are named NAME.yaml (letters, digits, '.', '_', '-')"
    elif folder == "articles":
        expect = "articles are named NAME.txt, besides articles/sources.yaml"
    elif folder == "reference":
        expect = "reference files are the fixed list in docs/seed-format.md"
    else:
        expect = ("the seed directory holds dataset.yaml, reference/, articles/ and "
                  "annotations/ only")
    return f"unexpected file, which the loader would ignore: {expect}"


def check_inside(seeds_dir: Path, relative: str) -> Problem | None:
    """A path named by a seed file must stay inside the seed directory. (Symbolic links
    are refused by files.scan, so only '..' can lead out.)"""
    if ".." not in Path(relative).parts:
        return None
    root = seeds_dir.resolve()
    target = (seeds_dir / relative).resolve()
    if target != root and root not in target.parents:
        return Problem(relative, "", "", "the path leads outside the seed directory")
    return None


# -- characters --------------------------------------------------------------------------
# C0 and C1 control characters except tab and newline (CR is reported as a line ending).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# In values (YAML escapes can make them): controls again, and lone surrogates.
_BAD_IN_VALUE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _character(char: str) -> str:
    name = unicodedata.name(char, "") or {"\x00": "NUL"}.get(char, "control character")
    return f"U+{ord(char):04X} ({name})"


def check_characters(relative: str, text: str) -> Problem | None:
    """NUL bytes and control characters (other than tab and newline) in a file."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    count = len(_CONTROL.findall(text))
    more = f" ({count} in the file)" if count > 1 else ""
    return Problem(relative, f"line {line}, column {column}", "",
                   f"{_character(found.group())}{more}; seed files may hold tabs and newlines "
                   "but no other control characters")


def may_escape(text: str) -> bool:
    """Whether a YAML text can make a control character in a value (only an escape in a
    double-quoted scalar can: raw ones are refused by check_characters)."""
    return _ESCAPE.search(text) is not None


# A backslash escape other than \" and \\ (the ones the seed files use for quotes).
_ESCAPE = re.compile(r'\\[^"\\]')


def check_values(raw: Any, path: tuple = ()) -> Iterator[tuple[str, str]]:
    """(field, message) for each string in a parsed entry (keys included) that holds a
    control character or a lone surrogate, which YAML escapes such as "\\0" can make."""
    if isinstance(raw, str):
        found = _BAD_IN_VALUE.search(raw)
        if found:
            yield ".".join(map(str, path)), (f"{_character(found.group())} in the value; "
                                             "no control characters other than tab and newline")
    elif isinstance(raw, dict):
        for key, value in raw.items():
            if isinstance(key, str) and _BAD_IN_VALUE.search(key):
                yield ".".join(map(str, (*path, key))), "control character in a key"
            yield from check_values(value, (*path, key))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            yield from check_values(value, (*path, index))


def check_article_size(relative: str, entry: str, body: str) -> Problem | None:
    size = len(body.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        return Problem(relative, entry, "body", f"the article is {size:,} bytes; the full-text "
                                                f"index takes at most {MAX_ARTICLE_BYTES:,}")
    return None


# -- annotation files --------------------------------------------------------------------
RETRACT_KEY = "retract"


def check_annotation_file(relative: str, raw: Any, fact_sections: Iterable[str]) -> list[Problem]:
    """An annotation file must define or cite at least one fact, unless it says with
    ``retract: {reason: ...}`` that every fact of its article is withdrawn on purpose."""
    if raw is None:
        return [Problem(relative, "", "", "the file is empty; loading it would delete every "
                                          "fact of its article. To do that on purpose, write "
                                          "'source: ID' and 'retract: {reason: WHY}'")]
    if not isinstance(raw, dict):
        return []  # reported by the reader
    facts = sum(len(raw.get(section) or []) for section in fact_sections
                if isinstance(raw.get(section) or [], list))
    if RETRACT_KEY not in raw:
        if facts == 0:
            return [Problem(relative, "", "", "the file defines or cites no facts, so loading it "
                                              "would delete every fact of its article; to do that "
                                              "on purpose, add 'retract: {reason: WHY}'")]
        return []
    retract = raw[RETRACT_KEY]
    problems = []
    if not (isinstance(retract, dict) and set(retract) == {"reason"}
            and isinstance(retract["reason"], str) and retract["reason"].strip()):
        problems.append(Problem(relative, "", RETRACT_KEY, "write 'retract: {reason: WHY}' with "
                                                           "a non-empty reason and nothing else"))
    if facts:
        problems.append(Problem(relative, "", RETRACT_KEY, f"the file retracts every fact of its "
                                                           f"article but still lists {facts} fact "
                                                           "entries; remove them or the retract"))
    return problems


# -- dates -------------------------------------------------------------------------------
def check_date_window(value: dt.date, text: str) -> None:
    """Raises ValueError for a date outside the plausible window."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValueError(f"{text!r} lies outside the plausible window {EARLIEST_DATE} to "
                         f"{LATEST_DATE}")


def check_fact_date(fact_type: str, field: str, value: dt.date | None, published: dt.date | None,
                    *, status: str | None = None, qualifier: str | None = None) -> str | None:
    """A fact dated after the article that reports it must be a plan. Returns a message."""
    if value is None or published is None or value <= published:
        return None
    if status in PLAN_STATUSES.get(fact_type, ()) or qualifier in PLAN_QUALIFIERS:
        return None
    plans = sorted(PLAN_STATUSES.get(fact_type, ()))
    if fact_type == "figure":
        how = "only a figure with qualifier 'target' may lie in the future"
    elif plans:
        how = f"only a fact with status {' or '.join(plans)} may lie in the future"
    else:
        how = f"a {fact_type} cannot lie in the future"
    return f"{field} {value} is after the article's publication ({published}); {how}"


# -- reference data ----------------------------------------------------------------------
def place_cycles(parents: dict[str, str | None]) -> dict[str, list[str]]:
    """Each place whose chain of parents returns to it → that cycle (place ids, in order)."""
    cycles: dict[str, list[str]] = {}
    for start in parents:
        chain, place = [], start
        while place is not None and place in parents and place not in chain:
            chain.append(place)
            place = parents[place]
        if place == start:
            cycles[start] = chain + [start]
    return cycles


def duplicate_members(values: list) -> list[tuple[int, Any, int]]:
    """(index, value, first index) for each repeated member of a list."""
    first: dict[Any, int] = {}
    repeated = []
    for index, value in enumerate(values):
        if value in first:
            repeated.append((index, value, first[value]))
        else:
            first[value] = index
    return repeated
