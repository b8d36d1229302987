"""Analytics contract v1.2: what the articles say.

- Dates are bounded intervals: every date of a visit, meeting, statement, agreement and
  figure is stored as its earliest and latest day (inclusive), with its EDTF rendering,
  basis, note and (for basis 'reference') the named reference. The v1 date and its
  precision become columns generated from the bounds by core.period_start and
  core.period_precision (the contract's rule), so they keep their indexes and can never
  disagree with the bounds.
- Quote kinds: each statement rendering (core.evidence) has quote_kind (direct, partial,
  paraphrase) and the quoted words; core.statement.quote_kind is the most direct kind;
  both is_direct_quote columns are generated (quote_kind <> 'paraphrase').
- core.activity: a fact type for ceremonies, receptions, commemorations, site visits,
  hospitalisations, elections, strikes and attacks (core.evidence.activity_id).
- Groups as participants: core.visit_participant.group_description and
  led_by_person_id; core.meeting_group.
- core.office.level: the seniority a holder travels in (the visit's level).
- Views: activities (new); visits, meetings, statements, agreements, reported_figures,
  timeline, visit_participants, meeting_participants, statement_renderings, citations,
  source_sentences, about and disagreements rebuilt from migrations/sql/0011/.

Rows already loaded are converted (a v1 date and precision become the bounds of that
period) so the upgrade succeeds on a seeded database; the seed bookkeeping is cleared,
so the next `up` or `seed` reloads everything with the new fields.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"
SNAPSHOT = SQL / revision
# In creation order: a view comes after the views it reads.
VIEWS = ("citations", "disagreements", "visits", "visit_participants", "meetings",
         "meeting_participants", "statements", "statement_renderings", "agreements",
         "reported_figures", "activities", "source_sentences", "about", "timeline")
# Where each view's previous definition is frozen (the downgrade rebuilds it from there).
PREVIOUS = {"citations": "0006", "disagreements": "0009", "visits": "0006",
            "visit_participants": "0006", "meetings": "0006", "meeting_participants": "0005",
            "statements": "0006", "statement_renderings": "0006", "agreements": "0006",
            "reported_figures": "0006", "source_sentences": "0006", "about": "0005",
            "timeline": "0006"}
# Written out, not imported from the models: this revision must not change if they do.
TARGETS_0010 = ("visit_id, participant_id, meeting_id, statement_id, agreement_id, figure_id, "
                "term_id, name_id")
TARGETS = TARGETS_0010 + ", activity_id"

FUNCTIONS = """
create function core.period_precision(earliest date, latest date) returns text
language sql immutable parallel safe
return case
    when earliest is null or latest is null then null
    when earliest = latest then 'day'
    when extract(year from earliest) = extract(year from latest)
         and extract(month from earliest) = extract(month from latest) then 'month'
    when extract(year from earliest) = extract(year from latest) then 'year'
end;
comment on function core.period_precision(date, date) is
    'The contract''s precision of a date known to lie between two days: the finest of day, month and year whose period holds both; NULL when a bound is NULL or no one year holds both.';
create function core.period_start(earliest date, latest date) returns date
language sql immutable parallel safe
return case core.period_precision(earliest, latest)
    when 'day' then earliest
    when 'month' then make_date(extract(year from earliest)::int,
                                extract(month from earliest)::int, 1)
    when 'year' then make_date(extract(year from earliest)::int, 1, 1)
end;
comment on function core.period_start(date, date) is
    'The contract''s v1 date of a date known to lie between two days: the first day of the period core.period_precision names; NULL with it.';
