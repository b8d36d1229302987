"""The fact types an annotation file defines, and for each one the rows of a defining
entry (``row_<fact type>``), with the checks of its fields. Mixed into the annotation
reader (``annotation._Annotation``), which provides ``b`` (the builder), ``ctx`` (the
context), ``add`` and ``summary``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from diplodb.facts import ANNOTATED
from diplodb.seed import quotes, rules
from diplodb.seed.dates import visit_interval
from diplodb.seed.dating import Dating
from diplodb.seed.validate.entries import Entry, check_known
from diplodb.seed.validate.units import Declared, VisitRef

# The fact types an annotation file defines (diplodb.facts.ANNOTATED; the citable ones are
# vocab.FACT_TYPES), each with the table (and link tables) its rows go to: one place.
ANNOTATED_FACT_TYPES: tuple[str, ...] = tuple(fact.name for fact in ANNOTATED)
LINK_TABLES: dict[str, tuple[str, str]] = {
    # link table → (fact type of its parent, parent key column)
    link: (fact.name, column) for fact in ANNOTATED for link, column in fact.links}
# Every table an annotation file's rows go to: its facts, their link rows, the evidence,
# the name spellings and the article's sentence ledger (an incremental re-seed stages
# only these).
ANNOTATION_TABLES: frozenset[str] = frozenset(
    {fact.table for fact in ANNOTATED} | set(LINK_TABLES)
    | {"evidence", "person_name", "source_sentence"})


class FactRows(Dating):
    """The rows of each fact type's defining entries."""

    def known(self, entry: Entry, field_: str, value, pool, what: str) -> None:
        check_known(self.b, entry, field_, value, pool, what)

    def links(self, entry: Entry, field_: str, values: list[str], pool, what: str,
              table: str, parent: tuple[str, str], column: str) -> None:
        """Rows of a link table (parent id, each value), each value checked; a value listed
        twice is refused (the table would hold it once, and the curator meant something)."""
        repeated = {index for index, _, _ in rules.duplicate_members(values)}
        for index, value, first in rules.duplicate_members(values):
            self.b.problem(entry.file, entry.label, f"{field_}.{index}",
                           f"'{value}' is listed twice (first as {field_}.{first})")
        for index, value in enumerate(values):
            if index not in repeated:
                self.known(entry, f"{field_}.{index}", value, pool, what)
                self.add(table, {parent[0]: parent[1], column: value}, entry,
                         f"{field_}.{index}")

    def dated(self, entry: Entry, fact_type: str, field_: str, value: dt.date | None, *,
              status: str | None = None, qualifier: str | None = None) -> None:
        message = rules.check_fact_date(fact_type, field_, value, entry.published,
                                        status=status, qualifier=qualifier)
        if message:
            self.b.problem(entry.file, entry.label, field_, message)

    def visit_ref(self, entry: Entry, value: str | None) -> None:
        if value is not None:  # checked by cross_check: the visit may be in another file
            self.summary.visit_refs.append(VisitRef(value, entry.label))

    def basis_columns(self, bounds, basis: str, note: str | None, reference: str | None,
                      names: tuple[str, str, str]) -> dict[str, Any]:
        """The basis, note and reference columns of a date (no bound, no basis)."""
        return dict(zip(names, (basis if bounds.bounded else None, note, reference),
                        strict=True))

    def row_visit(self, e: Entry) -> None:
        m, r = e.model, self.ctx
        self.known(e, "visitor", m.visitor, r.persons, "person")
        self.known(e, "visitor_country", m.visitor_country, r.countries, "country")
        self.known(e, "host_country", m.host_country, r.countries, "country")
        self.known(e, "place", m.place, r.places, "place")
        start, start_columns = self.bounded(
            e, "start_date", m.start_date, m.date_basis, m.date_note, m.date_reference,
            names=("start_earliest", "start_latest", "start_edtf"), fact_type="visit",
            status=m.status)
        # A visit's end may follow its article (an announced length): not a dated rule.
        end, end_columns = self.bounded(
            e, "end_date", m.end_date, m.date_basis, m.date_note,
            m.date_reference if m.end_date else None,
            names=("end_earliest", "end_latest", "end_edtf"), fact_type="visit",
            status="planned")
        if end.bounded and not start.bounded:
            self.b.problem(e.file, e.label, "end_date", "a visit with an end_date needs a "
                                                        "start_date")
        elif any(side is not None and start.earliest is not None and side < start.earliest
                 for side in (end.earliest, end.latest)):
            self.b.problem(e.file, e.label, "end_date", "the visit ends before it starts")
        if m.host_country == m.visitor_country:
            self.b.problem(e.file, e.label, "host_country", f"a visit is abroad: host_country "
                                                            f"must differ from visitor_country "
                                                            f"({m.visitor_country})")
        if not start.bounded and m.status not in rules.PLAN_STATUSES["visit"]:
            article = "an" if m.status[0] in "aeiou" else "a"
            self.b.problem(e.file, e.label, "start_date", f"{article} {m.status} visit needs a start_date;"
                                                          " only a planned, postponed or "
                                                          "cancelled visit may be undated")
        # A postponement is reported after it happens: never after the article.
        changed, changed_columns = self.bounded(
            e, "status_changed_on", m.status_changed_on, m.status_changed_basis,
            m.status_changed_note, m.status_changed_reference,
            names=("status_changed_earliest", "status_changed_latest", "status_changed_edtf"),
            fact_type="statement", basis_field="status_changed_basis",
            note_field="status_changed_note", reference_field="status_changed_reference")
        if changed.bounded and m.status not in ("postponed", "cancelled"):
            self.b.problem(e.file, e.label, "status_changed_on",
                           "only a postponed or cancelled visit has a status_changed_on")
        self.add("visit", {
            "visit_id": m.id, "visitor_id": m.visitor, "visitor_country_code": m.visitor_country,
            "host_country_code": m.host_country, "place_id": m.place, **start_columns,
            **end_columns, "dates_edtf": visit_interval(start, end),
            **self.basis_columns(start, m.date_basis, m.date_note, m.date_reference,
                                 ("date_basis", "date_note", "date_reference_id")),
            "status": m.status, "status_reason": m.status_reason, **changed_columns,
            **self.basis_columns(changed, m.status_changed_basis, m.status_changed_note,
                                 m.status_changed_reference,
                                 ("status_changed_basis", "status_changed_note",
                                  "status_changed_reference_id")),
            "visit_type": m.visit_type, "first_trip_abroad": m.first_trip_abroad}, e)

    def row_visit_participant(self, e: Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        self.known(e, "person", m.person, r.persons, "person")
        self.known(e, "office", m.office, r.offices, "office")
        self.known(e, "led_by", m.led_by, r.persons, "person")
        self.known(e, "country", m.country, r.countries, "country")
        if m.person is None and m.office is None and m.group is None:
            self.b.problem(e.file, e.label, "person",
                           "a participant needs a person, an office or a group")
        if m.led_by is not None and m.group is None:
            self.b.problem(e.file, e.label, "led_by", "only a group is led by someone; a "
                                                      "person or an office is itself")
        self.add("visit_participant", {
            "participant_id": m.id, "visit_id": m.visit, "person_id": m.person,
            "office_id": m.office, "group_description": m.group, "led_by_person_id": m.led_by,
            "country_code": m.country, "role": m.role}, e)

    def row_meeting(self, e: Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        self.known(e, "place", m.place, r.places, "place")
        held, columns = self.bounded(
            e, "held_on", m.held_on, m.date_basis, m.date_note, m.date_reference,
            names=("held_earliest", "held_latest", "held_edtf"), fact_type="meeting",
            status=m.status)
        self.add("meeting", {
            "meeting_id": m.id, "visit_id": m.visit, **columns,
            **self.basis_columns(held, m.date_basis, m.date_note, m.date_reference,
                                 ("date_basis", "date_note", "date_reference_id")),
            "place_id": m.place, "status": m.status, "summary": m.summary}, e)
        persons = [p for p in m.participants if isinstance(p, str)]
        self.links(e, "participants", persons, r.persons, "person",
                   "meeting_participant", ("meeting_id", m.id), "person_id")
        groups = [(i, p) for i, p in enumerate(m.participants) if not isinstance(p, str)]
        for number, (index, group) in enumerate(groups, 1):
            field_ = f"participants.{index}"
            self.known(e, f"{field_}.country", group.country, r.countries, "country")
            self.known(e, f"{field_}.led_by", group.led_by, r.persons, "person")
            self.known(e, f"{field_}.office", group.office, r.offices, "office")
            self.add("meeting_group", {
                "meeting_id": m.id, "group_no": number, "description": group.group,
                "country_code": group.country, "led_by_person_id": group.led_by,
                "office_id": group.office}, e, field_)

    def row_statement(self, e: Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        self.known(e, "speaker", m.speaker, r.persons, "person")
        self.known(e, "speaker_organization", m.speaker_organization, r.organizations,
                   "organization")
        self.known(e, "target", m.target, r.countries, "country")
        if (m.speaker is None) == (m.speaker_organization is None):
            self.b.problem(e.file, e.label, "speaker",
                           "give exactly one of speaker and speaker_organization")
        if m.quote_kind is not None and m.is_direct_quote is not None:
            self.b.problem(e.file, e.label, "is_direct_quote", "give quote_kind or "
                           "is_direct_quote, not both (is_direct_quote is the older form)")
        quotes_ = [q if isinstance(q, str) else q.text for q in m.all_quotes()]
        text = m.text or (quotes_[0] if quotes_ else "")
        if m.text and not any(m.text in quote for quote in quotes_):
            self.b.problem(e.file, e.label, "text",
                           "text must appear verbatim in one of the entry's quotes")
        said, columns = self.bounded(
            e, "said_on", m.said_on, m.date_basis, m.date_note, m.date_reference,
            names=("said_earliest", "said_latest", "said_edtf"), fact_type="statement")
        default = quotes.statement_default(m.quote_kind, m.is_direct_quote)
        self.add("statement", {
            "statement_id": m.id, "kind": m.kind, "target_country_code": m.target,
            "speaker_person_id": m.speaker,
            "speaker_organization_id": m.speaker_organization, **columns,
            **self.basis_columns(said, m.date_basis, m.date_note, m.date_reference,
                                 ("date_basis", "date_note", "date_reference_id")),
            "visit_id": m.visit, "text": text, "quote_kind": None}, e)
        self.summary.statements.append(Declared(m.id, default, text, e.label))
        self.links(e, "topics", m.topics, r.topics, "topic",
                   "statement_topic", ("statement_id", m.id), "topic_id")

    def row_agreement(self, e: Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        concluded, columns = self.bounded(
            e, "concluded_on", m.concluded_on, m.date_basis, m.date_note, m.date_reference,
            names=("concluded_earliest", "concluded_latest", "concluded_edtf"),
            fact_type="agreement", status=m.status)
        self.add("agreement", {
            "agreement_id": m.id, "title": m.title, "kind": m.kind, "status": m.status,
            **columns, **self.basis_columns(concluded, m.date_basis, m.date_note,
                                            m.date_reference,
                                            ("date_basis", "date_note", "date_reference_id")),
            "visit_id": m.visit, "instrument_count": m.instrument_count,
            "value_usd": m.value_usd}, e)
        self.links(e, "parties", m.parties, r.countries, "country",
                   "agreement_party", ("agreement_id", m.id), "country_code")
        self.links(e, "subject_areas", m.subject_areas, r.subject_areas, "subject area",
                   "agreement_subject", ("agreement_id", m.id), "subject_area_id")

    def row_figure(self, e: Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        self.known(e, "country", m.country, r.countries, "country")
        self.known(e, "counterpart", m.counterpart, r.countries, "country")
        as_of, columns = self.bounded(
            e, "as_of", m.as_of, m.as_of_basis, m.as_of_note, m.as_of_reference,
            names=("as_of_earliest", "as_of_latest", "as_of_edtf"), fact_type="figure",
            qualifier=m.qualifier, basis_field="as_of_basis", note_field="as_of_note",
            reference_field="as_of_reference")
        self.add("figure", {
            "figure_id": m.id, "metric": m.metric, "country_code": m.country,
            "counterpart_country_code": m.counterpart, "value": m.value, "unit": m.unit,
            "qualifier": m.qualifier, **columns,
            **self.basis_columns(as_of, m.as_of_basis, m.as_of_note, m.as_of_reference,
                                 ("as_of_basis", "as_of_note", "as_of_reference_id")),
            "visit_id": m.visit, "note": m.note}, e)

    def row_activity(self, e: Entry) -> None:
        m, r = e.model, self.ctx
        self.visit_ref(e, m.visit)
        self.known(e, "actor", m.actor, r.persons, "person")
        self.known(e, "actor_organization", m.actor_organization, r.organizations,
                   "organization")
        self.known(e, "country", m.country, r.countries, "country")
        self.known(e, "place", m.place, r.places, "place")
        if m.actor is not None and m.actor_organization is not None:
            self.b.problem(e.file, e.label, "actor_organization",
                           "give at most one of actor (a person) and actor_organization")
        happened, columns = self.bounded(
            e, "date", m.date, m.date_basis, m.date_note, m.date_reference,
            names=("earliest", "latest", "date_edtf"), fact_type="activity",
            status=m.status)
        self.add("activity", {
            "activity_id": m.id, "kind": m.kind, "summary": m.summary,
            "actor_person_id": m.actor, "actor_organization_id": m.actor_organization,
            "country_code": m.country, "place_id": m.place, "visit_id": m.visit, **columns,
            **self.basis_columns(happened, m.date_basis, m.date_note, m.date_reference,
                                 ("date_basis", "date_note", "date_reference_id")),
            "status": m.status}, e)
