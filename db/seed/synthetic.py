"""A synthetic corpus: N copies of a real seed directory, for benchmarks and for seeding
test environments at volume (``diplodb synthesize DIR --scale N``).

Copy k (1..N) of every article keeps its text (so every quote is really in its article)
under a new source id ``synthetic-KKKKK-<id>``; every fact id, person, office and office
term gets the suffix ``-xKKKKK``, so copies never collide and a person or a visit stays
as selective as in the real corpus. Every date of copy k (publication dates, fact dates,
office terms) is moved back by (k - 1) mod 600 months, keeping its precision, so a date
range is as selective as an id (copy 1 keeps the template's dates). The shift is monotone
(a day past the end of a shorter month becomes its last day; a month or a year is the one
holding the shifted date), so a fact dated on or before its article's publication stays
so, and a fact after it is still a plan. Countries, places, organisations, topics, subject
areas and references are shared. Sentences the template leaves uncited and unskipped are
skipped, so the sentence ledger is complete. dataset.yaml says SYNTHETIC in its title.
A list file that would be over the loader's limit for a seed file (from about x1500)
is written in parts (``office_terms.yaml``, ``office_terms.2.yaml``, ...: rules.parts).

Deterministic: the same template and N give the same bytes. The loader refuses to load a
synthetic corpus into a database holding real data, and the reverse.
"""

from __future__ import annotations

import calendar
import shutil
from pathlib import Path
from typing import Any

import yaml

from diplodb.errors import DiplodbError
from diplodb.progress import progress
from diplodb.seed import coding, rules, yaml_reader
from diplodb.seed.files import MAX_SEED_FILE_BYTES, split_paths
from diplodb.seed.validate.annotation import SKIPPED
from diplodb.seed.validate.corpus import read_corpus
from diplodb.seed.validate.reference import SYNTHETIC_PREFIX
from diplodb.seed.text import find_all, parse_partial_date

SHARED_REFERENCE = ("countries.yaml", "references.yaml", "places.yaml", "organizations.yaml",
                    "topics.yaml", "subject_areas.yaml", *coding.MODELS)
# Fields of annotation entries that name a person, an office, a term or a fact.
PERSON_FIELDS = ("visitor", "person", "speaker", "actor", "led_by")
PERSON_LISTS = ("participants",)
FACT_FIELDS = ("visit",)
# Date fields (EDTF: YYYY, YYYY-MM, YYYY-MM-DD or an interval of them, '..' for an open
# side) moved back in each copy.
DATE_FIELDS = ("start_date", "end_date", "status_changed_on", "held_on", "said_on",
               "concluded_on", "as_of", "date")
SOURCE_DATE_FIELDS = ("published_on",)
TERM_DATE_FIELDS = ("start", "end")
SHIFT_CYCLE = 600
"""Months: copies k and k + 600 share dates (50 years back at most, so the template's
earliest dates stay inside the plausible window)."""


def _load(path: Path) -> Any:
    data, problems = yaml_reader.load_yaml(path.name, path.read_text("utf-8"))
    assert not problems, problems
    return data


def _dump(data: Any, header: str) -> str:
    return f"# {header}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                            width=4096, default_flow_style=False)


def _load_split(seeds_dir: Path, relative: str) -> list[Any]:
    """The entries of a list file that may be split into parts, all parts in order."""
    return [entry for path in split_paths(seeds_dir, relative) for entry in _load(path)]


