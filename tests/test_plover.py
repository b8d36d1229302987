"""PLOVER coding: the JSON Schema written from the manual's tables accepts PLOVER records
and refuses broken ones; the coding rules cover every fact type and condition once, use
only the manual's vocabularies, agree with the CAMEO→PLOVER table or say why not, and are
the ones docs/coding.md lists; the database refuses what the manual does not allow."""

from __future__ import annotations

import copy
import itertools

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from diplodb import plover
from diplodb.models import Base
from diplodb.seed.problems import SeedValidationError
from diplodb.seed.validate.corpus import read_corpus

from tests import coding_docs
from tests.seed_mutations import replace

RULES = "reference/plover_rules.yaml"
CONTEXTS = "reference/plover_contexts.yaml"

# A visit as events.jsonl will carry it: every field of diplodb's profile.
VISIT = {
    "id": "diplodb-visit-kadhimi-iran-2020-07",
    "date": "2020-07-21", "enddate": "2020-07-21",
    "actor": [{"code": "IRQ", "sector": "GOV", "entity_text": "Mustafa Al Kadhemi",
               "identifier_id": "Q20828823", "office": "Prime Minister of Iraq"}],
    "recipient": [{"code": "IRN", "sector": "GOV", "entity_text": "Hassan Rouhani"}],
    "event": ["CONSULT"], "mode": ["visit"], "context": ["diplomatic", "executive"],
    "quad_code": 1,
    "event_loc": {"resolved_place": "Tehran", "geonameid": 112931, "lat": 35.69439,
                  "lon": 51.42151, "country_code": "IRN", "resolution": 4},
    "event_text": ["Iraqi Prime Minister Mustafa Al Kadhemi met Iran's President Hassan "
                   "Rouhani in Tehran on Tuesday"],
    "text_info": {"sequence": 2, "start": 73, "end": 211},
    "cite_info": {"corpus": "diplodb", "citation": "afp-2020-07-21-kadhemi-tehran",
                  "title": "Iraq's Kadhimi in Tehran", "language": "en",
                  "codebook": plover.CODEBOOK, "version": "2026.1.0"},
    "cameo": "042", "diplodb_status": "ongoing",
}


def broken(**changes) -> dict:
    record = copy.deepcopy(VISIT)
    for key, value in changes.items():
        if value is None:
            del record[key]
        else:
            record[key] = value
    return record


# -- the JSON Schema ------------------------------------------------------------------
def test_the_schema_holds_the_manuals_vocabularies():
    plover.validator()  # the schema itself is valid JSON Schema 2020-12
    events, modes = plover.event_types(), plover.modes()
    assert len(events) == 16 and len(set(events)) == 16
    assert "CRIME" not in events and "DEMAND" not in events  # the stale README's
    assert len(plover.contexts()) == 37
    assert modes["CONSULT"] == ("visit", "third-party", "multilateral", "phone")
    assert modes["REJECT"] == modes["REQUEST"]  # "These modes are shared with REJECT."
    assert {e for e, m in modes.items() if not m} == {"AGREE", "SUPPORT", "CONCEDE",
                                                      "COOPERATE", "AID"}
    assert plover.quad_codes()["SANCTION"] == 4  # its section: MATERIAL CONFLICT


def test_a_full_record_and_the_manuals_minimal_record_are_valid():
    assert plover.problems(VISIT) == []
    # The manual's "simplest form of an event record" (its date quoted: JSON needs it) is
    # a PLOVER record, though not a complete line of diplodb's export.
    minimal = {"id": "PHOXv1-20160724-0042", "date": "2016-07-24", "actor": [{"code": "USA"}],
               "recipient": [{"code": "CAN"}], "event": ["CONSULT"]}
    from jsonschema import Draft202012Validator

    base = {"$ref": "#/$defs/plover_record", "$defs": plover.schema()["$defs"]}
    assert list(Draft202012Validator(base).iter_errors(minimal)) == []
    assert plover.problems(minimal) != []


