"""The entries of dataset.yaml, reference/*.yaml and articles/sources.yaml."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from diplodb import vocab
from diplodb.seed.entry_models.fields import (
    Alpha3,
    Basis,
    HttpUrl,
    Name,
    PartialDate,
    Slug,
    Strict,
    Text,
    _article_file,
)
from diplodb.seed.rules import INT4_MAX


# -- the data set -----------------------------------------------------------------------
class Licence(Strict):
    name: Text
    title: Text
    path: Text
    note: Text | None = None


class DatasetFile(Strict):
    """seeds/dataset.yaml: the human version label a curator bumps, and the licence."""

    version: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}\.[0-9]{1,2}\.[0-9]+$")]
    title: Text
    licence: Licence


# -- shared identifiers (diplodb.facts.IDENTIFIERS) -------------------------------------
# Each is a block with its value(s) and the named reference (references.yaml) that gives
# them; a missing block is a NULL identifier, and the entry's identifier_note says why.
class _Identified(Strict):
    reference: Slug


class IsoBlock(_Identified):
    alpha2: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class StateNumber(_Identified):
    code: Annotated[int, Field(ge=1, le=999)]


class WikidataBlock(_Identified):
    qid: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$", max_length=16)]


class GeonamesBlock(_Identified):
    id: Annotated[int, Field(ge=1, le=INT4_MAX)]


class CoordinatesBlock(_Identified):
    latitude: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
    longitude: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]


class _WithWikidata(Strict):
    wikidata: WikidataBlock | None = None
    identifier_note: Text | None = None


# -- reference data ------------------------------------------------------------------
class CountryRow(_WithWikidata):
    code: Alpha3
    name: Name
    iso: IsoBlock | None = None
    cow: StateNumber | None = None
    gw: StateNumber | None = None


class ReferenceRow(Strict):
    id: Slug
    title: Text
    publisher: Text
    url: HttpUrl


class PlaceRow(_WithWikidata):
    id: Slug
    name: Name
    kind: Literal[vocab.PLACE_KIND]  # type: ignore[valid-type]
    country: Alpha3
    parent: Slug | None = None
    # With a GeoNames id the coordinates are the GeoNames record's (seed.identifiers).
    geonames: GeonamesBlock | None = None
    coordinates: CoordinatesBlock | None = None


class OrganizationRow(Strict):
    id: Slug
    name: Name
    kind: Literal[vocab.ORGANIZATION_KIND]  # type: ignore[valid-type]
    country: Alpha3 | None = None


class PersonRow(_WithWikidata):
    id: Slug
    name: Name
    country: Alpha3
    reference: Slug


class OfficeRow(_WithWikidata):
    id: Slug
    title: Name
    country: Alpha3
    # The seniority a holder travels in (a visit's level).
    level: Literal[vocab.VISIT_LEVEL] = "other"  # type: ignore[valid-type]


class TermRow(Strict):
    id: Slug
    office: Slug
    person: Slug
    start: PartialDate
    end: PartialDate | None = None
    basis: Basis = "reference"
    reference: Slug
    note: Text | None = None


class LabelRow(Strict):
    id: Slug
    label: Name


class SourceRow(Strict):
    id: Slug
    # A plain file name inside articles/: no folders, so no way out of the seed directory.
    file: Annotated[str, AfterValidator(_article_file)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    title: Text
    publisher: Text | None = None
    agency: Text | None = None
    published_on: PartialDate | None = None
    published_on_basis: Basis
    published_on_note: Text | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    is_translation: bool
    url: HttpUrl | None = None
