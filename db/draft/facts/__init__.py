"""Candidate facts, sentence by sentence: visits, meetings, statements (with the quote
kind of each rendering), visit participants (a delegation and its members), agreements,
figures (with their qualifier) and activities.

Each is a first reading by trigger words and the mentions around them, for a curator to
confirm: the quote is the whole sentence (the curator shortens it), the date is the
sentence's own date expression, else the day the article last dated (for a statement
"placed at the press conference by context"), else the publication day, always with a
note saying which.

One builder module per fact type, each a ``draft(drafter, start, end, text)`` that adds
its facts for one sentence; ``base.Drafter`` is what they share (the mentions, the
reference data, the context carried from sentence to sentence).
"""

from __future__ import annotations

import datetime as dt

from diplodb.draft.facts import (activities, agreements, figures, meetings, participants,
                                 statements, visits)
from diplodb.draft.facts.base import Drafter, Fact
from diplodb.draft.mentions import Mentions
from diplodb.draft.reference import Reference

__all__ = ["Fact", "draft_facts"]

# In this order: a visit's postponement reads the visits drafted before it, participants
# join the visit and the meeting drafted from their sentence or before it, and each
# builder's facts come out in the order of the article's sentences.
BUILDERS = (statements.draft, visits.draft, meetings.draft, participants.draft,
            agreements.draft, figures.draft, activities.draft)


def draft_facts(body: str, sentences, ref: Reference, found: Mentions,
                published: dt.date | None) -> list[Fact]:
    drafter = Drafter(body, ref, found, published)
    for sentence in sentences:
        start, end = sentence.start, sentence.end
        text = body[start:end]
        for build in BUILDERS:
            build(drafter, start, end, text)
        drafter.remember_day(start, end)
        drafter.remember_person(start, end)
    return drafter.facts