@pytest.mark.parametrize("record, fragment", [
    (broken(event=["CONSULTATION"]), "event/0"),
    (broken(event=["CRIME"]), "event/0"),
    (broken(mode=["demo"]), "mode/0"),  # a PROTEST mode on a CONSULT
    (broken(event=["AGREE"], mode=["visit"], quad_code=1), "mode"),  # AGREE has no modes
    (broken(quad_code=4), "quad_code"),  # CONSULT is verbal cooperation
    (broken(context=["humanitarian"]), "context/0"),  # the C2P table's, not the manual's
    (broken(event=["AID"], mode=[], quad_code=2, recipient=[]), "recipient"),
    (broken(date="21 July 2020"), "date"),
    (broken(date="2020-02-30"), "date"),
    (broken(enddate="2020-07-20"), "enddate"),
    (broken(text_info={"sequence": 2, "start": 211, "end": 73}), "text_info/end"),
    (broken(actor=[]), "actor"),
    (broken(actor=[{"entity_text": "Kadhemi"}]), "actor/0"),
    (broken(cite_info={**VISIT["cite_info"], "codebook": "plover-base-1.3.1"}), "codebook"),
    (broken(event_loc={"lat": 135.0}), "event_loc"),
])
def test_a_broken_record_is_refused_with_the_field_named(record, fragment):
    found = plover.problems(record)
    assert found and any(fragment in p for p in found), found


@pytest.mark.parametrize("field", ["id", "date", "enddate", "actor", "recipient", "event", "mode",
                                   "context", "event_loc", "event_text", "text_info",
                                   "cite_info"])
def test_every_field_of_the_profile_is_required(field):
    found = plover.problems(broken(**{field: None}))
    assert any(f"'{field}' is a required property" in p for p in found), found


def test_an_unknown_place_is_null_not_missing():
    assert plover.problems(broken(event_loc=None)) != []
    record = copy.deepcopy(VISIT)
    record["event_loc"] = None
    assert plover.problems(record) == []


# -- the rules in the database -------------------------------------------------------
@pytest.fixture(scope="module")
def rules(engine):
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(text(
            "select r.*, c.plover_event as table_event, ref.title as reference_title "
            "from core.plover_rule r left join core.cameo_code c on c.cameo_code = r.cameo_code "
            "join core.reference ref on ref.reference_id = r.reference_id")).mappings()]


def test_every_combination_has_exactly_one_rule(rules):
    found = {}
    for r in rules:
        key = (r["fact_type"], tuple(r[c] for c in plover.CODED[r["fact_type"]]))
        found[key] = found.get(key, 0) + 1
    expected = {(fact_type, combination) for fact_type, columns in plover.CODED.items()
                for combination in itertools.product(*columns.values())}
    assert set(found) == expected
    assert set(found.values()) == {1}
    assert {"visit", "meeting", "activity", "statement", "agreement"} == set(plover.CODED)


def test_every_rule_is_a_valid_plover_record(rules):
    """Each coded rule, as the one event it makes, passes the JSON Schema: its category,
    its modes (those the manual allows the category), its contexts and quad category."""
    coded = [r for r in rules if r["plover_event"]]
    assert coded
    for r in coded:
        record = broken(event=[r["plover_event"]], mode=r["plover_modes"],
                        context=r["plover_contexts"],
                        quad_code=plover.quad_codes()[r["plover_event"]], cameo=r["cameo_code"],
                        recipient=VISIT["recipient"])
        assert plover.problems(record) == [], r["rule_id"]
    for r in rules:
        if r["plover_event"] is None:
            assert r["plover_modes"] == [], r["rule_id"]


def test_every_rule_agrees_with_the_cameo_table_or_says_why(rules):
    for r in rules:
        if r["cameo_code"] is None:
            assert r["cameo_deviation"] is None, r["rule_id"]
            continue
        differs = r["plover_event"] != r["table_event"]
        assert differs == (r["cameo_deviation"] is not None), r["rule_id"]
    assert [r["rule_id"] for r in rules if r["cameo_deviation"]] == ["statement-appeal"]


def test_every_rule_names_the_manual_and_its_section(rules):
    for r in rules:
        assert r["reference_id"] == "plover-manual"
        assert "PLOVER" in r["reference_title"]
        assert r["manual_section"].split(" › ")[0] in (
            "Event Categories", "Event, Mode, and Context", "CAMEO vs. PLOVER", "Contexts")
        assert len(r["manual_quote"]) > 20


