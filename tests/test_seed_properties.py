"""Property: whatever a curator's edit does to valid seed files (a key deleted, a value of
another type, an entry duplicated, a file truncated, bytes injected), seeding either
accepts it and the database then holds exactly what the files say, or refuses it naming
seed files and leaves every core row physically as it was. Never an unexpected exception.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
import uuid
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from diplodb.migrate import upgrade
from diplodb.paths import SEEDS_DIR
from diplodb.seed.problems import SeedValidationError
from diplodb.seed.loader import core_tables, seed
from diplodb.seed.write.staging import table_columns as _columns
from diplodb.seed.yaml_reader import SeedLoader
from tests.seed_mutations import physical_state

SEED_FILES = sorted(p.relative_to(SEEDS_DIR).as_posix() for p in SEEDS_DIR.rglob("*")
                    if p.is_file())
YAML_FILES = [name for name in SEED_FILES if name.endswith(".yaml")]
OTHER_VALUES = ["x", "", "2500", "9999-12-31", "IRQ", 0, -1, 3_000_000_000, 2.5, True, None,
                [], {}, ["IRQ", "IRQ"], {"text": "x"}]
INJECTED = [b"\0", b"\x07", b"\xff\xfe", b"\r\n", b"\t", b"\n- ", b": x\n", b"\"", b"{", b"&a *a"]


@cache
def parsed(relative: str) -> Any:
    return yaml.load((SEEDS_DIR / relative).read_text(), Loader=SeedLoader)


def places(data: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """(path, value) for every node of a parsed file, the root included."""
    found = [(path, data)]
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(
        data, list) else []
    for key, value in items:
        found.extend(places(value, (*path, key)))
    return found


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


@cache
def targets(kind: str) -> list[tuple[str, tuple, Any]]:
    """(file, path of a container, key or index in it) that an edit of ``kind`` can hit."""
    found = []
    for relative in YAML_FILES:
        for path, value in places(parsed(relative)):
            if kind == "duplicate-entry" and isinstance(value, list):
                found.extend((relative, path, index) for index in range(len(value)))
            elif kind != "duplicate-entry" and isinstance(value, dict):
                found.extend((relative, path, key) for key in value)
            elif kind == "change-type" and isinstance(value, list):
                found.extend((relative, path, index) for index in range(len(value)))
    return found


@st.composite
def edits(draw) -> tuple[str, str, Any]:
    """(kind, file, new content as bytes) for one edit of one seed file."""
    kind = draw(st.sampled_from(["delete-key", "change-type", "duplicate-entry", "truncate",
                                 "inject"]))
    if kind in ("truncate", "inject"):
        relative = draw(st.sampled_from(SEED_FILES))
        data = (SEEDS_DIR / relative).read_bytes()
        at = draw(st.integers(0, len(data) - 1))
        if kind == "truncate":
            return kind, relative, data[:at]
        chunk = draw(st.sampled_from(INJECTED) | st.binary(min_size=1, max_size=3))
        return kind, relative, data[:at] + chunk + data[at:]
    relative, path, key = draw(st.sampled_from(targets(kind)))
    data = copy.deepcopy(parsed(relative))
    container = _get(data, path)
    if kind == "delete-key":
        del container[key]
    elif kind == "change-type":
        container[key] = draw(st.sampled_from(OTHER_VALUES))
    else:
        container.insert(key, copy.deepcopy(container[key]))
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    return kind, relative, dumped.encode()


def _hashable(row) -> tuple:
    # Array columns (core.plover_rule's modes and contexts) come back as lists.
    return tuple(tuple(v) if isinstance(v, list) else v for v in row)


def database_rows(url) -> dict[str, set[tuple]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: set(map(_hashable, conn.execute(text(
                f"select {', '.join(_columns(t))} from {t.fullname}")).all()))
                for t in core_tables()}
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def own_database(make_database):
    url = make_database()
    upgrade(url)
    seed(url, SEEDS_DIR)
    return url


@pytest.fixture(scope="module")
def fresh_database(server, make_database):
    """A fresh database for each accepted edit: created from an empty template built by
    `alembic upgrade head` once, then seeded from scratch with the edited files."""
    template = make_database()
    upgrade(template)
    admin = create_engine(server.admin_url, isolation_level="AUTOCOMMIT")

    def fresh():
        name = f"diplodb_fresh_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'create database "{name}" template "{template.database}"'))
        return name, server.admin_url.set(database=name)

    def drop(name):
        with admin.connect() as conn:
            conn.execute(text(f'drop database "{name}" with (force)'))

    yield fresh, drop
    admin.dispose()


@settings(max_examples=int(os.environ.get("SEED_PROPERTY_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edit=edits())
def test_an_edit_is_loaded_exactly_or_refused_without_a_trace(own_database, fresh_database,
                                                             edit):
    kind, relative, content = edit
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(SEEDS_DIR, seeds)
        (seeds / relative).write_bytes(content)
        before = physical_state(own_database)
        try:
            seed(own_database, seeds)
        except SeedValidationError as refused:
            assert refused.problems
            for problem in refused.problems:  # each names a seed file, never just a table
                assert problem.file and not problem.file.startswith(("/", "(")), problem
            assert physical_state(own_database) == before, (kind, relative)
            event(f"{kind}: refused")
        else:
            event(f"{kind}: accepted")
            # The incremental re-seed holds exactly what a seed from scratch of the same
            # files into a fresh database holds (not what the reader makes of them).
            fresh, drop = fresh_database
            name, url = fresh()
            try:
                seed(url, seeds)
                assert database_rows(own_database) == database_rows(url), (kind, relative)
            finally:
                drop(name)
