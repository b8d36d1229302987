"""`diplodb draft`: a new article registered and drafted, and a draft never loaded."""

from __future__ import annotations

import datetime as dt
import shutil
import socket

import pytest
import yaml

from diplodb.draft import dates, draft_article, mentions, reference
from diplodb.paths import SEEDS_DIR
from diplodb.seed.sentences import split
from tests.test_production import cli, one_line_failure

ARTICLE = """By Staff - Jul 21,2020

TEHRAN — Iraqi Prime Minister Mustafa Al-Kazemi met Iranian President Hassan Rouhani in Tehran on Tuesday.

Al-Kazimi said the two countries would expand trade to $20 billion. Mr al-Kadhimi had received General Qassim Soleimani's successor on Sunday.

Kadhemi is expected to meet Supreme Leader Ayatollah Ali Khamenei later in the day. General Qassem Soleimani was killed in January. An adviser, Farhad Zandi, said "we are ready".
"""


@pytest.fixture
def seeds(tmp_path):
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "new.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_draft_lists_every_sentence_undecided_and_registers_the_article(seeds, article):
    done = draft_article(seeds, article, source_id="staff-2020-07-21-test")
    draft = yaml.safe_load(done.files[2].read_text())
    listed = [item["quote"] if isinstance(item["quote"], str) else item["quote"]["text"]
              for item in draft["undecided"]]
    assert listed == [s.text(ARTICLE) for s in split(ARTICLE)]
    sources = yaml.safe_load((seeds / "articles" / "sources.yaml").read_text())
    entry = sources[-1]
    assert entry["id"] == "staff-2020-07-21-test" and entry["published_on"] == "2020-07-21"
    assert entry["published_on_basis"] == "stated"  # the byline states it
    assert (seeds / "articles" / entry["file"]).read_text() == ARTICLE


def test_spelling_variants_and_transliterations_resolve_to_the_known_person(seeds):
    ref = reference.load(seeds)
    for name in ("Kadhemi", "Al-Kazemi", "Al-Kazimi", "al-Kadhimi", "Mustafa Al-Kazemi"):
        found = mentions.find(f"Then {name} spoke.", ref, dt.date(2020, 7, 21))
        assert [m.ref for m in found.persons] == ["mustafa-al-kadhimi"], name
    for name in ("Qassem Soleimani", "Qassim Soleimani"):
        found = mentions.find(f"General {name} was killed.", ref, dt.date(2020, 7, 21))
        assert [m.ref for m in found.persons] == ["qasem-soleimani"], name


def test_draft_names_new_people_as_candidates_not_as_known_ones(seeds, article):
    draft = yaml.safe_load(draft_article(seeds, article).files[2].read_text())
    assert {n["person"] for n in draft["names"]} == {
        "mustafa-al-kadhimi", "hassan-rouhani", "qasem-soleimani", "ali-khamenei"}
    assert any(c["name"] == "Farhad Zandi" for c in draft["candidates"])


@pytest.mark.parametrize(("phrase", "published", "earliest", "latest"), [
    ("met on Tuesday", "2020-07-21", "2020-07-21", "2020-07-21"),  # the day itself
    ("met on Sunday", "2020-07-21", "2020-07-19", "2020-07-19"),
    ("spoke on Saturday", "2023-04-29", "2023-04-29", "2023-04-29"),
    ("visited Iraq on Wednesday", "2024-09-11", "2024-09-11", "2024-09-11"),
    ("arrived a day after it was postponed", "2020-07-21", "2020-07-20", "2020-07-20"),
    ("travelled there over the weekend", "2020-07-21", "2020-07-18", "2020-07-19"),
    ("took office in May", "2020-07-21", "2020-05-01", "2020-05-31"),
    ("began in October", "2024-09-11", "2023-10-01", "2023-10-31"),
])
def test_dates_resolve_against_the_publication_date_into_bounds(phrase, published, earliest,
                                                                latest):
    found = dates.find(phrase, 0, len(phrase), dt.date.fromisoformat(published))
    assert len(found) == 1
    day = found[0]
    assert (str(day.earliest), str(day.latest)) == (earliest, latest)
    assert day.basis == "inferred" and published[:4] in day.note


