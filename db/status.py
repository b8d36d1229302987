"""What ``diplodb status`` reports about a database (psycopg only)."""

from __future__ import annotations

from diplodb.state import head_revision, read_state


def describe(conninfo: str) -> dict:
    """Revision, data set and row counts of the database at ``conninfo``."""
    import psycopg

    with psycopg.connect(conninfo, connect_timeout=10) as conn:
        state = read_state(conn)
        head = head_revision()
        report = {**state.as_json(), "head_revision": head,
                  "at_head": state.revision == head, "rows": {}}
        if state.revision is not None:
            tables = [row[0] for row in conn.execute(
                "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                "where n.nspname = 'core' and c.relkind = 'r' order by c.relname")]
            for table in tables:
                count = conn.execute(f'select count(*) from core."{table}"').fetchone()[0]
                report["rows"][table] = count
        return report


def lines(report: dict) -> list[str]:
    revision = report["revision"]
    state = "at head" if report["at_head"] else f"head is {report['head_revision']}"
    out = [f"revision: {revision or 'none (not migrated)'} ({state})"]
    if report["seed_digest"]:
        out.append(f"data version: {report['data_version']}; seed digest "
                   f"{report['seed_digest'][:12]}; loaded at {report['loaded_at']}")
    elif revision:
        out.append("data: not seeded")
    if report.get("drift"):
        from diplodb.drift import drift_line

        out.append(f"drift: {drift_line(report['drift'])}")
    elif report.get("drift") is not None:
        out.append("drift: none (the tables are what the head revision promises)")
    if report["rows"]:
        out.append("rows: " + ", ".join(f"{t}={n}" for t, n in report["rows"].items()))
    return out
