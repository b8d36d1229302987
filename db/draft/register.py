"""Registering a new article in a seed data set: its text copied unchanged into
articles/, its SHA-256 and metadata appended to articles/sources.yaml.

Every check runs before anything is written, and a failure while writing puts the data
set back as it was; each refusal is one line (``DiplodbError``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from diplodb.draft import dates, names
from diplodb.errors import DiplodbError
from diplodb.seed import rules
from diplodb.seed.files import split_paths
from diplodb.seed.text import parse_partial_date

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class Registration:
    source_id: str
    file: str  # NAME.txt inside articles/
    body: str
    published: dt.date | None
    entry: str  # the YAML appended to sources.yaml


def read_article(path: Path) -> str:
    if not path.is_file():
        raise DiplodbError(f"{path}: no such file")
    data = path.read_bytes()
    try:
        body = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DiplodbError(f"{path}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset "
                           f"{error.start}); an article is registered as UTF-8 text") from None
    if "\r" in body:
        raise DiplodbError(f"{path}: CRLF or CR line endings; seed articles use LF only "
                           "(convert the file, e.g. with dos2unix, and draft it again)")
    for problem in (rules.check_characters(str(path), body),
                    rules.check_article_size(str(path), "article", body)):
        if problem is not None:
            raise DiplodbError(str(problem))
    if not body.strip():
        raise DiplodbError(f"{path}: the article is empty")
    return body


def _sources(seeds_dir: Path) -> list[dict]:
    """The entries of sources.yaml, and of its parts if it is split."""
    entries = []
    for path in split_paths(seeds_dir, rules.SOURCES_FILE):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise DiplodbError(f"{path}: cannot be read ({str(error).splitlines()[0]}); fix "
                               "it first ('diplodb seed --check')") from None
        entries.extend(e for e in data or [] if isinstance(e, dict))
    return entries


def _published(given: str | None, body: str) -> tuple[dt.date | None, str, str, str | None]:
    """(date, as written, basis, note) of the publication."""
    stated = dates.dateline(body)
    if given is None:
        if stated is None:
            raise DiplodbError("the article states no date in its first lines; give its "
                               "publication date with --published YYYY-MM-DD")
        return stated.earliest, stated.earliest.isoformat(), "stated", None
    try:
        day, precision = parse_partial_date(given)
        rules.check_date_window(day, given)
    except ValueError as error:
        raise DiplodbError(f"--published: {error}") from None
    if day > dt.date.today():
        raise DiplodbError(f"--published: {given} is in the future")
    if stated is not None and precision == "day" and stated.earliest == day:
        return day, given, "stated", None
    seen = f"its first lines state {stated.earliest}" if stated else "the text states no date"
    return (day if precision == "day" else None), given, "inferred", (
        f"Given by the curator with --published ({seen}); say here what dates it.")


def prepare(seeds_dir: Path, article: Path, source_id: str | None, published: str | None,
            outlet: str | None) -> Registration:
    if not (seeds_dir / "articles").is_dir() or not (seeds_dir / "annotations").is_dir():
        raise DiplodbError(f"{seeds_dir} is not a seed data set (no articles/ and annotations/)")
    body = read_article(article)
    entries = _sources(seeds_dir)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    for entry in entries:
        if entry.get("sha256") == digest:
            raise DiplodbError(f"{article}: already registered as source '{entry.get('id')}' "
                               f"(articles/{entry.get('file')})")
    day, written, basis, note = _published(published, body)
    known = {e.get("id") for e in entries}
    if source_id is None:
        first = next((line for line in body.splitlines() if line.strip()), "article")
        source_id = names.slug("-".join([outlet or "article", written,
                                         *names.words(first)[:4]]))[:90].strip("-")
        base, n = source_id, 1
        while source_id in known:
            n += 1
            source_id = f"{base}-{n}"
    elif not _SLUG.match(source_id) or len(source_id) > rules.MAX_ID_LENGTH:
        raise DiplodbError(f"--source-id: {source_id!r} is not an id (lower-case letters and "
                           f"digits in groups joined by '-', at most {rules.MAX_ID_LENGTH})")
    elif source_id in known:
        raise DiplodbError(f"--source-id: source '{source_id}' is already in "
                           f"{rules.SOURCES_FILE}; choose another id")
    taken = [int(p.name[:3]) for p in (seeds_dir / "articles").glob("*.txt")
             if p.name[:3].isdigit()]
    file = f"{max(taken, default=-1) + 1:03d}_{digest[:16]}.txt"
    if (seeds_dir / "annotations" / file.replace(".txt", ".yaml")).exists():
        raise DiplodbError(f"annotations/{file.replace('.txt', '.yaml')} already exists")
    first_sentence = " ".join(body.split())[:100]
    title = first_sentence.rsplit(" ", 1)[0] if len(first_sentence) == 100 else first_sentence
    lines = [f"# Registered by 'diplodb draft' on {dt.date.today()}: the title is the first "
             "words of the text; write the curators' description, and check language and "
             "is_translation.",
             f"- id: {source_id}", f"  file: {file}", f"  sha256: {digest}",
             f"  title: {yaml_string(title)}"]
    if outlet:
        lines.append(f"  publisher: {yaml_string(outlet)}")
    lines += [f"  published_on: \"{written}\"", f"  published_on_basis: {basis}"]
    if note:
        lines.append(f"  published_on_note: {yaml_string(note)}")
    lines += ["  language: en", "  is_translation: false"]
    return Registration(source_id, file, body, day, "\n".join(lines) + "\n")


def yaml_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def write(seeds_dir: Path, registration: Registration, annotation: str) -> list[Path]:
    """Write the article, its sources.yaml entry (in the last part, if the file is split)
    and its draft; all or nothing."""
    article = seeds_dir / "articles" / registration.file
    draft = seeds_dir / "annotations" / registration.file.replace(".txt", ".yaml")
    sources = split_paths(seeds_dir, rules.SOURCES_FILE)[-1]
    before = sources.read_text(encoding="utf-8") if sources.exists() else ""
    joined = before + ("" if not before or before.endswith("\n") else "\n") + registration.entry
    written: list[Path] = []
    try:
        for path, content in ((article, registration.body), (draft, annotation),
                              (sources, joined)):
            temporary = path.with_name(f".{path.name}.draft-tmp")
            temporary.write_text(content, encoding="utf-8", newline="\n")
            os.replace(temporary, path)
            written.append(path)
    except BaseException:
        for path in written:
            if path == sources:
                sources.write_text(before, encoding="utf-8", newline="\n")
            else:
                path.unlink(missing_ok=True)
        raise
    return [article, sources, draft]
