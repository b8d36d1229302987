"""New organisations: the organisation-like names of an article that the reference data
lacks ("Pezeshkian's office", "the Iranian presidency", "Iranian state media", "the Oil
Ministry", "Tasnim News Agency", "official news agency IRNA"), listed as candidates of
kind ``organization`` so that a statement can name one as its speaker.

An organisation is told by its head noun (office, presidency, ministry, news agency,
state media, ...) and what the text says owns it: a possessive ("Pezeshkian's", "the
Iraqi prime minister's", "Iraq's"), a country's adjective ("Iranian"), capitalised words
of its own ("Tasnim News Agency", "Oil Ministry"), or what follows "office of". A head
alone ("the office", "his ministry", "took office") names nothing; "state media" does
(the state is its owner). A head that a known organisation's mention covers is that
organisation, not a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diplodb.draft import names
from diplodb.draft.mentions.base import CONNECTORS, STOPWORDS, Mention, Mentions, Token

# Words that narrow a ministry or an office ("foreign ministry", "media office").
_MODIFIER = (r"(?:foreign|interior|defen[cs]e|oil|finance|health|trade|planning|electricity|"
             r"intelligence|culture|information|media|press|presidency) ")
HEAD = re.compile(rf"(?<![\w-])(?:(?:{_MODIFIER})?(?:office|ministry)|presidency|government"
                  r"|cabinet|parliament|embassy|state (?:media|television|tv|broadcaster|news "
                  r"agency)|(?:official |state )?news agency)(?![\w-])", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s $")
_OFFICE_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_APPOSITIVE = re.compile(r"\s+([A-Z][A-Za-z]{1,15}(?:\s[A-Z][A-Za-z]+)?)\b")
# The last word of a capitalised name that makes it an organisation's ("Quds Force").
HEAD_WORDS = frozenset("""ministry agency office council parliament assembly committee corps
forces force guard guards bank company organisation organization party movement front
presidency embassy government court army media television radio authority commission
union league fund network""".split())


@dataclass(frozen=True)
class NewOrganization:
    start: int  # its name, as the text gives it (without a leading "the")
    end: int
    own: tuple[int, int]  # the words that are the organisation's own, not its owner's


def find(body: str, toks: list[Token], found: Mentions) -> list[NewOrganization]:
    """Organisation-like names no known organisation's mention covers, longest first and
    without overlaps, in text order."""
    mentions = [m for m in found.all() if m.kind != "organization"]
    known = [(m.start, m.end) for m in found.organizations]
    heads = [h for h in HEAD.finditer(body)
             if not any(s < h.end() and h.start() < e for s, e in known)]
    hits: list[NewOrganization] = []
    for head in heads:
        hs, he = head.span()
        hit = _owned(body, toks, hs, he, mentions) or _named_after(body, hs, he)
        if hit is None and (head.group().lower().startswith("state ")
                            or (" " in head.group() and head.group()[0].isupper())):
            hit = NewOrganization(hs, he, (hs, he))  # "state media", "the Oil Ministry"
        if hit is not None:
            hits.append(hit)
    owners = [(m.start, m.end) for m in mentions] + [(h.start, h.end) for h in hits]
    for head in heads:  # "the office of Iran's Supreme Leader": what follows owns it
        link = _OFFICE_OF.match(body, head.end())
        after = [e for s, e in owners if link and s == link.end()]
        if after and re.fullmatch(r"(?i)office|presidency|embassy|ministry", head.group()):
            hits.append(NewOrganization(head.start(), max(after), head.span()))
    chosen: list[NewOrganization] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if not any(c.start < hit.end and hit.start < c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _owner_before(body: str, toks: list[Token], end: int,
                  mentions: list[Mention]) -> int | None:
    """The start of what names an owner ending at ``end``: a mention (a person, an office,
    a country), else a run of capitalised words (with a country's adjective before it:
    "Iranian Presidency Office"); None for anything else."""
    ending = [m.start for m in mentions if m.end == end]
    if ending:
        return min(ending)
    run: list[Token] = []
    for tok in reversed([t for t in toks if t.end <= end]):
        if body[tok.end:run[0].start if run else end] not in ("", " ") or \
                not (tok.capital or tok.lower in CONNECTORS):
            break
        run.insert(0, tok)
    while run and (run[0].lower in STOPWORDS or run[0].lower in CONNECTORS):
        run.pop(0)
    if not run:
        return None
    adjective = [m.start for m in mentions if m.kind == "country" and m.end == run[0].start - 1]
    return adjective[0] if adjective else run[0].start


def _owned(body: str, toks: list[Token], hs: int, he: int,
           mentions: list[Mention]) -> NewOrganization | None:
    """Pezeshkian's office, the Iraqi prime minister's media office, the Iranian
    presidency, Tasnim News Agency."""
    possessive = _POSSESSIVE.search(body[max(0, hs - 3):hs])
    if possessive:
        owner = _owner_before(body, toks, hs - len(possessive.group()), mentions)
        return NewOrganization(owner, he, (hs, he)) if owner is not None else None
    if body[hs - 1:hs] != " ":
        return None
    adjective = [m for m in mentions if m.kind == "country" and m.end == hs - 1]
    if adjective:
        return NewOrganization(adjective[0].start, he, (hs, he))
    owner = _owner_before(body, toks, hs - 1, mentions)
    return NewOrganization(owner, he, (owner, he)) if owner is not None else None


def _named_after(body: str, hs: int, he: int) -> NewOrganization | None:
    """official news agency IRNA: the name after its head is the organisation's."""
    name = _APPOSITIVE.match(body, he)
    if name is None or "agency" not in body[hs:he].lower():
        return None
    return NewOrganization(name.start(1), name.end(1), (hs, name.end(1)))


def proposed_id(text: str) -> str:
    """An id without the possessive: "Pezeshkian's office" → pezeshkian-office."""
    return names.slug(re.sub(r"['’]s\b", "", text))


def same(a: str, b: str) -> bool:
    """One organisation under two names: the same words, or one the tail of the other
    ("State media", "Iranian state media")."""
    wa, wb = names.skeleton(proposed_id(a)).split(), names.skeleton(proposed_id(b)).split()
    short, long_ = sorted((wa, wb), key=len)
    return wa == wb or (len(short) >= 2 and long_[-len(short):] == short)
