"""Every mention of a known person, place, country, organisation and office in an
article, and the capitalised names the reference data does not know (candidates).

Persons are matched by the skeletons of every spelling the reference data and the
curated annotation files use (``names.py``): a whole name, a name's first and last word,
or its last word alone (a surname); a first name only after a royal or religious title
(King Salman). A title of that kind is part of how the text names the person and is kept
in the spelling (Ayatollah Ali Khamenei); Mr, Dr and office titles are not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from diplodb.draft import names
from diplodb.draft.reference import Reference

KEPT_TITLES = frozenset({"ayatollah", "king", "queen", "prince", "sheikh", "emir", "sayyed"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "general", "major-general", "gen"})
CONNECTORS = frozenset({"bin", "ibn", "bint", "al", "el", "abu", "abd", "de"})
# Adjectives and short forms of country names (language, not reference data): used only
# for codes that reference/countries.yaml holds.
DEMONYMS = {"IRN": ("Iranian", "Iranians", "Persian"), "IRQ": ("Iraqi", "Iraqis"),
            "SAU": ("Saudi", "Saudis"), "USA": ("US", "U.S.", "American", "Americans", "America"),
            "ISR": ("Israeli", "Israelis"), "PSE": ("Palestinian", "Palestinians")}
# Other ways English names an office (by the title's role, without its country).
ROLE_SYNONYMS = {"prime minister": ("premier", "prime minister"),
                 "minister of foreign affairs": ("foreign minister", "top diplomat",
                                                 "minister of foreign affairs"),
                 "supreme leader": ("supreme leader", "top leader"),
                 "national security adviser": ("national security adviser",
                                               "national security advisor")}
CALENDAR = frozenset("""january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday
wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
sun""".split())
STOPWORDS = frozenset("""a an the this that these those he she it they we i you his her its
their our my your there here however but and or if when while after before since during
for from in on at by to of with without as also meanwhile earlier later then now
relations neighbouring neighboring high-level published last updated date photo
advertising according""".split())
_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’.\-]*")
_POSSESSIVE = re.compile(r"(['’]s?|\.|-)$")


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
    """A capitalised name the reference data does not hold."""

    id: str  # proposed id
    name: str  # its longest spelling in the text
    kind: str  # person (after a title or before a verb of saying) or unknown
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
class _Token:
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


def tokens(body: str) -> list[_Token]:
    found = []
    for match in _TOKEN.finditer(body):
        text = match.group()
        while _POSSESSIVE.search(text) and text not in ("U.S.",):
            text = _POSSESSIVE.sub("", text)
        if text:
            found.append(_Token(match.start(), match.start() + len(text), text))
    return found


def _runs(body: str, toks: list[_Token]) -> list[list[_Token]]:
    """Maximal runs of capitalised words (and connectors inside them) separated by single
    spaces: the places a name can be."""
    runs, current = [], []
    for tok in toks:
        joined = current and body[current[-1].end:tok.start] == " "
        inner = tok.lower in CONNECTORS and joined
        if tok.capital or inner:
            if current and not joined:
                runs.append(current)
                current = []
            current.append(tok)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [[t for t in run] for run in runs]


class _PersonIndex:
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


def find(body: str, ref: Reference, published: dt.date | None) -> Mentions:
    found = Mentions()
    toks = tokens(body)
    found.countries = _countries(body, ref)
    found.places = _phrases(body, "place", {pid: _place_variants(p["name"])
                                            for pid, p in ref.places.items() if "name" in p})
    taken = [(m.start, m.end) for m in found.countries + found.places]
    found.persons = _persons(body, toks, ref, taken)
    found.offices = _offices(body, ref, published, found)
    found.organizations = _organizations(body, ref, published, found)
    found.candidates = _candidates(body, toks, ref, found)
    return found


def _persons(body, toks, ref, taken) -> list[Mention]:
    index, seen, mentions = _PersonIndex(ref), set(), []
    for run in _runs(body, toks):
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


def _word_pattern(phrase: str) -> str:
    parts = [re.escape(w) for w in phrase.split()]
    return r"(?<![\w-])" + r"(?:['’]s)?\s+".join(parts) + r"(?![\w-])"


def _phrases(body: str, kind: str, variants: dict[str, list[str]],
             flags=re.IGNORECASE) -> list[Mention]:
    """Non-overlapping matches of each id's phrases, longest first."""
    hits = []
    for ident, phrases in variants.items():
        for phrase in phrases:
            for m in re.finditer(_word_pattern(phrase), body, flags):
                hits.append((m.start(), m.end(), ident, phrase))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    chosen: list[Mention] = []
    for start, end, ident, phrase in hits:
        if not any(c.start < end and start < c.end for c in chosen):
            chosen.append(Mention(kind, ident, start, end, body[start:end], f"name {phrase!r}"))
    return sorted(chosen, key=lambda m: m.start)


