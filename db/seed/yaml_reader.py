"""Reading the YAML of a seed file: plain values only (dates stay strings), duplicate keys
noticed, invalid YAML said with its line and column, and how an entry is named in a
message (``entry_label``)."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from diplodb.seed.problems import Problem

# libyaml's parser when PyYAML was built with it (several times faster), else pure Python.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SeedLoader(_SafeLoader):
    """SafeLoader that keeps dates as strings (the loader parses them with their
    precision) and notices duplicate keys, which plain YAML loading lets the last win."""

    def __init__(self, stream):
        super().__init__(stream)
        self.has_duplicates = False

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        # Fewer keys than key nodes: a key repeated (or a merge key overridden, which
        # duplicate_keys then finds harmless). Finding which is left to the slow path.
        if len(mapping) != len(node.value):
            self.has_duplicates = True
        return mapping

    def resolve(self, kind, value, implicit):
        # Resolver.resolve without its generality (no path resolvers, no wildcard
        # implicit resolvers): called for every node of every seed file.
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


SeedLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
assert not SeedLoader.yaml_path_resolvers and None not in SeedLoader.yaml_implicit_resolvers

_STR, _SEQ, _MAP, _MERGE = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map", "merge"))


class _NotPlain(Exception):
    """A document the lean construction leaves to PyYAML's own composer and constructor."""


def _construct(loader: SeedLoader) -> Any:
    """The data of the stream's single document, built straight from the parser's events
    (no node tree: several times faster, and a fraction of the memory), as SafeLoader
    would make it, for documents of plain mappings, sequences and scalars (the seed
    files). Anything else (an anchor or alias, a merge key, an explicit collection tag,
    an unhashable key, more than one document) raises _NotPlain."""
    get = loader.get_event
    build, release = _builder(loader)
    try:
        if get().__class__ is not StreamStartEvent:
            raise _NotPlain
        event = get()
        if event.__class__ is StreamEndEvent:
            return None
        if event.__class__ is not DocumentStartEvent:
            raise _NotPlain
        data = build(get())
        _end_of_stream(loader)
        return data
    finally:
        release()


def _end_of_stream(loader: SeedLoader) -> None:
    get = loader.get_event
    if get().__class__ is not DocumentEndEvent or get().__class__ is not StreamEndEvent:
        raise _NotPlain


def _builder(loader: SeedLoader):
    """(``build``, ``release``): ``build(event)`` is the value that starts with ``event``,
    read from the parser; ``release()`` ends build's reference to itself, so that the
    parser and its copy of the text go as soon as the caller is done, not at the next
    full collection (a parse is long enough for the collector to count them as old)."""
    get = loader.get_event
    resolve = loader.resolve

    def build(event: Any) -> Any:
        kind = event.__class__
        if event.anchor is not None:
            raise _NotPlain
        tag = event.tag
        if kind is ScalarEvent:
            if tag is None or tag == "!":
                tag = resolve(ScalarNode, event.value, event.implicit)
            if tag == _STR:
                return event.value
            if tag == _MERGE:
                raise _NotPlain
            return loader.construct_object(ScalarNode(tag, event.value, event.start_mark,
                                                      event.end_mark, event.style))
        if tag is not None and tag != "!":
            raise _NotPlain
        if kind is MappingStartEvent:
            mapping, count = {}, 0
            event = get()
            while event.__class__ is not MappingEndEvent:
                key = build(event)
                if key.__class__ in (list, dict):  # unhashable: the constructor says so
                    raise _NotPlain
                mapping[key] = build(get())
                count += 1
                event = get()
            if len(mapping) != count:
                loader.has_duplicates = True
            return mapping
        if kind is SequenceStartEvent:
            items = []
            event = get()
            while event.__class__ is not SequenceEndEvent:
                items.append(build(event))
                event = get()
            return items
        raise _NotPlain  # an alias

    def release() -> None:
        nonlocal build
        build = None  # type: ignore[assignment]

    return build, release


