"""When the database refuses a row the Python rules let through, say which seed file,
entry and field it came from.

The validator checks every rule the database enforces before anything is written; this
is the safety net for a rule added to the schema and not (yet) to the validator. The
writer calls it with the error and the table being written; it finds the refused rows
(from the COPY context, or by retrying the staged rows one at a time inside savepoints)
and names them by the origin each row carries (file, entry, field: kept beside the row
in the COPY batch, and in the ``seed_origin`` column of the staging table). The caller's
transaction is rolled back by the error it raises, so nothing is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import psycopg
from sqlalchemy import CheckConstraint, Table

from diplodb.errors import DiplodbError, database_error, explain, is_operational
from diplodb.seed.problems import Problem, SeedValidationError

_COPY_CONTEXT = re.compile(r"COPY \w+, line (\d+)(?:, column (\w+))?")
_MAX_ROWS_REPORTED = 20

# Columns whose seed field has another name (the default: the primary key is 'id', a
# foreign key drops '_id' or '_code').
_FIELDS = {
    "country": {"code": "code"},
    "source": {"file_name": "file", "search": "body", "published_on_precision": "published_on"},
    "person": {"canonical_name": "name"},
    "place": {"parent_place_id": "parent"},
    "office_term": {"start_date": "start", "end_date": "end", "start_precision": "start",
                    "end_precision": "end", "term": "start"},
    "visit": {"date_precision": "start_date", "start_earliest": "start_date",
              "start_latest": "start_date", "start_edtf": "start_date",
              "dates_edtf": "start_date", "end_earliest": "end_date", "end_latest": "end_date",
              "end_edtf": "end_date", "status_changed_earliest": "status_changed_on",
              "status_changed_latest": "status_changed_on",
              "status_changed_edtf": "status_changed_on"},
    "visit_participant": {"group_description": "group", "led_by_person_id": "led_by"},
    "meeting": {"date_precision": "held_on", "held_earliest": "held_on",
                "held_latest": "held_on", "held_edtf": "held_on"},
    "meeting_group": {"description": "participants", "led_by_person_id": "led_by"},
    "statement": {"speaker_person_id": "speaker", "date_precision": "said_on", "search": "text",
                  "said_earliest": "said_on", "said_latest": "said_on", "said_edtf": "said_on"},
    "agreement": {"date_precision": "concluded_on", "concluded_earliest": "concluded_on",
                  "concluded_latest": "concluded_on", "concluded_edtf": "concluded_on"},
    "figure": {"counterpart_country_code": "counterpart", "as_of_precision": "as_of",
               "as_of_earliest": "as_of", "as_of_latest": "as_of", "as_of_edtf": "as_of"},
    "activity": {"actor_person_id": "actor", "earliest": "date", "latest": "date",
                 "date_edtf": "date", "date_precision": "date"},
    "evidence": {"quote_kind": "quote", "quoted_words": "quote"},
}


def seed_field(table: Table, column: str) -> str:
    special = _FIELDS.get(table.name, {})
    if column in special:
        return special[column]
    if [c.name for c in table.primary_key.columns] == [column]:
        return "id"
    for suffix in ("_code", "_id"):
        if column.endswith(suffix):
            return column[: -len(suffix)]
    return column


def _constraint_columns(table: Table, name: str | None) -> tuple[list[str], str]:
    for constraint in table.constraints:
        if name and constraint.name == name:
            if isinstance(constraint, CheckConstraint):
                expression = str(constraint.sqltext)
                columns = [c.name for c in table.columns
                           if re.search(rf"\b{re.escape(c.name)}\b", expression)]
                return columns, expression
            return [c.name for c in getattr(constraint, "columns", [])], ""
    return [], ""


def _describe(table: Table, error: psycopg.Error, column: str | None) -> tuple[list[str], str]:
    """(seed fields, message) for one refused row."""
    diag = error.diag
    first = (diag.message_primary or str(error)).strip().splitlines()[0] if str(error) else repr(error)
    columns, expression = _constraint_columns(table, diag.constraint_name)
    if column or diag.column_name:
        columns = [column or diag.column_name]
    if not columns and error.sqlstate == "54000":  # e.g. too long for a full-text vector
        columns = [c.name for c in table.columns
                   if c.computed is not None and "tsvector" in str(c.computed.sqltext)]
    fields = list(dict.fromkeys(seed_field(table, c) for c in columns))
    if diag.constraint_name:
        detail = f" ({expression})" if expression else ""
        message = f"refused by the database: {first}; rule {diag.constraint_name}{detail}"
    else:
        message = f"refused by the database: {first}"
    return fields, message


def _problem(table: Table, origin: Sequence[str] | None, fields: list[str],
             message: str) -> Problem:
    if origin is None:
        return Problem(f"(table {table.name})", "", ", ".join(fields), message)
    file, entry, field = origin
    return Problem(file, entry, field or ", ".join(fields), message)


def _operational(error: Exception) -> DiplodbError | None:
    """The server's own trouble (disk full, a lost connection…): said as itself, never
    blamed on a seed entry."""
    if is_operational(error):
        return DiplodbError(explain(database_error(error)))
    return None


def copy_problem(table: Table, error: Exception, origins: Sequence[Sequence[str] | None],
                 current: int | None) -> DiplodbError:
    """COPY of a batch of ``table``'s rows failed (a value the column type cannot hold,
    or a rule of the table): ``origins`` are the batch's rows' origins, ``current`` the
    index of the row being written when the error was raised."""
    operational = _operational(error)
    if operational is not None:
        return operational
    origin = origins[current] if current is not None and current < len(origins) else None
    column = None
    context = getattr(getattr(error, "diag", None), "context", None) or ""
    found = _COPY_CONTEXT.search(context)
    if found and int(found.group(1)) <= len(origins):
        origin, column = origins[int(found.group(1)) - 1], found.group(2)
    if isinstance(error, psycopg.Error):
        fields, message = _describe(table, error, column)
    else:
        fields, message = [], f"refused on the way to the database: {error}"
    return SeedValidationError([_problem(table, origin, fields, message)])


def encode_origin(origin: Sequence[str] | None) -> str | None:
    """An origin as the staging table's ``seed_origin`` holds it."""
    return None if origin is None else json.dumps(list(origin))