def test_the_issues_rules(rules):
    """The codings issue 21 names: a visit is CONSULT visit, visitor → host; a meeting at a
    neutral place CONSULT third-party; planned visits and meetings AGREE (CAMEO 036)."""
    by_id = {r["rule_id"]: r for r in rules}

    def coded(rule_id):
        r = by_id[rule_id]
        return (r["plover_event"], r["plover_modes"], r["cameo_code"], r["actor_role"],
                r["recipient_role"])

    assert coded("visit-completed") == ("CONSULT", ["visit"], "042", "visitor", "host")
    assert coded("meeting-held-third-party") == ("CONSULT", ["third-party"], "044",
                                                 "participants", None)
    for rule_id in ("visit-planned", "visit-postponed", "meeting-scheduled-hosted",
                    "statement-invitation", "statement-intent-to-meet"):
        assert coded(rule_id)[0] == "AGREE" and coded(rule_id)[2] == "036", rule_id
    assert coded("agreement-signed-mou")[:3] == ("SUPPORT", [], "057")
    assert coded("agreement-announced-commitment")[0] == "AGREE"
    assert coded("statement-intent-to-aid")[:3] == ("AGREE", [], "033")
    assert coded("statement-comment")[0] is None  # PLOVER drops CAMEO 01


def test_every_visit_meeting_and_agreement_of_the_data_has_one_rule(q):
    """The joins analytics.events will make (docs/coding.md, phase 2) find one rule for
    every fact of the data, with the meeting's setting derived as documented there."""
    visits = q("select v.visit_id, count(r.rule_id) as n from core.visit v left join "
               "core.plover_rule r on r.fact_type = 'visit' and r.status = v.status "
               "group by v.visit_id")
    agreements = q("select a.agreement_id, count(r.rule_id) as n from core.agreement a "
                   "left join core.plover_rule r on r.fact_type = 'agreement' "
                   "and r.status = a.status and r.kind = a.kind group by a.agreement_id")
    meetings = q("""
        with parts as (
            select mp.meeting_id, p.country_code from core.meeting_participant mp
            join core.person p using (person_id)),
        settings as (
            select m.meeting_id, m.status,
                   case when m.visit_id is not null then 'hosted'
                        when pl.country_code in (select country_code from parts x
                                                 where x.meeting_id = m.meeting_id)
                         and exists (select from parts x where x.meeting_id = m.meeting_id
                                     and x.country_code <> pl.country_code) then 'hosted'
                        when pl.country_code not in (select country_code from parts x
                                                     where x.meeting_id = m.meeting_id)
                             then 'third_party'
                        else 'unknown' end as setting
            from core.meeting m left join core.place pl using (place_id))
        select s.meeting_id, s.setting, count(r.rule_id) as n from settings s
        left join core.plover_rule r on r.fact_type = 'meeting' and r.status = s.status
         and r.setting = s.setting group by s.meeting_id, s.setting""")
    assert visits and agreements and meetings
    assert {row["n"] for row in [*visits, *agreements, *meetings]} == {1}
    assert {row["setting"] for row in meetings} <= set(plover.CODED["meeting"]["setting"])


def test_every_topic_and_subject_area_has_its_contexts(q):
    unmapped = q("select 'topic' as what, topic_id as id from core.topic t where not exists "
                 "(select from core.plover_context_map m where m.topic_id = t.topic_id) "
                 "union all select 'subject area', subject_area_id from core.subject_area a "
                 "where not exists (select from core.plover_context_map m "
                 "where m.subject_area_id = a.subject_area_id)")
    assert unmapped == []
    contexts = {row["context"] for row in q("select context from core.plover_context_map")}
    assert contexts - {None} <= set(plover.contexts())
    assert None in contexts  # some topics give none, and say why
    assert q("select count(*) as n from core.plover_context_map where context is null "
             "and note is null")[0]["n"] == 0


def test_docs_list_every_rule(rules):
    committed = coding_docs.block(coding_docs.DOC.read_text())
    assert committed == coding_docs.render(rules), (
        "docs/coding.md is out of date; run: .venv/bin/python -m tests.coding_docs")


# -- the database enforces the manual's vocabularies -------------------------------------
GOOD = {"rule_id": "visit-test", "fact_type": "visit", "status": "completed", "kind": None,
        "setting": None, "plover_event": "CONSULT", "plover_modes": ["visit"],
        "plover_contexts": ["diplomatic"], "actor_role": "visitor", "recipient_role": "host",
        "reference_id": "plover-manual", "manual_section": "s", "manual_quote": "q"}