"""


# (table, bounds prefix, v1 date, v1 precision, basis, note, reference): every date of a
# fact. prefix_earliest/prefix_latest hold the bounds; the v1 columns are generated.
DATES = (
    ("visit", "start", "start_date", "date_precision", "date_basis", "date_note",
     "date_reference_id"),
    ("visit", "status_changed", "status_changed_on", "status_changed_precision",
     "status_changed_basis", "status_changed_note", "status_changed_reference_id"),
    ("meeting", "held", "held_on", "date_precision", "date_basis", "date_note",
     "date_reference_id"),
    ("statement", "said", "said_on", "date_precision", "date_basis", "date_note",
     "date_reference_id"),
    ("agreement", "concluded", "concluded_on", "date_precision", "date_basis", "date_note",
     "date_reference_id"),
    ("figure", "as_of", "as_of", "as_of_precision", "as_of_basis", "as_of_note",
     "as_of_reference_id"),
)
# Columns added for a date (the visit's date_note existed already).
EXISTING_NOTES = {("visit", "date_note"), ("visit", "status_changed_note")}
# Constraints of revision 0010 that read the v1 date columns, by table.
V1_CHECKS = {
    "visit": {
        "ends_after_start": "end_date >= start_date",
        "dated_unless_not_made":
            "start_date is not null or status in ('planned', 'postponed', 'cancelled')",
        "precision_only_with_date": "(start_date is null) = (date_precision is null) "
                                    "and (start_date is null) = (date_basis is null)",
        "status_change_precision_only_with_date":
            "(status_changed_on is null) = (status_changed_precision is null) "
            "and (status_changed_on is null) = (status_changed_basis is null)",
        "status_change_dated_only_when_postponed_or_cancelled":
            "status_changed_on is null or status in ('postponed', 'cancelled')",
    },
    "agreement": {"precision_only_with_date":
                  "(concluded_on is null) = (date_precision is null) "
                  "and (concluded_on is null) = (date_basis is null)"},
}
PRECISIONS = {"date_precision", "status_changed_precision", "as_of_precision"}
# Indexes of revision 0010 on the v1 date columns (re-made on the generated columns).
DATE_INDEXES = {("visit", "start_date"), ("visit", "status_changed_on"),
                ("meeting", "held_on"), ("statement", "said_on"),
                ("agreement", "concluded_on"), ("figure", "as_of")}
# Revision 0010 kept these NOT NULL.
V1_NOT_NULL = {("meeting", "held_on"), ("meeting", "date_precision"), ("meeting", "date_basis"),
               ("statement", "said_on"), ("statement", "date_precision"),
               ("statement", "date_basis"), ("figure", "as_of"),
               ("figure", "as_of_precision"), ("figure", "as_of_basis")}
# The checks the models declare for each date (base.bounds_checks), by its prefix's name.
CHECK_NAMES = {"start": "start", "status_changed": "status_changed", "held": "held",
               "said": "said", "concluded": "concluded", "as_of": "as_of"}
VISIT_CHECKS = {
    "end_bounds_ordered": "end_earliest <= end_latest",
    "end_only_with_start": "num_nonnulls(end_earliest, end_latest) = 0 "
                           "or num_nonnulls(start_earliest, start_latest) > 0",
    "ends_after_start": "end_latest >= start_earliest and end_earliest >= start_earliest",
    "dated_unless_not_made": "num_nonnulls(start_earliest, start_latest) > 0 "
                             "or status in ('planned', 'postponed', 'cancelled')",
    "status_change_dated_only_when_postponed_or_cancelled":
        "num_nonnulls(status_changed_earliest, status_changed_latest) = 0 "
        "or status in ('postponed', 'cancelled')",
}
# Comments of the columns this revision adds or re-makes (as the models have them).
COMMENTS = {
    ('agreement', 'concluded_earliest'):
        'Earliest day it can have been concluded or announced (inclusive).',
    ('agreement', 'concluded_edtf'):
        'EDTF of those bounds.',
    ('agreement', 'concluded_latest'):
        'Latest day it can have been concluded or announced (inclusive).',
    ('agreement', 'concluded_on'):
        'v1 date concluded or announced, generated from the bounds.',
    ('agreement', 'date_basis'):
        'How the date is known; NULL exactly when no bound is known.',
    ('agreement', 'date_note'):
        'How an inferred or referenced date was derived.',
    ('agreement', 'date_precision'):
        'Precision of concluded_on, generated; NULL exactly when it is NULL.',
    ('agreement', 'date_reference_id'):
        "The named reference of the date, exactly when date_basis is 'reference'.",
    ('figure', 'as_of'):
        'v1 date the figure refers to, generated from the bounds.',
    ('figure', 'as_of_basis'):
        'How as_of is known.',
    ('figure', 'as_of_earliest'):
        'Earliest day the figure can refer to (inclusive).',
    ('figure', 'as_of_edtf'):
        'EDTF of those bounds.',
    ('figure', 'as_of_latest'):
        'Latest day the figure can refer to (inclusive).',
    ('figure', 'as_of_note'):
        'How an inferred or referenced as-of date was derived.',
    ('figure', 'as_of_precision'):
        'Precision of as_of, generated from the bounds.',
    ('figure', 'as_of_reference_id'):
        "The named reference of the as-of date, exactly when its basis is 'reference'.",
    ('meeting', 'date_basis'):
        'How the date is known.',
    ('meeting', 'date_note'):
        'How an inferred or referenced date was derived.',
    ('meeting', 'date_precision'):
        'Precision of held_on, generated from the bounds.',
    ('meeting', 'date_reference_id'):
        "The named reference of the date, exactly when date_basis is 'reference'.",
    ('meeting', 'held_earliest'):
        'Earliest day the meeting can have been held (inclusive).',
    ('meeting', 'held_edtf'):
        'EDTF of those bounds.',
    ('meeting', 'held_latest'):
        'Latest day the meeting can have been held (inclusive).',
    ('meeting', 'held_on'):
        'v1 date of the meeting, generated from the bounds.',
    ('statement', 'date_basis'):
        'How the date is known.',
    ('statement', 'date_note'):
        'How an inferred or referenced date was derived.',
    ('statement', 'date_precision'):
        'Precision of said_on, generated from the bounds.',
    ('statement', 'date_reference_id'):
        "The named reference of the date, exactly when date_basis is 'reference'.",
    ('statement', 'said_earliest'):
        'Earliest day the statement can have been made (inclusive).',
    ('statement', 'said_edtf'):
        'EDTF of those bounds.',
    ('statement', 'said_latest'):
        'Latest day the statement can have been made (inclusive).',
    ('statement', 'said_on'):
        'v1 date of the statement, generated from the bounds.',
    ('visit', 'date_basis'):
        "'stated' when a source gives the dates, 'inferred' when derived, 'reference' from a named reference; NULL exactly when no bound is known.",
    ('visit', 'date_note'):
        'How inferred or referenced dates were derived.',
    ('visit', 'date_precision'):
        'Precision of start_date, generated from the bounds; NULL exactly when start_date is NULL.',
    ('visit', 'date_reference_id'):
        "The named reference of the dates, exactly when date_basis is 'reference'.",
    ('visit', 'dates_edtf'):
        'EDTF of the visit as a whole, from its first to its last day.',
    ('visit', 'end_date'):
        'v1 last day, generated from its bounds by the same rule.',
    ('visit', 'end_earliest'):
        'Earliest day the visit can have ended (for a visit reported under way, the last day it is reported so); NULL when not bounded.',
    ('visit', 'end_edtf'):
        "EDTF of the last day's bounds.",
    ('visit', 'end_latest'):
        'Latest day the visit can have ended; NULL when not bounded.',
    ('visit', 'start_date'):
        'v1 first day, generated from the bounds: the first day of the finest period (day, month, year) holding both; NULL when none does.',
    ('visit', 'start_earliest'):
        'Earliest day the visit can have begun (inclusive); NULL when nothing bounds it from below.',
    ('visit', 'start_edtf'):
        "EDTF of the first day's bounds (the loader renders it with the edtf library).",
    ('visit', 'start_latest'):
        'Latest day the visit can have begun (inclusive); NULL when nothing bounds it from above.',
    ('visit', 'status_changed_basis'):
        'How the status change is dated (stated, inferred, reference); NULL exactly when it is not.',
    ('visit', 'status_changed_earliest'):
        'Earliest day the visit can have been postponed or cancelled.',
    ('visit', 'status_changed_edtf'):
        'EDTF of those bounds.',
    ('visit', 'status_changed_latest'):
        'Latest day the visit can have been postponed or cancelled.',
    ('visit', 'status_changed_note'):
        'How an inferred status change date was derived.',
    ('visit', 'status_changed_on'):
        'v1 day the visit was postponed or cancelled, generated from the bounds.',
    ('visit', 'status_changed_precision'):
        'Precision of status_changed_on; NULL exactly when it is NULL.',
    ('visit', 'status_changed_reference_id'):
        "Named reference of the status change date, when its basis is 'reference'.",
}
# Revision 0010's comments of the columns the downgrade keeps.
V1_COMMENTS = {
    ("visit", "start_date"): "First day (NULL when a planned trip has no date).",
    ("visit", "end_date"): "Last day, if known.",
    ("visit", "date_precision"): "Precision of the dates; NULL exactly when start_date is NULL.",
    ("visit", "date_basis"): "'stated' when a source gives the date, 'inferred' when derived; "
                             "NULL exactly when start_date is NULL.",
    ("visit", "date_note"): "How an inferred date was derived.",
    ("visit", "status_changed_on"):
        "Day the visit was postponed or cancelled, when a source dates it.",
    ("visit", "status_changed_precision"):
        "Precision of status_changed_on; NULL exactly when it is NULL.",
    ("visit", "status_changed_basis"):
        "How status_changed_on is known (stated, inferred); NULL exactly when it is NULL.",
    ("visit", "status_changed_note"): "How an inferred status_changed_on was derived.",
    ("meeting", "held_on"): "Date of the meeting.",
    ("meeting", "date_precision"): "Precision of held_on.",
    ("meeting", "date_basis"): "How held_on is known.",
    ("statement", "said_on"): "Date of the statement.",
    ("statement", "date_precision"): "Precision of said_on.",
    ("statement", "date_basis"): "How said_on is known.",
    ("agreement", "concluded_on"): "Date concluded or announced, if known.",
    ("agreement", "date_precision"): "Precision of concluded_on; NULL exactly when it is NULL.",
    ("agreement", "date_basis"): "How concluded_on is known; NULL exactly when it is NULL.",
    ("figure", "as_of"): "Date the figure refers to.",
    ("figure", "as_of_precision"): "Precision of as_of.",
    ("figure", "as_of_basis"): "How as_of is known.",
    ("statement", "is_direct_quote"):
        "True when text is the speaker's own words in quotation marks.",
    ("evidence", "is_direct_quote"):
        "For a statement: true when this source quotes the speaker's words directly "
        "(in quotation marks), false when it paraphrases; NULL for other facts.",
}
CONVERTED = "converted from its v1 date by revision 0011; the next seed gives the curated note"


def _bounds_checks(table, name, earliest, latest, basis, note, reference) -> None:
    checks = {
        f"{name}_bounds_ordered": f"{earliest} <= {latest}",
        f"{name}_basis_with_bounds":
            f"(num_nonnulls({earliest}, {latest}) = 0) = ({basis} is null)",
        f"{name}_reference_with_basis":
            f"coalesce({basis} = 'reference', false) = ({reference} is not null)",
        f"{name}_note_unless_stated":
            f"{basis} is null or {basis} = 'stated' or {note} is not null",
    }
    for check, condition in checks.items():
        op.create_check_constraint(op.f(f"ck_{table}_{check}"), table, condition, schema="core")


def _latest(date: str, precision: str) -> str:
    return (f"case {precision} when 'day' then {date} "
            f"when 'month' then ({date} + interval '1 month' - interval '1 day')::date "
            f"when 'year' then ({date} + interval '1 year' - interval '1 day')::date end")


def _edtf(date: str, precision: str) -> str:
    return (f"case {precision} when 'day' then to_char({date}, 'YYYY-MM-DD') "
            f"when 'month' then to_char({date}, 'YYYY-MM') "
            f"when 'year' then to_char({date}, 'YYYY') end")


def _reader() -> str:
    return op.get_bind().dialect.identifier_preparer.quote(
        context.config.attributes["reader_group"])


def upgrade() -> None:
    for view in reversed(VIEWS):
        op.execute(f"drop view if exists analytics.{view} cascade")
    # The rows below change shape: the next seed must read every file again.
    op.execute("delete from core.seed_file")
    op.execute("delete from core.seed_state")
    op.execute(FUNCTIONS)
    _upgrade_reference_and_groups()
    _upgrade_activities()
    for table, checks in V1_CHECKS.items():
        for name in checks:
            op.drop_constraint(f"ck_{table}_{name}", table, schema="core")
    for table, prefix, date, precision, basis, note, reference in DATES:
        _bound(table, prefix, date, precision, basis, note, reference)
    _upgrade_visit_end()
    for name, condition in VISIT_CHECKS.items():
        op.create_check_constraint(op.f(f"ck_visit_{name}"), "visit", condition, schema="core")
    _upgrade_quote_kinds()
    _upgrade_evidence_targets()
    reader = _reader()
    for view in VIEWS:
        op.execute((SNAPSHOT / f"{view}.sql").read_text())
        op.execute(f"grant select on analytics.{view} to {reader}")


def _upgrade_reference_and_groups() -> None:
    op.add_column("office", sa.Column(
        "level", sa.Text(), server_default="other", nullable=False,
        comment="Seniority a holder travels in: head_of_state, head_of_government, "
                "foreign_minister or other (the visit level of the leader-travel data sets)."),
        schema="core")
    op.create_check_constraint(
        op.f("ck_office_level_vocabulary"), "office",
        "level in ('head_of_state', 'head_of_government', 'foreign_minister', 'other')",
        schema="core")
    op.add_column("visit_participant", sa.Column(
        "group_description", sa.Text(), nullable=True,
        comment="For a group the text names no one in: the group as described, e.g. 'some "
                "members of the Iraqi delegation'; NULL for a person or an office."),
        schema="core")
    op.add_column("visit_participant", sa.Column(
        "led_by_person_id", sa.Text(), sa.ForeignKey(
            "core.person.person_id", name=op.f("fk_visit_participant_led_by_person_id_person")),
        nullable=True, comment="Who leads the group, when the text says."), schema="core")
    op.alter_column("visit_participant", "person_id", schema="core",
                    comment="The participant; NULL when only the office or a group is reported.")
    op.drop_constraint("ck_visit_participant_person_or_office", "visit_participant",
                       schema="core")
    op.create_check_constraint(
        op.f("ck_visit_participant_person_office_or_group"), "visit_participant",
        "num_nonnulls(person_id, office_id, group_description) >= 1", schema="core")
    op.create_check_constraint(
        op.f("ck_visit_participant_led_by_only_for_groups"), "visit_participant",
        "led_by_person_id is null or group_description is not null", schema="core")
    op.create_table_comment(
        "visit_participant",
        "One row per (visit, participant): a named person, an office where the sources name "
        "no person, or a described group (members and size not given), with their role in "
        "the visit.", schema="core")
    op.create_table_comment(
        "meeting", "One row per meeting between named persons or described groups, held or "
                   "scheduled.", schema="core")
    op.create_table(
        "meeting_group",
        sa.Column("meeting_id", sa.Text(), nullable=False, comment="The meeting."),
        sa.Column("group_no", sa.Integer(), nullable=False,
                  comment="1-based position of the group among the meeting's groups in its "
                          "entry."),
        sa.Column("description", sa.Text(), nullable=False,
                  comment="The group as the text describes it."),
        sa.Column("country_code", sa.Text(), nullable=False,
                  comment="Side the group belongs to."),
        sa.Column("led_by_person_id", sa.Text(), nullable=True,
                  comment="Who leads the group, when the text says."),
        sa.Column("office_id", sa.Text(), nullable=True,
                  comment="The office its members hold, when the text gives one."),
        sa.CheckConstraint("group_no > 0", name=op.f("ck_meeting_group_numbered_from_one")),
        sa.ForeignKeyConstraint(["meeting_id"], ["core.meeting.meeting_id"],
                                name=op.f("fk_meeting_group_meeting_id_meeting"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["country_code"], ["core.country.code"],
                                name=op.f("fk_meeting_group_country_code_country")),
        sa.ForeignKeyConstraint(["led_by_person_id"], ["core.person.person_id"],
                                name=op.f("fk_meeting_group_led_by_person_id_person")),
        sa.ForeignKeyConstraint(["office_id"], ["core.office.office_id"],
                                name=op.f("fk_meeting_group_office_id_office")),
        sa.PrimaryKeyConstraint("meeting_id", "group_no", name=op.f("pk_meeting_group")),
        schema="core",
        comment="One row per (meeting, described group) taking part where the text names no "
                "one: 'their Iranian counterparts', 'other senior officials'.")


def _upgrade_activities() -> None:
    op.create_table(
        "activity",
        sa.Column("activity_id", sa.Text(), nullable=False,
                  comment="Stable slug fixed in the seed files."),
        sa.Column("kind", sa.Text(), nullable=False, comment="Kind of activity; closed vocabulary."),
        sa.Column("summary", sa.Text(), nullable=False,
                  comment="One-line description by the curators."),
        sa.Column("actor_person_id", sa.Text(), nullable=True,
                  comment="Who acts (or is elected, hospitalised), when a person."),
        sa.Column("actor_organization_id", sa.Text(), nullable=True,
                  comment="Who acts, when an organisation or a state's government."),
        sa.Column("country_code", sa.Text(), nullable=True,
                  comment="Country where it happened, if reported."),
        sa.Column("place_id", sa.Text(), nullable=True, comment="Where it happened, if reported."),
        sa.Column("visit_id", sa.Text(), nullable=True,
                  comment="Visit it was part of; NULL if none."),
        sa.Column("earliest", sa.Date(), nullable=True,
                  comment="Earliest day it can have happened (inclusive)."),
        sa.Column("latest", sa.Date(), nullable=True,
                  comment="Latest day it can have happened (inclusive)."),
        sa.Column("date_edtf", sa.Text(), nullable=True, comment="EDTF of those bounds."),
        sa.Column("happened_on", sa.Date(),
                  sa.Computed("core.period_start(earliest, latest)", persisted=True),
                  nullable=True,
                  comment="v1-style date, generated from the bounds (the timeline's "
                          "happened_on)."),
        sa.Column("date_precision", sa.Text(),
                  sa.Computed("core.period_precision(earliest, latest)", persisted=True),
                  nullable=True, comment="Precision of happened_on, generated from the bounds."),
        sa.Column("date_basis", sa.Text(), nullable=True, comment="How the date is known."),
        sa.Column("date_note", sa.Text(), nullable=True,
                  comment="How an inferred or referenced date was derived."),
        sa.Column("date_reference_id", sa.Text(), nullable=True,
                  comment="The named reference of the date, exactly when date_basis is "
                          "'reference'."),
        sa.Column("status", sa.Text(), nullable=False,
                  comment="held, planned or cancelled, as reported."),
        sa.CheckConstraint("activity_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'",
                           name=op.f("ck_activity_activity_id_is_slug")),
        sa.CheckConstraint(
            "kind in ('ceremony', 'reception', 'commemoration', 'site_visit', "
            "'hospitalisation', 'election', 'strike', 'attack', 'other')",
            name=op.f("ck_activity_kind_vocabulary")),
        sa.CheckConstraint("status in ('held', 'planned', 'cancelled')",
                           name=op.f("ck_activity_status_vocabulary")),
        sa.CheckConstraint("date_basis in ('stated', 'inferred', 'reference')",
                           name=op.f("ck_activity_date_basis_vocabulary")),
        sa.CheckConstraint("num_nonnulls(actor_person_id, actor_organization_id) <= 1",
                           name=op.f("ck_activity_one_actor_at_most")),
        sa.ForeignKeyConstraint(["actor_person_id"], ["core.person.person_id"],
                                name=op.f("fk_activity_actor_person_id_person")),
        sa.ForeignKeyConstraint(["actor_organization_id"],
                                ["core.organization.organization_id"],
                                name=op.f("fk_activity_actor_organization_id_organization")),
        sa.ForeignKeyConstraint(["country_code"], ["core.country.code"],
                                name=op.f("fk_activity_country_code_country")),
        sa.ForeignKeyConstraint(["place_id"], ["core.place.place_id"],
                                name=op.f("fk_activity_place_id_place")),
        sa.ForeignKeyConstraint(["visit_id"], ["core.visit.visit_id"],
                                name=op.f("fk_activity_visit_id_visit"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["date_reference_id"], ["core.reference.reference_id"],
                                name=op.f("fk_activity_date_reference_id_reference")),
        sa.PrimaryKeyConstraint("activity_id", name=op.f("pk_activity")),
        schema="core",
        comment="One row per activity a source reports that is neither a visit, a meeting, a "
                "statement, an agreement nor a figure: a ceremony, reception, commemoration, "
                "site visit, hospitalisation, election, strike or attack.")
    _bounds_checks("activity", "activity", "earliest", "latest", "date_basis", "date_note",
                   "date_reference_id")
    # The timeline filters activities by happened_on, analysts by earliest.
    for column in ("actor_person_id", "visit_id", "earliest", "happened_on"):
        op.create_index(op.f(f"ix_activity_{column}"), "activity", [column], schema="core")


def _bound(table, prefix, date, precision, basis, note, reference) -> None:
    """One v1 date (and precision) → its bounds and EDTF; the v1 columns re-made as
    generated ones. The conversion of loaded rows: a date at a precision spans that
    period."""
    earliest, latest = f"{prefix}_earliest", f"{prefix}_latest"
    edtf = "start_edtf" if prefix == "start" else f"{prefix}_edtf"
    for column, type_ in ((earliest, sa.Date()), (latest, sa.Date()), (edtf, sa.Text())):
        op.add_column(table, sa.Column(column, type_, nullable=True,
                                       comment=COMMENTS[table, column]), schema="core")
    if (table, note) not in EXISTING_NOTES:
        op.add_column(table, sa.Column(note, sa.Text(), nullable=True,
                                       comment=COMMENTS[table, note]), schema="core")
    else:
        op.alter_column(table, note, comment=COMMENTS[table, note], schema="core")
    op.add_column(table, sa.Column(
        reference, sa.Text(), sa.ForeignKey("core.reference.reference_id",
                                            name=op.f(f"fk_{table}_{reference}_reference")),
        nullable=True, comment=COMMENTS[table, reference]), schema="core")
    op.execute(f"update core.{table} set {earliest} = {date}, "
               f"{latest} = {_latest(date, precision)}, {edtf} = {_edtf(date, precision)}, "
               f"{note} = coalesce({note}, case when {basis} <> 'stated' then '{CONVERTED}' end) "
               f"where {date} is not null")
    op.alter_column(table, basis, nullable=True, comment=COMMENTS[table, basis], schema="core")
    if table == "visit" and prefix == "start":
        # The end shares the start's precision in v1; kept until _upgrade_visit_end.
        for column in ("end_earliest", "end_latest"):
            op.add_column("visit", sa.Column(column, sa.Date(), nullable=True,
                                             comment=COMMENTS["visit", column]), schema="core")
        op.execute(f"update core.visit set end_earliest = end_date, "
                   f"end_latest = {_latest('end_date', 'date_precision')} "
                   "where end_date is not null")
        op.drop_column("visit", "end_date", schema="core")
    op.drop_column(table, date, schema="core")
    op.drop_column(table, precision, schema="core")
    op.add_column(table, sa.Column(date, sa.Date(), sa.Computed(
        f"core.period_start({earliest}, {latest})", persisted=True), nullable=True,
        comment=COMMENTS[table, date]), schema="core")
    op.add_column(table, sa.Column(precision, sa.Text(), sa.Computed(
        f"core.period_precision({earliest}, {latest})", persisted=True), nullable=True,
        comment=COMMENTS[table, precision]), schema="core")
    op.create_check_constraint(op.f(f"ck_{table}_{precision}_vocabulary"), table,
                               f"{precision} in ('day', 'month', 'year')", schema="core")
    if (table, date) in DATE_INDEXES:
        op.create_index(op.f(f"ix_{table}_{date}"), table, [date], schema="core")
    _bounds_checks(table, CHECK_NAMES[prefix], earliest, latest, basis, note, reference)


def _upgrade_visit_end() -> None:
    for column in ("end_edtf", "dates_edtf"):
        op.add_column("visit", sa.Column(column, sa.Text(), nullable=True,
                                         comment=COMMENTS["visit", column]), schema="core")
    op.execute("update core.visit set end_edtf = case when end_earliest = end_latest then "
               "to_char(end_earliest, 'YYYY-MM-DD') else to_char(end_earliest, 'YYYY-MM-DD') "
               "|| '/' || to_char(end_latest, 'YYYY-MM-DD') end where end_earliest is not null")
    op.execute("update core.visit set dates_edtf = start_edtf || coalesce('/' || end_edtf, '') "
               "where start_edtf is not null")
    op.add_column("visit", sa.Column("end_date", sa.Date(), sa.Computed(
        "core.period_start(end_earliest, end_latest)", persisted=True), nullable=True,
        comment=COMMENTS["visit", "end_date"]), schema="core")


def _upgrade_quote_kinds() -> None:
    op.add_column("statement", sa.Column(
        "quote_kind", sa.Text(), nullable=True,
        comment="The most direct rendering any supporting source gives: direct (the utterance "
                "in quotation marks), partial (reported speech around quoted words) or "
                "paraphrase."), schema="core")
    op.execute("update core.statement set quote_kind = case when is_direct_quote "
               "then 'direct' else 'paraphrase' end")
    op.alter_column("statement", "quote_kind", nullable=False, schema="core")
    op.create_check_constraint(op.f("ck_statement_quote_kind_vocabulary"), "statement",
                               "quote_kind in ('direct', 'partial', 'paraphrase')",
                               schema="core")
    op.drop_column("statement", "is_direct_quote", schema="core")
    op.add_column("statement", sa.Column(
        "is_direct_quote", sa.Boolean(), sa.Computed("quote_kind <> 'paraphrase'",
                                                     persisted=True), nullable=True,
        comment="True when some source puts the speaker's words in quotation marks "
                "(quote_kind direct or partial); generated from quote_kind."), schema="core")
    op.add_column("evidence", sa.Column(
        "quote_kind", sa.Text(), nullable=True,
        comment="For a statement: how this source renders it: direct (the utterance in "
                "quotation marks), partial (reported speech around quoted words) or "
                "paraphrase; NULL for other facts."), schema="core")
    op.add_column("evidence", sa.Column(
        "quoted_words", sa.Text(), nullable=True,
        comment="For a direct or partial rendering: the words inside the quotation marks "
                "within the quote (several runs joined by ' … '); NULL otherwise."),
        schema="core")
    op.execute("update core.evidence set quote_kind = case when is_direct_quote then 'direct' "
               "else 'paraphrase' end, quoted_words = case when is_direct_quote then quote end "
               "where statement_id is not null")
    op.drop_constraint("ck_evidence_direct_quote_only_for_statements", "evidence",
                       schema="core")
    op.drop_column("evidence", "is_direct_quote", schema="core")
    op.add_column("evidence", sa.Column(
        "is_direct_quote", sa.Boolean(), sa.Computed("quote_kind <> 'paraphrase'",
                                                     persisted=True), nullable=True,
        comment="For a statement: true when this source puts the speaker's words in "
                "quotation marks (quote_kind direct or partial); NULL for other facts."),
        schema="core")
    for name, condition in {
            "quote_kind_vocabulary": "quote_kind in ('direct', 'partial', 'paraphrase')",
            "quote_kind_exactly_for_statements": "(quote_kind is null) = (statement_id is null)",
            "quoted_words_with_quotation_marks":
                "(quoted_words is not null) = coalesce(quote_kind <> 'paraphrase', false)"}.items():
        op.create_check_constraint(op.f(f"ck_evidence_{name}"), "evidence", condition,
                                   schema="core")


def _upgrade_evidence_targets() -> None:
    op.add_column("evidence", sa.Column(
        "activity_id", sa.Text(), sa.ForeignKey(
            "core.activity.activity_id", name=op.f("fk_evidence_activity_id_activity"),
            ondelete="CASCADE"), nullable=True, comment="Activity supported."), schema="core")
    op.create_index(op.f("ix_evidence_activity_id"), "evidence", ["activity_id"], schema="core")
    op.drop_constraint("ck_evidence_supports_one_fact", "evidence", schema="core")
    op.create_check_constraint(op.f("ck_evidence_supports_one_fact"), "evidence",
                               f"num_nonnulls({TARGETS}) = 1", schema="core")
    op.drop_index("ix_evidence_fact_id", table_name="evidence", schema="core")
    op.execute(f"create index ix_evidence_fact_id on core.evidence (coalesce({TARGETS}))")


def downgrade() -> None:
    for view in reversed(VIEWS):
        op.execute(f"drop view if exists analytics.{view} cascade")
    # What revision 0010 cannot hold goes: activities and their evidence, groups.
    op.execute("delete from core.evidence where activity_id is not null")
    op.drop_index("ix_evidence_fact_id", table_name="evidence", schema="core")
    op.execute(f"create index ix_evidence_fact_id on core.evidence (coalesce({TARGETS_0010}))")
    op.drop_constraint("ck_evidence_supports_one_fact", "evidence", schema="core")
    op.create_check_constraint(op.f("ck_evidence_supports_one_fact"), "evidence",
                               f"num_nonnulls({TARGETS_0010}) = 1", schema="core")
    op.drop_column("evidence", "activity_id", schema="core")
    op.drop_table("activity", schema="core")
    op.drop_table("meeting_group", schema="core")
    op.execute("delete from core.visit_participant where person_id is null "
               "and office_id is null")
    for name in ("person_office_or_group", "led_by_only_for_groups"):
        op.drop_constraint(f"ck_visit_participant_{name}", "visit_participant", schema="core")
    op.drop_column("visit_participant", "led_by_person_id", schema="core")
    op.drop_column("visit_participant", "group_description", schema="core")
    op.create_check_constraint(op.f("ck_visit_participant_person_or_office"),
                               "visit_participant",
                               "num_nonnulls(person_id, office_id) >= 1", schema="core")
    op.drop_constraint("ck_office_level_vocabulary", "office", schema="core")
    op.drop_column("office", "level", schema="core")
    for table in ("statement", "evidence"):
        # Generated → plain, keeping its values (partial counts as direct, as in v1).
        op.execute(f"alter table core.{table} alter column is_direct_quote drop expression")
        for name in ("quote_kind_vocabulary", "quote_kind_exactly_for_statements",
                     "quoted_words_with_quotation_marks"):
            op.execute(f"alter table core.{table} drop constraint if exists ck_{table}_{name}")
        op.drop_column(table, "quote_kind", schema="core")
    op.drop_column("evidence", "quoted_words", schema="core")
    op.alter_column("statement", "is_direct_quote", nullable=False,
                    comment=V1_COMMENTS["statement", "is_direct_quote"], schema="core")
    op.alter_column("evidence", "is_direct_quote",
                    comment=V1_COMMENTS["evidence", "is_direct_quote"], schema="core")
    op.create_check_constraint(op.f("ck_evidence_direct_quote_only_for_statements"),
                               "evidence",
                               "is_direct_quote is null or statement_id is not null",
                               schema="core")
    for name in VISIT_CHECKS:
        op.drop_constraint(f"ck_visit_{name}", "visit", schema="core")
    op.execute("alter table core.visit alter column end_date drop expression")
    for table, prefix, date, precision, basis, note, reference in DATES:
        _unbound(table, prefix, date, precision, basis, note, reference)
    for column in ("end_earliest", "end_latest", "end_edtf", "dates_edtf"):
        op.drop_column("visit", column, schema="core")
    op.alter_column("visit", "end_date", comment=V1_COMMENTS["visit", "end_date"],
                    schema="core")
    op.execute("update core.visit set end_date = null where end_date < start_date")
    for table, checks in V1_CHECKS.items():
        for name, condition in checks.items():
            op.create_check_constraint(op.f(f"ck_{table}_{name}"), table, condition,
                                       schema="core")
    op.execute("drop function core.period_start(date, date)")
    op.execute("drop function core.period_precision(date, date)")
    op.create_table_comment(
        "visit_participant",
        "One row per (visit, participant): a named person, or an office where the sources "
        "name no person, with their role in the visit.", schema="core")
    op.create_table_comment("meeting", "One row per meeting between named persons, held or "
                                       "scheduled.", schema="core")
    op.alter_column("visit_participant", "person_id", schema="core",
                    comment="The participant; NULL when only the office is reported.")
    reader = _reader()
    for view in VIEWS:
        if view in PREVIOUS:
            op.execute((SQL / PREVIOUS[view] / f"{view}.sql").read_text())
            op.execute(f"grant select on analytics.{view} to {reader}")


def _unbound(table, prefix, date, precision, basis, note, reference) -> None:
    """The generated v1 columns become plain ones again (keeping their values); a date
    that v1 cannot say (an open bound, or bounds in two years) falls back to a day."""
    earliest, latest = f"{prefix}_earliest", f"{prefix}_latest"
    for column in (date, precision):
        op.execute(f"alter table core.{table} alter column {column} drop expression")
    op.execute(f"update core.{table} set {date} = coalesce({latest}, {earliest}), "
               f"{precision} = 'day' where {date} is null and "
               f"num_nonnulls({earliest}, {latest}) > 0")
    name = CHECK_NAMES[prefix]
    for check in ("bounds_ordered", "basis_with_bounds", "reference_with_basis",
                  "note_unless_stated"):
        op.drop_constraint(f"ck_{table}_{name}_{check}", table, schema="core")
    op.execute(f"update core.{table} set {basis} = 'inferred' where {basis} = 'reference'")
    edtf = "start_edtf" if prefix == "start" else f"{prefix}_edtf"
    for column in (earliest, latest, edtf, reference):
        op.drop_column(table, column, schema="core")
    if (table, note) not in EXISTING_NOTES:
        op.drop_column(table, note, schema="core")
    for column in (date, precision, basis, note):
        if (table, column) in V1_COMMENTS:
            op.alter_column(table, column, nullable=(table, column) not in V1_NOT_NULL,
                            comment=V1_COMMENTS[table, column], schema="core")
