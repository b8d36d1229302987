"""Broken seed input for every field contract v1.2 added (bounded dates, quote kinds,
activities, groups, office levels): each case of tests/test_seed_errors.py's kind (a
mutation and the fragments of the one error line it must give: file, entry, field,
message). Kept apart from tests/test_seed_rules.py so that module stays readable."""

from __future__ import annotations

from tests.seed_mutations import A000, A003, replace

A001 = "annotations/001_4ed99ff0c620660b.yaml"
A004 = "annotations/004_80f12345d448f103.yaml"
ELECTION = "    date_basis: reference\n    date_reference: wp-2024-iranian-presidential-election\n"
ARAQCHI_NOTE = "    date_note: \"'on Wednesday' in this report published on Wednesday 11 September 2024 (its date lines): 11 September 2024.\"\n"

V12_CASES = [
    # Dates: EDTF only in the forms the contract uses, ordered, inside the window.
    ("edtf-unknown-end", replace(A003, 'end_date: "2024-09-13"', 'end_date: "2024-09-13/"'),
     [A003, "id=pezeshkian-iraq-2024-09", "field 'end_date'", "is not a date: write EDTF"]),
    ("edtf-uncertain", replace(A003, 'held_on: "2024-09-11"', 'held_on: "2024-09-11?"'),
     [A003, "id=pezeshkian-sudani-2024-09-11", "field 'held_on'", "is not a date"]),
    ("edtf-interval-backwards", replace(A003, 'concluded_on: "2024-09-11"',
                                        'concluded_on: "2024-09-12/2024-09-11"'),
     [A003, "id=iran-iraq-14-mous-2024-09", "field 'concluded_on'", "ends before it starts"]),
    ("edtf-open-both-sides", replace(A003, 'said_on: "../2024-09-11"', 'said_on: "../.."', 1),
     [A003, "id=pezeshkian-office-2024-09-11-agenda", "field 'said_on'", "bounds nothing"]),
    ("edtf-outside-window", replace(A003, 'date: "2024-07-05"', 'date: "1850/2024-07-05"'),
     [A003, "id=pezeshkian-elected-2024-07", "field 'date'", "plausible window"]),
    # Basis, note and reference of a date.
    ("inferred-day-far-from-article", replace(A003, ELECTION, "    date_basis: inferred\n"),
     [A003, "id=pezeshkian-elected-2024-07", "field 'date'", "more than 31 days from the article"]),
    ("reference-basis-without-reference",
     replace(A003, "    date_reference: wp-2024-iranian-presidential-election\n", ""),
     [A003, "id=pezeshkian-elected-2024-07", "field 'date_reference'", "name the reference"]),
    ("unknown-date-reference", replace(A003, "date_reference: wp-2024-iranian-presidential-election",
                                       "date_reference: wp-2024-iranian-elections"),
     [A003, "id=pezeshkian-elected-2024-07", "field 'date_reference'", "unknown reference"]),
    ("reference-without-reference-basis",
     replace(A003, ELECTION, "    date_basis: stated\n    date_reference: "
                             "wp-2024-iranian-presidential-election\n"),
     [A003, "id=pezeshkian-elected-2024-07", "field 'date_reference'", "goes with basis 'reference'"]),
    ("inferred-date-without-note", replace(A003, ARAQCHI_NOTE, ""),
     [A003, "id=araghchi-2024-09-11-areas-of-cooperation", "field 'date_note'", "needs a note"]),
    ("figure-inferred-without-note",
     replace(A003, "    as_of_note: \"Present tense ('Iraq hosts') in this report of 11 September "
                   "2024: as reported on that day.\"\n", ""),
     [A003, "id=us-troops-in-iraq-2024-09", "field 'as_of_note'", "needs a note"]),
    # Quote kinds: a closed vocabulary, consistent with the quotation marks in the article.
    ("quote-kind-vocabulary", replace(A000, "at the start of the year.\", kind: partial}",
                                      "at the start of the year.\", kind: indirect}"),
     [A000, "id=rouhani-2020-07-21-honour-heroes", "field 'quotes.1.kind'", "'direct', 'partial' or 'paraphrase'"]),
    ("quote-kind-without-quotation-marks",
     replace(A001, "all the medical equipment and equipment it needs\", kind: paraphrase}",
             "all the medical equipment and equipment it needs\", kind: partial}"),
     [A001, "id=rouhani-2020-07-21-medical-pledge", "field 'quote.kind'", "holds none"]),
    ("paraphrase-with-quotation-marks",
     replace(A003, "    quote_kind: partial\n", "    quote_kind: paraphrase\n"),
     [A003, "id=araghchi-2024-09-11-areas-of-cooperation", "field 'quote.kind'",
      "holds words in quotation marks"]),
    ("statement-kind-and-legacy-flag",
     replace(A003, "    quote_kind: partial\n", "    quote_kind: partial\n    is_direct_quote: false\n"),
     [A003, "id=araghchi-2024-09-11-areas-of-cooperation", "field 'is_direct_quote'", "not both"]),
    ("kind-on-a-visit-quote",
     replace(A003, '      - "at the start of a three-day visit"',
             '      - {text: "at the start of a three-day visit", kind: direct}'),
     [A003, "id=pezeshkian-iraq-2024-09", "field 'quotes.1.kind'", "only a statement's quote"]),
    # Activities.
    ("activity-kind-vocabulary", replace(A003, "    kind: election\n", "    kind: vote\n"),
     [A003, "id=pezeshkian-elected-2024-07", "field 'kind'", "'election'"]),
    ("activity-status-vocabulary",
     replace(A003, "    date_note: \"The text: 'elected in July' (2024 by this report's date). The "
                   "run-off vote was held on Friday 5 July 2024 and its result announced on 6 July "
                   "(the reference).\"\n    status: held",
             "    date_note: \"The text: 'elected in July' (2024 by this report's date). The "
             "run-off vote was held on Friday 5 July 2024 and its result announced on 6 July "
             "(the reference).\"\n    status: done"),
     [A003, "id=pezeshkian-elected-2024-07", "field 'status'", "'held', 'planned' or 'cancelled'"]),
    ("activity-unknown-actor", replace(A003, "    actor: masoud-pezeshkian\n    country: IRN",
                                       "    actor: masoud-pezeshkiyan\n    country: IRN"),
     [A003, "id=pezeshkian-elected-2024-07", "field 'actor'", "unknown person 'masoud-pezeshkiyan'"]),
    ("activity-two-actors", replace(A003, "    actor: masoud-pezeshkian\n    country: IRN",
                                    "    actor: masoud-pezeshkian\n    actor_organization: "
                                    "iran-government\n    country: IRN"),
     [A003, "id=pezeshkian-elected-2024-07", "field 'actor_organization'", "at most one"]),
    ("activity-unknown-organization", replace(A003, "actor_organization: iran-government",
                                              "actor_organization: irgc"),
     [A003, "id=iran-retaliation-us-bases-2020-01-08", "field 'actor_organization'",
      "unknown organization 'irgc'"]),
    ("activity-unknown-visit", replace(A003, "    visit: pezeshkian-iraq-2024-09\n    date: ",
                                       "    visit: pezeshkian-iraq-2024-08\n    date: "),
     [A003, "id=pezeshkian-soleimani-monument-2024-09-11", "field 'visit'",
      "unknown visit 'pezeshkian-iraq-2024-08'"]),
    # Groups as participants.
    ("group-led-by-unknown-person", replace(A004, "    led_by: abdul-latif-rashid\n",
                                            "    led_by: abdul-latif-rasheed\n"),
     [A004, "id=rashid-iran-2023-04-delegations", "field 'led_by'", "unknown person"]),
    ("led-by-without-group",
     replace(A004, "    person: ebrahim-raisi\n    office: irn-president\n",
             "    person: ebrahim-raisi\n    led_by: ali-khamenei\n    office: irn-president\n"),
     [A004, "id=rashid-iran-2023-04-raisi", "field 'led_by'", "only a group is led"]),
    ("meeting-group-unknown-country",
     replace(A004, '{group: "Iraqi high-ranking delegations", country: IRQ,',
             '{group: "Iraqi high-ranking delegations", country: IRX,'),
     [A004, "id=raisi-rashid-2023-04-29", "field 'participants.2.country'", "unknown country 'IRX'"]),
    ("meeting-group-without-country",
     replace(A004, '{group: "Iraqi high-ranking delegations", country: IRQ, ',
             '{group: "Iraqi high-ranking delegations", '),
     [A004, "id=raisi-rashid-2023-04-29", "field 'participants.2.country'", "Field required"]),
    # Office levels.
    ("office-level-vocabulary", replace("reference/offices.yaml", "level: head_of_government,",
                                        "level: prime_minister,"),
     ["reference/offices.yaml", "id=irn-president", "field 'level'", "'head_of_government'"]),
    # Statement kinds and targets (revision 0015): required, closed, a known country.
    ("statement-kind-missing", replace(A004, "    kind: criticism\n", ""),
     [A004, "id=raisi-2023-04-29-foreign-troops", "field 'kind'", "Field required"]),
    ("statement-kind-vocabulary", replace(A004, "    kind: criticism\n", "    kind: scolding\n"),
     [A004, "id=raisi-2023-04-29-foreign-troops", "field 'kind'", "'criticism', 'accusation'"]),
    ("statement-target-unknown", replace(A004, "    target: USA\n", "    target: USB\n"),
     [A004, "id=raisi-2023-04-29-foreign-troops", "field 'target'", "unknown country 'USB'"]),
]
