"""``events.jsonl``: analytics.events in PLOVER's JSON fields (PLOVER_MANUAL.tex, "PLOVER
JSON"), one line per event with a PLOVER category and an earliest day, each checked
against db/schemas/plover-event.schema.json (``diplodb.plover.problems``) before it is
written. Read in the export's snapshot; docs/coding.md, "Phase 2", gives the fields."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from diplodb import plover
from diplodb.errors import DiplodbError

EVENTS_FILE = "events.jsonl"
RESOURCE = {
    "name": "events-plover",
    "path": EVENTS_FILE,
    "profile": "data-resource",
    "format": "jsonl",
    "mediatype": "application/x-ndjson",
    "encoding": "utf-8",
    "description": (
        "analytics.events as PLOVER event records (openeventdata/PLOVER, PLOVER_MANUAL.tex, "
        "\"PLOVER JSON\"), one JSON object per line, ordered by id: id, date, enddate, actor "
        "and recipient (entities with ISO alpha-3 code, sector, name and Wikidata "
        "identifier), event, mode, context, quad_code, event_loc (GeoNames id and "
        "coordinates, or null), event_text (the supporting quotes), text_info (the "
        "sentence of the first quote: sequence, start, end character offsets in its "
        "source's body), cite_info (source, codebook diplodb-plover-1, data version); "
        "extension fields cameo, diplodb_fact_type, diplodb_fact_id, diplodb_status, "
        "date_edtf, source_count, sources. Events PLOVER does not code (no category) or "
        "without an earliest day are left out. Valid against the JSON Schema "
        "plover-event.schema.json shipped in the diplodb package (derived from the "
        "manual's tables, CC BY-SA 4.0, Open Event Data Alliance)."),
}
# PLOVER's "resolution" by the kind of place: 5 sub-city, 4 city, 2 province
RESOLUTION = {"city": 4, "region": 2, "venue": 5, "airport": 5, "site": 5}
# PLOVER sector of an organisation by its kind; a person's is GOV (docs/coding.md)
SECTOR = {"government": "GOV", "media": "JRN", "armed_group": "MIL"}

EVENTS_SQL = """
select e.*, pl.name as place_name, pl.kind as place_kind, pl.country_code as place_country,
       o.kind as organization_kind
from analytics.events e
left join analytics.places pl on pl.place_id = e.place_id
left join core.organization o on o.organization_id = e.actor_id
order by e.event_id collate "C"
"""
# A total order: two quotes of one fact and source may start at the same character (one
# ending inside the other), and event_text lists them in this order whatever the plan.
QUOTES_SQL = """
select c.fact_type, c.fact_id, c.source_id, c.quote, c.char_start, s.title, s.url,
       s.language, s.publisher, ss.sentence_no, ss.char_start as sentence_start,
       ss.char_end as sentence_end
from analytics.citations c
join analytics.sources s on s.source_id = c.source_id
left join analytics.source_sentences ss on ss.source_id = c.source_id
 and c.char_start >= ss.char_start and c.char_start < ss.char_end
where c.stance = 'supports' and c.fact_type in
      ('visit', 'meeting', 'activity', 'statement', 'agreement')
order by c.fact_type, c.fact_id, c.source_id collate "C", c.char_start, c.char_end,
         c.evidence_id
"""


def _entities(codes: list[str], lead: dict | None) -> list[dict]:
    """One entity per country of the list; the lead person or organisation is named in
    its country's entity (compound actors: one entity per member, as the manual says)."""
    out = []
    for code in codes:
        entity = {"code": code, "sector": "GOV"}
        if lead and lead["country"] == code and lead["name"]:
            entity["sector"] = SECTOR.get(lead["kind"], "GOV")
            entity["entity_text"] = lead["name"]
            if lead["qid"]:
                entity["identifier_id"] = lead["qid"]
                entity["identifier_text"] = lead["name"]
            lead = None
        out.append(entity)
    return out


def _location(event: dict) -> dict | None:
    if event["place_id"] is None:
        return None
    loc = {"resolved_place": event["place_name"], "country_code": event["place_country"],
           "resolution": RESOLUTION.get(event["place_kind"], 5)}
    if event["geonames_id"] is not None:
        loc["geonameid"] = event["geonames_id"]
    if event["latitude"] is not None:
        loc["lat"], loc["lon"] = float(event["latitude"]), float(event["longitude"])
    return loc


def records(conn) -> tuple[list[dict], int]:
    """The events.jsonl records, and how many events were left out."""
    version = conn.execute(text("select data_version from analytics.about")).scalar() or ""
    quotes: dict[tuple[str, str], list[dict]] = {}
    for row in conn.execute(text(QUOTES_SQL)).mappings():
        quotes.setdefault((row["fact_type"], row["fact_id"]), []).append(dict(row))
    quads = plover.quad_codes()
    out, left_out = [], 0
    for event in conn.execute(text(EVENTS_SQL)).mappings():
        cited = [q for q in quotes.get((event["fact_type"], event["fact_id"]), [])
                 if q["sentence_no"] is not None]
        if event["plover_event"] is None or event["earliest"] is None or not cited:
            left_out += 1
            continue
        actor = {"country": event["actor_country_code"], "name": event["actor_name"],
                 "qid": event["actor_wikidata_qid"],
                 "kind": event["organization_kind"]} if event["actor_id"] else None
        recipient = {"country": event["recipient_country_code"],
                     "name": event["recipient_name"] if event["recipient_id"] else None,
                     "qid": event["recipient_wikidata_qid"], "kind": None}
        first = cited[0]
        record = {
            "id": f"diplodb-{event['event_id']}",
            "date": event["earliest"].isoformat(),
            "enddate": (event["latest"] or event["earliest"]).isoformat(),
            "actor": _entities(event["actor_country_codes"], actor),
            "recipient": _entities(event["recipient_country_codes"], recipient),
            "event": [event["plover_event"]],
            "mode": list(event["plover_modes"]),
            "context": list(event["plover_contexts"]),
            "quad_code": quads[event["plover_event"]],
            "event_loc": _location(event),
            "event_text": list(dict.fromkeys(q["quote"] for q in cited)),
            "text_info": {"sequence": first["sentence_no"], "start": first["sentence_start"],
                          "end": first["sentence_end"]},
            "cite_info": {k: v for k, v in {
                "corpus": "diplodb", "citation": first["source_id"], "url": first["url"],
                "title": first["title"], "language": first["language"],
                "publication": first["publisher"], "codebook": plover.CODEBOOK,
                "version": version}.items() if v is not None},
            "cameo": event["cameo_code"],
            "diplodb_fact_type": event["fact_type"],
            "diplodb_fact_id": event["fact_id"],
            "diplodb_status": event["status"],
            "date_edtf": event["date_edtf"],
            "source_count": event["source_count"],
            "sources": sorted({q["source_id"] for q in cited}),
        }
        if record["cameo"] is None:
            del record["cameo"]
        problems = plover.problems(record)
        if problems:
            raise DiplodbError(f"events.jsonl: {record['id']} is not a valid PLOVER record: "
                               f"{problems[0]}")
        out.append(record)
    return out, left_out


def write(conn, directory: Path) -> int:
    """Write ``events.jsonl`` into ``directory``; return the number of events left out."""
    lines, left_out = records(conn)
    with open(directory / EVENTS_FILE, "w", encoding="utf-8", newline="\n") as handle:
        for record in lines:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return left_out