def test_draft_facts_carry_inferred_bounded_dates_and_quote_kinds(seeds, article):
    draft = yaml.safe_load(draft_article(seeds, article).files[2].read_text())
    meetings = {tuple(m["participants"]): m for m in draft["meetings"]}
    met = meetings[("mustafa-al-kadhimi", "hassan-rouhani")]
    assert met["held_on"] == "2020-07-21" and met["date_basis"] == "inferred"
    assert "Tuesday" in met["date_note"] and met["draft"] is True
    kinds = {s["speaker"]: s["quote"]["kind"] for s in draft["statements"]}
    assert kinds["mustafa-al-kadhimi"] == "paraphrase"
    assert kinds["farhad-zandi"] == "partial"
    figure = draft["figures"][0]
    assert (figure["value"], figure["unit"], figure["qualifier"]) == (20000000000, "USD", "target")


def test_seed_refuses_a_draft_with_one_line_and_check_shows_its_progress(seeds, article):
    done = draft_article(seeds, article)
    name = done.files[2].name
    result = cli("seed", "--check", "--seeds", str(seeds))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    count = len(split(ARTICLE))
    refusals = [line for line in result.stderr.splitlines() if f"annotations/{name}" in line]
    assert len(refusals) == 1
    assert f"{count} undecided sentence(s) and" in refusals[0] and "draft entries" in refusals[0]
    assert f"annotations/{name}: draft: 0/{count} sentences decided, {count} undecided" \
        in result.stdout
    # Deciding the first sentence shows as progress.
    text = done.files[2].read_text()
    first = split(ARTICLE)[0].text(ARTICLE)
    text = text.replace(f'  - {{quote: "{first}"}}  # sentence 1\n', "")
    text = text.replace("skipped: []", f'skipped:\n  - {{quote: "{first}", reason: "byline"}}')
    done.files[2].write_text(text)
    result = cli("seed", "--check", "--seeds", str(seeds))
    assert f"draft: 1/{count} sentences decided, {count - 1} undecided" in result.stdout


