"""The value types of seed entries (ids, dates, names, URLs, numbers) and ``Strict``, the
base of every entry model."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from diplodb import vocab
from diplodb.seed.dates import parse as parse_bounds
from diplodb.seed.rules import ARTICLE_NAME, INT4_MAX, MAX_ID_LENGTH, check_date_window
from diplodb.seed.text import parse_partial_date


def _partial_date(value: str) -> str:
    date, _ = parse_partial_date(value)
    check_date_window(date, value)
    return value


def _edtf_date(value: str) -> str:
    bounds = parse_bounds(value)
    for side in (bounds.earliest, bounds.latest):
        if side is not None:
            check_date_window(side, value)
    return value


def _number(value: Any) -> Any:
    # YAML integers and floats only: "2500" (a string), true and .nan are refused.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number written without quotes, such as 2500 or 2.5; "
                         f"got {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a number must be finite")
    return value


def _article_file(value: str) -> str:
    if not ARTICLE_NAME.match(value):
        raise ValueError(f"{value!r} is not a plain file name NAME.txt inside articles/ "
                         "(letters, digits, '.', '_', '-'; no folders, no '..')")
    return value


def _http_url(value: str) -> str:
    if not re.match(r"https?://[^\s/?#]+([/?#]\S*)?\Z", value, re.IGNORECASE):
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise ValueError(f"only http:// and https:// URLs are allowed (analysts' tools open "
                         f"them), got {shown!r}")
    return value


# Invisible characters that change how a name displays or compares without being seen:
# bidirectional embeddings, overrides and isolates, zero-width spaces and joiners, the
# byte order mark. (Quotes are compared with the article's text, which keeps its own.)
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                        "\u2066-\u2069\ufeff]")


def _visible(value: str) -> str:
    found = _INVISIBLE.search(value)
    if found:
        char = found.group()
        raise ValueError(f"U+{ord(char):04X} ({unicodedata.name(char, 'format character')}) "
                         f"at position {found.start() + 1}; names may not hold bidirectional "
                         "controls or zero-width characters")
    return value


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                                        max_length=MAX_ID_LENGTH)]
Alpha3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
PartialDate = Annotated[str, AfterValidator(_partial_date)]
# A fact's date: EDTF (a day, month, year or an interval of them, sides may be open);
# docs/seed-format.md, Dates.
EdtfDate = Annotated[str, AfterValidator(_edtf_date)]
Text = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1), AfterValidator(_visible)]
HttpUrl = Annotated[str, StringConstraints(min_length=1), AfterValidator(_http_url)]
# Numbers may be written as YAML integers or floats; strings are refused.
Number = Annotated[Decimal, BeforeValidator(_number), Field(strict=False)]
Count = Annotated[int, Field(ge=1, le=INT4_MAX)]

Basis = Literal[vocab.BASIS]  # type: ignore[valid-type]
FactBasis = Basis
QuoteKind = Literal[vocab.QUOTE_KIND]  # type: ignore[valid-type]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
