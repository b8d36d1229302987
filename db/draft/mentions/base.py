"""What the mention finders share: the mentions found, the new-name candidates, the
article's word tokens and the runs of capitalised words a name can stand in, and the
words (titles, honorifics, connectors, calendar and function words) that are no names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diplodb.draft.reference import Reference

KEPT_TITLES = frozenset({"ayatollah", "king", "queen", "prince", "sheikh", "emir", "sayyed"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "general", "major-general", "gen"})
CONNECTORS = frozenset({"bin", "ibn", "bint", "al", "el", "abu", "abd", "de"})
CALENDAR = frozenset("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday
wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
sun""".split())
STOPWORDS = frozenset("""a an the this that these those he she it they we i you his her its
their our my your there here however but and or if when while after before since during
for from in on at by to of with without as also meanwhile earlier later then now
relations neighbouring neighboring high-level published last updated date photo
advertising according yesterday today tomorrow tonight""".split())
# Common nouns a title is made of, written capitalised before a name ("Commander",
# "Spokesman"): part of no name.
ROLE_WORDS = frozenset("""commander chief spokesman spokeswoman spokesperson envoy ambassador
adviser advisor deputy secretary chairman speaker cleric martyr martyrs lieutenant colonel
brigadier judge governor mayor""".split())
_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’.\-]*")
_POSSESSIVE = re.compile(r"(['’]s?|\.|-)$")


def no_name(ref: Reference) -> frozenset[str]:
    """Capitalised words that are part of no name: function and calendar words, titles,
    honorifics, and the words of the reference data's office titles."""
    office_words = {w.lower() for o in ref.offices.values() for w in o.get("title", "").split()}
    return STOPWORDS | CALENDAR | KEPT_TITLES | HONORIFICS | ROLE_WORDS | office_words


@dataclass(frozen=True)
class Mention:
    kind: str  # person, place, country, organization, office
    ref: str  # its id (a country's code)
    start: int
    end: int
    text: str
    how: str  # how it was matched, for the curator
    holder: str | None = None  # an office: the person holding it on the publication day


@dataclass
class Candidate:
    """A name the reference data does not hold."""

    id: str  # proposed id
    name: str  # its longest spelling in the text
    kind: str  # person, organization or unknown
    spellings: dict[str, tuple[int, int]] = field(default_factory=dict)  # first span each
    spans: list[tuple[int, int]] = field(default_factory=list)  # every mention


@dataclass
class Mentions:
    persons: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    countries: list[Mention] = field(default_factory=list)
    organizations: list[Mention] = field(default_factory=list)
    offices: list[Mention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def all(self) -> list[Mention]:
        return sorted(self.persons + self.places + self.countries + self.organizations
                      + self.offices, key=lambda m: (m.start, -m.end))

    def within(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        return [m for m in self.all() if start <= m.start and m.end <= end
                and (kind is None or m.kind == kind)]

    def candidate_spans(self) -> list[tuple[int, int, Candidate]]:
        return sorted(((s, e, c) for c in self.candidates for s, e in c.spans),
                      key=lambda item: item[:2])


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capital(self) -> bool:
        first = self.text[3] if self.lower[:3] in ("al-", "el-") and len(self.text) > 3 \
            else self.text[0]
        return first.isupper()


def tokens(body: str) -> list[Token]:
    found = []
    for match in _TOKEN.finditer(body):
        text = match.group()
        while _POSSESSIVE.search(text) and text not in ("U.S.",):
            text = _POSSESSIVE.sub("", text)
        if text:
            found.append(Token(match.start(), match.start() + len(text), text))
    return found


def runs(body: str, toks: list[Token]) -> list[list[Token]]:
    """Maximal runs of capitalised words (and connectors inside them) separated by single
    spaces: the places a name can be."""
    found, current = [], []
    for tok in toks:
        joined = current and body[current[-1].end:tok.start] == " "
        inner = tok.lower in CONNECTORS and joined
        if tok.capital or inner:
            if current and not joined:
                found.append(current)
                current = []
            current.append(tok)
        else:
            if current:
                found.append(current)
            current = []
    if current:
        found.append(current)
    return found
