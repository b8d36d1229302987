"""``diplodb export DIR``: the analytics views as an open-data package.

DIR receives, for every view in the ``analytics`` schema:

- ``<view>.parquet`` — written by pyarrow (zstd, pinned writer options), each column's
  comment in the field metadata (``description``);
- ``<view>.csv`` — UTF-8, a header row, comma-separated, a value quoted only where it
  needs it (a comma, a quote or a line break in it); NULL is an empty field (the views hold no empty text, so empty always
  means NULL), booleans are ``TRUE``/``FALSE`` (what R's ``read.csv`` and
  ``readr``, pandas and DuckDB all read as booleans);

``popolo.json`` — the persons, offices and terms in the Popolo data model
(``diplodb.popolo``), and ``events.jsonl`` — the events in PLOVER's JSON fields
(``diplodb.plover_events``), JSON resources of both packages; and two Data Packages (plain
JSON, built by ``diplodb.datapackage``):
``datapackage.json`` with a CSV resource per view (named after it; frictionless
validates it in the tests) and
``datapackage-parquet.json`` with the Parquet resources under the same names and schemas
(frictionless 5 cannot read Parquet list columns, so one package holding both would not
validate). Each field has its type and its description from the column comment,
``required`` when the exported rows hold no NULL in it (a non-nullable field in the
Parquet schema too), the grain key as ``primaryKey``, ``foreignKeys`` between resources
of the same package, the CSV dialect; each package has the data version from ``analytics.about``, the source articles and the
licence from the seed data set's ``dataset.yaml``.

Every view is read in one snapshot (a ``REPEATABLE READ``, read-only transaction), so a
seed committing meanwhile cannot mix two data versions in one package. The files are
written into a temporary directory beside the target and renamed into place at the end:
a failed export leaves nothing, and a target that is not empty is refused unless
``overwrite`` (then it is replaced as a whole).

Column mapping (the same in both files): text-search vectors (``tsvector``) are left out
(they are an index, not data); a range column ``X`` becomes ``X_start`` (inclusive) and
``X_end`` (exclusive), unless the view already carries those two columns (as
``office_terms`` carries ``term_start`` and ``term_end`` beside ``term``), when the range
is left out; an array becomes a list in Parquet and, in CSV, a JSON array (Table Schema
type ``array``, e.g. ``["IRN","IRQ"]``); ``numeric`` becomes a double. Columns that
describe the loading rather than the data (``about.loaded_at``) are left out too.

The output is deterministic: rows are ordered by the grain key (byte order, whatever the
server's collation), nothing records when the export ran, and the Parquet writer options
are fixed, so two exports of the same data are byte-identical and a diff between data
versions shows what changed.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from diplodb import plover_events, popolo
from diplodb.datapackage import CSV_DIALECT, CSV_FALSE, CSV_TRUE, PARQUET_PACKAGE, descriptor
from diplodb.errors import DiplodbError
from diplodb.paths import SEEDS_DIR
from diplodb.progress import progress
from diplodb.views import grain
from diplodb.urls import sqlalchemy_url

# Columns about the load, not the data: two loads of the same seed files differ in them.
LEFT_OUT = {("about", "loaded_at")}

CATALOG_SQL = """
select c.relname as view, obj_description(c.oid, 'pg_class') as view_comment,
       a.attname as name, t.typname as type, t.typcategory as category,
       coalesce(e.typname, '') as element_type,
       col_description(c.oid, a.attnum) as comment
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  join pg_type t on t.oid = a.atttypid
  left join pg_type e on e.oid = t.typelem and t.typcategory = 'A'
 where n.nspname = 'analytics' and c.relkind in ('v', 'm')
 order by c.relname, a.attnum
