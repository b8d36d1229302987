"""Persons: every spelling the reference data and the curated annotation files use,
reduced to transliteration skeletons (``names.py``) and looked up in the capitalised runs
of the article: a whole name, a name's first and last word, or its last word alone (a
surname); a first name only after a royal or religious title (King Salman). A title of
that kind is part of how the text names the person and is kept in the spelling
(Ayatollah Ali Khamenei); Mr, Dr and office titles are not.
"""

from __future__ import annotations

from diplodb.draft import names
from diplodb.draft.mentions.base import CONNECTORS, KEPT_TITLES, Mention, Token, runs
from diplodb.draft.reference import Reference


class PersonIndex:
    def __init__(self, ref: Reference):
        self.full: dict[str, set[str]] = {}
        self.word: dict[str, set[str]] = {}
        self.first: dict[str, set[str]] = {}
        self.source: dict[tuple[str, str], str] = {}  # (key, person) → the spelling
        for person, spellings in sorted(ref.spellings.items()):
            for spelling in sorted(spellings):  # the same draft every run
                ws = [names.fold(w) for w in names.words(spelling)]
                if not ws:
                    continue
                keys = [(self.full, " ".join(ws))] if len(ws) > 1 else []
                if len(ws) > 2:
                    keys.append((self.full, f"{ws[0]} {ws[-1]}"))
                    keys += [(self.full, " ".join(ws[:k])) for k in range(2, len(ws))
                             if ws[k - 1] not in CONNECTORS]
                    # a compound surname alone: Amir-Abdollahian, Bagheri Kani
                    keys += [(self.full, " ".join(ws[k:])) for k in range(1, len(ws) - 1)
                             if ws[k] not in CONNECTORS]
                keys += [(self.word, ws[-1]), (self.first, ws[0])]
                for table, key in keys:
                    table.setdefault(key, set()).add(person)
                    self.source.setdefault((key, person), spelling)

    def match(self, text: str, titled: bool, seen: set[str]) -> tuple[str, str] | None:
        key = names.skeleton(text)
        table = self.full if " " in key else self.word
        found = names.best(key, list(table))
        people = table.get(found[0], set()) if found else set()
        if not people and titled and " " not in key:
            found = (key, 100.0) if key in self.first else None
            people = self.first.get(key, set())
        if len(people) > 1:
            people = people & seen
        if len(people) != 1:
            return None
        person = next(iter(people))
        spelling = self.source[(found[0], person)]
        how = (f"spelling {spelling!r}" if found[1] == 100 else
               f"close to {spelling!r} (rapidfuzz {found[1]:.0f} on transliteration skeletons)")
        return person, how


def find(body: str, toks: list[Token], ref: Reference,
         taken: list[tuple[int, int]]) -> list[Mention]:
    """Person mentions, outside the spans already ``taken`` (countries, places)."""
    index, seen, mentions = PersonIndex(ref), set(), []
    for run in runs(body, toks):
        j = 0
        while j < len(run):
            matched = None
            if not any(s <= run[j].start < e for s, e in taken) and run[j].capital:
                for n in range(min(len(run) - j, 5), 0, -1):
                    span = run[j:j + n]
                    if not span[-1].capital or span[-1].lower in CONNECTORS:
                        continue
                    titled = j > 0 and run[j - 1].lower in KEPT_TITLES
                    text = body[span[0].start:span[-1].end]
                    hit = index.match(text, titled, seen)
                    if hit:
                        matched = (n, hit, titled)
                        break
            if matched is None:
                j += 1
                continue
            n, (person, how), titled = matched
            start = run[j - 1].start if titled else run[j].start
            end = run[j + n - 1].end
            seen.add(person)
            mentions.append(Mention("person", person, start, end, body[start:end], how))
            j += n
    return mentions
