"""Comparing names across spellings and transliterations.

A name is reduced to a *skeleton* that transliterations of one Arabic or Persian name
share: ASCII letters (``anyascii``), no article (al-, el-), the consonant pairs English
renders one sound with folded (dh/z: Kadhimi, Kazimi; gh/q/k: Araghchi, Araqchi), vowels
reduced to a, i, u (Kadhemi, Kazimi; Qassem, Qassim) and doubled letters single (Qassem,
Qasem). Skeletons are then compared with ``rapidfuzz`` for what remains (Mohamed,
Mohammad).
"""

from __future__ import annotations

import re

from anyascii import anyascii
from rapidfuzz import fuzz, process

ARTICLES = frozenset({"al", "el", "ul"})
# Applied in order; each pair is one sound written two ways in English transliteration.
_FOLDS = (("dh", "z"), ("th", "t"), ("kh", "h"), ("gh", "k"), ("q", "k"), ("ck", "k"),
          ("c", "k"), ("ph", "f"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "i"),
          ("ey", "i"), ("y", "i"), ("e", "i"), ("o", "u"), ("w", "u"))
_DOUBLE = re.compile(r"(.)\1+")
_SPLIT = re.compile(r"[\s\-]+")
FULL_CUTOFF = 88  # rapidfuzz ratio of skeletons for a name of two or more words
WORD_CUTOFF = 90  # ... for a single word (a surname), at least MIN_WORD letters long
MIN_WORD = 5


def words(name: str) -> list[str]:
    """The words of a name, in ASCII, lower case, without apostrophes or articles."""
    ascii_ = re.sub(r"['`]", "", anyascii(name).lower())
    return [w for w in _SPLIT.split(ascii_) if w and w not in ARTICLES and w.isalpha()]


def fold(word: str) -> str:
    for written, sound in _FOLDS:
        word = word.replace(written, sound)
    return _DOUBLE.sub(r"\1", word)


def skeleton(name: str) -> str:
    return " ".join(fold(w) for w in words(name))


def best(key: str, choices: list[str]) -> tuple[str, float] | None:
    """The closest of ``choices`` to the skeleton ``key`` within the cutoff, or None."""
    if not key or not choices:
        return None
    if key in choices:
        return key, 100.0
    single = " " not in key
    if single and len(key) < MIN_WORD:
        return None
    found = process.extractOne(key, choices, scorer=fuzz.ratio,
                               score_cutoff=WORD_CUTOFF if single else FULL_CUTOFF)
    return (found[0], found[1]) if found else None


def slug(text: str) -> str:
    """An id slug for a new entry (lower-case ASCII words joined by '-')."""
    ascii_ = re.sub(r"['`]", "", anyascii(text).lower())
    return "-".join(re.findall(r"[a-z0-9]+", ascii_))[:100].strip("-")


def similar(a: str, b: str) -> float:
    """How alike two names are, 0-100, by their skeletons."""
    return fuzz.ratio(skeleton(a), skeleton(b))
