"""Countries, places and organisations: the reference frame every fact points into."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Numeric, Text
from sqlalchemy.orm import Mapped, mapped_column

from diplodb import vocab
from diplodb.models.base import (Base, identifier_constraints, named_reference, slug_check,
                                 vocabulary)


class Country(Base):
    __tablename__ = "country"
    __table_args__ = (
        CheckConstraint("code ~ '^[A-Z]{3}$'", name="code_is_alpha3"),
        *identifier_constraints("country"),
        {"comment": "One row per country, keyed by its ISO 3166-1 alpha-3 code, with its "
                    "shared identifiers (ISO alpha-2, Correlates of War, Gleditsch-Ward, "
                    "Wikidata), each from a named reference; one not confirmed is NULL."},
    )

    code: Mapped[str] = mapped_column(Text, primary_key=True,
                                      comment="ISO 3166-1 alpha-3 code, e.g. IRN, IRQ.")
    name: Mapped[str] = mapped_column(Text, unique=True, comment="English short name.")
    iso_alpha2: Mapped[str | None] = mapped_column(
        Text, comment="ISO 3166-1 alpha-2 code, e.g. IR.")
    iso_reference_id: Mapped[str | None] = named_reference("the ISO 3166-1 codes (alpha-2 and alpha-3)")
    cow_code: Mapped[int | None] = mapped_column(
        Integer, comment="Correlates of War state number (ccode), e.g. 630; NULL when the "
                         "country has none.")
    cow_reference_id: Mapped[str | None] = named_reference("cow_code")
    gw_code: Mapped[int | None] = mapped_column(
        Integer, comment="Gleditsch-Ward state number, e.g. 630; NULL when the country has none.")
    gw_reference_id: Mapped[str | None] = named_reference("gw_code")
    wikidata_qid: Mapped[str | None] = mapped_column(
        Text, comment="Wikidata item of the country, e.g. Q794; NULL when not confirmed.")
    wikidata_reference_id: Mapped[str | None] = named_reference("wikidata_qid")
    identifier_note: Mapped[str | None] = mapped_column(
        Text, comment="Why an identifier is NULL (none exists, or not confirmed).")


class Place(Base):
    __tablename__ = "place"
    __table_args__ = (
        slug_check("place_id"),
        vocabulary("kind", vocab.PLACE_KIND),
        *identifier_constraints("place"),
        {"comment": "One row per named place (city, region, venue, airport, site), with its "
                    "GeoNames id, coordinates and Wikidata item, each from a named "
                    "reference; one not confirmed is NULL."},
    )

    place_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                          comment="Stable slug fixed in the seed files.")
    name: Mapped[str] = mapped_column(Text, comment="English name as used for display.")
    kind: Mapped[str] = mapped_column(Text, comment="Kind of place; closed vocabulary.")
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True,
                                              comment="Country the place lies in.")
    parent_place_id: Mapped[str | None] = mapped_column(
        ForeignKey("place.place_id"), comment="Enclosing place (a venue's city), if recorded.")
    geonames_id: Mapped[int | None] = mapped_column(
        Integer, comment="GeoNames id of the place itself (never its parent's); NULL when not "
                         "confirmed.")
    geonames_reference_id: Mapped[str | None] = named_reference("geonames_id")
    # numeric, not float: the digits exactly as the reference gives them, and a value a
    # BI tool can filter with = (analytics.places).
    latitude: Mapped[Decimal | None] = mapped_column(
        Numeric, comment="Latitude in decimal degrees (WGS 84), north positive.")
    longitude: Mapped[Decimal | None] = mapped_column(
        Numeric, comment="Longitude in decimal degrees (WGS 84), east positive.")
    coordinates_reference_id: Mapped[str | None] = named_reference(
        "latitude and longitude (the GeoNames record when geonames_id is set)")
    wikidata_qid: Mapped[str | None] = mapped_column(
        Text, comment="Wikidata item of the place, e.g. Q3616; NULL when not confirmed.")
    wikidata_reference_id: Mapped[str | None] = named_reference("wikidata_qid")
    identifier_note: Mapped[str | None] = mapped_column(
        Text, comment="Why an identifier is NULL (not confirmed, or none exists).")


class Organization(Base):
    __tablename__ = "organization"
    __table_args__ = (
        slug_check("organization_id"),
        vocabulary("kind", vocab.ORGANIZATION_KIND),
        {"comment": "One row per organisation that speaks in the sources "
                    "(a leader's office, state media) when no person is named."},
    )

    organization_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                                 comment="Stable slug fixed in the seed files.")
    name: Mapped[str] = mapped_column(Text, comment="Display name.")
    kind: Mapped[str] = mapped_column(Text, comment="Kind of organisation; closed vocabulary.")
    country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"),
                                                     comment="Country it belongs to, if any.")
