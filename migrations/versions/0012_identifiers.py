"""Analytics contract v1.3 (part): the field's shared identifiers, each from a named
reference.

- core.country: ISO 3166-1 alpha-2, Correlates of War and Gleditsch-Ward state numbers,
  Wikidata QID; core.place: GeoNames id, coordinates, Wikidata QID; core.person and
  core.office: Wikidata QID. Every identifier has its reference column
  (``<scheme>_reference_id``, set exactly when the value is) and each table an
  ``identifier_note`` (required when any identifier is NULL: not confirmed is NULL, never
  a guess). CHECKs hold each format, and each identifier is unique in its table.
- analytics.countries and analytics.places (new); analytics.persons gains wikidata_qid
  and wikidata_reference_url, analytics.office_terms office_wikidata_qid (appended
  columns, so both are replaced in place); agreement_parties and meeting_participants
  are replaced by the same SQL, as their "select * from core.<table>" reads the new
  columns.

The view SQL is read from migrations/sql/0012/ (frozen copies). The downgrade drops the
views, then the columns, and rebuilds persons (0002's copy) and office_terms (0006's).

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQL = Path(__file__).resolve().parent.parent / "sql"
SNAPSHOT = SQL / revision
ADDED = ("countries", "places")
CHANGED = ("persons", "office_terms")
# Unchanged views whose "select * from core.<table>" now reads the new columns: replaced
# in place by the same SQL, so that they are what their file builds today.
REREAD = ("agreement_parties", "meeting_participants")
PREVIOUS = {"persons": "0002", "office_terms": "0006", "agreement_parties": "0005",
            "meeting_participants": "0011"}
QID = "wikidata_qid ~ '^Q[1-9][0-9]*$'"
NOTE = "Why an identifier is NULL (none exists, or not confirmed)."
# table -> [(scheme, [(column, type, comment)], format check, unique)], as of this revision
IDENTIFIERS = {
    "country": [
        ("iso", [("iso_alpha2", sa.Text(), "ISO 3166-1 alpha-2 code, e.g. IR.")],
         "iso_alpha2 ~ '^[A-Z]{2}$'", True),
        ("cow", [("cow_code", sa.Integer(), "Correlates of War state number (ccode), e.g. "
                                            "630; NULL when the country has none.")],
         "cow_code between 1 and 999", True),
        ("gw", [("gw_code", sa.Integer(), "Gleditsch-Ward state number, e.g. 630; NULL when "
                                          "the country has none.")],
         "gw_code between 1 and 999", True),
        ("wikidata", [("wikidata_qid", sa.Text(), "Wikidata item of the country, e.g. Q794; "
                                                  "NULL when not confirmed.")], QID, True),
    ],
    "place": [
        ("geonames", [("geonames_id", sa.Integer(), "GeoNames id of the place itself (never "
                                                    "its parent's); NULL when not confirmed.")],
         "geonames_id > 0", True),
        ("coordinates", [("latitude", sa.Numeric(), "Latitude in decimal degrees (WGS 84), "
                                                   "north positive."),
                         ("longitude", sa.Numeric(), "Longitude in decimal degrees (WGS 84), "
                                                    "east positive.")],
         "latitude between -90 and 90 and longitude between -180 and 180", False),
        ("wikidata", [("wikidata_qid", sa.Text(), "Wikidata item of the place, e.g. Q3616; "
                                                  "NULL when not confirmed.")], QID, True),
    ],
    "person": [
        ("wikidata", [("wikidata_qid", sa.Text(), "Wikidata item of the person, e.g. Q57336; "
                                                  "NULL when not confirmed.")], QID, True),
    ],
    "office": [
        ("wikidata", [("wikidata_qid", sa.Text(),
                       "Wikidata item of the position (what Wikidata's 'position held', P39, "
                       "points to), e.g. Q838380; NULL when not confirmed.")], QID, True),
    ],
}
REFERENCE_COMMENTS = {
    ("country", "iso"): "Named reference for the ISO 3166-1 codes (alpha-2 and alpha-3).",
    ("place", "coordinates"): "Named reference for latitude and longitude (the GeoNames "
                              "record when geonames_id is set).",
}
NOTES = {
    "country": NOTE,
    "place": "Why an identifier is NULL (not confirmed, or none exists).",
    "person": "Why wikidata_qid is NULL (what was searched).",
    "office": "Why wikidata_qid is NULL (what was searched).",
}
TABLE_COMMENTS = {
    "country": ("One row per country, keyed by its ISO 3166-1 alpha-3 code, with its shared "
                "identifiers (ISO alpha-2, Correlates of War, Gleditsch-Ward, Wikidata), each "
                "from a named reference; one not confirmed is NULL.",
                "One row per country, keyed by its ISO 3166-1 alpha-3 code."),
    "place": ("One row per named place (city, region, venue, airport, site), with its GeoNames "
              "id, coordinates and Wikidata item, each from a named reference; one not "
              "confirmed is NULL.",
              "One row per named place (city, region, venue, airport, site)."),
}


def _group() -> str:
    return op.get_bind().dialect.identifier_preparer.quote(
        context.config.attributes["reader_group"])


def upgrade() -> None:
    for table, schemes in IDENTIFIERS.items():
        values = []
        for scheme, columns, check, unique in schemes:
            reference = f"{scheme}_reference_id"
            for name, type_, comment in columns:
                op.add_column(table, sa.Column(name, type_, nullable=True, comment=comment),
                              schema="core")
                values.append(name)
            op.add_column(table, sa.Column(
                reference, sa.Text(), nullable=True,
                comment=REFERENCE_COMMENTS.get((table, scheme),
                                               f"Named reference for {columns[0][0]}.")),
                schema="core")
            op.create_foreign_key(op.f(f"fk_{table}_{reference}_reference"), table,
                                  "reference", [reference], ["reference_id"],
                                  source_schema="core", referent_schema="core")
            op.create_check_constraint(op.f(f"ck_{table}_{scheme}_format"), table, check,
                                       schema="core")
            listed = ", ".join([name for name, _, _ in columns] + [reference])
            op.create_check_constraint(op.f(f"ck_{table}_{scheme}_with_reference"), table,
                                       f"num_nulls({listed}) in (0, {len(columns) + 1})",
                                       schema="core")
            if unique:
                op.create_unique_constraint(op.f(f"uq_{table}_{columns[0][0]}"), table,
                                            [columns[0][0]], schema="core")
        op.add_column(table, sa.Column("identifier_note", sa.Text(), nullable=True,
                                       comment=NOTES[table]), schema="core")
        # Rows seeded before this revision have no identifiers yet: the note says so until
        # the next seed fills them (a re-seed follows every upgrade).
        op.execute(f"update core.{table} set identifier_note = 'not yet loaded'")
        op.create_check_constraint(op.f(f"ck_{table}_identifier_note_when_missing"), table,
                                   f"num_nulls({', '.join(values)}) = 0 "
                                   "or identifier_note is not null", schema="core")
        if table in TABLE_COMMENTS:
            op.create_table_comment(table, TABLE_COMMENTS[table][0], schema="core")
    group = _group()
    for view in (*ADDED, *CHANGED, *REREAD):
        op.execute((SNAPSHOT / f"{view}.sql").read_text())
    for view in ADDED:
        op.execute(f"grant select on analytics.{view} to {group}")


def downgrade() -> None:
    group = _group()
    for view in (*ADDED, *CHANGED, *REREAD):
        op.execute(f"drop view analytics.{view}")
    for table, schemes in IDENTIFIERS.items():
        op.drop_constraint(f"ck_{table}_identifier_note_when_missing", table, schema="core")
        op.drop_column(table, "identifier_note", schema="core")
        for scheme, columns, _, unique in reversed(schemes):
            reference = f"{scheme}_reference_id"
            if unique:
                op.drop_constraint(f"uq_{table}_{columns[0][0]}", table, schema="core")
            op.drop_constraint(f"ck_{table}_{scheme}_with_reference", table, schema="core")
            op.drop_constraint(f"ck_{table}_{scheme}_format", table, schema="core")
            op.drop_constraint(f"fk_{table}_{reference}_reference", table, schema="core")
            op.drop_column(table, reference, schema="core")
            for name, _, _ in reversed(columns):
                op.drop_column(table, name, schema="core")
        if table in TABLE_COMMENTS:
            op.create_table_comment(table, TABLE_COMMENTS[table][1], schema="core")
    # Rebuilt after the columns go: their "select *" reads every column of the table.
    for view in (*CHANGED, *REREAD):
        op.execute((SQL / PREVIOUS[view] / f"{view}.sql").read_text())
        op.execute(f"grant select on analytics.{view} to {group}")