def _place_variants(name: str) -> list[str]:
    parts = name.split()
    return [name] + ([f"{parts[0]} {parts[-1]}"] if len(parts) > 2 else [])


def _countries(body: str, ref: Reference) -> list[Mention]:
    variants = {code: [name, *DEMONYMS.get(code, ())] for code, name in ref.countries.items()}
    if "USA" in variants:
        variants["USA"].append("United States")
    return _phrases(body, "country", variants, flags=0)


def country_forms(ref: Reference, code: str) -> list[str]:
    name = ref.countries.get(code)
    return [f for f in (name, f"{name}'s", f"{name}’s", *DEMONYMS.get(code, ())) if f]


def _office_roles(ref: Reference) -> dict[str, tuple[str, list[str]]]:
    """office id → (country code, the phrases of its role)."""
    roles = {}
    for oid, office in ref.offices.items():
        title, code = office.get("title", ""), office.get("country", "")
        country = ref.countries.get(code, "")
        role = re.sub(rf"\s+of\s+(the\s+)?{re.escape(country)}$", "", title).lower() \
            if country else title.lower()
        phrases = [role, *ROLE_SYNONYMS.get(role, ())]
        ministry = re.fullmatch(r"minister of (?:the )?(\w+)", role)
        if ministry:
            phrases.append(f"{ministry.group(1)} minister")
        roles[oid] = (code, sorted(set(phrases), key=len, reverse=True))
    return roles


def _offices(body, ref, published, found: Mentions) -> list[Mention]:
    roles, mentions = _office_roles(ref), []
    hits = _phrases(body, "office", {oid: phrases for oid, (_, phrases) in roles.items()})
    by_phrase: dict[tuple[int, int], list[str]] = {}
    for hit in hits:  # one phrase may name the same role of several countries
        for oid, (_, phrases) in roles.items():
            if re.fullmatch(_word_pattern(hit.text.lower()), " ".join(hit.text.lower().split()))\
                    and hit.text.lower() in phrases:
                by_phrase.setdefault((hit.start, hit.end), []).append(oid)
    for (start, end), offices in sorted(by_phrase.items()):
        left = body[max(0, start - 30):start]
        right = body[end:end + 60]
        chosen, first = None, start
        for oid in offices:
            code = roles[oid][0]
            forms = country_forms(ref, code)
            before = [f for f in forms if re.search(rf"(?<!\w){re.escape(f)}\s+(\w+\s+)?$", left)]
            if before:
                chosen, first = oid, start - len(left) + left.rfind(before[0])
                break
            if re.match(rf"\s+of\s+(the\s+)?{re.escape(ref.countries.get(code, '~'))}", right):
                chosen = oid
                break
        after = [p for p in found.persons if 0 <= p.start - end <= 2]
        if chosen is None:  # no country: the person named next to it, or the only such role
            holders = [t.office for p in after for t in ref.term_of(p.ref, published)
                       if t.office in offices]
            chosen = holders[0] if holders else (offices[0] if len(offices) == 1 else None)
        if chosen is None:
            continue
        term = ref.holder(chosen, published)
        stop = after[0].end if after else end
        mentions.append(Mention("office", chosen, first, stop, body[first:stop],
                                f"title of {ref.offices[chosen].get('title')}",
                                holder=term.person if term else None))
    return mentions


