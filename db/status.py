"""What ``diplodb status`` reports about a database."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from diplodb.migrate import current_revision, head_revision
from diplodb.models import Base


def describe(url: URL) -> Iterator[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
            head = head_revision()
            state = "at head" if revision == head else f"head is {head}"
            yield f"revision: {revision or 'none (not migrated)'} ({state})"
            if revision is None:
                return
            counts = []
            for table in Base.metadata.sorted_tables:
                if conn.execute(text("select to_regclass(:t)"), {"t": table.fullname}).scalar():
                    n = conn.execute(text(f"select count(*) from {table.fullname}")).scalar()
                    counts.append(f"{table.name}={n}")
            yield "rows: " + ", ".join(counts)
    finally:
        engine.dispose()
