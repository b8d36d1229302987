"""How a source renders a statement: the words it puts in quotation marks, and the kind
of rendering (direct, partial, paraphrase) a curator declares, checked against them.

Quotation marks are found in the article body, not in the quote alone, so that a quote
that starts or ends inside a quotation still knows which of its words are quoted. Marks
pair within one line (a paragraph): a straight double quote closes the one before it, a
curly “ closes at ”, « at », „ at “ or ”. A quotation still open at the end of its line
runs to the line's end (the convention for a quotation that goes on in the next
paragraph). Single quotes are not quotation marks here: they are apostrophes too.
"""

from __future__ import annotations

from functools import lru_cache

from diplodb import vocab

CLOSERS = {'"': '"', "“": "”", "«": "»", "„": "“”"}
RANK = {kind: rank for rank, kind in enumerate(reversed(vocab.QUOTE_KIND))}
"""paraphrase < partial < direct: a statement takes the most direct kind of its renderings."""
BY_MARKS = "marks"
"""A declared default meaning: partial when the quote holds quoted words, else paraphrase
(what ``is_direct_quote: false`` and ``direct: false`` meant before quote kinds)."""
JOIN = " … "


@lru_cache(maxsize=8)
def quoted_spans(body: str) -> tuple[tuple[int, int], ...]:
    """[start, end) of the text inside each pair of quotation marks in ``body``."""
    spans = []
    offset = 0
    for line in body.split("\n"):
        closer, start = None, 0
        for index, char in enumerate(line):
            if closer is None:
                if char in CLOSERS:
                    closer, start = CLOSERS[char], index + 1
            elif char in closer:
                spans.append((offset + start, offset + index))
                closer = None
        if closer is not None and start < len(line):
            spans.append((offset + start, offset + len(line)))
        offset += len(line) + 1
    return tuple(span for span in spans if span[1] > span[0])


def quoted_words(body: str, start: int, end: int) -> str | None:
    """The words inside quotation marks within body[start:end], exactly as written (runs
    joined by ' … '); None when there are none."""
    runs = [body[max(a, start):min(b, end)] for a, b in quoted_spans(body)
            if a < end and b > start]
    runs = [run for run in runs if run.strip()]
    return JOIN.join(runs) if runs else None


def declared(kind: str | None, direct: bool | None) -> str | None:
    """A quote's own declaration (``kind:``, or the older ``direct:``), as a kind or
    BY_MARKS; None when it declares nothing."""
    if kind is not None:
        return kind
    if direct is not None:
        return "direct" if direct else BY_MARKS
    return None


def statement_default(quote_kind: str | None, is_direct_quote: bool | None) -> str:
    """A statement entry's default for its renderings."""
    if quote_kind is not None:
        return quote_kind
    return "direct" if is_direct_quote else BY_MARKS


def resolve(declaration: str | None, has_words: bool) -> str:
    """The kind of a rendering from its declaration (a kind, or BY_MARKS)."""
    if declaration is None or declaration == BY_MARKS:
        return "partial" if has_words else "paraphrase"
    return declaration


def mismatch(kind: str, words: str | None) -> str | None:
    """Why ``kind`` does not fit the quotation marks in the quote (None when it does)."""
    if kind != "paraphrase" and words is None:
        return (f"kind '{kind}' needs the speaker's words in quotation marks, and this quote "
                "holds none; say kind: paraphrase (or quote the marks too)")
    if kind == "paraphrase" and words is not None:
        shown = words if len(words) <= 50 else words[:47] + "..."
        return (f"this quote holds words in quotation marks ({shown!r}): its kind is partial "
                "(reported speech around them) or direct, not paraphrase")
    return None


def most_direct(kinds) -> str:
    return max(kinds, key=RANK.__getitem__, default="paraphrase")
