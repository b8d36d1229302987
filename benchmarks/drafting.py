"""How good a first draft ``diplodb draft`` writes; not a test.

Leave-one-out over the curated articles: for each, a temporary copy of seeds/ without its
article, its sources.yaml entry and its annotation file, and without the persons (with
their office terms), places and organisations that only its annotation refers to. The
article is then drafted into that copy (with its own metadata: id, publication date,
outlet) and the draft scored against the curated annotation:

* sentences listed as undecided (goal 100 %);
* person mentions resolved: the curated ``names:`` spellings of persons still in the
  reference data, found with the right person (recall, goal >= 95 %) and the draft's
  spellings that are right (precision, goal >= 90 %); the persons removed are counted
  apart, as found among the new-name candidates;
* dated facts (every fact the annotation defines or cites with a date, the date taken
  from its definition) whose draft, a fact of the same kind quoting an overlapping
  span, has bounds that hold the curated date (for a month or year, bounds inside it or
  around it; a curated interval open on one side by bounds around it, open on the same
  side), goal >= 90 %;
* new organisations as candidates: each organisation removed, found when the draft lists
  an organisation candidate that names it: the organisation's name, with the name of
  the holder on the publication day of the office it belongs to, holds the candidate's
  head word ("office", "media") and shares more of the candidate's words than any other
  organisation removed ("Pezeshkian's office" names the "Office of the President of
  Iran", held by Masoud Pezeshkian; not the "Media office of the Prime Minister of
  Iraq");
* statements found with the right speaker (a removed speaker counts when the draft names
  the new-name candidate that spells it, or the organisation candidate that names it),
  goal >= 80 %;
* figures with the right value, unit and qualifier, goal >= 90 %.

A fact the draft misses counts against it. Prints the table (``make bench``).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from diplodb.draft import draft_article, names, reference
from diplodb.draft.reference import Reference
from diplodb.paths import SEEDS_DIR
from diplodb.seed.sentences import split
from diplodb.seed.text import find_all, parse_partial_date

FACT_DATES = {"visits": ("start_date", "status_changed_on"), "meetings": ("held_on",),
              "statements": ("said_on",), "agreements": ("concluded_on",),
              "figures": ("as_of",)}
GOALS = {"sentences": 100, "recall": 95, "precision": 90, "dated": 90, "speakers": 80,
         "figures": 90}
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def slugs(value) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(slugs(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(slugs(v) for v in value)) if value else set()
    return {value} if isinstance(value, str) and _SLUG.match(value) else set()


def interval(value: str) -> tuple[dt.date | None, dt.date | None]:
    """A curated date (YYYY, YYYY-MM, YYYY-MM-DD or an EDTF interval) as inclusive bounds."""
    def bounds(part: str):
        if part in ("..", ""):
            return None, None
        start, precision = parse_partial_date(part)
        if precision == "day":
            return start, start
        if precision == "month":
            following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, following - dt.timedelta(days=1)
        return start, dt.date(start.year, 12, 31)
    if "/" in value:
        left, right = value.split("/")
        return bounds(left)[0], bounds(right)[1]
    return bounds(value)


def holds(draft: str, curated: str) -> bool:
    """Whether the draft's bounds hold the curated date: around it, or (for a curated
    month, year or closed interval) inside it. An open side of the draft proves nothing,
    unless the curated date is open on that side too (the text gives no bound there): a
    curated "../2024-09-11" is held by a draft "../2024-09-11" or "../2024-09-12", not by
    a guessed day, and a curated "2024-09-11" not by "../2024-09-11"."""
    lo, hi = interval(draft)
    clo, chi = interval(curated)
    if lo is None and hi is None:
        return False  # an open draft interval proves nothing
    below = clo is None if lo is None else clo is not None and lo <= clo
    above = chi is None if hi is None else chi is not None and chi <= hi
    inside = None not in (lo, hi, clo, chi) and clo <= lo and hi <= chi
    return (below and above) or inside


def spans(body: str, quotes) -> list[tuple[int, int]]:
    out = []
    for quote in quotes:
        text = quote if isinstance(quote, str) else quote.get("text")
        occurrence = None if isinstance(quote, str) else quote.get("occurrence")
        starts = find_all(body, text) if text else []
        if starts:
            start = starts[(occurrence or 1) - 1]
            out.append((start, start + len(text)))
    return out


def entry_quotes(entry: dict) -> list:
    """Every quote of an entry, its claims' included (a cited fact may have only those)."""
    return ([entry["quote"]] if entry.get("quote") is not None else []) + \
        list(entry.get("quotes") or []) + [c["quote"] for c in entry.get("claims") or []]


