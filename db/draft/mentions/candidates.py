"""Candidates for the reference data: the names of an article that no mention covers,
each with a proposed id, its spellings and every span. An organisation-like name
(``organizations``) is an organisation; a capitalised name a person when a title comes
before it or a verb of saying after it, an organisation when it ends in one's head word
("Quds Force"), else of unknown kind.
"""

from __future__ import annotations

import re

from diplodb.draft import names
from diplodb.draft.mentions import organizations
from diplodb.draft.mentions.base import CONNECTORS, Candidate, Mentions, Token, no_name, runs
from diplodb.draft.mentions.phrases import country_forms
from diplodb.draft.reference import Reference


def find(body: str, toks: list[Token], ref: Reference, found: Mentions) -> list[Candidate]:
    candidates: list[Candidate] = []
    owned = []
    for org in organizations.find(body, toks, found):
        _add_organization(candidates, body, org.start, org.end)
        owned.append(org.own)
    known = [(m.start, m.end) for m in found.all()] + owned
    lowered = {t.lower for t in toks if not t.capital}
    skip = no_name(ref)
    for run in runs(body, toks):
        free = [t for t in run if not any(s <= t.start < e for s, e in known)
                and not _compound_of_known(t, ref)]
        groups, current = [], []
        for tok in free:
            ok = tok.lower not in skip and not (tok.lower in lowered and len(run) == 1)
            if ok and (tok.capital or current):
                if current and body[current[-1].end:tok.start] != " ":
                    groups.append(current)
                    current = []
                current.append(tok)
            elif current:
                groups.append(current)
                current = []
        if current:
            groups.append(current)
        for group in groups:
            while group and group[-1].lower in CONNECTORS:
                group = group[:-1]
            if not group or (len(group) == 1 and len(group[0].text) < 3):
                continue
            start, end = group[0].start, group[-1].end
            _add_candidate(candidates, body, start, end)
    return sorted(candidates, key=lambda c: c.spans[0])


def _compound_of_known(tok: Token, ref: Reference) -> bool:
    """Iran-backed, US-led, Israel-Hamas: a compound of a known country (or a lower-case
    word) names no new entity."""
    parts = tok.text.split("-")
    known = {f for code in ref.countries for f in country_forms(ref, code)}
    return len(parts) > 1 and any(p in known for p in parts)


def _add_candidate(candidates: list[Candidate], body: str, start: int, end: int) -> None:
    text = body[start:end]
    before = body[max(0, start - 40):start].lower()
    after = body[end:end + 25].lower()
    words = names.words(text)
    kind = "organization" if len(words) > 1 and words[-1] in organizations.HEAD_WORDS else \
        "person" if re.search(r"(president|minister|premier|leader|mr|general|king|"
                              r"ayatollah|commander)\s+$", before) or \
        re.match(r"\s*,?\s*(,[^,]{0,60},\s*)?(said|says|told|added|stressed|replied|noted|"
                 r"visited|met|called|expressed|confirmed)\b", after) else "unknown"
    last = names.fold((words or [""])[-1])
    for candidate in candidates:
        if candidate.kind == "organization":
            continue
        known_last = names.fold((names.words(candidate.name) or [""])[-1])
        if text != candidate.name and (not last or last != known_last
                                       or (" " in text and " " in candidate.name)):
            continue
        if " " in text and " " not in candidate.name:  # the full name of a surname
            candidate.name, candidate.id = text, names.slug(text)
        candidate.spellings.setdefault(text, (start, end))
        candidate.spans.append((start, end))
        candidate.kind = "person" if kind == "person" else candidate.kind
        return
    ident = names.slug(text)
    if ident and not any(c.id == ident for c in candidates):
        candidates.append(Candidate(ident, text, kind, {text: (start, end)}, [(start, end)]))


def _add_organization(candidates: list[Candidate], body: str, start: int, end: int) -> None:
    """A new organisation, or one more name of one already listed (its longest name
    kept: "Iranian state media" for "State media")."""
    text = body[start:end]
    for candidate in candidates:
        if candidate.kind == "organization" and organizations.same(text, candidate.name):
            if len(text) > len(candidate.name):
                candidate.name, candidate.id = text, organizations.proposed_id(text)
            candidate.spellings.setdefault(text, (start, end))
            candidate.spans.append((start, end))
            return
    ident = organizations.proposed_id(text)
    if ident:
        candidates.append(Candidate(ident, text, "organization", {text: (start, end)},
                                    [(start, end)]))