class ListItems:
    """The items of a file whose single document is a plain top-level list, parsed one at
    a time (a large reference file's YAML is then never all in memory beside its
    entries). Iterating raises ``NotStreamed`` (at any item) for anything else: not a
    list, not plain, not valid YAML; ``load_yaml`` on the whole file then says what it
    is. ``has_duplicates``, once every item is read: a mapping repeated a key
    (``duplicate_keys`` names them)."""

    def __init__(self, text: str):
        self.text = text
        self.has_duplicates = False

    def __iter__(self):
        loader = SeedLoader(self.text)
        try:
            get = loader.get_event
            build, release = _builder(loader)
            try:
                if (get().__class__ is not StreamStartEvent
                        or get().__class__ is not DocumentStartEvent):
                    raise _NotPlain
                event = get()
                if (event.__class__ is not SequenceStartEvent or event.anchor is not None
                        or event.tag not in (None, "!")):
                    raise _NotPlain
                event = get()
                while event.__class__ is not SequenceEndEvent:
                    item = build(event)
                    yield item
                    event = get()
                _end_of_stream(loader)
            except Exception as error:  # invalid YAML, or not a plain list
                raise NotStreamed from error
            finally:
                release()
            self.has_duplicates = loader.has_duplicates
        finally:
            loader.dispose()


class NotStreamed(Exception):
    """A file ``ListItems`` cannot give item by item."""


def _key(node: Node) -> tuple[str, str] | None:
    if not isinstance(node, ScalarNode) or node.tag == "tag:yaml.org,2002:merge":
        return None
    value = node.value
    if node.tag == "tag:yaml.org,2002:bool":
        value = value.lower()
    return node.tag, value


def load_yaml(relative: str, text: str) -> tuple[Any, list[Problem]]:
    """Parse one seed file; (data, problems). Data is None when the file cannot be read."""
    loader = SeedLoader(text)
    try:
        try:
            data = _construct(loader)
        except Exception:
            # Not a plain document, or not valid: PyYAML's own path, from the start, makes
            # the data or says exactly what is wrong.
            loader.dispose()
            loader = SeedLoader(text)
            data = loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(relative, where, "", f"invalid YAML: {reason}")]
    except (ValueError, RecursionError) as error:  # e.g. an integer of 5,000 digits
        reason = str(error).split(";")[0] or type(error).__name__
        return None, [Problem(relative, "", "", f"invalid YAML: {reason}")]
    finally:
        loader.dispose()
    problems = duplicate_keys(relative, text) if loader.has_duplicates else []
    return data, problems


def duplicate_keys(relative: str, text: str) -> list[Problem]:
    """Every duplicate key of a file, with its entry and field (reported, not resolved)."""
    loader = SeedLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    problems: list[Problem] = []

    def walk(node: Node, path: tuple, entry: str, entry_depth: int) -> None:
        if isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                here = (*path, index)
                if not entry and len(here) <= 2:
                    section = str(path[0]) if path else "entry"
                    walk(item, here, _node_label(section, index, item), len(here))
                else:
                    walk(item, here, entry, entry_depth)
        elif isinstance(node, MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key_node, value_node in node.value:
                key = _key(key_node)
                if key is None:
                    continue
                if key in first:
                    field = ".".join(map(str, (*path[entry_depth:], key_node.value)))
                    problems.append(Problem(
                        relative, entry or f"line {key_node.start_mark.line + 1}", field,
                        f"duplicate key '{key_node.value}' (line {key_node.start_mark.line + 1};"
                        f" first at line {first[key]}); YAML would keep only the last"))
                else:
                    first[key] = key_node.start_mark.line + 1
                walk(value_node, (*path, key_node.value), entry, entry_depth)

    if root is not None:
        walk(root, (), "", 0)
    return problems


def _node_label(section: str, index: int, node: Node) -> str:
    ident = None
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == "id" and isinstance(
                    value_node, ScalarNode):
                ident = value_node.value
    return entry_label(section, index, ident)


def entry_label(section: str, index: int, ident: Any) -> str:
    """How an entry is named in messages: 'visits[0] (id=...)', long ids shortened."""
    if not ident:
        return f"{section}[{index}]"
    ident = str(ident)
    if len(ident) > 60:
        ident = f"{ident[:40]}… ({len(ident)} characters)"
    return f"{section}[{index}] (id={ident})"
