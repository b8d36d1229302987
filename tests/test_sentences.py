"""Sentence boundaries, against offsets worked out by hand (not the splitter's own output):
one whole article, then each rule of db/seed/sentences.py on a small text of its own."""

from __future__ import annotations

import pytest

from diplodb.paths import SEEDS_DIR
from diplodb.seed.sentences import split

# Article 004 has one paragraph per line, each a sentence; one sentence is wrapped after
# "serve" (line 1 runs on into line 2, which ends it with "IRNA."). Each line is followed
# by "\n", so a sentence starts one character after the previous one ends.
ARTICLE_004 = [
    (0, 250),      # "Iranian Supreme Leader Ali Khamenei said ... serve\nthe common ... IRNA."
    (251, 394),    # "He made the remarks in a meeting with visiting ... in Tehran."
    (395, 560),    # "The top leader stressed ... make further progress."
    (561, 731),    # "He added that the "unity" ... the bilateral ties."
    (732, 934),    # "The Iraqi president, for his part, ... different sectors."
    (935, 1140),   # "Earlier in the day, Raisi said ... led by Rashid."
    (1141, 1319),  # "Raisi said ... "strategic," ... 10 billion-U.S. dollar annual trade volume."
    (1320, 1451),  # "He confirmed ... will be strengthened."
    (1452, 1627),  # "Raisi slammed ... its own interests."
    (1628, 1755),  # "The Iranian president expressed hope ... bilateral ties."
    (1756, 1859),  # "For his part, Rashid called ... narcotics trade."
    (1860, 2007),  # "Rashid also congratulated Iran ... regional security." (end of file)
]
FIRST_WORDS_004 = ["Iranian", "He", "The", "He", "The", "Earlier", "Raisi", "He", "Raisi",
                   "The", "For", "Rashid"]


def test_article_004_sentence_by_sentence():
    body = (SEEDS_DIR / "articles" / "004_80f12345d448f103.txt").read_text(encoding="utf-8")
    sentences = split(body)
    assert [(s.start, s.end) for s in sentences] == ARTICLE_004
    assert [s.number for s in sentences] == list(range(1, 13))
    assert [s.text(body).split()[0] for s in sentences] == FIRST_WORDS_004
    assert all(s.text(body).endswith(".") for s in sentences)
    # "U.S." followed by a lower-case word ends no sentence.
    assert "10 billion-U.S. dollar annual trade volume." in sentences[6].text(body)


def spans(body: str) -> list[str]:
    return [s.text(body) for s in split(body)]


@pytest.mark.parametrize("body, sentences", [
    # Rule 2: a stop, white space, then an upper-case letter, a digit or an opening mark.
    ("One. Two! Three? Four.", ["One.", "Two!", "Three?", "Four."]),
    ("He left. 14 stayed.", ["He left.", "14 stayed."]),
    ('He said. "Yes," she replied.', ["He said.", '"Yes," she replied.']),
    ("It ended. (So it goes.)", ["It ended.", "(So it goes.)"]),
    ("It ended. “Then” began.", ["It ended.", "“Then” began."]),
    # ... a stop followed by a lower-case word or no space is no boundary.
    ("It was 2.5 billion. then more", ["It was 2.5 billion. then more"]),
    ("See example.com Now", ["See example.com Now"]),
    # Closing quotes and brackets stay with the sentence they close.
    ('He said "yes." Then left.', ['He said "yes."', "Then left."]),
    ("He said “yes.” Then left.", ["He said “yes.”", "Then left."]),
    ("He said ‘yes.’ Then left.", ["He said ‘yes.’", "Then left."]),
    ("It rose (by 2%.) Then fell.", ["It rose (by 2%.)", "Then fell."]),
    # Known abbreviations and single initials do not end a sentence.
    ("Mr. Rouhani spoke. Dr. Raisi too.", ["Mr. Rouhani spoke.", "Dr. Raisi too."]),
    ("Gen. Soleimani died. Sept. 2020 passed.", ["Gen. Soleimani died.", "Sept. 2020 passed."]),
    ("Troops of the U.S. Army left.", ["Troops of the U.S. Army left."]),
    ("George W. Bush spoke. Then", ["George W. Bush spoke.", "Then"]),
    # ... but a word that merely ends like one, or a lower-case single letter, does.
    ("He met Mister. Then left.", ["He met Mister.", "Then left."]),
    ("Plan b. Then c.", ["Plan b.", "Then c."]),
    ("It was Mr! Then", ["It was Mr!", "Then"]),
    # Only quotes and brackets close a sentence after its stop, not a letter.
    ("The code was 4.X Then more.", ["The code was 4.X Then more."]),
])
def test_stops_within_a_line(body, sentences):
    assert spans(body) == sentences


