"""Edits that break a private copy of the seed files, and how to see that the database
was left alone."""

from __future__ import annotations

import hashlib

from sqlalchemy import create_engine, text

from diplodb.seed.loader import core_tables

A000 = "annotations/000_421877fd24e4fad6.yaml"
A003 = "annotations/003_ae28c5a3bf26486c.yaml"


def replace(relative, old, new, count=1):
    def mutate(root):
        path = root / relative
        content = path.read_text()
        assert old in content, f"fixture text not found in {relative}: {old!r}"
        path.write_text(content.replace(old, new, count))
    return mutate


def write_bytes(relative, data: bytes):
    def mutate(root):
        (root / relative).write_bytes(data)
    return mutate


def crlf(relative):
    def mutate(root):
        path = root / relative
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return mutate


def delete(relative):
    def mutate(root):
        (root / relative).unlink()
    return mutate


def append(relative, addition: bytes):
    def mutate(root):
        with open(root / relative, "ab") as handle:
            handle.write(addition)
    return mutate


def article(relative, transform):
    """Rewrite an article and record its new SHA-256, so only the new rule can refuse it."""
    def mutate(root):
        path = root / relative
        old = path.read_bytes()
        new = transform(old)
        path.write_bytes(new)
        sources = root / "articles/sources.yaml"
        sources.write_text(sources.read_text().replace(hashlib.sha256(old).hexdigest(),
                                                       hashlib.sha256(new).hexdigest()))
    return mutate


_ENGINES: dict[str, object] = {}


def physical_state(url) -> list[tuple[str, str, str]]:
    """(table, ctid, xmin) of every core row, in one query: equal before and after only
    if no row was inserted, updated or deleted (an update makes a new row version)."""
    key = url.render_as_string(hide_password=False)
    engine = _ENGINES.get(key) or _ENGINES.setdefault(key, create_engine(url, pool_size=1))
    query = " union all ".join(f"select '{t.name}', ctid::text, xmin::text from {t.fullname}"
                               for t in core_tables())
    with engine.connect() as conn:
        return sorted(conn.execute(text(query)).all())
