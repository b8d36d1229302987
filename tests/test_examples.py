"""Every example query answers its research question with exactly the rows the five
articles support: no row missing, no row extra, every value as the articles give it.

The expected answers are written from the articles (seeds/articles/*.txt), not read back
from the database. Each comment names the sentence a row rests on, by article number and
a few of its words:

    000  AFP, 21 July 2020 (afp-2020-07-21-kadhemi-tehran)
    001  translated report, 21 July 2020 (translated-2020-07-21-kazemi-tehran)
    002  AP photos, 21 July 2020 (ap-2020-07-21-kadhimi-turning-point)
    003  report of 11 September 2024 (report-2024-09-11-pezeshkian-baghdad)
    004  report of 29 April 2023 (report-2023-04-29-rashid-tehran)

Persons appear under their canonical name (analytics.persons.name, from
seeds/reference/persons.yaml and its Wikipedia reference), which is what the views'
*_name columns hold by contract; the articles' own spellings are the answer to Q5.
Weekdays are resolved against each article's date: 000 is dated Tuesday 21 July 2020, so
its "on Sunday" is 19 July 2020 and "on Monday" 20 July 2020; 003 is dated Wednesday
11 September 2024; 004's "Saturday" is 29 April 2023 (seeds/articles/sources.yaml).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import text

from diplodb.paths import EXAMPLES_DIR, SEEDS_DIR

A000 = "afp-2020-07-21-kadhemi-tehran"
A001 = "translated-2020-07-21-kazemi-tehran"
A002 = "ap-2020-07-21-kadhimi-turning-point"
A003 = "report-2024-09-11-pezeshkian-baghdad"
A004 = "report-2023-04-29-rashid-tehran"

KADHIMI_TEHRAN = "kadhimi-iran-2020-07"
ZARIF_BAGHDAD = "zarif-iraq-2020-07"
RASHID_TEHRAN = "rashid-iran-2023-04"
PEZESHKIAN_BAGHDAD = "pezeshkian-iraq-2024-09"
D19, D21 = dt.date(2020, 7, 19), dt.date(2020, 7, 21)
D0429, D0911 = dt.date(2023, 4, 29), dt.date(2024, 9, 11)

EXAMPLES = sorted(EXAMPLES_DIR.glob("*.sql"))


def answer(engine, number: int) -> list[tuple]:
    path = next(p for p in EXAMPLES if p.name.startswith(f"{number:02d}_"))
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(path.read_text()))]


def test_one_example_per_research_question():
    numbers = [int(p.name[:2]) for p in EXAMPLES]
    assert numbers == list(range(1, 16))
    assert all(p.read_text().startswith(f"-- Q{n}: ") for n, p in zip(numbers, EXAMPLES))


def test_q1_visits_between_the_two_countries(engine):
    # (visit_id, visitor, office on the first day, level, from, to, place, start, end,
    # the visit as EDTF, status, status as of): every visit that took place, by its
    # earliest possible first day.
    assert answer(engine, 1) == [
        # 002: "Zarif travelled to Baghdad over the weekend" (Saturday 18 or Sunday 19 July
        # 2020, before the Tuesday visit); 000: "he received Iran's top diplomat Mohammad
        # Javad Zarif in Baghdad on Sunday" (19 July, the weekend's last day). The first day
        # is known to the month only (v1 start 2020-07-01), the last to the day. Over:
        # completed, as of the reports of 21 July 2020.
        (ZARIF_BAGHDAD, "Mohammad Javad Zarif", "Minister of Foreign Affairs of Iran",
         "foreign_minister", "IRN", "IRQ", "Baghdad", dt.date(2020, 7, 1), D19,
         "2020-07-18/2020-07-19", "completed", D21),
        # 000: "Iraqi Prime Minister Mustafa Al Kadhemi met Iran's President Hassan Rouhani in
        # Tehran on Tuesday"; no article reports the end: ongoing as of 21 July 2020.
        (KADHIMI_TEHRAN, "Mustafa Al-Kadhimi", "Prime Minister of Iraq", "head_of_government",
         "IRQ", "IRN", "Tehran", D21, None, "2020-07-21/..", "ongoing", D21),
        # 004: "a meeting with visiting Iraqi President Abdul Latif Rashid ... in Tehran" on
        # the Saturday (29 April 2023); the named reference (Shafaqna) reports his arrival
        # "early on Saturday". Head of state (Iraq's constitution).
        (RASHID_TEHRAN, "Abdul Latif Rashid", "President of Iraq", "head_of_state", "IRQ", "IRN",
         "Tehran", D0429, None, "2023-04-29/..", "ongoing", D0429),
        # 003: "Iranian President Masoud Pezeshkian visited Iraq on Wednesday" and "at the
        # start of a three-day visit": 11 to 13 September 2024, written at its start. Iran's
        # president is its head of government (the Supreme Leader is head of state).
        (PEZESHKIAN_BAGHDAD, "Masoud Pezeshkian", "President of Iran", "head_of_government",
         "IRN", "IRQ", "Baghdad", D0911, dt.date(2024, 9, 13), "2024-09-11/2024-09-13",
         "ongoing", D0911),
    ]


def test_q2_first_trips_abroad(engine):
    # (visit_id, visitor, office, host, start, supporting sources)
    assert answer(engine, 2) == [
        # 000: "during his first trip abroad since taking office"; 001: "on his first official
        # visit abroad since he took office in May"; 002: "arrived on his first official visit
        # abroad since taking office": three sources.
        (KADHIMI_TEHRAN, "Mustafa Al-Kadhimi", "Prime Minister of Iraq", "IRN", D21, 3),
        # 003: "visited Iraq on Wednesday on his first foreign trip": one source.
        (PEZESHKIAN_BAGHDAD, "Masoud Pezeshkian", "President of Iran", "IRQ", D0911, 1),
    ]


def test_q3_planned_postponed_cancelled(engine):
    # (visit_id, visitor, host, place, start, precision, start EDTF, status, reason, as of)
    assert answer(engine, 3) == [
        # 000: "the Saudi leg was postponed after King Salman was hospitalised on Monday";
        # 001: "the visit was postponed because King Salman bin Abdulaziz was hospitalized".
        # No new date is given.
        ("kadhimi-saudi-arabia-2020-07", "Mustafa Al-Kadhimi", "SAU", None, None, None, None,
         "postponed", "King Salman bin Abdulaziz was hospitalised", D21),
        # 000: "Washington, which Kadhemi is also set to visit within the next few weeks";
        # 001: "Washington, which he is scheduled to visit by early August": from the reports'
        # day to 10 August 2020. Two months hold the bounds, so v1 says only "2020".
        ("kadhimi-united-states-2020", "Mustafa Al-Kadhimi", "USA", "Washington",
         dt.date(2020, 1, 1), "year", "2020-07-21/2020-08-10", "planned", None, D21),
    ]


def test_q4_iran_president_on_the_first_day_of_each_iraqi_visit(engine):
    assert answer(engine, 4) == [
        # 000: "met Iran's President Hassan Rouhani in Tehran on Tuesday" (21 July 2020).
        (KADHIMI_TEHRAN, D21, "Hassan Rouhani"),
        # 004: "also attended by Iranian President Ebrahim Raisi, in Tehran" (29 April 2023).
        (RASHID_TEHRAN, D0429, "Ebrahim Raisi"),
    ]


# Q5: (person, variant) -> (is the canonical name, number of articles using the variant).
# A person the articles never name (a holder of an office in the reference file only) has
# just the canonical name, used by no article.
NAME_VARIANTS = {
    ("Abbas Araghchi", "Abbas Araqchi"): (False, 1),  # 003: "Iranian Foreign Minister Abbas Araqchi"
    ("Abbas Araghchi", "Abbas Araghchi"): (True, 0),
    ("Abdul Latif Rashid", "Abdul Latif Rashid"): (True, 1),  # 004: "Iraqi President Abdul Latif Rashid"
    ("Abdul Latif Rashid", "Rashid"): (False, 1),  # 004: "delegations led by Rashid"
    ("Abu Mahdi al-Muhandis", "Abu Mahdi Al Muhandis"): (False, 1),  # 000: "martyrs ... Abu Mahdi Al Muhandis"
    ("Abu Mahdi al-Muhandis", "Abu Mahdi al-Muhandis"): (True, 0),
    ("Adil Abdul-Mahdi", "Adil Abdul-Mahdi"): (True, 0),
    ("Ali Bagheri Kani", "Ali Bagheri Kani"): (True, 0),
    # 000 (caption), 001 ("Iran's Supreme Leader, Ayatollah Ali Khamenei"), 002 ("including
    # Supreme Leader Ayatollah Ali Khamenei"); 004 alone drops the title.
    ("Ali Khamenei", "Ayatollah Ali Khamenei"): (False, 3),
    ("Ali Khamenei", "Ali Khamenei"): (True, 1),  # 004: "Iranian Supreme Leader Ali Khamenei said"
    ("Barham Salih", "Barham Salih"): (True, 0),
    ("Donald Trump", "Donald Trump"): (True, 1),  # 002: "President Donald Trump reimposed"
    ("Ebrahim Raisi", "Ebrahim Raisi"): (True, 1),  # 004: "Iranian President Ebrahim Raisi"
    ("Ebrahim Raisi", "Raisi"): (False, 1),  # 004: "Earlier in the day, Raisi said"
    ("Fuad Hussein", "Fuad Hussein"): (True, 0),
    ("Fuad Masum", "Fuad Masum"): (True, 0),
    ("Haider al-Abadi", "Haider al-Abadi"): (True, 0),
    # 000 ("Iran's President Hassan Rouhani"), 001 ("Iranian President Hassan Rouhani"), 002
    # (the lead); "Rouhani" alone in all three.
    ("Hassan Rouhani", "Hassan Rouhani"): (True, 3),
    ("Hassan Rouhani", "Rouhani"): (False, 3),
    ("Hossein Amir-Abdollahian", "Hossein Amir-Abdollahian"): (True, 0),
    ("Ibrahim al-Jaafari", "Ibrahim al-Jaafari"): (True, 0),
    ("Joe Biden", "Joe Biden"): (True, 0),
    ("Masoud Pezeshkian", "Masoud Pezeshkian"): (True, 1),  # 003: "Iranian President Masoud Pezeshkian"
    ("Masoud Pezeshkian", "Pezeshkian"): (False, 1),  # 003: "Pezeshkian, a relative moderate"
    ("Mohamed Ali Alhakim", "Mohamed Ali Alhakim"): (True, 0),
    # 000 ("Iran's top diplomat Mohammad Javad Zarif"), 001, 002; "Mr Zarif" only in 002.
    ("Mohammad Javad Zarif", "Mohammad Javad Zarif"): (True, 3),
    ("Mohammad Javad Zarif", "Zarif"): (False, 1),
    ("Mohammad Mokhber", "Mohammad Mokhber"): (True, 0),
    # 003 spells him two ways (caption "Mohamed Shia al-Sudani", body "Mohammed Shia
    # al-Sudani"), neither of them the canonical "Mohammed Shia' al-Sudani".
    ("Mohammed Shia' al-Sudani", "Mohamed Shia al-Sudani"): (False, 1),
    ("Mohammed Shia' al-Sudani", "Mohammed Shia al-Sudani"): (False, 1),
    ("Mohammed Shia' al-Sudani", "Mohammed Shia' al-Sudani"): (True, 0),
    # Each article has its own transliteration: 000 "Mustafa Al Kadhemi", "Kadhemi"; 001
    # "Mustafa Al-Kazemi", "Al-Kazemi", "Al-Kazimi"; 002 "Mustafa al-Kadhimi", "Mr
    # al-Kadhimi", "Mr Al-Kadhimi". None writes the canonical "Mustafa Al-Kadhimi".
    ("Mustafa Al-Kadhimi", "Al-Kadhimi"): (False, 1),
    ("Mustafa Al-Kadhimi", "Al-Kazemi"): (False, 1),
    ("Mustafa Al-Kadhimi", "Al-Kazimi"): (False, 1),
    ("Mustafa Al-Kadhimi", "Kadhemi"): (False, 1),
    ("Mustafa Al-Kadhimi", "Mustafa Al Kadhemi"): (False, 1),
    ("Mustafa Al-Kadhimi", "Mustafa Al-Kazemi"): (False, 1),
    ("Mustafa Al-Kadhimi", "Mustafa al-Kadhimi"): (False, 1),
    ("Mustafa Al-Kadhimi", "al-Kadhimi"): (False, 1),
    ("Mustafa Al-Kadhimi", "Mustafa Al-Kadhimi"): (True, 0),
    # 000 ("martyrs General Qassem Soleimani") and 003 ("Major-General Qassem Soleimani");
    # 002 writes "Qassim Soleimani"; "Soleimani" alone in 002 and 003.
    ("Qasem Soleimani", "Qassem Soleimani"): (False, 2),
    ("Qasem Soleimani", "Soleimani"): (False, 2),
    ("Qasem Soleimani", "Qassim Soleimani"): (False, 1),
    ("Qasem Soleimani", "Qasem Soleimani"): (True, 0),
    ("Saddam Hussein", "Saddam Hussein"): (True, 2),  # 000 "the government of Saddam Hussein"; 003 "its enemy Saddam Hussein"
    ("Salman bin Abdulaziz Al Saud", "King Salman"): (False, 1),  # 000: "after King Salman was hospitalised"
    ("Salman bin Abdulaziz Al Saud", "King Salman bin Abdulaziz"): (False, 1),  # 001
    ("Salman bin Abdulaziz Al Saud", "Salman bin Abdulaziz Al Saud"): (True, 0),
}


def test_q5_name_variants_and_how_many_sources_use_each(engine):
    rows = answer(engine, 5)
    assert len(rows) == len(NAME_VARIANTS)
    assert {(person, variant): (canonical, count) for person, variant, canonical, count in rows} \
        == NAME_VARIANTS


def test_q6_delegations_and_single_source_members(engine):
    # (visit_id, member, office, group leader, role, sources, single source?)
    assert [(r[0], r[1], r[2], r[4], r[5], r[6]) for r in answer(engine, 6)
            if r[3] is None] == [
        # 000 "Iraqi Prime Minister Mustafa Al Kadhemi met", 001 "at the head of a
        # high-ranking delegation", 002 "footage of Mr al-Kadhimi landing".
        (KADHIMI_TEHRAN, "Mustafa Al-Kadhimi", "Prime Minister of Iraq", "head", 3, False),
        # 000: "Iraq's delegation includes the ministers of foreign affairs, finance, health and
        # planning, as well as Kadhemi's national security adviser"; 001: "a high-level
        # delegation that includes the ministers of foreign affairs, oil, electricity,
        # finance, defense, health, and the Iraqi national security advisor". Defence, oil
        # and electricity are in 001 only, planning in 000 only; the rest in both.
        (KADHIMI_TEHRAN, "Minister of Defence of Iraq", "Minister of Defence of Iraq",
         "delegation", 1, True),
        (KADHIMI_TEHRAN, "Minister of Electricity of Iraq", "Minister of Electricity of Iraq",
         "delegation", 1, True),
        (KADHIMI_TEHRAN, "Minister of Finance of Iraq", "Minister of Finance of Iraq",
         "delegation", 2, False),
        (KADHIMI_TEHRAN, "Minister of Foreign Affairs of Iraq",
         "Minister of Foreign Affairs of Iraq", "delegation", 2, False),
        (KADHIMI_TEHRAN, "Minister of Health of Iraq", "Minister of Health of Iraq",
         "delegation", 2, False),
        (KADHIMI_TEHRAN, "Minister of Oil of Iraq", "Minister of Oil of Iraq", "delegation", 1,
         True),
        (KADHIMI_TEHRAN, "Minister of Planning of Iraq", "Minister of Planning of Iraq",
         "delegation", 1, True),
        (KADHIMI_TEHRAN, "National Security Adviser of Iraq", "National Security Adviser of Iraq",
         "delegation", 2, False),
        # 000: "... national security adviser, some of whom also met their Iranian
        # counterparts": a group the text names no one in.
        (KADHIMI_TEHRAN, "some members of the Iraqi delegation, who also met their Iranian "
                         "counterparts", None, "delegation", 1, True),
        # 003 names no delegation; "Iranian President Masoud Pezeshkian visited Iraq".
        (PEZESHKIAN_BAGHDAD, "Masoud Pezeshkian", "President of Iran", "head", 1, True),
        # 004: "Iraqi high-ranking delegations led by Rashid" (members not named).
        (RASHID_TEHRAN, "Abdul Latif Rashid", "President of Iraq", "head", 1, True),
        # 000 "he received Iran's top diplomat Mohammad Javad Zarif in Baghdad", 001 "the
        # Iranian Foreign Minister, Mohammad Javad Zarif", 002 "Zarif travelled to Baghdad".
        (ZARIF_BAGHDAD, "Mohammad Javad Zarif", "Minister of Foreign Affairs of Iran", "head", 3,
         False),
    ]
    # The one member with a leader: 004's delegations, "led by Rashid".
    assert [(r[0], r[1], r[3], r[4], r[5]) for r in answer(engine, 6) if r[3] is not None] == [
        (RASHID_TEHRAN, "Iraqi high-ranking delegations (members and size not stated)",
         "Abdul Latif Rashid", "delegation", 1)]


def test_q7_whom_each_visitor_met(engine):
    # (visit, visitor, meeting, day, status, ids of the others, their canonical names, the
    # described groups). The names are the canonical ones because the meetings view lists
    # participants by person (analytics.persons.name), not by the spelling of one article:
    # 003 writes "Mohammed Shia al-Sudani" and "Mohamed Shia al-Sudani" for the same man.
    assert answer(engine, 7) == [
        # 000: "he received Iran's top diplomat Mohammad Javad Zarif in Baghdad on Sunday".
        (ZARIF_BAGHDAD, "Mohammad Javad Zarif", "kadhimi-zarif-2020-07-19", D19, "held",
         ["mustafa-al-kadhimi"], ["Mustafa Al-Kadhimi"], []),
        # 000: "... national security adviser, some of whom also met their Iranian
        # counterparts": two groups, no one named (al-Kadhimi himself is not said to attend).
        (KADHIMI_TEHRAN, "Mustafa Al-Kadhimi", "kadhimi-iran-2020-07-members-counterparts", D21,
         "held", [], [], ["some members of the Iraqi delegation", "their Iranian counterparts"]),
        # 000 caption: the photo "shows him (left) meeting with Iraqi Prime Minister Mustafa
        # Al Kadhemi in the capital Tehran" (the body and 001, 002 only expect it).
        (KADHIMI_TEHRAN, "Mustafa Al-Kadhimi", "kadhimi-khamenei-2020-07-21", D21, "held",
         ["ali-khamenei"], ["Ali Khamenei"], []),
        # 000: "Kadhemi is also expected to meet ... later in the day, among other senior
        # officials": scheduled.
        (KADHIMI_TEHRAN, "Mustafa Al-Kadhimi", "kadhimi-other-senior-officials-2020-07-21", D21,
         "scheduled", [], [], ["other senior Iranian officials"]),
        # 000: "met Iran's President Hassan Rouhani in Tehran on Tuesday".
        (KADHIMI_TEHRAN, "Mustafa Al-Kadhimi", "kadhimi-rouhani-2020-07-21", D21, "held",
         ["hassan-rouhani"], ["Hassan Rouhani"], []),
        # 002: "a photo of Mr Rouhani and Mr al-Kadhimi at a welcome ceremony in Tehran".
        (KADHIMI_TEHRAN, "Mustafa Al-Kadhimi", "kadhimi-rouhani-welcome-2020-07-21", D21, "held",
         ["hassan-rouhani"], ["Hassan Rouhani"], []),
        # 004: "after meeting with Iraqi high-ranking delegations led by Rashid" (Raisi).
        (RASHID_TEHRAN, "Abdul Latif Rashid", "raisi-rashid-2023-04-29", D0429, "held",
         ["ebrahim-raisi"], ["Ebrahim Raisi"], ["Iraqi high-ranking delegations"]),
        # 004: "a meeting with visiting Iraqi President Abdul Latif Rashid, also attended by
        # Iranian President Ebrahim Raisi" (Khamenei's meeting).
        (RASHID_TEHRAN, "Abdul Latif Rashid", "rashid-khamenei-2023-04-29", D0429, "held",
         ["ali-khamenei", "ebrahim-raisi"], ["Ali Khamenei", "Ebrahim Raisi"], []),
        # 003: "met Iraqi Prime Minister Mohammed Shia al-Sudani at the start of a three-day
        # visit".
        (PEZESHKIAN_BAGHDAD, "Masoud Pezeshkian", "pezeshkian-sudani-2024-09-11", D0911, "held",
         ["mohammed-shia-al-sudani"], ["Mohammed Shia' al-Sudani"], []),
    ]


def test_q8_direct_quotes_by_visit(engine):
    # (visit, statement, speaker, office, day as EDTF, kind, the quoted words, sources):
    # every statement some source puts in quotation marks, whole (direct) or in part.
    assert answer(engine, 8) == [
        # 002: saying "Iran-Iraq relations will not be shaken" in Baghdad "over the weekend"
        # before the Tuesday visit: 18 or 19 July 2020.
        (ZARIF_BAGHDAD, "zarif-2020-07-19-relations-not-shaken", "Mohammad Javad Zarif",
         "Minister of Foreign Affairs of Iran", "2020-07-18/2020-07-19", "direct",
         "Iran-Iraq relations will not be shaken", 1),
        # 000 only: "I deem it necessary to honour the two heroes ..." he said (and "He hailed
        # as "heroes"" in the same article).
        (KADHIMI_TEHRAN, "rouhani-2020-07-21-honour-heroes", "Hassan Rouhani", "President of Iran",
         "2020-07-21", "direct", "I deem it necessary to honour the two heroes of the fight "
         "against terrorism, martyrs General Qassem Soleimani and Abu Mahdi Al Muhandis", 1),
        # 000: pledged to help Baghdad by "providing it with all sanitary and medical goods it
        # can" (in part); 001 paraphrases: two sources.
        (KADHIMI_TEHRAN, "rouhani-2020-07-21-medical-pledge", "Hassan Rouhani", "President of Iran",
         "2020-07-21", "partial", "providing it with all sanitary and medical goods it can", 2),
        # Quoted in 002 ("We still remain ready to stand by the Iraqi nation ..."), in part in
        # 000 (ready to "stand with Iraq ..."), paraphrased in 001: three sources.
        (KADHIMI_TEHRAN, "rouhani-2020-07-21-stand-with-iraq", "Hassan Rouhani",
         "President of Iran", "2020-07-21", "direct", "We still remain ready to stand by the "
         "Iraqi nation and apply efforts for stability and security in Iraq and the region.", 3),
        # Quoted in 000 (""The two governments will expand bilateral trade ties to $20
        # billion," Rouhani said"), paraphrased in 001: two sources.
        (KADHIMI_TEHRAN, "rouhani-2020-07-21-trade-target", "Hassan Rouhani", "President of Iran",
         "2020-07-21", "direct", "The two governments will expand bilateral trade ties to $20 "
                                 "billion", 2),
        # 002 only: ""We are certain that the visit will be a turning point ...," Mr Rouhani
        # said" (its lead quotes "a turning point").
        (KADHIMI_TEHRAN, "rouhani-2020-07-21-turning-point", "Hassan Rouhani", "President of Iran",
         "2020-07-21", "direct", "We are certain that the visit will be a turning point in "
                                 "relations between the two countries,", 1),
        # 000: having "worked for Iraq's security in previous years".
        (KADHIMI_TEHRAN, "rouhani-2020-07-21-worked-for-security", "Hassan Rouhani",
         "President of Iran", "2020-07-21", "partial",
         "worked for Iraq's security in previous years", 1),
        # 002: Iraq's foreign policy is based on "balance and avoiding any alignment".
        (KADHIMI_TEHRAN, "kadhimi-2020-07-21-balance", "Mustafa Al-Kadhimi",
         "Prime Minister of Iraq", "2020-07-21", "partial", "balance and avoiding any alignment",
         1),
        # 002 only: "Mr Al-Kadhimi replied: "Iraq will not allow ...""
        (KADHIMI_TEHRAN, "kadhimi-2020-07-21-no-threat-from-soil", "Mustafa Al-Kadhimi",
         "Prime Minister of Iraq", "2020-07-21", "direct",
         "Iraq will not allow the posing of any threat from its soil against Iran.", 1),
        # 002: relations "based on non-intervention in domestic affairs of the two
        # countries." (the full stop inside the marks); 001 paraphrases: two sources.
        (KADHIMI_TEHRAN, "kadhimi-2020-07-21-non-interference", "Mustafa Al-Kadhimi",
         "Prime Minister of Iraq", "2020-07-21", "partial",
         "based on non-intervention in domestic affairs of the two countries.", 2),
        # 004: the "unity" between the two countries; relations are "strategic," (the comma
        # inside the marks).
        (RASHID_TEHRAN, "khamenei-2023-04-29-unity", "Ali Khamenei", "Supreme Leader of Iran",
         "2023-04-29", "partial", "unity", 1),
        (RASHID_TEHRAN, "raisi-2023-04-29-strategic-trade", "Ebrahim Raisi", "President of Iran",
         "2023-04-29", "partial", "strategic,", 1),
        # 003: Araqchi said on Wednesday ... "including political, regional ... and security
        # issues".
        (PEZESHKIAN_BAGHDAD, "araghchi-2024-09-11-areas-of-cooperation", "Abbas Araghchi",
         "Minister of Foreign Affairs of Iran", "2024-09-11", "partial",
         "including political, regional ... and security issues", 1),
    ]


def test_q9_agreements_by_visit(engine):
    # (visit, agreement, title, kind, status, instruments, subject areas, value in USD)
    # The titles are the curators' (seeds/annotations), checked below.
    rows = answer(engine, 9)
    assert [(r[0], r[1], r[3], r[4], r[5], r[6], r[7]) for r in rows] == [
        # 001: "expedite the reopening of the borders to the movement of goods" (on the
        # agenda only: planned).
        (KADHIMI_TEHRAN, "border-reopening-goods-2020-07", "other", "planned", 1, ["trade"],
         None),
        # 001: "Iraq's energy and electricity debts, which are estimated at about $ 3 billion,
        # and during the visit, a timetable will be made to pay it".
        (KADHIMI_TEHRAN, "energy-debt-timetable-2020-07", "other", "planned", 1,
         ["energy", "finance"], Decimal("3000000000")),
        # 000: "also pledged to help Baghdad by "providing it with all sanitary and medical
        # goods it can""; 001: "Rouhani pledged support to Iraq in combating the Corona virus".
        (KADHIMI_TEHRAN, "iran-medical-aid-pledge-2020-07", "commitment", "announced", 1,
         ["health"], None),
        # 001: "complete work on linking the railways between the two countries".
        (KADHIMI_TEHRAN, "railway-link-completion-2020-07", "commitment", "announced", 1,
         ["transport"], None),
        # 000: "will expand bilateral trade ties to $20 billion"; 001: "raise trade exchange to
        # 20 billion dollars".
        (KADHIMI_TEHRAN, "trade-target-20bn-2020-07", "commitment", "announced", 1, ["trade"],
         Decimal("20000000000")),
        # 003: "the two countries had signed 14 memoranda of understanding (MoUs) in different
        # fields including trade, sports, agriculture, cultural cooperation, education, media,
        # communications and tourism". No value stated.
        (PEZESHKIAN_BAGHDAD, "iran-iraq-14-mous-2024-09", "mou", "signed", 14,
         ["agriculture", "communications", "culture", "education", "media", "sports", "tourism",
          "trade"], None),
        # 004: "the bilateral cooperation in sectors of infrastructure, water, electricity, gas,
        # and energy will be strengthened".
        (RASHID_TEHRAN, "sector-cooperation-commitment-2023-04", "commitment", "announced", 1,
         ["energy", "infrastructure"], None),
    ]
    # The 2023 security pact (003: "a 2023 security pact with Tehran") and the US–Iraq
    # understanding (003) came out of no visit, so they are not in the answer.
    assert {r[1]: r[2] for r in rows} == {
        'border-reopening-goods-2020-07':
            "Expedited reopening of the borders to the movement of goods after the "
            "anti-coronavirus closure",
        'energy-debt-timetable-2020-07':
            'Timetable for Iraq to pay its energy and electricity debts (about $3 billion) to Iran',
        'iran-medical-aid-pledge-2020-07':
            'Iranian pledge of sanitary and medical goods to Iraq against the coronavirus',
        'railway-link-completion-2020-07':
            'Commitment to complete the railway link between Iran and Iraq',
        'trade-target-20bn-2020-07':
            'Commitment to raise bilateral trade to $20 billion',
        'iran-iraq-14-mous-2024-09':
            "14 memoranda of understanding signed during Pezeshkian's visit",
        'sector-cooperation-commitment-2023-04':
            "Commitment to strengthen bilateral cooperation in infrastructure, water, "
            "electricity, gas and energy",
    }


def test_q10_bilateral_trade_over_time(engine):
    # (as of, qualifier, is a target, value, unit, sources)
    assert answer(engine, 10) == [
        # 000: "will expand bilateral trade ties to $20 billion" and 001: "raise trade exchange
        # to 20 billion dollars": a target, no period stated.
        (D21, "target", True, Decimal("20000000000"), "USD", 2),
        # 004: "their current over 10 billion-U.S. dollar annual trade volume".
        (D0429, "over", False, Decimal("10000000000"), "USD/year", 1),
    ]


# Q11: (fact type, fact id) -> number of articles that state the fact. A source that only
# expects or plans a fact does not count (Q12 lists those).
SEVERAL_SOURCES = {
    # Titles: Khamenei is Supreme Leader in 000 (caption), 001, 002 and 004.
    ("office_term", "khamenei-supreme-leader"): 4,
    # Prime minister in 000 ("Iraqi Prime Minister Mustafa Al Kadhemi"), 001, 002 ("the new
    # prime minister of Iraq"); Rouhani president and Zarif foreign minister in all three.
    ("office_term", "kadhimi-prime-minister"): 3,
    ("office_term", "rouhani-president"): 3,
    ("office_term", "zarif-foreign-minister"): 3,
    # 000 "head of Iraq's National Intelligence Service", 001 "head of Iraqi intelligence".
    ("office_term", "kadhimi-intelligence-director"): 2,
    # 000 "King Salman was hospitalised", 001 "King Salman bin Abdulaziz was hospitalized".
    ("office_term", "salman-king"): 2,
    # The Tehran visit and Zarif's Baghdad trip are reported by 000, 001 and 002.
    ("visit", KADHIMI_TEHRAN): 3,
    ("visit", ZARIF_BAGHDAD): 3,
    # The Saudi postponement and the Washington plan: 000 and 001.
    ("visit", "kadhimi-saudi-arabia-2020-07"): 2,
    ("visit", "kadhimi-united-states-2020"): 2,
    # Kadhimi heads his delegation, Rouhani hosts (002: "a photo of Mr Rouhani and Mr
    # al-Kadhimi at a welcome ceremony"), Zarif heads his: 000, 001, 002 each.
    ("visit_participant", "kadhimi-iran-2020-07-kadhimi"): 3,
    ("visit_participant", "kadhimi-iran-2020-07-rouhani"): 3,
    ("visit_participant", "zarif-iraq-2020-07-zarif"): 3,
    # Ministers in both delegation lists of 000 and 001 (see Q6).
    ("visit_participant", "kadhimi-iran-2020-07-finance-minister"): 2,
    ("visit_participant", "kadhimi-iran-2020-07-foreign-minister"): 2,
    ("visit_participant", "kadhimi-iran-2020-07-health-minister"): 2,
    ("visit_participant", "kadhimi-iran-2020-07-security-adviser"): 2,
    # 000 "he received ... Zarif in Baghdad", 001 "Al-Kazemi received in Baghdad on Sunday".
    ("visit_participant", "zarif-iraq-2020-07-kadhimi"): 2,
    ("meeting", "kadhimi-zarif-2020-07-19"): 2,
    # 000 "met Iran's President Hassan Rouhani", 001 "met with Iranian President Hassan
    # Rouhani at the International Conference Complex", 002 "after meeting the Iraqi premier".
    ("meeting", "kadhimi-rouhani-2020-07-21"): 3,
    # See Q8: quoted or paraphrased by several articles.
    ("statement", "rouhani-2020-07-21-stand-with-iraq"): 3,
    ("statement", "rouhani-2020-07-21-trade-target"): 2,
    # 000 "pledged to help Baghdad by "providing it with all sanitary and medical goods"",
    # 001 "Rouhani pledged support to Iraq in combating the Corona virus".
    ("statement", "rouhani-2020-07-21-medical-pledge"): 2,
    ("agreement", "iran-medical-aid-pledge-2020-07"): 2,
    # 001 "on the principle of non-interference in internal affairs", 002 "based on
    # non-intervention in domestic affairs of the two countries".
    ("statement", "kadhimi-2020-07-21-non-interference"): 2,
    # The $20 billion target: 000 and 001.
    ("agreement", "trade-target-20bn-2020-07"): 2,
    ("figure", "bilateral-trade-target-2020-07"): 2,
    # The US strike that killed Soleimani: 000 "a US drone strike on Baghdad airport at the
    # start of the year", 002 "a US air strike in January", 003 "a US drone attack in 2020".
    ("activity", "us-strike-soleimani-2020-01-03"): 3,
    # 000 "King Salman was hospitalised on Monday", 001 "King Salman bin Abdulaziz was
    # hospitalized".
    ("activity", "salman-hospitalised-2020-07-20"): 2,
    # Names used by several articles (see Q5).
    ("person_name", "ali-khamenei:Ayatollah_Ali_Khamenei"): 3,
    ("person_name", "hassan-rouhani:Hassan_Rouhani"): 3,
    ("person_name", "hassan-rouhani:Rouhani"): 3,
    ("person_name", "mohammad-javad-zarif:Mohammad_Javad_Zarif"): 3,
    ("person_name", "qasem-soleimani:Qassem_Soleimani"): 2,
    ("person_name", "qasem-soleimani:Soleimani"): 2,
    ("person_name", "saddam-hussein:Saddam_Hussein"): 2,
}
SINGLE_SOURCE = {
    # 000 only: the Khamenei meeting, stated by its caption alone (the body, 001 and 002
    # only expect it); Khamenei as counterpart likewise; planning minister (Q6); the
    # coronavirus figures ("over 14,600 deaths and more than 278,800 cases"; Iraq "close to
    # 4,000 deaths and 97,000 cases"); Rouhani's other remarks there.
    ("meeting", "kadhimi-khamenei-2020-07-21"),
    ("visit_participant", "kadhimi-iran-2020-07-khamenei"),
    # 000 only: "some of whom also met their Iranian counterparts" (two groups and their
    # meeting) and "among other senior officials" (a meeting expected that day).
    ("meeting", "kadhimi-iran-2020-07-members-counterparts"),
    ("meeting", "kadhimi-other-senior-officials-2020-07-21"),
    ("visit_participant", "kadhimi-iran-2020-07-members-met-counterparts"),
    ("visit_participant", "kadhimi-iran-2020-07-iranian-counterparts"),
    ("visit_participant", "kadhimi-iran-2020-07-planning-minister"),
    ("figure", "iran-covid-cases-2020-07-21"),
    ("figure", "iran-covid-deaths-2020-07-21"),
    ("figure", "iraq-covid-cases-2020-07-21"),
    ("figure", "iraq-covid-deaths-2020-07-21"),
    ("statement", "rouhani-2020-07-21-honour-heroes"),
    ("statement", "rouhani-2020-07-21-talks-agenda"),
    ("statement", "rouhani-2020-07-21-worked-for-security"),
    ("person_name", "abu-mahdi-al-muhandis:Abu_Mahdi_Al_Muhandis"),
    ("person_name", "mustafa-al-kadhimi:Kadhemi"),
    ("person_name", "mustafa-al-kadhimi:Mustafa_Al_Kadhemi"),
    ("person_name", "salman-bin-abdulaziz:King_Salman"),
    # 001 only: oil, electricity and defence ministers (Q6); the agenda items ("energy and
    # electricity debts ... about $ 3 billion", "expedite the reopening of the borders"); the
    # railway ("complete work on linking the railways"); Al-Kazimi's remarks.
    ("visit_participant", "kadhimi-iran-2020-07-defense-minister"),
    ("visit_participant", "kadhimi-iran-2020-07-electricity-minister"),
    ("visit_participant", "kadhimi-iran-2020-07-oil-minister"),
    ("agreement", "border-reopening-goods-2020-07"),
    ("agreement", "energy-debt-timetable-2020-07"),
    ("agreement", "railway-link-completion-2020-07"),
    ("figure", "iraq-energy-debt-to-iran-2020-07"),
    ("statement", "kadhimi-2020-07-21-islamic-state-support"),
    ("statement", "kadhimi-2020-07-21-regional-challenges"),
    ("statement", "rouhani-2020-07-21-railway"),
    ("person_name", "mustafa-al-kadhimi:Al-Kazemi"),
    ("person_name", "mustafa-al-kadhimi:Al-Kazimi"),
    ("person_name", "mustafa-al-kadhimi:Mustafa_Al-Kazemi"),
    ("person_name", "salman-bin-abdulaziz:King_Salman_bin_Abdulaziz"),
    # 002 only: the welcome ceremony ("at a welcome ceremony in Tehran"); Soleimani's Quds
    # Force; Trump's term ("President Donald Trump reimposed"); its quotes (Q8); "balance and
    # avoiding any alignment"; Zarif's "relations will not be shaken".
    ("meeting", "kadhimi-rouhani-welcome-2020-07-21"),
    ("office_term", "soleimani-quds-force"),
    ("office_term", "trump-president-1"),
    ("statement", "kadhimi-2020-07-21-balance"),
    ("statement", "kadhimi-2020-07-21-no-threat-from-soil"),
    ("statement", "rouhani-2020-07-21-turning-point"),
    ("statement", "zarif-2020-07-19-relations-not-shaken"),
    # 002: "Mr Zarif paid a visit to the site where Mr Soleimani was killed".
    ("activity", "zarif-soleimani-site-visit-2020-07"),
    ("person_name", "donald-trump:Donald_Trump"),
    ("person_name", "mohammad-javad-zarif:Zarif"),
    ("person_name", "mustafa-al-kadhimi:Al-Kadhimi"),
    ("person_name", "mustafa-al-kadhimi:Mustafa_al-Kadhimi"),
    ("person_name", "mustafa-al-kadhimi:al-Kadhimi"),
    ("person_name", "qasem-soleimani:Qassim_Soleimani"),
    # 003 only: everything about Pezeshkian's visit, the 2023 security pact, the US–Iraq
    # understanding, "Iraq hosts 2,500 US troops", the officials it names.
    ("visit", PEZESHKIAN_BAGHDAD),
    ("visit_participant", "pezeshkian-iraq-2024-09-pezeshkian"),
    ("visit_participant", "pezeshkian-iraq-2024-09-sudani"),
    ("meeting", "pezeshkian-sudani-2024-09-11"),
    ("agreement", "iran-iraq-14-mous-2024-09"),
    ("agreement", "iraq-iran-security-pact-2023"),
    ("agreement", "us-iraq-coalition-withdrawal-understanding"),
    ("figure", "us-troops-in-iraq-2024-09"),
    ("office_term", "araghchi-foreign-minister"),
    ("office_term", "pezeshkian-president"),
    ("office_term", "sudani-prime-minister"),
    ("statement", "araghchi-2024-09-11-areas-of-cooperation"),
    ("statement", "iraq-pm-office-2024-09-11-mous-signed"),
    ("statement", "pezeshkian-office-2024-09-11-agenda"),
    ("statement", "state-media-2024-09-11-kurdistan-plan"),
    # 003: "who was elected in July"; "visited a monument for ... Qassem Soleimani";
    # "Tehran's retaliation by attacking US bases in Iraq".
    ("activity", "pezeshkian-elected-2024-07"),
    ("activity", "pezeshkian-soleimani-monument-2024-09-11"),
    ("activity", "iran-retaliation-us-bases-2020-01-08"),
    ("person_name", "abbas-araghchi:Abbas_Araqchi"),
    ("person_name", "masoud-pezeshkian:Masoud_Pezeshkian"),
    ("person_name", "masoud-pezeshkian:Pezeshkian"),
    ("person_name", "mohammed-shia-al-sudani:Mohamed_Shia_al-Sudani"),
    ("person_name", "mohammed-shia-al-sudani:Mohammed_Shia_al-Sudani"),
    # 004 only: Rashid's visit, its two meetings, its twelve statements, the sector
    # commitment, the "over 10 billion" trade volume, the titles it gives.
    ("visit", RASHID_TEHRAN),
    ("visit_participant", "rashid-iran-2023-04-khamenei"),
    ("visit_participant", "rashid-iran-2023-04-raisi"),
    ("visit_participant", "rashid-iran-2023-04-rashid"),
    ("visit_participant", "rashid-iran-2023-04-delegations"),
    ("meeting", "raisi-rashid-2023-04-29"),
    ("meeting", "rashid-khamenei-2023-04-29"),
    ("agreement", "sector-cooperation-commitment-2023-04"),
    ("figure", "bilateral-trade-2023"),
    ("office_term", "raisi-president"),
    ("office_term", "rashid-president"),
    ("statement", "khamenei-2023-04-29-cooperation-agreements"),
    ("statement", "khamenei-2023-04-29-iraq-progress"),
    ("statement", "khamenei-2023-04-29-unity"),
    ("statement", "raisi-2023-04-29-determined"),
    ("statement", "raisi-2023-04-29-foreign-troops"),
    ("statement", "raisi-2023-04-29-sector-cooperation"),
    ("statement", "raisi-2023-04-29-strategic-trade"),
    ("statement", "raisi-2023-04-29-turning-point"),
    ("statement", "rashid-2023-04-29-narcotics"),
    ("statement", "rashid-2023-04-29-riyadh-rapprochement"),
    ("statement", "rashid-2023-04-29-strong-relations"),
    ("person_name", "abdul-latif-rashid:Abdul_Latif_Rashid"),
    ("person_name", "abdul-latif-rashid:Rashid"),
    ("person_name", "ali-khamenei:Ali_Khamenei"),
    ("person_name", "ebrahim-raisi:Ebrahim_Raisi"),
    ("person_name", "ebrahim-raisi:Raisi"),
}


def test_q11_facts_by_number_of_supporting_sources(engine):
    rows = answer(engine, 11)
    expected = {fact: (count, "several sources") for fact, count in SEVERAL_SOURCES.items()}
    expected |= {fact: (1, "single source") for fact in SINGLE_SOURCE}
    assert len(rows) == len(expected)
    assert {(fact_type, fact_id): (count, support) for fact_type, fact_id, count, support in rows} \
        == expected
    # The Kadhimi–Khamenei meeting: one source states it (000's caption), two more only
    # expect or plan it; it is "single source", as its source_count says.
    with engine.connect() as conn:
        assert conn.execute(text(
            "select source_count from analytics.meetings "
            "where meeting_id = 'kadhimi-khamenei-2020-07-21'")).scalar() == 1


# Q12 (and every row of analytics.disagreements): the places where the articles differ.
DISAGREEMENTS = [
    # 003: "would include the signing of a number of agreements", before "had signed 14".
    ("agreement", "iran-iraq-14-mous-2024-09", "signing", A003,
     "Before the signing, Tehran and Baghdad said the visit would include the signing of a "
     "number of agreements (count not given).",
     "would include the signing of a number of agreements"),
    # The Khamenei meeting: held in 000's caption, expected in 000's body, planned in 001
    # ("is scheduled to meet later") and 002 ("said he would meet").
    ("meeting", "kadhimi-khamenei-2020-07-21", "status", A000,
     "held (a handout photo shows the meeting)",
     "shows him (left) meeting with Iraqi Prime Minister Mustafa Al Kadhemi in the capital Tehran"),
    ("meeting", "kadhimi-khamenei-2020-07-21", "status", A000,
     "scheduled (expected later in the day)",
     "Kadhemi is also expected to meet Iran's supreme leader Ayatollah Ali Khamenei later in the day"),
    ("meeting", "kadhimi-khamenei-2020-07-21", "status", A002,
     "scheduled (state television said he would meet him)",
     "The TV outlet said he would meet top Iranian leaders, including Supreme Leader Ayatollah "
     "Ali Khamenei and Mr Rouhani."),
    ("meeting", "kadhimi-khamenei-2020-07-21", "status", A001,
     "scheduled (to take place later)",
     "Al-Kazemi is scheduled to meet later with Iran's Supreme Leader, Ayatollah Ali Khamenei."),
    # The delegation: 000 and 001 list different ministers (see Q6).
    ("visit", KADHIMI_TEHRAN, "delegation", A000,
     "ministers of foreign affairs, finance, health and planning, and the national security adviser",
     "Iraq's delegation includes the ministers of foreign affairs, finance, health and planning, "
     "as well as Kadhemi's national security adviser"),
    ("visit", KADHIMI_TEHRAN, "delegation", A001,
     "ministers of foreign affairs, oil, electricity, finance, defense and health, and the "
     "national security advisor",
     "Al-Kazemi is accompanied by a high-level delegation that includes the ministers of foreign "
     "affairs, oil, electricity, finance, defense, health, and the Iraqi national security advisor."),
    # 000: "expected to meet ... among other senior officials": an expectation only.
    ("visit", KADHIMI_TEHRAN, "itinerary", A000,
     "expected to meet other senior Iranian officials (not named) later in the day",
     "Kadhemi is also expected to meet Iran's supreme leader Ayatollah Ali Khamenei later in the "
     "day, among other senior officials."),
    # 003: "Tehran and Baghdad said would include ... discussion of the Gaza war": planned.
    ("visit", PEZESHKIAN_BAGHDAD, "agenda", A003,
     "Tehran and Baghdad said the visit would include discussion of the Gaza war and the "
     "situation in the Middle East.",
     "Tehran and Baghdad said would include the signing of a number of agreements and "
     "discussion of the Gaza war and the situation in the Middle East"),
    # 003: "State media have said Pezeshkian also plans to visit Iraqi Kurdistan": planned.
    ("visit", PEZESHKIAN_BAGHDAD, "itinerary", A003,
     "State media said Pezeshkian also plans to visit Iraqi Kurdistan during his trip to Iraq "
     "(no date, no city named).",
     "State media have said Pezeshkian also plans to visit Iraqi Kurdistan"),
    # Khamenei as counterpart of the visit: only expected (000 body) or planned (001, 002).
    ("visit_participant", "kadhimi-iran-2020-07-khamenei", "support", A000, "expected",
     "Kadhemi is also expected to meet Iran's supreme leader Ayatollah Ali Khamenei later in the day"),
    ("visit_participant", "kadhimi-iran-2020-07-khamenei", "support", A002, "planned",
     "he would meet top Iranian leaders, including Supreme Leader Ayatollah Ali Khamenei and Mr "
     "Rouhani"),
    ("visit_participant", "kadhimi-iran-2020-07-khamenei", "support", A001, "planned",
     "Al-Kazemi is scheduled to meet later with Iran's Supreme Leader, Ayatollah Ali Khamenei."),
]


def test_q12_source_disagreements_side_by_side(engine):
    # The query orders by source_id within an aspect; the list above is in article order.
    rows = answer(engine, 12)
    assert len(rows) == len(DISAGREEMENTS)
    assert set(rows) == set(DISAGREEMENTS)


# Q13: (earliest, latest, EDTF, kind, fact id, sources) by the earliest day each fact can
# have happened, then its latest; within a day by kind and id. A fact only bounded from
# above ("../D", no later than D) comes last.
D0103, D0108, D0718, D0720 = (dt.date(2020, 1, 3), dt.date(2020, 1, 8), dt.date(2020, 7, 18),
                              dt.date(2020, 7, 20))


def _day(day: dt.date, kind: str, fact: str, sources: int) -> tuple:
    return (day, day, day.isoformat(), kind, fact, sources)


TIMELINE = [
    # The strike that killed Soleimani (000 "at the start of the year", 002 "in January",
    # 003 "in 2020") and Iran's retaliation (003 "in 2020"): the days are the references'.
    _day(D0103, "activity", "us-strike-soleimani-2020-01-03", 3),
    _day(D0108, "activity", "iran-retaliation-us-bases-2020-01-08", 1),
    # 002: Zarif in Baghdad "over the weekend" before the Tuesday visit: the trip, his visit
    # to the site of the strike and his words there, on 18 or 19 July 2020.
    (D0718, D19, "2020-07-18/2020-07-19", "activity", "zarif-soleimani-site-visit-2020-07", 1),
    (D0718, D19, "2020-07-18/2020-07-19", "statement", "zarif-2020-07-19-relations-not-shaken", 1),
    (D0718, D19, "2020-07-18/2020-07-19", "visit", ZARIF_BAGHDAD, 3),
    # Sunday 19 July 2020 (000 "in Baghdad on Sunday", 001 "in Baghdad on Sunday").
    _day(D19, "meeting", "kadhimi-zarif-2020-07-19", 2),
    # Monday 20 July 2020: "King Salman was hospitalised on Monday" (000; 001).
    _day(D0720, "activity", "salman-hospitalised-2020-07-20", 2),
    # Tuesday 21 July 2020: the pledges, the meetings, the remarks, the visit (000, 001, 002).
    _day(D21, "agreement", "iran-medical-aid-pledge-2020-07", 2),
    _day(D21, "agreement", "railway-link-completion-2020-07", 1),
    _day(D21, "agreement", "trade-target-20bn-2020-07", 2),
    _day(D21, "meeting", "kadhimi-iran-2020-07-members-counterparts", 1),
    _day(D21, "meeting", "kadhimi-khamenei-2020-07-21", 1),
    _day(D21, "meeting", "kadhimi-other-senior-officials-2020-07-21", 1),
    _day(D21, "meeting", "kadhimi-rouhani-2020-07-21", 3),
    _day(D21, "meeting", "kadhimi-rouhani-welcome-2020-07-21", 1),
    _day(D21, "statement", "kadhimi-2020-07-21-balance", 1),
    _day(D21, "statement", "kadhimi-2020-07-21-islamic-state-support", 1),
    _day(D21, "statement", "kadhimi-2020-07-21-no-threat-from-soil", 1),
    _day(D21, "statement", "kadhimi-2020-07-21-non-interference", 2),
    _day(D21, "statement", "kadhimi-2020-07-21-regional-challenges", 1),
    _day(D21, "statement", "rouhani-2020-07-21-honour-heroes", 1),
    _day(D21, "statement", "rouhani-2020-07-21-medical-pledge", 2),
    _day(D21, "statement", "rouhani-2020-07-21-railway", 1),
    _day(D21, "statement", "rouhani-2020-07-21-stand-with-iraq", 3),
    _day(D21, "statement", "rouhani-2020-07-21-talks-agenda", 1),
    _day(D21, "statement", "rouhani-2020-07-21-trade-target", 2),
    _day(D21, "statement", "rouhani-2020-07-21-turning-point", 1),
    _day(D21, "statement", "rouhani-2020-07-21-worked-for-security", 1),
    _day(D21, "visit", KADHIMI_TEHRAN, 3),
    # The Washington plan: "within the next few weeks" (000), "by early August" (001).
    (D21, dt.date(2020, 8, 10), "2020-07-21/2020-08-10", "visit", "kadhimi-united-states-2020",
     2),
    # 001: on the visit's agenda ("during the visit"), from its first day, no end reported.
    (D21, None, "2020-07-21/..", "agreement", "border-reopening-goods-2020-07", 1),
    (D21, None, "2020-07-21/..", "agreement", "energy-debt-timetable-2020-07", 1),
    # 003: "a 2023 security pact with Tehran": the year only.
    (dt.date(2023, 1, 1), dt.date(2023, 12, 31), "2023", "agreement",
     "iraq-iran-security-pact-2023", 1),
    # 004: the Saturday, 29 April 2023; Rashid arrived that day (the named reference).
    _day(D0429, "agreement", "sector-cooperation-commitment-2023-04", 1),
    _day(D0429, "meeting", "raisi-rashid-2023-04-29", 1),
    _day(D0429, "meeting", "rashid-khamenei-2023-04-29", 1),
    _day(D0429, "statement", "khamenei-2023-04-29-cooperation-agreements", 1),
    _day(D0429, "statement", "khamenei-2023-04-29-iraq-progress", 1),
    _day(D0429, "statement", "khamenei-2023-04-29-unity", 1),
    _day(D0429, "statement", "raisi-2023-04-29-determined", 1),
    _day(D0429, "statement", "raisi-2023-04-29-foreign-troops", 1),
    _day(D0429, "statement", "raisi-2023-04-29-sector-cooperation", 1),
    _day(D0429, "statement", "raisi-2023-04-29-strategic-trade", 1),
    _day(D0429, "statement", "raisi-2023-04-29-turning-point", 1),
    _day(D0429, "statement", "rashid-2023-04-29-narcotics", 1),
    _day(D0429, "statement", "rashid-2023-04-29-riyadh-rapprochement", 1),
    _day(D0429, "statement", "rashid-2023-04-29-strong-relations", 1),
    _day(D0429, "visit", RASHID_TEHRAN, 1),
    # 003: Pezeshkian "was elected in July" (the run-off of 5 July 2024, the reference).
    _day(dt.date(2024, 7, 5), "activity", "pezeshkian-elected-2024-07", 1),
    # Wednesday 11 September 2024 (003): the monument, the 14 MoUs ("had signed", reported
    # that afternoon), the meeting, the remarks, the visit.
    _day(D0911, "activity", "pezeshkian-soleimani-monument-2024-09-11", 1),
    _day(D0911, "agreement", "iran-iraq-14-mous-2024-09", 1),
    _day(D0911, "meeting", "pezeshkian-sudani-2024-09-11", 1),
    _day(D0911, "statement", "araghchi-2024-09-11-areas-of-cooperation", 1),
    _day(D0911, "statement", "iraq-pm-office-2024-09-11-mous-signed", 1),
    _day(D0911, "visit", PEZESHKIAN_BAGHDAD, 1),
    # 003, no later than its day: "have reached an understanding ... say sources", the
    # office's statement of what "will be discussed", "State media have said".
    (None, D0911, "../2024-09-11", "agreement", "us-iraq-coalition-withdrawal-understanding", 1),
    (None, D0911, "../2024-09-11", "statement", "pezeshkian-office-2024-09-11-agenda", 1),
    (None, D0911, "../2024-09-11", "statement", "state-media-2024-09-11-kurdistan-plan", 1),
]


def test_q13_timeline_of_visits_meetings_statements_agreements(engine):
    rows = answer(engine, 13)
    assert [(first, last, edtf, kind, fact, count)
            for first, last, edtf, kind, fact, _, count in rows] == TIMELINE
    summaries = {fact: summary for _, _, _, kind, fact, summary, _ in rows if kind == "visit"}
    assert summaries == {
        ZARIF_BAGHDAD: "Mohammad Javad Zarif visits IRQ (Baghdad) [completed]",
        KADHIMI_TEHRAN: "Mustafa Al-Kadhimi visits IRN (Tehran) [ongoing]",
        "kadhimi-united-states-2020": "Mustafa Al-Kadhimi visits USA (Washington) [planned]",
        RASHID_TEHRAN: "Abdul Latif Rashid visits IRN (Tehran) [ongoing]",
        PEZESHKIAN_BAGHDAD: "Masoud Pezeshkian visits IRQ (Baghdad) [ongoing]",
    }


def test_q14_full_text_search_for_railway(engine):
    rows = answer(engine, 14)
    # 001 is the only article that mentions railways: "complete work on linking the
    # railways between the two countries" (full-text search matches railway to railways).
    assert [row[:4] for row in rows] == [
        ("rouhani-2020-07-21-railway", "Hassan Rouhani", D21,
         "there is a will on both countries to raise trade exchange to 20 billion dollars, and "
         "complete work on linking the railways between the two countries."),
    ]
    assert rows[0][4] > 0


def test_q15_sentences_that_support_the_pezeshkian_visit(engine):
    body = (SEEDS_DIR / "articles" / "003_ae28c5a3bf26486c.txt").read_text(encoding="utf-8")
    title = "Iran's Pezeshkian visits Iraq on his first foreign trip"
    # Offsets counted in 003's body: the caption line (159 characters) and the "Published:"
    # line (74), each followed by a blank line, put the lead paragraph at 159 + 2 + 74 + 2 =
    # 237; its first 87 characters are the first quote. The next paragraph ("Pezeshkian, a
    # relative moderate ...") starts at 475 and holds "at the start of a three-day visit" at
    # its 107th character, 581. The monument sentence opens the paragraph after Araqchi's
    # ("... Iranian state media reported.") at 1936 and is 156 characters long.
    expected = [
        ("visit", PEZESHKIAN_BAGHDAD, A003, title, 237, 324,
         "Iranian President Masoud Pezeshkian visited Iraq on Wednesday on his first foreign trip"),
        ("visit", PEZESHKIAN_BAGHDAD, A003, title, 581, 614, "at the start of a three-day visit"),
        ("visit", PEZESHKIAN_BAGHDAD, A003, title, 1936, 2092,
         "Pezeshkian visited a monument for Iranian Major-General Qassem Soleimani who was "
         "killed, in a US drone attack in 2020 in Iraq, Iranian state media reported."),
    ]
    for *_, start, end, quote in expected:
        assert body[start:end] == quote
    # 003's planned itinerary ("plans to visit Iraqi Kurdistan") and agenda ("said would
    # include") are not support: they are in Q12.
    assert answer(engine, 15) == expected