@pytest.mark.parametrize("body, sentences", [
    # Rule 1: a line ends its sentence when it ends with a stop ...
    ("First line.\nSecond line.", ["First line.", "Second line."]),
    ('He said "yes."\nThen', ['He said "yes."', "Then"]),
    ("Is it?\nyes", ["Is it?", "yes"]),
    # ... or when a blank line follows it (a headline, a caption, a byline) ...
    ("Headline\n\nBody text.", ["Headline", "Body text."]),
    ("Headline\n  \t\nBody text.", ["Headline", "Body text."]),
    # ... or when it is the last line; otherwise it runs on into the next line.
    ("A sentence wrapped\nover two lines.", ["A sentence wrapped\nover two lines."]),
    ("wrapped\nover\nthree", ["wrapped\nover\nthree"]),
    ("Last line without a stop", ["Last line without a stop"]),
    ("Stop then spaces.   \nNext", ["Stop then spaces.", "Next"]),
    ("Not a stop.X\nrunning on", ["Not a stop.X\nrunning on"]),
])
def test_lines_and_blank_lines(body, sentences):
    assert spans(body) == sentences


def test_spans_run_from_first_to_last_non_space_character():
    body = "  \n\n  Lead sentence.  Second one.  \n\n\n  Third  \n"
    assert [(s.start, s.end, s.number) for s in split(body)] == [(6, 20, 1), (22, 33, 2),
                                                                 (40, 45, 3)]
    assert spans(body) == ["Lead sentence.", "Second one.", "Third"]


@pytest.mark.parametrize("body", ["", "\n", "   \n\n  \n"])
def test_nothing_but_white_space_has_no_sentence(body):
    assert split(body) == []


# The known abbreviations (docs/seed-format.md: "Mr, Dr, Gen, ..."), written out: titles,
# ranks, months, company and country forms. A stop after any of them, in any case, ends no
# sentence.
KNOWN_ABBREVIATIONS = [
    "Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Jr", "Sr", "Prof",
    "Rev", "No", "vs", "etc", "Inc", "Ltd", "Co", "Corp", "U.S", "U.N", "U.K", "Jan", "Feb",
    "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
]


@pytest.mark.parametrize("abbreviation", KNOWN_ABBREVIATIONS)
def test_a_known_abbreviation_ends_no_sentence(abbreviation):
    for written in (abbreviation, abbreviation.lower(), abbreviation.upper()):
        body = f"They met {written}. Smith there. Then left."
        assert spans(body) == [f"They met {written}. Smith there.", "Then left."]


@pytest.mark.parametrize("word", ["Mx", "Gov", "Sen", "May", "Jun", "Jul", "Messrs", "Corps",
                                  "Cox", "IRNA"])
def test_other_words_before_a_stop_end_the_sentence(word):
    assert spans(f"They met {word}. Smith there.") == [f"They met {word}.", "Smith there."]


def test_a_sentence_is_an_immutable_value():
    import dataclasses

    sentence = split("One.")[0]
    assert sentence == split("One.")[0] and len({sentence, split("One.")[0]}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentence.start = 1