def _organizations(body, ref, published, found: Mentions) -> list[Mention]:
    roles = _office_roles(ref)
    variants: dict[str, list[str]] = {}
    for oid, org in ref.organizations.items():
        name = org.get("name", "")
        forms = [name]
        code = org.get("country")
        for demonym in DEMONYMS.get(code, ()):
            if name.lower().startswith(demonym.lower() + " "):
                forms.append(name[len(demonym) + 1:])  # "state media" of "Iranian state media"
        parts = re.fullmatch(r"(.+?) of the (.+)", name, re.IGNORECASE)
        if parts:  # "Office of the President of Iran": "the Iranian president's office"
            head, owner = parts.group(1).lower(), parts.group(2)
            for office, (ocode, phrases) in roles.items():
                if ref.offices[office].get("title", "").lower() != owner.lower():
                    continue
                for form in country_forms(ref, ocode):
                    forms += [f"{form} {p}'s {head}" for p in phrases]
                term = ref.holder(office, published)
                holder = ref.persons.get(term.person, {}).get("name") if term else None
                if holder:
                    forms.append(f"{holder.split()[-1]}'s {head}")
        variants[oid] = [f.replace("’", "'") for f in forms]
    text = body.replace("’", "'")  # same length: offsets hold
    return _phrases(text, "organization", variants)


def _candidates(body, toks, ref, found: Mentions) -> list[Candidate]:
    known = [(m.start, m.end) for m in found.all()]
    lowered = {t.lower for t in toks if not t.capital}
    office_words = {w.lower() for o in ref.offices.values() for w in o.get("title", "").split()}
    skip = STOPWORDS | CALENDAR | office_words | KEPT_TITLES | HONORIFICS
    candidates: dict[str, Candidate] = {}
    for run in _runs(body, toks):
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
            _add_candidate(candidates, body, start, end, run, ref)
    return list(candidates.values())


def _compound_of_known(tok: _Token, ref: Reference) -> bool:
    """Iran-backed, US-led, Israel-Hamas: a compound of a known country (or a lower-case
    word) names no new entity."""
    parts = tok.text.split("-")
    known = {f for code in ref.countries for f in country_forms(ref, code)}
    return len(parts) > 1 and any(p in known for p in parts)


def _add_candidate(candidates: dict[str, Candidate], body, start, end, run, ref) -> None:
    text = body[start:end]
    before = body[max(0, start - 40):start].lower()
    after = body[end:end + 25].lower()
    person = bool(re.search(r"(president|minister|premier|leader|mr|general|king|"
                            r"ayatollah|commander)\s+$", before)) or \
        bool(re.match(r"\s*,?\s*(,[^,]{0,60},\s*)?(said|says|told|added|stressed|replied|noted|"
                      r"visited|met|called|expressed|confirmed)\b", after))
    last = names.fold((names.words(text) or [""])[-1])
    for candidate in candidates.values():
        known_last = names.fold((names.words(candidate.name) or [""])[-1])
        if text != candidate.name and (not last or last != known_last
                                       or (" " in text and " " in candidate.name)):
            continue
        if " " in text and " " not in candidate.name:  # the full name of a surname
            candidate.name, candidate.id = text, names.slug(text)
        candidate.spellings.setdefault(text, (start, end))
        candidate.spans.append((start, end))
        candidate.kind = "person" if person else candidate.kind
        return
    ident = names.slug(text)
    if ident:
        candidates[ident] = Candidate(ident, text, "person" if person else "unknown",
                                      {text: (start, end)}, [(start, end)])