def leave_out(seeds: Path, target: Path, annotation: str) -> dict:
    """Copy ``seeds`` to ``target`` without the article of ``annotation`` and what only it
    introduces; returns the article's sources.yaml entry and the ids removed."""
    shutil.copytree(seeds, target)
    mine = load(seeds / "annotations" / annotation)
    others = set().union(*(slugs(load(p)) for p in (seeds / "annotations").glob("*.yaml")
                           if p.name != annotation))
    only = slugs(mine) - others
    sources = load(seeds / "articles" / "sources.yaml")
    entry = next(e for e in sources if e["id"] == mine["source"])
    (target / "annotations" / annotation).unlink()
    (target / "articles" / entry["file"]).unlink()
    (target / "articles" / "sources.yaml").write_text(
        yaml.safe_dump([e for e in sources if e is not entry], allow_unicode=True,
                       sort_keys=False))
    removed: dict[str, set[str]] = {}
    for name in ("persons", "places", "organizations"):
        path = target / "reference" / f"{name}.yaml"
        rows = load(path)
        removed[name] = {r["id"] for r in rows if r["id"] in only}
        path.write_text(yaml.safe_dump([r for r in rows if r["id"] not in only],
                                       allow_unicode=True, sort_keys=False))
    terms = target / "reference" / "office_terms.yaml"
    terms.write_text(yaml.safe_dump([t for t in load(terms)
                                     if t["person"] not in removed["persons"]],
                                    allow_unicode=True, sort_keys=False))
    return {"entry": entry, "removed": removed}


def definitions(seeds: Path) -> dict[tuple[str, str], dict]:
    found = {}
    for path in sorted((seeds / "annotations").glob("*.yaml")):
        for section in FACT_DATES:
            for e in load(path).get(section) or []:
                if len(set(e) - {"id", "quote", "quotes", "claims"}) > 0:
                    found[(section, e["id"])] = e
    return found


def names_organization(candidate: str, organization: str, others: dict[str, str]) -> bool:
    """Whether the candidate's name names the organisation of that name, among the
    ``others`` removed (id → name): by shared words, compared by skeleton."""
    def shared(name: str) -> tuple[int, bool]:
        theirs = [names.fold(w) for w in names.words(name)]
        mine = [names.fold(w) for w in names.words(candidate)]
        hits = [any(names.similar(w, t) >= 80 for t in theirs) for w in mine]
        return sum(hits), bool(hits) and hits[-1]
    count, head = shared(organization)
    return head and all(count > shared(n)[0] for n in others.values() if n != organization)


def described(ref: Reference, organization: str, day: dt.date | None) -> str:
    """An organisation's name, with the holder on ``day`` of the office it is of
    ("Office of the President of Iran" → ... "Masoud Pezeshkian")."""
    name = ref.organizations[organization]["name"]
    owner = re.fullmatch(r".+? of the (.+)", name, re.IGNORECASE)
    for office, entry in ref.offices.items():
        term = ref.holder(office, day) if owner and \
            entry.get("title", "").lower() == owner.group(1).lower() else None
        if term is not None and term.person in ref.persons:
            name += " " + ref.persons[term.person]["name"]
    return name