def insert_problems(cur, table: Table, insert_sql: str, error: psycopg.Error
                    ) -> DiplodbError:
    """The insert of ``table``'s staged rows failed. The caller has rolled back to a
    savepoint taken before it; retry the staged rows one at a time (each in its own
    savepoint) to name every row the database refuses for the same reason."""
    operational = _operational(error)
    if operational is not None:
        return operational
    cur.execute(f"select ctid::text, seed_origin from seed_{table.name}")
    staged = cur.fetchall()
    if " on conflict " in insert_sql:
        one_row = insert_sql.replace(" on conflict ", " where ctid = %s::tid on conflict ", 1)
    else:
        one_row = insert_sql + " where ctid = %s::tid"
    problems = []
    for ctid, origin in staged:
        cur.execute("savepoint seed_row")
        try:
            cur.execute(one_row, (ctid,))
        except psycopg.Error as row_error:
            cur.execute("rollback to savepoint seed_row")
            if (row_error.sqlstate, row_error.diag.constraint_name) == (
                    error.sqlstate, error.diag.constraint_name):
                fields, message = _describe(table, row_error, None)
                problems.append(_problem(table, json.loads(origin) if origin else None,
                                         fields, message))
                if len(problems) >= _MAX_ROWS_REPORTED:
                    break
        else:
            cur.execute("release savepoint seed_row")
    if not problems:  # only the rows together fail; say what the database said
        fields, message = _describe(table, error, None)
        problems.append(_problem(table, None, fields, message))
    return SeedValidationError(problems)


def _first_orphan(cur, table: Table, constraint: str | None) -> dict | None:
    """A row of ``table`` that the foreign key ``constraint`` finds referring to nothing."""
    for key in table.foreign_key_constraints:
        if key.name != constraint:
            continue
        pairs = [(element.parent.name, element.column.name) for element in key.elements]
        joined = " and ".join(f"p.{parent} = c.{child}" for child, parent in pairs)
        present = " and ".join(f"c.{child} is not null" for child, _ in pairs)
        cur.execute(f"select to_jsonb(c) from {table.fullname} c where {present} and not "
                    f"exists (select from {key.referred_table.fullname} p where {joined}) "
                    "limit 1")
        row = cur.fetchone()
        return None if row is None else row[0]
    return None


def foreign_key_problem(cur, table: Table, error: psycopg.Error) -> DiplodbError:
    """A foreign key added back at the end of a first seed (``first_seed.add_foreign_keys``)
    found a row referring to nothing. The origins that came beside the rows are gone by
    then: the row is found by the constraint, and named by the seed file that owns it
    (its fact id or its source, through ``core.seed_file.keys``: ``summary_keys``), its
    field and the missing key."""
    operational = _operational(error)
    if operational is not None:
        return operational
    fields, message = _describe(table, error, None)
    if error.diag.message_detail:
        message = f"{message}: {error.diag.message_detail.strip()}"
    origin = None
    row = _first_orphan(cur, table, error.diag.constraint_name)
    if row is not None:
        own = [row[c.name] for c in table.primary_key.columns]
        keys = [f"{kind}:{value}" for value in own for kind in ("fact", "name", "statement")]
        if row.get("source_id") is not None:
            keys.append(f"source:{row['source_id']}")
        cur.execute("select path from core.seed_file where keys && %s::text[] "
                    "order by path limit 1", (keys,))
        found = cur.fetchone()
        entry = "id=" + ", ".join(str(value) for value in own)
        origin = (found[0] if found else f"(table {table.name})", entry, "")
    return SeedValidationError([_problem(table, origin, fields, message)])
