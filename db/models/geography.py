"""Countries, places and organisations: the reference frame every fact points into."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from diplodb import vocab
from diplodb.models.base import Base, slug_check, vocabulary


class Country(Base):
    __tablename__ = "country"
    __table_args__ = (
        CheckConstraint("code ~ '^[A-Z]{3}$'", name="code_is_alpha3"),
        {"comment": "One row per country, keyed by its ISO 3166-1 alpha-3 code."},
    )

    code: Mapped[str] = mapped_column(Text, primary_key=True,
                                      comment="ISO 3166-1 alpha-3 code, e.g. IRN, IRQ.")
    name: Mapped[str] = mapped_column(Text, unique=True, comment="English short name.")


class Place(Base):
    __tablename__ = "place"
    __table_args__ = (
        slug_check("place_id"),
        vocabulary("kind", vocab.PLACE_KIND),
        {"comment": "One row per named place (city, region, venue, airport, site)."},
    )

    place_id: Mapped[str] = mapped_column(Text, primary_key=True,
                                          comment="Stable slug fixed in the seed files.")
    name: Mapped[str] = mapped_column(Text, comment="English name as used for display.")
    kind: Mapped[str] = mapped_column(Text, comment="Kind of place; closed vocabulary.")
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True,
                                              comment="Country the place lies in.")
    parent_place_id: Mapped[str | None] = mapped_column(
        ForeignKey("place.place_id"), comment="Enclosing place (a venue's city), if recorded.")


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
