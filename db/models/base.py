"""The one declarative base; every table lives in schema ``core`` and documents itself."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (BigInteger, CheckConstraint, Computed, ForeignKey, MetaData,
                        UniqueConstraint, text)
from sqlalchemy.orm import DeclarativeBase, MappedColumn, mapped_column

from diplodb.facts import identifiers

CORE_SCHEMA = "core"

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(schema=CORE_SCHEMA, naming_convention=NAMING_CONVENTION)


SOURCE_COUNT_COMMENT = (
    "Number of distinct sources whose evidence supports this fact (stance 'supports'), "
    "kept by the trigger core.count_supporting_sources on core.evidence: the analytics "
    "views read it instead of counting.")


def source_count() -> MappedColumn:
    """A fact's count of supporting sources: one definition, kept by the database (a
    trigger on core.evidence recounts the facts whose evidence changed), so the seed
    never writes it (``info["maintained"]``) and the views do not count."""
    return mapped_column(BigInteger, nullable=False, server_default=text("0"),
                         info={"maintained": True}, comment=SOURCE_COUNT_COMMENT)


def vocabulary(column: str, values: Iterable[str], name: str | None = None) -> CheckConstraint:
    """CHECK that ``column`` takes one of ``values`` (a closed vocabulary)."""
    listed = ", ".join(f"'{value}'" for value in values)
    return CheckConstraint(f"{column} in ({listed})", name=name or f"{column}_vocabulary")


SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def slug_check(column: str) -> CheckConstraint:
    """Seed-assigned ids are lowercase slugs: stable, readable, safe in URLs."""
    return CheckConstraint(f"{column} ~ '{SLUG_PATTERN}'", name=f"{column}_is_slug")


def identifier_constraints(table: str) -> list[CheckConstraint | UniqueConstraint]:
    """The shared identifiers of ``table`` (``diplodb.facts.IDENTIFIERS``): each value in
    its format and unique (coordinates excepted), set together with its named reference,
    and a note whenever one is missing (an identifier not confirmed is NULL, not guessed)."""
    out: list[CheckConstraint | UniqueConstraint] = []
    values: list[str] = []
    for ident in identifiers(table):
        listed = ", ".join((*ident.columns, ident.reference_column))
        out.append(CheckConstraint(ident.check, name=f"{ident.scheme}_format"))
        out.append(CheckConstraint(f"num_nulls({listed}) in (0, {len(ident.columns) + 1})",
                                   name=f"{ident.scheme}_with_reference"))
        if ident.scheme != "coordinates":
            out.append(UniqueConstraint(*ident.columns))
        values.extend(ident.columns)
    out.append(CheckConstraint(f"num_nulls({', '.join(values)}) = 0 or identifier_note is not null",
                               name="identifier_note_when_missing"))
    return out


def named_reference(of: str):
    """The ``<scheme>_reference_id`` column of an identifier: the references.yaml entry
    that gives ``of`` (set exactly when it is; see identifier_constraints)."""
    return mapped_column(ForeignKey("reference.reference_id"), comment=f"Named reference for {of}.")
# -- dates as bounded intervals (contract v1.2) -------------------------------------------
# core.period_start and core.period_precision (revision 0011) derive the v1 date and its
# precision from the bounds, by the contract's rule; the columns that hold them are
# generated, so they can never disagree with the bounds.
def period_start(earliest: str, latest: str) -> Computed:
    """The v1 date: the first day of the finest period holding both bounds."""
    return Computed(f"core.period_start({earliest}, {latest})", persisted=True)


def period_precision(earliest: str, latest: str) -> Computed:
    """The v1 precision (day, month, year) of the same period; NULL when there is none."""
    return Computed(f"core.period_precision({earliest}, {latest})", persisted=True)


def bounds_checks(name: str, earliest: str, latest: str, basis: str, note: str,
                  reference: str) -> tuple[CheckConstraint, ...]:
    """A date's bounds are ordered; its basis is given exactly when a bound is; a date
    known from a named reference names it (and only then); and anything not stated says
    how it was derived."""
    return (
        CheckConstraint(f"{earliest} <= {latest}", name=f"{name}_bounds_ordered"),
        CheckConstraint(f"(num_nonnulls({earliest}, {latest}) = 0) = ({basis} is null)",
                        name=f"{name}_basis_with_bounds"),
        CheckConstraint(f"coalesce({basis} = 'reference', false) = ({reference} is not null)",
                        name=f"{name}_reference_with_basis"),
        CheckConstraint(f"{basis} is null or {basis} = 'stated' or {note} is not null",
                        name=f"{name}_note_unless_stated"),
    )
