"""A corpus of broken seed files: each error names the file, the entry and the field,
and the database is left exactly as it was."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from diplodb.seed.problems import SeedValidationError
from diplodb.seed.loader import core_tables, seed

from tests.seed_format_examples import DOC, matching_line
from tests.seed_mutations import A000, A003, crlf, delete, physical_state, replace, write_bytes
from tests.seed_cases_v12 import V12_CASES
from tests.test_plover import CODING_CASES
from tests.test_seed_rules import HOSTILE_CASES, IDENTIFIER_CASES, ISSUE_CASES, MORE_CASES

SEED_FORMAT_DOC = DOC.read_text()

# (case id, mutation, expected fragments of one error line: file, entry/field, message)
CASES = [
    ("invalid-yaml", replace(A000, "visits:\n", "visits: [\n"), [A000, "invalid YAML"]),
    ("top-level-not-list", write_bytes("reference/countries.yaml", b"code: IRN\n"),
     ["reference/countries.yaml", "expected a list"]),
    ("wrong-type", replace(A000, "first_trip_abroad: true", "first_trip_abroad: yes-ish"),
     [A000, "id=kadhimi-iran-2020-07", "field 'first_trip_abroad'"]),
    ("quote-not-in-article", replace(A000, "during his first trip abroad since taking office.",
                                     "during his very first trip abroad since taking office."),
     [A000, "id=kadhimi-iran-2020-07", "field 'quote'", "not found"]),
    ("ambiguous-quote", replace(A003, 'quote: "Iraq hosts 2,500 US troops"', 'quote: "Iraq"'),
     [A003, "id=us-troops-in-iraq-2024-09", "field 'quote'", "occurs"]),
    ("unknown-person", replace(A000, "visitor: mustafa-al-kadhimi", "visitor: mustafa-al-kazemi"),
     [A000, "id=kadhimi-iran-2020-07", "field 'visitor'", "unknown person 'mustafa-al-kazemi'"]),
    ("overlapping-term", replace("reference/office_terms.yaml", 'start: "2021-08-03", end: "2024-05-20"',
                                 'start: "2021-07-01", end: "2024-05-20"'),
     ["reference/office_terms.yaml", "id=raisi-president", "field 'start'", "overlaps"]),
    ("duplicate-reference-id", replace("reference/places.yaml", "- {id: baghdad, name: Baghdad",
                                       "- {id: tehran, name: Baghdad"),
     ["reference/places.yaml", "field 'id'", "duplicate place id 'tehran'"]),
    ("duplicate-fact-definition", replace(A003, "id: iraq-iran-security-pact-2023",
                                          "id: iran-iraq-14-mous-2024-09"),
     [A003, "field 'id'", "duplicate agreement id 'iran-iraq-14-mous-2024-09'"]),
    ("non-utf8", write_bytes("reference/topics.yaml", "- {id: trade, label: Tr\u00e4de}\n".encode("latin-1")),
     ["reference/topics.yaml", "not valid UTF-8"]),
    ("crlf", crlf("reference/subject_areas.yaml"), ["reference/subject_areas.yaml", "CRLF"]),
    ("missing-article", delete("articles/002_6203630f39a9d083.txt"),
     ["articles/002_6203630f39a9d083.txt", "file is missing"]),
    ("edited-article", replace("articles/004_80f12345d448f103.txt", "Saturday", "Sunday"),
     ["articles/sources.yaml", "id=report-2023-04-29-rashid-tehran", "field 'sha256'"]),
    ("impossible-date", replace(A003, 'end_date: "2024-09-13"', 'end_date: "2024-09-31"'),
     [A003, "id=pezeshkian-iraq-2024-09", "field 'end_date'", "not a real date"]),
    ("ends-before-start", replace(A003, 'end_date: "2024-09-13"', 'end_date: "2024-09-10"'),
     [A003, "id=pezeshkian-iraq-2024-09", "field 'end_date'", "ends before it starts"]),
    ("visit-status-vocabulary", replace(A003, "status: ongoing", "status: done"),
     [A003, "id=pezeshkian-iraq-2024-09", "field 'status'"]),
    ("qualifier-vocabulary", replace(A003, "qualifier: exact", "qualifier: roughly"),
     [A003, "id=us-troops-in-iraq-2024-09", "field 'qualifier'"]),
    ("agreement-kind-vocabulary", replace(A003, "kind: mou", "kind: memo"),
     [A003, "id=iran-iraq-14-mous-2024-09", "field 'kind'"]),
    ("unknown-country", replace(A003, "parties: [IRQ, IRN]", "parties: [IRQ, IRX]"),
     [A003, "id=iraq-iran-security-pact-2023", "field 'parties.1'", "unknown country 'IRX'"]),
    ("unknown-field", replace(A003, "    metric: us-troops\n", "    metric: us-troops\n    metrc: x\n"),
     [A003, "id=us-troops-in-iraq-2024-09", "field 'metrc'", "Extra inputs"]),
    ("cites-undefined-fact", replace(A000, "  - id: kadhimi-united-states-2020\n    quote:",
                                     "  - id: kadhimi-canada-2020\n    quote:"),
     [A000, "id=kadhimi-canada-2020", "cites visit 'kadhimi-canada-2020' that no annotation defines"]),
    ("unknown-source", replace(A003, "source: report-2024-09-11-pezeshkian-baghdad",
                               "source: report-2024-09-12-pezeshkian-baghdad"),
     [A003, "field 'source'", "unknown source"]),
    ("occurrence-out-of-range", replace(A003, "{text: Masoud Pezeshkian, occurrence: 1}",
                                        "{text: Masoud Pezeshkian, occurrence: 9}"),
     [A003, "names[0]", "field 'quote'", "occurrence 9"]),
    ("statement-text-not-verbatim", replace(A003, 'text: "The expansion of bilateral ties',
                                            'text: "The expansion of bilateral trade ties'),
     [A003, "id=pezeshkian-office-2024-09-11-agenda", "field 'text'", "verbatim"]),
    ("unknown-section", replace(A003, "figures:\n", "numbers:\n"),
     [A003, "field 'numbers'", "unknown section"]),
]


def fingerprint(url) -> dict[str, str]:
    """A digest of every core table's full contents."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: conn.execute(text(
                f"select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) "
                f"from {t.fullname} x")).scalar() for t in [*core_tables()]}
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def baseline(seeded_url):
    return physical_state(seeded_url)


