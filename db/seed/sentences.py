"""Sentence boundaries of a source body: the units of the sentence ledger.

The rule (docs/seed-format.md, "Sentences"):
1. A line ends its sentence when a blank line follows it, when it ends with . ? or !
   (optionally followed by closing quotes or brackets), or when it is the last line.
   Otherwise it runs on into the next line (a body wrapped mid-sentence). So a headline,
   caption, byline or dateline on its own line is a sentence of its own.
2. Within that text, a sentence ends at . ? or ! (with any closing quotes or brackets)
   followed by white space and then an upper-case letter, a digit or an opening quote or
   bracket, unless the word before the stop is a known abbreviation (Mr, Dr, Gen, ...)
   or a single capital letter (an initial).
3. Each sentence is the span from its first to its last non-space character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "jr", "sr",
    "prof", "rev", "no", "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.n", "u.k",
    "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
})
_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
_LINE_ENDS_SENTENCE = re.compile(r"[.?!][" + re.escape(_CLOSERS) + r"]*\s*$")
_STOP = re.compile(r"[.?!][" + re.escape(_CLOSERS) + r"]*(?=\s+[A-Z0-9" + re.escape(_OPENERS) + "])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True)
class Sentence:
    number: int  # 1-based, in body order
    start: int   # 0-based offset of the first character
    end: int     # offset after the last character

    def text(self, body: str) -> str:
        return body[self.start:self.end]


def _blocks(body: str) -> list[tuple[int, int]]:
    """Spans of text that rule 1 keeps together."""
    lines, offset = [], 0
    for line in body.split("\n"):
        lines.append((offset, offset + len(line)))
        offset += len(line) + 1
    blocks: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for index, (start, end) in enumerate(lines):
        text = body[start:end]
        if not text.strip():
            if current is not None:
                blocks.append(current)
                current = None
            continue
        current = (current[0], end) if current is not None else (start, end)
        last = index == len(lines) - 1
        if last or _LINE_ENDS_SENTENCE.search(text):
            blocks.append(current)
            current = None
    if current is not None:
        blocks.append(current)
    return blocks


def _is_abbreviation(text_before_stop: str) -> bool:
    found = _WORD_BEFORE.search(text_before_stop)
    if not found:
        return False
    word = found.group(1)
    return word.lower().rstrip(".") in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def split(body: str) -> list[Sentence]:
    """Every sentence of ``body``, in order."""
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(body):
        block = body[block_start:block_end]
        piece_start = 0
        for stop in _STOP.finditer(block):
            if block[stop.start()] == "." and _is_abbreviation(block[:stop.start()]):
                continue
            spans.append((block_start + piece_start, block_start + stop.end()))
            piece_start = stop.end()
        spans.append((block_start + piece_start, block_end))
    sentences = []
    for start, end in spans:
        text = body[start:end]
        stripped = text.strip()
        if not stripped:
            continue
        start += len(text) - len(text.lstrip())
        sentences.append(Sentence(len(sentences) + 1, start, start + len(stripped)))
    return sentences
