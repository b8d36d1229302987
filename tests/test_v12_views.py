"""The views contract v1.2 adds to, with exactly the rows the five articles support
(written from the articles, as tests/test_examples.py does; article numbers as there)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

D0103, D0108 = dt.date(2020, 1, 3), dt.date(2020, 1, 8)
D0718, D0719, D0720 = dt.date(2020, 7, 18), dt.date(2020, 7, 19), dt.date(2020, 7, 20)
D0705, D0911 = dt.date(2024, 7, 5), dt.date(2024, 9, 11)


def rows(engine, sql: str) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql))]


def test_activities_are_what_the_articles_report_beyond_visits_and_meetings(engine):
    # (id, kind, person, organisation, country, place, visit, earliest, latest, EDTF,
    # basis, reference, status, sources)
    assert rows(engine, "select activity_id, kind, actor_id, actor_organization_id, "
                        "country_code, place, visit_id, earliest, latest, date_edtf, "
                        "date_basis, date_reference_id, status, source_count "
                        "from analytics.activities order by earliest, activity_id") == [
        # 000 "killed together in a US drone strike on Baghdad airport at the start of the
        # year", 002 "a US air strike in January", 003 "a US drone attack in 2020": one
        # strike, on 3 January 2020 by the named reference.
        ("us-strike-soleimani-2020-01-03", "strike", None, "us-government", "IRQ",
         "Baghdad International Airport", None, D0103, D0103, "2020-01-03", "reference",
         "wp-assassination-of-qasem-soleimani", "held", 3),
        # 003: "Tehran's retaliation by attacking US bases in Iraq" (in 2020; 8 January by
        # the reference).
        ("iran-retaliation-us-bases-2020-01-08", "attack", None, "iran-government", "IRQ", None,
         None, D0108, D0108, "2020-01-08", "reference", "wp-operation-martyr-soleimani",
         "held", 1),
        # 002: "In Baghdad, Mr Zarif paid a visit to the site where Mr Soleimani was killed"
        # ("outside Baghdad’s international airport"), during the weekend trip.
        ("zarif-soleimani-site-visit-2020-07", "site_visit", "mohammad-javad-zarif", None, "IRQ",
         "Site of Qasem Soleimani's killing, outside Baghdad International Airport",
         "zarif-iraq-2020-07", D0718, D0719, "2020-07-18/2020-07-19", "inferred", None, "held",
         1),
        # 000: "King Salman was hospitalised on Monday" (20 July 2020); 001: "because King
        # Salman bin Abdulaziz was hospitalized".
        ("salman-hospitalised-2020-07-20", "hospitalisation", "salman-bin-abdulaziz", None,
         "SAU", None, None, D0720, D0720, "2020-07-20", "inferred", None, "held", 2),
        # 003: "who was elected in July" (the run-off of 5 July 2024, by the reference).
        ("pezeshkian-elected-2024-07", "election", "masoud-pezeshkian", None, "IRN", None, None,
         D0705, D0705, "2024-07-05", "reference", "wp-2024-iranian-presidential-election",
         "held", 1),
        # 003: "Pezeshkian visited a monument for Iranian Major-General Qassem Soleimani",
        # on the visit's first day (the report's).
        ("pezeshkian-soleimani-monument-2024-09-11", "site_visit", "masoud-pezeshkian", None,
         "IRQ", None, "pezeshkian-iraq-2024-09", D0911, D0911, "2024-09-11", "inferred", None,
         "held", 1),
    ]
    # Every activity is on the timeline, with its bounds.
    assert rows(engine, "select count(*) from analytics.timeline where event_type = 'activity'")\
        == [(6,)]


def test_groups_are_visit_participants_where_the_text_names_no_one(engine):
    assert rows(engine, "select participant_id, group_description, led_by_person_id, "
                        "country_code, role, source_count from analytics.visit_participants "
                        "where group_description is not null order by participant_id") == [
        # 000: "... national security adviser, some of whom also met their Iranian
        # counterparts".
        ("kadhimi-iran-2020-07-iranian-counterparts",
         "the Iranian counterparts of those delegation members", None, "IRN", "counterpart", 1),
        ("kadhimi-iran-2020-07-members-met-counterparts",
         "some members of the Iraqi delegation, who also met their Iranian counterparts", None,
         "IRQ", "delegation", 1),
        # 004: "after meeting with Iraqi high-ranking delegations led by Rashid".
        ("rashid-iran-2023-04-delegations",
         "Iraqi high-ranking delegations (members and size not stated)", "abdul-latif-rashid",
         "IRQ", "delegation", 1),
    ]
    # A group is neither a person nor an office.
    assert rows(engine, "select count(*) from analytics.visit_participants "
                        "where group_description is not null and "
                        "(person_id is not null or office_title is not null)") == [(0,)]


def test_groups_are_meeting_participants_too(engine):
    assert rows(engine, "select meeting_id, participant_key, group_description, country_code, "
                        "led_by_person_id from analytics.meeting_participants "
                        "where person_id is null order by meeting_id, participant_key") == [
        # 000: "some of whom also met their Iranian counterparts".
        ("kadhimi-iran-2020-07-members-counterparts", "group-1",
         "some members of the Iraqi delegation", "IRQ", None),
        ("kadhimi-iran-2020-07-members-counterparts", "group-2", "their Iranian counterparts",
         "IRN", None),
        # 000: "Kadhemi is also expected to meet ... among other senior officials".
        ("kadhimi-other-senior-officials-2020-07-21", "group-1", "other senior Iranian officials",
         "IRN", None),
        # 004: "after meeting with Iraqi high-ranking delegations led by Rashid".
        ("raisi-rashid-2023-04-29", "group-1", "Iraqi high-ranking delegations", "IRQ",
         "abdul-latif-rashid"),
    ]
    # A person takes part in the office held on the meeting's day: 004's Raisi meeting.
    assert rows(engine, "select person_id, office_title from analytics.meeting_participants "
                        "where meeting_id = 'raisi-rashid-2023-04-29' and person_id is not null "
                        "order by person_id") == [
        ("abdul-latif-rashid", "President of Iraq"), ("ebrahim-raisi", "President of Iran")]


def test_meetings_say_whether_they_took_place_and_as_of_when(engine):
    assert rows(engine, "select meeting_id, took_place, status_as_of from analytics.meetings "
                        "where not took_place") == [
        # 000: "expected to meet ... among other senior officials" later that day.
        ("kadhimi-other-senior-officials-2020-07-21", False, dt.date(2020, 7, 21))]
    assert rows(engine, "select count(*) from analytics.meetings where took_place "
                        "and status_as_of is null") == [(0,)]


def test_visits_say_their_level_and_status_as_of(engine):
    assert rows(engine, "select visit_id, level, took_place, status, status_as_of "
                        "from analytics.visits order by visit_id") == [
        # 000/001/002, 21 July 2020: al-Kadhimi as prime minister (head of government).
        ("kadhimi-iran-2020-07", "head_of_government", True, "ongoing", dt.date(2020, 7, 21)),
        ("kadhimi-saudi-arabia-2020-07", "head_of_government", False, "postponed",
         dt.date(2020, 7, 21)),
        ("kadhimi-united-states-2020", "head_of_government", False, "planned",
         dt.date(2020, 7, 21)),
        # 003: "Iranian President Masoud Pezeshkian": head of government.
        ("pezeshkian-iraq-2024-09", "head_of_government", True, "ongoing", D0911),
        # 004: "visiting Iraqi President Abdul Latif Rashid": head of state.
        ("rashid-iran-2023-04", "head_of_state", True, "ongoing", dt.date(2023, 4, 29)),
        # 000/001/002: "Iran's top diplomat Mohammad Javad Zarif".
        ("zarif-iraq-2020-07", "foreign_minister", True, "completed", dt.date(2020, 7, 21)),
    ]
