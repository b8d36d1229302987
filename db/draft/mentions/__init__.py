"""Every mention of a known person, place, country, organisation and office in an
article, and the capitalised names the reference data does not know (candidates).

``persons`` matches persons through spelling variants and transliterations; ``phrases``
finds places, countries, offices and organisations by the phrases that name them;
``candidates`` lists what is left; ``base`` holds what they share.
"""

from __future__ import annotations

import datetime as dt

from diplodb.draft.mentions import candidates, persons, phrases
from diplodb.draft.mentions.base import Candidate, Mention, Mentions, tokens
from diplodb.draft.reference import Reference

__all__ = ["Candidate", "Mention", "Mentions", "find"]


def find(body: str, ref: Reference, published: dt.date | None) -> Mentions:
    found = Mentions()
    toks = tokens(body)
    found.countries = phrases.countries(body, ref)
    found.places = phrases.places(body, ref)
    taken = [(m.start, m.end) for m in found.countries + found.places]
    found.persons = persons.find(body, toks, ref, taken)
    found.offices = phrases.offices(body, ref, published, found)
    found.organizations = phrases.organizations(body, ref, published, found)
    found.candidates = candidates.find(body, toks, ref, found)
    return found
