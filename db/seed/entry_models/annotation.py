"""The sections of an annotation file: quotes, claims, skipped sentences, names, terms and
the defining entry of each fact type (``FACT_SECTIONS``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from diplodb import vocab
from diplodb.facts import ANNOTATED
from diplodb.seed.entry_models.fields import (
    Alpha3,
    Count,
    EdtfDate,
    FactBasis,
    Name,
    Number,
    QuoteKind,
    Slug,
    Strict,
    Text,
)
from diplodb.seed.rules import INT4_MAX


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