# These cases, then the ones of issue 10 (tests/test_seed_rules.py), the shared identifiers',
# contract v1.2's (tests/seed_cases_v12.py) and the PLOVER coding tables'
# (tests/test_plover.py), in one run each.
ALL_CASES = (CASES + ISSUE_CASES + MORE_CASES + IDENTIFIER_CASES + HOSTILE_CASES + V12_CASES
             + CODING_CASES)


@pytest.mark.parametrize("case, mutate, expected", ALL_CASES, ids=[c[0] for c in ALL_CASES])
def test_broken_seed_is_reported_and_nothing_changes(seeded_url, baseline, seeds_copy, case,
                                                     mutate, expected, monkeypatch):
    from diplodb.seed import loader

    mutate(seeds_copy)

    def second_read(*args, **kwargs):
        raise AssertionError("the seed files were read a second time to report the problem")
    monkeypatch.setattr(loader, "read_corpus", second_read)
    with pytest.raises(SeedValidationError) as raised:
        seed(seeded_url, seeds_copy)
    lines = [str(problem) for problem in raised.value.problems]
    line = matching_line(lines, expected)
    assert line is not None, lines
    assert f"`{case}`: `{line}`" in SEED_FORMAT_DOC, (
        "docs/seed-format.md shows another message; run python -m tests.seed_format_examples")
    # Physically the same rows (ctid, xmin): nothing inserted, updated or deleted.
    assert physical_state(seeded_url) == baseline


def test_all_errors_are_reported_at_once(seeded_url, seeds_copy):
    replace(A000, "visitor: mustafa-al-kadhimi", "visitor: nobody")(seeds_copy)
    replace(A003, "kind: mou", "kind: memo")(seeds_copy)
    with pytest.raises(SeedValidationError) as raised:
        seed(seeded_url, seeds_copy)
    files = {problem.file for problem in raised.value.problems}
    assert {A000, A003} <= files
    assert re.search(r"\d+ problem\(s\)", str(raised.value))


def test_check_command_reports_without_a_database(seeds_copy, tmp_path):
    import subprocess
    import sys

    replace(A003, "kind: mou", "kind: memo")(seeds_copy)
    result = subprocess.run([sys.executable, "-m", "diplodb.cli", "seed", "--check", "--seeds",
                             str(seeds_copy)], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "DIPLODB_HOME": str(tmp_path / "none")})
    assert result.returncode != 0
    assert A003 in result.stderr and "field 'kind'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "none").exists()