"""

# PostgreSQL type -> (SQL cast for the export query or None, Arrow type name, Table Schema type)
SCALARS: dict[str, tuple[str | None, str, str]] = {
    "text": (None, "string", "string"),
    "varchar": (None, "string", "string"),
    "bpchar": (None, "string", "string"),
    "name": ("text", "string", "string"),
    "uuid": ("text", "string", "string"),
    "int2": (None, "int16", "integer"),
    "int4": (None, "int32", "integer"),
    "int8": (None, "int64", "integer"),
    "numeric": ("float8", "float64", "number"),
    "float4": ("float8", "float64", "number"),
    "float8": (None, "float64", "number"),
    "bool": (None, "bool", "boolean"),
    "date": (None, "date32", "date"),
    "timestamptz": (None, "timestamp[us, tz=UTC]", "datetime"),
}
RANGE_BOUNDS = {"daterange": "date", "tstzrange": "timestamptz", "int4range": "int4",
                "int8range": "int8", "numrange": "numeric"}
# Parquet writer options, pinned: the bytes must not depend on library defaults.
PARQUET_OPTIONS = dict(version="2.6", compression="zstd", compression_level=9,
                       use_dictionary=True, write_statistics=True, data_page_version="1.0",
                       store_schema=True)


@dataclass
class Field:
    name: str
    sql: str  # expression in the export query
    arrow: str  # Arrow type name (list<...> for arrays)
    table_type: str  # Table Schema type
    description: str
    is_list: bool = False
    required: bool = False


@dataclass
class View:
    name: str
    description: str
    fields: list[Field]
    key: list[str]


@dataclass
class ExportReport:
    directory: Path
    rows: dict[str, int]
    data_version: str | None

    def summary(self) -> str:
        return (f"{len(self.rows)} views, {sum(self.rows.values())} rows, data version "
                f"{self.data_version or 'none'}")


def _fields(view: str, columns: list[dict]) -> list[Field]:
    names = {c["name"] for c in columns}
    out: list[Field] = []
    for c in columns:
        name, pg_type, comment = c["name"], c["type"], c["comment"] or ""
        if pg_type == "tsvector" or (view, name) in LEFT_OUT:
            continue
        if pg_type in RANGE_BOUNDS:
            start, end = f"{name}_start", f"{name}_end"
            if start in names and end in names:
                continue  # the view already carries the bounds as plain columns
            cast, arrow, table_type = SCALARS[RANGE_BOUNDS[pg_type]]
            out.append(Field(start, f"lower({name})", arrow, table_type,
                             f"Start of {name} (inclusive). {comment}".strip()))
            out.append(Field(end, f"upper({name})", arrow, table_type,
                             f"End of {name} (exclusive; empty = unbounded). {comment}".strip()))
            continue
        if c["category"] == "A":
            cast, arrow, _ = _scalar(view, name, c["element_type"])
            sql = f"{name}::{cast}[]" if cast else name
            out.append(Field(name, sql, f"list<{arrow}>", "array", comment, is_list=True))
            continue
        cast, arrow, table_type = _scalar(view, name, pg_type)
        out.append(Field(name, f"{name}::{cast}" if cast else name, arrow, table_type, comment))
    return out


def _scalar(view: str, column: str, pg_type: str) -> tuple[str | None, str, str]:
    try:
        return SCALARS[pg_type]
    except KeyError:
        raise DiplodbError(f"analytics.{view}.{column}: no export mapping for type "
                           f"{pg_type!r}; add one to diplodb.export.SCALARS") from None


def read_views(conn) -> list[View]:
    by_view: dict[str, list[dict]] = {}
    comments: dict[str, str] = {}
    for row in conn.execute(text(CATALOG_SQL)).mappings():
        by_view.setdefault(row["view"], []).append(dict(row))
        comments[row["view"]] = row["view_comment"] or ""
    views = []
    for name, columns in by_view.items():
        fields = _fields(name, columns)
        key = list(grain(name))  # diplodb.views; none: rows ordered by every column
        views.append(View(name, comments[name], fields, key))
    return views


def _arrow_type(name: str):
    import pyarrow as pa

    if name.startswith("list<"):
        return pa.list_(_arrow_type(name[5:-1]))
    if name.startswith("timestamp"):
        return pa.timestamp("us", tz="UTC")
    return pa.type_for_alias(name)


def _order_by(view: View) -> str:
    """Byte order of the key (or of every column), independent of the server's collation."""
    by_name = {f.name: f for f in view.fields}
    columns = view.key or [f.name for f in view.fields]
    terms = []
    for name in columns:
        field = by_name[name]
        expression = f'"{name}"'
        if field.arrow == "string":
            expression += ' collate "C"'
        elif field.is_list:
            expression = f'"{name}"::text collate "C"'
        terms.append(expression)
    return ", ".join(terms)


def _read_table(conn, view: View):
    import pyarrow as pa

    select = ", ".join(f'{f.sql} as "{f.name}"' for f in view.fields)
    result = conn.execute(text(
        f"select * from (select {select} from analytics.{view.name}) as exported "
        f"order by {_order_by(view)}"))
    rows = result.all()
    schema = pa.schema([pa.field(f.name, _arrow_type(f.arrow),
                                 metadata={"description": f.description})
                        for f in view.fields],
                       metadata={"description": view.description})
    columns = [pa.array([row[i] for row in rows], type=schema.field(i).type)
               for i in range(len(view.fields))]
    return pa.Table.from_arrays(columns, schema=schema)


