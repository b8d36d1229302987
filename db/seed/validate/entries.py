"""Reading one seed file and parsing its entries, collecting every problem (not just the
first), each naming its file, its entry and its field, so that a curator can fix a batch
at once."""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from diplodb.seed import rules, yaml_reader
from diplodb.seed.entry_models import annotation as s
from diplodb.seed.files import read_bytes
from diplodb.seed.problems import Problem


@dataclass(slots=True)
class Entry:
    file: str
    label: str
    model: Any
    published: dt.date | None = None  # publication date of the defining article


@dataclass
class Builder:
    seeds_dir: Path
    problems: list[Problem] = field(default_factory=list)
    escaped: set[str] = field(default_factory=set)  # YAML files with backslash escapes

    def problem(self, file: str, entry: str, field_: str, message: str) -> None:
        self.problems.append(Problem(file, entry, field_, message))

    # -- files ---------------------------------------------------------------------------
    def read_text(self, relative: str) -> str | None:
        path = self.seeds_dir / relative
        outside = rules.check_inside(self.seeds_dir, relative)
        if outside is not None:
            self.problems.append(outside)
            return None
        if not path.is_file():
            self.problem(relative, "", "", "file is missing")
            return None
        data = read_bytes(path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            self.problem(relative, "", "", f"not valid UTF-8 (byte 0x{data[error.start]:02x} at "
                                           f"offset {error.start})")
            return None
        if "\r" in text:
            line = text[: text.index("\r")].count("\n") + 1
            self.problem(relative, f"line {line}", "", "CRLF or CR line endings; seed files "
                                                       "use LF only")
            return None
        control = rules.check_characters(relative, text)
        if control is not None:
            self.problems.append(control)
            return None
        return text

    def read_yaml(self, relative: str) -> Any:
        text = self.read_text(relative)
        if text is None:
            return None
        data, problems = yaml_reader.load_yaml(relative, text)
        self.problems.extend(problems)
        if rules.may_escape(text):
            self.escaped.add(relative)
        return data

    def parse(self, relative: str, label: str, model: type[BaseModel], raw: Any) -> Any:
        bad = list(rules.check_values(raw)) if relative in self.escaped else []
        for field_, message in bad:
            self.problem(relative, label, field_, message)
        if bad:
            return None
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            for item in error.errors():
                loc = ".".join(str(part) for part in item["loc"] if part not in s.SHAPE_TAGS)
                self.problem(relative, label, loc, item["msg"])
            return None

    def parse_list(self, relative: str, model: type[BaseModel],
                   records: bool = False, entries: Any = None) -> Any:
        """The valid entries of a list file; with ``records``, each model as a plain
        ``record`` (for a model whose methods are not needed). ``entries``: where they
        are appended (and returned; a new list if None)."""
        entries = [] if entries is None else entries
        before = len(self.problems)
        text = self.read_text(relative)
        raw = None
        if text is not None:
            if rules.may_escape(text):
                self.escaped.add(relative)
            if self._parse_items(relative, model, records, text, entries):
                return entries
            # not a plain list, or not valid YAML: the whole file read says which
            raw, problems = yaml_reader.load_yaml(relative, text)
            self.problems.extend(problems)
        if raw is None or raw == []:
            if len(self.problems) == before:  # not already reported as unreadable
                self.problem(relative, "", "", NO_ENTRIES)
            return entries
        if not isinstance(raw, list):
            self.problem(relative, "", "", "expected a list of entries at the top level")
            return entries
        raw.reverse()  # each item is let go once parsed: the file's YAML and its models
        index = 0      # are not both held whole (a reference file may have 100,000s)
        while raw:
            self._add_entry(entries, relative, model, records, index, raw.pop())
            index += 1
        return entries

    def _add_entry(self, entries: Any, relative: str, model: type[BaseModel],
                   records: bool, index: int, item: Any) -> None:
        """Parse the item at ``index`` of a list file; keep it in ``entries`` if valid."""
        label = item_label(index, item)
        parsed = self.parse(relative, label, model, item)
        if parsed is not None:
            entries.append(Entry(relative, label, record(parsed) if records else parsed))

    def _parse_items(self, relative: str, model: type[BaseModel], records: bool,
                     text: str, entries: Any) -> bool:
        """``parse_list`` of a plain YAML list, one item parsed at a time (a reference
        file's YAML and its entries are never both held whole) into ``entries``; False,
        with no problem and no entry added, when the file is not one
        (``yaml_reader.ListItems``)."""
        before = len(self.problems)
        items = yaml_reader.ListItems(text)
        iterator = iter(items)
        index = 0
        count = len(entries)
        while True:
            try:
                item = next(iterator)
            except StopIteration:
                break
            except yaml_reader.NotStreamed:
                del self.problems[before:]  # its entries' problems, said again if valid
                _truncate(entries, count)
                return False
            self._add_entry(entries, relative, model, records, index, item)
            index += 1
        if index == 0:
            self.problem(relative, "", "", NO_ENTRIES)
        elif items.has_duplicates:  # said before the entries' problems, as load_yaml does
            self.problems[before:before] = yaml_reader.duplicate_keys(relative, text)
        return True


def _truncate(entries: Any, count: int) -> None:
    """Keep the first ``count`` of ``entries`` (a list, or a ``spill.SpilledList``)."""
    if isinstance(entries, list):
        del entries[count:]
    else:
        entries.truncate(count)


NO_ENTRIES = ("the file has no entries; every entry of it would be deleted (remove the "
              "entries that are wrong, not all of them)")


@cache
def _record_type(model: type[BaseModel]) -> type:
    # A module attribute of its name, so that a record can be pickled (into a run's spill).
    name = f"{model.__name__}Record"
    made = globals()[name] = namedtuple(name, model.model_fields, module=__name__)
    return made


def record(parsed: BaseModel) -> Any:
    """A validated entry as a plain record of its fields (attributes as on the model, no
    methods). A model instance also keeps the set of the fields given and its own
    dict, about 1 KB for a reference entry: at x1000, office_terms.yaml's 28,000 terms
    held 53 MB as models, all at once until their rows were built."""
    return _record_type(type(parsed))._make(
        [getattr(parsed, name) for name in type(parsed).model_fields])


def item_label(index: int, item: Any, section: str = "entry") -> str:
    return yaml_reader.entry_label(section, index,
                                   item.get("id") if isinstance(item, dict) else None)


def check_known(builder: Builder, entry: Entry, field_: str, value: str | None,
           known: Container[str], what: str) -> bool:
    if value is not None and value not in known:
        builder.problem(entry.file, entry.label, field_, f"unknown {what} '{value}'")
        return False
    return True


def unique_entries(builder: Builder, entries: Iterable[Entry], key: Callable[[Any], str],
                   what: str, field_: str = "id", seen: Any = None) -> Any:
    """The first entry of each key, in order (into ``seen`` if given: a spilled map)."""
    seen = {} if seen is None else seen
    for entry in entries:
        ident = key(entry.model)
        first = seen.setdefault(ident, entry)  # one statement in a spilled map
        if first is not entry:
            kind = f"{what} id" if field_ == "id" else what
            builder.problem(entry.file, entry.label, field_,
                            f"duplicate {kind} '{ident}' (first in {first.file}: {first.label})")
    return seen
