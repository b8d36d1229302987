"""``diplodb draft ARTICLE``: register a new article and write a first draft of its
annotation file, for a curator to complete (docs/drafting.md).

The draft is made from the article and the seed data set alone: the loader's sentence
rule (``ledger``), the reference data and the spellings the curated files use
(``reference``, ``mentions``), the publication date (``dates``) and trigger words
(``facts``), written in the annotation surface of ``surface`` by ``writer``. Nothing is
fetched from the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diplodb.draft import facts as facts_
from diplodb.draft import mentions, reference, register, writer
from diplodb.seed.sentences import split


@dataclass
class Drafted:
    source_id: str
    files: list[Path]  # article, sources.yaml, the draft annotation file
    sentences: int
    persons: int  # person mentions resolved
    candidates: int
    facts: int


def build(body: str, source_id: str, file: str, published, seeds_dir: Path):
    """The draft annotation text of ``body`` and what it holds (no file is written)."""
    ref = reference.load(seeds_dir)
    sentences = split(body)
    found = mentions.find(body, ref, published)
    proposed = facts_.draft_facts(body, sentences, ref, found, published)
    terms = []
    for office in found.offices:
        term = ref.holder(office.ref, published)
        if term is not None:
            terms.append((term.id, office.start, office.end))
    text = writer.render(body, source_id, file, sentences, found, proposed, ref, published,
                         terms)
    return text, sentences, found, proposed


def draft_article(seeds_dir: Path, article: Path, *, source_id: str | None = None,
                  published: str | None = None, outlet: str | None = None) -> Drafted:
    registration = register.prepare(seeds_dir, article, source_id, published, outlet)
    text, sentences, found, proposed = build(registration.body, registration.source_id,
                                             registration.file, registration.published,
                                             seeds_dir)
    files = register.write(seeds_dir, registration, text)
    return Drafted(registration.source_id, files, len(sentences), len(found.persons),
                   len(found.candidates), len(proposed))
