"""Persons: every spelling the reference data and the curated annotation files use,
reduced to transliteration skeletons (``names.py``) and looked up in the capitalised runs
of the article: a whole name, a name's first and last word, or its last word alone (a
surname); a first name only after a royal or religious title (King Salman). A title of
that kind is part of how the text names the person and is kept in the spelling
(Ayatollah Ali Khamenei); Mr, Dr and office titles are not.

A match that is not a whole known spelling (a surname, a first and last name, a close
transliteration) must not take part of a longer unknown name: when the capitalised run
it stands in goes on with name words that nothing matches ("Abu Mahdi" of "Abu Mahdi
Al Muhandis", close to Adil Abdul-Mahdi's "Abdul Mahdi"), the run is a new name, left to
the candidates.
"""

from __future__ import annotations

from diplodb.draft import names
from diplodb.draft.mentions.base import (CONNECTORS, KEPT_TITLES, STOPWORDS, Mention, Token,
                                         no_name, runs)
from diplodb.draft.reference import Reference


class PersonIndex:
    def __init__(self, ref: Reference):
        self.full: dict[str, set[str]] = {}
        self.word: dict[str, set[str]] = {}
        self.first: dict[str, set[str]] = {}
        self.source: dict[tuple[str, str], str] = {}  # (key, person) → the spelling
        self.whole: set[str] = set()  # the keys that are a whole spelling of two words or more
        for person, spellings in sorted(ref.spellings.items()):
            for spelling in sorted(spellings):  # the same draft every run
                ws = [names.fold(w) for w in names.words(spelling)]
                if not ws:
                    continue
                keys = [(self.full, " ".join(ws))] if len(ws) > 1 else []
                if len(ws) > 1:
                    self.whole.add(" ".join(ws))
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

    def match(self, text: str, titled: bool, seen: set[str]) -> tuple[str, str, bool] | None:
        """(person, how it matched, whether the text is a whole known spelling)."""
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
        return person, how, found[1] == 100 and found[0] in self.whole


def find(body: str, toks: list[Token], ref: Reference,
         taken: list[tuple[int, int]]) -> list[Mention]:
    """Person mentions, outside the spans already ``taken`` (countries, places)."""
    index, seen, mentions = PersonIndex(ref), set(), []
    words = _NameWords(toks, ref, taken)
    for run in runs(body, toks):
        j = 0
        while j < len(run):
            matched = None
            if not any(s <= run[j].start < e for s, e in taken) and run[j].capital \
                    and run[j].lower not in STOPWORDS:  # "Then Adil Abdul-Mahdi": not his
                for n in range(min(len(run) - j, 5), 0, -1):
                    span = run[j:j + n]
                    if not span[-1].capital or span[-1].lower in CONNECTORS:
                        continue
                    titled = j > 0 and run[j - 1].lower in KEPT_TITLES
                    text = body[span[0].start:span[-1].end]
                    hit = index.match(text, titled, seen)
                    if hit and (hit[2] or not words.around(run, j, j + n, mentions)):
                        matched = (n, hit[:2], titled)
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


class _NameWords:
    """Which words of a run could be part of a name nothing has matched."""

    def __init__(self, toks: list[Token], ref: Reference, taken: list[tuple[int, int]]):
        self.taken = taken  # countries and places
        # a word the article also writes in lower case is a common word ("Government")
        self.common = no_name(ref) | {t.lower for t in toks if not t.capital}

    def around(self, run: list[Token], first: int, stop: int, found: list[Mention]) -> bool:
        """Whether run[first:stop] has a name word next to it (past connectors) that is
        neither common nor part of a country, a place or a person ``found``."""
        left = next((t for t in reversed(run[:first]) if t.lower not in CONNECTORS), None)
        right = next((t for t in run[stop:] if t.lower not in CONNECTORS), None)
        spans = self.taken + [(m.start, m.end) for m in found]
        return any(t is not None and t.capital and t.lower not in self.common
                   and not any(s <= t.start < e for s, e in spans) for t in (left, right))
