"""The date fields of annotation entries: bounds, basis, note and reference, and the
rules that keep a date as precise as its text and its named reference allow, no more.

Mixed into the annotation reader (``validate.annotation._Annotation``, through
``validate.fact_rows.FactRows``), which provides ``b`` (the builder collecting problems),
``ctx`` (the reference ids) and ``dated`` (the rule that a fact is not dated after its
article unless it is a plan)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from diplodb.seed.dates import Bounds, parse

INFERRED_REACH = dt.timedelta(days=31)
"""How far from its article's date an inferred day may lie: a weekday ('on Sunday'), a
relative day ('a day after', 'this afternoon') or a part of a month ('by early August')
is resolved against the date of the report. A day farther away needs a stated date or a
named reference."""
NO_BOUNDS = Bounds(None, None)


class Dating:
    """``bounded`` turns one date field of an entry into its columns."""

    def bounded(self, entry, field_: str, value: str | None, basis: str, note: str | None,
                reference: str | None, *, names: tuple[str, str, str], fact_type: str,
                status: str | None = None, qualifier: str | None = None,
                basis_field: str = "date_basis", note_field: str = "date_note",
                reference_field: str = "date_reference") -> tuple[Bounds, dict[str, Any]]:
        """(bounds, {earliest, latest, edtf column: value}) of ``value``; the basis, note
        and reference are checked and left to the caller's columns."""
        if value is None:
            if reference is not None:
                self.b.problem(entry.file, entry.label, reference_field,
                               f"a {reference_field} without a date ({field_})")
            return NO_BOUNDS, dict.fromkeys(names)
        bounds = parse(value)  # the schema has validated it
        file, label = entry.file, entry.label
        if basis != "stated" and not note:
            self.b.problem(file, label, note_field,
                           f"a date that is not stated ({basis_field}: {basis}) needs a note "
                           "saying how it was derived")
        if basis == "reference":
            if reference is None:
                self.b.problem(file, label, reference_field,
                               f"{basis_field} is 'reference': name the reference "
                               f"({reference_field}: an id of reference/references.yaml)")
            elif reference not in self.ctx.references:
                self.b.problem(file, label, reference_field, f"unknown reference '{reference}'")
        elif reference is not None:
            self.b.problem(file, label, reference_field,
                           f"{reference_field} is given but {basis_field} is '{basis}'; a "
                           "named reference goes with basis 'reference'")
        published = entry.published
        if basis == "inferred" and bounds.day_level and published is not None:
            for side in (bounds.earliest, bounds.latest):
                if side is not None and abs(side - published) > INFERRED_REACH:
                    self.b.problem(
                        file, label, field_,
                        f"{side} is inferred to the day but lies more than "
                        f"{INFERRED_REACH.days} days from the article's date ({published}); "
                        "a day that far needs basis 'stated' (the text gives it) or "
                        "'reference' (a named reference does), else bound it by the month "
                        "or year the text gives")
        self.dated(entry, fact_type, field_, bounds.earliest, status=status,
                   qualifier=qualifier)
        return bounds, dict(zip(names, (bounds.earliest, bounds.latest, bounds.edtf),
                                strict=True))