@pytest.mark.parametrize("change, constraint", [
    ({"plover_event": "CRIME", "plover_modes": []}, "plover_event_vocabulary"),
    ({"plover_modes": ["demo"]}, "modes_of_its_event"),
    ({"plover_event": "AGREE"}, "modes_of_its_event"),  # AGREE has no modes
    ({"plover_event": None}, "modes_of_its_event"),  # no event, no modes
    ({"plover_contexts": ["humanitarian"]}, "contexts_vocabulary"),
    ({"status": None}, "conditions_of_its_fact_type"),
    ({"kind": "mou"}, "conditions_of_its_fact_type"),  # a visit has no kind
    ({"fact_type": "meeting"}, "conditions_of_its_fact_type"),  # a meeting needs a setting
    ({"fact_type": "figure"}, "conditions_of_its_fact_type"),  # no rules for figures
    ({"actor_role": "host"}, "actor_role_vocabulary"),
])
def test_the_database_refuses_what_the_manual_does_not_allow(db_session, change, constraint):
    row = {**GOOD, **change}
    columns = ", ".join(row)
    db_session.execute(text("savepoint probe"))
    try:
        db_session.execute(text(f"insert into core.plover_rule ({columns}) values "
                                f"({', '.join(':' + c for c in row)})"), row)
    except IntegrityError as error:
        assert constraint in str(error.orig), error.orig
    else:
        pytest.fail(f"{change} was accepted")
    finally:
        db_session.execute(text("rollback to savepoint probe"))


def test_the_model_constraints_are_the_migrations(db_session):
    """Revision 0011 holds its own copy of the vocabularies; the models build theirs from
    the JSON Schema. Each CHECK of the models, added to a copy of the migrated table, reads
    back exactly as the migrated one."""
    for name in ("plover_rule", "plover_context_map", "cameo_code"):
        table = Base.metadata.tables[f"core.{name}"]
        migrated = dict(db_session.execute(text(
            "select conname, pg_get_constraintdef(oid) from pg_constraint "
            "where conrelid = cast(:t as regclass) and contype = 'c'"),
            {"t": f"core.{name}"}).all())
        db_session.execute(text(f"create temp table probe_{name} (like core.{name})"))
        checks = [c for c in table.constraints if c.__class__.__name__ == "CheckConstraint"]
        assert {c.name for c in checks} == set(migrated)
        for check in checks:
            db_session.execute(text(f"alter table probe_{name} add constraint probe_{check.name} "
                                    f"check ({check.sqltext})"))
            model = db_session.execute(text(
                "select pg_get_constraintdef(oid) from pg_constraint "
                "where conname = :c"), {"c": f"probe_{check.name}"}).scalar()
            assert model == migrated[check.name], check.name


# -- the loader refuses broken coding tables ------------------------------------------
# (case id, mutation, expected fragments of one error line); also run, and shown in
# docs/seed-format.md, by tests/test_seed_errors.py.
CODING_CASES = [
    ("plover-rule-missing", replace(RULES, "status: [planned, postponed]", "status: [planned]"),
     [RULES, "no rule codes a visit with status postponed"]),
    ("plover-rule-twice", replace(RULES, "status: [cancelled]", "status: [postponed, cancelled]"),
     [RULES, "id=visit-cancelled", "field 'id'",
      "a visit with status postponed already has a rule"]),
    ("plover-mode-not-allowed", replace(RULES, "modes: [visit]", "modes: [demo]"),
     [RULES, "id=visit-made", "field 'modes.0'", "unknown mode of CONSULT 'demo'"]),
    ("plover-unknown-event", replace(RULES, "event: CONSULT", "event: CONSULTATION"),
     [RULES, "id=visit-made", "field 'event'"]),
    ("plover-condition-of-another-fact-type",
     replace(RULES, "  status: [completed, ongoing]\n",
             "  status: [completed, ongoing]\n  kind: [mou]\n"),
     [RULES, "id=visit-made", "field 'kind'", "a visit rule has no kind"]),
    ("plover-cameo-disagrees", replace(RULES, 'cameo: "042"', 'cameo: "057"'),
     [RULES, "id=visit-made", "field 'cameo_deviation'", "gives 057 SUPPORT, the rule CONSULT"]),
    ("plover-topic-without-context",
     replace(CONTEXTS, "- topic: itinerary\n", "- topic: itinerari\n"),
     [CONTEXTS, "topic 'itinerary' has no entry"]),
    ("plover-unknown-context", replace(CONTEXTS, "context: economic", "context: economy"),
     [CONTEXTS, "field 'context'"]),
]


@pytest.mark.parametrize("case, mutate, expected", CODING_CASES, ids=[c[0] for c in CODING_CASES])
def test_a_broken_coding_table_is_named_by_file_entry_and_field(seeds_copy, case, mutate,
                                                                 expected):
    mutate(seeds_copy)
    with pytest.raises(SeedValidationError) as raised:
        read_corpus(seeds_copy)
    lines = [str(p) for p in raised.value.problems]
    assert any(all(f in line for f in expected) for line in lines), lines
