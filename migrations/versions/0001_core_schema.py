"""Core schema: every table of the normalized model, in schema core.

Also creates the btree_gist extension (for the one-holder-at-a-time EXCLUDE on office
terms), a trigger that keeps every evidence quote equal to the text it points at, the
analytics schema, and the NOLOGIN reader group (diplodb_reader unless configured; see
env.py) when it does not exist yet. Roles are cluster-wide and may be an administrator's:
the downgrade leaves the group, and its members, in place.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 22:55:10.998593
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


EVIDENCE_QUOTE_CHECK = """
create function core.evidence_quote_matches_body() returns trigger
language plpgsql as $$
begin
    -- The quote must be exactly the characters it points at in its source's body.
    if not exists (
        select 1 from core.source s
        where s.source_id = new.source_id
          and substr(s.body, new.char_start + 1, new.char_end - new.char_start) = new.quote
    ) then
        raise exception 'evidence quote does not match source % at [%, %)',
            new.source_id, new.char_start, new.char_end
            using errcode = 'check_violation';
    end if;
    return new;
end $$
"""

CREATE_READER = """
do $$ begin
    if not exists (select from pg_roles where rolname = '{name}') then
        create role {group} nologin;
    end if;
end $$
"""


def reader_group() -> tuple[str, str]:
    """(name, quoted identifier) of the reader group this deployment uses."""
    name = context.config.attributes["reader_group"]
    return name, op.get_bind().dialect.identifier_preparer.quote(name)


def upgrade() -> None:
    op.execute("create schema if not exists core")
    op.execute("comment on schema core is 'Normalized tables of diplodb; analysts read the analytics schema.'")
    op.execute("create extension if not exists btree_gist")
    op.create_table('country',
    sa.Column('code', sa.Text(), nullable=False, comment='ISO 3166-1 alpha-3 code, e.g. IRN, IRQ.'),
    sa.Column('name', sa.Text(), nullable=False, comment='English short name.'),
    sa.CheckConstraint("code ~ '^[A-Z]{3}$'", name=op.f('ck_country_code_is_alpha3')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_country')),
    sa.UniqueConstraint('name', name=op.f('uq_country_name')),
    schema='core',
    comment='One row per country, keyed by its ISO 3166-1 alpha-3 code.'
    )
    op.create_table('reference',
    sa.Column('reference_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('title', sa.Text(), nullable=False, comment='Title of the reference entry.'),
    sa.Column('publisher', sa.Text(), nullable=False, comment='Who publishes the reference.'),
    sa.Column('url', sa.Text(), nullable=False, comment='Where the entry can be read.'),
    sa.CheckConstraint("reference_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_reference_reference_id_is_slug')),
    sa.PrimaryKeyConstraint('reference_id', name=op.f('pk_reference')),
    schema='core',
    comment='One row per named reference work (an encyclopedia entry) that backs reference data such as office terms and canonical names.'
    )
    op.create_table('seed_state',
    sa.Column('singleton', sa.Boolean(), nullable=False, comment='Always true; keeps the table to one row.'),
    sa.Column('digest', sa.Text(), nullable=False, comment='SHA-256 over every seed file, in path order.'),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False, comment='When that load committed.'),
    sa.CheckConstraint('singleton', name=op.f('ck_seed_state_one_row')),
    sa.PrimaryKeyConstraint('singleton', name=op.f('pk_seed_state')),
    schema='core',
    comment='One row: the digest of the seed files last loaded.'
    )
    op.create_table('source',
    sa.Column('source_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('file_name', sa.Text(), nullable=False, comment="The article's file under seeds/articles/."),
    sa.Column('title', sa.Text(), nullable=False, comment='Descriptive title given by the curators (the texts carry no headline).'),
    sa.Column('publisher', sa.Text(), nullable=True, comment='Outlet that published the text, where the text shows it.'),
    sa.Column('agency', sa.Text(), nullable=True, comment='News agency credited in the text, where the text shows it.'),
    sa.Column('published_on', sa.Date(), nullable=True, comment='Publication date.'),
    sa.Column('published_on_precision', sa.Text(), nullable=False, comment='Precision of published_on.'),
    sa.Column('published_on_basis', sa.Text(), nullable=False, comment="'stated' when the text gives the date, 'inferred' when derived."),
    sa.Column('published_on_note', sa.Text(), nullable=True, comment='How an inferred publication date was derived.'),
    sa.Column('language', sa.Text(), nullable=False, comment='ISO 639-1 language of the text.'),
    sa.Column('is_translation', sa.Boolean(), nullable=False, comment='True when the text reads as a translation.'),
    sa.Column('url', sa.Text(), nullable=True, comment='Where the article was published, if known.'),
    sa.Column('body', sa.Text(), nullable=False, comment='Full text, exactly as in the article file.'),
    sa.Column('sha256', sa.Text(), nullable=False, comment='Hex SHA-256 of the UTF-8 body.'),
    sa.Column('search', postgresql.TSVECTOR(), sa.Computed("to_tsvector('english'::regconfig, body)", persisted=True), nullable=False, comment='English full-text vector of the body (GIN-indexed).'),
    sa.CheckConstraint("published_on_basis in ('stated', 'inferred', 'reference')", name=op.f('ck_source_published_on_basis_vocabulary')),
    sa.CheckConstraint("published_on_precision in ('day', 'month', 'year')", name=op.f('ck_source_published_on_precision_vocabulary')),
    sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name=op.f('ck_source_sha256_is_hex')),
    sa.CheckConstraint("source_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_source_source_id_is_slug')),
    sa.PrimaryKeyConstraint('source_id', name=op.f('pk_source')),
    sa.UniqueConstraint('file_name', name=op.f('uq_source_file_name')),
    schema='core',
    comment='One row per source article, its body stored exactly as received.'
    )
    op.create_index(op.f('ix_source_search'), 'source', ['search'], unique=False, schema='core', postgresql_using='gin')
    op.create_table('subject_area',
    sa.Column('subject_area_id', sa.Text(), nullable=False, comment='Area slug.'),
    sa.Column('label', sa.Text(), nullable=False, comment='Display label.'),
    sa.CheckConstraint("subject_area_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_subject_area_subject_area_id_is_slug')),
    sa.PrimaryKeyConstraint('subject_area_id', name=op.f('pk_subject_area')),
    schema='core',
    comment='One row per subject area an agreement may cover.'
    )
    op.create_table('topic',
    sa.Column('topic_id', sa.Text(), nullable=False, comment='Topic slug.'),
    sa.Column('label', sa.Text(), nullable=False, comment='Display label.'),
    sa.CheckConstraint("topic_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_topic_topic_id_is_slug')),
    sa.PrimaryKeyConstraint('topic_id', name=op.f('pk_topic')),
    schema='core',
    comment='One row per statement topic.'
    )
    op.create_table('office',
    sa.Column('office_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('title', sa.Text(), nullable=False, comment="Title, e.g. 'President of Iran'."),
    sa.Column('country_code', sa.Text(), nullable=False, comment='Country whose office it is.'),
    sa.CheckConstraint("office_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_office_office_id_is_slug')),
    sa.ForeignKeyConstraint(['country_code'], ['core.country.code'], name=op.f('fk_office_country_code_country')),
    sa.PrimaryKeyConstraint('office_id', name=op.f('pk_office')),
    schema='core',
    comment='One row per public office (a post one person holds at a time).'
    )
    op.create_index(op.f('ix_office_country_code'), 'office', ['country_code'], unique=False, schema='core')
    op.create_table('organization',
    sa.Column('organization_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('name', sa.Text(), nullable=False, comment='Display name.'),
    sa.Column('kind', sa.Text(), nullable=False, comment='Kind of organisation; closed vocabulary.'),
    sa.Column('country_code', sa.Text(), nullable=True, comment='Country it belongs to, if any.'),
    sa.CheckConstraint("kind in ('government', 'media', 'armed_group', 'other')", name=op.f('ck_organization_kind_vocabulary')),
    sa.CheckConstraint("organization_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_organization_organization_id_is_slug')),
    sa.ForeignKeyConstraint(['country_code'], ['core.country.code'], name=op.f('fk_organization_country_code_country')),
    sa.PrimaryKeyConstraint('organization_id', name=op.f('pk_organization')),
    schema='core',
    comment="One row per organisation that speaks in the sources (a leader's office, state media) when no person is named."
    )
    op.create_table('person',
    sa.Column('person_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('canonical_name', sa.Text(), nullable=False, comment="Canonical display name, as spelled by the person's reference entry."),
    sa.Column('country_code', sa.Text(), nullable=False, comment='Country the person serves or belongs to.'),
    sa.Column('reference_id', sa.Text(), nullable=False, comment='Reference entry for the person.'),
    sa.CheckConstraint("person_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_person_person_id_is_slug')),
    sa.ForeignKeyConstraint(['country_code'], ['core.country.code'], name=op.f('fk_person_country_code_country')),
    sa.ForeignKeyConstraint(['reference_id'], ['core.reference.reference_id'], name=op.f('fk_person_reference_id_reference')),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_person')),
    schema='core',
    comment='One row per person named in the corpus.'
    )
    op.create_index(op.f('ix_person_country_code'), 'person', ['country_code'], unique=False, schema='core')
    op.create_table('place',
    sa.Column('place_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('name', sa.Text(), nullable=False, comment='English name as used for display.'),
    sa.Column('kind', sa.Text(), nullable=False, comment='Kind of place; closed vocabulary.'),
    sa.Column('country_code', sa.Text(), nullable=False, comment='Country the place lies in.'),
    sa.Column('parent_place_id', sa.Text(), nullable=True, comment="Enclosing place (a venue's city), if recorded."),
    sa.CheckConstraint("kind in ('country', 'region', 'city', 'venue', 'airport', 'site')", name=op.f('ck_place_kind_vocabulary')),
    sa.CheckConstraint("place_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_place_place_id_is_slug')),
    sa.ForeignKeyConstraint(['country_code'], ['core.country.code'], name=op.f('fk_place_country_code_country')),
    sa.ForeignKeyConstraint(['parent_place_id'], ['core.place.place_id'], name=op.f('fk_place_parent_place_id_place')),
    sa.PrimaryKeyConstraint('place_id', name=op.f('pk_place')),
    schema='core',
    comment='One row per named place (city, region, venue, airport, site).'
    )
    op.create_index(op.f('ix_place_country_code'), 'place', ['country_code'], unique=False, schema='core')
    op.create_table('office_term',
    sa.Column('term_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('office_id', sa.Text(), nullable=False, comment='The office held.'),
    sa.Column('person_id', sa.Text(), nullable=False, comment='The holder.'),
    sa.Column('start_date', sa.Date(), nullable=False, comment='First day in office (first day of the period at month/year precision).'),
    sa.Column('start_precision', sa.Text(), nullable=False, comment='Precision of start_date.'),
    sa.Column('end_date', sa.Date(), nullable=True, comment='First day no longer in office; NULL while no end is recorded.'),
    sa.Column('end_precision', sa.Text(), nullable=True, comment='Precision of end_date.'),
    sa.Column('basis', sa.Text(), nullable=False, comment='How the dates are known; closed vocabulary.'),
    sa.Column('reference_id', sa.Text(), nullable=False, comment='The named reference for the dates.'),
    sa.Column('note', sa.Text(), nullable=True, comment="Curator's note on the dates, if any."),
    sa.Column('term', postgresql.DATERANGE(), sa.Computed("daterange(start_date, end_date, '[)')", persisted=True), nullable=False, comment="The term as a half-open daterange; indexed for 'who held X on D'."),
    postgresql.ExcludeConstraint((sa.column('office_id'), '='), (sa.column('term'), '&&'), using='gist', name='one_holder_at_a_time'),
    sa.CheckConstraint("basis in ('stated', 'inferred', 'reference')", name=op.f('ck_office_term_basis_vocabulary')),
    sa.CheckConstraint("end_precision in ('day', 'month', 'year')", name=op.f('ck_office_term_end_precision_vocabulary')),
    sa.CheckConstraint("start_precision in ('day', 'month', 'year')", name=op.f('ck_office_term_start_precision_vocabulary')),
    sa.CheckConstraint("term_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_office_term_term_id_is_slug')),
    sa.CheckConstraint('(end_date is null) = (end_precision is null)', name=op.f('ck_office_term_end_precision_with_end')),
    sa.CheckConstraint('end_date is null or end_date > start_date', name=op.f('ck_office_term_ends_after_start')),
    sa.ForeignKeyConstraint(['office_id'], ['core.office.office_id'], name=op.f('fk_office_term_office_id_office')),
    sa.ForeignKeyConstraint(['person_id'], ['core.person.person_id'], name=op.f('fk_office_term_person_id_person')),
    sa.ForeignKeyConstraint(['reference_id'], ['core.reference.reference_id'], name=op.f('fk_office_term_reference_id_reference')),
    sa.PrimaryKeyConstraint('term_id', name=op.f('pk_office_term')),
    schema='core',
    comment='One row per term in office. term = [start_date, end_date): end_date is the first day no longer in office; NULL means no end is recorded.'
    )
    op.create_index(op.f('ix_office_term_person_id'), 'office_term', ['person_id'], unique=False, schema='core')
    op.create_table('person_name',
    sa.Column('name_id', sa.Text(), nullable=False, comment="Stable id derived from the person id and the variant: '<person_id>:<variant with _ for spaces>'."),
    sa.Column('person_id', sa.Text(), nullable=False, comment='The person so named.'),
    sa.Column('name', sa.Text(), nullable=False, comment='The variant exactly as written.'),
    sa.Column('is_canonical', sa.Boolean(), nullable=False, comment='True for the canonical name taken from the reference entry.'),
    sa.ForeignKeyConstraint(['person_id'], ['core.person.person_id'], name=op.f('fk_person_name_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('name_id', name=op.f('pk_person_name')),
    sa.UniqueConstraint('person_id', 'name', name=op.f('uq_person_name_person_id_name')),
    schema='core',
    comment='One row per (person, name variant): each spelling exactly as a source or the reference writes it. Evidence rows show where each occurs.'
    )
    op.create_index(op.f('ix_person_name_person_id'), 'person_name', ['person_id'], unique=False, schema='core')
    op.create_table('visit',
    sa.Column('visit_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('visitor_id', sa.Text(), nullable=False, comment='The person who travels.'),
    sa.Column('visitor_country_code', sa.Text(), nullable=False, comment='Country the visitor represents.'),
    sa.Column('host_country_code', sa.Text(), nullable=False, comment='Country visited.'),
    sa.Column('place_id', sa.Text(), nullable=True, comment='Main place of the visit, if reported.'),
    sa.Column('start_date', sa.Date(), nullable=True, comment='First day (NULL when a planned trip has no date).'),
    sa.Column('end_date', sa.Date(), nullable=True, comment='Last day, if known.'),
    sa.Column('date_precision', sa.Text(), nullable=False, comment='Precision of the dates.'),
    sa.Column('date_basis', sa.Text(), nullable=False, comment="'stated' when a source gives the date, 'inferred' when derived."),
    sa.Column('date_note', sa.Text(), nullable=True, comment='How an inferred date was derived.'),
    sa.Column('status', sa.Text(), nullable=False, comment='Status as reported; closed vocabulary.'),
    sa.Column('status_reason', sa.Text(), nullable=True, comment='Reported reason for a postponement or cancellation.'),
    sa.Column('visit_type', sa.Text(), nullable=False, comment='Type of visit as reported.'),
    sa.Column('first_trip_abroad', sa.Boolean(), nullable=True, comment="True when reported as the visitor's first trip abroad in office; NULL if not reported."),
    sa.CheckConstraint("date_basis in ('stated', 'inferred', 'reference')", name=op.f('ck_visit_date_basis_vocabulary')),
    sa.CheckConstraint("date_precision in ('day', 'month', 'year')", name=op.f('ck_visit_date_precision_vocabulary')),
    sa.CheckConstraint("start_date is not null or status in ('planned', 'postponed', 'cancelled')", name=op.f('ck_visit_dated_unless_not_made')),
    sa.CheckConstraint("status in ('completed', 'ongoing', 'planned', 'postponed', 'cancelled')", name=op.f('ck_visit_status_vocabulary')),
    sa.CheckConstraint("visit_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_visit_visit_id_is_slug')),
    sa.CheckConstraint("visit_type in ('state', 'official', 'working', 'unspecified')", name=op.f('ck_visit_visit_type_vocabulary')),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_visit_ends_after_start')),
    sa.CheckConstraint('visitor_country_code <> host_country_code', name=op.f('ck_visit_abroad')),
    sa.ForeignKeyConstraint(['host_country_code'], ['core.country.code'], name=op.f('fk_visit_host_country_code_country')),
    sa.ForeignKeyConstraint(['place_id'], ['core.place.place_id'], name=op.f('fk_visit_place_id_place')),
    sa.ForeignKeyConstraint(['visitor_country_code'], ['core.country.code'], name=op.f('fk_visit_visitor_country_code_country')),
    sa.ForeignKeyConstraint(['visitor_id'], ['core.person.person_id'], name=op.f('fk_visit_visitor_id_person')),
    sa.PrimaryKeyConstraint('visit_id', name=op.f('pk_visit')),
    schema='core',
    comment='One row per visit: a trip of one visitor to one host country, made, under way, planned, postponed or cancelled.'
    )
    op.create_index(op.f('ix_visit_host_country_code'), 'visit', ['host_country_code'], unique=False, schema='core')
    op.create_index(op.f('ix_visit_start_date'), 'visit', ['start_date'], unique=False, schema='core')
    op.create_index(op.f('ix_visit_visitor_id'), 'visit', ['visitor_id'], unique=False, schema='core')
    op.create_table('agreement',
    sa.Column('agreement_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('title', sa.Text(), nullable=False, comment='Descriptive title by the curators.'),
    sa.Column('kind', sa.Text(), nullable=False, comment='Kind; closed vocabulary.'),
    sa.Column('status', sa.Text(), nullable=False, comment='Status as reported; closed vocabulary.'),
    sa.Column('concluded_on', sa.Date(), nullable=True, comment='Date concluded or announced, if known.'),
    sa.Column('date_precision', sa.Text(), nullable=False, comment='Precision of concluded_on.'),
    sa.Column('date_basis', sa.Text(), nullable=False, comment='How concluded_on is known.'),
    sa.Column('visit_id', sa.Text(), nullable=True, comment='Visit it came out of, if any.'),
    sa.Column('instrument_count', sa.Integer(), nullable=False, comment='Number of instruments.'),
    sa.Column('value_usd', sa.Numeric(), nullable=True, comment='Stated value in US dollars, if any.'),
    sa.CheckConstraint("agreement_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_agreement_agreement_id_is_slug')),
    sa.CheckConstraint("date_basis in ('stated', 'inferred', 'reference')", name=op.f('ck_agreement_date_basis_vocabulary')),
    sa.CheckConstraint("date_precision in ('day', 'month', 'year')", name=op.f('ck_agreement_date_precision_vocabulary')),
    sa.CheckConstraint("kind in ('mou', 'treaty', 'pact', 'commitment', 'other')", name=op.f('ck_agreement_kind_vocabulary')),
    sa.CheckConstraint("status in ('signed', 'announced', 'planned')", name=op.f('ck_agreement_status_vocabulary')),
    sa.CheckConstraint('instrument_count > 0', name=op.f('ck_agreement_instrument_count_positive')),
    sa.CheckConstraint('value_usd >= 0', name=op.f('ck_agreement_value_not_negative')),
    sa.ForeignKeyConstraint(['visit_id'], ['core.visit.visit_id'], name=op.f('fk_agreement_visit_id_visit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('agreement_id', name=op.f('pk_agreement')),
    schema='core',
    comment='One row per agreement, memorandum, pact, pledge or bundle of instruments signed together.'
    )
    op.create_index(op.f('ix_agreement_visit_id'), 'agreement', ['visit_id'], unique=False, schema='core')
    op.create_table('figure',
    sa.Column('figure_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('metric', sa.Text(), nullable=False, comment="What is counted, e.g. 'bilateral_trade', 'covid_deaths'."),
    sa.Column('country_code', sa.Text(), nullable=True, comment='Country the figure is about.'),
    sa.Column('counterpart_country_code', sa.Text(), nullable=True, comment='Other country, for bilateral figures.'),
    sa.Column('value', sa.Numeric(), nullable=False, comment='The number, in unit.'),
    sa.Column('unit', sa.Text(), nullable=False, comment="Unit: 'USD', 'USD/year', 'persons', ..."),
    sa.Column('qualifier', sa.Text(), nullable=False, comment="How the source qualifies the number; 'target' for goals."),
    sa.Column('as_of', sa.Date(), nullable=False, comment='Date the figure refers to.'),
    sa.Column('as_of_precision', sa.Text(), nullable=False, comment='Precision of as_of.'),
    sa.Column('as_of_basis', sa.Text(), nullable=False, comment='How as_of is known.'),
    sa.Column('visit_id', sa.Text(), nullable=True, comment='Visit in whose reporting the figure appears, if any.'),
    sa.Column('note', sa.Text(), nullable=True, comment="Curator's note, if any."),
    sa.CheckConstraint("as_of_basis in ('stated', 'inferred', 'reference')", name=op.f('ck_figure_as_of_basis_vocabulary')),
    sa.CheckConstraint("as_of_precision in ('day', 'month', 'year')", name=op.f('ck_figure_as_of_precision_vocabulary')),
    sa.CheckConstraint("figure_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_figure_figure_id_is_slug')),
    sa.CheckConstraint("qualifier in ('exact', 'over', 'about', 'close_to', 'under', 'target')", name=op.f('ck_figure_qualifier_vocabulary')),
    sa.ForeignKeyConstraint(['counterpart_country_code'], ['core.country.code'], name=op.f('fk_figure_counterpart_country_code_country')),
    sa.ForeignKeyConstraint(['country_code'], ['core.country.code'], name=op.f('fk_figure_country_code_country')),
    sa.ForeignKeyConstraint(['visit_id'], ['core.visit.visit_id'], name=op.f('fk_figure_visit_id_visit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('figure_id', name=op.f('pk_figure')),
    schema='core',
    comment='One row per number a source reports (trade, debt, cases, deaths, troops).'
    )
    op.create_index(op.f('ix_figure_metric'), 'figure', ['metric'], unique=False, schema='core')
    op.create_index(op.f('ix_figure_visit_id'), 'figure', ['visit_id'], unique=False, schema='core')
    op.create_table('meeting',
    sa.Column('meeting_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('visit_id', sa.Text(), nullable=True, comment='Visit the meeting belongs to; NULL if none.'),
    sa.Column('held_on', sa.Date(), nullable=False, comment='Date of the meeting.'),
    sa.Column('date_precision', sa.Text(), nullable=False, comment='Precision of held_on.'),
    sa.Column('date_basis', sa.Text(), nullable=False, comment='How held_on is known.'),
    sa.Column('place_id', sa.Text(), nullable=True, comment='Where it took place, if reported.'),
    sa.Column('status', sa.Text(), nullable=False, comment='Status; closed vocabulary.'),
    sa.Column('summary', sa.Text(), nullable=False, comment='One-line description by the curators.'),
    sa.CheckConstraint("date_basis in ('stated', 'inferred', 'reference')", name=op.f('ck_meeting_date_basis_vocabulary')),
    sa.CheckConstraint("date_precision in ('day', 'month', 'year')", name=op.f('ck_meeting_date_precision_vocabulary')),
    sa.CheckConstraint("meeting_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_meeting_meeting_id_is_slug')),
    sa.CheckConstraint("status in ('held', 'scheduled', 'cancelled')", name=op.f('ck_meeting_status_vocabulary')),
    sa.ForeignKeyConstraint(['place_id'], ['core.place.place_id'], name=op.f('fk_meeting_place_id_place')),
    sa.ForeignKeyConstraint(['visit_id'], ['core.visit.visit_id'], name=op.f('fk_meeting_visit_id_visit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_meeting')),
    schema='core',
    comment='One row per meeting between named persons, held or scheduled.'
    )
    op.create_index(op.f('ix_meeting_held_on'), 'meeting', ['held_on'], unique=False, schema='core')
    op.create_index(op.f('ix_meeting_visit_id'), 'meeting', ['visit_id'], unique=False, schema='core')
    op.create_table('statement',
    sa.Column('statement_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('speaker_person_id', sa.Text(), nullable=True, comment='Speaker, when a person.'),
    sa.Column('speaker_organization_id', sa.Text(), nullable=True, comment="Speaker, when an organisation (a leader's office, state media)."),
    sa.Column('said_on', sa.Date(), nullable=False, comment='Date of the statement.'),
    sa.Column('date_precision', sa.Text(), nullable=False, comment='Precision of said_on.'),
    sa.Column('date_basis', sa.Text(), nullable=False, comment='How said_on is known.'),
    sa.Column('visit_id', sa.Text(), nullable=True, comment='Visit during which it was said, if any.'),
    sa.Column('text', sa.Text(), nullable=False, comment='The statement verbatim from its first source: the quoted words for a direct quote, the reporting sentence for a paraphrase.'),
    sa.Column('is_direct_quote', sa.Boolean(), nullable=False, comment="True when text is the speaker's own words in quotation marks."),
    sa.Column('search', postgresql.TSVECTOR(), sa.Computed("to_tsvector('english'::regconfig, text)", persisted=True), nullable=False, comment='English full-text vector of text (GIN-indexed).'),
    sa.CheckConstraint("date_basis in ('stated', 'inferred', 'reference')", name=op.f('ck_statement_date_basis_vocabulary')),
    sa.CheckConstraint("date_precision in ('day', 'month', 'year')", name=op.f('ck_statement_date_precision_vocabulary')),
    sa.CheckConstraint("statement_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_statement_statement_id_is_slug')),
    sa.CheckConstraint('num_nonnulls(speaker_person_id, speaker_organization_id) = 1', name=op.f('ck_statement_one_speaker')),
    sa.ForeignKeyConstraint(['speaker_organization_id'], ['core.organization.organization_id'], name=op.f('fk_statement_speaker_organization_id_organization')),
    sa.ForeignKeyConstraint(['speaker_person_id'], ['core.person.person_id'], name=op.f('fk_statement_speaker_person_id_person')),
    sa.ForeignKeyConstraint(['visit_id'], ['core.visit.visit_id'], name=op.f('fk_statement_visit_id_visit'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('statement_id', name=op.f('pk_statement')),
    schema='core',
    comment='One row per statement: one utterance or position, however many sources report it (each report is a row of evidence).'
    )
    op.create_index(op.f('ix_statement_said_on'), 'statement', ['said_on'], unique=False, schema='core')
    op.create_index(op.f('ix_statement_search'), 'statement', ['search'], unique=False, schema='core', postgresql_using='gin')
    op.create_index(op.f('ix_statement_speaker_person_id'), 'statement', ['speaker_person_id'], unique=False, schema='core')
    op.create_index(op.f('ix_statement_visit_id'), 'statement', ['visit_id'], unique=False, schema='core')
    op.create_table('visit_participant',
    sa.Column('participant_id', sa.Text(), nullable=False, comment='Stable slug fixed in the seed files.'),
    sa.Column('visit_id', sa.Text(), nullable=False, comment='The visit.'),
    sa.Column('person_id', sa.Text(), nullable=True, comment='The participant; NULL when only the office is reported.'),
    sa.Column('office_id', sa.Text(), nullable=True, comment='Office in which the participant took part.'),
    sa.Column('country_code', sa.Text(), nullable=False, comment='Side the participant belongs to.'),
    sa.Column('role', sa.Text(), nullable=False, comment='Role in the visit; closed vocabulary.'),
    sa.CheckConstraint("participant_id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name=op.f('ck_visit_participant_participant_id_is_slug')),
    sa.CheckConstraint("role in ('head', 'delegation', 'host', 'counterpart')", name=op.f('ck_visit_participant_role_vocabulary')),
    sa.CheckConstraint('num_nonnulls(person_id, office_id) >= 1', name=op.f('ck_visit_participant_person_or_office')),
    sa.ForeignKeyConstraint(['country_code'], ['core.country.code'], name=op.f('fk_visit_participant_country_code_country')),
    sa.ForeignKeyConstraint(['office_id'], ['core.office.office_id'], name=op.f('fk_visit_participant_office_id_office')),
    sa.ForeignKeyConstraint(['person_id'], ['core.person.person_id'], name=op.f('fk_visit_participant_person_id_person')),
    sa.ForeignKeyConstraint(['visit_id'], ['core.visit.visit_id'], name=op.f('fk_visit_participant_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', name=op.f('pk_visit_participant')),
    schema='core',
    comment='One row per (visit, participant): a named person, or an office where the sources name no person, with their role in the visit.'
    )
    op.create_index(op.f('ix_visit_participant_person_id'), 'visit_participant', ['person_id'], unique=False, schema='core')
    op.create_index(op.f('ix_visit_participant_visit_id'), 'visit_participant', ['visit_id'], unique=False, schema='core')
    op.create_table('agreement_party',
    sa.Column('agreement_id', sa.Text(), nullable=False, comment='The agreement.'),
    sa.Column('country_code', sa.Text(), nullable=False, comment='A party.'),
    sa.ForeignKeyConstraint(['agreement_id'], ['core.agreement.agreement_id'], name=op.f('fk_agreement_party_agreement_id_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['country_code'], ['core.country.code'], name=op.f('fk_agreement_party_country_code_country')),
    sa.PrimaryKeyConstraint('agreement_id', 'country_code', name=op.f('pk_agreement_party')),
    schema='core',
    comment='One row per (agreement, party country).'
    )
    op.create_table('agreement_subject',
    sa.Column('agreement_id', sa.Text(), nullable=False, comment='The agreement.'),
    sa.Column('subject_area_id', sa.Text(), nullable=False, comment='A subject area.'),
    sa.ForeignKeyConstraint(['agreement_id'], ['core.agreement.agreement_id'], name=op.f('fk_agreement_subject_agreement_id_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_area_id'], ['core.subject_area.subject_area_id'], name=op.f('fk_agreement_subject_subject_area_id_subject_area')),
    sa.PrimaryKeyConstraint('agreement_id', 'subject_area_id', name=op.f('pk_agreement_subject')),
    schema='core',
    comment='One row per (agreement, subject area).'
    )
    op.create_table('evidence',
    sa.Column('evidence_id', sa.UUID(), nullable=False, comment='Deterministic UUID (v5) of the fact, the source and the span.'),
    sa.Column('source_id', sa.Text(), nullable=False, comment='The source quoted.'),
    sa.Column('char_start', sa.Integer(), nullable=False, comment='0-based start offset in body.'),
    sa.Column('char_end', sa.Integer(), nullable=False, comment='End offset in body, exclusive.'),
    sa.Column('quote', sa.Text(), nullable=False, comment='The verbatim quote.'),
    sa.Column('aspect', sa.Text(), nullable=True, comment="What this source says about one disputed aspect of the fact (e.g. 'delegation', 'status'); NULL for plain support."),
    sa.Column('claim', sa.Text(), nullable=True, comment="This source's claim on that aspect, in the curators' words."),
    sa.Column('visit_id', sa.Text(), nullable=True, comment='Visit supported.'),
    sa.Column('participant_id', sa.Text(), nullable=True, comment='Visit participant supported.'),
    sa.Column('meeting_id', sa.Text(), nullable=True, comment='Meeting supported.'),
    sa.Column('statement_id', sa.Text(), nullable=True, comment='Statement supported.'),
    sa.Column('agreement_id', sa.Text(), nullable=True, comment='Agreement supported.'),
    sa.Column('figure_id', sa.Text(), nullable=True, comment='Reported figure supported.'),
    sa.Column('term_id', sa.Text(), nullable=True, comment='Office term supported (a source naming the holder in office).'),
    sa.Column('name_id', sa.Text(), nullable=True, comment='Name variant supported (where a source writes it).'),
    sa.CheckConstraint('(aspect is null) = (claim is null)', name=op.f('ck_evidence_claim_with_aspect')),
    sa.CheckConstraint('char_length(quote) = char_end - char_start', name=op.f('ck_evidence_span_fits_quote')),
    sa.CheckConstraint('char_start >= 0 and char_end > char_start', name=op.f('ck_evidence_span_is_valid')),
    sa.CheckConstraint('num_nonnulls(visit_id, participant_id, meeting_id, statement_id, agreement_id, figure_id, term_id, name_id) = 1', name=op.f('ck_evidence_supports_one_fact')),
    sa.ForeignKeyConstraint(['agreement_id'], ['core.agreement.agreement_id'], name=op.f('fk_evidence_agreement_id_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['figure_id'], ['core.figure.figure_id'], name=op.f('fk_evidence_figure_id_figure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['core.meeting.meeting_id'], name=op.f('fk_evidence_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['name_id'], ['core.person_name.name_id'], name=op.f('fk_evidence_name_id_person_name'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['core.visit_participant.participant_id'], name=op.f('fk_evidence_participant_id_visit_participant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['core.source.source_id'], name=op.f('fk_evidence_source_id_source'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['statement_id'], ['core.statement.statement_id'], name=op.f('fk_evidence_statement_id_statement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id'], ['core.office_term.term_id'], name=op.f('fk_evidence_term_id_office_term'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['visit_id'], ['core.visit.visit_id'], name=op.f('fk_evidence_visit_id_visit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('evidence_id', name=op.f('pk_evidence')),
    schema='core',
    comment='One row per piece of evidence: a verbatim quote of one source that supports one fact. Offsets are 0-based characters of source.body, end exclusive; a trigger checks the quote against the body.'
    )
    op.create_index(op.f('ix_evidence_agreement_id'), 'evidence', ['agreement_id'], unique=False, schema='core')
    op.create_index(op.f('ix_evidence_figure_id'), 'evidence', ['figure_id'], unique=False, schema='core')
    op.create_index(op.f('ix_evidence_meeting_id'), 'evidence', ['meeting_id'], unique=False, schema='core')
    op.create_index(op.f('ix_evidence_name_id'), 'evidence', ['name_id'], unique=False, schema='core')
    op.create_index(op.f('ix_evidence_participant_id'), 'evidence', ['participant_id'], unique=False, schema='core')
    op.create_index(op.f('ix_evidence_source_id'), 'evidence', ['source_id'], unique=False, schema='core')
    op.create_index(op.f('ix_evidence_statement_id'), 'evidence', ['statement_id'], unique=False, schema='core')
    op.create_index(op.f('ix_evidence_term_id'), 'evidence', ['term_id'], unique=False, schema='core')
    op.create_index(op.f('ix_evidence_visit_id'), 'evidence', ['visit_id'], unique=False, schema='core')
    op.create_table('meeting_participant',
    sa.Column('meeting_id', sa.Text(), nullable=False, comment='The meeting.'),
    sa.Column('person_id', sa.Text(), nullable=False, comment='A person taking part.'),
    sa.ForeignKeyConstraint(['meeting_id'], ['core.meeting.meeting_id'], name=op.f('fk_meeting_participant_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['core.person.person_id'], name=op.f('fk_meeting_participant_person_id_person')),
    sa.PrimaryKeyConstraint('meeting_id', 'person_id', name=op.f('pk_meeting_participant')),
    schema='core',
    comment='One row per (meeting, person) taking part.'
    )
    op.create_index(op.f('ix_meeting_participant_person_id'), 'meeting_participant', ['person_id'], unique=False, schema='core')
    op.create_table('statement_topic',
    sa.Column('statement_id', sa.Text(), nullable=False, comment='The statement.'),
    sa.Column('topic_id', sa.Text(), nullable=False, comment='A topic it touches.'),
    sa.ForeignKeyConstraint(['statement_id'], ['core.statement.statement_id'], name=op.f('fk_statement_topic_statement_id_statement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['core.topic.topic_id'], name=op.f('fk_statement_topic_topic_id_topic')),
    sa.PrimaryKeyConstraint('statement_id', 'topic_id', name=op.f('pk_statement_topic')),
    schema='core',
    comment='One row per (statement, topic).'
    )
    op.create_index(op.f('ix_statement_topic_topic_id'), 'statement_topic', ['topic_id'], unique=False, schema='core')
    op.execute(EVIDENCE_QUOTE_CHECK)
    op.execute(
        "create trigger evidence_quote_matches_body before insert or update on core.evidence "
        "for each row execute function core.evidence_quote_matches_body()")
    op.execute("create schema analytics")
    op.execute("comment on schema analytics is "
               "'The analyst contract: documented, read-only views over the core tables.'")
    name, group = reader_group()
    op.execute(CREATE_READER.format(name=name, group=group))
    op.execute(f"grant usage on schema analytics to {group}")
    op.execute(f"alter default privileges in schema analytics grant select on tables to {group}")
    # Readers change nothing anywhere: no temporary tables, nothing in public.
    op.execute("revoke create on schema public from public")
    op.execute("do $$ begin execute format('revoke temporary on database %I from public', "
               "current_database()); end $$")


def downgrade() -> None:
    op.execute("do $$ begin execute format('grant temporary on database %I to public', "
               "current_database()); end $$")
    _, group = reader_group()
    op.execute(f"alter default privileges in schema analytics revoke select on tables from {group}")
    op.execute("drop schema analytics")
    op.execute("drop trigger evidence_quote_matches_body on core.evidence")
    op.execute("drop function core.evidence_quote_matches_body()")
    op.drop_index(op.f('ix_statement_topic_topic_id'), table_name='statement_topic', schema='core')
    op.drop_table('statement_topic', schema='core')
    op.drop_index(op.f('ix_meeting_participant_person_id'), table_name='meeting_participant', schema='core')
    op.drop_table('meeting_participant', schema='core')
    op.drop_index(op.f('ix_evidence_visit_id'), table_name='evidence', schema='core')
    op.drop_index(op.f('ix_evidence_term_id'), table_name='evidence', schema='core')
    op.drop_index(op.f('ix_evidence_statement_id'), table_name='evidence', schema='core')
    op.drop_index(op.f('ix_evidence_source_id'), table_name='evidence', schema='core')
    op.drop_index(op.f('ix_evidence_participant_id'), table_name='evidence', schema='core')
    op.drop_index(op.f('ix_evidence_name_id'), table_name='evidence', schema='core')
    op.drop_index(op.f('ix_evidence_meeting_id'), table_name='evidence', schema='core')
    op.drop_index(op.f('ix_evidence_figure_id'), table_name='evidence', schema='core')
    op.drop_index(op.f('ix_evidence_agreement_id'), table_name='evidence', schema='core')
    op.drop_table('evidence', schema='core')
    op.drop_table('agreement_subject', schema='core')
    op.drop_table('agreement_party', schema='core')
    op.drop_index(op.f('ix_visit_participant_visit_id'), table_name='visit_participant', schema='core')
    op.drop_index(op.f('ix_visit_participant_person_id'), table_name='visit_participant', schema='core')
    op.drop_table('visit_participant', schema='core')
    op.drop_index(op.f('ix_statement_visit_id'), table_name='statement', schema='core')
    op.drop_index(op.f('ix_statement_speaker_person_id'), table_name='statement', schema='core')
    op.drop_index(op.f('ix_statement_search'), table_name='statement', schema='core', postgresql_using='gin')
    op.drop_index(op.f('ix_statement_said_on'), table_name='statement', schema='core')
    op.drop_table('statement', schema='core')
    op.drop_index(op.f('ix_meeting_visit_id'), table_name='meeting', schema='core')
    op.drop_index(op.f('ix_meeting_held_on'), table_name='meeting', schema='core')
    op.drop_table('meeting', schema='core')
    op.drop_index(op.f('ix_figure_visit_id'), table_name='figure', schema='core')
    op.drop_index(op.f('ix_figure_metric'), table_name='figure', schema='core')
    op.drop_table('figure', schema='core')
    op.drop_index(op.f('ix_agreement_visit_id'), table_name='agreement', schema='core')
    op.drop_table('agreement', schema='core')
    op.drop_index(op.f('ix_visit_visitor_id'), table_name='visit', schema='core')
    op.drop_index(op.f('ix_visit_start_date'), table_name='visit', schema='core')
    op.drop_index(op.f('ix_visit_host_country_code'), table_name='visit', schema='core')
    op.drop_table('visit', schema='core')
    op.drop_index(op.f('ix_person_name_person_id'), table_name='person_name', schema='core')
    op.drop_table('person_name', schema='core')
    op.drop_index(op.f('ix_office_term_person_id'), table_name='office_term', schema='core')
    op.drop_table('office_term', schema='core')
    op.drop_index(op.f('ix_place_country_code'), table_name='place', schema='core')
    op.drop_table('place', schema='core')
    op.drop_index(op.f('ix_person_country_code'), table_name='person', schema='core')
    op.drop_table('person', schema='core')
    op.drop_table('organization', schema='core')
    op.drop_index(op.f('ix_office_country_code'), table_name='office', schema='core')
    op.drop_table('office', schema='core')
    op.drop_table('topic', schema='core')
    op.drop_table('subject_area', schema='core')
    op.drop_index(op.f('ix_source_search'), table_name='source', schema='core', postgresql_using='gin')
    op.drop_table('source', schema='core')
    op.drop_table('seed_state', schema='core')
    op.drop_table('reference', schema='core')
    op.drop_table('country', schema='core')
    op.execute("drop extension if exists btree_gist")
    op.execute("drop schema core")