def score(body: str, curated: dict, draft: dict, defined: dict, removed: dict,
          canonical: dict[str, str]) -> dict[str, tuple[int, int]]:
    result: dict[str, tuple[int, int]] = {}
    numbers = {s.number for s in split(body)}
    listed = set()
    for item in draft.get("undecided") or []:
        for start, end in spans(body, [item["quote"]]):
            listed |= {s.number for s in split(body) if s.start <= start and end <= s.end}
    result["sentences"] = (len(listed & numbers), len(numbers))
    new = removed["persons"]
    gold = {(n["person"], n["name"]) for n in curated.get("names") or [] if n["person"] not in new}
    mine = {(n["person"], n["name"]) for n in draft.get("names") or []}

    def same(a, b):
        return a[0] == b[0] and (a[1] in b[1] or b[1] in a[1])
    result["recall"] = (sum(any(same(g, m) for m in mine) for g in gold), len(gold))
    result["precision"] = (sum(any(same(m, g) for g in gold) for m in mine), len(mine))
    candidates = draft.get("candidates") or []
    spelled = {c["id"]: c["spellings"] + [c["name"]] for c in candidates}
    new_names = {(n["person"]) for n in curated.get("names") or [] if n["person"] in new}

    def is_new(person: str, ident: str | None) -> bool:
        return ident == person or any(names.similar(s, canonical[person]) >= 85
                                      for s in spelled.get(ident or "", []))
    result["new names"] = (sum(any(is_new(p, c["id"]) for c in candidates) for p in new_names),
                           len(new_names))
    gone = {o: canonical[o] for o in removed["organizations"]}
    organizations = {c["id"]: c["name"] for c in candidates if c.get("kind") == "organization"}

    def is_new_organization(organization: str, ident: str | None) -> bool:
        return ident in organizations and names_organization(organizations[ident],
                                                             gone[organization], gone)
    result["new organisations"] = (sum(any(is_new_organization(o, c) for c in organizations)
                                       for o in gone), len(gone))
    dated = speakers = figures = (0, 0)
    for section, fields in FACT_DATES.items():
        drafted = [(f, spans(body, entry_quotes(f))) for f in draft.get(section) or []]
        for e in curated.get(section) or []:
            full = defined.get((section, e["id"]), e)
            where = spans(body, entry_quotes(e))
            near = [f for f, s in drafted if any(a < d and c < b for a, b in where
                                                 for c, d in s)]
            field = next((f for f in fields if full.get(f)), None)
            if field:
                ok = any(f.get(field) and holds(f[field], full[field]) for f in near)
                dated = (dated[0] + ok, dated[1] + 1)
            if section == "statements":
                who = full.get("speaker") or full.get("speaker_organization")
                ok = any((f.get("speaker") or f.get("speaker_organization")) == who
                         or (who in new and is_new(who, f.get("speaker")))
                         or (who in gone and is_new_organization(who,
                                                                 f.get("speaker_organization")))
                         for f in near)
                speakers = (speakers[0] + ok, speakers[1] + 1)
            if section == "figures":
                ok = any(f.get("value") == full["value"] and f.get("unit") == full["unit"]
                         and f.get("qualifier") == full["qualifier"] for f in near)
                figures = (figures[0] + ok, figures[1] + 1)
    result.update(dated=dated, speakers=speakers, figures=figures)
    return result


def percent(pair: tuple[int, int]) -> str:
    done, total = pair
    return f"{done}/{total} ({100 * done / total:.0f} %)" if total else "—"


def main() -> None:
    columns = ("sentences", "recall", "precision", "new names", "new organisations", "dated",
               "speakers", "figures")
    heads = ("sentences listed", "persons: recall", "persons: precision",
             "new persons as candidates", "new organisations as candidates",
             "dated facts in bounds", "statements: speaker", "figures: value, unit, qualifier")
    totals = {c: (0, 0) for c in columns}
    rows, seconds = [], []
    defined = definitions(SEEDS_DIR)
    full = reference.load(SEEDS_DIR)
    persons = {p["id"]: p["name"] for p in load(SEEDS_DIR / "reference" / "persons.yaml")}
    for path in sorted((SEEDS_DIR / "annotations").glob("*.yaml")):
        with tempfile.TemporaryDirectory() as tmp:
            seeds = Path(tmp) / "seeds"
            left = leave_out(SEEDS_DIR, seeds, path.name)
            entry = left["entry"]
            article = Path(tmp) / entry["file"]
            shutil.copy(SEEDS_DIR / "articles" / entry["file"], article)
            started = time.perf_counter()
            done = draft_article(seeds, article, source_id=entry["id"],
                                 published=entry.get("published_on"),
                                 outlet=entry.get("publisher") or entry.get("agency"))
            seconds.append(time.perf_counter() - started)
            draft = load(done.files[2])
            body = article.read_text(encoding="utf-8")
            day = dt.date.fromisoformat(str(entry["published_on"]))
            canonical = {**persons, **{o: described(full, o, day) for o in full.organizations}}
            result = score(body, load(path), draft, defined, left["removed"], canonical)
        rows.append((path.name[:3], result))
        totals = {c: (totals[c][0] + result[c][0], totals[c][1] + result[c][1]) for c in columns}
    print("Drafting, leave-one-out over the curated articles (benchmarks/drafting.py)\n")
    print("| article | " + " | ".join(heads) + " |")
    print("|---" * (len(heads) + 1) + "|")
    for name, result in rows:
        print(f"| {name} | " + " | ".join(percent(result[c]) for c in columns) + " |")
    print("| all | " + " | ".join(f"**{percent(totals[c])}**" for c in columns) + " |")
    print("| goal | " + " | ".join(f"{GOALS[c]} %" if c in GOALS else "—" for c in columns)
          + " |")
    print(f"\n{len(rows)} drafts, {sum(seconds):.1f} s in all "
          f"(median {sorted(seconds)[len(seconds) // 2]:.2f} s each, reference data loaded "
          "each time).")


if __name__ == "__main__":
    main()
