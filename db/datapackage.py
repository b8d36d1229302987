"""The two data packages of an export (``datapackage.json`` for the CSV files,
``datapackage-parquet.json`` for the Parquet files): resources, field types and
descriptions, ``required``, keys, the CSV dialect, version, sources and licence. Plain
JSON descriptors (frictionless checks them in the tests, it is not needed at runtime)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from diplodb.export import Field, View

PACKAGE_NAME = "diplodb"

# Foreign keys are inferred: a column named like another view's one-column key refers to
# it (visit_id -> visits). These columns refer to a key under another name.
REFERS_TO: dict[tuple[str, str], tuple[str, str]] = {
    ("visits", "visitor_id"): ("persons", "person_id"),
}
# The CSV dialect (declared in the package, README "Open-data export"): NULL is an empty
# field, booleans are TRUE/FALSE.
CSV_TRUE, CSV_FALSE = "TRUE", "FALSE"
CSV_DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True,
               "lineTerminator": "\n"}
def _foreign_keys(view: View, keys: dict[str, list[str]]) -> list[dict]:
    owners: dict[str, str] = {}
    for name, key in keys.items():  # the first view keyed by a column owns it
        if len(key) == 1:
            owners.setdefault(key[0], name)
    foreign = []
    for field in view.fields:
        target = REFERS_TO.get((view.name, field.name))
        if target is None and field.name in owners and owners[field.name] != view.name:
            target = (owners[field.name], field.name)
        if target is not None:
            foreign.append({"fields": [field.name],
                            "reference": {"resource": target[0], "fields": [target[1]]}})
    return foreign


def _field_descriptor(field: Field, *, csv: bool) -> dict:
    out: dict = {"name": field.name, "type": field.table_type, "description": field.description}
    if csv and field.table_type == "boolean":
        out["trueValues"], out["falseValues"] = [CSV_TRUE], [CSV_FALSE]
    if field.required:
        out["constraints"] = {"required": True}
    return out


def _resource(view: View, keys: dict[str, list[str]], *, csv: bool) -> dict:
    schema: dict = {"fields": [_field_descriptor(f, csv=csv) for f in view.fields]}
    if csv:
        schema["missingValues"] = [""]
    if view.key:
        schema["primaryKey"] = view.key
    foreign = _foreign_keys(view, keys)
    if foreign:
        schema["foreignKeys"] = foreign
    if csv:
        return {"name": view.name, "path": f"{view.name}.csv", "profile": "tabular-data-resource",
                "description": view.description, "format": "csv", "mediatype": "text/csv",
                "encoding": "utf-8", "dialect": CSV_DIALECT, "schema": schema}
    return {"name": view.name, "path": f"{view.name}.parquet",
            "profile": "tabular-data-resource", "description": view.description,
            "format": "parquet", "mediatype": "application/vnd.apache.parquet",
            "schema": schema}


# The Parquet files are described by a second package, beside datapackage.json, with the
# same resource names (frictionless 5 cannot read Parquet list columns, so one package
# holding both would not validate).
PARQUET_PACKAGE = "datapackage-parquet.json"


def descriptor(views: list[View], about: dict, sources: list[dict], seeds: Path, *,
                csv: bool = True, others: list[dict] = ()) -> dict:
    """The CSV package (``datapackage.json``) or its Parquet twin. ``others``: resources
    that are not tables (``popolo.json``), described by their own descriptors; with any,
    the package is a plain ``data-package`` (a tabular one admits tables only)."""
    dataset = yaml.safe_load((seeds / "dataset.yaml").read_text(encoding="utf-8"))
    licence = dataset["licence"]
    keys = {v.name: v.key for v in views}
    files = ("<view>.csv; in CSV an empty field is NULL, booleans are TRUE/FALSE and an "
             f"array is a JSON array. {PARQUET_PACKAGE} describes the same rows and columns "
             "in <view>.parquet" if csv else
             "<view>.parquet (NULL is a Parquet null, an array a list); datapackage.json "
             "describes the same rows and columns in <view>.csv")
    return {
        "name": PACKAGE_NAME if csv else f"{PACKAGE_NAME}-parquet",
        "title": dataset["title"],
        "description": (
            f"The analyst views of diplodb (schema analytics), one resource per view: {files}. "
            + "".join(f"{r['path']} (resource {r['name']}) is JSON, not a table; its "
                      "description says what it holds. " for r in others) +
            "A range column X is two columns X_start (inclusive) and X_end (exclusive); "
            f"text-search vectors are left out. Seed digest {about.get('seed_digest')}, "
            f"schema revision {about.get('schema_revision')}. Licence note: "
            f"{' '.join(licence['note'].split())}"),
        "version": about.get("data_version"),
        "profile": "data-package" if others else "tabular-data-package",
        "licenses": [{"name": licence["name"], "path": licence["path"],
                      "title": licence["title"]}],
        "sources": sources,
        "resources": [*(_resource(v, keys, csv=csv) for v in views), *others],
    }
