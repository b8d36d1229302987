"""popolo.json, a resource of the export: valid against the Popolo JSON Schemas (as
restated in tests/schemas/popolo.schema.json, with every class closed to properties
the specification does not define), read back by an independent Popolo reader, and
holding what the analytics views hold."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import text

from diplodb.export import export

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "popolo.schema.json").read_text())


@pytest.fixture(scope="module")
def exported(seeded_url, tmp_path_factory):
    directory = tmp_path_factory.mktemp("popolo") / "package"
    export(seeded_url, directory)
    return directory


@pytest.fixture(scope="module")
def popolo(exported):
    return json.loads((exported / "popolo.json").read_text(encoding="utf-8"))


def validator():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_popolo_json_is_valid_popolo(popolo):
    errors = sorted(validator().iter_errors(popolo), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:10]]


def test_the_schema_refuses_what_popolo_does_not_define(popolo):
    broken = json.loads(json.dumps(popolo))
    broken["persons"][0]["wikidata_qid"] = "Q1"  # not a Popolo property: identifiers holds it
    broken["memberships"][0]["start_date"] = "3 August 2021"
    messages = [e.message for e in validator().iter_errors(broken)]
    assert any("'wikidata_qid' was unexpected" in m for m in messages)
    assert any("does not match" in m for m in messages)


def test_one_person_per_person_with_other_names_and_their_sources(popolo, engine):
    with engine.connect() as conn:
        persons = {r.person_id: r for r in conn.execute(text("select * from analytics.persons"))}
        variants = conn.execute(text(
            "select n.person_id, n.name, array_agg(distinct c.source_id order by c.source_id) "
            "filter (where c.source_id is not null) as sources "
            "from analytics.person_names n left join analytics.citations c "
            "on c.fact_type = 'person_name' and c.fact_id = n.name_id and c.stance = 'supports' "
            "where not n.is_canonical group by n.person_id, n.name")).all()
    by_id = {p["id"]: p for p in popolo["persons"]}
    assert list(by_id) == sorted(persons)
    for person_id, row in persons.items():
        person = by_id[person_id]
        assert person["name"] == row.name
        assert person.get("identifiers", []) == (
            [{"scheme": "wikidata", "identifier": row.wikidata_qid}] if row.wikidata_qid else [])
        assert person["sources"][0]["url"] == row.reference_url
    assert len(variants) > 0
    for person_id, name, sources in variants:
        other = [o for o in by_id[person_id]["other_names"] if o["name"] == name]
        assert len(other) == 1, (person_id, name)
        assert other[0]["note"] == "Written so in source " + ", ".join(sources)
    khamenei = by_id["ali-khamenei"]
    assert khamenei["identifiers"] == [{"scheme": "wikidata", "identifier": "Q57336"}]


def test_memberships_are_the_terms_with_dates_at_their_precision(popolo, engine):
    with engine.connect() as conn:
        terms = {r.term_id: r for r in conn.execute(text("select * from analytics.office_terms"))}
    memberships = {m["id"]: m for m in popolo["memberships"]}
    assert list(memberships) == sorted(terms)
    length = {"day": 10, "month": 7, "year": 4}
    for term_id, term in terms.items():
        m = memberships[term_id]
        assert (m["person_id"], m["post_id"], m["organization_id"]) == \
            (term.person_id, term.office_id, term.country_code)
        assert m["start_date"] == term.term_start.isoformat()[:length[term.start_precision]]
        if term.term_end is None:
            assert "end_date" not in m
        else:  # the first day no longer in office, as stored
            assert m["end_date"] == term.term_end.isoformat()[:length[term.end_precision]]
        assert m["sources"][0]["url"] == term.reference_url
    # Written from office_terms.yaml: Soleimani from 1998 (year only), Rouhani to the day
    # Raisi took office.
    assert memberships["soleimani-quds-force"]["start_date"] == "1998"
    assert memberships["kadhimi-intelligence-director"]["start_date"] == "2016-06"
    assert memberships["rouhani-president"]["end_date"] == \
        memberships["raisi-president"]["start_date"] == "2021-08-03"
    dt.date.fromisoformat(memberships["raisi-president"]["end_date"])


def test_posts_and_organizations_link_up_with_their_identifiers(popolo):
    organizations = {o["id"]: o for o in popolo["organizations"]}
    posts = {p["id"]: p for p in popolo["posts"]}
    persons = {p["id"] for p in popolo["persons"]}
    for m in popolo["memberships"]:
        assert m["person_id"] in persons and m["post_id"] in posts
        assert m["organization_id"] == posts[m["post_id"]]["organization_id"]
    assert {p["organization_id"] for p in posts.values()} <= set(organizations)
    iran = {i["scheme"]: i["identifier"] for i in organizations["IRN"]["identifiers"]}
    assert iran == {"iso_3166_1_alpha_3": "IRN", "iso_3166_1_alpha_2": "IR", "cow": "630",
                    "gw": "630", "wikidata": "Q794"}
    palestine = {i["scheme"] for i in organizations["PSE"]["identifiers"]}
    assert "cow" not in palestine and "gw" not in palestine
    assert posts["irn-president"]["links"] == [
        {"url": "https://www.wikidata.org/wiki/Q838380",
         "note": "Wikidata item of the position (Q838380)"}]
    assert "links" not in posts["irn-foreign-minister"]  # no QID confirmed


def test_popolo_is_a_resource_of_both_packages(exported):
    for name in ("datapackage.json", "datapackage-parquet.json"):
        package = json.loads((exported / name).read_text())
        assert package["profile"] == "data-package"
        popolo = [r for r in package["resources"] if r["name"] == "popolo"]
        assert len(popolo) == 1 and popolo[0]["path"] == "popolo.json"
        assert popolo[0]["mediatype"] == "application/json"


def test_a_popolo_reader_reads_persons_memberships_and_identifiers(exported, engine):
    """mySociety's Popolo reader (everypolitician-popolo, written for EveryPolitician's
    Popolo files) finds every person with their Wikidata item, and every office term
    as a membership of its person, organisation and post with its dates."""
    from popolo_data.importer import Popolo

    read = Popolo.from_filename(str(exported / "popolo.json"))
    with engine.connect() as conn:
        persons = {r.person_id: r for r in conn.execute(text("select * from analytics.persons"))}
        terms = conn.execute(text("select * from analytics.office_terms")).all()
    assert {p.id for p in read.persons} == set(persons)
    for person in read.persons:
        assert person.name == persons[person.id].name
        assert person.wikidata == persons[person.id].wikidata_qid
    # a start at month or year precision reads as its period: compare its first day
    memberships = {(m.person.id, m.post.label, m.start_date.earliest_date if m.start_date
                    else None) for m in read.memberships}
    assert len(read.memberships) == len(terms)
    for term in terms:
        assert (term.person_id, term.office_title, term.term_start) in memberships