def _required(table, view: View):
    """Mark the fields without a NULL in these rows required (Parquet: not nullable)."""
    import pyarrow as pa

    fields = []
    for i, field in enumerate(view.fields):
        field.required = table.num_rows > 0 and table.column(i).null_count == 0
        fields.append(table.schema.field(i).with_nullable(not field.required))
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def _csv_cell(value) -> str | None:
    """One value as the CSV dialect writes it: NULL empty, booleans TRUE/FALSE, lists as
    JSON arrays (Table Schema ``array``), dates and times in ISO 8601."""
    if value is None:
        return None
    if isinstance(value, bool):
        return CSV_TRUE if value else CSV_FALSE
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _write_csv(table, path: Path) -> None:
    """Quoted only where a value needs it (a comma, a quote, a line break), so that R's
    read.csv takes an unquoted TRUE/FALSE as logical and a date as a Date."""
    import csv

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=CSV_DIALECT["delimiter"],
                            quotechar=CSV_DIALECT["quoteChar"], doublequote=True,
                            lineterminator=CSV_DIALECT["lineTerminator"],
                            quoting=csv.QUOTE_MINIMAL)
        writer.writerow(table.column_names)
        columns = [column.to_pylist() for column in table.columns]
        writer.writerows(zip(*(map(_csv_cell, column) for column in columns)))


def _write_files(table, directory: Path, name: str) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, directory / f"{name}.parquet", **PARQUET_OPTIONS)
    _write_csv(table, directory / f"{name}.csv")


def export(url: URL | str, directory: Path | str, *, seeds: Path = SEEDS_DIR,
           overwrite: bool = False) -> ExportReport:
    """Write the package for the database at ``url`` into ``directory``: all of it, or
    (on any failure) nothing."""
    if not str(directory).strip():
        raise DiplodbError("export needs a directory to write to, got an empty name")
    directory = Path(directory).absolute()
    if directory.exists() and not directory.is_dir():
        raise DiplodbError(f"{directory} is a file, not a directory")
    if directory.is_dir() and any(directory.iterdir()) and not overwrite:
        raise DiplodbError(f"{directory} is not empty; add --overwrite to replace it")
    dataset = seeds / "dataset.yaml"
    if not dataset.is_file():
        raise DiplodbError(f"no dataset.yaml in the seed directory {seeds} (it names the licence)")
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".export",
                                    dir=directory.parent))
    try:
        report = _export_into(url, staging, seeds)
        _replace(staging, directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.directory = directory
    return report


def _replace(staging: Path, directory: Path) -> None:
    """Move the finished export to ``directory`` (an existing one is replaced whole)."""
    os.chmod(staging, 0o777 & ~_umask())
    if not directory.exists():
        staging.rename(directory)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".old", dir=directory.parent))
    old.rmdir()
    directory.rename(old)
    staging.rename(directory)
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _check_exportable(conn) -> None:
    migrated, seeded = conn.execute(text(
        "select to_regclass('analytics.about') is not null, "
        "to_regclass('core.seed_state') is not null")).one()
    if not migrated:
        raise DiplodbError("the database is not migrated (no analytics views); "
                           "run 'diplodb up' or 'diplodb migrate' first")
    if not seeded or not conn.execute(text("select exists (select from core.seed_state)")).scalar():
        raise DiplodbError("the database holds no data (never seeded); run 'diplodb seed' first")


def _export_into(url: URL | str, directory: Path, seeds: Path) -> ExportReport:
    engine = create_engine(sqlalchemy_url(url))
    rows: dict[str, int] = {}
    try:
        with engine.connect() as conn:
            # One snapshot for every view: a seed committing meanwhile is not seen at all.
            conn.execute(text("set transaction isolation level repeatable read, read only"))
            conn.execute(text("set local time zone 'UTC'"))
            _check_exportable(conn)
            views = read_views(conn)
            about = dict(conn.execute(text("select * from analytics.about")).mappings().first()
                         or {})
            sources = [{k: v for k, v in row.items() if v is not None}
                       for row in conn.execute(text(
                           "select title, url as path from analytics.sources "
                           "order by source_id collate \"C\"")).mappings()]
            for view in progress(views, total=len(views), desc="export", unit="view"):
                table = _required(_read_table(conn, view), view)
                _write_files(table, directory, view.name)
                rows[view.name] = table.num_rows
            popolo.write(conn, directory)  # same snapshot as the views
            plover_events.write(conn, directory)  # and the events in PLOVER's JSON
            conn.rollback()
    finally:
        engine.dispose()
    for name, csv in (("datapackage.json", True), (PARQUET_PACKAGE, False)):
        package = descriptor(views, about, sources, seeds, csv=csv,
                             others=[popolo.RESOURCE, plover_events.RESOURCE])
        (directory / name).write_text(json.dumps(package, indent=2, ensure_ascii=False)
                                      + "\n", encoding="utf-8")
    return ExportReport(directory, rows, about.get("data_version"))