def _split_dump(entries: list[Any], header: str) -> list[str]:
    """A list file's text; or, when it would be over the loader's limit for a seed file
    (files.MAX_SEED_FILE_BYTES), the texts of its parts (rules.parts), each of about half
    the limit, the entries in the same order."""
    text = _dump(entries, header)
    size = len(text.encode("utf-8"))
    if size <= MAX_SEED_FILE_BYTES:
        return [text]
    count = -(-size // (MAX_SEED_FILE_BYTES // 2))
    per_part = -(-len(entries) // count)
    texts = [_dump(entries[start:start + per_part], header)
             for start in range(0, len(entries), per_part)]
    for number, part in enumerate(texts, 1):
        if len(part.encode("utf-8")) > MAX_SEED_FILE_BYTES:  # entries of very unequal sizes
            raise DiplodbError(f"part {number} of a synthetic list file would be over the "
                               f"limit of {MAX_SEED_FILE_BYTES:,} bytes for a seed file")
    return texts


def _write_parts(target: Path, relative: str, texts: list[str]) -> None:
    for number, text in enumerate(texts, 1):
        (target / rules.part_name(relative, number)).write_text(text)


def _unidentified(entry: dict) -> dict:
    """A synthetic copy is nobody in Wikidata: its identifiers go, with a note saying so
    (each QID belongs to one entry)."""
    copy = {key: value for key, value in entry.items() if key != "wikidata"}
    copy["identifier_note"] = "Synthetic copy: no Wikidata item."
    return copy


def _suffix(k: int) -> str:
    return f"-x{k:05d}"


def _months_back(k: int) -> int:
    return (k - 1) % SHIFT_CYCLE


def shift_date(value: str, months: int) -> str:
    """A partial date moved back by ``months``, with its precision: a day past the end of
    the target month becomes its last day; a month or a year becomes the one that holds
    its first day, moved back. Monotone, and never later than the date moved back."""
    if months == 0:
        return value
    if "/" in value:  # an interval: each side moved back, an open side stays open
        return "/".join(side if side == ".." else shift_date(side, months)
                        for side in value.split("/"))
    date, precision = parse_partial_date(value)
    index = date.year * 12 + date.month - 1 - months
    year, month = divmod(index, 12)
    if precision == "year":
        return f"{year:04d}"
    if precision == "month":
        return f"{year:04d}-{month + 1:02d}"
    last = calendar.monthrange(year, month + 1)[1]
    return f"{year:04d}-{month + 1:02d}-{min(date.day, last):02d}"


def _shifted(entry: dict[str, Any], fields: tuple[str, ...], months: int) -> dict[str, Any]:
    for field in fields:
        if isinstance(entry.get(field), str):
            entry[field] = shift_date(entry[field], months)
    return entry


def synthesize(template: Path, target: Path, scale: int) -> str:
    """Write ``scale`` copies of the seed directory ``template`` into ``target`` (which
    must not exist or be empty). Returns a one-line description."""
    if scale < 1:
        raise DiplodbError("--scale must be at least 1")
    if target.exists() and any(target.iterdir()):
        raise DiplodbError(f"{target} is not empty; synthesize writes into a new directory")
    corpus = read_corpus(template)  # the template must be valid
    for source_id in (row["source_id"] for row in corpus.rows["source"]):
        if source_id.startswith(SYNTHETIC_PREFIX):
            raise DiplodbError("the template is itself synthetic")
    persons, offices, terms = (_load_split(template, f"reference/{name}") for name in
                               ("persons.yaml", "offices.yaml", "office_terms.yaml"))
    copies: dict[str, list] = {"persons.yaml": [], "offices.yaml": [], "office_terms.yaml": []}
    for k in range(1, scale + 1):
        sx = _suffix(k)
        for person in persons:
            copies["persons.yaml"].append({**_unidentified(person), "id": person["id"] + sx,
                                           "name": f"{person['name']} (synthetic {k})"})
        for office in offices:
            copies["offices.yaml"].append({**_unidentified(office), "id": office["id"] + sx})
        for term in terms:
            copies["office_terms.yaml"].append(_shifted(
                {**term, "id": term["id"] + sx, "office": term["office"] + sx,
                 "person": term["person"] + sx}, TERM_DATE_FIELDS, _months_back(k)))
    texts = {f"reference/{name}": _split_dump(entries, "Synthetic copies.")
             for name, entries in copies.items()}
    for folder in ("reference", "articles", "annotations"):
        (target / folder).mkdir(parents=True, exist_ok=True)
    dataset = _load(template / rules.DATASET_FILE)
    dataset["title"] = f"SYNTHETIC corpus ({scale}x): not real data. {dataset['title']}"
    (target / rules.DATASET_FILE).write_text(
        _dump(dataset, f"Synthetic data set made by 'diplodb synthesize --scale {scale}'."))
    for name in SHARED_REFERENCE:
        shutil.copyfile(template / "reference" / name, target / "reference" / name)
    for relative, parts in texts.items():
        _write_parts(target, relative, parts)

    sources = _load_split(template, rules.SOURCES_FILE)
    annotations = {}
    for path in sorted((template / "annotations").glob("*.yaml")):
        raw = _load(path)
        annotations[raw["source"]] = (path.name, raw)
    gaps = _ledger_gaps(corpus, {f"annotations/{name}": source
                                 for source, (name, _) in annotations.items()})
    synthetic_sources = []
    for k in progress(range(1, scale + 1), total=scale, desc="synthesize", unit="copy"):
        prefix = f"{SYNTHETIC_PREFIX}{k:05d}-"
        for source in sources:
            body_name = source["file"]
            synthetic_sources.append(_shifted(
                {**source, "id": prefix + source["id"], "file": prefix + body_name},
                SOURCE_DATE_FIELDS, _months_back(k)))
            shutil.copyfile(template / "articles" / body_name,
                            target / "articles" / (prefix + body_name))
            name, raw = annotations[source["id"]]
            rewritten = _rewrite(raw, prefix + source["id"], _suffix(k),
                                 gaps.get(source["id"], []), _months_back(k))
            (target / "annotations" / (prefix + name)).write_text(
                _dump(rewritten, f"Synthetic copy {k} of {name}."))
    _write_parts(target, rules.SOURCES_FILE, _split_dump(synthetic_sources, "Synthetic sources."))
    return (f"{scale} copies: {len(synthetic_sources)} articles, "
            f"{len(copies['persons.yaml'])} persons")


def _ledger_gaps(corpus, file_source: dict[str, str]) -> dict[str, list[Any]]:
    """source id → skip entries for the sentences the template leaves unaccounted for."""
    bodies = {row["source_id"]: row["body"] for row in corpus.rows["source"]}
    sentences = {(row["source_id"], row["sentence_no"]): row
                 for row in corpus.rows["source_sentence"]}
    skips: dict[str, list[Any]] = {}
    for gap in corpus.ledger_gaps:
        source_id = file_source[gap.file]
        row = sentences[source_id, int(gap.entry.split()[-1])]
        body = bodies[source_id]
        quote = body[row["char_start"]:row["char_end"]]
        starts = find_all(body, quote)
        entry: Any = quote if len(starts) == 1 else {
            "text": quote, "occurrence": starts.index(row["char_start"]) + 1}
        skips.setdefault(source_id, []).append(
            {"quote": entry, "reason": "synthetic corpus: left unannotated in the template"})
    return skips


def _rewrite(raw: dict[str, Any], source_id: str, sx: str, skips: list[Any],
             months: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "source":
            out[key] = source_id
        elif key == SKIPPED:
            out[key] = list(value or []) + skips
        elif key == "names":
            out[key] = [{**entry, "person": entry["person"] + sx} for entry in value or []]
        elif key == "terms":
            out[key] = [{**entry, "term": entry["term"] + sx} for entry in value or []]
        elif isinstance(value, list):
            out[key] = [_shifted(_rewrite_fact(entry, sx), DATE_FIELDS, months)
                        for entry in value]
        else:
            out[key] = value
    if skips and SKIPPED not in raw:
        out[SKIPPED] = skips
    return out


def _rewrite_fact(entry: dict[str, Any], sx: str) -> dict[str, Any]:
    entry = dict(entry)
    entry["id"] = entry["id"] + sx
    for field in (*PERSON_FIELDS, *FACT_FIELDS, "office"):
        if entry.get(field) is not None:
            entry[field] = entry[field] + sx
    for field in PERSON_LISTS:
        if isinstance(entry.get(field), list):
            entry[field] = [person + sx if isinstance(person, str) else _rewrite_group(person, sx)
                            for person in entry[field]]
    return entry


def _rewrite_group(entry: dict[str, Any], sx: str) -> dict[str, Any]:
    """A described group among a meeting's participants: its leader and office are ids."""
    entry = dict(entry)
    for field in ("led_by", "office"):
        if entry.get(field) is not None:
            entry[field] = entry[field] + sx
    return entry
