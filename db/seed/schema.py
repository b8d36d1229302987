"""The shape of every seed file, as pydantic models (validation only; no database)."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)

from diplodb import vocab
from diplodb.facts import ANNOTATED
from diplodb.seed.rules import ARTICLE_NAME, INT4_MAX, MAX_ID_LENGTH, check_date_window
from diplodb.seed.dates import parse as parse_bounds
from diplodb.seed.text import parse_partial_date


def _partial_date(value: str) -> str:
    date, _ = parse_partial_date(value)
    check_date_window(date, value)
    return value


def _edtf_date(value: str) -> str:
    bounds = parse_bounds(value)
    for side in (bounds.earliest, bounds.latest):
        if side is not None:
            check_date_window(side, value)
    return value


def _number(value: Any) -> Any:
    # YAML integers and floats only: "2500" (a string), true and .nan are refused.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number written without quotes, such as 2500 or 2.5; "
                         f"got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a number must be finite")
    return value


def _article_file(value: str) -> str:
    if not ARTICLE_NAME.match(value):
        raise ValueError(f"{value!r} is not a plain file name NAME.txt inside articles/ "
                         "(letters, digits, '.', '_', '-'; no folders, no '..')")
    return value


def _http_url(value: str) -> str:
    if not re.match(r"https?://[^\s/?#]+([/?#]\S*)?\Z", value, re.IGNORECASE):
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise ValueError(f"only http:// and https:// URLs are allowed (analysts' tools open "
                         f"them), got {shown!r}")
    return value


# Invisible characters that change how a name displays or compares without being seen:
# bidirectional embeddings, overrides and isolates, zero-width spaces and joiners, the
# byte order mark. (Quotes are compared with the article's text, which keeps its own.)
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                        "\u2066-\u2069\ufeff]")


def _visible(value: str) -> str:
    found = _INVISIBLE.search(value)
    if found:
        char = found.group()
        raise ValueError(f"U+{ord(char):04X} ({unicodedata.name(char, 'format character')}) "
                         f"at position {found.start() + 1}; names may not hold bidirectional "
                         "controls or zero-width characters")
    return value


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                                        max_length=MAX_ID_LENGTH)]
Alpha3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
PartialDate = Annotated[str, AfterValidator(_partial_date)]
# A fact's date: EDTF (a day, month, year or an interval of them, sides may be open);
# docs/seed-format.md, Dates.
EdtfDate = Annotated[str, AfterValidator(_edtf_date)]
Text = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1), AfterValidator(_visible)]
HttpUrl = Annotated[str, StringConstraints(min_length=1), AfterValidator(_http_url)]
# Numbers may be written as YAML integers or floats; strings are refused.
Number = Annotated[Decimal, BeforeValidator(_number), Field(strict=False)]
Count = Annotated[int, Field(ge=1, le=INT4_MAX)]

Basis = Literal[vocab.BASIS]  # type: ignore[valid-type]
FactBasis = Basis
QuoteKind = Literal[vocab.QUOTE_KIND]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


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


# -- annotations ---------------------------------------------------------------------
Stance = Literal[vocab.EVIDENCE_STANCE]  # type: ignore[valid-type]


class QuoteSpec(Strict):
    text: Text
    occurrence: Annotated[int, Field(ge=1, le=INT4_MAX)] | None = None
    # What this source says of the fact as stored; only 'supports' counts as support.
    stance: Stance = "supports"
    # Statements only: how this source renders it (default: the statement's quote_kind).
    kind: QuoteKind | None = None
    # The same, as before quote kinds: true = direct, false = partial when the quote holds
    # words in quotation marks, else paraphrase.
    direct: bool | None = None


def by_shape(plain: Any, mapping: Any) -> Any:
    """A field that takes a plain value or a mapping: the mapping's model validates a
    mapping, the plain type anything else, so a problem is reported once, for the shape
    written. (Builder.parse drops the two tags from the field's name.)"""
    return Annotated[Annotated[plain, Tag(SHAPE_TAGS[0])] | Annotated[mapping, Tag(SHAPE_TAGS[1])],
                     Discriminator(lambda v: SHAPE_TAGS[1] if isinstance(v, dict)
                                   else SHAPE_TAGS[0])]


SHAPE_TAGS = ("plain", "mapping")
Quote = by_shape(Text, QuoteSpec)


class Claim(Strict):
    aspect: Slug
    claim: Text
    quote: Quote
    stance: Stance = "supports"


class SkipEntry(Strict):
    """A sentence that holds no fact to record, and why (the sentence ledger)."""

    quote: Quote  # any verbatim part of the sentence
    reason: Text


class Cited(Strict):
    """What every fact entry carries: its id and the quotes that support it."""

    id: Slug
    quote: Quote | None = None
    quotes: list[Quote] = []
    claims: list[Claim] = []

    def all_quotes(self) -> list[Quote]:
        return ([self.quote] if self.quote is not None else []) + list(self.quotes)


class NameEntry(Strict):
    person: Slug
    name: Name
    quote: Quote | None = None  # defaults to the name itself


class TermEntry(Strict):
    term: Slug
    quote: Quote


class VisitEntry(Cited):
    visitor: Slug
    visitor_country: Alpha3
    host_country: Alpha3
    place: Slug | None = None
    start_date: EdtfDate | None = None
    end_date: EdtfDate | None = None
    date_basis: FactBasis = "stated"
    date_note: Text | None = None
    date_reference: Slug | None = None
    status: Literal[vocab.VISIT_STATUS]  # type: ignore[valid-type]
    status_reason: Text | None = None
    # The day a visit was postponed or cancelled, when the text dates it.
    status_changed_on: EdtfDate | None = None
    status_changed_basis: FactBasis = "stated"
    status_changed_note: Text | None = None
    status_changed_reference: Slug | None = None
    visit_type: Literal[vocab.VISIT_TYPE] = "unspecified"  # type: ignore[valid-type]
    first_trip_abroad: bool | None = None


class ParticipantEntry(Cited):
    visit: Slug
    person: Slug | None = None
    office: Slug | None = None
    # A group the text names no one in, as the text describes it.
    group: Text | None = None
    led_by: Slug | None = None
    country: Alpha3
    role: Literal[vocab.PARTICIPANT_ROLE]  # type: ignore[valid-type]


class GroupSpec(Strict):
    """A meeting participant that is a described group (the text names no one)."""

    group: Text
    country: Alpha3
    led_by: Slug | None = None
    office: Slug | None = None


class MeetingEntry(Cited):
    visit: Slug | None = None
    held_on: EdtfDate
    date_basis: FactBasis = "stated"
    date_note: Text | None = None
    date_reference: Slug | None = None
    place: Slug | None = None
    status: Literal[vocab.MEETING_STATUS]  # type: ignore[valid-type]
    summary: Text
    # Person ids, and described groups.
    participants: list[by_shape(Slug, GroupSpec)] = Field(min_length=2)  # type: ignore[valid-type]


class StatementEntry(Cited):
    # What the statement does, in the CAMEO/PLOVER sense (docs/coding.md): its event code.
    kind: Literal[vocab.STATEMENT_KIND]  # type: ignore[valid-type]
    # Whom it is directed at or about, when that is not the other side of its visit.
    target: Alpha3 | None = None
    speaker: Slug | None = None
    speaker_organization: Slug | None = None
    said_on: EdtfDate
    date_basis: FactBasis = "stated"
    date_note: Text | None = None
    date_reference: Slug | None = None
    visit: Slug | None = None
    text: Text | None = None  # defaults to the first quote
    # How its renderings quote the speaker, unless a quote says otherwise (default: by
    # the quotation marks: partial when the quote holds some, else paraphrase).
    quote_kind: QuoteKind | None = None
    is_direct_quote: bool | None = None  # before quote kinds: true = direct
    topics: list[Slug] = []


class AgreementEntry(Cited):
    title: Text
    kind: Literal[vocab.AGREEMENT_KIND]  # type: ignore[valid-type]
    status: Literal[vocab.AGREEMENT_STATUS]  # type: ignore[valid-type]
    concluded_on: EdtfDate | None = None
    date_basis: FactBasis = "stated"
    date_note: Text | None = None
    date_reference: Slug | None = None
    visit: Slug | None = None
    instrument_count: Count = 1
    value_usd: Annotated[Number, Field(ge=0)] | None = None
    parties: list[Alpha3] = Field(min_length=2)
    subject_areas: list[Slug] = []


class FigureEntry(Cited):
    metric: Slug
    country: Alpha3 | None = None
    counterpart: Alpha3 | None = None
    value: Number
    unit: Text
    qualifier: Literal[vocab.FIGURE_QUALIFIER]  # type: ignore[valid-type]
    as_of: EdtfDate
    as_of_basis: FactBasis = "stated"
    as_of_note: Text | None = None
    as_of_reference: Slug | None = None
    visit: Slug | None = None
    note: Text | None = None


class ActivityEntry(Cited):
    kind: Literal[vocab.ACTIVITY_KIND]  # type: ignore[valid-type]
    summary: Text
    actor: Slug | None = None  # a person
    actor_organization: Slug | None = None
    country: Alpha3 | None = None
    place: Slug | None = None
    visit: Slug | None = None
    date: EdtfDate | None = None
    date_basis: FactBasis = "stated"
    date_note: Text | None = None
    date_reference: Slug | None = None
    status: Literal[vocab.ACTIVITY_STATUS]  # type: ignore[valid-type]


# Section name in an annotation file → (fact type, model of a defining entry).
FACT_SECTIONS: dict[str, tuple[str, type[Cited]]] = {
    fact.section: (fact.name, globals()[fact.entry]) for fact in ANNOTATED}
CITE_KEYS = frozenset({"id", "quote", "quotes", "claims"})
