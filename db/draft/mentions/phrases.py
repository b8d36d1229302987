"""Places, countries, offices and organisations: each found by the fixed phrases that
name it (its name, a country's adjective, an office's role with or without its country,
an organisation's short forms), longest first and without overlaps.
"""

from __future__ import annotations

import datetime as dt
import re

from diplodb.draft.mentions.base import Mention, Mentions
from diplodb.draft.reference import Reference

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


def word_pattern(phrase: str) -> str:
    parts = [re.escape(w) for w in phrase.split()]
    return r"(?<![\w-])" + r"(?:['’]s)?\s+".join(parts) + r"(?![\w-])"


def matches(body: str, kind: str, variants: dict[str, list[str]],
            flags=re.IGNORECASE) -> list[Mention]:
    """Non-overlapping matches of each id's phrases, longest first."""
    hits = []
    for ident, phrases in variants.items():
        for phrase in phrases:
            for m in re.finditer(word_pattern(phrase), body, flags):
                hits.append((m.start(), m.end(), ident, phrase))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    chosen: list[Mention] = []
    for start, end, ident, phrase in hits:
        if not any(c.start < end and start < c.end for c in chosen):
            chosen.append(Mention(kind, ident, start, end, body[start:end], f"name {phrase!r}"))
    return sorted(chosen, key=lambda m: m.start)


def places(body: str, ref: Reference) -> list[Mention]:
    return matches(body, "place", {pid: place_variants(p["name"])
                                   for pid, p in ref.places.items() if "name" in p})


def place_variants(name: str) -> list[str]:
    parts = name.split()
    return [name] + ([f"{parts[0]} {parts[-1]}"] if len(parts) > 2 else [])


def countries(body: str, ref: Reference) -> list[Mention]:
    variants = {code: [name, *DEMONYMS.get(code, ())] for code, name in ref.countries.items()}
    if "USA" in variants:
        variants["USA"].append("United States")
    return matches(body, "country", variants, flags=0)


def country_forms(ref: Reference, code: str) -> list[str]:
    name = ref.countries.get(code)
    return [f for f in (name, f"{name}'s", f"{name}’s", *DEMONYMS.get(code, ())) if f]


def office_roles(ref: Reference) -> dict[str, tuple[str, list[str]]]:
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


def offices(body: str, ref: Reference, published: dt.date | None,
            found: Mentions) -> list[Mention]:
    roles, mentions = office_roles(ref), []
    hits = matches(body, "office", {oid: phrases for oid, (_, phrases) in roles.items()})
    by_phrase: dict[tuple[int, int], list[str]] = {}
    for hit in hits:  # one phrase may name the same role of several countries
        for oid, (_, phrases) in roles.items():
            if re.fullmatch(word_pattern(hit.text.lower()), " ".join(hit.text.lower().split()))\
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


def organizations(body: str, ref: Reference, published: dt.date | None,
                  found: Mentions) -> list[Mention]:
    roles = office_roles(ref)
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
    return matches(text, "organization", variants)