def test_seed_refuses_a_draft_against_a_database(seeds, article, make_database):
    from diplodb.urls import libpq_url

    draft_article(seeds, article)
    url = libpq_url(make_database(), show_password=True)
    env = {"DATABASE_URL": url}
    assert cli("migrate", env=env).returncode == 0
    result = cli("seed", "--seeds", str(seeds), env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert len(problems) == 1 and "a draft, not loaded" in problems[0]
    assert cli("seed", "--seeds", str(SEEDS_DIR), env=env).returncode == 0  # the real corpus


def test_draft_opens_no_socket(seeds, article, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the draft opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert draft_article(seeds, article).sentences == len(split(ARTICLE))


@pytest.mark.parametrize(("setup", "args", "expected"), [
    ("missing", (), "no such file"),
    ("latin-1", (), "not valid UTF-8"),
    ("plain", ("--source-id", "afp-2020-07-21-kadhemi-tehran"), "already in articles/sources.yaml"),
    ("plain", ("--source-id", "Not An Id"), "is not an id"),
    ("plain", ("--published", "2020-13-01"), "--published"),
    ("undated", (), "give its publication date with --published"),
    ("registered", (), "already registered as source 'afp-2020-07-21-kadhemi-tehran'"),
], ids=["missing-file", "not-utf8", "existing-source-id", "bad-id", "bad-date", "no-date",
        "same-article"])
def test_draft_errors_are_one_line_and_exit_2(seeds, tmp_path, setup, args, expected):
    path = tmp_path / "article.txt"
    if setup == "latin-1":
        path.write_bytes("Caf\xe9 in Tehran on Tuesday.\n".encode("latin-1"))
    elif setup == "plain":
        path.write_text(ARTICLE, encoding="utf-8")
    elif setup == "undated":
        path.write_text("Rouhani met Kadhemi on Tuesday.\n", encoding="utf-8")
    elif setup == "registered":
        shutil.copy(SEEDS_DIR / "articles" / "000_421877fd24e4fad6.txt", path)
    before = (seeds / "articles" / "sources.yaml").read_text()
    result = cli("draft", str(path), *args, "--seeds", str(seeds))
    assert expected in one_line_failure(result)
    assert (seeds / "articles" / "sources.yaml").read_text() == before  # nothing written


def without(seeds, name: str, ids: set[str] | None = None) -> None:
    """The seed copy without these entries of reference/<name>.yaml (all of them without
    ``ids``), as when an article is the first to introduce them."""
    path = seeds / "reference" / f"{name}.yaml"
    rows = yaml.safe_load(path.read_text())
    path.write_text(yaml.safe_dump([r for r in rows if ids is not None and r["id"] not in ids],
                                   allow_unicode=True, sort_keys=False))


NEW_ORGANISATIONS = """By Staff - Sep 11,2024

"The talks will be useful," Pezeshkian's office said in a statement.

The Iraqi prime minister's media office said the two countries had signed 14 memoranda.

Iranian Foreign Minister Abbas Araqchi said on Wednesday that ties were good, Iranian state media reported.

State media have said Pezeshkian also plans to visit Erbil. Tasnim News Agency said the Iranian presidency had confirmed it.

Pezeshkian took office in July; his office is in Tehran.
"""


def test_new_organisations_are_candidates_and_speak_their_statements(seeds, tmp_path):
    without(seeds, "organizations")
    path = tmp_path / "orgs.txt"
    path.write_text(NEW_ORGANISATIONS, encoding="utf-8")
    draft = yaml.safe_load(draft_article(seeds, path).files[2].read_text())
    organisations = {c["name"]: c for c in draft["candidates"] if c["kind"] == "organization"}
    assert set(organisations) == {"Pezeshkian's office", "Iraqi prime minister's media office",
                                  "Iranian state media", "Tasnim News Agency",
                                  "Iranian presidency"}
    assert organisations["Iranian state media"]["spellings"] == ["Iranian state media",
                                                                 "State media"]
    said = {"useful": "Pezeshkian's office", "memoranda": "Iraqi prime minister's media office",
            "Erbil": "Iranian state media", "confirmed": "Tasnim News Agency"}
    spoken = {word: s.get("speaker_organization") or s.get("speaker")
              for s in draft["statements"] for word in [*said, "ties"]
              if word in s["quote"]["text"]}
    assert spoken == {**{w: organisations[name]["id"] for w, name in said.items()},
                      "ties": "abbas-araghchi"}  # a person, though state media reported it
    # The person whose office it is stays a person mention of its own.
    assert ("masoud-pezeshkian", "Pezeshkian") in {(n["person"], n["name"])
                                                   for n in draft["names"]}


def test_a_partial_match_does_not_take_part_of_a_longer_new_name(seeds):
    ref = reference.load(seeds)
    for gone in ("abu-mahdi-al-muhandis",):  # as if this article introduced him
        ref.persons.pop(gone)
        ref.spellings.pop(gone)
    day = dt.date(2020, 7, 21)
    found = mentions.find("He honoured martyrs General Qassem Soleimani and Abu Mahdi Al "
                          "Muhandis, he said.", ref, day)
    assert [m.ref for m in found.persons] == ["qasem-soleimani"]
    assert [c.name for c in found.candidates] == ["Abu Mahdi Al Muhandis"]
    found = mentions.find("Farhad Rouhani, a businessman, said so.", ref, day)
    assert found.persons == [] and [c.name for c in found.candidates] == ["Farhad Rouhani"]
    # The person's own name, and his surname alone, still resolve; so do titles before one.
    for text in ("Then Adil Abdul-Mahdi spoke.", "Abdul-Mahdi spoke.",
                 "Former Prime Minister Adil Abdul-Mahdi spoke."):
        found = mentions.find(text, ref, day)
        assert [(m.ref, m.text) for m in found.persons] == [
            ("adil-abdul-mahdi", text.split(" spoke")[0].split("Minister ")[-1]
             .removeprefix("Then "))], text
    for text in ("Yesterday Rouhani said so.", "Commander Soleimani said so."):
        assert len(mentions.find(text, ref, day).persons) == 1, text


DELEGATIONS = """By Staff - Jul 21,2020

Iraqi Prime Minister Mustafa Al-Kazemi arrived in Tehran on Tuesday at the head of a high-ranking delegation.

Al-Kazemi is accompanied by a high-level delegation that includes the ministers of foreign affairs, oil, tourism and finance, and the Iraqi national security advisor.

President Hassan Rouhani said he met Iraqi high-ranking delegations led by Al-Kazemi.
"""


def test_delegations_and_their_members_are_draft_participants_of_the_visit(seeds, tmp_path):
    path = tmp_path / "delegation.txt"
    path.write_text(DELEGATIONS, encoding="utf-8")
    draft = yaml.safe_load(draft_article(seeds, path).files[2].read_text())
    (visit,) = draft["visits"]
    assert visit["visitor"] == "mustafa-al-kadhimi"
    participants = draft["participants"]
    assert all(p["visit"] == visit["id"] and p["draft"] is True and p["role"] == "delegation"
               and p["country"] == "IRQ" for p in participants)
    (group,) = [p for p in participants if "group" in p and "delegation" in p["group"]]
    assert group["group"] == "a high-ranking delegation"  # as the text first describes it
    assert group["led_by"] == "mustafa-al-kadhimi" and len(group["quotes"]) == 3
    assert {p.get("office") or p.get("group") for p in participants if p is not group} == {
        "irq-foreign-minister", "irq-oil-minister", "irq-finance-minister",
        "irq-national-security-adviser", "minister of tourism"}  # no such office: described
    meeting = next(m for m in draft["meetings"] if "hassan-rouhani" in m["participants"])
    assert {"group": "Iraqi high-ranking delegations led by Al-Kazemi", "country": "IRQ",
            "led_by": "mustafa-al-kadhimi"} in meeting["participants"]


def test_a_delegation_of_the_host_country_is_the_counterpart_of_the_visit(seeds, tmp_path):
    path = tmp_path / "hosts.txt"
    path.write_text("By Staff - Jul 21,2020\n\nIraqi Prime Minister Mustafa Al-Kazemi arrived "
                    "in Tehran on Tuesday.\n\nHe met an Iranian delegation including the "
                    "ministers of foreign affairs.\n\nA Saudi delegation is expected later.\n",
                    encoding="utf-8")
    draft = yaml.safe_load(draft_article(seeds, path).files[2].read_text())
    (visit,) = draft["visits"]
    assert [(p["visit"], p.get("group") or p.get("office"), p["country"], p["role"])
            for p in draft["participants"]] == [
        (visit["id"], "an Iranian delegation", "IRN", "counterpart"),
        (visit["id"], "irn-foreign-minister", "IRN", "counterpart")]  # not the Saudi one


COMPLETABLE = """By Staff - Apr 29,2023

Iranian Foreign Minister Hossein Amir-Abdollahian arrived in Baghdad on Friday at the head of a delegation that includes the minister of roads.

Iraqi Prime Minister Mohammed Shia al-Sudani received Amir-Abdollahian in Baghdad on Saturday.

Amir-Abdollahian said "the two countries would raise trade to more than $12 billion a year".
"""


def test_a_draft_decided_as_drafted_loads_in_the_v12_format(seeds, tmp_path):
    """Removing every mark and deciding every sentence is all a curator must do for the
    loader to take a draft: the drafter writes the format the loader reads (EDTF bounds,
    quote kinds, described groups), not an older one to be converted."""
    path = tmp_path / "completable.txt"
    path.write_text(COMPLETABLE, encoding="utf-8")
    file = draft_article(seeds, path, source_id="staff-2023-04-29-completable").files[2]
    draft = yaml.safe_load(file.read_text())
    assert draft["participants"] and any("group" in p for p in draft["participants"])
    # The one candidate, the byline's "Staff", is no one a fact names: nothing to add.
    assert [c["name"] for c in draft.get("candidates", [])] == ["Staff"]
    byline, *cited = draft.pop("undecided")
    draft["skipped"] = [{"quote": byline["quote"], "reason": "byline"}]
    for section in ("mentions", "candidates"):
        draft.pop(section, None)
    for entries in draft.values():
        for entry in entries if isinstance(entries, list) else []:
            entry.pop("draft", None)
    file.write_text(yaml.safe_dump(draft, sort_keys=False, allow_unicode=True))
    result = cli("seed", "--check", "--seeds", str(seeds))
    assert result.returncode == 0, result.stderr
    assert "staff-2023-04-29-completable: 4/4 sentences accounted for (100 %)" in result.stdout


WITHIN_VISITS = """By Staff - Jul 21,2020

Iraqi Prime Minister Mustafa Al-Kazemi arrived in Tehran on Tuesday.

Iraq's delegation includes the ministers of foreign affairs and finance, some of whom also met their Iranian counterparts.

During the visit, a timetable will be made to pay Iraq's energy debts.

The Iraqi prime minister's media office said the two countries had signed 3 memoranda of understanding.

"Trade will be discussed," the Iranian presidency said in a statement.

Iranian state media have said Rouhani plans to visit Riyadh.

Baghdad is caught between Tehran and Washington, which Al-Kazemi is also set to visit within the next few weeks.

Iranian Foreign Minister Mohammad Javad Zarif travelled to Baghdad over the weekend. In Baghdad, Mr Zarif visited the site where General Qassem Soleimani was killed, saying "relations will not be shaken".
"""


def test_facts_within_a_visit_or_undated_get_honest_bounds(seeds, tmp_path):
    """What a sentence does not date is bounded by what the text does say: the visit it
    happens in, the publication day as the latest (reported as done) or the earliest (a
    plan); never a guessed day."""
    path = tmp_path / "within.txt"
    path.write_text(WITHIN_VISITS, encoding="utf-8")
    draft = yaml.safe_load(draft_article(seeds, path).files[2].read_text())
    visits = {(v["visitor"], v["host_country"]): v for v in draft["visits"]}
    # "Washington, which Al-Kazemi is also set to visit": the place before "which"
    assert visits[("mustafa-al-kadhimi", "USA")]["start_date"] == "2020-07-21/2020-09-01"
    assert visits[("mustafa-al-kadhimi", "USA")]["status"] == "planned"
    # members meeting their counterparts: a meeting of groups, within the visit
    (met,) = [m for m in draft["meetings"] if m["visit"] == "kadhimi-iran-2020-07"]
    assert met["held_on"] == "2020-07-21" and met["status"] == "held"
    assert {"group": "their Iranian counterparts", "country": "IRN"} in met["participants"]
    said = {s["quote"]["text"].split()[1]: s for s in draft["statements"]}
    # ", saying": the clause's subject speaks, within his visit to the place named
    assert said["Baghdad,"]["speaker"] == "mohammad-javad-zarif"
    assert said["Baghdad,"]["said_on"] == "2020-07-18/2020-07-21"
    assert said["state"]["said_on"] == "../2020-07-21"  # "have said"
    assert said["will"]["said_on"] == "../2020-07-21"  # an issued text of what is to come
    assert said["Iraqi"]["said_on"] == "2020-07-21"  # what was done: the day of context
    agreed = {a["status"]: a["concluded_on"] for a in draft["agreements"]}
    assert agreed == {"planned": "2020-07-21/..",  # "during the visit": from its first day
                      "signed": "../2020-07-21"}  # reported signed, not dated


def test_the_benchmark_holds_open_curated_dates_only_with_the_same_side_open():
    from benchmarks.drafting import holds

    assert holds("2024-09-11", "2024-09-11") and holds("2024-09", "2024-09-11")
    assert holds("2024-09-11", "2024-09")  # a day inside a curated month
    assert holds("../2024-09-11", "../2024-09-11") and holds("2020-07-21/..", "2020-07-21/..")
    assert holds("../2024-09-12", "../2024-09-11")
    assert not holds("2024-09-11", "../2024-09-11")  # a guessed day
    assert not holds("../2024-09-11", "2024-09-11")  # an open side proves nothing
    assert not holds("../..", "../2024-09-11") and not holds("2024-09-12", "2024-09-11")
