"""``popolo.json`` of an export: the persons, their offices and terms in the Popolo data
model (popoloproject.com), which politician registries (EveryPolitician, Open Civic
Data, Wikidata tools) read.

Built from the analytics views inside the export's snapshot, so it holds exactly the
data of the CSV and Parquet files beside it:

- ``persons``: one per analytics.persons row: ``name`` the canonical name, ``other_names``
  every other spelling of analytics.person_names with the sources that write it (in its
  ``note``), ``identifiers`` the Wikidata QID where one is confirmed, ``sources`` the
  person's reference entry and the source articles (with a URL) naming the person.
- ``organizations``: one per country (analytics.countries), classification ``country``,
  with its ISO 3166-1, Correlates of War, Gleditsch-Ward and Wikidata identifiers: the
  organisation in which an office is held.
- ``posts``: one per office that has a term (analytics.office_terms), held in its country;
  the office's Wikidata item is a link (Popolo posts carry no identifiers).
- ``memberships``: one per term in office. ``start_date`` and ``end_date`` are written at
  their precision (YYYY, YYYY-MM or YYYY-MM-DD); ``end_date`` is analytics.office_terms
  .term_end as stored, the first day no longer in office (a successor's start_date
  equals it), and is left out while no end is recorded.

Every list is ordered by id (byte order), and the JSON is written with sorted keys, so
two exports of the same data are byte-identical."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from sqlalchemy import text

POPOLO_FILE = "popolo.json"
WIKIDATA_ENTITY = "https://www.wikidata.org/wiki/{qid}"
DATE_LENGTH = {"day": 10, "month": 7, "year": 4}
# Popolo identifier schemes of a country, from analytics.countries.
COUNTRY_SCHEMES = (("iso_3166_1_alpha_3", "country_code"), ("iso_3166_1_alpha_2", "iso_alpha2"),
                   ("cow", "cow_code"), ("gw", "gw_code"), ("wikidata", "wikidata_qid"))
RESOURCE = {
    "name": "popolo",
    "path": POPOLO_FILE,
    "profile": "data-resource",
    "format": "json",
    "mediatype": "application/json",
    "encoding": "utf-8",
    "description": (
        "The persons, offices and terms in office in the Popolo data model "
        "(https://www.popoloproject.com/): persons (canonical name, other_names with the "
        "sources that write each spelling, Wikidata identifier, sources), organizations "
        "(the countries, with ISO 3166-1, Correlates of War 'cow', Gleditsch-Ward 'gw' and "
        "Wikidata identifiers), posts (the offices, each held in its country, its Wikidata "
        "item as a link) and memberships (one per term in office, dates at their precision; "
        "end_date is the first day no longer in office, as analytics.office_terms.term_end). "
        "Ids are the analytics views' ids: person_id, country_code, office_id, term_id."),
    "sources": [{"title": "Popolo specification", "path": "https://www.popoloproject.com/specs/"}],
}


def _rows(conn, sql: str) -> list[dict]:
    return [dict(row) for row in conn.execute(text(sql)).mappings()]


def _date(value, precision: str | None) -> str | None:
    return None if value is None else value.isoformat()[:DATE_LENGTH[precision]]


def _link(url: str | None, note: str) -> list[dict]:
    return [] if url is None else [{"url": url, "note": note}]


def _compact(item: dict) -> dict:
    """Leave out what is not known (NULL, empty lists) rather than writing null."""
    return {key: value for key, value in item.items() if value not in (None, [])}


def document(conn) -> dict:
    """The Popolo document of the data ``conn`` sees (the export's snapshot)."""
    sources = {r["source_id"]: r for r in _rows(conn, "select source_id, title, url "
                                                      "from analytics.sources")}
    cited: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in _rows(conn, "select fact_type, fact_id, source_id from analytics.citations "
                         "where fact_type in ('person_name', 'office_term') "
                         "and stance = 'supports'"):
        cited[r["fact_type"], r["fact_id"]].add(r["source_id"])

    def articles(source_ids) -> list[dict]:
        return [link for s in sorted(source_ids)
                for link in _link(sources[s]["url"], f"Source article {s}: {sources[s]['title']}")]

    names: dict[str, list[dict]] = defaultdict(list)
    for r in _rows(conn, "select name_id, person_id, name, is_canonical "
                         "from analytics.person_names"):
        names[r["person_id"]].append(r)
    persons = []
    for p in _rows(conn, "select person_id, name, wikidata_qid, reference_url "
                         "from analytics.persons"):
        variants = sorted(names[p["person_id"]], key=lambda n: n["name_id"])
        naming = set().union(*(cited["person_name", n["name_id"]] for n in variants))
        persons.append(_compact({
            "id": p["person_id"],
            "name": p["name"],
            "other_names": [_compact({"name": n["name"], "note": _written_in(
                cited["person_name", n["name_id"]])}) for n in variants if not n["is_canonical"]],
            "identifiers": ([{"scheme": "wikidata", "identifier": p["wikidata_qid"]}]
                            if p["wikidata_qid"] else []),
            "sources": (_link(p["reference_url"], "Reference entry for the canonical name")
                        + articles(naming)),
        }))
    organizations = [_compact({
        "id": c["country_code"],
        "name": c["name"],
        "classification": "country",
        "identifiers": [{"scheme": scheme, "identifier": str(c[column])}
                        for scheme, column in COUNTRY_SCHEMES if c[column] is not None],
        "sources": [{"url": url, "note": f"Reference for the {what} identifier"}
                    for what, url in (("ISO 3166-1", c["iso_reference_url"]),
                                      ("Correlates of War", c["cow_reference_url"]),
                                      ("Gleditsch-Ward", c["gw_reference_url"]),
                                      ("Wikidata", c["wikidata_reference_url"]))
                    if url is not None],
    }) for c in _rows(conn, "select * from analytics.countries")]
    terms = _rows(conn, "select * from analytics.office_terms")
    posts = {t["office_id"]: _compact({
        "id": t["office_id"],
        "label": t["office_title"],
        "organization_id": t["country_code"],
        "links": _link(t["office_wikidata_qid"] and
                       WIKIDATA_ENTITY.format(qid=t["office_wikidata_qid"]),
                       f"Wikidata item of the position ({t['office_wikidata_qid']})"),
    }) for t in terms}
    memberships = [_compact({
        "id": t["term_id"],
        "person_id": t["person_id"],
        "organization_id": t["country_code"],
        "post_id": t["office_id"],
        "role": t["office_title"],
        "start_date": _date(t["term_start"], t["start_precision"]),
        "end_date": _date(t["term_end"], t["end_precision"]),
        "sources": (_link(t["reference_url"], f"Reference for the dates: {t['reference_title']}")
                    + articles(cited["office_term", t["term_id"]])),
    }) for t in terms]
    by_id = lambda item: item["id"]  # noqa: E731
    return {"persons": sorted(persons, key=by_id),
            "organizations": sorted(organizations, key=by_id),
            "posts": sorted(posts.values(), key=by_id),
            "memberships": sorted(memberships, key=by_id)}


def _written_in(source_ids: set[str]) -> str | None:
    if not source_ids:
        return None
    return "Written so in source " + ", ".join(sorted(source_ids))


def write(conn, directory: Path) -> None:
    """Write ``popolo.json`` into ``directory``."""
    (directory / POPOLO_FILE).write_text(
        json.dumps(document(conn), indent=2, ensure_ascii=False, sort_keys=True) + "\n",
        encoding="utf-8")
