"""events.jsonl (contract v1.3): every coded, dated event of analytics.events as a PLOVER
JSON record, each valid against db/schemas/plover-event.schema.json (jsonschema), with its
first quote inside the sentence its text_info names, and a resource of the data package."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import text

from diplodb import plover
from diplodb.export import export


@pytest.fixture(scope="module")
def exported(seeded_url, tmp_path_factory):
    directory = tmp_path_factory.mktemp("events-export") / "package"
    export(seeded_url, directory)
    return directory


@pytest.fixture(scope="module")
def records(exported):
    lines = (exported / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_every_record_is_valid_against_the_plover_schema(records):
    validator = Draft202012Validator(plover.schema(),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert records
    for record in records:
        assert list(validator.iter_errors(record)) == [], record["id"]
        assert plover.problems(record) == [], record["id"]
        assert record["cite_info"]["codebook"] == "diplodb-plover-1"


def test_one_record_per_coded_dated_event(records, engine):
    with engine.connect() as conn:
        events = {row.event_id: row for row in conn.execute(text(
            "select * from analytics.events where plover_event is not null "
            "and earliest is not null"))}
        about = conn.execute(text("select data_version from analytics.about")).scalar()
    assert [r["id"] for r in records] == sorted(f"diplodb-{e}" for e in events)
    for record in records:
        event = events[record["id"].removeprefix("diplodb-")]
        assert (record["event"], record["mode"], record["context"], record["cameo"]) == (
            [event.plover_event], event.plover_modes, event.plover_contexts, event.cameo_code)
        assert record["date"] == event.earliest.isoformat()
        assert [a["code"] for a in record["actor"]] == event.actor_country_codes
        assert [r["code"] for r in record["recipient"]] == event.recipient_country_codes
        assert record["cite_info"]["version"] == about
        assert record["source_count"] == event.source_count


def test_text_info_is_the_sentence_holding_the_first_quote(records, engine):
    with engine.connect() as conn:
        bodies = dict(conn.execute(text("select source_id, body from analytics.sources")).all())
    for record in records:
        info, body = record["text_info"], bodies[record["cite_info"]["citation"]]
        assert record["event_text"][0] in body[info["start"]:info["end"]], record["id"]


def test_the_visit_to_tehran_as_a_plover_record(records):
    record = {r["id"]: r for r in records}["diplodb-visit-kadhimi-iran-2020-07"]
    assert record["event"] == ["CONSULT"] and record["mode"] == ["visit"]
    assert record["actor"][0]["code"] == "IRQ"
    assert record["actor"][0]["entity_text"] == "Mustafa Al-Kadhimi"
    assert record["recipient"][0]["code"] == "IRN"
    assert record["event_loc"]["geonameid"] == 112931
    assert record["quad_code"] == 1 and record["cameo"] == "042"


def test_events_jsonl_is_a_resource_of_both_packages(exported):
    for name in ("datapackage.json", "datapackage-parquet.json"):
        package = json.loads((exported / name).read_text(encoding="utf-8"))
        assert "events.jsonl" in [r["path"] for r in package["resources"]]
