"""`diplodb export`: a Frictionless data package of the analytics views, checked with the
tools its readers use (frictionless, pyarrow, pandas), and byte-identical when repeated."""

import json
import os
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest
from sqlalchemy import text

from diplodb.export import export
from diplodb.urls import libpq_url


def tables(package: dict) -> list[dict]:
    """The package's table resources (one per view); popolo.json and events.jsonl are the
    ones that are not."""
    return [r for r in package["resources"] if r["profile"] == "tabular-data-resource"]


@pytest.fixture(scope="module")
def exported(seeded_url, tmp_path_factory):
    directory = tmp_path_factory.mktemp("export") / "package"
    report = export(seeded_url, directory)
    return directory, report


@pytest.fixture(scope="module")
def package(exported):
    return json.loads((exported[0] / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def views(engine):
    with engine.connect() as conn:
        return conn.execute(text(
            "select table_name from information_schema.views where table_schema = 'analytics' "
            "order by 1")).scalars().all()


def test_frictionless_validates_the_package(exported):
    from frictionless import validate

    report = validate(str(exported[0] / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])


def test_one_resource_per_view_with_keys_and_documented_fields(package, views, engine):
    resources = {r["name"]: r for r in tables(package)}
    assert sorted(resources) == views and len(views) >= 18
    others = [r["name"] for r in package["resources"] if r not in tables(package)]
    assert others == ["popolo", "events-plover"]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert len(package["sources"]) == 5
    with engine.connect() as conn:
        comments = {(r.table_name, r.column_name): r.comment for r in conn.execute(text(
            "select c.table_name, c.column_name, col_description(to_regclass("
            "'analytics.' || c.table_name), c.ordinal_position) as comment "
            "from information_schema.columns c where c.table_schema = 'analytics'"))}
        version = conn.execute(text("select data_version from analytics.about")).scalar()
    assert package["version"] == version
    for name, resource in resources.items():
        schema = resource["schema"]
        assert "one row per" in resource["description"].lower(), name
        assert schema["primaryKey"], f"{name} has no primaryKey: declare its grain in diplodb.views.GRAIN"
        for field in schema["fields"]:
            assert field["description"], (name, field["name"])
            if (name, field["name"]) in comments:
                assert field["description"] == comments[(name, field["name"])]
        names = [f["name"] for f in schema["fields"]]
        assert "search" not in names and "term" not in names
    fields = {f["name"]: f["type"] for f in resources["meetings"]["schema"]["fields"]}
    assert fields["participant_ids"] == "array" and fields["held_on"] == "date"
    assert {"fields": ["visit_id"], "reference": {"resource": "visits", "fields": ["visit_id"]}} \
        in resources["visit_participants"]["schema"]["foreignKeys"]
    assert {"fields": ["visitor_id"], "reference": {"resource": "persons", "fields": ["person_id"]}} \
        in resources["visits"]["schema"]["foreignKeys"]


def test_office_term_range_is_its_start_and_end_columns(engine):
    """The export leaves `term` out because term_start and term_end are its bounds."""
    with engine.connect() as conn:
        assert conn.execute(text(
            "select count(*) from analytics.office_terms "
            "where term is distinct from daterange(term_start, term_end, '[)')")).scalar() == 0


def test_parquet_files_read_back_with_each_views_row_count(exported, package, engine):
    directory, report = exported
    with engine.connect() as conn:
        for resource in tables(package):
            name = resource["name"]
            table = pq.read_table(directory / f"{name}.parquet")
            count = conn.execute(text(f"select count(*) from analytics.{name}")).scalar()
            assert table.num_rows == count == report.rows[name], name
            assert table.column_names == [f["name"] for f in resource["schema"]["fields"]]
    participants = pq.read_table(directory / "meetings.parquet").column("participant_ids")
    assert str(participants.type).startswith("list<")


PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}


def _read_csv_as_declared(path, fields):
    return pd.read_csv(
        path, keep_default_na=False, na_values=[""],
        dtype={f["name"]: PANDAS_TYPES[f["type"]] for f in fields if f["type"] in PANDAS_TYPES},
        parse_dates=[f["name"] for f in fields if f["type"] in ("date", "datetime")],
        converters={f["name"]: (lambda s: json.loads(s) if s else None)
                    for f in fields if f["type"] == "array"})


def _plain(value, kind):
    if not isinstance(value, list) and pd.isna(value):
        return None
    return {"date": lambda v: v.date(), "integer": int, "number": float,
            "boolean": bool}.get(kind, lambda v: v)(value)


def test_pandas_reads_every_csv_with_the_declared_types_and_parquets_values(exported, package):
    directory, _ = exported
    checks = {"integer": pd.api.types.is_integer_dtype, "number": pd.api.types.is_float_dtype,
              "boolean": pd.api.types.is_bool_dtype, "date": pd.api.types.is_datetime64_any_dtype,
              "datetime": pd.api.types.is_datetime64_any_dtype,
              "string": pd.api.types.is_string_dtype}
    for resource in tables(package):
        fields = resource["schema"]["fields"]
        frame = _read_csv_as_declared(directory / resource["path"], fields)
        assert list(frame.columns) == [f["name"] for f in fields]
        for field in fields:
            if field["type"] in checks and frame[field["name"]].notna().any():
                assert checks[field["type"]](frame[field["name"]]), (resource["name"], field)
        from_csv = [{f["name"]: _plain(row[f["name"]], f["type"]) for f in fields}
                    for row in frame.to_dict("records")]
        from_parquet = pq.read_table(directory / f"{resource['name']}.parquet").to_pylist()
        assert from_csv == from_parquet, resource["name"]


def test_export_command_is_byte_identical_to_the_first_export(exported, seeded_url, tmp_path):
    first, _ = exported
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"}
    env["DATABASE_URL"] = libpq_url(seeded_url, show_password=True)
    second = tmp_path / "again"
    result = subprocess.run([sys.executable, "-m", "diplodb.cli", "export", str(second)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"exported {len(exported[1].rows)} views, ")
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    # two packages, popolo.json, events.jsonl, and a CSV and a Parquet file per view
    assert len(names) == 4 + 2 * len(tables(json.loads((first / "datapackage.json").read_text())))
    different = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    assert different == []


def test_python_analysis_example_answers_and_draws_its_chart(exported, tmp_path):
    from diplodb.paths import CHECKOUT_ROOT

    script = CHECKOUT_ROOT / "examples" / "analysis.py"
    result = subprocess.run([sys.executable, str(script), str(exported[0]), str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    q1 = result.stdout.split("Q1.", 1)[1].split("Q10.", 1)[0]
    assert "Masoud Pezeshkian" in q1 and "President of Iran" in q1 and "Saudi" not in q1
    q10 = result.stdout.split("Q10.", 1)[1].split("Visits and statements", 1)[0]
    assert "target" in q10 and "20.0" in q10 and "over" in q10 and "10.0" in q10
    png = tmp_path / "visits_and_statements_per_year.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


# -- the Parquet package, required fields, the CSV dialect --------------------------------
def test_parquet_package_describes_the_parquet_files_with_the_csv_schemas(exported, package):
    directory, _ = exported
    parquet = json.loads((directory / "datapackage-parquet.json").read_text(encoding="utf-8"))
    assert parquet["version"] == package["version"]
    csv_resources = {r["name"]: r for r in tables(package)}
    assert [r["name"] for r in tables(parquet)] == list(csv_resources)
    for resource in tables(parquet):
        assert resource["format"] == "parquet" and resource["path"] == f"{resource['name']}.parquet"
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == [
            f["name"] for f in csv_resources[resource["name"]]["schema"]["fields"]]
        arrow = pq.read_schema(directory / resource["path"])
        for field in fields:
            required = field.get("constraints", {}).get("required", False)
            assert arrow.field(field["name"]).nullable is not required, (resource["name"], field)


def test_key_fields_are_required_and_required_fields_hold_no_null(exported, package):
    directory, _ = exported
    for resource in tables(package):
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        table = pq.read_table(directory / f"{resource['name']}.parquet")
        for name in resource["schema"]["primaryKey"]:
            assert fields[name].get("constraints", {}).get("required"), (resource["name"], name)
        for name, field in fields.items():
            if field.get("constraints", {}).get("required"):
                assert table.column(name).null_count == 0
    nullable = {f["name"] for r in tables(package) if r["name"] == "visits"
                for f in r["schema"]["fields"] if not f.get("constraints")}
    assert "end_date" in nullable  # ongoing visits have none


def test_csv_dialect_is_declared_and_followed(exported, package):
    """NULL is an empty field and booleans are TRUE/FALSE: R's read.csv reads TRUE/FALSE
    as logical and (with na.strings = "") empty fields as NA; readr, pandas and DuckDB
    read both by default. No text value is the empty string, so empty always means NULL."""
    import csv

    directory, _ = exported
    seen_boolean = seen_null = False
    for resource in tables(package):
        assert resource["dialect"]["delimiter"] == "," and resource["schema"]["missingValues"] == [""]
        types = {f["name"]: f for f in resource["schema"]["fields"]}
        with open(directory / resource["path"], newline="", encoding="utf-8") as handle:
            raw = handle.read()
        for row in csv.DictReader(raw.splitlines()):
            for name, value in row.items():
                if value == "":
                    seen_null = True
                elif types[name]["type"] == "boolean":
                    assert value in ("TRUE", "FALSE"), (resource["name"], name, value)
                    assert types[name]["trueValues"] == ["TRUE"]
                    seen_boolean = True
        table = pq.read_table(directory / f"{resource['name']}.parquet")
        for name, field in types.items():
            if field["type"] == "string":
                assert "" not in table.column(name).to_pylist(), (resource["name"], name)
    assert seen_boolean and seen_null


DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE",
                "boolean": "BOOLEAN", "date": "DATE", "datetime": "TIMESTAMPTZ",
                "array": "VARCHAR"}


def test_duckdb_reads_every_csv_with_the_declared_types_as_the_parquet_holds_it(exported, package):
    duckdb = pytest.importorskip("duckdb")
    directory, _ = exported
    with duckdb.connect() as conn:
        for resource in tables(package):
            fields = resource["schema"]["fields"]
            columns = {f["name"]: DUCKDB_TYPES[f["type"]] for f in fields}
            from_csv = conn.execute("select * from read_csv(?, header = true, columns = ?)",
                                    [str(directory / resource["path"]), columns]).fetchall()
            from_parquet = conn.execute("select * from read_parquet(?)", [
                str(directory / f"{resource['name']}.parquet")]).fetchall()
            arrays = [i for i, f in enumerate(fields) if f["type"] == "array"]
            decoded = [tuple(json.loads(v) if i in arrays and v is not None else v
                             for i, v in enumerate(row)) for row in from_csv]
            assert decoded == from_parquet, resource["name"]


# -- safety: all or nothing, refusals --------------------------------------------------
def _leftovers(parent):
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_non_empty_target_is_refused_unless_overwrite(seeded_url, tmp_path):
    from diplodb.errors import DiplodbError

    target = tmp_path / "out"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(DiplodbError, match="is not empty; add --overwrite"):
        export(seeded_url, target)
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    export(seeded_url, target, overwrite=True)
    names = {p.name for p in target.iterdir()}
    assert "notes.txt" not in names and "datapackage.json" in names
    assert _leftovers(tmp_path) == []
    (tmp_path / "file").write_text("x")
    with pytest.raises(DiplodbError, match="is a file"):
        export(seeded_url, tmp_path / "file")
    with pytest.raises(DiplodbError, match="empty name"):
        export(seeded_url, "")


def test_failed_export_leaves_nothing(seeded_url, tmp_path, monkeypatch):
    import diplodb.export as module

    written = []

    def failing(table, directory, name):
        if len(written) == 3:
            raise OSError(28, "No space left on device", str(directory / f"{name}.csv"))
        written.append(name)
        original(table, directory, name)

    original = module._write_files
    monkeypatch.setattr(module, "_write_files", failing)
    with pytest.raises(OSError):
        export(seeded_url, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_failure_writing_popolo_json_leaves_nothing_either(seeded_url, tmp_path, monkeypatch):
    import diplodb.popolo as popolo

    def failing(conn):
        raise OSError(28, "No space left on device", "popolo.json")

    monkeypatch.setattr(popolo, "document", failing)
    with pytest.raises(OSError):
        export(seeded_url, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_unmigrated_and_unseeded_databases_are_refused_with_no_files(make_database, tmp_path):
    from diplodb.errors import DiplodbError
    from diplodb.migrate import upgrade

    url = make_database()
    with pytest.raises(DiplodbError, match="not migrated"):
        export(url, tmp_path / "a")
    upgrade(url)
    with pytest.raises(DiplodbError, match="never seeded"):
        export(url, tmp_path / "b")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_export_takes_the_licence_and_title_from_the_given_seeds(seeded_url, seeds_copy, tmp_path):
    dataset = seeds_copy / "dataset.yaml"
    dataset.write_text(dataset.read_text().replace("CC-BY-4.0", "CC0-1.0"))
    export(seeded_url, tmp_path / "out", seeds=seeds_copy)
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text())
    assert package["licenses"][0]["name"] == "CC0-1.0"


def test_export_during_a_seed_is_one_data_version(fresh_seeded_url, seeds_copy, tmp_path,
                                                  monkeypatch, exported):
    """A seed that commits while the export runs (after its first view) is not seen at
    all: the package is byte for byte the one of the data before the seed."""
    import diplodb.export as module
    from diplodb.seed.loader import seed

    url = fresh_seeded_url
    dataset = seeds_copy / "dataset.yaml"
    dataset.write_text(dataset.read_text().replace('version: "', 'version: "2099.1.1" # was "'))
    visits = seeds_copy / "annotations" / "000_421877fd24e4fad6.yaml"
    visits.write_text(visits.read_text().replace("'on Tuesday' in the AFP", "'on Tuesday' (edited) in the AFP"))
    references = seeds_copy / "reference" / "references.yaml"  # shows in popolo.json
    references.write_text(references.read_text().replace(
        '"https://en.wikipedia.org/wiki/Ali_Khamenei"', '"https://en.wikipedia.org/wiki/Ali_Khamenei?edited"'))
    original, done = module._read_table, []

    def read_then_seed(conn, view):
        table = original(conn, view)
        if not done:
            done.append(seed(url, seeds_copy))  # commits between two views of the export
        return table

    monkeypatch.setattr(module, "_read_table", read_then_seed)
    during = export(url, tmp_path / "during")
    assert done and during.data_version == exported[1].data_version
    for path in exported[0].iterdir():
        assert (tmp_path / "during" / path.name).read_bytes() == path.read_bytes(), path.name
    monkeypatch.setattr(module, "_read_table", original)
    after = export(url, tmp_path / "after")
    assert after.data_version == "2099.1.1"
    assert "(edited)" in (tmp_path / "after" / "visits.csv").read_text()
    assert "Ali_Khamenei?edited" in (tmp_path / "after" / "popolo.json").read_text()


R_CLASSES = {"string": "character", "integer": "integer", "number": "numeric",
             "boolean": "logical", "date": "Date", "datetime": "character",
             "array": "character"}

R_SCRIPT = r"""
args <- commandArgs(trailingOnly = TRUE)
spec <- read.csv(args[1], colClasses = "character")
for (name in unique(spec$resource)) {
  fields <- spec[spec$resource == name, ]
  declared <- read.csv(file.path(args[2], paste0(name, ".csv")), na.strings = "",
                       colClasses = setNames(fields$class, fields$field))
  guessed <- read.csv(file.path(args[2], paste0(name, ".csv")), na.strings = "")
  for (field in fields$field) {
    cat(name, field, class(declared[[field]])[1], sum(is.na(declared[[field]])),
        class(guessed[[field]])[1], "\n", sep = "\t")
  }
}
"""


def test_r_read_csv_reads_the_declared_types_and_nulls(exported, package, tmp_path):
    """R's read.csv with na.strings = "": the declared classes load, NULL is NA exactly
    where the Parquet file has a null, and booleans are logical even when R guesses."""
    import shutil

    if shutil.which("Rscript") is None:
        pytest.skip("R is not installed (the CSV dialect test covers its documented rules)")
    directory, _ = exported
    rows = ["resource,field,class"]
    for resource in tables(package):
        rows += [f"{resource['name']},{f['name']},{R_CLASSES[f['type']]}"
                 for f in resource["schema"]["fields"]]
    (tmp_path / "spec.csv").write_text("\n".join(rows) + "\n")
    (tmp_path / "read.R").write_text(R_SCRIPT)
    result = subprocess.run(["Rscript", str(tmp_path / "read.R"), str(tmp_path / "spec.csv"),
                             str(directory)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    types = {(r["name"], f["name"]): f["type"] for r in tables(package)
             for f in r["schema"]["fields"]}
    seen = 0
    for line in result.stdout.splitlines():
        name, field, declared, nas, guessed = line.split("\t")[:5]
        assert declared == R_CLASSES[types[(name, field)]], (name, field, declared)
        nulls = pq.read_table(directory / f"{name}.parquet").column(field).null_count
        assert int(nas) == nulls, (name, field, nas, nulls)
        if types[(name, field)] == "boolean" and int(nas) < pq.read_metadata(
                directory / f"{name}.parquet").num_rows:
            assert guessed == "logical", (name, field, guessed)
        seen += 1
    assert seen == len(types)
